import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sampleLabelledPairs, type LabelledPair } from './cluster-metrics.js';

/**
 * The hand-labelled Chinese set (tests/bench/data/zh-intents.jsonl, see its README) and the
 * labelled-pair export derived from it (zh-pairs.jsonl). Run this file to write the export again:
 * `cd tests && npx tsx bench/zh-set.ts`; the same set gives the same file.
 */

export const ZH_SET = path.join(import.meta.dirname, 'data', 'zh-intents.jsonl');
export const ZH_PAIRS = path.join(import.meta.dirname, 'data', 'zh-pairs.jsonl');
/** As many as the outside evaluation's 3,926, rounded: 2,000 same and 2,000 different. */
export const ZH_PAIR_COUNT = 4000;

export interface Utterance {
  text: string;
  intent: string;
  category: string;
}

export function loadZhSet(file = ZH_SET): Utterance[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Utterance);
}

/** The labelled pairs, by index into the set: half same intent, half not (half of those in one category). */
export function zhPairs(set: readonly Utterance[]): LabelledPair[] {
  return sampleLabelledPairs(
    set.map((u) => u.intent),
    set.map((u) => u.category),
    ZH_PAIR_COUNT,
  );
}

/** One JSON object a line: the two texts, whether they ask the same thing, and their lines in the set (0-based). */
export function zhPairsJsonl(set: readonly Utterance[]): string {
  return zhPairs(set)
    .map((p) => JSON.stringify({ a: set[p.a]!.text, b: set[p.b]!.text, same: p.same, lineA: p.a, lineB: p.b }))
    .join('\n')
    .concat('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  fs.writeFileSync(ZH_PAIRS, zhPairsJsonl(loadZhSet()));
  console.log(`wrote ${ZH_PAIRS}`);
}
