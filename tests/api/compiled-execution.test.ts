import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type TestHub } from '../utils/hub.js';
import { CompiledExecution } from '../../server/src/core/executor.js';
import { hubSchema } from '../../server/src/app/schema.js';
import { parse } from 'graphql';

/**
 * Queries run on graphql-js at a document's first sighting and compiled (graphql-jit) from its
 * second (QUERY_COMPILE_AFTER=2, the default). Whatever path runs, the client must not be able to
 * tell: the same status, data, errors (codes, paths, locations) and masking, for every role.
 */

const PROBLEM_PAGE = `query Page($first: Int, $withFeedback: Boolean!) {
  problems(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      __typename id code title status version
      category { id name }
      branches { code name }
      diagnosis { summary suspectedCause author { username } proposedDepartments { name } }
      actions { id status dueAt overdue branch { code } department { name } updates { note } }
      feedback(first: 3) @include(if: $withFeedback) { totalCount edges { node { id text customerRef branch { code } } } }
      ... on Node { nodeId: id }
    } }
  }
}`;

const FEEDBACK_PAGE = `{ feedback(first: 30) { totalCount edges { node { id kind channel complaint text customerRef receivedAt branch { code } category { name } problem { code } } } } }`;

interface Case {
  who: string;
  label: string;
  query: string;
  /** An answer with data and no error (the other cases are about errors). */
  ok?: true;
  variables?: (ids: Ids) => Record<string, unknown>;
}
interface Ids {
  problemId: string;
  feedbackId: string;
  actionId: string;
}

const CASES: Case[] = [
  { who: 'coordinator', label: 'problem page', ok: true, query: PROBLEM_PAGE, variables: () => ({ first: 25, withFeedback: true }) },
  {
    who: 'bm.sh',
    label: 'problem page, one branch subtree',
    ok: true,
    query: PROBLEM_PAGE,
    variables: () => ({ first: 25, withFeedback: true }),
  },
  {
    who: 'expert.card',
    label: 'problem page without feedback',
    ok: true,
    query: PROBLEM_PAGE,
    variables: () => ({ first: 20, withFeedback: false }),
  },
  { who: 'agent', label: 'feedback page (personal data of others masked)', ok: true, query: FEEDBACK_PAGE },
  { who: 'analyst', label: 'feedback page (unmasked)', ok: true, query: FEEDBACK_PAGE },
  { who: 'bm.bj', label: 'feedback page of another subtree', ok: true, query: FEEDBACK_PAGE },
  {
    who: 'coordinator',
    label: 'node() of three types with fragments and aliases',
    ok: true,
    query: `query($p: ID!, $f: ID!, $a: ID!) {
      p: node(id: $p) { __typename id ... on Problem { code title } }
      f: node(id: $f) { __typename ... on Feedback { text branch { code } } }
      a: node(id: $a) { __typename ... on LinkageAction { status problem { code } } }
    }`,
    variables: (ids) => ({ p: ids.problemId, f: ids.feedbackId, a: ids.actionId }),
  },
  {
    who: 'bm.sh',
    label: 'node() out of scope: NOT_FOUND with its path, siblings answered',
    query: `query($p: ID!) { me { username } p: node(id: $p) { id } q: problem(id: $p) { code } }`,
    variables: (ids) => ({ p: ids.problemId }),
  },
  { who: 'coordinator', label: 'missing problem: NOT_FOUND', query: `{ problem(id: "prb_00000000000000000000000000") { id } }` },
  { who: 'coordinator', label: 'malformed id: BAD_USER_INPUT', query: `{ problem(id: "nope") { id } }` },
  {
    who: 'coordinator',
    label: 'variable of the wrong type',
    query: `query($id: ID!) { problem(id: $id) { id } }`,
    variables: () => ({ id: { x: 1 } }),
  },
  { who: 'coordinator', label: 'missing variable', query: `query($id: ID!) { problem(id: $id) { id } }`, variables: () => ({}) },
  { who: 'agent', label: 'FORBIDDEN field among allowed ones', query: `{ me { username role } users { id } }` },
  { who: '', label: 'anonymous: UNAUTHENTICATED', query: `{ problems(first: 1) { totalCount } }` },
  {
    who: 'coordinator',
    label: '@skip and __typename at the root',
    ok: true,
    query: `{ __typename me @skip(if: true) { id } categories { name } }`,
  },
  {
    who: 'coordinator',
    label: 'KPIs and the dashboard',
    ok: true,
    query: `{ dashboard { openActions overdueActions problemsByStatus { status count } kpis { answerRate complaintRate contacts } league { branch { code } } } }`,
  },
];

/**
 * Correlation ids differ per request; errors of sibling fields arrive in the order their resolvers
 * finished (on PostgreSQL, whichever query answered first), which GraphQL leaves open: compared by path.
 */
const normalise = (body: unknown): unknown => {
  const parsed = JSON.parse(JSON.stringify(body).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')) as {
    errors?: { path?: unknown; message: string }[];
  };
  const key = (e: { path?: unknown; message: string }) => `${JSON.stringify(e.path ?? null)} ${e.message}`;
  parsed.errors?.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return parsed;
};

describe('compiled execution (graphql-jit) answers exactly as graphql-js', () => {
  let hub: TestHub;
  const tokens = new Map<string, string>();
  let ids: Ids;
  /** Documents sent by earlier cases: compiled already. */
  const seenDocuments = new Set<string>();

  const post = async (who: string, query: string, variables?: Record<string, unknown>) => {
    const res = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(who ? { authorization: `Bearer ${tokens.get(who)}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: normalise(await res.json()) };
  };
  const compiledDocuments = async () => {
    const text = await (await fetch(hub.url.replace('/graphql', '/metrics'))).text();
    return Number(/^hub_graphql_compiled_documents (\d+)/m.exec(text)?.[1]);
  };

  beforeAll(async () => {
    hub = await startHub({ demo: { feedback: 1_500, contacts: 400 }, env: { QUERY_COMPILE_AFTER: '2' } });
    for (const who of new Set(CASES.map((c) => c.who).filter(Boolean))) tokens.set(who, await hub.login(who));
    const bjOnly = await hub.db.get<{ id: string }>(
      `SELECT p.id FROM problems p WHERE EXISTS (SELECT 1 FROM actions a WHERE a.problem_id = p.id)
       AND NOT EXISTS (SELECT 1 FROM feedback f JOIN branches b ON b.id = f.branch_id WHERE f.problem_id = p.id AND b.code LIKE 'SH%')
       AND NOT EXISTS (SELECT 1 FROM actions a JOIN branches b ON b.id = a.branch_id WHERE a.problem_id = p.id AND b.code LIKE 'SH%')
       ORDER BY p.id LIMIT 1`,
    );
    const action = await hub.db.get<{ id: string }>('SELECT id FROM actions WHERE problem_id = ? ORDER BY id LIMIT 1', bjOnly!.id);
    const fb = await hub.db.get<{ id: string }>('SELECT id FROM feedback WHERE problem_id = ? ORDER BY id LIMIT 1', bjOnly!.id);
    ids = { problemId: bjOnly!.id, actionId: action!.id, feedbackId: fb!.id };
  }, 120_000);
  afterAll(() => hub?.stop());

  it.each(CASES.map((c) => [`${c.who || 'anonymous'}: ${c.label}`, c] as const))('%s', async (_name, c) => {
    const variables = c.variables?.(ids);
    const before = await compiledDocuments();
    const interpreted = await post(c.who, c.query, variables);
    const compiledNow = await compiledDocuments();
    const compiled = await post(c.who, c.query, variables);
    const third = await post(c.who, c.query, variables);
    if (c.ok)
      expect(interpreted, JSON.stringify(interpreted).slice(0, 500)).toMatchObject({ status: 200, body: { data: expect.anything() } });
    if (c.ok) expect(interpreted.body).not.toHaveProperty('errors');
    expect(compiled).toEqual(interpreted);
    expect(third).toEqual(interpreted);
    // The first sighting of each document ran on graphql-js; the second compiled it, unless an
    // earlier case already had (the same document with other variables or another viewer).
    expect(compiledNow).toBe(before);
    const isNew = !seenDocuments.has(c.query);
    seenDocuments.add(c.query);
    expect(await compiledDocuments()).toBe(before + (isNew ? 1 : 0));
  });

  it('compiles queries only: a mutation sent again and again runs on graphql-js', async () => {
    const before = await compiledDocuments();
    for (let i = 0; i < 3; i++) {
      const r = await post('agent', 'mutation($id: ID!) { markNotificationRead(id: $id) { id } }', { id: 'ntf_missing' });
      expect(r.status).toBeLessThan(500);
    }
    expect(await compiledDocuments()).toBe(before);
  });
});

describe('CompiledExecution', () => {
  const context = () => ({ viewer: null }) as never;

  it('compiles at the configured sighting, keeps at most `capacity` documents, and never compiles with 0', async () => {
    const schema = await hubSchema();
    const docs = ['{ __typename }', '{ a: __typename }', '{ b: __typename }'].map((source) => ({ source, document: parse(source) }));
    const run = (exec: CompiledExecution, i: number) =>
      exec.run({ ...docs[i]!, operationName: undefined, isQuery: true, contextValue: context(), variableValues: {} });

    const exec = new CompiledExecution(schema, { compileAfter: 2, capacity: 2 });
    await run(exec, 0);
    expect(exec.compiledCount).toBe(0);
    expect(await run(exec, 0)).toEqual({ data: { __typename: 'Query' } });
    expect(exec.compiledCount).toBe(1);
    expect(exec.compiledRuns).toBe(1);
    await run(exec, 1);
    await run(exec, 1); // two documents kept
    expect(exec.compiledCount).toBe(2);
    await run(exec, 2); // a third: the least recently used (0) is dropped
    await run(exec, 0);
    await run(exec, 0); // compiled anew
    expect(exec.compiledCount).toBe(3);
    expect(await run(exec, 1)).toEqual({ data: { a: 'Query' } }); // 1 was dropped when 0 came back: not compiled
    expect(exec.compiledCount).toBe(3);

    const never = new CompiledExecution(schema, { compileAfter: 0, capacity: 2 });
    for (let i = 0; i < 5; i++) await run(never, 0);
    expect(never.compiledCount).toBe(0);
    expect(never.compiledRuns).toBe(0);
  });
});
