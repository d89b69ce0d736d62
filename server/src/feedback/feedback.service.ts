import { createHash } from 'node:crypto';
import type { HubDeps } from '../core/hub.js';
import { write, type FeedbackBefore } from '../event/index.js';
import type { Db } from '../core/db.js';
import { canSeePersonalData, type Viewer } from '../core/viewer.rules.js';
import { maskPersonalData, searchCanReachMaskedText, visibleTextMatches } from '../core/mask.rules.js';
import { feedback, feedbackCorrections, idempotencyKeys } from './feedback.table.js';
import { feedbackChanges, feedbackCorrectionRefusal, type CorrectableField } from './feedback.rules.js';
import { categories } from '../org/index.js';
import { badInput, conflict, forbidden, invalidTransition, notFound } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { first } from '../core/sql.js';
import { requiredText, optionalText, idOf, validDate } from '../core/validate.js';
import { roleMay } from '../core/permissions.rules.js';
import { pageSize, decodeCursor, encodeCursor, type Page, pageOf } from '../core/pagination.js';
import {
  pageFeedback,
  pageFeedbackTexts,
  normaliseSearch,
  countFeedback,
  feedbackByIds,
  findIdempotencyKey,
  type FeedbackRow,
  type FeedbackQuery,
} from './feedback.repository.js';
import { and, asc, eq } from 'drizzle-orm';
import type { ContactService } from '../contact/index.js';

export const FEEDBACK_TEXT_MAX = 4000;

/** Feedback lists are ordered newest first and keyed by (receivedAt, id). */
export const feedbackCursor = (f: FeedbackRow): string => encodeCursor([f.receivedAt.getTime(), f.id]);
/** How many search matches a re-check against the masked text reads at a time. */
const RECHECK_BATCH = 1000;
/** Feedback may be dated up to this much ahead, to absorb clock skew between systems. */
const FUTURE_SKEW_MS = 5 * 60_000;

export interface RecordFeedbackFields {
  kind: FeedbackRow['kind'];
  channel: FeedbackRow['channel'];
  categoryId: string;
  branchId: string;
  text: string;
  receivedAt?: Date | null;
  complaint?: boolean | null;
  customerRef?: string | null;
  idempotencyKey?: string | null;
  productId?: string | null;
  /** The customer's phone for a callback, stored encrypted (contact/); never part of the text. */
  customerPhone?: string | null;
}

/** A correction: the fields to change (omitted: kept; `customerRef: null` clears it), with the reason. */
export interface CorrectFeedbackFields {
  feedbackId: string;
  expectedVersion: number;
  reason: string;
  kind?: FeedbackRow['kind'] | null;
  channel?: FeedbackRow['channel'] | null;
  categoryId?: string | null;
  branchId?: string | null;
  text?: string | null;
  receivedAt?: Date | null;
  complaint?: boolean | null;
  customerRef?: string | null;
}

/** One line of a feedback item's history: a correction (its changes) or its void. */
export type FeedbackCorrectionRow = typeof feedbackCorrections.$inferSelect;

/** Why a correction was given: at most this many characters. */
const REASON_MAX = 1000;
const REFUSALS = {
  ROLE: 'Only agents and analysts correct feedback.',
  NOT_THEIRS: 'Only the agent who recorded this feedback, or an analyst, may correct it.',
  WINDOW_PASSED: 'The time to correct your own record has passed; ask an analyst.',
} as const;

export interface FeedbackFilterFields {
  kind?: string[] | null;
  channel?: string[] | null;
  categoryId?: string | null;
  branchId?: string | null;
  from?: Date | null;
  to?: Date | null;
  unassigned?: boolean | null;
  search?: string | null;
  includeVoided?: boolean | null;
}

/** Customer feedback (客户之声): recorded by the first line, read by everyone within their scope. */
export class FeedbackService {
  constructor(
    private readonly deps: HubDeps,
    private readonly contacts: ContactService,
  ) {}

  /**
   * Records one item. With an idempotency key the same request twice records once and answers the
   * first record; the same key with different content is refused (BAD_USER_INPUT).
   */
  async record(viewer: Viewer, input: RecordFeedbackFields): Promise<FeedbackRow> {
    if (!roleMay(viewer.role, 'recordFeedback')) throw forbidden('Only agents and analysts record feedback.');
    const text = requiredText('input.text', input.text, FEEDBACK_TEXT_MAX);
    const categoryId = idOf('input.categoryId', input.categoryId, 'Category');
    const branchId = idOf('input.branchId', input.branchId, 'Branch');
    const customerRef = optionalText('input.customerRef', input.customerRef, 64);
    const key = optionalText('input.idempotencyKey', input.idempotencyKey, 128);
    // Not part of the idempotency hash below: a stored hash of a request must not let a phone be guessed back.
    const phone = this.contacts.phoneInput('input.customerPhone', input.customerPhone);
    const now = this.deps.clock.now();
    const receivedAt = input.receivedAt ? validDate('input.receivedAt', input.receivedAt) : now;
    if (receivedAt.getTime() > now.getTime() + FUTURE_SKEW_MS)
      throw badInput('input.receivedAt', 'input.receivedAt may not be in the future.');
    if (!this.deps.org.get(branchId)) throw badInput('input.branchId', 'input.branchId is not a branch.');
    const values = {
      kind: input.kind,
      channel: input.channel,
      categoryId,
      branchId,
      text,
      receivedAt: receivedAt.getTime(),
      complaint: input.complaint ?? false,
      customerRef,
    };
    // The request as the client sent it (receivedAt as given, not the defaulted now) and who sent it:
    // a retry minutes later matches, and one user's key never answers another user's record.
    const requestHash = createHash('sha256')
      .update(JSON.stringify({ ...values, receivedAt: input.receivedAt ? receivedAt.getTime() : null, recordedBy: viewer.id }))
      .digest('hex');
    return write(this.deps, async (tx, emit, at) => {
      if (key) {
        const seen = await findIdempotencyKey(tx, key);
        if (seen) {
          if (seen.requestHash !== requestHash)
            throw badInput('input.idempotencyKey', 'This idempotency key was used for a different request.');
          const earlier = (await feedbackByIds(tx, [seen.resultId]))[0];
          if (earlier) return earlier;
        }
      }
      if (!(await first(tx.select({ id: categories.id }).from(categories).where(eq(categories.id, categoryId)))))
        throw badInput('input.categoryId', 'input.categoryId is not a category.');
      const row = (await first(
        tx
          .insert(feedback)
          .values({ ...values, id: newId('Feedback', receivedAt.getTime()), receivedAt, recordedBy: viewer.id, createdAt: at })
          .returning(),
      ))!;
      if (phone) await this.contacts.put(tx, 'FEEDBACK', row.id, phone, at);
      if (key) await tx.insert(idempotencyKeys).values({ key, operation: 'recordFeedback', requestHash, resultId: row.id, createdAt: at });
      // Its rollup counts, its similarity features and its 3-in-3 grouping are the declared reactions
      // to FEEDBACK_RECORDED (report, insight and notification modules), in this transaction.
      await emit(
        { type: 'FEEDBACK_RECORDED', actorId: viewer.id, feedbackId: row.id, branchId: row.branchId },
        {
          text: row.text,
          customerRef: row.customerRef,
          kind: row.kind,
        },
      );
      return row;
    });
  }

  /**
   * Corrects a recorded item (kind, channel, category, branch, time received, complaint flag,
   * customer reference, text) with a reason: the agent who recorded it within
   * FEEDBACK_CORRECTION_WINDOW_MINUTES, an analyst at any time (FORBIDDEN otherwise); CONFLICT on a
   * stale version, INVALID_TRANSITION once voided, BAD_USER_INPUT for a bad value or no change. The
   * history keeps each field's value before and after; its rollups, similarity features and 3-in-3
   * alert follow through the reactions to FEEDBACK_CORRECTED.
   */
  async correct(viewer: Viewer, input: CorrectFeedbackFields): Promise<FeedbackRow> {
    if (!roleMay(viewer.role, 'correctFeedback')) throw forbidden(REFUSALS.ROLE);
    const id = idOf('input.feedbackId', input.feedbackId, 'Feedback');
    const reason = requiredText('input.reason', input.reason, REASON_MAX);
    const asked: Partial<Record<CorrectableField, string | number | boolean | null>> = {};
    if (input.kind != null) asked.kind = input.kind;
    if (input.channel != null) asked.channel = input.channel;
    if (input.categoryId != null) asked.categoryId = idOf('input.categoryId', input.categoryId, 'Category');
    if (input.branchId != null) {
      asked.branchId = idOf('input.branchId', input.branchId, 'Branch');
      if (!this.deps.org.get(asked.branchId)) throw badInput('input.branchId', 'input.branchId is not a branch.');
    }
    if (input.text != null) asked.text = requiredText('input.text', input.text, FEEDBACK_TEXT_MAX);
    if (input.receivedAt != null) {
      const at = validDate('input.receivedAt', input.receivedAt);
      if (at.getTime() > this.deps.clock.now().getTime() + FUTURE_SKEW_MS)
        throw badInput('input.receivedAt', 'input.receivedAt may not be in the future.');
      asked.receivedAt = at.getTime();
    }
    if (input.complaint != null) asked.complaint = input.complaint;
    if (input.customerRef !== undefined) asked.customerRef = optionalText('input.customerRef', input.customerRef, 64);
    return write(this.deps, async (tx, emit, at) => {
      const row = await this.loadForCorrection(tx, viewer, id, input.expectedVersion, at);
      const changes = feedbackChanges({ ...row, receivedAt: row.receivedAt.getTime() }, asked);
      if (!changes.length) throw badInput('input', 'Nothing to correct: every value given is the one recorded.');
      if (
        asked.categoryId !== undefined &&
        !(await first(
          tx
            .select({ id: categories.id })
            .from(categories)
            .where(eq(categories.id, asked.categoryId as string)),
        ))
      )
        throw badInput('input.categoryId', 'input.categoryId is not a category.');
      const set: Partial<typeof feedback.$inferInsert> = {};
      for (const c of changes) (set as Record<string, unknown>)[c.field] = c.field === 'receivedAt' ? new Date(c.to as number) : c.to;
      const updated = await first(
        tx
          .update(feedback)
          .set({ ...set, version: row.version + 1 })
          .where(and(eq(feedback.id, id), eq(feedback.version, row.version)))
          .returning(),
      );
      if (!updated) throw conflict(row.version + 1);
      await tx
        .insert(feedbackCorrections)
        .values({ feedbackId: id, at, actorId: viewer.id, voided: false, reason, changes: JSON.stringify(changes) });
      await emit(
        {
          type: 'FEEDBACK_CORRECTED',
          actorId: viewer.id,
          feedbackId: id,
          problemId: row.problemId,
          branchId: updated.branchId,
          note: reason,
        },
        { text: updated.text, feedbackBefore: beforeOf(row) },
      );
      return updated;
    });
  }

  /**
   * Voids (作废) a recorded item with a reason, under the same rights as a correction: it stays on
   * record (struck through in its problem's list) but leaves the inbox, the problem's counts, the
   * rollups, the similarity index and its 3-in-3 alert (the reactions to FEEDBACK_VOIDED).
   */
  async voidItem(viewer: Viewer, input: { feedbackId: string; expectedVersion: number; reason: string }): Promise<FeedbackRow> {
    if (!roleMay(viewer.role, 'voidFeedback')) throw forbidden(REFUSALS.ROLE);
    const id = idOf('input.feedbackId', input.feedbackId, 'Feedback');
    const reason = requiredText('input.reason', input.reason, REASON_MAX);
    return write(this.deps, async (tx, emit, at) => {
      const row = await this.loadForCorrection(tx, viewer, id, input.expectedVersion, at);
      const updated = await first(
        tx
          .update(feedback)
          .set({ voidedAt: at, voidedBy: viewer.id, voidReason: reason, version: row.version + 1 })
          .where(and(eq(feedback.id, id), eq(feedback.version, row.version)))
          .returning(),
      );
      if (!updated) throw conflict(row.version + 1);
      await tx.insert(feedbackCorrections).values({ feedbackId: id, at, actorId: viewer.id, voided: true, reason, changes: '[]' });
      await emit(
        { type: 'FEEDBACK_VOIDED', actorId: viewer.id, feedbackId: id, problemId: row.problemId, branchId: row.branchId, note: reason },
        { feedbackBefore: beforeOf(row) },
      );
      return updated;
    });
  }

  /** The item to correct, read in the write: NOT_FOUND out of scope, then the rights, the state and the version. */
  private async loadForCorrection(tx: Db, viewer: Viewer, id: string, expectedVersion: number, at: Date): Promise<FeedbackRow> {
    const row = (await feedbackByIds(tx, [id]))[0];
    if (!row || (viewer.scope && !viewer.scope.has(row.branchId))) throw notFound('Feedback', id);
    const refusal = feedbackCorrectionRefusal(viewer, this.itemOf(row), at.getTime(), this.windowMs);
    if (refusal === 'VOIDED') throw invalidTransition('VOIDED', 'correct voided feedback');
    if (refusal) throw forbidden(REFUSALS[refusal]);
    if (row.version !== expectedVersion) throw conflict(row.version);
    return row;
  }

  private get windowMs(): number {
    return this.deps.env.FEEDBACK_CORRECTION_WINDOW_MINUTES * 60_000;
  }

  private itemOf(row: FeedbackRow) {
    return { recordedBy: row.recordedBy, createdAt: row.createdAt.getTime(), voided: row.voidedAt !== null };
  }

  /** Whether this viewer may correct or void the item now (the web shows its buttons by it). */
  mayCorrect(viewer: Viewer, row: FeedbackRow): boolean {
    return feedbackCorrectionRefusal(viewer, this.itemOf(row), this.deps.clock.now().getTime(), this.windowMs) === null;
  }

  /** Until when the agent who recorded the item may correct it themselves. */
  agentWindowEnd(row: FeedbackRow): Date {
    return new Date(row.createdAt.getTime() + this.windowMs);
  }

  /** An item's corrections and void, oldest first. */
  async corrections(feedbackId: string): Promise<FeedbackCorrectionRow[]> {
    return await this.deps.store.read
      .select()
      .from(feedbackCorrections)
      .where(eq(feedbackCorrections.feedbackId, feedbackId))
      .orderBy(asc(feedbackCorrections.id));
  }

  /** The query a filter means for this viewer: a branch filter is a subtree, cut to the viewer's scope. */
  queryFor(viewer: Viewer, filter: FeedbackFilterFields | null | undefined): FeedbackQuery {
    const q: FeedbackQuery = {
      kinds: filter?.kind ?? null,
      channels: filter?.channel ?? null,
      categoryId: filter?.categoryId ?? null,
      from: filter?.from ?? null,
      to: filter?.to ?? null,
      unassigned: filter?.unassigned ?? null,
      search: filter?.search?.trim() || null,
      includeVoided: filter?.includeVoided ?? false,
    };
    if (q.search && q.search.length > 200) throw badInput('filter.search', 'filter.search may have at most 200 characters.');
    let branchIds: Set<string> | null = viewer.scope ? new Set(viewer.scope) : null;
    if (filter?.branchId) {
      const sub = this.deps.org.subtree(filter.branchId);
      branchIds = new Set([...sub].filter((id) => !branchIds || branchIds.has(id)));
    }
    q.branchIds = branchIds ? [...branchIds] : null;
    return q;
  }

  async list(
    viewer: Viewer,
    filter: FeedbackFilterFields | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<Page<FeedbackRow>> {
    const limit = pageSize(first);
    const key = decodeCursor(after, ['number', 'string']) as [number, string] | null;
    const q = this.queryFor(viewer, filter);
    if (q.search && !canSeePersonalData(viewer, null) && searchCanReachMaskedText(q.search))
      return await this.listShownMatches(viewer, q, q.search, limit, key);
    return await this.page(q, limit, key);
  }

  /**
   * A search that could match hidden digits, for a viewer shown masked text: each match of the
   * clear text is kept only if the text as this viewer is shown it matches too, so that search
   * never confirms a digit the viewer cannot see (guessing a masked mobile digit by digit).
   * Every match is re-checked, in batches, because the count must agree with the pages.
   */
  private async listShownMatches(viewer: Viewer, q: FeedbackQuery, rawSearch: string, limit: number, after: [number, string] | null) {
    const db = this.deps.store.read;
    const search = normaliseSearch(rawSearch);
    const pageIds: string[] = [];
    let totalCount = 0;
    let cursor: [number, string] | null = null;
    for (;;) {
      const batch = await pageFeedbackTexts(db, q, RECHECK_BATCH, cursor);
      for (const f of batch) {
        const shown = canSeePersonalData(viewer, f.recordedBy) ? f.text : maskPersonalData(f.text);
        if (!visibleTextMatches(normaliseSearch(shown), search)) continue;
        totalCount++;
        const at = f.receivedAt.getTime();
        if (pageIds.length <= limit && (!after || at < after[0] || (at === after[0] && f.id < after[1]))) pageIds.push(f.id);
      }
      const last = batch[batch.length - 1];
      if (!last || batch.length < RECHECK_BATCH) break;
      cursor = [last.receivedAt.getTime(), last.id];
    }
    const rows = new Map((await feedbackByIds(db, pageIds)).map((r) => [r.id, r]));
    const nodes = pageIds.map((id) => rows.get(id)).filter((r): r is FeedbackRow => r !== undefined);
    return { nodes: nodes.slice(0, limit), hasNextPage: nodes.length > limit, totalCount, cursorOf: feedbackCursor };
  }

  /**
   * Every item a filter selects for this viewer, newest first, in batches read by keyset (never all
   * at once): what a list export streams. The same query and the same search re-check as `list`,
   * so an export holds exactly the rows the list pages through; no count is taken.
   */
  async *scan(viewer: Viewer, filter: FeedbackFilterFields | null | undefined, batch = 1000): AsyncGenerator<FeedbackRow[]> {
    const q = this.queryFor(viewer, filter);
    const recheck = q.search && !canSeePersonalData(viewer, null) && searchCanReachMaskedText(q.search) ? normaliseSearch(q.search) : null;
    let cursor: [number, string] | null = null;
    for (;;) {
      const rows = await pageFeedback(this.deps.store.read, q, batch, cursor);
      const last = rows[rows.length - 1];
      if (!last) return;
      yield recheck
        ? rows.filter((f) =>
            visibleTextMatches(normaliseSearch(canSeePersonalData(viewer, f.recordedBy) ? f.text : maskPersonalData(f.text)), recheck),
          )
        : rows;
      if (rows.length < batch) return;
      cursor = [last.receivedAt.getTime(), last.id];
    }
  }

  /** One page of the feedback a query selects, newest first, and how many it selects in all. */
  private async page(q: FeedbackQuery, limit: number, key: [number, string] | null): Promise<Page<FeedbackRow>> {
    const rows = await pageFeedback(this.deps.store.read, q, limit + 1, key);
    return pageOf(rows, limit, await countFeedback(this.deps.store.read, q), feedbackCursor);
  }

  /** A problem's feedback as this viewer may see it. */
  async listOfProblem(viewer: Viewer, problemId: string, first?: number | null, after?: string | null): Promise<Page<FeedbackRow>> {
    const limit = pageSize(first);
    const key = decodeCursor(after, ['number', 'string']) as [number, string] | null;
    // Voided items stay listed (struck through) under their problem, for the audit.
    const q: FeedbackQuery = { problemId, branchIds: viewer.scope ? [...viewer.scope] : null, includeVoided: true };
    return await this.page(q, limit, key);
  }

  /** One item, or null when it does not exist or lies outside the viewer's scope. */
  async find(viewer: Viewer, id: string): Promise<FeedbackRow | null> {
    const row = (await feedbackByIds(this.deps.store.read, [id]))[0];
    if (!row || (viewer.scope && !viewer.scope.has(row.branchId))) return null;
    return row;
  }
}

/** What the reactions need of the item as it was counted before a correction or its void. */
function beforeOf(row: FeedbackRow): FeedbackBefore {
  return {
    branchId: row.branchId,
    categoryId: row.categoryId,
    channel: row.channel,
    kind: row.kind,
    receivedAt: row.receivedAt.getTime(),
    complaint: row.complaint,
    customerRef: row.customerRef,
    text: row.text,
    clusterId: row.clusterId,
    voided: row.voidedAt !== null,
  };
}
