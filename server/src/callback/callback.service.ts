import { and, eq, sql } from 'drizzle-orm';
import type { HubDeps } from '../core/hub.js';
import type { Db } from '../core/db.js';
import type { Viewer } from '../core/viewer.rules.js';
import { addWorkingDays, type WorkingCalendar } from '../core/calendar.rules.js';
import { AppError, badInput, conflict, forbidden, notFound } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { first } from '../core/sql.js';
import { idOf, optionalText } from '../core/validate.js';
import { pageSize, decodeCursor, encodeCursor, type Page, pageOf } from '../core/pagination.js';
import { write, type Emit, type HubEventRow } from '../event/index.js';
import type { ComplaintService } from '../complaint/index.js';
import type { ContactService } from '../contact/index.js';
import { callbackAttempts, callbacks } from './callback.table.js';
import {
  callbackTargets,
  nextAfterAttempt,
  revealRefusal,
  type CallbackSource,
  type CallbackStatusCode,
  type CallbackVerdictCode,
} from './callback.rules.js';
import {
  callbackKpisOf,
  countCallbacks,
  findCallback,
  openCustomerKeys,
  pageCallbacks,
  recordsOfProblem,
  type CallbackQuery,
  type CallbackRow,
} from './callback.repository.js';

const TEXT_MAX = 4000;

/** Who reads the callback queue: the contact center's agents, head office; a branch manager their subtree's. */
const READERS: readonly Viewer['role'][] = ['AGENT', 'COORDINATOR', 'ADMIN', 'BRANCH_MANAGER'];

export interface CallbackConfig {
  calendar: WorkingCalendar;
  /** A callback is due this many working days after the problem is resolved. */
  dueWorkingDays: number;
  /** Unanswered calls after which a callback closes as UNREACHABLE. */
  maxAttempts: number;
}

export interface CallbackFilterFields {
  status?: CallbackStatusCode[] | null;
  problemId?: string | null;
}

export interface RecordAttemptFields {
  callbackId: string;
  expectedVersion: number;
  reached: boolean;
  verdict?: CallbackVerdictCode | null;
  customerWords?: string | null;
  note?: string | null;
}

/** A phone shown in clear, and to whom it belongs. */
export interface RevealedPhone {
  phone: string | null;
  callbackId: string | null;
  caseId: string | null;
}

/** The callback KPIs: counts and rates (callback.rules.ts). */
export type CallbackKpis = Awaited<ReturnType<typeof callbackKpisOf>>;

/**
 * Callbacks (回访): when a problem is resolved, every distinct customer whose feedback or complaint
 * case it holds is called back by the contact center, within a configured number of working days.
 * An agent records each call; a customer NOT_SATISFIED reopens their complaint case and flags the
 * problem to the coordinators. The phone is shown in clear only to the agent working the callback
 * and to the case's handler, through an audited reveal.
 */
export class CallbackService {
  constructor(
    private readonly deps: HubDeps,
    readonly config: CallbackConfig,
    private readonly contacts: ContactService,
    private readonly complaints: ComplaintService,
  ) {}

  /**
   * The declared reaction to PROBLEM_RESOLVED (callback/index.ts), in the resolving transaction: one
   * OPEN callback per distinct customer of the problem, none for a customer who already has an open
   * one (resolving again after a reopen adds no duplicate).
   */
  async createForResolvedProblem(tx: Db, event: HubEventRow, emit: Emit): Promise<void> {
    const problemId = event.problemId;
    if (!problemId) return;
    const { items, cases } = await recordsOfProblem(tx, problemId);
    const itemPhones = await this.contacts.haveContact(
      tx,
      'FEEDBACK',
      items.map((i) => i.id),
    );
    const casePhones = await this.contacts.haveContact(
      tx,
      'COMPLAINT',
      cases.map((c) => c.id),
    );
    const sources: CallbackSource[] = [
      ...cases.map((c) => ({
        kind: 'COMPLAINT' as const,
        id: c.id,
        customerRef: c.customerRef,
        branchId: c.branchId,
        hasPhone: casePhones.has(c.id),
        feedbackId: c.feedbackId,
        at: c.at.getTime(),
      })),
      ...items.map((i) => ({
        kind: 'FEEDBACK' as const,
        id: i.id,
        customerRef: i.customerRef,
        branchId: i.branchId,
        hasPhone: itemPhones.has(i.id),
        feedbackId: null,
        at: i.at.getTime(),
      })),
    ];
    const open = await openCustomerKeys(tx, problemId);
    const now = event.at;
    const dueAt = new Date(addWorkingDays(this.config.calendar, now.getTime(), this.config.dueWorkingDays));
    for (const t of callbackTargets(sources)) {
      if (open.has(t.customerKey)) continue;
      const row = (await first(
        tx
          .insert(callbacks)
          .values({
            id: newId('Callback', now.getTime()),
            problemId,
            customerKey: t.customerKey,
            customerRef: t.customerRef,
            complaintId: t.complaintId,
            feedbackId: t.feedbackId,
            contactOwnerType: t.contact?.kind ?? null,
            contactOwnerId: t.contact?.id ?? null,
            branchId: t.branchId,
            status: 'OPEN',
            attempts: 0,
            dueAt,
            version: 1,
            createdAt: now,
            updatedAt: now,
          })
          .returning(),
      ))!;
      await emit({
        type: 'CALLBACK_CREATED',
        actorId: event.actorId,
        problemId,
        callbackId: row.id,
        complaintId: row.complaintId,
        branchId: row.branchId,
        toStatus: 'OPEN',
      });
    }
  }

  /**
   * AGENT: records one call. Not reached: attempts + 1, the callback stays OPEN until the
   * configured maximum closes it UNREACHABLE. Reached: COMPLETED with the verdict and the
   * customer's words; NOT_SATISFIED reopens the linked complaint case (complaint.rules.ts, reopen)
   * and flags the problem to the coordinators (CALLBACK_DISSATISFIED). The first agent to call
   * takes the callback; another agent's is FORBIDDEN. CONFLICT on a stale version,
   * INVALID_TRANSITION once closed.
   */
  async recordAttempt(viewer: Viewer, input: RecordAttemptFields): Promise<CallbackRow> {
    if (viewer.role !== 'AGENT') throw forbidden('Only contact-center agents record callbacks.');
    const id = idOf('input.callbackId', input.callbackId, 'Callback');
    const note = optionalText('input.note', input.note, TEXT_MAX);
    const words = optionalText('input.customerWords', input.customerWords, TEXT_MAX);
    if (!input.reached && words) throw badInput('input.customerWords', 'A customer not reached said nothing.');
    return write(this.deps, async (tx, emit, now) => {
      const cb = await this.load(tx, viewer, id);
      if (cb.assigneeId && cb.assigneeId !== viewer.id) throw forbidden('Another agent is working this callback.');
      if (cb.version !== input.expectedVersion) throw conflict(cb.version);
      const next = nextAfterAttempt(cb, { reached: input.reached, verdict: input.verdict ?? null }, this.config.maxAttempts);
      if (!next.ok)
        throw next.code === 'BAD_USER_INPUT'
          ? badInput(next.field ?? 'input', next.message)
          : new AppError('INVALID_TRANSITION', next.message, { from: cb.status, operation: 'recordCallbackAttempt' });
      await tx.insert(callbackAttempts).values({
        callbackId: cb.id,
        at: now,
        agentId: viewer.id,
        reached: input.reached,
        verdict: next.verdict,
        note,
      });
      const closed = next.status !== 'OPEN';
      const row = (await first(
        tx
          .update(callbacks)
          .set({
            status: next.status,
            attempts: next.attempts,
            verdict: next.verdict,
            customerWords: words,
            lastAttemptAt: now,
            assigneeId: viewer.id,
            closedAt: closed ? now : null,
            closedBy: closed ? viewer.id : null,
            version: sql`${callbacks.version} + 1`,
            updatedAt: now,
          })
          .where(and(eq(callbacks.id, cb.id), eq(callbacks.version, cb.version)))
          .returning(),
      ))!;
      const base = { actorId: viewer.id, problemId: cb.problemId, callbackId: cb.id, complaintId: cb.complaintId, branchId: cb.branchId };
      await emit({
        ...base,
        type: closed ? 'CALLBACK_COMPLETED' : 'CALLBACK_ATTEMPTED',
        fromStatus: cb.status,
        toStatus: next.status,
        note: closed ? (next.verdict ?? 'UNREACHABLE') : note,
      });
      if (next.verdict === 'NOT_SATISFIED') {
        if (cb.complaintId) await this.complaints.reopenAfterCallback(tx, emit, viewer.id, cb.complaintId, words, now);
        await emit({ ...base, type: 'CALLBACK_DISSATISFIED', toStatus: 'NOT_SATISFIED', note: words });
      }
      return row;
    });
  }

  /**
   * The customer's phone in clear, for exactly one of a callback (the AGENT working it, while it is
   * OPEN; the first to reveal takes it) or a complaint case (its handler). The mutation's audit row
   * is written in this transaction (audit module), so every view is on the record; a refusal is
   * audited as REFUSED.
   */
  async revealPhone(viewer: Viewer, input: { callbackId?: string | null; caseId?: string | null }): Promise<RevealedPhone> {
    if (!!input.callbackId === !!input.caseId) throw badInput('input', 'Give exactly one of input.callbackId and input.caseId.');
    if (input.callbackId) {
      const id = idOf('input.callbackId', input.callbackId, 'Callback');
      return this.deps.store.transaction(async (tx) => {
        const cb = await this.load(tx, viewer, id);
        const refusal = revealRefusal(viewer, cb);
        if (refusal) throw forbidden(refusal);
        if (!cb.assigneeId)
          // Taking the callback is not a change of its content: the version stays, so the agent's form stays current.
          await tx.update(callbacks).set({ assigneeId: viewer.id }).where(eq(callbacks.id, cb.id));
        const phone =
          cb.contactOwnerType && cb.contactOwnerId ? await this.contacts.phoneOf(tx, cb.contactOwnerType, cb.contactOwnerId) : null;
        return { phone, callbackId: cb.id, caseId: null };
      });
    }
    const caseId = idOf('input.caseId', input.caseId!, 'ComplaintCase');
    return this.deps.store.transaction(async (tx) => {
      const c = await this.complaints.findInTx(tx, caseId);
      if (!c || (viewer.scope && !viewer.scope.has(c.branchId))) throw notFound('ComplaintCase', caseId);
      if (c.handlerId !== viewer.id) throw forbidden("Only the case's handler sees the customer's phone number.");
      const phone =
        (await this.contacts.phoneOf(tx, 'COMPLAINT', c.id)) ??
        (c.feedbackId ? await this.contacts.phoneOf(tx, 'FEEDBACK', c.feedbackId) : null);
      return { phone, callbackId: null, caseId: c.id };
    });
  }

  private assertReader(viewer: Viewer): void {
    if (!READERS.includes(viewer.role)) throw forbidden(`Your role (${viewer.role}) does not work callbacks.`);
  }

  private async load(tx: Db, viewer: Viewer, id: string): Promise<CallbackRow> {
    this.assertReader(viewer);
    const cb = await findCallback(tx, id);
    if (!cb || (viewer.scope && !viewer.scope.has(cb.branchId))) throw notFound('Callback', id);
    return cb;
  }

  private queryFor(viewer: Viewer, filter: CallbackFilterFields | null | undefined): CallbackQuery {
    return {
      statuses: filter?.status ?? null,
      branchIds: viewer.scope ? [...viewer.scope] : null,
      problemId: filter?.problemId ? idOf('filter.problemId', filter.problemId, 'Problem') : null,
    };
  }

  /** The callback queue, oldest first; a branch manager's is their subtree's. */
  async list(
    viewer: Viewer,
    filter: CallbackFilterFields | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<Page<CallbackRow>> {
    this.assertReader(viewer);
    const limit = pageSize(first);
    const key = decodeCursor(after, ['number', 'string']) as [number, string] | null;
    const q = this.queryFor(viewer, filter);
    const rows = await pageCallbacks(this.deps.store.read, q, limit + 1, key);
    return pageOf(rows, limit, await countCallbacks(this.deps.store.read, q), (c) => encodeCursor([c.createdAt.getTime(), c.id]));
  }

  /** One callback, or null when missing, outside the viewer's scope, or the viewer's role does not work callbacks. */
  async find(viewer: Viewer, id: string): Promise<CallbackRow | null> {
    if (!READERS.includes(viewer.role)) return null;
    const cb = await findCallback(this.deps.store.read, id);
    if (!cb || (viewer.scope && !viewer.scope.has(cb.branchId))) return null;
    return cb;
  }

  /** A problem's callbacks the viewer may see, oldest first; none for roles that do not work callbacks. */
  async ofProblem(viewer: Viewer, problemId: string): Promise<CallbackRow[]> {
    if (!READERS.includes(viewer.role)) return [];
    return pageCallbacks(this.deps.store.read, { problemId, branchIds: viewer.scope ? [...viewer.scope] : null }, 500, null);
  }

  /** The callback KPIs of callbacks closed in [from, to) at the given branches (null: all). */
  async kpis(branchIds: readonly string[] | null, from: number | null, to: number | null): Promise<CallbackKpis> {
    return callbackKpisOf(this.deps.store.read, { branchIds, from, to });
  }
}
