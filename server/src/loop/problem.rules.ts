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
  | 'mergeInto';

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

/** The problem moves to VERIFYING by itself once every action of its linkage table is confirmed. */
export function shouldStartVerification(status: ProblemStatusCode, actionStatuses: readonly string[]): boolean {
  return status === 'REMEDIATING' && actionStatuses.length > 0 && actionStatuses.every((s) => s === 'CONFIRMED');
}

/** A problem may be resolved only when no action of its linkage table is unconfirmed. */
export function canResolve(actionStatuses: readonly string[]): boolean {
  return actionStatuses.every((s) => s === 'CONFIRMED');
}
