import { expect } from 'vitest';
import type { TestHub } from '../../utils/hub.js';
import { conclude, ok, problemInConsultation, type DemoIds, type ProblemRef } from '../../utils/fixtures.js';

/**
 * The problem loop's steps through the API, with the real roles' tokens, for the browser journeys
 * that start where the loop ends (callbacks.test.ts, complaint-journey.test.ts); the loop's own
 * browser journeys are tests/web/journeys.test.ts.
 */

const DAY = 86_400_000;
const LINK = `mutation($i: LinkComplaintToProblemInput!) { linkComplaintToProblem(input: $i) { id version } }`;
const PROBLEM = `query($id: ID!) { problem(id: $id) { id version status } }`;
const RESOLVE = `mutation($i: ResolveProblemInput!) { resolveProblem(input: $i) { id version status } }`;

/**
 * A problem opened from the given feedback, the complaint case traced to it (the coordinator links it),
 * concluded with one action for 上海分行, which its branch manager accepts, reports on and submits and
 * the coordinator confirms: the problem is VERIFYING, ready to be resolved.
 */
export async function verifyingProblem(
  hub: TestHub,
  tok: Record<string, string>,
  ids: DemoIds,
  o: { feedbackIds: string[]; title: string; complaint: { id: string; version: number } },
): Promise<ProblemRef> {
  const gql = (who: string, q: string, i: Record<string, unknown>) => hub.gql(tok[who]!, q, { i });
  let p = await problemInConsultation(hub, tok, ids, o.feedbackIds, o.title);
  ok(await gql('coordinator', LINK, { caseId: o.complaint.id, expectedVersion: o.complaint.version, problemId: p.id }));
  const concluded = await conclude(hub, tok.coordinator!, p, [{ branchId: ids.branch.SH! }], new Date(Date.now() + 10 * DAY));
  const action = concluded.actions[0]!;
  const step = async (op: string, input: string, extra: Record<string, unknown>, who: string, version: number) =>
    ok(
      await gql(who, `mutation($i: ${input}!) { ${op}(input: $i) { id version } }`, {
        actionId: action.id,
        expectedVersion: version,
        ...extra,
      }),
    )[op].version as number;
  let v = await step('acceptAction', 'ActionStepInput', {}, 'bm.sh', action.version);
  v = await step('reportProgress', 'ReportProgressInput', { note: '整改中' }, 'bm.sh', v);
  v = await step('submitAction', 'SubmitActionInput', { evidence: '已退费并修复计费规则' }, 'bm.sh', v);
  await step('confirmAction', 'ActionStepInput', {}, 'coordinator', v);
  p = ok(await hub.gql(tok.coordinator!, PROBLEM, { id: p.id })).problem;
  expect(p.status).toBe('VERIFYING');
  return p;
}

/** The coordinator resolves the problem: its customers' callbacks are created (callback module's reaction). */
export async function resolveProblem(hub: TestHub, tok: Record<string, string>, p: ProblemRef, note: string): Promise<ProblemRef> {
  const r = ok(await hub.gql(tok.coordinator!, RESOLVE, { i: { problemId: p.id, expectedVersion: p.version, note } })).resolveProblem;
  expect(r.status).toBe('RESOLVED');
  return r;
}
