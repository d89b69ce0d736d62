import type { Db } from '../core/db.js';
import type { Env } from '../core/env.js';
import { addLimit, dayStart, localDay, parseLimit, type WorkingCalendar } from '../core/calendar.rules.js';
import type { DeadlineSource, OwedDeadline } from '../deadline/index.js';
import {
  complaintDeadlinesOwed,
  daysLeft,
  limitKindOf,
  type ComplaintDeadlineEvent,
  type ComplaintDeadlinePolicy,
} from './complaint.rules.js';
import { complaintDeadlineCandidates, complaintMarkKind } from './complaint.repository.js';

const DAY_MS = 86_400_000;

/** The complaint deadline policy from the environment (validated by core/env.ts). */
export function complaintDeadlinePolicyOf(env: Env, calendar: WorkingCalendar): ComplaintDeadlinePolicy {
  const escalateAfter = parseLimit(env.COMPLAINT_ESCALATE_AFTER) ?? null;
  return {
    dueSoonDays: env.COMPLAINT_DUE_SOON_DAYS === 'off' ? null : Number(env.COMPLAINT_DUE_SOON_DAYS),
    escalateAt: escalateAfter ? (dueAt) => addLimit(calendar, dueAt, escalateAfter) : null,
    escalateMinSpanMs: escalateAfter ? escalateAfter.amount * DAY_MS : null,
  };
}

const NOTE: Record<ComplaintDeadlineEvent, (limit: 'DECISION' | 'REVIEW', day: string, left: number) => string> = {
  COMPLAINT_DUE_SOON: (limit, day, left) =>
    limit === 'REVIEW'
      ? `核实时限将至：应于 ${day} 前完成核实（剩 ${left} 天）`
      : `投诉处理时限将至：应于 ${day} 前告知客户处理决定（剩 ${left} 天）`,
  COMPLAINT_OVERDUE: (limit, day) =>
    limit === 'REVIEW' ? `核实已超过时限（应于 ${day} 前完成）` : `投诉已超过处理时限（应于 ${day} 前告知客户处理决定）`,
  COMPLAINT_ESCALATED: (limit, day) =>
    limit === 'REVIEW'
      ? `核实逾期未完成（应于 ${day} 前完成），已上报总行督办`
      : `投诉逾期未告知处理决定（应于 ${day} 前），已上报总行督办`,
};

/**
 * Complaint deadlines that act (issue 17), scanned by the deadline machinery with the loop's: each
 * running limit (the decision's, 核实's) is said to be due soon, overdue, and escalated to head
 * office, each once per due date; an extension's new due date re-arms them.
 */
export function complaintDeadlineSource(policy: ComplaintDeadlinePolicy): DeadlineSource {
  return {
    name: 'complaint',
    async owed(db: Db, now: number, limit: number): Promise<OwedDeadline[]> {
      const soonBefore = policy.dueSoonDays === null ? null : dayStart(localDay(now)) + (policy.dueSoonDays + 1) * DAY_MS;
      const escalateBefore = policy.escalateMinSpanMs === null ? null : now - policy.escalateMinSpanMs;
      const owed: OwedDeadline[] = [];
      for (const c of await complaintDeadlineCandidates(db, now, soonBefore, escalateBefore, limit))
        for (const type of complaintDeadlinesOwed(policy, c.due, now, c.said))
          owed.push({
            kind: complaintMarkKind(type, c.status),
            subjectId: c.id,
            dueKey: c.due,
            event: {
              type,
              actorId: null,
              complaintId: c.id,
              branchId: c.branchId,
              fromStatus: c.status,
              toStatus: c.status,
              note: NOTE[type](limitKindOf(c.status), localDay(c.due), daysLeft(c.due, now)),
            },
          });
      return owed;
    },
  };
}
