import fs from 'node:fs';
import path from 'node:path';
import { inArray } from 'drizzle-orm';
import { startHub, tempDir } from '../utils/hub.js';
import { median, parseCsv, type BenchRow } from './util.js';
import {
  GROUP_THRESHOLD,
  featuresOf,
  groupBySimilarity,
  indexOf,
  normaliseText,
  shingleHashes,
  type FeatureIndex,
} from '../../server/src/insight/insight.rules.js';
import { indexFeedback } from '../../server/src/insight/insight.repository.js';
import { feedbackFeatures } from '../../server/src/insight/insight.table.js';
import { openStore } from '../../server/src/core/db.js';
import { loadDemo } from '../../server/src/demo/demo.seed.js';

/**
 * Row 8: the insight feature's grouping quality (CFPB narratives against their product+issue
 * labels, generated Chinese paraphrases with known groups, the demo's feedback attached to its
 * problems), against two alternatives written here: the hub's previous method (MinHash of the
 * unweighted features, LSH, leader clustering with a guard) and TF-IDF cosine with centroid leader
 * clustering; the time to group 100,000 items; and what the features written in recordFeedback's
 * transaction cost the write path.
 */

const CFPB = '/work/shared/data/cfpb/complaints-narratives.csv';
const NEAR_DUP = 0.8;

// ---------------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------------

interface Item {
  text: string;
  label: string;
}

/** The narratives oldest first (the order the hub groups in), labelled product+issue. */
function loadCfpb(): Item[] {
  const [header, ...rows] = parseCsv(fs.readFileSync(CFPB, 'utf8'));
  const col = (name: string) => header!.indexOf(name);
  const [p, iss, d, n] = [col('product'), col('issue'), col('date_received'), col('narrative')];
  const dated = rows
    .filter((r) => r.length === header!.length)
    .map((r, i) => {
      const [y, m, day] = r[d]!.split('/').map(Number);
      return { text: r[n]!, label: `${r[p]} / ${r[iss]}`, at: Date.UTC(y!, m! - 1, day!), i };
    });
  dated.sort((a, b) => a.at - b.at || a.i - b.i);
  return dated.map(({ text, label }) => ({ text, label }));
}

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 30 complaint themes: object synonyms, problem synonyms, details. */
const THEMES: [string, string, string][] = [
  ['手机银行|手机APP|掌上银行', '转账失败|转账一直不成功|转不了账', '提示系统繁忙|显示交易处理中|页面一直报错'],
  ['信用卡|信用卡账户', '被扣了年费|被收取年费|出现年费扣款', '办卡时说免年费|客户经理承诺首年免年费|之前说刷够次数就免'],
  ['ATM机|自助取款机|取款机', '吞卡|把卡吞了|吞了银行卡', '无法当场取回银行卡|要等三个工作日才能领卡|现场没有工作人员处理'],
  ['网点|营业厅|支行大厅', '排队时间太长|等候时间过长|排队要等很久', '只开了两个窗口|叫号很慢|等了一个多小时'],
  ['客服热线|客服电话|人工客服', '一直打不通|长时间无人接听|转人工很难', '等待了半个小时|反复听语音菜单|打了好几次'],
  ['短信验证码|手机验证码|动态验证码', '收不到|迟迟没有收到|接收不到', '无法完成登录|无法完成支付|重发也没用'],
  ['理财产品|理财|基金理财', '收益低于预期|实际收益比宣传的低|出现亏损', '销售时未充分提示风险|理财经理夸大收益|风险等级不符'],
  ['房贷|住房贷款|按揭贷款', '提前还款手续繁琐|提前还款要排队预约|提前还款被收违约金', '要求多次跑网点|预约要等两个月|合同里没写清楚'],
  ['借记卡|工资卡|储蓄卡', '被冻结|被无故冻结|突然被锁定', '无法正常使用|工资取不出来|没有收到任何通知'],
  ['外币兑换|购汇|换汇业务', '汇率不透明|汇率比别家高|牌价和实际成交价不一致', '柜员解释不清|手续费也很高|没有提前告知'],
  ['指纹登录|人脸识别|刷脸认证', '识别失败|总是验证不通过|经常认证失败', '只能输密码|换了手机后更严重|光线正常也不行'],
  ['U盾|网银盾|网银U盾', '驱动安装失败|插上电脑没反应|无法识别', '换了电脑也不行|客服让重装系统|无法办理对公付款'],
  ['柜员|大堂经理|工作人员', '态度恶劣|服务态度差|很不耐烦', '说话语气很冲|对老人不耐心|爱答不理'],
  ['营销电话|推销电话|电话推销', '太频繁|每天都打来|骚扰不断', '已经明确拒绝过|上班时间也打|影响正常生活'],
  ['车贷|汽车贷款|购车贷款', '审批时间太长|放款太慢|迟迟不放款', '影响提车|经销商一直催|材料早已交齐'],
  ['信用卡积分|积分|积分商城', '兑换失败|突然清零|被无故扣除', '没有提前提醒|客服说系统问题|礼品一直缺货'],
  ['账单分期|分期付款|信用卡分期', '手续费太高|利息不透明|实际年化利率很高', '办理时没有说明|宣传说零利息|提前结清还要收费'],
  ['跨行汇款|跨行转账|异地汇款', '到账延迟|好几天没到账|一直未到账', '对方着急用钱|查询不到进度|说是在途'],
  ['社保卡|社会保障卡|医保卡', '激活失败|无法激活|激活不了', '跑了两个网点|说要等系统开通|看病无法结算'],
  ['登录密码|交易密码|查询密码', '重置流程复杂|重置很麻烦|无法在线重置', '要求本人到网点|老人行动不便|要带很多材料'],
  ['自动扣款|代扣|自动还款', '重复扣款|扣了两次|多扣了钱', '余额不足导致逾期|退款很慢|客服说要核查'],
  ['网点停车位|门口停车场|停车', '车位不足|停车难|没地方停车', '被贴罚单|只能停很远|老人不方便'],
  ['无障碍通道|轮椅坡道|无障碍设施', '没有设置|被杂物堵住|坡度太陡', '轮椅无法进入|残疾客户办业务困难|需要别人抬进去'],
  ['电子回单|交易回单|回单', '下载不了|无法打印|显示空白', '单位财务急需|换了浏览器也不行|只能去柜台打印'],
  ['信用卡额度|信用额度|临时额度', '被降低|突然下调|被大幅降额', '一直按时还款|没有任何通知|影响正常消费'],
  ['开户|开卡|开立账户', '被拒绝|受限|办不了', '没有说明原因|要求提供很多证明|跑了三次'],
  ['挂失补卡|补办银行卡|补卡', '太慢|要等很久|一直没办好', '挂失后卡一直没寄到|说要等十五天|影响工资到账'],
  ['收款码|商户收款码|二维码收款', '到账延迟|到账慢|资金不能及时到账', '影响店铺周转|顾客付了钱显示未到|客服说是清算问题'],
  ['大额取现|取大额现金|现金支取', '需要提前预约|取不到现金|被要求说明用途', '预约后仍然没有现金|急用钱很着急|网点现金不足'],
  ['存款利率|定期利率|存款利息', '下调没有通知|利率和宣传不一致|到期利息算错', '到期才发现|柜员说以系统为准|损失了利息'],
];
const OTHER_OBJECTS =
  '保险箱|基金定投|贵金属|养老金账户|企业网银|公积金|助学贷款|电子钱包|储蓄国债|票据贴现|保函|信用报告|数字人民币|话费充值|水电费缴纳|境外消费|账户管理费|存折补登|对公账户|手机号变更'.split(
    '|',
  );
const OTHER_PROBLEMS =
  '说明书看不懂|页面字体太小|合同条款有错别字|到账金额对不上|宣传材料已经过期|系统升级后找不到入口|语音导航选项太多|叫号顺序出错|各网点手续费标准不一致|提交申请后等待回复太久|被要求重复提交资料|提醒短信内容写错|英文界面翻译错误|营业时间与公告不符|线上预约总是失败|发票开具错误'.split(
    '|',
  );
const OPENERS = ['客户来电反映：', '客户到网点投诉称', '客户在手机银行意见反馈中提交：', '客户表示', '', '客户致电称'];
const CLOSERS = ['希望银行尽快解决。', '客户情绪较为激动，要求回电。', '请相关部门核实处理。', '', '客户要求给予解释。'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高'.split('');

function chineseGenerator(seed: number, boilerplate = true) {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
  const detail = () =>
    pick([
      () => `尾号${digits(4)}的卡`,
      () => `金额${Math.floor(r() * 50000)}元`,
      () => `联系电话13${digits(9)}`,
      () => `${pick(SURNAMES)}${pick(['先生', '女士'])}`,
      () => `${1 + Math.floor(r() * 12)}月${1 + Math.floor(r() * 28)}日`,
    ])();
  const sentence = (obj: string, prob: string, ext: string) => {
    const [o, c] = boilerplate ? [pick(OPENERS), pick(CLOSERS)] : ['', ''];
    switch (Math.floor(r() * 3)) {
      case 0:
        return `${o}${detail()}${obj}${prob}，${ext}。${c}`;
      case 1:
        return `${o}${detail()}使用${obj}时${prob}，${ext}，${detail()}。${c}`;
      default:
        return `${o}${obj}${prob}，${detail()}，${ext}。${c}`;
    }
  };
  return {
    theme: (t: number) => {
      const [objs, probs, exts] = THEMES[t % THEMES.length]!.map((s) => s.split('|')) as [string[], string[], string[]];
      return sentence(pick(objs), pick(probs), pick(exts));
    },
    /** The `k`th distinct unrelated complaint (object × problem pairs outside the themes). */
    other: (k: number) =>
      sentence(
        OTHER_OBJECTS[k % OTHER_OBJECTS.length]!,
        OTHER_PROBLEMS[Math.floor(k / OTHER_OBJECTS.length) % OTHER_PROBLEMS.length]!,
        detail(),
      ),
    shuffle<T>(xs: T[]): T[] {
      for (let i = xs.length - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [xs[i], xs[j]] = [xs[j]!, xs[i]!];
      }
      return xs;
    },
    r,
  };
}

/** 30 themes × 20 paraphrases and 300 singletons, shuffled. */
function generatedChinese(boilerplate = true): Item[] {
  const g = chineseGenerator(42, boilerplate);
  const items: Item[] = [];
  for (let t = 0; t < 30; t++) for (let k = 0; k < 20; k++) items.push({ text: g.theme(t), label: `theme ${t}` });
  for (let k = 0; k < 300; k++) items.push({ text: g.other(k), label: `single ${k}` });
  return g.shuffle(items);
}

// ---------------------------------------------------------------------------------------------
// Grouping: the hub's, and the alternative
// ---------------------------------------------------------------------------------------------

const identity = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

/** The hub's grouping (insight.rules.groupBySimilarity, as suggestedProblems calls it): the group of each item. */
function hubGroups(index: FeatureIndex, threshold = GROUP_THRESHOLD): Int32Array {
  return groupBySimilarity(index, identity(index.size), threshold);
}

/**
 * The hub's previous method, as it was (for before/after in one run): a 64-value MinHash of the
 * unweighted features (estimated Jaccard), LSH with 32 bands of 2 rows (2 band hits before
 * comparing, 8 items a band value), identical signatures grouped at once, and leader clustering:
 * an item joins the group of its most similar earlier item (J ≥ `threshold`) if it is also ≥ 0.2
 * from that group's leader, else the most similar leader, else leads a group.
 */
function previousGroups(texts: readonly string[], threshold = 0.35): Int32Array {
  const K = 64;
  const mix = (v: number) => {
    v = Math.imul(v ^ (v >>> 16), 0x85ebca6b);
    v = Math.imul(v ^ (v >>> 13), 0xc2b2ae35);
    return (v ^ (v >>> 16)) >>> 0;
  };
  const seeds = new Uint32Array(K);
  for (let i = 0, x = 0x9e3779b9; i < K; i++) {
    x = (x + 0x6d2b79f5) >>> 0;
    let t = x;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    seeds[i] = (t ^ (t >>> 14)) >>> 0;
  }
  const EMPTY = 0xffffffff;
  const sigs = texts.map((text) => {
    const sig = new Uint32Array(K).fill(EMPTY);
    for (const h of shingleHashes(text))
      for (let i = 0; i < K; i++) {
        const v = mix(h ^ seeds[i]!);
        if (v < sig[i]!) sig[i] = v;
      }
    return sig;
  });
  const matches = (a: Uint32Array, b: Uint32Array) => {
    let m = 0;
    for (let i = 0; i < K; i++) if (a[i] === b[i] && a[i] !== EMPTY) m++;
    return m;
  };
  const needed = Math.ceil(threshold * K - 1e-9);
  const guard = Math.ceil(0.2 * K - 1e-9);
  const n = texts.length;
  const leaderOf = new Int32Array(n).fill(-1);
  const exact = new Map<string, number>();
  const buckets = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const sig = sigs[i]!;
    if (sig[0] === EMPTY) {
      leaderOf[i] = i;
      continue;
    }
    const whole = sig.join(',');
    const twin = exact.get(whole);
    if (twin !== undefined) {
      leaderOf[i] = leaderOf[twin]!;
      continue;
    }
    exact.set(whole, i);
    const hits = new Map<number, number>();
    let best = -1;
    let bestCount = needed - 1;
    let bestLeader = -1;
    let bestLeaderCount = needed - 1;
    const keys: string[] = [];
    for (let b = 0; b < 32; b++) {
      const key = `${b}:${sig[2 * b]}:${sig[2 * b + 1]}`;
      keys.push(key);
      for (const l of buckets.get(key) ?? []) {
        const h = (hits.get(l) ?? 0) + 1;
        hits.set(l, h);
        if (h !== 2) continue;
        const count = matches(sigs[l]!, sig);
        if (count > bestCount) [best, bestCount] = [l, count];
        if (leaderOf[l] === l && count > bestLeaderCount) [bestLeader, bestLeaderCount] = [l, count];
      }
    }
    for (const key of keys) {
      const bucket = buckets.get(key);
      if (!bucket) buckets.set(key, [i]);
      else if (bucket.length < 8) bucket.push(i);
    }
    if (best >= 0) {
      const group = leaderOf[best]!;
      if (group === best || matches(sigs[group]!, sig) >= guard) {
        leaderOf[i] = group;
        continue;
      }
    }
    leaderOf[i] = bestLeader >= 0 ? bestLeader : i;
  }
  return leaderOf;
}

/**
 * The alternative: TF-IDF over the same features (binary term frequency, idf = ln(N/df), not
 * squared; every feature, no cap; L2 normalised), each item in turn joins the group whose centroid
 * is most cosine-similar if at least `threshold`, else starts one. Centroid dot products come from
 * an inverted index of every member (exact, no budget).
 */
function tfidfCentroidGroups(texts: readonly string[], threshold = 0.2): Int32Array {
  const feats = texts.map((t) => shingleHashes(t));
  const df = new Map<number, number>();
  for (const f of feats) for (const h of f) df.set(h, (df.get(h) ?? 0) + 1);
  const n = texts.length;
  const vectors = feats.map((f) => {
    const w = Array.from(f, (h) => Math.log(n / df.get(h)!));
    const norm = Math.sqrt(w.reduce((s, x) => s + x * x, 0)) || 1;
    return { f, w: w.map((x) => x / norm) };
  });
  const postings = new Map<number, { g: number[]; w: number[] }>();
  const norm2: number[] = [];
  const groupOf = new Int32Array(n);
  const score = new Float64Array(n);
  const touched: number[] = [];
  for (let i = 0; i < n; i++) {
    const { f, w } = vectors[i]!;
    for (let k = 0; k < f.length; k++) {
      const p = postings.get(f[k]!);
      if (!p) continue;
      for (let m = 0; m < p.g.length; m++) {
        const g = p.g[m]!;
        if (score[g] === 0) touched.push(g);
        score[g] = score[g]! + w[k]! * p.w[m]!;
      }
    }
    let best = -1;
    let bestCos = threshold;
    for (const g of touched) {
      const cos = score[g]! / Math.sqrt(norm2[g]!);
      if (cos >= bestCos) [best, bestCos] = [g, cos];
    }
    const g = best >= 0 ? best : norm2.length;
    if (best < 0) norm2.push(0);
    // |c + x|² = |c|² + 2 c·x + |x|²
    norm2[g] = norm2[g]! + 2 * (best >= 0 ? score[g]! : 0) + 1;
    for (const t of touched) score[t] = 0;
    touched.length = 0;
    groupOf[i] = g;
    for (let k = 0; k < f.length; k++) {
      let p = postings.get(f[k]!);
      if (!p) postings.set(f[k]!, (p = { g: [], w: [] }));
      p.g.push(g);
      p.w.push(w[k]!);
    }
  }
  return groupOf;
}

// ---------------------------------------------------------------------------------------------
// Scores
// ---------------------------------------------------------------------------------------------

interface Quality {
  ari: number;
  bcubedP: number;
  bcubedR: number;
  bcubedF1: number;
  /** Share of grouped items (in groups of ≥ 2) carrying their group's majority label. */
  purity: number;
  purity3: number;
  grouped: number;
  groups: number;
}

const pairs = (k: number) => (k * (k - 1)) / 2;

/** Against the labels; an item alone in its group is a singleton. */
function quality(groupOf: ArrayLike<number>, labels: readonly string[]): Quality {
  const n = labels.length;
  const cells = new Map<string, number>();
  const sizeOf = new Map<number, number>();
  const classOf = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = `${groupOf[i]}\u0000${labels[i]}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    sizeOf.set(groupOf[i]!, (sizeOf.get(groupOf[i]!) ?? 0) + 1);
    classOf.set(labels[i]!, (classOf.get(labels[i]!) ?? 0) + 1);
  }
  let sumCells = 0;
  let p = 0;
  let r = 0;
  const majority = new Map<number, number>();
  for (const [key, c] of cells) {
    const [g, label] = key.split('\u0000') as [string, string];
    sumCells += pairs(c);
    p += (c * c) / sizeOf.get(Number(g))!;
    r += (c * c) / classOf.get(label)!;
    majority.set(Number(g), Math.max(majority.get(Number(g)) ?? 0, c));
  }
  const sumGroups = [...sizeOf.values()].reduce((s, k) => s + pairs(k), 0);
  const sumClasses = [...classOf.values()].reduce((s, k) => s + pairs(k), 0);
  const expected = (sumGroups * sumClasses) / pairs(n);
  const ari = (sumCells - expected) / ((sumGroups + sumClasses) / 2 - expected);
  let grouped = 0;
  let pure = 0;
  let grouped3 = 0;
  let pure3 = 0;
  let groups = 0;
  for (const [g, k] of sizeOf) {
    if (k < 2) continue;
    groups++;
    grouped += k;
    pure += majority.get(g)!;
    if (k >= 3) {
      grouped3 += k;
      pure3 += majority.get(g)!;
    }
  }
  const bcubedP = p / n;
  const bcubedR = r / n;
  return {
    ari,
    bcubedP,
    bcubedR,
    bcubedF1: (2 * bcubedP * bcubedR) / (bcubedP + bcubedR),
    purity: grouped ? pure / grouped : NaN,
    purity3: grouped3 ? pure3 / grouped3 : NaN,
    grouped: grouped / n,
    groups,
  };
}

/** Sorted distinct hashes of the word 3-grams of the normalised text (every word, stop words included). */
function trigramSet(text: string): Int32Array {
  const words = normaliseText(text).split(' ').filter(Boolean);
  const out = new Set<number>();
  for (let i = 0; i < Math.max(1, words.length - 2); i++) {
    let h = 0x811c9dc5;
    for (const c of words.slice(i, i + 3).join(' ')) h = Math.imul(h ^ (c.codePointAt(0) ?? 0), 0x01000193);
    out.add(h | 0);
  }
  return Int32Array.from(out).sort();
}

function jaccard(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  const union = a.length + b.length - common;
  return union ? common / union : 0;
}

/**
 * Of the pairs of items put in one group, the share whose texts are near-identical (word 3-gram
 * Jaccard ≥ NEAR_DUP): how much of the grouping is copies. Every pair when there are at most
 * 200,000, else an even sample of them.
 */
function nearDuplicatePrecision(
  groupOf: ArrayLike<number>,
  grams: readonly Int32Array[],
): { precision: number; loose: number; pairs: number } {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < grams.length; i++) {
    const m = groups.get(groupOf[i]!);
    if (m) m.push(i);
    else groups.set(groupOf[i]!, [i]);
  }
  const total = [...groups.values()].reduce((s, m) => s + pairs(m.length), 0);
  const step = Math.max(1, Math.ceil(total / 200_000));
  let seen = 0;
  let checked = 0;
  let near = 0;
  let loose = 0;
  for (const m of groups.values())
    for (let a = 0; a < m.length; a++)
      for (let b = a + 1; b < m.length; b++)
        if (seen++ % step === 0) {
          checked++;
          const j = jaccard(grams[m[a]!]!, grams[m[b]!]!);
          if (j >= NEAR_DUP) near++;
          if (j >= 0.5) loose++;
        }
  return { precision: checked ? near / checked : NaN, loose: checked ? loose / checked : NaN, pairs: total };
}

/**
 * Every pair of near-identical texts (word 3-gram Jaccard ≥ NEAR_DUP: the template letters), found
 * through the 3-grams at most 50 texts have (a pair that near shares most of its rare ones).
 */
function nearDuplicatePairs(grams: readonly Int32Array[]): [number, number][] {
  const postings = new Map<number, number[]>();
  grams.forEach((g, i) => {
    for (const h of g) {
      const p = postings.get(h);
      if (p) p.push(i);
      else postings.set(h, [i]);
    }
  });
  const seen = new Set<number>();
  const out: [number, number][] = [];
  for (const p of postings.values()) {
    if (p.length > 50) continue;
    for (let a = 0; a < p.length; a++)
      for (let b = a + 1; b < p.length; b++) {
        const key = p[a]! * grams.length + p[b]!;
        if (seen.has(key)) continue;
        seen.add(key);
        if (jaccard(grams[p[a]!]!, grams[p[b]!]!) >= NEAR_DUP) out.push([p[a]!, p[b]!]);
      }
  }
  return out;
}

/** The share of near-duplicate pairs that the grouping puts in one group. */
const nearDuplicateRecall = (groupOf: ArrayLike<number>, dups: readonly [number, number][]) =>
  dups.length ? dups.filter(([a, b]) => groupOf[a] === groupOf[b]).length / dups.length : NaN;

const f2 = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const describeQ = (q: Quality) =>
  `ARI ${f2(q.ari)}, B³ F1 ${f2(q.bcubedF1)} (P ${f2(q.bcubedP)}, R ${f2(q.bcubedR)}), purity ${f2(q.purity)} (groups ≥ 3: ${f2(q.purity3)}), grouped ${pct(q.grouped)} in ${q.groups} groups`;

// ---------------------------------------------------------------------------------------------
// Speed
// ---------------------------------------------------------------------------------------------

/** A narrative with ~10% of its words dropped and every number changed: a near copy. */
function perturb(text: string, r: () => number): string {
  return text
    .split(/\s+/)
    .filter(() => r() > 0.1)
    .map((w) => (/\d/.test(w) ? String(Math.floor(r() * 100000)) : w))
    .join(' ');
}

function timeGrouping(texts: readonly string[]): { signMs: number; groupMs: number; groups: number } {
  const t0 = performance.now();
  const index = indexOf(texts);
  // The weights as the cache has them before a query: computed once per batch of new items.
  index.weights();
  const t1 = performance.now();
  const leaderOf = hubGroups(index);
  const t2 = performance.now();
  const groups = new Set(leaderOf).size;
  return { signMs: t1 - t0, groupMs: t2 - t1, groups };
}

/** recordFeedback over HTTP, one at a time, on a started hub; and indexFeedback's part of it, measured in its store. */
async function writeCost(n = 400): Promise<{ recordUs: number; recordMeanUs: number; indexUs: number; signUs: number }> {
  const hub = await startHub({ demo: { feedback: 300, contacts: 300 }, env: { RATE_POINTS_PER_MINUTE: '1000000000' } });
  try {
    const agent = await hub.login('agent');
    const org = await hub.gql(agent, '{ branches { id code } categories { id } }');
    const categoryId = org.data!.categories[0].id as string;
    const branchId = (org.data!.branches as { id: string; code: string }[]).find((b) => b.code === 'SH')!.id;
    const g = chineseGenerator(7);
    const texts = Array.from({ length: n }, (_, i) => (i % 3 ? g.theme(i) : g.other(i)));
    const record = (text: string) =>
      hub.gql(agent, 'mutation($i: RecordFeedbackInput!) { recordFeedback(input: $i) { id } }', {
        i: { kind: 'PROBLEM', channel: 'VOICE', categoryId, branchId, text },
      });
    for (let i = 0; i < 30; i++) await record(texts[i]!);
    const times: number[] = [];
    let total = 0;
    for (const text of texts) {
      const t0 = performance.now();
      const res = await record(text);
      const dt = performance.now() - t0;
      if (res.errors) throw new Error(`recordFeedback failed: ${JSON.stringify(res.errors)}`);
      times.push(dt);
      total += dt;
    }
    // The same items indexed again, as recordFeedback's transaction does, in a transaction rolled back.
    const rows = hub.store.raw.prepare('SELECT id, text FROM feedback ORDER BY rowid DESC LIMIT ?').all(n) as {
      id: string;
      text: string;
    }[];
    const indexTimes: number[] = [];
    await hub.store
      .transaction(async (tx) => {
        await tx.delete(feedbackFeatures).where(
          inArray(
            feedbackFeatures.feedbackId,
            rows.map((r) => r.id),
          ),
        );
        for (const row of rows) {
          const t0 = performance.now();
          await indexFeedback(tx, row);
          indexTimes.push(performance.now() - t0);
        }
        throw new Error('roll back');
      })
      .catch((err: Error) => {
        if (err.message !== 'roll back') throw err;
      });
    const signTimes = rows.map((row) => {
      const t0 = performance.now();
      featuresOf(row.text);
      return performance.now() - t0;
    });
    return {
      recordUs: median(times) * 1000,
      recordMeanUs: (total / n) * 1000,
      indexUs: median(indexTimes) * 1000,
      signUs: median(signTimes) * 1000,
    };
  } finally {
    await hub.stop();
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * The demo generator's texts, read from its source (server/src/demo/demo.themes.ts): each theme's
 * wordings of one problem (`texts`, `suggestions`) share the theme's label, each generic text is
 * its own. `{placeholders}` match anything; a leading 客户 is optional (the generator drops it
 * after some openers). Null when the source has changed shape so much that nothing is found.
 */
function demoTemplates(): { label: string; re: RegExp }[] | null {
  const src = fs.readFileSync(path.join(import.meta.dirname, '../../server/src/demo/demo.themes.ts'), 'utf8');
  const strings = (block: string) => [...block.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]!).filter((t) => /[\u4e00-\u9fff]/.test(t));
  const toRe = (t: string) => {
    let body = t.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, '(.*?)');
    if (t.startsWith('客户')) body = `(?:客户)?${body.slice(2)}`;
    return new RegExp(body);
  };
  const out: { label: string; re: RegExp }[] = [];
  const start = src.indexOf('const THEMES: readonly Theme[] = [');
  const themes = src.slice(start, src.indexOf('\n];', start));
  const keys = [...themes.matchAll(/\n {2}\{\n {4}key: '(\w+)',/g)];
  keys.forEach((k, i) => {
    const body = themes.slice(k.index, keys[i + 1]?.index);
    for (const field of ['texts', 'suggestions']) {
      const m = body.match(new RegExp(`\\n {4}${field}: \\[([\\s\\S]*?)\\],?\\n`));
      if (m) for (const t of strings(m[1]!)) out.push({ label: `theme ${k[1]}`, re: toRe(t) });
    }
  });
  for (const name of ['GENERIC_PROBLEMS', 'GENERIC_SUGGESTIONS']) {
    const at = src.indexOf(`const ${name}`);
    for (const t of strings(src.slice(at, src.indexOf('\n};', at)))) out.push({ label: t, re: toRe(t) });
  }
  return out.length ? out : null;
}

interface DemoFeedback {
  /** Every demo text, oldest first: the corpus the weights come from. */
  all: string[];
  /** Items attached to a problem, labelled by its title. */
  attached: { slot: number; text: string; label: string }[];
  /** What suggestedProblems groups (problems and suggestions attached to nothing), labelled by the generator's template. */
  candidates: { slot: number; text: string; label: string }[];
}

async function loadDemoFeedback(): Promise<DemoFeedback> {
  const dir = tempDir();
  const store = openStore(path.join(dir, 'hub.sqlite'));
  try {
    await loadDemo(store, { now: new Date(Date.UTC(2026, 10, 20)), feedback: 30_000, contacts: 300, seed: 7 });
    const rows = store.raw
      .prepare(
        `SELECT f.text AS text, f.kind AS kind, p.title AS title FROM feedback f LEFT JOIN problems p ON p.id = f.problem_id
         ORDER BY f.received_at, f.id`,
      )
      .all() as { text: string; kind: string; title: string | null }[];
    const templates = demoTemplates() ?? [];
    return {
      all: rows.map((r) => r.text),
      attached: rows.flatMap((r, slot) => (r.title ? [{ slot, text: r.text, label: r.title }] : [])),
      candidates: rows.flatMap((r, slot) => {
        if (r.title || r.kind === 'PRAISE') return [];
        const label = templates.find((t) => t.re.test(r.text))?.label;
        return label ? [{ slot, text: r.text, label }] : [];
      }),
    };
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchInsight(): Promise<{ rows: BenchRow[] }> {
  const rows: BenchRow[] = [];

  // 1–4. CFPB
  const cfpb = loadCfpb();
  const texts = cfpb.map((c) => c.text);
  const labels = cfpb.map((c) => c.label);
  const products = cfpb.map((c) => c.label.split(' / ')[0]!);
  const grams = texts.map(trigramSet);
  const dups = nearDuplicatePairs(grams);
  const index = indexOf(texts);
  const t0 = performance.now();
  const hub = hubGroups(index);
  const hubMs = performance.now() - t0;
  const hubQ = quality(hub, labels);
  const hubP = quality(hub, products);
  const hubDup = nearDuplicatePrecision(hub, grams);
  const sweep = [0.1, 0.2, 0.25, 0.3].map((th) => {
    const g = hubGroups(index, th);
    const q = quality(g, labels);
    return `at ${th}: ARI ${f2(q.ari)}, B³ F1 ${f2(q.bcubedF1)}, purity ${f2(q.purity)}, grouped ${pct(q.grouped)}, near-dup precision ${f2(nearDuplicatePrecision(g, grams).precision)}`;
  });
  const t1 = performance.now();
  const alt = tfidfCentroidGroups(texts, 0.2);
  const altMs = performance.now() - t1;
  const altQ = quality(alt, labels);
  const altP = quality(alt, products);
  const altDup = nearDuplicatePrecision(alt, grams);
  const prev = previousGroups(texts);
  const prevQ = quality(prev, labels);
  const prevP = quality(prev, products);
  const prevDup = nearDuplicatePrecision(prev, grams);
  const prevLow = previousGroups(texts, 0.25);
  const prevLowQ = quality(prevLow, labels);
  rows.push({
    name: `8. insight: CFPB ${texts.length} narratives, hub grouping (IDF² cosine ≥ ${GROUP_THRESHOLD} to group centres) — B-cubed F1 vs product+issue`,
    value: hubQ.bcubedF1,
    unit: 'F1',
    note: `${describeQ(hubQ)}; vs product alone: ARI ${f2(hubP.ari)}, B³ F1 ${f2(hubP.bcubedF1)}, purity ${f2(hubP.purity)}; ${Math.round(texts.length * (1 - hubQ.grouped))} items ungrouped (singletons); ${Math.round(hubMs)} ms. Other thresholds: ${sweep.join('; ')}`,
  });
  rows.push({
    name: '8. insight: CFPB near-duplicate precision of the hub grouping (pairs in one group with word 3-gram Jaccard ≥ 0.8)',
    value: hubDup.precision,
    unit: 'share of pairs',
    note: `over all ${hubDup.pairs} same-group pairs (normalised text, every word); ≥ 0.5: ${f2(hubDup.loose)}. Recall: ${f2(nearDuplicateRecall(hub, dups))} of the ${dups.length} near-duplicate pairs are in one group (previous method ${f2(nearDuplicateRecall(prev, dups))}, TF-IDF ${f2(nearDuplicateRecall(alt, dups))}). Previous method: ${f2(prevDup.precision)} of ${prevDup.pairs} pairs; TF-IDF alternative: ${f2(altDup.precision)} (≥ 0.5: ${f2(altDup.loose)}) of ${altDup.pairs} pairs. Falls as groups take in reworded complaints besides copies`,
  });
  rows.push({
    name: '8. insight: CFPB, alternative TF-IDF cosine (same features) + centroid leader clustering at 0.2 — B-cubed F1 vs product+issue',
    value: altQ.bcubedF1,
    unit: 'F1',
    note: `${describeQ(altQ)}; vs product alone: ARI ${f2(altP.ari)}, B³ F1 ${f2(altP.bcubedF1)}, purity ${f2(altP.purity)}; near-dup precision ${f2(altDup.precision)}; ${Math.round(altMs)} ms (exact, unbounded candidate search)`,
  });
  rows.push({
    name: '8. insight: CFPB, previous hub method (MinHash J ≥ 0.35 of unweighted features, LSH, leader guard) — B-cubed F1 vs product+issue',
    value: prevQ.bcubedF1,
    unit: 'F1',
    note: `${describeQ(prevQ)}; vs product alone: ARI ${f2(prevP.ari)}, B³ F1 ${f2(prevP.bcubedF1)}, purity ${f2(prevP.purity)}; near-dup precision ${f2(prevDup.precision)}. At J ≥ 0.25: ${describeQ(prevLowQ)}`,
  });

  // 5. Generated Chinese
  const zh = generatedChinese();
  const zhTexts = zh.map((z) => z.text);
  const zhLabels = zh.map((z) => z.label);
  const zhGroups = hubGroups(indexOf(zhTexts));
  const zhHub = quality(zhGroups, zhLabels);
  const themes = zhLabels.flatMap((l, i) => (l.startsWith('theme') ? [i] : []));
  const zhThemes = quality(
    themes.map((i) => zhGroups[i]!),
    themes.map((i) => zhLabels[i]!),
  );
  const zhAlt = quality(tfidfCentroidGroups(zhTexts, 0.2), zhLabels);
  const zhPrev = quality(previousGroups(zhTexts), zhLabels);
  const bare = generatedChinese(false);
  const bareTexts = bare.map((z) => z.text);
  const bareLabels = bare.map((z) => z.label);
  const bareHub = quality(hubGroups(indexOf(bareTexts)), bareLabels);
  const bareAlt = quality(tfidfCentroidGroups(bareTexts, 0.2), bareLabels);
  const barePrev = quality(previousGroups(bareTexts), bareLabels);
  rows.push({
    name: '8. insight: generated Chinese, 30 themes × 20 paraphrases + 300 singletons, hub grouping — ARI',
    value: zhHub.ari,
    unit: 'ARI',
    note: `hub: ${describeQ(zhHub)}; the themes' 600 items alone: ARI ${f2(zhThemes.ari)}, B³ P ${f2(zhThemes.bcubedP)}, R ${f2(zhThemes.bcubedR)} (the "singletons" share an object or a problem with 14–19 others, and are grouped by it). Previous method: ${describeQ(zhPrev)}. TF-IDF centroid 0.2: ${describeQ(zhAlt)}. Without the agents' openers/closers: hub ARI ${f2(bareHub.ari)}, B³ F1 ${f2(bareHub.bcubedF1)}, purity ${f2(bareHub.purity)}, grouped ${pct(bareHub.grouped)}; previous ARI ${f2(barePrev.ari)}; TF-IDF ARI ${f2(bareAlt.ari)}, B³ F1 ${f2(bareAlt.bcubedF1)}, purity ${f2(bareAlt.purity)}. Paraphrases: synonyms of object/problem/detail, 3 sentence patterns, random openers/closers, card tails, amounts, phones, names, dates`,
  });

  // 6–7. The demo's feedback, weighted by the whole demo corpus as the hub does.
  const demo = await loadDemoFeedback();
  const demoIndex = indexOf(demo.all);
  const demoCandLabels = demo.candidates.map((a) => a.label);
  const demoCand = quality(
    groupBySimilarity(
      demoIndex,
      demo.candidates.map((a) => a.slot),
    ),
    demoCandLabels,
  );
  const demoCandPrev = quality(previousGroups(demo.candidates.map((a) => a.text)), demoCandLabels);
  const demoCandAlt = quality(
    tfidfCentroidGroups(
      demo.candidates.map((a) => a.text),
      0.2,
    ),
    demoCandLabels,
  );
  rows.push({
    name: `8. insight: demo, ${demo.candidates.length} unattached problems and suggestions labelled by the generator's theme or text (${new Set(demoCandLabels).size} labels), hub grouping — ARI`,
    value: demoCand.ari,
    unit: 'ARI',
    note: `hub (weights from all ${demo.all.length} demo items): ${describeQ(demoCand)}. Previous method: ${describeQ(demoCandPrev)}. TF-IDF centroid 0.2: ${describeQ(demoCandAlt)}. What suggestedProblems groups in the demo; labels from demo.seed.ts (a theme's several wordings are one label)`,
  });
  const demoLabels = demo.attached.map((a) => a.label);
  const demoHub = quality(
    groupBySimilarity(
      demoIndex,
      demo.attached.map((a) => a.slot),
    ),
    demoLabels,
  );
  const demoPrev = quality(previousGroups(demo.attached.map((a) => a.text)), demoLabels);
  rows.push({
    name: `8. insight: demo, ${demo.attached.length} items attached to ${new Set(demoLabels).size} problem titles, hub grouping — ARI`,
    value: demoHub.ari,
    unit: 'ARI',
    note: `hub (weights from all ${demo.all.length} demo items): ${describeQ(demoHub)}. Previous method: ${describeQ(demoPrev)}. Titles repeat across branches ("网点排队时间长" in 3 cities): the texts cannot tell those apart`,
  });

  // 8. Speed
  const g = chineseGenerator(99);
  const zh100k = Array.from({ length: 100_000 }, (_, i) => (g.r() < 0.6 ? g.theme(i) : g.other(Math.floor(g.r() * 320))));
  const zhSpeed = timeGrouping(zh100k);
  const r = prng(5);
  const en100k = Array.from({ length: 100_000 }, (_, i) => perturb(texts[i % texts.length]!, r));
  const enSpeed = timeGrouping(en100k);
  rows.push({
    name: '8. insight: grouping 100,000 generated Chinese items (groupBySimilarity, signatures precomputed)',
    value: zhSpeed.groupMs / 1000,
    unit: 's',
    target: 'grouping 100,000 < 10 s',
    note: `${zhSpeed.groups} groups; computing the 100,000 items' features and indexing them took ${(zhSpeed.signMs / 1000).toFixed(1)} s more (done once: features at record time, the index as the cache loads)`,
  });
  rows.push({
    name: '8. insight: grouping 100,000 long English items (CFPB × 23, ~10% of words dropped, numbers changed)',
    value: enSpeed.groupMs / 1000,
    unit: 's',
    target: 'grouping 100,000 < 10 s',
    note: `${enSpeed.groups} groups; features and index took ${(enSpeed.signMs / 1000).toFixed(1)} s more`,
  });

  const w = await writeCost();
  const share = w.indexUs / (w.recordUs - w.indexUs);
  rows.push({
    name: "8. insight: indexing's cost in recordFeedback (indexFeedback ÷ recordFeedback over HTTP without it)",
    value: 100 * share,
    unit: '%',
    target: 'recording within 20% of its speed without indexing',
    note: `recordFeedback over HTTP, one at a time: median ${Math.round(w.recordUs)} µs (mean ${Math.round(w.recordMeanUs)} µs); indexFeedback (features + insert, in a transaction rolled back): median ${Math.round(w.indexUs)} µs, of which the features ${Math.round(w.signUs)} µs. The service has no switch to skip indexing, so "without" = record − index`,
  });
  return { rows };
}
