import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHub, codeOf, type TestHub, type GqlResult } from '../utils/hub.js';
import { newId } from '../../server/src/core/ids.js';

/**
 * Insight over HTTP: similar feedback, suggested problems (grouping of unattached feedback) and a
 * problem's recurrence, on a real hub with the small demo data set. The texts below are on topics
 * the demo data never mentions (commemorative coins, safe-deposit boxes, e-CNY wallets), so that
 * the groups asserted are exactly the items recorded here.
 */
let hub: TestHub;
const t: Record<string, string> = {};
const id: Record<string, string> = {};
const DAY = 86_400_000;

const ok = <T = any>(r: GqlResult): T => {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data as T;
};

const RECORD = `mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id } }`;
const SIMILAR = `query($id: ID!, $first: Int) { similarFeedback(feedbackId: $id, first: $first) { id text branch { code } } }`;
const SUGGESTED = `query($from: DateTime, $to: DateTime, $minSize: Int, $categoryId: ID) {
  suggestedProblems(from: $from, to: $to, minSize: $minSize, categoryId: $categoryId) {
    key label size customers firstAt lastAt category { code } branches { code } feedbackIds sample(first: 2) { id text }
  } }`;
const RECURRENCE = `query($id: ID!, $days: Int) { problem(id: $id) { id recurrence(windowDays: $days) {
  windowDays before after changePercent byBranch { branch { code } before after } } } }`;

async function record(branch: string, text: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = ok(
    await hub.gql(t.agent!, RECORD, {
      i: { kind: 'PROBLEM', channel: 'VOICE', categoryId: id.SERVICE, branchId: id[branch], text, ...extra },
    }),
  );
  return r.recordFeedback.id;
}

async function suggested(token: string, vars: Record<string, unknown> = {}) {
  return ok(await hub.gql(token, SUGGESTED, { categoryId: id.SERVICE, ...vars })).suggestedProblems as {
    key: string;
    label: string;
    size: number;
    customers: number | null;
    firstAt: string;
    lastAt: string;
    category: { code: string };
    branches: { code: string }[];
    feedbackIds: string[];
    sample: { id: string; text: string }[];
  }[];
}

const groupWith = (groups: Awaited<ReturnType<typeof suggested>>, feedbackId: string) =>
  groups.find((g) => g.feedbackIds.includes(feedbackId));

beforeAll(async () => {
  hub = await startHub();
  for (const u of ['admin', 'agent', 'analyst', 'coordinator', 'expert.card', 'bm.sh', 'bm.bj']) t[u] = await hub.login(u);
  const org = ok(await hub.gql(t.admin!, '{ branches { id code } categories { id code } users { id username } }'));
  for (const b of org.branches) id[b.code] = b.id;
  for (const c of org.categories) id[c.code] = c.id;
  for (const u of org.users) id[`user:${u.username}`] = u.id;
});
afterAll(async () => hub.stop());

describe('similarFeedback and suggestedProblems', () => {
  // Four agents' words for one complaint: a commemorative coin booked, none at the branch.
  const COIN = [
    '客户预约兑换的纪念币到了兑换日，网点说没有货，客户白跑了一趟。',
    '客户预约兑换纪念币，到了兑换日网点却说纪念币没有货，白跑一趟。',
    '预约的纪念币到了兑换日网点说没有货，客户白跑一趟，要求给个说法。',
    '客户来电反映：预约兑换的纪念币到兑换日网点说没有货。希望银行尽快解决。',
  ];
  const coin: string[] = [];
  let copy: string;
  let unrelated: string;

  beforeAll(async () => {
    // Nothing left over from the demo load: the write path, not the catch-up, must index what follows.
    await hub.app.services.insight.catchUp();
    coin.push(await record('SH', COIN[0]!, { customerRef: 'C90000001' }));
    coin.push(await record('SH-PD', COIN[1]!, { customerRef: 'C90000002' }));
    coin.push(await record('BJ', COIN[2]!, { customerRef: 'C90000001' }));
    coin.push(await record('GZ', COIN[3]!));
    // The first text again with the customer's phone number: the same once digits are collapsed.
    copy = await record('SH', `${COIN[0]} 客户电话13812345678`);
    unrelated = await record('SH', '客户咨询大额存单的起存金额和利率。');
  });

  it('indexes each item in the transaction that records it', async () => {
    const signed = (await hub.db.get<{ n: number }>(
      `SELECT count(*) AS n FROM feedback_features WHERE feedback_id IN (${[...coin, copy, unrelated].map(() => '?').join(',')})`,
      ...coin,
      copy,
      unrelated,
    ))!;
    expect(signed.n).toBe(6);
  });

  it('finds paraphrases, best first, without the item itself or unrelated feedback', async () => {
    const similar = ok(await hub.gql(t.analyst!, SIMILAR, { id: coin[0] })).similarFeedback as { id: string; text: string }[];
    const ids = similar.map((f) => f.id);
    // The copy differs only in its number: the closest of all.
    expect(ids[0]).toBe(copy);
    expect(new Set(ids)).toEqual(new Set([copy, ...coin.slice(1)]));
    expect(ids).not.toContain(coin[0]);
    expect(ids).not.toContain(unrelated);
    // Real feedback rows: the analyst reads the number in clear.
    expect(similar[0]!.text).toContain('13812345678');
  });

  it('answers `first` items at most', async () => {
    const similar = ok(await hub.gql(t.analyst!, SIMILAR, { id: coin[0], first: 2 })).similarFeedback as { id: string }[];
    expect(similar.map((f) => f.id)).toHaveLength(2);
    expect(similar[0]!.id).toBe(copy);
  });

  it('groups the unattached paraphrases into one candidate problem', async () => {
    const group = groupWith(await suggested(t.analyst!), coin[0]!);
    expect(group).toBeDefined();
    expect(new Set(group!.feedbackIds)).toEqual(new Set([...coin, copy]));
    expect(group!.feedbackIds).not.toContain(unrelated);
    expect(group!.size).toBe(5);
    expect(group!.category.code).toBe('SERVICE');
    expect(group!.branches.map((b) => b.code)).toEqual(['BJ', 'GZ', 'SH', 'SH-PD']);
    // C90000001 twice, C90000002 once; two items carry no customer.
    expect(group!.customers).toBe(2);
    expect(Date.parse(group!.firstAt)).toBeLessThanOrEqual(Date.parse(group!.lastAt));
    // From the centre outward: the sample starts the member list, and the label is a member's text.
    expect(group!.sample.map((s) => s.id)).toEqual(group!.feedbackIds.slice(0, 2));
    const texts = [...COIN, `${COIN[0]} 客户电话13812345678`];
    expect(texts.some((text) => text.startsWith(group!.label.replace(/…$/, '')))).toBe(true);
    // The same members give the same key.
    expect(groupWith(await suggested(t.coordinator!), coin[0]!)!.key).toBe(group!.key);
  });

  it('counts customers as null when no member carries a customer reference', async () => {
    const box = [
      await record('SH', '客户租用的保管箱钥匙丢失，网点要求换锁并收取高额换锁费用。'),
      await record('SH', '保管箱钥匙丢失后网点要求换锁，换锁费用很高，客户不满。'),
      await record('SH', '客户的保管箱钥匙丢失，网点要求换锁，收取的换锁费用太高。'),
    ];
    const group = groupWith(await suggested(t.analyst!), box[0]!);
    expect(new Set(group!.feedbackIds)).toEqual(new Set(box));
    expect(group!.customers).toBeNull();
  });

  it('leaves out groups smaller than minSize, and feedback outside the window or category', async () => {
    expect(groupWith(await suggested(t.analyst!, { minSize: 6 }), coin[0]!)).toBeUndefined();
    expect(groupWith(await suggested(t.analyst!, { categoryId: id.CREDIT_CARD }), coin[0]!)).toBeUndefined();
    const past = new Date(hub.clock.now().getTime() - DAY).toISOString();
    expect(groupWith(await suggested(t.analyst!, { to: past }), coin[0]!)).toBeUndefined();
  });

  it('changes the group once its feedback is attached to a problem, and drops it when too few are left', async () => {
    const before = groupWith(await suggested(t.analyst!), coin[0]!)!;
    const opened = ok(
      await hub.gql(t.analyst!, `mutation($i: OpenProblemInput!) { openProblem(input: $i) { id version } }`, {
        i: { title: '纪念币预约兑换无货', categoryId: id.SERVICE, severity: 'MEDIUM', feedbackIds: [coin[3]] },
      }),
    ).openProblem;
    const after = groupWith(await suggested(t.analyst!), coin[0]!)!;
    expect(after.feedbackIds).not.toContain(coin[3]);
    expect(after.size).toBe(4);
    expect(after.key).not.toBe(before.key);
    ok(
      await hub.gql(t.analyst!, `mutation($i: AttachFeedbackInput!) { attachFeedback(input: $i) { id } }`, {
        i: { problemId: opened.id, expectedVersion: opened.version, feedbackIds: [coin[0], coin[1]] },
      }),
    );
    const rest = await suggested(t.analyst!);
    for (const f of coin) expect(groupWith(rest, f)).toBeUndefined();
    expect(groupWith(rest, copy)).toBeUndefined();
    // Attached items are still similar feedback.
    const similar = ok(await hub.gql(t.analyst!, SIMILAR, { id: copy })).similarFeedback as { id: string }[];
    expect(similar.map((f) => f.id)).toContain(coin[0]);
  });

  it('refuses bad arguments and unknown ids', async () => {
    expect(codeOf(await hub.gql(t.analyst!, SUGGESTED, { minSize: 1 }))).toBe('BAD_USER_INPUT');
    const now = hub.clock.now().toISOString();
    expect(codeOf(await hub.gql(t.analyst!, SUGGESTED, { from: now, to: now }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await hub.gql(t.analyst!, SUGGESTED, { categoryId: id.SH }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await hub.gql(t.analyst!, SIMILAR, { id: 'fb_0000000000NOSUCHITEM00000' }))).toBe('NOT_FOUND');
    expect(codeOf(await hub.gql(t.analyst!, SIMILAR, { id: coin[0], first: 101 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await hub.gql(null, SIMILAR, { id: coin[0] }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await hub.gql(null, SUGGESTED))).toBe('UNAUTHENTICATED');
  });
});

describe('boilerplate, and rows stored by an earlier version', () => {
  it('neither finds nor groups unrelated complaints alike because they share an agent’s opener and closer', async () => {
    // The demo's own boilerplate: the weights come from every item indexed.
    const texts = ['保险柜租金涨了一倍', '外汇牌价更新不及时', '网点门口的盲道被占用', '纪念钞预约系统打不开'];
    const ids: string[] = [];
    for (const text of texts) ids.push(await record('SH', `客户来电反映：${text}。客户情绪较为激动，要求回电。`));
    for (const f of ids) {
      const similar = ok(await hub.gql(t.analyst!, SIMILAR, { id: f })).similarFeedback as { id: string }[];
      expect(similar.map((s) => s.id).filter((s) => ids.includes(s))).toEqual([]);
    }
    const groups = await suggested(t.analyst!, { minSize: 2 });
    for (const f of ids) expect(groupWith(groups, f)).toBeUndefined();
  });

  it('stores again, in the current format, a row an earlier version wrote (a 64 × uint32 MinHash signature)', async () => {
    const text = '客户反映网点的外币兑换机吞了一张一百美元的钞票，一直没有退回。';
    const fresh = await record('SH', text);
    const old = newId('Feedback', hub.clock.now().getTime());
    await hub.db.run(
      `INSERT INTO feedback (id, kind, channel, category_id, branch_id, received_at, text, complaint, problem_id, created_at)
       VALUES (?, 'PROBLEM', 'VOICE', ?, ?, ?, ?, 0, NULL, ?)`,
      old,
      id.SERVICE,
      id.SH,
      hub.clock.now().getTime(),
      `${text}客户电话13812345678`,
      hub.clock.now().getTime(),
    );
    await hub.db.run('INSERT INTO feedback_features (feedback_id, features) VALUES (?, ?)', old, Buffer.alloc(256, 1));
    const similar = ok(await hub.gql(t.analyst!, SIMILAR, { id: fresh })).similarFeedback as { id: string }[];
    expect(similar[0]!.id).toBe(old);
    const stored = (await hub.db.get<{ n: number }>('SELECT length(features) AS n FROM feedback_features WHERE feedback_id = ?', old))!;
    expect(Number(stored.n) % 4).toBe(1);
  });
});

describe('branch managers see their subtree only', () => {
  // One complaint (an e-CNY wallet top-up that never arrived) in Shanghai and in Beijing.
  const WALLET = '客户的数字人民币钱包充值{n}元后余额没有变化，钱不知道去哪了。客户电话{phone}';
  const sh: string[] = [];
  const bj: string[] = [];

  beforeAll(async () => {
    const text = (n: number) => WALLET.replace('{n}', String(100 * n)).replace('{phone}', `1391234567${n}`);
    sh.push(await record('SH', text(1)), await record('SH-PD', text(2)), await record('SH', text(3)));
    bj.push(await record('BJ', text(4)), await record('BJ', text(5)), await record('BJ', text(6)));
  });

  it('the analyst sees one group across branches', async () => {
    const group = groupWith(await suggested(t.analyst!), sh[0]!)!;
    expect(new Set(group.feedbackIds)).toEqual(new Set([...sh, ...bj]));
  });

  it("a branch manager's groups are made of their subtree's feedback, masked", async () => {
    const mine = groupWith(await suggested(t['bm.sh']!), sh[0]!)!;
    expect(new Set(mine.feedbackIds)).toEqual(new Set(sh));
    expect(mine.branches.map((b) => b.code)).toEqual(['SH', 'SH-PD']);
    expect(mine.label).not.toMatch(/1391234567\d/);
    expect(mine.sample[0]!.text).not.toMatch(/1391234567\d/);
    const all = await suggested(t['bm.sh']!);
    for (const f of bj) expect(groupWith(all, f)).toBeUndefined();
    const theirs = groupWith(await suggested(t['bm.bj']!), bj[0]!)!;
    expect(new Set(theirs.feedbackIds)).toEqual(new Set(bj));
    // The analyst reads the label in clear.
    expect(groupWith(await suggested(t.analyst!), sh[0]!)!.label).toMatch(/1391234567\d/);
  });

  it('similarFeedback: out of scope is NOT_FOUND, and results stay in scope', async () => {
    expect(codeOf(await hub.gql(t['bm.sh']!, SIMILAR, { id: bj[0] }))).toBe('NOT_FOUND');
    const similar = ok(await hub.gql(t['bm.sh']!, SIMILAR, { id: sh[0] })).similarFeedback as { id: string; branch: { code: string } }[];
    expect(new Set(similar.map((f) => f.id))).toEqual(new Set(sh.slice(1)));
    expect(similar.every((f) => ['SH', 'SH-PD'].includes(f.branch.code))).toBe(true);
    const everyone = ok(await hub.gql(t['expert.card']!, SIMILAR, { id: sh[0] })).similarFeedback as { id: string }[];
    expect(new Set(everyone.map((f) => f.id))).toEqual(new Set([...sh.slice(1), ...bj]));
  });
});

describe('Problem.recurrence', () => {
  const SAFE = '客户反映网点自助保管箱的指纹识别经常失败，开箱要等柜员处理。';
  const OTHER = '客户咨询外汇牌价的更新时间。';
  let now: number;
  let R: number;
  let C: number;
  let done: string;
  let running: string;
  let open: string;

  /** A problem written straight into the store, with feedback and linkage actions at chosen times. */
  async function insertProblem(p: {
    status: string;
    remediatingAt: number | null;
    actions: { branch: string; confirmedAt: number | null }[];
  }): Promise<string> {
    const pid = newId('Problem', now);
    const code = `VOC-TEST-${pid.slice(-8)}`;
    await hub.db.run(
      `INSERT INTO problems (id, code, title, status, severity, category_id, version, created_at, updated_at, created_by, remediating_at)
       VALUES (?, ?, ?, ?, 'MEDIUM', ?, 1, ?, ?, ?, ?)`,
      pid,
      code,
      '自助保管箱指纹识别失败',
      p.status,
      id.SERVICE,
      now - 200 * DAY,
      now - 200 * DAY,
      id['user:coordinator'],
      p.remediatingAt,
    );
    for (const [i, a] of p.actions.entries())
      await hub.db.run(
        `INSERT INTO actions (id, problem_id, branch_id, title, description, due_at, status, version, position, created_at, updated_at, created_by, confirmed_at)
         VALUES (?, ?, ?, '整改', '整改', ?, ?, 1, ?, ?, ?, ?, ?)`,
        newId('LinkageAction', now),
        pid,
        id[a.branch],
        now,
        a.confirmedAt === null ? 'IN_PROGRESS' : 'CONFIRMED',
        i,
        now - 150 * DAY,
        now - 150 * DAY,
        id['user:coordinator'],
        a.confirmedAt,
      );
    return pid;
  }

  /** Feedback written straight into the store (no signature: the catch-up must index it). */
  async function insertFeedback(branch: string, at: number, text: string, problemId: string | null = null): Promise<string> {
    const fid = newId('Feedback', at);
    await hub.db.run(
      `INSERT INTO feedback (id, kind, channel, category_id, branch_id, received_at, text, complaint, problem_id, created_at)
       VALUES (?, 'PROBLEM', 'VOICE', ?, ?, ?, ?, 0, ?, ?)`,
      fid,
      id.SERVICE,
      id[branch],
      at,
      text,
      problemId,
      at,
    );
    return fid;
  }

  beforeAll(async () => {
    now = hub.clock.now().getTime();
    R = now - 130 * DAY;
    C = now - 60 * DAY;
    // Remediation began at R; the last of two actions was confirmed at C; 30-day windows.
    done = await insertProblem({
      status: 'VERIFYING',
      remediatingAt: R,
      actions: [
        { branch: 'SH', confirmedAt: C - 5 * DAY },
        { branch: 'BJ', confirmedAt: C },
      ],
    });
    // Its own feedback, and feedback like it that was never attached.
    await insertFeedback('SH', R - 20 * DAY, SAFE, done);
    await insertFeedback('BJ', R - 25 * DAY, `${SAFE}（第2次）`, done);
    await insertFeedback('SH', R - 10 * DAY, SAFE);
    await insertFeedback('SH-PD', R - 5 * DAY, `${SAFE}客户要求尽快处理。`);
    await insertFeedback('BJ', R - 1, SAFE);
    await insertFeedback('GZ', R - 31 * DAY, SAFE); // before the window
    await insertFeedback('SH', R - 3 * DAY, OTHER); // not similar
    await insertFeedback('SH', R + 10 * DAY, SAFE); // during remediation: in neither window
    await insertFeedback('SH', C, SAFE); // the after-window starts at the confirmation
    await insertFeedback('GZ', C + 29 * DAY, SAFE);
    await insertFeedback('BJ', C + 2 * DAY, OTHER); // not similar
    await insertFeedback('BJ', C + 30 * DAY, SAFE); // after the window
    // The same, but the last action was confirmed 10 days ago: the after-window is still running.
    running = await insertProblem({ status: 'VERIFYING', remediatingAt: R, actions: [{ branch: 'SH', confirmedAt: now - 10 * DAY }] });
    await insertFeedback('SH', R - 40 * DAY, `${SAFE}（运行中）`, running);
    await insertFeedback('SH', now - 5 * DAY, SAFE);
    // Not yet remediating.
    open = await insertProblem({ status: 'OPEN', remediatingAt: null, actions: [] });
    await insertFeedback('SH', now - 20 * DAY, SAFE, open); // in no window of the others
  });

  it('compares the window before remediation with the same window after the last confirmation', async () => {
    const r = ok(await hub.gql(t.analyst!, RECURRENCE, { id: done })).problem.recurrence;
    // Before: 2 own + SH, SH-PD, BJ. After: SH at C, GZ at C+29d.
    expect(r).toEqual({
      windowDays: 30,
      before: 5,
      after: 2,
      changePercent: -60,
      byBranch: [
        { branch: { code: 'BJ' }, before: 2, after: 0 },
        { branch: { code: 'GZ' }, before: 0, after: 1 },
        { branch: { code: 'SH' }, before: 2, after: 1 },
        { branch: { code: 'SH-PD' }, before: 1, after: 0 },
      ],
    });
  });

  it('takes the window length asked for', async () => {
    const r = ok(await hub.gql(t.analyst!, RECURRENCE, { id: done, days: 10 })).problem.recurrence;
    // Before [R−10d, R): SH at R−10d, SH-PD, BJ. After [C, C+10d): SH at C.
    expect(r).toMatchObject({ windowDays: 10, before: 3, after: 1 });
    expect(r.changePercent).toBeCloseTo(-66.667, 2);
    expect(codeOf(await hub.gql(t.analyst!, RECURRENCE, { id: done, days: 0 }))).toBe('BAD_USER_INPUT');
  });

  it('counts only their subtree for a branch manager', async () => {
    const r = ok(await hub.gql(t['bm.sh']!, RECURRENCE, { id: done })).problem.recurrence;
    expect(r).toEqual({
      windowDays: 30,
      before: 3,
      after: 1,
      changePercent: expect.closeTo(-66.667, 2),
      byBranch: [
        { branch: { code: 'SH' }, before: 2, after: 1 },
        { branch: { code: 'SH-PD' }, before: 1, after: 0 },
      ],
    });
  });

  it('has no change while the after-window runs, and one once it has elapsed', async () => {
    const running1 = ok(await hub.gql(t.analyst!, RECURRENCE, { id: running })).problem.recurrence;
    // The same history before R; after: what came in since the confirmation so far.
    expect(running1).toMatchObject({ before: 5, after: 1, changePercent: null });
    hub.clock.advance(20 * DAY);
    try {
      // Twenty days on, the morning's sign-in has expired.
      const later = await hub.login('analyst');
      const elapsed = ok(await hub.gql(later, RECURRENCE, { id: running })).problem.recurrence;
      expect(elapsed).toMatchObject({ before: 5, after: 1, changePercent: -80 });
    } finally {
      hub.clock.advance(-20 * DAY);
    }
  });

  it('is null before remediation begins', async () => {
    expect(ok(await hub.gql(t.analyst!, RECURRENCE, { id: open })).problem.recurrence).toBeNull();
  });
});
