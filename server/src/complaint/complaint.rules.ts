import { dayStart, isWorkingDay, localDay, type WorkingCalendar } from '../core/calendar.rules.js';
import type { RoleCode } from '../core/roles.js';
import type { COMPLAINT_STATUSES } from './complaint.table.js';

export type ComplaintStatusCode = (typeof COMPLAINT_STATUSES)[number];
export type ComplaintOperation =
  'assign' | 'extend' | 'decide' | 'accept' | 'requestReview' | 'completeReview' | 'archive' | 'withdraw' | 'reopen';

const DAY_MS = 86_400_000;

/**
 * 办法 (time limits): decided and told within 15 days of receipt; complex cases may extend to 30; especially
 * complex ones a further 30 with a higher level's approval. Totals counted from receipt, by extension.
 */
export const COMPLAINT_LIMIT_DAYS = [15, 30, 60] as const;
/** 办法 (核实): the customer may ask for 核实 within 30 days of the decision; it is done within 30 days. */
export const REVIEW_REQUEST_DAYS = 30;
export const REVIEW_LIMIT_DAYS = 30;

/**
 * A case's life. Open: REGISTERED → HANDLING → DECIDED → REVIEW_REQUESTED; ends: ACCEPTED,
 * REVIEWED (then ARCHIVED), WITHDRAWN. `null`: no change of status (an extension).
 */
export const COMPLAINT_TRANSITIONS: Record<ComplaintOperation, { from: readonly ComplaintStatusCode[]; to: ComplaintStatusCode | null }> = {
  // A handler may be replaced while the case is being handled (e.g. after a 回避 is discovered).
  assign: { from: ['REGISTERED', 'HANDLING'], to: 'HANDLING' },
  extend: { from: ['REGISTERED', 'HANDLING'], to: null },
  decide: { from: ['HANDLING'], to: 'DECIDED' },
  accept: { from: ['DECIDED'], to: 'ACCEPTED' },
  requestReview: { from: ['DECIDED'], to: 'REVIEW_REQUESTED' },
  completeReview: { from: ['REVIEW_REQUESTED'], to: 'REVIEWED' },
  // A decision the customer neither accepts nor contests is archived once filed.
  archive: { from: ['DECIDED', 'ACCEPTED', 'REVIEWED'], to: 'ARCHIVED' },
  withdraw: { from: ['REGISTERED', 'HANDLING', 'DECIDED', 'REVIEW_REQUESTED'], to: 'WITHDRAWN' },
  // A callback (回访) after the root cause was fixed finds the customer NOT_SATISFIED: a decided or
  // concluded case goes back to HANDLING with its handler, and its limits run afresh from the
  // reopening (15 days, extensions again 30 and 60: complaintDueAt from `reopenedAt`). A case still
  // being handled (REGISTERED, HANDLING) or in 核实 is not moved; a WITHDRAWN one stays withdrawn
  // (the customer ended the procedure).
  reopen: { from: ['DECIDED', 'ACCEPTED', 'REVIEWED', 'ARCHIVED'], to: 'HANDLING' },
};

export function nextComplaintStatus(
  from: ComplaintStatusCode,
  operation: ComplaintOperation,
): { ok: true; to: ComplaintStatusCode } | { ok: false } {
  const rule = COMPLAINT_TRANSITIONS[operation];
  if (!rule.from.includes(from)) return { ok: false };
  return { ok: true, to: rule.to ?? from };
}

/** States in which the bank still owes the customer something. */
export function isComplaintOpen(status: ComplaintStatusCode): boolean {
  return COMPLAINT_TRANSITIONS.withdraw.from.includes(status);
}

/** Where a case's limits are counted from: its receipt, or its latest reopening after a dissatisfied callback. */
export function limitAnchor(c: { receivedAt: Date; reopenedAt: Date | null }): number {
  return (c.reopenedAt ?? c.receivedAt).getTime();
}

/**
 * The end of a limit of `days` natural days counted from receipt (民法典 第二百零一条: the day of
 * receipt is not counted; 第二百零三条: when the last day is a statutory holiday or rest day, the
 * next working day is the last day; the last day ends at 24:00). Returns the last instant of that
 * day in bank time.
 */
export function complaintDeadline(calendar: WorkingCalendar, receivedAt: number, days: number): number {
  let last = localDay(dayStart(localDay(receivedAt)) + days * DAY_MS);
  for (let i = 0; i < 366 && !isWorkingDay(calendar, last); i++) last = localDay(dayStart(last) + DAY_MS);
  return dayStart(last) + DAY_MS - 1;
}

/** The due date after `extensions` extensions (0, 1 or 2). */
export function complaintDueAt(calendar: WorkingCalendar, receivedAt: number, extensions: number): number {
  const days = COMPLAINT_LIMIT_DAYS[extensions];
  if (days === undefined) throw new Error(`A complaint has at most ${COMPLAINT_LIMIT_DAYS.length - 1} extensions.`);
  return complaintDeadline(calendar, receivedAt, days);
}

/** Whole local days from today to the due day: 0 on the due day, negative once overdue. */
export function daysLeft(dueAt: number, now: number): number {
  return Math.round((dayStart(localDay(dueAt)) - dayStart(localDay(now))) / DAY_MS);
}

export interface ExtensionViewer {
  role: RoleCode;
  /** Whether the viewer's own branch is the head office. */
  atHeadOffice: boolean;
}

/**
 * Whether this viewer may grant the next extension. The first is the handling side's call; the
 * second needs head-office approval (办法: "经其上级机构或总行高级管理人员审批"): it is granted by a COORDINATOR
 * (a head-office role) or an ADMIN of the head office, whose act is the approval recorded on it.
 */
export function extensionRefusal(
  extensions: number,
  viewer: ExtensionViewer,
  reason: string,
): { code: 'INVALID_TRANSITION' | 'FORBIDDEN' | 'BAD_USER_INPUT'; message: string } | undefined {
  if (extensions >= COMPLAINT_LIMIT_DAYS.length - 1)
    return { code: 'INVALID_TRANSITION', message: 'This complaint has had both extensions the rules allow (60 days).' };
  if (!reason.trim()) return { code: 'BAD_USER_INPUT', message: 'An extension needs its reason.' };
  if (extensions === 1 && !(viewer.role === 'COORDINATOR' || (viewer.role === 'ADMIN' && viewer.atHeadOffice)))
    return {
      code: 'FORBIDDEN',
      message: 'The second extension (to 60 days) needs head-office approval: a COORDINATOR or a head-office ADMIN grants it.',
    };
  return undefined;
}

/**
 * 回避 (办法): the handler has no direct interest in the matter, so is neither the staff
 * member complained about nor a member of the department complained about. The message, or undefined.
 */
export function recusalProblem(
  person: { id: string; departmentId: string | null },
  subject: { subjectStaffId: string | null; subjectDepartmentId: string | null },
): string | undefined {
  if (subject.subjectStaffId && person.id === subject.subjectStaffId)
    return '回避: the staff member complained about cannot handle, decide or review this complaint.';
  if (subject.subjectDepartmentId && person.departmentId === subject.subjectDepartmentId)
    return '回避: a member of the department complained about cannot handle, decide or review this complaint.';
  return undefined;
}

/**
 * Who performs 核实: the next-higher institution (a branch manager whose subtree holds the parent of
 * the branch complained about) or a COORDINATOR. A case at the head office has no higher
 * institution: only a COORDINATOR reviews it.
 */
export function mayReview(viewer: { role: RoleCode; scope: ReadonlySet<string> | null }, parentBranchId: string | null): boolean {
  if (viewer.role === 'COORDINATOR') return true;
  return viewer.role === 'BRANCH_MANAGER' && parentBranchId !== null && !!viewer.scope?.has(parentBranchId);
}

/** The handling side: the branch manager whose subtree holds the branch complained about, or a COORDINATOR. */
export function mayHandle(viewer: { role: RoleCode; scope: ReadonlySet<string> | null }, branchId: string): boolean {
  if (viewer.role === 'COORDINATOR') return true;
  return viewer.role === 'BRANCH_MANAGER' && !!viewer.scope?.has(branchId);
}

/** Whether a request for 核实 still falls within its window after the decision. */
export function reviewWindowOpen(calendar: WorkingCalendar, decidedAt: number, now: number): boolean {
  return now <= complaintDeadline(calendar, decidedAt, REVIEW_REQUEST_DAYS);
}

/**
 * The limit running now, which the list sorts by and the deadline scan watches: the decision's due
 * date until the decision is told, 核实's while it is requested; none otherwise (decided and
 * waiting on the customer, or ended).
 */
export function runningDueAt(c: { status: ComplaintStatusCode; dueAt: Date; reviewDueAt: Date | null }): Date | null {
  if (c.status === 'REGISTERED' || c.status === 'HANDLING') return c.dueAt;
  if (c.status === 'REVIEW_REQUESTED') return c.reviewDueAt;
  return null;
}

/** Which limit a running due date is: the decision's (15/30/60 days) or 核实's (30 days). */
export type ComplaintLimitKind = 'DECISION' | 'REVIEW';
export const limitKindOf = (status: ComplaintStatusCode): ComplaintLimitKind => (status === 'REVIEW_REQUESTED' ? 'REVIEW' : 'DECISION');

/** The deadline events a complaint's running limit owes. */
export type ComplaintDeadlineEvent = 'COMPLAINT_DUE_SOON' | 'COMPLAINT_OVERDUE' | 'COMPLAINT_ESCALATED';

export interface ComplaintDeadlinePolicy {
  /** "Due soon" from this many days before the due day (0: on the due day; null: never). */
  dueSoonDays: number | null;
  /** When an overdue case reaches head office, from its due date; null: never. */
  escalateAt: ((dueAt: number) => number) | null;
  /** The least time from the due date to escalation (a working day is never shorter than a day): the scan's cheap bound. */
  escalateMinSpanMs: number | null;
}

/**
 * What a running limit owes at `now`, of what has not been said yet (`said`): due soon while the
 * due day is at most `dueSoonDays` days away and not passed (a scan that first sees the case
 * overdue says only that it is overdue); overdue once the last instant of the due day has passed;
 * escalated to head office once the escalation time has passed.
 */
export function complaintDeadlinesOwed(
  policy: ComplaintDeadlinePolicy,
  dueAt: number,
  now: number,
  said: ReadonlySet<ComplaintDeadlineEvent>,
): ComplaintDeadlineEvent[] {
  const owed: ComplaintDeadlineEvent[] = [];
  const overdue = now > dueAt;
  if (!overdue && policy.dueSoonDays !== null && daysLeft(dueAt, now) <= policy.dueSoonDays && !said.has('COMPLAINT_DUE_SOON'))
    owed.push('COMPLAINT_DUE_SOON');
  if (overdue && !said.has('COMPLAINT_OVERDUE')) owed.push('COMPLAINT_OVERDUE');
  if (overdue && policy.escalateAt && now > policy.escalateAt(dueAt) && !said.has('COMPLAINT_ESCALATED')) owed.push('COMPLAINT_ESCALATED');
  return owed;
}

/** One case as the regulatory statistics count it. */
export interface ComplaintFacts {
  status: ComplaintStatusCode;
  receivedAt: number;
  dueAt: number;
  decidedAt: number | null;
  reviewRequestedAt: number | null;
  reviewedAt: number | null;
  reviewUpheld: boolean | null;
  closedAt: number | null;
}

/** The regulator's figures for a set of cases (《办法》 periodic statistics; JR/T 0169-2018 axes). */
export interface ComplaintFigures {
  received: number;
  decidedWithin15Days: number;
  decidedWithin30Days: number;
  decidedWithin60Days: number;
  overdue: number;
  withdrawn: number;
  reviewRequested: number;
  reviewUpheld: number;
  reviewChanged: number;
  reviewPending: number;
  /** Mean days from receipt to the decision told, over decided cases, to 0.01; null when none decided. */
  averageHandlingDays: number | null;
}

/**
 * Counts cases for the regulator. "Decided within N days": the decision told within the N-day limit
 * from receipt (the same limit as the due date: receipt day not counted, a last day off moved to the
 * next working day), so within 30 includes within 15. Overdue: the decision came after the case's
 * due date (extensions included), or none yet and the due date has passed at `now`; a withdrawal
 * ends the procedure, so a case withdrawn undecided is overdue only if withdrawn after its due date.
 * 核实: requested, then upheld, changed, or (reviewed without a verdict, or not yet) pending.
 */
export function complaintFigures(cases: readonly ComplaintFacts[], calendar: WorkingCalendar, now: number): ComplaintFigures {
  const f: ComplaintFigures = {
    received: 0,
    decidedWithin15Days: 0,
    decidedWithin30Days: 0,
    decidedWithin60Days: 0,
    overdue: 0,
    withdrawn: 0,
    reviewRequested: 0,
    reviewUpheld: 0,
    reviewChanged: 0,
    reviewPending: 0,
    averageHandlingDays: null,
  };
  let handlingMs = 0;
  let decided = 0;
  for (const c of cases) {
    f.received++;
    if (c.decidedAt !== null) {
      decided++;
      handlingMs += c.decidedAt - c.receivedAt;
      if (c.decidedAt <= complaintDeadline(calendar, c.receivedAt, 15)) f.decidedWithin15Days++;
      if (c.decidedAt <= complaintDeadline(calendar, c.receivedAt, 30)) f.decidedWithin30Days++;
      if (c.decidedAt <= complaintDeadline(calendar, c.receivedAt, 60)) f.decidedWithin60Days++;
    }
    const ended = c.decidedAt ?? (c.status === 'WITHDRAWN' ? c.closedAt : null);
    if (ended !== null ? ended > c.dueAt : now > c.dueAt) f.overdue++;
    if (c.status === 'WITHDRAWN') f.withdrawn++;
    if (c.reviewRequestedAt !== null) {
      f.reviewRequested++;
      if (c.reviewedAt !== null && c.reviewUpheld === true) f.reviewUpheld++;
      else if (c.reviewedAt !== null && c.reviewUpheld === false) f.reviewChanged++;
      else f.reviewPending++;
    }
  }
  if (decided) f.averageHandlingDays = Math.round((handlingMs / decided / DAY_MS) * 100) / 100;
  return f;
}

/** A quarter `YYYY-Qn` as its first month and the month after its last (`YYYY-MM`), or undefined. */
export function quarterMonths(quarter: string): { first: string; next: string } | undefined {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) return undefined;
  const year = Number(m[1]);
  const q = Number(m[2]);
  const first = `${year}-${String(q * 3 - 2).padStart(2, '0')}`;
  const next = q === 4 ? `${year + 1}-01` : `${year}-${String(q * 3 + 1).padStart(2, '0')}`;
  return { first, next };
}

const AXIS_LETTER = { CHANNEL: 'A', BUSINESS: 'B', CAUSE: 'C' } as const;

/**
 * A new code's shape: JR/T 0169-2018 codes are the axis letter (A channel, B business, C cause)
 * and digits, a sub-code extending its class's code (A0103 → A010301). The problem, or undefined.
 */
export function complaintCodeProblem(
  axis: keyof typeof AXIS_LETTER,
  code: string,
  parentCode: string | null,
): { field: string; message: string } | undefined {
  const letter = AXIS_LETTER[axis];
  if (!new RegExp(`^${letter}[0-9]{2,14}$`).test(code))
    return { field: 'input.code', message: `A ${axis.toLowerCase()} code is ${letter} and 2 to 14 digits, e.g. ${letter}0199.` };
  if (parentCode !== null && !(code.startsWith(parentCode) && code.length > parentCode.length))
    return { field: 'input.parentCode', message: `A sub-code extends its class's code: ${parentCode}… .` };
  return undefined;
}
