import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHub, codeOf, type TestHub, type GqlResult } from '../utils/hub.js';

/**
 * The whole loop, role by role, through the public API over HTTP: each step by the role the
 * contract names, each refusal of the permission table, each invalid transition, and the data.
 */
let hub: TestHub;
const t: Record<string, string> = {};
const id: Record<string, string> = {};
const DAY = 86_400_000;

const PROBLEM_FIELDS = 'id code status version feedbackCount actions { id status version branch { code } department { code } }';
const M = {
  record: `mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id text customerRef branch { code } recordedBy { username } } }`,
  open: `mutation($i: OpenProblemInput!) { openProblem(input: $i) { ${PROBLEM_FIELDS} title severity createdBy { username } } }`,
  diagnose: `mutation($i: SubmitDiagnosisInput!) { submitDiagnosis(input: $i) { ${PROBLEM_FIELDS} diagnosis { summary suspectedCause author { username } proposedDepartments { code } } } }`,
  consult: `mutation($i: OpenConsultationInput!) { openConsultation(input: $i) { ${PROBLEM_FIELDS} consultation { coordinator { username } experts { username } } } }`,
  opinion: `mutation($i: SubmitOpinionInput!) { submitOpinion(input: $i) { ${PROBLEM_FIELDS} consultation { opinions { expert { username } department { code } body agreesWithDiagnosis } } } }`,
  conclude: `mutation($i: ConcludeConsultationInput!) { concludeConsultation(input: $i) { ${PROBLEM_FIELDS} consultation { conclusion { rootCause outcome issuedBy { username } } } } }`,
  accept: `mutation($i: ActionStepInput!) { acceptAction(input: $i) { id status version } }`,
  progress: `mutation($i: ReportProgressInput!) { reportProgress(input: $i) { id status version updates { note status author { username } } } }`,
  submit: `mutation($i: SubmitActionInput!) { submitAction(input: $i) { id status version } }`,
  confirm: `mutation($i: ActionStepInput!) { confirmAction(input: $i) { id status version problem { status } } }`,
  ret: `mutation($i: ReturnActionInput!) { returnAction(input: $i) { id status version } }`,
  askExt: `mutation($i: RequestExtensionInput!) { requestExtension(input: $i) { id dueAt extension { decision requestedDueAt reason } } }`,
  decideExt: `mutation($i: DecideExtensionInput!) { decideExtension(input: $i) { id dueAt extension { decision decidedBy { username } } } }`,
  resolve: `mutation($i: ResolveProblemInput!) { resolveProblem(input: $i) { ${PROBLEM_FIELDS} } }`,
  reopen: `mutation($i: ReopenProblemInput!) { reopenProblem(input: $i) { ${PROBLEM_FIELDS} } }`,
  addAction: `mutation($i: AddActionInput!) { addAction(input: $i) { id status branch { code } problem { status } } }`,
  merge: `mutation($i: MergeProblemInput!) { mergeProblem(input: $i) { ${PROBLEM_FIELDS} mergedInto { id } } }`,
  dismiss: `mutation($i: DismissProblemInput!) { dismissProblem(input: $i) { ${PROBLEM_FIELDS} dismissReason } }`,
  attach: `mutation($i: AttachFeedbackInput!) { attachFeedback(input: $i) { ${PROBLEM_FIELDS} } }`,
};

const ok = <T = any>(r: GqlResult): T => {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data as T;
};
const refused = (r: GqlResult, code: string) => {
  expect(codeOf(r), JSON.stringify(r.errors)).toBe(code);
};
const eventCount = async () => (await hub.db.get<{ n: number }>('SELECT count(*) AS n FROM hub_events'))!.n;

async function record(branch: string, text: string, extra: Record<string, unknown> = {}) {
  const r = ok(
    await hub.gql(t.agent!, M.record, {
      i: { kind: 'PROBLEM', channel: 'VOICE', categoryId: id.CREDIT_CARD, branchId: id[branch], text, ...extra },
    }),
  );
  return r.recordFeedback.id as string;
}

beforeAll(async () => {
  hub = await startHub();
  for (const u of ['admin', 'agent', 'analyst', 'coordinator', 'expert.card', 'expert.it', 'bm.sh', 'bm.bj']) t[u] = await hub.login(u);
  const org = ok(
    await hub.gql(t.admin!, '{ branches { id code } categories { id code } departments { id code } users { id username role } }'),
  );
  for (const b of org.branches) id[b.code] = b.id;
  for (const c of org.categories) id[c.code] = c.id;
  for (const d of org.departments) id[`dep:${d.code}`] = d.id;
  for (const u of org.users) id[`user:${u.username}`] = u.id;
  const other = org.users.find(
    (u: { role: string; username: string }) => u.role === 'EXPERT' && !['expert.card', 'expert.it'].includes(u.username),
  );
  id.otherExpert = other.username;
  t.otherExpert = await hub.login(other.username);
});
afterAll(async () => hub.stop());

describe('the loop, role by role', () => {
  let problem: any;
  const fb: string[] = [];

  it('1. agents record feedback; other roles may not', async () => {
    fb.push(
      await record('SH-PD', '信用卡还款日没有收到短信提醒，客户手机13812345678，产生了滞纳金', {
        customerRef: 'C10000001',
        complaint: true,
      }),
    );
    fb.push(await record('SH', '还款提醒短信迟迟收不到，导致逾期'));
    fb.push(await record('BJ', '希望还款日前多提醒几次'));
    for (const who of ['bm.sh', 'expert.card', 'coordinator', 'admin']) {
      const before = await eventCount();
      refused(
        await hub.gql(t[who]!, M.record, {
          i: { kind: 'PRAISE', channel: 'VOICE', categoryId: id.CREDIT_CARD, branchId: id.SH, text: 'x' },
        }),
        'FORBIDDEN',
      );
      expect(await eventCount()).toBe(before);
    }
  });

  it('2. an analyst opens a problem from unattached feedback', async () => {
    for (const who of ['agent', 'bm.sh', 'expert.card'])
      refused(
        await hub.gql(t[who]!, M.open, { i: { title: 'x', categoryId: id.CREDIT_CARD, severity: 'HIGH', feedbackIds: [] } }),
        'FORBIDDEN',
      );
    problem = ok(
      await hub.gql(t.analyst!, M.open, {
        i: { title: '信用卡还款提醒缺失导致逾期', categoryId: id.CREDIT_CARD, severity: 'HIGH', feedbackIds: fb },
      }),
    ).openProblem;
    expect(problem).toMatchObject({ status: 'OPEN', version: 1, feedbackCount: 3, severity: 'HIGH', createdBy: { username: 'analyst' } });
    expect(problem.code).toMatch(/^VOC-\d{4}-\d{5}$/);
    const again = await hub.gql(t.analyst!, M.open, {
      i: { title: 'dup', categoryId: id.CREDIT_CARD, severity: 'LOW', feedbackIds: [fb[0]] },
    });
    refused(again, 'BAD_USER_INPUT');
  });

  it('3. the diagnosis moves OPEN → DIAGNOSED; stale versions and repeats are refused', async () => {
    const input = {
      problemId: problem.id,
      summary: '短信提醒覆盖不足',
      customerImpact: '逾期与滞纳金',
      suspectedCause: 'PRODUCT_DESIGN',
      proposedDepartmentIds: [id['dep:CARD'], id['dep:IT']],
    };
    const stale = await hub.gql(t.analyst!, M.diagnose, { i: { ...input, expectedVersion: 0 } });
    refused(stale, 'CONFLICT');
    expect(stale.errors![0]!.extensions!.currentVersion).toBe(1);
    refused(await hub.gql(t.agent!, M.diagnose, { i: { ...input, expectedVersion: 1 } }), 'FORBIDDEN');
    refused(
      await hub.gql(t.coordinator!, M.consult, { i: { problemId: problem.id, expectedVersion: 1, expertIds: [id['user:expert.card']] } }),
      'INVALID_TRANSITION',
    );
    problem = ok(await hub.gql(t.analyst!, M.diagnose, { i: { ...input, expectedVersion: 1 } })).submitDiagnosis;
    expect(problem.status).toBe('DIAGNOSED');
    expect(problem.version).toBe(2);
    expect(problem.diagnosis).toMatchObject({
      suspectedCause: 'PRODUCT_DESIGN',
      author: { username: 'analyst' },
      proposedDepartments: [{ code: 'CARD' }, { code: 'IT' }],
    });
    refused(await hub.gql(t.analyst!, M.diagnose, { i: { ...input, expectedVersion: 2 } }), 'INVALID_TRANSITION');
  });

  it('4. the coordinator opens a consultation with experts', async () => {
    const input = { problemId: problem.id, expectedVersion: problem.version, expertIds: [id['user:expert.card'], id['user:expert.it']] };
    refused(await hub.gql(t.analyst!, M.consult, { i: input }), 'FORBIDDEN');
    refused(await hub.gql(t.coordinator!, M.consult, { i: { ...input, expertIds: [id['user:analyst']] } }), 'BAD_USER_INPUT');
    problem = ok(await hub.gql(t.coordinator!, M.consult, { i: input })).openConsultation;
    expect(problem.status).toBe('IN_CONSULTATION');
    expect(problem.consultation.experts.map((e: { username: string }) => e.username).sort()).toEqual(['expert.card', 'expert.it']);
  });

  it('5. concluding needs an expert opinion; only invited experts give one', async () => {
    const actions = [
      { branchId: id.SH, title: '上海分行排查短信通道', description: '核查', dueAt: new Date(Date.now() + 10 * DAY).toISOString() },
    ];
    refused(
      await hub.gql(t.coordinator!, M.conclude, {
        i: {
          problemId: problem.id,
          expectedVersion: problem.version,
          rootCause: 'PRODUCT_DESIGN',
          rootCauseDetail: 'x',
          remediationPlan: 'y',
          outcome: 'FIX',
          actions,
        },
      }),
      'INVALID_TRANSITION',
    );
    refused(
      await hub.gql(t.otherExpert!, M.opinion, { i: { problemId: problem.id, body: '意见', agreesWithDiagnosis: true } }),
      'FORBIDDEN',
    );
    refused(
      await hub.gql(t.coordinator!, M.opinion, { i: { problemId: problem.id, body: '意见', agreesWithDiagnosis: true } }),
      'FORBIDDEN',
    );
    problem = ok(
      await hub.gql(t['expert.card']!, M.opinion, {
        i: { problemId: problem.id, body: '建议推出短信还款提醒产品', agreesWithDiagnosis: true },
      }),
    ).submitOpinion;
    expect(problem.consultation.opinions).toEqual([
      { expert: { username: 'expert.card' }, department: { code: 'CARD' }, body: '建议推出短信还款提醒产品', agreesWithDiagnosis: true },
    ]);
  });

  it('6. the conclusion issues the linkage table: one action per branch or department', async () => {
    const due = new Date(Date.now() + 10 * DAY).toISOString();
    const base = {
      problemId: problem.id,
      expectedVersion: problem.version,
      rootCause: 'PRODUCT_DESIGN',
      rootCauseDetail: '提醒渠道单一',
      remediationPlan: '每月3元短信提醒，到期前三次',
      outcome: 'PRODUCT_INNOVATION',
    };
    refused(await hub.gql(t.coordinator!, M.conclude, { i: { ...base, actions: [] } }), 'BAD_USER_INPUT');
    refused(
      await hub.gql(t.coordinator!, M.conclude, {
        i: { ...base, actions: [{ branchId: id.SH, departmentId: id['dep:IT'], title: 'x', description: '', dueAt: due }] },
      }),
      'BAD_USER_INPUT',
    );
    refused(
      await hub.gql(t.coordinator!, M.conclude, {
        i: { ...base, actions: [{ branchId: id.SH, title: 'x', description: '', dueAt: new Date(Date.now() - DAY).toISOString() }] },
      }),
      'BAD_USER_INPUT',
    );
    refused(
      await hub.gql(t.analyst!, M.conclude, { i: { ...base, actions: [{ branchId: id.SH, title: 'x', description: '', dueAt: due }] } }),
      'FORBIDDEN',
    );
    problem = ok(
      await hub.gql(t.coordinator!, M.conclude, {
        i: {
          ...base,
          actions: [
            { branchId: id.SH, title: '上海分行客户回访', description: '回访投诉客户', dueAt: due },
            { branchId: id.BJ, title: '北京分行宣传', description: '网点宣传新产品', dueAt: due },
            { departmentId: id['dep:IT'], title: '短信平台改造', description: '支持三次提醒', dueAt: due },
          ],
        },
      }),
    ).concludeConsultation;
    expect(problem.status).toBe('REMEDIATING');
    expect(problem.consultation.conclusion).toEqual({
      rootCause: 'PRODUCT_DESIGN',
      outcome: 'PRODUCT_INNOVATION',
      issuedBy: { username: 'coordinator' },
    });
    expect(problem.actions.map((a: any) => [a.branch?.code ?? a.department.code, a.status])).toEqual([
      ['SH', 'ASSIGNED'],
      ['BJ', 'ASSIGNED'],
      ['IT', 'ASSIGNED'],
    ]);
  });

  it('7. branches work their actions; other branches cannot see them', async () => {
    const [sh, bj, it_] = problem.actions;
    refused(await hub.gql(t['bm.bj']!, M.accept, { i: { actionId: sh.id, expectedVersion: sh.version } }), 'NOT_FOUND');
    refused(await hub.gql(t.coordinator!, M.accept, { i: { actionId: sh.id, expectedVersion: sh.version } }), 'FORBIDDEN');
    refused(await hub.gql(t['expert.card']!, M.accept, { i: { actionId: it_.id, expectedVersion: it_.version } }), 'FORBIDDEN');
    let a = ok(await hub.gql(t['bm.sh']!, M.accept, { i: { actionId: sh.id, expectedVersion: sh.version } })).acceptAction;
    expect(a.status).toBe('ACCEPTED');
    refused(
      await hub.gql(t['bm.sh']!, M.submit, { i: { actionId: sh.id, expectedVersion: a.version, evidence: 'x' } }),
      'INVALID_TRANSITION',
    );
    refused(await hub.gql(t['bm.sh']!, M.accept, { i: { actionId: sh.id, expectedVersion: a.version - 1 } }), 'CONFLICT');
    a = ok(
      await hub.gql(t['bm.sh']!, M.progress, { i: { actionId: sh.id, expectedVersion: a.version, note: '已回访5位客户' } }),
    ).reportProgress;
    expect(a.status).toBe('IN_PROGRESS');
    a = ok(
      await hub.gql(t['bm.sh']!, M.progress, { i: { actionId: sh.id, expectedVersion: a.version, note: '又回访3位' } }),
    ).reportProgress;
    expect(a.status).toBe('IN_PROGRESS');
    expect(a.updates.map((u: any) => u.note)).toEqual(['', '已回访5位客户', '又回访3位']);
    a = ok(
      await hub.gql(t['bm.sh']!, M.submit, { i: { actionId: sh.id, expectedVersion: a.version, evidence: '回访记录表' } }),
    ).submitAction;
    expect(a.status).toBe('SUBMITTED');
    refused(await hub.gql(t['bm.sh']!, M.confirm, { i: { actionId: sh.id, expectedVersion: a.version } }), 'FORBIDDEN');
    a = ok(
      await hub.gql(t.coordinator!, M.ret, { i: { actionId: sh.id, expectedVersion: a.version, reason: '缺少客户签字' } }),
    ).returnAction;
    expect(a.status).toBe('RETURNED');
    a = ok(await hub.gql(t['bm.sh']!, M.progress, { i: { actionId: sh.id, expectedVersion: a.version, note: '补充签字' } })).reportProgress;
    a = ok(await hub.gql(t['bm.sh']!, M.submit, { i: { actionId: sh.id, expectedVersion: a.version, evidence: '签字版' } })).submitAction;
    a = ok(await hub.gql(t.coordinator!, M.confirm, { i: { actionId: sh.id, expectedVersion: a.version } })).confirmAction;
    expect(a).toMatchObject({ status: 'CONFIRMED', problem: { status: 'REMEDIATING' } });
    refused(
      await hub.gql(t['bm.sh']!, M.progress, { i: { actionId: sh.id, expectedVersion: a.version, note: 'x' } }),
      'INVALID_TRANSITION',
    );

    // A department's action belongs to that department's experts.
    let d = ok(await hub.gql(t['expert.it']!, M.accept, { i: { actionId: it_.id, expectedVersion: it_.version } })).acceptAction;
    d = ok(
      await hub.gql(t['expert.it']!, M.progress, { i: { actionId: it_.id, expectedVersion: d.version, note: '开发中' } }),
    ).reportProgress;
    d = ok(
      await hub.gql(t['expert.it']!, M.submit, { i: { actionId: it_.id, expectedVersion: d.version, evidence: '上线公告' } }),
    ).submitAction;
    ok(await hub.gql(t.coordinator!, M.confirm, { i: { actionId: it_.id, expectedVersion: d.version } }));
    id.bjAction = bj.id;
  });

  it('8. extensions wait for the coordinator, who grants or refuses once', async () => {
    const asked = new Date(Date.now() + 30 * DAY).toISOString();
    refused(await hub.gql(t['bm.sh']!, M.askExt, { i: { actionId: id.bjAction, dueAt: asked, reason: 'x' } }), 'NOT_FOUND');
    refused(
      await hub.gql(t['bm.bj']!, M.askExt, {
        i: { actionId: id.bjAction, dueAt: new Date(Date.now() + DAY).toISOString(), reason: '提前' },
      }),
      'BAD_USER_INPUT',
    );
    const req = ok(
      await hub.gql(t['bm.bj']!, M.askExt, { i: { actionId: id.bjAction, dueAt: asked, reason: '物料印刷需要时间' } }),
    ).requestExtension;
    expect(req.extension).toMatchObject({ decision: 'PENDING', reason: '物料印刷需要时间', requestedDueAt: asked });
    refused(await hub.gql(t['bm.bj']!, M.askExt, { i: { actionId: id.bjAction, dueAt: asked, reason: '再次' } }), 'INVALID_TRANSITION');
    refused(await hub.gql(t['bm.bj']!, M.decideExt, { i: { actionId: id.bjAction, grant: true } }), 'FORBIDDEN');
    const granted = ok(await hub.gql(t.coordinator!, M.decideExt, { i: { actionId: id.bjAction, grant: true } })).decideExtension;
    expect(granted.dueAt).toBe(asked);
    expect(granted.extension).toEqual({ decision: 'GRANTED', decidedBy: { username: 'coordinator' } });
    refused(await hub.gql(t.coordinator!, M.decideExt, { i: { actionId: id.bjAction, grant: false } }), 'INVALID_TRANSITION');
  });

  it('9. the last confirmation starts verification by itself; resolve and reopen', async () => {
    const current = ok(
      await hub.gql(t.coordinator!, `query($id: ID!) { problem(id: $id) { ${PROBLEM_FIELDS} } }`, { id: problem.id }),
    ).problem;
    refused(
      await hub.gql(t.coordinator!, M.resolve, { i: { problemId: problem.id, expectedVersion: current.version, note: 'x' } }),
      'INVALID_TRANSITION',
    );
    let a = ok(
      await hub.gql(t['bm.bj']!, M.accept, { i: { actionId: id.bjAction, expectedVersion: current.actions[1].version } }),
    ).acceptAction;
    a = ok(
      await hub.gql(t['bm.bj']!, M.progress, { i: { actionId: id.bjAction, expectedVersion: a.version, note: '已宣传' } }),
    ).reportProgress;
    a = ok(
      await hub.gql(t['bm.bj']!, M.submit, { i: { actionId: id.bjAction, expectedVersion: a.version, evidence: '照片' } }),
    ).submitAction;
    a = ok(await hub.gql(t.coordinator!, M.confirm, { i: { actionId: id.bjAction, expectedVersion: a.version } })).confirmAction;
    expect(a.problem.status).toBe('VERIFYING');
    const verifying = ok(
      await hub.gql(t.coordinator!, `query($id: ID!) { problem(id: $id) { ${PROBLEM_FIELDS} history { type } } }`, { id: problem.id }),
    ).problem;
    expect(verifying.history.map((e: any) => e.type).slice(-2)).toEqual(['ACTION_STATUS_CHANGED', 'VERIFICATION_STARTED']);
    refused(
      await hub.gql(t.analyst!, M.resolve, { i: { problemId: problem.id, expectedVersion: verifying.version, note: 'x' } }),
      'FORBIDDEN',
    );
    const resolved = ok(
      await hub.gql(t.coordinator!, M.resolve, { i: { problemId: problem.id, expectedVersion: verifying.version, note: '投诉已停止' } }),
    ).resolveProblem;
    expect(resolved.status).toBe('RESOLVED');
    refused(
      await hub.gql(t.coordinator!, M.addAction, {
        i: {
          problemId: problem.id,
          action: { branchId: id.GZ, title: 'x', description: '', dueAt: new Date(Date.now() + DAY).toISOString() },
        },
      }),
      'INVALID_TRANSITION',
    );
    const reopened = ok(
      await hub.gql(t.coordinator!, M.reopen, { i: { problemId: problem.id, expectedVersion: resolved.version, reason: '又有客户反映' } }),
    ).reopenProblem;
    expect(reopened.status).toBe('REMEDIATING');
    refused(
      await hub.gql(t.analyst!, M.addAction, {
        i: {
          problemId: problem.id,
          action: { branchId: id.GZ, title: 'x', description: '', dueAt: new Date(Date.now() + DAY).toISOString() },
        },
      }),
      'FORBIDDEN',
    );
    const added = ok(
      await hub.gql(t.coordinator!, M.addAction, {
        i: {
          problemId: problem.id,
          action: { branchId: id.GZ, title: '广州分行复查', description: '', dueAt: new Date(Date.now() + DAY).toISOString() },
        },
      }),
    ).addAction;
    expect(added).toMatchObject({ status: 'ASSIGNED', branch: { code: 'GZ' }, problem: { status: 'REMEDIATING' } });
  });

  it('10. the history lists every step, oldest first', async () => {
    const p = ok(
      await hub.gql(
        t.coordinator!,
        'query($id: ID!) { problem(id: $id) { history { cursor type fromStatus toStatus actor { username } } } }',
        { id: problem.id },
      ),
    ).problem;
    const types = p.history.map((e: any) => e.type);
    expect(types.slice(0, 5)).toEqual([
      'PROBLEM_OPENED',
      'DIAGNOSIS_SUBMITTED',
      'CONSULTATION_OPENED',
      'OPINION_SUBMITTED',
      'CONSULTATION_CONCLUDED',
    ]);
    expect(types).toContain('EXTENSION_REQUESTED');
    expect(types).toContain('EXTENSION_DECIDED');
    // Resolving called back the one customer its feedback names (callback/): the task is in the history.
    expect(types.slice(-4)).toEqual(['PROBLEM_RESOLVED', 'CALLBACK_CREATED', 'PROBLEM_REOPENED', 'ACTION_ASSIGNED']);
    const cursors = p.history.map((e: any) => e.cursor);
    expect([...cursors].sort()).toEqual(cursors);
    expect(new Set(cursors).size).toBe(cursors.length);
  });

  it('11. a branch manager sees only their subtree of a problem', async () => {
    const q = `query($id: ID!) { problem(id: $id) { feedbackCount feedback { totalCount edges { node { branch { code } } } } branches { code } actions { branch { code } department { code } } history { type action { branch { code } } } } }`;
    const bj = ok(await hub.gql(t['bm.bj']!, q, { id: problem.id })).problem;
    expect(bj.feedbackCount).toBe(1);
    expect(bj.feedback.totalCount).toBe(1);
    expect(bj.branches.map((b: any) => b.code)).toEqual(['BJ']);
    expect(bj.actions).toEqual([{ branch: { code: 'BJ' }, department: null }]);
    for (const e of bj.history) if (e.action) expect(e.action.branch?.code).toBe('BJ');
    const sh = ok(await hub.gql(t['bm.sh']!, q, { id: problem.id })).problem;
    expect(sh.feedbackCount).toBe(2);
    expect(sh.branches.map((b: any) => b.code).sort()).toEqual(['SH', 'SH-PD']);
    const all = ok(await hub.gql(t.coordinator!, q, { id: problem.id })).problem;
    expect(all.feedbackCount).toBe(3);
    expect(all.actions).toHaveLength(4);
  });

  it('12. out-of-scope ids answer NOT_FOUND, like ids that do not exist', async () => {
    const shOnly = ok(
      await hub.gql(t.analyst!, M.open, {
        i: { title: '浦东网点排队', categoryId: id.SERVICE, severity: 'LOW', feedbackIds: [await record('SH-PD', '网点排队时间太长')] },
      }),
    ).openProblem;
    const missing = 'prb_01ZZZZZZZZZZZZZZZZZZZZZZZZ';
    for (const pid of [shOnly.id, missing]) {
      const r = await hub.gql(t['bm.bj']!, 'query($id: ID!) { problem(id: $id) { id } }', { id: pid });
      refused(r, 'NOT_FOUND');
      refused(await hub.gql(t['bm.bj']!, 'query($id: ID!) { node(id: $id) { id } }', { id: pid }), 'NOT_FOUND');
    }
    const r1 = await hub.gql(t['bm.bj']!, 'query($id: ID!) { problem(id: $id) { id } }', { id: shOnly.id });
    const r2 = await hub.gql(t['bm.bj']!, 'query($id: ID!) { problem(id: $id) { id } }', { id: missing });
    expect(r1.errors![0]!.message.replace(shOnly.id, 'X')).toBe(r2.errors![0]!.message.replace(missing, 'X'));
    const list = ok(await hub.gql(t['bm.bj']!, '{ problems(first: 100) { edges { node { id } } } }')).problems;
    expect(list.edges.map((e: any) => e.node.id)).not.toContain(shOnly.id);
    expect(ok(await hub.gql(t['bm.sh']!, 'query($id: ID!) { problem(id: $id) { id } }', { id: shOnly.id })).problem.id).toBe(shOnly.id);
    const fbList = ok(await hub.gql(t['bm.bj']!, '{ feedback(first: 100) { edges { node { branch { code } } } } }')).feedback;
    for (const e of fbList.edges) expect(['BJ']).toContain(e.node.branch.code.split('-')[0]);
  });

  it('13. personal data is masked for everyone but analysts, coordinators and the recording agent', async () => {
    const text = '客户手机13812345678，卡号6222021234567890128，请回电';
    const fid = await record('SH', text, { customerRef: '13900001111' });
    const q = 'query($id: ID!) { node(id: $id) { ... on Feedback { text customerRef } } }';
    for (const who of ['agent', 'analyst', 'coordinator']) expect(ok(await hub.gql(t[who]!, q, { id: fid })).node.text).toBe(text);
    for (const who of ['bm.sh', 'expert.card', 'admin']) {
      const node = ok(await hub.gql(t[who]!, q, { id: fid })).node;
      expect(node.text).not.toContain('13812345678');
      expect(node.text).not.toContain('6222021234567890128');
      expect(node.text).toContain('138****5678');
      expect(node.customerRef).not.toContain('13900001111');
    }
    const created = ok(
      await hub.gql(
        t.admin!,
        'mutation { createUser(input: { username: "agent.two", displayName: "坐席二", role: AGENT, password: "Second-agent-2026" }) { id } }',
      ),
    );
    expect(created.createUser.id).toBeTruthy();
    let other = await hub.login('agent.two', 'Second-agent-2026');
    other = ok(
      await hub.gql(
        other,
        'mutation { changePassword(input: { currentPassword: "Second-agent-2026", newPassword: "Second-agent-2027" }) { token } }',
      ),
    ).changePassword.token;
    expect(ok(await hub.gql(other, q, { id: fid })).node.text).not.toContain('13812345678');
  });

  it('14. merge moves feedback to a live target; dismiss keeps the reason; terminal states refuse', async () => {
    const a = ok(
      await hub.gql(t.analyst!, M.open, {
        i: { title: 'A', categoryId: id.DEPOSIT, severity: 'LOW', feedbackIds: [await record('GZ', '存款利率')] },
      }),
    ).openProblem;
    const b = ok(
      await hub.gql(t.analyst!, M.open, {
        i: { title: 'B', categoryId: id.DEPOSIT, severity: 'LOW', feedbackIds: [await record('GZ', '存款利率调整')] },
      }),
    ).openProblem;
    refused(
      await hub.gql(t.analyst!, M.merge, { i: { problemId: a.id, expectedVersion: a.version, intoProblemId: a.id } }),
      'BAD_USER_INPUT',
    );
    const merged = ok(
      await hub.gql(t.analyst!, M.merge, { i: { problemId: a.id, expectedVersion: a.version, intoProblemId: b.id } }),
    ).mergeProblem;
    expect(merged).toMatchObject({ status: 'MERGED', feedbackCount: 0, mergedInto: { id: b.id } });
    const target = ok(await hub.gql(t.analyst!, `query($id: ID!) { problem(id: $id) { ${PROBLEM_FIELDS} } }`, { id: b.id })).problem;
    expect(target.feedbackCount).toBe(2);
    refused(
      await hub.gql(t.analyst!, M.dismiss, { i: { problemId: a.id, expectedVersion: merged.version, reason: 'x' } }),
      'INVALID_TRANSITION',
    );
    refused(
      await hub.gql(t.analyst!, M.attach, {
        i: { problemId: a.id, expectedVersion: merged.version, feedbackIds: [await record('GZ', '再来一条')] },
      }),
      'INVALID_TRANSITION',
    );
    refused(
      await hub.gql(t['bm.sh']!, M.dismiss, { i: { problemId: b.id, expectedVersion: target.version, reason: '重复' } }),
      'FORBIDDEN',
    );
    const dismissed = ok(
      await hub.gql(t.coordinator!, M.dismiss, {
        i: { problemId: b.id, expectedVersion: target.version, reason: '利率政策调整，非服务问题' },
      }),
    ).dismissProblem;
    expect(dismissed).toMatchObject({ status: 'DISMISSED', dismissReason: '利率政策调整，非服务问题' });
  });

  it('15. attach adds unattached feedback and bumps the version', async () => {
    const p = ok(
      await hub.gql(t.analyst!, M.open, { i: { title: 'C', categoryId: id.LOAN, severity: 'MEDIUM', feedbackIds: [] } }),
    ).openProblem;
    const f = await record('BJ', '贷款审批慢');
    const attached = ok(
      await hub.gql(t.analyst!, M.attach, { i: { problemId: p.id, expectedVersion: p.version, feedbackIds: [f] } }),
    ).attachFeedback;
    expect(attached).toMatchObject({ feedbackCount: 1, version: p.version + 1 });
    const item = ok(await hub.gql(t.analyst!, 'query($id: ID!) { node(id: $id) { ... on Feedback { problem { id } } } }', { id: f })).node;
    expect(item.problem.id).toBe(p.id);
  });
});
