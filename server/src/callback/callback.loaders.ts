import { groupBy, type LoaderKit } from '../core/loader.js';
import { attemptsOfCallbacks, type CallbackAttemptRow } from './callback.repository.js';

/** Per-request batching: a queue page's call histories in one query, not one per callback. */
export function callbackLoaders({ db, loader }: LoaderKit) {
  return {
    callbackAttempts: loader<string, CallbackAttemptRow[]>(async (ids) =>
      groupBy(ids, await attemptsOfCallbacks(db(), ids), (a) => a.callbackId),
    ),
  };
}
