import { describe, it, expect } from 'vitest';
import {
  FEATURE_CAP,
  SIMILARITY_THRESHOLD,
  normaliseText,
  shingleHashes,
  featuresOf,
  indexOf,
  encodeFeatures,
  decodeFeatures,
  recurrenceWindows,
  changePercent,
  groupKey,
  DAY_MS,
} from '../../../server/src/insight/insight.rules.js';
import { background, OPENER, CLOSER } from './corpus.js';

describe('normaliseText', () => {
  it.each([
    ['full-width letters and digits become ASCII, lower case', 'ＡＴＭ取款１０００元', 'atm取款0元'],
    ['every run of digits is one 0', '客户手机13812345678，卡号6222 0212 3456 7890', '客户手机0 卡号0 0 0 0'],
    ['punctuation and spaces collapse to one space', '  转账失败！！！系统繁忙……  ', '转账失败 系统繁忙'],
    ['English is lower-cased, apostrophes split words', "The App DOESN'T work", 'the app doesn t work'],
    ['nothing but punctuation is empty', '？？？……', ''],
  ])('%s', (_why, input, expected) => {
    expect(normaliseText(input)).toBe(expected);
  });
});

describe('shingleHashes', () => {
  it.each([
    ['CJK: one bigram per adjacent pair', '手机银行', 3],
    ['CJK: a lone character counts as itself', '卡', 1],
    ['CJK: repeated bigrams count once', '哈哈哈哈', 1],
    ['CJK runs split by punctuation do not bridge it', '手机，银行', 2],
    ['English: words, function words dropped', 'the app is busy', 2],
    ['English: redaction marks dropped', 'XXXX called my office on XX/XX/XXXX', 2],
    ['mixed: a word and the CJK around it', 'U盾无法识别', 5],
    ['empty', '', 0],
  ])('%s', (_why, text, count) => {
    expect(shingleHashes(text).length).toBe(count);
  });

  it('makes texts that differ only in their numbers identical', () => {
    const a = shingleHashes('客户手机13812345678无法收到验证码，卡号6222021234567890');
    const b = shingleHashes('客户手机13987654321无法收到验证码，卡号6217001111222233');
    expect([...a].sort()).toEqual([...b].sort());
  });
});

describe('featuresOf', () => {
  it('is the distinct n-grams, hashed and sorted, the same for texts equal up to digits and punctuation', () => {
    const f = featuresOf('手机银行转账提示系统繁忙，转账金额500元！');
    expect(f.length).toBe(shingleHashes('手机银行转账提示系统繁忙，转账金额500元！').length);
    expect([...f]).toEqual([...f].sort((a, b) => a - b));
    expect([...featuresOf('转账失败，金额500元！')]).toEqual([...featuresOf('转账失败 金额 80000 元')]);
    expect(featuresOf('？？？').length).toBe(0);
  });

  it('keeps the FEATURE_CAP least of a long text: copies of a long letter keep the same sample', () => {
    // Words of letters only (digits would collapse): aa, ab, … p?.
    const words = Array.from(
      { length: 400 },
      (_, i) => `${String.fromCharCode(97 + Math.floor(i / 26))}${String.fromCharCode(97 + (i % 26))}`,
    );
    const long = featuresOf(words.join(' '));
    expect(long.length).toBe(FEATURE_CAP);
    // The text with a few words more or less keeps almost all of the same features.
    const edited = featuresOf([...words.slice(0, 390), 'extra', 'words'].join(' '));
    const kept = new Set(edited);
    expect(long.filter((h) => kept.has(h)).length).toBeGreaterThan(FEATURE_CAP * 0.9);
  });
});

describe('encodeFeatures / decodeFeatures', () => {
  it('stores a format byte and little-endian values, and reads them back from any offset', () => {
    const f = featuresOf('手机银行登录时短信验证码要等好几分钟才收到');
    const blob = encodeFeatures(f);
    expect(blob.length).toBe(1 + f.length * 4);
    expect(blob.readUInt32LE(1 + 4)).toBe(f[1]);
    // A blob at an odd offset of a larger buffer, as a driver may hand it over.
    const shifted = Buffer.concat([Buffer.from([9]), blob]).subarray(1);
    expect([...decodeFeatures(shifted)!]).toEqual([...f]);
    expect([...decodeFeatures(encodeFeatures(new Uint32Array(0)))!]).toEqual([]);
  });

  it("answers null for an earlier version's MinHash signature (64 × uint32), so that it is stored again", () => {
    expect(decodeFeatures(Buffer.alloc(256, 7))).toBeNull();
    expect(decodeFeatures(Buffer.alloc(0))).toBeNull();
    const wrongFormat = encodeFeatures(featuresOf('转账失败'));
    wrongFormat[0] = 2;
    expect(decodeFeatures(wrongFormat)).toBeNull();
  });
});

describe('FeatureIndex', () => {
  it('weighs a term by ln(1 + N / df)²: what most items have weighs least', () => {
    const index = indexOf(['客户来电反映转账失败', '客户来电反映吞卡', '客户来电反映年费', '停车难']);
    const weightsOf = (slot: number) => [...index.termsOf(slot)].map((t) => index.weights()[t]!);
    // 客户, 户来, 来电, 电反, 反映: in 3 of 4 items; 停车, 车难: in 1.
    expect(Math.min(...weightsOf(0))).toBeCloseTo(Math.log(1 + 4 / 3) ** 2, 12);
    expect(Math.max(...weightsOf(0))).toBeCloseTo(Math.log(1 + 4) ** 2, 12);
    expect(weightsOf(3)).toEqual([Math.log(1 + 4) ** 2, Math.log(1 + 4) ** 2]);
    // Weights follow the corpus as it grows: 停车 is in 2 of 5 items now, 车难 in 1.
    index.add(featuresOf('停车位太少'));
    expect(weightsOf(3).sort()).toEqual([Math.log(1 + 5 / 2) ** 2, Math.log(1 + 5) ** 2].sort());
  });

  it('gives a cosine of 1 for the same features, 0 for none shared, and is symmetric', () => {
    const index = indexOf(['自助存款机吞了外币现钞', '自助存款机吞了外币现钞！！', '网点门口没有停车位', '？？？']);
    expect(index.cosine(0, 1)).toBeCloseTo(1, 12);
    expect(index.cosine(0, 2)).toBe(0);
    expect(index.cosine(0, 3)).toBe(0);
    expect(index.cosine(3, 3)).toBe(0);
    expect(index.sameTerms(0, 1)).toBe(true);
    expect(index.keyOf(0)).toBe(index.keyOf(1));
    expect(index.sameTerms(0, 2)).toBe(false);
    const other = indexOf(['自助存款机吞卡', '自助存款机吞了外币现钞']);
    expect(other.cosine(0, 1)).toBeCloseTo(other.cosine(1, 0), 12);
  });

  it('compares a text that is not in the index, its unknown features counting in its norm only', () => {
    const index = indexOf(['自助存款机吞了外币现钞', '网点门口没有停车位']);
    const same = index.vectorOf(featuresOf('自助存款机吞了外币现钞'));
    const more = index.vectorOf(featuresOf('自助存款机吞了外币现钞，柜员态度很差'));
    index.withVector(same, (cos) => expect(cos(0)).toBeCloseTo(1, 12));
    index.withVector(more, (cos) => {
      expect(cos(0)).toBeGreaterThan(0.3);
      expect(cos(0)).toBeLessThan(1);
      expect(cos(1)).toBe(0);
    });
    // The dense array it lent is clean again: a second vector scores as if alone.
    index.withVector(index.vectorAt(1), (cos) => expect(cos(0)).toBe(0));
  });
});

describe('similarity with IDF weights', () => {
  const unweightedJaccard = (a: string, b: string) => {
    const x = new Set(shingleHashes(a));
    const y = new Set(shingleHashes(b));
    const common = [...x].filter((h) => y.has(h)).length;
    return common / (x.size + y.size - common);
  };
  const cosineIn = (a: string, b: string) => {
    const index = indexOf([...background(), a, b]);
    return index.cosine(index.size - 2, index.size - 1);
  };

  // Paraphrases an agent would write for one complaint, and unrelated complaints.
  it.each([
    [
      'paraphrase (zh)',
      '客户反映自助存款机存入的外币现钞被机器吞了，一直没有退回。',
      '自助存款机吞了客户的外币现钞，客户说钱一直没有退回。',
      true,
    ],
    [
      'paraphrase (zh), one with an opener and closer',
      '自助存款机吞了客户的外币现钞，客户说钱一直没有退回。',
      '客户来电反映：自助存款机吞了外币现钞，一直没有退回。希望银行尽快解决。',
      true,
    ],
    [
      'paraphrase (en)',
      'The mobile app crashes whenever I try to open my monthly statement.',
      'Every time I open the monthly statement in the mobile app it crashes.',
      true,
    ],
    ['unrelated (zh)', '客户反映自助存款机存入的外币现钞被机器吞了，一直没有退回。', '客户咨询大额存单的起存金额和利率。', false],
    [
      'unrelated (en)',
      'The mobile app crashes whenever I try to open my monthly statement.',
      'I was charged a late fee because I never got a payment reminder.',
      false,
    ],
    ['unrelated (zh/en)', '手机银行转账提示系统繁忙', 'The branch was closed on Saturday.', false],
  ])('%s: %s ~ %s → %s', (_kind, a, b, similar) => {
    expect(cosineIn(a, b) >= SIMILARITY_THRESHOLD).toBe(similar);
  });

  it('does not take two unrelated complaints for alike because they share a long opener and closer', () => {
    const a = `${OPENER}保管箱钥匙丢了，换锁费用太高。${CLOSER}`;
    const b = `${OPENER}外汇牌价更新不及时。${CLOSER}`;
    // The premise: unweighted, the boilerplate makes them alike (the earlier MinHash estimated this).
    expect(unweightedJaccard(a, b)).toBeGreaterThan(0.5);
    expect(cosineIn(a, b)).toBeLessThan(SIMILARITY_THRESHOLD / 5);
  });

  it('still finds a reworded complaint alike when only one of the two carries boilerplate', () => {
    const a = `${OPENER}保管箱钥匙丢失后网点要求换锁，换锁费用很高。${CLOSER}`;
    const b = '保管箱钥匙丢了，网点要换锁，收的换锁费用太高';
    // Unweighted, the boilerplate keeps them apart.
    expect(unweightedJaccard(a, b)).toBeLessThan(0.35);
    expect(cosineIn(a, b)).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLD);
  });
});

describe('groupKey', () => {
  it('depends on the members, not on their order', () => {
    expect(groupKey(['fb_b', 'fb_a', 'fb_c'])).toBe(groupKey(['fb_c', 'fb_b', 'fb_a']));
    expect(groupKey(['fb_a', 'fb_b'])).not.toBe(groupKey(['fb_a', 'fb_b', 'fb_c']));
    expect(groupKey(['fb_a', 'fb_b'])).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('recurrenceWindows and changePercent', () => {
  const R = Date.UTC(2026, 5, 1);
  const confirmed = (daysAfterR: number) => ({ status: 'CONFIRMED', confirmedAt: R + daysAfterR * DAY_MS });

  it.each([
    {
      why: 'every action confirmed, window elapsed: final',
      actions: [confirmed(10), confirmed(20)],
      now: R + 50 * DAY_MS,
      after: { from: R + 20 * DAY_MS, to: R + 50 * DAY_MS },
      complete: true,
    },
    {
      why: 'window still running',
      actions: [confirmed(10), confirmed(20)],
      now: R + 50 * DAY_MS - 1,
      after: { from: R + 20 * DAY_MS, to: R + 50 * DAY_MS },
      complete: false,
    },
    {
      why: 'an action not yet confirmed: no window after',
      actions: [confirmed(10), { status: 'SUBMITTED', confirmedAt: null }],
      now: R + 400 * DAY_MS,
      after: null,
      complete: false,
    },
    { why: 'no action at all', actions: [], now: R + 400 * DAY_MS, after: null, complete: false },
    {
      why: 'a cancelled action is no part of the fix',
      actions: [confirmed(10), { status: 'CANCELLED', confirmedAt: null }],
      now: R + 50 * DAY_MS,
      after: { from: R + 10 * DAY_MS, to: R + 40 * DAY_MS },
      complete: true,
    },
    {
      why: 'only cancelled actions: nothing was fixed',
      actions: [{ status: 'CANCELLED', confirmedAt: null }],
      now: R + 400 * DAY_MS,
      after: null,
      complete: false,
    },
  ])('$why', ({ actions, now, after, complete }) => {
    const w = recurrenceWindows(R, actions, 30, now);
    expect(w.before).toEqual({ from: R - 30 * DAY_MS, to: R });
    expect(w.after).toEqual(after);
    expect(w.complete).toBe(complete);
  });

  it.each([
    [10, 4, true, -60],
    [4, 10, true, 150],
    [5, 5, true, 0],
    [0, 0, true, 0],
    [0, 3, true, null],
    [10, 4, false, null],
  ])('before %s, after %s, final %s → %s', (before, after, complete, expected) => {
    expect(changePercent(before, after, complete)).toBe(expected);
  });
});
