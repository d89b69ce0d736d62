import type { Db } from '../core/db.js';
import type { Env } from '../core/env.js';
import { addLimit, formatLocal, parseLimit, type WorkingCalendar } from '../core/calendar.rules.js';
import type { DeadlineSource, OwedDeadline } from '../deadline/index.js';
import { callbackDeadlinesOwed, type CallbackDeadlineEvent } from './callback.rules.js';
import { callbackDeadlineCandidates } from './callback.repository.js';

/** When an open callback is due soon: its due date is at or before `soonUntil(now)`; null: never. */
export interface CallbackDeadlinePolicy {
  soonUntil: ((now: number) => number) | null;
}

/** The callback deadline policy from the environment (CALLBACK_DUE_SOON_WITHIN, validated by core/env.ts). */
export function callbackDeadlinePolicyOf(env: Env, calendar: WorkingCalendar): CallbackDeadlinePolicy {
  const within = parseLimit(env.CALLBACK_DUE_SOON_WITHIN) ?? null;
  return { soonUntil: within ? (now) => addLimit(calendar, now, within) : null };
}

const NOTE: Record<CallbackDeadlineEvent, (due: string) => string> = {
  CALLBACK_DUE_SOON: (due) => `回访即将到期：应于 ${due} 前完成回访`,
  CALLBACK_OVERDUE: (due) => `回访已逾期：应于 ${due} 前完成回访，至今未完成`,
};

/**
 * Callback deadlines that act (issue 17), scanned by the deadline machinery with the loop's: an open
 * callback is said to be due soon (to the agent working it, or every agent while nobody has taken
 * it) and overdue (to the contact center's coordinators), each once per due date. A callback closed
 * (completed or unreachable) owes nothing: the scan reads it inside the transaction that writes.
 */
export function callbackDeadlineSource(policy: CallbackDeadlinePolicy): DeadlineSource {
  return {
    name: 'callback',
    async owed(db: Db, now: number, limit: number): Promise<OwedDeadline[]> {
      const soonUntil = policy.soonUntil ? policy.soonUntil(now) : null;
      const owed: OwedDeadline[] = [];
      for (const c of await callbackDeadlineCandidates(db, now, soonUntil, limit))
        for (const type of callbackDeadlinesOwed(c.due, now, soonUntil, c.said))
          owed.push({
            kind: type,
            subjectId: c.id,
            dueKey: c.due,
            event: {
              type,
              actorId: null,
              problemId: c.problemId,
              callbackId: c.id,
              complaintId: c.complaintId,
              branchId: c.branchId,
              fromStatus: 'OPEN',
              toStatus: 'OPEN',
              note: NOTE[type](formatLocal(c.due)),
            },
          });
      return owed;
    },
  };
}
