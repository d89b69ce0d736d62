import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import readline from 'node:readline';
import { TestClock, tempDir } from '../../utils/hub.js';
import { openStore } from '../../../server/src/core/db.js';
import { loadDemo } from '../../../server/src/demo/demo.seed.js';
import { servicesOn, problemWithActions, bankTime, DAY, HOUR, type Hubish } from './loop.factory.js';
import { killGroupHard, proveGone, spawnTracked } from '../../utils/processes.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DEADLINE_TYPES = "('ACTION_OVERDUE', 'ACTION_ESCALATED', 'STAGE_OVERDUE')";

/** Deadline events that were written more than once for the same deadline: must be none. */
function duplicates(h: Hubish): unknown[] {
  return h.store.raw
    .prepare(
      `SELECT type, coalesce(action_id, problem_id) AS subject, from_status, count(*) AS n FROM hub_events
       WHERE type IN ${DEADLINE_TYPES} GROUP BY type, subject, from_status HAVING n > 1`,
    )
    .all();
}

const count = (h: Hubish, sql: string): number => (h.store.raw.prepare(sql).get() as { n: number }).n;
const deadlineEvents = (h: Hubish) => count(h, `SELECT count(*) AS n FROM hub_events WHERE type IN ${DEADLINE_TYPES}`);
const deadlineMarks = (h: Hubish) => count(h, "SELECT count(*) AS n FROM deadline_marks WHERE kind <> 'DIGEST'");

describe('deadline events are written exactly once', () => {
  let dir: string;
  let file: string;
  const start = bankTime('2026-03-02 09:00');

  beforeAll(async () => {
    dir = tempDir();
    file = path.join(dir, 'hub.sqlite');
    const store = openStore(file);
    // The demo's own history has actions and stages that are overdue 40 days on.
    await loadDemo(store, { now: new Date(start), feedback: 300, contacts: 0, seed: 11 });
    await store.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('across a restart: the restarted hub writes nothing already written, and what fell due meanwhile once', async () => {
    const clock = new TestClock(start);
    const first = await servicesOn(file, clock);
    const { actions } = await problemWithActions(first, [{ branch: 'SH' }, { department: 'CARD' }], start + 2 * DAY, '重启测试');
    clock.set(start + 2 * DAY + HOUR);
    const r1 = await first.services.deadlines.scanDeadlines();
    expect(r1.actionsOverdue).toBeGreaterThanOrEqual(2);
    const written = deadlineEvents(first);
    await first.close();

    const second = await servicesOn(file, clock);
    try {
      const r2 = await second.services.deadlines.scanDeadlines();
      expect(r2).toMatchObject({ actionsOverdue: 0, escalations: 0, stagesOverdue: 0 });
      expect(deadlineEvents(second)).toBe(written);
      // Down over the escalation time: the restarted hub escalates, once.
      clock.set(start + 10 * DAY);
      const r3 = await second.services.deadlines.scanDeadlines();
      expect(r3.escalations).toBeGreaterThanOrEqual(2);
      for (const a of actions)
        expect(count(second, `SELECT count(*) AS n FROM hub_events WHERE type = 'ACTION_ESCALATED' AND action_id = '${a.id}'`)).toBe(1);
      expect(duplicates(second)).toEqual([]);
      expect(deadlineEvents(second)).toBe(deadlineMarks(second));
    } finally {
      await second.close();
    }
  });

  it('with two hubs on one database file taking turns: each deadline once, whichever hub sees it first', async () => {
    const clock = new TestClock(start + 10 * DAY);
    const a = await servicesOn(file, clock);
    const b = await servicesOn(file, clock);
    try {
      const before = deadlineEvents(a);
      for (let i = 0; i < 6; i++) {
        const writer = i % 2 ? a : b;
        const scanner = i % 2 ? b : a;
        clock.set(start + 10 * DAY + i * DAY);
        await problemWithActions(writer, [{ branch: 'BJ' }, { branch: 'GZ' }], clock.now().getTime() + HOUR, `轮流 ${i}`);
        clock.advance(HOUR + 1);
        // One process cannot interleave two SQLite writers' transactions (better-sqlite3 is
        // synchronous); the concurrent case is the child-process test below.
        await scanner.services.deadlines.scanDeadlines();
        await writer.services.deadlines.scanDeadlines();
      }
      expect(deadlineEvents(a)).toBeGreaterThan(before + 6);
      expect(duplicates(a)).toEqual([]);
      expect(deadlineEvents(a)).toBe(deadlineMarks(a));
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('with a second server process scanning the same file at the same time', async () => {
    const t0 = start + 30 * DAY;
    const writerClock = new TestClock(t0);
    const scanAt = t0 + 20 * DAY;
    const writer = await servicesOn(file, writerClock);
    const scanner = await servicesOn(file, new TestClock(scanAt));
    const before = deadlineEvents(writer);
    const child = spawnTracked(
      'deadline scan child',
      process.execPath,
      ['--import', 'tsx', path.join(here, 'scan-child.ts'), file, String(scanAt)],
      {
        cwd: path.join(here, '..', '..'),
        // tsx applies a tsconfig only to the files it includes: the server's, for its decorators.
        env: { ...process.env, TSX_TSCONFIG_PATH: path.join(here, '..', '..', '..', 'server', 'tsconfig.json') },
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    const lines = readline.createInterface({ input: child.stdout! });
    const next = () => new Promise<string>((resolve) => lines.once('line', resolve));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      expect(await next()).toBe('ready');
      // While the child scans in a loop, this process adds actions that are already overdue for the
      // scanners (their clock is 20 days on) and scans too: both race for every new deadline.
      let mine = 0;
      for (let i = 0; i < 12; i++) {
        await problemWithActions(writer, [{ branch: 'SH' }, { branch: 'SH-PD' }, { department: 'IT' }], t0 + HOUR, `并发 ${i}`);
        const r = await scanner.services.deadlines.scanDeadlines();
        mine += r.actionsOverdue + r.escalations + r.stagesOverdue;
      }
      const r = await scanner.services.deadlines.scanDeadlines();
      mine += r.actionsOverdue + r.escalations + r.stagesOverdue;
      child.stdin!.write('stop\n');
      const theirs = JSON.parse(await next()) as { rounds: number; actionsOverdue: number; escalations: number; stagesOverdue: number };
      expect(await exited).toBe(0);
      expect(theirs.rounds).toBeGreaterThan(0);

      expect(duplicates(writer)).toEqual([]);
      expect(deadlineEvents(writer)).toBe(deadlineMarks(writer));
      // Every deadline event was written by exactly one of the two processes.
      expect(deadlineEvents(writer) - before).toBe(mine + theirs.actionsOverdue + theirs.escalations + theirs.stagesOverdue);
      // 12 problems × 3 actions, each overdue and escalated by day 20.
      expect(deadlineEvents(writer) - before).toBeGreaterThanOrEqual(72);
    } finally {
      killGroupHard(child);
      await proveGone(child);
      await writer.close();
      await scanner.close();
    }
  });
});
