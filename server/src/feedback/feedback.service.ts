import { createHash } from 'node:crypto';
import type { HubDeps } from '../core/hub.js';
import { write } from '../event/index.js';
import { canSeePersonalData, type Viewer } from '../core/viewer.rules.js';
import { maskPersonalData, searchCanReachMaskedText, visibleTextMatches } from '../core/mask.rules.js';
import { feedback, idempotencyKeys } from './feedback.table.js';
import { categories } from '../org/index.js';
import { badInput, forbidden } from '../core/errors.js';
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
import { eq } from 'drizzle-orm';
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

export interface FeedbackFilterFields {
  kind?: string[] | null;
  channel?: string[] | null;
  categoryId?: string | null;
  branchId?: string | null;
  from?: Date | null;
  to?: Date | null;
  unassigned?: boolean | null;
  search?: string | null;
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
        },
      );
      return row;
    });
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

  /** One page of the feedback a query selects, newest first, and how many it selects in all. */
  private async page(q: FeedbackQuery, limit: number, key: [number, string] | null): Promise<Page<FeedbackRow>> {
    const rows = await pageFeedback(this.deps.store.read, q, limit + 1, key);
    return pageOf(rows, limit, await countFeedback(this.deps.store.read, q), feedbackCursor);
  }

  /** A problem's feedback as this viewer may see it. */
  async listOfProblem(viewer: Viewer, problemId: string, first?: number | null, after?: string | null): Promise<Page<FeedbackRow>> {
    const limit = pageSize(first);
    const key = decodeCursor(after, ['number', 'string']) as [number, string] | null;
    const q: FeedbackQuery = { problemId, branchIds: viewer.scope ? [...viewer.scope] : null };
    return await this.page(q, limit, key);
  }

  /** One item, or null when it does not exist or lies outside the viewer's scope. */
  async find(viewer: Viewer, id: string): Promise<FeedbackRow | null> {
    const row = (await feedbackByIds(this.deps.store.read, [id]))[0];
    if (!row || (viewer.scope && !viewer.scope.has(row.branchId))) return null;
    return row;
  }
}
