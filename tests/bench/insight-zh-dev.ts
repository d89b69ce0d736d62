/**
 * Pairwise precision, recall and F1 of the grouping on the labelled short-Chinese set (issue 22),
 * with the char-bigram TF-IDF single-link baseline at its best threshold, and with what analysts'
 * attachments teach (every other utterance of each intent attached, the rest grouped). The figures
 * of server/src/insight/README.md "Labelled short Chinese". Run: `cd tests && npx tsx bench/insight-zh-dev.ts`.
 */
import fs from 'node:fs';
import { CJK_STOP_WORDS, FeatureIndex, featuresOf, groupBySimilarity, indexOf } from '../../server/src/insight/insight.rules.js';
import { EquivalenceSet, contentWords, taughtPairs } from '../../server/src/insight/insight.equivalence.rules.js';
import { splitWords, textFeatures } from '../../server/src/insight/insight.segmenter.js';

const rows = fs
  .readFileSync(new URL('./data/zh-intents.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { text: string; intent: string });

function pairF1(items: readonly number[], leader: ArrayLike<number>) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let x = 0; x < items.length; x++)
    for (let y = x + 1; y < items.length; y++) {
      const same = rows[items[x]!]!.intent === rows[items[y]!]!.intent;
      const grouped = leader[x] === leader[y];
      if (same && grouped) tp++;
      else if (grouped) fp++;
      else if (same) fn++;
    }
  const p = tp / (tp + fp || 1);
  const r = tp / (tp + fn || 1);
  return { p: +p.toFixed(3), r: +r.toFixed(3), f1: +((2 * p * r) / (p + r || 1)).toFixed(3) };
}

const all = rows.map((_, i) => i);
const THRESHOLDS: [number, number][] = [
  [0.1, 0.15],
  [0.15, 0.25],
];
const idx = indexOf(
  rows.map((r) => r.text),
  splitWords,
);
for (const [t, pt] of THRESHOLDS) console.log('hub', t, pt, pairF1(all, groupBySimilarity(idx, Int32Array.from(all), t, pt)));

// Baseline: character bigrams of the raw text, TF-IDF cosine, single link, the best threshold.
const grams = rows.map((r) => {
  const s = r.text.replace(/\s+/g, '');
  const g = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) g.add(s.slice(i, i + 2));
  return g;
});
const df = new Map<string, number>();
for (const g of grams) for (const x of g) df.set(x, (df.get(x) ?? 0) + 1);
const vec = grams.map((g) => {
  const m = new Map<string, number>();
  let n = 0;
  for (const x of g) {
    const w = Math.log(rows.length / df.get(x)!);
    m.set(x, w);
    n += w * w;
  }
  n = Math.sqrt(n) || 1;
  for (const [k, v] of m) m.set(k, v / n);
  return m;
});
const sims: [number, number, number][] = [];
for (let i = 0; i < rows.length; i++)
  for (let j = i + 1; j < rows.length; j++) {
    let d = 0;
    for (const [k, v] of vec[i]!) d += v * (vec[j]!.get(k) ?? 0);
    if (d > 0.05) sims.push([d, i, j]);
  }
let best = { th: 0, p: 0, r: 0, f1: 0 };
for (let th = 0.1; th <= 0.8; th += 0.05) {
  const parent = rows.map((_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  for (const [d, i, j] of sims) if (d >= th) parent[find(i)] = find(j);
  const r = pairF1(
    all,
    all.map((i) => find(i)),
  );
  if (r.f1 > best.f1) best = { th: +th.toFixed(2), ...r };
}
console.log('baseline', best);

// Learning: every other utterance of each intent attached to its intent's problem, each compared
// with up to 5 earlier members (as the reaction does); the held-out half grouped.
const byIntent = new Map<string, number[]>();
rows.forEach((r, i) => byIntent.set(r.intent, [...(byIntent.get(r.intent) ?? []), i]));
const train = new Set<number>();
for (const ids of byIntent.values()) ids.forEach((i, k) => k % 2 === 0 && ids.length > 1 && train.add(i));
const words = rows.map((r) => contentWords(r.text, splitWords, CJK_STOP_WORDS));
const taught = new Map<string, { a: string; b: string; e: number }>();
for (const ids of byIntent.values()) {
  const attached = ids.filter((i) => train.has(i));
  attached.forEach((i, k) => {
    for (const j of attached.slice(Math.max(0, k - 5), k))
      for (const p of taughtPairs(words[i]!, rows[i]!.text, words[j]!, rows[j]!.text)) {
        const t = taught.get(`${p.a}|${p.b}`) ?? { a: p.a, b: p.b, e: 0 };
        t.e += p.share;
        taught.set(`${p.a}|${p.b}`, t);
      }
  });
}
const test = all.filter((i) => !train.has(i));
for (const learned of [false, true]) {
  const list = learned ? [...taught.values()].map((t) => ({ scope: '', a: t.a, b: t.b, evidence: t.e, listed: false })) : [];
  const set = new EquivalenceSet(list, textFeatures, (t) => featuresOf(t));
  const index = new FeatureIndex();
  for (const r of rows) index.add(set.expand(textFeatures(r.text), ''));
  for (const [t, pt] of THRESHOLDS)
    console.log(
      'held-out',
      learned ? `learned (${set.size} applied)` : 'nothing learned',
      t,
      pt,
      pairF1(test, groupBySimilarity(index, Int32Array.from(test), t, pt)),
    );
}
