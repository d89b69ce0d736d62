import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startHub, codeOf, TestClock, type TestHub } from '../utils/hub.js';
import { demoIds, tokens, ok, type DemoIds } from '../utils/fixtures.js';

/**
 * Saved views (issue 18): the inbox's, the problem board's and the action lists' filters kept per
 * user under a name, shared with a role or a branch; only the owner edits; a filter that is not
 * the list's filter input type is refused and nothing is stored.
 */
const NOW = Date.parse('2026-11-20T10:00:00+08:00');
const VIEW = 'id list name filter version mine sharedRole sharedBranch { code } owner { username }';
const VIEWS = `query($list: ViewList!) { views(list: $list) { ${VIEW} } }`;
const CREATE = `mutation($i: CreateViewInput!) { createView(input: $i) { ${VIEW} } }`;
const UPDATE = `mutation($i: UpdateViewInput!) { updateView(input: $i) { ${VIEW} } }`;
const DELETE = `mutation($i: DeleteViewInput!) { deleteView(input: $i) { id } }`;

let hub: TestHub;
let t: Record<string, string>;
let ids: DemoIds;

const viewsOf = async (token: string, list = 'INBOX') =>
  ok<{ views: { id: string; name: string; mine: boolean; filter: string }[] }>(await hub.gql(token, VIEWS, { list })).views;
const stored = async () => Number((await hub.db.get<{ n: number }>('SELECT count(*) AS n FROM saved_views'))!.n);

beforeAll(async () => {
  hub = await startHub({ clock: new TestClock(NOW), demo: { feedback: 60, contacts: 20 } });
  t = await tokens(hub);
  ids = await demoIds(hub, t.admin!);
});
afterAll(async () => hub.stop());

describe('saved views', () => {
  it('a view is its owner’s alone until shared, and its filter is the list’s, usable as it is', async () => {
    const filter = JSON.stringify({ kind: ['PROBLEM'], channel: ['VOICE'], branchId: ids.branch.SH });
    const v = ok(await hub.gql(t.analyst!, CREATE, { i: { list: 'INBOX', name: '上海问题之声', filter } })).createView;
    expect(v).toMatchObject({
      list: 'INBOX',
      name: '上海问题之声',
      version: 1,
      mine: true,
      sharedRole: null,
      owner: { username: 'analyst' },
    });
    expect(JSON.parse(v.filter)).toEqual(JSON.parse(filter));
    expect((await viewsOf(t.analyst!)).map((x) => x.id)).toContain(v.id);
    expect((await viewsOf(t.analyst!, 'PROBLEMS')).map((x) => x.id)).not.toContain(v.id);
    for (const other of ['coordinator', 'agent', 'bm.sh']) expect((await viewsOf(t[other]!)).map((x) => x.id)).not.toContain(v.id);
    // The stored filter goes back into the list's query as its variables.
    const list = ok(
      await hub.gql(t.analyst!, 'query($f: FeedbackFilter) { feedback(filter: $f, first: 5) { totalCount } }', { f: JSON.parse(v.filter) }),
    );
    expect(list.feedback.totalCount).toBeGreaterThanOrEqual(0);
    const events = await hub.db.all<{ type: string }>("SELECT type FROM hub_events WHERE type = 'VIEW_SAVED'");
    expect(events.length).toBeGreaterThan(0);
  });

  it('a filter that is not the list’s filter type is BAD_USER_INPUT, and nothing is stored', async () => {
    const before = await stored();
    const bad: [string, string][] = [
      ['INBOX', JSON.stringify({ kind: ['NOPE'] })],
      ['INBOX', JSON.stringify({ statuses: ['OPEN'] })],
      ['INBOX', JSON.stringify({ from: 'yesterday' })],
      ['INBOX', 'not json'],
      ['INBOX', '[1,2]'],
      ['INBOX', JSON.stringify({ search: 'x'.repeat(201) })],
      ['PROBLEMS', JSON.stringify({ kind: ['PROBLEM'] })],
      ['PROBLEMS', JSON.stringify({ status: 'NOT_A_STATUS' })],
      ['ACTIONS', JSON.stringify({ overdue: 'yes' })],
    ];
    for (const [list, filter] of bad) {
      const r = await hub.gql(t.coordinator!, CREATE, { i: { list, name: '坏视图', filter } });
      expect(codeOf(r), `${list} ${filter}`).toBe('BAD_USER_INPUT');
    }
    expect(await stored()).toBe(before);
    // The same check on update: the stored view keeps its filter and version.
    const v = ok(await hub.gql(t.coordinator!, CREATE, { i: { list: 'ACTIONS', name: '逾期', filter: '{"overdue":true}' } })).createView;
    const r = await hub.gql(t.coordinator!, UPDATE, { i: { viewId: v.id, expectedVersion: 1, filter: '{"status":["LOST"]}' } });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    const again = (await viewsOf(t.coordinator!, 'ACTIONS')).find((x) => x.id === v.id)!;
    expect(again).toMatchObject({ filter: '{"overdue":true}' });
  });

  it('shared with a role and a branch, it reaches exactly those users; only the owner edits or deletes it', async () => {
    const v = ok(
      await hub.gql(t.coordinator!, CREATE, {
        i: {
          list: 'PROBLEMS',
          name: '华东高危',
          filter: '{"severity":["HIGH","CRITICAL"]}',
          share: { role: 'BRANCH_MANAGER', branchId: ids.branch.SH },
        },
      }),
    ).createView;
    expect(v).toMatchObject({ sharedRole: 'BRANCH_MANAGER', sharedBranch: { code: 'SH' } });
    const seen = async (who: string) => (await viewsOf(t[who]!, 'PROBLEMS')).find((x) => x.id === v.id);
    expect(await seen('bm.sh')).toMatchObject({ mine: false, name: '华东高危' });
    for (const who of ['bm.bj', 'analyst', 'expert.card']) expect(await seen(who), who).toBeUndefined();

    // Those it is shared with use it, but do not edit it; those who cannot see it get NOT_FOUND.
    expect(codeOf(await hub.gql(t['bm.sh']!, UPDATE, { i: { viewId: v.id, expectedVersion: 1, name: '改名' } }))).toBe('FORBIDDEN');
    expect(codeOf(await hub.gql(t['bm.sh']!, DELETE, { i: { viewId: v.id, expectedVersion: 1 } }))).toBe('FORBIDDEN');
    expect(codeOf(await hub.gql(t['bm.bj']!, DELETE, { i: { viewId: v.id, expectedVersion: 1 } }))).toBe('NOT_FOUND');

    // Re-shared with a role only: every user of it, anywhere.
    const v2 = ok(
      await hub.gql(t.coordinator!, UPDATE, { i: { viewId: v.id, expectedVersion: 1, share: { role: 'BRANCH_MANAGER' } } }),
    ).updateView;
    expect(v2).toMatchObject({ version: 2, sharedRole: 'BRANCH_MANAGER', sharedBranch: null });
    expect(await seen('bm.bj')).toBeDefined();
    // With a branch only: every user of that subtree, whatever the role.
    const v3 = ok(
      await hub.gql(t.coordinator!, UPDATE, { i: { viewId: v.id, expectedVersion: 2, share: { branchId: ids.branch.BJ } } }),
    ).updateView;
    expect(v3).toMatchObject({ version: 3, sharedRole: null, sharedBranch: { code: 'BJ' } });
    expect(await seen('bm.bj')).toBeDefined();
    expect(await seen('bm.sh')).toBeUndefined();
    // Private again.
    ok(await hub.gql(t.coordinator!, UPDATE, { i: { viewId: v.id, expectedVersion: 3, share: {} } }));
    expect(await seen('bm.bj')).toBeUndefined();

    // Stale versions are CONFLICT, and change nothing.
    expect(codeOf(await hub.gql(t.coordinator!, UPDATE, { i: { viewId: v.id, expectedVersion: 1, name: '旧' } }))).toBe('CONFLICT');
    expect(codeOf(await hub.gql(t.coordinator!, DELETE, { i: { viewId: v.id, expectedVersion: 3 } }))).toBe('CONFLICT');
    ok(await hub.gql(t.coordinator!, DELETE, { i: { viewId: v.id, expectedVersion: 4 } }));
    expect((await viewsOf(t.coordinator!, 'PROBLEMS')).map((x) => x.id)).not.toContain(v.id);
    expect(codeOf(await hub.gql(t.coordinator!, DELETE, { i: { viewId: v.id, expectedVersion: 4 } }))).toBe('NOT_FOUND');
    const deleted = await hub.db.all<{ type: string }>("SELECT type FROM hub_events WHERE type = 'VIEW_DELETED'");
    expect(deleted.length).toBe(1);
  });

  it('a share names a real branch', async () => {
    const r = await hub.gql(t.coordinator!, CREATE, { i: { list: 'INBOX', name: 'x', filter: '{}', share: { branchId: 'br_NOPE' } } });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
  });
});
