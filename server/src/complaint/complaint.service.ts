import { and, eq, sql } from 'drizzle-orm';
import type { HubDeps } from '../core/hub.js';
import type { Db } from '../core/db.js';
import type { Viewer } from '../core/viewer.rules.js';
import type { WorkingCalendar } from '../core/calendar.rules.js';
import { AppError, badInput, conflict, forbidden, invalidTransition, notFound } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { first } from '../core/sql.js';
import { idOf, optionalText, requiredText, validDate } from '../core/validate.js';
import { pageSize, decodeCursor, encodeCursor, type Page, pageOf } from '../core/pagination.js';
import { write, type Emit } from '../event/index.js';
import type { FeedbackService } from '../feedback/index.js';
import type { ProblemService } from '../loop/index.js';
import type { OrgService } from '../org/index.js';
import type { ContactService } from '../contact/index.js';
import { findUserById } from '../user/index.js';
import { complaintCases, complaintExtensions, COMPLAINT_REMEDIES, type COMPLAINT_CODE_AXES } from './complaint.table.js';
import {
  complaintDueAt,
  complaintDeadline,
  limitAnchor,
  extensionRefusal,
  mayHandle,
  mayReview,
  nextComplaintStatus,
  recusalProblem,
  reviewWindowOpen,
  runningDueAt,
  REVIEW_LIMIT_DAYS,
  type ComplaintOperation,
} from './complaint.rules.js';
import {
  countComplaints,
  findComplaint,
  findComplaintCode,
  listComplaintCodes,
  pageComplaints,
  pageComplaintsByDaysLeft,
  runningKeyOf,
  type ComplaintCodeRow,
  type ComplaintQuery,
  type ComplaintRow,
} from './complaint.repository.js';

const TEXT_MAX = 4000;
const CODE_MAX = 32;
type HubEventTypeCode = Parameters<Emit>[0]['type'];
type Remedy = (typeof COMPLAINT_REMEDIES)[number];

export interface RegisterComplaintFields {
  feedbackId?: string | null;
  customerRef?: string | null;
  branchId?: string | null;
  subjectStaffId?: string | null;
  subjectDepartmentId?: string | null;
  channelCode: string;
  businessCode: string;
  causeCode: string;
  request: string;
  receivedAt?: Date | null;
  /** The customer's phone for the callback, stored encrypted (contact/). */
  customerPhone?: string | null;
}

export interface ComplaintFilterFields {
  status?: ComplaintRow['status'][] | null;
  branchId?: string | null;
  problemId?: string | null;
  overdueOnly?: boolean | null;
}

/** Who may do what to a complaint by role alone; the record's branch and 回避 are checked on top. */
const COMPLAINT_ROLES: Record<string, readonly Viewer['role'][]> = {
  registerComplaint: ['AGENT', 'ANALYST'],
  handle: ['BRANCH_MANAGER', 'COORDINATOR'],
  extendComplaint: ['BRANCH_MANAGER', 'COORDINATOR', 'ADMIN'],
  requestComplaintReview: ['AGENT', 'ANALYST', 'BRANCH_MANAGER', 'COORDINATOR'],
  completeComplaintReview: ['BRANCH_MANAGER', 'COORDINATOR'],
  linkComplaintToProblem: ['ANALYST', 'COORDINATOR'],
};

/** A feedback item opens one case: a second registration answers CONFLICT, whoever got there first. */
const alreadyRegistered = () => new AppError('CONFLICT', 'This feedback already has a complaint case.', { field: 'input.feedbackId' });

/**
 * The unique index on feedback_id decides whether an item already has its case: its violation (SQLite's message; PostgreSQL's unique_violation 23505 as the cause of
 * drizzle's error) is the same CONFLICT, not an internal error.
 */
async function oneCasePerFeedback<T>(insert: () => Promise<T>): Promise<T> {
  try {
    return await insert();
  } catch (err) {
    const cause = (err as { cause?: { code?: string; constraint?: string } }).cause;
    if (
      String((err as Error).message).includes('UNIQUE constraint failed: complaint_cases.feedback_id') ||
      (cause?.code === '23505' && cause.constraint === 'complaint_cases_feedback_idx')
    )
      throw alreadyRegistered();
    throw err;
  }
}

function assertComplaintRole(viewer: Viewer, operation: keyof typeof COMPLAINT_ROLES): void {
  if (!COMPLAINT_ROLES[operation]!.includes(viewer.role)) throw forbidden(`Your role (${viewer.role}) may not ${operation}.`);
}

/**
 * Complaint cases (投诉工单) to 《银行业保险业消费投诉处理管理办法》: registration with the regulatory
 * due date, handling under 回避 by the institution complained about, extensions, the decision told
 * to the customer, acceptance, 核实 by the next-higher institution, withdrawal, archiving, and the
 * link to the problem that traces the root cause.
 */
export class ComplaintService {
  constructor(
    private readonly deps: HubDeps,
    private readonly calendar: WorkingCalendar,
    private readonly feedback: FeedbackService,
    private readonly problems: ProblemService,
    private readonly org: OrgService,
    private readonly contacts: ContactService,
  ) {}

  /** AGENT, ANALYST: registers a complaint, from a feedback item flagged complaint or directly. */
  async register(viewer: Viewer, input: RegisterComplaintFields): Promise<ComplaintRow> {
    assertComplaintRole(viewer, 'registerComplaint');
    const request = requiredText('input.request', input.request, TEXT_MAX);
    let branchId = input.branchId ? idOf('input.branchId', input.branchId, 'Branch') : null;
    let customerRef = optionalText('input.customerRef', input.customerRef, 64);
    let receivedAt = input.receivedAt ? validDate('input.receivedAt', input.receivedAt) : null;
    const phone = this.contacts.phoneInput('input.customerPhone', input.customerPhone);
    const feedbackId = input.feedbackId ? idOf('input.feedbackId', input.feedbackId, 'Feedback') : null;
    if (feedbackId) {
      const item = await this.feedback.find(viewer, feedbackId);
      if (!item) throw notFound('Feedback', feedbackId);
      if (!item.complaint) throw badInput('input.feedbackId', 'Only feedback flagged as a complaint opens a complaint case.');
      branchId ??= item.branchId;
      customerRef ??= item.customerRef;
      receivedAt ??= item.receivedAt;
    }
    if (!branchId) throw badInput('input.branchId', 'A complaint names the branch complained about (属地).');
    if (!this.deps.org.get(branchId)) throw badInput('input.branchId', 'input.branchId is not a branch.');
    const subjectStaffId = input.subjectStaffId ? idOf('input.subjectStaffId', input.subjectStaffId, 'User') : null;
    const subjectDepartmentId = input.subjectDepartmentId
      ? idOf('input.subjectDepartmentId', input.subjectDepartmentId, 'Department')
      : null;
    const codes = {
      channelCode: requiredText('input.channelCode', input.channelCode, CODE_MAX),
      businessCode: requiredText('input.businessCode', input.businessCode, CODE_MAX),
      causeCode: requiredText('input.causeCode', input.causeCode, CODE_MAX),
    };
    return write(this.deps, async (tx, emit, now) => {
      const received = receivedAt ?? now;
      if (received.getTime() > now.getTime()) throw badInput('input.receivedAt', 'input.receivedAt cannot be in the future.');
      if (subjectStaffId && !(await findUserById(tx, subjectStaffId)))
        throw badInput('input.subjectStaffId', 'input.subjectStaffId is not a user.');
      if (subjectDepartmentId && !(await this.departmentExists(subjectDepartmentId)))
        throw badInput('input.subjectDepartmentId', 'input.subjectDepartmentId is not a department.');
      await this.assertCode(tx, 'CHANNEL', 'input.channelCode', codes.channelCode);
      await this.assertCode(tx, 'BUSINESS', 'input.businessCode', codes.businessCode);
      await this.assertCode(tx, 'CAUSE', 'input.causeCode', codes.causeCode);
      // One case per feedback item: the unique index decides, so that two registrations racing
      // (another process, or a check read before the other committed) get the same answer.
      const due = new Date(complaintDueAt(this.calendar, received.getTime(), 0));
      const row = (await oneCasePerFeedback(() =>
        first(
          tx
            .insert(complaintCases)
            .values({
              id: newId('ComplaintCase', now.getTime()),
              feedbackId,
              customerRef,
              branchId,
              subjectStaffId,
              subjectDepartmentId,
              ...codes,
              request,
              receivedAt: received,
              dueAt: due,
              runningDueAt: due,
              extensions: 0,
              status: 'REGISTERED',
              version: 1,
              createdAt: now,
              updatedAt: now,
              createdBy: viewer.id,
            })
            .returning(),
        ),
      ))!;
      if (phone) await this.contacts.put(tx, 'COMPLAINT', row.id, phone, now);
      await this.event(emit, viewer, 'COMPLAINT_REGISTERED', row, null, 'REGISTERED', null);
      return row;
    });
  }

  /** The handling side assigns (or replaces) the handler, who may not be the person or unit complained about. */
  async assign(viewer: Viewer, input: { caseId: string; expectedVersion: number; handlerId: string }): Promise<ComplaintRow> {
    assertComplaintRole(viewer, 'handle');
    const handlerId = idOf('input.handlerId', input.handlerId, 'User');
    return this.step(viewer, input.caseId, input.expectedVersion, 'assign', 'COMPLAINT_ASSIGNED', async (tx, c) => {
      const handler = await findUserById(tx, handlerId);
      if (!handler || !handler.active) throw badInput('input.handlerId', 'input.handlerId is not an active user.');
      const recusal = recusalProblem(handler, c);
      if (recusal) throw badInput('input.handlerId', recusal);
      return { set: { handlerId }, note: handler.displayName };
    });
  }

  /**
   * Extends the time limit: the first to 30 days from receipt, the second to 60 with head-office
   * approval; the reason is required and the customer is told (when, recorded).
   */
  async extend(
    viewer: Viewer,
    input: { caseId: string; expectedVersion: number; reason: string; customerToldAt: Date },
  ): Promise<ComplaintRow> {
    assertComplaintRole(viewer, 'extendComplaint');
    const reason = requiredText('input.reason', input.reason, TEXT_MAX);
    const customerToldAt = validDate('input.customerToldAt', input.customerToldAt);
    return this.step(viewer, input.caseId, input.expectedVersion, 'extend', 'COMPLAINT_EXTENDED', async (tx, c, now) => {
      if (customerToldAt.getTime() > now.getTime())
        throw badInput('input.customerToldAt', 'The customer cannot have been told in the future.');
      const branch = viewer.branchId ? this.deps.org.get(viewer.branchId) : undefined;
      const refusal = extensionRefusal(c.extensions, { role: viewer.role, atHeadOffice: branch?.level === 'HEAD_OFFICE' }, reason);
      if (refusal)
        throw refusal.code === 'BAD_USER_INPUT' ? badInput('input.reason', refusal.message) : new AppError(refusal.code, refusal.message);
      const ordinal = c.extensions + 1;
      const dueAt = new Date(complaintDueAt(this.calendar, limitAnchor(c), ordinal));
      await tx.insert(complaintExtensions).values({
        caseId: c.id,
        ordinal,
        reason,
        previousDueAt: c.dueAt,
        dueAt,
        extendedBy: viewer.id,
        approvedBy: ordinal === 2 ? viewer.id : null,
        customerToldAt,
        at: now,
      });
      return { set: { extensions: ordinal, dueAt }, note: reason };
    });
  }

  /** The decision told to the customer: what was verified, the basis and reasons, the remedies open. */
  async decide(
    viewer: Viewer,
    input: { caseId: string; expectedVersion: number; findings: string; basis: string; remedies: Remedy[] },
  ): Promise<ComplaintRow> {
    assertComplaintRole(viewer, 'handle');
    const findings = requiredText('input.findings', input.findings, TEXT_MAX);
    const basis = requiredText('input.basis', input.basis, TEXT_MAX);
    const remedies = [...new Set(input.remedies)];
    if (!remedies.length) throw badInput('input.remedies', 'The decision tells the customer which remedies are open to them.');
    return this.step(viewer, input.caseId, input.expectedVersion, 'decide', 'COMPLAINT_DECIDED', (_tx, c, now) => {
      if (!c.handlerId) throw invalidTransition(c.status, 'decideComplaint');
      return {
        set: {
          decisionFindings: findings,
          decisionBasis: basis,
          decisionRemedies: remedies.join(','),
          decidedAt: now,
          decidedBy: viewer.id,
        },
        note: findings,
      };
    });
  }

  /** The customer accepts the decision (recorded by the handling side). */
  accept(viewer: Viewer, input: { caseId: string; expectedVersion: number }): Promise<ComplaintRow> {
    assertComplaintRole(viewer, 'handle');
    return this.step(viewer, input.caseId, input.expectedVersion, 'accept', 'COMPLAINT_ACCEPTED', (_tx, _c, now) => ({
      set: { closedAt: now },
      note: null,
    }));
  }

  /** The customer asks for 核实 within the window after the decision; the review's own limit starts. */
  async requestReview(viewer: Viewer, input: { caseId: string; expectedVersion: number; reason: string }): Promise<ComplaintRow> {
    assertComplaintRole(viewer, 'requestComplaintReview');
    const reason = requiredText('input.reason', input.reason, TEXT_MAX);
    return this.step(viewer, input.caseId, input.expectedVersion, 'requestReview', 'COMPLAINT_REVIEW_REQUESTED', (_tx, c, now) => {
      if (!reviewWindowOpen(this.calendar, c.decidedAt!.getTime(), now.getTime()))
        throw invalidTransition(c.status, 'requestComplaintReview (the window for 核实 has closed)');
      return {
        set: { reviewRequestedAt: now, reviewDueAt: new Date(complaintDeadline(this.calendar, now.getTime(), REVIEW_LIMIT_DAYS)) },
        note: reason,
      };
    });
  }

  /** The next-higher institution (or a COORDINATOR) records the outcome of 核实. */
  async completeReview(
    viewer: Viewer,
    input: { caseId: string; expectedVersion: number; outcome: string; upheld?: boolean | null },
  ): Promise<ComplaintRow> {
    assertComplaintRole(viewer, 'completeComplaintReview');
    const outcome = requiredText('input.outcome', input.outcome, TEXT_MAX);
    const upheld = input.upheld ?? null;
    return this.step(viewer, input.caseId, input.expectedVersion, 'completeReview', 'COMPLAINT_REVIEWED', (_tx, _c, now) => ({
      set: { reviewOutcome: outcome, reviewUpheld: upheld, reviewedAt: now, reviewedBy: viewer.id, closedAt: now },
      note: outcome,
    }));
  }

  /** Files a concluded case in the complaint records (投诉档案). */
  archive(viewer: Viewer, input: { caseId: string; expectedVersion: number }): Promise<ComplaintRow> {
    assertComplaintRole(viewer, 'handle');
    return this.step(viewer, input.caseId, input.expectedVersion, 'archive', 'COMPLAINT_ARCHIVED', (_tx, c, now) => ({
      set: { closedAt: c.closedAt ?? now },
      note: null,
    }));
  }

  /** The customer withdraws: the procedure ends that day. Recorded by whoever took the call or handles it. */
  async withdraw(viewer: Viewer, input: { caseId: string; expectedVersion: number; note: string }): Promise<ComplaintRow> {
    assertComplaintRole(viewer, 'requestComplaintReview');
    const note = requiredText('input.note', input.note, TEXT_MAX);
    return this.step(viewer, input.caseId, input.expectedVersion, 'withdraw', 'COMPLAINT_WITHDRAWN', (_tx, _c, now) => ({
      set: { closedAt: now, closeNote: note },
      note,
    }));
  }

  /** Root cause (溯源整改): the case is traced by a problem the viewer can see. */
  async linkToProblem(viewer: Viewer, input: { caseId: string; expectedVersion: number; problemId: string }): Promise<ComplaintRow> {
    assertComplaintRole(viewer, 'linkComplaintToProblem');
    const problemId = idOf('input.problemId', input.problemId, 'Problem');
    const problem = await this.problems.find(viewer, problemId);
    if (!problem) throw notFound('Problem', problemId);
    const caseId = idOf('input.caseId', input.caseId, 'ComplaintCase');
    return write(this.deps, async (tx, emit, now) => {
      const c = await this.load(tx, viewer, caseId);
      if (c.version !== input.expectedVersion) throw conflict(c.version);
      const row = await this.bump(tx, c, { problemId }, now);
      await this.event(emit, viewer, 'COMPLAINT_LINKED', row, c.status, c.status, problem.code, problemId);
      return row;
    });
  }

  /**
   * A dissatisfied callback (回访) reopens the customer's case, inside the callback's write:
   * DECIDED/ACCEPTED/REVIEWED/ARCHIVED → HANDLING, limits afresh from now (complaint.rules.ts,
   * `reopen`). Answers the reopened case, or null when the case is not in a state that reopens
   * (still being handled, in 核实, or withdrawn); the callback's own event flags it either way.
   */
  async reopenAfterCallback(
    tx: Db,
    emit: Emit,
    actorId: string,
    caseId: string,
    note: string | null,
    now: Date,
  ): Promise<ComplaintRow | null> {
    const c = await findComplaint(tx, caseId);
    if (!c) return null;
    const next = nextComplaintStatus(c.status, 'reopen');
    if (!next.ok) return null;
    const row = await this.bump(
      tx,
      c,
      {
        status: next.to,
        reopenedAt: now,
        extensions: 0,
        dueAt: new Date(complaintDueAt(this.calendar, now.getTime(), 0)),
        closedAt: null,
        reviewRequestedAt: null,
        reviewDueAt: null,
      },
      now,
    );
    await emit({
      type: 'COMPLAINT_REOPENED',
      actorId,
      complaintId: c.id,
      branchId: c.branchId,
      problemId: c.problemId,
      fromStatus: c.status,
      toStatus: next.to,
      note,
    });
    return row;
  }

  /** A case by id for a write in progress, whatever the viewer (the caller checks). */
  findInTx(tx: Db, caseId: string): Promise<ComplaintRow | undefined> {
    return findComplaint(tx, caseId);
  }

  private async step(
    viewer: Viewer,
    caseIdIn: string,
    expectedVersion: number,
    operation: ComplaintOperation,
    eventType: HubEventTypeCode,
    change: (
      tx: Db,
      c: ComplaintRow,
      now: Date,
    ) => { set: Partial<ComplaintRow>; note: string | null } | Promise<{ set: Partial<ComplaintRow>; note: string | null }>,
  ): Promise<ComplaintRow> {
    const caseId = idOf('input.caseId', caseIdIn, 'ComplaintCase');
    return write(this.deps, async (tx, emit, now) => {
      const c = await this.load(tx, viewer, caseId);
      this.assertMayAct(viewer, c, operation);
      if (c.version !== expectedVersion) throw conflict(c.version);
      const next = nextComplaintStatus(c.status, operation);
      if (!next.ok) throw invalidTransition(c.status, operation);
      const { set, note } = await change(tx, c, now);
      const row = await this.bump(tx, c, { ...set, status: next.to }, now);
      await this.event(emit, viewer, eventType, row, c.status, next.to, note);
      return row;
    });
  }

  /** The record's own rights: the handling side's branch, the reviewer's higher institution, 回避. */
  private assertMayAct(viewer: Viewer, c: ComplaintRow, operation: ComplaintOperation): void {
    if (operation === 'completeReview') {
      const parent = this.deps.org.get(c.branchId)?.parentId ?? null;
      if (!mayReview(viewer, parent)) throw forbidden('核实 is performed by the next-higher institution or a COORDINATOR.');
    } else if (operation === 'extend' && viewer.role === 'ADMIN') {
      // An ADMIN takes part only as head office, approving the second extension.
      if (this.deps.org.get(viewer.branchId ?? '')?.level !== 'HEAD_OFFICE')
        throw forbidden('Only a head-office ADMIN may extend a complaint.');
    } else if (['assign', 'decide', 'accept', 'archive', 'extend'].includes(operation)) {
      if (!mayHandle(viewer, c.branchId)) throw forbidden('Only the branch complained about or a COORDINATOR handles this complaint.');
    }
    if (operation === 'decide' || operation === 'completeReview' || operation === 'assign') {
      const recusal = recusalProblem(viewer, c);
      if (recusal) throw forbidden(recusal);
    }
  }

  private async load(tx: Db, viewer: Viewer, caseId: string): Promise<ComplaintRow> {
    const c = await findComplaint(tx, caseId);
    if (!c || (viewer.scope && !viewer.scope.has(c.branchId))) throw notFound('ComplaintCase', caseId);
    return c;
  }

  private async bump(tx: Db, c: ComplaintRow, set: Partial<ComplaintRow>, now: Date): Promise<ComplaintRow> {
    const running = runningDueAt({ ...c, ...set });
    const row = await first(
      tx
        .update(complaintCases)
        .set({ ...set, runningDueAt: running, version: sql`${complaintCases.version} + 1`, updatedAt: now })
        .where(and(eq(complaintCases.id, c.id), eq(complaintCases.version, c.version)))
        .returning(),
    );
    if (!row) throw conflict((await findComplaint(tx, c.id))?.version ?? c.version);
    return row;
  }

  private event(
    emit: Emit,
    viewer: Viewer,
    type: HubEventTypeCode,
    c: ComplaintRow,
    fromStatus: string | null,
    toStatus: string | null,
    note: string | null,
    problemId: string | null = null,
  ) {
    return emit({ type, actorId: viewer.id, complaintId: c.id, branchId: c.branchId, problemId, fromStatus, toStatus, note });
  }

  private async assertCode(tx: Db, axis: (typeof COMPLAINT_CODE_AXES)[number], field: string, code: string): Promise<void> {
    const found = await findComplaintCode(tx, axis, code);
    if (!found) throw badInput(field, `${code} is not a JR/T 0169-2018 ${axis.toLowerCase()} code.`);
    if (!found.active) throw badInput(field, `${code} is no longer in use (deactivated by the administrator).`);
  }

  private async departmentExists(id: string): Promise<boolean> {
    return (await this.org.departments()).some((d) => d.id === id);
  }

  queryFor(viewer: Viewer, filter: ComplaintFilterFields | null | undefined): ComplaintQuery {
    let branchIds: string[] | null = viewer.scope ? [...viewer.scope] : null;
    if (filter?.branchId) branchIds = [...this.deps.org.subtree(filter.branchId)].filter((id) => !viewer.scope || viewer.scope.has(id));
    return {
      statuses: filter?.status ?? null,
      branchIds,
      problemId: filter?.problemId ?? null,
      overdueAt: filter?.overdueOnly ? this.deps.clock.now().getTime() : null,
    };
  }

  /**
   * Cases the viewer may see (a branch manager: their subtree), by the decision due date, or with
   * DAYS_LEFT by the limit running now, overdue first and cases with no running limit last.
   */
  async list(
    viewer: Viewer,
    filter: ComplaintFilterFields | null | undefined,
    first?: number | null,
    after?: string | null,
    orderBy: 'DUE_AT' | 'DAYS_LEFT' = 'DUE_AT',
  ): Promise<Page<ComplaintRow>> {
    const limit = pageSize(first);
    const key = decodeCursor(after, ['number', 'string']) as [number, string] | null;
    const q = this.queryFor(viewer, filter);
    const db = this.deps.store.read;
    if (orderBy === 'DAYS_LEFT') {
      const rows = await pageComplaintsByDaysLeft(db, q, limit + 1, key);
      return pageOf(rows, limit, await countComplaints(db, q), (c) => encodeCursor([runningKeyOf(c), c.id]));
    }
    const rows = await pageComplaints(db, q, limit + 1, key);
    return pageOf(rows, limit, await countComplaints(db, q), (c) => encodeCursor([c.dueAt.getTime(), c.id]));
  }

  /** Every case a filter selects for this viewer, by decision due date, in keyset batches: what the list export streams. */
  async *scan(viewer: Viewer, filter: ComplaintFilterFields | null | undefined, batch = 1000): AsyncGenerator<ComplaintRow[]> {
    const q = this.queryFor(viewer, filter);
    let cursor: [number, string] | null = null;
    for (;;) {
      const rows = await pageComplaints(this.deps.store.read, q, batch, cursor);
      const last = rows[rows.length - 1];
      if (!last) return;
      yield rows;
      if (rows.length < batch) return;
      cursor = [last.dueAt.getTime(), last.id];
    }
  }

  /** One case, or null when missing or outside the viewer's scope. */
  async find(viewer: Viewer, id: string): Promise<ComplaintRow | null> {
    const c = await findComplaint(this.deps.store.read, id);
    if (!c || (viewer.scope && !viewer.scope.has(c.branchId))) return null;
    return c;
  }

  /** A problem's complaint cases the viewer may see, fewest days left first. */
  async ofProblem(viewer: Viewer, problemId: string): Promise<ComplaintRow[]> {
    return pageComplaints(this.deps.store.read, { problemId, branchIds: viewer.scope ? [...viewer.scope] : null }, 500, null);
  }

  codes(axis?: ComplaintCodeRow['axis'] | null): Promise<ComplaintCodeRow[]> {
    return listComplaintCodes(this.deps.store.read, axis);
  }
}
