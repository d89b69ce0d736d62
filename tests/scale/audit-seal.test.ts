/**
 * The audit chain on PostgreSQL without a write lock at the chain's end: each write commits its
 * audit row unchained (audit_pending), one sealer at a time chains committed rows into audit_log
 * (audit/audit.sealer.ts). A slow writer's row commits after later ones were chained and is
 * chained after them; the chain verifies; a row the sealer cannot reach is reported.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import pg from 'pg';
import { startHub, type TestHub } from '../utils/hub.js';
import { serviceAvailable } from '../utils/services.js';
import { demoIds, inBatches, recordFeedback, type DemoIds } from '../utils/fixtures.js';

const SUITE = 'audit sealing on PostgreSQL';
const ready = await serviceAvailable('postgres', SUITE);

describe.runIf(ready)(SUITE, { timeout: 120_000 }, () => {
  let hub: TestHub;
  let ids: DemoIds;
  let agent: string;
  let client: pg.Client;

  beforeAll(async () => {
    hub = await startHub({ database: 'postgres', demo: { feedback: 20, contacts: 20 } });
    agent = await hub.login('agent');
    ids = await demoIds(hub, await hub.login('coordinator'));
    client = new pg.Client({ connectionString: hub.databaseUrl });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await hub?.stop();
  });

  const record = (text: string) =>
    recordFeedback(hub, agent, { branchId: Object.values(ids.branch)[1]!, categoryId: Object.values(ids.category)[0]!, text });
  const count = async (table: string) => Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
  const recorded = async (text: string) =>
    Number(
      (
        await client.query<{ n: string }>(`SELECT count(*) AS n FROM audit_log WHERE operation = 'recordFeedback' AND detail LIKE $1`, [
          `%${text}%`,
        ])
      ).rows[0]!.n,
    );

  it('chains each write’s row before the write answers, concurrent writes included, and the chain verifies', async () => {
    await inBatches(24, 8, (i) => record(`审计并发 ${i}号`));
    for (let i = 0; i < 24; i++) expect(await recorded(`审计并发 ${i}号`), `row ${i}`).toBe(1);
    const v = await hub.app.services.audit.verify();
    expect(v.firstBroken).toBeNull();
    expect(v.rows).toBe(await count('audit_log'));
  });

  it('chains a slow writer’s row after the rows sealed while it was open, and the chain verifies', async () => {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO audit_pending (at, request_id, actor_id, operation, outcome, detail) VALUES ($1, NULL, NULL, 'slowWriter', 'OK', '{}')`,
      [Date.now()],
    );
    await record('审计 慢写之后');
    // Sealed meanwhile; the slow writer's row, uncommitted, is not in the chain yet.
    expect(await recorded('审计 慢写之后')).toBe(1);
    const slow = async () => (await client.query(`SELECT seq FROM audit_log WHERE operation = 'slowWriter'`)).rows as { seq: string }[];
    expect(await slow()).toEqual([]);
    await client.query('COMMIT');
    await hub.app.services.audit.seal();
    const [row] = await slow();
    const sealedBefore = (await client.query<{ seq: string }>(`SELECT seq FROM audit_log WHERE detail LIKE '%审计 慢写之后%'`)).rows[0]!;
    expect(Number(row!.seq)).toBeGreaterThan(Number(sealedBefore.seq));
    const v = await hub.app.services.audit.verify();
    expect(v.firstBroken).toBeNull();
    expect(v.rows).toBe(await count('audit_log'));
    expect(v.unsealed.rows).toBe(0);
  });

  it('reports rows left unsealed too long, and seals them once the sealer can', async () => {
    // A stuck sealer: audit_log held by another session.
    const holder = new pg.Client({ connectionString: hub.databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE audit_log IN EXCLUSIVE MODE');
      await client.query(
        `INSERT INTO audit_pending (at, request_id, actor_id, operation, outcome, detail) VALUES ($1, NULL, NULL, 'leftBehind', 'OK', '{}')`,
        [hub.clock.now().getTime() - 5 * 60_000],
      );
      const stuck = await hub.app.services.audit.verify();
      expect(stuck.firstBroken).toBeNull();
      expect(stuck.unsealed.rows).toBeGreaterThanOrEqual(1);
      expect(stuck.unsealed.tooLong).toBe(1);
      expect(stuck.unsealed.oldestAgeMs).toBeGreaterThanOrEqual(5 * 60_000);
      const sealing = hub.app.services.audit.seal();
      await holder.query('COMMIT');
      await sealing;
    } finally {
      await holder.end();
    }
    const v = await hub.app.services.audit.verify();
    expect(v.unsealed).toEqual({ rows: 0, oldestAgeMs: null, tooLong: 0 });
    expect(v.firstBroken).toBeNull();
    expect((await client.query(`SELECT 1 FROM audit_log WHERE operation = 'leftBehind'`)).rows).toHaveLength(1);
  });
});
