/**
 * How a grouping compares with hand labels: the measures `pnpm bench` reports for insight (issue 22),
 * as small pure functions so each can be checked on a hand-computed example
 * (tests/server/insight/cluster-metrics.test.ts).
 *
 * A grouping is `groupOf[i]`, the group of item i (any value; equal values = one group); labels are
 * `labels[i]`, the true intent. An item alone in its group is a singleton, as a user sees it: it is
 * in no suggestion.
 */

import { prng as seededRandom } from '../utils/fixtures.js';

export interface PairScores {
  precision: number;
  recall: number;
  f1: number;
  /** Pairs put together that belong together, put together in all, that belong together in all. */
  truePairs: number;
  predictedPairs: number;
  actualPairs: number;
}

export interface BCubed {
  precision: number;
  recall: number;
  f1: number;
}

const pairsOf = (k: number) => (k * (k - 1)) / 2;

const harmonic = (p: number, r: number) => (p + r > 0 ? (2 * p * r) / (p + r) : 0);

/**
 * When nothing is claimed, no claim is wrong: precision 1 on no predicted pairs (and F1 0 unless
 * nothing was to be found either), so a threshold sweep that ends in all-singletons scores 0, not NaN.
 */
function scores(truePairs: number, predictedPairs: number, actualPairs: number): PairScores {
  const precision = predictedPairs ? truePairs / predictedPairs : 1;
  const recall = actualPairs ? truePairs / actualPairs : 1;
  return { precision, recall, f1: harmonic(precision, recall), truePairs, predictedPairs, actualPairs };
}

interface Contingency {
  n: number;
  /** Size of each (group, label) cell, of each group, of each label. */
  cells: number[];
  groups: number[];
  classes: number[];
  /** For B³: per cell, its group's and its label's size. */
  cellGroup: number[];
  cellClass: number[];
}

function contingency(groupOf: ArrayLike<unknown>, labels: ArrayLike<unknown>): Contingency {
  if (groupOf.length !== labels.length) throw new Error(`${groupOf.length} groups for ${labels.length} labels`);
  const cell = new Map<unknown, Map<unknown, number>>();
  const group = new Map<unknown, number>();
  const cls = new Map<unknown, number>();
  for (let i = 0; i < labels.length; i++) {
    const g = groupOf[i];
    const l = labels[i];
    let row = cell.get(g);
    if (!row) cell.set(g, (row = new Map()));
    row.set(l, (row.get(l) ?? 0) + 1);
    group.set(g, (group.get(g) ?? 0) + 1);
    cls.set(l, (cls.get(l) ?? 0) + 1);
  }
  const out: Contingency = {
    n: labels.length,
    cells: [],
    groups: [...group.values()],
    classes: [...cls.values()],
    cellGroup: [],
    cellClass: [],
  };
  for (const [g, row] of cell)
    for (const [l, c] of row) {
      out.cells.push(c);
      out.cellGroup.push(group.get(g)!);
      out.cellClass.push(cls.get(l)!);
    }
  return out;
}

/**
 * Pairwise precision, recall and F1 over every pair of items: a pair is predicted the same when
 * both are in one group, actually the same when both carry one label.
 */
export function pairwiseScores(groupOf: ArrayLike<unknown>, labels: ArrayLike<unknown>): PairScores {
  const t = contingency(groupOf, labels);
  const sum = (xs: number[]) => xs.reduce((s, k) => s + pairsOf(k), 0);
  return scores(sum(t.cells), sum(t.groups), sum(t.classes));
}

/**
 * B-cubed (Bagga & Baldwin): per item, the share of its group that shares its label (precision) and
 * the share of its label that shares its group (recall), averaged over items; the item itself counts.
 */
export function bCubed(groupOf: ArrayLike<unknown>, labels: ArrayLike<unknown>): BCubed {
  const t = contingency(groupOf, labels);
  let p = 0;
  let r = 0;
  t.cells.forEach((c, k) => {
    p += (c * c) / t.cellGroup[k]!;
    r += (c * c) / t.cellClass[k]!;
  });
  const precision = t.n ? p / t.n : 1;
  const recall = t.n ? r / t.n : 1;
  return { precision, recall, f1: harmonic(precision, recall) };
}

/** Adjusted Rand index (Hubert & Arabie): 1 for the labels' partition, about 0 for a random one. */
export function adjustedRandIndex(groupOf: ArrayLike<unknown>, labels: ArrayLike<unknown>): number {
  const t = contingency(groupOf, labels);
  const sum = (xs: number[]) => xs.reduce((s, k) => s + pairsOf(k), 0);
  const index = sum(t.cells);
  const a = sum(t.groups);
  const b = sum(t.classes);
  const expected = t.n > 1 ? (a * b) / pairsOf(t.n) : 0;
  const max = (a + b) / 2;
  // Both partitions all singletons or both one group: they agree, and nothing is left to chance.
  if (max === expected) return index === max ? 1 : 0;
  return (index - expected) / (max - expected);
}

/** A labelled pair: two items (by index), and whether they ask the same thing. */
export interface LabelledPair {
  a: number;
  b: number;
  same: boolean;
}

/**
 * Precision, recall and F1 on a sample of labelled pairs (the outside evaluations' measure): a pair
 * is predicted the same when `together(a, b)`.
 */
export function labelledPairScores(pairs: readonly LabelledPair[], together: (a: number, b: number) => boolean): PairScores {
  let tp = 0;
  let predicted = 0;
  let actual = 0;
  for (const p of pairs) {
    const t = together(p.a, p.b);
    if (t) predicted++;
    if (p.same) actual++;
    if (t && p.same) tp++;
  }
  return scores(tp, predicted, actual);
}

/** Pairwise scores of a relation that need not be a partition (similarFeedback's lists): `linked` holds "a b" keys, a < b. */
export function relationScores(linked: ReadonlySet<string>, labels: ArrayLike<unknown>): PairScores {
  const sizes = new Map<unknown, number>();
  for (let i = 0; i < labels.length; i++) sizes.set(labels[i], (sizes.get(labels[i]) ?? 0) + 1);
  let actual = 0;
  for (const k of sizes.values()) actual += pairsOf(k);
  let tp = 0;
  for (const key of linked) {
    const [a, b] = key.split(' ').map(Number) as [number, number];
    if (labels[a] === labels[b]) tp++;
  }
  return scores(tp, linked.size, actual);
}

/**
 * `count` labelled pairs drawn from items labelled `labels` (and grouped into `strata`, e.g. the
 * category), half the same label and half different, deterministic for the same input and seed.
 * Same pairs are drawn evenly over every same-label pair; of the different pairs, half share a
 * stratum (the hard negatives: same product, other intent) and half are drawn from anywhere.
 * No pair twice; (a, b) with a < b.
 */
export function sampleLabelledPairs(labels: readonly string[], strata: readonly string[], count: number, seed = 22): LabelledPair[] {
  const random = seededRandom(seed);
  const n = labels.length;
  const byLabel = new Map<string, number[]>();
  const byStratum = new Map<string, number[]>();
  labels.forEach((l, i) => {
    (byLabel.get(l) ?? byLabel.set(l, []).get(l)!).push(i);
    (byStratum.get(strata[i]!) ?? byStratum.set(strata[i]!, []).get(strata[i]!)!).push(i);
  });
  const same: [number, number][] = [];
  for (const members of byLabel.values())
    for (let x = 0; x < members.length; x++) for (let y = x + 1; y < members.length; y++) same.push([members[x]!, members[y]!]);
  // Partial Fisher–Yates: the first `half` of a seeded shuffle.
  const half = Math.floor(count / 2);
  if (same.length < half) throw new Error(`only ${same.length} same-label pairs for ${half}`);
  for (let i = 0; i < half; i++) {
    const j = i + Math.floor(random() * (same.length - i));
    [same[i], same[j]] = [same[j]!, same[i]!];
  }
  const out: LabelledPair[] = same.slice(0, half).map(([a, b]) => ({ a, b, same: true }));
  const seen = new Set(out.map((p) => p.a * n + p.b));
  const strataLists = [...byStratum.values()].filter((m) => m.length > 1);
  const different = count - half;
  let tries = 0;
  while (out.length < half + different) {
    if (++tries > 1000 * count) throw new Error('not enough different-label pairs');
    const hard = out.length - half < different / 2;
    let x: number;
    let y: number;
    if (hard) {
      const members = strataLists[Math.floor(random() * strataLists.length)]!;
      x = members[Math.floor(random() * members.length)]!;
      y = members[Math.floor(random() * members.length)]!;
    } else {
      x = Math.floor(random() * n);
      y = Math.floor(random() * n);
    }
    if (x === y || labels[x] === labels[y]) continue;
    const [a, b] = x < y ? [x, y] : [y, x];
    if (seen.has(a * n + b)) continue;
    seen.add(a * n + b);
    out.push({ a, b, same: false });
  }
  return out;
}

/** mulberry32: the same stream for the same seed on every machine (the tests' one PRNG). */
export { seededRandom };
