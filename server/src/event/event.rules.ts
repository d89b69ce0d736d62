/**
 * Which events a branch-scoped viewer may see. An event about one feedback item or one action
 * follows that record's branch (a department's action is not a branch's business); an event about
 * the problem as a whole follows the problem's scope, which the caller decides; a notice about no
 * record (REPORT_PUBLISHED) reaches everyone, or the branch it names.
 */
export function eventVisible(
  scope: ReadonlySet<string> | null,
  event: { actionId: string | null; feedbackId: string | null; branchId: string | null; problemId: string | null },
  problemInScope: (problemId: string) => boolean,
): boolean {
  if (!scope) return true;
  if (event.actionId || event.feedbackId) return event.branchId !== null && scope.has(event.branchId);
  if (event.problemId !== null) return problemInScope(event.problemId);
  // About no record at all: a notice to the whole bank (a published report) or to one branch.
  return event.branchId === null || scope.has(event.branchId);
}
