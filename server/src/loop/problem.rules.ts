import type { PROBLEM_STATUSES } from './problem.table.js';

export type ProblemStatusCode = (typeof PROBLEM_STATUSES)[number];

/** The operations that move (or need) a problem's status. */
export type ProblemOperation =
  | 'attachFeedback'
  | 'submitDiagnosis'
  | 'openConsultation'
  | 'submitOpinion'
  | 'concludeConsultation'
  | 'addAction'
  | 'startVerification'
  | 'resolve'
  | 'reopen'
  | 'merge'
  | 'dismiss'
  | 'mergeInto'
  | 'correct'
  | 'reviseDiagnosis'
  | 'detachFeedback'
  | 'mergeDuplicate'
  | 'changeExperts'
  | 'declineInvitation';

/**
 * The loop (全过程问题管理) as a table: for each operation, the states it may start from and the
 * state it leads to (`null`: the status does not change).
 */
export const PROBLEM_TRANSITIONS: Record<ProblemOperation, { from: readonly ProblemStatusCode[]; to: ProblemStatusCode | null }> = {
  attachFeedback: { from: ['OPEN', 'DIAGNOSED', 'IN_CONSULTATION', 'REMEDIATING', 'VERIFYING'], to: null },
  submitDiagnosis: { from: ['OPEN'], to: 'DIAGNOSED' },
  openConsultation: { from: ['DIAGNOSED'], to: 'IN_CONSULTATION' },
  submitOpinion: { from: ['IN_CONSULTATION'], to: null },
  concludeConsultation: { from: ['IN_CONSULTATION'], to: 'REMEDIATING' },
  addAction: { from: ['REMEDIATING'], to: null },
  // Not a mutation: the hub takes this step itself when the last action is confirmed.
  startVerification: { from: ['REMEDIATING'], to: 'VERIFYING' },
  resolve: { from: ['VERIFYING'], to: 'RESOLVED' },
  reopen: { from: ['VERIFYING', 'RESOLVED'], to: 'REMEDIATING' },
  merge: { from: ['OPEN', 'DIAGNOSED', 'IN_CONSULTATION'], to: 'MERGED' },
  dismiss: { from: ['OPEN', 'DIAGNOSED', 'IN_CONSULTATION'], to: 'DISMISSED' },
  // The target of a merge must still be alive.
  mergeInto: { from: ['OPEN', 'DIAGNOSED', 'IN_CONSULTATION', 'REMEDIATING', 'VERIFYING'], to: null },
  // Corrections (issue 18): a live problem's facts may be put right while it is still being worked.
  correct: { from: ['OPEN', 'DIAGNOSED', 'IN_CONSULTATION', 'REMEDIATING', 'VERIFYING'], to: null },
  // Once experts are reading the diagnosis it stands; they answer it in their opinions.
  reviseDiagnosis: { from: ['DIAGNOSED'], to: null },
  detachFeedback: { from: ['OPEN', 'DIAGNOSED', 'IN_CONSULTATION', 'REMEDIATING', 'VERIFYING'], to: null },
  // mergeProblems: unlike the contract's mergeProblem (before REMEDIATING only), a duplicate found
  // while being remediated is merged too, its actions carried over (see mergeDuplicateProblem).
  mergeDuplicate: { from: ['OPEN', 'DIAGNOSED', 'IN_CONSULTATION', 'REMEDIATING', 'VERIFYING'], to: 'MERGED' },
  changeExperts: { from: ['IN_CONSULTATION'], to: null },
  declineInvitation: { from: ['IN_CONSULTATION'], to: null },
};

export type TransitionResult<S> = { ok: true; to: S } | { ok: false };

/** The status after `operation`, or `{ ok: false }` when the loop does not allow it from `from`. */
export function nextProblemStatus(from: ProblemStatusCode, operation: ProblemOperation): TransitionResult<ProblemStatusCode> {
  const rule = PROBLEM_TRANSITIONS[operation];
  if (!rule.from.includes(from)) return { ok: false };
  return { ok: true, to: rule.to ?? from };
}

/**
 * concludeConsultation's guard: a conclusion rests on at least one expert opinion and creates at
 * least one action of the linkage table. Returns what is missing, if anything.
 */
export function concludeConsultationProblem(opinionCount: number, actionCount: number): string | undefined {
  if (opinionCount < 1) return 'At least one expert opinion is needed before concluding.';
  if (actionCount < 1) return 'The linkage table needs at least one action.';
  return undefined;
}

/** An action that no longer holds its problem back: done and confirmed, or withdrawn. */
export function actionSettled(status: string): boolean {
  return status === 'CONFIRMED' || status === 'CANCELLED';
}

/**
 * The problem moves to VERIFYING by itself once every action of its linkage table is confirmed or
 * cancelled, and at least one was confirmed: a table of withdrawn rows fixed nothing.
 */
export function shouldStartVerification(status: ProblemStatusCode, actionStatuses: readonly string[]): boolean {
  return status === 'REMEDIATING' && actionStatuses.some((s) => s === 'CONFIRMED') && actionStatuses.every(actionSettled);
}

/** A problem may be resolved only when every action of its linkage table is confirmed or cancelled. */
export function canResolve(actionStatuses: readonly string[]): boolean {
  return actionStatuses.every(actionSettled);
}

/**
 * mergeProblems' guard, on top of the states: the duplicate's live actions must land where actions
 * may be worked. Carried into a problem before REMEDIATING they would sit in a linkage table that
 * does not exist yet; into a VERIFYING one, unfinished, they would falsify its verification. Merge
 * the other way round then (the earlier problem into the later one). Answers why not, if not.
 */
export function mergeDuplicateProblem(targetStatus: ProblemStatusCode, carriedActionStatuses: readonly string[]): string | undefined {
  if (!carriedActionStatuses.length) return undefined;
  if (targetStatus === 'REMEDIATING') return undefined;
  if (targetStatus === 'VERIFYING' && carriedActionStatuses.every(actionSettled)) return undefined;
  return `The duplicate's actions cannot join a ${targetStatus} problem; merge the problems the other way round.`;
}

/**
 * correctProblem's branches: the list sent replaces the problem's branches, but a branch its
 * feedback came from or an action is in stays (detach the feedback or reassign the action
 * instead). Answers the branches the coordinator names beyond those, or the first index missing.
 */
export function declaredBranches(
  requested: readonly string[],
  factual: ReadonlySet<string>,
): { ok: true; declared: string[] } | { ok: false; missing: string } {
  const asked = new Set(requested);
  for (const id of factual) if (!asked.has(id)) return { ok: false, missing: id };
  return { ok: true, declared: requested.filter((id) => !factual.has(id)) };
}
