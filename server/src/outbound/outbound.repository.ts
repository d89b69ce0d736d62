import { and, desc, eq, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { changed, first } from '../core/sql.js';
import { outboundDeliveries, webhookEndpoints, notificationPreferences, type DeliveryStatusCode } from './outbound.table.js';

export type DeliveryRow = typeof outboundDeliveries.$inferSelect;
export type DeliveryDraft = typeof outboundDeliveries.$inferInsert;
export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type PreferenceRow = typeof notificationPreferences.$inferSelect;

/** The subject of a role's default preference row. */
export const roleSubject = (role: string): string => `role:${role}`;

export async function insertDeliveries(tx: Db, drafts: readonly DeliveryDraft[]): Promise<void> {
  if (drafts.length) await tx.insert(outboundDeliveries).values([...drafts]);
}

export const preferenceRows = async (db: Db, subjects: readonly string[]): Promise<PreferenceRow[]> =>
  subjects.length
    ? db
        .select()
        .from(notificationPreferences)
        .where(inArray(notificationPreferences.subject, [...subjects]))
    : [];

export const preferenceRow = async (db: Db, subject: string): Promise<PreferenceRow | undefined> =>
  first(db.select().from(notificationPreferences).where(eq(notificationPreferences.subject, subject)));

export const rolePreferenceRows = async (db: Db): Promise<PreferenceRow[]> =>
  (await db.select().from(notificationPreferences)).filter((r) => r.subject.startsWith('role:'));

export const activeEndpoints = async (db: Db): Promise<EndpointRow[]> =>
  db.select().from(webhookEndpoints).where(eq(webhookEndpoints.active, true));

export const allEndpoints = async (db: Db): Promise<EndpointRow[]> =>
  db.select().from(webhookEndpoints).orderBy(webhookEndpoints.createdAt);

export const endpointById = async (db: Db, id: string): Promise<EndpointRow | undefined> =>
  first(db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)));

export const deliveryById = async (db: Db, id: string): Promise<DeliveryRow | undefined> =>
  first(db.select().from(outboundDeliveries).where(eq(outboundDeliveries.id, id)));

/** Deliveries due now and not held by an attempt in flight, oldest due first. */
export const dueDeliveries = async (db: Db, now: Date, limit: number): Promise<DeliveryRow[]> =>
  db
    .select()
    .from(outboundDeliveries)
    .where(
      and(
        eq(outboundDeliveries.status, 'PENDING'),
        lte(outboundDeliveries.nextAttemptAt, now),
        or(isNull(outboundDeliveries.claimedUntil), lte(outboundDeliveries.claimedUntil, now)),
      ),
    )
    .orderBy(outboundDeliveries.nextAttemptAt)
    .limit(limit);

/**
 * Takes a due delivery for one attempt until `until`: one conditional update, so that of two
 * processes (or two drains) reaching for it, exactly one gets it while the lease holds.
 */
export async function claimDelivery(tx: Db, id: string, now: Date, until: Date, by: string): Promise<boolean> {
  const result = await tx
    .update(outboundDeliveries)
    .set({ claimedUntil: until, claimedBy: by })
    .where(
      and(
        eq(outboundDeliveries.id, id),
        eq(outboundDeliveries.status, 'PENDING'),
        lte(outboundDeliveries.nextAttemptAt, now),
        or(isNull(outboundDeliveries.claimedUntil), lte(outboundDeliveries.claimedUntil, now)),
      ),
    );
  return changed(result) === 1;
}

/**
 * Frees every claim: on SQLite at start, where one process owns the file, so that an attempt a
 * killed process left in flight is made again at once (at least once) instead of after its lease.
 */
export async function releaseClaims(tx: Db): Promise<number> {
  return changed(await tx.update(outboundDeliveries).set({ claimedUntil: null }).where(eq(outboundDeliveries.status, 'PENDING')));
}

/** Records an attempt's outcome, if this process still holds the claim; `claimedBy` stays, naming who made the last attempt. */
export async function settleDelivery(
  tx: Db,
  id: string,
  by: string,
  outcome: { status: DeliveryStatusCode; attempts: number; nextAttemptAt: Date; lastError: string | null; deliveredAt: Date | null },
): Promise<void> {
  await tx
    .update(outboundDeliveries)
    .set({ ...outcome, claimedUntil: null })
    .where(and(eq(outboundDeliveries.id, id), eq(outboundDeliveries.claimedBy, by)));
}

export interface DeliveryFilter {
  userId?: string | null;
  endpointId?: string | null;
  status?: DeliveryStatusCode | null;
}

/** The delivery log, newest first. */
export async function listDeliveries(db: Db, filter: DeliveryFilter, limit: number): Promise<DeliveryRow[]> {
  const where: SQL[] = [];
  if (filter.userId) where.push(eq(outboundDeliveries.userId, filter.userId));
  if (filter.endpointId) where.push(eq(outboundDeliveries.endpointId, filter.endpointId));
  if (filter.status) where.push(eq(outboundDeliveries.status, filter.status));
  return db
    .select()
    .from(outboundDeliveries)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(outboundDeliveries.createdAt), desc(outboundDeliveries.id))
    .limit(limit);
}
