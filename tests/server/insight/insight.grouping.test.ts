import { describe, it, expect } from 'vitest';
import {
  SIGNATURE_SIZE,
  SIMILARITY_THRESHOLD,
  signatureOf,
  similarity,
  groupBySimilarity,
  centreOutward,
  clusterKey,
} from '../../../server/src/insight/insight.rules.js';

/** Signatures of texts, one slot each, in the order given. */
function sign(texts: readonly string[]): Uint32Array {
  const data = new Uint32Array(texts.length * SIGNATURE_SIZE);
  texts.forEach((t, i) => data.set(signatureOf(t), i * SIGNATURE_SIZE));
  return data;
}

/** The groups as sorted lists of the names given, sorted, so that partitions compare as values. */
function partition(names: readonly string[], leaderOf: Int32Array): string[][] {
  const groups = new Map<number, string[]>();
  leaderOf.forEach((leader, i) => groups.set(leader, [...(groups.get(leader) ?? []), names[i]!]));
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
}

const TEXTS: Record<string, string> = {
  // An ATM that swallowed foreign cash, as four agents wrote it down.
  atm1: '客户反映自助存款机存入的外币现钞被机器吞了，一直没有退回。',
  atm2: '自助存款机吞了客户的外币现钞，客户说钱一直没有退回。',
  atm3: '客户的外币现钞被自助存款机吞掉，至今没有退回，要求处理。',
  atm4: '客户来电反映：自助存款机吞了外币现钞，一直没有退回。希望银行尽快解决。电话13812345678',
  // The same with another customer's phone number: identical once digits are collapsed.
  atm5: '客户来电反映：自助存款机吞了外币现钞，一直没有退回。希望银行尽快解决。电话13987654321',
  // A statement page that crashes, in English.
  app1: 'The mobile app crashes whenever I try to open my monthly statement.',
  app2: 'Every time I open the monthly statement in the mobile app it crashes.',
  app3: 'My mobile app keeps crashing when I open the monthly statement.',
  // Unrelated.
  cd: '客户咨询大额存单的起存金额和利率。',
  fee: 'I was charged a late fee because I never got a payment reminder.',
  park: '网点门口没有停车位，客户办业务很不方便。',
  empty1: '？？？',
  empty2: '……',
};

describe('groupBySimilarity', () => {
  const names = Object.keys(TEXTS);
  const data = sign(Object.values(TEXTS));
  const slots = names.map((_, i) => i);

  it('groups paraphrases and keeps unrelated items (and empty texts) alone', () => {
    expect(partition(names, groupBySimilarity(data, slots))).toEqual([
      ['app1', 'app2', 'app3'],
      ['atm1', 'atm2', 'atm3', 'atm4', 'atm5'],
      ['cd'],
      ['empty1'],
      ['empty2'],
      ['fee'],
      ['park'],
    ]);
  });

  it('is deterministic for a given order', () => {
    expect([...groupBySimilarity(data, slots)]).toEqual([...groupBySimilarity(data, slots)]);
  });

  it('in another order still groups the close paraphrases and keeps unrelated items apart', () => {
    // Leader clustering depends on the order for borderline members (atm3 is 0.33 from atm1):
    // the service always passes items oldest first.
    const shuffled = [...slots].sort((a, b) => ((a * 7) % 13) - ((b * 7) % 13));
    const groups = partition(
      shuffled.map((s) => names[s]!),
      groupBySimilarity(data, shuffled),
    );
    expect(groups).toContainEqual(['app1', 'app2', 'app3']);
    expect(groups.find((g) => g.includes('atm4'))).toEqual(expect.arrayContaining(['atm1', 'atm2', 'atm4', 'atm5']));
    for (const alone of ['cd', 'fee', 'park', 'empty1', 'empty2']) expect(groups).toContainEqual([alone]);
  });

  it('makes the group its first item leads, so keys follow the members', () => {
    const leaderOf = groupBySimilarity(data, slots);
    expect(leaderOf[names.indexOf('atm3')]).toBe(names.indexOf('atm1'));
    const members = names.filter((_, i) => leaderOf[i] === names.indexOf('atm1'));
    expect(clusterKey(members)).toBe(clusterKey(['atm5', 'atm4', 'atm3', 'atm2', 'atm1']));
  });

  it('does not chain: a member joins through a similar member only if it is also near the leader', () => {
    // Word sets shifted along a sequence: each text shares 18 of 30 words with the next
    // (J ≈ 0.43) but only 6 with the one after (J ≈ 0.11).
    const word = (i: number) => `q${String.fromCharCode(97 + Math.floor(i / 26))}${String.fromCharCode(97 + (i % 26))}`;
    const chain = [0, 12, 24].map((start) => Array.from({ length: 30 }, (_, i) => word(start + i)).join(' '));
    const sigs = sign(chain);
    const [a, b, c] = [0, 1, 2].map((i) => sigs.subarray(i * SIGNATURE_SIZE, (i + 1) * SIGNATURE_SIZE));
    // The premise, as the signatures see it.
    expect(similarity(a!, b!)).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLD);
    expect(similarity(b!, c!)).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLD);
    expect(similarity(a!, c!)).toBeLessThan(0.2);
    const leaderOf = groupBySimilarity(sigs, [0, 1, 2]);
    expect(leaderOf[1]).toBe(0);
    expect(leaderOf[2]).not.toBe(0);
  });

  it('takes the threshold given', () => {
    const strict = groupBySimilarity(data, slots, 0.95);
    // Only the two texts equal up to their numbers stay together.
    expect(partition(names, strict).filter((g) => g.length > 1)).toEqual([['atm4', 'atm5']]);
  });
});

describe('centreOutward', () => {
  it('puts the most representative member first and the outlier last', () => {
    const texts = [
      '客户反映自助存款机存入的外币现钞被机器吞了，一直没有退回。',
      '客户来电反映：自助存款机吞了外币现钞，一直没有退回。希望银行尽快解决。',
      '自助存款机吞了外币现钞，一直没有退回。',
      '自助存款机吞了外币现钞，一直没有退回，客户很着急。',
      '自助存款机吞了外币现钞，一直没有退回！',
    ];
    const data = sign(texts);
    const order = centreOutward(data, [0, 1, 2, 3, 4]);
    expect(order).toHaveLength(5);
    expect(new Set(order).size).toBe(5);
    expect([2, 4]).toContain(order[0]);
    expect(order[4]).toBe(0);
  });

  it('keeps the given order for one or two members', () => {
    const data = sign(['甲乙丙', '丁戊己']);
    expect(centreOutward(data, [1, 0])).toEqual([0, 1]);
  });
});
