import { and, desc, eq, gt, inArray, isNull, lt, lte, sql, count } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { notifications, feedbackClusters, feedbackClusterItems, type NotificationKindCode } from './notification.table.js';
import { users, type RoleCode } from '../user/user.table.js';
import { consultations, consultationExperts, opinions } from '../consultation/consultation.table.js';
import { extensionRequests } from '../action/action.table.js';
import { feedback } from '../feedback/feedback.table.js';
import { categories } from '../org/org.table.js';
import type { ClusterItem, ExistingCluster } from './cluster.rules.js';

export type NotificationRow = typeof notifications.$inferSelect;
export type ClusterRow = typeof feedbackClusters.$inferSelect;

export interface NotificationDraft {
  userId: string;
  kind: NotificationKindCode;
  summary: string;
  eventSeq?: number | null;
  problemId?: string | null;
  actionId?: string | null;
  clusterId?: number | null;
}

export function insertNotifications(tx: Db, drafts: readonly NotificationDraft[], at: Date): void {
  if (!drafts.length) return;
  tx.insert(notifications)
    .values(
      drafts.map((d) => ({
        userId: d.userId,
        kind: d.kind,
        summary: d.summary,
        at,
        eventSeq: d.eventSeq ?? null,
        problemId: d.problemId ?? null,
        actionId: d.actionId ?? null,
        clusterId: d.clusterId ?? null,
      })),
    )
    .run();
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
export const activeUsersOfRole = (db: Db, role: RoleCode): Recipient[] =>
  db
    .select(recipientColumns)
    .from(users)
    .where(and(eq(users.role, role), eq(users.active, true)))
    .all();

/** Active users, every role. */
export const activeUsers = (db: Db): Recipient[] => db.select(recipientColumns).from(users).where(eq(users.active, true)).all();

/** Active branch managers of any of these branches. */
export const activeBranchManagersOf = (db: Db, branchIds: readonly string[]): Recipient[] =>
  branchIds.length
    ? db
        .select(recipientColumns)
        .from(users)
        .where(and(eq(users.role, 'BRANCH_MANAGER'), eq(users.active, true), inArray(users.branchId, [...branchIds])))
        .all()
    : [];

/** Active experts of a department. */
export const activeExpertsOf = (db: Db, departmentId: string): Recipient[] =>
  db
    .select(recipientColumns)
    .from(users)
    .where(and(eq(users.role, 'EXPERT'), eq(users.active, true), eq(users.departmentId, departmentId)))
    .all();

/** Active users by username (lower-cased). */
export const activeUsersByUsername = (db: Db, usernames: readonly string[]): Recipient[] =>
  usernames.length
    ? db
        .select(recipientColumns)
        .from(users)
        .where(and(eq(users.active, true), inArray(sql`lower(${users.username})`, [...usernames])))
        .all()
    : [];

export const displayNameOf = (db: Db, userId: string | null): string | null =>
  userId ? (db.select({ name: users.displayName }).from(users).where(eq(users.id, userId)).get()?.name ?? null) : null;

/** The experts invited to a problem's consultation; with `withoutOpinion`, those who have not given one yet. */
export function invitedExpertIds(db: Db, problemId: string, withoutOpinion = false): string[] {
  return db
    .select({ id: consultationExperts.expertId })
    .from(consultationExperts)
    .where(
      and(
        eq(consultationExperts.problemId, problemId),
        withoutOpinion
          ? sql`NOT EXISTS (SELECT 1 FROM ${opinions} WHERE ${opinions.problemId} = ${problemId} AND ${opinions.expertId} = ${consultationExperts.expertId})`
          : undefined,
      ),
    )
    .all()
    .map((r) => r.id);
}

/** Who asked for an action's latest extension. */
export const extensionRequesterOf = (db: Db, actionId: string): string | null =>
  db
    .select({ by: extensionRequests.requestedBy })
    .from(extensionRequests)
    .where(eq(extensionRequests.actionId, actionId))
    .orderBy(desc(extensionRequests.id))
    .limit(1)
    .get()?.by ?? null;

export interface InboxQuery {
  userId: string;
  unreadOnly: boolean;
}

const inboxWhere = (q: InboxQuery) => and(eq(notifications.userId, q.userId), q.unreadOnly ? isNull(notifications.readAt) : undefined);

/** A user's notifications, newest first, keyed by id. */
export function pageInbox(db: Db, q: InboxQuery, limit: number, beforeId: number | null): NotificationRow[] {
  return db
    .select()
    .from(notifications)
    .where(and(inboxWhere(q), beforeId === null ? undefined : lt(notifications.id, beforeId)))
    .orderBy(desc(notifications.id))
    .limit(limit)
    .all();
}

export const countInbox = (db: Db, q: InboxQuery): number =>
  db.select({ n: count() }).from(notifications).where(inboxWhere(q)).get()?.n ?? 0;

export const findNotification = (db: Db, id: number): NotificationRow | undefined =>
  db.select().from(notifications).where(eq(notifications.id, id)).get();

/** Marks one notification read (a second time changes nothing). */
export function markRead(tx: Db, userId: string, id: number, at: Date): NotificationRow | undefined {
  tx.update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)))
    .run();
  return tx
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .get();
}

/** Marks every unread notification of a user read, up to an id when given; answers how many. */
export function markAllRead(tx: Db, userId: string, upToId: number | null, at: Date): number {
  return tx
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), upToId === null ? undefined : lte(notifications.id, upToId)))
    .run().changes;
}

/** Every notification after an id, oldest first: the live feed's tail. */
export const notificationsAfter = (db: Db, afterId: number, limit: number, userId?: string): NotificationRow[] =>
  db
    .select()
    .from(notifications)
    .where(and(gt(notifications.id, afterId), userId ? eq(notifications.userId, userId) : undefined))
    .orderBy(notifications.id)
    .limit(limit)
    .all();

export const lastNotificationId = (db: Db): number =>
  db
    .select({ id: sql<number>`coalesce(max(${notifications.id}), 0)` })
    .from(notifications)
    .get()?.id ?? 0;

/**
 * Unattached feedback with a customer reference that no alert covers yet, of one category at one
 * branch, received in [from, to]: the only items the 3-in-3 rule can still act on.
 */
export function freeClusterItems(db: Db, categoryId: string, branchId: string, from: number, to: number): ClusterItem[] {
  return db.all<ClusterItem>(
    sql`SELECT f.id AS id, f.customer_ref AS customerRef, f.received_at AS at, NULL AS clusterId
      FROM feedback f
      WHERE f.branch_id = ${branchId} AND f.received_at >= ${from} AND f.received_at <= ${to}
        AND f.category_id = ${categoryId} AND f.problem_id IS NULL AND f.customer_ref IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM feedback_cluster_items i WHERE i.feedback_id = f.id)`,
  );
}

/** The alerts of one category at one branch whose reports reach into [from, to]. */
export function clustersOfGroup(db: Db, categoryId: string, branchId: string, from: number, to: number): ExistingCluster[] {
  return db
    .select({ id: feedbackClusters.id, firstAt: feedbackClusters.firstAt, lastAt: feedbackClusters.lastAt })
    .from(feedbackClusters)
    .where(
      and(
        eq(feedbackClusters.categoryId, categoryId),
        eq(feedbackClusters.branchId, branchId),
        sql`${feedbackClusters.lastAt} >= ${from}`,
        sql`${feedbackClusters.firstAt} <= ${to}`,
      ),
    )
    .all()
    .map((c) => ({ id: c.id, firstAt: c.firstAt.getTime(), lastAt: c.lastAt.getTime() }));
}

export function insertCluster(
  tx: Db,
  c: { categoryId: string; branchId: string; firstAt: number; lastAt: number; customers: number },
  feedbackIds: readonly string[],
  at: Date,
): number {
  const row = tx
    .insert(feedbackClusters)
    .values({ ...c, firstAt: new Date(c.firstAt), lastAt: new Date(c.lastAt), createdAt: at })
    .returning({ id: feedbackClusters.id })
    .get();
  addClusterItems(tx, row.id, feedbackIds);
  return row.id;
}

export function addClusterItems(tx: Db, clusterId: number, feedbackIds: readonly string[]): void {
  for (let i = 0; i < feedbackIds.length; i += 500)
    tx.insert(feedbackClusterItems)
      .values(feedbackIds.slice(i, i + 500).map((feedbackId) => ({ feedbackId, clusterId })))
      .onConflictDoNothing()
      .run();
}

/** Widens an alert to the reports that joined it and recounts its customers. */
export function extendCluster(tx: Db, clusterId: number, firstAt: number, lastAt: number): void {
  tx.run(sql`UPDATE feedback_clusters SET first_at = min(first_at, ${firstAt}), last_at = max(last_at, ${lastAt}),
    customers = (SELECT count(DISTINCT f.customer_ref) FROM feedback_cluster_items i JOIN feedback f ON f.id = i.feedback_id WHERE i.cluster_id = ${clusterId})
    WHERE id = ${clusterId}`);
}

export const findCluster = (db: Db, id: number): ClusterRow | undefined =>
  db.select().from(feedbackClusters).where(eq(feedbackClusters.id, id)).get();

/** The feedback ids an alert links, oldest first. */
export function feedbackIdsOfClusters(db: Db, clusterIds: readonly number[]): Map<number, string[]> {
  const rows = clusterIds.length
    ? db
        .select({ clusterId: feedbackClusterItems.clusterId, id: feedback.id })
        .from(feedbackClusterItems)
        .innerJoin(feedback, eq(feedback.id, feedbackClusterItems.feedbackId))
        .where(inArray(feedbackClusterItems.clusterId, [...clusterIds]))
        .orderBy(feedback.receivedAt, feedback.id)
        .all()
    : [];
  const result = new Map<number, string[]>();
  for (const r of rows) result.set(r.clusterId, [...(result.get(r.clusterId) ?? []), r.id]);
  return result;
}

/** What the 3-in-3 rule needs of one feedback item. */
export const clusterKeyOf = (db: Db, feedbackId: string) =>
  db
    .select({
      categoryId: feedback.categoryId,
      branchId: feedback.branchId,
      at: sql<number>`${feedback.receivedAt}`,
      customerRef: feedback.customerRef,
    })
    .from(feedback)
    .where(and(eq(feedback.id, feedbackId), isNull(feedback.problemId)))
    .get();

/** A consultation's own due date, if it was opened with one. */
export const consultationDueAt = (db: Db, problemId: string): number | null =>
  db.select({ dueAt: consultations.dueAt }).from(consultations).where(eq(consultations.problemId, problemId)).get()?.dueAt?.getTime() ??
  null;

export const categoryName = (db: Db, id: string): string =>
  db.select({ name: categories.name }).from(categories).where(eq(categories.id, id)).get()?.name ?? '';
