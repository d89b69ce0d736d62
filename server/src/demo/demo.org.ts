/**
 * The bank the demo plays: its organisation tree, head-office departments, catalogue and people
 * (the fixed part of the public contract).
 */
import type { RoleCode } from '../core/roles.js';

/** Branches under the head office: code, name, size, sub-branches (code suffix, name). */
export const CITIES: readonly (readonly [string, string, number, readonly (readonly [string, string])[]])[] = [
  [
    'SH',
    '上海分行',
    1.6,
    [
      ['PD', '浦东支行'],
      ['HP', '黄浦支行'],
      ['XH', '徐汇支行'],
      ['JA', '静安支行'],
    ],
  ],
  [
    'BJ',
    '北京分行',
    1.5,
    [
      ['HD', '海淀支行'],
      ['CY', '朝阳支行'],
      ['XC', '西城支行'],
      ['DC', '东城支行'],
    ],
  ],
  [
    'GZ',
    '广州分行',
    1.2,
    [
      ['TH', '天河支行'],
      ['YX', '越秀支行'],
      ['HZ', '海珠支行'],
    ],
  ],
  [
    'SZ',
    '深圳分行',
    1.2,
    [
      ['FT', '福田支行'],
      ['NS', '南山支行'],
      ['LH', '罗湖支行'],
    ],
  ],
  [
    'HZ',
    '杭州分行',
    1.0,
    [
      ['XH', '西湖支行'],
      ['SC', '上城支行'],
      ['BJ', '滨江支行'],
    ],
  ],
  [
    'NJ',
    '南京分行',
    0.8,
    [
      ['GL', '鼓楼支行'],
      ['XW', '玄武支行'],
    ],
  ],
  [
    'CD',
    '成都分行',
    0.9,
    [
      ['JJ', '锦江支行'],
      ['WH', '武侯支行'],
      ['GX', '高新支行'],
    ],
  ],
  [
    'WH',
    '武汉分行',
    0.8,
    [
      ['JA', '江岸支行'],
      ['WC', '武昌支行'],
      ['HS', '洪山支行'],
    ],
  ],
  [
    'XA',
    '西安分行',
    0.6,
    [
      ['YT', '雁塔支行'],
      ['BL', '碑林支行'],
    ],
  ],
  [
    'TJ',
    '天津分行',
    0.7,
    [
      ['HP', '和平支行'],
      ['NK', '南开支行'],
      ['BH', '滨海新区支行'],
    ],
  ],
  [
    'CQ',
    '重庆分行',
    0.7,
    [
      ['YZ', '渝中支行'],
      ['JB', '江北支行'],
      ['NA', '南岸支行'],
    ],
  ],
  [
    'SU',
    '苏州分行',
    0.7,
    [
      ['GY', '工业园区支行'],
      ['GS', '姑苏支行'],
    ],
  ],
];
export const OUTLET_SUFFIXES = ['营业部', '社区网点', '金融服务中心', '财富中心', '科技园网点', '商务区网点'] as const;

export const DEPARTMENTS = [
  ['CARD', '信用卡中心'],
  ['RETAIL', '零售银行部'],
  ['OPS', '运营管理部'],
  ['IT', '信息科技部'],
  ['RISK', '风险管理部'],
  ['COMPLIANCE', '合规部'],
  ['WEALTH_MGMT', '财富管理部'],
  ['CONSUMER_PROTECTION', '消费者权益保护部'],
] as const;
export type DeptCode = (typeof DEPARTMENTS)[number][0];

export const CATEGORIES = [
  ['CREDIT_CARD', '信用卡'],
  ['DEPOSIT', '存款'],
  ['LOAN', '贷款'],
  ['WEALTH', '理财'],
  ['E_BANKING', '电子银行'],
  ['SERVICE', '服务'],
] as const;
export type CategoryCode = (typeof CATEGORIES)[number][0];

export const PRODUCTS: readonly (readonly [CategoryCode, string, string])[] = [
  ['CREDIT_CARD', 'CC_PLATINUM', '白金信用卡'],
  ['CREDIT_CARD', 'CC_GOLD', '金卡信用卡'],
  ['CREDIT_CARD', 'CC_STANDARD', '标准信用卡'],
  ['CREDIT_CARD', 'CC_YOUTH', '青春信用卡'],
  ['CREDIT_CARD', 'CC_AIRLINE', '航空联名信用卡'],
  ['CREDIT_CARD', 'CC_INSTALMENT', '信用卡账单分期'],
  ['CREDIT_CARD', 'CC_SMS_REMINDER', '用卡无忧还款提醒'],
  ['DEPOSIT', 'DEP_DEMAND', '活期存款'],
  ['DEPOSIT', 'DEP_TIME', '整存整取定期存款'],
  ['DEPOSIT', 'DEP_LARGE_CD', '个人大额存单'],
  ['DEPOSIT', 'DEP_NOTICE', '七天通知存款'],
  ['DEPOSIT', 'DEP_DEBIT', '借记卡'],
  ['LOAN', 'LN_MORTGAGE', '个人住房贷款'],
  ['LOAN', 'LN_CONSUMER', '个人消费贷款'],
  ['LOAN', 'LN_BUSINESS', '个人经营贷款'],
  ['LOAN', 'LN_CAR', '个人汽车贷款'],
  ['WEALTH', 'WM_FIXED', '固收类理财产品'],
  ['WEALTH', 'WM_CASH', '现金管理类理财产品'],
  ['WEALTH', 'WM_FUND', '代销基金'],
  ['WEALTH', 'WM_INSURANCE', '代销保险'],
  ['WEALTH', 'WM_GOLD', '积存金'],
  ['E_BANKING', 'EB_MOBILE', '手机银行'],
  ['E_BANKING', 'EB_WEB', '网上银行'],
  ['E_BANKING', 'EB_WECHAT', '微信银行'],
  ['E_BANKING', 'EB_QUICKPAY', '快捷支付'],
  ['SERVICE', 'SV_HOTLINE', '客服热线'],
  ['SERVICE', 'SV_COUNTER', '网点柜面服务'],
  ['SERVICE', 'SV_SELF', '自助设备'],
];

/** username, display name, role, branch code, department code. */
export type UserSpec = readonly [string, string, RoleCode, string | null, DeptCode | null];
export const USERS: readonly UserSpec[] = [
  ['admin', '赵立新', 'ADMIN', 'HO', null],
  ['agent', '张敏', 'AGENT', 'HO', null],
  ['analyst', '李静', 'ANALYST', 'HO', null],
  ['coordinator', '王建华', 'COORDINATOR', 'HO', null],
  ['expert.card', '陈志强', 'EXPERT', 'HO', 'CARD'],
  ['expert.it', '刘洋', 'EXPERT', 'HO', 'IT'],
  ['bm.sh', '孙丽华', 'BRANCH_MANAGER', 'SH', null],
  ['bm.bj', '马俊', 'BRANCH_MANAGER', 'BJ', null],
  ['agent.wangli', '王丽', 'AGENT', 'HO', null],
  ['agent.liufang', '刘芳', 'AGENT', 'HO', null],
  ['agent.chenjie', '陈杰', 'AGENT', 'HO', null],
  ['agent.yangxue', '杨雪', 'AGENT', 'HO', null],
  ['agent.zhaolei', '赵磊', 'AGENT', 'HO', null],
  ['agent.huangqian', '黄倩', 'AGENT', 'HO', null],
  ['agent.zhouyun', '周云', 'AGENT', 'HO', null],
  ['agent.wuhao', '吴昊', 'AGENT', 'HO', null],
  ['agent.xuyan', '徐燕', 'AGENT', 'HO', null],
  ['agent.sunting', '孙婷', 'AGENT', 'HO', null],
  ['agent.majun', '马骏', 'AGENT', 'HO', null],
  ['analyst.zhou', '周晓梅', 'ANALYST', 'HO', null],
  ['analyst.he', '何伟', 'ANALYST', 'HO', null],
  ['coordinator.lin', '林海燕', 'COORDINATOR', 'HO', null],
  ['expert.card2', '郑雅琴', 'EXPERT', 'HO', 'CARD'],
  ['expert.retail', '冯晓东', 'EXPERT', 'HO', 'RETAIL'],
  ['expert.ops', '韩梅', 'EXPERT', 'HO', 'OPS'],
  ['expert.it2', '曹宇', 'EXPERT', 'HO', 'IT'],
  ['expert.risk', '彭涛', 'EXPERT', 'HO', 'RISK'],
  ['expert.compliance', '蒋文', 'EXPERT', 'HO', 'COMPLIANCE'],
  ['expert.wealth', '沈佳', 'EXPERT', 'HO', 'WEALTH_MGMT'],
  ['expert.cp', '邓丽娟', 'EXPERT', 'HO', 'CONSUMER_PROTECTION'],
  ['bm.gz', '梁志明', 'BRANCH_MANAGER', 'GZ', null],
  ['bm.sz', '蔡晓燕', 'BRANCH_MANAGER', 'SZ', null],
  ['bm.hz', '潘国栋', 'BRANCH_MANAGER', 'HZ', null],
  ['bm.nj', '袁静', 'BRANCH_MANAGER', 'NJ', null],
  ['bm.cd', '谢刚', 'BRANCH_MANAGER', 'CD', null],
  ['bm.wh', '胡敏', 'BRANCH_MANAGER', 'WH', null],
  ['bm.xa', '高峰', 'BRANCH_MANAGER', 'XA', null],
  ['bm.tj', '许亮', 'BRANCH_MANAGER', 'TJ', null],
  ['bm.cq', '唐红', 'BRANCH_MANAGER', 'CQ', null],
  ['bm.su', '陆晨', 'BRANCH_MANAGER', 'SU', null],
  ['bm.sh-pd', '钱文', 'BRANCH_MANAGER', 'SH-PD', null],
];
