/** Raw counters over contact records; every KPI is a ratio of two of them. */
export interface KpiCounters {
  offered: number;
  answered: number;
  answeredWithinThreshold: number;
  responded: number;
  respondedWithinThreshold: number;
  rated: number;
  satisfied: number;
  transferred: number;
  workOrders: number;
  complaints: number;
}

export interface KpiValues {
  contacts: number;
  serviceLevel: number | null;
  answerRate: number | null;
  responseRate: number | null;
  satisfactionRate: number | null;
  transferRate: number | null;
  workOrderRate: number | null;
  complaintRate: number | null;
}

/** A rate with no denominator is null, never 0 or NaN. */
export const rate = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);

/**
 * The contact center's "three highs, three lows" (三高三低) as DOMAIN.md defines them: service level
 * and answer rate over offered, response rate over sessions that record a first response,
 * satisfaction over ratings, transfer / work-order / complaint rates over answered.
 */
export function computeKpis(c: KpiCounters): KpiValues {
  return {
    contacts: c.offered,
    serviceLevel: rate(c.answeredWithinThreshold, c.offered),
    answerRate: rate(c.answered, c.offered),
    responseRate: rate(c.respondedWithinThreshold, c.responded),
    satisfactionRate: rate(c.satisfied, c.rated),
    transferRate: rate(c.transferred, c.answered),
    workOrderRate: rate(c.workOrders, c.answered),
    complaintRate: rate(c.complaints, c.answered),
  };
}

/** Answered within this many seconds counts toward the service level. */
export const SERVICE_LEVEL_SECONDS = 25;
/** A first response within this many seconds counts toward the response rate. */
export const RESPONSE_SECONDS = 30;
/** Ratings of 4 and 5 count as satisfied. */
export const SATISFIED_FROM = 4;
