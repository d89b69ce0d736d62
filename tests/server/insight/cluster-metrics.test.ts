import fs from 'node:fs';
import { describe, it, expect } from 'vitest';
import {
  adjustedRandIndex,
  bCubed,
  labelledPairScores,
  pairwiseScores,
  relationScores,
  sampleLabelledPairs,
} from '../../bench/cluster-metrics.js';
import { bigramVectors, charBigrams, maximumSpanningForest, singleLinkAt } from '../../bench/baselines/char-bigram-tfidf.js';
import { ZH_PAIRS, loadZhSet, zhPairsJsonl } from '../../bench/zh-set.js';

/**
 * The measures `pnpm bench` reports for insight's grouping (issue 22), on an example small enough
 * to compute by hand, and the labelled set they are run on.
 *
 * Six items: groups A A A B B C, intents x x y y y y.
 *   cells (A,x)=2 (A,y)=1 (B,y)=2 (C,y)=1; groups 3 2 1; intents 2 4.
 *   Pairs put together: C(3,2)+C(2,2) = 4; that belong together: C(2,2)+C(4,2) = 7; both: 1+1 = 2.
 *   Pairwise P 2/4, R 2/7, F1 4/11.
 *   B³ precision per item: 2/3 2/3 1/3 1 1 1 → 7/9; recall: 1 1 1/4 2/4 2/4 1/4 → 7/12; F1 2/3.
 *   ARI: expected index 4·7/C(6,2) = 28/15; (2 − 28/15) / ((4+7)/2 − 28/15) = 4/109.
 */
const groups = ['A', 'A', 'A', 'B', 'B', 'C'];
const intents = ['x', 'x', 'y', 'y', 'y', 'y'];

describe('grouping measures, by hand', () => {
  it('pairwise precision, recall and F1 over every pair', () => {
    const s = pairwiseScores(groups, intents);
    expect([s.truePairs, s.predictedPairs, s.actualPairs]).toEqual([2, 4, 7]);
    expect(s.precision).toBeCloseTo(1 / 2, 12);
    expect(s.recall).toBeCloseTo(2 / 7, 12);
    expect(s.f1).toBeCloseTo(4 / 11, 12);
  });

  it('B-cubed precision, recall and F1', () => {
    const b = bCubed(groups, intents);
    expect(b.precision).toBeCloseTo(7 / 9, 12);
    expect(b.recall).toBeCloseTo(7 / 12, 12);
    expect(b.f1).toBeCloseTo(2 / 3, 12);
  });

  it('adjusted Rand index', () => {
    expect(adjustedRandIndex(groups, intents)).toBeCloseTo(4 / 109, 12);
  });

  it('the labels themselves score 1 under any names; all singletons claim nothing and find nothing', () => {
    const renamed = [7, 7, 9, 9, 9, 9];
    expect(adjustedRandIndex(renamed, intents)).toBeCloseTo(1, 12);
    expect(bCubed(renamed, intents).f1).toBeCloseTo(1, 12);
    expect(pairwiseScores(renamed, intents).f1).toBeCloseTo(1, 12);
    const alone = [0, 1, 2, 3, 4, 5];
    expect(pairwiseScores(alone, intents)).toMatchObject({ precision: 1, recall: 0, f1: 0 });
    expect(bCubed(alone, intents).precision).toBe(1);
    expect(bCubed(alone, intents).recall).toBeCloseTo((1 / 2 + 1 / 2 + 4 * (1 / 4)) / 6, 12);
    expect(adjustedRandIndex(alone, intents)).toBeCloseTo(0, 12);
  });

  it('labelled pairs: (0,1) same and together, (0,2) different but together, (3,4) same and together, (2,3) and (4,5) same but apart', () => {
    const pairs = [
      { a: 0, b: 1, same: true },
      { a: 0, b: 2, same: false },
      { a: 3, b: 4, same: true },
      { a: 2, b: 3, same: true },
      { a: 4, b: 5, same: true },
      { a: 1, b: 5, same: false },
    ];
    const s = labelledPairScores(pairs, (a, b) => groups[a] === groups[b]);
    expect([s.truePairs, s.predictedPairs, s.actualPairs]).toEqual([2, 3, 4]);
    expect([s.precision, s.recall]).toEqual([2 / 3, 1 / 2]);
    expect(s.f1).toBeCloseTo(4 / 7, 12);
  });

  it("a relation that is not a partition (similarFeedback's lists): 0–1 right, 0–2 wrong, 7 to find", () => {
    const s = relationScores(new Set(['0 1', '0 2']), intents);
    expect([s.precision, s.recall]).toEqual([1 / 2, 1 / 7]);
    expect(s.f1).toBeCloseTo(2 / 9, 12);
  });

  it('rejects a grouping of another length', () => {
    expect(() => pairwiseScores([1, 2], intents)).toThrow();
  });
});

describe('the character-bigram TF-IDF single-link baseline', () => {
  it('bigrams of the NFKC, lower-cased text, punctuation a space', () => {
    expect(charBigrams('ＡＰＰ闪退！')).toEqual(['ap', 'pp', 'p闪', '闪退']);
    expect(charBigrams('卡')).toEqual(['卡']);
  });

  it('single link chains: a ~ b and b ~ c put a and c together although a and c share nothing', () => {
    const texts = ['信用卡还款日', '还款日是哪天', '是哪天营业', '基金赎回费'];
    const forest = maximumSpanningForest(bigramVectors(texts));
    expect(forest).toHaveLength(2);
    const g = singleLinkAt(texts.length, forest, 0.1);
    expect(g[0]).toBe(g[1]);
    expect(g[1]).toBe(g[2]);
    expect(g[3]).not.toBe(g[0]);
    const high = singleLinkAt(texts.length, forest, 0.99);
    expect(new Set(high).size).toBe(4);
  });
});

describe('the labelled Chinese set and its pair export', () => {
  const set = loadZhSet();

  it('holds ≥ 1,000 utterances, 60–90 intents of 8–20, singletons, no text twice, the demo categories', () => {
    expect(set.length).toBeGreaterThanOrEqual(1000);
    const sizes = new Map<string, number>();
    for (const u of set) sizes.set(u.intent, (sizes.get(u.intent) ?? 0) + 1);
    const groupsOnly = [...sizes].filter(([intent]) => !intent.startsWith('single.'));
    expect(groupsOnly.length).toBeGreaterThanOrEqual(60);
    expect(groupsOnly.length).toBeLessThanOrEqual(90);
    for (const [intent, k] of groupsOnly) expect([intent, k >= 8 && k <= 20]).toEqual([intent, true]);
    expect([...sizes].filter(([intent, k]) => intent.startsWith('single.') && k === 1).length).toBeGreaterThan(0);
    expect(new Set(set.map((u) => u.text)).size).toBe(set.length);
    expect(new Set(set.map((u) => u.category))).toEqual(new Set(['CREDIT_CARD', 'DEPOSIT', 'LOAN', 'WEALTH', 'E_BANKING', 'SERVICE']));
  });

  it('the pairs are half same intent and half not, none twice, and the committed export is what the set gives', () => {
    const labels = set.map((u) => u.intent);
    const pairs = sampleLabelledPairs(
      labels,
      set.map((u) => u.category),
      4000,
    );
    expect(pairs.filter((p) => p.same)).toHaveLength(2000);
    for (const p of pairs) expect([p.a < p.b, labels[p.a] === labels[p.b]]).toEqual([true, p.same]);
    expect(new Set(pairs.map((p) => `${p.a} ${p.b}`)).size).toBe(4000);
    const hard = pairs.filter((p) => !p.same && set[p.a]!.category === set[p.b]!.category);
    expect(hard.length).toBeGreaterThanOrEqual(1000);
    expect(fs.readFileSync(ZH_PAIRS, 'utf8')).toBe(zhPairsJsonl(set));
  });
});
