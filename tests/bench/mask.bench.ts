import { maskPersonalData } from '../../server/src/core/mask.rules.js';
import { median, type BenchRow } from './util.js';

const LENGTH = 4000;
const ROUNDS = 200;

const fill = (unit: string): string => unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);

/**
 * Hostile texts for the masking scanner, 4,000 characters each (the feedback text limit): long
 * runs of separators between digits, digit groups that almost make a number, numbers joined end
 * to end by zero-width spaces, full-width and astral digits. The baseline is ordinary feedback of
 * the same length with a few numbers in it, masked in the same run: masking must stay linear.
 */
const HOSTILE: Record<string, string> = {
  'one digit, then separators': fill('1' + ' -.'.repeat(7)),
  'digit, separator, digit …': fill('1 '),
  'mobiles joined by zero-width spaces': fill('13812345678\u200B'),
  'almost-cards (18 Luhn-failing digits)': fill('622202123456789012.'),
  'full-width digits and dots': fill('１３８．'),
  'mathematical digits': fill('\u{1D7CF}\u{1D7D1}\u{1D7D6}.'),
};
const BASELINE = fill('客户反映信用卡还款短信提醒未收到，请回电13812345678，卡号6222021234567890128。');

function msPerText(text: string): number {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    maskPersonalData(text);
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Masking a 4,000-character hostile text, against ordinary text of the same length. */
export async function benchMask(): Promise<{ rows: BenchRow[] }> {
  const baseline = msPerText(BASELINE);
  return Promise.resolve({
    rows: Object.entries(HOSTILE).map(([name, text]) => {
      const value = msPerText(text);
      return {
        name: `masking: 4,000 characters, ${name}`,
        value,
        unit: 'ms',
        baseline,
        ratio: value / baseline,
        target: '< 10× ordinary text',
        note: `ordinary feedback text: ${baseline.toFixed(3)} ms`,
      };
    }),
  });
}
