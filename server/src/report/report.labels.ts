import type { CHANNELS, FEEDBACK_KINDS } from '../feedback/index.js';
import type { PROBLEM_STATUSES, ROOT_CAUSES, OUTCOMES, SEVERITIES, ACTION_STATUSES, EXTENSION_DECISIONS } from '../loop/index.js';
import type { KpiName } from '../kpi/index.js';
import type { LoopStage } from './loop-performance.rules.js';

/** The Chinese names the bank's documents use, for exports and the printable report. */
export const LABELS = {
  kind: { PRAISE: '赞扬之声', PROBLEM: '问题之声', SUGGESTION: '建议之声' } satisfies Record<(typeof FEEDBACK_KINDS)[number], string>,
  channel: {
    VOICE: '人工坐席',
    ONLINE: '在线坐席',
    WECHAT: '微坐席',
    VIDEO: '视频坐席',
    BRANCH: '网点',
    SELF_SERVICE: '自助渠道',
  } satisfies Record<(typeof CHANNELS)[number], string>,
  problemStatus: {
    OPEN: '待初诊',
    DIAGNOSED: '已初诊',
    IN_CONSULTATION: '会诊中',
    REMEDIATING: '整改中',
    VERIFYING: '验证中',
    RESOLVED: '已解决',
    MERGED: '已合并',
    DISMISSED: '已驳回',
  } satisfies Record<(typeof PROBLEM_STATUSES)[number], string>,
  severity: { LOW: '低', MEDIUM: '中', HIGH: '高', CRITICAL: '严重' } satisfies Record<(typeof SEVERITIES)[number], string>,
  rootCause: {
    PRODUCT_DESIGN: '产品设计',
    BUSINESS_PROCESS: '业务流程',
    IT_SYSTEM: '信息系统',
    STAFF_SERVICE: '人员服务',
    POLICY: '制度政策',
    THIRD_PARTY: '第三方',
    OTHER: '其他',
  } satisfies Record<(typeof ROOT_CAUSES)[number], string>,
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
