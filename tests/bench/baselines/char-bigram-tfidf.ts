/**
 * The grouping baseline of issue 22, as the outside evaluations ran it: character-bigram TF-IDF,
 * cosine, single-link clustering, at the threshold that scores best (found by sweeping).
 *
 * Features: NFKC, lower case, every run of characters that are neither letters nor digits → one
 * space, then the overlapping character bigrams of that string (a one-character text is its own
 * feature). Weights: raw bigram count × smooth IDF `ln((1 + N) / (1 + df)) + 1` (scikit-learn's
 * default), L2-normalised. Nothing else: no word segmentation, no stop words, no number folding.
 *
 * Single link at threshold t joins every pair with cosine ≥ t, transitively: its groups at every t
 * are the components of the maximum spanning forest's edges ≥ t, so one Prim pass (N² cosines,
 * no edge list) serves the whole sweep.
 */

export interface BigramVectors {
  n: number;
  dims: number;
  /** Per item: its non-zero dimensions and their weights (L2-normalised). */
  terms: Int32Array[];
  weights: Float32Array[];
}

export function charBigrams(text: string): string[] {
  const s = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const chars = [...s];
  if (chars.length < 2) return chars.length ? [chars[0]!] : [];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

export function bigramVectors(texts: readonly string[]): BigramVectors {
  const dim = new Map<string, number>();
  const counts = texts.map((t) => {
    const c = new Map<number, number>();
    for (const g of charBigrams(t)) {
      let d = dim.get(g);
      if (d === undefined) dim.set(g, (d = dim.size));
      c.set(d, (c.get(d) ?? 0) + 1);
    }
    return c;
  });
  const df = new Int32Array(dim.size);
  for (const c of counts) for (const d of c.keys()) df[d]!++;
  const n = texts.length;
  const idf = Float64Array.from(df, (k) => Math.log((1 + n) / (1 + k)) + 1);
  const terms: Int32Array[] = [];
  const weights: Float32Array[] = [];
  for (const c of counts) {
    const t = Int32Array.from(c.keys());
    const w = Float64Array.from(t, (d) => c.get(d)! * idf[d]!);
    let sq = 0;
    for (const x of w) sq += x * x;
    const norm = Math.sqrt(sq) || 1;
    terms.push(t);
    weights.push(Float32Array.from(w, (x) => x / norm));
  }
  return { n, dims: dim.size, terms, weights };
}

export interface SpanningEdge {
  a: number;
  b: number;
  cos: number;
}

/**
 * The maximum spanning forest of the cosine graph (Prim, dense: each item's vector is spread into a
 * dense row once it joins, and every item not yet in the tree is scored against it). O(N² × terms).
 */
export function maximumSpanningForest(v: BigramVectors): SpanningEdge[] {
  const { n } = v;
  const inTree = new Uint8Array(n);
  const best = new Float64Array(n).fill(-1);
  const from = new Int32Array(n).fill(-1);
  const dense = new Float32Array(v.dims);
  const edges: SpanningEdge[] = [];
  let next = 0;
  for (let step = 0; step < n; step++) {
    const u = next;
    inTree[u] = 1;
    if (from[u]! >= 0 && best[u]! > 0) edges.push({ a: from[u]!, b: u, cos: best[u]! });
    const tu = v.terms[u]!;
    const wu = v.weights[u]!;
    for (let k = 0; k < tu.length; k++) dense[tu[k]!] = wu[k]!;
    next = -1;
    let nextBest = -2;
    for (let x = 0; x < n; x++) {
      if (inTree[x]) continue;
      const tx = v.terms[x]!;
      const wx = v.weights[x]!;
      let dot = 0;
      for (let k = 0; k < tx.length; k++) dot += wx[k]! * dense[tx[k]!]!;
      if (dot > best[x]!) {
        best[x] = dot;
        from[x] = u;
      }
      if (best[x]! > nextBest) {
        nextBest = best[x]!;
        next = x;
      }
    }
    for (let k = 0; k < tu.length; k++) dense[tu[k]!] = 0;
    if (next < 0) break;
  }
  return edges;
}

/** Single-link groups at `threshold`: the components of the forest's edges with cosine ≥ threshold. */
export function singleLinkAt(n: number, forest: readonly SpanningEdge[], threshold: number): Int32Array {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (const e of forest) if (e.cos >= threshold) parent[find(e.a)] = find(e.b);
  return Int32Array.from({ length: n }, (_, i) => find(i));
}

/** Thresholds 0.05, 0.075, … 0.975: the sweep the baseline's best threshold is chosen from. */
export const SWEEP = Array.from({ length: 39 }, (_, i) => Math.round((0.05 + 0.025 * i) * 1000) / 1000);

/** The baseline's spanning forest over `texts`, computed once for a whole sweep, and how long that took. */
export function singleLinkForest(texts: readonly string[]): { n: number; forest: SpanningEdge[]; ms: number } {
  const t0 = performance.now();
  const forest = maximumSpanningForest(bigramVectors(texts));
  return { n: texts.length, forest, ms: performance.now() - t0 };
}

/**
 * The baseline at its best threshold by `score` (higher is better), and every threshold's score.
 * Ties go to the lower threshold.
 */
export function bestSingleLink(
  base: { n: number; forest: readonly SpanningEdge[] },
  score: (groupOf: Int32Array) => number,
): { threshold: number; groupOf: Int32Array; score: number; sweep: { threshold: number; score: number }[] } {
  let best = { threshold: SWEEP[0]!, groupOf: singleLinkAt(base.n, base.forest, SWEEP[0]!), score: -Infinity };
  const sweep: { threshold: number; score: number }[] = [];
  for (const threshold of SWEEP) {
    const groupOf = singleLinkAt(base.n, base.forest, threshold);
    const s = score(groupOf);
    sweep.push({ threshold, score: s });
    if (s > best.score) best = { threshold, groupOf, score: s };
  }
  return { ...best, sweep };
}
