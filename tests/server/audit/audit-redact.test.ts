import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { startHub, type TestHub } from '../../utils/hub.js';
import { appendAudit } from '../../../server/src/audit/audit.repository.js';
import { PROJECT_ROOT } from '../../../server/src/core/env.js';
import { PG_ADMIN_URL } from '../../utils/services.js';

// Upgrading a database whose audit trail already holds passwords (issue 24, item 1):
// `pnpm hub:audit-redact` rewrites the rows, re-seals the chain and says so in a new row.

const TSX = path.join(PROJECT_ROOT, 'tests', 'node_modules', '.bin', 'tsx');
const CLI = path.join(PROJECT_ROOT, 'server', 'src', 'ops', 'cli.ts');

/**
 * Runs the operator CLI in its own process against the hub's database. Asynchronously: the hub runs
 * in this process and keeps serving meanwhile (a blocked event loop would break its keep-alive sockets).
 */
function cli(hub: TestHub, command: string, databaseUrl: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      ['--tsconfig', path.join(PROJECT_ROOT, 'tsconfig.json'), CLI, command],
      { env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: hub.dir, LOG_LEVEL: 'silent', NODE_ENV: 'test' }, encoding: 'utf8' },
      (err, stdout, stderr) => resolve({ status: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const PLAIN = ['hunter2-legacy-A', 'hunter2-legacy-B', 'hunter2-legacy-C', 'hunter2-legacy-D', 'hunter2-legacy-E', 'hunter2-legacy-F'];

/** Rows as the hub wrote them before secrets were redacted: the shapes the probe found. */
const LEGACY: { operation: string; outcome: 'OK' | 'REFUSED'; detail: string }[] = [
  { operation: 'login', outcome: 'OK', detail: JSON.stringify({ username: { username: 'agent', password: PLAIN[0] } }) },
  {
    operation: 'login',
    outcome: 'REFUSED',
    detail: JSON.stringify({ code: 'UNAUTHENTICATED', input: JSON.stringify({ username: { username: 'agent', password: PLAIN[1] } }) }),
  },
  { operation: 'changePassword', outcome: 'OK', detail: JSON.stringify({ x: { currentPassword: PLAIN[2], newPassword: PLAIN[3] } }) },
  // A secret in a variable whose name says nothing.
  { operation: 'resetPassword', outcome: 'OK', detail: JSON.stringify({ q: 'user-1', w: PLAIN[4] }) },
  // Cut at 2,000 characters: no longer JSON.
  {
    operation: 'createUser',
    outcome: 'OK',
    detail: `${JSON.stringify({ c: { username: 'x', displayName: 'y'.repeat(1990), password: PLAIN[5] } }).slice(0, 2000)}…`,
  },
];

async function seedLegacy(hub: TestHub): Promise<void> {
  await hub.login('agent');
  for (const row of LEGACY)
    await hub.store.transaction(async (tx) =>
      appendAudit(tx, {
        at: hub.clock.now(),
        requestId: 'legacy',
        actorId: null,
        operation: row.operation,
        outcome: row.outcome,
        detail: row.detail,
      }),
    );
  // Rows after the rewritten ones: their links must be re-sealed too.
  await hub.login('analyst');
}

/** The URL the CLI opens: the SQLite file, or the PostgreSQL database created for this hub. */
async function databaseUrl(hub: TestHub): Promise<string> {
  if (hub.db.dialect === 'sqlite') return path.join(hub.dir, 'hub.sqlite');
  const { name } = (await hub.db.get<{ name: string }>('SELECT current_database() AS name'))!;
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

// Runs in both passes of the suite: on SQLite, and on PostgreSQL.
describe('hub:audit-redact', () => {
  // Two CLI processes start tsx and build the schema: slow on a shared machine, not a measure.
  it('removes every plaintext password, re-seals the chain and records that it did', { timeout: 180_000 }, async () => {
    const hub = await startHub({ demo: { feedback: 5, contacts: 1 } });
    try {
      await seedLegacy(hub);
      const url = await databaseUrl(hub);
      const all = async () =>
        hub.db.all<{ seq: number; operation: string; request_id: string | null; detail: string }>(
          'SELECT seq, operation, request_id, detail FROM audit_log ORDER BY seq',
        );
      const beforeText = JSON.stringify(await all());
      expect(beforeText).toContain(PLAIN[0]);
      const rowsBefore = (await all()).length;

      const run = await cli(hub, 'audit-redact', url);
      expect(run.status, run.stderr).toBe(0);
      const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
      expect(result).toMatchObject({ rows: rowsBefore, redacted: LEGACY.length, verified: { firstBroken: null } });

      const after = await all();
      const afterText = JSON.stringify(after);
      for (const p of PLAIN) expect(afterText).not.toContain(p);
      // What the rows were about stays readable.
      const login = after.find((r) => r.operation === 'login' && r.request_id === 'legacy')!;
      expect(JSON.parse(login.detail)).toEqual({ username: { username: 'agent', password: '[redacted]' } });
      expect(after.at(-1)).toMatchObject({ operation: 'auditRedact' });
      expect(JSON.parse(after.at(-1)!.detail)).toMatchObject({ redacted: LEGACY.length });

      // The chain holds, by the operator's own check, and the append-only guard is back.
      const verify = await cli(hub, 'verify-audit', url);
      expect(verify.status, verify.stderr).toBe(0);
      expect(JSON.parse(verify.stdout.trim())).toEqual({ rows: rowsBefore + 1, firstBroken: null });
      await expect(hub.db.run("UPDATE audit_log SET detail = 'x' WHERE seq = 1")).rejects.toThrow();
      // New rows chain onto the re-sealed ones.
      await hub.login('agent');
      expect((await hub.app.services.audit.verify()).firstBroken).toBeNull();
    } finally {
      await hub.stop();
    }
  });
});
