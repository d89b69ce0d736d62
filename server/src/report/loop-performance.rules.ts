import { median, percentile } from './report.rules.js';
import { monthOf } from '../core/period.rules.js';
import type { ROOT_CAUSES, OUTCOMES } from '../loop/problem.table.js';

const DAY_MS = 86_400_000;

/** A half-open period [from, to); null is unbounded. */
export interface Period {
  from: number | null;
  to: number | null;
}

export const inPeriod = (t: number | null, p: Period): boolean =>
  t !== null && (p.from === null || t >= p.from) && (p.to === null || t < p.to);

// ---------------------------------------------------------------------------------------------
// The branch league table
// ---------------------------------------------------------------------------------------------

export interface ActionFact {
  id: string;
  problemId: string;
  branchId: string | null;
  createdAt: number;
  dueAt: number;
  confirmedAt: number | null;
}

/** A JR/T 0169-2018 (A) channel × (B) business × (C) cause code, each axis by code and name. */
export interface ComplaintCode {
  channelCode: string;
  channelName: string;
  businessCode: string;
  businessName: string;
  causeCode: string;
  causeName: string;
}

/** A complaint case (issue 17), as the league table counts it against the branch complained about. */
export interface ComplaintFact {
  branchId: string;
  receivedAt: number;
  /** The limit running now (the decision's or 核实's); null once nothing is owed (decided, withdrawn, archived). */
  runningDueAt: number | null;
  code: ComplaintCode;
}

export interface LeagueInput {
  /** Each row of the table: a branch and the ids of its subtree. */
  units: readonly { branchId: string; members: ReadonlySet<string> }[];
  actions: readonly ActionFact[];
  /** Each time an action was sent back to its branch. */
  returns: readonly { actionId: string; at: number }[];
  /** Each extension a branch asked for. */
  extensions: readonly { actionId: string; at: number }[];
  /** Each time a problem came back after its fix (reopenProblem). */
  reopens: readonly { problemId: string; at: number }[];
  /** Complaint cases at the units' branches (none: the table counts no complaints). */
  complaints?: readonly ComplaintFact[];
  /** Praise (赞扬之声) recorded at a branch on a bank day (the day's local midnight); none: no praise counted. */
  praise?: readonly { branchId: string; day: number; items: number }[];
  period: Period;
  now: number;
}

export interface LeagueRow {
  branchId: string;
  assigned: number;
  confirmed: number;
  confirmedOnTime: number;
  overdueNow: number;
  returned: number;
  extensionsRequested: number;
  medianDaysToConfirm: number | null;
  recurrences: number;
  onTimeRate: number | null;
  /** Complaint cases received in the period against the branch's subtree. */
  complaintsReceived: number;
  /** Complaint cases whose running limit has passed now, whatever the period. */
  complaintsOverdueNow: number;
  /** The complaints received, by code, in code order (A, then B, then C). */
  complaintsByCode: (ComplaintCode & { count: number })[];
  /** Praise (赞扬之声) customers gave the branch's subtree on the period's days. */
  praise: number;
}

/**
 * How each branch (with its subtree) works the linkage table over a period: actions assigned in it;
 * actions confirmed in it, and of those the ones confirmed by their (possibly extended) due date;
 * actions open and past due now, whatever the period; actions sent back at least once in it;
 * extensions asked in it; the median days from assignment to confirmation of those confirmed in
 * it; and recurrences — a problem reopened in the period after this branch's action on it was
 * confirmed; complaint cases against it received in the period, and those past their running
 * limit now, and the received ones by JR/T 0169 code (issue 17); and the praise customers gave it
 * on the period's days (issue 20: praise reaches the praised). Neither changes the order. Ordered best first: on-time share, then fewest overdue, then most assigned; ties keep
 * the units' order.
 */
export function leagueTable(input: LeagueInput): LeagueRow[] {
  const { period, now } = input;
  const byId = new Map(input.actions.map((a) => [a.id, a]));
  const rows = input.units.map(({ branchId, members }): LeagueRow => {
    const mine = input.actions.filter((a) => a.branchId !== null && members.has(a.branchId));
    const confirmed = mine.filter((a) => inPeriod(a.confirmedAt, period));
    const onTime = confirmed.filter((a) => a.confirmedAt! <= a.dueAt).length;
    const isMine = (actionId: string) => {
      const a = byId.get(actionId);
      return !!a && a.branchId !== null && members.has(a.branchId);
    };
    const returned = new Set(input.returns.filter((r) => inPeriod(r.at, period) && isMine(r.actionId)).map((r) => r.actionId));
    const recurrences = input.reopens.filter(
      (r) => inPeriod(r.at, period) && mine.some((a) => a.problemId === r.problemId && a.confirmedAt !== null && a.confirmedAt <= r.at),
    ).length;
    const complaints = (input.complaints ?? []).filter((c) => members.has(c.branchId));
    const received = complaints.filter((c) => inPeriod(c.receivedAt, period));
    return {
      branchId,
      assigned: mine.filter((a) => inPeriod(a.createdAt, period)).length,
      confirmed: confirmed.length,
      confirmedOnTime: onTime,
      overdueNow: mine.filter((a) => a.confirmedAt === null && a.dueAt < now).length,
      returned: returned.size,
      extensionsRequested: input.extensions.filter((x) => inPeriod(x.at, period) && isMine(x.actionId)).length,
      medianDaysToConfirm: median(confirmed.map((a) => (a.confirmedAt! - a.createdAt) / DAY_MS)),
      recurrences,
      onTimeRate: confirmed.length ? onTime / confirmed.length : null,
      complaintsReceived: received.length,
      complaintsOverdueNow: complaints.filter((c) => c.runningDueAt !== null && c.runningDueAt < now).length,
      complaintsByCode: countByCode(received),
      praise: (input.praise ?? []).reduce((sum, p) => (members.has(p.branchId) && inPeriod(p.day, period) ? sum + p.items : sum), 0),
    };
  });
  return rows.sort((a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || a.overdueNow - b.overdueNow || b.assigned - a.assigned);
}

/** Complaint cases counted by their (A, B, C) code, in code order. */
export function countByCode(cases: readonly ComplaintFact[]): (ComplaintCode & { count: number })[] {
  const groups = new Map<string, ComplaintCode & { count: number }>();
  for (const { code } of cases) {
    const key = `${code.channelCode}\u001f${code.businessCode}\u001f${code.causeCode}`;
    const seen = groups.get(key);
    if (seen) seen.count++;
    else groups.set(key, { ...code, count: 1 });
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...groups.values()].sort(
    (a, b) => cmp(a.channelCode, b.channelCode) || cmp(a.businessCode, b.businessCode) || cmp(a.causeCode, b.causeCode),
  );
}

// ---------------------------------------------------------------------------------------------
// Stage cycle times
// ---------------------------------------------------------------------------------------------

export const LOOP_STAGES = [
  'OPEN_TO_DIAGNOSIS',
  'DIAGNOSIS_TO_CONSULTATION',
  'CONSULTATION_TO_CONCLUSION',
  'CONCLUSION_TO_VERIFICATION',
  'VERIFICATION_TO_RESOLUTION',
] as const;
export type LoopStage = (typeof LOOP_STAGES)[number];

export interface ProblemTimes {
  categoryId: string;
  createdAt: number;
  diagnosedAt: number | null;
  consultationAt: number | null;
  remediatingAt: number | null;
  verifyingAt: number | null;
  resolvedAt: number | null;
}

/** Where each stage starts and ends on a problem's timestamps. */
const STAGE_BOUNDS: Record<LoopStage, readonly [keyof ProblemTimes, keyof ProblemTimes]> = {
  OPEN_TO_DIAGNOSIS: ['createdAt', 'diagnosedAt'],
  DIAGNOSIS_TO_CONSULTATION: ['diagnosedAt', 'consultationAt'],
  CONSULTATION_TO_CONCLUSION: ['consultationAt', 'remediatingAt'],
  CONCLUSION_TO_VERIFICATION: ['remediatingAt', 'verifyingAt'],
  VERIFICATION_TO_RESOLUTION: ['verifyingAt', 'resolvedAt'],
};

export interface CycleTimeRow {
  stage: LoopStage;
  /** The local month in which the stage ended. */
  month: string;
  /** Null: all categories together. */
  categoryId: string | null;
  problems: number;
  medianDays: number;
  p90Days: number;
}

/**
 * Days each stage of the loop took, for the stages that ended in the period: median and 90th
 * percentile (nearest rank) per month of the stage's end, for all categories together and per
 * category. A reopened problem is measured from its conclusion to its latest verification.
 */
export function cycleTimes(problems: readonly ProblemTimes[], period: Period): CycleTimeRow[] {
  const groups = new Map<string, { stage: LoopStage; month: string; categoryId: string | null; days: number[] }>();
  const add = (stage: LoopStage, month: string, categoryId: string | null, days: number) => {
    const key = `${stage}|${month}|${categoryId ?? ''}`;
    const g = groups.get(key) ?? { stage, month, categoryId, days: [] };
    g.days.push(days);
    groups.set(key, g);
  };
  for (const p of problems) {
    for (const stage of LOOP_STAGES) {
      const [from, to] = STAGE_BOUNDS[stage];
      const start = p[from] as number | null;
      const end = p[to] as number | null;
      if (start === null || end === null || !inPeriod(end, period)) continue;
      const days = (end - start) / DAY_MS;
      const month = monthOf(end);
      add(stage, month, null, days);
      add(stage, month, p.categoryId, days);
    }
  }
  const order = (s: LoopStage) => LOOP_STAGES.indexOf(s);
  return [...groups.values()]
    .map((g) => ({
      stage: g.stage,
      month: g.month,
      categoryId: g.categoryId,
      problems: g.days.length,
      medianDays: median(g.days)!,
      p90Days: percentile(g.days, 90)!,
    }))
    .sort(
      (a, b) =>
        a.month.localeCompare(b.month) ||
        order(a.stage) - order(b.stage) ||
        (a.categoryId === null ? -1 : b.categoryId === null ? 1 : a.categoryId.localeCompare(b.categoryId)),
    );
}

// ---------------------------------------------------------------------------------------------
// Root causes (Pareto)
// ---------------------------------------------------------------------------------------------

export type RootCauseCode = (typeof ROOT_CAUSES)[number];
export type OutcomeCode = (typeof OUTCOMES)[number];

export interface RootCauseRow {
  rootCause: RootCauseCode;
  count: number;
  share: number;
  cumulativeShare: number;
  outcomes: { outcome: OutcomeCode; count: number }[];
}

/**
 * Concluded problems by root cause, largest first (ties in the enum's order), each with its share
 * of the whole, the running total of shares (the Pareto curve) and its outcomes, largest first.
 */
export function rootCausePareto(
  conclusions: readonly { rootCause: RootCauseCode; outcome: OutcomeCode }[],
  rootCauseOrder: readonly RootCauseCode[],
  outcomeOrder: readonly OutcomeCode[],
): RootCauseRow[] {
  const total = conclusions.length;
  const byCause = new Map<RootCauseCode, Map<OutcomeCode, number>>();
  for (const c of conclusions) {
    const outcomes = byCause.get(c.rootCause) ?? new Map<OutcomeCode, number>();
    outcomes.set(c.outcome, (outcomes.get(c.outcome) ?? 0) + 1);
    byCause.set(c.rootCause, outcomes);
  }
  const rows = [...byCause.entries()]
    .map(([rootCause, outcomes]) => ({
      rootCause,
      count: [...outcomes.values()].reduce((s, n) => s + n, 0),
      outcomes: [...outcomes.entries()]
        .map(([outcome, count]) => ({ outcome, count }))
        .sort((a, b) => b.count - a.count || outcomeOrder.indexOf(a.outcome) - outcomeOrder.indexOf(b.outcome)),
    }))
    .sort((a, b) => b.count - a.count || rootCauseOrder.indexOf(a.rootCause) - rootCauseOrder.indexOf(b.rootCause));
  let running = 0;
  return rows.map((r) => {
    running += r.count;
    return { ...r, share: r.count / total, cumulativeShare: running / total };
  });
}
