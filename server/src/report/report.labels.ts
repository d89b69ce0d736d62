import type { CHANNELS, FEEDBACK_KINDS } from '../feedback/index.js';
import type { PROBLEM_STATUSES, ROOT_CAUSES, OUTCOMES, SEVERITIES, ACTION_STATUSES, EXTENSION_DECISIONS } from '../loop/index.js';
import type { KpiName } from '../kpi/index.js';
import type { LoopStage } from './loop-performance.rules.js';
import { SHARED_ENUM_LABELS_ZH } from './enum-labels.zh.js';

/**
 * The Chinese names the bank's documents use, for exports and the printable report; those the web
 * app's screens use as well are taken from enum-labels.zh.ts.
 */
export const LABELS = {
  kind: { PRAISE: '赞扬之声', PROBLEM: '问题之声', SUGGESTION: '建议之声' } satisfies Record<(typeof FEEDBACK_KINDS)[number], string>,
  channel: SHARED_ENUM_LABELS_ZH.Channel satisfies Record<(typeof CHANNELS)[number], string>,
  problemStatus: SHARED_ENUM_LABELS_ZH.ProblemStatus satisfies Record<(typeof PROBLEM_STATUSES)[number], string>,
  severity: SHARED_ENUM_LABELS_ZH.Severity satisfies Record<(typeof SEVERITIES)[number], string>,
  rootCause: SHARED_ENUM_LABELS_ZH.RootCause satisfies Record<(typeof ROOT_CAUSES)[number], string>,
  outcome: {
    FIX: '问题修复',
    PROCESS_CHANGE: '流程优化',
    SYSTEM_CHANGE: '系统改造',
    TRAINING: '培训',
    PRODUCT_INNOVATION: '产品创新',
  } satisfies Record<(typeof OUTCOMES)[number], string>,
  actionStatus: {
    ASSIGNED: '已分派',
    ACCEPTED: '已受理',
    IN_PROGRESS: '整改中',
    SUBMITTED: '已提交',
    CONFIRMED: '已确认',
    RETURNED: '已退回',
    DECLINED: '已退回总行',
    CANCELLED: '已撤销',
  } satisfies Record<(typeof ACTION_STATUSES)[number], string>,
  extension: { PENDING: '待审批', GRANTED: '已同意', REFUSED: '未同意', WITHDRAWN: '已撤回' } satisfies Record<
    (typeof EXTENSION_DECISIONS)[number],
    string
  >,
  stage: {
    OPEN_TO_DIAGNOSIS: '立项→初诊',
    DIAGNOSIS_TO_CONSULTATION: '初诊→会诊',
    CONSULTATION_TO_CONCLUSION: '会诊→会诊意见',
    CONCLUSION_TO_VERIFICATION: '会诊意见→验证',
    VERIFICATION_TO_RESOLUTION: '验证→解决',
  } satisfies Record<LoopStage, string>,
  kpi: {
    SERVICE_LEVEL: '服务水平',
    ANSWER_RATE: '接通率',
    RESPONSE_RATE: '服务响应率',
    SATISFACTION_RATE: '满意率',
    TRANSFER_RATE: '转接率',
    WORK_ORDER_RATE: '工单率',
    COMPLAINT_RATE: '投诉率',
    REPEAT_CONTACT_RATE: '重复来电率',
  } satisfies Record<KpiName, string>,
} as const;
