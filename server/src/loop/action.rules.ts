import type { ACTION_STATUSES } from './action.table.js';

export type ActionStatusCode = (typeof ACTION_STATUSES)[number];
export type ActionOperation =
  'accept' | 'reportProgress' | 'submit' | 'confirm' | 'return' | 'requestExtension' | 'decline' | 'cancel' | 'reassign' | 'changeDueDate';

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
  // Corrections (issue 18). The owner sends a row that is not theirs back to the coordinator while
  // they still hold it (not once handed in: the coordinator returns or confirms that first).
  decline: { from: ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'RETURNED'], to: 'DECLINED' },
  // The coordinator withdraws a row at any point before it is confirmed.
  cancel: { from: ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED', 'RETURNED', 'DECLINED'], to: 'CANCELLED' },
  // Reassigned, the row starts over with its new owner; work handed in is returned or confirmed first.
  reassign: { from: ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'RETURNED', 'DECLINED'], to: 'ASSIGNED' },
  changeDueDate: { from: ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED', 'RETURNED', 'DECLINED'], to: null },
};

export function nextActionStatus(from: ActionStatusCode, operation: ActionOperation): { ok: true; to: ActionStatusCode } | { ok: false } {
  const rule = ACTION_TRANSITIONS[operation];
  if (!rule.from.includes(from)) return { ok: false };
  return { ok: true, to: rule.to ?? from };
}

/** Statuses in which an action owes nothing more: confirmed, or withdrawn by the coordinator. */
export const SETTLED_ACTION_STATUSES = ['CONFIRMED', 'CANCELLED'] as const satisfies readonly ActionStatusCode[];

/** Overdue is derived, never stored: past its due date and neither confirmed nor cancelled. */
export function isOverdue(action: { status: ActionStatusCode; dueAt: Date }, now: Date): boolean {
  return !(SETTLED_ACTION_STATUSES as readonly string[]).includes(action.status) && action.dueAt.getTime() < now.getTime();
}

/** Where a reassigned action goes: somewhere else than where it is. Answers why not, if not. */
export function reassignProblem(
  current: { branchId: string | null; departmentId: string | null },
  next: { branchId: string | null; departmentId: string | null },
): string | undefined {
  if (current.branchId === next.branchId && current.departmentId === next.departmentId)
    return 'The action is already assigned there; choose another branch or department.';
  return undefined;
}

/**
 * A new due date set by the coordinator (re-dating, or granting an extension to another date than
 * asked): in the future, and not the date it already has. Answers why not, if not.
 */
export function newDueDateProblem(currentDueAt: Date, dueAt: Date, now: Date): string | undefined {
  if (dueAt.getTime() <= now.getTime()) return 'The due date must be in the future.';
  if (dueAt.getTime() === currentDueAt.getTime()) return 'The action is already due then.';
  return undefined;
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
