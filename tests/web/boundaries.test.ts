import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../utils/temp.js';
import { WEB_ROOT } from './utils/build-web.js';

/** The web package's own dependency-cruiser, run with the web's own rules (web/.dependency-cruiser.cjs). */
const DEPCRUISE = path.join(WEB_ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CONFIG = path.join(WEB_ROOT, '.dependency-cruiser.cjs');

interface Violation {
  rule: string;
  from: string;
  to: string;
}

/** Cruises `src/` of a directory with the web's rules: the violations found, sorted, and the exit status of the check as `pnpm lint` runs it. */
function cruise(dir: string): { status: number | null; violations: Violation[] } {
  const depcruise = (...args: string[]) =>
    spawnSync(process.execPath, [DEPCRUISE, 'src', '--config', CONFIG, ...args], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  const { status } = depcruise();
  const run = depcruise('--output-type', 'json');
  expect(run.stdout, run.stderr).not.toBe('');
  const result = JSON.parse(run.stdout) as {
    summary: { violations: { rule: { name: string }; from: string; to: string }[] };
  };
  const violations = result.summary.violations
    .map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }))
    .sort((a, b) => `${a.rule} ${a.from}`.localeCompare(`${b.rule} ${b.from}`));
  return { status, violations };
}

/** A small tree shaped like web/src: lib/, the shared features/common/, and two features with an entry each. */
function tree(files: Record<string, string>): string {
  const dir = tempDir('voc-hub-boundaries-');
  const all: Record<string, string> = {
    'tsconfig.json': JSON.stringify({
      compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', jsx: 'react-jsx', noEmit: true },
      include: ['src'],
    }),
    'src/lib/format.ts': `export const format = (n: number) => String(n);\n`,
    'src/features/common/panel.ts': `import { format } from '../../lib/format.js';\nexport const panel = () => format(1);\n`,
    'src/features/problems/index.ts': `export { problemCard } from './problem-card.js';\n`,
    'src/features/problems/problem-card.ts': `import { panel } from '../common/panel.js';\nexport const problemCard = () => panel();\n`,
    'src/features/inbox/index.ts': `export { inboxPage } from './inbox-page.js';\n`,
    // Allowed: the shared place, lib, and another feature through its entry.
    'src/features/inbox/inbox-page.ts':
      `import { panel } from '../common/panel.js';\nimport { format } from '../../lib/format.js';\n` +
      `import { problemCard } from '../problems/index.js';\nexport const inboxPage = () => [panel(), format(2), problemCard()];\n`,
    ...files,
  };
  for (const [file, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  dirs.push(dir);
  return dir;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('the web app’s boundaries (dependency-cruiser, pnpm lint)', () => {
  it('accept a tree that keeps them: shared places, lib, and another feature through its index', () => {
    const r = cruise(tree({}));
    expect(r.violations).toEqual([]);
    expect(r.status).toBe(0);
  });

  it('fail on a cycle, a feature reaching past another’s index, lib importing a feature, a shared place importing a feature', () => {
    const r = cruise(
      tree({
        // The notification bell ↔ drawer cycle the web once had.
        'src/features/shell/notification-bell.ts': `import { drawer } from './notification-drawer.js';\nexport const bell = () => drawer;\n`,
        'src/features/shell/notification-drawer.ts': `import { bell } from './notification-bell.js';\nexport const drawer = () => bell;\n`,
        'src/features/desk/desk-page.ts': `import { problemCard } from '../problems/problem-card.js';\nexport const desk = () => problemCard();\n`,
        'src/lib/live.ts': `import { inboxPage } from '../features/inbox/index.js';\nexport const live = () => inboxPage();\n`,
        'src/features/common/picker.ts': `import { problemCard } from '../problems/index.js';\nexport const picker = () => problemCard();\n`,
      }),
    );
    expect(r.violations).toEqual([
      {
        rule: 'feature-through-index',
        from: 'src/features/desk/desk-page.ts',
        to: 'src/features/problems/problem-card.ts',
      },
      { rule: 'lib-imports-no-feature', from: 'src/lib/live.ts', to: 'src/features/inbox/index.ts' },
      // A cycle is reported once, at the edge that closes it.
      {
        rule: 'no-circular',
        from: 'src/features/shell/notification-bell.ts',
        to: 'src/features/shell/notification-drawer.ts',
      },
      {
        rule: 'shared-imports-no-feature',
        from: 'src/features/common/picker.ts',
        to: 'src/features/problems/index.ts',
      },
    ]);
    expect(r.status).not.toBe(0); // what makes `pnpm lint` fail
  });

  it("fail when the app imports the server's source instead of the schema package", () => {
    // Shaped like the workspace: the web root (where lint:deps runs) beside server/.
    const base = tempDir('voc-hub-boundaries-');
    dirs.push(base);
    const web = tree({
      'src/lib/messages.zh.ts': `import { LABELS } from '../../../server/src/report/labels.js';\nexport const zh = LABELS;\n`,
    });
    fs.cpSync(web, path.join(base, 'web'), { recursive: true });
    fs.mkdirSync(path.join(base, 'server', 'src', 'report'), { recursive: true });
    fs.writeFileSync(path.join(base, 'server', 'src', 'report', 'labels.ts'), `export const LABELS = { LOW: '低' };\n`);
    const r = cruise(path.join(base, 'web'));
    expect(r.violations).toEqual([{ rule: 'no-server-source', from: 'src/lib/messages.zh.ts', to: '../server/src/report/labels.ts' }]);
    expect(r.status).not.toBe(0);
  });

  it('hold in the web app itself', () => {
    const r = cruise(WEB_ROOT);
    expect(r.violations).toEqual([]);
  }, 60_000);
});
