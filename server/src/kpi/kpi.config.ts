import type { Env } from '../core/env.js';
import type { KpiConfig } from './kpi.rules.js';

/** The KPI configuration from the environment (already validated by core/env.ts). */
export function kpiConfigOf(env: Env): KpiConfig {
  return {
    serviceLevelSeconds: env.KPI_SERVICE_LEVEL_SECONDS,
    responseSeconds: env.KPI_RESPONSE_SECONDS,
    repeatWindowDays: env.KPI_REPEAT_WINDOW_DAYS,
    targets: {
      SERVICE_LEVEL: env.KPI_TARGET_SERVICE_LEVEL,
      ANSWER_RATE: env.KPI_TARGET_ANSWER_RATE,
      RESPONSE_RATE: env.KPI_TARGET_RESPONSE_RATE,
      SATISFACTION_RATE: env.KPI_TARGET_SATISFACTION_RATE,
      TRANSFER_RATE: env.KPI_TARGET_TRANSFER_RATE,
      WORK_ORDER_RATE: env.KPI_TARGET_WORK_ORDER_RATE,
      COMPLAINT_RATE: env.KPI_TARGET_COMPLAINT_RATE,
      REPEAT_CONTACT_RATE: env.KPI_TARGET_REPEAT_CONTACT_RATE,
    },
  };
}
