/**
 * The 3-in-3 rule's kept topics (issue #15): placing one more item into the groups kept after the
 * others (TopicState) must answer what partitioning them all again answers, with the same weights,
 * whatever the items and their order; that is what lets a storm's write place its report instead of
 * partitioning its alert's representatives again.
 */
import { describe, it, expect } from 'vitest';
import { indexOf, partitionBySimilarity, weighedTerms, featuresOf } from '../../../server/src/insight/insight.rules.js';
import { TopicState } from '../../../server/src/insight/insight.topics.rules.js';
import { background, OPENER, CLOSER, COMPLAINT_CLOSER } from './corpus.js';
import { stormText, controlText } from '../../utils/storm.js';

const TEXTS = [
  '客户反映自助存款机存入的外币现钞被机器吞了，一直没有退回。',
  '自助存款机吞了客户的外币现钞，客户说钱一直没有退回。',
  `${OPENER}自助存款机吞了外币现钞，一直没有退回。${CLOSER}电话13812345678`,
  `${OPENER}自助存款机吞了外币现钞，一直没有退回。${CLOSER}电话13987654321`,
  'The mobile app crashes whenever I try to open my monthly statement.',
  'Every time I open the monthly statement in the mobile app it crashes.',
  `客户咨询大额存单的起存金额和利率。${COMPLAINT_CLOSER}`,
  `网点门口没有停车位，客户办业务很不方便。${COMPLAINT_CLOSER}`,
  '？？？',
  '……',
  ...Array.from({ length: 40 }, (_, i) => stormText(i)),
  ...Array.from({ length: 20 }, (_, i) => controlText(i)),
];

/** A fixed pseudo-random sequence (mulberry32), so that a failure is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('TopicState (the 3-in-3 rule’s topics, kept between writes)', () => {
  const index = indexOf([...background(), ...TEXTS.slice(0, 30)]);
  // Some items indexed, the others not (just recorded): weights as a partition of all of them has.
  const items = TEXTS.map((text, i) => (i < 30 ? { slot: background().length + i } : { features: featuresOf(text) }));

  it('places one more item into the group a whole partition gives it, in 300 random sets and orders', () => {
    const next = random(15);
    let joined = 0;
    for (let round = 0; round < 300; round++) {
      const n = 2 + Math.floor(next() * 40);
      const picked = Array.from({ length: n }, () => items[Math.floor(next() * items.length)]!);
      const { terms, weightOf } = weighedTerms(index, picked);
      const whole = partitionBySimilarity(terms, weightOf);
      const state = TopicState.of(terms.slice(0, n - 1), weightOf);
      expect([...state.leaderOf]).toEqual([...whole.slice(0, n - 1)]);
      const group = state.place(terms[n - 1]!, weightOf);
      expect(group < 0 ? n - 1 : group).toBe(whole[n - 1]);
      if (group >= 0) joined++;
    }
    // Most placements join a group (the storm's paraphrases), some start their own.
    expect(joined).toBeGreaterThan(100);
    expect(joined).toBeLessThan(300);
  });

  it('leaves its groups as they were: one state serves every later item', () => {
    const { terms, weightOf } = weighedTerms(index, items);
    const state = TopicState.of(terms.slice(0, 40), weightOf);
    for (let k = 40; k < terms.length; k++) {
      const whole = partitionBySimilarity([...terms.slice(0, 40), terms[k]!], weightOf);
      const group = state.place(terms[k]!, weightOf);
      expect(group < 0 ? 40 : group).toBe(whole[40]);
    }
  });

  it('puts a twin with its first, and an item without words with the others without', () => {
    const { terms, weightOf } = weighedTerms(index, [
      { features: featuresOf('贵金属回购价格不透明') },
      { features: featuresOf('？？？') },
      { features: featuresOf('客户咨询大额存单的起存金额和利率。') },
    ]);
    const state = TopicState.of(terms, weightOf);
    const twin = weighedTerms(index, [{ features: featuresOf('贵金属回购价格不透明！！') }]);
    expect(state.place(twin.terms[0]!, twin.weightOf)).toBe(0);
    const wordless = weighedTerms(index, [{ features: featuresOf('……') }]);
    expect(state.place(wordless.terms[0]!, wordless.weightOf)).toBe(1);
    const other = weighedTerms(index, [{ features: featuresOf('网点门口没有停车位') }]);
    expect(state.place(other.terms[0]!, other.weightOf)).toBe(-1);
  });
});
