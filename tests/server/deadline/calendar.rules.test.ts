import { describe, it, expect } from 'vitest';
import {
  addWorkingDays,
  addLimit,
  dayStart,
  hasPassed,
  isWorkingDay,
  localDay,
  parseDayList,
  parseLimit,
  minutesOfDay,
  type WorkingCalendar,
} from '../../../server/src/core/calendar.rules.js';
import { MAINLAND_HOLIDAYS, MAINLAND_MAKEUP_WORKDAYS } from '../../../server/src/core/mainland-holidays.js';
import { loadEnv } from '../../../server/src/core/env.js';
import { deadlineConfigOf } from '../../../server/src/deadline/deadline.config.js';

const days = (text: string) => {
  const r = parseDayList(text);
  if (!r.ok) throw new Error(`bad day list: ${r.bad}`);
  return new Set(r.days);
};

/** The default calendar, exactly as the server builds it from an empty environment. */
const mainland: WorkingCalendar = deadlineConfigOf(loadEnv({} as NodeJS.ProcessEnv)).calendar;

/** Bank time (UTC+8) as an instant. */
const at = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+08:00`);
const local = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('the mainland working calendar (default configuration)', () => {
  // day, weekday, worked?, why
  const table: [string, string, boolean, string][] = [
    ['2026-01-01', 'Thu', false, '元旦'],
    ['2026-01-02', 'Fri', false, '元旦 bridge day'],
    ['2026-01-04', 'Sun', true, '调休: make-up working Sunday'],
    ['2026-01-05', 'Mon', true, 'ordinary Monday'],
    ['2026-02-13', 'Fri', true, 'last day before the Spring Festival'],
    ['2026-02-14', 'Sat', true, '调休: make-up working Saturday'],
    ['2026-02-15', 'Sun', false, '春节 (腊月二十八)'],
    ['2026-02-17', 'Tue', false, '春节 (正月初一)'],
    ['2026-02-23', 'Mon', false, '春节 (正月初七)'],
    ['2026-02-24', 'Tue', true, 'back to work'],
    ['2026-02-28', 'Sat', true, '调休: make-up working Saturday'],
    ['2026-03-01', 'Sun', false, 'ordinary Sunday'],
    ['2026-04-06', 'Mon', false, '清明节'],
    ['2026-05-01', 'Fri', false, '劳动节'],
    ['2026-05-05', 'Tue', false, '劳动节'],
    ['2026-05-06', 'Wed', true, 'back to work'],
    ['2026-05-09', 'Sat', true, '调休'],
    ['2026-06-19', 'Fri', false, '端午节'],
    ['2026-09-20', 'Sun', true, '调休'],
    ['2026-09-25', 'Fri', false, '中秋节'],
    ['2026-10-01', 'Thu', false, '国庆节'],
    ['2026-10-07', 'Wed', false, '国庆节'],
    ['2026-10-08', 'Thu', true, 'back to work'],
    ['2026-10-10', 'Sat', true, '调休'],
    ['2026-10-11', 'Sun', false, 'ordinary Sunday'],
    ['2027-01-01', 'Fri', false, '元旦 (provisional default)'],
    ['2027-02-05', 'Fri', false, '春节: 除夕 (provisional default)'],
    ['2027-02-08', 'Mon', false, '春节: 初三 (provisional default)'],
    ['2027-04-05', 'Mon', false, '清明节 (provisional default)'],
    ['2027-06-09', 'Wed', false, '端午节 (provisional default)'],
    ['2027-09-15', 'Wed', false, '中秋节 (provisional default)'],
    ['2027-10-01', 'Fri', false, '国庆节 (provisional default)'],
    ['2027-10-04', 'Mon', true, 'no arrangement known yet: an ordinary Monday'],
  ];
  it.each(table)('%s (%s) worked: %s — %s', (day, weekday, worked) => {
    expect(new Date(`${day}T00:00:00Z`).toUTCString().slice(0, 3)).toBe(weekday);
    expect(isWorkingDay(mainland, day)).toBe(worked);
  });

  it('is what HOLIDAYS and MAKEUP_WORKDAYS default to', () => {
    expect(mainland.holidays).toEqual(days(MAINLAND_HOLIDAYS));
    expect(mainland.makeUpWorkdays).toEqual(days(MAINLAND_MAKEUP_WORKDAYS));
  });
});

describe('a configured calendar (2027 as the State Council might publish it)', () => {
  // Configuration, not fact: a 2027 Spring Festival of 9 days with two make-up Saturdays.
  const env = loadEnv({
    HOLIDAYS: '2027-01-01, 2027-02-05..2027-02-13',
    MAKEUP_WORKDAYS: '2027-01-30,2027-02-20',
  } as NodeJS.ProcessEnv);
  const configured = deadlineConfigOf(env).calendar;
  const table: [string, boolean][] = [
    ['2027-01-01', false],
    ['2027-01-30', true], // a Saturday, worked
    ['2027-02-04', true],
    ['2027-02-05', false],
    ['2027-02-10', false], // a Wednesday inside the range
    ['2027-02-13', false],
    ['2027-02-15', true],
    ['2027-02-20', true], // a Saturday, worked
    ['2027-02-21', false],
    ['2026-10-01', true], // the list replaces the defaults: 2026's holidays are gone
  ];
  it.each(table)('%s worked: %s', (day, worked) => expect(isWorkingDay(configured, day)).toBe(worked));

  it('counts working days across the configured festival and make-up day', () => {
    // Thursday 2027-02-04 10:00 + 3 working days: Thu (rest), then 02-15 Mon, 02-16 Tue, to Wed 02-17 10:00.
    expect(local(addWorkingDays(configured, at('2027-02-04 10:00'), 3))).toBe('2027-02-17 10:00');
  });

  it('refuses malformed lists and limits at start, naming the variable', () => {
    expect(() => loadEnv({ HOLIDAYS: '2027-02-30' } as NodeJS.ProcessEnv)).toThrow(/HOLIDAYS/);
    expect(() => loadEnv({ MAKEUP_WORKDAYS: '2027-02-20..2027-02-10' } as NodeJS.ProcessEnv)).toThrow(/MAKEUP_WORKDAYS/);
    expect(() => loadEnv({ STAGE_LIMIT_OPEN: 'three days' } as NodeJS.ProcessEnv)).toThrow(/STAGE_LIMIT_OPEN/);
    expect(() => loadEnv({ DIGEST_AT: '25:00' } as NodeJS.ProcessEnv)).toThrow(/DIGEST_AT/);
  });
});

describe('addWorkingDays: working time runs on working days only, 24 h a working day', () => {
  const table: [string, string, number, string][] = [
    ['an ordinary Monday morning', '2026-03-02 10:00', 3, '2026-03-05 10:00'],
    ['Friday afternoon skips the weekend', '2026-03-06 15:00', 3, '2026-03-11 15:00'],
    ['opened on a Saturday: three full working days from Monday', '2026-03-07 10:00', 3, '2026-03-12 00:00'],
    ['exactly at midnight', '2026-03-02 00:00', 1, '2026-03-03 00:00'],
    ['before the Spring Festival, across nine days off and a make-up Saturday', '2026-02-12 09:00', 3, '2026-02-24 09:00'],
    ['the make-up Saturday counts', '2026-02-13 18:00', 1, '2026-02-14 18:00'],
    ['into National Day', '2026-09-29 12:00', 2, '2026-10-08 12:00'],
    ['five working days over the 劳动节 make-up Saturday', '2026-05-06 09:00', 5, '2026-05-12 09:00'],
    ['zero days is now', '2026-03-04 11:11', 0, '2026-03-04 11:11'],
  ];
  it.each(table)('%s: %s + %i wd = %s', (_why, start, n, due) => {
    expect(local(addWorkingDays(mainland, at(start), n))).toBe(due);
  });

  it('never returns earlier than the same number of calendar days (the scan relies on it)', () => {
    for (let t = at('2026-01-01 00:00'); t < at('2027-01-01 00:00'); t += 7 * 3_600_000 + 17 * 60_000)
      for (const n of [1, 3, 5]) expect(addWorkingDays(mainland, t, n)).toBeGreaterThanOrEqual(t + n * 86_400_000);
  });

  it('calendar-day limits ignore the calendar', () => {
    expect(local(addLimit(mainland, at('2026-09-20 08:00'), { amount: 30, unit: 'DAYS' }))).toBe('2026-10-20 08:00');
  });
});

describe('limits and lists as configuration gives them', () => {
  it.each([
    ['3wd', { amount: 3, unit: 'WORKING_DAYS' }],
    ['30d', { amount: 30, unit: 'DAYS' }],
    [' 5WD ', { amount: 5, unit: 'WORKING_DAYS' }],
    ['off', null],
    ['0', null],
    ['', null],
    ['0wd', null],
    ['3', undefined],
    ['3 weeks', undefined],
    ['-1d', undefined],
  ] as const)('parseLimit(%j)', (text, expected) => expect(parseLimit(text)).toEqual(expected));

  it('expands ranges inclusively and refuses impossible days', () => {
    expect(parseDayList('2026-02-27..2026-03-02,2026-05-01')).toEqual({
      ok: true,
      days: ['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02', '2026-05-01'],
    });
    expect(parseDayList('2026-02-29')).toEqual({ ok: false, bad: '2026-02-29' });
    expect(parseDayList('')).toEqual({ ok: true, days: [] });
  });

  it('reads times of day', () => {
    expect(minutesOfDay('08:30')).toBe(510);
    expect(minutesOfDay('24:00')).toBeUndefined();
  });

  it('counts days in bank time (UTC+8)', () => {
    expect(localDay(Date.parse('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
    expect(localDay(Date.parse('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(dayStart('2026-03-02')).toBe(Date.parse('2026-03-01T16:00:00Z'));
  });

  it('a limit passes strictly after its end', () => {
    expect(hasPassed(1000, 1000)).toBe(false);
    expect(hasPassed(1000, 1001)).toBe(true);
  });
});
