import { groupBy, type LoaderKit } from '../core/loader.js';
import { eventsOfProblems, type HubEventRow } from './event.repository.js';

/** Per-request batching of a page of problems' timelines. */
export function eventLoaders({ db, loader }: LoaderKit) {
  return {
    history: loader<string, HubEventRow[]>(async (ids) => groupBy(ids, await eventsOfProblems(db(), ids), (e) => e.problemId ?? '')),
  };
}
