import type { Env } from '../core/env.js';
import { parseDayList, parseLimit, minutesOfDay, type Limit } from '../core/calendar.rules.js';
import type { DeadlineConfig } from './deadline.rules.js';

const DEFAULT_SCAN_SECONDS = 60;

const limitOf = (text: string): Limit | null => parseLimit(text) ?? null;
const daysOf = (text: string): ReadonlySet<string> => {
  const parsed = parseDayList(text);
  return new Set(parsed.ok ? parsed.days : []);
};

/**
 * The deadline configuration from the environment (already validated by core/env.ts). Without
 * DEADLINE_SCAN_SECONDS the scan runs every minute, except under NODE_ENV=test, where tests move
 * the clock and scan themselves.
 */
export function deadlineConfigOf(env: Env): DeadlineConfig {
  const scanSeconds = env.DEADLINE_SCAN_SECONDS ?? (env.NODE_ENV === 'test' ? 0 : DEFAULT_SCAN_SECONDS);
  return {
    calendar: { holidays: daysOf(env.HOLIDAYS), makeUpWorkdays: daysOf(env.MAKEUP_WORKDAYS) },
    stageLimits: {
      OPEN: limitOf(env.STAGE_LIMIT_OPEN),
      DIAGNOSED: limitOf(env.STAGE_LIMIT_DIAGNOSED),
      IN_CONSULTATION: limitOf(env.STAGE_LIMIT_IN_CONSULTATION),
      REMEDIATING: limitOf(env.STAGE_LIMIT_REMEDIATING),
      VERIFYING: limitOf(env.STAGE_LIMIT_VERIFYING),
    },
    escalateAfter: limitOf(env.ESCALATE_TO_COORDINATOR_AFTER),
    digestDueWithin: limitOf(env.DIGEST_DUE_WITHIN),
    digestAtMinutes: minutesOfDay(env.DIGEST_AT) ?? 8 * 60 + 30,
    scanIntervalMs: scanSeconds * 1000,
    clusterMinCustomers: env.CLUSTER_MIN_CUSTOMERS,
    clusterWindowMs: env.CLUSTER_WINDOW_HOURS * 3_600_000,
  };
}
