/** The feedback customers gave over the six months: what each problem gathered, and the background. */
import { at, must, Sampler, type Rng } from './demo.random.js';
import { DAY, HOUR, MINUTE } from './demo.calendar.js';
import { CATEGORIES, type CategoryCode } from './demo.org.js';
import { subtree, user, usersWith } from './demo.people.js';
import {
  BUSINESS,
  CATEGORY_WORD,
  COMPLAINT_CLOSERS,
  GENERIC_PROBLEMS,
  GENERIC_SUGGESTIONS,
  OPENERS,
  PRAISE,
  PROBLEM_CLOSERS,
  STAFF,
  THEMES,
  type Theme,
} from './demo.themes.js';
import { personalDataSentence } from './demo.personal-data.js';
import type { Channel, Demo, DemoUser, FeedbackDraft, FeedbackKind, OrgNode } from './demo.model.js';

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

/** Composes feedback texts from the themes and templates, drawing from the feedback stream. */
class FeedbackComposer {
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

/**
 * Every feedback item, unsorted: each problem's batches (about 40% of the total), a few of today's
 * recorded by the demo agent, then the background up to `total`.
 */
export function buildFeedback(d: Demo, total: number): FeedbackDraft[] {
  const rng = d.rngs.feedback;
  const cal = d.calendar;
  const composer = new FeedbackComposer(d);
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
    const repeaters = p.theme.key === 'cc_reminder' ? Array.from({ length: 8 }, () => composer.customer() ?? 'C00000000') : [];
    for (const b of p.batches) {
      const from = Math.max(b.from, cal.start + HOUR);
      const to = b.to;
      for (let k = 0; k < b.count; k++) {
        const t = cal.sampleIn(rng, from, to, 1.6);
        const ref = repeaters.length && rng.chance(0.5) ? rng.pick(repeaters) : undefined;
        drafts.push(composer.themed(p.theme, t, p.region, p.owner.id, ref));
      }
    }
  });

  // A few of today's, recorded by the demo agent, so that "my feedback" is never empty.
  const agent = user(d, 'agent').id;
  const todayFrom = Math.max(cal.todayStart, d.now - 10 * HOUR);
  for (let k = 0; k < 6; k++)
    drafts.push(composer.background(Math.floor(todayFrom + rng.next() * Math.max(MINUTE, d.now - MINUTE - todayFrom)), agent));

  while (drafts.length < total) drafts.push(composer.background(cal.sample(rng)));
  return drafts;
}
