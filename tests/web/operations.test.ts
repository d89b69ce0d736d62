import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildSchema, parse, print, validate, Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { DEFAULT_LIMITS, limitProblem, measureOperation, sourceProblem } from '../../server/src/core/limits.rules.js';
import { ROOT, WEB_ROOT } from './utils/build-web.js';

/**
 * Every GraphQL operation of the web app: each is a `graphql()` document in a `*.query.ts` beside
 * its component, printed with the fragments it spreads (what the browser sends).
 */
async function webOperations(): Promise<{ file: string; name: string; source: string }[]> {
  // The typed documents (web/src/gql) are generated, not committed: generate them as the build does.
  const codegen = path.join(WEB_ROOT, 'node_modules', '@graphql-codegen', 'cli', 'cjs', 'bin.js');
  await promisify(execFile)(process.execPath, [codegen, '--config', 'codegen.config.ts'], { cwd: WEB_ROOT });
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.query.ts')) files.push(p);
    }
  };
  walk(path.join(WEB_ROOT, 'src'));
  const out: { file: string; name: string; source: string }[] = [];
  for (const file of files) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      const document = value as DocumentNode | null;
      if (document?.kind === Kind.DOCUMENT && document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION))
        out.push({ file: path.relative(WEB_ROOT, file), name, source: print(document) });
    }
  }
  return out;
}

/** The operation of a document (its fragments follow it). */
const operationOf = (source: string) =>
  parse(source).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;

describe('the web app’s GraphQL operations', async () => {
  const schema = buildSchema(fs.readFileSync(path.join(ROOT, 'schema', 'schema.graphql'), 'utf8'));
  const operations = await webOperations();

  it('are found', () => {
    // The app's pages each read or write through the API; far fewer means the scan broke.
    expect(operations.length).toBeGreaterThan(40);
  });

  it('have unique <Component>_<Operation> names', () => {
    const names = operations.map((o) => operationOf(o.source).name?.value);
    for (const n of names) expect(n).toMatch(/^[A-Z][A-Za-z]*_[A-Z][A-Za-z]*$/);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(operations.map((o) => [`${o.file} ${o.name}`, o] as const))(
    '%s is valid against the served schema and within the server’s limits',
    (_, op) => {
      expect(sourceProblem(op.source, DEFAULT_LIMITS)).toBeUndefined();
      const document = parse(op.source, { maxTokens: DEFAULT_LIMITS.maxTokens });
      expect(validate(schema, document).map((e) => e.message)).toEqual([]);
      const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
      const measure = measureOperation(schema, document, operation.name?.value);
      expect(
        limitProblem(measure, DEFAULT_LIMITS),
        `cost ${measure.cost}, depth ${measure.depth}, aliases ${measure.aliases}`,
      ).toBeUndefined();
    },
  );
});
