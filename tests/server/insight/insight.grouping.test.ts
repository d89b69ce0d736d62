import { describe, it, expect } from 'vitest';
import {
  GROUP_THRESHOLD,
  SIMILARITY_THRESHOLD,
  indexOf,
  groupBySimilarity,
  centreOutward,
  groupKey,
  featuresOf,
  partitionBySimilarity,
  weighedTerms,
  type FeatureIndex,
} from '../../../server/src/insight/insight.rules.js';
import { background, OPENER, CLOSER, COMPLAINT_CLOSER } from './corpus.js';

/**
 * The texts indexed after the background corpus (which sets the weights, as all indexed feedback
 * does in the hub); answers the index and the texts' slots, in the order given.
 */
function indexed(texts: readonly string[]): { index: FeatureIndex; slots: number[] } {
  const bg = background();
  return { index: indexOf([...bg, ...texts]), slots: texts.map((_, i) => bg.length + i) };
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
  const { index, slots } = indexed(Object.values(TEXTS));

  it('groups paraphrases and keeps unrelated items (and empty texts) alone', () => {
    expect(partition(names, groupBySimilarity(index, slots))).toEqual([
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
    expect([...groupBySimilarity(index, slots)]).toEqual([...groupBySimilarity(index, slots)]);
  });

  it('in another order still groups the paraphrases and keeps unrelated items apart', () => {
    const order = names.map((_, i) => i).sort((a, b) => ((a * 7) % 13) - ((b * 7) % 13));
    const groups = partition(
      order.map((i) => names[i]!),
      groupBySimilarity(
        index,
        order.map((i) => slots[i]!),
      ),
    );
    expect(groups).toContainEqual(['app1', 'app2', 'app3']);
    expect(groups).toContainEqual(['atm1', 'atm2', 'atm3', 'atm4', 'atm5']);
    for (const alone of ['cd', 'fee', 'park', 'empty1', 'empty2']) expect(groups).toContainEqual([alone]);
  });

  it('makes the group its first item leads, so keys follow the members', () => {
    const leaderOf = groupBySimilarity(index, slots);
    expect(leaderOf[names.indexOf('atm3')]).toBe(names.indexOf('atm1'));
    const members = names.filter((_, i) => leaderOf[i] === names.indexOf('atm1'));
    expect(groupKey(members)).toBe(groupKey(['atm5', 'atm4', 'atm3', 'atm2', 'atm1']));
  });

  it('takes the threshold given', () => {
    const strict = groupBySimilarity(index, slots, 0.95);
    // Only the two texts equal up to their numbers stay together.
    expect(partition(names, strict).filter((g) => g.length > 1)).toEqual([['atm4', 'atm5']]);
  });

  it('does not group unrelated complaints that share an agent’s long opener and closer', () => {
    const texts = [
      `${OPENER}保管箱钥匙丢了，换锁费用太高。${CLOSER}`,
      `${OPENER}外汇牌价更新不及时。${CLOSER}`,
      `${OPENER}网点门口没有停车位，老人不方便。${CLOSER}`,
      `${OPENER}信用卡积分突然清零。${CLOSER}`,
      `${OPENER}社保卡激活不了，看病无法结算。${CLOSER}`,
    ];
    const { index: idx, slots: s } = indexed(texts);
    expect([...groupBySimilarity(idx, s)]).toEqual([0, 1, 2, 3, 4]);
    // Not even at a threshold half the hub's.
    expect([...groupBySimilarity(idx, s, GROUP_THRESHOLD / 2)]).toEqual([0, 1, 2, 3, 4]);
  });

  it('joins a lone text only when similar to it: a shared complaint closer does not make a group', () => {
    // Two complaints as common as the closer they share (3% of the items each), as in the demo's data.
    const debt = '催收人员电话中用语生硬，带有威胁性';
    const fee = '手机银行缴费成功但对方显示未到账';
    const bg = [
      ...background(),
      ...Array.from({ length: 20 }, (_, k) => `${k % 2 ? '客户来电反映：' : ''}${debt}。`),
      ...Array.from({ length: 20 }, (_, k) => `${k % 2 ? '客户致电表示，' : ''}${fee}。`),
    ];
    const texts = [`客户在线咨询时反映：${debt}。${COMPLAINT_CLOSER}`, `客户致电表示，${fee}。${COMPLAINT_CLOSER}`, `${fee}。`];
    const idx = indexOf([...bg, ...texts]);
    const s = texts.map((_, i) => bg.length + i);
    // The premise: the closer alone takes the pair over the centre threshold, not to similar.
    expect(idx.cosine(s[0]!, s[1]!)).toBeGreaterThanOrEqual(GROUP_THRESHOLD);
    expect(idx.cosine(s[0]!, s[1]!)).toBeLessThan(SIMILARITY_THRESHOLD);
    expect([...groupBySimilarity(idx, s)]).toEqual([0, 1, 1]);
    // Without the stricter bar for a lone text, the fee complaints would join the debt collector's group.
    expect([...groupBySimilarity(idx, s, GROUP_THRESHOLD, GROUP_THRESHOLD)]).toEqual([0, 0, 0]);
  });

  it('groups reworded paraphrases through the group’s centre, with or without boilerplate', () => {
    const texts = [
      `${OPENER}手机银行转账时页面一直报错，转不了账。${CLOSER}`,
      '掌上银行转账一直不成功，页面一直报错。',
      // Shares nothing but boilerplate with the first: found through the second.
      '客户来电反映：掌上银行转账一直不成功，显示交易处理中。希望银行尽快解决。',
      '手机APP转不了账，显示交易处理中，客户很着急。',
      `${OPENER}信用卡被收取年费，之前说刷够次数就免。${CLOSER}`,
      `${OPENER}外汇牌价更新不及时。${CLOSER}`,
    ];
    const { index: idx, slots: s } = indexed(texts);
    // The premise: the third is not similar to the first on its own.
    expect(idx.cosine(s[0]!, s[2]!)).toBeLessThan(SIMILARITY_THRESHOLD / 5);
    expect([...groupBySimilarity(idx, s)]).toEqual([0, 0, 0, 0, 4, 5]);
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
    const { index, slots } = indexed(texts);
    const order = centreOutward(index, slots);
    expect(order).toHaveLength(5);
    expect(new Set(order).size).toBe(5);
    expect([2, 4]).toContain(order[0]);
    expect(order[4]).toBe(0);
  });

  it('keeps the given order for one or two members', () => {
    const { index, slots } = indexed(['甲乙丙', '丁戊己']);
    expect(centreOutward(index, [slots[1]!, slots[0]!])).toEqual([0, 1]);
  });
});

describe('partitionBySimilarity (the 3-in-3 rule’s groups)', () => {
  const names = Object.keys(TEXTS);
  const { index, slots } = indexed(Object.values(TEXTS));
  const bySlot = (s: readonly number[]) =>
    weighedTerms(
      index,
      s.map((slot) => ({ slot })),
    );
  const run = (s: readonly number[], ...thresholds: number[]) => {
    const { terms, weightOf } = bySlot(s);
    return partitionBySimilarity(terms, weightOf, ...thresholds);
  };

  it('groups as suggestedProblems does, but puts every text without a feature in one group', () => {
    expect(partition(names, run(slots))).toEqual([
      ['app1', 'app2', 'app3'],
      ['atm1', 'atm2', 'atm3', 'atm4', 'atm5'],
      ['cd'],
      ['empty1', 'empty2'],
      ['fee'],
      ['park'],
    ]);
    // The same groups otherwise: the exact search agrees with groupBySimilarity's bounded one here.
    const suggested = partition(names, groupBySimilarity(index, slots)).filter((g) => !g[0]!.startsWith('empty'));
    expect(partition(names, run(slots)).filter((g) => !g[0]!.startsWith('empty'))).toEqual(suggested);
  });

  it('answers each position’s group by its first item, deterministically', () => {
    const leaderOf = run(slots);
    expect(leaderOf[names.indexOf('atm1')]).toBe(names.indexOf('atm1'));
    expect(leaderOf[names.indexOf('atm4')]).toBe(names.indexOf('atm1'));
    expect(leaderOf[names.indexOf('empty2')]).toBe(names.indexOf('empty1'));
    expect([...run(slots)]).toEqual([...leaderOf]);
  });

  it('does not group unrelated complaints that share an agent’s long opener and closer', () => {
    const texts = [
      `${OPENER}保管箱钥匙丢了，换锁费用太高。${CLOSER}`,
      `${OPENER}外汇牌价更新不及时。${CLOSER}`,
      `${OPENER}网点门口没有停车位，老人不方便。${CLOSER}`,
    ];
    const { index: idx, slots: s } = indexed(texts);
    const { terms, weightOf } = weighedTerms(
      idx,
      s.map((slot) => ({ slot })),
    );
    expect([...partitionBySimilarity(terms, weightOf)]).toEqual([0, 1, 2]);
    // At a threshold of 0 (anything shared joins), the boilerplate alone makes them one group.
    expect([...partitionBySimilarity(terms, weightOf, 0, 0)]).toEqual([0, 0, 0]);
  });

  it('joins a lone text only when similar to it, and a group of several through its centre', () => {
    const texts = [
      `${OPENER}手机银行转账时页面一直报错，转不了账。${CLOSER}`,
      '掌上银行转账一直不成功，页面一直报错。',
      '客户来电反映：掌上银行转账一直不成功，显示交易处理中。希望银行尽快解决。',
      '手机APP转不了账，显示交易处理中，客户很着急。',
      `${OPENER}信用卡被收取年费，之前说刷够次数就免。${CLOSER}`,
    ];
    const { index: idx, slots: s } = indexed(texts);
    const { terms, weightOf } = weighedTerms(
      idx,
      s.map((slot) => ({ slot })),
    );
    expect([...partitionBySimilarity(terms, weightOf)]).toEqual([0, 0, 0, 0, 4]);
    // Against the third alone, the first is not similar: it came in through the group's centre.
    expect(idx.cosine(s[0]!, s[2]!)).toBeLessThan(SIMILARITY_THRESHOLD);
    expect([...partitionBySimilarity([terms[0]!, terms[2]!], weightOf)]).toEqual([0, 1]);
  });

  it('weighs items not in the index as if they were: the same groups as once they are indexed', () => {
    // Three paraphrases of a complaint no indexed item mentions, and an unrelated one: as just recorded or imported.
    const fresh = [
      '客户来电反映：预约兑换的纪念币到了兑换日，网点说没有货。希望银行尽快解决。',
      '客户的保管箱钥匙丢失，网点要求换锁并收取高额费用。',
      '客户到网点投诉称预约的纪念币兑换日网点却说没有货，白跑一趟。',
      '客户致电表示，预约兑换纪念币，到兑换日网点说没货，要求给个说法。',
    ];
    const bg = background();
    const before = indexOf(bg);
    const { terms, weightOf } = weighedTerms(
      before,
      fresh.map((t) => ({ features: featuresOf(t) })),
    );
    const outside = [...partitionBySimilarity(terms, weightOf)];
    expect(outside).toEqual([0, 1, 0, 0]);
    const after = indexOf([...bg, ...fresh]);
    const inside = weighedTerms(
      after,
      fresh.map((_, i) => ({ slot: bg.length + i })),
    );
    expect([...partitionBySimilarity(inside.terms, inside.weightOf)]).toEqual(outside);
    // Each feature weighs as it will once the items are indexed, the ones only they have included.
    const w = after.weights();
    fresh.forEach((_, k) => {
      const indexedTerms = after.termsOf(bg.length + k);
      expect(terms[k]!.length).toBe(indexedTerms.length);
      terms[k]!.forEach((t, j) => expect(weightOf(t)).toBeCloseTo(w[indexedTerms[j]!]!, 12));
    });
    expect(terms.flatMap((t) => [...t]).some((t) => t < 0)).toBe(true);
    // Mixed: one indexed, the others not, as when a report follows two already recorded.
    const half = indexOf([...bg, fresh[0]!]);
    const mixed = weighedTerms(half, [{ slot: bg.length }, ...fresh.slice(1).map((t) => ({ features: featuresOf(t) }))]);
    expect([...partitionBySimilarity(mixed.terms, mixed.weightOf)]).toEqual(outside);
  });

  it('keeps copies of a text together even when it shares nothing with the corpus', () => {
    const { terms, weightOf } = weighedTerms(indexOf(background()), [
      { features: featuresOf('贵金属回购价格不透明') },
      { features: featuresOf('贵金属回购价格不透明！！') },
      { features: featuresOf('？？？') },
    ]);
    expect([...partitionBySimilarity(terms, weightOf)]).toEqual([0, 0, 2]);
  });
});
