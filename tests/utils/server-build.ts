import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { PROJECT_ROOT } from '../../server/src/core/env.js';

/**
 * The server as one JavaScript file, built once per test run, so that a test starts a hub as
 * `node main.js`: one process, the one that opens the database. (A `tsx` launcher runs the hub as a
 * second node process; a kill aimed at the launcher missed the hub.)
 *
 * esbuild bundles `server/src/main.ts` with its packages (only the native or optional ones stay
 * outside), the way tsx compiles each file (decorators included). One bundle starts in about half
 * the CPU time of the same modules loaded file by file, and the crash test starts a hub 31 times per
 * store. It is written to `server/.test-build-<run id>/bundle/main.js`: two levels under `server/`,
 * as `src/core/env.ts` is, so the project root is found three levels up as from `src` and `dist`,
 * and the external packages resolve from `server/node_modules`.
 */
const SERVER = path.join(PROJECT_ROOT, 'server');

export const serverBuildDir = (runId: string): string => path.join(SERVER, `.test-build-${runId}`);

/** CommonJS packages inside an ES module bundle still find `require` and their own `__dirname`. */
const BANNER = [
  "import { createRequire as __hubCreateRequire } from 'node:module';",
  "import { fileURLToPath as __hubFileURLToPath } from 'node:url';",
  "import { dirname as __hubDirname } from 'node:path';",
  'const require = __hubCreateRequire(import.meta.url);',
  'const __filename = __hubFileURLToPath(import.meta.url);',
  'const __dirname = __hubDirname(__filename);',
].join('\n');

/** Builds the server for run `runId`; returns the path of its `main.js`. */
export async function buildServer(runId: string): Promise<string> {
  const main = path.join(serverBuildDir(runId), 'bundle', 'main.js');
  try {
    await esbuild.build({
      entryPoints: [path.join(SERVER, 'src', 'main.ts')],
      outfile: main,
      bundle: true,
      // Native (better-sqlite3), or optional and not installed (pg-native, class-validator).
      external: ['better-sqlite3', 'pg-native', 'class-validator'],
      format: 'esm',
      platform: 'node',
      target: 'node20',
      tsconfig: path.join(SERVER, 'tsconfig.json'),
      banner: { js: BANNER },
      logLevel: 'error',
    });
  } finally {
    // esbuild keeps a service process alive for further builds; the run must not leave it behind.
    await esbuild.stop();
  }
  if (!fs.existsSync(main)) throw new Error(`the server build wrote no ${main}`);
  return main;
}

export function removeServerBuild(runId: string): void {
  fs.rmSync(serverBuildDir(runId), { recursive: true, force: true });
}

/** The built `main.js` of this run (global-setup.ts builds it and names it in the environment). */
export function serverMain(): string {
  const main = process.env.HUB_TEST_SERVER_MAIN;
  if (!main || !fs.existsSync(main))
    throw new Error('HUB_TEST_SERVER_MAIN is not set: run the tests through vitest (tests/global-setup.ts builds the server)');
  return main;
}
