import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  containsPersonalData,
  isValidResidentId,
  luhnValid,
  maskPersonalData,
  searchCanReachMaskedText,
  visibleTextMatches,
} from '../../../server/src/core/mask.rules.js';

const NUM_RUNS = 300;

// ---------------------------------------------------------------------------
// Independent reference helpers (deliberately not reusing the module under test)
// ---------------------------------------------------------------------------

const FULL_WIDTH_SHIFT = 0xff10 - 0x30;
const toFullWidth = (s: string): string => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + FULL_WIDTH_SHIFT));
const toHalfWidth = (s: string): string => s.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - FULL_WIDTH_SHIFT));

/**
 * Every class of character people (or someone slipping a number past a filter) put between
 * digit groups: spaces of every width, dashes, dots, slashes, brackets, commas, tab, line
 * breaks, invisible format characters and full-width punctuation.
 */
const SEPARATOR_CLASSES: Record<string, readonly string[]> = {
  spaces: [' ', '  ', '\u00A0', '\u3000'],
  dashes: ['-', ' - ', '\u2010', '\u2013', '\u2014', '\uFF0D'],
  dots: ['.', '\uFF0E', '\u3002'],
  slashes: ['/', '\\', '_', '|'],
  brackets: ['(', ')', '\uFF08', '\uFF09', '[', ']'],
  commas: [',', '\uFF0C', '\u3001', ';', ':'],
  controls: ['\t', '\n', '\r\n'],
  invisible: ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'],
  emoji: ['\u{1F4DE}'],
};
const SEPARATORS = Object.values(SEPARATOR_CLASSES).flat();

/**
 * What a reader (or a scraper) would take as numbers in the output: digit runs joined by
 * runs of anything but letters, numbers and the mask character, full-width normalised,
 * separators removed.
 */
function digitSequences(text: string): string[] {
  const runs = toHalfWidth(text).match(/\d+(?:[^\p{L}\p{N}*]*\d+)*/gu) ?? [];
  return runs.map((run) => run.replace(/\D/g, ''));
}
const allDigits = (text: string): string => toHalfWidth(text).replace(/\D/g, '');

function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function idCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * (ID_WEIGHTS[i] ?? 0);
  return '10X98765432'[sum % 11] ?? '?';
}
function referenceIdValid(s: string): boolean {
  const m = /^[1-9]\d{5}((?:18|19|20)\d{2})(\d{2})(\d{2})\d{3}[\dX]$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  return idCheckChar(s.slice(0, 17)) === s[17];
}

// ---------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const digitsOf = (n: number): fc.Arbitrary<string> => fc.array(digit, { minLength: n, maxLength: n }).map((a) => a.join(''));

const mobileArb: fc.Arbitrary<string> = fc.tuple(fc.integer({ min: 3, max: 9 }), digitsOf(9)).map(([second, rest]) => `1${second}${rest}`);

const cardArb: fc.Arbitrary<string> = fc
  .integer({ min: 16, max: 19 })
  .chain((length) => fc.tuple(fc.integer({ min: 1, max: 9 }), digitsOf(length - 2)))
  .map(([first, middle]) => {
    const body = `${first}${middle}`;
    return body + luhnCheckDigit(body);
  });

const idArb: fc.Arbitrary<string> = fc
  .record({
    region: fc.tuple(fc.integer({ min: 1, max: 9 }), digitsOf(5)).map(([a, b]) => `${a}${b}`),
    year: fc.integer({ min: 1930, max: 2020 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    sequence: digitsOf(3),
  })
  .map(({ region, year, month, day, sequence }) => {
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const date = `${year}${String(month).padStart(2, '0')}${String(Math.min(day, lastDay)).padStart(2, '0')}`;
    const body = `${region}${date}${sequence}`;
    return body + idCheckChar(body);
  });
const idWithXArb = idArb.filter((id) => id.endsWith('X'));

const separatorArb = fc.constantFrom(...SEPARATORS);
/** A run of one to three separators, as in `138 - 1234 - 5678` or `(138)1234`. */
const separatorRunArb = fc.array(separatorArb, { minLength: 1, maxLength: 3 }).map((run) => run.join(''));
/** Mostly no separator in a gap, sometimes a run. */
const gapArb = fc.oneof({ arbitrary: fc.constant(''), weight: 4 }, { arbitrary: separatorRunArb, weight: 1 });
type Style = 'plain' | 'grouped4' | 'random';

/**
 * Writes an identifier the ways customers do: contiguous, in groups of 4 with one
 * separator, or with separators at random gaps; digits ASCII, full-width, or mixed.
 * A trailing ID check letter stays attached to the last digit.
 */
function writtenArb(id: string): fc.Arbitrary<string> {
  const hasX = id.endsWith('X');
  const digits = hasX ? id.slice(0, -1) : id;
  return fc
    .record({
      style: fc.constantFrom<Style>('plain', 'grouped4', 'random'),
      groupSeparator: separatorRunArb,
      gaps: fc.array(gapArb, { minLength: digits.length - 1, maxLength: digits.length - 1 }),
      width: fc.constantFrom('ascii', 'full', 'mixed'),
      mixed: fc.array(fc.boolean(), { minLength: digits.length, maxLength: digits.length }),
      x: fc.constantFrom('X', 'x', '\uFF38'),
    })
    .map(({ style, groupSeparator, gaps, width, mixed, x }) => {
      let out = '';
      for (let i = 0; i < digits.length; i++) {
        const ch = digits[i] ?? '';
        const full = width === 'full' || (width === 'mixed' && mixed[i] === true);
        if (i > 0) {
          if (style === 'grouped4' && i % 4 === 0) out += groupSeparator;
          if (style === 'random') out += gaps[i - 1] ?? '';
        }
        out += full ? toFullWidth(ch) : ch;
      }
      return hasX ? out + x : out;
    });
}

interface Written {
  kind: 'mobile' | 'card' | 'id';
  /** The identifier itself (ID check letter upper-case). */
  value: string;
  /** How it appears in the text. */
  text: string;
  /** Digits written in front of the identifier (country prefix of a mobile). */
  prefixDigits: number;
}

const mobilePrefixArb = fc.constantFrom('', '', '+86', '+86 ', '+86-', '86', '86 ', '0086', '0086 ', '0086-', '+\uFF18\uFF16');

const writtenMobileArb: fc.Arbitrary<Written> = mobileArb.chain((value) =>
  fc.tuple(mobilePrefixArb, writtenArb(value)).map(([prefix, text]) => ({
    kind: 'mobile' as const,
    value,
    text: prefix + text,
    prefixDigits: allDigits(prefix).length,
  })),
);
const writtenCardArb: fc.Arbitrary<Written> = cardArb.chain((value) =>
  writtenArb(value).map((text) => ({ kind: 'card' as const, value, text, prefixDigits: 0 })),
);
const writtenIdArb = (ids: fc.Arbitrary<string>): fc.Arbitrary<Written> =>
  ids.chain((value) => writtenArb(value).map((text) => ({ kind: 'id' as const, value, text, prefixDigits: 0 })));
const writtenAnyArb = fc.oneof(writtenMobileArb, writtenCardArb, writtenIdArb(idArb));

const CHINESE = '客户反映信用卡还款短信提醒未收到请核实账户余额异常网点排队时间过长投诉建议转账失败';
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const PUNCTUATION = '，。！？、：；（）《》“”,.!?:;()[]"\'/+*#@&%';
const TEXT_CHARS = [...CHINESE, ...LETTERS, ...PUNCTUATION, ' ', ' ', '\u3000', '-', '\n'];
/** Free text without any digit. */
const textArb = (minLength = 0): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...TEXT_CHARS), minLength, maxLength: 30 });

/** The digits that must not survive: the whole number (the ID body for an ID). */
const secretOf = (w: Written): string => (w.kind === 'id' ? w.value.slice(0, 17) : w.value);

function expectNotLeaked(output: string, w: Written): void {
  const secret = secretOf(w);
  for (const sequence of digitSequences(output)) expect(sequence).not.toContain(secret);
}

// ---------------------------------------------------------------------------
// Examples
// ---------------------------------------------------------------------------

// Fixtures (check digits verified): Luhn-valid cards, valid IDs.
const CARD_19 = '6222021234567890128';
const CARD_16 = '6228480012345671';
const ID_X = '11010519491231002X';
const ID_DIGIT = '440306199003071232';
const ID_ALSO_LUHN = '110101199001010250';

describe('maskPersonalData — examples', () => {
  const masked: Array<[string, string, string]> = [
    ['mobile, contiguous', '请联系13812345678处理', '请联系138****5678处理'],
    ['mobile, spaced', '电话：138 1234 5678。', '电话：138****5678。'],
    ['mobile, dashed', 'tel 138-1234-5678', 'tel 138****5678'],
    ['mobile, full-width', '手机１３８１２３４５６７８', '手机138****5678'],
    ['mobile, full-width dashes', '手机１３８－１２３４－５６７８', '手机138****5678'],
    ['mobile, +86', '+86 13812345678', '+86 138****5678'],
    ['mobile, +86 dashed', '+86-138-1234-5678', '+86-138****5678'],
    ['mobile, 0086', '0086 138 1234 5678', '0086 138****5678'],
    ['mobile, 86 attached', '8613812345678', '86138****5678'],
    ['mobile, followed by a letter', '13812345678x', '138****5678x'],
    ['two mobiles in a list', '13812345678 13912345678', '138****5678 139****5678'],
    ['mobile after a date', '2026-11-28 13812345678', '2026-11-28 138****5678'],
    ['card 19, contiguous', `卡号${CARD_19}请核实`, '卡号**** **** **** 0128请核实'],
    ['card 19, spaced', '6222 0212 3456 7890 128', '**** **** **** 0128'],
    ['card 19, dashed', '6222-0212-3456-7890-128', '**** **** **** 0128'],
    ['card, full-width digits and spaces', '６２２２\u3000０２１２\u3000３４５６\u3000７８９０\u3000１２８', '**** **** **** 0128'],
    ['card 16', `尾号${CARD_16}。`, '尾号**** **** **** 5671。'],
    ['ID with X', `身份证${ID_X}`, '身份证110***********002X'],
    ['ID with lower-case x', '身份证11010519491231002x。', '身份证110***********002X。'],
    ['ID with digit check', `ID:${ID_DIGIT}`, 'ID:440***********1232'],
    ['ID, grouped', '440306 19900307 1232', '440***********1232'],
    ['ID, full-width', toFullWidth(ID_DIGIT), '440***********1232'],
    ['ID that also passes Luhn is masked as an ID', ID_ALSO_LUHN, '110***********0250'],
    // Writings that came back in clear in the hostile probe (issue 24, item 3).
    ['mobile, dots', '138.1234.5678', '138****5678'],
    ['mobile, double spaces', '138  1234  5678', '138****5678'],
    ['mobile, tabs', '138\t1234\t5678', '138****5678'],
    ['mobile, line breaks', '电话\n138\n1234\n5678\n', '电话\n138****5678\n'],
    ['mobile, brackets', '(138)1234-5678', '(138****5678'],
    ['mobile, spaced dashes', '138 - 1234 - 5678', '138****5678'],
    ['mobile, slashes', '138/1234/5678', '138****5678'],
    ['mobile, underscores', '138_1234_5678', '138****5678'],
    ['mobile, commas', '138,1234,5678', '138****5678'],
    ['mobile, full-width commas', '138，1234，5678', '138****5678'],
    ['mobile, em dashes', '138—1234—5678', '138****5678'],
    ['mobile, zero-width spaces', '138\u200B1234\u200B5678', '138****5678'],
    ['mobile, BOM inside', '138\uFEFF12345678', '138****5678'],
    ['mobile, full-width dots', '１３８．１２３４．５６７８', '138****5678'],
    ['mobile, Arabic-Indic digits', '\u0661\u0663\u0668\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668', '138****5678'],
    ['mobile, mathematical digits', '\u{1D7CF}\u{1D7D1}\u{1D7D6}12345678', '138****5678'],
    ['card 19, dots', '6222.0212.3456.7890.128', '**** **** **** 0128'],
    ['ID, dots', '110101.19900307.1233', '110***********1233'],
  ];

  it.each(masked)('%s', (_name, input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
    expect(containsPersonalData(input)).toBe(true);
    expect(containsPersonalData(expected)).toBe(false);
  });

  it.each(masked)('is idempotent: %s', (_name, input) => {
    const once = maskPersonalData(input);
    expect(maskPersonalData(once)).toBe(once);
  });

  const unchanged: Array<[string, string]> = [
    ['amount', '退款3元，手续费12.50元'],
    ['date', '2026-11-28 到账'],
    ['two dates', '2026-11-28 2026-11-29'],
    ['date and time', '2026-11-28 13:45:00'],
    ['order number < 11 digits', '订单号1234567890'],
    ['11 digits, not a mobile', '流水12345678901'],
    ['landline', '客服电话 010-12345678'],
    ['mobile-like inside a longer digit run', '订单1381234567812345678901234'],
    ['card-length but not Luhn', '6222021234567890123'],
    ['ID-length but bad check digit', '110105194912310021'],
    ['masked mobile', '138****5678'],
    ['masked card', '**** **** **** 1234'],
    ['masked ID', '110***********123X'],
    ['no digits', '客户反映信用卡还款短信提醒未收到，请核实。'],
    ['empty', ''],
  ];

  it.each(unchanged)('leaves text without personal data unchanged: %s', (_name, input) => {
    expect(maskPersonalData(input)).toBe(input);
    expect(containsPersonalData(input)).toBe(false);
  });

  /** A 19-digit Luhn-valid card ending in "1381" (so that "1381 2345678" spells a mobile). */
  const cardEnding1381 = (() => {
    for (let k = 0; k < 10; k++) {
      const body = `62220212345678${k}138`;
      if (luhnCheckDigit(body) === '1') return `${body}1`;
    }
    throw new Error('unreachable: one digit always reaches every Luhn residue');
  })();

  it('stars the last 4 of a card when a mobile straddles them', () => {
    const c = cardEnding1381;
    const input = `${c.slice(0, 4)} ${c.slice(4, 8)} ${c.slice(8, 12)} ${c.slice(12, 15)} 1381 2345678`;
    const out = maskPersonalData(input);
    expect(out).toBe('**** **** **** **** 2345678');
    expect(maskPersonalData(out)).toBe(out);
  });

  it('stars the last 4 of a card when they would spell a mobile with the next group', () => {
    // "1381 2345678" is not a mobile in the input (the card is one digit run), but showing
    // "**** **** **** 1381 2345678" would create one.
    const out = maskPersonalData(`${cardEnding1381} 2345678`);
    expect(out).toBe('**** **** **** **** 2345678');
    expect(containsPersonalData(out)).toBe(false);
    expect(maskPersonalData(out)).toBe(out);
  });

  it('stars the first 3 of a mobile when they would complete a mobile with the previous group', () => {
    // Showing "13812345 156****5678" would let "13812345" + "156" read as 13812345156.
    const out = maskPersonalData('13812345 15612345678');
    expect(out).toBe('13812345 *******5678');
    expect(containsPersonalData(out)).toBe(false);
    expect(maskPersonalData(out)).toBe(out);
  });

  it('masks every identifier in a long feedback text', () => {
    const text = `客户${'反馈内容，'.repeat(300)}联系电话13812345678，卡号${CARD_16}，身份证${ID_X}。`;
    const out = maskPersonalData(text);
    expect(out).toContain('138****5678');
    expect(out).toContain('**** **** **** 5671');
    expect(out).toContain('110***********002X');
    expect(containsPersonalData(out)).toBe(false);
  });
});

describe('isValidResidentId / luhnValid', () => {
  it('accepts valid IDs, including X and full-width forms', () => {
    expect(isValidResidentId(ID_X)).toBe(true);
    expect(isValidResidentId(ID_X.toLowerCase())).toBe(true);
    expect(isValidResidentId(ID_DIGIT)).toBe(true);
    expect(isValidResidentId(toFullWidth(ID_DIGIT))).toBe(true);
  });

  it('rejects a wrong check digit, an impossible date or a wrong length', () => {
    expect(isValidResidentId('110105194912310021')).toBe(false);
    const feb30 = '44030619900230123'; // 30 February, with a matching check character
    expect(isValidResidentId(feb30 + idCheckChar(feb30))).toBe(false);
    expect(isValidResidentId('11010519491231002')).toBe(false);
    expect(isValidResidentId('110105 1949123100')).toBe(false);
  });

  it('computes the Luhn check', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid(CARD_19)).toBe(true);
    expect(luhnValid(ID_ALSO_LUHN)).toBe(true);
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('4111 1111')).toBe(false);
  });

  it('agrees with the reference ID validator on generated IDs', () => {
    fc.assert(
      fc.property(idArb, (id) => {
        expect(referenceIdValid(id)).toBe(true);
        expect(isValidResidentId(id)).toBe(true);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

describe('maskPersonalData — properties', () => {
  const embedded = (w: fc.Arbitrary<Written>) => fc.tuple(textArb(), w, textArb());

  it('masks a mobile to at most its first 3 and last 4 digits', () => {
    fc.assert(
      fc.property(embedded(writtenMobileArb), ([before, w, after]) => {
        const input = before + w.text + after;
        expect(containsPersonalData(input)).toBe(true);
        const out = maskPersonalData(input);
        expectNotLeaked(out, w);
        const visible = allDigits(out).slice(w.prefixDigits);
        expect(visible).toBe(w.value.slice(0, 3) + w.value.slice(-4));
        expect(out.startsWith(before)).toBe(true);
        expect(out.endsWith(after)).toBe(true);
        expect(maskPersonalData(out)).toBe(out);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('masks a card to at most its last 4 digits', () => {
    fc.assert(
      fc.property(embedded(writtenCardArb), ([before, w, after]) => {
        fc.pre(!referenceIdValid(w.value)); // an ID-shaped card is masked as an ID
        const input = before + w.text + after;
        expect(containsPersonalData(input)).toBe(true);
        const out = maskPersonalData(input);
        expectNotLeaked(out, w);
        expect(allDigits(out)).toBe(w.value.slice(-4));
        expect(out).toContain(`**** **** **** ${w.value.slice(-4)}`);
        expect(maskPersonalData(out)).toBe(out);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('masks a resident ID to its first 3 and last 4 characters', () => {
    fc.assert(
      fc.property(embedded(writtenIdArb(idArb)), ([before, w, after]) => {
        const input = before + w.text + after;
        expect(containsPersonalData(input)).toBe(true);
        const out = maskPersonalData(input);
        expectNotLeaked(out, w);
        expect(out).toContain(`${w.value.slice(0, 3)}${'*'.repeat(11)}${w.value.slice(14)}`);
        expect(maskPersonalData(out)).toBe(out);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('masks resident IDs ending in X (x, full-width Ｘ)', () => {
    fc.assert(
      fc.property(embedded(writtenIdArb(idWithXArb)), ([before, w, after]) => {
        const out = maskPersonalData(before + w.text + after);
        expectNotLeaked(out, w);
        expect(out).toContain(`${w.value.slice(0, 3)}${'*'.repeat(11)}${w.value.slice(14)}`);
        expect(maskPersonalData(out)).toBe(out);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  // Each class on its own, so that no class is left to chance: every digit gap is a run from it.
  it.each(Object.entries(SEPARATOR_CLASSES))('masks identifiers written with %s between digits', (_name, chars) => {
    const run = fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 3 }).map((r) => r.join(''));
    const written = writtenAnyArb.chain((w) =>
      fc.array(fc.oneof(fc.constant(''), run), { minLength: w.text.length, maxLength: w.text.length }).map((gaps) => {
        let text = '';
        [...w.text].forEach((ch, i) => (text += (i > 0 && /\d/.test(toHalfWidth(ch)) ? (gaps[i] ?? '') : '') + ch));
        return { ...w, text };
      }),
    );
    fc.assert(
      fc.property(embedded(written), ([before, w, after]) => {
        const input = before + w.text + after;
        expect(containsPersonalData(input)).toBe(true);
        const out = maskPersonalData(input);
        expectNotLeaked(out, w);
        expect(containsPersonalData(out)).toBe(false);
        expect(maskPersonalData(out)).toBe(out);
      }),
      { numRuns: 100 },
    );
  });

  it('masks every identifier when several share a text, even one separator apart', () => {
    const pieces = fc.array(fc.tuple(writtenAnyArb, textArb(1)), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(textArb(), pieces, (head, list) => {
        const input = head + list.map(([w, gap]) => w.text + gap).join('');
        const out = maskPersonalData(input);
        for (const [w] of list) expectNotLeaked(out, w);
        expect(containsPersonalData(out)).toBe(false);
        expect(maskPersonalData(out)).toBe(out);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('leaves nothing recognisable and is idempotent on digit-dense noise', () => {
    const noiseChar = fc.oneof(
      { arbitrary: digit, weight: 12 },
      { arbitrary: digit.map(toFullWidth), weight: 2 },
      { arbitrary: separatorArb, weight: 4 },
      { arbitrary: fc.constantFrom('X', 'x', '+', '客', 'a', '。', '\n'), weight: 2 },
    );
    fc.assert(
      fc.property(fc.string({ unit: noiseChar, maxLength: 200 }), (input) => {
        const out = maskPersonalData(input);
        expect(containsPersonalData(out)).toBe(false);
        expect(maskPersonalData(out)).toBe(out);
        if (!containsPersonalData(input)) expect(out).toBe(input);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('leaves text without digits unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...TEXT_CHARS), maxLength: 200 }), (text) => {
        expect(maskPersonalData(text)).toBe(text);
        expect(containsPersonalData(text)).toBe(false);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('leaves short numbers, amounts and dates unchanged', () => {
    const shortNumber = fc.oneof(
      fc.integer({ min: 1, max: 10 }).chain(digitsOf),
      fc.integer({ min: 1, max: 99999 }).map((n) => `${n}元`),
      fc
        .tuple(fc.integer({ min: 1990, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
        .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
    );
    // Each number is fenced by a Chinese character so that numbers never chain together.
    const fence = fc.constantFrom(...CHINESE);
    const piece = fc.tuple(fence, shortNumber, fence, textArb()).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const text = pieces.join('');
        expect(maskPersonalData(text)).toBe(text);
        expect(containsPersonalData(text)).toBe(false);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('searching masked text', () => {
  it.each([
    ['13812345678', true],
    ['8123', true],
    ['回电138', true],
    ['002X', true],
    ['x', true],
    ['-', true],
    ['，', true],
    ['\u200B', true],
    ['系统繁忙', false],
    ['crashes when', false],
    ['电话：', false],
    ['****', false],
  ])('whether %j can reach into a masked number: %s', (search, expected) => {
    expect(searchCanReachMaskedText(search)).toBe(expected);
  });

  it('matches what is shown, ignoring case', () => {
    expect(visibleTextMatches('请回电138****5678', '回电138')).toBe(true);
    expect(visibleTextMatches('请回电138****5678', '1381')).toBe(false);
    expect(visibleTextMatches('Mobile APP', 'app')).toBe(true);
  });

  it('a search it lets through matches the clear and the masked text alike', () => {
    // Any substring of a text holding numbers: when the rule says it cannot reach a masked
    // number, searching the clear text answers what searching the masked text would.
    fc.assert(
      fc.property(
        fc.tuple(textArb(), writtenAnyArb, textArb(1), writtenAnyArb, textArb()),
        fc.nat(),
        fc.nat(),
        ([a, w1, b, w2, c], from, length) => {
          const input = a + w1.text + b + w2.text + c;
          const chars = [...input];
          const start = from % chars.length;
          const search = chars.slice(start, start + 1 + (length % 12)).join('');
          fc.pre(!searchCanReachMaskedText(search));
          expect(maskPersonalData(input).includes(search)).toBe(true);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});
