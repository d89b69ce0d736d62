import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import pLimit from 'p-limit';
import type { HubDeps } from '../core/hub.js';
import type { Db } from '../core/db.js';
import type { Viewer } from '../core/viewer.rules.js';
import type { RoleCode } from '../core/roles.js';
import { roleMay } from '../core/permissions.rules.js';
import { badInput, conflict, forbidden, invalidTransition, notFound } from '../core/errors.js';
import { optionalText, requiredText } from '../core/validate.js';
import { write, type HubEventRow } from '../event/index.js';
import { auditScope } from '../audit/index.js';
import { usersByIds } from '../user/index.js';
import {
  notificationPreferences,
  outboundDeliveries,
  webhookEndpoints,
  PERSONAL_CHANNELS,
  type EndpointFormatCode,
  type PersonalChannelCode,
} from './outbound.table.js';
import {
  activeEndpoints,
  allEndpoints,
  claimDelivery,
  deliveryById,
  dueDeliveries,
  endpointById,
  insertDeliveries,
  listDeliveries,
  preferenceRow,
  releaseClaims,
  preferenceRows,
  roleSubject,
  rolePreferenceRows,
  settleDelivery,
  type DeliveryDraft,
  type DeliveryFilter,
  type DeliveryRow,
  type EndpointRow,
  type PreferenceRow,
} from './outbound.repository.js';
import { effectivePreference, minutesOf, nextRetryDelay, nextSendTime, wantsOutbound, type PreferenceFields } from './outbound.rules.js';
import { createChannels, type Send } from './outbound.channels.js';
import { renderEvent, renderNotification } from './outbound.render.js';

/** A notification as the notification module hands it over, in the transaction that writes it. */
export interface OutboundNotification {
  readonly userId: string;
  readonly kind: string;
  readonly summary: string;
  readonly eventSeq?: number | null;
  readonly problemId?: string | null;
}

/** Deliveries one drain takes at a time, and sends at once. */
const BATCH = 50;
const CONCURRENCY = 4;
/** How long an attempt holds its delivery: far beyond a channel's 10 s timeout. */
const LEASE_MS = 5 * 60_000;
const LOG_MAX = 200;
const SECRET_MIN = 16;

const newDeliveryId = () => `dlv_${randomBytes(12).toString('base64url')}`;
const newEndpointId = () => `whk_${randomBytes(9).toString('base64url')}`;
const jsonList = (text: string | null): string[] | null => (text === null ? null : (JSON.parse(text) as string[]));
const fieldsOf = (row: PreferenceRow | undefined): PreferenceFields | null =>
  row
    ? {
        kinds: jsonList(row.kinds),
        channels: jsonList(row.channels) as PersonalChannelCode[] | null,
        quietFrom: row.quietFrom,
        quietTo: row.quietTo,
      }
    : null;

/** What a person (or the admin for a role) says about outbound notifications; a null field falls back. */
export interface PreferenceInput {
  kinds?: readonly string[] | null;
  channels?: readonly string[] | null;
  quietFrom?: string | null;
  quietTo?: string | null;
  email?: string | null;
  wecomUserId?: string | null;
  expectedVersion?: number | null;
}

export interface EndpointInput {
  name: string;
  url: string;
  format: EndpointFormatCode;
  secret?: string | null;
  eventTypes: readonly string[];
  branchId?: string | null;
}

/**
 * Reaching people outside the hub (issue 19): WeCom application messages and group robots, e-mail,
 * and outgoing webhooks. What is to be sent is written to the outbox (outbound_deliveries) in the
 * transaction of the notification or event that causes it, then sent by the drain, at least once,
 * with the delivery's id as the idempotency id: retried with exponential back-off, parked as FAILED
 * after OUTBOUND_MAX_ATTEMPTS, replayable by the admin. Personal data in every outbound text is
 * masked: nothing unmasked leaves the bank by these channels, whatever the recipient's role.
 */
export class OutboundService {
  private readonly channels: Record<string, Send>;
  /** This process, as the holder of the deliveries it claims. */
  readonly processId = `${process.pid}.${randomBytes(4).toString('hex')}`;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private started = false;
  private starting: Promise<void> | null = null;
  /**
   * The active endpoints, read once and kept: every event consults them, and a read per event would
   * cost every write a statement. Dropped on this process's changes and at every poll (another
   * process's changes are seen within OUTBOUND_POLL_SECONDS).
   */
  private endpointCache: EndpointRow[] | null = null;
  /** Set when this process wrote a delivery: its commit's event then wakes the drain (others' events do not). */
  private enqueued = false;

  constructor(
    private readonly deps: HubDeps,
    channels?: Record<string, Send>,
  ) {
    this.channels = channels ?? createChannels(deps.env);
  }

  private get policy() {
    const env = this.deps.env;
    return {
      baseMs: env.OUTBOUND_RETRY_BASE_SECONDS * 1000,
      maxMs: env.OUTBOUND_RETRY_MAX_SECONDS * 1000,
      maxAttempts: env.OUTBOUND_MAX_ATTEMPTS,
    };
  }

  // ---- the outbox, written in the causing transaction ----

  /**
   * The deliveries of notifications just written in `tx`: each recipient's chosen channels for the
   * kind, at the end of their quiet hours if it falls in them. Inactive users get nothing.
   */
  async enqueueNotifications(tx: Db, rows: readonly OutboundNotification[], at: Date): Promise<void> {
    if (!rows.length) return;
    const userIds = [...new Set(rows.map((r) => r.userId))];
    const people = new Map((await usersByIds(tx, userIds)).map((u) => [u.id, u]));
    const roles = [...new Set([...people.values()].map((u) => roleSubject(u.role)))];
    const prefs = new Map((await preferenceRows(tx, [...userIds, ...roles])).map((p) => [p.subject, p]));
    const base = this.deps.env.HUB_PUBLIC_URL;
    const drafts: DeliveryDraft[] = [];
    for (const row of rows) {
      const person = people.get(row.userId);
      if (!person?.active) continue;
      const own = prefs.get(person.id);
      const pref = effectivePreference(fieldsOf(own), fieldsOf(prefs.get(roleSubject(person.role))));
      for (const channel of PERSONAL_CHANNELS) {
        if (!wantsOutbound(pref, row.kind, channel)) continue;
        const target = channel === 'EMAIL' ? own?.email : (own?.wecomUserId ?? person.username);
        if (!target) continue;
        drafts.push({
          id: newDeliveryId(),
          channel,
          userId: person.id,
          endpointId: null,
          kind: row.kind,
          eventSeq: row.eventSeq ?? null,
          target,
          payload: renderNotification(channel, row, base),
          status: 'PENDING',
          attempts: 0,
          nextAttemptAt: new Date(nextSendTime(at.getTime(), pref.quiet)),
          createdAt: at,
        });
      }
    }
    await insertDeliveries(tx, drafts);
    if (drafts.length) this.enqueued = true;
  }

  /** The deliveries of an event to the endpoints registered for its type (and branch subtree), in its transaction. */
  async enqueueEvent(tx: Db, event: HubEventRow): Promise<void> {
    this.endpointCache ??= await activeEndpoints(tx);
    const endpoints = this.endpointCache.filter((e) => this.wants(e, event));
    if (!endpoints.length) return;
    const base = this.deps.env.HUB_PUBLIC_URL;
    await insertDeliveries(
      tx,
      endpoints.map((e) => {
        const id = newDeliveryId();
        return {
          id,
          channel: e.format === 'WECOM_ROBOT' ? 'WECOM_ROBOT' : 'WEBHOOK',
          userId: null,
          endpointId: e.id,
          kind: event.type,
          eventSeq: event.seq,
          target: e.url,
          payload: renderEvent(e.format, id, event, base),
          status: 'PENDING',
          attempts: 0,
          nextAttemptAt: event.at,
          createdAt: event.at,
        } satisfies DeliveryDraft;
      }),
    );
    this.enqueued = true;
  }

  private wants(e: EndpointRow, event: HubEventRow): boolean {
    if (!(JSON.parse(e.eventTypes) as string[]).includes(event.type)) return false;
    return !e.branchId || (!!event.branchId && this.deps.org.subtree(e.branchId).has(event.branchId));
  }

  // ---- the drain ----

  /** Starts draining: on every committed event (this process's or, over Redis, another's) and every OUTBOUND_POLL_SECONDS. */
  start(): void {
    const env = this.deps.env;
    const seconds = env.OUTBOUND_POLL_SECONDS ?? (env.NODE_ENV === 'test' ? 0 : 5);
    if (seconds > 0) {
      this.timer = setInterval(() => {
        this.endpointCache = null;
        this.wake();
      }, seconds * 1000);
      this.timer.unref();
    }
    this.unsubscribe = this.deps.bus.subscribe(() => {
      if (this.enqueued) this.wake();
    });
    // On SQLite this process owns the file: claims left by a killed one are freed before the first drain.
    const freed = this.deps.store.dialect === 'sqlite' ? this.deps.store.transaction((tx) => releaseClaims(tx)) : Promise.resolve(0);
    this.starting = freed
      .catch((err: unknown) => this.deps.log.error({ err }, 'outbound: releasing claims failed'))
      .then(() => {
        this.started = true;
        this.wake();
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.starting;
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
    await this.running;
  }

  /** Drains soon; a wake during a drain drains again after it. */
  wake(): void {
    if (this.stopped || !this.started) return;
    if (this.running) {
      this.again = true;
      return;
    }
    // Outside any request's audit scope: the drain's writes are not the mutation that woke it.
    this.running = auditScope
      .exit(async () => {
        await this.drain();
      })
      .catch((err: unknown) => this.deps.log.error({ err }, 'outbound: drain failed'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          setImmediate(() => this.wake());
        }
      });
  }

  /** Sends every delivery due now; answers how many were attempted (for tests and tools). */
  async drain(): Promise<number> {
    this.enqueued = false;
    let attempted = 0;
    for (;;) {
      if (!this.deps.store.open || this.stopped) return attempted;
      const due = await dueDeliveries(this.deps.store.read, this.deps.clock.now(), BATCH);
      const limit = pLimit(CONCURRENCY);
      const done = await Promise.all(due.map((d) => limit(() => this.attempt(d))));
      attempted += done.filter(Boolean).length;
      if (due.length < BATCH) return attempted;
    }
  }

  private async attempt(d: DeliveryRow): Promise<boolean> {
    const now = this.deps.clock.now();
    const claimed = await this.deps.store.transaction((tx) =>
      claimDelivery(tx, d.id, now, new Date(now.getTime() + LEASE_MS), this.processId),
    );
    if (!claimed) return false;
    let error: string | null = null;
    try {
      const endpoint = d.endpointId ? await endpointById(this.deps.store.read, d.endpointId) : undefined;
      if (d.endpointId && !endpoint?.active) throw new Error('the endpoint was deactivated');
      const send = this.channels[d.channel];
      if (!send) throw new Error(`no channel ${d.channel}`);
      await send({ id: d.id, channel: d.channel, target: d.target, payload: d.payload, secret: endpoint?.secret }, now);
    } catch (err) {
      error = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    }
    const attempts = d.attempts + 1;
    const at = this.deps.clock.now();
    const delay = error === null ? 0 : nextRetryDelay(attempts, this.policy);
    await this.deps.store.transaction((tx) =>
      settleDelivery(tx, d.id, this.processId, {
        status: error === null ? 'DELIVERED' : delay === null ? 'FAILED' : 'PENDING',
        attempts,
        nextAttemptAt: new Date(at.getTime() + (delay ?? 0)),
        lastError: error,
        deliveredAt: error === null ? at : null,
      }),
    );
    if (error !== null) this.deps.log.warn({ delivery: d.id, channel: d.channel, attempts, error }, 'outbound: attempt failed');
    return true;
  }

  // ---- the API ----

  private assertAdmin(viewer: Viewer, what: string): void {
    if (!roleMay(viewer.role, 'administer')) throw forbidden(`Only an administrator ${what}.`);
  }

  /** The viewer's own preference row (null fields: their role's default), with the role's default beside it. */
  async preferencesOf(viewer: Viewer): Promise<{ own: PreferenceRow | null; role: PreferenceRow | null; subject: string }> {
    const read = this.deps.store.read;
    return {
      subject: viewer.id,
      own: (await preferenceRow(read, viewer.id)) ?? null,
      role: (await preferenceRow(read, roleSubject(viewer.role))) ?? null,
    };
  }

  /** Every role's default (admin). */
  async roleDefaults(viewer: Viewer): Promise<PreferenceRow[]> {
    this.assertAdmin(viewer, 'reads the role defaults');
    return rolePreferenceRows(this.deps.store.read);
  }

  /**
   * Replaces the viewer's own preference (BAD_USER_INPUT for a malformed address or quiet hours,
   * CONFLICT when `expectedVersion` is stale).
   */
  async updatePreferences(viewer: Viewer, input: PreferenceInput): Promise<PreferenceRow> {
    return this.savePreference(viewer.id, input, true);
  }

  /** The admin's default for a role: what its users get for every field they leave empty. */
  async setRoleDefault(viewer: Viewer, role: RoleCode, input: PreferenceInput): Promise<PreferenceRow> {
    this.assertAdmin(viewer, 'sets the role defaults');
    return this.savePreference(roleSubject(role), input, false);
  }

  private async savePreference(subject: string, input: PreferenceInput, personal: boolean): Promise<PreferenceRow> {
    const quietFrom = input.quietFrom == null ? null : minutesOf(input.quietFrom);
    const quietTo = input.quietTo == null ? null : minutesOf(input.quietTo);
    if (quietFrom === undefined) throw badInput('input.quietFrom', 'input.quietFrom must be HH:MM.');
    if (quietTo === undefined) throw badInput('input.quietTo', 'input.quietTo must be HH:MM.');
    if ((quietFrom === null) !== (quietTo === null)) throw badInput('input.quietTo', 'Give both ends of the quiet hours, or neither.');
    const email = personal ? optionalText('input.email', input.email, 254) : null;
    if (email !== null && !/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(email))
      throw badInput('input.email', 'input.email is not an e-mail address.');
    const wecomUserId = personal ? optionalText('input.wecomUserId', input.wecomUserId, 64) : null;
    const values = {
      kinds: input.kinds == null ? null : JSON.stringify([...new Set(input.kinds)]),
      channels: input.channels == null ? null : JSON.stringify([...new Set(input.channels)]),
      quietFrom,
      quietTo,
      email,
      wecomUserId,
    };
    return write(this.deps, async (tx, _emit, at) => {
      const current = await preferenceRow(tx, subject);
      if (current && input.expectedVersion != null && current.version !== input.expectedVersion) throw conflict(current.version);
      if (!current) {
        await tx.insert(notificationPreferences).values({ subject, ...values, version: 1, updatedAt: at });
      } else {
        await tx
          .update(notificationPreferences)
          .set({ ...values, version: current.version + 1, updatedAt: at })
          .where(eq(notificationPreferences.subject, subject));
      }
      return (await preferenceRow(tx, subject))!;
    });
  }

  /** The registered endpoints (admin). */
  async endpoints(viewer: Viewer): Promise<EndpointRow[]> {
    this.assertAdmin(viewer, 'reads the webhook endpoints');
    return allEndpoints(this.deps.store.read);
  }

  private checkEndpoint(
    input: { url?: string | null; secret?: string | null; eventTypes?: readonly string[] | null; branchId?: string | null },
    format: EndpointFormatCode,
  ): void {
    if (input.url != null) {
      let url: URL;
      try {
        url = new URL(input.url);
      } catch {
        throw badInput('input.url', 'input.url is not a URL.');
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badInput('input.url', 'input.url must be http(s).');
    }
    if (format === 'SIGNED_JSON' && input.secret != null && input.secret.length < SECRET_MIN)
      throw badInput('input.secret', `input.secret must be at least ${SECRET_MIN} characters.`);
    if (input.eventTypes && !input.eventTypes.length) throw badInput('input.eventTypes', 'Name at least one event type.');
    if (input.branchId && !this.deps.org.get(input.branchId)) throw badInput('input.branchId', 'input.branchId is not a branch.');
  }

  /**
   * Registers an outgoing webhook (admin): a signed-JSON receiver (the secret, at least 16
   * characters, signs every body) or a WeCom group robot (its URL carries its key).
   */
  async registerEndpoint(viewer: Viewer, input: EndpointInput): Promise<EndpointRow> {
    this.assertAdmin(viewer, 'registers webhooks');
    const name = requiredText('input.name', input.name, 80).trim();
    if (input.format === 'SIGNED_JSON' && !input.secret) throw badInput('input.secret', 'A signed endpoint needs a secret.');
    this.checkEndpoint(input, input.format);
    return write(this.deps, async (tx, _emit, at) => {
      const id = newEndpointId();
      await tx.insert(webhookEndpoints).values({
        id,
        name,
        url: input.url,
        format: input.format,
        secret: input.secret ?? '',
        eventTypes: JSON.stringify([...new Set(input.eventTypes)]),
        branchId: input.branchId ?? null,
        active: true,
        version: 1,
        createdAt: at,
        updatedAt: at,
      });
      return (await endpointById(tx, id))!;
    }).finally(() => {
      this.endpointCache = null;
    });
  }

  /** Changes or (de)activates an endpoint (admin); a new secret takes effect from the next attempt. */
  async updateEndpoint(
    viewer: Viewer,
    input: {
      endpointId: string;
      expectedVersion: number;
      name?: string | null;
      url?: string | null;
      secret?: string | null;
      eventTypes?: readonly string[] | null;
      branchId?: string | null;
      active?: boolean | null;
    },
  ): Promise<EndpointRow> {
    this.assertAdmin(viewer, 'changes webhooks');
    const name = input.name == null ? null : requiredText('input.name', input.name, 80).trim();
    return write(this.deps, async (tx, _emit, at) => {
      const current = await endpointById(tx, input.endpointId);
      if (!current) throw notFound('WebhookEndpoint', input.endpointId);
      if (current.version !== input.expectedVersion) throw conflict(current.version);
      this.checkEndpoint(input, current.format);
      await tx
        .update(webhookEndpoints)
        .set({
          ...(name !== null ? { name } : {}),
          ...(input.url != null ? { url: input.url } : {}),
          ...(input.secret != null ? { secret: input.secret } : {}),
          ...(input.eventTypes != null ? { eventTypes: JSON.stringify([...new Set(input.eventTypes)]) } : {}),
          ...(input.branchId !== undefined ? { branchId: input.branchId } : {}),
          ...(input.active != null ? { active: input.active } : {}),
          version: current.version + 1,
          updatedAt: at,
        })
        .where(eq(webhookEndpoints.id, current.id));
      return (await endpointById(tx, current.id))!;
    }).finally(() => {
      this.endpointCache = null;
    });
  }

  /**
   * The delivery log, newest first: the admin's for any user or endpoint; anyone else's only their
   * own (an endpoint's log is the admin's: FORBIDDEN).
   */
  async deliveries(viewer: Viewer, filter: DeliveryFilter, count: number | null | undefined): Promise<DeliveryRow[]> {
    const limit = Math.min(Math.max(count ?? 50, 1), LOG_MAX);
    if (roleMay(viewer.role, 'administer')) return listDeliveries(this.deps.store.read, filter, limit);
    if (filter.endpointId) throw forbidden("Only an administrator reads an endpoint's deliveries.");
    if (filter.userId && filter.userId !== viewer.id) throw forbidden("Only an administrator reads another user's deliveries.");
    return listDeliveries(this.deps.store.read, { ...filter, userId: viewer.id }, limit);
  }

  /** Sends a parked (FAILED) delivery again, with the same id (admin); INVALID_TRANSITION for any other status. */
  async replay(viewer: Viewer, deliveryId: string): Promise<DeliveryRow> {
    this.assertAdmin(viewer, 'replays deliveries');
    const row = await write(this.deps, async (tx, _emit, at) => {
      const d = await deliveryById(tx, deliveryId);
      if (!d) throw notFound('Delivery', deliveryId);
      if (d.status !== 'FAILED') throw invalidTransition(d.status, 'replay');
      await tx
        .update(outboundDeliveries)
        .set({ status: 'PENDING', attempts: 0, nextAttemptAt: at, claimedUntil: null, claimedBy: null })
        .where(eq(outboundDeliveries.id, d.id));
      return (await deliveryById(tx, d.id))!;
    });
    this.wake();
    return row;
  }
}
