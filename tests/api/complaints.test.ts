import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHub, codeOf, collect, TestClock, type TestHub, type GqlResult } from '../utils/hub.js';
import { bankTime } from '../server/deadline/loop.factory.js';

/**
 * Complaint cases (issue 17) over real HTTP, role by role: every path of the 办法 (decided within
 * 15 days, extended to 30, to 60 with head-office approval, 核实 requested and completed, withdrawn)
 * and every refusal, each leaving the case unchanged.
 */
let hub: TestHub;
const t: Record<string, string> = {};
const id: Record<string, string> = {};
// 16 September 2026: 15 days later is 1 October, in the National Day holiday.
const clock = new TestClock(bankTime('2026-09-16 09:00'));
const USERS = ['admin', 'agent', 'analyst', 'coordinator', 'expert.card', 'bm.sh', 'bm.sh-pd', 'bm.bj'];
/** Moves the clock by whole days; sign-ins expire meanwhile, so everyone signs in again. */
async function advanceDays(n: number) {
  clock.advance(n * 86_400_000);
  for (const u of USERS) t[u] = await hub.login(u);
}
const endOfDay = (day: string) => new Date(Date.parse(`${day}T23:59:59.999+08:00`)).toISOString();

const CASE = `id status version dueAt daysLeft extensions customerRef request branch { code } handler { username } closedAt
  reviewRequestedAt reviewDueAt reviewOutcome feedbackId channelCode businessCode causeCode
  decision { findings basis remedies } extensionHistory { ordinal reason dueAt customerToldAt extendedBy { username } approvedBy { username } }
  problem { id }`;
const M = {
  register: `mutation($i: RegisterComplaintInput!) { registerComplaint(input: $i) { ${CASE} } }`,
  assign: `mutation($i: AssignComplaintInput!) { assignComplaint(input: $i) { ${CASE} } }`,
  extend: `mutation($i: ExtendComplaintInput!) { extendComplaint(input: $i) { ${CASE} } }`,
  decide: `mutation($i: DecideComplaintInput!) { decideComplaint(input: $i) { ${CASE} } }`,
  accept: `mutation($i: ComplaintStepInput!) { acceptComplaintDecision(input: $i) { ${CASE} } }`,
  review: `mutation($i: RequestComplaintReviewInput!) { requestComplaintReview(input: $i) { ${CASE} } }`,
  reviewed: `mutation($i: CompleteComplaintReviewInput!) { completeComplaintReview(input: $i) { ${CASE} } }`,
  archive: `mutation($i: ComplaintStepInput!) { archiveComplaint(input: $i) { ${CASE} } }`,
  withdraw: `mutation($i: WithdrawComplaintInput!) { withdrawComplaint(input: $i) { ${CASE} } }`,
  link: `mutation($i: LinkComplaintToProblemInput!) { linkComplaintToProblem(input: $i) { ${CASE} } }`,
  one: `query($id: ID!) { complaintCase(id: $id) { ${CASE} } }`,
};

const ok = <T = any>(r: GqlResult): T => {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data as T;
};
const eventCount = async () => Number((await hub.db.get<{ n: number }>('SELECT count(*) AS n FROM hub_events'))!.n);
/** A refusal with its code, which changes nothing: same case, no event. */
async function refused(token: string, mutation: string, input: Record<string, unknown>, code: string, caseId?: string) {
  const before = caseId ? ok(await hub.gql(t.coordinator!, M.one, { id: caseId })).complaintCase : null;
  const events = await eventCount();
  const r = await hub.gql(token, mutation, { i: input });
  expect(codeOf(r), JSON.stringify(r.errors)).toBe(code);
  expect(await eventCount()).toBe(events);
  if (caseId) expect(ok(await hub.gql(t.coordinator!, M.one, { id: caseId })).complaintCase).toEqual(before);
  return r;
}

const DIRECT = () => ({
  branchId: id['SH-PD'],
  customerRef: 'C20000001 13812345678',
  channelCode: 'A0101',
  businessCode: 'B03',
  causeCode: 'C01',
  request: '客户要求退还信用卡年费，手机13812345678',
});
async function register(extra: Record<string, unknown> = {}, token = t.agent!) {
  return ok(await hub.gql(token, M.register, { i: { ...DIRECT(), ...extra } })).registerComplaint;
}
async function handled(extra: Record<string, unknown> = {}) {
  const c = await register(extra);
  return ok(await hub.gql(t['bm.sh-pd']!, M.assign, { i: { caseId: c.id, expectedVersion: c.version, handlerId: id['user:bm.sh-pd'] } }))
    .assignComplaint;
}
async function decided(remedies = ['REVIEW', 'MEDIATION', 'ARBITRATION', 'LITIGATION']) {
  const c = await handled();
  return ok(
    await hub.gql(t['bm.sh-pd']!, M.decide, {
      i: { caseId: c.id, expectedVersion: c.version, findings: '年费按合同收取，核实无误', basis: '领用合约第5条', remedies },
    }),
  ).decideComplaint;
}

beforeAll(async () => {
  hub = await startHub({ clock });
  for (const u of USERS) t[u] = await hub.login(u);
  const org = ok(await hub.gql(t.admin!, '{ branches { id code } categories { id code } departments { id code } users { id username } }'));
  for (const b of org.branches) id[b.code] = b.id;
  for (const c of org.categories) id[c.code] = c.id;
  for (const d of org.departments) id[`dep:${d.code}`] = d.id;
  for (const u of org.users) id[`user:${u.username}`] = u.id;
});
afterAll(async () => hub.stop());

describe('complaint cases, every path', () => {
  it('the code table holds the three axes of JR/T 0169-2018', async () => {
    const { complaintCodes } = ok(await hub.gql(t.agent!, '{ complaintCodes { axis code name parentCode } }'));
    const axes = new Set(complaintCodes.map((c: { axis: string }) => c.axis));
    expect(axes).toEqual(new Set(['CHANNEL', 'BUSINESS', 'CAUSE']));
    expect(complaintCodes).toContainEqual({ axis: 'CHANNEL', code: 'A010303', name: '移动客户端', parentCode: 'A0103' });
    expect(complaintCodes.filter((c: { axis: string }) => c.axis === 'CAUSE')).toHaveLength(11);
  });

  it('decided within 15 days: registered, due on the first working day after National Day, handled, decided, accepted, archived', async () => {
    const c = await register();
    expect(c).toMatchObject({ status: 'REGISTERED', version: 1, extensions: 0, daysLeft: 22, branch: { code: 'SH-PD' } });
    expect(c.dueAt).toBe(endOfDay('2026-10-08'));
    // The agent who registered it sees the customer in clear; a branch manager sees it masked.
    expect(c.customerRef).toBe('C20000001 13812345678');
    const masked = ok(await hub.gql(t['bm.sh-pd']!, M.one, { id: c.id })).complaintCase;
    expect(masked.customerRef).not.toContain('13812345678');
    expect(masked.request).not.toContain('13812345678');

    const h = ok(
      await hub.gql(t['bm.sh-pd']!, M.assign, { i: { caseId: c.id, expectedVersion: 1, handlerId: id['user:bm.sh-pd'] } }),
    ).assignComplaint;
    expect(h).toMatchObject({ status: 'HANDLING', version: 2, handler: { username: 'bm.sh-pd' } });
    await advanceDays(3);
    const d = ok(
      await hub.gql(t['bm.sh-pd']!, M.decide, {
        i: { caseId: c.id, expectedVersion: 2, findings: '核实属实', basis: '收费标准', remedies: ['MEDIATION', 'LITIGATION'] },
      }),
    ).decideComplaint;
    expect(d).toMatchObject({
      status: 'DECIDED',
      daysLeft: null,
      decision: { findings: '核实属实', basis: '收费标准', remedies: ['MEDIATION', 'LITIGATION'] },
    });
    const a = ok(await hub.gql(t['bm.sh-pd']!, M.accept, { i: { caseId: c.id, expectedVersion: 3 } })).acceptComplaintDecision;
    expect(a.status).toBe('ACCEPTED');
    expect(a.closedAt).not.toBeNull();
    const z = ok(await hub.gql(t.coordinator!, M.archive, { i: { caseId: c.id, expectedVersion: 4 } })).archiveComplaint;
    expect(z.status).toBe('ARCHIVED');
  });

  it('extended to 30 days, then to 60 with head-office approval; no third extension', async () => {
    const c = await handled();
    const told = new Date(clock.now().getTime() - 3_600_000).toISOString();
    const first = ok(
      await hub.gql(t['bm.sh-pd']!, M.extend, {
        i: { caseId: c.id, expectedVersion: c.version, reason: '涉及多部门，情况复杂', customerToldAt: told },
      }),
    ).extendComplaint;
    expect(first).toMatchObject({ status: 'HANDLING', extensions: 1 });
    // Received 19 September (the clock moved 3 days): 30 days later is 19 October, a Monday.
    expect(first.dueAt).toBe(endOfDay('2026-10-19'));
    expect(first.extensionHistory).toEqual([
      {
        ordinal: 1,
        reason: '涉及多部门，情况复杂',
        dueAt: endOfDay('2026-10-19'),
        customerToldAt: told,
        extendedBy: { username: 'bm.sh-pd' },
        approvedBy: null,
      },
    ]);

    // The second extension without head-office approval is refused, and changes nothing.
    await refused(
      t['bm.sh-pd']!,
      M.extend,
      { caseId: c.id, expectedVersion: first.version, reason: '特别复杂', customerToldAt: told },
      'FORBIDDEN',
      c.id,
    );
    // A reason is required, even from head office.
    await refused(
      t.coordinator!,
      M.extend,
      { caseId: c.id, expectedVersion: first.version, reason: ' ', customerToldAt: told },
      'BAD_USER_INPUT',
      c.id,
    );

    const second = ok(
      await hub.gql(t.coordinator!, M.extend, {
        i: { caseId: c.id, expectedVersion: first.version, reason: '特别复杂，需外部鉴定', customerToldAt: told },
      }),
    ).extendComplaint;
    // 60 days after 19 September is 18 November, a Wednesday.
    expect(second).toMatchObject({ extensions: 2, dueAt: endOfDay('2026-11-18') });
    expect(second.extensionHistory[1]).toMatchObject({
      ordinal: 2,
      approvedBy: { username: 'coordinator' },
      extendedBy: { username: 'coordinator' },
    });
    await refused(
      t.coordinator!,
      M.extend,
      { caseId: c.id, expectedVersion: second.version, reason: '再延', customerToldAt: told },
      'INVALID_TRANSITION',
      c.id,
    );
    // A head-office ADMIN may approve the second extension too (tested on another case).
    const other = await handled();
    const once = ok(
      await hub.gql(t.coordinator!, M.extend, {
        i: { caseId: other.id, expectedVersion: other.version, reason: '复杂', customerToldAt: told },
      }),
    ).extendComplaint;
    const twice = ok(
      await hub.gql(t.admin!, M.extend, {
        i: { caseId: other.id, expectedVersion: once.version, reason: '特别复杂', customerToldAt: told },
      }),
    ).extendComplaint;
    expect(twice.extensionHistory[1].approvedBy).toEqual({ username: 'admin' });
  });

  it('核实: registered from feedback flagged complaint, decided, review requested, completed by the next-higher institution', async () => {
    const fb = ok(
      await hub.gql(t.agent!, 'mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id receivedAt } }', {
        i: {
          kind: 'PROBLEM',
          channel: 'VOICE',
          categoryId: id.CREDIT_CARD,
          branchId: id['SH-PD'],
          text: '投诉柜员态度差',
          customerRef: 'C30000001',
          complaint: true,
        },
      }),
    ).recordFeedback;
    const plain = ok(
      await hub.gql(t.agent!, 'mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id } }', {
        i: { kind: 'PROBLEM', channel: 'VOICE', categoryId: id.CREDIT_CARD, branchId: id['SH-PD'], text: '咨询额度' },
      }),
    ).recordFeedback;
    const codes = { channelCode: 'A0101', businessCode: 'B01', causeCode: 'C01', request: '要求道歉' };
    await refused(t.agent!, M.register, { feedbackId: plain.id, ...codes }, 'BAD_USER_INPUT');
    const c = ok(await hub.gql(t.agent!, M.register, { i: { feedbackId: fb.id, ...codes } })).registerComplaint;
    expect(c).toMatchObject({ feedbackId: fb.id, branch: { code: 'SH-PD' }, customerRef: 'C30000001' });
    await refused(t.agent!, M.register, { feedbackId: fb.id, ...codes }, 'CONFLICT');

    const h = ok(
      await hub.gql(t['bm.sh-pd']!, M.assign, { i: { caseId: c.id, expectedVersion: 1, handlerId: id['user:bm.sh-pd'] } }),
    ).assignComplaint;
    const d = ok(
      await hub.gql(t['bm.sh-pd']!, M.decide, {
        i: {
          caseId: c.id,
          expectedVersion: h.version,
          findings: '录像显示柜员语气生硬',
          basis: '服务规范',
          remedies: ['REVIEW', 'MEDIATION'],
        },
      }),
    ).decideComplaint;
    await advanceDays(5);
    const r = ok(
      await hub.gql(t.agent!, M.review, { i: { caseId: c.id, expectedVersion: d.version, reason: '客户对处理结果有异议' } }),
    ).requestComplaintReview;
    expect(r.status).toBe('REVIEW_REQUESTED');
    expect(Date.parse(r.reviewDueAt) - Date.parse(r.reviewRequestedAt)).toBeGreaterThan(29 * 86_400_000);
    // The branch complained about cannot review its own decision; its parent (SH) does.
    await refused(t['bm.sh-pd']!, M.reviewed, { caseId: c.id, expectedVersion: r.version, outcome: '维持' }, 'FORBIDDEN', c.id);
    const v = ok(
      await hub.gql(t['bm.sh']!, M.reviewed, { i: { caseId: c.id, expectedVersion: r.version, outcome: '维持原处理决定，另行致歉' } }),
    ).completeComplaintReview;
    expect(v).toMatchObject({ status: 'REVIEWED', reviewOutcome: '维持原处理决定，另行致歉' });
    expect(ok(await hub.gql(t['bm.sh']!, M.archive, { i: { caseId: c.id, expectedVersion: v.version } })).archiveComplaint.status).toBe(
      'ARCHIVED',
    );
  });

  it('核实 is refused once its 30-day window has closed', async () => {
    const d = await decided();
    // Decided 24 September: 30 days end on Saturday 24 October, so the window runs to Monday 26 October.
    await advanceDays(33);
    await refused(t.agent!, M.review, { caseId: d.id, expectedVersion: d.version, reason: '迟到的异议' }, 'INVALID_TRANSITION', d.id);
  });

  it('withdrawn: the procedure ends that day; nothing follows', async () => {
    const c = await handled();
    const w = ok(
      await hub.gql(t.agent!, M.withdraw, { i: { caseId: c.id, expectedVersion: c.version, note: '客户来电撤诉' } }),
    ).withdrawComplaint;
    expect(w).toMatchObject({ status: 'WITHDRAWN', daysLeft: null });
    expect(w.closedAt).toBe(clock.now().toISOString());
    await refused(t.agent!, M.withdraw, { caseId: c.id, expectedVersion: w.version, note: '再撤' }, 'INVALID_TRANSITION', c.id);
    await refused(
      t['bm.sh-pd']!,
      M.decide,
      { caseId: c.id, expectedVersion: w.version, findings: 'x', basis: 'y', remedies: ['MEDIATION'] },
      'INVALID_TRANSITION',
      c.id,
    );
  });

  it('root cause: a case links to a problem, which lists its complaint cases', async () => {
    const c = await register();
    const { problems } = ok(await hub.gql(t.analyst!, '{ problems(first: 1) { edges { node { id } } } }'));
    const problemId = problems.edges[0].node.id;
    await refused(t.agent!, M.link, { caseId: c.id, expectedVersion: c.version, problemId }, 'FORBIDDEN', c.id);
    const l = ok(await hub.gql(t.analyst!, M.link, { i: { caseId: c.id, expectedVersion: c.version, problemId } })).linkComplaintToProblem;
    expect(l.problem).toEqual({ id: problemId });
    const { node } = ok(
      await hub.gql(t.coordinator!, 'query($id: ID!) { node(id: $id) { ... on Problem { complaints { id dueAt } } } }', { id: problemId }),
    );
    expect(node.complaints.map((x: { id: string }) => x.id)).toContain(c.id);
  });
});

describe('complaint cases, every refusal', () => {
  it('wrong role', async () => {
    await refused(t['expert.card']!, M.register, DIRECT(), 'FORBIDDEN');
    await refused(t['bm.sh-pd']!, M.register, DIRECT(), 'FORBIDDEN');
    const c = await register();
    await refused(t.agent!, M.assign, { caseId: c.id, expectedVersion: 1, handlerId: id['user:bm.sh-pd'] }, 'FORBIDDEN', c.id);
    await refused(
      t.analyst!,
      M.extend,
      { caseId: c.id, expectedVersion: 1, reason: 'x', customerToldAt: clock.now().toISOString() },
      'FORBIDDEN',
      c.id,
    );
  });

  it('回避: neither the staff member nor a member of the department complained about handles the case', async () => {
    const c = await register({ subjectStaffId: id['user:bm.sh-pd'], subjectDepartmentId: id['dep:CARD'] });
    const staff = await refused(
      t.coordinator!,
      M.assign,
      { caseId: c.id, expectedVersion: 1, handlerId: id['user:bm.sh-pd'] },
      'BAD_USER_INPUT',
      c.id,
    );
    expect(staff.errors![0]!.message).toContain('回避');
    expect(staff.errors![0]!.extensions!.field).toBe('input.handlerId');
    await refused(
      t.coordinator!,
      M.assign,
      { caseId: c.id, expectedVersion: 1, handlerId: id['user:expert.card'] },
      'BAD_USER_INPUT',
      c.id,
    );
    // The staff member complained about, though manager of the branch, may not act on it either.
    await refused(t['bm.sh-pd']!, M.assign, { caseId: c.id, expectedVersion: 1, handlerId: id['user:analyst'] }, 'FORBIDDEN', c.id);
    const h = ok(
      await hub.gql(t['bm.sh']!, M.assign, { i: { caseId: c.id, expectedVersion: 1, handlerId: id['user:analyst'] } }),
    ).assignComplaint;
    expect(h.handler).toEqual({ username: 'analyst' });
    await refused(
      t['bm.sh-pd']!,
      M.decide,
      { caseId: c.id, expectedVersion: h.version, findings: 'x', basis: 'y', remedies: ['MEDIATION'] },
      'FORBIDDEN',
      c.id,
    );
  });

  it('stale version', async () => {
    const c = await register();
    const r = await refused(
      t['bm.sh-pd']!,
      M.assign,
      { caseId: c.id, expectedVersion: 7, handlerId: id['user:bm.sh-pd'] },
      'CONFLICT',
      c.id,
    );
    expect(r.errors![0]!.extensions!.currentVersion).toBe(1);
  });

  it('a branch manager outside the branch complained about gets NOT_FOUND, and does not see it listed', async () => {
    const c = await register();
    await refused(t['bm.bj']!, M.assign, { caseId: c.id, expectedVersion: 1, handlerId: id['user:bm.bj'] }, 'NOT_FOUND', c.id);
    expect(codeOf(await hub.gql(t['bm.bj']!, M.one, { id: c.id }))).toBe('NOT_FOUND');
    expect(codeOf(await hub.gql(t['bm.bj']!, 'query($id: ID!) { node(id: $id) { id } }', { id: c.id }))).toBe('NOT_FOUND');
    const list = `{ complaintCases(first: 100) { totalCount edges { node { id dueAt branch { code } } } } }`;
    const bj = ok(await hub.gql(t['bm.bj']!, list)).complaintCases;
    expect(bj.edges.every((e: any) => e.node.branch.code.startsWith('BJ'))).toBe(true);
    const all = ok(await hub.gql(t.coordinator!, list)).complaintCases;
    expect(all.edges.map((e: any) => e.node.id)).toContain(c.id);
    const dues = all.edges.map((e: any) => e.node.dueAt);
    expect(dues).toEqual([...dues].sort());
  });

  it('bad input: unknown codes, no branch, a future receipt', async () => {
    await refused(t.agent!, M.register, { ...DIRECT(), causeCode: 'A0101' }, 'BAD_USER_INPUT');
    await refused(t.agent!, M.register, { ...DIRECT(), branchId: null }, 'BAD_USER_INPUT');
    await refused(
      t.agent!,
      M.register,
      { ...DIRECT(), receivedAt: new Date(clock.now().getTime() + 86_400_000).toISOString() },
      'BAD_USER_INPUT',
    );
  });
});

describe('complaint events on hubEvents', () => {
  it('each step is an event, seen by the branch subtree and head office, not by another branch', async () => {
    const after = String((await hub.db.get<{ n: number }>('SELECT max(seq) AS n FROM hub_events'))!.n).padStart(12, '0');
    const sub = 'subscription($after: String) { hubEvents(after: $after) { type toStatus complaintId } }';
    const sh = collect<any>(hub.ws(t['bm.sh']!), sub, { after });
    const bj = collect<any>(hub.ws(t['bm.bj']!), sub, { after });
    const c = await handled();
    const w = ok(await hub.gql(t.agent!, M.withdraw, { i: { caseId: c.id, expectedVersion: c.version, note: '撤诉' } })).withdrawComplaint;
    // A case at a Beijing branch: the sentinel that tells bm.bj's stream has caught up.
    const sentinel = await register({ branchId: id.BJ });
    await sh.until(() => sh.items.some((i) => i.hubEvents.type === 'COMPLAINT_WITHDRAWN'));
    await bj.until(() => bj.items.some((i) => i.hubEvents.complaintId === sentinel.id));
    const ofCase = (items: any[]) => items.filter((i) => i.hubEvents.complaintId === c.id).map((i) => i.hubEvents.type);
    expect(ofCase(sh.items)).toEqual(['COMPLAINT_REGISTERED', 'COMPLAINT_ASSIGNED', 'COMPLAINT_WITHDRAWN']);
    expect(ofCase(bj.items)).toEqual([]);
    expect(sh.items.some((i) => i.hubEvents.complaintId === sentinel.id)).toBe(false);
    expect(w.status).toBe('WITHDRAWN');
    sh.dispose();
    bj.dispose();
  });
});
