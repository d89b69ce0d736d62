import type { ACTION_STATUSES } from './action.table.js';

export type ActionStatusCode = (typeof ACTION_STATUSES)[number];
export type ActionOperation = 'accept' | 'reportProgress' | 'submit' | 'confirm' | 'return' | 'requestExtension';

/**
 * A linkage action's life: ASSIGNED → ACCEPTED → IN_PROGRESS → SUBMITTED → CONFIRMED, or back to
 * the branch as RETURNED and on again through IN_PROGRESS. `null`: no change of status.
 */
export const ACTION_TRANSITIONS: Record<ActionOperation, { from: readonly ActionStatusCode[]; to: ActionStatusCode | null }> = {
  accept: { from: ['ASSIGNED'], to: 'ACCEPTED' },
  reportProgress: { from: ['ACCEPTED', 'IN_PROGRESS', 'RETURNED'], to: 'IN_PROGRESS' },
  submit: { from: ['IN_PROGRESS'], to: 'SUBMITTED' },
  confirm: { from: ['SUBMITTED'], to: 'CONFIRMED' },
  return: { from: ['SUBMITTED'], to: 'RETURNED' },
  // An extension makes sense only while the branch still owes the work.
  requestExtension: { from: ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'RETURNED'], to: null },
};

export function nextActionStatus(from: ActionStatusCode, operation: ActionOperation): { ok: true; to: ActionStatusCode } | { ok: false } {
  const rule = ACTION_TRANSITIONS[operation];
  if (!rule.from.includes(from)) return { ok: false };
  return { ok: true, to: rule.to ?? from };
}

/** Overdue is derived, never stored: past its due date and not yet confirmed. */
export function isOverdue(action: { status: ActionStatusCode; dueAt: Date }, now: Date): boolean {
  return action.status !== 'CONFIRMED' && action.dueAt.getTime() < now.getTime();
}

/** A branch may ask for one extension at a time, and only for a later date. */
export function extensionRequestProblem(
  pending: boolean,
  currentDueAt: Date,
  requestedDueAt: Date,
  now: Date,
): { code: 'INVALID_TRANSITION' | 'BAD_USER_INPUT'; message: string } | undefined {
  if (pending) return { code: 'INVALID_TRANSITION', message: 'An extension request is already waiting for a decision.' };
  if (requestedDueAt.getTime() <= currentDueAt.getTime())
    return { code: 'BAD_USER_INPUT', message: 'The requested due date must be later than the current one.' };
  if (requestedDueAt.getTime() <= now.getTime())
    return { code: 'BAD_USER_INPUT', message: 'The requested due date must be in the future.' };
  return undefined;
}
