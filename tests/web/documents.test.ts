import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSchema, Kind, parse, print, validate, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { DEFAULT_LIMITS, limitProblem, measureOperation, sourceProblem } from '../../server/src/core/limits.rules.js';
import { ROOT, WEB_ROOT } from './utils/build-web.js';

/**
 * Every operation the web app sends, as GraphQL Code Generator compiles it from web/src (with the
 * fragments it spreads), is valid against the contract and within the server's limits on one
 * document. Colocated fragments make a document grow without anyone seeing it grow: the cost limit
 * counts an object field once per place it is selected, so two fragments selecting the same
 * object can push a list query over the limit, and the page then shows nothing but an error.
 */
describe('the web app’s GraphQL documents', () => {
  const operations: { name: string; document: DocumentNode }[] = [];
  const schema = buildSchema(fs.readFileSync(path.join(ROOT, 'schema', 'schema.graphql'), 'utf8'));

  beforeAll(async () => {
    // The generated module is not committed: generate it as the web build does.
    const bin = path.join(WEB_ROOT, 'node_modules', '@graphql-codegen', 'cli', 'cjs', 'bin.js');
    await promisify(execFile)(process.execPath, [bin, '--config', 'codegen.config.ts'], { cwd: WEB_ROOT });
    const generated = (await import('../../web/src/gql/graphql.js')) as Record<string, unknown>;
    for (const [name, value] of Object.entries(generated)) {
      const document = value as DocumentNode | undefined;
      if (name.endsWith('Document') && document?.kind === Kind.DOCUMENT) operations.push({ name, document });
    }
  }, 60_000);

  it('are all found (queries, mutations and both subscriptions)', () => {
    expect(operations.length).toBeGreaterThan(50);
    expect(operations.map((o) => o.name)).toEqual(expect.arrayContaining(['LiveHubEventsDocument', 'MyActionsPageActionsDocument']));
  });

  it('are valid against schema/schema.graphql and within the server’s limits', () => {
    const problems: string[] = [];
    for (const { name, document } of operations) {
      const text = print(document);
      const op = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      const errors = validate(schema, parse(text));
      if (errors.length) problems.push(`${name}: ${errors.map((e) => e.message).join('; ')}`);
      const source = sourceProblem(text, DEFAULT_LIMITS);
      if (source) problems.push(`${name}: ${source}`);
      try {
        parse(text, { maxTokens: DEFAULT_LIMITS.maxTokens });
      } catch (e) {
        problems.push(`${name}: ${(e as Error).message}`);
      }
      const limit = limitProblem(measureOperation(schema, parse(text), op.name?.value, {}), DEFAULT_LIMITS);
      if (limit) problems.push(`${name}: ${limit}`);
    }
    expect(problems).toEqual([]);
  });
});
