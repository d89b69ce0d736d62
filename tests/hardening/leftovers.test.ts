import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exists, proveGone, spawnTracked } from '../utils/processes.js';
import { tempDir } from '../utils/temp.js';

const TESTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VITEST = path.join(TESTS, 'node_modules', 'vitest', 'vitest.mjs');
const CONFIG = path.join(TESTS, 'hardening', 'fixtures', 'vitest.leak.config.ts');

/** Runs the fixture in a vitest of its own (its own run id, setup and teardown); its exit code and output. */
async function innerRun(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawnTracked('inner vitest', process.execPath, [VITEST, 'run', '--config', CONFIG], {
    cwd: TESTS,
    env: { ...process.env, ...env, NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  await proveGone(child);
  return { code, output };
}

describe('the global teardown', () => {
  it('fails the run when a test leaves a hub running, names it, and kills it', { timeout: 180_000 }, async () => {
    const pidFile = path.join(tempDir('voc-hub-leak-pid-'), 'pid');
    const { code, output } = await innerRun({ HUB_LEAK_PID_FILE: pidFile });
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    expect(pid).toBeGreaterThan(0);
    expect(code, output).not.toBe(0);
    expect(output).toContain('left 1 process(es) running');
    expect(output).toContain(`hub leaky (pid ${pid})`);
    // The teardown killed it: the failing run leaves nothing behind either.
    expect(exists(pid)).toBe(false);
    expect(exists(-pid)).toBe(false);
  });

  it('passes the run when every hub was stopped', { timeout: 180_000 }, async () => {
    const { code, output } = await innerRun({ HUB_LEAK_PID_FILE: '' });
    expect(output).not.toContain('process(es) running');
    expect(code, output).toBe(0);
  });
});
