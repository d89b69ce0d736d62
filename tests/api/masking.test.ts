import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { startHub, type TestHub, type GqlResult } from '../utils/hub.js';
import { luhnValid, isValidResidentId } from '../../server/src/core/mask.rules.js';

/**
 * Masking end to end: texts with generated mobile, card and ID numbers recorded through the API
 * are read back over HTTP; no number survives for a masked viewer (subscriptions: events.test.ts).
 */
let hub: TestHub;
const t: Record<string, string> = {};
let sh = '';
let category = '';
let categories: string[] = [];

beforeAll(async () => {
  hub = await startHub();
  for (const u of ['agent', 'bm.sh', 'expert.card', 'analyst']) t[u] = await hub.login(u);
  const org = await hub.gql(t.agent!, '{ branches { id code } categories { id } }');
  sh = org.data!.branches.find((b: { code: string }) => b.code === 'SH').id;
  categories = org.data!.categories.map((c: { id: string }) => c.id);
  category = categories[0]!;
});
afterAll(async () => hub.stop());

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const mobile = fc.tuple(fc.integer({ min: 3, max: 9 }), digits(9)).map(([second, rest]) => `1${second}${rest}`);
const card = fc.tuple(fc.constantFrom(16, 19), digits(18)).map(([len, body]) => {
  const head = `62${body}`.slice(0, len - 1);
  const check = [...'0123456789'].find((d) => luhnValid(head + d))!;
  return head + check;
});
const residentId = fc
  .tuple(
    fc.integer({ min: 110000, max: 659999 }),
    fc.date({ min: new Date('1950-01-01'), max: new Date('2008-12-31'), noInvalidDate: true }),
    digits(3),
  )
  .map(([region, birth, seq]) => {
    const body = `${region}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${seq}`;
    return body + [...'0123456789X'].find((c) => isValidResidentId(body + c))!;
  });
const group = (s: string) => s.replace(/(\d{4})(?=\d)/g, '$1 ');
const secret = fc.oneof(
  mobile,
  card,
  card.map(group),
  residentId,
  mobile.map((m) => `+86 ${m}`),
);
const filler = fc.constantFrom('客户反映', '信用卡还款提醒没收到，', 'please call back ', '联系方式：', '卡号', '身份证', '，谢谢。');

describe('personal data never reaches a masked viewer', () => {
  it('over HTTP, for generated texts', async () => {
    await fc.assert(
      fc.asyncProperty(filler, secret, filler, async (before, number, after) => {
        const text = `${before}${number}${after}`;
        const r = await hub.gql(t.agent!, 'mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id text } }', {
          i: { kind: 'PROBLEM', channel: 'ONLINE', categoryId: category, branchId: sh, text, customerRef: number },
        });
        expect(r.data!.recordFeedback.text).toBe(text.trim());
        const bare = number.replace(/\D/g, '');
        for (const who of ['bm.sh', 'expert.card']) {
          const seen = await hub.gql(t[who]!, 'query($id: ID!) { node(id: $id) { ... on Feedback { text customerRef } } }', {
            id: r.data!.recordFeedback.id,
          });
          const node = seen.data!.node;
          for (const field of [node.text, node.customerRef]) {
            expect(field.replace(/\D/g, '')).not.toContain(bare);
          }
        }
        const analyst = await hub.gql(t.analyst!, 'query($id: ID!) { node(id: $id) { ... on Feedback { text } } }', {
          id: r.data!.recordFeedback.id,
        });
        expect(analyst.data!.node.text).toBe(text.trim());
      }),
      { numRuns: 40 },
    );
  });
});

/**
 * The writings a hostile probe found coming back in clear (issue 24): any run of punctuation,
 * whitespace or invisible characters between digit groups. `secret` is what must never be
 * readable: the number's digits (an ID's 17-digit body).
 */
const WRITINGS: { text: string; secret: string }[] = [
  ...[
    '138.1234.5678',
    '138  1234  5678',
    '138\t1234\t5678',
    '138\n1234\n5678',
    '(138)1234-5678',
    '138 - 1234 - 5678',
    '138/1234/5678',
    '138_1234_5678',
    '138,1234,5678',
    '138，1234，5678',
    '138—1234—5678',
    '138\u200B1234\u200B5678',
    '１３８．１２３４．５６７８',
  ].map((text) => ({ text, secret: '13812345678' })),
  { text: '6222.0212.3456.7890.128', secret: '6222021234567890128' },
  { text: '110101.19900307.1233', secret: '11010119900307123' },
];
const KINDS = ['PRAISE', 'PROBLEM', 'SUGGESTION'] as const;
const QUOTES_PER_MONTH = 6; // 3 kinds x the 2 largest categories of each

/**
 * Digits as a reader would join them: full-width folded, every character that is neither a letter,
 * a number nor the mask character dropped.
 */
const joined = (text: string) =>
  text.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[^\p{L}\p{N}*]/gu, '');

function expectHidden(surface: string, text: string): void {
  for (const w of WRITINGS) expect(joined(text), `${surface} shows ${JSON.stringify(w.text)}`).not.toContain(w.secret);
}

describe('numbers written with any separators never reach a masked viewer', () => {
  const ids: string[] = [];
  // One feedback item per writing, in months the demo data does not reach, each alone in its
  // (kind, category) of its month, so that each one is that slice's representative quote.
  const monthOf = (i: number) => `2021-0${1 + Math.floor(i / QUOTES_PER_MONTH)}`;
  const months = [...new Set(WRITINGS.map((_, i) => monthOf(i)))];

  beforeAll(async () => {
    for (const [i, w] of WRITINGS.entries()) {
      const slot = i % QUOTES_PER_MONTH;
      const r = await hub.gql(t.agent!, 'mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id } }', {
        i: {
          kind: KINDS[Math.floor(slot / 2)],
          channel: 'VOICE',
          categoryId: categories[slot % 2],
          branchId: sh,
          receivedAt: `${monthOf(i)}-1${slot}T02:00:00Z`,
          text: `客户反映纪念币预约页面打不开，请回电${w.text}，谢谢`,
          customerRef: w.text,
        },
      });
      expect(r.errors).toBeUndefined();
      ids.push(r.data!.recordFeedback.id);
    }
  });

  it('the clear text is what analysts read (the probe is real)', async () => {
    const r = await hub.gql(t.analyst!, 'query($id: ID!) { node(id: $id) { ... on Feedback { text } } }', { id: ids[0] });
    expect(joined(r.data!.node.text)).toContain(WRITINGS[0]!.secret);
  });

  it.each(['expert.card', 'bm.sh'])('feedback, similarFeedback and suggestedProblems as %s', async (who) => {
    const list = await hub.gql(
      t[who]!,
      'query($f: FeedbackFilter) { feedback(filter: $f, first: 100) { totalCount edges { node { text customerRef } } } }',
      { f: { from: '2021-01-01T00:00:00Z', to: '2021-12-31T00:00:00Z' } },
    );
    expect(list.data!.feedback.totalCount).toBe(WRITINGS.length);
    for (const e of list.data!.feedback.edges) {
      expectHidden('feedback.text', e.node.text);
      expectHidden('feedback.customerRef', e.node.customerRef);
    }
    for (const id of ids) {
      const similar = await hub.gql(t[who]!, 'query($id: ID!) { similarFeedback(feedbackId: $id, first: 20) { text customerRef } }', {
        id,
      });
      expect(similar.errors).toBeUndefined();
      for (const f of similar.data!.similarFeedback) expectHidden('similarFeedback', `${f.text}|${f.customerRef}`);
    }
    let grouped = 0;
    for (const categoryId of categories.slice(0, 2)) {
      const q = `query($from: DateTime, $to: DateTime, $c: ID) { suggestedProblems(from: $from, to: $to, minSize: 2, categoryId: $c) {
        label size sample(first: 10) { text customerRef } } }`;
      const r = await hub.gql(t[who]!, q, { from: '2021-01-01T00:00:00Z', to: '2021-12-31T00:00:00Z', c: categoryId });
      expect(r.errors).toBeUndefined();
      for (const g of r.data!.suggestedProblems) {
        grouped += g.size;
        expectHidden('suggestedProblems.label', g.label);
        for (const f of g.sample) expectHidden('suggestedProblems.sample', `${f.text}|${f.customerRef}`);
      }
    }
    expect(grouped).toBeGreaterThan(0);
  });

  it.each(['expert.card', 'bm.sh'])('report quotes, the CSV export and the print page as %s', async (who) => {
    const base = hub.url.replace(/\/graphql$/, '');
    const get = async (path: string) => {
      const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${t[who]}` } });
      expect(res.status, path).toBe(200);
      return await res.text();
    };
    let quoted = 0;
    for (const month of months) {
      const r = await hub.gql(t[who]!, 'query($m: String!) { vocReport(month: $m) { quotes { text customerRef } } }', { m: month });
      expect(r.errors).toBeUndefined();
      quoted += r.data!.vocReport.quotes.length;
      for (const q of r.data!.vocReport.quotes) expectHidden(`vocReport(${month}).quotes`, `${q.text}|${q.customerRef}`);
      const csv = await get(`/exports/voc/${month}.csv`);
      expect(csv).toContain('纪念币预约');
      expectHidden(`CSV ${month}`, csv);
      const html = await get(`/reports/voc/${month}/print`);
      expect(html).toContain('纪念币预约');
      expectHidden(`print ${month}`, html);
    }
    expect(quoted).toBe(WRITINGS.length);
  });
});

describe('search is no oracle for masked digits', () => {
  const TEXT = '客户王先生请回电13812345678，卡号6222021234567890128，身份证11010519491231002X，要求退款';
  const FEEDBACK = 'query($s: String) { feedback(filter: { search: $s }, first: 100) { totalCount edges { node { id text } } } }';
  const PROBLEMS = 'query($s: String) { problems(filter: { search: $s }, first: 100) { totalCount edges { node { id title } } } }';
  let item = '';
  let byTitle = '';
  let byFeedback = '';

  const ids = async (who: string, query: string, s: string): Promise<string[]> => {
    const r = await hub.gql(t[who]!, query, { s });
    expect(r.errors).toBeUndefined();
    const list = r.data!.feedback ?? r.data!.problems;
    expect(list.totalCount).toBe(list.edges.length);
    return list.edges.map((e: { node: { id: string } }) => e.node.id);
  };

  beforeAll(async () => {
    t.coordinator = await hub.login('coordinator');
    const record = async (text: string) =>
      (
        await hub.gql(t.agent!, 'mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id } }', {
          i: { kind: 'PROBLEM', channel: 'VOICE', categoryId: category, branchId: sh, text },
        })
      ).data!.recordFeedback.id as string;
    item = await record(TEXT);
    const plain = await record('客户反映退款迟迟未到账');
    const open = async (title: string, feedbackIds: string[]) =>
      (
        await hub.gql(t.analyst!, 'mutation($i: OpenProblemInput!) { openProblem(input: $i) { id } }', {
          i: { title, categoryId: category, severity: 'LOW', feedbackIds },
        })
      ).data!.openProblem.id as string;
    byFeedback = await open('退款迟迟未到账', [item]);
    byTitle = await open('客户13912345678多次来电投诉', [plain]);
  });

  // Hidden digits, alone or with the visible text around them, and a digit-by-digit guess.
  const HIDDEN = [
    '13812345678',
    '138 1234 5678',
    '1381',
    '回电1381',
    '8123',
    '12345678',
    '6222021234567890128',
    '6222',
    '卡号6222',
    '02123456',
    '7890128',
    '11010519491231002X',
    '19491231',
    '身份证1101',
    ...[...'0123456789'].map((d) => `回电138${d}`),
  ];
  // What a masked viewer is shown: these must still be found.
  const VISIBLE = ['回电138', '5678，卡号', '0128，身份证110', '002X，要求', '王先生请回电'];

  it.each(['expert.card', 'bm.sh'])('as %s, feedback search finds visible parts only', async (who) => {
    for (const s of HIDDEN) expect(await ids(who, FEEDBACK, s), s).not.toContain(item);
    for (const s of VISIBLE) expect(await ids(who, FEEDBACK, s), s).toContain(item);
  });

  it.each(['expert.card', 'bm.sh'])('as %s, problem search finds visible parts only (title and feedback)', async (who) => {
    for (const s of HIDDEN) expect(await ids(who, PROBLEMS, s), s).not.toContain(byFeedback);
    for (const s of ['13912345678', '1391', '来电1391', '1234567']) expect(await ids(who, PROBLEMS, s), s).not.toContain(byTitle);
    for (const s of VISIBLE) expect(await ids(who, PROBLEMS, s), s).toContain(byFeedback);
    expect(await ids(who, PROBLEMS, '客户139')).toContain(byTitle);
    expect(await ids(who, PROBLEMS, '5678多次来电')).toContain(byTitle);
  });

  it.each(['analyst', 'coordinator', 'agent'])('as %s (who sees it in clear), search finds the full number', async (who) => {
    expect(await ids(who, FEEDBACK, '13812345678')).toContain(item);
    expect(await ids(who, FEEDBACK, '6222021234567890128')).toContain(item);
    if (who !== 'agent') expect(await ids(who, PROBLEMS, '13912345678')).toContain(byTitle);
    if (who !== 'agent') expect(await ids(who, PROBLEMS, '回电1381')).toContain(byFeedback);
  });

  it('over WebSocket too, as expert.card', async () => {
    const client = hub.ws(t['expert.card']!);
    const once = (query: string, s: string) =>
      new Promise<GqlResult>((resolve, reject) => {
        let result: GqlResult = {};
        client.subscribe(
          { query, variables: { s } },
          { next: (v) => (result = v as GqlResult), error: reject, complete: () => resolve(result) },
        );
      });
    try {
      const found = async (query: string, s: string) => {
        const r = await once(query, s);
        expect(r.errors).toBeUndefined();
        return (r.data!.feedback ?? r.data!.problems).edges.map((e: { node: { id: string } }) => e.node.id);
      };
      for (const s of ['13812345678', '回电1381', '6222021234567890128']) {
        expect(await found(FEEDBACK, s), s).not.toContain(item);
        expect(await found(PROBLEMS, s), s).not.toContain(byFeedback);
      }
      expect(await found(FEEDBACK, '回电138')).toContain(item);
      expect(await found(PROBLEMS, '回电138')).toContain(byFeedback);
    } finally {
      await client.dispose();
    }
  });

  it('pages of a re-checked search agree with its count', async () => {
    // Every item recorded above reads '…回电138****5678…' or similar to expert.card: page through '138'.
    const q =
      'query($s: String, $after: String) { feedback(filter: { search: $s }, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }';
    const seen: string[] = [];
    let after: string | null = null;
    let total = -1;
    for (;;) {
      const r: GqlResult = await hub.gql(t['expert.card']!, q, { s: '138', after });
      const page = r.data!.feedback;
      total = page.totalCount;
      seen.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    expect(seen).toContain(item);
  });
});
