import type { ProblemStatusCode } from '../loop/problem.rules.js';
import type { RoleCode } from '../core/roles.js';
import { addLimit, type Limit, type WorkingCalendar } from '../core/calendar.rules.js';

/** The problem statuses that are a stage of work with a time limit; the end states have none. */
export const STAGE_STATUSES = ['OPEN', 'DIAGNOSED', 'IN_CONSULTATION', 'REMEDIATING', 'VERIFYING'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

/**
 * Who owns each stage, and so hears when it runs late: the contact center's analysts owe the
 * preliminary diagnosis; the head-office coordinator opens and concludes the consultation, drives
 * the linkage table and verifies the fix.
 */
export const STAGE_OWNER: Record<StageStatus, RoleCode> = {
  OPEN: 'ANALYST',
  DIAGNOSED: 'COORDINATOR',
  IN_CONSULTATION: 'COORDINATOR',
  REMEDIATING: 'COORDINATOR',
  VERIFYING: 'COORDINATOR',
};

/** The deadline configuration, as core/env.ts gives it once parsed. */
export interface DeadlineConfig {
  calendar: WorkingCalendar;
  stageLimits: Record<StageStatus, Limit | null>;
  /** How long after an action's due date the coordinators hear of it; null: never. */
  escalateAfter: Limit | null;
  /** The digest's "due" horizon; null: only what is due today. */
  digestDueWithin: Limit | null;
  /** When the daily digest goes out, in minutes after local midnight. */
  digestAtMinutes: number;
  /** Background scan period; 0: no background scan (tests drive scanDeadlines). */
  scanIntervalMs: number;
  /** The 3-in-3 rule. */
  clusterMinCustomers: number;
  clusterWindowMs: number;
}

export const isStageStatus = (status: string): status is StageStatus => (STAGE_STATUSES as readonly string[]).includes(status);

export interface StageTimes {
  status: ProblemStatusCode;
  createdAt: Date;
  diagnosedAt: Date | null;
  consultationAt: Date | null;
  remediatingAt: Date | null;
  verifyingAt: Date | null;
}

/**
 * When the problem entered its current stage: opening, diagnosis, consultation, the conclusion
 * (or the latest reopening, which starts the remediation again), the last confirmation. Null for
 * an end state or a stage whose time is not recorded.
 */
export function stageAnchor(p: StageTimes, reopenedAt: number | null): number | null {
  switch (p.status) {
    case 'OPEN':
      return p.createdAt.getTime();
    case 'DIAGNOSED':
      return p.diagnosedAt?.getTime() ?? null;
    case 'IN_CONSULTATION':
      return p.consultationAt?.getTime() ?? null;
    case 'REMEDIATING': {
      const concluded = p.remediatingAt?.getTime() ?? null;
      if (concluded === null) return reopenedAt;
      return reopenedAt === null ? concluded : Math.max(concluded, reopenedAt);
    }
    case 'VERIFYING':
      return p.verifyingAt?.getTime() ?? null;
    default:
      return null;
  }
}

/**
 * When the current stage is due: the stage's configured limit from its anchor, except that a
 * consultation opened with its own due date keeps that date. Null: no limit applies.
 */
export function stageDue(
  config: DeadlineConfig,
  status: ProblemStatusCode,
  anchor: number,
  consultationDueAt: number | null,
): number | null {
  if (!isStageStatus(status)) return null;
  if (status === 'IN_CONSULTATION' && consultationDueAt !== null) return consultationDueAt;
  const limit = config.stageLimits[status];
  return limit ? addLimit(config.calendar, anchor, limit) : null;
}

/** When an action overdue since `dueAt` is escalated to the coordinators; null when escalation is off. */
export function escalationDue(config: DeadlineConfig, dueAt: number): number | null {
  return config.escalateAfter ? addLimit(config.calendar, dueAt, config.escalateAfter) : null;
}

/** The soonest a stage with this limit can be due after its anchor: a working day is never shorter than a day. */
export function minimumSpanMs(limit: Limit): number {
  return limit.amount * 86_400_000;
}

/** What each stage is called in the bank's words. */
export const STAGE_LABEL: Record<string, string> = {
  OPEN: '初诊',
  DIAGNOSED: '待会诊',
  IN_CONSULTATION: '会诊',
  REMEDIATING: '整改',
  VERIFYING: '验证',
};
