import type { RoleCode } from './roles.js';

/**
 * The contract's permission table for operations granted by role alone. Operations whose right
 * depends on the record (an invited expert, the branch manager of the action's branch) are
 * checked by their services on top of this.
 */
export const OPERATION_ROLES = {
  recordFeedback: ['AGENT', 'ANALYST'],
  openProblem: ['ANALYST', 'COORDINATOR'],
  attachFeedback: ['ANALYST', 'COORDINATOR'],
  mergeProblem: ['ANALYST', 'COORDINATOR'],
  dismissProblem: ['ANALYST', 'COORDINATOR'],
  submitDiagnosis: ['ANALYST', 'COORDINATOR'],
  openConsultation: ['COORDINATOR'],
  concludeConsultation: ['COORDINATOR'],
  addAction: ['COORDINATOR'],
  confirmAction: ['COORDINATOR'],
  returnAction: ['COORDINATOR'],
  decideExtension: ['COORDINATOR'],
  resolveProblem: ['COORDINATOR'],
  reopenProblem: ['COORDINATOR'],
  submitOpinion: ['EXPERT'],
  acceptAction: ['BRANCH_MANAGER', 'EXPERT'],
  reportProgress: ['BRANCH_MANAGER', 'EXPERT'],
  submitAction: ['BRANCH_MANAGER', 'EXPERT'],
  requestExtension: ['BRANCH_MANAGER', 'EXPERT'],
  recordContacts: ['ANALYST', 'ADMIN'],
  // Corrections in the loop (issue 18): each by whoever owns that part of the loop.
  cancelAction: ['COORDINATOR'],
  reassignAction: ['COORDINATOR'],
  changeActionDueDate: ['COORDINATOR'],
  correctProblem: ['COORDINATOR'],
  inviteExperts: ['COORDINATOR'],
  removeExperts: ['COORDINATOR'],
  declineAction: ['BRANCH_MANAGER', 'EXPERT'],
  declineInvitation: ['EXPERT'],
  reviseDiagnosis: ['ANALYST', 'COORDINATOR'],
  detachFeedback: ['ANALYST', 'COORDINATOR'],
  mergeProblems: ['ANALYST', 'COORDINATOR'],
  // The agent who recorded it, within FEEDBACK_CORRECTION_WINDOW_MINUTES; an analyst at any time.
  correctFeedback: ['AGENT', 'ANALYST'],
  voidFeedback: ['AGENT', 'ANALYST'],
  publishVocReport: ['COORDINATOR'],
  // The monthly analysis (issue 20): the analysts write it, the coordinator reviews (edits, returns).
  saveReportNarrative: ['ANALYST', 'COORDINATOR'],
  submitReportNarrative: ['ANALYST'],
  returnReportNarrative: ['COORDINATOR'],
  administer: ['ADMIN'],
} as const satisfies Record<string, readonly RoleCode[]>;

export type Operation = keyof typeof OPERATION_ROLES;

export function roleMay(role: RoleCode, operation: Operation): boolean {
  return (OPERATION_ROLES[operation] as readonly RoleCode[]).includes(role);
}

/**
 * Who may work on a linkage action: the branch manager whose subtree holds the action's branch,
 * or, for a department's action, an expert of that department.
 */
export function mayWorkOnAction(
  viewer: { role: RoleCode; departmentId: string | null; scope: ReadonlySet<string> | null },
  action: { branchId: string | null; departmentId: string | null },
): boolean {
  if (viewer.role === 'BRANCH_MANAGER') return !!action.branchId && !!viewer.scope?.has(action.branchId);
  if (viewer.role === 'EXPERT') return !!action.departmentId && action.departmentId === viewer.departmentId;
  return false;
}
