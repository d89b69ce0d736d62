import { byKey, type LoaderKit } from '../core/loader.js';
import { usersByIds, type UserRow } from './user.repository.js';

/** Per-request batching of the people a page names (actors, owners, experts). */
export function userLoaders({ db, loader }: LoaderKit) {
  return {
    user: loader<string, UserRow | null>(async (ids) => byKey(ids, await usersByIds(db(), ids), (u) => u.id)),
  };
}
