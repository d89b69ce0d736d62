import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, parse, validate, execute, type DocumentNode } from 'graphql';

/**
 * The read-path baseline: plain graphql-js over node:http, with a parsed-and-validated document
 * cache, serving the same rows from memory — what GraphQL costs with no auth, no SQL, no scoping.
 */
export async function startPlainGraphql(rows: unknown[]): Promise<{ url: string; close: () => Promise<void> }> {
  const schema = buildSchema(`
    type Category { name: String! }
    type Branch { code: String! }
    type Problem { id: ID! code: String! title: String! status: String! category: Category! branches: [Branch!]! }
    type ProblemEdge { node: Problem! }
    type ProblemConnection { edges: [ProblemEdge!]! totalCount: Int! }
    type Query { problems(first: Int): ProblemConnection! }
  `);
  const root = {
    problems: ({ first }: { first: number }) => ({ edges: rows.slice(0, first).map((node) => ({ node })), totalCount: rows.length }),
  };
  const cache = new Map<string, DocumentNode>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', async () => {
      const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
      let document = cache.get(query);
      if (!document) {
        document = parse(query);
        const errors = validate(schema, document);
        if (errors.length) {
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors }));
          return;
        }
        cache.set(query, document);
      }
      const result = await execute({ schema, document, rootValue: root, variableValues: variables });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** The serialisation limit: node:http answering a fixed JSON body, no GraphQL at all. */
export async function startFixedJson(body: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
