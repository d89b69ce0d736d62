/**
 * The 3-in-3 rule's topics kept between writes (issue #15): the state partitionBySimilarity ends
 * with after a fixed set of items (the centre of each group, its norm and number of texts, the
 * items' term sets for twins), so that one more item, newer than all of them, is placed into its
 * group by scoring it against the groups it shares a term with, O(its terms × those groups),
 * instead of partitioning every item again. In an outage storm the items before a recorded report
 * are the same at every write (its alert's representatives: a storm's reports join the alert and
 * leave the free ones), so a write costs one report's placement, whatever the storm's size.
 *
 * Pure: no I/O. The placement is groupItems's step for a last item (insight.rules), in the same
 * arithmetic and order (exact mode: every group sharing a term is scored), so that with the same
 * weights it gives the group a whole partition would.
 */
import { GROUP_THRESHOLD, SIMILARITY_THRESHOLD, partitionBySimilarity } from './insight.rules.js';

/** An order-independent key of a set of term ids, for twins (the same terms as an earlier item). */
const setKeyOf = (terms: readonly number[]): string => [...terms].sort((a, b) => a - b).join(',');

/** Each term once, in the order first met (partitionBySimilarity counts a repeated term once). */
function distinct(terms: ArrayLike<number>): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  for (let k = 0; k < terms.length; k++) {
    const t = terms[k]!;
    if (seen.has(t)) continue;
    seen.add(t);
    out.push(t);
  }
  return out;
}

/** An item's unit vector: its distinct terms and each one's weight over its norm (0: no words). */
function unit(terms: ArrayLike<number>, weightOf: (term: number) => number): { terms: number[]; x: number[]; norm: number } {
  const own = distinct(terms);
  const w = own.map(weightOf);
  let sum = 0;
  for (const v of w) sum += v ** 2;
  const norm = Math.sqrt(sum);
  return { terms: own, x: norm ? w.map((v) => v / norm) : w, norm };
}

/**
 * The groups of a partition of some items, as groupItems leaves them, with each item's group
 * (`leaderOf`: the position of its group's first item, as partitionBySimilarity answers).
 */
export class TopicState {
  /** term → the groups whose centre has it, with the centre's weight of it. */
  private readonly postings = new Map<number, { group: number; weight: number }[]>();
  /** |centre|² of each group (by its first item's position), accumulated as groupItems does. */
  private readonly norm2 = new Map<number, number>();
  /** Distinct texts that made each group's centre. */
  private readonly texts = new Map<number, number>();
  /** The first item of each set of terms. */
  private readonly twins = new Map<string, number>();
  /** The group of the items without a word, or -1. */
  private readonly wordless: number;

  private constructor(
    readonly leaderOf: Int32Array,
    terms: readonly ArrayLike<number>[],
    weightOf: (term: number) => number,
  ) {
    let wordless = -1;
    for (let i = 0; i < terms.length; i++) {
      const { terms: own, x, norm } = unit(terms[i]!, weightOf);
      if (!own.length || !norm) {
        if (wordless < 0) wordless = i;
        continue;
      }
      const key = setKeyOf(own);
      // A twin joined its first's group and left the centre as it was.
      if (this.twins.has(key)) continue;
      this.twins.set(key, i);
      const group = leaderOf[i]!;
      const dot = group === i ? 0 : (this.dot(own, x).get(group) ?? 0);
      // |c + x|² = |c|² + 2 c·x + |x|², and |x| = 1.
      this.norm2.set(group, (this.norm2.get(group) ?? 0) + 2 * dot + 1);
      this.texts.set(group, (this.texts.get(group) ?? 0) + 1);
      for (let k = 0; k < own.length; k++) {
        const list = this.postings.get(own[k]!);
        const entry = list?.find((p) => p.group === group);
        if (entry) entry.weight += x[k]!;
        else if (list) list.push({ group, weight: x[k]! });
        else this.postings.set(own[k]!, [{ group, weight: x[k]! }]);
      }
    }
    this.wordless = wordless;
  }

  /**
   * Partitions the items (partitionBySimilarity, oldest first) and keeps the groups it ends with.
   *
   * @param terms  each item's terms, oldest first
   * @param weightOf  a term's weight (termWeight over the whole corpus), above 0
   */
  static of(terms: readonly ArrayLike<number>[], weightOf: (term: number) => number): TopicState {
    return new TopicState(partitionBySimilarity(terms, weightOf), terms, weightOf);
  }

  /** How many items the state was built from. */
  get size(): number {
    return this.leaderOf.length;
  }

  /** Each group's dot product with a unit vector, for the groups sharing a term with it, summed term by term in order. */
  private dot(own: readonly number[], x: readonly number[]): Map<number, number> {
    const score = new Map<number, number>();
    for (let k = 0; k < own.length; k++) {
      const list = this.postings.get(own[k]!);
      if (list) for (const p of list) score.set(p.group, (score.get(p.group) ?? 0) + x[k]! * p.weight);
    }
    return score;
  }

  /**
   * The group one more item (newer than every item of the state) joins, as partitionBySimilarity
   * would place it after them: the group of an earlier item with the same terms; else the group
   * whose centre is the most cosine-similar, from GROUP_THRESHOLD (SIMILARITY_THRESHOLD while the
   * group is one text; ties: the earliest group); items without a word, with each other. The state
   * is left as it is. Answers the position of the group's first item, or -1: a group of its own.
   */
  place(terms: ArrayLike<number>, weightOf: (term: number) => number): number {
    const { terms: own, x, norm } = unit(terms, weightOf);
    if (!own.length || !norm) return this.wordless;
    const twin = this.twins.get(setKeyOf(own));
    if (twin !== undefined) return this.leaderOf[twin]!;
    const pairMin = Math.max(GROUP_THRESHOLD, SIMILARITY_THRESHOLD);
    let group = -1;
    let groupCos = 0;
    for (const [g, dot] of this.dot(own, x)) {
      const cos = dot * (1 / Math.sqrt(this.norm2.get(g)!));
      if (cos < (this.texts.get(g) === 1 ? pairMin : GROUP_THRESHOLD)) continue;
      if (cos >= groupCos && (group < 0 || cos > groupCos || g < group)) {
        group = g;
        groupCos = cos;
      }
    }
    return group;
  }
}
