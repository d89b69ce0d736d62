/** user: people, their roles and scopes, and their administration. */
import { UserResolver, HubEventActorResolver } from './user.resolver.js';
import { userLoaders } from './user.loaders.js';

export { UserService } from './user.service.js';

export const userModule = {
  name: 'user',
  resolvers: [UserResolver, HubEventActorResolver],
  loaders: userLoaders,
};
export { findUserById } from './user.repository.js';
export { UserType } from './user.type.js';

// What other modules use of this one.
export { findUserByUsername, usersByIds } from './user.repository.js';
export type { UserRow } from './user.repository.js';
export { users } from './user.table.js';
export { Role } from './user.enums.js';
