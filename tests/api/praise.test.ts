import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHub, TestClock, type TestHub } from '../utils/hub.js';
import { demoIds, ok, recordFeedback, type DemoIds } from '../utils/fixtures.js';

/**
 * Praise (赞扬之声) reaches the praised (issue 20): the managers of the branch a customer praised
 * are told in their inbox, quoting the customer (masked like any customer text); an imported file
 * tells each praised branch once with its count; the branch league table counts the praise of each
 * branch's subtree over the period.
 */
const NOTIFICATIONS = `{ notifications(first: 50) { edges { node { kind summary } } } }`;
const LEAGUE = `query($from: DateTime, $to: DateTime) { dashboard(from: $from, to: $to) { league { branch { code } praise } } }`;

describe('praise reaches the praised', () => {
  let hub: TestHub;
  let ids: DemoIds;
  let agent: string;
  let analyst: string;
  const clock = new TestClock(Date.parse('2026-04-01T02:00:00Z'));
  const MARCH_APRIL = ['2026-03-01T00:00:00+08:00', '2026-04-30T23:59:59+08:00'] as const;
  const APRIL = ['2026-04-01T00:00:00+08:00', '2026-04-30T23:59:59+08:00'] as const;
  let before: { all: Record<string, number>; april: Record<string, number> };
  const league = async (from: string, to: string): Promise<Record<string, number>> =>
    Object.fromEntries(
      ok<{ dashboard: { league: { branch: { code: string }; praise: number }[] } }>(
        await hub.gql(analyst, LEAGUE, { from, to }),
      ).dashboard.league.map((r) => [r.branch.code, r.praise]),
    );

  beforeAll(async () => {
    hub = await startHub({ clock, demo: { feedback: 0, contacts: 0 } });
    agent = await hub.login('agent');
    analyst = await hub.login('analyst');
    ids = await demoIds(hub, analyst);
    // The demo's loop holds some praise of its own: the test counts what it adds.
    before = { all: await league(...MARCH_APRIL), april: await league(...APRIL) };
  });
  afterAll(() => hub.stop());

  const praiseOf = async (username: string) => {
    const token = await hub.login(username);
    const data = ok<{ notifications: { edges: { node: { kind: string; summary: string } }[] } }>(await hub.gql(token, NOTIFICATIONS));
    return data.notifications.edges.map((e) => e.node).filter((n) => n.kind === 'PRAISE_RECEIVED');
  };

  it('tells the praised branch’s manager, quoting the customer with their number masked, and no one else', async () => {
    await recordFeedback(hub, agent, {
      kind: 'PRAISE',
      branchId: ids.branch['BJ']!,
      categoryId: ids.category['SERVICE']!,
      text: '北京分行的王经理非常耐心，帮我处理了挂失补卡，我的电话13812345678，特此表扬',
    });
    const bj = await praiseOf('bm.bj');
    expect(bj).toHaveLength(1);
    expect(bj[0]!.summary).toMatch(/^客户赞扬了.*北京.*：「北京分行的王经理非常耐心/);
    expect(bj[0]!.summary).not.toContain('13812345678');
    expect(bj[0]!.summary).toContain('138****5678');
    expect(await praiseOf('bm.sh')).toEqual([]);
  });

  it('a problem or a suggestion is no praise', async () => {
    for (const kind of ['PROBLEM', 'SUGGESTION'] as const)
      await recordFeedback(hub, agent, {
        kind,
        branchId: ids.branch['SH']!,
        categoryId: ids.category['SERVICE']!,
        text: `上海分行${kind}`,
      });
    expect(await praiseOf('bm.sh')).toEqual([]);
  });

  it('praise of a sub-branch without a manager of its own reaches the manager above it', async () => {
    await recordFeedback(hub, agent, {
      kind: 'PRAISE',
      branchId: ids.branch['SH-HP']!,
      categoryId: ids.category['DEPOSIT']!,
      text: '黄浦支行柜员服务热情，办理很快',
    });
    const sh = await praiseOf('bm.sh');
    expect(sh).toHaveLength(1);
    expect(sh[0]!.summary).toMatch(/^客户赞扬了黄浦支行：「黄浦支行柜员服务热情/);
    expect(await praiseOf('bm.sh-pd')).toEqual([]);
  });

  it('an imported file tells each praised branch once, with its count', async () => {
    const csv = [
      'kind,channel,category,branch,receivedAt,text',
      ...Array.from({ length: 5 }, (_, i) => `PRAISE,VOICE,SERVICE,BJ,2026-03-31 10:0${i},北京分行大堂经理服务周到${i}`),
      'PRAISE,ONLINE,SERVICE,GZ,2026-03-31 11:00,广州分行理财经理专业',
      'PROBLEM,VOICE,SERVICE,SH,2026-03-31 11:00,上海分行排队太久',
    ].join('\r\n');
    const res = await fetch(`${hub.url.replace(/\/graphql$/, '')}/imports/feedback?wait=1`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${analyst}` },
      body: csv,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'DONE', inserted: 7 });
    const bj = await praiseOf('bm.bj');
    expect(bj).toHaveLength(2);
    expect(bj.map((n) => n.summary)).toContainEqual(expect.stringMatching(/^本次导入的客户之声中有 5 条赞扬了.*北京/));
    expect((await praiseOf('bm.sh')).filter((n) => n.summary.startsWith('本次导入'))).toEqual([]);
  });

  it('the league table counts each branch’s praise with its subtree, over the period', async () => {
    const grown = async (period: readonly [string, string], before: Record<string, number>) => {
      const now = await league(...period);
      return Object.fromEntries(Object.entries(now).map(([code, n]) => [code, n - (before[code] ?? 0)]));
    };
    expect(await grown(MARCH_APRIL, before.all)).toMatchObject({ BJ: 6, SH: 1, GZ: 1, CD: 0 });
    // The imported praise was received on 31 March, the recorded praise on 1 April.
    expect(await grown(APRIL, before.april)).toMatchObject({ BJ: 1, SH: 1, GZ: 0 });
  });
});
