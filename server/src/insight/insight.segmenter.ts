import { createRequire } from 'node:module';
import { featuresOf, type WordSplitter } from './insight.rules.js';

interface Jieba {
  cut(text: string, hmm?: boolean | null): string[];
}

const require = createRequire(import.meta.url);
let jieba: Jieba | null = null;

/**
 * Chinese words by jieba (@node-rs/jieba: the Rust port, a prebuilt binary, its dictionary in the
 * package), loaded on first use (about 0.1 s) and kept for the process. Without HMM: words the
 * dictionary knows, so that the same text always splits the same way (stored features never
 * change meaning) and unknown runs stay single characters, which the bigrams cover. About 4 µs for
 * a short question.
 */
export const splitWords: WordSplitter = (run) => {
  if (!jieba) {
    const { Jieba } = require('@node-rs/jieba') as { Jieba: { withDict(dict: Uint8Array): Jieba } };
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    jieba = Jieba.withDict(dict);
  }
  return jieba.cut(run, false);
};

/** A text's stored features (insight.rules featuresOf) with jieba's words: what every writer stores. */
export function textFeatures(text: string): Uint32Array {
  return featuresOf(text, splitWords);
}
