import { spawnTracked } from '../../utils/processes.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const WEB_ROOT = path.join(ROOT, 'web');

export interface WebBuildOptions {
  /** Where to write the build; a fresh temp directory when omitted. */
  outDir?: string;
  /** Also write .vite/manifest.json (what the bundle-size script reads). */
  manifest?: boolean;
}

/**
 * Builds the web app with the project's own Vite (web/node_modules) into a directory of its own,
 * so that a test never runs against a stale web/dist. Runs Vite in a child process: the tests'
 * Vite realm (vitest) and the web package's are kept apart.
 */
export async function buildWeb(options: WebBuildOptions = {}): Promise<string> {
  const outDir = options.outDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'voc-hub-web-'));
  const vite = path.join(WEB_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const args = [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'];
  if (options.manifest) args.push('--manifest');
  await new Promise<void>((resolve, reject) => {
    const child = spawnTracked('vite build', process.execPath, args, {
      cwd: WEB_ROOT,
      // vitest sets NODE_ENV=test, which would make Vite build (and the bundle test measure) a development bundle.
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (${code}):\n${output}`))));
  });
  if (!fs.existsSync(path.join(outDir, 'index.html'))) throw new Error(`vite build wrote no index.html to ${outDir}`);
  return outDir;
}

/**
 * One build shared by every browser test file of a run: the first caller builds, the others wait
 * for it (a lock directory), keyed by the run so that a later run builds afresh.
 */
export async function sharedWebBuild(): Promise<string> {
  const key = process.env.HUB_WEB_BUILD_KEY ?? String(process.ppid);
  const dir = path.join(os.tmpdir(), `voc-hub-web-shared-${key}`);
  const lock = `${dir}.lock`;
  const done = path.join(dir, 'index.html');
  // Builds of earlier runs: gone after an hour.
  for (const e of fs.readdirSync(os.tmpdir())) {
    const p = path.join(os.tmpdir(), e);
    if (e.startsWith('voc-hub-web-shared-') && p !== dir && p !== lock && Date.now() - fs.statSync(p).mtimeMs > 3_600_000)
      fs.rmSync(p, { recursive: true, force: true });
  }
  for (let waited = 0; waited < 180_000; waited += 250) {
    if (fs.existsSync(done) && !fs.existsSync(lock)) return dir;
    try {
      fs.mkdirSync(lock);
    } catch {
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    try {
      if (!fs.existsSync(done)) await buildWeb({ outDir: dir });
      return dir;
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
  throw new Error('timed out waiting for the shared web build');
}
