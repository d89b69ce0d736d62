import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { Reactions, write, type Reaction } from '../../../server/src/event/index.js';
import { startHub, type TestHub } from '../../utils/hub.js';
import type { HubEventRow } from '../../../server/src/event/event.repository.js';
import type { Db } from '../../../server/src/core/db.js';

/** What a write causes is the declared list (event/event.write.ts), run in the write's transaction or after its commit. */
const event = (type: HubEventRow['type'], seq: number) => ({ seq, type }) as HubEventRow;
const tx = {} as Db;
const noEmit = async () => {
  throw new Error('not emitted in this test');
};

describe('declared reactions', () => {
  it('run, in declaration order, only for the event types they name, and every-event ones for all', async () => {
    const ran: string[] = [];
    const r = (name: string, on: Reaction['on']): Reaction => ({ name, on, run: async (_tx, e) => void ran.push(`${name}:${e.seq}`) });
    const reactions = new Reactions();
    reactions.declare([r('a', ['FEEDBACK_RECORDED']), r('all', 'every event'), r('b', ['FEEDBACK_RECORDED', 'PROBLEM_OPENED'])]);
    await reactions.run(tx, event('FEEDBACK_RECORDED', 1), noEmit);
    await reactions.run(tx, event('PROBLEM_OPENED', 2), noEmit);
    await reactions.run(tx, event('ACTION_ASSIGNED', 3), noEmit);
    expect(ran).toEqual(['a:1', 'b:1', 'all:1', 'b:2', 'all:2', 'all:3']);
    expect(reactions.declared.map((x) => x.name)).toEqual(['a', 'all', 'b']);
  });

  it('are declared once: a second declaration is refused', () => {
    const reactions = new Reactions();
    reactions.declare([]);
    expect(() => reactions.declare([])).toThrow(/declared once/);
  });

  it('fail the write when one fails: the error reaches the caller', async () => {
    const reactions = new Reactions();
    reactions.declare([{ name: 'broken', on: 'every event', run: async () => Promise.reject(new Error('boom')) }]);
    await expect(reactions.run(tx, event('PROBLEM_OPENED', 1), noEmit)).rejects.toThrow('boom');
  });

  it('after the commit: not inside the write, then in event order; a failure is logged and the others still run', async () => {
    const ran: string[] = [];
    const logged: string[] = [];
    const reactions = new Reactions();
    reactions.declare([
      { name: 'in', on: ['RECORDS_IMPORTED'], run: async (_tx, e) => void ran.push(`in:${e.seq}`) },
      { name: 'later', on: ['RECORDS_IMPORTED'], when: 'after commit', run: (e) => void ran.push(`later:${e.seq}`) },
      { name: 'broken', on: 'every event', when: 'after commit', run: async () => Promise.reject(new Error('boom')) },
    ]);
    await reactions.run(tx, event('RECORDS_IMPORTED', 1), noEmit);
    expect(ran).toEqual(['in:1']);
    expect(reactions.hasAfterCommit('RECORDS_IMPORTED')).toBe(true);
    await reactions.afterCommit(
      [
        { event: event('RECORDS_IMPORTED', 1), facts: {} },
        { event: event('RECORDS_IMPORTED', 2), facts: {} },
      ],
      { error: (o: object) => void logged.push((o as { reaction: string }).reaction) } as never,
    );
    expect(ran).toEqual(['in:1', 'later:1', 'later:2']);
    expect(logged).toEqual(['broken', 'broken']);
  });
});

describe('after-commit reactions', () => {
  describe('in a write', () => {
    let hub: TestHub;
    beforeAll(async () => {
      hub = await startHub({ demo: { feedback: 0, contacts: 0 } });
    });
    afterAll(() => hub?.stop());

    it('run once the write has committed, for each event it emitted, and never for a write rolled back', async () => {
      const heard: number[] = [];
      const reactions = new Reactions();
      const deps = { ...hub.deps, reactions };
      reactions.declare([
        {
          name: 'sees the commit',
          on: ['PROBLEM_OPENED'],
          when: 'after commit',
          run: (e) => void heard.push(e.seq),
        },
      ]);
      const seqs = await write(deps, async (_tx, emit) => {
        const a = await emit({ type: 'PROBLEM_OPENED', actorId: null, note: 'first' });
        const b = await emit({ type: 'PROBLEM_OPENED', actorId: null, note: 'second' });
        await emit({ type: 'FEEDBACK_RECORDED', actorId: null });
        // Not yet: the transaction is still open.
        expect(heard).toEqual([]);
        return [a.seq, b.seq];
      });
      expect(heard).toEqual(seqs);
      for (const seq of seqs) expect(await hub.db.get('SELECT seq FROM hub_events WHERE seq = ?', seq)).toBeTruthy();

      heard.length = 0;
      await expect(
        write(deps, async (_tx, emit) => {
          await emit({ type: 'PROBLEM_OPENED', actorId: null, note: 'rolled back' });
          throw new Error('the write fails');
        }),
      ).rejects.toThrow('the write fails');
      expect(heard).toEqual([]);
    });
  });
});
