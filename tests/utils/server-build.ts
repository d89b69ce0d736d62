import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { PROJECT_ROOT } from '../../server/src/core/env.js';

/**
 * The server as plain JavaScript, built once per test run, so that a test starts a hub as
 * `node main.js`: one process, the one that opens the database. (A `tsx` launcher runs the hub as a
 * second node process; a kill aimed at the launcher missed the hub.)
 *
 * esbuild transpiles file by file (no bundle) into `server/.test-build-<run id>/`, keeping the
 * layout of `server/src`: `core/env.ts` finds the project root three levels up from itself, as it
 * does from `src/` and `dist/`, and packages resolve from `server/node_modules`. It is what tsx
 * itself does to each file, so the build behaves as the dev server does (decorators included).
 */
const SERVER = path.join(PROJECT_ROOT, 'server');

export const serverBuildDir = (runId: string): string => path.join(SERVER, `.test-build-${runId}`);

/** Builds the server for run `runId`; returns the path of its `main.js`. */
export async function buildServer(runId: string): Promise<string> {
  const outdir = serverBuildDir(runId);
  const entryPoints = (fs.readdirSync(path.join(SERVER, 'src'), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(SERVER, 'src', f));
  try {
    await esbuild.build({
      entryPoints,
      outdir,
      outbase: path.join(SERVER, 'src'),
      bundle: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      tsconfig: path.join(SERVER, 'tsconfig.json'),
      logLevel: 'error',
    });
  } finally {
    // esbuild keeps a service process alive for further builds; the run must not leave it behind.
    await esbuild.stop();
  }
  const main = path.join(outdir, 'main.js');
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
