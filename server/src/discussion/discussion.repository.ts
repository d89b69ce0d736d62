import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { first } from '../core/sql.js';
import { users } from '../user/index.js';
import { consultationExperts } from '../loop/index.js';
import { problemComments, problemFollowers, type FOLLOW_REASONS } from './discussion.table.js';

export type CommentRow = typeof problemComments.$inferSelect;
export type FollowReason = (typeof FOLLOW_REASONS)[number];

export const findComment = (db: Db, id: string): Promise<CommentRow | undefined> =>
  first(db.select().from(problemComments).where(eq(problemComments.id, id)));

/** The comments of these problems, oldest first. */
export function commentsOfProblems(db: Db, problemIds: readonly string[]): Promise<CommentRow[]> {
  if (!problemIds.length) return Promise.resolve([]);
  return db
    .select()
    .from(problemComments)
    .where(inArray(problemComments.problemId, [...problemIds]))
    .orderBy(asc(problemComments.createdAt), asc(problemComments.id));
}

export async function insertComment(tx: Db, row: CommentRow): Promise<CommentRow> {
  return (await first(tx.insert(problemComments).values(row).returning()))!;
}

/** Writes the change if the comment is still at `version`; undefined when someone got there first. */
export function updateCommentIfVersion(tx: Db, id: string, version: number, set: Partial<CommentRow>): Promise<CommentRow | undefined> {
  return first(
    tx
      .update(problemComments)
      .set({ ...set, version: version + 1 })
      .where(and(eq(problemComments.id, id), eq(problemComments.version, version)))
      .returning(),
  );
}

/** Active users by id or by (lower-cased) username: those a comment may mention. */
export async function activeUsersNamed(db: Db, ids: readonly string[], usernames: readonly string[]) {
  const columns = { id: users.id, username: users.username, role: users.role, branchId: users.branchId, active: users.active };
  const byId = ids.length
    ? await db
        .select(columns)
        .from(users)
        .where(inArray(users.id, [...ids]))
    : [];
  const byName = usernames.length
    ? await db
        .select(columns)
        .from(users)
        .where(inArray(sql`lower(${users.username})`, [...usernames]))
    : [];
  return { byId: byId.filter((u) => u.active), byName: byName.filter((u) => u.active) };
}

/** Every active user, for the mention picker (a bank's staff of the hub: hundreds, not millions). */
export function activeUsers(db: Db) {
  return db
    .select({ id: users.id, role: users.role, branchId: users.branchId })
    .from(users)
    .where(eq(users.active, true))
    .orderBy(asc(users.displayName), asc(users.id));
}

/** Active branch managers at these branches, or active experts of a department: an action's owners. */
export async function activeOwnerIds(db: Db, branchIds: readonly string[], departmentId: string | null): Promise<string[]> {
  if (departmentId)
    return (
      await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.role, 'EXPERT'), eq(users.active, true), eq(users.departmentId, departmentId)))
    ).map((u) => u.id);
  if (!branchIds.length) return [];
  return (
    await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, 'BRANCH_MANAGER'), eq(users.active, true), inArray(users.branchId, [...branchIds])))
  ).map((u) => u.id);
}

export async function invitedExperts(db: Db, problemId: string): Promise<string[]> {
  return (
    await db.select({ id: consultationExperts.expertId }).from(consultationExperts).where(eq(consultationExperts.problemId, problemId))
  ).map((r) => r.id);
}

/** Adds followers (each once: one already following keeps their row and its reason). */
export async function addFollowers(
  tx: Db,
  problemId: string,
  userIds: readonly string[],
  reason: FollowReason,
  since: Date,
): Promise<void> {
  if (!userIds.length) return;
  await tx
    .insert(problemFollowers)
    .values([...new Set(userIds)].map((userId) => ({ problemId, userId, reason, since })))
    .onConflictDoNothing();
}

export async function removeFollower(tx: Db, problemId: string, userId: string): Promise<void> {
  await tx.delete(problemFollowers).where(and(eq(problemFollowers.problemId, problemId), eq(problemFollowers.userId, userId)));
}

/** The followers of a problem: who hears of its events. */
export async function followerIdsOf(db: Db, problemId: string): Promise<string[]> {
  return (await db.select({ id: problemFollowers.userId }).from(problemFollowers).where(eq(problemFollowers.problemId, problemId))).map(
    (r) => r.id,
  );
}

/** The followers of one problem follow another too, each for the same reason (a duplicate merged into its target). */
export async function copyFollowers(tx: Db, fromProblemId: string, toProblemId: string, since: Date): Promise<void> {
  const rows = await tx
    .select({ userId: problemFollowers.userId, reason: problemFollowers.reason })
    .from(problemFollowers)
    .where(eq(problemFollowers.problemId, fromProblemId));
  if (!rows.length) return;
  await tx
    .insert(problemFollowers)
    .values(rows.map((r) => ({ problemId: toProblemId, userId: r.userId, reason: r.reason, since })))
    .onConflictDoNothing();
}

/** How many follow each of these problems. */
export async function followerCounts(db: Db, problemIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>(problemIds.map((id) => [id, 0]));
  if (!problemIds.length) return out;
  const found = await db
    .select({ problemId: problemFollowers.problemId, n: count() })
    .from(problemFollowers)
    .where(inArray(problemFollowers.problemId, [...problemIds]))
    .groupBy(problemFollowers.problemId);
  for (const r of found) out.set(r.problemId, Number(r.n));
  return out;
}

/** Which of these problems the user follows. */
export async function followedBy(db: Db, userId: string, problemIds: readonly string[]): Promise<Set<string>> {
  if (!problemIds.length) return new Set();
  const found = await db
    .select({ problemId: problemFollowers.problemId })
    .from(problemFollowers)
    .where(and(eq(problemFollowers.userId, userId), inArray(problemFollowers.problemId, [...problemIds])));
  return new Set(found.map((r) => r.problemId));
}
