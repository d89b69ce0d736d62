import { and, gte, lt, inArray, sql, type SQL } from 'drizzle-orm';
import { contactRecords } from './contact.table.js';
import type { Db } from '../core/db.js';
import type { KpiCounters } from './kpi.rules.js';

export interface KpiQuery {
  from?: Date | null;
  to?: Date | null;
  branchIds?: readonly string[] | null;
  serviceLevelSeconds: number;
  responseSeconds: number;
  satisfiedFrom: number;
}

/** One pass over the contact records of the range, summing every counter the KPIs need. */
export function kpiCounters(db: Db, q: KpiQuery): KpiCounters {
  const conds: SQL[] = [];
  if (q.from) conds.push(gte(contactRecords.offeredAt, q.from));
  if (q.to) conds.push(lt(contactRecords.offeredAt, q.to));
  if (q.branchIds) conds.push(inArray(contactRecords.branchId, [...q.branchIds]));
  const c = contactRecords;
  const row = db
    .select({
      offered: sql<number>`count(*)`,
      answered: sql<number>`coalesce(sum(${c.answered}), 0)`,
      answeredWithinThreshold: sql<number>`coalesce(sum(${c.answered} AND ${c.waitSeconds} <= ${q.serviceLevelSeconds}), 0)`,
      responded: sql<number>`count(${c.firstResponseSeconds})`,
      respondedWithinThreshold: sql<number>`coalesce(sum(${c.firstResponseSeconds} <= ${q.responseSeconds}), 0)`,
      rated: sql<number>`count(${c.satisfaction})`,
      satisfied: sql<number>`coalesce(sum(${c.satisfaction} >= ${q.satisfiedFrom}), 0)`,
      transferred: sql<number>`coalesce(sum(${c.answered} AND ${c.transferred}), 0)`,
      workOrders: sql<number>`coalesce(sum(${c.answered} AND ${c.workOrder}), 0)`,
      complaints: sql<number>`coalesce(sum(${c.answered} AND ${c.complaint}), 0)`,
    })
    .from(c)
    .where(conds.length ? and(...conds) : undefined)
    .get();
  return {
    offered: row?.offered ?? 0,
    answered: row?.answered ?? 0,
    answeredWithinThreshold: row?.answeredWithinThreshold ?? 0,
    responded: row?.responded ?? 0,
    respondedWithinThreshold: row?.respondedWithinThreshold ?? 0,
    rated: row?.rated ?? 0,
    satisfied: row?.satisfied ?? 0,
    transferred: row?.transferred ?? 0,
    workOrders: row?.workOrders ?? 0,
    complaints: row?.complaints ?? 0,
  };
}
