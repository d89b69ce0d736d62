import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { hubEvents, type HubEventTypeCode } from './event.table.js';
import type { Db } from '../core/db.js';
import { first } from '../core/sql.js';

export type HubEventRow = typeof hubEvents.$inferSelect;

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

/** Events after a cursor, oldest first, in pages. */
export async function eventsAfter(db: Db, afterSeq: number, limit: number, problemId?: string): Promise<HubEventRow[]> {
  return await db
    .select()
    .from(hubEvents)
    .where(problemId ? and(gt(hubEvents.seq, afterSeq), eq(hubEvents.problemId, problemId)) : gt(hubEvents.seq, afterSeq))
    .orderBy(asc(hubEvents.seq))
    .limit(limit);
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

export function seqOfCursor(cursor: string): number | undefined {
  return /^\d{1,15}$/.test(cursor) ? Number(cursor) : undefined;
}
