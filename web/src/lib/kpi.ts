import type { MessageKey } from './translate.js';
import type { KpiName } from '../gql/graphql.js';

export type { KpiName };

/** The contact-center KPIs: the "three highs, three lows" (三高三低) and the repeat-contact rate. */
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
