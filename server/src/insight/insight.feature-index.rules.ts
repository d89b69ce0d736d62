/**
 * Every indexed item's features as term ids, with the document frequency of each term: what
 * weighted similarity needs, held in typed arrays. Pure (no I/O): the cache fills it from stored
 * features, tests and benchmarks from texts.
 *
 * A term's weight is its inverse document frequency over every item indexed, squared
 * (termWeight): a bigram or word most feedback has (an agent's "客户来电反映", "希望银行尽快解决",
 * "account") weighs little, one few items share weighs much. Items are compared by the cosine of their
 * weight vectors (binary term frequency). The frequencies are counted as items are added, so the
 * weights follow the corpus without a rebuild; they are recomputed, lazily, when items were added
 * since the last use (a few milliseconds per 100,000 items).
 */

const INITIAL = 1024;

/**
 * A term's weight among `n` items, `df` of which have it: the square of ln(1 + n / df). Squared,
 * because the plain IDF leaves too much to boilerplate in a small corpus: two unrelated
 * complaints sharing a 25-bigram opener and closer scored 0.21 among 80 items (0.03 squared),
 * enough to group them; on the benchmarks both give the same quality at their best threshold
 * (README "Quality").
 */
export function termWeight(n: number, df: number): number {
  return Math.log(1 + n / df) ** 2;
}
/** An item as a unit vector: its term ids and each one's weight divided by the item's norm. */
export interface TermVector {
  terms: Int32Array;
  weights: Float64Array;
}

export class FeatureIndex {
  private count = 0;
  /** Term ids of slot s: termData[starts[s] .. starts[s + 1]), in the order of the stored features. */
  private starts: Int32Array = new Int32Array(INITIAL + 1);
  private termData: Int32Array = new Int32Array(INITIAL * 32);
  /** A 53-bit hash of each slot's feature set, to find identical ones. */
  private keys: Float64Array = new Float64Array(INITIAL);
  private readonly termOf = new Map<number, number>();
  private df: Int32Array = new Int32Array(INITIAL * 8);
  private terms = 0;
  /** Weights and norms as of `weightedAt` items. */
  private weightsCache = new Float64Array(0);
  private norms = new Float64Array(0);
  private weightedAt = -1;
  /** A dense accumulator over terms, zero between uses. */
  private scratch = new Float64Array(0);

  get size(): number {
    return this.count;
  }

  get termCount(): number {
    return this.terms;
  }

  /** Adds an item by its features (distinct 32-bit hashes, any order); answers its slot. */
  add(features: ArrayLike<number>): number {
    const slot = this.count;
    if (slot + 1 >= this.starts.length) {
      this.starts = grow(this.starts, slot + 2);
      this.keys = growF(this.keys, slot + 1);
    }
    const at = this.starts[slot]!;
    if (at + features.length > this.termData.length) this.termData = grow(this.termData, at + features.length);
    let h1 = 0x811c9dc5;
    let h2 = 0x2545f491;
    for (let k = 0; k < features.length; k++) {
      const f = features[k]! >>> 0;
      let t = this.termOf.get(f);
      if (t === undefined) {
        t = this.terms++;
        this.termOf.set(f, t);
        if (t >= this.df.length) this.df = grow(this.df, t + 1);
      }
      this.df[t]!++;
      this.termData[at + k] = t;
      h1 = Math.imul(h1 ^ f, 0x01000193);
      h2 = mix32(h2 ^ f);
    }
    this.keys[slot] = (h1 >>> 0) * 0x200000 + (h2 & 0x1fffff);
    this.starts[slot + 1] = at + features.length;
    this.count++;
    return slot;
  }

  /**
   * Takes a slot out (its item was voided, or re-indexed under a new slot after a correction): its
   * terms no longer count in the frequencies, and it scores 0 against everything. The slot stays
   * allocated (slots are positions), with no weight.
   */
  retire(slot: number): void {
    if (this.retired.has(slot)) return;
    this.retired.add(slot);
    for (let p = this.starts[slot]!, e = this.starts[slot + 1]!; p < e; p++) this.df[this.termData[p]!]!--;
    this.weightedAt = -1;
  }

  /** How many slots are retired: the index counts its items without them. */
  private readonly retired = new Set<number>();

  /** The term ids of a slot (a view: do not keep it across `add`). */
  termsOf(slot: number): Int32Array {
    return this.termData.subarray(this.starts[slot]!, this.starts[slot + 1]!);
  }

  /** The term id of a feature (a 32-bit hash), when some indexed item has it. */
  termOfFeature(feature: number): number | undefined {
    return this.termOf.get(feature >>> 0);
  }

  /** How many indexed items have the term (its document frequency). */
  frequency(term: number): number {
    return this.df[term] ?? 0;
  }

  /** A hash of the slot's feature set: equal for identical sets (and, rarely, for others: see `sameTerms`). */
  keyOf(slot: number): number {
    return this.keys[slot]!;
  }

  /** Whether two slots hold the same features in the same order (features are stored sorted). */
  sameTerms(a: number, b: number): boolean {
    const [pa, ea, pb, eb] = [this.starts[a]!, this.starts[a + 1]!, this.starts[b]!, this.starts[b + 1]!];
    if (ea - pa !== eb - pb) return false;
    for (let k = 0; k < ea - pa; k++) if (this.termData[pa + k] !== this.termData[pb + k]) return false;
    return true;
  }

  /** Each term's weight, ln(1 + N / df)², as of now. */
  weights(): Float64Array {
    this.reweigh();
    return this.weightsCache;
  }

  /** The length of a slot's weight vector. */
  norm(slot: number): number {
    this.reweigh();
    return this.norms[slot]!;
  }

  /** A slot as a unit vector. */
  vectorAt(slot: number): TermVector {
    const w = this.weights();
    const terms = this.termsOf(slot).slice();
    const norm = this.norms[slot]! || 1;
    return { terms, weights: Float64Array.from(terms, (t) => w[t]! / norm) };
  }

  /**
   * A text not in the index (by its features) as a unit vector over the index's terms: a feature no
   * item has counts as seen once, in the norm only (it can match nothing).
   */
  vectorOf(features: ArrayLike<number>): TermVector {
    const w = this.weights();
    const rare = termWeight(this.count + 1, 1);
    const terms: number[] = [];
    let sum = 0;
    for (let k = 0; k < features.length; k++) {
      const t = this.termOf.get(features[k]! >>> 0);
      if (t === undefined) sum += rare * rare;
      else {
        terms.push(t);
        sum += w[t]! * w[t]!;
      }
    }
    const norm = Math.sqrt(sum) || 1;
    return { terms: Int32Array.from(terms), weights: Float64Array.from(terms, (t) => w[t]! / norm) };
  }

  /**
   * Calls `fn` with a scorer of slots against `v`: the cosine similarity of each slot with it. The
   * vector is spread over a dense array for the call, so each score costs one pass over the slot's
   * terms.
   */
  withVector<T>(v: TermVector, fn: (cosine: (slot: number) => number) => T): T {
    const w = this.weights();
    const dense = this.dense();
    for (let k = 0; k < v.terms.length; k++) dense[v.terms[k]!] = dense[v.terms[k]!]! + v.weights[k]!;
    try {
      return fn((slot) => {
        const norm = this.norms[slot]!;
        if (!norm) return 0;
        let dot = 0;
        for (let p = this.starts[slot]!, e = this.starts[slot + 1]!; p < e; p++) {
          const t = this.termData[p]!;
          dot += dense[t]! * w[t]!;
        }
        return dot / norm;
      });
    } finally {
      for (let k = 0; k < v.terms.length; k++) dense[v.terms[k]!] = 0;
    }
  }

  /** The cosine similarity of two slots. */
  cosine(a: number, b: number): number {
    return this.withVector(this.vectorAt(a), (cos) => cos(b));
  }

  /** A zeroed array over every term, lent to one computation at a time (which must zero it again). */
  dense(): Float64Array {
    if (this.scratch.length < this.terms) this.scratch = new Float64Array(Math.max(this.terms, this.scratch.length * 2));
    return this.scratch;
  }

  private reweigh(): void {
    if (this.weightedAt === this.count && this.weightsCache.length >= this.terms) return;
    const n = this.count;
    const w = (this.weightsCache = new Float64Array(this.terms));
    // A term only retired slots had weighs nothing (no item left has it).
    for (let t = 0; t < this.terms; t++) w[t] = this.df[t] ? termWeight(n - this.retired.size, this.df[t]!) : 0;
    const norms = (this.norms = new Float64Array(n));
    for (let s = 0; s < n; s++) {
      // A retired slot keeps a zero norm: it scores 0 against everything.
      if (this.retired.has(s)) continue;
      let sum = 0;
      for (let p = this.starts[s]!, e = this.starts[s + 1]!; p < e; p++) sum += w[this.termData[p]!]! ** 2;
      norms[s] = Math.sqrt(sum);
    }
    this.weightedAt = n;
  }
}

/** murmur3's finaliser: spreads every input bit over the output. */
export function mix32(v: number): number {
  v = Math.imul(v ^ (v >>> 16), 0x85ebca6b);
  v = Math.imul(v ^ (v >>> 13), 0xc2b2ae35);
  return (v ^ (v >>> 16)) >>> 0;
}

function grow(a: Int32Array, atLeast: number): Int32Array {
  const b = new Int32Array(Math.max(atLeast, a.length * 2));
  b.set(a);
  return b;
}

function growF(a: Float64Array, atLeast: number): Float64Array {
  const b = new Float64Array(Math.max(atLeast, a.length * 2));
  b.set(a);
  return b;
}
