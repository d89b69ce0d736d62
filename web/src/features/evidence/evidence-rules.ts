import type { Viewer } from '../../lib/types.js';

// A settled row takes no more proof from its owners (the server refuses it the same way).
const CLOSED_FOR_OWNERS = ['CONFIRMED', 'CANCELLED', 'DECLINED'];

/**
 * Whether the viewer may attach files to an action, as the server decides it: the coordinator, or
 * the row's owners (a branch manager sees only their subtree's rows; an expert works on their
 * department's) while the row is still theirs to work.
 */
export function mayAttachToAction(
  viewer: Viewer,
  action: { status: string; branch?: { id: string } | null; department?: { id: string } | null },
): boolean {
  if (viewer.role === 'COORDINATOR') return true;
  const owner =
    (viewer.role === 'BRANCH_MANAGER' && !!action.branch) ||
    (viewer.role === 'EXPERT' && !!action.department && action.department.id === viewer.department?.id);
  return owner && !CLOSED_FOR_OWNERS.includes(action.status);
}

/** Whether the viewer may attach files to a problem itself: analysts and coordinators. */
export const mayAttachToProblem = (viewer: Viewer): boolean => viewer.role === 'ANALYST' || viewer.role === 'COORDINATOR';

// A merged or dismissed problem takes no more files, on any of its parts (the server refuses the same).
const CLOSED_PROBLEM = ['MERGED', 'DISMISSED'];

/** Whether the viewer may attach files to a problem's diagnosis: analysts and coordinators, once it is given. */
export const mayAttachToDiagnosis = (viewer: Viewer, problem: { status: string; diagnosis?: unknown }): boolean =>
  (viewer.role === 'ANALYST' || viewer.role === 'COORDINATOR') && !!problem.diagnosis && !CLOSED_PROBLEM.includes(problem.status);

/** Whether the viewer may attach files to an opinion: only the expert who gave it. */
export const mayAttachToOpinion = (viewer: Viewer, problem: { status: string }, expertId: string): boolean =>
  viewer.role === 'EXPERT' && viewer.id === expertId && !CLOSED_PROBLEM.includes(problem.status);
