import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHub, codeOf, type TestHub, type GqlResult } from '../utils/hub.js';

/**
 * An agent's feedback corrected or voided (issue 18), through the public API over HTTP: by the
 * agent who recorded it within FEEDBACK_CORRECTION_WINDOW_MINUTES, by an analyst after; every
 * refusal changes nothing; a correction moves the item in the rollups (dashboard counts, read from
 * the rollups and from the rows), in the similarity index and out of its 3-in-3 alert; a voided
 * item leaves the inbox, the problem's count, the rollups, the index and its alert, and stays listed
 * (voidedAt) under its problem.
 */
let hub: TestHub;
const t: Record<string, string> = {};
const id: Record<string, string> = {};
const WINDOW_MINUTES = 60;

const FEEDBACK = `id version kind channel complaint text customerRef voidedAt voidReason viewerMayCorrect agentCorrectableUntil
  branch { code } category { code } voidedBy { username }
  corrections { at voided reason actor { username } changes { field from to } }`;
const M = {
  record: `mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { ${FEEDBACK} } }`,
  correct: `mutation($i: CorrectFeedbackInput!) { correctFeedback(input: $i) { ${FEEDBACK} } }`,
  void: `mutation($i: VoidFeedbackInput!) { voidFeedback(input: $i) { ${FEEDBACK} } }`,
  open: `mutation($i: OpenProblemInput!) { openProblem(input: $i) { id } }`,
};
const Q = {
  item: `query($id: ID!) { node(id: $id) { ... on Feedback { ${FEEDBACK} } } }`,
  inbox: `query($s: String) { feedback(filter: { search: $s }) { totalCount edges { node { id } } } }`,
  withVoided: `query($s: String) { feedback(filter: { search: $s, includeVoided: true }) { totalCount } }`,
  problem: `query($id: ID!) { problem(id: $id) { feedbackCount feedback { totalCount edges { node { id voidedAt } } } } }`,
  dashboard: `query($b: ID, $from: DateTime, $to: DateTime) { dashboard(branchId: $b, from: $from, to: $to) {
    feedbackByKind { kind count } feedbackByChannel { channel count } } }`,
  similar: `query($id: ID!) { similarFeedback(feedbackId: $id, first: 50) { id } }`,
};

const ok = <T = any>(r: GqlResult): T => {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data as T;
};
const eventCount = async () => (await hub.db.get<{ n: number }>('SELECT count(*) AS n FROM hub_events'))!.n;
const item = async (who: string, feedbackId: string) => ok(await hub.gql(t[who]!, Q.item, { id: feedbackId })).node;

/** Refused with `code`, and nothing changed: no event, the item as it was. */
async function refused(who: string, query: string, input: Record<string, unknown>, code: string) {
  const events = await eventCount();
  const before = await item('analyst', input.feedbackId as string);
  const r = await hub.gql(t[who]!, query, { i: input });
  expect(codeOf(r), `${who}: ${JSON.stringify(r.errors)}`).toBe(code);
  expect(await eventCount()).toBe(events);
  expect(await item('analyst', input.feedbackId as string)).toEqual(before);
}

let seq = 0;
async function record(fields: Record<string, unknown> = {}, who = 'agent'): Promise<any> {
  return ok(
    await hub.gql(t[who]!, M.record, {
      i: {
        kind: 'PROBLEM',
        channel: 'VOICE',
        categoryId: id.CREDIT_CARD,
        branchId: id.SH,
        text: `信用卡年费被重复扣收，要求退还 ${++seq}`,
        ...fields,
      },
    }),
  ).recordFeedback;
}

/** The dashboard's counts by kind and by channel for a branch: from the rollups (no range) and from the rows (a partial day). */
async function counts(branch: string) {
  const now = hub.clock.now().getTime();
  const read = async (range: { from?: string; to?: string }) => {
    const d = ok(await hub.gql(t.coordinator!, Q.dashboard, { b: id[branch], ...range })).dashboard;
    return {
      kind: Object.fromEntries(d.feedbackByKind.map((k: any) => [k.kind, k.count])),
      channel: Object.fromEntries(d.feedbackByChannel.map((c: any) => [c.channel, c.count])),
    };
  };
  return {
    rollup: await read({}),
    rows: await read({ from: new Date(now - 3_600_000).toISOString(), to: new Date(now + 3_600_000).toISOString() }),
  };
}
const n = (x: Record<string, number>, k: string) => x[k] ?? 0;

/** Every rollup cell agrees with a recount of the rows that are not voided (by branch, category, channel, kind). */
async function expectRollupsMatchRows() {
  const key = (r: any) => `${r.b}|${r.c}|${r.ch}|${r.k}`;
  const rows = await hub.db.all(
    `SELECT branch_id AS b, category_id AS c, channel AS ch, kind AS k, count(*) AS n, sum(complaint) AS m FROM feedback
     WHERE voided_at IS NULL GROUP BY branch_id, category_id, channel, kind`,
  );
  const expected = new Map(rows.map((r) => [key(r), [Number(r.n), Number(r.m)]]));
  for (const grain of ['DAY', 'MONTH']) {
    for (const table of ['feedback_rollups']) {
      const cells = await hub.db.all(
        `SELECT branch_id AS b, category_id AS c, channel AS ch, kind AS k, sum(items) AS n, sum(complaints) AS m FROM ${table}
         WHERE grain = ? GROUP BY branch_id, category_id, channel, kind`,
        grain,
      );
      const got = new Map(cells.filter((r) => Number(r.n) !== 0 || Number(r.m) !== 0).map((r) => [key(r), [Number(r.n), Number(r.m)]]));
      expect(got, `${table} ${grain}`).toEqual(expected);
    }
    const series = await hub.db.all(
      `SELECT branch_id AS b, kind AS k, sum(items) AS n FROM feedback_series_rollups WHERE grain = ? GROUP BY branch_id, kind`,
      grain,
    );
    const seriesRows = await hub.db.all(
      `SELECT branch_id AS b, kind AS k, count(*) AS n FROM feedback WHERE voided_at IS NULL GROUP BY branch_id, kind`,
    );
    expect(new Map(series.filter((r) => Number(r.n) !== 0).map((r) => [`${r.b}|${r.k}`, Number(r.n)]))).toEqual(
      new Map(seriesRows.map((r) => [`${r.b}|${r.k}`, Number(r.n)])),
    );
  }
}

beforeAll(async () => {
  hub = await startHub({ demo: { feedback: 20, contacts: 20 }, env: { FEEDBACK_CORRECTION_WINDOW_MINUTES: String(WINDOW_MINUTES) } });
  for (const u of ['admin', 'agent', 'agent.wangli', 'analyst', 'coordinator', 'bm.sh']) t[u] = await hub.login(u);
  const org = ok(await hub.gql(t.admin!, '{ branches { id code } categories { id code } }'));
  for (const b of org.branches) id[b.code] = b.id;
  for (const c of org.categories) id[c.code] = c.id;
});

afterAll(async () => {
  await hub?.stop();
});

describe('correctFeedback and voidFeedback', () => {
  it('the agent who recorded it corrects it within the window; the counts move with it, the history and audit keep it', async () => {
    const f = await record({ complaint: true });
    expect(f).toMatchObject({ version: 1, viewerMayCorrect: true, voidedAt: null, corrections: [] });
    const sh0 = await counts('SH');
    const bj0 = await counts('BJ');

    const c = ok(
      await hub.gql(t.agent!, M.correct, {
        i: { feedbackId: f.id, expectedVersion: 1, reason: '选错了分行和渠道', branchId: id.BJ, channel: 'WECHAT', kind: 'SUGGESTION' },
      }),
    ).correctFeedback;
    expect(c).toMatchObject({ version: 2, kind: 'SUGGESTION', channel: 'WECHAT', branch: { code: 'BJ' } });
    expect(c.corrections).toEqual([
      {
        at: expect.any(String),
        voided: false,
        reason: '选错了分行和渠道',
        actor: { username: 'agent' },
        changes: [
          { field: 'kind', from: 'PROBLEM', to: 'SUGGESTION' },
          { field: 'channel', from: 'VOICE', to: 'WECHAT' },
          { field: 'branchId', from: id.SH, to: id.BJ },
        ],
      },
    ]);

    // The dashboard's counts, from the rollups and from the rows alike.
    const sh1 = await counts('SH');
    const bj1 = await counts('BJ');
    for (const how of ['rollup', 'rows'] as const) {
      expect(n(sh1[how].kind, 'PROBLEM'), how).toBe(n(sh0[how].kind, 'PROBLEM') - 1);
      expect(n(sh1[how].channel, 'VOICE'), how).toBe(n(sh0[how].channel, 'VOICE') - 1);
      expect(n(bj1[how].kind, 'SUGGESTION'), how).toBe(n(bj0[how].kind, 'SUGGESTION') + 1);
      expect(n(bj1[how].channel, 'WECHAT'), how).toBe(n(bj0[how].channel, 'WECHAT') + 1);
    }
    await expectRollupsMatchRows();

    const event = await hub.db.get('SELECT type, actor_id, branch_id, note FROM hub_events WHERE feedback_id = ? ORDER BY seq DESC', f.id);
    expect(event).toMatchObject({ type: 'FEEDBACK_CORRECTED', branch_id: id.BJ, note: '选错了分行和渠道' });
    const audit = await hub.db.all('SELECT outcome FROM audit_log WHERE operation = ?', 'correctFeedback');
    expect(audit.map((a) => a.outcome)).toContain('OK');
  });

  it('refuses another agent, other roles, a stale version and bad input, changing nothing', async () => {
    const f = await record();
    const base = { feedbackId: f.id, expectedVersion: 1, reason: '更正' };
    await refused('agent.wangli', M.correct, { ...base, text: '别人的记录' }, 'FORBIDDEN');
    await refused('agent.wangli', M.void, base, 'FORBIDDEN');
    await refused('coordinator', M.correct, { ...base, text: '协调员' }, 'FORBIDDEN');
    await refused('bm.sh', M.void, base, 'FORBIDDEN');
    await refused('agent', M.correct, { ...base, expectedVersion: 7, text: '旧版本' }, 'CONFLICT');
    await refused('agent', M.void, { ...base, expectedVersion: 7 }, 'CONFLICT');
    await refused('agent', M.correct, { ...base, text: '   ' }, 'BAD_USER_INPUT');
    await refused('agent', M.correct, { ...base, reason: ' ', text: '没有理由' }, 'BAD_USER_INPUT');
    await refused('agent', M.void, { ...base, reason: '' }, 'BAD_USER_INPUT');
    await refused('agent', M.correct, { ...base, text: f.text }, 'BAD_USER_INPUT');
    await refused(
      'agent',
      M.correct,
      { ...base, categoryId: id.CREDIT_CARD!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) },
      'BAD_USER_INPUT',
    );
    await refused('agent', M.correct, { ...base, text: 'x'.repeat(4001) }, 'BAD_USER_INPUT');
    expect((await item('agent.wangli', f.id)).viewerMayCorrect).toBe(false);
    expect((await item('agent', f.id)).viewerMayCorrect).toBe(true);
  });

  it('after the window the agent is refused and an analyst corrects it', async () => {
    const f = await record();
    hub.clock.advance((WINDOW_MINUTES + 1) * 60_000);
    expect((await item('agent', f.id)).viewerMayCorrect).toBe(false);
    await refused('agent', M.correct, { feedbackId: f.id, expectedVersion: 1, reason: '晚了', text: '晚了' }, 'FORBIDDEN');
    await refused('agent', M.void, { feedbackId: f.id, expectedVersion: 1, reason: '晚了' }, 'FORBIDDEN');
    expect((await item('analyst', f.id)).viewerMayCorrect).toBe(true);
    const c = ok(
      await hub.gql(t.analyst!, M.correct, { i: { feedbackId: f.id, expectedVersion: 1, reason: '分析员更正', categoryId: id.LOAN } }),
    ).correctFeedback;
    expect(c).toMatchObject({ version: 2, category: { code: 'LOAN' }, corrections: [{ actor: { username: 'analyst' } }] });
    await expectRollupsMatchRows();
  });

  it('a voided item leaves the inbox, the problem count, the rollups and similar feedback, and stays listed under its problem', async () => {
    const marker = `自助终端吞卡无人处理 ${Date.now()}`;
    const a = await record({ text: `${marker} 甲`, branchId: id.GZ });
    const b = await record({ text: `${marker} 乙`, branchId: id.GZ });
    const p = ok(
      await hub.gql(t.analyst!, M.open, { i: { title: '吞卡', categoryId: id.CREDIT_CARD, severity: 'HIGH', feedbackIds: [a.id, b.id] } }),
    ).openProblem;
    expect(ok(await hub.gql(t.analyst!, Q.similar, { id: b.id })).similarFeedback.map((x: any) => x.id)).toContain(a.id);
    expect(ok(await hub.gql(t.analyst!, Q.inbox, { s: marker })).feedback.totalCount).toBe(2);
    const gz0 = await counts('GZ');

    const v = ok(await hub.gql(t.agent!, M.void, { i: { feedbackId: a.id, expectedVersion: 1, reason: '重复记录' } })).voidFeedback;
    expect(v).toMatchObject({ version: 2, voidedAt: expect.any(String), voidReason: '重复记录', voidedBy: { username: 'agent' } });
    expect(v.corrections).toMatchObject([{ voided: true, reason: '重复记录', changes: [] }]);

    expect(ok(await hub.gql(t.analyst!, Q.inbox, { s: marker })).feedback.totalCount).toBe(1);
    expect(ok(await hub.gql(t.analyst!, Q.withVoided, { s: marker })).feedback.totalCount).toBe(2);
    const problem = ok(await hub.gql(t.analyst!, Q.problem, { id: p.id })).problem;
    expect(problem.feedbackCount).toBe(1);
    expect(problem.feedback.totalCount).toBe(2);
    expect(problem.feedback.edges.find((e: any) => e.node.id === a.id).node.voidedAt).toEqual(expect.any(String));
    const gz1 = await counts('GZ');
    for (const how of ['rollup', 'rows'] as const) expect(n(gz1[how].kind, 'PROBLEM'), how).toBe(n(gz0[how].kind, 'PROBLEM') - 1);
    await expectRollupsMatchRows();
    expect(ok(await hub.gql(t.analyst!, Q.similar, { id: b.id })).similarFeedback.map((x: any) => x.id)).not.toContain(a.id);

    // Voided is final.
    await refused('analyst', M.correct, { feedbackId: a.id, expectedVersion: 2, reason: '再改', text: '再改' }, 'INVALID_TRANSITION');
    await refused('analyst', M.void, { feedbackId: a.id, expectedVersion: 2, reason: '再作废' }, 'INVALID_TRANSITION');
  });

  it('a corrected text is what similar feedback compares', async () => {
    const marker = `手机银行转账限额无法调整 ${Date.now()}`;
    const a = await record({ text: `${marker} 一` });
    const b = await record({ text: `${marker} 二` });
    expect(ok(await hub.gql(t.analyst!, Q.similar, { id: b.id })).similarFeedback.map((x: any) => x.id)).toContain(a.id);
    ok(
      await hub.gql(t.agent!, M.correct, {
        i: { feedbackId: a.id, expectedVersion: 1, reason: '记错了客户的话', text: '客户表扬网点大堂经理服务耐心细致' },
      }),
    );
    expect(ok(await hub.gql(t.analyst!, Q.similar, { id: b.id })).similarFeedback.map((x: any) => x.id)).not.toContain(a.id);
  });

  it("a voided or moved report leaves its 3-in-3 alert: the alert's counts and text follow", async () => {
    const text = '网点叫号机故障，排队两个小时没人管';
    const reports: any[] = [];
    for (const customer of ['C-301', 'C-302', 'C-303', 'C-304'])
      reports.push(await record({ text, branchId: id.GZ, categoryId: id.SERVICE, customerRef: customer }));
    const cluster = async () =>
      (await hub.db.get<{ id: number; reports: number; customers: number }>(
        `SELECT c.id, c.reports, c.customers FROM feedback_clusters c JOIN feedback_cluster_items i ON i.cluster_id = c.id
         WHERE i.feedback_id = ?`,
        reports[3].id,
      ))!;
    await hub.app.services.notifications.flushNews();
    const before = await cluster();
    expect(before).toMatchObject({ reports: 4, customers: 4 });
    const summary = async () =>
      (await hub.db.get<{ summary: string }>('SELECT summary FROM notifications WHERE cluster_id = ? LIMIT 1', before.id))!.summary;
    expect(await summary()).toContain('4 位客户');

    ok(await hub.gql(t.agent!, M.void, { i: { feedbackId: reports[0].id, expectedVersion: 1, reason: '误记' } }));
    expect(await cluster()).toMatchObject({ id: before.id, reports: 3, customers: 3 });
    expect(await summary()).toContain('3 位客户');
    expect(await summary()).toContain('共 3 条');

    ok(await hub.gql(t.agent!, M.correct, { i: { feedbackId: reports[1].id, expectedVersion: 1, reason: '网点选错', branchId: id.SH } }));
    expect(await cluster()).toMatchObject({ id: before.id, reports: 2, customers: 2 });
    const links = await hub.db.all('SELECT feedback_id FROM feedback_cluster_items WHERE cluster_id = ?', before.id);
    expect(links.map((l) => l.feedback_id).sort()).toEqual([reports[2].id, reports[3].id].sort());
    expect((await hub.db.get('SELECT cluster_id FROM feedback WHERE id = ?', reports[0].id))!.cluster_id).toBeNull();
  });
});
