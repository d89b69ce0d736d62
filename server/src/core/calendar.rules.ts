import { dayStart } from './period.rules.js';

/** The bank keeps time in China Standard Time (UTC+8, no daylight saving): a fixed offset is exact. */
export const BANK_OFFSET_MINUTES = 8 * 60;
const DAY_MS = 86_400_000;
const OFFSET_MS = BANK_OFFSET_MINUTES * 60_000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Which local days are worked. Weekdays are working days and weekends are not, except for the
 * configured public holidays (days off even on a weekday) and make-up working days (调休: a
 * Saturday or Sunday worked in exchange for a longer holiday).
 */
export interface WorkingCalendar {
  holidays: ReadonlySet<string>;
  makeUpWorkdays: ReadonlySet<string>;
}

/** A time limit: a number of working days (working time elapses on working days only) or of calendar days. */
export type Limit = { amount: number; unit: 'WORKING_DAYS' | 'DAYS' };

/** The local day (`YYYY-MM-DD`) an instant falls on. */
export function localDay(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

// Local midnight of a bank day: the one implementation is the report calendar's.
export { dayStart } from './period.rules.js';

/** A local time of day as minutes after midnight, from `HH:MM`; undefined when malformed. */
export function minutesOfDay(hhmm: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** Whether `YYYY-MM-DD` names a real calendar day. */
export function isDay(value: string): boolean {
  const m = DAY_RE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * Parses a list of days as configuration gives it: comma- or whitespace-separated `YYYY-MM-DD`,
 * and inclusive ranges `YYYY-MM-DD..YYYY-MM-DD`. Returns the days, or the first bad entry.
 */
export function parseDayList(text: string): { ok: true; days: string[] } | { ok: false; bad: string } {
  const days: string[] = [];
  for (const entry of text.split(/[\s,;]+/).filter(Boolean)) {
    const [from, to, ...rest] = entry.split('..');
    if (!from || rest.length || !isDay(from) || (to !== undefined && (!isDay(to) || to < from))) return { ok: false, bad: entry };
    if (to === undefined) {
      days.push(from);
      continue;
    }
    for (let t = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`); t <= end; t += DAY_MS) {
      days.push(new Date(t).toISOString().slice(0, 10));
      if (days.length > 10_000) return { ok: false, bad: entry };
    }
  }
  return { ok: true, days };
}

/** `3wd` (working days), `30d` (calendar days), or `off` / `0` / empty (no limit). Undefined when malformed. */
export function parseLimit(text: string): Limit | null | undefined {
  const t = text.trim().toLowerCase();
  if (t === '' || t === 'off' || t === '0') return null;
  const m = /^(\d{1,4})\s*(wd|d)$/.exec(t);
  if (!m) return undefined;
  const amount = Number(m[1]);
  if (amount === 0) return null;
  return { amount, unit: m[2] === 'wd' ? 'WORKING_DAYS' : 'DAYS' };
}

/** Whether a local day is worked: a make-up working day always, a holiday never, otherwise Monday to Friday. */
export function isWorkingDay(calendar: WorkingCalendar, day: string): boolean {
  if (calendar.makeUpWorkdays.has(day)) return true;
  if (calendar.holidays.has(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

// Ten years of consecutive days off is not a calendar: stop rather than loop.
const MAX_DAYS_SCANNED = 3660;

/**
 * `start` plus `days` working days: working time runs only on working days, a full day (24 h) per
 * working day, so that opening on Friday 15:00 with 3 working days is due Wednesday 15:00, and
 * opening on a Saturday is due at the end of the third working day after it.
 */
export function addWorkingDays(calendar: WorkingCalendar, start: number, days: number): number {
  let remaining = days * DAY_MS;
  let t = start;
  for (let i = 0; i < MAX_DAYS_SCANNED + days; i++) {
    const day = localDay(t);
    const end = dayStart(day) + DAY_MS;
    if (isWorkingDay(calendar, day)) {
      if (remaining <= end - t) return t + remaining;
      remaining -= end - t;
    }
    t = end;
  }
  throw new Error(`No working days in the ${MAX_DAYS_SCANNED} days after ${localDay(start)}: check the holiday calendar.`);
}

/** The instant a limit ends when it starts at `start`. */
export function addLimit(calendar: WorkingCalendar, start: number, limit: Limit): number {
  return limit.unit === 'WORKING_DAYS' ? addWorkingDays(calendar, start, limit.amount) : start + limit.amount * DAY_MS;
}

/** A limit has passed once `now` is strictly later than it ends; at the very instant it is still on time. */
export function hasPassed(limitEnd: number, now: number): boolean {
  return now > limitEnd;
}

/** `YYYY-MM-DD HH:MM` in bank time, for notes and notifications. */
export function formatLocal(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
