import { and, desc, eq, gt, inArray, isNull, lt, lte, sql, count, type SQL } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { changed, dialectOf, exec, first, greatest, least, pick, row, rows } from '../core/sql.js';
import { notifications, feedbackClusters, feedbackClusterItems, type NotificationKindCode } from './notification.table.js';
import { users } from '../user/index.js';
import { type RoleCode } from '../core/roles.js';
import { consultations, consultationExperts, opinions, extensionRequests } from '../loop/index.js';
import { feedback } from '../feedback/index.js';
import { categories } from '../org/index.js';
import type { AlertItem, ExistingAlert } from './alert.rules.js';

export type NotificationRow = typeof notifications.$inferSelect;
export type AlertRow = typeof feedbackClusters.$inferSelect;

export interface NotificationDraft {
  userId: string;
  kind: NotificationKindCode;
  summary: string;
  eventSeq?: number | null;
  problemId?: string | null;
  actionId?: string | null;
  alertId?: number | null;
}

/**
 * Where notifications leave the hub (WeCom, e-mail: outbound/), told in the transaction that writes
 * them, so that their deliveries commit or roll back with them.
 */
export type OutboxPort = (tx: Db, drafts: readonly NotificationDraft[], at: Date) => Promise<void>;

export async function insertNotifications(tx: Db, drafts: readonly NotificationDraft[], at: Date, outbox?: OutboxPort): Promise<void> {
  if (!drafts.length) return;
  await outbox?.(tx, drafts, at);
  await tx.insert(notifications).values(
    drafts.map((d) => ({
      userId: d.userId,
      kind: d.kind,
      summary: d.summary,
      at,
      eventSeq: d.eventSeq ?? null,
      problemId: d.problemId ?? null,
      actionId: d.actionId ?? null,
      clusterId: d.alertId ?? null,
    })),
  );
}

export interface Recipient {
  id: string;
  username: string;
  role: RoleCode;
  branchId: string | null;
  departmentId: string | null;
}

const recipientColumns = {
  id: users.id,
  username: users.username,
  role: users.role,
  branchId: users.branchId,
  departmentId: users.departmentId,
};

/** Active users of a role. */
export const activeUsersOfRole = async (db: Db, role: RoleCode): Promise<Recipient[]> =>
  db
    .select(recipientColumns)
    .from(users)
    .where(and(eq(users.role, role), eq(users.active, true)));

/** Active users, every role. */
export const activeUsers = async (db: Db): Promise<Recipient[]> => db.select(recipientColumns).from(users).where(eq(users.active, true));

/** Active branch managers of any of these branches. */
export const activeBranchManagersOf = async (db: Db, branchIds: readonly string[]): Promise<Recipient[]> =>
  branchIds.length
    ? db
        .select(recipientColumns)
        .from(users)
        .where(and(eq(users.role, 'BRANCH_MANAGER'), eq(users.active, true), inArray(users.branchId, [...branchIds])))
    : [];

/** Active experts of a department. */
export const activeExpertsOf = async (db: Db, departmentId: string): Promise<Recipient[]> =>
  db
    .select(recipientColumns)
    .from(users)
    .where(and(eq(users.role, 'EXPERT'), eq(users.active, true), eq(users.departmentId, departmentId)));

/** Active users by username (lower-cased). */
export const activeUsersByUsername = async (db: Db, usernames: readonly string[]): Promise<Recipient[]> =>
  usernames.length
    ? db
        .select(recipientColumns)
        .from(users)
        .where(and(eq(users.active, true), inArray(sql`lower(${users.username})`, [...usernames])))
    : [];

/** Active users by id. */
export const activeUsersByIds = async (db: Db, ids: readonly string[]): Promise<Recipient[]> =>
  ids.length
    ? db
        .select(recipientColumns)
        .from(users)
        .where(and(eq(users.active, true), inArray(users.id, [...ids])))
    : [];

export const displayNameOf = async (db: Db, userId: string | null): Promise<string | null> =>
  userId ? ((await first(db.select({ name: users.displayName }).from(users).where(eq(users.id, userId))))?.name ?? null) : null;

/** The experts invited to a problem's consultation; with `withoutOpinion`, those who have not given one yet. */
export async function invitedExpertIds(db: Db, problemId: string, withoutOpinion = false): Promise<string[]> {
  const rows = await db
    .select({ id: consultationExperts.expertId })
    .from(consultationExperts)
    .where(
      and(
        eq(consultationExperts.problemId, problemId),
        withoutOpinion
          ? sql`NOT EXISTS (SELECT 1 FROM ${opinions} WHERE ${opinions.problemId} = ${problemId} AND ${opinions.expertId} = ${consultationExperts.expertId})`
          : undefined,
      ),
    );
  return rows.map((r) => r.id);
}

/** The coordinator who opened a problem's consultation, if they are still active. */
export const consultationCoordinatorOf = async (db: Db, problemId: string): Promise<string | null> =>
  (
    await first(
      db
        .select({ id: consultations.coordinatorId })
        .from(consultations)
        .innerJoin(users, eq(users.id, consultations.coordinatorId))
        .where(and(eq(consultations.problemId, problemId), eq(users.active, true))),
    )
  )?.id ?? null;

/** Who asked for an action's latest extension. */
export const extensionRequesterOf = async (db: Db, actionId: string): Promise<string | null> =>
  (
    await first(
      db
        .select({ by: extensionRequests.requestedBy })
        .from(extensionRequests)
        .where(eq(extensionRequests.actionId, actionId))
        .orderBy(desc(extensionRequests.id))
        .limit(1),
    )
  )?.by ?? null;

export interface InboxQuery {
  userId: string;
  unreadOnly: boolean;
}

const inboxWhere = (q: InboxQuery) => and(eq(notifications.userId, q.userId), q.unreadOnly ? isNull(notifications.readAt) : undefined);

/** A user's notifications, newest first, keyed by id. */
export async function pageInbox(db: Db, q: InboxQuery, limit: number, beforeId: number | null): Promise<NotificationRow[]> {
  return await db
    .select()
    .from(notifications)
    .where(and(inboxWhere(q), beforeId === null ? undefined : lt(notifications.id, beforeId)))
    .orderBy(desc(notifications.id))
    .limit(limit);
}

export const countInbox = async (db: Db, q: InboxQuery): Promise<number> =>
  (await first(db.select({ n: count() }).from(notifications).where(inboxWhere(q))))?.n ?? 0;

/** Marks one notification read (a second time changes nothing). */
export async function markRead(tx: Db, userId: string, id: number, at: Date): Promise<NotificationRow | undefined> {
  await tx
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)));
  return first(
    tx
      .select()
      .from(notifications)
      .where(and(eq(notifications.id, id), eq(notifications.userId, userId))),
  );
}

/** Marks every unread notification of a user read, up to an id when given; answers how many. */
export async function markAllRead(tx: Db, userId: string, upToId: number | null, at: Date): Promise<number> {
  return changed(
    await tx
      .update(notifications)
      .set({ readAt: at })
      .where(
        and(eq(notifications.userId, userId), isNull(notifications.readAt), upToId === null ? undefined : lte(notifications.id, upToId)),
      ),
  );
}

/** Every notification after an id, oldest first: the live feed's tail. */
export const notificationsAfter = async (db: Db, afterId: number, limit: number, userId?: string): Promise<NotificationRow[]> =>
  db
    .select()
    .from(notifications)
    .where(and(gt(notifications.id, afterId), userId ? eq(notifications.userId, userId) : undefined))
    .orderBy(notifications.id)
    .limit(limit);

export const lastNotificationId = async (db: Db): Promise<number> =>
  (await first(db.select({ id: sql<number>`coalesce(max(${notifications.id}), 0)` }).from(notifications)))?.id ?? 0;

/** A report as the 3-in-3 rule reads it: with its text, which decides its topic. */
export type AlertItemWithText = AlertItem & { text: string };

/**
 * The reports of an alert a later one must resemble to continue it: its first this many. Reading
 * them instead of all its reports keeps the cost of a write the same during an outage storm,
 * whether the alert links 3 reports or 3,000. Enough of them to hold the ways agents word one
 * failure: with 8, the storm of tests/server/notification/storm.test.ts (four phrasings, six
 * details) split into four alerts; with 32 it is one, as when every report was compared.
 */
export const ALERT_REPRESENTATIVES = 32;
/** Free reports (no alert yet) a recorded report is compared with at most: the newest of its window. */
export const FREE_CANDIDATES = 200;
/** Alerts of one category at one branch a recorded report may continue at most: the latest. */
export const OPEN_ALERTS = 16;

/**
 * Unattached feedback with a customer reference that no alert covers yet, of one category at one
 * branch, received in [from, to]: the only items the 3-in-3 rule can still act on; with `limit`,
 * only the newest. Served by feedback_unclustered_idx, which linked reports leave: what it reads
 * does not grow with the alerts' size.
 */
export async function freeReportsAtSite(
  db: Db,
  categoryId: string,
  branchId: string,
  from: number,
  to: number,
  limit?: number,
): Promise<AlertItemWithText[]> {
  return rows<AlertItemWithText>(
    db,
    // Quoted aliases: PostgreSQL folds unquoted ones to lower case.
    sql`SELECT f.id AS id, f.customer_ref AS "customerRef", f.received_at AS at, NULL AS "alertId", f.text AS text
      FROM feedback f
      WHERE f.category_id = ${categoryId} AND f.branch_id = ${branchId} AND f.received_at >= ${from} AND f.received_at <= ${to}
        AND f.cluster_id IS NULL AND f.problem_id IS NULL AND f.customer_ref IS NOT NULL AND f.voided_at IS NULL
      ${limit === undefined ? sql`` : sql`ORDER BY f.received_at DESC, f.id DESC LIMIT ${limit}`}`,
  );
}

/**
 * The alerts of one category at one branch whose reports reach into [from, to] (with `limit`, the
 * latest), each with its representatives (its first ALERT_REPRESENTATIVES reports, with their
 * text): what a later report must resemble to continue one. One statement for both, as a storm's
 * every write reads them. Reports attached to a problem since are included; they still say what
 * the alert was about.
 */
export async function alertsAtSite(
  db: Db,
  categoryId: string,
  branchId: string,
  from: number,
  to: number,
  limit?: number,
): Promise<{ alerts: (ExistingAlert & AlertCounts)[]; members: AlertItemWithText[] }> {
  const found = await rows<{
    alertId: number;
    firstAt: number | string;
    lastAt: number | string;
    reports: number | string;
    customers: number | string;
    id: string | null;
    customerRef: string | null;
    at: number | string | null;
    text: string | null;
  }>(
    db,
    // Quoted aliases: PostgreSQL folds unquoted ones to lower case. LEFT JOIN: an alert whose
    // representatives are gone is still one a report may continue.
    sql`SELECT c.id AS "alertId", c.first_at AS "firstAt", c.last_at AS "lastAt", c.reports AS reports, c.customers AS customers,
        f.id AS id, f.customer_ref AS "customerRef", f.received_at AS at, f.text AS text
      FROM (SELECT id, first_at, last_at, reports, customers FROM feedback_clusters
        WHERE category_id = ${categoryId} AND branch_id = ${branchId} AND last_at >= ${from} AND first_at <= ${to}
        ORDER BY last_at DESC, id DESC ${limit === undefined ? sql`` : sql`LIMIT ${limit}`}) c
      LEFT JOIN feedback_cluster_items i ON i.cluster_id = c.id AND i.rep = 1
      LEFT JOIN feedback f ON f.id = i.feedback_id
      ORDER BY c.last_at DESC, c.id DESC`,
  );
  const alerts = new Map<number, ExistingAlert & AlertCounts>();
  const members: AlertItemWithText[] = [];
  for (const r of found) {
    const alertId = Number(r.alertId);
    if (!alerts.has(alertId))
      alerts.set(alertId, {
        id: alertId,
        firstAt: Number(r.firstAt),
        lastAt: Number(r.lastAt),
        reports: Number(r.reports),
        customers: Number(r.customers),
      });
    if (r.id !== null) members.push({ id: r.id, customerRef: r.customerRef ?? '', at: Number(r.at), alertId, text: r.text ?? '' });
  }
  return { alerts: [...alerts.values()], members };
}

/** An alert's kept counts. */
export interface AlertCounts {
  reports: number;
  customers: number;
}

/** Raises an alert linking these reports (oldest first); answers its id and counts. */
export async function insertAlert(
  tx: Db,
  c: { categoryId: string; branchId: string; firstAt: number; lastAt: number },
  members: readonly { id: string; customerRef: string }[],
  at: Date,
): Promise<{ id: number } & AlertCounts> {
  const row = (await first(
    tx
      .insert(feedbackClusters)
      .values({ ...c, firstAt: new Date(c.firstAt), lastAt: new Date(c.lastAt), customers: 0, reports: 0, createdAt: at })
      .returning({ id: feedbackClusters.id }),
  ))!;
  return { id: row.id, ...(await linkToAlert(tx, { id: row.id, reports: 0, customers: 0 }, members, c.firstAt, c.lastAt)) };
}

/**
 * Links reports to an alert and keeps its state: the link rows (the first reports marked as its
 * representatives), the copy on the feedback rows, its customers, its span and counts. A handful
 * of statements whatever the alert's size; answers the alert's counts after. `alert`'s counts:
 * as read in this transaction (writes are serialized); `reports` decides the representatives.
 * Given `summaryOf`, also rewrites the text of the alert's notifications with the new counts (on
 * PostgreSQL in the same statement) and answers it.
 */
export async function linkToAlert(
  tx: Db,
  alert: { id: number } & AlertCounts,
  members: readonly { id: string; customerRef: string }[],
  firstAt: number,
  lastAt: number,
  summaryOf?: (counts: AlertCounts) => string,
): Promise<AlertCounts & { summary?: string }> {
  if (dialectOf(tx) === 'postgres' && members.length <= 500) return linkInOneStatement(tx, alert, members, firstAt, lastAt, summaryOf);
  const counts = await linkItems(tx, alert, members, firstAt, lastAt);
  if (!summaryOf) return counts;
  const summary = summaryOf(counts);
  await rewriteAlertText(tx, alert.id, summary);
  return { ...counts, summary };
}

async function linkItems(
  tx: Db,
  alert: { id: number } & AlertCounts,
  members: readonly { id: string; customerRef: string }[],
  firstAt: number,
  lastAt: number,
): Promise<AlertCounts> {
  const { id: alertId, reports: before } = alert;
  if (members.length === 1 && dialectOf(tx) === 'sqlite') return linkOne(tx, alert, members[0]!, firstAt, lastAt);
  let added = 0;
  let customers = 0;
  // Plain statements rather than drizzle's builders: a storm's every write runs them, and building
  // an update costs more CPU than SQLite takes to run it.
  for (let i = 0; i < members.length; i += 500) {
    const chunk = members.slice(i, i + 500);
    added += await exec(
      tx,
      sql`INSERT INTO feedback_cluster_items (feedback_id, cluster_id, rep) VALUES ${sql.join(
        chunk.map((m, k) => sql`(${m.id}, ${alertId}, ${before + i + k < ALERT_REPRESENTATIVES ? 1 : 0})`),
        sql`, `,
      )} ON CONFLICT DO NOTHING`,
    );
    await exec(
      tx,
      sql`UPDATE feedback SET cluster_id = ${alertId} WHERE id IN (${sql.join(
        chunk.map((m) => sql`${m.id}`),
        sql`, `,
      )})`,
    );
    const refs = [...new Set(chunk.map((m) => m.customerRef).filter((r) => r))];
    if (refs.length)
      customers += await exec(
        tx,
        sql`INSERT INTO feedback_cluster_customers (cluster_id, customer_ref) VALUES ${sql.join(
          refs.map((r) => sql`(${alertId}, ${r})`),
          sql`, `,
        )} ON CONFLICT DO NOTHING`,
      );
  }
  await exec(
    tx,
    sql`UPDATE feedback_clusters SET first_at = ${least(tx, sql`first_at`, firstAt)}, last_at = ${greatest(tx, sql`last_at`, lastAt)},
      reports = reports + ${added}, customers = customers + ${customers} WHERE id = ${alertId}`,
  );
  // Writes are serialized, so the counts read in this transaction plus what was added are the counts now.
  return { reports: alert.reports + added, customers: alert.customers + customers };
}

/**
 * linkItems for one report, what every report joining a storm's alert does (SQLite): statements of
 * one fixed text each, with no list to build, and the copy on the feedback row by its key. In a
 * storm this runs once a write, so what drizzle spends building a statement counts.
 */
async function linkOne(
  tx: Db,
  alert: { id: number } & AlertCounts,
  member: { id: string; customerRef: string },
  firstAt: number,
  lastAt: number,
): Promise<AlertCounts> {
  const { id: alertId } = alert;
  const rep = alert.reports < ALERT_REPRESENTATIVES ? 1 : 0;
  const added = await exec(
    tx,
    sql`INSERT INTO feedback_cluster_items (feedback_id, cluster_id, rep) VALUES (${member.id}, ${alertId}, ${rep}) ON CONFLICT DO NOTHING`,
  );
  // Already linked (the same report twice): nothing changes.
  if (!added) return { reports: alert.reports, customers: alert.customers };
  await exec(tx, sql`UPDATE feedback SET cluster_id = ${alertId} WHERE id = ${member.id}`);
  const customers = member.customerRef
    ? await exec(
        tx,
        sql`INSERT INTO feedback_cluster_customers (cluster_id, customer_ref) VALUES (${alertId}, ${member.customerRef}) ON CONFLICT DO NOTHING`,
      )
    : 0;
  await exec(
    tx,
    sql`UPDATE feedback_clusters SET first_at = min(first_at, ${firstAt}), last_at = max(last_at, ${lastAt}),
      reports = reports + 1, customers = customers + ${customers} WHERE id = ${alertId}`,
  );
  return { reports: alert.reports + 1, customers: alert.customers + customers };
}

/**
 * Takes a report out of its 3-in-3 alert (voided, or corrected to another branch, category,
 * customer or text): the link goes, the alert's report count drops, its customer count too when no
 * other report of that customer stays, and a representative leaving is replaced by the alert's
 * next report, so that the alert keeps min(reports, CLUSTER_REPRESENTATIVES) of them. Answers
 * whether the report was linked.
 */
export async function unlinkFromAlert(tx: Db, feedbackId: string, clusterId: number, customerRef: string | null): Promise<boolean> {
  const link = await row<{ rep: number | string }>(
    tx,
    sql`SELECT rep FROM feedback_cluster_items WHERE feedback_id = ${feedbackId} AND cluster_id = ${clusterId}`,
  );
  if (!link) return false;
  await exec(tx, sql`DELETE FROM feedback_cluster_items WHERE feedback_id = ${feedbackId}`);
  await exec(tx, sql`UPDATE feedback SET cluster_id = NULL WHERE id = ${feedbackId}`);
  let customerLeft = 0;
  if (customerRef) {
    const still = await row<{ n: number | string }>(
      tx,
      sql`SELECT count(*) AS n FROM feedback_cluster_items i JOIN feedback f ON f.id = i.feedback_id
        WHERE i.cluster_id = ${clusterId} AND f.customer_ref = ${customerRef}`,
    );
    if (!Number(still?.n ?? 0))
      customerLeft = await exec(
        tx,
        sql`DELETE FROM feedback_cluster_customers WHERE cluster_id = ${clusterId} AND customer_ref = ${customerRef}`,
      );
  }
  await exec(tx, sql`UPDATE feedback_clusters SET reports = reports - 1, customers = customers - ${customerLeft} WHERE id = ${clusterId}`);
  if (Number(link.rep))
    await exec(
      tx,
      sql`UPDATE feedback_cluster_items SET rep = 1 WHERE feedback_id = (
        SELECT i.feedback_id FROM feedback_cluster_items i JOIN feedback f ON f.id = i.feedback_id
        WHERE i.cluster_id = ${clusterId} AND i.rep = 0 ORDER BY f.received_at, f.id LIMIT 1)`,
    );
  return true;
}

/** What an alert's text says, as it is now: its counts, branch and category's name. */
export async function alertFacts(
  db: Db,
  alertIds: readonly number[],
): Promise<{ id: number; branchId: string; categoryName: string; reports: number; customers: number }[]> {
  if (!alertIds.length) return [];
  const found = await rows<{
    id: number | string;
    branchId: string;
    categoryName: string | null;
    reports: number | string;
    customers: number | string;
  }>(
    db,
    sql`SELECT c.id AS id, c.branch_id AS "branchId", g.name AS "categoryName", c.reports AS reports, c.customers AS customers
      FROM feedback_clusters c LEFT JOIN categories g ON g.id = c.category_id
      WHERE c.id IN (${sql.join(
        alertIds.map((id) => sql`${id}`),
        sql`, `,
      )})`,
  );
  return found.map((r) => ({
    id: Number(r.id),
    branchId: r.branchId,
    categoryName: r.categoryName ?? '',
    reports: Number(r.reports),
    customers: Number(r.customers),
  }));
}

/**
 * linkToAlert on PostgreSQL in one statement (data-modifying CTEs, which SQLite has not): the
 * links, the copy on the feedback rows, the customers, the alert's counts and its notifications'
 * text, so that a report joining a storm's alert costs one round trip inside the write transaction
 * instead of five. The text is written for the counts expected from the counts read (every member
 * is free, so each links; a single customer is new or not, which the statement decides); should
 * the counts answered differ, it is written again with them.
 */
async function linkInOneStatement(
  tx: Db,
  alert: { id: number } & AlertCounts,
  members: readonly { id: string; customerRef: string }[],
  firstAt: number,
  lastAt: number,
  summaryOf?: (counts: AlertCounts) => string,
): Promise<AlertCounts & { summary?: string }> {
  const { id: alertId, reports: before } = alert;
  const links = sql.join(
    members.map((m, k) => sql`(${m.id}, ${alertId}, ${before + k < ALERT_REPRESENTATIVES ? 1 : 0})`),
    sql`, `,
  );
  const ids = sql.join(
    members.map((m) => sql`${m.id}`),
    sql`, `,
  );
  const refs = [...new Set(members.map((m) => m.customerRef).filter((r) => r))];
  const customers = refs.length
    ? sql`INSERT INTO feedback_cluster_customers (cluster_id, customer_ref) VALUES ${sql.join(
        refs.map((r) => sql`(${alertId}, ${r})`),
        sql`, `,
      )} ON CONFLICT DO NOTHING RETURNING 1`
    : sql`SELECT 1 WHERE false`;
  const reports = alert.reports + members.length;
  const expected =
    summaryOf && refs.length <= 1
      ? {
          ifNew: summaryOf({ reports, customers: alert.customers + 1 }),
          ifNot: summaryOf({ reports, customers: alert.customers }),
        }
      : null;
  const rewrite = expected
    ? sql`, rewritten AS (
        UPDATE notifications SET summary = CASE WHEN EXISTS (SELECT 1 FROM counted) THEN ${expected.ifNew} ELSE ${expected.ifNot} END
        WHERE cluster_id = ${alertId} RETURNING 1
      )`
    : sql``;
  const counts = await row<{ reports: number | string; customers: number | string; counted: number | string }>(
    tx,
    // Every data-modifying CTE runs to completion, read or not (PostgreSQL manual, 7.8.4).
    sql`WITH linked AS (
        INSERT INTO feedback_cluster_items (feedback_id, cluster_id, rep) VALUES ${links} ON CONFLICT DO NOTHING RETURNING 1
      ), copied AS (
        UPDATE feedback SET cluster_id = ${alertId} WHERE id IN (${ids}) RETURNING 1
      ), counted AS (${customers})${rewrite}
      UPDATE feedback_clusters SET first_at = LEAST(first_at, ${firstAt}), last_at = GREATEST(last_at, ${lastAt}),
        reports = reports + (SELECT count(*) FROM linked), customers = customers + (SELECT count(*) FROM counted)
      WHERE id = ${alertId}
      RETURNING reports, customers, (SELECT count(*) FROM counted) AS counted`,
  );
  const after = { reports: Number(counts!.reports), customers: Number(counts!.customers) };
  if (!summaryOf) return after;
  const summary = summaryOf(after);
  const written = expected && (Number(counts!.counted) ? expected.ifNew : expected.ifNot);
  if (summary !== written) await rewriteAlertText(tx, alertId, summary);
  return { ...after, summary };
}

/** Rewrites the text of an alert's notifications (one per analyst), so that its counts stay current. */
export async function rewriteAlertText(tx: Db, alertId: number, summary: string): Promise<void> {
  await exec(tx, sql`UPDATE notifications SET summary = ${summary} WHERE cluster_id = ${alertId}`);
}

/** The feedback ids an alert links, oldest first. */
export async function feedbackIdsOfAlerts(db: Db, alertIds: readonly number[]): Promise<Map<number, string[]>> {
  const items = alertIds.length
    ? await db
        .select({ alertId: feedbackClusterItems.clusterId, id: feedback.id })
        .from(feedbackClusterItems)
        .innerJoin(feedback, eq(feedback.id, feedbackClusterItems.feedbackId))
        .where(inArray(feedbackClusterItems.clusterId, [...alertIds]))
        .orderBy(feedback.receivedAt, feedback.id)
    : [];
  const result = new Map<number, string[]>();
  for (const r of items) result.set(r.alertId, [...(result.get(r.alertId) ?? []), r.id]);
  return result;
}

/** An alert of a recorded report's site, as the one statement of recordedReportWindow reads it. */
export type SiteAlert = ExistingAlert & AlertCounts & { createdAt: number };

/**
 * What the 3-in-3 rule needs for a report just recorded, in one statement (a storm's every write
 * reads it): its category, branch and time, its category's name (the alert's text names it), the
 * free reports of its window as freeReportsAtSite reads them, the newest `limit` — the report
 * itself among them — and the alerts of its site that reach into the window, the latest
 * `alertLimit`, without their representatives (the caller keeps those: alertRepresentatives).
 * Undefined when the rule has nothing to do: the report is attached to a problem, has no customer,
 * or is older than `windowMs` before `now` (a new alert needs a report within the window before
 * now; see NotificationService.applyAlertRule for the span read).
 */
export async function recordedReportWindow(
  db: Db,
  feedbackId: string,
  windowMs: number,
  now: number,
  limit: number,
  alertLimit: number = OPEN_ALERTS,
): Promise<
  | { categoryId: string; branchId: string; at: number; categoryName: string | null; free: AlertItemWithText[]; alerts: SiteAlert[] }
  | undefined
> {
  const found = await rows<{
    kind: string;
    categoryId: string;
    branchId: string;
    keyAt: number | string;
    categoryName: string | null;
    id: string | null;
    customerRef: string | null;
    at: number | string | null;
    text: string | null;
    alertId: number | string | null;
    firstAt: number | string | null;
    lastAt: number | string | null;
    reports: number | string | null;
    customers: number | string | null;
    createdAt: number | string | null;
  }>(
    db,
    // Quoted aliases: PostgreSQL folds unquoted ones to lower case; typed NULLs, as UNION wants one
    // type a column. Each part keeps its own order and limit in a subquery.
    sql`SELECT 'f' AS kind, w."categoryId", w."branchId", w."keyAt", w."categoryName", w.id, w."customerRef", w.at, w.text,
        CAST(NULL AS bigint) AS "alertId", CAST(NULL AS bigint) AS "firstAt", CAST(NULL AS bigint) AS "lastAt",
        CAST(NULL AS bigint) AS reports, CAST(NULL AS bigint) AS customers, CAST(NULL AS bigint) AS "createdAt"
      FROM (${recordedReportWindowQuery(db, feedbackId, windowMs, now, limit)}) w
      UNION ALL
      SELECT 'a' AS kind, a.* FROM (
        SELECT k.category_id AS "categoryId", k.branch_id AS "branchId", k.received_at AS "keyAt", CAST(NULL AS text) AS "categoryName",
          CAST(NULL AS text) AS id, CAST(NULL AS text) AS "customerRef", CAST(NULL AS bigint) AS at, CAST(NULL AS text) AS text,
          c.id AS "alertId", c.first_at AS "firstAt", c.last_at AS "lastAt", c.reports AS reports, c.customers AS customers,
          c.created_at AS "createdAt"
        FROM feedback k
        JOIN feedback_clusters c ON c.category_id = k.category_id AND c.branch_id = k.branch_id
          AND c.last_at >= ${greatest(db, sql`k.received_at`, now - 2 * windowMs)} - ${windowMs}
          AND c.first_at <= k.received_at + ${windowMs}
        WHERE k.id = ${feedbackId} AND k.problem_id IS NULL AND k.customer_ref IS NOT NULL AND k.customer_ref <> ''
          AND k.received_at >= ${now - windowMs}
        ORDER BY c.last_at DESC, c.id DESC LIMIT ${alertLimit}) a`,
  );
  const key = found.find((r) => r.kind === 'f');
  if (!key) return undefined;
  return {
    categoryId: key.categoryId,
    branchId: key.branchId,
    at: Number(key.keyAt),
    categoryName: key.categoryName,
    free: found
      .filter((r) => r.kind === 'f')
      .map((r) => ({ id: r.id!, customerRef: r.customerRef!, at: Number(r.at), alertId: null, text: r.text! })),
    alerts: found
      .filter((r) => r.kind === 'a')
      .map((r) => ({
        id: Number(r.alertId),
        firstAt: Number(r.firstAt),
        lastAt: Number(r.lastAt),
        reports: Number(r.reports),
        customers: Number(r.customers),
        createdAt: Number(r.createdAt),
      })),
  };
}

/**
 * The representatives of these alerts (each one's first ALERT_REPRESENTATIVES reports), with
 * their text: what a later report must resemble to continue one. Once an alert has that many, they
 * never change, so a process reads them once per alert (NotificationService keeps them).
 */
export async function alertRepresentatives(db: Db, alertIds: readonly number[]): Promise<AlertItemWithText[]> {
  if (!alertIds.length) return [];
  const found = await rows<{ alertId: number | string; id: string; customerRef: string | null; at: number | string; text: string }>(
    db,
    sql`SELECT i.cluster_id AS "alertId", f.id AS id, f.customer_ref AS "customerRef", f.received_at AS at, f.text AS text
      FROM feedback_cluster_items i JOIN feedback f ON f.id = i.feedback_id
      WHERE i.rep = 1 AND i.cluster_id IN (${sql.join(
        alertIds.map((id) => sql`${id}`),
        sql`, `,
      )})`,
  );
  return found.map((r) => ({ id: r.id, customerRef: r.customerRef ?? '', at: Number(r.at), alertId: Number(r.alertId), text: r.text }));
}

/**
 * The statement of recordedReportWindow, on its own so that tests can ask the database how it
 * runs it (the rows it reads must not grow with a storm).
 */
export function recordedReportWindowQuery(db: Db, feedbackId: string, windowMs: number, now: number, limit: number): SQL {
  // Quoted aliases: PostgreSQL folds unquoted ones to lower case. The recorded report is free
  // itself, so the join answers at least one row whenever the rule has something to do.
  // The free reports are read through feedback_unclustered_idx, which a storm's linked reports
  // leave, so that the rows read do not grow with the storm. SQLite, without statistics, reads
  // them through feedback_category_received_idx instead (every report of the category in the
  // window, the storm's linked thousands included) unless told; PostgreSQL's planner, once
  // autovacuum has analysed the table, chooses the partial index itself.
  return sql`SELECT k.category_id AS "categoryId", k.branch_id AS "branchId", k.received_at AS "keyAt", c.name AS "categoryName",
      f.id AS id, f.customer_ref AS "customerRef", f.received_at AS at, f.text AS text
    FROM feedback k
    LEFT JOIN categories c ON c.id = k.category_id
    JOIN feedback f ${pick(db, { sqlite: sql`INDEXED BY feedback_unclustered_idx`, postgres: sql`` })} ON f.category_id = k.category_id AND f.branch_id = k.branch_id
      AND f.received_at >= ${greatest(db, sql`k.received_at`, now - 2 * windowMs)} - ${windowMs}
      AND f.received_at <= k.received_at + ${windowMs}
      AND f.cluster_id IS NULL AND f.problem_id IS NULL AND f.customer_ref IS NOT NULL AND f.voided_at IS NULL
    WHERE k.id = ${feedbackId} AND k.problem_id IS NULL AND k.customer_ref IS NOT NULL AND k.customer_ref <> '' AND k.voided_at IS NULL AND k.received_at >= ${now - windowMs}
    ORDER BY f.received_at DESC, f.id DESC LIMIT ${limit}`;
}

/** A consultation's own due date, if it was opened with one. */
export const consultationDueAt = async (db: Db, problemId: string): Promise<number | null> =>
  (
    await first(db.select({ dueAt: consultations.dueAt }).from(consultations).where(eq(consultations.problemId, problemId)))
  )?.dueAt?.getTime() ?? null;

export const categoryName = async (db: Db, id: string): Promise<string> =>
  (await first(db.select({ name: categories.name }).from(categories).where(eq(categories.id, id))))?.name ?? '';

/** Praise (赞扬之声) per branch among the feedback an import's batch inserted (rowid after the mark). */
export async function importedPraiseByBranch(tx: Db, rowidBefore: number): Promise<{ branchId: string; n: number }[]> {
  return rows<{ branchId: string; n: number }>(
    tx,
    sql`SELECT branch_id AS "branchId", count(*) AS n FROM ${feedback} WHERE rowid > ${rowidBefore} AND kind = 'PRAISE' GROUP BY branch_id`,
  );
}
