import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHub, codeOf, TestClock, type TestHub, type GqlResult } from '../utils/hub.js';
import { demoIds, tokens, problemInConsultation, conclude, type DemoIds, type ProblemRef } from '../utils/fixtures.js';

/**
 * Callbacks (回访, issue 17) over real HTTP: a resolved problem's customers each get one callback
 * (none duplicated when the problem is resolved again), the agent records calls with retries and the
 * customer's verdict, a dissatisfied customer reopens their complaint case and flags the problem to
 * the coordinators; phones are encrypted at rest, shown in clear only through an audited reveal;
 * the callback KPIs equal a recount from the raw rows.
 */
let hub: TestHub;
let t: Record<string, string> = {};
let ids: DemoIds;
const clock = new TestClock(Date.parse('2026-11-10T10:00:00+08:00'));
const DAY = 86_400_000;
const PHONES = { c1: '13912345678', c2: '13700001111', c3: '13600002222', c4: '13500003333', anon: '01065123456' };

const CALLBACK = `id status verdict customerWords attempts version customerRef customerPhone dueAt closedAt feedbackId
  problem { id } complaintCase { id status } branch { code } assignee { username } attemptHistory { reached verdict note }`;
const Q = {
  queue: `query($f: CallbackFilter, $first: Int, $after: String) { callbacks(filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${CALLBACK} } } } }`,
  attempt: `mutation($i: RecordCallbackAttemptInput!) { recordCallbackAttempt(input: $i) { ${CALLBACK} } }`,
  reveal: `mutation($i: RevealCustomerPhoneInput!) { revealCustomerPhone(input: $i) { phone callbackId caseId } }`,
  record: `mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id } }`,
  register: `mutation($i: RegisterComplaintInput!) { registerComplaint(input: $i) { id version customerPhone } }`,
  kase: `query($id: ID!) { complaintCase(id: $id) { id status version dueAt reopenedAt customerPhone handler { username } } }`,
  kpis: `{ dashboard { kpis { callbacks { closed reached unreachable satisfied partly notSatisfied reachRate satisfactionRate partlySatisfiedRate } } } }`,
};

const ok = <T = any>(r: GqlResult): T => {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data as T;
};
const gql = (token: string, q: string, i?: Record<string, unknown>) => hub.gql(token, q, i ? { i } : undefined);

let problem: ProblemRef;
const fb: Record<string, string> = {};
let caseId = '';

async function record(extra: Record<string, unknown>) {
  return ok(
    await gql(t.agent!, Q.record, {
      kind: 'PROBLEM',
      channel: 'VOICE',
      categoryId: ids.category.CREDIT_CARD,
      branchId: ids.branch.SH,
      text: '信用卡年费重复扣收',
      ...extra,
    }),
  ).recordFeedback.id as string;
}

/** Drives a problem in REMEDIATING with one SH action to VERIFYING, then resolves it. */
async function confirmAndResolve(actionId: string, actionVersion: number) {
  let a = ok(
    await gql(t['bm.sh']!, `mutation($i: ActionStepInput!) { acceptAction(input: $i) { id version } }`, {
      actionId,
      expectedVersion: actionVersion,
    }),
  ).acceptAction;
  a = ok(
    await gql(t['bm.sh']!, `mutation($i: ReportProgressInput!) { reportProgress(input: $i) { id version } }`, {
      actionId,
      expectedVersion: a.version,
      note: '整改中',
    }),
  ).reportProgress;
  a = ok(
    await gql(t['bm.sh']!, `mutation($i: SubmitActionInput!) { submitAction(input: $i) { id version } }`, {
      actionId,
      expectedVersion: a.version,
      evidence: '已整改',
    }),
  ).submitAction;
  ok(
    await gql(t.coordinator!, `mutation($i: ActionStepInput!) { confirmAction(input: $i) { id } }`, {
      actionId,
      expectedVersion: a.version,
    }),
  );
  const p = ok(await hub.gql(t.coordinator!, `query($id: ID!) { problem(id: $id) { id version status } }`, { id: problem.id })).problem;
  expect(p.status).toBe('VERIFYING');
  return ok(
    await gql(t.coordinator!, `mutation($i: ResolveProblemInput!) { resolveProblem(input: $i) { id version status } }`, {
      problemId: p.id,
      expectedVersion: p.version,
      note: '已解决',
    }),
  ).resolveProblem;
}

async function queue(token: string, f: Record<string, unknown> = {}) {
  return ok(await hub.gql(token, Q.queue, { f: { problemId: problem.id, ...f }, first: 50 })).callbacks;
}
const byRef = async (ref: string | null) =>
  (await queue(t.coordinator!)).edges.map((e: any) => e.node).find((n: any) => n.customerRef === ref);
const auditRows = async (outcome: string) =>
  Number(
    (await hub.db.get<{ n: number }>(
      `SELECT count(*) AS n FROM audit_log WHERE operation = 'revealCustomerPhone' AND outcome = ?`,
      outcome,
    ))!.n,
  );

beforeAll(async () => {
  hub = await startHub({ clock, demo: { feedback: 60, contacts: 20 } });
  t = await tokens(hub);
  ids = await demoIds(hub, t.admin!);
  // Two records of one customer (one with a phone), a second customer, an unnamed customer who left a phone,
  // and one who left nothing (nobody to call).
  fb.c1a = await record({ customerRef: 'C1', customerPhone: PHONES.c1 });
  fb.c1b = await record({ customerRef: 'C1' });
  fb.c2 = await record({ customerRef: 'C2', customerPhone: `+86 ${PHONES.c2}`, branchId: ids.branch['SH-PD'] });
  fb.anon = await record({ customerPhone: '(010) 6512-3456' });
  fb.none = await record({});
  // A fourth customer's record, attached and then voided as recorded by mistake: nobody to call back.
  fb.voided = await record({ customerRef: 'C4', customerPhone: PHONES.c4 });
  // A third customer's complaint case, decided before the fix.
  const c = ok(
    await gql(t.agent!, Q.register, {
      branchId: ids.branch.SH,
      customerRef: 'C3',
      customerPhone: PHONES.c3,
      channelCode: 'A0101',
      businessCode: 'B03',
      causeCode: 'C01',
      request: '要求退还年费',
    }),
  ).registerComplaint;
  caseId = c.id;
  expect(c.customerPhone).toBe('136****2222');
  problem = await problemInConsultation(hub, t, ids, [fb.c1a!, fb.c1b!, fb.c2!, fb.anon!, fb.none!, fb.voided!], '年费重复扣收');
  ok(
    await gql(t.agent!, `mutation($i: VoidFeedbackInput!) { voidFeedback(input: $i) { id } }`, {
      feedbackId: fb.voided,
      expectedVersion: 1,
      reason: '误录：客户非本问题',
    }),
  );
  ok(
    await gql(t.coordinator!, `mutation($i: LinkComplaintToProblemInput!) { linkComplaintToProblem(input: $i) { id } }`, {
      caseId,
      expectedVersion: 1,
      problemId: problem.id,
    }),
  );
  let k = ok(
    await gql(t['bm.sh']!, `mutation($i: AssignComplaintInput!) { assignComplaint(input: $i) { id version } }`, {
      caseId,
      expectedVersion: 2,
      handlerId: ids.user['bm.sh'],
    }),
  ).assignComplaint;
  k = ok(
    await gql(t['bm.sh']!, `mutation($i: DecideComplaintInput!) { decideComplaint(input: $i) { id version status } }`, {
      caseId,
      expectedVersion: k.version,
      findings: '重复扣费属实',
      basis: '收费标准',
      remedies: ['MEDIATION'],
    }),
  ).decideComplaint;
  expect(k.status).toBe('DECIDED');
  const concluded = await conclude(hub, t.coordinator!, problem, [{ branchId: ids.branch.SH }], new Date(clock.now().getTime() + 10 * DAY));
  problem = await confirmAndResolve(concluded.actions[0]!.id, concluded.actions[0]!.version);
  expect(problem.status).toBe('RESOLVED');
});
afterAll(async () => hub.stop());

describe('callbacks (回访)', () => {
  it('a resolved problem gives each distinct customer one callback, oldest first, phones masked, due in 3 working days', async () => {
    const q = await queue(t.agent!);
    expect(q.totalCount).toBe(4);
    const nodes = q.edges.map((e: any) => e.node);
    expect(nodes.every((n: any) => n.status === 'OPEN' && n.attempts === 0 && n.version === 1)).toBe(true);
    expect(new Set(nodes.map((n: any) => n.customerPhone))).toEqual(
      new Set(['139****5678', '+86137****1111', '136****2222', '010****3456']),
    );
    // The complaint case stands for C3; C1's two records are one customer.
    expect(nodes.find((n: any) => n.customerPhone === '136****2222').complaintCase).toEqual({ id: caseId, status: 'DECIDED' });
    // 10 Nov 2026 is a Tuesday: three working days later is Friday the 13th.
    expect(new Set(nodes.map((n: any) => n.dueAt.slice(0, 10)))).toEqual(new Set(['2026-11-13']));
    // Paged: oldest first, by cursor.
    const p1 = ok(await hub.gql(t.agent!, Q.queue, { f: { problemId: problem.id }, first: 2 })).callbacks;
    const p2 = ok(await hub.gql(t.agent!, Q.queue, { f: { problemId: problem.id }, first: 2, after: p1.pageInfo.endCursor })).callbacks;
    expect([...p1.edges, ...p2.edges].map((e: any) => e.node.id)).toEqual(nodes.map((n: any) => n.id));
    expect(p1.pageInfo.hasNextPage).toBe(true);
    expect(p2.pageInfo.hasNextPage).toBe(false);
    // Branch scoping: SH sees all four (SH-PD is in its subtree), BJ none; an analyst does not work callbacks.
    expect((await queue(t['bm.sh']!)).totalCount).toBe(4);
    expect((await queue(t['bm.bj']!)).totalCount).toBe(0);
    expect(codeOf(await hub.gql(t.analyst!, Q.queue, {}))).toBe('FORBIDDEN');
    // The problem page lists them for those who work callbacks.
    const onProblem = async (who: string) =>
      ok(await hub.gql(t[who]!, `query($id: ID!) { problem(id: $id) { callbacks { id } } }`, { id: problem.id })).problem.callbacks.length;
    expect(await onProblem('coordinator')).toBe(4);
    expect(await onProblem('analyst')).toBe(0);
    // A CALLBACK_CREATED event per callback.
    const created = await hub.db.get<{ n: number }>(
      `SELECT count(*) AS n FROM hub_events WHERE type = 'CALLBACK_CREATED' AND problem_id = ?`,
      problem.id,
    );
    expect(Number(created!.n)).toBe(4);
  });

  it('resolving again after a reopen adds no duplicate open callback', async () => {
    const p = ok(
      await gql(t.coordinator!, `mutation($i: ReopenProblemInput!) { reopenProblem(input: $i) { id version status } }`, {
        problemId: problem.id,
        expectedVersion: problem.version,
        reason: '复发',
      }),
    ).reopenProblem;
    expect(p.status).toBe('REMEDIATING');
    problem = p;
    const action = ok(
      await gql(t.coordinator!, `mutation($i: AddActionInput!) { addAction(input: $i) { id version } }`, {
        problemId: p.id,
        action: {
          branchId: ids.branch.SH,
          title: '再整改',
          description: '复发后整改',
          dueAt: new Date(clock.now().getTime() + 10 * DAY).toISOString(),
        },
      }),
    ).addAction;
    problem = await confirmAndResolve(action.id, action.version);
    expect(problem.status).toBe('RESOLVED');
    expect((await queue(t.agent!)).totalCount).toBe(4);
    const rows = await hub.db.all<{ n: number }>(
      `SELECT count(*) AS n FROM callbacks WHERE problem_id = ? GROUP BY customer_key`,
      problem.id,
    );
    expect(rows.map((r) => Number(r.n))).toEqual([1, 1, 1, 1]);
  });

  it('no phone number is in the database file in clear', async () => {
    if (hub.db.dialect !== 'sqlite') return;
    await hub.db.all('PRAGMA wal_checkpoint(FULL)');
    const files = [path.join(hub.dir, 'hub.sqlite'), path.join(hub.dir, 'hub.sqlite-wal')].filter((f) => fs.existsSync(f));
    const bytes = Buffer.concat(files.map((f) => fs.readFileSync(f)));
    // The database holds the encrypted contacts (the check reads something) …
    const sealed = await hub.db.all<{ key_id: string }>(`SELECT key_id FROM customer_contacts`);
    expect(sealed.length).toBe(5); // the voided record's phone too
    expect(new Set(sealed.map((r) => r.key_id))).toEqual(new Set(['test']));
    // … and none of the numbers, whole or as the digits of any of its usual spellings.
    for (const phone of Object.values(PHONES)) {
      expect(bytes.includes(Buffer.from(phone, 'utf8')), phone).toBe(false);
      expect(bytes.includes(Buffer.from(phone, 'utf16le')), phone).toBe(false);
    }
    expect(bytes.includes(Buffer.from('6512-3456', 'utf8'))).toBe(false);
  });

  it('the phone in clear only through revealCustomerPhone: the agent working the callback, the case handler; each reveal audited', async () => {
    const c1 = await byRef('C1');
    const before = await auditRows('OK');
    const r1 = ok(await gql(t.agent!, Q.reveal, { callbackId: c1.id })).revealCustomerPhone;
    expect(r1).toEqual({ phone: PHONES.c1, callbackId: c1.id, caseId: null });
    ok(await gql(t.agent!, Q.reveal, { callbackId: c1.id }));
    expect(await auditRows('OK')).toBe(before + 2);
    // Taking the callback does not change its version.
    const taken = await byRef('C1');
    expect(taken).toMatchObject({ assignee: { username: 'agent' }, version: 1 });
    // Every other role is refused, and the refusal is on the record too.
    const refusedBefore = await auditRows('REFUSED');
    for (const who of ['coordinator', 'admin', 'analyst', 'bm.sh', 'expert.card'])
      expect(codeOf(await gql(t[who]!, Q.reveal, { callbackId: c1.id })), who).toBe('FORBIDDEN');
    expect(await auditRows('REFUSED')).toBe(refusedBefore + 5);
    // The case's handler (bm.sh) sees the complaint's phone; others do not.
    expect(ok(await gql(t['bm.sh']!, Q.reveal, { caseId })).revealCustomerPhone.phone).toBe(PHONES.c3);
    expect(codeOf(await gql(t.agent!, Q.reveal, { caseId }))).toBe('FORBIDDEN');
    expect(codeOf(await gql(t.coordinator!, Q.reveal, { caseId }))).toBe('FORBIDDEN');
    expect(codeOf(await gql(t['bm.bj']!, Q.reveal, { caseId }))).toBe('NOT_FOUND');
    expect(codeOf(await gql(t.agent!, Q.reveal, { callbackId: c1.id, caseId }))).toBe('BAD_USER_INPUT');
    // Everywhere else masked, whoever reads.
    expect(ok(await hub.gql(t.coordinator!, Q.kase, { id: caseId })).complaintCase.customerPhone).toBe('136****2222');
    // The audit rows do not hold the phone either.
    const details = await hub.db.all<{ detail: string }>(`SELECT detail FROM audit_log`);
    for (const phone of Object.values(PHONES))
      expect(
        details.some((d) => d.detail?.includes(phone)),
        phone,
      ).toBe(false);
  });

  it('not reached: retries, then UNREACHABLE after the third call; refusals change nothing', async () => {
    const c2 = await byRef('C2');
    expect(codeOf(await gql(t.coordinator!, Q.attempt, { callbackId: c2.id, expectedVersion: 1, reached: false }))).toBe('FORBIDDEN');
    expect(codeOf(await gql(t.agent!, Q.attempt, { callbackId: c2.id, expectedVersion: 1, reached: false, verdict: 'SATISFIED' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await gql(t.agent!, Q.attempt, { callbackId: c2.id, expectedVersion: 1, reached: true }))).toBe('BAD_USER_INPUT');
    let cb = ok(
      await gql(t.agent!, Q.attempt, { callbackId: c2.id, expectedVersion: 1, reached: false, note: '无人接听' }),
    ).recordCallbackAttempt;
    expect(cb).toMatchObject({ status: 'OPEN', attempts: 1, version: 2, assignee: { username: 'agent' } });
    expect(codeOf(await gql(t.agent!, Q.attempt, { callbackId: c2.id, expectedVersion: 1, reached: false }))).toBe('CONFLICT');
    cb = ok(await gql(t.agent!, Q.attempt, { callbackId: c2.id, expectedVersion: 2, reached: false })).recordCallbackAttempt;
    expect(cb).toMatchObject({ status: 'OPEN', attempts: 2 });
    cb = ok(await gql(t.agent!, Q.attempt, { callbackId: c2.id, expectedVersion: 3, reached: false })).recordCallbackAttempt;
    expect(cb).toMatchObject({ status: 'UNREACHABLE', attempts: 3 });
    expect(cb.closedAt).not.toBeNull();
    expect(cb.attemptHistory).toEqual([
      { reached: false, verdict: null, note: '无人接听' },
      { reached: false, verdict: null, note: null },
      { reached: false, verdict: null, note: null },
    ]);
    expect(codeOf(await gql(t.agent!, Q.attempt, { callbackId: c2.id, expectedVersion: 4, reached: false }))).toBe('INVALID_TRANSITION');
    // A closed callback's phone is no longer shown.
    expect(codeOf(await gql(t.agent!, Q.reveal, { callbackId: c2.id }))).toBe('FORBIDDEN');
  });

  it('reached: the verdict and the words; NOT_SATISFIED reopens the complaint case and flags the problem to the coordinators', async () => {
    const c1 = await byRef('C1');
    const done = ok(
      await gql(t.agent!, Q.attempt, {
        callbackId: c1.id,
        expectedVersion: 1,
        reached: true,
        verdict: 'SATISFIED',
        customerWords: '已退费，满意',
      }),
    ).recordCallbackAttempt;
    expect(done).toMatchObject({ status: 'COMPLETED', verdict: 'SATISFIED', customerWords: '已退费，满意', attempts: 1 });
    const anon = await byRef(null);
    ok(await gql(t.agent!, Q.attempt, { callbackId: anon.id, expectedVersion: 1, reached: true, verdict: 'PARTLY' }));

    const c3 = (await queue(t.agent!)).edges.map((e: any) => e.node).find((n: any) => n.complaintCase?.id === caseId);
    clock.advance(DAY);
    for (const u of Object.keys(t)) t[u] = await hub.login(u);
    const notified = Number(
      (await hub.db.get<{ n: number }>(`SELECT count(*) AS n FROM notifications WHERE kind = 'CALLBACK_DISSATISFIED'`))!.n,
    );
    const unhappy = ok(
      await gql(t.agent!, Q.attempt, {
        callbackId: c3.id,
        expectedVersion: 1,
        reached: true,
        verdict: 'NOT_SATISFIED',
        customerWords: '还是被扣费',
      }),
    ).recordCallbackAttempt;
    expect(unhappy).toMatchObject({ status: 'COMPLETED', verdict: 'NOT_SATISFIED', complaintCase: { id: caseId, status: 'HANDLING' } });
    const kase = ok(await hub.gql(t.coordinator!, Q.kase, { id: caseId })).complaintCase;
    expect(kase).toMatchObject({ status: 'HANDLING', handler: { username: 'bm.sh' } });
    expect(kase.reopenedAt).toBe(clock.now().toISOString());
    // The limit runs afresh: 15 days from the reopening (11 Nov → 26 Nov, a Thursday).
    expect(kase.dueAt).toBe(new Date(Date.parse('2026-11-26T23:59:59.999+08:00')).toISOString());
    const events = await hub.db.all<{ type: string }>(
      `SELECT type FROM hub_events WHERE callback_id = ? OR (complaint_id = ? AND type = 'COMPLAINT_REOPENED') ORDER BY seq`,
      c3.id,
      caseId,
    );
    expect(events.map((e) => e.type)).toEqual(['CALLBACK_CREATED', 'CALLBACK_COMPLETED', 'COMPLAINT_REOPENED', 'CALLBACK_DISSATISFIED']);
    const coordinators = Number(
      (await hub.db.get<{ n: number }>(`SELECT count(*) AS n FROM users WHERE role = 'COORDINATOR' AND active = ?`, 1))!.n,
    );
    const after = Number(
      (await hub.db.get<{ n: number }>(
        `SELECT count(*) AS n FROM notifications WHERE kind = 'CALLBACK_DISSATISFIED' AND problem_id = ?`,
        problem.id,
      ))!.n,
    );
    expect(after - notified).toBe(coordinators);
    expect(coordinators).toBeGreaterThan(0);
    const inbox = ok(await hub.gql(t.coordinator!, '{ notifications(first: 5) { edges { node { kind summary } } } }'));
    expect(JSON.stringify(inbox)).toContain('CALLBACK_DISSATISFIED');
  });

  it('the callback KPIs in the dashboard and the monthly report equal a recount from the raw rows', async () => {
    const raw = await hub.db.all<{ status: string; verdict: string | null; branch_id: string; closed_at: number | string }>(
      `SELECT status, verdict, branch_id, closed_at FROM callbacks WHERE status <> 'OPEN'`,
    );
    const recount = (rows: typeof raw) => {
      const reached = rows.filter((r) => r.status === 'COMPLETED').length;
      const n = (v: string) => rows.filter((r) => r.verdict === v).length;
      return {
        closed: rows.length,
        reached,
        unreachable: rows.filter((r) => r.status === 'UNREACHABLE').length,
        satisfied: n('SATISFIED'),
        partly: n('PARTLY'),
        notSatisfied: n('NOT_SATISFIED'),
        reachRate: rows.length ? reached / rows.length : null,
        satisfactionRate: reached ? n('SATISFIED') / reached : null,
        partlySatisfiedRate: reached ? n('PARTLY') / reached : null,
      };
    };
    const all = recount(raw);
    expect(all).toMatchObject({ closed: 4, reached: 3, unreachable: 1, satisfied: 1, partly: 1, notSatisfied: 1 });
    expect(ok(await hub.gql(t.coordinator!, Q.kpis)).dashboard.kpis.callbacks).toEqual(all);
    // A branch manager's figures are their subtree's.
    expect(ok(await hub.gql(t['bm.bj']!, Q.kpis)).dashboard.kpis.callbacks).toEqual(recount([]));
    const report = ok(
      await hub.gql(
        t.coordinator!,
        `query($m: String!) { vocReport(month: $m) { kpis { callbacks { closed reached unreachable satisfied partly notSatisfied reachRate satisfactionRate partlySatisfiedRate } } } }`,
        { m: '2026-11' },
      ),
    ).vocReport;
    const start = Date.parse('2026-11-01T00:00:00+08:00');
    const end = Date.parse('2026-12-01T00:00:00+08:00');
    expect(report.kpis.callbacks).toEqual(recount(raw.filter((r) => Number(r.closed_at) >= start && Number(r.closed_at) < end)));
    const october = ok(
      await hub.gql(t.coordinator!, `query { vocReport(month: "2026-10") { kpis { callbacks { closed reachRate } } } }`),
    ).vocReport;
    expect(october.kpis.callbacks).toEqual({ closed: 0, reachRate: null });
  });
});
