import { lt } from 'drizzle-orm';
import type { HubDeps } from '../core/hub.js';
import type { Db } from '../core/db.js';
import type { RoleCode } from '../core/roles.js';
import { actions, isOverdue } from '../loop/index.js';
import type { ActionRow, ProblemRow } from '../loop/index.js';
import { addLimit, dayStart, hasPassed, localDay } from '../core/calendar.rules.js';
import { STAGE_OWNER, STAGE_STATUSES, stageAnchor, stageDue, type DeadlineConfig } from '../deadline/index.js';
import { insertNotifications, activeUsers, type NotificationDraft, type OutboxPort } from './notification.repository.js';
import { digestSummary } from './notification.rules.js';
import {
  openActionsWhere,
  ownedByBranches,
  ownedByDepartment,
  actionsInStatus,
  actionsWithPendingExtension,
  problemsInStatuses,
  consultationsAwaitingOpinion,
  problemsWithOpinions,
  reopenTimes,
} from './digest.repository.js';

export const WAITING_REASONS = [
  'ACCEPT_ACTION',
  'REWORK_ACTION',
  'CONFIRM_ACTION',
  'DECIDE_EXTENSION',
  'GIVE_OPINION',
  'DIAGNOSE',
  'OPEN_CONSULTATION',
  'CONCLUDE_CONSULTATION',
  'RESOLVE',
] as const;
export type WaitingReasonCode = (typeof WAITING_REASONS)[number];

export interface DigestItem {
  reason: WaitingReasonCode;
  problemId: string;
  actionId: string | null;
}

/** What is due, overdue and waiting for one user; lists hold at most DIGEST_LIST_MAX, counts are exact. */
export interface Digest {
  day: string;
  dueBy: Date;
  dueActions: ActionRow[];
  overdueActions: ActionRow[];
  dueProblems: ProblemRow[];
  overdueProblems: ProblemRow[];
  waiting: DigestItem[];
  counts: { dueActions: number; overdueActions: number; dueProblems: number; overdueProblems: number; waiting: number };
}

export const DIGEST_LIST_MAX = 50;
const DAY_MS = 86_400_000;

export interface DigestUser {
  id: string;
  role: RoleCode;
  branchId: string | null;
  departmentId: string | null;
}

/** The daily digest (每日待办): built on demand for the viewer, and sent once a working day to every user. */
export class DigestService {
  constructor(
    private readonly deps: HubDeps,
    private readonly config: DeadlineConfig,
    private readonly outbox?: OutboxPort,
  ) {}

  /**
   * A user's digest at `now`: their actions due within the configured horizon and overdue, the
   * stages they own that are due or overdue, and every step that waits for them.
   */
  async digestFor(db: Db, user: DigestUser, now: number): Promise<Digest> {
    const { calendar, digestDueWithin } = this.config;
    const dueBy = digestDueWithin ? addLimit(calendar, now, digestDueWithin) : dayStart(localDay(now)) + DAY_MS;
    let owned: ActionRow[] = [];
    if (user.role === 'BRANCH_MANAGER' && user.branchId)
      owned = await openActionsWhere(db, ownedByBranches(db, [...this.deps.org.subtree(user.branchId)]));
    if (user.role === 'EXPERT' && user.departmentId) owned = await openActionsWhere(db, ownedByDepartment(user.departmentId));
    const at = new Date(now);
    const overdueActions =
      user.role === 'COORDINATOR' ? await openActionsWhere(db, lt(actions.dueAt, at)) : owned.filter((a) => isOverdue(a, at));
    const dueActions = owned.filter((a) => !isOverdue(a, at) && a.dueAt.getTime() <= dueBy);

    const waiting: DigestItem[] = [];
    const waitOn = (reason: WaitingReasonCode, rows: readonly { id: string; problemId: string }[]) =>
      rows.forEach((a) => waiting.push({ reason, problemId: a.problemId, actionId: a.id }));
    waitOn(
      'ACCEPT_ACTION',
      owned.filter((a) => a.status === 'ASSIGNED'),
    );
    waitOn(
      'REWORK_ACTION',
      owned.filter((a) => a.status === 'RETURNED'),
    );
    if (user.role === 'EXPERT')
      for (const p of await consultationsAwaitingOpinion(db, user.id))
        waiting.push({ reason: 'GIVE_OPINION', problemId: p.id, actionId: null });
    if (user.role === 'COORDINATOR') {
      waitOn('CONFIRM_ACTION', await actionsInStatus(db, 'SUBMITTED'));
      waitOn('DECIDE_EXTENSION', await actionsWithPendingExtension(db));
    }

    const owns = STAGE_STATUSES.filter((s) => STAGE_OWNER[s] === user.role);
    const staged = await problemsInStatuses(db, owns);
    const reopened = await reopenTimes(
      db,
      staged.filter((p) => p.status === 'REMEDIATING').map((p) => p.id),
    );
    const withOpinions = await problemsWithOpinions(
      db,
      staged.filter((p) => p.status === 'IN_CONSULTATION').map((p) => p.id),
    );
    const dueProblems: ProblemRow[] = [];
    const overdueProblems: ProblemRow[] = [];
    for (const p of staged) {
      const anchor = stageAnchor(p, reopened.get(p.id) ?? null);
      const due = anchor === null ? null : stageDue(this.config, p.status, anchor, p.consultationDueAt?.getTime() ?? null);
      if (due !== null && hasPassed(due, now)) overdueProblems.push(p);
      else if (due !== null && due <= dueBy) dueProblems.push(p);
      const reason: WaitingReasonCode | null =
        p.status === 'OPEN'
          ? 'DIAGNOSE'
          : p.status === 'DIAGNOSED'
            ? 'OPEN_CONSULTATION'
            : p.status === 'IN_CONSULTATION' && withOpinions.has(p.id)
              ? 'CONCLUDE_CONSULTATION'
              : p.status === 'VERIFYING'
                ? 'RESOLVE'
                : null;
      if (reason) waiting.push({ reason, problemId: p.id, actionId: null });
    }

    return {
      day: localDay(now),
      dueBy: new Date(dueBy),
      dueActions: dueActions.slice(0, DIGEST_LIST_MAX),
      overdueActions: overdueActions.slice(0, DIGEST_LIST_MAX),
      dueProblems: dueProblems.slice(0, DIGEST_LIST_MAX),
      overdueProblems: overdueProblems.slice(0, DIGEST_LIST_MAX),
      waiting: waiting.slice(0, DIGEST_LIST_MAX),
      counts: {
        dueActions: dueActions.length,
        overdueActions: overdueActions.length,
        dueProblems: dueProblems.length,
        overdueProblems: overdueProblems.length,
        waiting: waiting.length,
      },
    };
  }

  /** Writes today's digest notification for every active user with something to do; answers how many. */
  async sendDailyDigests(tx: Db, at: Date): Promise<number> {
    const drafts: NotificationDraft[] = [];
    for (const user of await activeUsers(tx)) {
      const d = await this.digestFor(tx, user, at.getTime());
      const summary = digestSummary(
        d.counts.dueActions + d.counts.dueProblems,
        d.counts.overdueActions + d.counts.overdueProblems,
        d.counts.waiting,
      );
      if (summary) drafts.push({ userId: user.id, kind: 'DAILY_DIGEST', summary });
    }
    // The digest leaves the hub as one message a person a day (one mail), by their preferences.
    await insertNotifications(tx, drafts, at, this.outbox);
    return drafts.length;
  }
}
