import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHub, codeOf, TestClock, type TestHub, type GqlResult } from '../utils/hub.js';
import { bankTime } from '../server/deadline/loop.factory.js';
import { ok, tokens, demoIds, type DemoIds } from '../utils/fixtures.js';

/**
 * Complaint operations over real HTTP (issue 17): the admin's edits of the JR/T 0169-2018 code
 * table; one case per feedback item even when registrations race (CONFLICT, on both stores); the
 * case list by days left with the supervision filter; ComplaintCase.problem batched per request.
 */
let hub: TestHub;
let t: Record<string, string>;
let ids: DemoIds;
const clock = new TestClock(bankTime('2026-11-02 09:00'));

const CODE = 'axis code name parentCode active version';
const M = {
  add: `mutation($i: AddComplaintCodeInput!) { addComplaintCode(input: $i) { ${CODE} } }`,
  update: `mutation($i: UpdateComplaintCodeInput!) { updateComplaintCode(input: $i) { ${CODE} } }`,
  del: `mutation($i: DeleteComplaintCodeInput!) { deleteComplaintCode(input: $i) { ${CODE} } }`,
  register: `mutation($i: RegisterComplaintInput!) { registerComplaint(input: $i) { id version status } }`,
  link: `mutation($i: LinkComplaintToProblemInput!) { linkComplaintToProblem(input: $i) { id version } }`,
};
const codes = async (axis = 'CAUSE') =>
  ok(await hub.gql(t.agent!, `query($a: ComplaintCodeAxis) { complaintCodes(axis: $a) { ${CODE} } }`, { a: axis })).complaintCodes as {
    code: string;
    name: string;
    active: boolean;
    version: number;
  }[];
const events = async (type: string) =>
  (await hub.db.all<{ note: string; actor_id: string }>('SELECT note, actor_id FROM hub_events WHERE type = ? ORDER BY seq', type)).map(
    (e) => e.note,
  );
const audits = async (operation: string) =>
  (await hub.db.all<{ n: number }>('SELECT count(*) AS n FROM audit_log WHERE operation = ?', operation))[0]!.n;
const direct = (extra: Record<string, unknown> = {}) => ({
  branchId: ids.branch['SH-PD'],
  channelCode: 'A0101',
  businessCode: 'B03',
  causeCode: 'C01',
  request: '客户投诉',
  ...extra,
});

beforeAll(async () => {
  hub = await startHub({ clock, demo: { feedback: 0, contacts: 0 }, env: { QUERY_MAX_COST: '1000000' } });
  t = await tokens(hub);
  ids = await demoIds(hub, t.coordinator!);
});
afterAll(async () => hub?.stop());

describe('admin edits of the complaint code table', () => {
  it('adds, renames, retires and restores a code, with versions, events and audit rows; only an ADMIN', async () => {
    const add = { axis: 'CAUSE', code: 'C0199', name: '其他服务质量问题', parentCode: 'C01' };
    expect(codeOf(await hub.gql(t.coordinator!, M.add, { i: add }))).toBe('FORBIDDEN');
    expect(codeOf(await hub.gql(t.admin!, M.add, { i: { ...add, code: 'A0199' } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await hub.gql(t.admin!, M.add, { i: { ...add, code: 'C0299' } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await hub.gql(t.admin!, M.add, { i: { ...add, parentCode: 'C77' } }))).toBe('BAD_USER_INPUT');
    const added = ok(await hub.gql(t.admin!, M.add, { i: add })).addComplaintCode;
    expect(added).toEqual({ axis: 'CAUSE', code: 'C0199', name: '其他服务质量问题', parentCode: 'C01', active: true, version: 1 });
    expect(codeOf(await hub.gql(t.admin!, M.add, { i: add }))).toBe('BAD_USER_INPUT');
    expect((await codes()).map((c) => c.code)).toContain('C0199');

    const renamed = ok(
      await hub.gql(t.admin!, M.update, { i: { axis: 'CAUSE', code: 'C0199', expectedVersion: 1, name: '其他服务问题' } }),
    ).updateComplaintCode;
    expect(renamed).toMatchObject({ name: '其他服务问题', version: 2 });
    // A stale version changes nothing.
    expect(codeOf(await hub.gql(t.admin!, M.update, { i: { axis: 'CAUSE', code: 'C0199', expectedVersion: 1, active: false } }))).toBe(
      'CONFLICT',
    );
    expect(codeOf(await hub.gql(t.analyst!, M.update, { i: { axis: 'CAUSE', code: 'C0199', expectedVersion: 2, active: false } }))).toBe(
      'FORBIDDEN',
    );

    // A case takes the new code; once retired, new cases cannot, the old one keeps it.
    const c = ok(await hub.gql(t.agent!, M.register, { i: direct({ causeCode: 'C0199' }) })).registerComplaint;
    const retired = ok(
      await hub.gql(t.admin!, M.update, { i: { axis: 'CAUSE', code: 'C0199', expectedVersion: 2, active: false } }),
    ).updateComplaintCode;
    expect(retired).toMatchObject({ active: false, version: 3 });
    expect(codeOf(await hub.gql(t.agent!, M.register, { i: direct({ causeCode: 'C0199' }) }))).toBe('BAD_USER_INPUT');
    expect(
      ok(await hub.gql(t.coordinator!, 'query($id: ID!) { complaintCase(id: $id) { causeCode } }', { id: c.id })).complaintCase,
    ).toEqual({
      causeCode: 'C0199',
    });

    // Used: refused, with the case count; it stays.
    const refused = await hub.gql(t.admin!, M.del, { i: { axis: 'CAUSE', code: 'C0199', expectedVersion: 3 } });
    expect(codeOf(refused)).toBe('INVALID_TRANSITION');
    expect(refused.errors![0]!.extensions).toMatchObject({ cases: 1 });
    expect((await codes()).find((x) => x.code === 'C0199')).toMatchObject({ active: false });
    // A class with codes under it is refused too.
    expect(codeOf(await hub.gql(t.admin!, M.del, { i: { axis: 'CAUSE', code: 'C01', expectedVersion: 1 } }))).toBe('INVALID_TRANSITION');

    ok(await hub.gql(t.admin!, M.update, { i: { axis: 'CAUSE', code: 'C0199', expectedVersion: 3, active: true } }));
    expect(ok(await hub.gql(t.agent!, M.register, { i: direct({ causeCode: 'C0199' }) })).registerComplaint.status).toBe('REGISTERED');

    expect(await events('COMPLAINT_CODE_CHANGED')).toEqual([
      '新增投诉分类编码 C0199 其他服务质量问题',
      '投诉分类编码 C0199 更名为 其他服务问题',
      '投诉分类编码 C0199 停用',
      '投诉分类编码 C0199 恢复启用',
    ]);
    expect(await audits('addComplaintCode')).toBeGreaterThanOrEqual(1);
    expect(await audits('updateComplaintCode')).toBeGreaterThanOrEqual(3);
  });

  it('deletes an unused code, once; a second delete is NOT_FOUND', async () => {
    const added = ok(
      await hub.gql(t.admin!, M.add, { i: { axis: 'CHANNEL', code: 'A0188', name: '其他前台渠道', parentCode: 'A01' } }),
    ).addComplaintCode;
    const deleted = ok(
      await hub.gql(t.admin!, M.del, { i: { axis: 'CHANNEL', code: 'A0188', expectedVersion: added.version } }),
    ).deleteComplaintCode;
    expect(deleted).toMatchObject({ code: 'A0188' });
    expect((await codes('CHANNEL')).map((c) => c.code)).not.toContain('A0188');
    expect(codeOf(await hub.gql(t.admin!, M.del, { i: { axis: 'CHANNEL', code: 'A0188', expectedVersion: 1 } }))).toBe('NOT_FOUND');
    expect(await events('COMPLAINT_CODE_CHANGED')).toContain('删除投诉分类编码 A0188 其他前台渠道');
    expect(await audits('deleteComplaintCode')).toBeGreaterThanOrEqual(1);
  });
});

describe('one case per feedback item', () => {
  it('registrations of one item racing each other: one case, every other answer CONFLICT (never an internal error)', async () => {
    const fb = ok(
      await hub.gql(t.agent!, 'mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id } }', {
        i: {
          kind: 'PROBLEM',
          channel: 'VOICE',
          categoryId: ids.category.CREDIT_CARD,
          branchId: ids.branch['SH-PD'],
          text: '客户要求正式投诉：年费争议',
          complaint: true,
        },
      }),
    ).recordFeedback as { id: string };
    const input = { feedbackId: fb.id, channelCode: 'A0101', businessCode: 'B03', causeCode: 'C01', request: '退还年费' };
    const answers: GqlResult[] = await Promise.all(Array.from({ length: 6 }, () => hub.gql(t.agent!, M.register, { i: input })));
    expect(answers.filter((a) => !a.errors)).toHaveLength(1);
    expect(answers.filter((a) => a.errors).map(codeOf)).toEqual(Array(5).fill('CONFLICT'));
    expect((await hub.db.all<{ n: number }>('SELECT count(*) AS n FROM complaint_cases WHERE feedback_id = ?', fb.id))[0]!.n).toBe(1);
    expect((await hub.db.all<{ n: number }>("SELECT count(*) AS n FROM hub_events WHERE type = 'COMPLAINT_REGISTERED'"))[0]!.n).toBe(
      (await hub.db.all<{ n: number }>('SELECT count(*) AS n FROM complaint_cases'))[0]!.n,
    );
  });
});

describe('ComplaintCase.problem (N+1)', () => {
  it('a page of cases with their problems costs the same statements for 5 cases as for 40', async () => {
    const problem = ok(await hub.gql(t['bm.sh']!, '{ problems(first: 1) { edges { node { id } } } }')).problems.edges[0]?.node.id as
      string | undefined;
    expect(problem).toBeTruthy();
    for (let i = 0; i < 40; i++) {
      const c = ok(await hub.gql(t.agent!, M.register, { i: direct({ request: `批量投诉 ${i}` }) })).registerComplaint;
      ok(await hub.gql(t.coordinator!, M.link, { i: { caseId: c.id, expectedVersion: c.version, problemId: problem } }));
    }
    const PAGE = `query($n: Int) { complaintCases(first: $n, orderBy: DAYS_LEFT) { edges { node { id daysLeft problem { id code } } } } }`;
    const statements = async (token: string, n: number) => {
      const before = hub.store.stats.statements;
      const page = ok(await hub.gql(token, PAGE, { n })).complaintCases.edges;
      return { n: hub.store.stats.statements - before, withProblem: page.filter((e: any) => e.node.problem?.id === problem).length };
    };
    for (const token of [t.coordinator!, t['bm.sh']!]) {
      await statements(token, 3);
      const small = await statements(token, 5);
      const large = await statements(token, 40);
      expect(large.withProblem).toBeGreaterThanOrEqual(35);
      expect(large.n - small.n, `5: ${small.n}, 40: ${large.n}`).toBeLessThanOrEqual(1);
    }
  });
});
