import type { Client } from 'graphql-ws';
import { codeOf, type GqlResult, type TestHub } from './hub.js';

/** Ids of the fixed demo reference data, looked up through the public API. */
export interface DemoIds {
  branch: Record<string, string>;
  category: Record<string, string>;
  department: Record<string, string>;
  user: Record<string, string>;
}

export async function demoIds(hub: TestHub, token: string): Promise<DemoIds> {
  const r = await hub.gql(token, '{ branches { id code } categories { id code } departments { id code } users { id username } }');
  if (!r.data) throw new Error(`reference data: ${JSON.stringify(r.errors)}`);
  const byCode = (rows: { id: string; code: string }[]) => Object.fromEntries(rows.map((x) => [x.code, x.id]));
  return {
    branch: byCode(r.data.branches),
    category: byCode(r.data.categories),
    department: byCode(r.data.departments),
    user: Object.fromEntries((r.data.users as { id: string; username: string }[]).map((u) => [u.username, u.id])),
  };
}

/** Signs every demo user in once. */
export async function tokens(hub: TestHub): Promise<Record<string, string>> {
  const names = ['admin', 'agent', 'analyst', 'coordinator', 'expert.card', 'expert.it', 'bm.sh', 'bm.bj'];
  const list = await Promise.all(names.map((n) => hub.login(n)));
  return Object.fromEntries(names.map((n, i) => [n, list[i]!]));
}

/** Throws with the errors when an operation was refused. */
export function ok<T = any>(r: GqlResult, what = 'operation'): T {
  if (r.errors?.length || !r.data) throw new Error(`${what} failed: ${JSON.stringify(r.errors)}`);
  return r.data as T;
}

export const RECORD_FEEDBACK = `mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id text branch { code } } }`;
export const OPEN_PROBLEM = `mutation($i: OpenProblemInput!) { openProblem(input: $i) { id version status } }`;
export const SUBMIT_DIAGNOSIS = `mutation($i: SubmitDiagnosisInput!) { submitDiagnosis(input: $i) { id version status } }`;
export const DISMISS_PROBLEM = `mutation($i: DismissProblemInput!) { dismissProblem(input: $i) { id version status } }`;
export const MERGE_PROBLEM = `mutation($i: MergeProblemInput!) { mergeProblem(input: $i) { id version status } }`;
export const ATTACH_FEEDBACK = `mutation($i: AttachFeedbackInput!) { attachFeedback(input: $i) { id version status } }`;
export const OPEN_CONSULTATION = `mutation($i: OpenConsultationInput!) { openConsultation(input: $i) { id version status } }`;
export const SUBMIT_OPINION = `mutation($i: SubmitOpinionInput!) { submitOpinion(input: $i) { id version status } }`;
export const CONCLUDE = `mutation($i: ConcludeConsultationInput!) {
  concludeConsultation(input: $i) { id version status actions { id version status branch { code } department { code } } } }`;
export const ACCEPT_ACTION = `mutation($i: ActionStepInput!) { acceptAction(input: $i) { id version status } }`;
export const REPORT_PROGRESS = `mutation($i: ReportProgressInput!) { reportProgress(input: $i) { id version status } }`;
export const ADD_ACTION = `mutation($i: AddActionInput!) { addAction(input: $i) { id version status } }`;
export const RECORD_CONTACTS = `mutation($i: RecordContactsInput!) { recordContacts(input: $i) }`;

export interface FeedbackDraft {
  branchId: string;
  categoryId: string;
  text: string;
  kind?: 'PRAISE' | 'PROBLEM' | 'SUGGESTION';
  channel?: string;
  idempotencyKey?: string;
  receivedAt?: string;
  customerRef?: string;
}

export function feedbackInput(d: FeedbackDraft) {
  return { kind: d.kind ?? 'PROBLEM', channel: d.channel ?? 'VOICE', ...d };
}

/** Records one feedback item (as an AGENT or ANALYST) and answers its id. */
export async function recordFeedback(hub: TestHub, token: string, d: FeedbackDraft): Promise<string> {
  return ok(await hub.gql(token, RECORD_FEEDBACK, { i: feedbackInput(d) }), 'recordFeedback').recordFeedback.id;
}

/** Runs `count` tasks with at most `parallel` in flight, keeping results in order. */
export async function inBatches<T>(count: number, parallel: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      out[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return out;
}

export interface ProblemRef {
  id: string;
  version: number;
  status: string;
}

/** Opens a problem from the given feedback ids. */
export async function openProblem(
  hub: TestHub,
  token: string,
  categoryId: string,
  feedbackIds: string[],
  title = `问题 ${Math.random().toString(36).slice(2, 8)}`,
): Promise<ProblemRef> {
  return ok(await hub.gql(token, OPEN_PROBLEM, { i: { title, categoryId, severity: 'MEDIUM', feedbackIds } }), 'openProblem').openProblem;
}

export async function diagnose(hub: TestHub, token: string, p: ProblemRef, departmentIds: string[]): Promise<ProblemRef> {
  return ok(
    await hub.gql(token, SUBMIT_DIAGNOSIS, {
      i: {
        problemId: p.id,
        expectedVersion: p.version,
        summary: '初诊：流程缺陷',
        customerImpact: '客户多次来电',
        suspectedCause: 'BUSINESS_PROCESS',
        proposedDepartmentIds: departmentIds,
      },
    }),
    'submitDiagnosis',
  ).submitDiagnosis;
}

export async function openConsultation(hub: TestHub, token: string, p: ProblemRef, expertIds: string[]): Promise<ProblemRef> {
  return ok(await hub.gql(token, OPEN_CONSULTATION, { i: { problemId: p.id, expectedVersion: p.version, expertIds } }), 'openConsultation')
    .openConsultation;
}

export async function submitOpinion(hub: TestHub, expertToken: string, problemId: string): Promise<ProblemRef> {
  return ok(
    await hub.gql(expertToken, SUBMIT_OPINION, { i: { problemId, body: '同意初诊意见', agreesWithDiagnosis: true } }),
    'submitOpinion',
  ).submitOpinion;
}

export interface ActionDraft {
  branchId?: string;
  departmentId?: string;
  title?: string;
}

export interface ConcludedProblem extends ProblemRef {
  actions: { id: string; version: number; status: string; branch: { code: string } | null; department: { code: string } | null }[];
}

export async function conclude(hub: TestHub, token: string, p: ProblemRef, actions: ActionDraft[], dueAt: Date): Promise<ConcludedProblem> {
  return ok(
    await hub.gql(token, CONCLUDE, {
      i: {
        problemId: p.id,
        expectedVersion: p.version,
        rootCause: 'BUSINESS_PROCESS',
        rootCauseDetail: '审批环节缺失',
        remediationPlan: '优化流程并培训',
        outcome: 'PROCESS_CHANGE',
        actions: actions.map((a, i) => ({
          ...(a.branchId ? { branchId: a.branchId } : {}),
          ...(a.departmentId ? { departmentId: a.departmentId } : {}),
          title: a.title ?? `整改 ${i + 1}`,
          description: '按会诊意见整改',
          dueAt: dueAt.toISOString(),
        })),
      },
    }),
    'concludeConsultation',
  ).concludeConsultation;
}

/** Drives a problem from fresh feedback to IN_CONSULTATION with one opinion given. */
export async function problemInConsultation(
  hub: TestHub,
  t: Record<string, string>,
  ids: DemoIds,
  feedbackIds: string[],
  title?: string,
): Promise<ProblemRef> {
  let p = await openProblem(hub, t.coordinator!, ids.category.CREDIT_CARD!, feedbackIds, title);
  p = await diagnose(hub, t.analyst!, p, [ids.department.CARD!]);
  p = await openConsultation(hub, t.coordinator!, p, [ids.user['expert.card']!]);
  p = await submitOpinion(hub, t['expert.card']!, p.id);
  return p;
}

/**
 * Drives a problem from fresh feedback to RESOLVED: in consultation, concluded with one action for
 * 上海分行, which its branch manager accepts, reports on and submits, the coordinator confirms, and
 * the coordinator resolves.
 */
export async function resolvedProblem(
  hub: TestHub,
  t: Record<string, string>,
  ids: DemoIds,
  feedbackIds: string[],
  title?: string,
): Promise<ProblemRef> {
  const p = await problemInConsultation(hub, t, ids, feedbackIds, title);
  const concluded = await conclude(
    hub,
    t.coordinator!,
    p,
    [{ branchId: ids.branch.SH! }],
    new Date(hub.clock.now().getTime() + 10 * 86_400_000),
  );
  const action = concluded.actions[0]!;
  const step = async (who: string, op: string, input: string, extra: Record<string, unknown>, version: number) =>
    ok(
      await hub.gql(t[who]!, `mutation($i: ${input}!) { ${op}(input: $i) { id version } }`, {
        i: { actionId: action.id, expectedVersion: version, ...extra },
      }),
      op,
    )[op].version as number;
  let v = await step('bm.sh', 'acceptAction', 'ActionStepInput', {}, action.version);
  v = await step('bm.sh', 'reportProgress', 'ReportProgressInput', { note: '整改中' }, v);
  v = await step('bm.sh', 'submitAction', 'SubmitActionInput', { evidence: '已整改' }, v);
  await step('coordinator', 'confirmAction', 'ActionStepInput', {}, v);
  const verifying = ok(await hub.gql(t.coordinator!, `query($id: ID!) { problem(id: $id) { id version status } }`, { id: p.id })).problem;
  return ok(
    await hub.gql(t.coordinator!, `mutation($i: ResolveProblemInput!) { resolveProblem(input: $i) { id version status } }`, {
      i: { problemId: p.id, expectedVersion: verifying.version, note: '已解决' },
    }),
    'resolveProblem',
  ).resolveProblem;
}

/** Row count of a table, read straight from the database. */
export async function rowCount(hub: TestHub, table: string): Promise<number> {
  return (await hub.db.get<{ n: number }>(`SELECT count(*) AS n FROM "${table}"`))!.n;
}

export const WRITTEN_TABLES = [
  'feedback',
  'idempotency_keys',
  'problems',
  'diagnoses',
  'diagnosis_departments',
  'consultations',
  'consultation_experts',
  'opinions',
  'actions',
  'action_updates',
  'extension_requests',
  'contact_records',
  'hub_events',
] as const;

/** Row counts of every table a mutation of the loop writes. */
export async function counts(hub: TestHub): Promise<Record<(typeof WRITTEN_TABLES)[number], number>> {
  const entries: [string, number][] = [];
  for (const t of WRITTEN_TABLES) entries.push([t, await rowCount(hub, t)]);
  return Object.fromEntries(entries) as Record<(typeof WRITTEN_TABLES)[number], number>;
}

/** The highest event seq in the log. */
export async function lastSeq(hub: TestHub): Promise<number> {
  return (await hub.db.get<{ n: number }>('SELECT coalesce(max(seq), 0) AS n FROM hub_events'))!.n;
}

/** Open hubEvents subscriptions, as the public /metrics endpoint reports them. */
export async function openStreams(hub: TestHub): Promise<number> {
  const res = await fetch(hub.url.replace(/\/graphql$/, '/metrics'));
  const m = /^hub_event_streams (\d+)$/m.exec(await res.text());
  if (!m) throw new Error('hub_event_streams missing from /metrics');
  return Number(m[1]);
}

/**
 * Subscribes and waits until the hub has registered the `count` new streams, so that no live
 * event is missed. Counts relative to the streams open before: a stream the client already
 * disposed may linger on the server until its next event (see the report), and no event happens
 * while we wait, so the baseline is stable.
 */
export async function listening<T>(hub: TestHub, count: number, subscribe: () => T): Promise<T> {
  const base = await openStreams(hub);
  const result = subscribe();
  await waitForStreams(hub, base + count);
  return result;
}

/** Waits until the hub reports exactly `n` open subscriptions (or at most `n`). */
export async function waitForStreams(hub: TestHub, n: number, timeoutMs = 5000, atMost = false): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await openStreams(hub);
    if (open === n || (atMost && open < n)) return;
    if (Date.now() > deadline) throw new Error(`expected ${n} open streams, hub reports ${open}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The first error's extensions, for assertions. */
export const extOf = (r: GqlResult): Record<string, any> | undefined => r.errors?.[0]?.extensions;

export { codeOf };

/** A small deterministic PRNG (mulberry32), so that a failing random run can be replayed by seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The most aliased fields the hub accepts in one document (DEFAULT_LIMITS.maxAliases). */
export const MAX_ALIASES = 15;

/**
 * Sends the same mutation for many inputs, at most MAX_ALIASES aliased in one request, so that
 * setup goes through the API without a round trip per row. Throws on any error; answers the
 * results in input order.
 */
export async function aliasedMutations<T = any>(
  hub: TestHub,
  token: string,
  field: string,
  inputType: string,
  inputs: readonly unknown[],
  selection = '',
): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < inputs.length; start += MAX_ALIASES) {
    const chunk = inputs.slice(start, start + MAX_ALIASES);
    const vars = chunk.map((_, i) => `$i${i}: ${inputType}!`).join(', ');
    const body = chunk.map((_, i) => `a${i}: ${field}(input: $i${i}) ${selection}`).join('\n');
    const r = await hub.gql(token, `mutation(${vars}) {\n${body}\n}`, Object.fromEntries(chunk.map((v, i) => [`i${i}`, v])));
    const data = ok(r, `${field} ×${chunk.length}`);
    chunk.forEach((_, i) => out.push(data[`a${i}`] as T));
  }
  return out;
}

/**
 * One operation (query or mutation) over a graphql-ws client, answered like an HTTP response: an
 * operation refused before it runs arrives as the error message's errors; a closed socket becomes
 * one error with code `WS_CLOSED` (not a contract code, so that assertions notice it).
 */
export function wsRequest<T = Record<string, any>>(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GqlResult<T>> {
  return new Promise((resolve) => {
    let result: GqlResult<T> | undefined;
    client.subscribe<T>(
      { query, ...(variables === undefined ? {} : { variables }) },
      {
        next: (value) => {
          result = value as GqlResult<T>;
        },
        error: (err: unknown) => {
          if (Array.isArray(err)) return resolve({ errors: err as GqlResult['errors'] });
          const e = err as { code?: number; reason?: string; message?: string };
          resolve({ errors: [{ message: e.reason ?? e.message ?? String(err), extensions: { code: 'WS_CLOSED', closeCode: e.code } }] });
        },
        complete: () => resolve(result ?? {}),
      },
    );
  });
}

/** Row counts of every table of the database but `exclude` (and the databases' own), plus hub_events' max(seq). */
export async function tableCounts(hub: TestHub, exclude: readonly string[] = []): Promise<Record<string, number>> {
  const listed =
    hub.db.dialect === 'postgres'
      ? await hub.db.all<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'")
      : await hub.db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'");
  const tables = listed
    .map((r) => r.name)
    .filter((n) => !n.startsWith('sqlite_') && !n.startsWith('feedback_fts') && n !== 'hub_migrations' && !exclude.includes(n))
    .sort();
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = await rowCount(hub, t);
  out['hub_events.max(seq)'] = await lastSeq(hub);
  return out;
}

/**
 * The database's own message for a statement it refuses (drizzle wraps a failed query's error,
 * keeping the driver's as its cause), or 'no error' when the statement succeeded.
 */
export async function dbRefusal(statement: Promise<unknown>): Promise<string> {
  try {
    await statement;
  } catch (err) {
    const e = err as Error & { cause?: unknown };
    return e.cause instanceof Error ? e.cause.message : e.message;
  }
  return 'no error';
}
