import { getTableName, sql } from 'drizzle-orm';
import type { Db, Store } from '../core/db.js';
import { rows as readRows } from '../core/sql.js';
import { feedbackRollups, feedbackSeriesRollups, rollupState } from './rollup.table.js';
import { addToCube, cubeColumn, rebuildCube, subtractFromCube, type CubeSpec } from '../core/cube.repository.js';
import type { FeedbackBefore } from '../event/index.js';
import { contactCube, DEFAULT_KPI_THRESHOLDS, type KpiThresholds } from '../kpi/index.js';

/**
 * A rollup of feedback rows by branch and the given dimensions, counting items and complaints;
 * `companions` are coarser rollups kept with it.
 */
function feedbackCube<D extends string>(
  table: typeof feedbackRollups | typeof feedbackSeriesRollups,
  dims: Record<D, { column: string; source: string }>,
  companions?: readonly CubeSpec<string, string>[],
): CubeSpec<D, 'items' | 'complaints'> {
  return {
    table: getTableName(table),
    source: 'feedback f',
    time: 'f.received_at',
    dims: { branchId: cubeColumn(table.branchId, 'f.branch_id'), ...dims },
    measures: { items: cubeColumn(table.items, 'count(*)'), complaints: cubeColumn(table.complaints, 'sum(f.complaint)') },
    // A voided item stays on record but is counted nowhere.
    filter: 'f.voided_at IS NULL',
    ...(companions && { companions }),
  };
}

/** Feedback counted by day and month × branch × kind: the daily series. */
export const FEEDBACK_SERIES_CUBE = feedbackCube(feedbackSeriesRollups, { kind: cubeColumn(feedbackSeriesRollups.kind, 'f.kind') });

/**
 * Feedback counted by day and month × branch × category × channel × kind; counting rows into it
 * (or rebuilding it) counts them into the daily series too.
 */
export const FEEDBACK_CUBE = feedbackCube(
  feedbackRollups,
  {
    categoryId: cubeColumn(feedbackRollups.categoryId, 'f.category_id'),
    channel: cubeColumn(feedbackRollups.channel, 'f.channel'),
    kind: cubeColumn(feedbackRollups.kind, 'f.kind'),
  },
  [FEEDBACK_SERIES_CUBE],
);

/** Counts one recorded feedback item into the rollups, in the transaction that recorded it. */
export async function addFeedbackToRollups(tx: Db, feedbackId: string): Promise<void> {
  await addToCube(tx, FEEDBACK_CUBE, 'f.id = ?', [feedbackId]);
}

/**
 * Moves a corrected or voided item in the rollups, in the correction's transaction: its counts
 * as they were (`before`) taken out, then the row as it is now counted in (nothing, once voided).
 */
export async function recountCorrectedFeedback(tx: Db, feedbackId: string, before: FeedbackBefore): Promise<void> {
  if (!before.voided)
    await subtractFromCube(tx, FEEDBACK_CUBE, {
      dims: { branchId: before.branchId, categoryId: before.categoryId, channel: before.channel, kind: before.kind },
      time: before.receivedAt,
      measures: { items: 1, complaints: before.complaint ? 1 : 0 },
    });
  await addFeedbackToRollups(tx, feedbackId);
}

/** Counts an imported batch (every feedback rowid after `rowidBefore`) into the rollups, in the batch's transaction. */
export async function addImportedFeedbackToRollups(tx: Db, rowidBefore: number): Promise<void> {
  await addToCube(tx, FEEDBACK_CUBE, sql`f.rowid > ${rowidBefore}`);
}

// The configuration each rollup was counted with; a different one means a rebuild.
// v2: with the daily series. (Voided items, left out since, need no rebuild: none existed before.)
const FEEDBACK_CONFIG = 'v2';
const contactConfig = (t: KpiThresholds) => JSON.stringify([t.serviceLevelSeconds, t.responseSeconds, t.repeatWindowDays]);

async function writeState(db: Db, name: string, config: string): Promise<void> {
  await db
    .insert(rollupState)
    .values({ name, config, builtAt: new Date() })
    .onConflictDoUpdate({ target: rollupState.name, set: { config, builtAt: new Date() } });
}

async function rebuild(store: Store, which: { feedback: boolean; contacts: boolean }, t: KpiThresholds): Promise<void> {
  await store.transaction(async (db) => {
    if (which.feedback) {
      await rebuildCube(db, FEEDBACK_CUBE);
      await writeState(db, 'feedback', FEEDBACK_CONFIG);
    }
    if (which.contacts) {
      await rebuildCube(db, contactCube(t));
      await writeState(db, 'contacts', contactConfig(t));
    }
  });
}

/**
 * Recounts every rollup from the rows, in one transaction: for data loaded around the services
 * (the demo set, a restore). A write transaction of its own: call it at start or after a bulk
 * load, not from inside another write transaction.
 */
export async function rebuildRollups(store: Store, thresholds: KpiThresholds = DEFAULT_KPI_THRESHOLDS): Promise<void> {
  await rebuild(store, { feedback: true, contacts: true }, thresholds);
}

/**
 * Rebuilds the rollups that were counted with another configuration (KPI thresholds changed) or
 * never (a database from before the rollups). Answers which ones it rebuilt. Same rules as
 * rebuildRollups for when to call it.
 */
export async function ensureRollups(store: Store, thresholds: KpiThresholds): Promise<{ feedback: boolean; contacts: boolean }> {
  const rows = await readRows<{ name: string; config: string }>(store.read, sql`SELECT name, config FROM rollup_state`);
  const config = new Map(rows.map((row) => [row.name, row.config]));
  const stale = { feedback: config.get('feedback') !== FEEDBACK_CONFIG, contacts: config.get('contacts') !== contactConfig(thresholds) };
  if (stale.feedback || stale.contacts) await rebuild(store, stale, thresholds);
  return stale;
}
