/**
 * Personal-data masking for customer-feedback text (客户反馈个人信息脱敏).
 *
 * Feedback is free text typed by agents and customers, so identifiers appear in every
 * shape people write them: grouped, dashed, full-width, with a country prefix. The rules
 * below recognise three identifiers whose disclosure is regulated (resident ID numbers,
 * bank card numbers, mainland mobile numbers) and mask them wherever they can be
 * recognised. When a rule has to choose, it masks more rather than leak.
 *
 * Terms used below:
 * - a digit is any Unicode decimal digit (ASCII, full-width `１`, Arabic-Indic, mathematical …);
 * - a digit group is a maximal run of digits;
 * - a separator is any character that is neither a letter nor a number nor the mask
 *   character `*`: punctuation of any width (`.` `．` `，` `/` `_` `(` `)` `—`), any
 *   whitespace (tab, newline, ideographic space) and invisible format characters (U+200B,
 *   U+FEFF, U+2060). People write numbers with all of them, and a zero-width space is how
 *   a number is slipped past a filter, so no list of "separators" is ever complete;
 * - a digit chain is a sequence of digit groups joined by runs of separators of any length,
 *   i.e. how people write `138 1234 5678`, `(138)1234-5678`, `138 - 1234 - 5678` or
 *   `6222.0212.3456.7890.128`;
 * - `*` (and `＊`) is not a separator: it is what masking writes, and a masked span must
 *   end the chain so that the visible edges of two masked numbers never join into a third;
 * - an identifier is only ever recognised on whole digit groups of a chain: a number is
 *   never carved out of the middle of a longer digit run (an order number that happens to
 *   contain a mobile-like substring is not a mobile).
 */

/** GB 11643-1999 weights for the 17 body characters of a resident ID. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** GB 11643-1999 check character, indexed by (weighted sum mod 11). */
const ID_CHECK_CHARS = '10X98765432';
const ID_SHAPE = /^[1-9]\d{5}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX]$/;
const MOBILE_SHAPE = /^(?:0086|86)?1[3-9]\d{9}$/;
/** The longest identifier recognised (a 19-digit card). */
const MAX_DIGITS = 19;
/** The shortest identifier recognised (an 11-digit mobile). */
const MIN_DIGITS = 11;

type Kind = 'id' | 'card' | 'mobile';

/** Recognition priority: a valid resident ID often also passes Luhn, so IDs are decided first. */
const PRIORITY: readonly Kind[] = ['id', 'card', 'mobile'];

interface Group {
  /** Text index of the first digit. */
  start: number;
  /** Text index just after the last digit. */
  end: number;
  /** The group is immediately followed by an ID check letter (X/x, half or full width). */
  checkX: boolean;
}

interface Chain {
  groups: Group[];
  /** Normalised ASCII digits of all groups, separators removed. */
  digits: string;
  /** offsets[g] is the index in `digits` where group g starts; one extra entry at the end. */
  offsets: number[];
  /** Text index of each digit in `digits`. */
  positions: number[];
}

interface Candidate {
  kind: Kind;
  /** First and last group index (inclusive) of the identifier within its chain. */
  first: number;
  last: number;
  /** The identifier is a resident ID whose check character is the letter X after `last`. */
  withX: boolean;
}

/** Letters and numbers end a chain; every other character can join digit groups. */
const ALPHANUMERIC = /[\p{L}\p{N}]/u;
const DECIMAL_DIGIT = /\p{Nd}/u;
/** Value of a non-ASCII decimal digit, by code point (filled on first sight). */
const digitValues = new Map<number, number>();

/**
 * The value (0-9) of the decimal digit at code point `code`, or -1. Unicode guarantees that
 * decimal digits come in contiguous runs of ten, 0 to 9, so a digit's value is its distance
 * from the start of its run, mod 10 (a few blocks put several runs side by side).
 */
function digitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0xff10 && code <= 0xff19) return code - 0xff10;
  if (code < 0x660) return -1;
  const known = digitValues.get(code);
  if (known !== undefined) return known;
  let value = -1;
  if (DECIMAL_DIGIT.test(String.fromCodePoint(code))) {
    let start = code;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
    value = (code - start) % 10;
  }
  digitValues.set(code, value);
  return value;
}

/** Width in UTF-16 units of the character at `i` (2 for a surrogate pair). */
function widthAt(text: string, i: number): number {
  return (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
}

function isSeparator(code: number): boolean {
  if (code === 0x2a || code === 0xff0a) return false; // the mask character, half and full width
  if (code < 0x80) return !((code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a));
  if (code >= 0x4e00 && code <= 0x9fff) return false; // CJK ideographs, the bulk of feedback text
  return !ALPHANUMERIC.test(String.fromCodePoint(code));
}

function isCheckX(code: number): boolean {
  return code === 0x58 || code === 0x78 || code === 0xff38 || code === 0xff58;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `id` is 18 ASCII characters, 17 digits then a digit or upper-case X. */
function isResidentIdCore(id: string): boolean {
  const shape = ID_SHAPE.exec(id);
  if (!shape) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (day > daysInMonth(year, month)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 0x30) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK_CHARS[sum % 11] === id[17];
}

/**
 * Whether `s` is a mainland resident ID number (GB 11643-1999): 18 characters, a region
 * code, a real birth date (1800–2099), a sequence number and a matching check character.
 * Full-width digits and a lower-case or full-width X are accepted, because that is how
 * IDs arrive in typed feedback; anything else (spaces, 15-digit legacy IDs) is not an ID.
 */
export function isValidResidentId(s: string): boolean {
  if (s.length !== 18) return false;
  let id = '';
  for (let i = 0; i < 18; i++) {
    const code = s.charCodeAt(i);
    const d = digitValue(code);
    if (d >= 0) id += String(d);
    else if (i === 17 && isCheckX(code)) id += 'X';
    else return false;
  }
  return isResidentIdCore(id);
}

/**
 * Whether an ASCII digit string passes the Luhn (mod 10) check that every bank card
 * number carries. It is only a checksum: about one random digit string in ten passes,
 * so it must be combined with a length rule before a number is treated as a card.
 */
export function luhnValid(digits: string): boolean {
  if (digits.length < 2 || !/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 0x30;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Splits text into digit chains, in text order, in one linear pass: every character is
 * classified once (a separator run that leads nowhere is not scanned again).
 */
function findChains(text: string): Chain[] {
  const chains: Chain[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.codePointAt(i) ?? 0;
    if (digitValue(code) < 0) {
      i += code > 0xffff ? 2 : 1;
      continue;
    }
    const chain: Chain = { groups: [], digits: '', offsets: [0], positions: [] };
    for (;;) {
      const group: Group = { start: i, end: i, checkX: false };
      let d: number;
      while (i < n && (d = digitValue(text.codePointAt(i) ?? 0)) >= 0) {
        chain.digits += String(d);
        chain.positions.push(i);
        i += widthAt(text, i);
      }
      group.end = i;
      chain.groups.push(group);
      chain.offsets.push(chain.digits.length);
      if (i < n && isCheckX(text.charCodeAt(i))) {
        // A check letter ends the number it belongs to; nothing chains across it.
        group.checkX = true;
        i++;
        break;
      }
      let j = i;
      while (j < n && isSeparator(text.codePointAt(j) ?? 0)) j += widthAt(text, j);
      if (j > i && j < n && digitValue(text.codePointAt(j) ?? 0) >= 0) {
        i = j;
        continue;
      }
      i = j;
      break;
    }
    chains.push(chain);
  }
  return chains;
}

/** Every identifier that spans whole groups of the chain (overlapping ones included). */
function findCandidates(chain: Chain): Candidate[] {
  const { groups, digits, offsets } = chain;
  const found: Candidate[] = [];
  for (let first = 0; first < groups.length; first++) {
    const from = offsets[first] ?? 0;
    for (let last = first; last < groups.length; last++) {
      const to = offsets[last + 1] ?? 0;
      const length = to - from;
      if (length > MAX_DIGITS) break;
      if (length < MIN_DIGITS) continue;
      const d = digits.slice(from, to);
      if (length === 18 && isResidentIdCore(d)) {
        found.push({ kind: 'id', first, last, withX: false });
      }
      if (length === 17 && groups[last]?.checkX && isResidentIdCore(`${d}X`)) {
        found.push({ kind: 'id', first, last, withX: true });
      }
      if (length >= 16 && luhnValid(d)) found.push({ kind: 'card', first, last, withX: false });
      if (MOBILE_SHAPE.test(d)) found.push({ kind: 'mobile', first, last, withX: false });
    }
  }
  return found;
}

/**
 * Picks non-overlapping identifiers to mask: by priority, then left to right, the longest
 * at each starting group. Every candidate either is picked or overlaps a picked one.
 */
function chooseMasks(groupCount: number, candidates: readonly Candidate[]): Candidate[] {
  const taken = new Array<boolean>(groupCount).fill(false);
  const chosen: Candidate[] = [];
  for (const kind of PRIORITY) {
    const byStart = new Map<number, Candidate[]>();
    for (const c of candidates) {
      if (c.kind !== kind) continue;
      const list = byStart.get(c.first);
      if (list) list.push(c);
      else byStart.set(c.first, [c]);
    }
    for (let g = 0; g < groupCount; g++) {
      if (taken[g]) continue;
      let best: Candidate | undefined;
      for (const c of byStart.get(g) ?? []) {
        let free = true;
        for (let k = c.first; k <= c.last; k++) if (taken[k]) free = false;
        if (free && (!best || c.last > best.last)) best = c;
      }
      if (!best) continue;
      for (let k = best.first; k <= best.last; k++) taken[k] = true;
      chosen.push(best);
      g = best.last;
    }
  }
  return chosen.sort((a, b) => a.first - b.first);
}

/**
 * reach[g] is the last group covered by any candidate starting at or before group g (-1 if
 * none), so "some candidate crosses this edge" is answered in constant time.
 */
function reachOf(groupCount: number, candidates: readonly Candidate[]): Int32Array {
  const reach = new Int32Array(groupCount).fill(-1);
  for (const c of candidates) reach[c.first] = Math.max(reach[c.first] ?? -1, c.last);
  for (let g = 1; g < groupCount; g++) reach[g] = Math.max(reach[g] ?? -1, reach[g - 1] ?? -1);
  return reach;
}

function starDigits(s: string): string {
  let out = '';
  for (const ch of s) out += digitValue(ch.codePointAt(0) ?? 0) >= 0 ? '*' : ch;
  return out;
}

/**
 * Renders the chain's text with the chosen identifiers masked.
 *
 * The digits a mask leaves visible (first 3 / last 4) sit next to whatever follows them in
 * the chain. Where that could rebuild a number, the visible edge is starred as well:
 * - `strict = false`: only edges crossed by another candidate identifier are starred;
 * - `strict = true`: every edge that touches further digits of the chain is starred, which
 *   always leaves nothing recognisable (used when the lenient rendering still does).
 */
function renderChain(text: string, chain: Chain, chosen: readonly Candidate[], reach: Int32Array, strict: boolean): string {
  const { groups, digits, offsets, positions } = chain;
  const lastGroup = groups.length - 1;
  const chainStart = groups[0]?.start ?? 0;
  const tailGroup = groups[lastGroup];
  const chainEnd = tailGroup ? tailGroup.end + (tailGroup.checkX ? 1 : 0) : chainStart;
  let out = '';
  let cursor = chainStart;
  for (const m of chosen) {
    const spanStart = groups[m.first]?.start ?? cursor;
    const lastEnd = groups[m.last]?.end ?? spanStart;
    const spanEnd = m.withX ? lastEnd + 1 : lastEnd;
    const from = offsets[m.first] ?? 0;
    const to = offsets[m.last + 1] ?? 0;
    const hideHead = strict ? m.first > 0 : m.first > 0 && (reach[m.first - 1] ?? -1) >= m.first;
    const hideTail = strict ? m.last < lastGroup : (reach[m.last] ?? -1) > m.last;
    let masked: string;
    if (m.kind === 'id') {
      const id = digits.slice(from, to) + (m.withX ? 'X' : '');
      masked = (hideHead ? '***' : id.slice(0, 3)) + '*'.repeat(11) + (hideTail ? '****' : id.slice(14));
    } else if (m.kind === 'card') {
      masked = '**** **** **** ' + (hideTail ? '****' : digits.slice(to - 4, to));
    } else {
      const mobileFrom = to - 11;
      const prefix = text.slice(spanStart, positions[mobileFrom] ?? spanStart);
      masked =
        (hideHead ? starDigits(prefix) + '***' : prefix + digits.slice(mobileFrom, mobileFrom + 3)) +
        '****' +
        (hideTail ? '****' : digits.slice(to - 4, to));
    }
    out += text.slice(cursor, spanStart) + masked;
    cursor = spanEnd;
  }
  return out + text.slice(cursor, chainEnd);
}

function countDigitsAtLeast(text: string, min: number): boolean {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A surrogate pair is counted once, at its high half (mathematical digits are astral).
    if ((code < 0xdc00 || code > 0xdfff) && digitValue(text.codePointAt(i) ?? 0) >= 0 && ++count >= min) return true;
  }
  return false;
}

/**
 * Whether the text still shows a resident ID, a bank card number or a mainland mobile
 * number in any recognisable form. Used to audit views that are allowed to show unmasked
 * feedback, and guaranteed false for any output of {@link maskPersonalData}.
 */
export function containsPersonalData(text: string): boolean {
  if (!countDigitsAtLeast(text, MIN_DIGITS)) return false;
  return findChains(text).some((chain) => findCandidates(chain).length > 0);
}

/**
 * Masks personal data in feedback text before it is shown to anyone without the right to
 * see it, keeping just enough for staff to match a record with the customer on the phone:
 * - resident ID (GB 11643-1999, checked first as many IDs also pass Luhn):
 *   first 3 and last 4 characters, `110***********123X`;
 * - bank card (16–19 digits passing Luhn): last 4 digits only, `**** **** **** 1234`;
 * - mainland mobile (`1[3-9]` + 9 digits, optional `+86`/`86`/`0086` prefix, which is kept):
 *   first 3 and last 4 digits, `138****5678`.
 * Writings with any separators between digit groups (dots, slashes, brackets, commas,
 * dashes, tabs, line breaks, zero-width spaces, full-width punctuation) and any Unicode
 * decimal digits are recognised; the whole written span is replaced. Linear in the text. When a visible edge would otherwise join neighbouring digits into something
 * recognisable, it is starred too, so the result never contains a recognisable
 * identifier; masking is therefore idempotent. Text with no such identifier (amounts,
 * dates, short or unrecognised numbers) is returned unchanged.
 */
export function maskPersonalData(text: string): string {
  if (!countDigitsAtLeast(text, MIN_DIGITS)) return text;
  let out = '';
  let cursor = 0;
  for (const chain of findChains(text)) {
    const candidates = findCandidates(chain);
    if (candidates.length === 0) continue;
    const chosen = chooseMasks(chain.groups.length, candidates);
    const reach = reachOf(chain.groups.length, candidates);
    let rendered = renderChain(text, chain, chosen, reach, false);
    if (containsPersonalData(rendered)) {
      rendered = renderChain(text, chain, chosen, reach, true);
    }
    const chainStart = chain.groups[0]?.start ?? cursor;
    const tail = chain.groups[chain.groups.length - 1];
    const chainEnd = tail ? tail.end + (tail.checkX ? 1 : 0) : chainStart;
    out += text.slice(cursor, chainStart) + rendered;
    cursor = chainEnd;
  }
  return out + text.slice(cursor);
}

/**
 * Whether a substring search for `search` in the clear text could match characters that
 * masking hides or rewrites, so that its matches must be re-checked against the masked text
 * before a viewer without the right to see personal data is told of them. A masked span is
 * made of digits, separators and an ID's check letter, and starts with a digit: a search can
 * only reach into one if it holds a digit or a check letter, or consists of separators alone.
 * Any other search (words, Chinese text) matches the clear and the masked text alike.
 */
export function searchCanReachMaskedText(search: string): boolean {
  let outsideSpans = false;
  for (const ch of search) {
    const code = ch.codePointAt(0) ?? 0;
    if (digitValue(code) >= 0 || isCheckX(code)) return true;
    if (!isSeparator(code)) outsideSpans = true;
  }
  return !outsideSpans;
}

/**
 * Whether the text a viewer is shown contains the search, with the case folding of the SQL
 * search (FTS5 trigram and LIKE ignore case). Search what the viewer can see: a number's
 * hidden digits must not be found, or search becomes an oracle that spells them out.
 */
export function visibleTextMatches(shown: string, search: string): boolean {
  return shown.toLowerCase().includes(search.toLowerCase());
}
