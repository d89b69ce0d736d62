import type { FEEDBACK_KINDS } from '../feedback/feedback.table.js';

export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** An action due in the period was done on time when it was confirmed by its due date. */
export function actionOutcome(a: { dueAt: Date; confirmedAt: Date | null }, now: Date): 'ON_TIME' | 'LATE' | 'OVERDUE' | 'PENDING' {
  if (a.confirmedAt) return a.confirmedAt.getTime() <= a.dueAt.getTime() ? 'ON_TIME' : 'LATE';
  return a.dueAt.getTime() < now.getTime() ? 'OVERDUE' : 'PENDING';
}

/** The median; the mean of the two middle values for an even count; null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The nearest-rank percentile (p in (0, 100]): the smallest value with at least p % at or below it. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length))) - 1]!;
}

/**
 * The branch a record counts under in a report of the subtree at `rootId`: the child of the root
 * on the record's path (for the whole bank, its 分行), or the root itself for the root's own.
 * `path` is the branch's materialised path (`/id1/id2/`). Undefined outside the root's subtree.
 */
export function reportingUnit(path: string, rootId: string): string | undefined {
  const ids = path.split('/').filter(Boolean);
  const at = ids.indexOf(rootId);
  if (at < 0) return undefined;
  return ids[at + 1] ?? rootId;
}

/** Character bigrams of a text (punctuation and spaces dropped): a fingerprint that needs no word segmenter. */
function bigrams(text: string): Map<string, number> {
  const chars = [...text.replace(/[\s\p{P}\p{S}]+/gu, '')];
  const grams = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/**
 * The index of the text most typical of its group: the one whose character bigrams are closest
 * (cosine) to the rest of the group's taken together. Ties go to the earlier text; undefined
 * for an empty group.
 */
export function mostTypical(texts: readonly string[]): number | undefined {
  if (!texts.length) return undefined;
  const vectors = texts.map((t) => {
    const v = bigrams(t);
    let norm = 0;
    for (const n of v.values()) norm += n * n;
    norm = Math.sqrt(norm) || 1;
    for (const [g, n] of v) v.set(g, n / norm);
    return v;
  });
  const centre = new Map<string, number>();
  for (const v of vectors) for (const [g, x] of v) centre.set(g, (centre.get(g) ?? 0) + x);
  let centreNorm2 = 0;
  for (const c of centre.values()) centreNorm2 += c * c;
  let best = 0;
  let bestScore = -Infinity;
  vectors.forEach((v, i) => {
    // Cosine against the rest of the group (the centre without this text), from v·centre alone:
    // v·(C − v) = v·C − |v|², |C − v|² = |C|² − 2 v·C + |v|².
    let dot = 0;
    let self = 0;
    for (const [g, x] of v) {
      dot += x * (centre.get(g) ?? 0);
      self += x * x;
    }
    const restNorm2 = centreNorm2 - 2 * dot + self;
    const score = restNorm2 > 1e-12 ? (dot - self) / Math.sqrt(restNorm2) : 0;
    if (score > bestScore + 1e-12) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

/** One figure of a report that differs between two versions. */
export interface ReportChange {
  key: string;
  label: string;
  before: number | null;
  after: number | null;
}

/**
 * What changed between two versions of a report, figure by figure (figures are flat `key →
 * value` maps with a label each), in the order of the newer version's figures, then the ones it
 * dropped.
 */
export function changedFigures(
  before: ReadonlyMap<string, { label: string; value: number | null }>,
  after: ReadonlyMap<string, { label: string; value: number | null }>,
): ReportChange[] {
  const changes: ReportChange[] = [];
  const same = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 1e-9);
  for (const [key, now] of after) {
    const was = before.get(key);
    if (!was || !same(was.value, now.value)) changes.push({ key, label: now.label, before: was?.value ?? null, after: now.value });
  }
  for (const [key, was] of before) if (!after.has(key)) changes.push({ key, label: was.label, before: was.value, after: null });
  return changes;
}

/** JSON for a frozen snapshot: dates survive the round trip as dates. */
export function toSnapshotJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.getTime() } : v;
  });
}

/** Reads what toSnapshotJson wrote. */
export function fromSnapshotJson<T>(json: string): T {
  return JSON.parse(json, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      if (typeof o.$date === 'number' && Object.keys(o).length === 1) return new Date(o.$date);
    }
    return v;
  }) as T;
}

/** The feedback items counted in rollup cells. */
export function itemsOf(cells: readonly { items: number }[]): number {
  return cells.reduce((s, c) => s + c.items, 0);
}

/** Feedback items by kind, with the complaints among them. */
export interface KindCounts {
  praise: number;
  problems: number;
  suggestions: number;
  complaints: number;
  total: number;
}

/** The items by kind, and the complaints, counted in rollup cells. */
export function kindCounts(cells: readonly { kind: string; items: number; complaints: number }[]): KindCounts {
  const of = (kind: string) => itemsOf(cells.filter((c) => c.kind === kind));
  return {
    praise: of('PRAISE'),
    problems: of('PROBLEM'),
    suggestions: of('SUGGESTION'),
    complaints: cells.reduce((s, c) => s + c.complaints, 0),
    total: itemsOf(cells),
  };
}
