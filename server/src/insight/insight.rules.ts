/**
 * Similarity of feedback text, and grouping by it: pure functions, no I/O.
 *
 * Feedback is short free text, mostly Chinese (no spaces between words), sometimes English or
 * mixed ("U盾", "APP"). Each item is reduced to a set of features (character bigrams of Chinese,
 * words of other scripts) and that set to a MinHash signature of SIGNATURE_SIZE 32-bit values;
 * the share of equal positions of two signatures estimates the Jaccard similarity of the two
 * sets. A signature depends on its own text only, so it is computed once, when the item is
 * recorded, and never again: no corpus statistics (IDF) to keep current, no model, no service.
 */
import { createHash } from 'node:crypto';

/** Hash functions per signature: 64 estimate a Jaccard of 0.35 within ±0.06 (one standard deviation). */
export const SIGNATURE_SIZE = 64;
/**
 * Estimated Jaccard from which two items count as similar (similarFeedback, grouping, recurrence).
 * Paraphrases of one complaint by different agents score 0.3–0.5 on character bigrams; unrelated
 * complaints sharing an agent's opener and closer, up to about 0.3.
 */
export const SIMILARITY_THRESHOLD = 0.35;
/**
 * Banding for candidate pairs: 32 bands of 2 rows. A pair at the threshold collides in about four
 * bands; one at J = 0.1 in one band with probability 0.27.
 */
const BANDS = 32;
const ROWS = SIGNATURE_SIZE / BANDS;
/**
 * Band collisions before a pair is compared: a pair at the threshold collides in at least two
 * bands with probability 0.92 (0.99 at J = 0.45), an unrelated pair sharing common words (J ≈ 0.1)
 * with probability 0.04.
 */
const MIN_BAND_HITS = 2;
/**
 * Items kept per band value. A value that many dissimilar items share comes from words every text
 * has ("account", "credit" in English narratives); past this many it tells nothing and makes
 * grouping quadratic. With both limits, grouping 100,000 unrelated long narratives (the worst
 * case: no group forms) went from 12 s to about 5 s, with the same groups on the demo and CFPB.
 */
const BUCKET_CAP = 8;
/**
 * How near its group's first item (the leader) a new member must stay. Joining through the most
 * similar member alone (single linkage) chains unrelated complaints through shared boilerplate
 * ("客户来电反映：", "希望银行尽快解决。"): at 0.35 it scored ARI 0.03 and purity 0.40 on the demo's
 * problem feedback. Joining through the leader alone splits paraphrases that are each near the
 * previous one (ARI 0.37, 96% grouped). With the guard: ARI 0.40, purity 0.88, 98% grouped.
 */
const LEADER_GUARD = 0.2;
/** Equal positions from which an earlier item is taken as a copy (J ≥ 0.8): most feedback repeats an earlier text. */
const NEAR_COPY = Math.round(0.8 * SIGNATURE_SIZE);
/** A signature position that saw no feature (empty text): never counts as a match. */
const EMPTY = 0xffffffff;

// ---------------------------------------------------------------------------------------------
// Text → n-grams → signature
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
 * a third of any long narrative: with them, two unrelated CFPB complaints share a Jaccard of
 * 0.3–0.4 and grouping at 0.35 merges 71% of the narratives into low-purity groups (29% purity
 * against product+issue); without them, 5% are grouped at 85% purity (the template letters).
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

/** Fixed seeds of the hash family, drawn once from a splitmix-style generator: signatures never change meaning. */
const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(SIGNATURE_SIZE);
  let x = 0x9e3779b9;
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    x = (x + 0x6d2b79f5) >>> 0;
    let t = x;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    seeds[i] = (t ^ (t >>> 14)) >>> 0;
  }
  return seeds;
})();

/** murmur3's finaliser: spreads every input bit over the output. */
function mix32(v: number): number {
  v = Math.imul(v ^ (v >>> 16), 0x85ebca6b);
  v = Math.imul(v ^ (v >>> 13), 0xc2b2ae35);
  return (v ^ (v >>> 16)) >>> 0;
}

/** The MinHash signature of a text: for each of the hash functions, the least hash of its n-grams. */
export function signatureOf(text: string): Uint32Array {
  return minhash(shingleHashes(text));
}

export function minhash(shingles: Uint32Array): Uint32Array {
  const sig = new Uint32Array(SIGNATURE_SIZE).fill(EMPTY);
  for (let j = 0; j < shingles.length; j++) {
    const x = shingles[j]!;
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const v = mix32(x ^ SEEDS[i]!);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The stored form: SIGNATURE_SIZE little-endian 32-bit values. */
export function encodeSignature(sig: Uint32Array): Buffer {
  const buf = Buffer.allocUnsafe(sig.length * 4);
  for (let i = 0; i < sig.length; i++) buf.writeUInt32LE(sig[i]!, i * 4);
  return buf;
}

/** Copies a stored signature into `into` at item slot `slot`; false when the blob has the wrong size. */
export function decodeSignatureInto(blob: Uint8Array, into: Uint32Array, slot: number): boolean {
  if (blob.byteLength !== SIGNATURE_SIZE * 4) return false;
  const at = slot * SIGNATURE_SIZE;
  if (LITTLE_ENDIAN) {
    new Uint8Array(into.buffer, into.byteOffset + at * 4, SIGNATURE_SIZE * 4).set(blob);
  } else {
    const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
    for (let i = 0; i < SIGNATURE_SIZE; i++) into[at + i] = view.getUint32(i * 4, true);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Similarity
// ---------------------------------------------------------------------------------------------

/** Equal positions needed for an estimated Jaccard of at least `threshold`. */
export function matchesNeeded(threshold: number): number {
  return Math.max(1, Math.ceil(threshold * SIGNATURE_SIZE - 1e-9));
}

/**
 * Equal positions of the signatures in slots `a` of `da` and `b` of `db`, or -1 as soon as fewer
 * than `needed` are still possible (most pairs are far apart: this halves the work).
 */
export function matchCount(da: Uint32Array, a: number, db: Uint32Array, b: number, needed = 0): number {
  const pa = a * SIGNATURE_SIZE;
  const pb = b * SIGNATURE_SIZE;
  const allowedMisses = SIGNATURE_SIZE - needed;
  let equal = 0;
  let misses = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    const v = da[pa + i]!;
    if (v === db[pb + i]! && v !== EMPTY) equal++;
    else if (++misses > allowedMisses) return -1;
  }
  return equal;
}

/** Estimated Jaccard similarity of two signatures, 0…1. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  return matchCount(a, 0, b, 0) / SIGNATURE_SIZE;
}

// ---------------------------------------------------------------------------------------------
// Grouping
// ---------------------------------------------------------------------------------------------

/** A 53-bit hash of a whole signature, to find identical ones. */
function signatureKey(data: Uint32Array, slot: number): number {
  let h1 = FNV_OFFSET;
  let h2 = 0x2545f491;
  const p = slot * SIGNATURE_SIZE;
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    const v = data[p + i]!;
    h1 = Math.imul(h1 ^ v, FNV_PRIME);
    h2 = mix32(h2 ^ v);
  }
  // 53 bits: 32 of one hash, 21 of the other.
  return (h1 >>> 0) * 0x200000 + (h2 & 0x1fffff);
}

function sameSignature(data: Uint32Array, a: number, b: number): boolean {
  const pa = a * SIGNATURE_SIZE;
  const pb = b * SIGNATURE_SIZE;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (data[pa + i] !== data[pb + i]) return false;
  return true;
}

function bandKey(data: Uint32Array, slot: number, band: number): number {
  const p = slot * SIGNATURE_SIZE + band * ROWS;
  let h = 0x1b873593 ^ band;
  for (let r = 0; r < ROWS; r++) h = mix32(h ^ data[p + r]!);
  return (h >>> 0) * BANDS + band;
}

/**
 * Band value → items with it, oldest first, at most BUCKET_CAP each: open addressing over typed
 * arrays. For 100,000 unrelated texts this holds 3.2 million entries,
 * which as a Map of arrays spent most of the grouping time in allocation.
 */
class BandTable {
  private keys = new Float64Array(1 << 12).fill(-1);
  private heads = new Int32Array(1 << 12);
  private tails = new Int32Array(1 << 12);
  private sizes = new Uint8Array(1 << 12);
  private used = 0;
  private items: Int32Array = new Int32Array(1 << 12);
  private nexts: Int32Array = new Int32Array(1 << 12);
  private nodes = 0;

  private slotOf(key: number): number {
    const mask = this.keys.length - 1;
    let s = mix32((key % 0x100000000) ^ Math.floor(key / 0x100000000)) & mask;
    while (this.keys[s] !== -1 && this.keys[s] !== key) s = (s + 1) & mask;
    return s;
  }

  first(key: number): number {
    const s = this.slotOf(key);
    return this.keys[s] === key ? this.heads[s]! : -1;
  }

  next(node: number): number {
    return this.nexts[node]!;
  }

  item(node: number): number {
    return this.items[node]!;
  }

  add(key: number, item: number): void {
    let s = this.slotOf(key);
    if (this.keys[s] === key && this.sizes[s]! >= BUCKET_CAP) return;
    if (this.nodes === this.items.length) {
      this.items = grow(this.items);
      this.nexts = grow(this.nexts);
    }
    const node = this.nodes++;
    this.items[node] = item;
    this.nexts[node] = -1;
    if (this.keys[s] === key) {
      this.nexts[this.tails[s]!] = node;
      this.tails[s] = node;
      this.sizes[s]!++;
      return;
    }
    if ((this.used + 1) * 2 > this.keys.length) {
      this.rehash();
      s = this.slotOf(key);
    }
    this.keys[s] = key;
    this.heads[s] = node;
    this.tails[s] = node;
    this.sizes[s] = 1;
    this.used++;
  }

  private rehash(): void {
    const { keys, heads, tails, sizes } = this;
    const size = keys.length * 2;
    this.keys = new Float64Array(size).fill(-1);
    this.heads = new Int32Array(size);
    this.tails = new Int32Array(size);
    this.sizes = new Uint8Array(size);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (key === -1) continue;
      const s = this.slotOf(key);
      this.keys[s] = key;
      this.heads[s] = heads[i]!;
      this.tails[s] = tails[i]!;
      this.sizes[s] = sizes[i]!;
    }
  }
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * Groups items by similarity: leader clustering with a guard, over LSH candidates; the same
 * input in the same order gives the same groups.
 *
 * Items are taken in the order given (the caller passes them oldest first). Identical signatures
 * (the same text up to digits and punctuation) are grouped at once. Each other item finds, among
 * earlier items sharing LSH bands with it, the most similar one with an estimated Jaccard of at
 * least `threshold`, and joins its group if it is also within LEADER_GUARD of that group's
 * leader; otherwise it joins the most similar leader above `threshold`, or leads a new group.
 *
 * @param data   signatures, SIGNATURE_SIZE values per slot
 * @param slots  the slots to group, in processing order
 * @returns for each position of `slots`, the position of its group's leader
 */
export function groupBySimilarity(data: Uint32Array, slots: ArrayLike<number>, threshold = SIMILARITY_THRESHOLD): Int32Array {
  const n = slots.length;
  const leaderOf = new Int32Array(n).fill(-1);
  const needed = matchesNeeded(threshold);
  const guardNeeded = matchesNeeded(LEADER_GUARD);
  const exact = new Map<number, number[]>();
  const buckets = new BandTable();
  // Band collisions of each earlier item with item i (stamped with i, so that nothing needs clearing).
  const hitsFor = new Int32Array(n).fill(-1);
  const hits = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const slot = slots[i]!;
    if (data[slot * SIGNATURE_SIZE] === EMPTY) {
      // No feature at all (punctuation only): like nothing, not like every other empty text.
      leaderOf[i] = i;
      continue;
    }
    const key = signatureKey(data, slot);
    const twins = exact.get(key);
    const twin = twins?.find((t) => sameSignature(data, slots[t]!, slot));
    if (twin !== undefined) {
      leaderOf[i] = leaderOf[twin]!;
      continue;
    }
    if (twins) twins.push(i);
    else exact.set(key, [i]);

    // The most similar earlier item, and the most similar leader: the item joins the former's group
    // when it is also near that group's leader, else the latter's group, else starts its own.
    let best = -1;
    let bestCount = needed - 1;
    let bestLeader = -1;
    let bestLeaderCount = needed - 1;
    const keys: number[] = [];
    for (let b = 0; b < BANDS; b++) {
      const k = bandKey(data, slot, b);
      keys.push(k);
      // A near-copy of an earlier item settles it: the rest of the bands would only confirm.
      if (bestCount >= NEAR_COPY) continue;
      for (let node = buckets.first(k); node >= 0; node = buckets.next(node)) {
        const l = buckets.item(node);
        if (hitsFor[l] !== i) {
          hitsFor[l] = i;
          hits[l] = 0;
        }
        if (++hits[l]! !== MIN_BAND_HITS) continue;
        const isLeader = leaderOf[l] === l;
        // Strictly better only: items are met in a fixed order (band, then age), so ties are deterministic.
        const count = matchCount(data, slots[l]!, data, slot, (isLeader ? Math.min(bestCount, bestLeaderCount) : bestCount) + 1);
        if (count > bestCount) {
          best = l;
          bestCount = count;
        }
        if (isLeader && count > bestLeaderCount) {
          bestLeader = l;
          bestLeaderCount = count;
        }
      }
    }
    for (const k of keys) buckets.add(k, i);
    if (best >= 0) {
      const group = leaderOf[best]!;
      if (group === best || matchCount(data, slots[group]!, data, slot, guardNeeded) >= guardNeeded) {
        leaderOf[i] = group;
        continue;
      }
    }
    leaderOf[i] = bestLeader >= 0 ? bestLeader : i;
  }
  return leaderOf;
}

/**
 * The members of a group from its centre outward: each member's similarity to the group's
 * modal signature (at every position, the value most members share), best first, then by the
 * order given. The modal signature stands for what the members have in common, so the first
 * member is the most representative text.
 *
 * @returns positions into `members`, centre first
 */
export function centreOutward(data: Uint32Array, members: readonly number[]): number[] {
  if (members.length <= 2) return members.map((_, i) => i);
  // The mode of a large group is read from an even sample of it: 1,000 members say it well enough.
  const step = Math.max(1, Math.floor(members.length / 1000));
  const sample = new Uint32Array(Math.ceil(members.length / step));
  const mode = new Uint32Array(SIGNATURE_SIZE);
  for (let k = 0; k < SIGNATURE_SIZE; k++) {
    for (let i = 0, j = 0; i < members.length; i += step, j++) sample[j] = data[members[i]! * SIGNATURE_SIZE + k]!;
    sample.sort();
    // The longest run of equal values; the first (smallest) wins a tie.
    let best = EMPTY;
    let bestCount = 0;
    for (let i = 0; i < sample.length;) {
      let j = i + 1;
      while (j < sample.length && sample[j] === sample[i]) j++;
      if (j - i > bestCount) {
        best = sample[i]!;
        bestCount = j - i;
      }
      i = j;
    }
    mode[k] = best;
  }
  const score = members.map((slot) => matchCount(data, slot, mode, 0));
  return members.map((_, i) => i).sort((a, b) => score[b]! - score[a]! || a - b);
}

/** A group's key: a hash of its sorted member ids, so that the same members always give the same key. */
export function clusterKey(ids: readonly string[]): string {
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
 * last action of the linkage table was confirmed. While any action is unconfirmed the fix is not
 * done, so there is no after-window yet.
 */
export function recurrenceWindows(
  remediatingAt: number,
  actions: readonly { status: string; confirmedAt: number | null }[],
  windowDays: number,
  now: number,
): RecurrenceWindows {
  const span = windowDays * DAY_MS;
  const before = { from: remediatingAt - span, to: remediatingAt };
  const done = actions.length > 0 && actions.every((a) => a.status === 'CONFIRMED' && a.confirmedAt !== null);
  if (!done) return { before, after: null, complete: false };
  const confirmed = Math.max(...actions.map((a) => a.confirmedAt ?? 0));
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
