import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHub, type TestHub } from '../utils/hub.js';
import { demoIds, tokens, ok, recordFeedback, problemInConsultation, type DemoIds } from '../utils/fixtures.js';

/**
 * The problem's history names people (issue 18's walk): notes written before the history named experts
 * by their names listed their sign-in names (`expert.card, expert.it`); the API shows the names instead.
 */
let hub: TestHub;
let t: Record<string, string>;
let ids: DemoIds;

beforeAll(async () => {
  hub = await startHub({ demo: { feedback: 10, contacts: 0 } });
  t = await tokens(hub);
  ids = await demoIds(hub, t.admin!);
});
afterAll(async () => hub?.stop());

describe('history names', () => {
  it('an old note’s sign-in names read as people’s names; today’s notes and the reason stay as written', async () => {
    const fb = await recordFeedback(hub, t.agent!, {
      branchId: ids.branch.SH!,
      categoryId: ids.category.CREDIT_CARD!,
      text: '历史记录的人名',
    });
    const p = await problemInConsultation(hub, t, ids, [fb]);
    const names = ok(await hub.gql(t.admin!, '{ users { username displayName } }')).users as { username: string; displayName: string }[];
    const nameOf = (u: string) => names.find((n) => n.username === u)!.displayName;
    // Old rows as the hub wrote them before: the same event, its note in sign-in names.
    for (const note of ['expert.card, expert.it', 'expert.it, nobody.gone：需要科技部意见'])
      await hub.db.run(
        `INSERT INTO hub_events (type, at, actor_id, problem_id, note)
         SELECT type, at, actor_id, problem_id, ? FROM hub_events WHERE type = 'CONSULTATION_OPENED' AND problem_id = ? ORDER BY seq LIMIT 1`,
        note,
        p.id,
      );
    const history = ok(await hub.gql(t.coordinator!, 'query($id: ID!) { problem(id: $id) { history { type note } } }', { id: p.id }))
      .problem.history as { type: string; note: string | null }[];
    const opened = history.filter((e) => e.type === 'CONSULTATION_OPENED').map((e) => e.note);
    expect(opened).toEqual([
      nameOf('expert.card'),
      `${nameOf('expert.card')}、${nameOf('expert.it')}`,
      // A sign-in name no user has any more stays as written.
      `${nameOf('expert.it')}、nobody.gone：需要科技部意见`,
    ]);
    expect(opened.join()).not.toContain('expert.card');
  });
});
