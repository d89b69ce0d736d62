import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHub, codeOf, type TestHub } from '../utils/hub.js';
import {
  demoIds,
  tokens,
  ok,
  counts,
  extOf,
  feedbackInput,
  recordFeedback,
  problemInConsultation,
  RECORD_FEEDBACK,
  OPEN_PROBLEM,
  ADD_ACTION,
  CONCLUDE,
  RECORD_CONTACTS,
  WRITTEN_TABLES,
  type DemoIds,
} from '../utils/fixtures.js';

let hub: TestHub;
let t: Record<string, string>;
let ids: DemoIds;
let aProblemId: string;
let remediating: string;

const DAY = 86_400_000;
/** Well-formed ids of the right type that name nothing. */
const MISSING = {
  Category: 'cat_0000000000ZZZZZZZZZZZZZZZZ',
  Branch: 'br_0000000000ZZZZZZZZZZZZZZZZ',
  Department: 'dep_0000000000ZZZZZZZZZZZZZZZZ',
  Feedback: 'fb_0000000000ZZZZZZZZZZZZZZZZ',
  Problem: 'prb_0000000000ZZZZZZZZZZZZZZZZ',
};

beforeAll(async () => {
  hub = await startHub();
  t = await tokens(hub);
  ids = await demoIds(hub, t.coordinator!);
  const r = ok(
    await hub.gql(
      t.coordinator!,
      '{ problems(first: 1) { edges { node { id } } } r: problems(first: 1, filter: { status: [REMEDIATING] }) { edges { node { id } } } }',
    ),
  );
  aProblemId = r.problems.edges[0].node.id;
  remediating = r.r.edges[0].node.id;
});
afterAll(async () => hub?.stop());

/** The operation is refused with `code` naming `field` (when given), and no table changed. */
async function expectRefused(token: string, query: string, variables: Record<string, unknown>, code: string, field?: string) {
  const before = await counts(hub);
  const r = await hub.gql(token, query, variables);
  expect(codeOf(r), JSON.stringify(r.errors)).toBe(code);
  if (field !== undefined) expect(extOf(r)?.field).toBe(field);
  expect(r.data ?? null).toBeNull();
  expect(await counts(hub)).toEqual(before);
  return r;
}

/** The operation is accepted and `table` grew by `by` rows. */
async function expectAccepted(
  token: string,
  query: string,
  variables: Record<string, unknown>,
  table: (typeof WRITTEN_TABLES)[number],
  by = 1,
) {
  const before = await counts(hub);
  const r = await hub.gql(token, query, variables);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  expect((await counts(hub))[table] - before[table]).toBe(by);
  return r.data!;
}

const feedback = (over: Record<string, unknown> = {}) => ({
  i: { ...feedbackInput({ branchId: ids.branch.SH!, categoryId: ids.category.CREDIT_CARD!, text: '信用卡额度调整太慢' }), ...over },
});

describe('recordFeedback input', () => {
  it.each([
    ['empty', ''],
    ['whitespace-only', ' \t\n\u3000 '],
    ['4,001 characters', '字'.repeat(4001)],
    ['4,001 characters after trimming', `  ${'a'.repeat(4001)}  `],
  ])('refuses %s text: BAD_USER_INPUT on input.text, nothing written', async (_label, text) => {
    await expectRefused(t.agent!, RECORD_FEEDBACK, feedback({ text }), 'BAD_USER_INPUT', 'input.text');
  });

  it('accepts 4,000 characters (and surrounding blanks), stored trimmed', async () => {
    const data = await expectAccepted(t.agent!, RECORD_FEEDBACK, feedback({ text: ` ${'字'.repeat(4000)} ` }), 'feedback');
    expect(data.recordFeedback.text).toBe('字'.repeat(4000));
  });

  it('refuses an id of another type: a Problem id as categoryId, a Category id as branchId', async () => {
    await expectRefused(t.agent!, RECORD_FEEDBACK, feedback({ categoryId: aProblemId }), 'BAD_USER_INPUT', 'input.categoryId');
    await expectRefused(t.agent!, RECORD_FEEDBACK, feedback({ branchId: ids.category.LOAN }), 'BAD_USER_INPUT', 'input.branchId');
    await expectRefused(t.agent!, RECORD_FEEDBACK, feedback({ categoryId: 'not-an-id' }), 'BAD_USER_INPUT', 'input.categoryId');
  });

  it('refuses a well-formed id that names nothing, naming the field, nothing written', async () => {
    await expectRefused(t.agent!, RECORD_FEEDBACK, feedback({ categoryId: MISSING.Category }), 'BAD_USER_INPUT', 'input.categoryId');
    await expectRefused(t.agent!, RECORD_FEEDBACK, feedback({ branchId: MISSING.Branch }), 'BAD_USER_INPUT', 'input.branchId');
  });
});

describe('openProblem input', () => {
  const open = (over: Record<string, unknown>) => ({
    i: { title: '标题', categoryId: ids.category.CREDIT_CARD!, severity: 'LOW', feedbackIds: [], ...over },
  });

  it('refuses a 201-character title on input.title and accepts 200', async () => {
    await expectRefused(t.coordinator!, OPEN_PROBLEM, open({ title: '题'.repeat(201) }), 'BAD_USER_INPUT', 'input.title');
    await expectRefused(t.coordinator!, OPEN_PROBLEM, open({ title: '   ' }), 'BAD_USER_INPUT', 'input.title');
    await expectAccepted(t.coordinator!, OPEN_PROBLEM, open({ title: '题'.repeat(200) }), 'problems');
  });

  it('refuses ids of the wrong type or naming nothing, naming the field (and the list position)', async () => {
    await expectRefused(t.coordinator!, OPEN_PROBLEM, open({ categoryId: ids.branch.SH }), 'BAD_USER_INPUT', 'input.categoryId');
    await expectRefused(t.coordinator!, OPEN_PROBLEM, open({ categoryId: MISSING.Category }), 'BAD_USER_INPUT', 'input.categoryId');
    const item = await recordFeedback(hub, t.agent!, { branchId: ids.branch.SH!, categoryId: ids.category.LOAN!, text: '贷款' });
    await expectRefused(t.coordinator!, OPEN_PROBLEM, open({ feedbackIds: [item, aProblemId] }), 'BAD_USER_INPUT', 'input.feedbackIds[1]');
    await expectRefused(
      t.coordinator!,
      OPEN_PROBLEM,
      open({ feedbackIds: [item, MISSING.Feedback] }),
      'BAD_USER_INPUT',
      'input.feedbackIds[1]',
    );
  });

  it('a problem to act on that does not exist is NOT_FOUND, as if out of scope; nothing written', async () => {
    const r = await expectRefused(
      t.coordinator!,
      'mutation($i: DismissProblemInput!) { dismissProblem(input: $i) { id } }',
      { i: { problemId: MISSING.Problem, expectedVersion: 1, reason: '无' } },
      'NOT_FOUND',
    );
    expect(r.errors![0]!.extensions!.field).toBeUndefined();
  });
});

describe('linkage actions input', () => {
  const add = (action: Record<string, unknown>) => ({
    i: {
      problemId: remediating,
      action: { title: '整改', description: '说明', dueAt: new Date(hub.clock.now().getTime() + 5 * DAY).toISOString(), ...action },
    },
  });

  it('refuses a dueAt in the past (or now) on input.action.dueAt', async () => {
    const past = new Date(hub.clock.now().getTime() - 60_000).toISOString();
    await expectRefused(t.coordinator!, ADD_ACTION, add({ branchId: ids.branch.SH, dueAt: past }), 'BAD_USER_INPUT', 'input.action.dueAt');
    const now = hub.clock.now().toISOString();
    await expectRefused(t.coordinator!, ADD_ACTION, add({ branchId: ids.branch.SH, dueAt: now }), 'BAD_USER_INPUT', 'input.action.dueAt');
  });

  it('refuses both and neither of branchId / departmentId', async () => {
    await expectRefused(
      t.coordinator!,
      ADD_ACTION,
      add({ branchId: ids.branch.SH, departmentId: ids.department.IT }),
      'BAD_USER_INPUT',
      'input.action.branchId',
    );
    await expectRefused(t.coordinator!, ADD_ACTION, add({}), 'BAD_USER_INPUT', 'input.action.branchId');
    await expectRefused(t.coordinator!, ADD_ACTION, add({ branchId: null, departmentId: null }), 'BAD_USER_INPUT', 'input.action.branchId');
  });

  it('refuses a department id of the wrong type, and a department that does not exist', async () => {
    await expectRefused(t.coordinator!, ADD_ACTION, add({ departmentId: ids.branch.GZ }), 'BAD_USER_INPUT', 'input.action.departmentId');
    await expectRefused(
      t.coordinator!,
      ADD_ACTION,
      add({ departmentId: MISSING.Department }),
      'BAD_USER_INPUT',
      'input.action.departmentId',
    );
    await expectRefused(t.coordinator!, ADD_ACTION, add({ branchId: MISSING.Branch }), 'BAD_USER_INPUT', 'input.action.branchId');
  });

  it('accepts exactly one of them', async () => {
    await expectAccepted(t.coordinator!, ADD_ACTION, add({ branchId: ids.branch.GZ }), 'actions');
    await expectAccepted(t.coordinator!, ADD_ACTION, add({ departmentId: ids.department.OPS }), 'actions');
  });

  it('concludeConsultation names the bad row of the linkage table and writes none of it', async () => {
    const items = [await recordFeedback(hub, t.agent!, { branchId: ids.branch.BJ!, categoryId: ids.category.LOAN!, text: '放款慢' })];
    const p = await problemInConsultation(hub, t, ids, items);
    const due = (ms: number) => new Date(hub.clock.now().getTime() + ms).toISOString();
    const input = (second: Record<string, unknown>) => ({
      i: {
        problemId: p.id,
        expectedVersion: p.version,
        rootCause: 'POLICY',
        rootCauseDetail: '细节',
        remediationPlan: '计划',
        outcome: 'FIX',
        actions: [
          { branchId: ids.branch.BJ, title: '一', description: '', dueAt: due(DAY) },
          { title: '二', description: '', dueAt: due(DAY), ...second },
        ],
      },
    });
    await expectRefused(
      t.coordinator!,
      CONCLUDE,
      input({ branchId: ids.branch.SH, dueAt: due(-DAY) }),
      'BAD_USER_INPUT',
      'input.actions[1].dueAt',
    );
    await expectRefused(t.coordinator!, CONCLUDE, input({}), 'BAD_USER_INPUT', 'input.actions[1].branchId');
    const status = ok(await hub.gql(t.coordinator!, 'query($id: ID!) { problem(id: $id) { status version } }', { id: p.id })).problem;
    expect(status).toEqual({ status: 'IN_CONSULTATION', version: p.version });
  });
});

describe('page sizes', () => {
  it.each([
    ['problems', '{ problems(first: $n) { totalCount } }'],
    ['feedback', '{ feedback(first: $n) { totalCount } }'],
    ['actions', '{ actions(first: $n) { totalCount } }'],
  ])('%s: first 101 and -1 are BAD_USER_INPUT on first; 100 is accepted', async (_name, body) => {
    const q = `query($n: Int) ${body}`;
    for (const n of [101, -1]) {
      const r = await hub.gql(t.coordinator!, q, { n });
      expect(codeOf(r), `first: ${n}`).toBe('BAD_USER_INPUT');
      expect(extOf(r)?.field).toBe('first');
    }
    const r = await hub.gql(t.coordinator!, q, { n: 100 });
    expect(r.errors).toBeUndefined();
  });

  it('problems(first: 100) answers up to 100 edges', async () => {
    const r = ok(await hub.gql(t.coordinator!, '{ problems(first: 100) { totalCount edges { node { id } } } }'));
    expect(r.problems.edges.length).toBe(Math.min(100, r.problems.totalCount));
    expect(r.problems.edges.length).toBeGreaterThan(20);
  });
});

describe('recordContacts input', () => {
  const contact = (i: number, over: Record<string, unknown> = {}) => ({
    channel: 'VOICE',
    offeredAt: new Date(hub.clock.now().getTime() - (i + 1) * 60_000).toISOString(),
    answered: true,
    waitSeconds: 12,
    firstResponseSeconds: 20,
    transferred: false,
    workOrder: false,
    complaint: false,
    ...over,
  });

  it.each([[0], [6], [-1]])('refuses satisfaction %i on that record’s field, writing none of the batch', async (satisfaction) => {
    const records = [contact(0, { satisfaction: 5 }), contact(1), contact(2, { satisfaction: 3 }), contact(3, { satisfaction })];
    await expectRefused(t.analyst!, RECORD_CONTACTS, { i: { records } }, 'BAD_USER_INPUT', 'input.records[3].satisfaction');
  });

  it('accepts satisfaction 1 to 5 (and none)', async () => {
    const records = [1, 2, 3, 4, 5, null].map((satisfaction, i) => contact(i, { satisfaction }));
    const data = await expectAccepted(t.analyst!, RECORD_CONTACTS, { i: { records } }, 'contact_records', 6);
    expect(data.recordContacts).toBe(6);
  });

  it('refuses more than 10,000 records on input.records and accepts 10,000', async () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => contact(i % 1000));
    await expectRefused(t.analyst!, RECORD_CONTACTS, { i: { records: many(10_001) } }, 'BAD_USER_INPUT', 'input.records');
    const data = await expectAccepted(t.analyst!, RECORD_CONTACTS, { i: { records: many(10_000) } }, 'contact_records', 10_000);
    expect(data.recordContacts).toBe(10_000);
  }, 30_000);
});
