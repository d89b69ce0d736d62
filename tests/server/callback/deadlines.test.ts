import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { startHub, TestClock, type TestHub } from '../../utils/hub.js';
import { rows } from '../../../server/src/core/sql.js';
import { callbacks } from '../../../server/src/callback/callback.table.js';
import { users } from '../../../server/src/user/user.table.js';
import { newId } from '../../../server/src/core/ids.js';
import { bankTime, openedProblem, viewerOf, refs, type Hubish } from '../deadline/loop.factory.js';

/**
 * Callback deadlines act (issue 17) through the deadline scan, on constructed dates with the
 * injectable clock: an open callback is due soon (CALLBACK_DUE_SOON_WITHIN, 1 working day by
 * default) to the agent working it or every agent while nobody has taken it, and overdue to the
 * coordinators; each once per due date however often (and however concurrently) the scan runs; a
 * closed callback never fires.
 */
describe('callback deadlines', () => {
  let hub: TestHub;
  let h: Hubish;
  let r: Awaited<ReturnType<typeof refs>>;
  // Monday 2 March 2026, a working day.
  const clock = new TestClock(bankTime('2026-03-02 09:00'));
  let counter = 0;

  beforeAll(async () => {
    hub = await startHub({ clock, demo: { feedback: 0, contacts: 0 } });
    h = { services: hub.app.services, store: hub.store };
    r = await refs(h);
  });
  afterAll(() => hub.stop());

  const scan = () => h.services.deadlines.scanDeadlines();

  /** An open callback of a real problem, due at `dueAt`, taken by `assignee` (a username) or nobody. */
  async function openCallback(dueAt: number, assignee: string | null = null) {
    const problem = await openedProblem(h);
    const now = new Date(clock.now().getTime());
    const id = newId('Callback', now.getTime());
    counter++;
    await h.store.transaction((tx) =>
      tx.insert(callbacks).values({
        id,
        problemId: problem.id,
        customerKey: `CUST-${counter}`,
        customerRef: `CUST-${counter}`,
        branchId: r.branch['SH-PD']!,
        status: 'OPEN',
        attempts: 0,
        assigneeId: assignee ? r.user[assignee]! : null,
        dueAt: new Date(dueAt),
        version: 1,
        createdAt: now,
        updatedAt: now,
      }),
    );
    return { id, problemCode: problem.code };
  }

  async function events(callbackId: string) {
    return rows<{ type: string; branch_id: string; actor_id: string | null; problem_id: string; note: string }>(
      h.store.read,
      sql`SELECT type, branch_id, actor_id, problem_id, note FROM hub_events
        WHERE callback_id = ${callbackId} AND type IN ('CALLBACK_DUE_SOON', 'CALLBACK_OVERDUE') ORDER BY seq`,
    );
  }
  /** Who was told about the callback's problem, as `username:KIND`, sorted. */
  async function told(problemCode: string): Promise<string[]> {
    const found = await rows<{ username: string; kind: string; summary: string }>(
      h.store.read,
      sql`SELECT u.username, n.kind, n.summary FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE n.kind IN ('CALLBACK_DUE_SOON', 'CALLBACK_OVERDUE')`,
    );
    return found
      .filter((n) => n.summary.includes(problemCode))
      .map((n) => `${n.username}:${n.kind}`)
      .sort();
  }
  async function usernamesOf(role: string, kind: string): Promise<string[]> {
    const found = await h.store.read
      .select({ username: users.username })
      .from(users)
      .where(and(eq(users.role, role as 'AGENT'), eq(users.active, true)));
    return found.map((u) => `${u.username}:${kind}`).sort();
  }

  it('due soon to the agent working it, then overdue to the coordinators: each once, at its instant', async () => {
    clock.set(bankTime('2026-03-02 09:00'));
    // Due Thursday 5 March 18:00.
    const due = bankTime('2026-03-05 18:00');
    const cb = await openCallback(due, 'agent');

    // More than one working day before: nothing.
    clock.set(bankTime('2026-03-04 17:59'));
    await scan();
    expect(await events(cb.id)).toEqual([]);

    // One working day before: due soon, once, however often the scan runs.
    clock.set(bankTime('2026-03-04 18:00'));
    const first = await scan();
    expect(first.byType.CALLBACK_DUE_SOON).toBe(1);
    expect((await scan()).byType).toEqual({});
    expect(await events(cb.id)).toEqual([
      expect.objectContaining({ type: 'CALLBACK_DUE_SOON', actor_id: null, branch_id: r.branch['SH-PD'] }),
    ]);
    expect(await told(cb.problemCode)).toEqual(['agent:CALLBACK_DUE_SOON']);

    // At the due instant it is still on time; a millisecond later it is overdue, once.
    clock.set(due);
    expect((await scan()).byType).toEqual({});
    clock.set(due + 1);
    expect((await scan()).byType).toEqual({ CALLBACK_OVERDUE: 1 });
    clock.set(due + 3 * 86_400_000);
    expect((await scan()).byType).toEqual({});
    expect((await events(cb.id)).map((e) => e.type)).toEqual(['CALLBACK_DUE_SOON', 'CALLBACK_OVERDUE']);
    expect(await told(cb.problemCode)).toEqual(
      ['agent:CALLBACK_DUE_SOON', ...(await usernamesOf('COORDINATOR', 'CALLBACK_OVERDUE'))].sort(),
    );
    const marks = await rows<{ kind: string; due_key: number }>(
      h.store.read,
      sql`SELECT kind, due_key FROM deadline_marks WHERE subject_id = ${cb.id} ORDER BY kind`,
    );
    expect(marks.map((m) => [m.kind, Number(m.due_key)])).toEqual([
      ['CALLBACK_DUE_SOON', due],
      ['CALLBACK_OVERDUE', due],
    ]);
  });

  it('nobody has taken it: every agent hears it is due soon; working days skip the weekend', async () => {
    // Due Monday 9 March 10:00: one working day before is Friday 6 March 10:00.
    clock.set(bankTime('2026-03-06 09:00'));
    const due = bankTime('2026-03-09 10:00');
    const cb = await openCallback(due);
    clock.set(bankTime('2026-03-06 09:59'));
    expect((await scan()).byType).toEqual({});
    clock.set(bankTime('2026-03-06 10:00'));
    expect((await scan()).byType).toEqual({ CALLBACK_DUE_SOON: 1 });
    const agents = await usernamesOf('AGENT', 'CALLBACK_DUE_SOON');
    expect(agents.length).toBeGreaterThan(0);
    expect(await told(cb.problemCode)).toEqual(agents);
  });

  it('found already overdue: told overdue only; concurrent scans still say it once', async () => {
    clock.set(bankTime('2026-03-10 09:00'));
    const cb = await openCallback(bankTime('2026-03-10 08:00'), 'agent');
    // (The previous test's callback, due 9 March, falls overdue in the same scans.)
    const [a, b] = await Promise.all([scan(), scan()]);
    expect((a.byType.CALLBACK_OVERDUE ?? 0) + (b.byType.CALLBACK_OVERDUE ?? 0)).toBe(2);
    expect((await events(cb.id)).map((e) => e.type)).toEqual(['CALLBACK_OVERDUE']);
    expect((await scan()).byType).toEqual({});
  });

  it('closed callbacks never fire: completed through the service, or unreachable', async () => {
    clock.set(bankTime('2026-03-16 09:00'));
    const due = bankTime('2026-03-16 18:00');
    const completed = await openCallback(due, 'agent');
    const agent = await viewerOf(h, 'agent');
    const done = await h.services.callbacks.recordAttempt(agent, {
      callbackId: completed.id,
      expectedVersion: 1,
      reached: true,
      verdict: 'SATISFIED',
    });
    expect(done.status).toBe('COMPLETED');
    const unreachable = await openCallback(due, 'agent');
    await h.store.transaction((tx) =>
      tx
        .update(callbacks)
        .set({ status: 'UNREACHABLE' })
        .where(sql`id = ${unreachable.id}`),
    );

    // Due soon and then overdue for an open one: nothing for the closed ones.
    await scan();
    clock.set(due + 86_400_000);
    await scan();
    expect(await events(completed.id)).toEqual([]);
    expect(await events(unreachable.id)).toEqual([]);
    expect(await told(completed.problemCode)).toEqual([]);
  });
});
