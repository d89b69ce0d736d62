import fs from 'node:fs';
import pg from 'pg';
import { PG_ADMIN_URL } from './utils/services.js';
import { RUN_TAG, exists, registered, runDir, taggedProcesses } from './utils/processes.js';
import { buildServer, removeServerBuild } from './utils/server-build.js';

/**
 * The run's id: every process the tests start carries it in its environment (utils/processes.ts).
 * Always a fresh one, also when this run was itself started by a test of an outer run.
 */
const RUN_ID = `${process.pid}-${Date.now().toString(36)}`;

/** Before the run: old test databases dropped, the server built, the run's tag set. After it: the leftover check. */
export async function setup(): Promise<() => Promise<void>> {
  await dropDeadDatabases();
  // Built before the tag is set: esbuild's own service process must not count as the tests'.
  const main = await buildServer(RUN_ID);
  // The workers are forked after this and inherit both, and so does everything they start.
  process.env[RUN_TAG] = RUN_ID;
  process.env.HUB_TEST_SERVER_MAIN = main;
  return teardown;
}

/**
 * Fails the run when any process the tests started is still alive: a hub, its children, a browser.
 * Each is named (registry name, pid, command line), then killed with its process group, so that
 * the failing run leaves nothing behind either.
 */
async function teardown(): Promise<void> {
  removeServerBuild(RUN_ID);
  const registry = registered(RUN_ID);
  fs.rmSync(runDir(RUN_ID), { recursive: true, force: true });
  const names = new Map(registry.map((p) => [p.pid, p.name]));
  // vitest runs the global teardown before it closes its pool: its own workers (its direct
  // children) may still be exiting. Whatever a test started is a grandchild, or an orphan.
  const leaked: { pid: number; command: string }[] = taggedProcesses(RUN_ID).filter((p) => p.ppid !== process.pid);
  // A registered process that dropped the tag from its environment (its pid not reused: same command).
  for (const p of registry) if (!leaked.some((l) => l.pid === p.pid) && commandOf(p.pid) === p.command.split(' ').join(' ')) leaked.push(p);
  if (leaked.length === 0) return;
  for (const p of leaked) {
    for (const target of [-p.pid, p.pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // no such group (it was not a group leader), or already gone
      }
    }
  }
  for (let i = 0; i < 200 && leaked.some((p) => exists(p.pid)); i++) await new Promise((r) => setTimeout(r, 25));
  const lines = leaked.map((p) => `  - ${names.get(p.pid) ?? 'untracked'} (pid ${p.pid}): ${p.command.slice(0, 200)}`);
  // vitest reports a teardown's error but keeps the exit code of the tests: set it.
  process.exitCode = 1;
  throw new Error(
    `The tests left ${leaked.length} process(es) running (now killed):\n${lines.join('\n')}\nStop every process a test starts (utils/processes.ts: killGroupHard/stopGroup, then proveGone).`,
  );
}

function commandOf(pid: number): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return null;
  }
}

/**
 * Drops test databases left behind by runs that died (a killed vitest never reaches a hub's stop()).
 * Each name carries the creating process's pid (utils/services.ts); a database whose process is gone
 * is garbage, one whose process lives belongs to a concurrent run and is left alone.
 */
async function dropDeadDatabases(): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 1_000 });
  try {
    await admin.connect();
  } catch {
    return; // no PostgreSQL: the PostgreSQL pass says so loudly (vitest.config.ts)
  }
  try {
    const names = (await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'hub\\_test\\_%'")).rows;
    for (const { datname } of names) {
      const pid = Number(/^hub_test_(\d+)_/.exec(datname)?.[1]);
      if (!pid || alive(pid)) continue;
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
  } finally {
    await admin.end();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
