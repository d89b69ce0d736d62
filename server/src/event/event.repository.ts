import { and, asc, eq, getTableColumns, gt, inArray, sql, type SQL } from 'drizzle-orm';
import { hubEvents, type HubEventTypeCode } from './event.table.js';
import type { Db } from '../core/db.js';
import { dialectOf, first, rows } from '../core/sql.js';

/**
 * A row of the log. On PostgreSQL a row read from the log also carries `xid`, the id of the
 * transaction that wrote it (the `writer_xid` column, xid8, set by the database): the log's order
 * there is (xid, seq), see {@link eventsAfter}. Rows that did not come through the log (a write's
 * own returning, a problem's history) have none.
 */
export type HubEventRow = typeof hubEvents.$inferSelect & { xid?: number };

/**
 * Where an event stands in the log's delivery order. On SQLite (one writer) that is its seq, xid
 * always 0. On PostgreSQL writers commit concurrently, so a seq taken early may commit after a
 * larger one; the order is (writer transaction id, seq), and a reader only goes as far as every
 * transaction that could still add a row before that point has ended (see {@link eventsAfter}).
 */
export interface EventPosition {
  readonly xid: number;
  readonly seq: number;
}

export const ORIGIN: EventPosition = { xid: 0, seq: 0 };

export const positionOf = (e: HubEventRow): EventPosition => ({ xid: e.xid ?? 0, seq: e.seq });

/** Negative when `a` comes before `b` in delivery order. */
export const comparePositions = (a: EventPosition, b: EventPosition): number => a.xid - b.xid || a.seq - b.seq;

export interface EventDraft {
  type: HubEventTypeCode;
  actorId: string | null;
  problemId?: string | null;
  actionId?: string | null;
  feedbackId?: string | null;
  complaintId?: string | null;
  callbackId?: string | null;
  commentId?: string | null;
  branchId?: string | null;
  fromStatus?: string | null;
  toStatus?: string | null;
  note?: string | null;
}

export async function insertEvent(tx: Db, draft: EventDraft, at: Date): Promise<HubEventRow> {
  const row = await first(
    tx
      .insert(hubEvents)
      .values({
        type: draft.type,
        at,
        actorId: draft.actorId,
        problemId: draft.problemId ?? null,
        actionId: draft.actionId ?? null,
        feedbackId: draft.feedbackId ?? null,
        complaintId: draft.complaintId ?? null,
        callbackId: draft.callbackId ?? null,
        commentId: draft.commentId ?? null,
        branchId: draft.branchId ?? null,
        fromStatus: draft.fromStatus ?? null,
        toStatus: draft.toStatus ?? null,
        note: draft.note ?? null,
      })
      .returning(),
  );
  return row!;
}

/**
 * Events after a position, in delivery order, in pages: every event there will ever be before the
 * last one answered is in the answer (a reader resuming after it misses nothing).
 *
 * SQLite has one writer, whose commit order is seq order. PostgreSQL writers run concurrently:
 * transaction A may take seq 5 and commit after B committed seq 6, so "seq > last delivered" would
 * skip 5. There rows are ordered by (writer_xid, seq) and only rows written by a transaction older
 * than the oldest one still running in the reader's snapshot (`pg_snapshot_xmin`) are read: every
 * such transaction has ended, so no row can later appear before them, and any transaction that
 * commits later has an xid at or above that horizon, after everything answered. A long write only
 * holds back delivery, never loses an event. `background` keeps the query out of the statement
 * count (the bus's polling is no request's cost; see core/db.pg.ts).
 */
export async function eventsAfter(
  db: Db,
  after: EventPosition,
  limit: number,
  problemId?: string,
  background = false,
): Promise<HubEventRow[]> {
  if (dialectOf(db) === 'postgres') {
    const rowsRead = await rows<Record<string, unknown>>(
      db,
      sql`${sql.raw(background ? BACKGROUND : '')}SELECT ${PG_COLUMNS} FROM hub_events
        WHERE (writer_xid, seq) > (${String(after.xid)}::xid8, ${after.seq})
          AND writer_xid < pg_snapshot_xmin(pg_current_snapshot())
          ${problemId ? sql`AND problem_id = ${problemId}` : sql``}
        ORDER BY writer_xid, seq LIMIT ${limit}`,
    );
    return rowsRead.map(fromPg);
  }
  return await db
    .select()
    .from(hubEvents)
    .where(problemId ? and(gt(hubEvents.seq, after.seq), eq(hubEvents.problemId, problemId)) : gt(hubEvents.seq, after.seq))
    .orderBy(asc(hubEvents.seq))
    .limit(limit);
}

/** The position of the last event a reader may be handed now (see {@link eventsAfter}); ORIGIN when none. */
export async function latestPosition(db: Db, background = false): Promise<EventPosition> {
  if (dialectOf(db) === 'postgres') {
    const r = await rows<{ xid: string; seq: number }>(
      db,
      sql`${sql.raw(background ? BACKGROUND : '')}SELECT writer_xid::text AS xid, seq FROM hub_events
        WHERE writer_xid < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY writer_xid DESC, seq DESC LIMIT 1`,
    );
    return r[0] ? { xid: Number(r[0].xid), seq: r[0].seq } : ORIGIN;
  }
  const r = await rows<{ seq: number | null }>(db, sql`SELECT max(seq) AS seq FROM hub_events`);
  return { xid: 0, seq: r[0]?.seq ?? 0 };
}

/**
 * The position of an older cursor that names only a seq (SQLite's form, and PostgreSQL's before
 * positions carried the writer's xid): that row's own position, or, for a seq never committed,
 * the nearest committed row's below it.
 */
export async function positionOfSeq(db: Db, seq: number): Promise<EventPosition> {
  if (dialectOf(db) !== 'postgres') return { xid: 0, seq };
  const r = await rows<{ xid: string }>(
    db,
    sql`SELECT writer_xid::text AS xid FROM hub_events WHERE seq <= ${seq} ORDER BY seq DESC LIMIT 1`,
  );
  return { xid: r[0] ? Number(r[0].xid) : 0, seq };
}

/** Marks a query the statement count leaves out (core/db.pg.ts). */
const BACKGROUND = '/* hub:background */ ';

const COLUMNS = Object.entries(getTableColumns(hubEvents));
const PG_COLUMNS: SQL = sql.raw([...COLUMNS.map(([key, c]) => `"${c.name}" AS "${key}"`), 'writer_xid::text AS "xid"'].join(', '));

/** A raw PostgreSQL row in the shape drizzle gives (`at` a Date), with its writer's xid. */
function fromPg(r: Record<string, unknown>): HubEventRow {
  const out: Record<string, unknown> = {};
  for (const [key, c] of COLUMNS) out[key] = r[key] === null || r[key] === undefined ? null : c.mapFromDriverValue(r[key] as never);
  out.xid = Number(r.xid);
  return out as HubEventRow;
}

export async function eventsOfProblems(db: Db, problemIds: readonly string[]): Promise<HubEventRow[]> {
  return await db
    .select()
    .from(hubEvents)
    .where(inArray(hubEvents.problemId, [...problemIds]))
    .orderBy(asc(hubEvents.seq));
}

/** The opaque, strictly increasing cursor: zero-padded so that it also sorts as a string. */
export function cursorOfSeq(seq: number): string {
  return String(seq).padStart(12, '0');
}

/**
 * An event's cursor: its seq on SQLite (12 digits); on PostgreSQL, for a row read from the log,
 * its position, xid then seq (16 + 12 digits), which sorts as a string in delivery order too.
 */
export function cursorOf(e: HubEventRow): string {
  return e.xid === undefined ? cursorOfSeq(e.seq) : String(e.xid).padStart(16, '0') + cursorOfSeq(e.seq);
}

/** What a cursor names: a position, or only a seq (to be placed by {@link positionOfSeq}). */
export function parseCursor(cursor: string): EventPosition | { seqOnly: number } | undefined {
  if (/^\d{1,15}$/.test(cursor)) return { seqOnly: Number(cursor) };
  if (/^\d{28}$/.test(cursor)) return { xid: Number(cursor.slice(0, 16)), seq: Number(cursor.slice(16)) };
  return undefined;
}

export function seqOfCursor(cursor: string): number | undefined {
  return /^\d{1,15}$/.test(cursor) ? Number(cursor) : undefined;
}
