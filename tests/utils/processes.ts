import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Every process a test starts, tracked, so that a kill reaches the process that does the work and a
 * test run ends with nothing of its own left running.
 *
 * - Each process is tagged with `HUB_TEST_RUN=<run id>` in its environment. Whatever it starts in
 *   turn (a hub's children, Chromium's renderers) inherits the tag, so the global teardown finds
 *   grandchildren that no registry could know about by scanning `/proc/<pid>/environ`.
 * - Each is started detached, in a process group of its own: `killGroupHard` sends SIGKILL to the
 *   whole group, never to a launcher only (a `tsx` launcher once took the kill while the hub it had
 *   started went on running, orphaned, on the same database).
 * - Each is written to the run's registry file, so that the teardown (in another process) can name it.
 */

/** The tag's name in the environment of every process the tests start. */
export const RUN_TAG = 'HUB_TEST_RUN';

/** This test run's id (set by global-setup.ts before any worker starts). */
export function runId(): string {
  const id = process.env[RUN_TAG];
  if (!id) throw new Error(`${RUN_TAG} is not set: run the tests through vitest (tests/global-setup.ts sets it)`);
  return id;
}

/** The run's own directory under the system temp dir: its registry lives there. */
export const runDir = (id: string): string => path.join(os.tmpdir(), `voc-hub-test-run-${id}`);
const registryFile = (id: string): string => path.join(runDir(id), 'processes.jsonl');

export interface RegisteredProcess {
  pid: number;
  name: string;
  command: string;
}

/** The processes the run's tests registered (every worker appends to one file). */
export function registered(id: string): RegisteredProcess[] {
  let text = '';
  try {
    text = fs.readFileSync(registryFile(id), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as RegisteredProcess);
}

const live = new Map<number, { name: string; child: ChildProcess }>();

/**
 * Starts `command` tagged with the run id, detached in its own process group, and registers it.
 * The caller ends it with `stopGroup`/`killGroupHard` and then `proveGone`.
 */
export function spawnTracked(name: string, command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  const id = runId();
  const child = spawn(command, args, {
    ...options,
    env: { ...(options.env ?? process.env), [RUN_TAG]: id },
    detached: true,
  });
  if (child.pid === undefined) throw new Error(`could not start ${name} (${command})`);
  const entry: RegisteredProcess = { pid: child.pid, name, command: [command, ...args].join(' ') };
  fs.mkdirSync(runDir(id), { recursive: true });
  fs.appendFileSync(registryFile(id), `${JSON.stringify(entry)}\n`);
  live.set(child.pid, { name, child });
  child.once('exit', () => live.delete(child.pid!));
  return child;
}

/** SIGKILL to the child's whole process group: the process and everything it started. */
export function killGroupHard(child: ChildProcess): void {
  signalGroup(child.pid!, 'SIGKILL');
}

/** SIGTERM to the child's process group (a graceful stop). */
export function stopGroup(child: ChildProcess): void {
  signalGroup(child.pid!, 'SIGTERM');
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

/** Whether a process (pid > 0) or a process group (pid < 0) exists. */
export function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether something accepts a TCP connection on 127.0.0.1:port (false: refused). */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(2_000, () => {
      socket.destroy();
      resolve(true); // neither accepted nor refused: something still holds the port
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code !== 'ECONNREFUSED'));
  });
}

/**
 * Proves a killed or stopped child is gone: it was reaped, its pid no longer exists, its process
 * group is empty, and (when it listened) its port refuses connections. Waits for that (the kernel
 * tears a process down asynchronously) and throws if it does not come within `withinMs`.
 */
export async function proveGone(child: ChildProcess, port?: number, withinMs = 15_000): Promise<void> {
  const pid = child.pid!;
  const deadline = Date.now() + withinMs;
  if (child.exitCode === null && child.signalCode === null)
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`process ${pid} did not exit`)), withinMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  for (;;) {
    const pidLeft = exists(pid);
    const groupLeft = exists(-pid);
    const portOpen = port !== undefined && (await accepts(port));
    if (!pidLeft && !groupLeft && !portOpen) return;
    if (Date.now() > deadline)
      throw new Error(
        `process ${pid} is not gone: ${[pidLeft && 'pid exists', groupLeft && 'process group exists', portOpen && `port ${port} accepts connections`].filter(Boolean).join(', ')}`,
      );
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface TaggedProcess {
  pid: number;
  /** The parent's pid (an orphan's is 1, or a subreaper's). */
  ppid: number;
  command: string;
}

/** Every live process whose environment carries `HUB_TEST_RUN=<id>` (zombies have none). */
export function taggedProcesses(id: string): TaggedProcess[] {
  const needle = Buffer.from(`\0${RUN_TAG}=${id}\0`);
  const found: TaggedProcess[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let environ: Buffer;
    try {
      // A leading NUL makes the first variable match like every other one.
      environ = Buffer.concat([Buffer.from([0]), fs.readFileSync(`/proc/${pid}/environ`), Buffer.from([0])]);
    } catch {
      continue; // gone meanwhile, or not ours to read
    }
    if (!environ.includes(needle)) continue;
    let command = '';
    let ppid = 0;
    try {
      command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
      // Field 4 of stat, after the command name in parentheses (which may itself hold spaces).
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      continue;
    }
    found.push({ pid, ppid, command });
  }
  return found;
}
