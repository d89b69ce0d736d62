import DataLoader from 'dataloader';
import type { Db, Store } from './db.js';
import type { Viewer } from './viewer.rules.js';

/**
 * What a feature's per-request loaders are built with (each feature's `<feature>.loaders.ts`,
 * exposed as its module's `loaders`; app/loaders.ts only composes them): the read handle, the
 * viewer's branch scope, and a DataLoader factory batching the way this store batches best.
 */
export interface LoaderKit {
  readonly db: () => Db;
  readonly viewer: Viewer | null;
  /** The viewer's branch scope (null: the whole bank, or no viewer). */
  readonly scope: ReadonlySet<string> | null;
  loader<K, V>(batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V>;
}

/**
 * On SQLite every query of a level answers within one turn of the event loop, so DataLoader's
 * default (dispatch once the promise jobs have run) batches a whole level. On PostgreSQL answers
 * arrive one socket read at a time: dispatching at setImmediate gathers the loads of every answer
 * read in the same turn, instead of one batch per answer.
 */
const scheduleFor = (dialect: 'sqlite' | 'postgres') =>
  dialect === 'postgres' ? { batchScheduleFn: (dispatch: () => void) => void setImmediate(dispatch) } : {};

/** One request's kit: loaders made from it live as long as the request (or subscription execution). */
export function loaderKit(store: Store, viewer: Viewer | null): LoaderKit {
  const schedule = scheduleFor(store.dialect);
  return {
    db: () => store.read,
    viewer,
    scope: viewer?.scope ?? null,
    loader: <K, V>(batch: (keys: readonly K[]) => Promise<V[]>) =>
      new DataLoader<K, V>(async (keys) => batch(keys), { maxBatchSize: 500, ...schedule }),
  };
}

/** The row of each key (null when absent), in the keys' order, as DataLoader wants it. */
export function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (v: V) => K): (V | null)[] {
  const map = new Map<K, V>();
  for (const r of rows) map.set(keyOf(r), r);
  return keys.map((k) => map.get(k) ?? null);
}

/** The rows of each key (empty when none), in the keys' order, as DataLoader wants it. */
export function groupBy<K, V>(keys: readonly K[], rows: V[], keyOf: (v: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return keys.map((k) => map.get(k) ?? []);
}
