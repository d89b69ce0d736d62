import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The server's module boundaries (.dependency-cruiser.cjs, run by `pnpm lint`) are only worth
 * something if a violation fails them. Each case writes a small tree with one deliberate violation
 * into a temporary folder shaped like the project, runs the project's own rules on it, and expects
 * exactly that rule to fire; a clean tree must pass.
 */
const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DEPCRUISE = path.join(ROOT, 'node_modules', '.bin', 'depcruise');
const dirs: string[] = [];

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Writes `files` (path → source) under a fresh project-shaped folder and cruises server/src. */
async function cruise(files: Record<string, string>): Promise<{ ok: boolean; rules: string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-boundaries-'));
  dirs.push(dir);
  fs.copyFileSync(path.join(ROOT, '.dependency-cruiser.cjs'), path.join(dir, '.dependency-cruiser.cjs'));
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }),
  );
  for (const [file, source] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), source);
  }
  try {
    await run(DEPCRUISE, ['--config', '.dependency-cruiser.cjs', '--output-type', 'err', 'server/src'], { cwd: dir });
    return { ok: true, rules: [] };
  } catch (err) {
    const out = String((err as { stdout?: string }).stdout ?? '');
    const rules = [...out.matchAll(/^\s+error ([a-z-]+):/gm)].map((m) => m[1]!);
    if (!rules.length) throw err;
    return { ok: false, rules: [...new Set(rules)].sort() };
  }
}

const CLEAN = {
  'server/src/core/errors.ts': 'export class AppError extends Error {}\n',
  'server/src/feedback/feedback.rules.ts':
    "import type { AppError } from '../core/errors.js';\nexport const isLong = (s: string, e?: AppError) => s.length > 10 || !!e;\n",
  'server/src/feedback/feedback.service.ts':
    "import { AppError } from '../core/errors.js';\nimport { isLong } from './feedback.rules.js';\nexport const record = (s: string) => { if (isLong(s)) throw new AppError(); };\n",
  'server/src/feedback/index.ts': "export { record } from './feedback.service.js';\n",
  'server/src/problem/problem.service.ts': "import { record } from '../feedback/index.js';\nexport const open = () => record('x');\n",
  'server/src/problem/index.ts': "export { open } from './problem.service.js';\n",
  'server/src/app/modules.ts':
    "import { open } from '../problem/index.js';\nimport { record } from '../feedback/index.js';\nexport const MODULES = [open, record];\n",
};

describe('module boundaries', () => {
  it('pass a tree that keeps them', async () => {
    expect(await cruise(CLEAN)).toEqual({ ok: true, rules: [] });
  });

  it('fail when core/ imports a feature', async () => {
    const r = await cruise({
      ...CLEAN,
      'server/src/core/loaders.ts': "import { record } from '../feedback/index.js';\nexport const l = record;\n",
    });
    expect(r).toEqual({ ok: false, rules: ['core-knows-no-feature'] });
  });

  it('fail when a feature imports the composition root', async () => {
    const r = await cruise({
      ...CLEAN,
      'server/src/problem/problem.resolver.ts': "import { MODULES } from '../app/modules.js';\nexport const n = MODULES.length;\n",
    });
    expect(r.rules).toContain('features-do-not-compose');
  });

  it("fail when a feature reaches into another's files instead of its entry", async () => {
    const r = await cruise({
      ...CLEAN,
      'server/src/problem/problem.repository.ts': "import { isLong } from '../feedback/feedback.rules.js';\nexport const f = isLong;\n",
    });
    expect(r).toEqual({ ok: false, rules: ['through-entries'] });
  });

  it('fail when a rules file imports more than types and rules', async () => {
    const r = await cruise({
      ...CLEAN,
      'server/src/feedback/feedback.rules.ts':
        "import { AppError } from '../core/errors.js';\nexport const isLong = (s: string) => s.length > 10 || AppError === null;\n",
    });
    expect(r).toEqual({ ok: false, rules: ['rules-are-pure'] });
  });

  it('hold in the project itself, with no list of known violations to excuse any', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['lint:boundaries']).not.toMatch(/--ignore-known/);
    expect(fs.existsSync(path.join(ROOT, '.dependency-cruiser-known-violations.json'))).toBe(false);
    const { stdout } = await run(DEPCRUISE, ['--config', '.dependency-cruiser.cjs', '--output-type', 'err', 'server/src'], {
      cwd: ROOT,
    }).catch((err: { stdout?: string }) => ({ stdout: String(err.stdout ?? err) }));
    expect(stdout).toMatch(/no dependency violations found/);
  }, 120_000);

  it('fail on an import cycle', async () => {
    const r = await cruise({
      ...CLEAN,
      'server/src/feedback/feedback.service.ts':
        "import { isLong } from './feedback.rules.js';\nimport { k } from './feedback.repository.js';\nexport const record = (s: string) => isLong(s) && k;\n",
      'server/src/feedback/feedback.repository.ts': "import { record } from './feedback.service.js';\nexport const k = typeof record;\n",
    });
    expect(r).toEqual({ ok: false, rules: ['no-cycles'] });
  });
});
