import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Db, Store } from '../core/db.js';
import * as tables from '../core/tables.js';
import { feedbackRollups, feedbackSeriesRollups, rollupState } from './report.table.js';
import { addToCube, rebuildCube, type CubeSpec } from './cube.repository.js';
import { contactCube } from '../kpi/kpi.repository.js';
import { DEFAULT_KPI_THRESHOLDS, type KpiThresholds } from '../kpi/kpi.rules.js';

const r = feedbackRollups;
const series = feedbackSeriesRollups;

/** Feedback counted by day and month × branch × kind: the daily series. */
export const FEEDBACK_SERIES_CUBE: CubeSpec<'kind', 'items' | 'complaints'> = {
  table: 'feedback_series_rollups',
  source: 'feedback f',
  time: 'f.received_at',
  dims: {
    branchId: { column: series.branchId.name, source: 'f.branch_id' },
    kind: { column: series.kind.name, source: 'f.kind' },
  },
  measures: {
    items: { column: series.items.name, source: 'count(*)' },
    complaints: { column: series.complaints.name, source: 'sum(f.complaint)' },
  },
};

/**
 * Feedback counted by day and month × branch × category × channel × kind; counting rows into it
 * (or rebuilding it) counts them into the daily series too.
 */
export const FEEDBACK_CUBE: CubeSpec<'categoryId' | 'channel' | 'kind', 'items' | 'complaints'> = {
  table: 'feedback_rollups',
  source: 'feedback f',
  time: 'f.received_at',
  dims: {
    branchId: { column: r.branchId.name, source: 'f.branch_id' },
    categoryId: { column: r.categoryId.name, source: 'f.category_id' },
    channel: { column: r.channel.name, source: 'f.channel' },
    kind: { column: r.kind.name, source: 'f.kind' },
  },
  measures: {
    items: { column: r.items.name, source: 'count(*)' },
    complaints: { column: r.complaints.name, source: 'sum(f.complaint)' },
  },
  companions: [FEEDBACK_SERIES_CUBE],
};

/** Counts one recorded feedback item into the rollups, in the transaction that recorded it. */
export function addFeedbackToRollups(tx: Db, feedbackId: string): void {
  addToCube(tx, FEEDBACK_CUBE, 'f.id = ?', [feedbackId]);
}

// The configuration each rollup was counted with; a different one means a rebuild.
// v2: with the daily series.
const FEEDBACK_CONFIG = 'v2';
const contactConfig = (t: KpiThresholds) => JSON.stringify([t.serviceLevelSeconds, t.responseSeconds, t.repeatWindowDays]);

function writeState(db: Db, name: string, config: string): void {
  db.insert(rollupState)
    .values({ name, config, builtAt: new Date() })
    .onConflictDoUpdate({ target: rollupState.name, set: { config, builtAt: new Date() } })
    .run();
}

function rebuild(store: Store, which: { feedback: boolean; contacts: boolean }, t: KpiThresholds): void {
  const db = drizzle({ client: store.raw, schema: tables });
  store.raw.transaction(() => {
    if (which.feedback) {
      rebuildCube(db, FEEDBACK_CUBE);
      writeState(db, 'feedback', FEEDBACK_CONFIG);
    }
    if (which.contacts) {
      rebuildCube(db, contactCube(t));
      writeState(db, 'contacts', contactConfig(t));
    }
  })();
}

/**
 * Recounts every rollup from the rows, in one transaction: for data loaded around the services
 * (the demo set, a restore). Synchronous, on the writer connection: call it when no write
 * transaction is open (at start, after a bulk load).
 */
export function rebuildRollups(store: Store, thresholds: KpiThresholds = DEFAULT_KPI_THRESHOLDS): void {
  rebuild(store, { feedback: true, contacts: true }, thresholds);
}

/**
 * Rebuilds the rollups that were counted with another configuration (KPI thresholds changed) or
 * never (a database from before the rollups). Answers which ones it rebuilt. Same rules as
 * rebuildRollups for when to call it.
 */
export function ensureRollups(store: Store, thresholds: KpiThresholds): { feedback: boolean; contacts: boolean } {
  const rows = store.raw.prepare('SELECT name, config FROM rollup_state').all() as { name: string; config: string }[];
  const config = new Map(rows.map((row) => [row.name, row.config]));
  const stale = { feedback: config.get('feedback') !== FEEDBACK_CONFIG, contacts: config.get('contacts') !== contactConfig(thresholds) };
  if (stale.feedback || stale.contacts) rebuild(store, stale, thresholds);
  return stale;
}
