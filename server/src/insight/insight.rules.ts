/**
 * Similarity of feedback text, and grouping by it: pure functions, no I/O.
 *
 * Feedback is short free text, mostly Chinese (no spaces between words), sometimes English or
 * mixed ("U盾", "APP"). Each item is reduced to a set of features (character bigrams of Chinese,
 * words of other scripts), stored once when the item is recorded. Items are compared by the cosine
 * of their feature sets weighted by inverse document frequency over every indexed item
 * (insight.feature-index.rules): what every agent writes ("客户来电反映：", "希望银行尽快解决。") weighs little,
 * what few items share weighs much. No model, no service.
 */
import { createHash } from 'node:crypto';
import { FeatureIndex, mix32, termWeight, type TermVector } from './insight.feature-index.rules.js';

export { FeatureIndex, type TermVector };

/**
 * Features kept per item: the FEATURE_CAP with the least (mixed) hash, so that long texts keep the
 * same consistent sample of their features (two copies of a long letter keep the same ones). 128
 * covers 91% of CFPB narratives whole, and every item of the demo (63 at most).
 */
export const FEATURE_CAP = 128;
/**
 * Cosine from which two items count as similar (similarFeedback, recurrence). Among the generated
 * Chinese paraphrases (bench), pairs of one theme at ≥ 0.25: precision 0.998, recall 0.49 (the
 * previous MinHash at J ≥ 0.35: 0.42 and 0.14). Two unrelated complaints sharing an agent's long
 * opener and closer score 0.01–0.07 among 600–3,000 items (J 0.5–0.6 unweighted); reworded
 * paraphrases, 0.4–0.6.
 */
export const SIMILARITY_THRESHOLD = 0.25;
/**
 * Cosine of an item with a group's centre (the sum of its members' unit vectors) from which it
 * joins the group (a group of one text: SIMILARITY_THRESHOLD). README "Quality": the best on the
 * generated Chinese (0.2 and 0.1 did worse) and on the demo; the CFPB narratives then group 33% of
 * the items at purity 0.57 (0.3: 19% at 0.72), on about the curve of the previous method.
 */
export const GROUP_THRESHOLD = 0.15;
/**
 * Postings (term → groups having it) read per item to find candidate groups, rarest terms first.
 * A term more groups have than the budget left (客户, "account") is not read; its share of the
 * score is added exactly for the best candidates only. Bounds grouping at O(items × budget).
 */
const SCAN_BUDGET = 512;
/** Candidates, by the score of the postings read, whose exact cosine is computed. */
const FINALISTS = 4;
/** Format byte of a stored feature set: 1 = sorted distinct features, little-endian uint32 after this byte. */
const FORMAT = 1;

// ---------------------------------------------------------------------------------------------
// Text → n-grams → features
// ---------------------------------------------------------------------------------------------

/**
 * NFKC (full-width letters and digits become ASCII), lower case, every run of digits becomes one
 * `0` (so that phone, card and amount figures do not make two complaints look alike or unlike),
 * and everything that is not a letter, mark or digit becomes a single space.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\p{Nd}+/gu, '0')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim();
}

/** Han, kana and hangul: scripts written without spaces, where a character is the unit. */
function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2ebef) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x3040 && cp <= 0x30ff) ||
    (cp >= 0xac00 && cp <= 0xd7af)
  );
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const fnvStep = (h: number, cp: number): number => Math.imul(h ^ cp, FNV_PRIME);

/**
 * English function words. In space-separated text every word is a feature, and these few make up
 * a third of any long narrative: unweighted, two unrelated CFPB complaints shared a Jaccard of
 * 0.3–0.4 through them. Weights make them count little, but they would still take places among
 * the FEATURE_CAP features a long narrative keeps.
 */
const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about after again all also am an and any are as at be because been before being but by can could did do does doing ' +
    'down during each few for from further had has have having he her here hers him his how i if in into is it its just me ' +
    'more most my no nor not now of off on once only or other our out over own same she should so some such than that the ' +
    'their them then there these they this those through to too under until up very was we were what when where which while ' +
    'who whom why will with would you your'
  ).split(' '),
);

/** `XXXX` is how exports redact names and dates (CFPB does): a mask, not a word. */
const REDACTION = /^x+$/;

/**
 * The distinct features of a text, hashed to 32 bits: character bigrams within runs of CJK text
 * (a lone CJK character counts as itself), since Chinese has no spaces to find words by; and
 * the words of every other script, but for English function words and redaction marks.
 */
export function shingleHashes(text: string): Uint32Array {
  const cps = Array.from(normaliseText(text), (c) => c.codePointAt(0) ?? 32);
  const out = new Set<number>();
  let i = 0;
  while (i < cps.length) {
    const cp = cps[i]!;
    if (cp === 32) {
      i++;
      continue;
    }
    let j = i + 1;
    if (isCjk(cp)) {
      while (j < cps.length && isCjk(cps[j]!)) j++;
      if (j - i === 1) out.add(fnvStep(FNV_OFFSET, cp) >>> 0);
      for (let k = i; k + 1 < j; k++) out.add(fnvStep(fnvStep(FNV_OFFSET, cps[k]!), cps[k + 1]!) >>> 0);
    } else {
      while (j < cps.length && cps[j] !== 32 && !isCjk(cps[j]!)) j++;
      const word = String.fromCodePoint(...cps.slice(i, j));
      if (!STOP_WORDS.has(word) && !REDACTION.test(word)) {
        // A leading space keeps one-letter words apart from CJK unigrams.
        let h = fnvStep(FNV_OFFSET, 32);
        for (let k = i; k < j; k++) h = fnvStep(h, cps[k]!);
        out.add(h >>> 0);
      }
    }
    i = j;
  }
  return Uint32Array.from(out);
}

/**
 * The features of a text as stored: its distinct n-gram hashes, mixed, sorted ascending, at most
 * FEATURE_CAP (the least).
 */
export function featuresOf(text: string): Uint32Array {
  const mixed = shingleHashes(text).map(mix32).sort();
  return mixed.length > FEATURE_CAP ? mixed.slice(0, FEATURE_CAP) : mixed;
}

/** The stored form: the format byte, then each feature as a little-endian uint32. */
export function encodeFeatures(features: Uint32Array): Buffer {
  const buf = Buffer.allocUnsafe(1 + features.length * 4);
  buf[0] = FORMAT;
  for (let i = 0; i < features.length; i++) buf.writeUInt32LE(features[i]!, 1 + i * 4);
  return buf;
}

/**
 * A stored feature set, or null when the blob has another format: the MinHash signatures of
 * earlier versions (64 × uint32, 256 bytes) are never 1 + 4k bytes long.
 */
export function decodeFeatures(blob: Uint8Array): Uint32Array | null {
  if (blob.byteLength % 4 !== 1 || blob[0] !== FORMAT) return null;
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  const out = new Uint32Array((blob.byteLength - 1) / 4);
  for (let i = 0; i < out.length; i++) out[i] = buf.readUInt32LE(1 + i * 4);
  return out;
}

/** An index of texts, in the order given: slot i is texts[i] (tests, benchmarks). */
export function indexOf(texts: readonly string[]): FeatureIndex {
  const index = new FeatureIndex();
  for (const t of texts) index.add(featuresOf(t));
  return index;
}

// ---------------------------------------------------------------------------------------------
// Grouping
// ---------------------------------------------------------------------------------------------

/**
 * (term, group) → the group's summed weight of the term, in open addressing over typed arrays;
 * each term's entries chained newest first (its postings).
 */
class Centres {
  private keys: Float64Array;
  private slots: Int32Array;
  private used = 0;
  group: Int32Array;
  weight: Float64Array;
  next: Int32Array;
  private entries = 0;
  readonly head: Int32Array;
  readonly length: Int32Array;

  /**
   * @param expected  entries expected at most (the items' term occurrences), so that the few hundred
   *   of a 3-in-3 write do not allocate and zero the tables a grouping of thousands starts with
   */
  constructor(
    terms: number,
    private readonly groups: number,
    expected: number,
  ) {
    const capacity = Math.max(16, Math.min(1 << 12, 2 ** Math.ceil(Math.log2(Math.max(1, expected)))));
    this.group = new Int32Array(capacity);
    this.weight = new Float64Array(capacity);
    this.next = new Int32Array(capacity);
    this.head = new Int32Array(terms).fill(-1);
    this.length = new Int32Array(terms);
    this.keys = new Float64Array(capacity * 2).fill(-1);
    this.slots = new Int32Array(capacity * 2);
  }

  private find(term: number, group: number, key: number): number {
    const mask = this.keys.length - 1;
    let s = mix32(Math.imul(term, 0x9e3779b1) ^ group) & mask;
    while (this.keys[s] !== -1 && this.keys[s] !== key) s = (s + 1) & mask;
    return s;
  }

  /** The group's weight of the term, 0 when it has none. */
  get(term: number, group: number): number {
    const key = term * this.groups + group;
    const s = this.find(term, group, key);
    return this.keys[s] === key ? this.weight[this.slots[s]!]! : 0;
  }

  add(term: number, group: number, w: number): void {
    const key = term * this.groups + group;
    let s = this.find(term, group, key);
    if (this.keys[s] === key) {
      this.weight[this.slots[s]!]! += w;
      return;
    }
    if ((this.used + 1) * 2 > this.keys.length) {
      this.rehash();
      s = this.find(term, group, key);
    }
    if (this.entries === this.group.length) {
      this.group = growInt(this.group);
      this.next = growInt(this.next);
      const weight = new Float64Array(this.weight.length * 2);
      weight.set(this.weight);
      this.weight = weight;
    }
    const e = this.entries++;
    this.group[e] = group;
    this.weight[e] = w;
    this.next[e] = this.head[term]!;
    this.head[term] = e;
    this.length[term]!++;
    this.keys[s] = key;
    this.slots[s] = e;
    this.used++;
  }

  private rehash(): void {
    const { keys, slots } = this;
    this.keys = new Float64Array(keys.length * 2).fill(-1);
    this.slots = new Int32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (key === -1) continue;
      const term = Math.floor(key / this.groups);
      const s = this.find(term, key - term * this.groups, key);
      this.keys[s] = key;
      this.slots[s] = slots[i]!;
    }
  }
}

function growInt(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** How the one grouping (groupItems) is run: suggestedProblems' bounded search, or the 3-in-3 rule's exact one. */
interface GroupingOptions {
  /** Cosine with a centre of several texts from which an item joins. */
  threshold: number;
  /** Cosine with a group of one text from which an item joins (at least `threshold`). */
  pairThreshold: number;
  /**
   * Every group sharing a term is scored exactly, instead of the groups found in the SCAN_BUDGET
   * postings of the item's rarest terms, FINALISTS of them scored exactly: for a few hundred items,
   * where it costs little and a missed group would be a missed alert.
   */
  exact: boolean;
  /** Items without a term make one group together, instead of each its own. */
  wordlessTogether: boolean;
}

/**
 * Groups items by similarity: each item joins the nearest group centre or leads a new group, in one pass; the same input
 * in the same order gives the same groups. The one implementation behind groupBySimilarity
 * (suggestedProblems) and partitionBySimilarity (the 3-in-3 rule).
 *
 * Items are taken in the order given (the caller passes them oldest first). An item with the same
 * terms as an earlier one (the same text up to digits and punctuation) joins its group at once and
 * leaves the centre as it is: repeats do not pull it. Each other item joins the group whose centre
 * (the sum of its members' unit vectors) is the most cosine-similar to it, if at least `threshold`
 * — or, while the group is one text, if the two are similar (`pairThreshold`) — else starts a
 * group. A centre gathers every wording its members used, so that a paraphrase sharing little with
 * the first item still finds the group; comparing with centres, not members, keeps a group from
 * chaining through shared boilerplate to unrelated items. The stricter bar for a lone text: an
 * item sharing only a long complaint closer with it ("客户表示如不处理将向监管部门投诉。", 3% of the
 * demo's items) reached 0.17 and, once in, pulled its own topic into the group (demo feedback: ARI
 * 0.83 → 0.87, purity 0.95 → 0.99; the generated Chinese 0.63 → 0.59).
 *
 * Work is O(postings read): the candidate groups of an item are those met in the postings
 * (term → groups having it) of its terms, held in typed arrays; nothing is compared with groups
 * that share no term with it.
 *
 * @param terms  each item's distinct term ids, each in [0, weights.length)
 * @param weights  each term's weight (termWeight over the whole corpus), above 0
 * @returns for each position of `terms`, the position of its group's first item
 */
function groupItems(terms: readonly ArrayLike<number>[], weights: ArrayLike<number>, o: GroupingOptions): Int32Array {
  const n = terms.length;
  const leaderOf = new Int32Array(n).fill(-1);
  let occurrences = 0;
  for (const own of terms) occurrences += own.length;
  const centres = new Centres(weights.length, Math.max(1, n), occurrences);
  /** |centre|² of each group, by its first item's position. */
  const norm2 = new Float64Array(n);
  /** Items by an order-independent hash of their terms: copies are found among them. */
  const twins = new Map<number, number[]>();
  const score = new Float64Array(n);
  const stamp = new Int32Array(n).fill(-1);
  const touched: number[] = [];
  const order: number[] = [];
  const skipped: number[] = [];
  const invNorm = new Float64Array(n);
  /** Distinct texts that made each group's centre. */
  const texts = new Int32Array(n);
  const pairMin = Math.max(o.threshold, o.pairThreshold);
  const best = new Int32Array(FINALISTS + 8);
  const bestScore = new Float64Array(FINALISTS + 8);
  let x = new Float64Array(FEATURE_CAP);
  let wordless = -1;
  for (let i = 0; i < n; i++) {
    const own = terms[i]!;
    let sum = 0;
    for (let k = 0; k < own.length; k++) sum += weights[own[k]!]! ** 2;
    const norm = Math.sqrt(sum);
    if (!own.length || !norm) {
      // No feature at all (punctuation only): like nothing with words (partitionBySimilarity says why they may go together).
      if (o.wordlessTogether && wordless < 0) wordless = i;
      leaderOf[i] = o.wordlessTogether ? wordless : i;
      continue;
    }
    const key = setKey(own);
    const same = twins.get(key);
    const twin = same?.find((t) => sameSet(terms[t]!, own));
    if (twin !== undefined) {
      leaderOf[i] = leaderOf[twin]!;
      continue;
    }
    if (same) same.push(i);
    else twins.set(key, [i]);

    if (x.length < own.length) x = new Float64Array(own.length);
    order.length = 0;
    for (let k = 0; k < own.length; k++) {
      x[k] = weights[own[k]!]! / norm;
      order.push(k);
    }
    // Rarest terms first (ties: by term id, so that the order is fixed).
    if (!o.exact) order.sort((a, b) => x[b]! - x[a]! || own[a]! - own[b]!);
    let budget = o.exact ? Infinity : SCAN_BUDGET;
    skipped.length = 0;
    touched.length = 0;
    for (const k of order) {
      const t = own[k]!;
      const len = centres.length[t]!;
      if (!len) continue;
      if (len > budget) {
        skipped.push(k);
        continue;
      }
      budget -= len;
      const xk = x[k]!;
      for (let e = centres.head[t]!; e >= 0; e = centres.next[e]!) {
        const g = centres.group[e]!;
        if (stamp[g] !== i) {
          stamp[g] = i;
          score[g] = 0;
          touched.push(g);
        }
        score[g] = score[g]! + xk * centres.weight[e]!;
      }
    }
    // Exact: every group met. Else the FINALISTS best by the postings read (ties: the one met first), then each one exactly.
    let finalists = 0;
    if (!o.exact)
      for (const g of touched) {
        const s = score[g]! * invNorm[g]!;
        if (finalists === FINALISTS && s <= bestScore[finalists - 1]!) continue;
        let at = finalists < FINALISTS ? finalists++ : finalists - 1;
        while (at > 0 && s > bestScore[at - 1]!) {
          best[at] = best[at - 1]!;
          bestScore[at] = bestScore[at - 1]!;
          at--;
        }
        best[at] = g;
        bestScore[at] = s;
      }
    const candidates = o.exact ? touched.length : finalists;
    let group = -1;
    let groupCos = 0;
    let groupDot = 0;
    for (let f = 0; f < candidates; f++) {
      const g = o.exact ? touched[f]! : best[f]!;
      let dot = score[g]!;
      for (const k of skipped) dot += x[k]! * centres.get(own[k]!, g);
      const cos = dot * invNorm[g]!;
      // A group of one text is joined only by a text similar to it; a centre of several, from the threshold.
      if (cos < (texts[g] === 1 ? pairMin : o.threshold)) continue;
      if (cos >= groupCos && (group < 0 || cos > groupCos || g < group)) {
        group = g;
        groupCos = cos;
        groupDot = dot;
      }
    }
    if (group < 0) {
      group = i;
      groupDot = 0;
    }
    leaderOf[i] = group;
    // |c + x|² = |c|² + 2 c·x + |x|², and |x| = 1.
    norm2[group] = norm2[group]! + 2 * groupDot + 1;
    invNorm[group] = 1 / Math.sqrt(norm2[group]!);
    texts[group]!++;
    for (let k = 0; k < own.length; k++) centres.add(own[k]!, group, x[k]!);
  }
  return leaderOf;
}

/** A hash of a set of term ids, whatever their order: equal for equal sets (and, rarely, for others: see sameSet). */
function setKey(terms: ArrayLike<number>): number {
  let sum = 0;
  let xor = 0;
  for (let k = 0; k < terms.length; k++) {
    const m = mix32(terms[k]! ^ 0x2545f491);
    sum = (sum + m) >>> 0;
    xor = (xor ^ mix32(m)) >>> 0;
  }
  return sum * 0x200000 + (xor & 0x1fffff);
}

/** Whether two lists of distinct term ids hold the same set. */
function sameSet(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  const sa = Int32Array.from(a).sort();
  const sb = Int32Array.from(b).sort();
  for (let k = 0; k < sa.length; k++) if (sa[k] !== sb[k]) return false;
  return true;
}

/**
 * Groups indexed items by similarity, for suggestedProblems (groupItems, with a bounded search):
 * candidate groups come from the postings of the item's rarest terms (see SCAN_BUDGET); the best
 * FINALISTS by that score are compared exactly. An item without a term is a group alone.
 *
 * @param index  the features of every slot, and their weights
 * @param slots  the slots to group, in processing order
 * @param threshold  cosine with a centre of several texts from which an item joins
 * @param pairThreshold  cosine with a group of one text from which an item joins (at least `threshold`)
 * @returns for each position of `slots`, the position of its group's first item
 */
export function groupBySimilarity(
  index: FeatureIndex,
  slots: ArrayLike<number>,
  threshold = GROUP_THRESHOLD,
  pairThreshold = SIMILARITY_THRESHOLD,
): Int32Array {
  const terms = Array.from({ length: slots.length }, (_, i) => index.termsOf(slots[i]!));
  return groupItems(terms, index.weights(), { threshold, pairThreshold, exact: false, wordlessTogether: false });
}

/**
 * The members of a group from its centre outward: each member's cosine with the sum of the
 * members' unit vectors, best first, then by the order given. The first member is the most
 * representative text.
 *
 * @returns positions into `members`, centre first
 */
export function centreOutward(index: FeatureIndex, members: readonly number[]): number[] {
  if (members.length <= 2) return members.map((_, i) => i);
  const w = index.weights();
  const centre = index.dense();
  for (const slot of members) {
    const norm = index.norm(slot);
    if (norm) for (const t of index.termsOf(slot)) centre[t] = centre[t]! + w[t]! / norm;
  }
  const score = members.map((slot) => {
    const norm = index.norm(slot);
    let dot = 0;
    if (norm) for (const t of index.termsOf(slot)) dot += centre[t]! * w[t]!;
    return norm ? dot / norm : -1;
  });
  for (const slot of members) for (const t of index.termsOf(slot)) centre[t] = 0;
  return members.map((_, i) => i).sort((a, b) => score[b]! - score[a]! || a - b);
}

/**
 * Which items report the same thing, for the 3-in-3 rule (issue #10): groupItems, with every group
 * scored exactly. The rule looks at one category at one branch over a few days, tens to a few
 * hundred items, some of them not indexed yet (just recorded, imported): so the caller gives each
 * item's terms and their weights (weighedTerms) instead of slots of an index. The terms are
 * renumbered densely for the call, so that its cost follows the items' own terms, not the corpus's.
 *
 * Items without a single term (nothing but punctuation, English function words or `XXXX`) make one
 * group together, where groupBySimilarity leaves each alone. Their text says nothing, so the
 * category the agent chose is all that is known of what they report: they are counted together,
 * as the rule counted every item before it looked at text. A burst of reports the hub cannot read
 * is one an analyst should look at (an unnecessary alert costs a glance, a missed one a complaint
 * wave), and such items never join a group with words, so that they cannot make unrelated
 * complaints alert. (Grouping them by their normalised text would change nothing: it is empty.)
 *
 * @param terms  each item's terms (feature hashes or term ids), in processing order (oldest first)
 * @param weightOf  a term's weight (termWeight over the whole corpus), above 0
 * @returns for each position of `terms`, the position of its group's first item
 */
export function partitionBySimilarity(
  terms: readonly ArrayLike<number>[],
  weightOf: (term: number) => number,
  threshold = GROUP_THRESHOLD,
  pairThreshold = SIMILARITY_THRESHOLD,
): Int32Array {
  const local = new Map<number, number>();
  const weights: number[] = [];
  /** The last item each local term was met in: a term repeated within an item counts once. */
  const lastIn: number[] = [];
  const dense = terms.map((own, i) => {
    const out: number[] = [];
    for (let k = 0; k < own.length; k++) {
      let t = local.get(own[k]!);
      if (t === undefined) {
        t = weights.length;
        local.set(own[k]!, t);
        weights.push(weightOf(own[k]!));
      } else if (lastIn[t] === i) continue;
      lastIn[t] = i;
      out.push(t);
    }
    return out;
  });
  return groupItems(dense, weights, { threshold, pairThreshold, exact: true, wordlessTogether: true });
}

/**
 * Items as terms of `index` with each term's weight, for partitionBySimilarity: an indexed item by
 * its slot; any other (just recorded, imported, not indexed yet) by its features, counted into the
 * document frequencies as if it were indexed, so that what only such items share weighs as rare as
 * it is. A feature no indexed item has gets a term id below zero, for this call only.
 */
export function weighedTerms(
  index: FeatureIndex,
  items: readonly ({ slot: number } | { features: ArrayLike<number> })[],
): { terms: Int32Array[]; weightOf: (term: number) => number } {
  const unseen = new Map<number, number>();
  const extra = new Map<number, number>();
  let added = 0;
  const terms = items.map((item) => {
    if ('slot' in item) return index.termsOf(item.slot).slice();
    added++;
    return Int32Array.from(item.features, (f) => {
      let t = index.termOfFeature(f);
      if (t === undefined) {
        t = unseen.get(f) ?? -1 - unseen.size;
        unseen.set(f, t);
      }
      extra.set(t, (extra.get(t) ?? 0) + 1);
      return t;
    });
  });
  const n = index.size + added;
  return { terms, weightOf: (t) => termWeight(n, index.frequency(t) + (extra.get(t) ?? 0)) };
}

/** A group's key: a hash of its sorted member ids, so that the same members always give the same key. */
export function groupKey(ids: readonly string[]): string {
  return createHash('sha256')
    .update([...ids].sort().join(','))
    .digest('hex')
    .slice(0, 32);
}

// ---------------------------------------------------------------------------------------------
// Recurrence
// ---------------------------------------------------------------------------------------------

export const DAY_MS = 86_400_000;

export interface RecurrenceWindows {
  before: { from: number; to: number };
  /** Null until every action is confirmed. */
  after: { from: number; to: number } | null;
  /** The after-window has fully elapsed: the comparison is final. */
  complete: boolean;
}

/**
 * The windows of a fix's effect: `windowDays` before remediation began, and as long after the
 * last action of the linkage table was confirmed (cancelled ones aside). While any action is
 * unconfirmed the fix is not done, so there is no after-window yet.
 */
export function recurrenceWindows(
  remediatingAt: number,
  actions: readonly { status: string; confirmedAt: number | null }[],
  windowDays: number,
  now: number,
): RecurrenceWindows {
  const span = windowDays * DAY_MS;
  const before = { from: remediatingAt - span, to: remediatingAt };
  // A cancelled (withdrawn) row was never part of the fix.
  const fix = actions.filter((a) => a.status !== 'CANCELLED');
  const done = fix.length > 0 && fix.every((a) => a.status === 'CONFIRMED' && a.confirmedAt !== null);
  if (!done) return { before, after: null, complete: false };
  const confirmed = Math.max(...fix.map((a) => a.confirmedAt ?? 0));
  const after = { from: confirmed, to: confirmed + span };
  return { before, after, complete: now >= after.to };
}

/**
 * The change from before to after in percent, negative when the feedback fell. Null while the
 * comparison is not final, and when there was nothing before to compare with but something after.
 */
export function changePercent(before: number, after: number, complete: boolean): number | null {
  if (!complete) return null;
  if (before === 0) return after === 0 ? 0 : null;
  return ((after - before) / before) * 100;
}
