/** The problems the demo plays through the loop, and the notes their steps leave. */
import type { PROBLEM_STATUSES } from '../app/tables.js';

type ProblemStatusCode = (typeof PROBLEM_STATUSES)[number];

export type Hint = 'OVERDUE_PENDING' | 'RETURNED' | 'EXTENSIONS' | 'FRESH';
export interface PlanRow {
  theme: string;
  status: ProblemStatusCode;
  region?: string;
  reopen?: boolean;
  /** For MERGED: the index of the row it is merged into. */
  into?: number;
  hint?: Hint;
  dismissReason?: string;
}

export const PLAN: readonly PlanRow[] = [
  { theme: 'cc_reminder', status: 'RESOLVED' },
  { theme: 'eb_transfer_busy', status: 'REMEDIATING', hint: 'OVERDUE_PENDING' },
  { theme: 'sv_hotline_wait', status: 'REMEDIATING', reopen: true },
  { theme: 'wm_redemption', status: 'VERIFYING' },
  { theme: 'cc_limit', status: 'VERIFYING' },
  { theme: 'eb_transfer_busy', status: 'MERGED', into: 1 },
  { theme: 'sv_hotline_wait', status: 'MERGED', into: 2 },
  { theme: 'wm_redemption', status: 'MERGED', into: 3 },
  { theme: 'cc_limit', status: 'MERGED', into: 4 },
  { theme: 'cc_installment_fee', status: 'RESOLVED' },
  { theme: 'cc_activation', status: 'RESOLVED' },
  { theme: 'dep_early_withdraw', status: 'RESOLVED' },
  { theme: 'ln_rate_reset', status: 'RESOLVED' },
  { theme: 'wm_fund_fee', status: 'RESOLVED' },
  { theme: 'eb_sms_code', status: 'RESOLVED', reopen: true },
  { theme: 'eb_upgrade', status: 'RESOLVED' },
  { theme: 'sv_counter_queue', status: 'RESOLVED', region: 'GZ' },
  { theme: 'sv_atm', status: 'RESOLVED', region: 'BJ' },
  { theme: 'sv_staff_attitude', status: 'RESOLVED', region: 'WH' },
  { theme: 'eb_transfer_busy', status: 'RESOLVED' },
  { theme: 'sv_hotline_wait', status: 'RESOLVED' },
  { theme: 'dep_account_open', status: 'RESOLVED', region: 'SH' },
  { theme: 'sv_repeat_transfer', status: 'VERIFYING' },
  { theme: 'eb_login_face', status: 'VERIFYING' },
  { theme: 'ln_mortgage_prepay', status: 'VERIFYING', region: 'BJ' },
  { theme: 'dep_card_frozen', status: 'VERIFYING' },
  { theme: 'cc_points', status: 'IN_CONSULTATION' },
  { theme: 'cc_collection', status: 'REMEDIATING', hint: 'RETURNED' },
  { theme: 'cc_annual_fee', status: 'REMEDIATING', hint: 'EXTENSIONS' },
  { theme: 'dep_large_cd', status: 'REMEDIATING', region: 'SZ' },
  { theme: 'ln_consumer_approval', status: 'REMEDIATING', hint: 'FRESH' },
  { theme: 'wm_risk_disclosure', status: 'REMEDIATING' },
  { theme: 'eb_quickpay_limit', status: 'REMEDIATING' },
  { theme: 'sv_counter_queue', status: 'REMEDIATING', region: 'SH' },
  { theme: 'sv_atm', status: 'REMEDIATING', region: 'CD' },
  { theme: 'ln_mortgage_prepay', status: 'REMEDIATING', region: 'SZ' },
  { theme: 'dep_account_open', status: 'REMEDIATING', region: 'HZ' },
  { theme: 'eb_wechat_bind', status: 'REMEDIATING' },
  { theme: 'sv_callback', status: 'REMEDIATING' },
  { theme: 'ln_car', status: 'IN_CONSULTATION' },
  { theme: 'dep_card_frozen', status: 'IN_CONSULTATION', region: 'GZ' },
  { theme: 'wm_redemption', status: 'IN_CONSULTATION', region: 'SH' },
  { theme: 'cc_installment_fee', status: 'IN_CONSULTATION' },
  { theme: 'sv_elderly', status: 'IN_CONSULTATION' },
  { theme: 'wm_risk_disclosure', status: 'IN_CONSULTATION', region: 'BJ' },
  { theme: 'cc_limit', status: 'DIAGNOSED' },
  { theme: 'dep_large_cd', status: 'DIAGNOSED', region: 'BJ' },
  { theme: 'ln_consumer_approval', status: 'DIAGNOSED' },
  { theme: 'eb_quickpay_limit', status: 'DIAGNOSED' },
  { theme: 'sv_counter_queue', status: 'DIAGNOSED', region: 'NJ' },
  { theme: 'cc_collection', status: 'DIAGNOSED' },
  { theme: 'sv_elderly', status: 'DIAGNOSED', region: 'CQ' },
  { theme: 'eb_upgrade', status: 'OPEN' },
  { theme: 'cc_annual_fee', status: 'OPEN' },
  { theme: 'sv_atm', status: 'OPEN', region: 'XA' },
  { theme: 'dep_large_cd', status: 'OPEN', region: 'HZ' },
  { theme: 'wm_fund_fee', status: 'OPEN' },
  { theme: 'eb_transfer_busy', status: 'OPEN' },
  { theme: 'sv_staff_attitude', status: 'OPEN', region: 'TJ' },
  { theme: 'ln_rate_reset', status: 'OPEN' },
  {
    theme: 'cc_annual_fee',
    status: 'DISMISSED',
    dismissReason: '经核实客户所持卡种为有年费卡种，办卡时已签署年费条款并有录音为证，属正常收费，已向客户解释。',
  },
  {
    theme: 'dep_card_frozen',
    status: 'DISMISSED',
    dismissReason: '非柜面交易限额系落实反电信网络诈骗监管要求，属合规管控，已统一解释口径，不作为问题处理。',
  },
  {
    theme: 'eb_third_party',
    status: 'DISMISSED',
    dismissReason: '经核查为第三方支付平台自身扣款规则所致，非我行系统问题，已引导客户联系平台处理。',
  },
  {
    theme: 'ln_car',
    status: 'DISMISSED',
    dismissReason: '客户反映的汽车经销商附加收费不属于我行收费项目，已告知客户向经销商及市场监管部门反映。',
  },
];

export const PROGRESS_NOTES = [
  '已成立整改小组，完成问题原因排查。',
  '已完成辖内网点自查，正在逐项整改。',
  '整改方案已报分管行领导审批。',
  '已组织相关岗位人员专题培训。',
  '系统优化需求已提交，正在排期开发。',
  '已对相关客户逐一回访致歉。',
  '完成第一阶段整改，正在跟踪客户反馈。',
];
export const EVIDENCE = [
  '整改已完成，附整改报告、培训签到表及客户回访记录。',
  '系统优化已上线，附投产报告和上线后一周的监测数据。',
  '流程制度已修订发文，附新制度文本及宣导记录。',
  '已完成全部客户回访，附回访清单及客户意见。',
];
export const RETURN_REASONS = [
  '佐证材料不完整，请补充客户回访记录。',
  '整改报告未说明根本原因，请补充。',
  '上线后同类客户之声仍未下降，请继续跟进。',
  '培训覆盖面不足，请补充未参训网点的安排。',
];
export const EXTENSION_REASONS = [
  '系统改造涉及总行投产窗口，需顺延至下一投产批次。',
  '辖内网点较多，回访工作量大，申请延期两周。',
  '需协调第三方厂商排期，申请延期。',
  '业务高峰期人员紧张，申请适当延期。',
];
export const RESOLVE_NOTES = ['验证期内同类客户之声明显下降，问题已从源头解决。', '连续两周未再收到同类客户之声，确认整改有效。'];
export const REOPEN_NOTE = '验证期内同类客户之声再次上升，重新进入整改。';
