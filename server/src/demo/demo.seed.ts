/**
 * The demo data set (HUB_DEMO=1): a Chinese bank's voice-of-the-customer hub six months into use.
 *
 * Everything is driven by one seeded PRNG, ids included, so the same seed and the same `now` give
 * the same rows (only the password hash, salted by scrypt, differs). Problems are not written as
 * end states: each is played through the loop's rules (problem.rules / action.rules) step by step,
 * and every accepted step leaves the row changes and the hub event the services would have left.
 */
import type { Store, BulkStatement } from '../core/db.js';
import { sql } from 'drizzle-orm';
import { row } from '../core/sql.js';
import { rebuildRollups } from '../report/rollup.repository.js';
import { newId, type NodeTypeName } from '../core/ids.js';
import { hashPassword } from '../core/password.js';
import { nextProblemStatus, shouldStartVerification, type ProblemOperation, type ProblemStatusCode } from '../loop/problem.rules.js';
import { nextActionStatus, type ActionOperation, type ActionStatusCode } from '../loop/action.rules.js';
import type { HubEventTypeCode } from '../event/event.table.js';
import type { RoleCode } from '../core/roles.js';
import type { CHANNELS, FEEDBACK_KINDS } from '../feedback/feedback.table.js';
import type { OUTCOMES, ROOT_CAUSES, SEVERITIES } from '../loop/problem.table.js';

export const DEMO_PASSWORD = 'hub-demo-2026';
export const DEMO_DEFAULT_FEEDBACK = 30_000;
export const DEMO_DEFAULT_CONTACTS = 100_000;
const DEFAULT_SEED = 20_260_101;

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** The bank works on Beijing time: days, weekdays and office hours are counted in UTC+8. */
const BEIJING_OFFSET = 8 * HOUR;
const HISTORY_DAYS = 182;

type Channel = (typeof CHANNELS)[number];
type FeedbackKind = (typeof FEEDBACK_KINDS)[number];
type RootCause = (typeof ROOT_CAUSES)[number];
type Outcome = (typeof OUTCOMES)[number];
type Severity = (typeof SEVERITIES)[number];
type Level = 'HEAD_OFFICE' | 'BRANCH' | 'SUB_BRANCH' | 'OUTLET';
type ExtensionDecision = 'GRANTED' | 'REFUSED' | 'PENDING';

export interface DemoOptions {
  now: Date;
  feedback?: number;
  contacts?: number;
  seed?: number;
}

export interface DemoResult {
  loaded: boolean;
  ms: number;
  counts: Record<string, number>;
}

// ---------------------------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------------------------

class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** mulberry32: small, fast, good enough for demo data. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return at(items, Math.floor(this.next() * items.length));
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let u = this.next() * total;
    for (const [item, w] of items) {
      u -= w;
      if (u < 0) return item;
    }
    return at(items, items.length - 1)[0];
  }
  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < count && copy.length) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0] as T);
    return out;
  }
  /** The 80 random bits of a ULID-style id. */
  readonly idBytes = (): Buffer => {
    const b = Buffer.allocUnsafe(10);
    for (let i = 0; i < 10; i++) b[i] = Math.floor(this.next() * 256);
    return b;
  };
  id(type: NodeTypeName, atMs: number): string {
    return newId(type, atMs, this.idBytes);
  }
}

/** Weighted draws from a fixed table, by binary search over the cumulative weights. */
class Sampler<T> {
  private readonly cumulative: Float64Array;
  private readonly total: number;
  constructor(
    private readonly items: readonly T[],
    weights: readonly number[],
  ) {
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    weights.forEach((w, i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }
  static of<T>(pairs: readonly (readonly [T, number])[]): Sampler<T> {
    return new Sampler(
      pairs.map(([item]) => item),
      pairs.map(([, w]) => w),
    );
  }
  draw(rng: Rng): T {
    return at(this.items, this.index(rng));
  }
  index(rng: Rng): number {
    const u = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] ?? 0) > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`demo seed: index ${index} out of range (${items.length})`);
  return item;
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`demo seed: missing ${what}`);
  return value;
}

/** Derives independent streams from the seed so that one part's size never shifts another's ids. */
function stream(seed: number, part: number): Rng {
  let h = (seed ^ Math.imul(part + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return new Rng((h ^ (h >>> 16)) >>> 0);
}

// ---------------------------------------------------------------------------------------------
// Time: six months of Beijing office days
// ---------------------------------------------------------------------------------------------

/** Relative contact volume by Beijing hour: a morning and an afternoon peak, quiet nights. */
const HOUR_WEIGHTS = [
  0.1, 0.05, 0.03, 0.03, 0.03, 0.05, 0.15, 0.4, 0.9, 1.4, 1.6, 1.4, 0.9, 1.1, 1.4, 1.5, 1.3, 1.0, 0.8, 0.8, 0.8, 0.6, 0.35, 0.2,
] as const;
/** By Beijing weekday, Sunday first: Mondays are the busiest, weekends quiet. */
const WEEKDAY_WEIGHTS = [0.5, 1.2, 1.05, 1.0, 1.0, 0.95, 0.6] as const;

/** The loop is worked in office hours, 08:30–20:00 Beijing time: its steps are laid on that clock. */
const OFFICE_OPENS = 8.5 * HOUR;
const OFFICE_DAY = 11.5 * HOUR;
/** Calendar durations become office durations in this ratio, so that a plan keeps its length in days. */
const OFFICE_RATIO = OFFICE_DAY / DAY;

/** Office time elapsed up to `t` (constant through the night). */
function toOffice(t: number): number {
  const local = t + BEIJING_OFFSET;
  const day = Math.floor(local / DAY);
  const within = Math.min(Math.max(local - day * DAY - OFFICE_OPENS, 0), OFFICE_DAY);
  return day * OFFICE_DAY + within;
}

/** The moment at which `w` of office time has elapsed. */
function fromOffice(w: number): number {
  const day = Math.floor(w / OFFICE_DAY);
  return Math.floor(day * DAY + OFFICE_OPENS + (w - day * OFFICE_DAY) - BEIJING_OFFSET);
}

function beijingDayStart(ms: number): number {
  return Math.floor((ms + BEIJING_OFFSET) / DAY) * DAY - BEIJING_OFFSET;
}
function beijingHour(ms: number): number {
  return Math.floor(((ms + BEIJING_OFFSET) % DAY) / HOUR);
}
function beijingWeekday(ms: number): number {
  return new Date(ms + BEIJING_OFFSET).getUTCDay();
}

class Calendar {
  readonly start: number;
  readonly todayStart: number;
  private readonly cellStarts: number[] = [];
  private readonly cellWeights: number[] = [];
  private readonly sampler: Sampler<number>;
  private readonly maxWeight: number;

  constructor(readonly now: number) {
    this.todayStart = beijingDayStart(now);
    this.start = this.todayStart - HISTORY_DAYS * DAY;
    let max = 0;
    for (let t = this.start; t < now; t += HOUR) {
      const w = this.weightAt(t);
      this.cellStarts.push(t);
      this.cellWeights.push(w);
      if (w > max) max = w;
    }
    this.maxWeight = max;
    this.sampler = new Sampler(
      this.cellStarts.map((_, i) => i),
      this.cellWeights,
    );
  }

  /** Volume grows slowly over the half year (more customers on the new channels). */
  weightAt(t: number): number {
    const progress = (t - this.start) / (this.now - this.start);
    return (HOUR_WEIGHTS[beijingHour(t)] ?? 0) * (WEEKDAY_WEIGHTS[beijingWeekday(t)] ?? 1) * (0.88 + 0.24 * progress);
  }

  /** A moment in the six months, following the daily and weekly rhythm. */
  sample(rng: Rng): number {
    const cellStart = at(this.cellStarts, this.sampler.draw(rng));
    return cellStart + Math.floor(rng.next() * Math.min(HOUR, this.now - cellStart));
  }

  /** A moment in [from, to), skewed towards `to` by `skew` (1: flat) and following the rhythm. */
  sampleIn(rng: Rng, from: number, to: number, skew = 1): number {
    let t = to - 1;
    for (let tries = 0; tries < 40; tries++) {
      t = Math.floor(to - (to - from) * Math.pow(rng.next(), skew));
      if (t >= to) t = to - 1;
      if (rng.next() * this.maxWeight < this.weightAt(t)) return t;
    }
    return t;
  }
}

// ---------------------------------------------------------------------------------------------
// The organisation, people and catalogue
// ---------------------------------------------------------------------------------------------

interface OrgNode {
  id: string;
  code: string;
  name: string;
  level: Level;
  parentId: string | null;
  path: string;
  /** The BRANCH this node belongs to (itself for a branch); null for the head office. */
  branch: OrgNode | null;
  weight: number;
  children: OrgNode[];
  managerId: string | null;
}

/** Branches under the head office: code, name, size, sub-branches (code suffix, name). */
const CITIES: readonly (readonly [string, string, number, readonly (readonly [string, string])[]])[] = [
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
const OUTLET_SUFFIXES = ['营业部', '社区网点', '金融服务中心', '财富中心', '科技园网点', '商务区网点'] as const;

const DEPARTMENTS = [
  ['CARD', '信用卡中心'],
  ['RETAIL', '零售银行部'],
  ['OPS', '运营管理部'],
  ['IT', '信息科技部'],
  ['RISK', '风险管理部'],
  ['COMPLIANCE', '合规部'],
  ['WEALTH_MGMT', '财富管理部'],
  ['CONSUMER_PROTECTION', '消费者权益保护部'],
] as const;
type DeptCode = (typeof DEPARTMENTS)[number][0];

const CATEGORIES = [
  ['CREDIT_CARD', '信用卡'],
  ['DEPOSIT', '存款'],
  ['LOAN', '贷款'],
  ['WEALTH', '理财'],
  ['E_BANKING', '电子银行'],
  ['SERVICE', '服务'],
] as const;
type CategoryCode = (typeof CATEGORIES)[number][0];

const PRODUCTS: readonly (readonly [CategoryCode, string, string])[] = [
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
type UserSpec = readonly [string, string, RoleCode, string | null, DeptCode | null];
const USERS: readonly UserSpec[] = [
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

interface DemoUser {
  id: string;
  username: string;
  displayName: string;
  role: RoleCode;
  branchId: string | null;
  departmentId: string | null;
  departmentCode: DeptCode | null;
  createdAt: number;
}

interface Named {
  id: string;
  code: string;
  name: string;
}

// ---------------------------------------------------------------------------------------------
// What customers say: concentrated themes and the everyday background
// ---------------------------------------------------------------------------------------------

interface Theme {
  key: string;
  category: CategoryCode;
  products: readonly string[];
  title: string;
  severity: Severity;
  /** How loud the theme is: its share of the background and the size of its problems. */
  heat: number;
  texts: readonly string[];
  suggestions?: readonly string[];
  summary: string;
  impact: string;
  cause: RootCause;
  departments: readonly DeptCode[];
  why: string;
  fix: string;
  plan: string;
  outcome: Outcome;
  deptActions: readonly (readonly [DeptCode, string])[];
  /** Title of a branch's row in the linkage table; `{branch}` is the branch name. */
  branchAction?: string;
}

const THEMES: readonly Theme[] = [
  {
    key: 'cc_reminder',
    category: 'CREDIT_CARD',
    products: ['CC_STANDARD', 'CC_GOLD', 'CC_YOUTH', 'CC_PLATINUM'],
    title: '信用卡还款日前无提醒导致客户逾期',
    severity: 'HIGH',
    heat: 4,
    texts: [
      '{product}还款日前没有收到短信提醒，导致逾期产生了{fee}元滞纳金，希望银行能提前提醒。',
      '客户本月忘记还{product}的款，逾期{days}天被收取滞纳金，担心影响征信，客户表示从来没有收到过还款提醒。',
      '信用卡账单日和还款日间隔短，客户没注意到还款日，这已经是第二次逾期了，要求减免滞纳金。',
      '客户说只收到过账单短信，还款日前没有任何提醒，这次出差忘了还款，逾期后又接到催收电话。',
      '客户的{product}因为忘记还款逾期了{days}天，客户认为银行应该在到期前提醒，要求退还{fee}元滞纳金。',
    ],
    suggestions: [
      '建议信用卡还款日前能多发几次短信提醒，每月收一点费用也可以接受。',
      '希望信用卡到期还款前三天能再提醒一次，很多人都是忙忘了才逾期。',
    ],
    summary: '客户集中反映信用卡还款日前未收到任何还款提醒，因疏忽造成逾期，被收取滞纳金并担心影响个人征信，其中多位客户反复来电。',
    impact: '客户产生滞纳金和逾期记录，满意度明显下降，部分客户要求销户并表示将向监管部门投诉。',
    cause: 'PRODUCT_DESIGN',
    departments: ['CARD', 'IT', 'CONSUMER_PROTECTION'],
    why: '现行信用卡只在账单日发送一次账单短信，到期还款日前没有任何提醒，年轻客户和经常出差的客户最容易遗忘。',
    fix: '在到期还款日前增加多次短信提醒，并对首次逾期客户的滞纳金给予减免',
    plan:
      '推出「用卡无忧」——每月3元的短信还款提醒产品，到期前发送三次还款提醒（到期前7天、3天和1天各一次），客户可通过手机银行、微信银行和客服热线自助开通；' +
      '同时对首次逾期且已全额还款的客户减免滞纳金，并在账单短信中醒目提示到期还款日。',
    outcome: 'PRODUCT_INNOVATION',
    deptActions: [
      ['CARD', '设计「用卡无忧」短信还款提醒产品及收费方案'],
      ['IT', '短信平台开发到期前三次还款提醒功能'],
      ['CONSUMER_PROTECTION', '首次逾期滞纳金减免规则及客户告知口径'],
    ],
    branchAction: '{branch}存量逾期客户回访及「用卡无忧」推介',
  },
  {
    key: 'cc_annual_fee',
    category: 'CREDIT_CARD',
    products: ['CC_PLATINUM', 'CC_GOLD'],
    title: '信用卡年费收取告知不清引发争议',
    severity: 'MEDIUM',
    heat: 2,
    texts: [
      '客户的{product}被扣了{annualFee}元年费，客户表示办卡时营销人员说的是免年费。',
      '客户反映刷卡次数不够被收年费，之前没有收到任何提醒，要求退还。',
      '{product}年费减免条件在宣传页和合同里说法不一致，客户要求退还{annualFee}元年费。',
    ],
    summary: '客户集中反映信用卡年费在不知情的情况下被扣收，办卡时被告知免年费或减免条件解释不清。',
    impact: '客户认为银行存在误导销售，要求退费或销户，个别客户已向监管投诉。',
    cause: 'BUSINESS_PROCESS',
    departments: ['CARD', 'CONSUMER_PROTECTION'],
    why: '营销人员办卡时对年费减免条件的解释口径不一，年费扣收前也没有提醒客户。',
    fix: '统一年费减免条件的宣传口径，并在扣收年费前提醒客户',
    plan: '统一信用卡年费宣传口径并更新营销话术；年费扣收前30天短信提醒客户减免条件及达标进度；对办卡时确有误导的客户退还年费。',
    outcome: 'PROCESS_CHANGE',
    deptActions: [
      ['CARD', '修订年费营销话术并组织培训'],
      ['IT', '年费扣收前30天短信提醒'],
    ],
    branchAction: '{branch}信用卡营销人员年费告知培训',
  },
  {
    key: 'cc_limit',
    category: 'CREDIT_CARD',
    products: ['CC_PLATINUM', 'CC_GOLD', 'CC_STANDARD'],
    title: '信用卡提额被拒、降额无通知',
    severity: 'MEDIUM',
    heat: 2,
    texts: [
      '客户用卡三年一直按时还款，申请{product}提额多次被拒，也不告诉原因。',
      '客户的{product}额度被突然降低，导致一笔{amount}元的消费被拒，事先没有任何通知。',
      '临时额度到期后自动恢复，客户没收到提醒，超额部分被收取了费用。',
    ],
    summary: '客户集中反映信用卡提额申请被拒却得不到原因说明，另有客户额度被下调前未获通知。',
    impact: '客户用卡受阻、反复来电查询，热线只能答复"综合评分不足"，客户满意度低。',
    cause: 'POLICY',
    departments: ['CARD', 'RISK'],
    why: '额度审批模型的拒绝原因未对客服和客户开放，降额也没有预通知规则。',
    fix: '向客户提供可理解的拒绝原因分类，降额前预先通知',
    plan: '在手机银行提额结果中展示拒绝原因分类和建议的再次申请时间，客服系统同步展示审批结论；降额前3天短信通知客户。',
    outcome: 'SYSTEM_CHANGE',
    deptActions: [
      ['CARD', '提额拒绝原因分类及客户告知规则'],
      ['IT', '手机银行提额结果页改造'],
      ['RISK', '降额预通知规则评估'],
    ],
    branchAction: '{branch}额度诉求客户专项回访',
  },
  {
    key: 'cc_installment_fee',
    category: 'CREDIT_CARD',
    products: ['CC_INSTALMENT'],
    title: '信用卡分期手续费告知不充分',
    severity: 'HIGH',
    heat: 2,
    texts: [
      '客户办理账单分期时被告知"零利率"，实际每期都收手续费，折算下来年化利率很高。',
      '客户反映电话营销人员推荐分期时没有说明手续费，客户要求取消分期并退还手续费。',
      '{product}提前还款还要收剩余期数的手续费，客户认为不合理。',
    ],
    summary: '客户集中反映信用卡分期营销时只强调低费率，未披露年化利率及提前还款规则。',
    impact: '客户认为被误导，要求退还手续费，存在监管投诉和声誉风险。',
    cause: 'STAFF_SERVICE',
    departments: ['CARD', 'COMPLIANCE', 'CONSUMER_PROTECTION'],
    why: '电话营销话术只强调"低月费率"，没有按要求披露年化利率，也未告知提前还款仍收剩余手续费。',
    fix: '分期营销必须披露年化利率区间和提前还款规则',
    plan: '修订分期营销话术，营销时必须披露年化利率区间及提前还款规则；营销录音开展质检抽查；对投诉客户按规定退还手续费。',
    outcome: 'TRAINING',
    deptActions: [
      ['CARD', '分期营销话术修订及外呼质检'],
      ['COMPLIANCE', '分期产品信息披露合规检查'],
    ],
    branchAction: '{branch}分期业务营销人员培训',
  },
  {
    key: 'cc_activation',
    category: 'CREDIT_CARD',
    products: ['CC_STANDARD', 'CC_YOUTH'],
    title: '新卡激活收不到短信验证码',
    severity: 'MEDIUM',
    heat: 1.5,
    texts: [
      '客户新办的{product}激活时一直收不到短信验证码，试了好几次都不行。',
      '客户收到{product}后通过微信激活失败，提示"信息不符"，客户确认信息无误。',
    ],
    summary: '客户反映新卡激活时短信验证码收不到或严重延迟，无法完成激活。',
    impact: '新客户首次用卡体验差，部分客户放弃激活。',
    cause: 'IT_SYSTEM',
    departments: ['IT', 'CARD'],
    why: '短信网关对部分运营商的验证码通道拥堵，高峰时段延迟超过5分钟。',
    fix: '增加短信通道并提供语音验证码',
    plan: '短信平台新增运营商直连通道，验证码发送失败时自动切换；激活流程增加语音验证码选项。',
    outcome: 'SYSTEM_CHANGE',
    deptActions: [
      ['IT', '短信验证码多通道自动切换'],
      ['CARD', '激活流程增加语音验证码'],
    ],
  },
  {
    key: 'cc_points',
    category: 'CREDIT_CARD',
    products: ['CC_PLATINUM', 'CC_GOLD', 'CC_AIRLINE'],
    title: '信用卡积分到期未提醒、商城兑换缺货',
    severity: 'LOW',
    heat: 1.2,
    texts: [
      '客户{product}的积分到期被清零了，事先没有收到任何提醒。',
      '积分商城里想兑换的商品一直显示缺货，客户觉得积分形同虚设。',
      '{product}的航空里程兑换要等很久才到账，客户很不满意。',
    ],
    summary: '客户反映积分到期清零前无提醒，积分商城热门商品长期缺货。',
    impact: '持卡人权益感知差，影响高端卡客户的用卡积极性。',
    cause: 'THIRD_PARTY',
    departments: ['CARD'],
    why: '积分商城由外包供应商运营，热门商品库存不足；积分到期清零前没有提醒机制。',
    fix: '积分到期前提醒，并考核商城供应商',
    plan: '积分到期前60天和7天两次提醒；对积分商城供应商增加缺货率考核。',
    outcome: 'PROCESS_CHANGE',
    deptActions: [['CARD', '积分到期提醒及商城供应商考核']],
  },
  {
    key: 'cc_collection',
    category: 'CREDIT_CARD',
    products: ['CC_STANDARD', 'CC_GOLD'],
    title: '信用卡催收方式不当',
    severity: 'HIGH',
    heat: 1.5,
    texts: [
      '客户只逾期{days}天就接到催收电话，还打给了客户单位的同事，客户非常不满。',
      '催收人员电话中用语生硬，带有威胁性，客户要求投诉。',
      '客户已经还清欠款，还在接到催收短信和电话。',
    ],
    summary: '客户反映委外催收频繁致电、联系第三人、用语不当，甚至在还清后仍被催收。',
    impact: '引发客户强烈不满和监管投诉，存在声誉风险。',
    cause: 'THIRD_PARTY',
    departments: ['CARD', 'COMPLIANCE', 'CONSUMER_PROTECTION'],
    why: '委外催收机构未执行我行催收规范，存在频繁致电和联系第三人的情况，还款信息同步也有延迟。',
    fix: '加强委外催收管理，还款后实时停止催收',
    plan: '对委外催收机构开展专项检查，催收录音全部质检；逾期7天内只做短信提醒；还款信息实时同步催收系统；违规机构暂停派案。',
    outcome: 'PROCESS_CHANGE',
    deptActions: [
      ['CARD', '委外催收机构专项检查'],
      ['COMPLIANCE', '催收行为合规评估'],
    ],
    branchAction: '{branch}催收投诉客户回访',
  },
  {
    key: 'dep_large_cd',
    category: 'DEPOSIT',
    products: ['DEP_LARGE_CD'],
    title: '大额存单额度紧张、客户买不到',
    severity: 'MEDIUM',
    heat: 1.5,
    texts: [
      '大额存单每天早上一开售额度就没了，客户连续一周都没买到。',
      '客户到{outlet}想买大额存单，网点说额度用完了，手机银行上也买不了。',
      '客户的定期到期了想转大额存单，等了半个月都没有额度。',
    ],
    summary: '客户集中反映大额存单开售即售罄，网点和线上都买不到，也无法预约。',
    impact: '存款客户流失到他行，客户对网点解释不满意。',
    cause: 'POLICY',
    departments: ['RETAIL', 'WEALTH_MGMT'],
    why: '大额存单额度按分行季度分配，线上线下共用额度，开售即售罄，网点无法预约。',
    fix: '增加预约机制并提前公告发行计划',
    plan: '大额存单改为每周固定时间发行并提前公告；手机银行上线预约购买；额度向线上渠道倾斜。',
    outcome: 'SYSTEM_CHANGE',
    deptActions: [
      ['RETAIL', '大额存单发行计划及预约规则'],
      ['IT', '手机银行大额存单预约功能'],
    ],
    branchAction: '{branch}大额存单额度分配及客户解释',
  },
  {
    key: 'dep_early_withdraw',
    category: 'DEPOSIT',
    products: ['DEP_TIME', 'DEP_LARGE_CD'],
    title: '定期存款提前支取计息解释不一致',
    severity: 'MEDIUM',
    heat: 1,
    texts: [
      '客户定期存款提前支取，全部按活期计息，损失了不少利息，网点当时没有说可以部分提前支取。',
      '客户对{product}提前支取的利息计算有疑问，网点和热线的解释不一致。',
    ],
    summary: '客户反映定期存款提前支取的计息规则网点与热线解释不一致，办理时未被告知部分提前支取选项。',
    impact: '客户利息损失，认为银行解释前后矛盾。',
    cause: 'STAFF_SERVICE',
    departments: ['RETAIL', 'OPS'],
    why: '网点与热线对部分提前支取的计息规则解释口径不一致，柜面办理时缺少必要提示。',
    fix: '统一解释口径并在柜面流程中增加提示',
    plan: '统一定期存款提前支取计息规则的解释口径并更新知识库；柜面办理前必须提示部分提前支取选项。',
    outcome: 'TRAINING',
    deptActions: [
      ['RETAIL', '提前支取解释口径及知识库更新'],
      ['OPS', '柜面提前支取业务提示流程'],
    ],
    branchAction: '{branch}柜员提前支取规则培训',
  },
  {
    key: 'dep_card_frozen',
    category: 'DEPOSIT',
    products: ['DEP_DEBIT'],
    title: '借记卡非柜面交易受限、解除困难',
    severity: 'HIGH',
    heat: 2,
    texts: [
      '客户的借记卡被限制了非柜面交易，要求本人回开户网点解除，但客户人在外地。',
      '客户收到一笔转账后账户被冻结，说是涉嫌电信诈骗风险，客户要求解释。',
      '客户给家人转账{amount}元被拦截，要求到网点核实，客户认为流程太繁琐。',
    ],
    summary: '客户反映借记卡被限制非柜面交易后只能回开户网点解除，异地客户无法正常用卡。',
    impact: '客户工资、房贷等资金往来受阻，情绪激烈，投诉量上升。',
    cause: 'POLICY',
    departments: ['OPS', 'RISK', 'COMPLIANCE'],
    why: '为落实反电信网络诈骗要求，对可疑账户限制非柜面交易，但解除只能回开户网点办理，限制时也未说明原因。',
    fix: '允许就近网点和视频方式核实解除，限制时告知原因',
    plan: '在风险可控前提下，支持任一网点或视频客服核实身份后解除限制；限制时短信告知原因和解除渠道。',
    outcome: 'PROCESS_CHANGE',
    deptActions: [
      ['OPS', '非柜面交易限制就近解除流程'],
      ['RISK', '限制规则误判率评估'],
      ['IT', '视频客服核实解除功能'],
    ],
    branchAction: '{branch}受限客户解除流程培训及回访',
  },
  {
    key: 'dep_account_open',
    category: 'DEPOSIT',
    products: ['DEP_DEMAND', 'DEP_DEBIT'],
    title: '网点开户资料要求多、客户多次往返',
    severity: 'MEDIUM',
    heat: 1,
    texts: [
      '客户到{outlet}开户，被要求提供工作证明和各种材料，前后跑了三趟。',
      '客户给孩子开户，{outlet}要求父母双方都到场，客户觉得不合理。',
      '外地客户在{outlet}开户被拒，网点说要提供本地居住证明。',
    ],
    summary: '客户反映网点开户要求的资料各不相同，层层加码，客户多次往返仍未办成。',
    impact: '新客户流失，客户认为银行刁难。',
    cause: 'BUSINESS_PROCESS',
    departments: ['OPS', 'COMPLIANCE'],
    why: '各网点对开户尽职调查的资料要求理解不一，部分网点层层加码。',
    fix: '发布统一的开户资料清单并公示',
    plan: '发布全行统一的个人开户资料清单并在网点公示，禁止额外加码；客户可在手机银行预约并预审资料。',
    outcome: 'PROCESS_CHANGE',
    deptActions: [
      ['OPS', '统一个人开户资料清单'],
      ['COMPLIANCE', '开户尽调要求合规解读'],
    ],
    branchAction: '{branch}开户流程自查整改',
  },
  {
    key: 'ln_mortgage_prepay',
    category: 'LOAN',
    products: ['LN_MORTGAGE'],
    title: '房贷提前还款预约排队时间长',
    severity: 'MEDIUM',
    heat: 1.5,
    texts: [
      '客户想提前还一部分房贷，预约要排到{days}天之后，希望能缩短。',
      '客户提前还款预约成功后，{outlet}又通知额度已满需要重新排队。',
      '提前还款后月供没有按客户选择的方式重新计算，客户要求更正。',
    ],
    summary: '客户反映房贷提前还款需在网点登记排队，等待时间长且进度不透明。',
    impact: '客户多付利息，反复到网点和热线询问。',
    cause: 'BUSINESS_PROCESS',
    departments: ['RETAIL', 'OPS'],
    why: '提前还款额度按月控制，预约只能在网点登记，客户无法查询排队进度。',
    fix: '线上预约并公开排队进度',
    plan: '手机银行上线房贷提前还款预约和进度查询，取消按月额度限制，预约后10个工作日内办理。',
    outcome: 'SYSTEM_CHANGE',
    deptActions: [
      ['RETAIL', '提前还款额度管理调整'],
      ['IT', '手机银行提前还款预约功能'],
    ],
    branchAction: '{branch}积压提前还款预约清理',
  },
  {
    key: 'ln_rate_reset',
    category: 'LOAN',
    products: ['LN_MORTGAGE'],
    title: 'LPR调整后房贷利率未及时重定价',
    severity: 'MEDIUM',
    heat: 1,
    texts: [
      'LPR下调后客户的房贷利率没有按时调整，客户要求解释并退还多收的利息。',
      '客户申请存量房贷利率调整，手机银行提示不符合条件，但不说明原因。',
    ],
    summary: '客户反映重定价日后房贷利率未按LPR调整，多扣了利息。',
    impact: '客户多付利息，涉及面广，存在集中投诉风险。',
    cause: 'IT_SYSTEM',
    departments: ['RETAIL', 'IT'],
    why: '重定价日批处理遗漏了部分转换过定价基准的合同。',
    fix: '修复批处理并补退多收利息',
    plan: '修复重定价批处理逻辑，对受影响合同补退多收利息并短信告知客户。',
    outcome: 'FIX',
    deptActions: [
      ['IT', '重定价批处理修复'],
      ['RETAIL', '受影响客户利息补退'],
    ],
  },
  {
    key: 'ln_consumer_approval',
    category: 'LOAN',
    products: ['LN_CONSUMER'],
    title: '消费贷审批慢、进度不透明',
    severity: 'MEDIUM',
    heat: 1.2,
    texts: ['客户申请{product}已经十几天了，审批一直没有结果，进度也查不到。', '客户的消费贷审批通过后放款又被取消，没有任何说明。'],
    summary: '客户反映消费贷审批时间长、进度查不到，个别放款被无故取消。',
    impact: '客户资金安排落空，转向其他机构。',
    cause: 'BUSINESS_PROCESS',
    departments: ['RETAIL', 'RISK'],
    why: '人工复核环节积压，审批进度未对客户开放。',
    fix: '设置审批时限并提供进度查询',
    plan: '消费贷审批设定5个工作日时限，超时自动升级；手机银行展示审批进度节点。',
    outcome: 'PROCESS_CHANGE',
    deptActions: [
      ['RISK', '消费贷审批时限及升级机制'],
      ['IT', '贷款审批进度查询'],
    ],
    branchAction: '{branch}积压审批件清理',
  },
  {
    key: 'ln_car',
    category: 'LOAN',
    products: ['LN_CAR'],
    title: '汽车贷款结清后解押手续繁琐',
    severity: 'LOW',
    heat: 0.8,
    texts: [
      '客户车贷已经结清一个月了，解押材料还没拿到。',
      '客户办理车辆解押要跑网点和车管所好几趟，希望简化。',
      '客户反映汽车经销商收取的金融服务费银行也说不清楚。',
    ],
    summary: '客户反映车贷结清后解押材料迟迟拿不到，手续繁琐。',
    impact: '客户无法过户或出售车辆。',
    cause: 'BUSINESS_PROCESS',
    departments: ['RETAIL', 'OPS'],
    why: '结清后需客户自行到网点申请解押材料，网点之间交接慢。',
    fix: '结清后主动寄送解押材料',
    plan: '车贷结清后主动寄送解押材料，并提供线上预约解押。',
    outcome: 'PROCESS_CHANGE',
    deptActions: [['RETAIL', '车贷结清解押材料主动寄送']],
    branchAction: '{branch}车贷解押办理指引',
  },
  {
    key: 'wm_redemption',
    category: 'WEALTH',
    products: ['WM_CASH', 'WM_FIXED'],
    title: '理财产品赎回资金到账延迟',
    severity: 'HIGH',
    heat: 3,
    texts: [
      '客户赎回{product}后{days}个工作日还没到账，产品说明书写的是T+1到账。',
      '客户急需用钱，赎回的理财资金迟迟不到账，打热线只说在处理中。',
      '{product}赎回申请提交后一直显示"处理中"，已经三天了，客户担心资金安全。',
      '客户赎回理财准备交房款，到账比约定晚了两天，耽误了付款。',
    ],
    summary: '客户集中反映理财赎回资金未按约定T+1到账，延迟一到三个工作日，且无任何通知。',
    impact: '客户资金安排受影响，担心资金安全，部分客户赎回全部理财。',
    cause: 'IT_SYSTEM',
    departments: ['WEALTH_MGMT', 'IT', 'OPS'],
    why: '理财子公司清算文件到达时间推迟，我行资金划转批处理仍按原时间执行，T+1到账变成T+2甚至T+3。',
    fix: '调整清算批次，延迟时主动通知客户',
    plan: '调整理财赎回资金划转批次，增加下午补充批次；清算延迟时自动短信告知客户预计到账时间；客服知识库增加到账时间查询口径。',
    outcome: 'SYSTEM_CHANGE',
    deptActions: [
      ['IT', '理财赎回资金划转批次调整'],
      ['WEALTH_MGMT', '与理财子公司协调清算时效'],
      ['OPS', '到账延迟客户告知流程'],
    ],
    branchAction: '{branch}赎回延迟客户回访',
  },
  {
    key: 'wm_risk_disclosure',
    category: 'WEALTH',
    products: ['WM_FUND', 'WM_FIXED', 'WM_INSURANCE'],
    title: '理财销售风险揭示不充分',
    severity: 'CRITICAL',
    heat: 1.5,
    texts: [
      '客户购买的{product}出现亏损，客户表示购买时理财经理说是保本的。',
      '客户年过七十，{outlet}的理财经理推荐购买高风险产品，家属认为没有充分揭示风险。',
      '客户在{outlet}存定期，被引导买了{product}，事后才知道不是存款。',
    ],
    summary: '客户反映理财经理销售时承诺保本、将理财说成存款，向老年客户推荐不匹配的高风险产品。',
    impact: '客户本金亏损，存在集中投诉、诉讼和监管处罚风险。',
    cause: 'STAFF_SERVICE',
    departments: ['WEALTH_MGMT', 'COMPLIANCE', 'CONSUMER_PROTECTION'],
    why: '个别理财经理为完成销售指标，向风险承受能力不匹配的客户推荐产品，并口头承诺保本。',
    fix: '落实双录和适当性管理，追责涉事人员',
    plan: '理财销售严格执行双录和适当性匹配，65岁以上客户购买中高风险产品须二次确认；对涉事理财经理追责并开展全员合规培训。',
    outcome: 'TRAINING',
    deptActions: [
      ['COMPLIANCE', '理财销售双录抽查'],
      ['WEALTH_MGMT', '适当性管理系统校验加强'],
    ],
    branchAction: '{branch}理财经理合规销售培训',
  },
  {
    key: 'wm_fund_fee',
    category: 'WEALTH',
    products: ['WM_FUND'],
    title: '基金赎回费说明不清',
    severity: 'LOW',
    heat: 1,
    texts: [
      '客户赎回基金时被收取了较高的赎回费，购买时没人提醒持有不满七天会收费。',
      '客户在手机银行买的{product}，赎回费率页面上根本找不到。',
    ],
    summary: '客户反映基金赎回费率展示不清，持有不足七天赎回被收取高额赎回费。',
    impact: '客户认为信息披露不足，要求退费。',
    cause: 'PRODUCT_DESIGN',
    departments: ['WEALTH_MGMT', 'IT'],
    why: '申购和赎回页面未醒目展示赎回费率及持有天数。',
    fix: '醒目展示费率并在赎回前提示',
    plan: '申购确认页和赎回页醒目展示赎回费率及持有天数；持有不足7天赎回时弹窗提示。',
    outcome: 'SYSTEM_CHANGE',
    deptActions: [
      ['WEALTH_MGMT', '基金费率展示规范'],
      ['IT', '赎回费率弹窗提示'],
    ],
  },
  {
    key: 'eb_transfer_busy',
    category: 'E_BANKING',
    products: ['EB_MOBILE'],
    title: '手机银行转账提示系统繁忙',
    severity: 'CRITICAL',
    heat: 4,
    texts: [
      '手机银行转账时一直提示"系统繁忙，请稍后再试"，试了{count}次都失败，耽误了客户付款。',
      '客户在手机银行给他行账户转账{amount}元，显示失败但钱已经被扣了。',
      '每天晚上八点左右手机银行转账经常失败，提示交易处理中，客户不知道钱到底转没转出去。',
      '月底发工资那几天手机银行登录很慢，转账总是提示系统繁忙。',
    ],
    suggestions: ['建议手机银行转账失败时能明确提示原因，而不是只说系统繁忙。'],
    summary: '客户集中反映晚间和月末高峰时段手机银行跨行转账提示"系统繁忙"，个别交易显示失败但已扣款。',
    impact: '客户付款延误、资金状态不明，对手机银行的信任下降，投诉量快速上升。',
    cause: 'IT_SYSTEM',
    departments: ['IT', 'OPS'],
    why: '跨行转账通道在晚间和月末高峰时段连接池耗尽，交易排队超时后返回"系统繁忙"；个别超时交易已扣款但未及时冲正。',
    fix: '扩容并完善超时冲正和失败提示',
    plan: '跨行转账网关扩容并调整连接池参数；超时交易15分钟内自动冲正并短信告知；转账失败提示改为明确原因和建议操作。',
    outcome: 'SYSTEM_CHANGE',
    deptActions: [
      ['IT', '跨行转账网关扩容及超时冲正'],
      ['OPS', '转账差错账处理时效'],
    ],
    branchAction: '{branch}转账失败客户回访',
  },
  {
    key: 'eb_login_face',
    category: 'E_BANKING',
    products: ['EB_MOBILE'],
    title: '手机银行人脸识别登录失败',
    severity: 'MEDIUM',
    heat: 1.5,
    texts: [
      '客户父亲年纪大了，手机银行人脸识别总是失败，没法登录。',
      '客户换了新的{phone}手机后，手机银行人脸认证一直不通过，只能去网点。',
    ],
    summary: '客户反映手机银行人脸识别通过率低，老年客户和新换机客户无法登录。',
    impact: '客户被迫到网点办理，加重网点压力。',
    cause: 'IT_SYSTEM',
    departments: ['IT', 'RETAIL'],
    why: '活体检测阈值偏严，老年客户和部分机型识别通过率低，且没有替代验证方式。',
    fix: '优化活体检测并提供替代验证方式',
    plan: '优化活体检测算法阈值，连续失败两次后提供短信加交易密码的替代验证；推出手机银行长辈版。',
    outcome: 'SYSTEM_CHANGE',
    deptActions: [
      ['IT', '人脸识别阈值优化及替代验证'],
      ['RETAIL', '手机银行长辈版推广'],
    ],
  },
  {
    key: 'eb_upgrade',
    category: 'E_BANKING',
    products: ['EB_MOBILE'],
    title: '手机银行新版本常用功能难找',
    severity: 'LOW',
    heat: 2,
    texts: ['手机银行升级到新版本后找不到{feature}了，客户觉得菜单太复杂。', '新版手机银行首页广告太多，常用的{feature}被挤到了二级菜单。'],
    suggestions: ['建议手机银行首页的功能可以自己设置，把常用的放在最前面。'],
    summary: '客户反映手机银行新版本首页营销内容多，常用功能入口变深，老客户找不到。',
    impact: '客户操作时间变长，热线咨询量上升。',
    cause: 'PRODUCT_DESIGN',
    departments: ['IT', 'RETAIL'],
    why: '新版本首页以营销位为主，常用功能入口下沉到二级菜单，上线前未做客户可用性测试。',
    fix: '恢复常用功能入口并支持自定义',
    plan: '首页恢复常用功能快捷入口并支持自定义，减少营销广告位；新版本上线前邀请客户参与可用性测试。',
    outcome: 'SYSTEM_CHANGE',
    deptActions: [['IT', '首页常用功能入口调整']],
  },
  {
    key: 'eb_sms_code',
    category: 'E_BANKING',
    products: ['EB_MOBILE', 'EB_WEB'],
    title: '短信验证码延迟到达',
    severity: 'HIGH',
    heat: 2,
    texts: ['手机银行登录和转账时短信验证码要等好几分钟才收到，经常超时。', '客户在网上银行支付时验证码收不到，重新获取又提示操作频繁。'],
    summary: '客户反映高峰时段短信验证码延迟数分钟，交易因验证码超时失败。',
    impact: '客户无法完成支付和转账，影响面广。',
    cause: 'THIRD_PARTY',
    departments: ['IT'],
    why: '短信服务商通道在高峰期限流，我行没有备用通道。',
    fix: '引入第二家短信服务商主备切换',
    plan: '引入第二家短信服务商做主备切换，验证码到达率纳入服务商考核。',
    outcome: 'FIX',
    deptActions: [['IT', '短信服务商主备切换']],
  },
  {
    key: 'eb_quickpay_limit',
    category: 'E_BANKING',
    products: ['EB_QUICKPAY'],
    title: '快捷支付限额低且只能到网点调整',
    severity: 'LOW',
    heat: 1.2,
    texts: [
      '客户在第三方平台用借记卡快捷支付，单笔限额只有{limit}元，无法完成付款。',
      '快捷支付限额调整只能到网点办理，客户认为在手机银行上就应该能改。',
    ],
    summary: '客户反映快捷支付限额偏低，调整只能到网点办理。',
    impact: '客户支付受阻，改用他行卡支付。',
    cause: 'POLICY',
    departments: ['RISK', 'IT'],
    why: '快捷支付限额按统一标准设置，未提供线上自助调整。',
    fix: '提供线上分级自助调整',
    plan: '手机银行支持在限额上限内自助调整快捷支付限额，调整需验证交易密码和短信验证码。',
    outcome: 'SYSTEM_CHANGE',
    deptActions: [
      ['RISK', '快捷支付限额分级规则'],
      ['IT', '手机银行限额自助调整'],
    ],
  },
  {
    key: 'eb_wechat_bind',
    category: 'E_BANKING',
    products: ['EB_WECHAT'],
    title: '微信银行绑卡失败提示信息不符',
    severity: 'MEDIUM',
    heat: 1,
    texts: [
      '客户绑定微信支付时提示银行预留手机号不一致，但客户确认号码没变过。',
      '微信银行绑卡一直提示"信息不符"，客户在网点核对过信息都是对的。',
    ],
    summary: '客户反映微信银行和微信支付绑卡时提示预留信息不符，实际信息无误。',
    impact: '客户无法使用微信渠道，转向他行。',
    cause: 'IT_SYSTEM',
    departments: ['IT'],
    why: '微信银行绑卡校验读取的是旧的预留手机号缓存，未与核心系统实时同步。',
    fix: '修复手机号校验逻辑',
    plan: '修复微信银行绑卡时的手机号校验逻辑，与核心系统预留手机号实时同步。',
    outcome: 'FIX',
    deptActions: [['IT', '绑卡手机号校验逻辑修复']],
  },
  {
    key: 'eb_third_party',
    category: 'E_BANKING',
    products: ['EB_QUICKPAY'],
    title: '第三方平台重复扣款',
    severity: 'LOW',
    heat: 0.8,
    texts: ['客户在某购物平台付款一次被扣了两次，要求银行退款。', '客户的快捷支付被某视频平台自动续费扣款，客户说没有开通过。'],
    summary: '客户反映第三方支付平台重复扣款、自动续费扣款。',
    impact: '客户资金损失，要求银行处理。',
    cause: 'THIRD_PARTY',
    departments: ['IT'],
    why: '扣款由第三方平台发起，我行系统按授权正常处理。',
    fix: '引导客户联系平台处理',
    plan: '完善客服解释口径，协助客户向平台申请退款。',
    outcome: 'PROCESS_CHANGE',
    deptActions: [['OPS', '第三方扣款争议处理口径']],
  },
  {
    key: 'sv_hotline_wait',
    category: 'SERVICE',
    products: ['SV_HOTLINE'],
    title: '客服热线人工接通难、等待时间长',
    severity: 'HIGH',
    heat: 3.5,
    texts: [
      '客户拨打客服热线等了{wait}分钟都没有接通人工，最后只能挂断。',
      '热线转人工一直提示坐席忙，客户连续打了三天都没打通。',
      '客户周一上午打热线排队很久，接通后又被告知要转专线继续等待。',
      '语音导航层级太多，客户按了好几层才找到人工入口，结果还在排队。',
    ],
    suggestions: ['建议客服热线增加预约回电功能，不用一直在电话里排队等待。'],
    summary: '客户集中反映周一上午、月初等高峰时段热线人工难以接通，等待时间长，导航层级多。',
    impact: '客户反复来电、放弃率上升，服务水平（25秒接通率）下降，部分客户转向投诉。',
    cause: 'BUSINESS_PROCESS',
    departments: ['OPS', 'IT'],
    why: '高峰时段排班不足，语音导航层级过多导致重复排队，疑难问题占用一线坐席时间过长。',
    fix: '按话务预测排班，增设专家坐席和预约回电',
    plan: '按话务预测优化高峰排班，增设专家坐席处理疑难问题；语音导航精简为三层；排队超过3分钟提供预约回电。',
    outcome: 'PROCESS_CHANGE',
    deptActions: [
      ['OPS', '高峰时段排班优化及专家坐席'],
      ['IT', '热线预约回电功能'],
    ],
  },
  {
    key: 'sv_counter_queue',
    category: 'SERVICE',
    products: ['SV_COUNTER'],
    title: '网点排队时间长、窗口开放不足',
    severity: 'MEDIUM',
    heat: 2,
    texts: [
      '客户在{outlet}排队等了{waitHour}，只开了两个窗口。',
      '{outlet}中午只开一个柜台，排队的人很多，客户等得很着急。',
      '客户在{outlet}取号后等了很久，叫号机还跳号。',
    ],
    summary: '客户反映网点高峰时段窗口开放不足，排队时间超过一小时。',
    impact: '客户流失到他行，网点现场投诉增多。',
    cause: 'BUSINESS_PROCESS',
    departments: ['OPS', 'RETAIL'],
    why: '中午和月初高峰时段窗口开放不足，弹性排班未落实，简单业务未分流到智能柜台。',
    fix: '落实弹性排班并分流简单业务',
    plan: '网点落实弹性排班，高峰时段开足窗口；推广智能柜台分流简单业务；排队超过30分钟由大堂经理主动致歉并引导。',
    outcome: 'PROCESS_CHANGE',
    deptActions: [['OPS', '网点弹性排班规范']],
    branchAction: '{branch}网点高峰时段弹性排班',
  },
  {
    key: 'sv_atm',
    category: 'SERVICE',
    products: ['SV_SELF'],
    title: '自助设备吞卡吞钞处理慢',
    severity: 'MEDIUM',
    heat: 1.2,
    texts: [
      '客户在{outlet}的ATM取款时被吞卡，等了两天才能领回。',
      '{outlet}的自助存款机故障，钱被吞了但账户没有入账。',
      '{outlet}的ATM经常暂停服务，客户周末取不到钱。',
    ],
    summary: '客户反映自助设备吞卡吞钞后处理慢，资金迟迟不入账。',
    impact: '客户资金被占用，担心资金安全。',
    cause: 'BUSINESS_PROCESS',
    departments: ['OPS'],
    why: '吞卡吞钞差错处理依赖每周清机，设备老旧故障率高。',
    fix: '缩短差错处理时效并更换老旧设备',
    plan: '吞卡吞钞后2小时内由网点联系客户，次日完成清机入账；老旧设备分批更换。',
    outcome: 'PROCESS_CHANGE',
    deptActions: [['OPS', '自助设备差错处理时效规范']],
    branchAction: '{branch}自助设备差错处理整改',
  },
  {
    key: 'sv_staff_attitude',
    category: 'SERVICE',
    products: ['SV_COUNTER'],
    title: '网点员工服务态度差',
    severity: 'MEDIUM',
    heat: 1.2,
    texts: [
      '客户在{outlet}咨询业务时柜员态度冷淡，问了两遍就不耐烦。',
      '{outlet}的大堂经理在客户排队时推销理财产品，客户拒绝后态度变差。',
      '客户在{outlet}办理业务被要求先买保险，客户很不满意。',
    ],
    summary: '客户反映个别网点员工态度冷淡、强行营销甚至搭售。',
    impact: '客户体验差，搭售行为存在合规风险。',
    cause: 'STAFF_SERVICE',
    departments: ['RETAIL', 'CONSUMER_PROTECTION'],
    why: '网点营销考核压力下，个别员工服务意识淡薄，存在强行营销和搭售。',
    fix: '开展服务礼仪培训和暗访检查',
    plan: '对涉事网点开展服务礼仪培训，暗访检查纳入网点考核；禁止在客户排队期间强行营销和搭售。',
    outcome: 'TRAINING',
    deptActions: [['CONSUMER_PROTECTION', '网点服务暗访检查']],
    branchAction: '{branch}网点服务礼仪培训',
  },
  {
    key: 'sv_repeat_transfer',
    category: 'SERVICE',
    products: ['SV_HOTLINE'],
    title: '热线多次转接、问题无人负责',
    severity: 'HIGH',
    heat: 1.5,
    texts: [
      '客户一个问题打了三次电话，每次都被转到不同部门，最后还是没人解决。',
      '热线把客户的问题转给网点，网点又让客户打热线，来回推诿。',
      '客户的工单提交一周了没人联系，再打热线又要重新说一遍。',
    ],
    summary: '客户反映热线与网点、业务部门之间相互转接推诿，同一问题多次来电仍未解决。',
    impact: '重复来电率上升，客户对银行整体服务失去信任。',
    cause: 'BUSINESS_PROCESS',
    departments: ['OPS'],
    why: '热线与网点、业务部门之间缺少首问负责机制，工单流转没有时限。',
    fix: '落实首问负责制并设定工单时限',
    plan: '落实首问负责制：一线坐席能解决的不转接，需转派的由一线跟踪到办结；工单流转设定24小时时限。',
    outcome: 'PROCESS_CHANGE',
    deptActions: [['OPS', '首问负责制及工单时限']],
    branchAction: '{branch}工单办理时效整改',
  },
  {
    key: 'sv_callback',
    category: 'SERVICE',
    products: ['SV_HOTLINE'],
    title: '承诺回电未回电',
    severity: 'MEDIUM',
    heat: 1,
    texts: ['客服说两个小时内回电，客户等了一天都没有人联系。', '客户预约了回电，结果回电时客户不方便接，之后就再没人联系。'],
    summary: '客户反映热线承诺的回电没有兑现。',
    impact: '客户再次来电并升级为投诉。',
    cause: 'STAFF_SERVICE',
    departments: ['OPS'],
    why: '预约回电没有纳入工单管理，坐席交接班时遗漏。',
    fix: '回电纳入工单管理',
    plan: '预约回电纳入工单管理，超时未回电自动提醒班组长；每日通报回电及时率。',
    outcome: 'PROCESS_CHANGE',
    deptActions: [['OPS', '回电工单化管理']],
  },
  {
    key: 'sv_elderly',
    category: 'SERVICE',
    products: ['SV_COUNTER'],
    title: '老年客户业务办理不便',
    severity: 'MEDIUM',
    heat: 1,
    texts: [
      '老年客户在{outlet}取养老金，被引导去用自助设备，老人不会操作。',
      '客户的母亲行动不便，{outlet}要求本人到场才能办理，希望提供上门服务。',
    ],
    summary: '客户反映网点对老年客户的服务不够周到，缺少人工窗口和上门服务。',
    impact: '老年客户办事困难，家属不满。',
    cause: 'BUSINESS_PROCESS',
    departments: ['RETAIL', 'OPS', 'CONSUMER_PROTECTION'],
    why: '网点推行自助分流时未保留足够的人工服务，适老化服务规范未落实。',
    fix: '设置爱心窗口并提供上门服务',
    plan: '网点设置老年客户爱心窗口和绿色通道；保留现金和存折服务；行动不便客户提供上门服务。',
    outcome: 'PROCESS_CHANGE',
    deptActions: [['RETAIL', '适老化服务规范']],
    branchAction: '{branch}网点适老化服务整改',
  },
];

/** Everyday problems that do not (yet) make a theme. */
const GENERIC_PROBLEMS: Record<CategoryCode, readonly string[]> = {
  CREDIT_CARD: [
    '{product}账单里有一笔{amount}元的交易客户不认识，需要调单核实。',
    '客户的{product}境外消费后被收取了货币转换费，客户认为办卡时没有告知。',
    '客户申请{product}两周了还没有审批结果，每次查询都说在审核中。',
    '信用卡自动还款没有扣款成功，客户的借记卡余额是充足的，不清楚原因。',
    '客户想注销{product}，被告知必须到网点办理，觉得很不方便。',
    '客户的{product}在网上消费被风控拦截，解除需要等很久。',
  ],
  DEPOSIT: [
    '客户在{outlet}办理的定期存款到期自动转存，利率比客户预期低，客户认为没有提前告知。',
    '借记卡在外地ATM取款被收取手续费，客户认为应该免费。',
    '客户的工资卡突然不能在网上消费，提示交易受限。',
    '客户的{product}到期后资金没有按约定转入活期账户。',
    '客户查询存款证明需要到开户网点打印，希望能就近办理。',
  ],
  LOAN: [
    '客户每月房贷扣款日和工资发放日冲突，想调整扣款日被告知不能调整。',
    '客户结清贷款后一直没有拿到结清证明。',
    '客户反映贷款经理电话推销过于频繁。',
    '客户的{product}月供扣款失败，没有收到提醒就产生了逾期。',
  ],
  WEALTH: [
    '客户购买的{product}到期收益低于宣传的业绩比较基准，认为销售时夸大了收益。',
    '手机银行理财产品页面的风险等级和客户在网点看到的不一致。',
    '客户风险评估过期后无法购买理财，重新评估的流程太长。',
    '客户持有的{product}净值连续下跌，理财经理一直没有联系客户。',
  ],
  E_BANKING: [
    '手机银行查询交易明细只能查一年，客户需要更早的明细。',
    '网上银行U盾在新电脑上无法识别，下载驱动后也不行。',
    '手机银行在客户的{phone}手机上经常闪退。',
    '手机银行缴费成功但对方显示未到账。',
  ],
  SERVICE: [
    '{outlet}的叫号机故障，客户排了很久才发现号码被跳过。',
    '客户反映{outlet}周边没有停车位，办业务很不方便。',
    '客服热线的语音导航找不到人工服务入口。',
    '客户在{outlet}打印流水要排很长的队。',
  ],
};

const GENERIC_SUGGESTIONS: Record<CategoryCode, readonly string[]> = {
  CREDIT_CARD: [
    '建议{product}的积分可以兑换话费或者抵扣年费。',
    '希望信用卡账单能按消费类别做统计图，方便管理开支。',
    '建议提高信用卡临时额度的有效期。',
    '建议信用卡还款日前能多发几次短信提醒，收一点费用也可以接受。',
  ],
  DEPOSIT: ['建议大额存单增加线上预约功能，不要每次都靠抢。', '希望定期存款到期前能有短信提醒。', '建议网点给老年客户设置专门窗口。'],
  LOAN: ['建议房贷提前还款可以在手机银行上直接预约。', '希望贷款审批进度可以在手机银行实时查看。'],
  WEALTH: ['建议理财产品的持仓收益能每天更新。', '希望理财经理能定期主动联系客户做资产检视。', '建议手机银行提供理财到期提醒。'],
  E_BANKING: [
    '建议手机银行推出大字版或长辈模式。',
    '建议手机银行转账失败时能明确提示原因。',
    '希望网上银行支持更多浏览器。',
    '建议手机银行首页的功能可以自己设置。',
  ],
  SERVICE: [
    '建议客服热线增加预约回电功能，不用一直排队等待。',
    '建议网点延长周末营业时间。',
    '希望{outlet}增加一台自助填单机。',
    '建议在线客服晚上也能有人工服务。',
  ],
};

const PRAISE: readonly string[] = [
  '感谢{outlet}的{staff}，耐心帮客户办理了{biz}，服务非常周到。',
  '{outlet}的大堂经理{staff}主动帮老年客户操作手机银行，值得表扬。',
  '客户表扬{outlet}员工{staff}，下班时间仍帮他办完了{biz}。',
  '客户来信感谢{outlet}的{staff}，及时识破电信诈骗，帮客户保住了{amount}元。',
  '客户表扬热线客服{agentName}（工号{workNo}）很快处理了{biz}的问题，态度很好。',
  '视频客服{agentName}讲解清楚，一次就帮客户办好了{biz}。',
  '客户表示手机银行新版的{feature}很好用，操作比以前方便多了。',
];

const BUSINESS: Record<CategoryCode, readonly string[]> = {
  CREDIT_CARD: ['信用卡挂失补卡', '账单分期', '信用卡激活', '盗刷争议处理'],
  DEPOSIT: ['大额存单购买', '借记卡挂失补办', '开立账户', '存款证明'],
  LOAN: ['房贷提前还款', '贷款结清证明', '还款账户变更'],
  WEALTH: ['理财产品赎回', '风险评估', '基金定投设置'],
  E_BANKING: ['手机银行开通', 'U盾更新', '转账限额调整'],
  SERVICE: ['社保卡激活', '零钱兑换', '对账单打印'],
};

const CATEGORY_WORD: Record<CategoryCode, string> = {
  CREDIT_CARD: '信用卡',
  DEPOSIT: '存款',
  LOAN: '贷款',
  WEALTH: '理财产品',
  E_BANKING: '手机银行',
  SERVICE: '服务',
};

const STAFF = [
  '王晓燕',
  '李婷',
  '张伟',
  '刘洋洋',
  '陈静',
  '杨帆',
  '赵敏',
  '黄磊',
  '周丽',
  '吴霞',
  '徐婧',
  '孙浩',
  '胡雪',
  '朱琳',
  '林娜',
  '何静',
  '郭涛',
  '罗敏',
] as const;

const OPENERS: Record<Channel, readonly string[]> = {
  VOICE: ['客户来电反映：', '客户致电表示，', '来电客户称', ''],
  ONLINE: ['客户在线咨询时反映：', '在线客户留言：', ''],
  WECHAT: ['客户通过微信银行留言：', '微信客户反映：', ''],
  VIDEO: ['视频客服受理：', '客户视频连线时表示，', ''],
  BRANCH: ['网点转来客户意见：', '客户在网点意见簿留言：', ''],
  SELF_SERVICE: ['客户在手机银行意见反馈中提交：', '自助渠道客户反馈：', ''],
};
const PROBLEM_CLOSERS = ['希望银行尽快解决。', '客户要求给予答复。', '已安抚客户并记录。', '客户情绪较为激动，要求回电。', '', ''];
const COMPLAINT_CLOSERS = ['客户要求按投诉处理。', '客户表示如不处理将向监管部门投诉。', '客户要求正式投诉并尽快回复。'];

// ---------------------------------------------------------------------------------------------
// Personal data (about 5% of texts): valid numbers, so that masking has something to do
// ---------------------------------------------------------------------------------------------

const CARD_BINS = ['622202', '622848', '621700', '622588', '436742', '625965', '621483', '622609'] as const;
const AREA_CODES = [
  '110101',
  '110108',
  '310115',
  '310104',
  '440106',
  '440305',
  '330106',
  '320106',
  '510107',
  '420102',
  '610113',
  '120101',
  '500103',
  '320505',
] as const;
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

export function residentIdCheck(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] ?? '0';
}

function mobile(rng: Rng): string {
  return `1${rng.pick(['3', '5', '7', '8', '9', '3', '8'])}${digits(rng, 9)}`;
}

function bankCard(rng: Rng): string {
  const length = rng.chance(0.6) ? 16 : 19;
  const body = rng.pick(CARD_BINS) + digits(rng, length - 7);
  return body + luhnCheckDigit(body);
}

function residentId(rng: Rng): string {
  const year = rng.int(1950, 2004);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const body = `${rng.pick(AREA_CODES)}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${digits(rng, 3)}`;
  return body + residentIdCheck(body);
}

function personalDataSentence(rng: Rng): string {
  const kind = rng.weighted([
    ['mobile', 5],
    ['card', 3],
    ['id', 2],
  ] as const);
  if (kind === 'mobile') {
    const m = mobile(rng);
    const shown = rng.chance(0.2) ? `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}` : m;
    return rng.pick([`客户联系电话${shown}，请回电。`, `客户留下的手机号是${shown}。`, `回访号码：${shown}。`]);
  }
  if (kind === 'card') {
    const c = bankCard(rng);
    const shown = rng.chance(0.5) ? c.replace(/(\d{4})(?=\d)/g, '$1 ') : c;
    return rng.pick([`涉及卡号${shown}。`, `客户卡号为${shown}，请核实。`, `客户提供的卡号：${shown}。`]);
  }
  const id = residentId(rng);
  return rng.pick([`客户身份证号${id}。`, `客户证件号码：${id}，已核实身份。`]);
}

// ---------------------------------------------------------------------------------------------
// The problems to play through the loop
// ---------------------------------------------------------------------------------------------

type Hint = 'OVERDUE_PENDING' | 'RETURNED' | 'EXTENSIONS' | 'FRESH';
interface PlanRow {
  theme: string;
  status: ProblemStatusCode;
  region?: string;
  reopen?: boolean;
  /** For MERGED: the index of the row it is merged into. */
  into?: number;
  hint?: Hint;
  dismissReason?: string;
}

const PLAN: readonly PlanRow[] = [
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

const PROGRESS_NOTES = [
  '已成立整改小组，完成问题原因排查。',
  '已完成辖内网点自查，正在逐项整改。',
  '整改方案已报分管行领导审批。',
  '已组织相关岗位人员专题培训。',
  '系统优化需求已提交，正在排期开发。',
  '已对相关客户逐一回访致歉。',
  '完成第一阶段整改，正在跟踪客户反馈。',
];
const EVIDENCE = [
  '整改已完成，附整改报告、培训签到表及客户回访记录。',
  '系统优化已上线，附投产报告和上线后一周的监测数据。',
  '流程制度已修订发文，附新制度文本及宣导记录。',
  '已完成全部客户回访，附回访清单及客户意见。',
];
const RETURN_REASONS = [
  '佐证材料不完整，请补充客户回访记录。',
  '整改报告未说明根本原因，请补充。',
  '上线后同类客户之声仍未下降，请继续跟进。',
  '培训覆盖面不足，请补充未参训网点的安排。',
];
const EXTENSION_REASONS = [
  '系统改造涉及总行投产窗口，需顺延至下一投产批次。',
  '辖内网点较多，回访工作量大，申请延期两周。',
  '需协调第三方厂商排期，申请延期。',
  '业务高峰期人员紧张，申请适当延期。',
];
const RESOLVE_NOTES = ['验证期内同类客户之声明显下降，问题已从源头解决。', '连续两周未再收到同类客户之声，确认整改有效。'];
const REOPEN_NOTE = '验证期内同类客户之声再次上升，重新进入整改。';

// ---------------------------------------------------------------------------------------------
// Rows as they are written
// ---------------------------------------------------------------------------------------------

interface EventRow {
  type: HubEventTypeCode;
  at: number;
  actorId: string | null;
  problemId: string | null;
  actionId: string | null;
  branchId: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null | (() => string);
}

interface SimProblem {
  row: PlanRow;
  theme: Theme;
  region: OrgNode | null;
  id: string;
  code: string;
  title: string;
  status: ProblemStatusCode;
  severity: Severity;
  version: number;
  createdAt: number;
  updatedAt: number;
  createdBy: string;
  mergedIntoId: string | null;
  dismissReason: string | null;
  diagnosedAt: number | null;
  consultationAt: number | null;
  remediatingAt: number | null;
  verifyingAt: number | null;
  resolvedAt: number | null;
  history: [number, ProblemStatusCode][];
  actions: SimAction[];
  /** Feedback this problem gathers: received in [from, to), counted. */
  batches: { from: number; to: number; count: number }[];
  /** Where its feedback ends up (the merge target for a merged problem). */
  owner: SimProblem;
}

interface SimAction {
  id: string;
  problem: SimProblem;
  branch: OrgNode | null;
  departmentId: string | null;
  ownerId: string;
  title: string;
  description: string;
  dueAt: number;
  status: ActionStatusCode;
  version: number;
  position: number;
  createdAt: number;
  updatedAt: number;
  createdBy: string;
  confirmedAt: number | null;
  returnedCount: number;
}

interface ActionPlan {
  branch: OrgNode | null;
  dept: Named | null;
  title: string;
  description: string;
  final: ActionStatusCode;
  returns: number;
  extension: ExtensionDecision | null;
  wantOverdue: boolean;
  /** Step offsets (ms after the action is created). */
  steps: { op: ActionOperation | 'decideExtension'; dt: number }[];
}

interface Demo {
  now: number;
  rngs: { org: Rng; problems: Rng; feedback: Rng; contacts: Rng };
  calendar: Calendar;
  nodes: OrgNode[];
  byCode: Map<string, OrgNode>;
  departments: Named[];
  deptByCode: Map<string, Named>;
  categories: Named[];
  catByCode: Map<string, Named>;
  products: (Named & { categoryId: string; category: CategoryCode })[];
  productByCode: Map<string, Named & { categoryId: string; category: CategoryCode }>;
  users: DemoUser[];
  userByName: Map<string, DemoUser>;
  problems: SimProblem[];
  events: EventRow[];
  diagnoses: unknown[][];
  diagnosisDepartments: unknown[][];
  consultations: Map<string, (string | number | null)[]>;
  consultationExperts: unknown[][];
  opinions: unknown[][];
  actionUpdates: { actionId: string; authorId: string; note: string; status: string; at: number }[];
  extensions: {
    actionId: string;
    requestedDueAt: number;
    previousDueAt: number;
    reason: string;
    decision: ExtensionDecision;
    requestedBy: string;
    requestedAt: number;
    decidedBy: string | null;
    decidedAt: number | null;
  }[];
  customerPool: string[];
}

// ---------------------------------------------------------------------------------------------
// Building the organisation and people
// ---------------------------------------------------------------------------------------------

function buildOrg(d: Demo): void {
  const rng = d.rngs.org;
  const created = d.calendar.start - 400 * DAY;
  const add = (code: string, name: string, level: Level, parent: OrgNode | null, weight: number): OrgNode => {
    const id = rng.id('Branch', created + d.nodes.length * MINUTE);
    const node: OrgNode = {
      id,
      code,
      name,
      level,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      branch: null,
      weight,
      children: [],
      managerId: null,
    };
    node.branch = level === 'HEAD_OFFICE' ? null : level === 'BRANCH' ? node : (parent?.branch ?? null);
    parent?.children.push(node);
    d.nodes.push(node);
    d.byCode.set(code, node);
    return node;
  };
  const ho = add('HO', '总行', 'HEAD_OFFICE', null, 2);
  for (const [code, name, size, subs] of CITIES) {
    const branch = add(code, name, 'BRANCH', ho, 4 * size);
    for (const [suffix, subName] of subs) {
      const sub = add(`${code}-${suffix}`, subName, 'SUB_BRANCH', branch, 2 * size);
      const outlets = rng.sample(OUTLET_SUFFIXES, rng.int(1, 3));
      outlets.forEach((outletSuffix, i) =>
        add(`${code}-${suffix}-${String(i + 1).padStart(2, '0')}`, `${subName}${outletSuffix}`, 'OUTLET', sub, 1.6 * size),
      );
    }
  }
  DEPARTMENTS.forEach(([code, name], i) => {
    const dept = { id: rng.id('Department', created + i * MINUTE), code, name };
    d.departments.push(dept);
    d.deptByCode.set(code, dept);
  });
  CATEGORIES.forEach(([code, name], i) => {
    const cat = { id: rng.id('Category', created + i * MINUTE), code, name };
    d.categories.push(cat);
    d.catByCode.set(code, cat);
  });
  PRODUCTS.forEach(([category, code, name], i) => {
    const product = {
      id: rng.id('Product', created + i * MINUTE),
      code,
      name,
      category,
      categoryId: must(d.catByCode.get(category), category).id,
    };
    d.products.push(product);
    d.productByCode.set(code, product);
  });
  USERS.forEach(([username, displayName, role, branchCode, deptCode], i) => {
    const createdAt = created + DAY + i * HOUR;
    const user: DemoUser = {
      id: rng.id('User', createdAt),
      username,
      displayName,
      role,
      branchId: branchCode ? must(d.byCode.get(branchCode), branchCode).id : null,
      departmentId: deptCode ? must(d.deptByCode.get(deptCode), deptCode).id : null,
      departmentCode: deptCode,
      createdAt,
    };
    d.users.push(user);
    d.userByName.set(username, user);
    if (role === 'BRANCH_MANAGER' && branchCode) must(d.byCode.get(branchCode), branchCode).managerId = user.id;
  });
}

function user(d: Demo, username: string): DemoUser {
  return must(d.userByName.get(username), `user ${username}`);
}

function usersWith(d: Demo, role: RoleCode): DemoUser[] {
  return d.users.filter((u) => u.role === role);
}

/** The branch manager who works on a node's actions: the nearest one up the tree. */
function managerOf(d: Demo, node: OrgNode): string {
  let n: OrgNode | undefined = node;
  while (n) {
    if (n.managerId) return n.managerId;
    n = n.parentId ? d.nodes.find((x) => x.id === n!.parentId) : undefined;
  }
  throw new Error(`demo seed: no branch manager above ${node.code}`);
}

function subtree(node: OrgNode): OrgNode[] {
  const out: OrgNode[] = [node];
  for (const c of node.children) out.push(...subtree(c));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Playing problems through the loop
// ---------------------------------------------------------------------------------------------

type ProblemStep =
  | { t: number; kind: 'open' }
  | { t: number; kind: 'attach' }
  | { t: number; kind: 'diagnose' }
  | { t: number; kind: 'consult'; experts: DemoUser[] }
  | { t: number; kind: 'opinion'; expert: DemoUser; agrees: boolean }
  | { t: number; kind: 'conclude'; plans: ActionPlan[] }
  | { t: number; kind: 'actionStep'; plan: ActionPlan; index: number }
  | { t: number; kind: 'reopen' }
  | { t: number; kind: 'addAction'; plan: ActionPlan }
  | { t: number; kind: 'resolve' }
  | { t: number; kind: 'dismiss' }
  | { t: number; kind: 'merge'; target: SimProblem };

const ACTION_SEQUENCES: Record<ActionStatusCode, readonly ActionOperation[]> = {
  ASSIGNED: [],
  ACCEPTED: ['accept'],
  IN_PROGRESS: ['accept', 'reportProgress'],
  SUBMITTED: ['accept', 'reportProgress', 'submit'],
  RETURNED: ['accept', 'reportProgress', 'submit', 'return'],
  CONFIRMED: ['accept', 'reportProgress', 'submit', 'confirm'],
};
const EXTENSION_STATES: readonly ActionStatusCode[] = ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'RETURNED'];

function stepGap(rng: Rng, op: ActionOperation | 'decideExtension'): number {
  switch (op) {
    case 'accept':
      return rng.range(0.1, 2) * DAY;
    case 'reportProgress':
      return rng.range(1, 6) * DAY;
    case 'submit':
      return rng.range(2, 8) * DAY;
    case 'confirm':
    case 'return':
      return rng.range(0.5, 3) * DAY;
    case 'requestExtension':
      return rng.range(0.5, 4) * DAY;
    case 'decideExtension':
      return rng.range(0.2, 2) * DAY;
  }
}

/** The steps that take a new action to `final`, with optional return cycles and an extension. */
function planActionSteps(rng: Rng, plan: ActionPlan): void {
  let ops: (ActionOperation | 'decideExtension')[] = [...ACTION_SEQUENCES[plan.final]];
  if (rng.chance(0.35) && (plan.final === 'IN_PROGRESS' || plan.final === 'CONFIRMED' || plan.final === 'SUBMITTED')) {
    ops.splice(2, 0, 'reportProgress');
  }
  if (plan.returns > 0 && plan.final !== 'RETURNED') {
    // A return cycle: submitted work sent back, then picked up and submitted again.
    const submitAt = ops.indexOf('submit');
    if (submitAt >= 0) ops.splice(submitAt + 1, 0, 'return', 'reportProgress', 'submit');
    else if (plan.final === 'IN_PROGRESS') ops = ['accept', 'reportProgress', 'submit', 'return', 'reportProgress'];
  }
  if (plan.extension === 'GRANTED' || plan.extension === 'REFUSED') {
    const after = ops[0] === 'accept' ? (ops[1] === 'reportProgress' && rng.chance(0.5) ? 2 : 1) : 0;
    ops.splice(after, 0, 'requestExtension', 'decideExtension');
  } else if (plan.extension === 'PENDING') {
    ops.push('requestExtension');
  }
  plan.steps = ops.map((op) => ({ op, dt: stepGap(rng, op) }));
}

function newActionPlan(
  target: { branch: OrgNode | null; dept: Named | null },
  title: string,
  description: string,
  final: ActionStatusCode,
): ActionPlan {
  return { ...target, title, description, final, returns: 0, extension: null, wantOverdue: false, steps: [] };
}

/** The linkage table a conclusion creates: departments first, then branches. */
function linkageTable(d: Demo, p: SimProblem): ActionPlan[] {
  const rng = d.rngs.problems;
  const theme = p.theme;
  const plans: ActionPlan[] = [];
  const deptRows =
    theme.key === 'cc_reminder' ? theme.deptActions : rng.sample(theme.deptActions, rng.int(1, Math.min(2, theme.deptActions.length)));
  for (const [code, title] of deptRows) {
    const dept = must(d.deptByCode.get(code), code);
    plans.push(newActionPlan({ branch: null, dept }, title, `${title}：${theme.plan}`, 'CONFIRMED'));
  }
  const branchTitle = theme.branchAction;
  if (branchTitle) {
    let targets: OrgNode[];
    if (theme.key === 'cc_reminder') targets = [must(d.byCode.get('SH'), 'SH'), must(d.byCode.get('BJ'), 'BJ')];
    else if (p.region) {
      const subs = p.region.children;
      targets = [rng.chance(0.3) && subs.length ? rng.pick(subs) : p.region];
    } else {
      const branches = d.nodes.filter((n) => n.level === 'BRANCH');
      targets = rng.sample(branches, rng.int(0, 2));
    }
    for (const node of targets) {
      const title = branchTitle.replace('{branch}', node.name);
      plans.push(
        newActionPlan(
          { branch: node, dept: null },
          title,
          `按会诊意见在${node.name}辖内落实：${theme.fix}，排查同类问题，提交整改报告及客户回访记录。`,
          'CONFIRMED',
        ),
      );
    }
  }
  return plans.slice(0, 5);
}

function decideActionPlans(d: Demo, p: SimProblem, plans: ActionPlan[], allConfirmed: boolean): void {
  const rng = d.rngs.problems;
  for (const plan of plans) {
    if (allConfirmed) {
      plan.final = 'CONFIRMED';
      plan.returns = rng.chance(0.2) ? 1 : 0;
      if (rng.chance(0.15)) plan.extension = rng.chance(0.65) ? 'GRANTED' : 'REFUSED';
    } else {
      plan.final = rng.weighted([
        ['ASSIGNED', 1],
        ['ACCEPTED', 1.5],
        ['IN_PROGRESS', 3],
        ['SUBMITTED', 1.5],
        ['RETURNED', 0.7],
        ['CONFIRMED', 2.5],
      ] as const);
      if (plan.final === 'RETURNED') plan.returns = 1;
      else if ((plan.final === 'CONFIRMED' || plan.final === 'IN_PROGRESS') && rng.chance(0.15)) plan.returns = 1;
      if (rng.chance(0.22)) {
        plan.extension = rng.weighted([
          ['GRANTED', 45],
          ['REFUSED', 25],
          ['PENDING', 30],
        ] as const);
        if (plan.extension === 'PENDING' && !EXTENSION_STATES.includes(plan.final)) plan.extension = 'GRANTED';
      }
      plan.wantOverdue = plan.final !== 'CONFIRMED' && plan.extension !== 'GRANTED' && rng.chance(0.35);
    }
  }
  if (!allConfirmed && plans.every((pl) => pl.final === 'CONFIRMED')) {
    const first = at(plans, 0);
    first.final = 'IN_PROGRESS';
  }
  // Hand-picked cases, so that the demo always shows them.
  const first = at(plans, 0);
  const second = plans[1];
  const set = (
    plan: ActionPlan | undefined,
    final: ActionStatusCode,
    returns: number,
    extension: ExtensionDecision | null,
    wantOverdue: boolean,
  ): void => {
    if (!plan) return;
    plan.final = final;
    plan.returns = returns;
    plan.extension = extension;
    plan.wantOverdue = wantOverdue;
  };
  if (p.row.hint === 'OVERDUE_PENDING') set(first, 'IN_PROGRESS', 0, 'PENDING', true);
  else if (p.row.hint === 'RETURNED') {
    set(first, 'RETURNED', 1, null, false);
    set(second, 'CONFIRMED', 1, null, false);
  } else if (p.row.hint === 'EXTENSIONS') {
    set(first, 'IN_PROGRESS', 0, 'GRANTED', false);
    set(second, 'ACCEPTED', 0, 'REFUSED', true);
  } else if (p.row.hint === 'FRESH') {
    set(first, 'ASSIGNED', 0, null, false);
    set(second, 'SUBMITTED', 0, null, false);
  }
  for (const plan of plans) planActionSteps(rng, plan);
}

/** Ops of one problem, with times relative to its opening, for everything but MERGED. */
function planProblem(d: Demo, p: SimProblem): ProblemStep[] {
  const rng = d.rngs.problems;
  const status = p.row.status;
  const steps: ProblemStep[] = [{ t: 0, kind: 'open' }];
  let t = 0;
  const dismissFrom: ProblemStatusCode | null = status === 'DISMISSED' ? rng.pick(['OPEN', 'DIAGNOSED', 'IN_CONSULTATION'] as const) : null;
  const reach = (s: ProblemStatusCode): boolean => {
    const order: ProblemStatusCode[] = ['OPEN', 'DIAGNOSED', 'IN_CONSULTATION', 'REMEDIATING', 'VERIFYING', 'RESOLVED'];
    const target = dismissFrom ?? status;
    return order.indexOf(target) >= order.indexOf(s);
  };
  if (reach('DIAGNOSED')) {
    t += rng.range(0.3, 4) * DAY;
    steps.push({ t, kind: 'diagnose' });
  }
  // More feedback comes in while the problem is still being looked at.
  const attachLimit = reach('IN_CONSULTATION') ? t + rng.range(0.5, 3) * DAY : null;
  if (attachLimit !== null && rng.chance(0.45)) {
    const ta = rng.range(0.4, 0.95) * attachLimit;
    steps.push({ t: ta, kind: 'attach' });
  } else if (attachLimit === null && status !== 'DISMISSED' && rng.chance(0.35)) {
    steps.push({ t: t + rng.range(0.5, 5) * DAY, kind: 'attach' });
  }
  if (reach('IN_CONSULTATION')) {
    t = attachLimit ?? t;
    const experts = pickExperts(d, p.theme);
    steps.push({ t, kind: 'consult', experts });
    const full = reach('REMEDIATING');
    const count = full ? rng.int(1, experts.length) : rng.int(0, experts.length - 1);
    for (const expert of experts.slice(0, count)) {
      t += rng.range(0.3, 3) * DAY;
      steps.push({ t, kind: 'opinion', expert, agrees: rng.chance(0.85) });
    }
  }
  if (dismissFrom) {
    t += rng.range(0.5, 5) * DAY;
    steps.push({ t, kind: 'dismiss' });
    return steps;
  }
  if (!reach('REMEDIATING')) {
    return steps;
  }
  t += rng.range(0.5, 3) * DAY;
  const plans = linkageTable(d, p);
  const closing = status === 'VERIFYING' || status === 'RESOLVED' || !!p.row.reopen;
  decideActionPlans(d, p, plans, closing);
  const tc = t;
  steps.push({ t: tc, kind: 'conclude', plans });
  let lastStep = tc;
  for (const plan of plans) {
    let ta = tc;
    plan.steps.forEach((s, index) => {
      ta += s.dt;
      steps.push({ t: ta, kind: 'actionStep', plan, index });
    });
    lastStep = Math.max(lastStep, ta);
  }
  t = lastStep;
  if (p.row.reopen) {
    // Verification showed the voice coming back: reopened, one more row in the linkage table.
    t += rng.range(3, 10) * DAY;
    steps.push({ t, kind: 'reopen' });
    steps.push({ t: t + rng.range(0.1, 0.4) * DAY, kind: 'attach' });
    t += rng.range(0.5, 2) * DAY;
    const dept = must(d.deptByCode.get(at(p.theme.departments, 0)), 'department');
    const plan = newActionPlan(
      { branch: null, dept },
      `${dept.name}复盘整改效果并补充措施`,
      `针对验证期内再次出现的客户之声，${p.theme.fix}，并补充长效机制。`,
      'CONFIRMED',
    );
    plan.final = status === 'RESOLVED' ? 'CONFIRMED' : 'IN_PROGRESS';
    planActionSteps(rng, plan);
    steps.push({ t, kind: 'addAction', plan });
    const ta0 = t;
    let ta = ta0;
    plan.steps.forEach((s, index) => {
      ta += s.dt;
      steps.push({ t: ta, kind: 'actionStep', plan, index });
    });
    t = ta;
  }
  if (status === 'RESOLVED') {
    t += rng.range(5, 20) * DAY;
    steps.push({ t, kind: 'resolve' });
  }
  return steps;
}

function pickExperts(d: Demo, theme: Theme): DemoUser[] {
  const rng = d.rngs.problems;
  const experts = usersWith(d, 'EXPERT');
  const chosen: DemoUser[] = [];
  for (const code of theme.departments.slice(0, 3)) {
    const ofDept = experts.filter((e) => e.departmentCode === code);
    if (ofDept.length) chosen.push(rng.pick(ofDept));
  }
  if (!chosen.length) chosen.push(rng.pick(experts));
  return chosen;
}

/** How long a problem of this status has been sitting since its last step. */
function idleDays(rng: Rng, row: PlanRow): number {
  switch (row.status) {
    case 'OPEN':
      return rng.range(0.05, 10);
    case 'DIAGNOSED':
      return rng.range(0.3, 14);
    case 'IN_CONSULTATION':
      return rng.range(0.3, 14);
    case 'REMEDIATING':
      return row.hint === 'FRESH' ? rng.range(0.5, 3) : row.hint ? rng.range(8, 16) : rng.range(0.5, 35);
    case 'VERIFYING':
      return rng.range(0.5, 20);
    case 'RESOLVED':
      return rng.range(2, 120);
    case 'DISMISSED':
      return rng.range(1, 160);
    case 'MERGED':
      return 0;
  }
}

/** Fits a plan into the six months: opened at least two weeks in, last step before now. */
function place(d: Demo, steps: ProblemStep[], endBefore: number): { w0: number; scale: number } {
  const rng = d.rngs.problems;
  const span = Math.max(...steps.map((s) => s.t)) * OFFICE_RATIO;
  // The last office instant before now (now itself may fall in the night).
  const lastOffice = fromOffice(toOffice(d.now)) <= d.now ? toOffice(d.now) : toOffice(d.now) - 1;
  const end = Math.min(toOffice(endBefore), lastOffice - 5 * MINUTE);
  const earliest = toOffice(d.calendar.start + 15 * DAY);
  let w0 = end - span;
  let scale = 1;
  if (w0 < earliest) {
    w0 = earliest + rng.range(0, 2) * HOUR;
    scale = Math.max(0.05, (end - w0) / Math.max(span, 1));
  }
  return { w0: Math.floor(w0), scale };
}

class Loop {
  constructor(private readonly d: Demo) {}

  private emit(e: Omit<EventRow, 'actionId' | 'branchId' | 'fromStatus' | 'toStatus' | 'note'> & Partial<EventRow>): void {
    this.d.events.push({ actionId: null, branchId: null, fromStatus: null, toStatus: null, note: null, ...e });
  }

  /** Applies a problem operation under the loop's rules; a plan that breaks them is a bug here. */
  private move(p: SimProblem, op: ProblemOperation, t: number): ProblemStatusCode {
    const next = nextProblemStatus(p.status, op);
    if (!next.ok) throw new Error(`demo seed: ${op} not allowed on ${p.status} (${p.theme.key})`);
    const from = p.status;
    p.status = next.to;
    p.version += 1;
    p.updatedAt = Math.max(p.updatedAt, t);
    if (next.to !== from) p.history.push([t, next.to]);
    return from;
  }

  run(p: SimProblem, steps: ProblemStep[], w0: number, scale: number): void {
    const d = this.d;
    const rng = d.rngs.problems;
    const abs = (s: ProblemStep): number => fromOffice(w0 + s.t * OFFICE_RATIO * scale);
    const analyst = p.createdBy;
    const coordinator = rng.chance(0.75) ? user(d, 'coordinator').id : user(d, 'coordinator.lin').id;
    const actionsOf = new Map<ActionPlan, SimAction>();
    const order = steps.map((s, i) => ({ s, i, t: abs(s) })).sort((a, b) => a.t - b.t || a.i - b.i);
    let lastAttach = fromOffice(w0);

    for (const { s, t } of order) {
      switch (s.kind) {
        case 'open': {
          p.createdAt = t;
          p.updatedAt = t;
          p.version = 1;
          p.status = 'OPEN';
          p.history.push([t, 'OPEN']);
          this.emit({ type: 'PROBLEM_OPENED', at: t, actorId: analyst, problemId: p.id, toStatus: 'OPEN', note: p.title });
          break;
        }
        case 'attach': {
          this.move(p, 'attachFeedback', t);
          // Received since the last grouping (at most three weeks back), before being attached.
          const from = Math.min(Math.max(lastAttach + 10 * MINUTE, t - 21 * DAY), t - 2 * HOUR);
          p.batches.push({ from, to: t - 15 * MINUTE, count: 0 });
          lastAttach = t;
          const batch = at(p.batches, p.batches.length - 1);
          this.emit({ type: 'FEEDBACK_ATTACHED', at: t, actorId: analyst, problemId: p.id, note: () => String(batch.count) });
          break;
        }
        case 'diagnose': {
          const from = this.move(p, 'submitDiagnosis', t);
          p.diagnosedAt = t;
          const theme = p.theme;
          d.diagnoses.push([p.id, analyst, theme.summary, theme.impact, theme.cause, t]);
          theme.departments.forEach((code, position) =>
            d.diagnosisDepartments.push([p.id, must(d.deptByCode.get(code), code).id, position]),
          );
          this.emit({
            type: 'DIAGNOSIS_SUBMITTED',
            at: t,
            actorId: analyst,
            problemId: p.id,
            fromStatus: from,
            toStatus: p.status,
            note: theme.summary,
          });
          break;
        }
        case 'consult': {
          const from = this.move(p, 'openConsultation', t);
          p.consultationAt = t;
          d.consultations.set(p.id, [p.id, coordinator, t, t + 7 * DAY, null, null, null, null, null, null]);
          for (const e of s.experts) d.consultationExperts.push([p.id, e.id, t]);
          this.emit({
            type: 'CONSULTATION_OPENED',
            at: t,
            actorId: coordinator,
            problemId: p.id,
            fromStatus: from,
            toStatus: p.status,
            note: s.experts.map((e) => e.username).join(', '),
          });
          break;
        }
        case 'opinion': {
          this.move(p, 'submitOpinion', t);
          const dept = must(
            d.departments.find((x) => x.id === s.expert.departmentId),
            'expert department',
          );
          const body = s.agrees
            ? `${dept.name}意见：同意初诊判断。${p.theme.why}建议${p.theme.fix}。`
            : `${dept.name}意见：初诊判断需要补充。从本部门掌握的情况看，除初诊所列原因外还涉及业务流程衔接问题，建议${p.theme.fix}，并由相关部门共同整改。`;
          d.opinions.push([p.id, s.expert.id, dept.id, body, s.agrees ? 1 : 0, t]);
          this.emit({ type: 'OPINION_SUBMITTED', at: t, actorId: s.expert.id, problemId: p.id, note: body });
          break;
        }
        case 'conclude': {
          const from = this.move(p, 'concludeConsultation', t);
          p.remediatingAt = t;
          const theme = p.theme;
          const c = must(d.consultations.get(p.id), 'consultation');
          c[4] = theme.cause;
          c[5] = theme.why;
          c[6] = theme.plan;
          c[7] = theme.outcome;
          c[8] = coordinator;
          c[9] = t;
          this.emit({
            type: 'CONSULTATION_CONCLUDED',
            at: t,
            actorId: coordinator,
            problemId: p.id,
            fromStatus: from,
            toStatus: p.status,
            note: theme.plan,
          });
          for (const plan of s.plans) actionsOf.set(plan, this.addAction(p, plan, t, coordinator, abs, steps));
          break;
        }
        case 'addAction': {
          this.move(p, 'addAction', t);
          actionsOf.set(s.plan, this.addAction(p, s.plan, t, coordinator, abs, steps));
          break;
        }
        case 'actionStep': {
          const a = must(actionsOf.get(s.plan), 'action');
          this.actionStep(p, a, s.plan, s.index, t, coordinator);
          break;
        }
        case 'reopen': {
          const from = this.move(p, 'reopen', t);
          p.verifyingAt = null;
          p.resolvedAt = null;
          this.emit({
            type: 'PROBLEM_REOPENED',
            at: t,
            actorId: coordinator,
            problemId: p.id,
            fromStatus: from,
            toStatus: p.status,
            note: REOPEN_NOTE,
          });
          break;
        }
        case 'resolve': {
          if (!p.actions.every((a) => a.status === 'CONFIRMED')) throw new Error('demo seed: resolve with unconfirmed actions');
          const from = this.move(p, 'resolve', t);
          p.resolvedAt = t;
          this.emit({
            type: 'PROBLEM_RESOLVED',
            at: t,
            actorId: coordinator,
            problemId: p.id,
            fromStatus: from,
            toStatus: p.status,
            note: rng.pick(RESOLVE_NOTES),
          });
          break;
        }
        case 'dismiss': {
          const from = this.move(p, 'dismiss', t);
          p.dismissReason = p.row.dismissReason ?? '经核实不属于需要整改的问题，已向客户解释。';
          this.emit({
            type: 'PROBLEM_DISMISSED',
            at: t,
            actorId: analyst,
            problemId: p.id,
            fromStatus: from,
            toStatus: p.status,
            note: p.dismissReason,
          });
          break;
        }
        case 'merge': {
          const target = s.target;
          if (!nextProblemStatus(statusAt(target, t), 'mergeInto').ok) throw new Error('demo seed: merge target not live');
          const from = this.move(p, 'merge', t);
          p.mergedIntoId = target.id;
          p.owner = target;
          target.version += 1;
          target.updatedAt = Math.max(target.updatedAt, t);
          this.emit({
            type: 'PROBLEM_MERGED',
            at: t,
            actorId: analyst,
            problemId: p.id,
            fromStatus: from,
            toStatus: p.status,
            note: () => target.code,
          });
          this.emit({
            type: 'FEEDBACK_ATTACHED',
            at: t,
            actorId: analyst,
            problemId: target.id,
            note: () => String(p.batches.reduce((n, b) => n + b.count, 0)),
          });
          break;
        }
      }
    }
  }

  private addAction(
    p: SimProblem,
    plan: ActionPlan,
    t: number,
    coordinator: string,
    abs: (s: ProblemStep) => number,
    steps: ProblemStep[],
  ): SimAction {
    const d = this.d;
    const rng = d.rngs.problems;
    const now = d.now;
    // When this action's own steps will happen, to set a due date that tells the right story.
    const own = steps.filter((s): s is Extract<ProblemStep, { kind: 'actionStep' }> => s.kind === 'actionStep' && s.plan === plan).map(abs);
    const last = own.length ? Math.max(...own) : t;
    let due: number;
    if (plan.final === 'CONFIRMED') due = t + rng.range(10, 30) * DAY;
    else if (plan.wantOverdue && now - t > 3 * DAY) due = t + 2 * DAY + rng.next() * (now - t - 2.5 * DAY);
    else due = Math.max(now + rng.range(2, 25) * DAY, last + DAY);
    if (due <= t) due = t + 7 * DAY;
    const owner = plan.branch
      ? managerOf(d, plan.branch)
      : must(
          usersWith(d, 'EXPERT').find((e) => e.departmentId === plan.dept?.id),
          'department expert',
        ).id;
    const a: SimAction = {
      id: rng.id('LinkageAction', t),
      problem: p,
      branch: plan.branch,
      departmentId: plan.dept?.id ?? null,
      ownerId: owner,
      title: plan.title,
      description: plan.description,
      dueAt: Math.floor(due),
      status: 'ASSIGNED',
      version: 1,
      position: p.actions.length,
      createdAt: t,
      updatedAt: t,
      createdBy: coordinator,
      confirmedAt: null,
      returnedCount: 0,
    };
    p.actions.push(a);
    this.emit({
      type: 'ACTION_ASSIGNED',
      at: t,
      actorId: coordinator,
      problemId: p.id,
      actionId: a.id,
      branchId: a.branch?.id ?? null,
      toStatus: 'ASSIGNED',
      note: a.title,
    });
    return a;
  }

  private actionStep(p: SimProblem, a: SimAction, plan: ActionPlan, index: number, t: number, coordinator: string): void {
    const d = this.d;
    const rng = d.rngs.problems;
    const step = at(plan.steps, index);
    const base = { problemId: p.id, actionId: a.id, branchId: a.branch?.id ?? null };
    if (step.op === 'requestExtension') {
      if (!nextActionStatus(a.status, 'requestExtension').ok) throw new Error(`demo seed: extension on ${a.status}`);
      const requested = Math.floor(Math.max(a.dueAt, t) + rng.range(7, 20) * DAY);
      const reason = rng.pick(EXTENSION_REASONS);
      d.extensions.push({
        actionId: a.id,
        requestedDueAt: requested,
        previousDueAt: a.dueAt,
        reason,
        decision: 'PENDING',
        requestedBy: a.ownerId,
        requestedAt: t,
        decidedBy: null,
        decidedAt: null,
      });
      a.version += 1;
      a.updatedAt = t;
      this.emit({ type: 'EXTENSION_REQUESTED', at: t, actorId: a.ownerId, ...base, note: reason });
      return;
    }
    if (step.op === 'decideExtension') {
      const request = [...d.extensions].reverse().find((x) => x.actionId === a.id);
      if (!request || request.decision !== 'PENDING') throw new Error('demo seed: no pending extension');
      const decision = plan.extension === 'GRANTED' ? 'GRANTED' : 'REFUSED';
      request.decision = decision;
      request.decidedBy = coordinator;
      request.decidedAt = t;
      if (decision === 'GRANTED') a.dueAt = request.requestedDueAt;
      a.version += 1;
      a.updatedAt = t;
      this.emit({ type: 'EXTENSION_DECIDED', at: t, actorId: coordinator, ...base, toStatus: decision, note: decision });
      return;
    }
    const next = nextActionStatus(a.status, step.op);
    if (!next.ok) throw new Error(`demo seed: ${step.op} not allowed on action ${a.status}`);
    const byCoordinator = step.op === 'confirm' || step.op === 'return';
    const actor = byCoordinator ? coordinator : a.ownerId;
    const note =
      step.op === 'reportProgress'
        ? rng.pick(PROGRESS_NOTES)
        : step.op === 'submit'
          ? rng.pick(EVIDENCE)
          : step.op === 'return'
            ? rng.pick(RETURN_REASONS)
            : null;
    const from = a.status;
    a.status = next.to;
    a.version += 1;
    a.updatedAt = t;
    if (step.op === 'confirm') a.confirmedAt = t;
    if (step.op === 'return') a.returnedCount += 1;
    d.actionUpdates.push({ actionId: a.id, authorId: actor, note: note ?? '', status: next.to, at: t });
    this.emit({ type: 'ACTION_STATUS_CHANGED', at: t, actorId: actor, ...base, fromStatus: from, toStatus: next.to, note });
    if (
      step.op === 'confirm' &&
      shouldStartVerification(
        p.status,
        p.actions.map((x) => x.status),
      )
    ) {
      this.move(p, 'startVerification', t);
      p.verifyingAt = t;
      this.emit({
        type: 'VERIFICATION_STARTED',
        at: t,
        actorId: coordinator,
        problemId: p.id,
        fromStatus: 'REMEDIATING',
        toStatus: 'VERIFYING',
      });
    }
  }
}

function statusAt(p: SimProblem, t: number): ProblemStatusCode {
  let s: ProblemStatusCode = 'OPEN';
  for (const [when, status] of p.history) if (when <= t) s = status;
  return s;
}

function buildProblems(d: Demo): void {
  const rng = d.rngs.problems;
  const loop = new Loop(d);
  const analysts = usersWith(d, 'ANALYST');
  const themeByKey = new Map(THEMES.map((t) => [t.key, t]));
  const sims: SimProblem[] = PLAN.map((row) => {
    const theme = must(themeByKey.get(row.theme), `theme ${row.theme}`);
    const region = row.region ? must(d.byCode.get(row.region), row.region) : null;
    const severity = rng.chance(0.8) ? theme.severity : rng.pick(['LOW', 'MEDIUM', 'HIGH'] as const);
    const p = {
      row,
      theme,
      region,
      id: '',
      code: '',
      title: region ? `${region.name}${theme.title}` : theme.title,
      status: 'OPEN',
      severity,
      version: 0,
      createdAt: 0,
      updatedAt: 0,
      createdBy: rng.chance(0.5) ? user(d, 'analyst').id : rng.pick(analysts).id,
      mergedIntoId: null,
      dismissReason: null,
      diagnosedAt: null,
      consultationAt: null,
      remediatingAt: null,
      verifyingAt: null,
      resolvedAt: null,
      history: [],
      actions: [],
      batches: [],
    } as Omit<SimProblem, 'owner'> as SimProblem;
    p.owner = p;
    return p;
  });

  // Live and closed problems first; duplicates are merged into them afterwards.
  sims.forEach((p) => {
    if (p.row.status === 'MERGED') return;
    const steps = planProblem(d, p);
    const { w0, scale } = place(d, steps, d.now - idleDays(rng, p.row) * DAY - 30 * MINUTE);
    p.id = rng.id('Problem', fromOffice(w0));
    loop.run(p, steps, w0, scale);
  });
  sims.forEach((p) => {
    if (p.row.status !== 'MERGED') return;
    const target = at(sims, must(p.row.into, 'merge target'));
    const liveUntil = target.history.find(([, s]) => s === 'RESOLVED' || s === 'DISMISSED' || s === 'MERGED')?.[0] ?? d.now;
    let tm = 0;
    for (let tries = 0; tries < 50; tries++) {
      tm = fromOffice(toOffice(Math.floor(target.createdAt + rng.range(0.2, 0.85) * (liveUntil - target.createdAt))));
      if (nextProblemStatus(statusAt(target, tm), 'mergeInto').ok) break;
    }
    const steps: ProblemStep[] = [{ t: 0, kind: 'open' }];
    let t = 0;
    if (rng.chance(0.5)) {
      t += rng.range(0.3, 2) * DAY;
      steps.push({ t, kind: 'diagnose' });
    }
    t += rng.range(0.5, 3) * DAY;
    steps.push({ t, kind: 'merge', target });
    const { w0, scale } = place(d, steps, tm);
    p.id = rng.id('Problem', fromOffice(w0));
    loop.run(p, steps, w0, scale);
  });

  // Codes in the order problems were opened, numbered per year as the service does.
  const byOpening = [...sims].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const perYear = new Map<number, number>();
  for (const p of byOpening) {
    const year = new Date(p.createdAt).getUTCFullYear();
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    p.code = `VOC-${year}-${String(n).padStart(5, '0')}`;
  }
  d.problems = byOpening;
}

// ---------------------------------------------------------------------------------------------
// Feedback
// ---------------------------------------------------------------------------------------------

interface FeedbackDraft {
  at: number;
  kind: FeedbackKind;
  channel: Channel;
  category: CategoryCode;
  productId: string | null;
  branch: OrgNode;
  text: string;
  complaint: boolean;
  customerRef: string | null;
  recordedBy: string;
  problemId: string | null;
}

const CHANNEL_WEIGHTS: readonly (readonly [Channel, number])[] = [
  ['VOICE', 40],
  ['ONLINE', 20],
  ['WECHAT', 20],
  ['VIDEO', 5],
  ['BRANCH', 8],
  ['SELF_SERVICE', 7],
];
const CATEGORY_WEIGHTS: readonly (readonly [CategoryCode, number])[] = [
  ['CREDIT_CARD', 28],
  ['E_BANKING', 22],
  ['SERVICE', 18],
  ['DEPOSIT', 12],
  ['WEALTH', 10],
  ['LOAN', 10],
];

class FeedbackWriter {
  private readonly rng: Rng;
  private readonly channels = Sampler.of(CHANNEL_WEIGHTS);
  private readonly categories = Sampler.of(CATEGORY_WEIGHTS);
  private readonly nodes: Sampler<OrgNode>;
  private readonly outlets: Sampler<OrgNode>;
  private readonly agents: Sampler<DemoUser>;
  private readonly agentNames: string[];
  private readonly customers: Sampler<string>;
  private readonly themesByCategory = new Map<CategoryCode, Sampler<Theme>>();

  constructor(private readonly d: Demo) {
    this.rng = d.rngs.feedback;
    this.nodes = new Sampler(
      d.nodes,
      d.nodes.map((n) => n.weight),
    );
    const outlets = d.nodes.filter((n) => n.level === 'OUTLET');
    this.outlets = new Sampler(
      outlets,
      outlets.map((n) => n.weight),
    );
    const agents = usersWith(d, 'AGENT');
    this.agents = new Sampler(
      agents,
      agents.map((a) => (a.username === 'agent' ? 3 : 1)),
    );
    this.agentNames = agents.map((a) => a.displayName);
    // A few customers call again and again; most appear once or twice.
    const pool = d.customerPool;
    this.customers = new Sampler(
      pool,
      pool.map((_, i) => (i < pool.length * 0.05 ? 8 : 1)),
    );
    for (const [code] of CATEGORIES) {
      const themes = THEMES.filter((t) => t.category === code);
      this.themesByCategory.set(
        code,
        new Sampler(
          themes,
          themes.map((t) => t.heat),
        ),
      );
    }
  }

  customer(): string | null {
    return this.rng.chance(0.92) ? this.customers.draw(this.rng) : null;
  }

  private fill(template: string, category: CategoryCode, productName: string, outlet: OrgNode | null): string {
    const rng = this.rng;
    return template.replace(/\{(\w+)\}/g, (_, key: string) => {
      switch (key) {
        case 'product':
          return productName;
        case 'outlet':
          return outlet?.name ?? '网点';
        case 'fee':
          return String(rng.pick([25, 38, 50, 58, 66, 80, 100, 126]));
        case 'amount':
          return String(rng.pick([500, 1200, 2000, 3000, 5000, 8000, 12000, 20000, 50000]));
        case 'annualFee':
          return String(rng.pick([200, 300, 480, 600, 1200, 2000]));
        case 'days':
          return String(rng.int(2, 15));
        case 'count':
          return String(rng.int(3, 8));
        case 'wait':
          return String(rng.int(8, 35));
        case 'waitHour':
          return rng.pick(['一个多小时', '将近两个小时', '两个小时', '一个半小时']);
        case 'limit':
          return String(rng.pick([500, 1000, 2000, 5000]));
        case 'feature':
          return rng.pick(['账户明细查询', '信用卡还款', '转账记录', '理财持仓', '生活缴费', '电子回单下载']);
        case 'phone':
          return rng.pick(['华为', '苹果', '小米', 'OPPO', 'vivo', '荣耀']);
        case 'staff':
          return rng.pick(STAFF);
        case 'agentName':
          return rng.pick(this.agentNames);
        case 'workNo':
          return String(rng.int(1000, 9999));
        case 'biz':
          return rng.pick(BUSINESS[category]);
        default:
          return '';
      }
    });
  }

  /** One item: the template decides whether it needs an outlet, the rest follows. */
  draft(input: {
    at: number;
    kind: FeedbackKind;
    category: CategoryCode;
    template: string;
    productCodes: readonly string[] | null;
    region: OrgNode | null;
    problemId: string | null;
    recordedBy?: string;
    customerRef?: string | null;
    complaintRate?: number;
  }): FeedbackDraft {
    const d = this.d;
    const rng = this.rng;
    // Praise of a named agent comes in on that agent's channel.
    const channel = input.template.includes('热线客服') ? 'VOICE' : input.template.includes('视频客服') ? 'VIDEO' : this.channels.draw(rng);
    const inRegion = input.region ? subtree(input.region) : null;
    const needsOutlet = input.template.includes('{outlet}') || channel === 'BRANCH';
    let branch: OrgNode;
    if (inRegion) {
      const candidates = needsOutlet ? inRegion.filter((n) => n.level === 'OUTLET' || n.level === 'SUB_BRANCH') : inRegion;
      branch = rng.pick(candidates.length ? candidates : inRegion);
    } else {
      branch = needsOutlet ? this.outlets.draw(rng) : this.nodes.draw(rng);
    }
    const productCodes =
      input.productCodes ?? d.products.filter((p) => p.category === input.category && p.code !== 'CC_SMS_REMINDER').map((p) => p.code);
    const product =
      rng.chance(input.productCodes ? 0.95 : 0.75) && productCodes.length ? d.productByCode.get(rng.pick(productCodes)) : undefined;
    let body = this.fill(
      input.template,
      input.category,
      product?.name ?? CATEGORY_WORD[input.category],
      branch.level === 'OUTLET' || branch.level === 'SUB_BRANCH' ? branch : null,
    );
    const complaint = input.kind === 'PROBLEM' && rng.chance(input.complaintRate ?? 0.15);
    let text: string;
    if (input.kind === 'PRAISE') {
      text = rng.chance(0.3) ? `客户来电表扬：${body}` : body;
    } else {
      const opener = rng.pick(OPENERS[channel]);
      // "客户致电表示，客户在…" reads twice: the opener already names the customer.
      if (opener && !opener.endsWith('：') && body.startsWith('客户')) body = body.slice(2);
      const closer = input.kind === 'PROBLEM' ? (complaint ? rng.pick(COMPLAINT_CLOSERS) : rng.pick(PROBLEM_CLOSERS)) : '';
      text = `${opener}${body}${closer}`;
    }
    if (rng.chance(0.05)) text += personalDataSentence(rng);
    return {
      at: input.at,
      kind: input.kind,
      channel,
      category: input.category,
      productId: product?.id ?? null,
      branch,
      text,
      complaint,
      customerRef: input.customerRef !== undefined ? input.customerRef : this.customer(),
      recordedBy: input.recordedBy ?? this.agents.draw(rng).id,
      problemId: input.problemId,
    };
  }

  /** Feedback of a concentrated theme, as a problem gathers it. */
  themed(theme: Theme, at: number, region: OrgNode | null, problemId: string | null, customerRef?: string | null): FeedbackDraft {
    const rng = this.rng;
    const suggestion = theme.suggestions && rng.chance(0.12);
    return this.draft({
      at,
      kind: suggestion ? 'SUGGESTION' : 'PROBLEM',
      category: theme.category,
      template: suggestion ? rng.pick(must(theme.suggestions, 'suggestions')) : rng.pick(theme.texts),
      productCodes: theme.products,
      region,
      problemId,
      customerRef,
      complaintRate: 0.2,
    });
  }

  /** Everyday feedback: about 60% problems (many of them on the known themes), 20% suggestions, 20% praise. */
  background(at: number, recordedBy?: string): FeedbackDraft {
    const rng = this.rng;
    const category = this.categories.draw(rng);
    const kind = rng.weighted([
      ['PROBLEM', 57],
      ['SUGGESTION', 21.5],
      ['PRAISE', 21.5],
    ] as const);
    if (kind === 'PROBLEM' && rng.chance(0.45)) {
      const theme = must(this.themesByCategory.get(category), 'themes').draw(rng);
      const draft = this.themed(theme, at, null, null);
      if (recordedBy) draft.recordedBy = recordedBy;
      return draft;
    }
    const template =
      kind === 'PROBLEM'
        ? rng.pick(GENERIC_PROBLEMS[category])
        : kind === 'SUGGESTION'
          ? rng.pick(GENERIC_SUGGESTIONS[category])
          : rng.pick(PRAISE);
    return this.draft({ at, kind, category, template, productCodes: null, region: null, problemId: null, recordedBy });
  }
}

function buildFeedback(d: Demo, total: number): FeedbackDraft[] {
  const rng = d.rngs.feedback;
  const cal = d.calendar;
  const writer = new FeedbackWriter(d);
  const drafts: FeedbackDraft[] = [];

  // How much each problem gathers: 3–70 (the article's case a little more), scaled for small sets.
  const wanted = d.problems.map((p) => {
    if (p.theme.key === 'cc_reminder' && p.row.status === 'RESOLVED') return 72;
    if (p.row.status === 'MERGED') return rng.int(3, 10);
    const max = Math.min(62, Math.round(10 + 13 * p.theme.heat));
    return rng.int(3, max);
  });
  const sum = wanted.reduce((a, b) => a + b, 0);
  const scale = Math.min(1, (0.4 * total) / sum);
  d.problems.forEach((p, i) => {
    const count = Math.max(3, Math.round(at(wanted, i) * scale));
    // The first batch comes with the opening; later batches are attached while it is worked on.
    const opening = { from: p.createdAt - rng.range(10, 40) * DAY, to: p.createdAt - 15 * MINUTE, count: 0 };
    p.batches.unshift(opening);
    const later = p.batches.slice(1);
    let rest = count;
    for (const b of later) {
      b.count = Math.max(1, Math.round(count * rng.range(0.1, 0.25)));
      rest -= b.count;
    }
    opening.count = Math.max(3, rest);
    const repeaters = p.theme.key === 'cc_reminder' ? Array.from({ length: 8 }, () => writer.customer() ?? 'C00000000') : [];
    for (const b of p.batches) {
      const from = Math.max(b.from, cal.start + HOUR);
      const to = b.to;
      for (let k = 0; k < b.count; k++) {
        const t = cal.sampleIn(rng, from, to, 1.6);
        const ref = repeaters.length && rng.chance(0.5) ? rng.pick(repeaters) : undefined;
        drafts.push(writer.themed(p.theme, t, p.region, p.owner.id, ref));
      }
    }
  });

  // A few of today's, recorded by the demo agent, so that "my feedback" is never empty.
  const agent = user(d, 'agent').id;
  const todayFrom = Math.max(cal.todayStart, d.now - 10 * HOUR);
  for (let k = 0; k < 6; k++)
    drafts.push(writer.background(Math.floor(todayFrom + rng.next() * Math.max(MINUTE, d.now - MINUTE - todayFrom)), agent));

  while (drafts.length < total) drafts.push(writer.background(cal.sample(rng)));
  return drafts;
}

// ---------------------------------------------------------------------------------------------
// Contact records (the KPIs' raw material)
// ---------------------------------------------------------------------------------------------

const CONTACT_CHANNELS: readonly (readonly [Channel, number])[] = [
  ['VOICE', 56],
  ['ONLINE', 16],
  ['WECHAT', 15],
  ['VIDEO', 4],
  ['SELF_SERVICE', 5],
  ['BRANCH', 4],
];
const SATISFACTION: readonly (readonly [number, number])[] = [
  [5, 55],
  [4, 28],
  [3, 10],
  [2, 4],
  [1, 3],
];

function* contactRows(d: Demo, total: number): Generator<(string | number | null)[]> {
  const rng = d.rngs.contacts;
  const cal = d.calendar;
  const times = new Float64Array(total);
  for (let i = 0; i < total; i++) times[i] = cal.sample(rng);
  times.sort();
  const channels = Sampler.of(CONTACT_CHANNELS);
  const ratings = Sampler.of(SATISFACTION);
  const branchNodes = d.nodes.filter((n) => n.level === 'BRANCH' || n.level === 'SUB_BRANCH');
  const branches = new Sampler(
    branchNodes,
    branchNodes.map((n) => n.weight),
  );
  const pool = d.customerPool;
  const customers = new Sampler(
    pool,
    pool.map((_, i) => (i < pool.length * 0.05 ? 8 : 1)),
  );
  const span = d.now - cal.start;
  for (let i = 0; i < total; i++) {
    const t = times[i] ?? d.now - 1;
    const progress = (t - cal.start) / span;
    const channel = channels.draw(rng);
    const peak = (HOUR_WEIGHTS[beijingHour(t)] ?? 0) >= 1.4;
    // The loop pays off: answer rate and service level improve over the half year.
    const answerP = (channel === 'VOICE' ? 0.905 : 0.94) + 0.04 * (progress - 0.5) - (peak ? 0.015 : -0.01);
    const answered = rng.chance(answerP);
    let wait: number;
    let firstResponse: number | null = null;
    let transferred = 0;
    let workOrder = 0;
    let complaint = 0;
    let satisfaction: number | null = null;
    if (answered) {
      const within = rng.chance(0.81 + 0.08 * (progress - 0.5) - (peak ? 0.05 : -0.035));
      wait = within ? Math.floor(Math.pow(rng.next(), 1.6) * 25) : 25 + Math.min(575, Math.floor(-Math.log(1 - rng.next()) * 50));
      if (channel === 'ONLINE' || channel === 'WECHAT' || channel === 'VIDEO') {
        firstResponse = rng.chance(0.88) ? rng.int(2, 29) : rng.int(31, 240);
      }
      transferred = rng.chance(0.08) ? 1 : 0;
      workOrder = rng.chance(0.12) ? 1 : 0;
      complaint = rng.chance(workOrder ? 0.06 : 0.009) ? 1 : 0;
      if (rng.chance(0.6)) satisfaction = complaint ? rng.int(1, 2) : ratings.draw(rng);
    } else {
      wait = 8 + Math.min(600, Math.floor(-Math.log(1 - rng.next()) * 60));
    }
    const customerRef = rng.chance(0.88) ? customers.draw(rng) : null;
    const branchId = rng.chance(0.72) ? null : branches.draw(rng).id;
    yield [
      channel,
      branchId,
      Math.floor(t),
      answered ? 1 : 0,
      wait,
      firstResponse,
      transferred,
      workOrder,
      complaint,
      satisfaction,
      customerRef,
    ];
  }
}

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

async function isEmpty(store: Store): Promise<boolean> {
  return !(await row(store.read, sql`SELECT 1 AS x FROM users LIMIT 1`));
}

/**
 * Loads the demo data set into an empty database (no user yet) in one transaction; answers
 * `loaded: false` and changes nothing when the database already has users.
 */
export async function loadDemo(store: Store, options: DemoOptions): Promise<DemoResult> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  if (!(await isEmpty(store))) return { loaded: false, ms: elapsed(), counts: {} };
  // One hash for every demo user: scrypt is deliberately slow.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = options.now.getTime();
  const seed = options.seed ?? DEFAULT_SEED;
  const feedbackTotal = Math.max(0, Math.floor(options.feedback ?? DEMO_DEFAULT_FEEDBACK));
  const contactTotal = Math.max(0, Math.floor(options.contacts ?? DEMO_DEFAULT_CONTACTS));

  const d: Demo = {
    now,
    rngs: { org: stream(seed, 1), problems: stream(seed, 2), feedback: stream(seed, 3), contacts: stream(seed, 4) },
    calendar: new Calendar(now),
    nodes: [],
    byCode: new Map(),
    departments: [],
    deptByCode: new Map(),
    categories: [],
    catByCode: new Map(),
    products: [],
    productByCode: new Map(),
    users: [],
    userByName: new Map(),
    problems: [],
    events: [],
    diagnoses: [],
    diagnosisDepartments: [],
    consultations: new Map(),
    consultationExperts: [],
    opinions: [],
    actionUpdates: [],
    extensions: [],
    customerPool: [],
  };
  buildOrg(d);
  const poolRng = stream(seed, 5);
  const poolSize = Math.max(200, Math.round(feedbackTotal * 0.45 + contactTotal * 0.08));
  const seen = new Set<string>();
  while (d.customerPool.length < poolSize) {
    const ref = `C${digits(poolRng, 8)}`;
    if (!seen.has(ref)) {
      seen.add(ref);
      d.customerPool.push(ref);
    }
  }
  buildProblems(d);
  const drafts = buildFeedback(d, feedbackTotal);
  drafts.sort((a, b) => a.at - b.at);

  // Checked again inside the transaction: two processes starting on one empty database load it once.
  const counts = await store.bulkLoad((prepare) => write(prepare, d, drafts, passwordHash, contactTotal), 'users');
  if (!counts) return { loaded: false, ms: elapsed(), counts: {} };
  await rebuildRollups(store);
  return { loaded: true, ms: elapsed(), counts };
}

function write(
  prepare: (statement: string) => BulkStatement,
  d: Demo,
  drafts: FeedbackDraft[],
  passwordHash: string,
  contactTotal: number,
): Record<string, number> {
  const db = { prepare };
  const created = d.calendar.start - 400 * DAY;

  const branch = db.prepare(
    'INSERT INTO branches (id, code, name, level, parent_id, path, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  d.nodes.forEach((n, i) => branch.run(n.id, n.code, n.name, n.level, n.parentId, n.path, created + i * MINUTE, created + i * MINUTE));
  const department = db.prepare('INSERT INTO departments (id, code, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  d.departments.forEach((x, i) => department.run(x.id, x.code, x.name, created + i * MINUTE, created + i * MINUTE));
  const category = db.prepare('INSERT INTO categories (id, code, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  d.categories.forEach((x, i) => category.run(x.id, x.code, x.name, created + i * MINUTE, created + i * MINUTE));
  const product = db.prepare('INSERT INTO products (id, category_id, code, name) VALUES (?, ?, ?, ?)');
  for (const p of d.products) product.run(p.id, p.categoryId, p.code, p.name);
  const userInsert = db.prepare(
    'INSERT INTO users (id, username, display_name, role, branch_id, department_id, password_hash, must_change_password, active, token_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 1, 0, ?, ?)',
  );
  for (const u of d.users)
    userInsert.run(u.id, u.username, u.displayName, u.role, u.branchId, u.departmentId, passwordHash, u.createdAt, u.createdAt);

  const problem = db.prepare(
    `INSERT INTO problems (id, code, title, status, severity, category_id, version, created_at, updated_at, created_by, merged_into_id, dismiss_reason,
       diagnosed_at, consultation_at, remediating_at, verifying_at, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const p of d.problems) {
    problem.run(
      p.id,
      p.code,
      p.title,
      p.status,
      p.severity,
      must(d.catByCode.get(p.theme.category), 'category').id,
      p.version,
      p.createdAt,
      p.updatedAt,
      p.createdBy,
      p.mergedIntoId,
      p.dismissReason,
      p.diagnosedAt,
      p.consultationAt,
      p.remediatingAt,
      p.verifyingAt,
      p.resolvedAt,
    );
  }

  // Feedback in the order it was received; the FTS triggers index the text as it goes in.
  const feedback = db.prepare(
    `INSERT INTO feedback (id, kind, channel, category_id, product_id, branch_id, received_at, text, complaint, customer_ref, recorded_by, problem_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const fbRng = d.rngs.feedback;
  const catIds = new Map(d.categories.map((c) => [c.code, c.id]));
  for (const f of drafts) {
    const recorded = Math.min(d.now, f.at + Math.floor(fbRng.range(0.5, 5) * MINUTE));
    feedback.run(
      fbRng.id('Feedback', f.at),
      f.kind,
      f.channel,
      catIds.get(f.category) ?? null,
      f.productId,
      f.branch.id,
      f.at,
      f.text,
      f.complaint ? 1 : 0,
      f.customerRef,
      f.recordedBy,
      f.problemId,
      recorded,
    );
  }

  const diagnosis = db.prepare(
    'INSERT INTO diagnoses (problem_id, author_id, summary, customer_impact, suspected_cause, submitted_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const r of d.diagnoses) diagnosis.run(...r);
  const diagnosisDept = db.prepare('INSERT INTO diagnosis_departments (problem_id, department_id, position) VALUES (?, ?, ?)');
  for (const r of d.diagnosisDepartments) diagnosisDept.run(...r);
  const consultation = db.prepare(
    `INSERT INTO consultations (problem_id, coordinator_id, opened_at, due_at, root_cause, root_cause_detail, remediation_plan, outcome, issued_by, issued_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of d.consultations.values()) consultation.run(...r);
  const expert = db.prepare('INSERT INTO consultation_experts (problem_id, expert_id, invited_at) VALUES (?, ?, ?)');
  for (const r of d.consultationExperts) expert.run(...r);
  const opinion = db.prepare(
    'INSERT INTO opinions (problem_id, expert_id, department_id, body, agrees_with_diagnosis, submitted_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const r of d.opinions) opinion.run(...r);

  const action = db.prepare(
    `INSERT INTO actions (id, problem_id, branch_id, department_id, title, description, due_at, status, version, position, created_at, updated_at, created_by,
       confirmed_at, returned_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let actionCount = 0;
  for (const p of d.problems) {
    for (const a of p.actions) {
      action.run(
        a.id,
        p.id,
        a.branch?.id ?? null,
        a.departmentId,
        a.title,
        a.description,
        a.dueAt,
        a.status,
        a.version,
        a.position,
        a.createdAt,
        a.updatedAt,
        a.createdBy,
        a.confirmedAt,
        a.returnedCount,
      );
      actionCount++;
    }
  }
  const update = db.prepare('INSERT INTO action_updates (action_id, author_id, note, status, at) VALUES (?, ?, ?, ?, ?)');
  for (const u of [...d.actionUpdates].sort((a, b) => a.at - b.at)) update.run(u.actionId, u.authorId, u.note, u.status, u.at);
  const extension = db.prepare(
    `INSERT INTO extension_requests (action_id, requested_due_at, previous_due_at, reason, decision, requested_by, requested_at, decided_by, decided_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const x of [...d.extensions].sort((a, b) => a.requestedAt - b.requestedAt)) {
    extension.run(
      x.actionId,
      x.requestedDueAt,
      x.previousDueAt,
      x.reason,
      x.decision,
      x.requestedBy,
      x.requestedAt,
      x.decidedBy,
      x.decidedAt,
    );
  }

  const contact = db.prepare(
    `INSERT INTO contact_records (channel, branch_id, offered_at, answered, wait_seconds, first_response_seconds, transferred, work_order, complaint, satisfaction, customer_ref)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let contactCount = 0;
  for (const row of contactRows(d, contactTotal)) {
    contact.run(...row);
    contactCount++;
  }

  // The event log of every problem and action step, oldest first so that seq follows time. The
  // bulk historical feedback gets no FEEDBACK_RECORDED events: 30,000 of them would only bury
  // the loop's own events (the live service writes one for each item it records from now on).
  const event = db.prepare(
    `INSERT INTO hub_events (type, at, actor_id, problem_id, action_id, feedback_id, branch_id, from_status, to_status, note)
     VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`,
  );
  const events = [...d.events].sort((a, b) => a.at - b.at);
  for (const e of events) {
    const note = typeof e.note === 'function' ? e.note() : e.note;
    event.run(e.type, e.at, e.actorId, e.problemId, e.actionId, e.branchId, e.fromStatus, e.toStatus, note);
  }

  return {
    branches: d.nodes.length,
    departments: d.departments.length,
    categories: d.categories.length,
    products: d.products.length,
    users: d.users.length,
    feedback: drafts.length,
    contacts: contactCount,
    problems: d.problems.length,
    actions: actionCount,
    actionUpdates: d.actionUpdates.length,
    extensionRequests: d.extensions.length,
    events: events.length,
  };
}
