import { getTableName } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { contactRollups } from './contact.table.js';
import { addToCube, cubeColumn, readCube, type CubeSpec, type CubeSql } from '../core/cube.repository.js';
import { addCounters, zeroCounters, SATISFIED_FROM, type KpiCounters, type KpiThresholds } from './kpi.rules.js';

const DAY_MS = 86_400_000;
const int = (n: number): number => {
  if (!Number.isInteger(n)) throw new Error(`not an integer: ${n}`);
  return n;
};

/** An earlier contact (by time, then id) of the same customer within the window; `also` narrows it. */
function earlierContact(t: KpiThresholds, also = ''): string {
  return `EXISTS (SELECT 1 FROM contact_records p WHERE p.customer_ref = c.customer_ref AND p.offered_at >= c.offered_at - ${int(
    t.repeatWindowDays * DAY_MS,
  )} AND (p.offered_at < c.offered_at OR (p.offered_at = c.offered_at AND p.id < c.id))${also ? ` AND ${also}` : ''})`;
}

/**
 * The KPI counters as a rollup of contact records by branch and channel, counted with the
 * configured thresholds (DOMAIN.md): answered within the service-level threshold, first response
 * within the response threshold, ratings of 4 or 5, and transfers, work orders and complaints of
 * answered contacts; a contact with a customer reference is a repeat when the same customer had
 * another contact in the window before it.
 */
export function contactCube(t: KpiThresholds): CubeSpec<'channel', keyof KpiCounters> {
  const key = `${t.serviceLevelSeconds}/${t.responseSeconds}/${t.repeatWindowDays}`;
  let cube = cubes.get(key);
  if (!cube) cubes.set(key, (cube = buildContactCube(t)));
  return cube;
}
// One spec per configuration, so that its built increments are reused.
const cubes = new Map<string, CubeSpec<'channel', keyof KpiCounters>>();

function buildContactCube(t: KpiThresholds): CubeSpec<'channel', keyof KpiCounters> {
  const r = contactRollups;
  // SQLite sums a condition (1 or 0); PostgreSQL sums no booleans: there the same count is a CASE.
  const countOf = (column: { name: string }, condition: CubeSql) => {
    const [lite, pg] = typeof condition === 'string' ? [condition, condition] : [condition.sqlite, condition.postgres];
    return cubeColumn(column, { sqlite: `sum(${lite})`, postgres: `sum(CASE WHEN ${pg} THEN 1 ELSE 0 END)` });
  };
  // Flags are 0/1 integers: a condition as they are on SQLite, compared with 0 on PostgreSQL.
  const answeredAnd = (other: string, otherIsFlag: boolean) => ({
    sqlite: `c.answered AND ${other}`,
    postgres: `c.answered <> 0 AND ${otherIsFlag ? `${other} <> 0` : other}`,
  });
  return {
    table: getTableName(r),
    source: 'contact_records c',
    time: 'c.offered_at',
    dims: {
      branchId: cubeColumn(r.branchId, "coalesce(c.branch_id, '')"),
      channel: cubeColumn(r.channel, 'c.channel'),
    },
    measures: {
      offered: cubeColumn(r.offered, 'count(*)'),
      answered: cubeColumn(r.answered, 'sum(c.answered)'),
      answeredWithinThreshold: countOf(r.answeredWithinThreshold, answeredAnd(`c.wait_seconds <= ${int(t.serviceLevelSeconds)}`, false)),
      responded: cubeColumn(r.responded, 'count(c.first_response_seconds)'),
      respondedWithinThreshold: countOf(
        r.respondedWithinThreshold,
        `c.first_response_seconds IS NOT NULL AND c.first_response_seconds <= ${int(t.responseSeconds)}`,
      ),
      rated: cubeColumn(r.rated, 'count(c.satisfaction)'),
      satisfied: countOf(r.satisfied, `c.satisfaction IS NOT NULL AND c.satisfaction >= ${SATISFIED_FROM}`),
      transferred: countOf(r.transferred, answeredAnd('c.transferred', true)),
      workOrders: countOf(r.workOrders, answeredAnd('c.work_order', true)),
      complaints: countOf(r.complaints, answeredAnd('c.complaint', true)),
      identified: cubeColumn(r.identified, 'count(c.customer_ref)'),
      repeats: countOf(r.repeats, `c.customer_ref IS NOT NULL AND ${earlierContact(t)}`),
    },
  };
}

/**
 * Counts the contacts inserted after id `lastIdBefore` into the rollup, in the transaction that
 * inserted them. A contact dated before an existing one can make that one a repeat: such contacts
 * are counted as repeats now.
 */
export async function addContactsToRollup(tx: Db, t: KpiThresholds, lastIdBefore: number): Promise<void> {
  const cube = contactCube(t);
  await addToCube(tx, cube, 'c.id > ?', [lastIdBefore]);
  await addToCube(
    tx,
    cube,
    `c.id <= ? AND c.customer_ref IN (SELECT customer_ref FROM contact_records WHERE id > ? AND customer_ref IS NOT NULL)
      AND ${earlierContact(t, 'p.id > ?')} AND NOT ${earlierContact(t, 'p.id <= ?')}`,
    [lastIdBefore, lastIdBefore, lastIdBefore, lastIdBefore],
    { repeats: 'count(*)' },
  );
}

/** The KPI counters of contacts offered in [from, to) (null: unbounded) at the given branches (null: all). */
export async function kpiCounters(
  db: Db,
  t: KpiThresholds,
  q: { from: number | null; to: number | null; branchIds: readonly string[] | null },
): Promise<KpiCounters> {
  const rows = await readCube(db, contactCube(t), q, q.branchIds, []);
  return rows.reduce<KpiCounters>((sum, row) => addCounters(sum, row), zeroCounters());
}
