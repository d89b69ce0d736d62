import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, getNamedType, isNonNullType, type GraphQLSchema } from 'graphql';
import type { Client } from 'graphql-ws';
import { startHub, codeOf, type TestHub, type GqlResult } from '../utils/hub.js';
import { OPERATION_ROLES } from '../../server/src/core/permissions.rules.js';
import { tokens, demoIds, ok, counts, lastSeq, rowCount, aliasedMutations, wsRequest, type DemoIds } from '../utils/fixtures.js';

/**
 * The authorization matrix: every mutation of the contract × every demo user × (where it matters)
 * own vs other branch, department, invitation — each case on a fresh fixture in exactly the state
 * where the operation is valid, so that only the permission decides; over HTTP and over WebSocket.
 * An allowed case must succeed and change what it should; a refused one must answer FORBIDDEN (or
 * NOT_FOUND for an out-of-scope action of a branch manager) and change nothing.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SCHEMA: GraphQLSchema = buildSchema(fs.readFileSync(path.join(HERE, '..', '..', 'schema', 'schema.graphql'), 'utf8'));
const CONTRACT_README = path.join(HERE, '..', '..', '..', 'shared', 'contract', 'README.md');

// ---------------------------------------------------------------------------------------------
// The contract's permission table, as written in the contract README ("Who may do what").

const CONTRACT_ROWS = [
  '| recordFeedback | AGENT, ANALYST |',
  '| openProblem, attachFeedback, mergeProblem, dismissProblem, submitDiagnosis | ANALYST, COORDINATOR |',
  '| openConsultation, concludeConsultation, addAction, confirmAction, returnAction, decideExtension, resolveProblem, reopenProblem | COORDINATOR |',
  "| submitOpinion | an EXPERT invited to that problem's consultation |",
  "| acceptAction, reportProgress, submitAction, requestExtension | the BRANCH_MANAGER whose branch subtree holds the action's branch; for a department's action, an EXPERT of that department |",
  '| recordContacts | ANALYST, ADMIN |',
] as const;

const ROLE_NAMES = ['AGENT', 'ANALYST', 'COORDINATOR', 'EXPERT', 'BRANCH_MANAGER', 'ADMIN'] as const;
type Role = (typeof ROLE_NAMES)[number];

/** operation → roles, parsed from the hard-coded rows. */
const CONTRACT_TABLE: Record<string, Role[]> = Object.fromEntries(
  CONTRACT_ROWS.flatMap((row) => {
    const [, ops, who] = row.split('|').map((c) => c.trim());
    const roles = ROLE_NAMES.filter((r) => new RegExp(`\\b${r}\\b`).test(who!)).sort();
    return ops!.split(',').map((op) => [op.trim(), roles]);
  }),
);

const MUTATIONS = [
  'recordFeedback',
  'openProblem',
  'attachFeedback',
  'mergeProblem',
  'dismissProblem',
  'submitDiagnosis',
  'openConsultation',
  'submitOpinion',
  'concludeConsultation',
  'addAction',
  'acceptAction',
  'reportProgress',
  'submitAction',
  'confirmAction',
  'returnAction',
  'requestExtension',
  'decideExtension',
  'resolveProblem',
  'reopenProblem',
  'recordContacts',
] as const;
type Op = (typeof MUTATIONS)[number];

/** Operations whose right depends on who owns the action (contract: branch subtree / department). */
const OWNER_OPS: readonly Op[] = ['acceptAction', 'reportProgress', 'submitAction', 'requestExtension'];
/** The coordinator's steps on an action. */
const COORDINATOR_ACTION_OPS: readonly Op[] = ['confirmAction', 'returnAction', 'decideExtension'];

// ---------------------------------------------------------------------------------------------
// Demo users and the contract's record rules (the oracle; the role table comes from the code).

const USERS = {
  admin: { role: 'ADMIN', branch: null, dept: null },
  agent: { role: 'AGENT', branch: null, dept: null },
  analyst: { role: 'ANALYST', branch: null, dept: null },
  coordinator: { role: 'COORDINATOR', branch: null, dept: null },
  'expert.card': { role: 'EXPERT', branch: null, dept: 'CARD' },
  'expert.it': { role: 'EXPERT', branch: null, dept: 'IT' },
  'bm.sh': { role: 'BRANCH_MANAGER', branch: 'SH', dept: null },
  'bm.bj': { role: 'BRANCH_MANAGER', branch: 'BJ', dept: null },
} as const satisfies Record<string, { role: Role; branch: string | null; dept: string | null }>;
type UserName = keyof typeof USERS;
const USER_NAMES = Object.keys(USERS) as UserName[];

/** The demo's fixed tree below the branches the matrix uses (contract: SH-PD is under SH). */
const PARENT: Record<string, string> = { SH: 'HO', BJ: 'HO', GZ: 'HO', 'SH-PD': 'SH' };
const inSubtree = (branch: string, root: string): boolean => branch === root || (!!PARENT[branch] && inSubtree(PARENT[branch]!, root));

/** `branch:BJ@SH` → an action at BJ on a problem whose feedback comes from SH. */
function actionVariant(variant: string): { kind: 'branch' | 'dept'; code: string; problemFrom: string } {
  const [kind, rest] = variant.split(':') as ['branch' | 'dept', string];
  const [code, from] = rest.split('@') as [string, string | undefined];
  return { kind, code, problemFrom: from ?? (kind === 'branch' ? code : 'GZ') };
}

type Outcome = 'ALLOWED' | 'FORBIDDEN' | 'NOT_FOUND';
type Transport = 'http' | 'ws';

function variantsOf(op: Op): string[] {
  // `@SH`: the action's problem also has feedback from SH, so that bm.sh reads the problem but not the action.
  if (OWNER_OPS.includes(op)) return ['branch:SH', 'branch:SH-PD', 'branch:BJ', 'branch:BJ@SH', 'dept:CARD', 'dept:IT', 'dept:IT@SH'];
  if (COORDINATOR_ACTION_OPS.includes(op)) return ['branch:SH', 'dept:CARD'];
  if (op === 'submitOpinion') return ['invited:expert.card', 'invited:expert.it'];
  if (op === 'reopenProblem') return ['from:VERIFYING', 'from:RESOLVED'];
  if (op === 'recordFeedback' || op === 'recordContacts') return ['at:SH'];
  return ['problem@SH'];
}

/** What the contract says the case answers, with the role table taken from the code. */
function expectedOutcome(op: Op, variant: string, user: UserName): Outcome {
  const u = USERS[user];
  if (!(OPERATION_ROLES[op] as readonly string[]).includes(u.role)) return 'FORBIDDEN';
  if (op === 'submitOpinion') return variant === `invited:${user}` ? 'ALLOWED' : 'FORBIDDEN';
  if (OWNER_OPS.includes(op)) {
    const { kind, code } = actionVariant(variant);
    if (u.role === 'BRANCH_MANAGER') return kind === 'branch' && inSubtree(code, u.branch!) ? 'ALLOWED' : 'NOT_FOUND';
    if (u.role === 'EXPERT') return kind === 'dept' && code === u.dept ? 'ALLOWED' : 'FORBIDDEN';
    return 'FORBIDDEN';
  }
  return 'ALLOWED';
}

interface Case {
  key: string;
  transport: Transport;
  op: Op;
  variant: string;
  user: UserName;
  expected: Outcome;
}

const CASES: Case[] = (['http', 'ws'] as const).flatMap((transport) =>
  MUTATIONS.flatMap((op) =>
    variantsOf(op).flatMap((variant) =>
      USER_NAMES.map((user) => ({
        key: `${transport}|${op}|${variant}|${user}`,
        transport,
        op,
        variant,
        user,
        expected: expectedOutcome(op, variant, user),
      })),
    ),
  ),
);

/** Cases that fail because of a server bug, with the report; each runs as it.fails. */
const KNOWN_FAILURES = new Map<string, string>();

// ---------------------------------------------------------------------------------------------
// The documents, derived from the served schema.

function inputTypeOf(op: string): string {
  const field = SCHEMA.getMutationType()!.getFields()[op];
  const arg = field?.args.find((a) => a.name === 'input');
  if (!field || !arg || !isNonNullType(arg.type)) throw new Error(`Mutation.${op}(input: …!) is not in the served schema`);
  return getNamedType(arg.type).name;
}

function documentOf(op: Op): string {
  const ret = getNamedType(SCHEMA.getMutationType()!.getFields()[op]!.type).name;
  const selection =
    ret === 'Problem' || ret === 'LinkageAction' ? '{ id status version }' : ret === 'Feedback' ? '{ id branch { code } }' : '';
  return `mutation Matrix($input: ${inputTypeOf(op)}!) { ${op}(input: $input) ${selection} }`;
}

// ---------------------------------------------------------------------------------------------

let hub: TestHub;
let t: Record<string, string>;
let ids: DemoIds;
const clients: Partial<Record<UserName, Client>> = {};
const DAY = 86_400_000;
let dueAt: string;
let laterDueAt: string;

interface Fixture {
  problemId?: string;
  targetProblemId?: string;
  feedbackId?: string;
  actionId?: string;
}
const fixtures = new Map<string, Fixture>();

type Stage = 'OPEN' | 'DIAGNOSED' | 'CONSULTING' | 'OPINION' | 'REMEDIATING' | 'VERIFYING' | 'RESOLVED';
const STAGES: Stage[] = ['OPEN', 'DIAGNOSED', 'CONSULTING', 'OPINION', 'REMEDIATING', 'VERIFYING', 'RESOLVED'];
const atLeast = (s: Stage, min: Stage) => STAGES.indexOf(s) >= STAGES.indexOf(min);

interface ActionPlan {
  caseKey: string;
  branch?: string;
  dept?: string;
  /** ASSIGNED → … how far to drive it before the case. */
  state: 'ASSIGNED' | 'ACCEPTED' | 'IN_PROGRESS' | 'SUBMITTED' | 'EXTENSION_PENDING';
  owner: UserName;
}

interface ProblemPlan {
  stage: Stage;
  invite: UserName;
  feedbackBranch: string;
  actions: ActionPlan[];
  /** The case (and the fixture field) this problem serves, when it serves one. */
  caseKey?: string;
  slot?: 'problemId' | 'targetProblemId';
  id?: string;
  actionIds?: string[];
}

const version = async (table: 'problems' | 'actions', id: string): Promise<number> =>
  (await hub.db.get<{ version: number }>(`SELECT version FROM ${table} WHERE id = ?`, id))!.version;

const ownerOf = (variant: string): UserName => {
  const { kind, code } = actionVariant(variant);
  return (
    { 'branch:SH': 'bm.sh', 'branch:SH-PD': 'bm.sh', 'branch:BJ': 'bm.bj', 'dept:CARD': 'expert.card', 'dept:IT': 'expert.it' } as const
  )[`${kind}:${code}` as 'branch:SH'];
};

const STATE_FOR: Partial<Record<Op, ActionPlan['state']>> = {
  acceptAction: 'ASSIGNED',
  reportProgress: 'ACCEPTED',
  submitAction: 'IN_PROGRESS',
  confirmAction: 'SUBMITTED',
  returnAction: 'SUBMITTED',
  requestExtension: 'ASSIGNED',
  decideExtension: 'EXTENSION_PENDING',
};

/** Builds every case's fixture through the API, batched stage by stage. */
async function buildFixtures(): Promise<void> {
  const plans: ProblemPlan[] = [];
  const looseFeedback: string[] = []; // case keys needing one unattached feedback item at SH
  const actionGroups = new Map<string, ActionPlan[]>(); // transport|variant → actions
  const plan = (p: ProblemPlan) => plans.push(p);
  for (const c of CASES) {
    fixtures.set(c.key, {});
    const base = { invite: 'expert.card' as UserName, feedbackBranch: 'SH', actions: [], caseKey: c.key, slot: 'problemId' as const };
    switch (c.op) {
      case 'recordFeedback':
      case 'recordContacts':
        break;
      case 'openProblem':
        looseFeedback.push(c.key);
        break;
      case 'attachFeedback':
        looseFeedback.push(c.key);
        plan({ ...base, stage: 'OPEN' });
        break;
      case 'mergeProblem':
        plan({ ...base, stage: 'OPEN' });
        plan({ ...base, stage: 'OPEN', slot: 'targetProblemId' });
        break;
      case 'dismissProblem':
      case 'submitDiagnosis':
        plan({ ...base, stage: 'OPEN' });
        break;
      case 'openConsultation':
        plan({ ...base, stage: 'DIAGNOSED' });
        break;
      case 'submitOpinion':
        plan({ ...base, stage: 'CONSULTING', invite: c.variant.split(':')[1] as UserName });
        break;
      case 'concludeConsultation':
        plan({ ...base, stage: 'OPINION' });
        break;
      case 'addAction':
        plan({ ...base, stage: 'REMEDIATING', actions: [{ caseKey: '', dept: 'CARD', state: 'ASSIGNED', owner: 'expert.card' }] });
        break;
      case 'resolveProblem':
      case 'reopenProblem': {
        const stage: Stage = c.variant === 'from:RESOLVED' ? 'RESOLVED' : 'VERIFYING';
        plan({ ...base, stage, actions: [{ caseKey: '', dept: 'CARD', state: 'SUBMITTED', owner: 'expert.card' }] });
        break;
      }
      default: {
        const { kind, code } = actionVariant(c.variant);
        const group = `${c.transport}|${c.variant}`;
        const list = actionGroups.get(group) ?? [];
        list.push({
          caseKey: c.key,
          ...(kind === 'branch' ? { branch: code } : { dept: code }),
          state: STATE_FOR[c.op]!,
          owner: ownerOf(c.variant),
        });
        actionGroups.set(group, list);
      }
    }
  }
  // One problem per transport and variant holds that variant's actions; its feedback comes from
  // the variant's branch (a department's problem: from GZ, which neither branch manager reads),
  // or from SH for the `@SH` variants.
  for (const [group, actions] of actionGroups) {
    const feedbackBranch = actionVariant(group.split('|')[1]!).problemFrom;
    plan({ stage: 'REMEDIATING', invite: 'expert.card', feedbackBranch, actions });
  }

  // 1. Feedback: one per problem (from its branch), one unattached per openProblem/attach case.
  const fbInput = (branch: string, i: number) => ({
    kind: 'PROBLEM',
    channel: 'VOICE',
    categoryId: ids.category.CREDIT_CARD,
    branchId: ids.branch[branch],
    text: `矩阵夹具 ${i}`,
  });
  const fbIds = (
    await aliasedMutations(
      hub,
      t.agent!,
      'recordFeedback',
      'RecordFeedbackInput',
      [...plans.map((p, i) => fbInput(p.feedbackBranch, i)), ...looseFeedback.map((_, i) => fbInput('SH', 10_000 + i))],
      '{ id }',
    )
  ).map((f: { id: string }) => f.id);
  looseFeedback.forEach((key, i) => (fixtures.get(key)!.feedbackId = fbIds[plans.length + i]));

  // 2. Open every problem (analysts and coordinators share the work).
  const opened = await aliasedMutations(
    hub,
    t.coordinator!,
    'openProblem',
    'OpenProblemInput',
    plans.map((_, i) => ({ title: `矩阵问题 ${i}`, categoryId: ids.category.CREDIT_CARD, severity: 'MEDIUM', feedbackIds: [fbIds[i]] })),
    '{ id }',
  );
  plans.forEach((p, i) => (p.id = opened[i].id));

  const stage = async (min: Stage, run: (ps: ProblemPlan[]) => Promise<unknown>) => {
    const ps = plans.filter((p) => atLeast(p.stage, min));
    if (ps.length) await run(ps);
  };
  // 3. Diagnosis, consultation, opinion, conclusion.
  await stage('DIAGNOSED', async (ps) =>
    aliasedMutations(
      hub,
      t.analyst!,
      'submitDiagnosis',
      'SubmitDiagnosisInput',
      await Promise.all(
        ps.map(async (p) => ({
          problemId: p.id,
          expectedVersion: await version('problems', p.id!),
          summary: '初诊',
          customerImpact: '客户来电',
          suspectedCause: 'BUSINESS_PROCESS',
          proposedDepartmentIds: [ids.department.CARD],
        })),
      ),
      '{ id }',
    ),
  );
  await stage('CONSULTING', async (ps) =>
    aliasedMutations(
      hub,
      t.coordinator!,
      'openConsultation',
      'OpenConsultationInput',
      await Promise.all(
        ps.map(async (p) => ({ problemId: p.id, expectedVersion: await version('problems', p.id!), expertIds: [ids.user[p.invite]] })),
      ),
      '{ id }',
    ),
  );
  await stage('OPINION', (ps) =>
    aliasedMutations(
      hub,
      t[ps[0]!.invite]!,
      'submitOpinion',
      'SubmitOpinionInput',
      ps.map((p) => ({ problemId: p.id, body: '同意', agreesWithDiagnosis: true })),
      '{ id }',
    ),
  );
  await stage('REMEDIATING', async (ps) => {
    const concluded = await aliasedMutations(
      hub,
      t.coordinator!,
      'concludeConsultation',
      'ConcludeConsultationInput',
      await Promise.all(
        ps.map(async (p) => ({
          problemId: p.id,
          expectedVersion: await version('problems', p.id!),
          rootCause: 'BUSINESS_PROCESS',
          rootCauseDetail: '流程缺失',
          remediationPlan: '整改',
          outcome: 'PROCESS_CHANGE',
          actions: p.actions.map((a, i) => ({
            ...(a.branch ? { branchId: ids.branch[a.branch] } : { departmentId: ids.department[a.dept!] }),
            title: `整改 ${i}`,
            description: '按会诊意见整改',
            dueAt,
          })),
        })),
      ),
      '{ id actions { id } }',
    );
    ps.forEach((p, i) => (p.actionIds = concluded[i].actions.map((a: { id: string }) => a.id)));
  });

  // 4. Drive the actions: accept, progress, submit (by their owners); extension requests.
  const allActions = plans.flatMap((p) => p.actions.map((a, i) => ({ ...a, id: p.actionIds![i]! })));
  const drive = async (field: string, inputType: string, pick: (a: ActionPlan) => boolean, input: (id: string) => Promise<object>) => {
    const byOwner = new Map<UserName, string[]>();
    for (const a of allActions.filter(pick)) byOwner.set(a.owner, [...(byOwner.get(a.owner) ?? []), a.id]);
    await Promise.all(
      [...byOwner].map(async ([owner, list]) =>
        aliasedMutations(hub, t[owner]!, field, inputType, await Promise.all(list.map(input)), '{ id }'),
      ),
    );
  };
  const past =
    (...states: ActionPlan['state'][]) =>
    (a: ActionPlan) =>
      states.includes(a.state);
  await drive('acceptAction', 'ActionStepInput', past('ACCEPTED', 'IN_PROGRESS', 'SUBMITTED'), async (id) => ({
    actionId: id,
    expectedVersion: await version('actions', id),
  }));
  await drive('reportProgress', 'ReportProgressInput', past('IN_PROGRESS', 'SUBMITTED'), async (id) => ({
    actionId: id,
    expectedVersion: await version('actions', id),
    note: '进行中',
  }));
  await drive('submitAction', 'SubmitActionInput', past('SUBMITTED'), async (id) => ({
    actionId: id,
    expectedVersion: await version('actions', id),
    evidence: '整改记录',
  }));
  await drive('requestExtension', 'RequestExtensionInput', past('EXTENSION_PENDING'), async (id) => ({
    actionId: id,
    dueAt: laterDueAt,
    reason: '需要更多时间',
  }));

  // 5. Verification and resolution of the problem-level fixtures.
  await stage('VERIFYING', async (ps) =>
    aliasedMutations(
      hub,
      t.coordinator!,
      'confirmAction',
      'ActionStepInput',
      await Promise.all(ps.map(async (p) => ({ actionId: p.actionIds![0], expectedVersion: await version('actions', p.actionIds![0]!) }))),
      '{ id }',
    ),
  );
  await stage('RESOLVED', async (ps) =>
    aliasedMutations(
      hub,
      t.coordinator!,
      'resolveProblem',
      'ResolveProblemInput',
      await Promise.all(ps.map(async (p) => ({ problemId: p.id, expectedVersion: await version('problems', p.id!), note: '已解决' }))),
      '{ id }',
    ),
  );

  for (const p of plans) if (p.caseKey) fixtures.get(p.caseKey)![p.slot!] = p.id;
  for (const a of allActions) if (a.caseKey) fixtures.get(a.caseKey)!.actionId = a.id;
}

/** The mutation's input for the case, built on its fixture. */
async function inputOf(c: Case, f: Fixture): Promise<Record<string, unknown>> {
  const pv = () => version('problems', f.problemId!);
  const av = () => version('actions', f.actionId!);
  switch (c.op) {
    case 'recordFeedback':
      return { kind: 'SUGGESTION', channel: 'ONLINE', categoryId: ids.category.CREDIT_CARD, branchId: ids.branch.SH, text: '矩阵：建议' };
    case 'recordContacts': {
      const rec = (answered: boolean) => ({
        channel: 'VOICE',
        branchId: ids.branch.SH,
        offeredAt: hub.clock.now().toISOString(),
        answered,
        waitSeconds: 12,
        transferred: false,
        workOrder: false,
        complaint: false,
        satisfaction: answered ? 5 : null,
      });
      return { records: [rec(true), rec(false)] };
    }
    case 'openProblem':
      return { title: '矩阵：新问题', categoryId: ids.category.CREDIT_CARD, severity: 'LOW', feedbackIds: [f.feedbackId] };
    case 'attachFeedback':
      return { problemId: f.problemId, expectedVersion: await pv(), feedbackIds: [f.feedbackId] };
    case 'mergeProblem':
      return { problemId: f.problemId, expectedVersion: await pv(), intoProblemId: f.targetProblemId };
    case 'dismissProblem':
      return { problemId: f.problemId, expectedVersion: await pv(), reason: '重复' };
    case 'submitDiagnosis':
      return {
        problemId: f.problemId,
        expectedVersion: await pv(),
        summary: '初诊',
        customerImpact: '影响',
        suspectedCause: 'IT_SYSTEM',
        proposedDepartmentIds: [ids.department.IT],
      };
    case 'openConsultation':
      return { problemId: f.problemId, expectedVersion: await pv(), expertIds: [ids.user['expert.card'], ids.user['expert.it']] };
    case 'submitOpinion':
      return { problemId: f.problemId, body: '矩阵意见', agreesWithDiagnosis: false };
    case 'concludeConsultation':
      return {
        problemId: f.problemId,
        expectedVersion: await pv(),
        rootCause: 'IT_SYSTEM',
        rootCauseDetail: '系统缺陷',
        remediationPlan: '修复',
        outcome: 'FIX',
        actions: [{ branchId: ids.branch.BJ, title: '北京整改', description: '', dueAt }],
      };
    case 'addAction':
      return { problemId: f.problemId, action: { branchId: ids.branch.GZ, title: '广州复查', description: '', dueAt } };
    case 'acceptAction':
    case 'confirmAction':
      return { actionId: f.actionId, expectedVersion: await av() };
    case 'reportProgress':
      return { actionId: f.actionId, expectedVersion: await av(), note: '矩阵进展' };
    case 'submitAction':
      return { actionId: f.actionId, expectedVersion: await av(), evidence: '矩阵证据' };
    case 'returnAction':
      return { actionId: f.actionId, expectedVersion: await av(), reason: '退回' };
    case 'requestExtension':
      return { actionId: f.actionId, dueAt: laterDueAt, reason: '矩阵延期' };
    case 'decideExtension':
      return { actionId: f.actionId, grant: true };
    case 'resolveProblem':
      return { problemId: f.problemId, expectedVersion: await pv(), note: '解决' };
    case 'reopenProblem':
      return { problemId: f.problemId, expectedVersion: await pv(), reason: '复发' };
  }
}

/** What a case may change, read straight from the database. */
async function snapshot(f: Fixture) {
  const db = hub.db;
  return {
    counts: await counts(hub),
    seq: await lastSeq(hub),
    problem: f.problemId ? await db.get('SELECT status, version FROM problems WHERE id = ?', f.problemId) : null,
    target: f.targetProblemId ? await db.get('SELECT status, version FROM problems WHERE id = ?', f.targetProblemId) : null,
    feedback: f.feedbackId ? await db.get('SELECT problem_id FROM feedback WHERE id = ?', f.feedbackId) : null,
    action: f.actionId ? await db.get('SELECT status, version, due_at FROM actions WHERE id = ?', f.actionId) : null,
    extension: f.actionId
      ? ((await db.get('SELECT decision FROM extension_requests WHERE action_id = ? ORDER BY id DESC LIMIT 1', f.actionId)) ?? null)
      : null,
  };
}
type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/** The change an allowed case must have made. */
function expectApplied(c: Case, f: Fixture, before: Snapshot, after: Snapshot, data: Record<string, any>) {
  const result = data[c.op];
  const grew = (table: keyof Snapshot['counts'], by = 1) => expect(after.counts[table] - before.counts[table], table).toBe(by);
  const status = (s: unknown) => (s as { status: string } | null)?.status;
  const bumped = (b: unknown, a: unknown) => expect((a as { version: number }).version).toBe((b as { version: number }).version + 1);
  if (c.op !== 'recordContacts') expect(after.seq, 'a hub event was written').toBeGreaterThan(before.seq);
  switch (c.op) {
    case 'recordFeedback':
      grew('feedback');
      expect(result.branch.code).toBe('SH');
      break;
    case 'recordContacts':
      expect(result).toBe(2);
      grew('contact_records', 2);
      break;
    case 'openProblem':
      expect(result.status).toBe('OPEN');
      grew('problems');
      expect(after.feedback).toEqual({ problem_id: result.id });
      break;
    case 'attachFeedback':
      bumped(before.problem, after.problem);
      expect(after.feedback).toEqual({ problem_id: f.problemId });
      break;
    case 'mergeProblem':
      expect(status(after.problem)).toBe('MERGED');
      break;
    case 'dismissProblem':
      expect(status(after.problem)).toBe('DISMISSED');
      break;
    case 'submitDiagnosis':
      expect(status(after.problem)).toBe('DIAGNOSED');
      grew('diagnoses');
      break;
    case 'openConsultation':
      expect(status(after.problem)).toBe('IN_CONSULTATION');
      grew('consultations');
      break;
    case 'submitOpinion':
      grew('opinions');
      bumped(before.problem, after.problem);
      break;
    case 'concludeConsultation':
      expect(status(after.problem)).toBe('REMEDIATING');
      grew('actions');
      break;
    case 'addAction':
      expect(result.status).toBe('ASSIGNED');
      grew('actions');
      break;
    case 'acceptAction':
    case 'reportProgress':
    case 'submitAction':
    case 'confirmAction':
    case 'returnAction': {
      const to = {
        acceptAction: 'ACCEPTED',
        reportProgress: 'IN_PROGRESS',
        submitAction: 'SUBMITTED',
        confirmAction: 'CONFIRMED',
        returnAction: 'RETURNED',
      }[c.op];
      expect(status(after.action)).toBe(to);
      bumped(before.action, after.action);
      grew('action_updates');
      break;
    }
    case 'requestExtension':
      grew('extension_requests');
      expect(after.extension).toEqual({ decision: 'PENDING' });
      break;
    case 'decideExtension':
      expect(after.extension).toEqual({ decision: 'GRANTED' });
      expect((after.action as { due_at: number }).due_at).toBe(Date.parse(laterDueAt));
      break;
    case 'resolveProblem':
      expect(status(after.problem)).toBe('RESOLVED');
      break;
    case 'reopenProblem':
      expect(status(after.problem)).toBe('REMEDIATING');
      break;
  }
}

async function send(c: Case, query: string, variables: Record<string, unknown>): Promise<GqlResult> {
  if (c.transport === 'http') return hub.gql(t[c.user]!, query, variables);
  clients[c.user] ??= hub.ws(t[c.user]!);
  return wsRequest(clients[c.user]!, query, variables);
}

const ran: Record<Transport, number> = { http: 0, ws: 0 };
const mismatches: string[] = [];

beforeAll(async () => {
  hub = await startHub({ demo: { feedback: 150, contacts: 50 }, env: { RATE_POINTS_PER_MINUTE: '100000000' } });
  t = await tokens(hub);
  ids = await demoIds(hub, t.coordinator!);
  dueAt = new Date(hub.clock.now().getTime() + 10 * DAY).toISOString();
  laterDueAt = new Date(hub.clock.now().getTime() + 30 * DAY).toISOString();
  await buildFixtures();
}, 120_000);
afterAll(async () => {
  console.log(
    `authz matrix: ${ran.http + ran.ws} cases run (${ran.http} over HTTP, ${ran.ws} over WebSocket) of ${CASES.length}; ` +
      `${mismatches.length} mismatches${mismatches.length ? `:\n  ${mismatches.join('\n  ')}` : ''}`,
  );
  await hub?.stop();
});

describe('the permission table', () => {
  it('the code’s table (OPERATION_ROLES) equals the contract’s, operation by operation', () => {
    expect(Object.keys(CONTRACT_TABLE).sort()).toEqual([...MUTATIONS].sort());
    const code = Object.fromEntries(
      MUTATIONS.map((op) => [op, [...((OPERATION_ROLES as Record<string, readonly string[]>)[op] ?? [])].sort()]),
    );
    expect(code).toEqual(CONTRACT_TABLE);
  });

  it.skipIf(!fs.existsSync(CONTRACT_README))('the hard-coded rows are the contract README’s, word for word', () => {
    const readme = fs.readFileSync(CONTRACT_README, 'utf8');
    const section = readme.slice(readme.indexOf('## Who may do what'));
    const rows = section
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| operation') && !l.startsWith('|---'))
      .slice(0, CONTRACT_ROWS.length);
    expect(rows).toEqual([...CONTRACT_ROWS]);
  });

  it('every mutation of the matrix is served with an `input` argument', () => {
    for (const op of MUTATIONS) expect(inputTypeOf(op)).toMatch(/Input$/);
  });

  it('the demo users are who the matrix assumes', async () => {
    const r = ok(await hub.gql(t.admin!, '{ users { username role branch { code } department { code } } }'));
    const byName = new Map(
      (r.users as { username: string; role: string; branch: { code: string } | null; department: { code: string } | null }[]).map((u) => [
        u.username,
        u,
      ]),
    );
    for (const name of USER_NAMES) {
      const u = byName.get(name)!;
      expect(u.role, name).toBe(USERS[name].role);
      if (USERS[name].branch) expect(u.branch?.code, name).toBe(USERS[name].branch);
      if (USERS[name].dept) expect(u.department?.code, name).toBe(USERS[name].dept);
    }
    const tree = ok(await hub.gql(t.admin!, '{ branches { code parent { code } } }')).branches as {
      code: string;
      parent: { code: string } | null;
    }[];
    for (const [child, parent] of Object.entries(PARENT)) expect(tree.find((b) => b.code === child)?.parent?.code, child).toBe(parent);
  });

  it(`the matrix covers ${MUTATIONS.length} mutations × ${USER_NAMES.length} users, both allowed and refused`, () => {
    for (const op of MUTATIONS) {
      const outcomes = new Set(CASES.filter((c) => c.op === op).map((c) => c.expected));
      expect(outcomes.has('ALLOWED'), op).toBe(true);
      expect(outcomes.has('FORBIDDEN'), op).toBe(true);
    }
    expect(CASES.some((c) => c.expected === 'NOT_FOUND')).toBe(true);
  });
});

for (const transport of ['http', 'ws'] as const) {
  describe(`the matrix over ${transport === 'http' ? 'HTTP' : 'WebSocket'}`, () => {
    for (const c of CASES.filter((x) => x.transport === transport)) {
      const known = KNOWN_FAILURES.get(c.key);
      (known ? it.fails : it)(`${c.op} [${c.variant}] as ${c.user} → ${c.expected}${known ? ` (known bug: ${known})` : ''}`, async () => {
        const f = fixtures.get(c.key)!;
        const before = await snapshot(f);
        const r = await send(c, documentOf(c.op), { input: await inputOf(c, f) });
        const after = await snapshot(f);
        ran[transport]++;
        const actual: string = r.errors?.length
          ? (codeOf(r) ?? 'NO_CODE')
          : r.data?.[c.op] !== undefined && r.data?.[c.op] !== null
            ? 'ALLOWED'
            : 'NO_DATA';
        if (actual !== c.expected) mismatches.push(`${c.key} => expected ${c.expected}, got ${actual} ${JSON.stringify(r.errors ?? null)}`);
        expect(actual, JSON.stringify(r.errors)).toBe(c.expected);
        if (c.expected === 'ALLOWED') {
          expectApplied(c, f, before, after, r.data!);
        } else {
          expect(r.data?.[c.op] ?? null).toBeNull();
          expect(after, 'a refused operation changes nothing').toEqual(before);
        }
      });
    }
  });
}

describe('the matrix as a whole', () => {
  it('ran every case with zero mismatches beyond the known bugs', () => {
    console.log(`authz matrix size: ${CASES.length} cases (${CASES.length / 2} per transport)`);
    expect(ran.http + ran.ws).toBe(CASES.length);
    expect(mismatches.filter((m) => !KNOWN_FAILURES.has(m.split(' => ')[0]!))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The read side: a branch manager reads only their subtree; everyone else reads everything.

describe('reading by role', () => {
  const subtreeOf = async (code: string): Promise<Set<string>> => {
    const rows = await hub.db.all<{ id: string }>(
      `WITH RECURSIVE sub(id) AS (SELECT id FROM branches WHERE code = ? UNION SELECT b.id FROM branches b JOIN sub ON b.parent_id = sub.id)
       SELECT id FROM sub`,
      code,
    );
    return new Set(rows.map((r) => r.id));
  };
  /** Problems that concern a subtree, by the database: feedback or an action there. */
  const problemsConcerning = async (scope: Set<string>): Promise<Set<string>> => {
    const rows = await hub.db.all<{ id: string; b: string }>(
      'SELECT problem_id AS id, branch_id AS b FROM feedback WHERE problem_id IS NOT NULL UNION SELECT problem_id, branch_id FROM actions WHERE branch_id IS NOT NULL',
    );
    return new Set(rows.filter((r) => scope.has(r.b)).map((r) => r.id));
  };

  let bjOnly: string; // OPEN, one feedback item at BJ
  let bjRemediating: string; // feedback and actions at BJ only
  let bjAction: string;
  let bjFeedback: string;
  let pdOnly: string; // OPEN, feedback at SH-PD

  beforeAll(async () => {
    const [fb, pd] = await aliasedMutations(
      hub,
      t.agent!,
      'recordFeedback',
      'RecordFeedbackInput',
      [
        { kind: 'PROBLEM', channel: 'VOICE', categoryId: ids.category.LOAN, branchId: ids.branch.BJ, text: '北京：贷款审批慢' },
        { kind: 'PROBLEM', channel: 'VOICE', categoryId: ids.category.LOAN, branchId: ids.branch['SH-PD'], text: '浦东：贷款审批慢' },
      ],
      '{ id }',
    );
    bjFeedback = fb.id;
    const [a, b] = await aliasedMutations(
      hub,
      t.analyst!,
      'openProblem',
      'OpenProblemInput',
      [
        { title: '北京专属问题', categoryId: ids.category.LOAN, severity: 'LOW', feedbackIds: [fb.id] },
        { title: '浦东专属问题', categoryId: ids.category.LOAN, severity: 'LOW', feedbackIds: [pd.id] },
      ],
      '{ id }',
    );
    bjOnly = a.id;
    pdOnly = b.id;
    const bjFixture = CASES.find((c) => c.transport === 'http' && c.op === 'acceptAction' && c.variant === 'branch:BJ')!;
    bjAction = fixtures.get(bjFixture.key)!.actionId!;
    bjRemediating = (await hub.db.get<{ p: string }>('SELECT problem_id AS p FROM actions WHERE id = ?', bjAction))!.p;
  });

  const PROBLEM_Q = 'query($id: ID!) { problem(id: $id) { id } }';
  const NODE_Q = 'query($id: ID!) { node(id: $id) { id } }';

  for (const transport of ['http', 'ws'] as const) {
    it(`problem(id) and node(id) of a problem that concerns only BJ: NOT_FOUND for bm.sh, data for everyone else (${transport})`, async () => {
      const ask = (user: UserName, q: string, id: string) =>
        transport === 'http' ? hub.gql(t[user]!, q, { id }) : wsRequest((clients[user] ??= hub.ws(t[user]!)), q, { id });
      for (const user of USER_NAMES)
        for (const id of [bjOnly, bjRemediating])
          for (const [q, field] of [
            [PROBLEM_Q, 'problem'],
            [NODE_Q, 'node'],
          ] as const) {
            const r = await ask(user, q, id);
            if (user === 'bm.sh') {
              expect(codeOf(r), `${user} ${field}`).toBe('NOT_FOUND');
              expect(r.data?.[field] ?? null).toBeNull();
            } else {
              expect(r.errors, `${user} ${field} ${JSON.stringify(r.errors)}`).toBeUndefined();
              expect(r.data?.[field]?.id).toBe(id);
            }
          }
    });
  }

  it('the same holds the other way round, through the subtree: SH-PD is bm.sh’s, not bm.bj’s', async () => {
    expect(ok(await hub.gql(t['bm.sh']!, PROBLEM_Q, { id: pdOnly })).problem.id).toBe(pdOnly);
    expect(codeOf(await hub.gql(t['bm.bj']!, PROBLEM_Q, { id: pdOnly }))).toBe('NOT_FOUND');
    expect(codeOf(await hub.gql(t['bm.bj']!, NODE_Q, { id: pdOnly }))).toBe('NOT_FOUND');
  });

  it('node(id) of BJ’s action and feedback: NOT_FOUND for bm.sh, data for bm.bj and head office', async () => {
    for (const id of [bjAction, bjFeedback]) {
      expect(codeOf(await hub.gql(t['bm.sh']!, NODE_Q, { id })), id).toBe('NOT_FOUND');
      for (const user of ['bm.bj', 'coordinator', 'admin', 'expert.it'] as const)
        expect(ok(await hub.gql(t[user]!, NODE_Q, { id })).node.id).toBe(id);
    }
  });

  /** Every page of a connection, through `after`. */
  async function pageAll(user: UserName, field: 'problems' | 'feedback', node: string) {
    const items: any[] = [];
    let after: string | null = null;
    let total = -1;
    for (;;) {
      const r: GqlResult = await hub.gql(
        t[user]!,
        `query($after: String) { ${field}(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${node} } } } }`,
        { after },
      );
      const conn = ok(r)[field];
      total = conn.totalCount;
      items.push(...conn.edges.map((e: { node: unknown }) => e.node));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    return { items, total };
  }

  for (const [user, root] of [
    ['bm.sh', 'SH'],
    ['bm.bj', 'BJ'],
  ] as const) {
    it(`${user}'s problems list holds exactly the problems that concern ${root}'s subtree`, async () => {
      const scope = await subtreeOf(root);
      const expected = await problemsConcerning(scope);
      const { items, total } = await pageAll(user, 'problems', 'id');
      const listed = items.map((p: { id: string }) => p.id);
      expect(new Set(listed).size).toBe(listed.length);
      expect(
        listed.filter((id) => !expected.has(id)),
        'listed but outside the subtree',
      ).toEqual([]);
      expect(
        [...expected].filter((id) => !listed.includes(id)),
        'in the subtree but not listed',
      ).toEqual([]);
      expect(total).toBe(expected.size);
      expect(listed).toContain(root === 'BJ' ? bjOnly : pdOnly);
      expect(listed).not.toContain(root === 'BJ' ? pdOnly : bjOnly);
    });

    it(`${user}'s feedback list holds exactly the feedback of ${root}'s subtree`, async () => {
      const scope = await subtreeOf(root);
      const { items, total } = await pageAll(user, 'feedback', 'id branch { id code }');
      expect(items.filter((f: { branch: { id: string } }) => !scope.has(f.branch.id)).map((f: any) => f.branch.code)).toEqual([]);
      const inScope = (await hub.db.all<{ b: string }>('SELECT branch_id AS b FROM feedback')).filter((r) => scope.has(r.b)).length;
      expect(items.length).toBe(inScope);
      expect(total).toBe(inScope);
    });
  }

  it('every other role lists every problem and every feedback item', async () => {
    const problems = await rowCount(hub, 'problems');
    const feedback = await rowCount(hub, 'feedback');
    for (const user of USER_NAMES.filter((u) => USERS[u].role !== 'BRANCH_MANAGER')) {
      const r = ok(await hub.gql(t[user]!, '{ problems(first: 1) { totalCount } feedback(first: 1) { totalCount } }'));
      expect(r.problems.totalCount, user).toBe(problems);
      expect(r.feedback.totalCount, user).toBe(feedback);
    }
  });
});
