import { registerEnumType } from 'type-graphql';
import { ROLES } from '../core/roles.js';
import { enumOf } from '../core/enum.js';

export const Role = enumOf(ROLES);
registerEnumType(Role, { name: 'Role', description: 'What a user does in the loop.' });
