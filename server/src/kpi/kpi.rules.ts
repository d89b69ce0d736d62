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
  /** Contacts that carry a customer reference: the denominator of the repeat-contact rate. */
  identified: number;
  /** Identified contacts whose customer had another contact within the repeat window before. */
  repeats: number;
}

export const KPI_COUNTER_NAMES = [
  'offered',
  'answered',
  'answeredWithinThreshold',
  'responded',
  'respondedWithinThreshold',
  'rated',
  'satisfied',
  'transferred',
  'workOrders',
  'complaints',
  'identified',
  'repeats',
] as const satisfies readonly (keyof KpiCounters)[];

export const KPI_NAMES = [
  'SERVICE_LEVEL',
  'ANSWER_RATE',
  'RESPONSE_RATE',
  'SATISFACTION_RATE',
  'TRANSFER_RATE',
  'WORK_ORDER_RATE',
  'COMPLAINT_RATE',
  'REPEAT_CONTACT_RATE',
] as const;
export type KpiName = (typeof KPI_NAMES)[number];

export interface KpiValues {
  contacts: number;
  serviceLevel: number | null;
  answerRate: number | null;
  responseRate: number | null;
  satisfactionRate: number | null;
  transferRate: number | null;
  workOrderRate: number | null;
  complaintRate: number | null;
  repeatContactRate: number | null;
}

/** Which field of KpiValues each KPI is, and whether higher is better (三高) or lower (三低). */
export const KPI_DEFINITIONS: Record<KpiName, { field: Exclude<keyof KpiValues, 'contacts'>; higherIsBetter: boolean }> = {
  SERVICE_LEVEL: { field: 'serviceLevel', higherIsBetter: true },
  ANSWER_RATE: { field: 'answerRate', higherIsBetter: true },
  RESPONSE_RATE: { field: 'responseRate', higherIsBetter: true },
  SATISFACTION_RATE: { field: 'satisfactionRate', higherIsBetter: true },
  TRANSFER_RATE: { field: 'transferRate', higherIsBetter: false },
  WORK_ORDER_RATE: { field: 'workOrderRate', higherIsBetter: false },
  COMPLAINT_RATE: { field: 'complaintRate', higherIsBetter: false },
  REPEAT_CONTACT_RATE: { field: 'repeatContactRate', higherIsBetter: false },
};

/** The configurable part of the KPIs: thresholds, the repeat window and each KPI's target. */
export interface KpiConfig {
  serviceLevelSeconds: number;
  responseSeconds: number;
  repeatWindowDays: number;
  targets: Record<KpiName, number>;
}

export interface KpiAssessment {
  kpi: KpiName;
  value: number | null;
  target: number;
  higherIsBetter: boolean;
  /** Null when the KPI has no value (no denominator): nothing to judge. */
  meetsTarget: boolean | null;
}

/** A rate with no denominator is null, never 0 or NaN. */
export const rate = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);

export const zeroCounters = (): KpiCounters => Object.fromEntries(KPI_COUNTER_NAMES.map((name) => [name, 0])) as unknown as KpiCounters;

/** Sums counters (e.g. rollup rows): every KPI of the sum is the KPI of the union of the records. */
export function addCounters(into: KpiCounters, more: Readonly<KpiCounters>): KpiCounters {
  for (const name of KPI_COUNTER_NAMES) into[name] += more[name];
  return into;
}

/**
 * The contact center's "three highs, three lows" (三高三低) as DOMAIN.md defines them: service level
 * and answer rate over offered, response rate over sessions that record a first response,
 * satisfaction over ratings, transfer / work-order / complaint rates over answered; and the
 * repeat-contact rate ("solve it in one contact") over contacts that name their customer.
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
    repeatContactRate: rate(c.repeats, c.identified),
  };
}

/**
 * Each KPI against its target: a "high" KPI meets it at or above the target, a "low" one at or
 * below; a KPI without a value neither meets nor misses it.
 */
export function assessKpis(values: KpiValues, targets: Record<KpiName, number>): KpiAssessment[] {
  return KPI_NAMES.map((kpi) => {
    const { field, higherIsBetter } = KPI_DEFINITIONS[kpi];
    const value = values[field];
    const target = targets[kpi];
    return {
      kpi,
      value,
      target,
      higherIsBetter,
      meetsTarget: value === null ? null : higherIsBetter ? value >= target : value <= target,
    };
  });
}

/** Answered within this many seconds counts toward the service level (DOMAIN.md default). */
export const SERVICE_LEVEL_SECONDS = 25;
/** A first response within this many seconds counts toward the response rate (DOMAIN.md default). */
export const RESPONSE_SECONDS = 30;
/** The same customer again within this many days is a repeat contact. */
export const REPEAT_WINDOW_DAYS = 7;
/** Ratings of 4 and 5 count as satisfied (the contract). */
export const SATISFIED_FROM = 4;

/** The thresholds the rollups count with; a change of any of them means a rebuild. */
export type KpiThresholds = Pick<KpiConfig, 'serviceLevelSeconds' | 'responseSeconds' | 'repeatWindowDays'>;

export const DEFAULT_KPI_THRESHOLDS: KpiThresholds = {
  serviceLevelSeconds: SERVICE_LEVEL_SECONDS,
  responseSeconds: RESPONSE_SECONDS,
  repeatWindowDays: REPEAT_WINDOW_DAYS,
};
