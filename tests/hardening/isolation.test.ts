import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHub, collect, type TestHub } from '../utils/hub.js';

/**
 * Isolation under load: while 10,000 events are written concurrently across five branches, a
 * branch manager's subscription receives exactly the events of their own subtree.
 */
let hub: TestHub;
const EVENTS = 10_000;
const BRANCHES = ['SH', 'SH-PD', 'BJ', 'GZ', 'SZ'];

beforeAll(async () => {
  hub = await startHub({
    demo: { feedback: 50, contacts: 10 },
    env: { RATE_POINTS_PER_MINUTE: '1000000000', WS_MAX_PENDING_EVENTS: '100000' },
  });
});
afterAll(async () => hub.stop());

describe('isolation under load', () => {
  it(
    `a branch manager receives exactly their subtree's events out of ${EVENTS.toLocaleString('en-US')}`,
    { timeout: 300_000 },
    async () => {
      const agent = await hub.login('agent');
      const org = await hub.gql(agent, '{ branches { id code } categories { id } }');
      const id = (code: string) => org.data!.branches.find((b: { code: string }) => b.code === code).id as string;
      const category = org.data!.categories[0].id;
      const bmSh = collect<{ hubEvents: { type: string; cursor: string } }>(
        hub.ws(await hub.login('bm.sh')),
        'subscription { hubEvents { type cursor } }',
      );
      const bmBj = collect<{ hubEvents: { type: string; cursor: string } }>(
        hub.ws(await hub.login('bm.bj')),
        'subscription { hubEvents { type cursor } }',
      );
      const coordinator = collect<{ hubEvents: { type: string } }>(
        hub.ws(await hub.login('coordinator')),
        'subscription { hubEvents { type } }',
      );
      await new Promise((r) => setTimeout(r, 300));

      const sent: Record<string, number> = Object.fromEntries(BRANCHES.map((b) => [b, 0]));
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < EVENTS; i = next++) {
          const branch = BRANCHES[i % BRANCHES.length]!;
          const r = await hub.gql(agent, 'mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id } }', {
            i: { kind: 'PROBLEM', channel: 'ONLINE', categoryId: category, branchId: id(branch), text: `隔离测试 ${i}` },
          });
          if (r.errors) throw new Error(JSON.stringify(r.errors));
          sent[branch]!++;
        }
      };
      await Promise.all(Array.from({ length: 32 }, worker));
      await coordinator.until(() => coordinator.items.length >= EVENTS, 120_000);
      // bm.sh's subtree holds SH and SH-PD; bm.bj's holds BJ.
      await bmSh.until(() => bmSh.items.length >= sent.SH! + sent['SH-PD']!, 60_000);
      await bmBj.until(() => bmBj.items.length >= sent.BJ!, 60_000);
      await new Promise((r) => setTimeout(r, 500));
      expect(coordinator.items).toHaveLength(EVENTS);
      expect(bmSh.items).toHaveLength(sent.SH! + sent['SH-PD']!);
      expect(bmBj.items).toHaveLength(sent.BJ!);
      // Each delivered exactly once, in order.
      for (const s of [bmSh, bmBj]) {
        const cursors = s.items.map((e) => e.hubEvents.cursor);
        expect(new Set(cursors).size).toBe(cursors.length);
        expect([...cursors].sort()).toEqual(cursors);
      }
      const feedbackBranch = async (cursor: string) =>
        (await hub.db.get<{ code: string }>(
          'SELECT b.code FROM hub_events e JOIN feedback f ON f.id = e.feedback_id JOIN branches b ON b.id = f.branch_id WHERE e.seq = ?',
          Number(cursor),
        ))!.code;
      for (const e of bmBj.items) expect(await feedbackBranch(e.hubEvents.cursor)).toBe('BJ');
      for (const e of bmSh.items) expect(['SH', 'SH-PD']).toContain(await feedbackBranch(e.hubEvents.cursor));
    },
  );
});
