/**
 * Equivalences the bank teaches: words that mean the same thing in this bank's feedback (关掉 ≈ 注销,
 * 还款卡 ≈ 还款银行卡), learned from analysts' decisions or listed by them per category. Pure: the
 * service stores them (insight_equivalences) and the cache applies them to every item it holds.
 *
 * An item that says one side of an equivalence is compared as if it also said the other: the other
 * term's features are added to its own (expandFeatures). The stored features never change, so a
 * new or withdrawn equivalence is applied by re-expanding, in memory, only the items that say one
 * of its terms; every process does the same from the table.
 */
import { normaliseText, type WordSplitter } from './insight.rules.js';

/** Evidence from which a learned equivalence is applied: one attached pair whose difference is one word against two, or more pairs. */
export const MIN_EVIDENCE = 0.5;
/**
 * Association from which a learned equivalence is applied: its evidence over the geometric mean
 * of all the evidence each of its words has (with any word). A word analysts' pairs pair with
 * everything (信用卡, 怎么办) is no one's synonym. On the labelled set (every other utterance of each
 * intent attached, the rest grouped): without it, 1,454 equivalences lifted recall 0.19 → 0.34 and
 * sank precision 0.26 → 0.07; with it at 0.2 (124 kept), F1 0.22 → 0.26.
 */
export const MIN_ASSOCIATION = 0.2;
/** Words taken from each side of a taught pair: the longest; a long text's difference says little about which word matches which. */
const WORDS_PER_SIDE = 3;
/** Learned equivalences kept at most (the weakest go first): bounds the table and every expansion. */
export const MAX_LEARNED = 5_000;

export interface Equivalence {
  /** A category's id for a listed synonym; '' for what applies to every category (all learned ones). */
  scope: string;
  a: string;
  b: string;
  /** The sum of what analysts' decisions taught (attach: +, detach: −); listed ones apply whatever it is. */
  evidence: number;
  listed: boolean;
}

/** Whether an equivalence is applied, given each word's total learned evidence (`degree`). */
export function applies(e: Equivalence, degree: ReadonlyMap<string, number>): boolean {
  if (e.listed) return true;
  if (e.evidence < MIN_EVIDENCE) return false;
  return e.evidence / Math.sqrt((degree.get(e.a) ?? e.evidence) * (degree.get(e.b) ?? e.evidence)) >= MIN_ASSOCIATION;
}

/** Each word's total positive learned evidence. */
export function learnedDegrees(list: readonly Equivalence[]): Map<string, number> {
  const degree = new Map<string, number>();
  for (const e of list) {
    if (e.listed || e.evidence <= 0) continue;
    degree.set(e.a, (degree.get(e.a) ?? 0) + e.evidence);
    degree.set(e.b, (degree.get(e.b) ?? 0) + e.evidence);
  }
  return degree;
}

/** A pair's words in a fixed order, so that a ≈ b and b ≈ a are one row. */
export function orderedPair(x: string, y: string): [string, string] {
  return x < y ? [x, y] : [y, x];
}

/** Chinese words of two characters or more and other-script words, that a splitter finds in a text, normalised. */
export function contentWords(text: string, words: WordSplitter, stop: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const token of normaliseText(text).split(' ')) {
    if (!token) continue;
    if (/^[\u3400-\u9fff]+$/u.test(token)) {
      for (const w of words(token)) if (w.length >= 2 && !stop.has(w)) out.add(w);
    } else if (token.length >= 2 && !/^q(mask|amount|number)$|^0$/.test(token)) out.add(token);
  }
  return [...out];
}

/**
 * What a pair of texts an analyst judged the same teaches: each word one says and the other does
 * not (at most WORDS_PER_SIDE each, the longest), paired with each such word of the other, each
 * pair with an equal share of one unit of evidence. Nothing when either says nothing the other
 * does not: the two already meet on their words.
 */
export function taughtPairs(
  wordsA: readonly string[],
  textA: string,
  wordsB: readonly string[],
  textB: string,
): { a: string; b: string; share: number }[] {
  const nA = normaliseText(textA).replace(/ /g, '');
  const nB = normaliseText(textB).replace(/ /g, '');
  const pick = (own: readonly string[], other: string) =>
    own
      .filter((w) => !other.includes(w))
      .sort((x, y) => y.length - x.length || (x < y ? -1 : 1))
      .slice(0, WORDS_PER_SIDE);
  const onlyA = pick(wordsA, nB);
  const onlyB = pick(wordsB, nA);
  if (!onlyA.length || !onlyB.length) return [];
  const share = 1 / (onlyA.length * onlyB.length);
  const out: { a: string; b: string; share: number }[] = [];
  for (const x of onlyA)
    for (const y of onlyB) {
      // A word inside the other (还款卡 / 卡) is no equivalence: the bigrams already carry it.
      if (x.includes(y) || y.includes(x)) continue;
      const [a, b] = orderedPair(x, y);
      out.push({ a, b, share });
    }
  return out;
}

interface Term {
  /** The features an item must have to say the term (its bigrams, or its word outside Chinese). */
  required: Uint32Array;
  /** Per scope: the terms it is equivalent to, as their features and the pair's label. */
  to: { scope: string; features: Uint32Array; label: string; other: string }[];
}

/**
 * The applied equivalences, looked up by feature: expands an item's stored features with the
 * features of the terms equivalent to those it says.
 *
 * @param termFeatures  a term's full features (bigrams and words: what is added to an item)
 * @param termRequired  a term's bigrams (what an item must have to say it)
 */
export class EquivalenceSet {
  private readonly byFirst = new Map<number, Term[]>();
  private readonly terms = new Map<string, Term>();
  readonly size: number;

  constructor(list: readonly Equivalence[], termFeatures: (term: string) => Uint32Array, termRequired: (term: string) => Uint32Array) {
    let n = 0;
    const degree = learnedDegrees(list);
    for (const e of list) {
      if (!applies(e, degree)) continue;
      const ta = this.term(e.a, termRequired);
      const tb = this.term(e.b, termRequired);
      if (!ta || !tb) continue;
      const label = `${e.a} ≈ ${e.b}`;
      ta.to.push({ scope: e.scope, features: termFeatures(e.b), label, other: e.b });
      tb.to.push({ scope: e.scope, features: termFeatures(e.a), label, other: e.a });
      n++;
    }
    this.size = n;
  }

  private term(word: string, termRequired: (term: string) => Uint32Array): Term | undefined {
    let t = this.terms.get(word);
    if (t) return t;
    const required = termRequired(word);
    if (!required.length) return undefined;
    t = { required, to: [] };
    this.terms.set(word, t);
    // Looked up by its rarest-looking feature: any one works, the smallest hash spreads them.
    const first = required.reduce((m, f) => Math.min(m, f), 0xffffffff);
    const list = this.byFirst.get(first);
    if (list) list.push(t);
    else this.byFirst.set(first, [t]);
    return t;
  }

  /** The equivalences an item says one side of, for its category. */
  private matches(features: Uint32Array, categoryId: string): { features: Uint32Array; label: string; other: string }[] {
    if (!this.size) return [];
    // Made only for an item that has a term's first feature: most items have none (a rescan of
    // every item after a change then allocates nothing for them).
    let own: Set<number> | null = null;
    const out: { features: Uint32Array; label: string; other: string }[] = [];
    for (const f of features) {
      const terms = this.byFirst.get(f);
      if (!terms) continue;
      own ??= new Set(features);
      for (const t of terms) {
        if (!t.required.every((r) => own!.has(r))) continue;
        for (const to of t.to) if (to.scope === '' || to.scope === categoryId) out.push(to);
      }
    }
    return out;
  }

  /** The item's features with those of every term equivalent to one it says, sorted; the same array when none. */
  expand(features: Uint32Array, categoryId: string): Uint32Array {
    const found = this.matches(features, categoryId);
    if (!found.length) return features;
    const all = new Set(features);
    for (const m of found) for (const f of m.features) all.add(f);
    return Uint32Array.from(all).sort();
  }

  /**
   * Why two items are alike beyond their shared words: the equivalences one says a side of and
   * the other the other side ("还款卡 ≈ 还款银行卡").
   */
  reasons(a: Uint32Array, categoryA: string, b: Uint32Array, categoryB: string): string[] {
    const saidByB = new Map<string, Set<string>>();
    for (const m of this.matches(b, categoryB)) {
      const others = saidByB.get(m.label) ?? new Set<string>();
      others.add(m.other);
      saidByB.set(m.label, others);
    }
    const out = new Set<string>();
    // A says one side (its match's `other` is the far side); B says the far side (its `other` is A's side).
    for (const m of this.matches(a, categoryA)) {
      const others = saidByB.get(m.label);
      if (others && [...others].some((o) => o !== m.other)) out.add(m.label);
    }
    return [...out].sort();
  }
}
