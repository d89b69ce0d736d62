import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { startHub, codeOf, type TestHub, type GqlResult } from '../utils/hub.js';

/**
 * Corrections in the loop (issue 18), through the public API over HTTP: each correction by the role
 * that owns it, each refusal (wrong role, stale version, wrong state, missing reason, a branch out
 * of scope), the history line, the audit row and who is notified; and the two problems of the issue
 * with a wrongly routed action, taken to RESOLVED once by reassigning it and once by cancelling it.
 */
let hub: TestHub;
const t: Record<string, string> = {};
const id: Record<string, string> = {};
const DAY = 86_400_000;
/** The problem the first journey resolves, for the refusals on a closed problem. */
let closed: any;
const inDays = (n: number) => new Date(hub.clock.now().getTime() + n * DAY).toISOString();

const ACTION =
  'id status version dueAt statusReason branch { code } department { code } extension { decision requestedDueAt grantedDueAt }';
const PROBLEM = `id code title status version severity category { code } feedbackCount branches { code } mergedInto { id }
  actions { ${ACTION} } consultation { experts { username } } diagnosis { summary suspectedCause }`;
const M = {
  record: `mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id } }`,
  open: `mutation($i: OpenProblemInput!) { openProblem(input: $i) { ${PROBLEM} } }`,
  diagnose: `mutation($i: SubmitDiagnosisInput!) { submitDiagnosis(input: $i) { ${PROBLEM} } }`,
  consult: `mutation($i: OpenConsultationInput!) { openConsultation(input: $i) { ${PROBLEM} } }`,
  opinion: `mutation($i: SubmitOpinionInput!) { submitOpinion(input: $i) { ${PROBLEM} } }`,
  conclude: `mutation($i: ConcludeConsultationInput!) { concludeConsultation(input: $i) { ${PROBLEM} } }`,
  accept: `mutation($i: ActionStepInput!) { acceptAction(input: $i) { ${ACTION} } }`,
  progress: `mutation($i: ReportProgressInput!) { reportProgress(input: $i) { ${ACTION} } }`,
  submit: `mutation($i: SubmitActionInput!) { submitAction(input: $i) { ${ACTION} } }`,
  confirm: `mutation($i: ActionStepInput!) { confirmAction(input: $i) { ${ACTION} problem { status version } } }`,
  askExt: `mutation($i: RequestExtensionInput!) { requestExtension(input: $i) { ${ACTION} } }`,
  decideExt: `mutation($i: DecideExtensionInput!) { decideExtension(input: $i) { ${ACTION} } }`,
  resolve: `mutation($i: ResolveProblemInput!) { resolveProblem(input: $i) { ${PROBLEM} } }`,
  merge: `mutation($i: MergeProblemInput!) { mergeProblem(input: $i) { ${PROBLEM} } }`,
  // The corrections.
  decline: `mutation($i: DeclineActionInput!) { declineAction(input: $i) { ${ACTION} } }`,
  cancel: `mutation($i: CancelActionInput!) { cancelAction(input: $i) { ${ACTION} problem { status version } } }`,
  reassign: `mutation($i: ReassignActionInput!) { reassignAction(input: $i) { ${ACTION} } }`,
  redate: `mutation($i: ChangeActionDueDateInput!) { changeActionDueDate(input: $i) { ${ACTION} } }`,
  correct: `mutation($i: CorrectProblemInput!) { correctProblem(input: $i) { ${PROBLEM} } }`,
  revise: `mutation($i: ReviseDiagnosisInput!) { reviseDiagnosis(input: $i) { ${PROBLEM} } }`,
  detach: `mutation($i: DetachFeedbackInput!) { detachFeedback(input: $i) { ${PROBLEM} } }`,
  mergeDup: `mutation($i: MergeProblemsInput!) { mergeProblems(input: $i) { ${PROBLEM} } }`,
  invite: `mutation($i: ChangeExpertsInput!) { inviteExperts(input: $i) { ${PROBLEM} } }`,
  uninvite: `mutation($i: ChangeExpertsInput!) { removeExperts(input: $i) { ${PROBLEM} } }`,
  declineInv: `mutation($i: DeclineInvitationInput!) { declineInvitation(input: $i) { ${PROBLEM} } }`,
};
const Q = {
  problem: `query($id: ID!) { problem(id: $id) { ${PROBLEM} history { cursor type fromStatus toStatus note actor { username } action { id } } } }`,
  action: `query($id: ID!) { node(id: $id) { ... on LinkageAction { ${ACTION} } } }`,
  feedback: `query($id: ID!) { node(id: $id) { ... on Feedback { id problem { id } } } }`,
};

const ok = <T = any>(r: GqlResult): T => {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data as T;
};
const eventCount = async () => (await hub.db.get<{ n: number }>('SELECT count(*) AS n FROM hub_events'))!.n;
/** Refused with `code`, and nothing written: no event. */
async function refused(who: string, query: string, input: Record<string, unknown>, code: string) {
  const before = await eventCount();
  const r = await hub.gql(t[who]!, query, { i: input });
  expect(codeOf(r), `${who}: ${JSON.stringify(r.errors)}`).toBe(code);
  expect(await eventCount()).toBe(before);
}
const problemOf = async (who: string, problemId: string) => ok(await hub.gql(t[who]!, Q.problem, { id: problemId })).problem;
/** The notifications of one kind a user has about an action or a problem. */
const notified = async (username: string, kind: string, about: { actionId?: string; problemId?: string }) =>
  (await hub.db.get<{ n: number }>(
    `SELECT count(*) AS n FROM notifications WHERE user_id = ? AND kind = ? AND ${about.actionId ? 'action_id' : 'problem_id'} = ?`,
    id[`user:${username}`],
    kind,
    about.actionId ?? about.problemId,
  ))!.n;
const audited = async (operation: string) =>
  (await hub.db.all<{ outcome: string }>('SELECT outcome FROM audit_log WHERE operation = ? ORDER BY seq', operation)).map(
    (r) => r.outcome,
  );

async function record(branch: string, text: string): Promise<string> {
  return ok(
    await hub.gql(t.agent!, M.record, { i: { kind: 'PROBLEM', channel: 'VOICE', categoryId: id.CREDIT_CARD, branchId: id[branch], text } }),
  ).recordFeedback.id;
}

async function openProblem(title: string, branches: string[]): Promise<any> {
  const feedbackIds = [];
  for (const b of branches) feedbackIds.push(await record(b, `${title}（${b}）`));
  return ok(await hub.gql(t.analyst!, M.open, { i: { title, categoryId: id.CREDIT_CARD, severity: 'HIGH', feedbackIds } })).openProblem;
}

async function diagnose(p: any): Promise<any> {
  return ok(
    await hub.gql(t.analyst!, M.diagnose, {
      i: {
        problemId: p.id,
        expectedVersion: p.version,
        summary: '初诊',
        customerImpact: '影响',
        suspectedCause: 'IT_SYSTEM',
        proposedDepartmentIds: [id['dep:CARD']],
      },
    }),
  ).submitDiagnosis;
}

async function consult(p: any, experts = ['expert.card']): Promise<any> {
  return ok(
    await hub.gql(t.coordinator!, M.consult, {
      i: { problemId: p.id, expectedVersion: p.version, expertIds: experts.map((u) => id[`user:${u}`]) },
    }),
  ).openConsultation;
}

async function conclude(p: any, actions: { branch?: string; department?: string; title: string }[]): Promise<any> {
  return ok(
    await hub.gql(t.coordinator!, M.conclude, {
      i: {
        problemId: p.id,
        expectedVersion: p.version,
        rootCause: 'IT_SYSTEM',
        rootCauseDetail: '原因',
        remediationPlan: '方案',
        outcome: 'FIX',
        actions: actions.map((a) => ({
          branchId: a.branch ? id[a.branch] : null,
          departmentId: a.department ? id[`dep:${a.department}`] : null,
          title: a.title,
          description: '',
          dueAt: inDays(10),
        })),
      },
    }),
  ).concludeConsultation;
}

/**
 * The hubEvents a user receives over a real WebSocket from `after` on, for one problem, until one
 * of `type` arrives (the stream replays what was missed first, so no wait on live delivery).
 */
async function streamedUntil(username: string, after: string, problemId: string, type: string): Promise<any[]> {
  const client = hub.ws(t[username]!);
  const seen: any[] = [];
  try {
    return await new Promise<any[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} for ${username}: ${JSON.stringify(seen)}`)), 10_000);
      client.subscribe(
        {
          query: 'subscription($a: String, $p: ID) { hubEvents(after: $a, problemId: $p) { type toStatus action { id branch { code } } } }',
          variables: { a: after, p: problemId },
        },
        {
          next: (v) => {
            const e = (v as GqlResult).data?.hubEvents;
            if (!e) return reject(new Error(JSON.stringify(v)));
            seen.push(e);
            if (e.type === type) {
              clearTimeout(timer);
              resolve(seen);
            }
          },
          error: (e) => {
            clearTimeout(timer);
            reject(e instanceof Error ? e : new Error(JSON.stringify(e)));
          },
          complete: () => undefined,
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

/** A problem in REMEDIATING with the given linkage table. */
async function remediating(title: string, branches: string[], actions: { branch?: string; department?: string; title: string }[]) {
  let p = await consult(await diagnose(await openProblem(title, branches)));
  p = ok(await hub.gql(t['expert.card']!, M.opinion, { i: { problemId: p.id, body: '同意', agreesWithDiagnosis: true } })).submitOpinion;
  return conclude(p, actions);
}

/** The owner takes an action from ASSIGNED to SUBMITTED. */
async function workAndSubmit(who: string, action: any): Promise<any> {
  let a = ok(await hub.gql(t[who]!, M.accept, { i: { actionId: action.id, expectedVersion: action.version } })).acceptAction;
  a = ok(await hub.gql(t[who]!, M.progress, { i: { actionId: a.id, expectedVersion: a.version, note: '处理中' } })).reportProgress;
  return ok(await hub.gql(t[who]!, M.submit, { i: { actionId: a.id, expectedVersion: a.version, evidence: '已完成' } })).submitAction;
}

beforeAll(async () => {
  hub = await startHub({ demo: { feedback: 20, contacts: 20 } });
  for (const u of ['admin', 'agent', 'analyst', 'coordinator', 'expert.card', 'expert.it', 'bm.sh', 'bm.bj']) t[u] = await hub.login(u);
  const org = ok(
    await hub.gql(t.admin!, '{ branches { id code } categories { id code } departments { id code } users { id username role } }'),
  );
  for (const b of org.branches) id[b.code] = b.id;
  for (const c of org.categories) id[c.code] = c.id;
  for (const d of org.departments) id[`dep:${d.code}`] = d.id;
  for (const u of org.users) id[`user:${u.username}`] = u.id;
  const other = org.users.find((u: any) => u.role === 'EXPERT' && !['expert.card', 'expert.it'].includes(u.username));
  t.otherExpert = await hub.login(other.username);
  id['user:otherExpert'] = other.id;
});
afterAll(async () => hub.stop());

describe('a wrongly routed action, declined and reassigned: the problem reaches RESOLVED', () => {
  let p: any;
  let sh: any;
  let bj: any;

  it('the branch declines a row sent to it by mistake; the coordinator is notified', async () => {
    p = await remediating(
      '还款提醒短信缺失（改派）',
      ['SH'],
      [
        { branch: 'SH', title: '上海分行回访' },
        { branch: 'BJ', title: '误派北京分行' },
      ],
    );
    [sh, bj] = p.actions;
    const input = { actionId: bj.id, expectedVersion: bj.version, reason: '本行无此业务，应由浦东支行处理' };
    await refused('bm.sh', M.decline, input, 'NOT_FOUND'); // another branch's row: as if it did not exist
    await refused('expert.card', M.decline, input, 'FORBIDDEN'); // not a department's row of theirs
    await refused('coordinator', M.decline, input, 'FORBIDDEN');
    await refused('bm.bj', M.decline, { ...input, reason: '  ' }, 'BAD_USER_INPUT');
    await refused('bm.bj', M.decline, { ...input, expectedVersion: bj.version - 1 }, 'CONFLICT');
    bj = ok(await hub.gql(t['bm.bj']!, M.decline, { i: input })).declineAction;
    expect(bj).toMatchObject({ status: 'DECLINED', statusReason: '本行无此业务，应由浦东支行处理', branch: { code: 'BJ' } });
    await refused('bm.bj', M.decline, { ...input, expectedVersion: bj.version }, 'INVALID_TRANSITION');
    await refused('bm.bj', M.accept, { actionId: bj.id, expectedVersion: bj.version }, 'INVALID_TRANSITION');
    expect(await notified('coordinator', 'ACTION_DECLINED', { actionId: bj.id })).toBe(1);
    const history = (await problemOf('coordinator', p.id)).history;
    expect(history.at(-1)).toMatchObject({
      type: 'ACTION_STATUS_CHANGED',
      fromStatus: 'ASSIGNED',
      toStatus: 'DECLINED',
      note: input.reason,
      actor: { username: 'bm.bj' },
    });
    expect(await audited('declineAction')).toEqual(['REFUSED', 'REFUSED', 'REFUSED', 'REFUSED', 'REFUSED', 'OK', 'REFUSED']);
  });

  it('the coordinator reassigns it to another branch; the new owner is notified, the old one no longer sees it', async () => {
    const input = { actionId: bj.id, expectedVersion: bj.version, branchId: id['SH-PD'], reason: '改派浦东支行' };
    await refused('bm.bj', M.reassign, input, 'FORBIDDEN');
    await refused('analyst', M.reassign, input, 'FORBIDDEN');
    await refused('coordinator', M.reassign, { ...input, expectedVersion: bj.version + 1 }, 'CONFLICT');
    await refused('coordinator', M.reassign, { ...input, reason: '' }, 'BAD_USER_INPUT');
    await refused('coordinator', M.reassign, { ...input, departmentId: id['dep:IT'] }, 'BAD_USER_INPUT');
    await refused('coordinator', M.reassign, { ...input, branchId: id.BJ }, 'BAD_USER_INPUT'); // where it already is
    await refused('coordinator', M.reassign, { ...input, dueAt: inDays(-1) }, 'BAD_USER_INPUT');
    const cursor = (await problemOf('coordinator', p.id)).history.at(-1).cursor;
    bj = ok(await hub.gql(t.coordinator!, M.reassign, { i: { ...input, dueAt: inDays(12) } })).reassignAction;
    // On hubEvents, the new owner's branch hears of it.
    const streamed = await streamedUntil('bm.sh', cursor, p.id, 'ACTION_REASSIGNED');
    expect(streamed.at(-1)).toEqual({ type: 'ACTION_REASSIGNED', toStatus: 'ASSIGNED', action: { id: bj.id, branch: { code: 'SH-PD' } } });
    expect(bj).toMatchObject({ status: 'ASSIGNED', branch: { code: 'SH-PD' }, statusReason: '改派浦东支行', dueAt: inDays(12) });
    expect(await notified('bm.sh', 'ACTION_ASSIGNED', { actionId: bj.id })).toBe(1);
    expect(codeOf(await hub.gql(t['bm.bj']!, Q.action, { id: bj.id }))).toBe('NOT_FOUND');
    const history = (await problemOf('coordinator', p.id)).history;
    expect(history.at(-1)).toMatchObject({ type: 'ACTION_REASSIGNED', fromStatus: 'DECLINED', toStatus: 'ASSIGNED', note: '改派浦东支行' });
    // A confirmed or cancelled row is not reassigned; neither is work handed in (returned or confirmed first).
    expect(await audited('reassignAction')).toEqual(['REFUSED', 'REFUSED', 'REFUSED', 'REFUSED', 'REFUSED', 'REFUSED', 'REFUSED', 'OK']);
  });

  it('the coordinator re-dates a row; its owners are notified', async () => {
    const input = { actionId: sh.id, expectedVersion: sh.version, dueAt: inDays(5), reason: '配合监管检查提前' };
    await refused('bm.sh', M.redate, input, 'FORBIDDEN');
    await refused('coordinator', M.redate, { ...input, expectedVersion: sh.version + 3 }, 'CONFLICT');
    await refused('coordinator', M.redate, { ...input, reason: ' ' }, 'BAD_USER_INPUT');
    await refused('coordinator', M.redate, { ...input, dueAt: inDays(-2) }, 'BAD_USER_INPUT');
    await refused('coordinator', M.redate, { ...input, dueAt: sh.dueAt }, 'BAD_USER_INPUT');
    sh = ok(await hub.gql(t.coordinator!, M.redate, { i: input })).changeActionDueDate;
    expect(sh).toMatchObject({ status: 'ASSIGNED', dueAt: inDays(5) });
    expect(await notified('bm.sh', 'ACTION_REDATED', { actionId: sh.id })).toBe(1);
    expect((await problemOf('coordinator', p.id)).history.at(-1)).toMatchObject({ type: 'ACTION_REDATED', note: '配合监管检查提前' });
  });

  it('an extension is granted to another date than asked; the request rang the coordinator', async () => {
    sh = ok(await hub.gql(t['bm.sh']!, M.askExt, { i: { actionId: sh.id, dueAt: inDays(20), reason: '客户多' } })).requestExtension;
    expect(await notified('coordinator', 'EXTENSION_REQUESTED', { actionId: sh.id })).toBe(1);
    await refused('coordinator', M.decideExt, { actionId: sh.id, grant: false, grantedDueAt: inDays(15) }, 'BAD_USER_INPUT');
    await refused('coordinator', M.decideExt, { actionId: sh.id, grant: true, grantedDueAt: inDays(4) }, 'BAD_USER_INPUT');
    await refused('bm.sh', M.decideExt, { actionId: sh.id, grant: true, grantedDueAt: inDays(15) }, 'FORBIDDEN');
    sh = ok(await hub.gql(t.coordinator!, M.decideExt, { i: { actionId: sh.id, grant: true, grantedDueAt: inDays(15) } })).decideExtension;
    expect(sh.dueAt).toBe(inDays(15));
    expect(sh.extension).toEqual({ decision: 'GRANTED', requestedDueAt: inDays(20), grantedDueAt: inDays(15) });
  });

  it('the new branch does the work; each hand-in rings the coordinator; the problem is resolved', async () => {
    bj = await workAndSubmit('bm.sh', bj);
    sh = await workAndSubmit('bm.sh', sh);
    expect(await notified('coordinator', 'ACTION_SUBMITTED', { actionId: bj.id })).toBe(1);
    expect(await notified('coordinator', 'ACTION_SUBMITTED', { actionId: sh.id })).toBe(1);
    ok(await hub.gql(t.coordinator!, M.confirm, { i: { actionId: sh.id, expectedVersion: sh.version } }));
    const last = ok(await hub.gql(t.coordinator!, M.confirm, { i: { actionId: bj.id, expectedVersion: bj.version } })).confirmAction;
    expect(last.problem.status).toBe('VERIFYING');
    await refused(
      'coordinator',
      M.redate,
      { actionId: bj.id, expectedVersion: last.version, dueAt: inDays(30), reason: 'x' },
      'INVALID_TRANSITION',
    );
    await refused(
      'coordinator',
      M.reassign,
      { actionId: bj.id, expectedVersion: last.version, branchId: id.GZ, reason: 'x' },
      'INVALID_TRANSITION',
    );
    const resolved = ok(
      await hub.gql(t.coordinator!, M.resolve, { i: { problemId: p.id, expectedVersion: last.problem.version, note: '已解决' } }),
    ).resolveProblem;
    expect(resolved.status).toBe('RESOLVED');
    closed = resolved;
    // Nothing stands in BJ's name: the row was done by the branch it belongs to.
    expect(resolved.actions.map((a: any) => [a.branch.code, a.status])).toEqual([
      ['SH', 'CONFIRMED'],
      ['SH-PD', 'CONFIRMED'],
    ]);
  });
});

/** BJ's figures on the dashboard 40 days on, when the rows of these tests are past due. */
async function bjFiguresLater(): Promise<{ openActions: number; overdueActions: number; overdueNow: number }> {
  hub.clock.advance(40 * DAY);
  try {
    const token = await hub.login('coordinator');
    const d = ok(
      await hub.gql(
        token,
        `query($b: ID) { dashboard(branchId: $b) { openActions overdueActions league { branch { code } overdueNow } } }`,
        {
          b: id.BJ,
        },
      ),
    ).dashboard;
    const row = d.league.find((r: any) => r.branch.code === 'BJ');
    return { openActions: d.openActions, overdueActions: d.overdueActions, overdueNow: row?.overdueNow ?? 0 };
  } finally {
    hub.clock.advance(-40 * DAY);
  }
}

describe('a wrongly routed action, cancelled: the problem reaches RESOLVED', () => {
  it('cancelling the last open row starts verification; the row stays, struck through in the XLSX as 已撤销', async () => {
    const p = await remediating(
      '还款提醒短信缺失（撤销）',
      ['SH'],
      [
        { branch: 'SH', title: '上海分行回访' },
        { branch: 'BJ', title: '误派北京分行' },
      ],
    );
    let [sh, bj] = p.actions;
    bj = ok(await hub.gql(t['bm.bj']!, M.askExt, { i: { actionId: bj.id, dueAt: inDays(30), reason: '待确认' } })).requestExtension;
    sh = await workAndSubmit('bm.sh', sh);
    const confirmed = ok(await hub.gql(t.coordinator!, M.confirm, { i: { actionId: sh.id, expectedVersion: sh.version } })).confirmAction;
    expect(confirmed.problem.status).toBe('REMEDIATING'); // the BJ row still holds it back

    const before = await bjFiguresLater();
    const input = { actionId: bj.id, expectedVersion: bj.version, reason: '误派，北京分行无需整改' };
    await refused('bm.bj', M.cancel, input, 'FORBIDDEN');
    await refused('analyst', M.cancel, input, 'FORBIDDEN');
    await refused('coordinator', M.cancel, { ...input, expectedVersion: bj.version - 1 }, 'CONFLICT');
    await refused('coordinator', M.cancel, { ...input, reason: '' }, 'BAD_USER_INPUT');
    await refused('coordinator', M.cancel, { actionId: sh.id, expectedVersion: confirmed.version, reason: 'x' }, 'INVALID_TRANSITION');
    const cancelled = ok(await hub.gql(t.coordinator!, M.cancel, { i: input })).cancelAction;
    expect(cancelled).toMatchObject({
      status: 'CANCELLED',
      statusReason: '误派，北京分行无需整改',
      extension: { decision: 'WITHDRAWN' },
      problem: { status: 'VERIFYING' },
    });
    // A withdrawn row counts neither in the desk's open and overdue figures nor in BJ's league row.
    expect(await bjFiguresLater()).toEqual({
      openActions: before.openActions - 1,
      overdueActions: before.overdueActions - 1,
      overdueNow: before.overdueNow - 1,
    });
    await refused('coordinator', M.cancel, { ...input, expectedVersion: cancelled.version }, 'INVALID_TRANSITION');
    await refused('bm.bj', M.accept, { actionId: bj.id, expectedVersion: cancelled.version }, 'INVALID_TRANSITION');
    expect(await notified('bm.bj', 'ACTION_CANCELLED', { actionId: bj.id })).toBe(1);
    expect(await notified('coordinator', 'EXTENSION_REQUESTED', { actionId: bj.id })).toBe(1);

    const history = (await problemOf('coordinator', p.id)).history;
    expect(history.slice(-2)).toMatchObject([
      {
        type: 'ACTION_STATUS_CHANGED',
        fromStatus: 'ASSIGNED',
        toStatus: 'CANCELLED',
        note: input.reason,
        actor: { username: 'coordinator' },
      },
      { type: 'VERIFICATION_STARTED', toStatus: 'VERIFYING' },
    ]);

    // Cancelled rows stay listed, never overdue.
    hub.clock.advance(40 * DAY);
    try {
      const late = await hub.login('bm.bj'); // the day's token: the one from 40 days ago has expired
      const listed = ok(
        await hub.gql(late, `{ actions(filter: { status: [CANCELLED] }) { edges { node { id status overdue statusReason } } } }`),
      );
      expect(listed.actions.edges.map((e: any) => e.node)).toContainEqual({
        id: bj.id,
        status: 'CANCELLED',
        overdue: false,
        statusReason: '误派，北京分行无需整改',
      });
      const overdue = ok(await hub.gql(late, `{ actions(filter: { overdue: true }) { edges { node { id } } } }`));
      expect(overdue.actions.edges.map((e: any) => e.node.id)).not.toContain(bj.id);
    } finally {
      hub.clock.advance(-40 * DAY);
    }

    const res = await fetch(hub.url.replace('/graphql', `/exports/problems/${p.id}/linkage.xlsx`), {
      headers: { authorization: `Bearer ${t.coordinator}` },
    });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const rows: { values: string[]; struck: boolean }[] = [];
    book.worksheets[0]!.eachRow((row) => {
      const values = (row.values as unknown[]).map((v) => (v instanceof Date ? v.toISOString() : String(v ?? '')));
      rows.push({ values, struck: !!row.getCell(3).font?.strike });
    });
    const cancelledRow = rows.find((r) => r.values.includes('误派北京分行'));
    expect(cancelledRow?.values).toContain('已撤销');
    expect(cancelledRow?.struck).toBe(true);
    expect(rows.find((r) => r.values.includes('上海分行回访'))?.struck).toBe(false);

    const problem = await problemOf('coordinator', p.id);
    const resolved = ok(
      await hub.gql(t.coordinator!, M.resolve, { i: { problemId: p.id, expectedVersion: problem.version, note: '已解决' } }),
    ).resolveProblem;
    expect(resolved.status).toBe('RESOLVED');
    expect(resolved.actions.map((a: any) => a.status)).toEqual(['CONFIRMED', 'CANCELLED']);
    expect(await audited('cancelAction')).toEqual(['REFUSED', 'REFUSED', 'REFUSED', 'REFUSED', 'REFUSED', 'OK', 'REFUSED']);
  });
});

describe("corrections to a problem's facts", () => {
  let p: any;
  let feedbackIds: string[];

  it('the coordinator corrects title, category, severity and branches; a branch named sees the problem', async () => {
    p = await openProblem('信用卡年费误扣', ['SH', 'SH']);
    feedbackIds = ok(
      await hub.gql(t.coordinator!, `query($id: ID!) { problem(id: $id) { feedback { edges { node { id } } } } }`, { id: p.id }),
    ).problem.feedback.edges.map((e: any) => e.node.id);
    const input = { problemId: p.id, expectedVersion: p.version, reason: '立项时类别选错' };
    await refused('analyst', M.correct, { ...input, severity: 'LOW' }, 'FORBIDDEN');
    await refused('bm.sh', M.correct, { ...input, severity: 'LOW' }, 'FORBIDDEN');
    await refused('coordinator', M.correct, { ...input, severity: 'LOW', expectedVersion: p.version + 1 }, 'CONFLICT');
    await refused('coordinator', M.correct, { ...input, severity: 'LOW', reason: ' ' }, 'BAD_USER_INPUT');
    await refused('coordinator', M.correct, input, 'BAD_USER_INPUT'); // nothing to correct
    await refused('coordinator', M.correct, { ...input, severity: 'HIGH' }, 'BAD_USER_INPUT'); // already so
    // SH has the problem's feedback: it stays (detach the feedback instead).
    await refused('coordinator', M.correct, { ...input, branchIds: [id.BJ] }, 'BAD_USER_INPUT');
    expect(codeOf(await hub.gql(t['bm.bj']!, Q.problem, { id: p.id }))).toBe('NOT_FOUND');
    p = ok(
      await hub.gql(t.coordinator!, M.correct, {
        i: { ...input, title: '信用卡年费重复扣收', categoryId: id.SERVICE, severity: 'CRITICAL', branchIds: [id.SH, id.BJ] },
      }),
    ).correctProblem;
    expect(p).toMatchObject({
      title: '信用卡年费重复扣收',
      category: { code: 'SERVICE' },
      severity: 'CRITICAL',
      branches: [{ code: 'BJ' }, { code: 'SH' }],
    });
    expect((await problemOf('bm.bj', p.id)).id).toBe(p.id);
    const history = (await problemOf('coordinator', p.id)).history;
    expect(history.at(-1).type).toBe('PROBLEM_CORRECTED');
    expect(history.at(-1).note).toContain('立项时类别选错');
    // Named out again, BJ no longer sees it.
    p = ok(await hub.gql(t.coordinator!, M.correct, { i: { ...input, expectedVersion: p.version, branchIds: [id.SH] } })).correctProblem;
    expect(p.branches).toEqual([{ code: 'SH' }]);
    expect(codeOf(await hub.gql(t['bm.bj']!, Q.problem, { id: p.id }))).toBe('NOT_FOUND');
    expect(await audited('correctProblem')).toContain('OK');
  });

  it('feedback attached by mistake is detached with a reason and returns to the inbox', async () => {
    const other = await record('BJ', '别的问题');
    const input = { problemId: p.id, expectedVersion: p.version, feedbackIds: [feedbackIds[1]], reason: '与本问题无关' };
    await refused('agent', M.detach, input, 'FORBIDDEN');
    await refused('bm.sh', M.detach, input, 'FORBIDDEN');
    await refused('analyst', M.detach, { ...input, expectedVersion: p.version - 1 }, 'CONFLICT');
    await refused('analyst', M.detach, { ...input, reason: '' }, 'BAD_USER_INPUT');
    await refused('analyst', M.detach, { ...input, feedbackIds: [other] }, 'BAD_USER_INPUT');
    p = ok(await hub.gql(t.analyst!, M.detach, { i: input })).detachFeedback;
    expect(p.feedbackCount).toBe(1);
    expect(ok(await hub.gql(t.analyst!, Q.feedback, { id: feedbackIds[1] })).node.problem).toBeNull();
    const inbox = ok(await hub.gql(t.analyst!, `{ feedback(filter: { unassigned: true }, first: 100) { edges { node { id } } } }`));
    expect(inbox.feedback.edges.map((e: any) => e.node.id)).toContain(feedbackIds[1]);
    expect((await problemOf('analyst', p.id)).history.at(-1)).toMatchObject({ type: 'FEEDBACK_DETACHED', actor: { username: 'analyst' } });
  });

  it('the analyst revises the diagnosis until the consultation opens', async () => {
    const revision = {
      problemId: p.id,
      expectedVersion: p.version,
      reason: '补充客户影响',
      summary: '年费系统重复扣收',
      customerImpact: '多扣年费',
      suspectedCause: 'IT_SYSTEM',
      proposedDepartmentIds: [id['dep:IT']],
    };
    await refused('analyst', M.revise, revision, 'INVALID_TRANSITION'); // no diagnosis yet
    p = await diagnose(p);
    await refused('bm.sh', M.revise, { ...revision, expectedVersion: p.version }, 'FORBIDDEN');
    await refused('agent', M.revise, { ...revision, expectedVersion: p.version }, 'FORBIDDEN');
    await refused('analyst', M.revise, { ...revision, expectedVersion: p.version - 1 }, 'CONFLICT');
    await refused('analyst', M.revise, { ...revision, expectedVersion: p.version, reason: '' }, 'BAD_USER_INPUT');
    p = ok(await hub.gql(t.analyst!, M.revise, { i: { ...revision, expectedVersion: p.version } })).reviseDiagnosis;
    expect(p.diagnosis).toEqual({ summary: '年费系统重复扣收', suspectedCause: 'IT_SYSTEM' });
    expect((await problemOf('analyst', p.id)).history.at(-1)).toMatchObject({ type: 'DIAGNOSIS_REVISED', note: '补充客户影响' });
    p = await consult(p, ['expert.card']);
    await refused('analyst', M.revise, { ...revision, expectedVersion: p.version }, 'INVALID_TRANSITION');
  });

  it('the coordinator invites and removes experts while the consultation is open; an expert declines', async () => {
    const input = {
      problemId: p.id,
      expectedVersion: p.version,
      expertIds: [id['user:expert.it'], id['user:otherExpert']],
      reason: '涉及系统',
    };
    await refused('analyst', M.invite, input, 'FORBIDDEN');
    await refused('expert.card', M.invite, input, 'FORBIDDEN');
    await refused('coordinator', M.invite, { ...input, expectedVersion: p.version - 1 }, 'CONFLICT');
    await refused('coordinator', M.invite, { ...input, reason: '' }, 'BAD_USER_INPUT');
    await refused('coordinator', M.invite, { ...input, expertIds: [id['user:expert.card']] }, 'BAD_USER_INPUT'); // already invited
    await refused('coordinator', M.invite, { ...input, expertIds: [id['user:bm.sh']] }, 'BAD_USER_INPUT'); // not an expert
    p = ok(await hub.gql(t.coordinator!, M.invite, { i: input })).inviteExperts;
    expect(p.consultation.experts.map((e: any) => e.username).sort()).toEqual(
      ['expert.card', 'expert.it', (await hub.gql(t.otherExpert!, '{ me { username } }')).data!.me.username].sort(),
    );
    expect(await notified('expert.it', 'CONSULTATION_INVITED', { problemId: p.id })).toBe(1);
    expect(await notified('expert.card', 'CONSULTATION_INVITED', { problemId: p.id })).toBe(1); // not again
    expect((await problemOf('coordinator', p.id)).history.at(-1).type).toBe('EXPERTS_INVITED');

    const removal = { problemId: p.id, expectedVersion: p.version, expertIds: [id['user:otherExpert']], reason: '不涉及' };
    await refused('analyst', M.uninvite, removal, 'FORBIDDEN');
    await refused('coordinator', M.uninvite, { ...removal, expectedVersion: p.version - 1 }, 'CONFLICT');
    await refused('coordinator', M.uninvite, { ...removal, reason: ' ' }, 'BAD_USER_INPUT');
    await refused('coordinator', M.uninvite, { ...removal, expertIds: [id['user:bm.sh']] }, 'BAD_USER_INPUT'); // not invited
    await refused(
      'coordinator',
      M.uninvite,
      { ...removal, expertIds: [id['user:otherExpert'], id['user:expert.it'], id['user:expert.card']] },
      'BAD_USER_INPUT',
    ); // one at least stays
    p = ok(await hub.gql(t.coordinator!, M.uninvite, { i: removal })).removeExperts;
    expect(p.consultation.experts.map((e: any) => e.username).sort()).toEqual(['expert.card', 'expert.it']);
    expect((await problemOf('coordinator', p.id)).history.at(-1).type).toBe('EXPERTS_REMOVED');

    const decline = { problemId: p.id, reason: '不属本部门' };
    await refused('otherExpert', M.declineInv, decline, 'FORBIDDEN'); // removed: no longer invited
    await refused('coordinator', M.declineInv, decline, 'FORBIDDEN');
    await refused('expert.it', M.declineInv, { ...decline, reason: '' }, 'BAD_USER_INPUT');
    p = ok(await hub.gql(t['expert.it']!, M.declineInv, { i: decline })).declineInvitation;
    expect(p.consultation.experts.map((e: any) => e.username)).toEqual(['expert.card']);
    expect(await notified('coordinator', 'INVITATION_DECLINED', { problemId: p.id })).toBe(1);
    expect((await problemOf('coordinator', p.id)).history.at(-1)).toMatchObject({ type: 'INVITATION_DECLINED', note: '不属本部门' });
    await refused('expert.it', M.opinion, { problemId: p.id, body: 'x', agreesWithDiagnosis: true }, 'FORBIDDEN');

    p = ok(await hub.gql(t['expert.card']!, M.opinion, { i: { problemId: p.id, body: '同意', agreesWithDiagnosis: true } })).submitOpinion;
    expect(await notified('coordinator', 'OPINION_SUBMITTED', { problemId: p.id })).toBe(1);
    await refused('expert.card', M.declineInv, decline, 'INVALID_TRANSITION'); // an opinion given stands
    p = await conclude(p, [{ branch: 'SH', title: '上海退费' }]);
    await refused(
      'coordinator',
      M.invite,
      { ...input, expectedVersion: p.version, expertIds: [id['user:expert.it']] },
      'INVALID_TRANSITION',
    );
    await refused('expert.card', M.declineInv, decline, 'INVALID_TRANSITION');
    for (const op of ['inviteExperts', 'removeExperts', 'declineInvitation']) expect(await audited(op)).toContain('OK');
  });

  it('a duplicate in REMEDIATING is merged with its feedback, actions and history', async () => {
    const dup = await remediating('年费重复扣收（重复立项）', ['BJ'], [{ branch: 'BJ', title: '北京退费' }]);
    const early = await openProblem('年费问题（未诊断）', ['GZ']);
    const input = { problemId: dup.id, expectedVersion: dup.version, intoProblemId: p.id, reason: '与已立项问题重复' };
    await refused('agent', M.mergeDup, input, 'FORBIDDEN');
    await refused('bm.bj', M.mergeDup, input, 'FORBIDDEN');
    await refused('analyst', M.mergeDup, { ...input, expectedVersion: dup.version - 1 }, 'CONFLICT');
    await refused('analyst', M.mergeDup, { ...input, reason: '' }, 'BAD_USER_INPUT');
    await refused('analyst', M.mergeDup, { ...input, intoProblemId: dup.id }, 'BAD_USER_INPUT');
    // Its live actions cannot join a problem that has no linkage table yet.
    await refused('analyst', M.mergeDup, { ...input, intoProblemId: early.id }, 'INVALID_TRANSITION');
    // The contract's mergeProblem keeps its rule: before REMEDIATING only.
    await refused('analyst', M.merge, { problemId: dup.id, expectedVersion: dup.version, intoProblemId: p.id }, 'INVALID_TRANSITION');
    const merged = ok(await hub.gql(t.analyst!, M.mergeDup, { i: input })).mergeProblems;
    expect(merged).toMatchObject({ status: 'MERGED', mergedInto: { id: p.id }, actions: [] });
    const target = await problemOf('coordinator', p.id);
    expect(target.feedbackCount).toBe(2);
    expect(target.actions.map((a: any) => [a.branch.code, a.status])).toEqual([
      ['SH', 'ASSIGNED'],
      ['BJ', 'ASSIGNED'],
    ]);
    const types = target.history.map((e: any) => e.type);
    // The duplicate's own history is carried: its opening, its consultation, its merge.
    expect(types.filter((x: string) => x === 'PROBLEM_OPENED')).toHaveLength(2);
    expect(types).toContain('PROBLEM_MERGED');
    const seqOrder = target.history.map((e: any) => e.type);
    expect(seqOrder.at(-1)).toBe('FEEDBACK_ATTACHED');
    // BJ now sees the target through the carried action.
    expect((await problemOf('bm.bj', p.id)).actions.map((a: any) => a.branch.code)).toEqual(['BJ']);
    await refused('analyst', M.mergeDup, { ...input, expectedVersion: merged.version }, 'INVALID_TRANSITION');
    expect(await audited('mergeProblems')).toContain('OK');
  });

  it('a closed problem takes no correction; every correction left its audit row', async () => {
    const p = await problemOf('coordinator', closed.id);
    const feedbackId = ok(
      await hub.gql(t.coordinator!, `query($id: ID!) { problem(id: $id) { feedback { edges { node { id } } } } }`, { id: p.id }),
    ).problem.feedback.edges[0].node.id;
    await refused(
      'coordinator',
      M.correct,
      { problemId: p.id, expectedVersion: p.version, reason: '更正', severity: 'LOW' },
      'INVALID_TRANSITION',
    );
    await refused(
      'analyst',
      M.detach,
      { problemId: p.id, expectedVersion: p.version, feedbackIds: [feedbackId], reason: '误挂' },
      'INVALID_TRANSITION',
    );
    await refused(
      'coordinator',
      M.uninvite,
      { problemId: p.id, expectedVersion: p.version, expertIds: [id['user:expert.card']], reason: '不需要' },
      'INVALID_TRANSITION',
    );
    const live = await openProblem('年费问题（存续）', ['SH']);
    await refused(
      'analyst',
      M.mergeDup,
      { problemId: p.id, expectedVersion: p.version, intoProblemId: live.id, reason: '重复' },
      'INVALID_TRANSITION',
    );
    // Nor is it a target.
    await refused(
      'analyst',
      M.mergeDup,
      { problemId: live.id, expectedVersion: live.version, intoProblemId: p.id, reason: '重复' },
      'INVALID_TRANSITION',
    );
    for (const op of [
      'declineAction',
      'cancelAction',
      'reassignAction',
      'changeActionDueDate',
      'decideExtension',
      'correctProblem',
      'reviseDiagnosis',
      'detachFeedback',
      'mergeProblems',
      'inviteExperts',
      'removeExperts',
      'declineInvitation',
    ])
      expect(await audited(op), op).toContain('OK');
  });
});
