import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHub, TestClock, codeOf, type TestHub } from '../utils/hub.js';
import { ok } from '../utils/fixtures.js';

/**
 * The monthly report as an analysis (issue 20): the analysts write the narrative beside the figures,
 * send it for review, the coordinator edits or returns it with a reason, and publishing freezes the
 * reviewed narrative into the version; later edits change no published version.
 */
const MONTH = '2026-03';
const FIELDS = 'month status version highlights analysis recommendations innovation returnReason publishedVersion updatedBy { username }';
const GET = `query($m: String!) { reportNarrative(month: $m) { ${FIELDS} } }`;
const SAVE = `mutation($i: SaveReportNarrativeInput!) { saveReportNarrative(input: $i) { ${FIELDS} } }`;
const SUBMIT = `mutation($i: SubmitReportNarrativeInput!) { submitReportNarrative(input: $i) { ${FIELDS} } }`;
const RETURN = `mutation($i: ReturnReportNarrativeInput!) { returnReportNarrative(input: $i) { ${FIELDS} } }`;
const PUBLISH = `mutation($i: PublishVocReportInput!) { publishVocReport(input: $i) { version } }`;
const PUBLISHED = `query($m: String!, $v: Int) { publishedVocReport(month: $m, version: $v) {
  version narrative { highlights analysis recommendations innovation updatedBy { username } } } }`;
const INBOX = `{ notifications(first: 20) { edges { node { kind summary } } } }`;

interface Narrative {
  month: string;
  status: string;
  version: number;
  highlights: string;
  analysis: string;
  recommendations: string;
  innovation: string;
  returnReason: string | null;
  publishedVersion: number | null;
  updatedBy: { username: string };
}

describe('the monthly report’s narrative', () => {
  let hub: TestHub;
  const t: Record<string, string> = {};
  const clock = new TestClock(Date.parse('2026-04-02T02:00:00Z'));

  beforeAll(async () => {
    hub = await startHub({ clock, demo: { feedback: 0, contacts: 0 } });
    for (const u of ['analyst', 'coordinator', 'bm.sh', 'admin', 'agent']) t[u] = await hub.login(u);
  });
  afterAll(() => hub.stop());

  const get = async (who = 'analyst') =>
    ok<{ reportNarrative: Narrative | null }>(await hub.gql(t[who]!, GET, { m: MONTH })).reportNarrative;
  const inbox = async (who: string) =>
    ok<{ notifications: { edges: { node: { kind: string; summary: string } }[] } }>(await hub.gql(t[who]!, INBOX)).notifications.edges.map(
      (e) => e.node,
    );

  it('the analyst writes a draft; refusals change nothing', async () => {
    expect(await get()).toBeNull();
    const first = ok<{ saveReportNarrative: Narrative }>(
      await hub.gql(t.analyst!, SAVE, {
        i: {
          month: MONTH,
          expectedVersion: 0,
          highlights: '信用卡分期手续费投诉占比上升',
          analysis: '客户反映“免息”分期每月收取手续费，来电 13812345678 的客户…',
        },
      }),
    ).saveReportNarrative;
    expect(first).toMatchObject({ status: 'DRAFT', version: 1, recommendations: '', updatedBy: { username: 'analyst' } });

    const refusals: [string, string, unknown, string][] = [
      ['a branch manager saves', 'bm.sh', { month: MONTH, highlights: 'x' }, 'FORBIDDEN'],
      ['an agent saves', 'agent', { month: MONTH, highlights: 'x' }, 'FORBIDDEN'],
      ['the coordinator edits a draft', 'coordinator', { month: MONTH, highlights: 'x' }, 'INVALID_TRANSITION'],
      ['a stale version', 'analyst', { month: MONTH, expectedVersion: 0, highlights: 'x' }, 'CONFLICT'],
      ['a malformed month', 'analyst', { month: '2026-3', highlights: 'x' }, 'BAD_USER_INPUT'],
      ['no section', 'analyst', { month: MONTH }, 'BAD_USER_INPUT'],
      ['a section too long', 'analyst', { month: MONTH, analysis: '长'.repeat(20_001) }, 'BAD_USER_INPUT'],
    ];
    for (const [why, who, i, code] of refusals) expect([why, codeOf(await hub.gql(t[who]!, SAVE, { i }))]).toEqual([why, code]);
    expect(await get()).toEqual(first);
    expect(codeOf(await hub.gql(t['bm.sh']!, GET, { m: MONTH }))).toBe('FORBIDDEN');
    // The admin reads it (not writes it).
    expect((await get('admin'))?.version).toBe(1);
  });

  it('submitted for review: the coordinators are told; the analyst can no longer edit it', async () => {
    expect(codeOf(await hub.gql(t.coordinator!, SUBMIT, { i: { month: MONTH, expectedVersion: 1 } }))).toBe('FORBIDDEN');
    const sent = ok<{ submitReportNarrative: Narrative }>(
      await hub.gql(t.analyst!, SUBMIT, { i: { month: MONTH, expectedVersion: 1 } }),
    ).submitReportNarrative;
    expect(sent).toMatchObject({ status: 'IN_REVIEW', version: 2 });
    expect((await inbox('coordinator')).filter((n) => n.kind === 'REPORT_REVIEW_REQUESTED')).toEqual([
      { kind: 'REPORT_REVIEW_REQUESTED', summary: `每月客户之声分析待您审阅：${MONTH} 的分析已提交审阅` },
    ]);
    expect(codeOf(await hub.gql(t.analyst!, SAVE, { i: { month: MONTH, highlights: 'x' } }))).toBe('INVALID_TRANSITION');
    expect(codeOf(await hub.gql(t.analyst!, SUBMIT, { i: { month: MONTH, expectedVersion: 2 } }))).toBe('INVALID_TRANSITION');
  });

  it('returned with a reason: the analyst who submitted it is told, and revises it', async () => {
    expect(codeOf(await hub.gql(t.coordinator!, RETURN, { i: { month: MONTH, expectedVersion: 2, reason: '  ' } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await hub.gql(t.analyst!, RETURN, { i: { month: MONTH, expectedVersion: 2, reason: '补充建议' } }))).toBe('FORBIDDEN');
    const back = ok<{ returnReportNarrative: Narrative }>(
      await hub.gql(t.coordinator!, RETURN, { i: { month: MONTH, expectedVersion: 2, reason: '请补充改进建议' } }),
    ).returnReportNarrative;
    expect(back).toMatchObject({ status: 'DRAFT', version: 3, returnReason: '请补充改进建议' });
    expect((await inbox('analyst')).filter((n) => n.kind === 'REPORT_NARRATIVE_RETURNED')).toEqual([
      { kind: 'REPORT_NARRATIVE_RETURNED', summary: `每月客户之声分析需要修改：${MONTH} 的分析被退回修改：请补充改进建议` },
    ]);
    ok(await hub.gql(t.analyst!, SAVE, { i: { month: MONTH, expectedVersion: 3, recommendations: '分期产品页面明示手续费' } }));
    ok(await hub.gql(t.analyst!, SUBMIT, { i: { month: MONTH, expectedVersion: 4 } }));
    // The reviewer's own edit, under review.
    const edited = ok<{ saveReportNarrative: Narrative }>(
      await hub.gql(t.coordinator!, SAVE, { i: { month: MONTH, expectedVersion: 5, innovation: '“用卡无忧”还款提醒服务已立项' } }),
    ).saveReportNarrative;
    expect(edited).toMatchObject({ status: 'IN_REVIEW', version: 6, updatedBy: { username: 'coordinator' } });
  });

  it('publishing freezes the reviewed narrative; later edits change no published version', async () => {
    expect(ok(await hub.gql(t.coordinator!, PUBLISH, { i: { month: MONTH } }))).toEqual({ publishVocReport: { version: 1 } });
    expect(await get()).toMatchObject({ status: 'PUBLISHED', publishedVersion: 1, version: 7 });
    const frozen = {
      highlights: '信用卡分期手续费投诉占比上升',
      recommendations: '分期产品页面明示手续费',
      innovation: '“用卡无忧”还款提醒服务已立项',
      updatedBy: { username: 'coordinator' },
    };
    const v1 = ok<{ publishedVocReport: { narrative: Record<string, unknown> } }>(await hub.gql(t.analyst!, PUBLISHED, { m: MONTH }));
    expect(v1.publishedVocReport.narrative).toMatchObject({ ...frozen, analysis: expect.stringContaining('13812345678') });
    // A branch manager reads the published analysis, the customer's number masked.
    const bm = ok<{ publishedVocReport: { narrative: { analysis: string } } }>(await hub.gql(t['bm.sh']!, PUBLISHED, { m: MONTH }));
    expect(bm.publishedVocReport.narrative.analysis).toContain('138****5678');
    expect(bm.publishedVocReport.narrative.analysis).not.toContain('13812345678');

    // Revised after publication: a draft again; the published version keeps its text, and a new
    // version published meanwhile keeps the reviewed narrative, not the unreviewed draft.
    ok(await hub.gql(t.analyst!, SAVE, { i: { month: MONTH, expectedVersion: 7, highlights: '修订中' } }));
    expect((await get())?.status).toBe('DRAFT');
    expect(ok(await hub.gql(t.coordinator!, PUBLISH, { i: { month: MONTH } }))).toEqual({ publishVocReport: { version: 2 } });
    for (const v of [1, 2]) {
      const r = ok<{ publishedVocReport: { narrative: Record<string, unknown> } }>(await hub.gql(t.analyst!, PUBLISHED, { m: MONTH, v }));
      expect(r.publishedVocReport.narrative).toMatchObject(frozen);
    }
  });

  it('the published version’s CSV and print page carry the narrative, masked for a branch manager; the live export has none', async () => {
    const base = hub.url.replace(/\/graphql$/, '');
    const get = async (path: string, who: string) => {
      const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${t[who]}` } });
      expect(res.status).toBe(200);
      return res.text();
    };
    const csv = await get(`/exports/voc/${MONTH}.csv?version=1`, 'bm.sh');
    expect(csv).toContain('月度分析');
    expect(csv).toContain('分期产品页面明示手续费');
    expect(csv).toContain('138****5678');
    expect(csv).not.toContain('13812345678');
    const page = await get(`/reports/voc/${MONTH}/print?version=1`, 'coordinator');
    expect(page).toMatch(/<section data-section="narrative"><h2>月度分析<\/h2><h3>本月要点<\/h3><p>信用卡分期手续费投诉占比上升<\/p>/);
    expect(await get(`/exports/voc/${MONTH}.csv`, 'coordinator')).not.toContain('月度分析');
  });

  it('a month published without any narrative has none', async () => {
    ok(await hub.gql(t.coordinator!, PUBLISH, { i: { month: '2026-02' } }));
    const r = ok<{ publishedVocReport: { narrative: unknown } }>(await hub.gql(t.analyst!, PUBLISHED, { m: '2026-02' }));
    expect(r.publishedVocReport.narrative).toBeNull();
  });
});
