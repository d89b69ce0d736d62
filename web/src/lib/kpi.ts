import type { MessageKey } from './translate.js';

/** The contact-center KPIs: the "three highs, three lows" (三高三低) and the repeat-contact rate. */
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

export const KPI_LABELS: Record<KpiName, MessageKey> = {
  SERVICE_LEVEL: 'kpi.serviceLevel',
  ANSWER_RATE: 'kpi.answerRate',
  RESPONSE_RATE: 'kpi.responseRate',
  SATISFACTION_RATE: 'kpi.satisfactionRate',
  TRANSFER_RATE: 'kpi.transferRate',
  WORK_ORDER_RATE: 'kpi.workOrderRate',
  COMPLAINT_RATE: 'kpi.complaintRate',
  REPEAT_CONTACT_RATE: 'kpi.repeatContactRate',
};

/** One KPI against the target the hub is configured with. */
export interface KpiAssessment {
  kpi: KpiName;
  value: number | null;
  target: number;
  meetsTarget: boolean | null;
  higherIsBetter: boolean;
}

export const KPI_FIELDS = 'contacts assessments { kpi value target meetsTarget higherIsBetter }';
