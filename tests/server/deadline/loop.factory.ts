import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { openStore, type Store } from '../../../server/src/core/db.js';
import { openPgStore } from '../../../server/src/core/db.pg.js';
import { first, rows } from '../../../server/src/core/sql.js';
import { loadEnv } from '../../../server/src/core/env.js';
import { createLogger } from '../../../server/src/core/logger.js';
import { createLocalEventBus } from '../../../server/src/event/event.bus.js';
import { OrgDirectory } from '../../../server/src/org/org.directory.js';
import { createServices, type Services } from '../../../server/src/app/services.js';
import { eq, sql, type SQL } from 'drizzle-orm';
import { users } from '../../../server/src/user/user.table.js';
import type { BaseDeps } from '../../../server/src/app/services.js';
import type { Clock } from '../../../server/src/core/clock.js';
import type { Viewer } from '../../../server/src/core/viewer.rules.js';
import type { ActionRow } from '../../../server/src/loop/action.repository.js';
import type { ProblemRow } from '../../../server/src/loop/problem.repository.js';
import { tempDir } from '../../utils/temp.js';
import { createTestDatabase, testDatabase } from '../../utils/services.js';

/** Anything that has the hub's services and store: a TestHub's app, or services opened on a file. */
export interface Hubish {
  services: Services;
  store: Store;
}

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

/** Bank time (UTC+8) `YYYY-MM-DD HH:MM` as an instant. */
export const bankTime = (local: string): number => Date.parse(`${local.replace(' ', 'T')}:00+08:00`);

export const SECRET = 'test-secret-test-secret-test-secret-123';

/**
 * An empty database of the suite's kind (a SQLite file, or under HUB_TEST_DATABASE=postgres a
 * PostgreSQL database created for it) that several stores can be opened on, like a file.
 */
export interface SuiteDatabase {
  /** Where a hub on it keeps its files. */
  readonly dataDir: string;
  /** A new connection (store) on the database. */
  open(): Promise<Store>;
  /** Drops the database (or deletes the file); close the stores on it first. */
  remove(): Promise<void>;
}

export async function suiteDatabase(): Promise<SuiteDatabase> {
  const dataDir = tempDir();
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (testDatabase() === 'postgres') {
    const pg = await createTestDatabase();
    return {
      dataDir,
      open: () => openPgStore(pg.url),
      async remove() {
        await pg.drop();
        removeDir();
      },
    };
  }
  const file = path.join(dataDir, 'hub.sqlite');
  return { dataDir, open: async () => openStore(file), remove: async () => removeDir() };
}

/**
 * The hub's services on a database, without HTTP: a second "server" on the same database, or the
 * same server after a restart. `target` is a SQLite file, or a database of suiteDatabase() (either
 * dialect). `close` stops its background work and closes its connections.
 */
export async function servicesOn(
  target: string | SuiteDatabase,
  clock: Clock,
  env: Record<string, string> = {},
): Promise<Hubish & { deps: BaseDeps; close(): Promise<void> }> {
  const store = typeof target === 'string' ? openStore(target) : await target.open();
  const config = loadEnv({
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    DATA_DIR: typeof target === 'string' ? path.dirname(target) : target.dataDir,
    HUB_SECRET: SECRET,
    ...env,
  } as NodeJS.ProcessEnv);
  const deps: BaseDeps = {
    store,
    bus: createLocalEventBus(),
    clock,
    log: createLogger('silent'),
    env: config,
    secret: Buffer.from(SECRET),
    org: new OrgDirectory(() => store.read),
  };
  await deps.org.refresh();
  const services = createServices(deps);
  return {
    services,
    store,
    deps,
    async close() {
      await services.deadlines.stop();
      await services.imports.stop();
      services.notifications.stop();
      await store.close();
    },
  };
}

/**
 * Direct SQL with `?` placeholders on the store's database, either dialect. (As utils/hub.ts
 * `positional`, which this file does not import: scan-child.ts loads it without the app.)
 */
function query<T>(h: Hubish, text: string, ...params: unknown[]): Promise<T[]> {
  const parts = text.split('?');
  const chunks: SQL[] = [sql.raw(parts[0]!)];
  params.forEach((p, i) => chunks.push(sql`${p}`, sql.raw(parts[i + 1]!)));
  return rows<T>(h.store.read, sql.join(chunks));
}

export async function viewerOf(h: Hubish, username: string): Promise<Viewer> {
  const user = await first(h.store.read.select().from(users).where(eq(users.username, username)));
  if (!user) throw new Error(`no user ${username}`);
  return h.services.auth.viewerOf(user);
}

/** Ids of the demo's reference data by code, and of its users by username. */
export async function refs(h: Hubish) {
  const byCode = async (table: string) =>
    Object.fromEntries((await query<{ id: string; code: string }>(h, `SELECT id, code FROM ${table}`)).map((r) => [r.code, r.id]));
  return {
    branch: await byCode('branches'),
    category: await byCode('categories'),
    department: await byCode('departments'),
    user: Object.fromEntries(
      (await query<{ id: string; username: string }>(h, 'SELECT id, username FROM users')).map((r) => [r.username, r.id]),
    ),
  };
}

export interface ActionSpec {
  branch?: string;
  department?: string;
  title?: string;
}

let counter = 0;

/** A problem opened (OPEN) from one fresh feedback item, by the coordinator. */
export async function openedProblem(h: Hubish, title = `测试问题 ${++counter}`): Promise<ProblemRow> {
  const r = await refs(h);
  const fb = await h.services.feedback.record(await viewerOf(h, 'agent'), {
    kind: 'PROBLEM',
    channel: 'VOICE',
    categoryId: r.category.CREDIT_CARD!,
    branchId: r.branch.SH!,
    text: `${title}：客户反映还款提醒没有收到`,
  });
  return h.services.problems.open(await viewerOf(h, 'coordinator'), {
    title,
    categoryId: r.category.CREDIT_CARD!,
    severity: 'MEDIUM',
    feedbackIds: [fb.id],
  });
}

/** A problem driven to IN_CONSULTATION with expert.card invited; with `opinion`, expert.card has given one. */
export async function problemInConsultation(
  h: Hubish,
  opts: { opinion?: boolean; dueAt?: Date; title?: string } = {},
): Promise<ProblemRow> {
  const r = await refs(h);
  let p = await openedProblem(h, opts.title);
  p = await h.services.problems.submitDiagnosis(await viewerOf(h, 'analyst'), {
    problemId: p.id,
    expectedVersion: p.version,
    summary: '初诊：提醒短信流程缺失',
    customerImpact: '客户逾期',
    suspectedCause: 'BUSINESS_PROCESS',
    proposedDepartmentIds: [r.department.CARD!],
  });
  p = await h.services.consultations.open(await viewerOf(h, 'coordinator'), {
    problemId: p.id,
    expectedVersion: p.version,
    expertIds: [r.user['expert.card']!],
    dueAt: opts.dueAt ?? null,
  });
  if (opts.opinion !== false)
    p = await h.services.consultations.submitOpinion(await viewerOf(h, 'expert.card'), {
      problemId: p.id,
      body: '同意初诊',
      agreesWithDiagnosis: true,
    });
  return p;
}

/** A problem in REMEDIATING with one action per spec, each due at `dueAt`. */
export async function problemWithActions(
  h: Hubish,
  specs: ActionSpec[],
  dueAt: number,
  title?: string,
): Promise<{ problem: ProblemRow; actions: ActionRow[] }> {
  const r = await refs(h);
  let problem = await problemInConsultation(h, { title });
  problem = await h.services.consultations.conclude(await viewerOf(h, 'coordinator'), {
    problemId: problem.id,
    expectedVersion: problem.version,
    rootCause: 'BUSINESS_PROCESS',
    rootCauseDetail: '缺少还款提醒环节',
    remediationPlan: '增加三次短信提醒',
    outcome: 'PRODUCT_INNOVATION',
    actions: specs.map((s, i) => ({
      branchId: s.branch ? r.branch[s.branch]! : null,
      departmentId: s.department ? r.department[s.department]! : null,
      title: s.title ?? `整改 ${i + 1}`,
      description: '按会诊意见整改',
      dueAt: new Date(dueAt),
    })),
  });
  const actions = await query<{ id: string }>(h, 'SELECT id FROM actions WHERE problem_id = ? ORDER BY position', problem.id);
  const found: ActionRow[] = [];
  for (const a of actions) found.push((await h.services.actions.find(await viewerOf(h, 'coordinator'), a.id))!);
  return { problem, actions: found };
}

/** Drives an action through accept → progress → submit → confirm; the last confirmation starts verification. */
export async function completeAction(h: Hubish, action: ActionRow, owner: string): Promise<ActionRow> {
  const by = await viewerOf(h, owner);
  let a = await h.services.actions.accept(by, { actionId: action.id, expectedVersion: action.version });
  a = await h.services.actions.reportProgress(by, { actionId: a.id, expectedVersion: a.version, note: '已开始整改' });
  a = await h.services.actions.submit(by, { actionId: a.id, expectedVersion: a.version, evidence: '已上线短信提醒' });
  return h.services.actions.confirm(await viewerOf(h, 'coordinator'), { actionId: a.id, expectedVersion: a.version });
}

export interface EventRow {
  seq: number;
  type: string;
  problem_id: string | null;
  action_id: string | null;
  branch_id: string | null;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  actor_id: string | null;
}

/** Events of one subject (an action, or a problem as a whole), of the given types, oldest first. */
export function eventsOf(h: Hubish, types: string[], subject: { actionId?: string; problemId?: string }): Promise<EventRow[]> {
  const marks = types.map(() => '?').join(',');
  if (subject.actionId)
    return query<EventRow>(
      h,
      `SELECT * FROM hub_events WHERE type IN (${marks}) AND action_id = ? ORDER BY seq`,
      ...types,
      subject.actionId,
    );
  return query<EventRow>(
    h,
    `SELECT * FROM hub_events WHERE type IN (${marks}) AND problem_id = ? AND action_id IS NULL ORDER BY seq`,
    ...types,
    subject.problemId,
  );
}

export interface NotificationRowRaw {
  id: number;
  user_id: string;
  kind: string;
  summary: string;
  problem_id: string | null;
  action_id: string | null;
  cluster_id: number | null;
  event_seq: number | null;
  read_at: number | null;
}

/** A user's notifications of a kind (about one action or problem when given), oldest first. */
export async function notificationsOf(
  h: Hubish,
  username: string,
  kind: string,
  about: { actionId?: string; problemId?: string } = {},
): Promise<NotificationRowRaw[]> {
  const userId = (await refs(h)).user[username];
  return (
    await query<NotificationRowRaw>(h, 'SELECT * FROM notifications WHERE user_id = ? AND kind = ? ORDER BY id', userId, kind)
  ).filter((n) => (!about.actionId || n.action_id === about.actionId) && (!about.problemId || n.problem_id === about.problemId));
}
