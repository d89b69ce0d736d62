import type { HubDeps } from '../core/hub.js';
import { closableIterator } from '../core/closable-iterator.js';
import type { Db } from '../core/db.js';
import type { Viewer } from '../core/viewer.rules.js';
import type { AuthService } from '../auth/index.js';
import { AppError, badInput, notFound, unauthenticated } from '../core/errors.js';
import { pageSize, type Page } from '../core/pagination.js';
import { AsyncResource } from 'node:async_hooks';
import { write, type EventDraft, type EventFacts, type FeedbackBefore, type HubEventRow } from '../event/index.js';
import { feedbackByIds, type FeedbackRow } from '../feedback/index.js';
import { findProblem, problemConcerns, type ProblemRow, findAction, type ActionRow } from '../loop/index.js';
import { complaintHandlerId } from '../complaint/index.js';
import { callbackAssigneeId } from '../callback/index.js';
import { followerIdsOf } from '../discussion/index.js';
import { eventVisible } from '../event/index.js';
import { formatLocal } from '../core/calendar.rules.js';
import { STAGE_OWNER, isStageStatus, stageAnchor, stageDue, type DeadlineConfig, reopenedAt } from '../deadline/index.js';
import {
  notificationsOf,
  followerKindOf,
  mayMention,
  mentionedUsernames,
  summaryOf,
  praiseText,
  importedPraiseText,
  alertText,
  type Audience,
  type SummaryFacts,
} from './notification.rules.js';
import { byTime, planAlertsByTopic } from './alert.rules.js';
import { DigestService } from './digest.service.js';
import {
  insertNotifications,
  importedPraiseByBranch,
  type OutboxPort,
  unlinkFromAlert,
  activeUsersOfRole,
  activeBranchManagersOf,
  activeExpertsOf,
  activeUsersByUsername,
  activeUsersByIds,
  displayNameOf,
  invitedExpertIds,
  consultationCoordinatorOf,
  extensionRequesterOf,
  pageInbox,
  countInbox,
  markRead,
  markAllRead,
  notificationsAfter,
  lastNotificationId,
  freeReportsAtSite,
  alertsAtSite,
  alertRepresentatives,
  insertAlert,
  linkToAlert,
  alertFacts,
  rewriteAlertText,
  FREE_CANDIDATES,
  OPEN_ALERTS,
  ALERT_REPRESENTATIVES,
  feedbackIdsOfAlerts,
  recordedReportWindow,
  consultationDueAt,
  categoryName,
  type NotificationDraft,
  type AlertItemWithText,
  type SiteAlert,
  type NotificationRow,
  type Recipient,
} from './notification.repository.js';

const TAIL_PAGE = 500;
const SWEEP_MS = 2_000;
/** Live notifications a subscriber may fall behind by before the hub drops it (it resumes with `after`). */
export const MAX_PENDING_NOTIFICATIONS = 1_000;

/** A site (one category at one branch) with the feedback received there within [minAt, maxAt]: what the 3-in-3 rule looks at. */
export interface AlertSite {
  categoryId: string;
  branchId: string;
  minAt: number;
  maxAt: number;
  /** The category's name, when the caller read it already (a recorded report's key does). */
  categoryName?: string | null;
  /** The free reports of the site's window, when the caller read them already (recordedReportWindow). */
  free?: AlertItemWithText[];
  /** The site's alerts in the window, without representatives, when the caller read them already (recordedReportWindow). */
  alerts?: SiteAlert[];
}

/** Alerts whose representatives a process keeps at most (the most recently used). */
const KEPT_ALERTS = 512;
/** A write's news not confirmed by its commit after this long was rolled back: forgotten. */
const STAGED_MS = 60_000;
/**
 * How long an alert's news waits for more reports joining it before its text is rewritten and the
 * analysts told: one write (one commit, which SQLite waits on the disk for) per this long, however
 * many reports joined, instead of one per report; soon enough to read as live.
 */
export const ALERT_NEWS_MS = 200;

/** That reports joined an alert: the newest of them, for its FEEDBACK_CLUSTER_GREW event. */
interface AlertNews {
  feedbackId: string;
  branchId: string;
}

/**
 * Which of the given reports say the same thing (their topics): for each, the position of its
 * topic's first report (insight's grouping; InsightService.partition). Called inside the write transaction
 * of the reports: it must not write, nor wait for a write.
 */
export type { OutboxPort } from './notification.repository.js';

export type SimilarityPartition = (items: readonly { id: string; text: string }[]) => Promise<ArrayLike<number>>;

/** Writes one more hub event in the transaction under way (core/hub.ts Emit). */
type EmitInTx = (draft: EventDraft) => Promise<unknown>;

/** What the 3-in-3 rule did for the last reports it looked at: the reports whose texts it compared. */
export interface AlertRuleWork {
  compared: number;
}

interface Stream {
  viewer: Viewer;
  tokenVersion: number;
  expiresAt: number;
  push(row: NotificationRow): void;
  close(error: AppError): void;
}

export const notificationCursor = (row: NotificationRow): string => String(row.id);

function idOfCursor(field: string, value: string): number {
  if (!/^\d{1,15}$/.test(value)) throw badInput(field, `${field} is not a notification id.`);
  return Number(value);
}

/**
 * Each user's inbox: what the loop's events mean for them (written in the event's transaction),
 * the 3-in-3 alerts, the daily digest; read, marked read, and followed live.
 */
export class NotificationService {
  readonly digests: DigestService;
  private readonly streams = new Set<Stream>();
  private tailId: number | null = null;
  private tailScheduled = false;
  /** The tail's work, one piece at a time: two drains reading the same rows would push them twice. */
  private tailQueue: Promise<void> = Promise.resolve();
  private sweeper: NodeJS.Timeout | null = null;
  private readonly unsubscribeBus: () => void;
  /** The texts the 3-in-3 rule compared for the last write, for tests of its cost: bounded, whatever a storm's size. */
  readonly lastAlertRuleWork: AlertRuleWork = { compared: 0 };
  /**
   * Each alert's representatives as last read, by alert id: an alert's first ALERT_REPRESENTATIVES
   * reports never change once it has that many, so a storm's writes need not read them again. An
   * entry is used only while it matches the alert's row read in the write's own transaction (the
   * same creation time, as many representatives as its count says), which also covers alerts that
   * other processes grew. A representative that leaves its alert (voided, or corrected in what it
   * is grouped by) is replaced by the alert's next report, which the count does not show: its
   * FEEDBACK_VOIDED or FEEDBACK_CORRECTED, heard on the bus by every process (Redis between
   * processes), drops the entry everywhere (forgetRepresentative). Between that write's commit and
   * the event's arrival (milliseconds), another process's write may still compare with the text
   * that left.
   */
  private readonly kept = new Map<number, { createdAt: number; members: AlertItemWithText[] }>();
  /** Reads of alerts' representatives from the database (kept ones are not read): /metrics, and the tests of the kept entries. */
  representativeReads = 0;
  /** Alerts that reports joined in writes not yet committed, by the recorded report: told once its commit is heard. */
  private readonly staged = new Map<string, { at: number; news: Map<number, AlertNews> }>();
  /** Alerts that reports joined in committed writes, whose text and event are still to be written. */
  private news = new Map<number, AlertNews>();
  /** A write of the news is due and has not begun: news arriving now goes with it. */
  private newsQueued = false;
  private newsTimer: NodeJS.Timeout | null = null;
  /** How long news waits for more (ALERT_NEWS_MS); tests lengthen it to hold a burst's news until flushNews. */
  newsDelayMs = ALERT_NEWS_MS;
  /** Writes the news outside any request's context (its audit scope must not record a second write). */
  private readonly tellNewsSoon: () => void;

  constructor(
    private readonly deps: HubDeps,
    private readonly auth: AuthService,
    private readonly config: DeadlineConfig,
    private readonly partition: SimilarityPartition,
    private readonly outbox?: OutboxPort,
  ) {
    this.digests = new DigestService(deps, config, outbox);
    this.tellNewsSoon = AsyncResource.bind(() => {
      this.tellNews().catch((err: unknown) => {
        this.newsQueued = false;
        if (this.deps.store.open) this.deps.log.error({ err }, '3-in-3: rewriting an alert after reports joined it failed');
      });
    });
    // Inbox rows other writes committed (here or, on a shared bus, in another process): to the live
    // streams; a report that left its alert, here or in another process: its representatives are read again.
    this.unsubscribeBus = deps.bus.subscribe((event) => {
      if ((event.type === 'FEEDBACK_VOIDED' || event.type === 'FEEDBACK_CORRECTED') && event.feedbackId)
        this.forgetRepresentative(event.feedbackId);
      this.wake();
    });
  }

  get openStreams(): number {
    return this.streams.size;
  }

  /**
   * Writes what an event means for the people concerned, inside the event's transaction (the hook
   * of core/hub.ts): the invited experts, the action's owners, the coordinators, a stage's owners,
   * whoever is @mentioned and may read the subject; never the actor. A recorded feedback item is
   * checked against the 3-in-3 rule.
   */
  async react(tx: Db, event: HubEventRow, emit?: EmitInTx, given: EventFacts = {}): Promise<void> {
    if (event.type === 'FEEDBACK_RECORDED' && event.feedbackId) {
      // A report naming no customer counts toward no alert: nothing to read (everyday reports often name none).
      if (given.customerRef === null || given.customerRef === '') return;
      this.lastAlertRuleWork.compared = 0;
      const { clusterWindowMs } = this.config;
      const item = await recordedReportWindow(tx, event.feedbackId, clusterWindowMs, event.at.getTime(), FREE_CANDIDATES);
      if (item)
        await this.applyAlertRule(tx, [{ ...item, minAt: item.at, maxAt: item.at }], event.at, {
          bounded: true,
          emit,
          newsOf: event.feedbackId,
        });
      return;
    }
    if ((event.type === 'FEEDBACK_CORRECTED' || event.type === 'FEEDBACK_VOIDED') && event.feedbackId && given.feedbackBefore) {
      await this.regroupCorrected(tx, event, given.feedbackBefore, emit);
      return;
    }
    const plans = notificationsOf(event);
    const mentions = mayMention(event.type) ? mentionedUsernames(event.note) : [];
    const followerKind = event.problemId ? followerKindOf(event.type) : null;
    const followers = followerKind && event.problemId ? await followerIdsOf(tx, event.problemId) : [];
    if (!plans.length && !mentions.length && !followers.length) return;
    const problem = event.problemId ? await findProblem(tx, event.problemId) : undefined;
    const action = event.actionId ? await findAction(tx, event.actionId) : undefined;
    const facts = await this.factsOf(tx, event, problem, action);
    const notified = new Set<string>(event.actorId ? [event.actorId] : []);
    const drafts: NotificationDraft[] = [];
    const add = (userId: string, kind: NotificationDraft['kind']) => {
      if (notified.has(userId)) return;
      notified.add(userId);
      drafts.push({
        userId,
        kind,
        summary: summaryOf(kind, facts),
        eventSeq: event.seq,
        problemId: event.problemId,
        actionId: event.actionId,
      });
    };
    for (const { kind, audience } of plans) {
      if (audience === 'MENTIONED_USERS') {
        for (const user of await activeUsersByIds(tx, given.userIds ?? []))
          if (await this.mayRead(tx, user, event, action)) add(user.id, kind);
        continue;
      }
      for (const userId of audience === 'NAMED_USERS' ? (given.userIds ?? []) : await this.audience(tx, audience, event, action))
        add(userId, kind);
    }
    for (const user of await activeUsersByUsername(tx, mentions))
      if (await this.mayRead(tx, user, event, action)) add(user.id, 'MENTIONED');
    // Followers last, so that one who hears of the event otherwise is not told twice; each only of
    // what they may see now (a branch manager: their subtree's part of the problem).
    const unheard = followers.filter((id) => !notified.has(id));
    if (followerKind && unheard.length)
      for (const user of await activeUsersByIds(tx, unheard)) if (await this.followerSees(tx, user, event)) add(user.id, followerKind);
    await insertNotifications(tx, drafts, event.at, this.outbox);
  }

  private async factsOf(tx: Db, event: HubEventRow, problem: ProblemRow | undefined, action: ActionRow | undefined): Promise<SummaryFacts> {
    let due = action ? formatLocal(action.dueAt.getTime()) : null;
    if (event.type === 'STAGE_OVERDUE' && problem) {
      const anchor = stageAnchor(problem, problem.status === 'REMEDIATING' ? await reopenedAt(tx, problem.id) : null);
      const at = anchor === null ? null : stageDue(this.config, problem.status, anchor, await consultationDueAt(tx, problem.id));
      due = at === null ? null : formatLocal(at);
    }
    return {
      problemCode: problem?.code ?? null,
      actionTitle: action?.title ?? null,
      due,
      status: event.fromStatus ?? problem?.status ?? null,
      actorName:
        event.type === 'OPINION_SUBMITTED' ||
        event.type === 'ACTION_STATUS_CHANGED' ||
        event.type === 'INVITATION_DECLINED' ||
        event.type === 'COMMENT_ADDED' ||
        event.type === 'COMMENT_EDITED'
          ? await displayNameOf(tx, event.actorId)
          : null,
      eventType: event.type,
      decision: event.toStatus,
      note: event.note,
      complaintId: event.complaintId,
    };
  }

  /** The branch managers whose subtree holds the action's branch, or the experts of its department. */
  private async actionOwners(tx: Db, action: ActionRow | undefined): Promise<string[]> {
    if (!action) return [];
    if (action.branchId) {
      const branch = this.deps.org.get(action.branchId);
      const ancestors = branch ? branch.path.split('/').filter(Boolean) : [action.branchId];
      return (await activeBranchManagersOf(tx, ancestors)).map((u) => u.id);
    }
    return action.departmentId ? (await activeExpertsOf(tx, action.departmentId)).map((u) => u.id) : [];
  }

  private async audience(tx: Db, audience: Audience, event: HubEventRow, action: ActionRow | undefined): Promise<string[]> {
    switch (audience) {
      case 'ACTION_OWNERS':
        return this.actionOwners(tx, action);
      case 'EXTENSION_REQUESTER': {
        const by = event.actionId ? await extensionRequesterOf(tx, event.actionId) : null;
        return by ? [by] : [];
      }
      case 'INVITED_EXPERTS':
        return event.problemId ? invitedExpertIds(tx, event.problemId) : [];
      case 'NAMED_USERS':
      case 'MENTIONED_USERS':
        return [];
      case 'COORDINATORS':
        return (await activeUsersOfRole(tx, 'COORDINATOR')).map((u) => u.id);
      case 'COMPLAINT_HANDLING_SIDE': {
        if (!event.complaintId || !event.branchId) return [];
        const branch = this.deps.org.get(event.branchId);
        // 核实 is owed by the next-higher institution: the managers over the parent branch.
        const owing =
          event.fromStatus === 'REVIEW_REQUESTED' ? (branch?.parentId ? this.deps.org.get(branch.parentId) : undefined) : branch;
        const managers = owing ? (await activeBranchManagersOf(tx, owing.path.split('/').filter(Boolean))).map((u) => u.id) : [];
        const handler = event.fromStatus === 'REVIEW_REQUESTED' ? null : await complaintHandlerId(tx, event.complaintId);
        return handler ? [handler, ...managers] : managers;
      }
      case 'CALLBACK_AGENTS': {
        const agent = event.callbackId ? await callbackAssigneeId(tx, event.callbackId) : null;
        return agent ? [agent] : (await activeUsersOfRole(tx, 'AGENT')).map((u) => u.id);
      }
      case 'HEAD_OFFICE': {
        const admins = (await activeUsersOfRole(tx, 'ADMIN')).filter((u) => this.deps.org.get(u.branchId ?? '')?.level === 'HEAD_OFFICE');
        return [...(await activeUsersOfRole(tx, 'COORDINATOR')), ...admins].map((u) => u.id);
      }
      case 'LOOP_COORDINATOR': {
        const own = event.problemId ? await consultationCoordinatorOf(tx, event.problemId) : null;
        return own ? [own] : (await activeUsersOfRole(tx, 'COORDINATOR')).map((u) => u.id);
      }
      case 'STAGE_OWNERS': {
        const status = event.fromStatus ?? '';
        if (!isStageStatus(status)) return [];
        const owners = (await activeUsersOfRole(tx, STAGE_OWNER[status])).map((u) => u.id);
        // A late consultation also waits on the invited experts who have not given their opinion.
        if (status === 'IN_CONSULTATION' && event.problemId) owners.push(...(await invitedExpertIds(tx, event.problemId, true)));
        return owners;
      }
    }
  }

  /** Whether a follower may see this event of the problem: the hubEvents stream's own rule (event.rules eventVisible). */
  private async followerSees(tx: Db, user: Recipient, event: HubEventRow): Promise<boolean> {
    if (user.role !== 'BRANCH_MANAGER') return true;
    const scope = this.deps.org.subtree(user.branchId ?? '');
    const concerns = !!event.problemId && (await problemConcerns(tx, event.problemId, scope));
    return eventVisible(scope, event, () => concerns);
  }

  /** A mention reaches only who may read what it is about: a branch manager, their own subtree. */
  private async mayRead(tx: Db, user: Recipient, event: HubEventRow, action: ActionRow | undefined): Promise<boolean> {
    if (user.role !== 'BRANCH_MANAGER') return true;
    const scope = this.deps.org.subtree(user.branchId ?? '');
    if (action) return !!action.branchId && scope.has(action.branchId);
    return !!event.problemId && (await problemConcerns(tx, event.problemId, scope));
  }

  /**
   * Applies the 3-in-3 rule to feedback just written (by site: category and branch), in the
   * caller's transaction, per topic (alert.rules planAlertsByTopic): new alerts
   * notify every active analyst, once; reports of the same complaint that continue an alerted
   * chain join it, and the alert's text is rewritten with its new counts (and, given `emit`, a
   * FEEDBACK_CLUSTER_GREW event tells the analysts live). Given `newsOf` (the recorded report),
   * the text and the event wait for the write's commit and go with the other reports that join
   * within ALERT_NEWS_MS (tellNews). Answers how many alerts were raised.
   *
   * The cost of one recorded report (`bounded`) does not grow with an outage storm: it compares
   * its text with at most FREE_CANDIDATES free reports of its window (the newest) and the
   * ALERT_REPRESENTATIVES first reports of at most OPEN_ALERTS alerts, and an alert's
   * counts are kept in its row, not recounted. An import's batch (unbounded) reads every free
   * report of its span, as its rows may be spread over it.
   *
   * A report joining an alert in a storm costs the rule a fixed handful of statements: one read of
   * the report with its window's free reports and its site's alerts (recordedReportWindow, given
   * as `g.free` and `g.alerts`), the alerts' representatives only when not kept from an earlier
   * write (an alert's first 32 never change), and the join's writes (one statement on PostgreSQL,
   * four on SQLite: linkToAlert without summaryOf); its share of the write after the commit is one in a burst.
   * Its text is not partitioned with the representatives' again: insight keeps their topics and
   * places the report among them (insight.topics.rules TopicState), O(its own terms).
   */
  async applyAlertRule(
    tx: Db,
    sites: readonly AlertSite[],
    at: Date,
    options: { bounded?: boolean; emit?: EmitInTx; newsOf?: string } = {},
  ): Promise<number> {
    const { clusterWindowMs: windowMs, clusterMinCustomers: minCustomers } = this.config;
    const now = at.getTime();
    const freeLimit = options.bounded ? FREE_CANDIDATES : undefined;
    const alertLimit = options.bounded ? OPEN_ALERTS : undefined;
    let raised = 0;
    let analysts: string[] | null = null;
    for (const g of sites) {
      if (g.maxAt < now - windowMs) continue;
      // A new alert needs a report within the window before now, so all of its reports are within
      // two windows: older reports can only continue an old chain, which alerts nobody.
      const from = Math.max(g.minAt, now - 2 * windowMs) - windowMs;
      const to = g.maxAt + windowMs;
      const free = g.free ?? (await freeReportsAtSite(tx, g.categoryId, g.branchId, from, to, freeLimit));
      // The alerts with their representatives: a later report continues an alert only if it resembles them.
      const { alerts: existing, members } = g.alerts
        ? { alerts: g.alerts, members: await this.representatives(tx, g.alerts) }
        : free.length
          ? await alertsAtSite(tx, g.categoryId, g.branchId, from, to, alertLimit)
          : { alerts: [], members: [] };
      // Nothing to alert about nor to continue: the texts need not be compared.
      if (!existing.length && new Set(free.map((f) => f.customerRef)).size < minCustomers) continue;
      const items = [...free, ...members].sort(byTime);
      this.lastAlertRuleWork.compared += items.length;
      const plan = planAlertsByTopic(items, await this.partition(items), existing, { minCustomers, windowMs }, now);
      const byId = new Map(items.map((i) => [i.id, i]));
      const membersOf = (ids: readonly string[]) => ids.map((id) => ({ id, customerRef: byId.get(id)!.customerRef }));
      const category = plan.joins.length || plan.creates.length ? (g.categoryName ?? (await categoryName(tx, g.categoryId))) : '';
      const branch = this.deps.org.get(g.branchId)?.name ?? '';
      const summaryOf = (c: { customers: number; reports: number }) =>
        alertText(c.customers, c.reports, windowMs / 3_600_000, branch, category);
      for (const join of plan.joins) {
        const alert = existing.find((c) => c.id === join.alertId)!;
        const newest = join.feedbackIds[join.feedbackIds.length - 1]!;
        if (options.newsOf) {
          // A recorded report: the alert's text and its event follow the commit, once for all the
          // reports that joined it meanwhile (tellNews), so that a storm's writes stay small: no
          // summaryOf here, the links and counts only.
          await linkToAlert(tx, alert, membersOf(join.feedbackIds), join.firstAt, join.lastAt);
          this.stage(options.newsOf, join.alertId, { feedbackId: newest, branchId: g.branchId });
          continue;
        }
        const { summary } = await linkToAlert(tx, alert, membersOf(join.feedbackIds), join.firstAt, join.lastAt, summaryOf);
        // One event per alert that grew, about its newest report.
        await options.emit?.({
          type: 'FEEDBACK_CLUSTER_GREW',
          actorId: null,
          feedbackId: newest,
          branchId: g.branchId,
          note: summary,
        });
      }
      for (const c of plan.creates) {
        const alert = await insertAlert(
          tx,
          { categoryId: g.categoryId, branchId: g.branchId, firstAt: c.firstAt, lastAt: c.lastAt },
          membersOf(c.feedbackIds),
          at,
        );
        analysts ??= (await activeUsersOfRole(tx, 'ANALYST')).map((u) => u.id);
        const summary = summaryOf(alert);
        await insertNotifications(
          tx,
          analysts.map((userId) => ({ userId, kind: 'FEEDBACK_CLUSTER' as const, summary, alertId: alert.id })),
          at,
          this.outbox,
        );
        raised++;
      }
    }
    return raised;
  }

  /**
   * A corrected or voided report in the 3-in-3 rule: voided, or corrected in what it is grouped by
   * (branch, category, customer, text, time), it leaves its alert (the alert's counts and text follow
   * in this write); corrected, it is then grouped again as a report just recorded would be.
   */
  private async regroupCorrected(tx: Db, event: HubEventRow, before: FeedbackBefore, emit?: EmitInTx): Promise<void> {
    const id = event.feedbackId!;
    const now = (await feedbackByIds(tx, [id]))[0];
    if (!now) return;
    const voided = now.voidedAt !== null;
    const moved =
      voided ||
      now.branchId !== before.branchId ||
      now.categoryId !== before.categoryId ||
      now.customerRef !== before.customerRef ||
      now.text !== before.text ||
      now.receivedAt.getTime() !== before.receivedAt;
    if (!moved) return;
    if (before.clusterId !== null && (await unlinkFromAlert(tx, id, before.clusterId, before.customerRef))) {
      // Its representatives changed: read them again in the next write, here and (by the count) elsewhere.
      this.kept.delete(before.clusterId);
      const hours = this.config.clusterWindowMs / 3_600_000;
      for (const c of await alertFacts(tx, [before.clusterId]))
        await rewriteAlertText(
          tx,
          c.id,
          alertText(c.customers, c.reports, hours, this.deps.org.get(c.branchId)?.name ?? '', c.categoryName),
        );
    }
    if (voided) return;
    const item = await recordedReportWindow(tx, id, this.config.clusterWindowMs, event.at.getTime(), FREE_CANDIDATES);
    if (item) await this.applyAlertRule(tx, [{ ...item, minAt: item.at, maxAt: item.at }], event.at, { bounded: true, emit });
  }

  /**
   * The representatives of these alerts: those kept from an earlier write when the alert's row
   * confirms them, the others read (one statement) and kept when complete.
   */
  private async representatives(tx: Db, alerts: readonly SiteAlert[]): Promise<AlertItemWithText[]> {
    const expected = (a: SiteAlert) => Math.min(a.reports, ALERT_REPRESENTATIVES);
    const found = new Map<number, AlertItemWithText[]>();
    const missing: SiteAlert[] = [];
    for (const a of alerts) {
      const kept = this.kept.get(a.id);
      if (kept && kept.createdAt === a.createdAt && kept.members.length === expected(a)) {
        // Most recently used last: the first entry is the one to forget.
        this.kept.delete(a.id);
        this.kept.set(a.id, kept);
        found.set(a.id, kept.members);
      } else missing.push(a);
    }
    if (missing.length) {
      this.representativeReads++;
      for (const m of await alertRepresentatives(
        tx,
        missing.map((a) => a.id),
      )) {
        const list = found.get(m.alertId!);
        if (list) list.push(m);
        else found.set(m.alertId!, [m]);
      }
      for (const a of missing) {
        const members = found.get(a.id) ?? [];
        if (members.length !== expected(a)) continue;
        this.kept.set(a.id, { createdAt: a.createdAt, members });
        if (this.kept.size > KEPT_ALERTS) this.kept.delete(this.kept.keys().next().value!);
      }
    }
    return alerts.flatMap((a) => found.get(a.id) ?? []);
  }

  /**
   * A report was voided or corrected (in this process or another): the kept representatives of an
   * alert it is one of are forgotten, so that the next write reads the alert's representatives as
   * they are now. Voids and corrections are rare; the kept entries are at most KEPT_ALERTS × 32.
   */
  private forgetRepresentative(feedbackId: string): void {
    for (const [alertId, entry] of this.kept) if (entry.members.some((m) => m.id === feedbackId)) this.kept.delete(alertId);
  }

  private stage(feedbackId: string, alertId: number, news: AlertNews): void {
    let entry = this.staged.get(feedbackId);
    if (!entry) this.staged.set(feedbackId, (entry = { at: Date.now(), news: new Map() }));
    entry.news.set(alertId, news);
  }

  /**
   * Praise (赞扬之声) reaches the praised: the managers of the branch a customer praised are told, in
   * the write that recorded it (one line each, quoting the customer, masked on reading like any
   * customer text); for an imported batch, one line per praised branch with its count, so that a
   * file of praise is not a flood. A branch without an active manager passes the news up to the
   * nearest branch above it that has one: someone in its line hears of it.
   */
  async tellPraise(tx: Db, event: HubEventRow, facts: EventFacts): Promise<void> {
    const drafts: NotificationDraft[] = [];
    const tell = async (branchId: string, summary: (branchName: string) => string) => {
      const branch = this.deps.org.get(branchId);
      if (!branch) return;
      // The managers along the branch's line in one read; the nearest branch that has any is told.
      const line = branch.path.split('/').filter(Boolean);
      const managers = await activeBranchManagersOf(tx, line);
      const nearest = line.reverse().find((id) => managers.some((m) => m.branchId === id));
      for (const m of managers)
        if (m.branchId === nearest)
          drafts.push({ userId: m.id, kind: 'PRAISE_RECEIVED', summary: summary(branch.name), eventSeq: event.seq });
    };
    if (event.type === 'FEEDBACK_RECORDED' && facts.kind === 'PRAISE' && event.branchId)
      await tell(event.branchId, (name) => praiseText(name, facts.text ?? ''));
    if (event.type === 'RECORDS_IMPORTED' && facts.imported && 'feedbackAfterRowid' in facts.imported)
      for (const { branchId, n } of await importedPraiseByBranch(tx, facts.imported.feedbackAfterRowid))
        await tell(branchId, (name) => importedPraiseText(name, Number(n)));
    await insertNotifications(tx, drafts, event.at);
  }

  /**
   * A recorded report's write committed: the news of the alerts it joined is due (the after-commit
   * reaction declared in index.ts). A report whose write rolled back is never heard of here.
   */
  reportCommitted(feedbackId: string): void {
    const entry = this.staged.get(feedbackId);
    if (!entry) return;
    this.staged.delete(feedbackId);
    for (const [alertId, news] of entry.news) this.news.set(alertId, news);
    // Rolled back, never heard of: forgotten.
    const old = Date.now() - STAGED_MS;
    for (const [id, e] of this.staged) if (e.at < old) this.staged.delete(id);
    if (this.newsQueued) return;
    this.newsQueued = true;
    this.newsTimer = setTimeout(this.tellNewsSoon, this.newsDelayMs);
    this.newsTimer.unref();
  }

  /** Writes the alerts' news due now at once instead of when its time comes (tests; a stop). */
  async flushNews(): Promise<void> {
    if (!this.newsTimer) return;
    clearTimeout(this.newsTimer);
    this.newsTimer = null;
    await this.tellNews();
  }

  /**
   * Rewrites the text of every alert reports joined since the last time (one per analyst) with its
   * counts as they are now, and tells the analysts live with one FEEDBACK_CLUSTER_GREW event per
   * alert, about its newest report: one write after the commits of however many reports joined
   * meanwhile (ALERT_NEWS_MS), so that in a storm it covers a whole burst.
   * Should the process stop before it commits, the next report joining the alert writes its text
   * with the counts of then (the counts themselves are kept in the joining write).
   */
  private async tellNews(): Promise<void> {
    this.newsTimer = null;
    if (!this.deps.store.open) {
      this.newsQueued = false;
      return;
    }
    await write(this.deps, async (tx, emit) => {
      this.newsQueued = false;
      this.newsTimer = null;
      const news = this.news;
      this.news = new Map();
      if (!news.size) return;
      const hours = this.config.clusterWindowMs / 3_600_000;
      for (const c of await alertFacts(tx, [...news.keys()])) {
        const told = news.get(c.id)!;
        const summary = alertText(c.customers, c.reports, hours, this.deps.org.get(c.branchId)?.name ?? '', c.categoryName);
        await rewriteAlertText(tx, c.id, summary);
        await emit({ type: 'FEEDBACK_CLUSTER_GREW', actorId: null, feedbackId: told.feedbackId, branchId: told.branchId, note: summary });
      }
    });
  }

  /** The feedback a 3-in-3 alert links, oldest first, as far as the viewer may see it. */
  async alertFeedback(viewer: Viewer, alertId: number): Promise<FeedbackRow[]> {
    const db = this.deps.store.read;
    const ids = (await feedbackIdsOfAlerts(db, [alertId])).get(alertId) ?? [];
    const order = new Map(ids.map((id, i) => [id, i]));
    return (await feedbackByIds(db, ids))
      .filter((f) => !viewer.scope || viewer.scope.has(f.branchId))
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  }

  /** The viewer's inbox, newest first, with the unread count. */
  async list(
    viewer: Viewer,
    args: { first?: number | null; after?: string | null; unreadOnly?: boolean | null },
  ): Promise<Page<NotificationRow> & { unreadCount: number }> {
    const limit = pageSize(args.first);
    const before = args.after ? idOfCursor('after', args.after) : null;
    const db = this.deps.store.read;
    const q = { userId: viewer.id, unreadOnly: !!args.unreadOnly };
    const rows = await pageInbox(db, q, limit + 1, before);
    const totalCount = await countInbox(db, q);
    const unreadCount = await countInbox(db, { ...q, unreadOnly: true });
    return {
      nodes: rows.slice(0, limit),
      hasNextPage: rows.length > limit,
      totalCount,
      unreadCount,
      cursorOf: notificationCursor,
    };
  }

  async unreadCount(viewer: Viewer): Promise<number> {
    return countInbox(this.deps.store.read, { userId: viewer.id, unreadOnly: true });
  }

  /** Marks one of the viewer's notifications read; NOT_FOUND for anyone else's. */
  async markRead(viewer: Viewer, id: string): Promise<NotificationRow> {
    const n = idOfCursor('input.notificationId', id);
    const row = await this.deps.store.transaction(async (tx) => markRead(tx, viewer.id, n, this.deps.clock.now()));
    if (!row) throw notFound('Notification', id);
    return row;
  }

  /** Marks all the viewer's unread notifications read (up to `upToId` when given, so that none arriving meanwhile is lost); answers how many. */
  async markAllRead(viewer: Viewer, upToId: string | null | undefined): Promise<number> {
    const upTo = upToId ? idOfCursor('input.upToId', upToId) : null;
    return this.deps.store.transaction(async (tx) => markAllRead(tx, viewer.id, upTo, this.deps.clock.now()));
  }

  /** Reads every notification committed since the last look and hands each to its user's streams. */
  wake(): void {
    if (!this.streams.size || this.tailScheduled) return;
    this.tailScheduled = true;
    setImmediate(() => {
      this.tailScheduled = false;
      this.drain().catch((err: unknown) => this.deps.log.error({ err }, 'notification tail failed'));
    });
  }

  /** Runs `work` on the tail after any tail work in progress. */
  private onTail(work: () => Promise<void>): Promise<void> {
    const next = this.tailQueue.then(work);
    this.tailQueue = next.catch(() => undefined);
    return next;
  }

  private drain(): Promise<void> {
    return this.onTail(() => this.drainNow());
  }

  private async drainNow(): Promise<void> {
    for (;;) {
      if (this.tailId === null) return;
      const rows = await notificationsAfter(this.deps.store.read, this.tailId, TAIL_PAGE);
      // The last subscriber left meanwhile: the next one starts the tail afresh.
      if (this.tailId === null) return;
      for (const row of rows) {
        this.tailId = row.id;
        for (const s of this.streams) if (s.viewer.id === row.userId) s.push(row);
      }
      if (rows.length < TAIL_PAGE) return;
    }
  }

  private async sweep(): Promise<void> {
    // Notifications another process wrote without an event this one heard (a digest) arrive here.
    await this.drain();
    const now = this.deps.clock.now().getTime();
    for (const s of this.streams) {
      if (s.expiresAt <= now) {
        s.close(unauthenticated('The sign-in has expired; sign in again.'));
        continue;
      }
      const fresh = await this.auth.refresh(s.viewer, s.tokenVersion);
      if (!fresh) s.close(unauthenticated('The sign-in is no longer valid; sign in again.'));
      else s.viewer = fresh;
    }
  }

  /**
   * The viewer's new notifications, live; with `after` (a notification id), first every one of
   * theirs since then, with no gap and no duplicate.
   */
  stream(
    viewer: Viewer,
    tokenVersion: number,
    expiresAt: number,
    after: string | null | undefined,
  ): AsyncIterableIterator<NotificationRow> {
    const afterId = after ? idOfCursor('after', after) : null;
    let replayTo = 0;
    const pending: NotificationRow[] = [];
    let wake: (() => void) | null = null;
    let failure: AppError | null = null;
    let done = false;
    const entry: Stream = {
      viewer,
      tokenVersion,
      expiresAt,
      push: (row) => {
        if (pending.length >= MAX_PENDING_NOTIFICATIONS)
          failure ??= new AppError('RATE_LIMITED', 'You fell too far behind; resubscribe with your last notification id.', {
            reason: 'SLOW_CONSUMER',
          });
        else pending.push(row);
        wake?.();
      },
      close: (error) => {
        failure ??= error;
        wake?.();
      },
    };
    this.streams.add(entry);
    if (!this.sweeper) {
      this.sweeper = setInterval(() => {
        this.sweep().catch((err: unknown) => this.deps.log.error({ err }, 'notification sweep failed'));
      }, SWEEP_MS);
      this.sweeper.unref();
    }
    // The tail starts where the log is now; a replay covers (after, tail], the tail everything later.
    // Rows the tail pushes while this is worked out are at most `replayTo`, and skipped below.
    const ready = this.onTail(async () => {
      await this.drainNow();
      const tail = this.tailId ?? (await lastNotificationId(this.deps.store.read));
      if (done) return;
      this.tailId = tail;
      replayTo = tail;
    });
    // Awaited by the stream once read; a stream closed unread must not leave a rejection unhandled.
    ready.catch(() => undefined);
    const cleanup = () => {
      done = true;
      this.streams.delete(entry);
      if (!this.streams.size) {
        // Nobody listens: the next subscriber starts the tail afresh instead of reading the gap.
        this.tailId = null;
        if (this.sweeper) clearInterval(this.sweeper);
        this.sweeper = null;
      }
      wake?.();
    };
    const read = () => this.deps.store.read;
    async function* run(): AsyncGenerator<NotificationRow> {
      try {
        await ready;
        if (afterId !== null) {
          let last = afterId;
          for (;;) {
            const rows = (await notificationsAfter(read(), last, TAIL_PAGE, viewer.id)).filter((r) => r.id <= replayTo);
            for (const row of rows) {
              if (failure) throw failure;
              if (done) return;
              last = row.id;
              yield row;
            }
            if (rows.length < TAIL_PAGE) break;
          }
        }
        while (!done) {
          if (failure) throw failure;
          const row = pending.shift();
          if (!row) {
            await new Promise<void>((resolve) => (wake = resolve));
            wake = null;
            continue;
          }
          if (row.id <= replayTo) continue;
          yield row;
        }
      } finally {
        cleanup();
      }
    }
    return closableIterator(run(), cleanup);
  }

  stop(): void {
    // News not written yet: the next report joining each alert rewrites its text with the counts of then.
    if (this.newsTimer) clearTimeout(this.newsTimer);
    this.newsTimer = null;
    this.unsubscribeBus();
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    for (const s of this.streams)
      s.close(new AppError('UNAUTHENTICATED', 'The server is shutting down; reconnect with your last notification id.'));
  }
}
