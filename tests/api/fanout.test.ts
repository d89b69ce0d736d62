import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHub, collect, type TestHub } from '../utils/hub.js';
import {
  demoIds,
  tokens,
  ok,
  recordFeedback,
  openProblem,
  problemInConsultation,
  listening,
  waitForStreams,
  lastSeq,
  DISMISS_PROBLEM,
  CONCLUDE,
  type DemoIds,
} from '../utils/fixtures.js';
import { cursorOfSeq } from '../../server/src/event/event.repository.js';

/**
 * One event reaching many subscribers is executed once per audience (core/fanout.ts), not once per
 * subscriber. These tests hold the two halves of that promise: nobody receives a rendering meant
 * for another audience, and the sharing really happens.
 */

/** The web app's live feed (web/src/lib/live.query.ts): a note, masked titles, the records named. */
const LIVE = `subscription Live_HubEvents($after: String) {
  hubEvents(after: $after) {
    cursor type at fromStatus toStatus note feedbackId
    actor { id displayName }
    problem { id code title status }
    action { id title status }
  }
}`;
/** Masked text, one field each: the audience is the role alone. */
const PROBLEM_TITLE = `subscription { hubEvents { cursor problem { title } } }`;
const DISMISS_REASON = `subscription { hubEvents { cursor problem { dismissReason } } }`;
const ACTION_TITLE = `subscription { hubEvents { cursor type action { title } } }`;
const ACTION_DESCRIPTION = `subscription { hubEvents { cursor type action { description } } }`;
/** A note alone: the audience is the right to see personal data. */
const NOTE = `subscription { hubEvents { cursor note } }`;

const MOBILE = '13812345678';
const MASKED = '138****5678';

type Payload = { hubEvents: Record<string, any> };

let hub: TestHub;
let t: Record<string, string>;
let ids: DemoIds;

/** Subscription events executed so far, as /metrics reports them. */
async function executions(): Promise<number> {
  const text = await (await fetch(hub.url.replace(/\/graphql$/, '/metrics'))).text();
  const m = /^hub_subscription_executions_total (\d+)$/m.exec(text);
  if (!m) throw new Error('hub_subscription_executions_total missing from /metrics');
  return Number(m[1]);
}

/** Opens a problem about SH feedback, its title quoting a customer's mobile; answers its dismissal, the reason quoting it too. */
async function dismissal(): Promise<() => Promise<void>> {
  const feedback = await recordFeedback(hub, t.agent!, { branchId: ids.branch.SH!, categoryId: ids.category.SERVICE!, text: '柜员态度差' });
  const p = await openProblem(hub, t.coordinator!, ids.category.SERVICE!, [feedback], `客户 ${MOBILE} 投诉柜员`);
  return async () => {
    const reason = `已电话联系客户 ${MOBILE}，客户撤回投诉`;
    ok(await hub.gql(t.coordinator!, DISMISS_PROBLEM, { i: { problemId: p.id, expectedVersion: p.version, reason } }));
  };
}

/**
 * Subscribes, makes events happen, and answers each subscriber's payload of the first event
 * `pick` accepts (the first event by default).
 */
async function oneEvent(
  subscribers: { token: string; query: string; variables?: Record<string, unknown> }[],
  act: () => Promise<void>,
  pick: (event: Record<string, any>) => boolean = () => true,
): Promise<{ payloads: Record<string, any>[]; executed: number }> {
  const streams = await listening(hub, subscribers.length, () =>
    subscribers.map((s) => collect<Payload>(hub.ws(s.token), s.query, s.variables ?? {})),
  );
  const before = await executions();
  await act();
  const picked = (s: (typeof streams)[number]) => s.items.map((i) => i.hubEvents).find(pick);
  for (const s of streams) await s.until(() => picked(s) !== undefined);
  const executed = (await executions()) - before;
  for (const s of streams) {
    expect(s.errors).toEqual([]);
    s.dispose();
  }
  await waitForStreams(hub, 0, 5000, true);
  return { payloads: streams.map((s) => picked(s)!), executed };
}

/** Drives a problem about SH feedback into consultation; answers its conclusion with an SH action quoting a customer's mobile. */
async function assignment(): Promise<() => Promise<void>> {
  const feedback = await recordFeedback(hub, t.agent!, {
    branchId: ids.branch.SH!,
    categoryId: ids.category.CREDIT_CARD!,
    text: '分期手续费不透明',
  });
  const p = await problemInConsultation(hub, t, ids, [feedback]);
  const action = {
    branchId: ids.branch.SH,
    title: `回访客户 ${MOBILE}`,
    description: `致电 ${MOBILE} 说明手续费`,
    dueAt: new Date(hub.clock.now().getTime() + 14 * 86_400_000).toISOString(),
  };
  return async () => {
    const conclusion = {
      rootCause: 'BUSINESS_PROCESS',
      rootCauseDetail: '审批环节缺失',
      remediationPlan: '优化流程并培训',
      outcome: 'PROCESS_CHANGE',
    };
    ok(await hub.gql(t.coordinator!, CONCLUDE, { i: { problemId: p.id, expectedVersion: p.version, ...conclusion, actions: [action] } }));
  };
}

beforeAll(async () => {
  hub = await startHub();
  t = await tokens(hub);
  ids = await demoIds(hub, t.coordinator!);
});
afterAll(async () => hub?.stop());

describe('hubEvents: one execution per audience', () => {
  it.each<[string, string, 'dismissal' | 'action', (e: Record<string, any>) => unknown]>([
    ['the web app’s feed (a note and masked titles)', LIVE, 'dismissal', (e) => [e.note, e.problem.title]],
    ['a note alone', NOTE, 'dismissal', (e) => e.note],
    ['a problem’s title alone', PROBLEM_TITLE, 'dismissal', (e) => e.problem.title],
    ['a dismissal reason alone', DISMISS_REASON, 'dismissal', (e) => e.problem.dismissReason],
    ['an action’s title alone', ACTION_TITLE, 'action', (e) => e.action.title],
    ['an action’s description alone', ACTION_DESCRIPTION, 'action', (e) => e.action.description],
  ])('gives each viewer its own payload of one event for the same document: %s', async (_what, query, scenario, quoting) => {
    const act = scenario === 'action' ? await assignment() : await dismissal();
    const { payloads } = await oneEvent(
      [t.coordinator!, t['bm.sh']!, t.agent!].map((token) => ({ token, query })),
      act,
      (e) => scenario === 'dismissal' || e.type === 'ACTION_ASSIGNED',
    );
    const [coordinator, bm, agent] = payloads as [Record<string, any>, Record<string, any>, Record<string, any>];
    expect(new Set(payloads.map((p) => p.cursor)).size).toBe(1);
    for (const text of [quoting(coordinator)].flat()) expect(text).toContain(MOBILE);
    for (const masked of [bm, agent]) {
      expect(JSON.stringify(masked)).not.toContain(MOBILE);
      for (const text of [quoting(masked)].flat()) expect(text).toContain(MASKED);
    }
  });

  it('renders a payload that reads the scope (feedback of the problem) for each branch manager alone', async () => {
    const inSh = await recordFeedback(hub, t.agent!, { branchId: ids.branch.SH!, categoryId: ids.category.SERVICE!, text: '排队时间长' });
    const inPd = await recordFeedback(hub, t.agent!, {
      branchId: ids.branch['SH-PD']!,
      categoryId: ids.category.SERVICE!,
      text: '排队时间长',
    });
    const p = await openProblem(hub, t.coordinator!, ids.category.SERVICE!, [inSh, inPd]);
    const query = `subscription { hubEvents { cursor problem { feedback { edges { node { id branch { code } } } } } } }`;
    const { payloads } = await oneEvent(
      [t['bm.sh']!, await hub.login('bm.sh-pd')].map((token) => ({ token, query })),
      async () => {
        ok(await hub.gql(t.coordinator!, DISMISS_PROBLEM, { i: { problemId: p.id, expectedVersion: p.version, reason: '重复' } }));
      },
    );
    const branches = payloads.map((e) => e.problem.feedback.edges.map((x: any) => x.node.branch.code).sort());
    expect(branches).toEqual([['SH', 'SH-PD'], ['SH-PD']]);
  });

  it('executes an event once per audience, not once per subscriber', async () => {
    const dismiss = await dismissal();
    const { payloads, executed } = await oneEvent(
      [t.coordinator!, t.coordinator!, t.coordinator!, t['bm.sh']!, t['bm.sh']!, t['bm.sh']!].map((token) => ({ token, query: LIVE })),
      dismiss,
    );
    // Two audiences (a coordinator, a branch manager): two executions for six subscribers.
    expect(executed).toBe(2);
    expect(payloads.slice(1, 3)).toEqual([payloads[0], payloads[0]]);
    expect(payloads.slice(4)).toEqual([payloads[3], payloads[3]]);
    expect(JSON.stringify(payloads[3])).not.toContain(MOBILE);
  });

  it('shares across resume cursors (they only choose the stream), not across variables the payload reads', async () => {
    const dismissOne = await dismissal();
    const cursor = cursorOfSeq(await lastSeq(hub));
    const sameEvent = await oneEvent(
      [
        { token: t.coordinator!, query: LIVE },
        { token: t.coordinator!, query: LIVE, variables: { after: cursor } },
      ],
      dismissOne,
    );
    expect(sameEvent.executed).toBe(1);
    expect(sameEvent.payloads[1]).toEqual(sameEvent.payloads[0]);

    const dismissAgain = await dismissal();
    const WITH = `subscription($withNote: Boolean!) { hubEvents { cursor note @include(if: $withNote) } }`;
    const perVariable = await oneEvent(
      [
        { token: t.coordinator!, query: WITH, variables: { withNote: true } },
        { token: t.coordinator!, query: WITH, variables: { withNote: false } },
      ],
      dismissAgain,
    );
    expect(perVariable.executed).toBe(2);
    expect(perVariable.payloads[0]!.note).toContain(MOBILE);
    expect(perVariable.payloads[1]).not.toHaveProperty('note');
  });
});
