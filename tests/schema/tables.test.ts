import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'server', 'src');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

/**
 * app/tables.ts names every table explicitly, through the modules' entries: it is the only file
 * drizzle-kit reads and what the PostgreSQL DDL is written from. A table a module declares but the
 * list forgets gets no migration, and the hub fails on its first write to it, so the list must be
 * complete: every `sqliteTable(...)` declared anywhere under server/src is exported there.
 */
describe('app/tables.ts', () => {
  it('exports every table a module declares', async () => {
    const declared = filesUnder(SRC)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) =>
        [...fs.readFileSync(f, 'utf8').matchAll(/export const (\w+) = sqliteTable\(/g)].map((m) => ({
          name: m[1]!,
          file: path.relative(SRC, f),
        })),
      );
    expect(declared.length).toBeGreaterThan(30);
    const tables = (await import('../../server/src/app/tables.js')) as Record<string, unknown>;
    const missing = declared.filter((t) => !(t.name in tables)).map((t) => `${t.name} (${t.file})`);
    expect(missing).toEqual([]);
  });
});
