/**
 * The Chinese names of the schema's enums that the bank's documents (exports, the printed report:
 * report.labels.ts) and the web app's screens (web/src/lib/messages.zh.ts) both use, written once.
 * It imports nothing, so that the web app can import it as it is; each side checks the tables
 * against its own enum types (the server's value lists, the web's generated GraphQL enums). Names
 * that differ on purpose between a document and a screen (a feedback kind is 赞扬之声 in the report,
 * 赞扬 on a tag) stay in each side's own table.
 */
export const SHARED_ENUM_LABELS_ZH = {
  Channel: {
    VOICE: '人工坐席',
    ONLINE: '在线坐席',
    WECHAT: '微坐席',
    VIDEO: '视频坐席',
    BRANCH: '网点',
    SELF_SERVICE: '自助渠道',
  },
  ProblemStatus: {
    OPEN: '待初诊',
    DIAGNOSED: '已初诊',
    IN_CONSULTATION: '会诊中',
    REMEDIATING: '整改中',
    VERIFYING: '验证中',
    RESOLVED: '已解决',
    MERGED: '已合并',
    DISMISSED: '已驳回',
  },
  RootCause: {
    PRODUCT_DESIGN: '产品设计',
    BUSINESS_PROCESS: '业务流程',
    IT_SYSTEM: '信息系统',
    STAFF_SERVICE: '人员服务',
    POLICY: '制度政策',
    THIRD_PARTY: '第三方',
    OTHER: '其他',
  },
  Severity: { LOW: '低', MEDIUM: '中', HIGH: '高', CRITICAL: '严重' },
} as const;
