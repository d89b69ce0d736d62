import { describe, it, expect } from 'vitest';
import {
  SIGNATURE_SIZE,
  SIMILARITY_THRESHOLD,
  normaliseText,
  shingleHashes,
  signatureOf,
  minhash,
  similarity,
  matchCount,
  matchesNeeded,
  encodeSignature,
  decodeSignatureInto,
  recurrenceWindows,
  changePercent,
  clusterKey,
  DAY_MS,
} from '../../../server/src/insight/insight.rules.js';

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

describe('MinHash similarity', () => {
  it('is 1 for the same text and for texts equal up to digits and punctuation', () => {
    expect(similarity(signatureOf('手机银行转账提示系统繁忙'), signatureOf('手机银行转账提示系统繁忙'))).toBe(1);
    expect(similarity(signatureOf('转账失败，金额500元！'), signatureOf('转账失败 金额 80000 元'))).toBe(1);
  });

  it('is 0 for an empty text, even against another empty text', () => {
    expect(similarity(signatureOf('？？？'), signatureOf('……'))).toBe(0);
    expect(similarity(signatureOf(''), signatureOf('手机银行'))).toBe(0);
  });

  // Paraphrases an agent would write for one complaint, and unrelated complaints.
  it.each([
    [
      'paraphrase (zh)',
      '客户反映自助存款机存入的外币现钞被机器吞了，一直没有退回。',
      '自助存款机吞了客户的外币现钞，客户说钱一直没有退回。',
      true,
    ],
    [
      'paraphrase (zh)',
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
    expect(similarity(signatureOf(a), signatureOf(b)) >= SIMILARITY_THRESHOLD).toBe(similar);
  });

  it('estimates the Jaccard similarity of the feature sets', () => {
    // Sets of known overlap: |A ∩ B| = k, |A ∪ B| = 100.
    const errors: number[] = [];
    for (let k = 0; k <= 100; k += 10) {
      const a = Uint32Array.from({ length: 50 + k / 2 }, (_, i) => i * 7919 + 1);
      const b = Uint32Array.from({ length: 50 + k / 2 }, (_, i) => (i + 50 - k / 2) * 7919 + 1);
      const exact = k / 100;
      errors.push(Math.abs(similarity(minhash(a), minhash(b)) - exact));
    }
    // One standard deviation at J = 0.5 is 0.0625 with 64 hashes.
    expect(Math.max(...errors)).toBeLessThan(0.2);
    expect(errors.reduce((x, y) => x + y, 0) / errors.length).toBeLessThan(0.06);
  });

  it('matchCount gives up as soon as the needed matches are out of reach', () => {
    const a = signatureOf('客户反映自助存款机吞了外币现钞');
    const b = signatureOf('客户咨询大额存单的起存金额和利率');
    expect(matchCount(a, 0, a, 0, SIGNATURE_SIZE)).toBe(SIGNATURE_SIZE);
    expect(matchCount(a, 0, b, 0, matchesNeeded(0.5))).toBe(-1);
    expect(matchCount(a, 0, b, 0, 0)).toBe(Math.round(similarity(a, b) * SIGNATURE_SIZE));
  });

  it.each([
    [0.35, 23],
    [0.5, 32],
    [1, 64],
    [0, 1],
  ])('matchesNeeded(%s) = %s', (threshold, needed) => {
    expect(matchesNeeded(threshold)).toBe(needed);
  });

  it('stores a signature as little-endian bytes and reads it back into any slot', () => {
    const sig = signatureOf('手机银行登录时短信验证码要等好几分钟才收到');
    const blob = encodeSignature(sig);
    expect(blob.length).toBe(SIGNATURE_SIZE * 4);
    expect(blob.readUInt32LE(4)).toBe(sig[1]);
    const into = new Uint32Array(SIGNATURE_SIZE * 3);
    // A blob at an odd offset of a larger buffer, as SQLite may hand it over.
    const shifted = Buffer.concat([Buffer.from([9]), blob]).subarray(1);
    expect(decodeSignatureInto(shifted, into, 2)).toBe(true);
    expect([...into.subarray(SIGNATURE_SIZE * 2)]).toEqual([...sig]);
    expect(decodeSignatureInto(blob.subarray(4), into, 0)).toBe(false);
  });
});

describe('clusterKey', () => {
  it('depends on the members, not on their order', () => {
    expect(clusterKey(['fb_b', 'fb_a', 'fb_c'])).toBe(clusterKey(['fb_c', 'fb_b', 'fb_a']));
    expect(clusterKey(['fb_a', 'fb_b'])).not.toBe(clusterKey(['fb_a', 'fb_b', 'fb_c']));
    expect(clusterKey(['fb_a', 'fb_b'])).toMatch(/^[0-9a-f]{32}$/);
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
