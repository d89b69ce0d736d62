import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHub, codeOf, type GqlResult, type TestHub } from '../utils/hub.js';
import {
  demoIds,
  tokens,
  ok,
  recordFeedback,
  openProblem,
  problemInConsultation,
  conclude,
  counts,
  rowCount,
  extOf,
  prng,
  feedbackInput,
  RECORD_FEEDBACK,
  SUBMIT_DIAGNOSIS,
  DISMISS_PROBLEM,
  MERGE_PROBLEM,
  ATTACH_FEEDBACK,
  ACCEPT_ACTION,
  REPORT_PROGRESS,
  type DemoIds,
  type ProblemRef,
} from '../utils/fixtures.js';

let hub: TestHub;
let t: Record<string, string>;
let ids: DemoIds;

const DAY = 86_400_000;

beforeAll(async () => {
  hub = await startHub();
  t = await tokens(hub);
  ids = await demoIds(hub, t.coordinator!);
});
afterAll(async () => hub?.stop());

const fb = (text: string, branch = 'SH') =>
  recordFeedback(hub, t.agent!, { branchId: ids.branch[branch]!, categoryId: ids.category.DEPOSIT!, text });
const freshProblem = async (text = '存款到账延迟') => openProblem(hub, t.coordinator!, ids.category.DEPOSIT!, [await fb(text)]);

const problemRow = async (id: string) => (await hub.db.get('SELECT * FROM problems WHERE id = ?', id))!;
const actionRow = async (id: string) => (await hub.db.get('SELECT * FROM actions WHERE id = ?', id))!;
const feedbackProblem = async (id: string) =>
  (await hub.db.get<{ p: string | null }>('SELECT problem_id AS p FROM feedback WHERE id = ?', id))!.p;
const countWhere = async (text: string, ...params: unknown[]) => (await hub.db.get<{ n: number }>(text, ...params))!.n;

describe('optimistic concurrency: a stale expectedVersion', () => {
  let p: ProblemRef;
  beforeAll(async () => {
    p = await freshProblem();
    p = ok(
      await hub.gql(t.coordinator!, ATTACH_FEEDBACK, {
        i: { problemId: p.id, expectedVersion: p.version, feedbackIds: [await fb('又一条')] },
      }),
    ).attachFeedback;
    expect(p.version).toBe(2);
  });

  const stale = (): [string, string, (v: number) => Record<string, unknown>][] => [
    ['dismissProblem', DISMISS_PROBLEM, (v) => ({ problemId: p.id, expectedVersion: v, reason: '不需要处理' })],
    [
      'submitDiagnosis',
      SUBMIT_DIAGNOSIS,
      (v) => ({
        problemId: p.id,
        expectedVersion: v,
        summary: 's',
        customerImpact: 'c',
        suspectedCause: 'OTHER',
        proposedDepartmentIds: [],
      }),
    ],
  ];

  it.each([
    ['an older', -1],
    ['a newer', +1],
  ])('%s version answers CONFLICT with the current version and changes nothing', async (_label, offset) => {
    const other = await freshProblem('合并目标');
    const spare = await fb('备用反馈');
    const ops = [
      ...stale(),
      ['mergeProblem', MERGE_PROBLEM, (v: number) => ({ problemId: p.id, expectedVersion: v, intoProblemId: other.id })] as const,
      [
        'attachFeedback (with items)',
        ATTACH_FEEDBACK,
        (v: number) => ({ problemId: p.id, expectedVersion: v, feedbackIds: [spare] }),
      ] as const,
    ];
    for (const [name, query, input] of ops) {
      const before = { row: await problemRow(p.id), target: await problemRow(other.id), counts: await counts(hub) };
      const r = await hub.gql(t.coordinator!, query, { i: input(p.version + offset) });
      expect(codeOf(r), name).toBe('CONFLICT');
      expect(extOf(r)?.currentVersion, name).toBe(p.version);
      expect(r.data, name).toBeNull();
      expect(await problemRow(p.id), name).toEqual(before.row);
      expect(await problemRow(other.id), name).toEqual(before.target);
      expect(await counts(hub), name).toEqual(before.counts);
    }
    expect(await feedbackProblem(spare)).toBeNull();
  });

  it('a stale action version answers CONFLICT with the action’s current version and changes nothing', async () => {
    const c = await problemInConsultation(hub, t, ids, [await fb('需要整改')]);
    const done = await conclude(hub, t.coordinator!, c, [{ branchId: ids.branch.SH! }], new Date(hub.clock.now().getTime() + 7 * DAY));
    const action = done.actions[0]!;
    const accepted = ok(
      await hub.gql(t['bm.sh']!, ACCEPT_ACTION, { i: { actionId: action.id, expectedVersion: action.version } }),
    ).acceptAction;
    const before = { row: await actionRow(action.id), counts: await counts(hub) };
    const r = await hub.gql(t['bm.sh']!, REPORT_PROGRESS, { i: { actionId: action.id, expectedVersion: action.version, note: '进展' } });
    expect(codeOf(r)).toBe('CONFLICT');
    expect(extOf(r)?.currentVersion).toBe(accepted.version);
    expect(await actionRow(action.id)).toEqual(before.row);
    expect(await counts(hub)).toEqual(before.counts);
  });
});

type OpName = 'diagnose' | 'dismissByCoordinator' | 'dismissByAnalyst' | 'attach' | 'merge';
const OPS: OpName[] = ['diagnose', 'dismissByCoordinator', 'dismissByAnalyst', 'attach', 'merge'];
const EVENTS_OF: Record<OpName, number> = { diagnose: 1, dismissByCoordinator: 1, dismissByAnalyst: 1, attach: 1, merge: 2 };
const STATUS_AFTER: Record<OpName, string> = {
  diagnose: 'DIAGNOSED',
  dismissByCoordinator: 'DISMISSED',
  dismissByAnalyst: 'DISMISSED',
  attach: 'OPEN',
  merge: 'MERGED',
};

describe('optimistic concurrency: two writers with the same version', () => {
  it('exactly one of two concurrent changes wins, over 36 random pairs; the loser writes nothing', async () => {
    const seed = 20260401;
    const rnd = prng(seed);
    for (let round = 0; round < 36; round++) {
      const ctx = `seed ${seed}, round ${round}`;
      const p = await freshProblem(`并发 ${round}`);
      const pair: OpName[] = [OPS[Math.floor(rnd() * OPS.length)]!, OPS[Math.floor(rnd() * OPS.length)]!];
      // Each op gets its own side objects, so that the loser's would-be writes can be looked for.
      const side = await Promise.all(
        pair.map(async (op) => ({
          target: op === 'merge' ? await freshProblem(`目标 ${round}`) : null,
          item: op === 'attach' ? await fb(`追加 ${round}`) : null,
        })),
      );
      const run = (op: OpName, i: number): Promise<GqlResult> => {
        const v = p.version;
        switch (op) {
          case 'diagnose':
            return hub.gql(t.analyst!, SUBMIT_DIAGNOSIS, {
              i: {
                problemId: p.id,
                expectedVersion: v,
                summary: `诊断 ${i}`,
                customerImpact: '影响',
                suspectedCause: 'IT_SYSTEM',
                proposedDepartmentIds: [ids.department.IT!],
              },
            });
          case 'dismissByCoordinator':
            return hub.gql(t.coordinator!, DISMISS_PROBLEM, { i: { problemId: p.id, expectedVersion: v, reason: `驳回 ${i}` } });
          case 'dismissByAnalyst':
            return hub.gql(t.analyst!, DISMISS_PROBLEM, { i: { problemId: p.id, expectedVersion: v, reason: `驳回 ${i}` } });
          case 'attach':
            return hub.gql(t.coordinator!, ATTACH_FEEDBACK, { i: { problemId: p.id, expectedVersion: v, feedbackIds: [side[i]!.item] } });
          case 'merge':
            return hub.gql(t.analyst!, MERGE_PROBLEM, { i: { problemId: p.id, expectedVersion: v, intoProblemId: side[i]!.target!.id } });
        }
      };
      const eventsBefore = await rowCount(hub, 'hub_events');
      const order = rnd() < 0.5 ? [0, 1] : [1, 0];
      const started = order.map((i) => run(pair[i]!, i).then((r) => ({ i, r })));
      const results = (await Promise.all(started)).sort((a, b) => a.i - b.i).map((x) => x.r);

      const winners = results.map((r, i) => (r.errors ? -1 : i)).filter((i) => i >= 0);
      expect(winners, `${ctx}: ${pair.join(' vs ')} → ${JSON.stringify(results.map((r) => codeOf(r) ?? 'ok'))}`).toHaveLength(1);
      const w = winners[0]!;
      const l = 1 - w;
      const loser = results[l]!;
      expect(['CONFLICT', 'INVALID_TRANSITION'], ctx).toContain(codeOf(loser));
      if (codeOf(loser) === 'CONFLICT') expect(extOf(loser)?.currentVersion, ctx).toBe(p.version + 1);

      const row = await problemRow(p.id);
      expect(row.version, ctx).toBe(p.version + 1);
      expect(row.status, ctx).toBe(STATUS_AFTER[pair[w]!]);
      expect((await rowCount(hub, 'hub_events')) - eventsBefore, ctx).toBe(EVENTS_OF[pair[w]!]);
      const diagnosisRows = await countWhere('SELECT count(*) AS n FROM diagnoses WHERE problem_id = ?', p.id);
      expect(diagnosisRows, ctx).toBe(pair[w] === 'diagnose' ? 1 : 0);
      const dismissReason = row.dismiss_reason ?? null;
      expect(dismissReason, ctx).toBe(pair[w]!.startsWith('dismiss') ? `驳回 ${w}` : null);
      // The loser's side objects are untouched.
      const lost = side[l]!;
      if (lost.item) expect(await feedbackProblem(lost.item), ctx).toBeNull();
      if (lost.target) expect((await problemRow(lost.target.id)).version, ctx).toBe(lost.target.version);
      const won = side[w]!;
      if (won.item) expect(await feedbackProblem(won.item), ctx).toBe(p.id);
      if (won.target) {
        expect((await problemRow(won.target.id)).version, ctx).toBe(won.target.version + 1);
        expect(row.merged_into_id, ctx).toBe(won.target.id);
      }
    }
  }, 60_000);

  it('two concurrent steps on one action with the same version: one wins, one progress update is written', async () => {
    const c = await problemInConsultation(hub, t, ids, [await fb('网点设备故障')]);
    const done = await conclude(
      hub,
      t.coordinator!,
      c,
      [{ branchId: ids.branch['SH-PD']! }],
      new Date(hub.clock.now().getTime() + 7 * DAY),
    );
    const a = ok(
      await hub.gql(t['bm.sh']!, ACCEPT_ACTION, { i: { actionId: done.actions[0]!.id, expectedVersion: done.actions[0]!.version } }),
    ).acceptAction;
    const updatesBefore = await rowCount(hub, 'action_updates');
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        hub.gql(t['bm.sh']!, REPORT_PROGRESS, { i: { actionId: a.id, expectedVersion: a.version, note: `进展 ${n}` } }),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => codeOf(r) === 'CONFLICT')).toHaveLength(3);
    expect((await rowCount(hub, 'action_updates')) - updatesBefore).toBe(1);
    expect((await actionRow(a.id)).version).toBe(a.version + 1);
  });
});

describe('idempotency of recordFeedback', () => {
  const input = (key: string, text = '自助机吞卡，客户很着急') =>
    feedbackInput({ branchId: ids.branch.BJ!, categoryId: ids.category.SERVICE!, text, idempotencyKey: key });

  it('the same key twice records once and answers the first record', async () => {
    const before = await counts(hub);
    const a = ok(await hub.gql(t.agent!, RECORD_FEEDBACK, { i: input('call-center-1001') })).recordFeedback;
    const b = ok(await hub.gql(t.agent!, RECORD_FEEDBACK, { i: input('call-center-1001') })).recordFeedback;
    expect(b.id).toBe(a.id);
    const after = await counts(hub);
    expect(after.feedback - before.feedback).toBe(1);
    expect(after.idempotency_keys - before.idempotency_keys).toBe(1);
    expect(after.hub_events - before.hub_events).toBe(1);
    expect(await countWhere('SELECT count(*) AS n FROM feedback WHERE text = ?', '自助机吞卡，客户很着急')).toBe(1);
  });

  // Without receivedAt, FeedbackService.record defaults it to "now" but hashes the request as the
  // client sent it (receivedAt null), so a retry of the very same request a moment later answers
  // the first record rather than being refused as "a different request". (It once hashed the
  // defaulted time, and did refuse it.)
  it('a retry of the same request a little later (no receivedAt given) still answers the first record', async () => {
    const first = ok(await hub.gql(t.agent!, RECORD_FEEDBACK, { i: input('call-center-retry', '重试请求') })).recordFeedback;
    hub.clock.advance(1500);
    const before = await counts(hub);
    const retry = await hub.gql(t.agent!, RECORD_FEEDBACK, { i: input('call-center-retry', '重试请求') });
    expect(retry.errors).toBeUndefined();
    expect(retry.data!.recordFeedback.id).toBe(first.id);
    expect(await counts(hub)).toEqual(before);
  });

  it('the same key with a different request is BAD_USER_INPUT and writes nothing', async () => {
    ok(await hub.gql(t.agent!, RECORD_FEEDBACK, { i: input('call-center-2002', '第一次的内容') }));
    const before = await counts(hub);
    const r = await hub.gql(t.agent!, RECORD_FEEDBACK, { i: input('call-center-2002', '第二次的内容不同') });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(extOf(r)?.field).toBe('input.idempotencyKey');
    expect(await counts(hub)).toEqual(before);
    expect(await countWhere('SELECT count(*) AS n FROM feedback WHERE text = ?', '第二次的内容不同')).toBe(0);
  });

  it('20 concurrent identical requests with one key create exactly one row', async () => {
    const before = await counts(hub);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => hub.gql(t.agent!, RECORD_FEEDBACK, { i: input('call-center-3003', '并发重复提交') })),
    );
    expect(results.map((r) => r.errors)).toEqual(Array(20).fill(undefined));
    expect(new Set(results.map((r) => r.data!.recordFeedback.id)).size).toBe(1);
    const after = await counts(hub);
    expect(after.feedback - before.feedback).toBe(1);
    expect(after.idempotency_keys - before.idempotency_keys).toBe(1);
    expect(after.hub_events - before.hub_events).toBe(1);
  });

  it('without a key, two identical requests are two records', async () => {
    const before = await counts(hub);
    const i = feedbackInput({ branchId: ids.branch.GZ!, categoryId: ids.category.SERVICE!, text: '没有幂等键' });
    const a = ok(await hub.gql(t.agent!, RECORD_FEEDBACK, { i })).recordFeedback;
    const b = ok(await hub.gql(t.agent!, RECORD_FEEDBACK, { i })).recordFeedback;
    expect(a.id).not.toBe(b.id);
    expect((await counts(hub)).feedback - before.feedback).toBe(2);
  });
});
