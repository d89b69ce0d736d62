import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHub, type TestHub } from '../utils/hub.js';
import { ok, tokens, demoIds, recordFeedback, problemInConsultation, conclude, ACCEPT_ACTION, REPORT_PROGRESS } from '../utils/fixtures.js';

/** Everything a problem list screen could ask for, nested. */
const fields = (withFeedback: boolean) => `
  id code title status
  category { name }
  createdBy { username }
  diagnosis { author { username } proposedDepartments { code name } }
  consultation {
    coordinator { username }
    experts { username }
    opinions { expert { username } department { code } }
    conclusion { issuedBy { username } }
  }
  actions {
    id status overdue
    branch { code name }
    department { code }
    updates { author { username } note }
    extension { decision decidedBy { username } }
  }
  branches { code }
  feedbackCount
  ${withFeedback ? 'feedback(first: 5) { totalCount edges { node { text category { name } branch { name } recordedBy { username } } } }' : ''}
  history { type actor { username } }
`;
const PAGE = (withFeedback: boolean) => `query($n: Int) { problems(first: $n) { totalCount edges { node { ${fields(withFeedback)} } } } }`;

let hub: TestHub;
let coordinator: string;

const DAY = 86_400_000;

beforeAll(async () => {
  // Pages far above the default query cost limit: this suite measures statements, not limits.
  hub = await startHub({ env: { QUERY_MAX_COST: '1000000' } });
  coordinator = await hub.login('coordinator');
  // The demo's newest problems are still early in the loop. Ten fresh problems played through the
  // whole loop become the newest, so that the N = 10 page exercises every nested field as the
  // N = 60 page does, and a difference between the two can only come from N.
  hub.clock.advance(60_000);
  const t = await tokens(hub);
  const ids = await demoIds(hub, t.coordinator!);
  for (let i = 0; i < 10; i++) {
    const items = [
      await recordFeedback(hub, t.agent!, {
        branchId: ids.branch.SH!,
        categoryId: ids.category.CREDIT_CARD!,
        text: `分期手续费不透明 ${i}`,
      }),
      await recordFeedback(hub, t.agent!, { branchId: ids.branch.BJ!, categoryId: ids.category.LOAN!, text: `同类反馈 ${i}` }),
    ];
    const p = await problemInConsultation(hub, t, ids, items, `分期手续费 ${i}`);
    const done = await conclude(
      hub,
      t.coordinator!,
      p,
      [{ branchId: ids.branch.SH! }, { departmentId: ids.department.CARD! }],
      new Date(hub.clock.now().getTime() + 10 * DAY),
    );
    const [branchAction, deptAction] = done.actions;
    const a = ok(
      await hub.gql(t['bm.sh']!, ACCEPT_ACTION, { i: { actionId: branchAction!.id, expectedVersion: branchAction!.version } }),
    ).acceptAction;
    ok(await hub.gql(t['bm.sh']!, REPORT_PROGRESS, { i: { actionId: a.id, expectedVersion: a.version, note: '已开始' } }));
    ok(
      await hub.gql(t['expert.card']!, 'mutation($i: RequestExtensionInput!) { requestExtension(input: $i) { id } }', {
        i: { actionId: deptAction!.id, dueAt: new Date(hub.clock.now().getTime() + 20 * DAY).toISOString(), reason: '需要系统排期' },
      }),
    );
    ok(
      await hub.gql(t.coordinator!, 'mutation($i: DecideExtensionInput!) { decideExtension(input: $i) { id } }', {
        i: { actionId: deptAction!.id, grant: i % 2 === 0 },
      }),
    );
  }
});
afterAll(async () => hub?.stop());

/** SQL statements the hub issues to answer one request. */
async function statementsFor(query: string, n: number): Promise<{ statements: number; data: any }> {
  const before = hub.store.stats.statements;
  const data = ok(await hub.gql(coordinator, query, { n }), `problems(first: ${n})`);
  return { statements: hub.store.stats.statements - before, data };
}

/** The page really is full of nested data, so that a constant statement count means something. */
function expectRichPage(data: any, n: number) {
  const nodes = data.problems.edges.map((e: any) => e.node);
  expect(nodes).toHaveLength(n);
  expect(nodes.filter((p: any) => p.diagnosis).length).toBeGreaterThan(0);
  expect(nodes.filter((p: any) => p.consultation?.opinions.length).length).toBeGreaterThan(0);
  expect(nodes.filter((p: any) => p.actions.length).length).toBeGreaterThan(0);
  expect(nodes.filter((p: any) => p.actions.some((a: any) => a.updates.length)).length).toBeGreaterThan(0);
  expect(nodes.every((p: any) => p.history.length > 0)).toBe(true);
  expect(nodes.filter((p: any) => p.feedbackCount > 0).length).toBeGreaterThan(0);
  expect(nodes.filter((p: any) => p.actions.some((a: any) => a.extension?.decidedBy)).length).toBeGreaterThan(0);
  expect(nodes.filter((p: any) => p.actions.some((a: any) => a.department)).length).toBeGreaterThan(0);
}

describe('statement-count guard (N+1)', () => {
  it('the demo has at least 60 problems', async () => {
    const r = ok(await hub.gql(coordinator, '{ problems(first: 1) { totalCount } }'));
    expect(r.problems.totalCount).toBeGreaterThanOrEqual(60);
  });

  it('problems(first: N) with every nested field but Problem.feedback costs the same for N = 10 and N = 60', async () => {
    const query = PAGE(false);
    await statementsFor(query, 5); // warm-up: caches, prepared statements
    const small = await statementsFor(query, 10);
    const large = await statementsFor(query, 60);
    expectRichPage(small.data, 10);
    expectRichPage(large.data, 60);
    expect(large.statements - small.statements, `N=10: ${small.statements}, N=60: ${large.statements}`).toBeLessThanOrEqual(3);
  });

  it('with Problem.feedback(first: 5) too, the cost does not grow with N (first pages are batched)', async () => {
    const query = PAGE(true);
    await statementsFor(query, 5);
    const small = await statementsFor(query, 10);
    const large = await statementsFor(query, 60);
    expectRichPage(small.data, 10);
    expectRichPage(large.data, 60);
    const items = large.data.problems.edges.reduce((n: number, e: any) => n + e.node.feedback.edges.length, 0);
    expect(items).toBeGreaterThan(60);
    for (const e of large.data.problems.edges) expect(e.node.feedback.edges.length).toBe(Math.min(5, e.node.feedback.totalCount));
    expect(large.statements - small.statements, `N=10: ${small.statements}, N=60: ${large.statements}`).toBeLessThanOrEqual(3);
  });
});

/** The agent's callback queue with everything its screen shows, nested. */
const CALLBACK_PAGE = `query($n: Int, $f: CallbackFilter) { callbacks(filter: $f, first: $n) { totalCount edges { node {
  id status attempts customerRef customerPhone dueAt overdue
  problem { id code } complaintCase { id status dueAt } branch { code name } assignee { username }
  attemptHistory { at reached verdict note }
} } } }`;

describe('statement-count guard (N+1): the callback queue', () => {
  let problemId = '';

  beforeAll(async () => {
    // 40 customers, each with a complaint case holding their phone (so that every callback reads a
    // phone and a case, whichever 5 come first), linked to one problem that is then resolved; each
    // callback then has one unanswered call, so that its history and assignee are filled too.
    const t = await tokens(hub);
    const ids = await demoIds(hub, t.coordinator!);
    const items = [
      await recordFeedback(hub, t.agent!, { branchId: ids.branch.SH!, categoryId: ids.category.CREDIT_CARD!, text: '年费重复扣收' }),
    ];
    let p = await problemInConsultation(hub, t, ids, items, '年费重复扣收（回访）');
    for (let i = 0; i < 40; i++) {
      const c = ok(
        await hub.gql(t.agent!, 'mutation($i: RegisterComplaintInput!) { registerComplaint(input: $i) { id version } }', {
          i: {
            branchId: i % 2 ? ids.branch.SH : ids.branch.BJ,
            customerRef: `NPLUS1-${i}`,
            customerPhone: `1390000${String(1000 + i)}`,
            channelCode: 'A0101',
            businessCode: 'B03',
            causeCode: 'C01',
            request: '要求退还年费',
          },
        }),
      ).registerComplaint;
      ok(
        await hub.gql(t.coordinator!, 'mutation($i: LinkComplaintToProblemInput!) { linkComplaintToProblem(input: $i) { id } }', {
          i: { caseId: c.id, expectedVersion: c.version, problemId: p.id },
        }),
      );
    }
    p = ok(await hub.gql(t.coordinator!, 'query($id: ID!) { problem(id: $id) { id version } }', { id: p.id })).problem;
    const done = await conclude(hub, t.coordinator!, p, [{ branchId: ids.branch.SH! }], new Date(hub.clock.now().getTime() + 10 * DAY));
    const action = done.actions[0]!;
    let a = ok(await hub.gql(t['bm.sh']!, ACCEPT_ACTION, { i: { actionId: action.id, expectedVersion: action.version } })).acceptAction;
    a = ok(
      await hub.gql(t['bm.sh']!, REPORT_PROGRESS, { i: { actionId: a.id, expectedVersion: a.version, note: '整改中' } }),
    ).reportProgress;
    a = ok(
      await hub.gql(t['bm.sh']!, 'mutation($i: SubmitActionInput!) { submitAction(input: $i) { id version } }', {
        i: { actionId: a.id, expectedVersion: a.version, evidence: '已整改' },
      }),
    ).submitAction;
    ok(
      await hub.gql(t.coordinator!, 'mutation($i: ActionStepInput!) { confirmAction(input: $i) { id } }', {
        i: { actionId: a.id, expectedVersion: a.version },
      }),
    );
    p = ok(await hub.gql(t.coordinator!, 'query($id: ID!) { problem(id: $id) { id version status } }', { id: p.id })).problem;
    expect(p).toMatchObject({ status: 'VERIFYING' });
    ok(
      await hub.gql(t.coordinator!, 'mutation($i: ResolveProblemInput!) { resolveProblem(input: $i) { id } }', {
        i: { problemId: p.id, expectedVersion: p.version, note: '已解决' },
      }),
    );
    problemId = p.id;
    const queue = ok(await hub.gql(t.agent!, CALLBACK_PAGE, { n: 50, f: { problemId } })).callbacks;
    expect(queue.totalCount).toBe(40);
    for (const e of queue.edges)
      ok(
        await hub.gql(t.agent!, 'mutation($i: RecordCallbackAttemptInput!) { recordCallbackAttempt(input: $i) { id } }', {
          i: { callbackId: e.node.id, expectedVersion: 1, reached: false, note: '无人接听' },
        }),
      );
  });

  it('callbacks(first: N) with phones, complaint cases, histories and assignees costs the same for N = 5 and N = 40 (±1)', async () => {
    const page = async (n: number) => {
      const before = hub.store.stats.statements;
      const data = ok(await hub.gql(coordinator, CALLBACK_PAGE, { n, f: { problemId } }), `callbacks(first: ${n})`);
      return { statements: hub.store.stats.statements - before, nodes: data.callbacks.edges.map((e: any) => e.node) };
    };
    await page(5); // warm-up
    const small = await page(5);
    const large = await page(40);
    expect(small.nodes).toHaveLength(5);
    expect(large.nodes).toHaveLength(40);
    for (const n of large.nodes) {
      expect(n.customerPhone).toMatch(/^139\*{4}\d{4}$/);
      expect(n.complaintCase?.id).toMatch(/^cmp/);
      expect(n.assignee?.username).toBe('agent');
      expect(n.attemptHistory).toHaveLength(1);
    }
    expect(new Set(large.nodes.map((n: any) => n.customerPhone)).size).toBe(40);
    expect(Math.abs(large.statements - small.statements), `N=5: ${small.statements}, N=40: ${large.statements}`).toBeLessThanOrEqual(1);
  });
});
