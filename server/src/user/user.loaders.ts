import { byKey, type LoaderKit } from '../core/loader.js';
import { usersByIds, usersByUsernames, type UserRow } from './user.repository.js';

/** Per-request batching of the people a page names (actors, owners, experts). */
export function userLoaders({ db, loader }: LoaderKit) {
  return {
    user: loader<string, UserRow | null>(async (ids) => byKey(ids, await usersByIds(db(), ids), (u) => u.id)),
    /** By sign-in name: what history notes written before names were shown carry (event.rules legacyExpertNote). */
    userByUsername: loader<string, UserRow | null>(async (names) => byKey(names, await usersByUsernames(db(), names), (u) => u.username)),
  };
}
