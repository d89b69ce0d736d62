import type { CALLBACK_STATUSES, CALLBACK_VERDICTS } from './callback.table.js';
import type { CallbackCounts } from '../kpi/index.js';

export type CallbackStatusCode = (typeof CALLBACK_STATUSES)[number];
export type CallbackVerdictCode = (typeof CALLBACK_VERDICTS)[number];

/** A record a resolved problem holds that may stand for a customer to call back. */
export interface CallbackSource {
  kind: 'COMPLAINT' | 'FEEDBACK';
  id: string;
  customerRef: string | null;
  branchId: string;
  /** Whether a phone number is stored for it. */
  hasPhone: boolean;
  /** The feedback item a complaint case was registered from. */
  feedbackId: string | null;
  at: number;
}

/** One customer to call back, with the records that stand for them. */
export interface CallbackTarget {
  customerKey: string;
  customerRef: string | null;
  complaintId: string | null;
  feedbackId: string | null;
  branchId: string;
  /** The first of the customer's records (in the order below) that left a phone. */
  contact: { kind: 'COMPLAINT' | 'FEEDBACK'; id: string } | null;
}

/**
 * The distinct customers of a resolved problem. A customer is their reference (customerRef);
 * records without one stand for a customer only when a phone was left (otherwise nobody can be
 * called). Per customer, the complaint case is preferred (a dissatisfied callback reopens it), and
 * among records of one kind the one with a phone, then the earliest.
 */
export function callbackTargets(sources: readonly CallbackSource[]): CallbackTarget[] {
  const rank = (s: CallbackSource) => (s.kind === 'COMPLAINT' ? 0 : 2) + (s.hasPhone ? 0 : 1);
  const sorted = [...sources].sort((a, b) => rank(a) - rank(b) || a.at - b.at || a.id.localeCompare(b.id));
  const byKey = new Map<string, CallbackTarget>();
  for (const s of sorted) {
    const key = s.customerRef ? `REF:${s.customerRef}` : s.hasPhone ? `${s.kind}:${s.id}` : null;
    if (!key) continue;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, {
        customerKey: key,
        customerRef: s.customerRef,
        complaintId: s.kind === 'COMPLAINT' ? s.id : null,
        feedbackId: s.kind === 'FEEDBACK' ? s.id : s.feedbackId,
        branchId: s.branchId,
        contact: s.hasPhone ? { kind: s.kind, id: s.id } : null,
      });
    } else {
      if (!seen.feedbackId && s.kind === 'FEEDBACK') seen.feedbackId = s.id;
      if (!seen.contact && s.hasPhone) seen.contact = { kind: s.kind, id: s.id };
    }
  }
  return [...byKey.values()];
}

/** What an attempt asks for. */
export interface AttemptInput {
  reached: boolean;
  verdict: CallbackVerdictCode | null;
}

/**
 * The callback after one more call: not reached, it stays OPEN (the agent retries) until the
 * `maxAttempts`-th unanswered call closes it as UNREACHABLE; reached, it is COMPLETED with the
 * customer's verdict. Refused: a closed callback (INVALID_TRANSITION), a reached call without a
 * verdict or an unreached one with a verdict (BAD_USER_INPUT).
 */
export function nextAfterAttempt(
  current: { status: CallbackStatusCode; attempts: number },
  attempt: AttemptInput,
  maxAttempts: number,
):
  | { ok: true; status: CallbackStatusCode; attempts: number; verdict: CallbackVerdictCode | null }
  | { ok: false; code: 'INVALID_TRANSITION' | 'BAD_USER_INPUT'; field?: string; message: string } {
  if (current.status !== 'OPEN') return { ok: false, code: 'INVALID_TRANSITION', message: `The callback is ${current.status}.` };
  const attempts = current.attempts + 1;
  if (!attempt.reached) {
    if (attempt.verdict)
      return { ok: false, code: 'BAD_USER_INPUT', field: 'input.verdict', message: 'A customer not reached gives no verdict.' };
    return { ok: true, status: attempts >= maxAttempts ? 'UNREACHABLE' : 'OPEN', attempts, verdict: null };
  }
  if (!attempt.verdict)
    return { ok: false, code: 'BAD_USER_INPUT', field: 'input.verdict', message: 'A reached customer gives a verdict.' };
  return { ok: true, status: 'COMPLETED', attempts, verdict: attempt.verdict };
}

/** The callback KPIs' counts over closed callbacks: the shape kpi's port asks for (KpiService's CallbackFigures). */
export type { CallbackCounts };

/**
 * Reach rate = reached ÷ closed (COMPLETED or UNREACHABLE); satisfaction rate = SATISFIED ÷ reached,
 * partly-satisfied rate = PARTLY ÷ reached. Null without a denominator.
 */
export function callbackRates(c: CallbackCounts): {
  reachRate: number | null;
  satisfactionRate: number | null;
  partlySatisfiedRate: number | null;
} {
  return {
    reachRate: c.closed ? c.reached / c.closed : null,
    satisfactionRate: c.reached ? c.satisfied / c.reached : null,
    partlySatisfiedRate: c.reached ? c.partly / c.reached : null,
  };
}

/**
 * Who may reveal a callback's phone: an AGENT, while the callback is OPEN and nobody else works it
 * (the first to reveal or call takes it). The refusal's message, or undefined.
 */
export function revealRefusal(viewer: { id: string; role: string }, cb: { status: CallbackStatusCode; assigneeId: string | null }) {
  if (viewer.role !== 'AGENT') return 'Only the contact-center agent working the callback sees the phone number.';
  if (cb.status !== 'OPEN') return 'The callback is closed: its phone number is no longer shown.';
  if (cb.assigneeId && cb.assigneeId !== viewer.id) return 'Another agent is working this callback.';
  return undefined;
}

/** The deadline events of a callback, said by the deadline scan once per due date. */
export type CallbackDeadlineEvent = 'CALLBACK_DUE_SOON' | 'CALLBACK_OVERDUE';

/**
 * What an open callback's due date owes at `now`, given what was already said for it: overdue once
 * the due instant has passed; due soon while not overdue and the due date is at or before
 * `soonUntil` (now plus the configured limit; null: never). A callback found only once it is
 * already overdue is told overdue alone: "due soon" would be stale.
 */
export function callbackDeadlinesOwed(
  dueAt: number,
  now: number,
  soonUntil: number | null,
  said: ReadonlySet<CallbackDeadlineEvent>,
): CallbackDeadlineEvent[] {
  const overdue = now > dueAt;
  if (overdue) return said.has('CALLBACK_OVERDUE') ? [] : ['CALLBACK_OVERDUE'];
  return soonUntil !== null && dueAt <= soonUntil && !said.has('CALLBACK_DUE_SOON') ? ['CALLBACK_DUE_SOON'] : [];
}
