/** A rollup's time grain: its `period` is a local day (`YYYY-MM-DD`) or a local month (`YYYY-MM`). */
export const ROLLUP_GRAINS = ['DAY', 'MONTH'] as const;

/** The bank counts days and months in China Standard Time (UTC+8, no daylight saving). */
export const CHINA_OFFSET_MINUTES = 8 * 60;
const DAY_MS = 86_400_000;

/** Reports cover 1970–9998: local days and months past that cannot be written as YYYY-MM-DD. */
export const REPORT_FIRST_YEAR = 1970;
export const REPORT_LAST_YEAR = 9998;

/** Whether an instant lies in the years reports can cover. */
export function reportable(t: number): boolean {
  return t >= Date.UTC(REPORT_FIRST_YEAR, 0, 1) && t < Date.UTC(REPORT_LAST_YEAR + 1, 0, 1) - CHINA_OFFSET_MINUTES * 60_000;
}

/**
 * Month boundaries in the bank's local time (China Standard Time has no daylight saving, so a
 * fixed offset is exact). `month` is `YYYY-MM`; returns [start, end) as instants, or undefined.
 */
export function monthRange(
  month: string,
  offsetMinutes: number = CHINA_OFFSET_MINUTES,
): { start: Date; end: Date; previousStart: Date } | undefined {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) return undefined;
  const year = Number(m[1]);
  const mon = Number(m[2]) - 1;
  if (year < REPORT_FIRST_YEAR || year > REPORT_LAST_YEAR) return undefined;
  const at = (y: number, mo: number) => new Date(Date.UTC(y, mo, 1) - offsetMinutes * 60_000);
  return { start: at(year, mon), end: at(year, mon + 1), previousStart: at(year, mon - 1) };
}

/** The month (`YYYY-MM`) an instant falls in, in the bank's local time. */
export function monthOf(at: Date | number, offsetMinutes: number = CHINA_OFFSET_MINUTES): string {
  return dayOf(at, offsetMinutes).slice(0, 7);
}

/** The day (`YYYY-MM-DD`) an instant falls in, in the bank's local time. */
export function dayOf(at: Date | number, offsetMinutes: number = CHINA_OFFSET_MINUTES): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The instant a local day (`YYYY-MM-DD`) starts. */
export function dayStart(day: string, offsetMinutes: number = CHINA_OFFSET_MINUTES): number {
  return Date.parse(`${day}T00:00:00Z`) - offsetMinutes * 60_000;
}

const floorDay = (t: number) => dayStart(dayOf(t));
const ceilDay = (t: number) => (floorDay(t) === t ? t : floorDay(t) + DAY_MS);
const floorMonth = (t: number) => monthRange(monthOf(t))!.start.getTime();
const ceilMonth = (t: number) => (floorMonth(t) === t ? t : monthRange(monthOf(t))!.end.getTime());

/** Half-open period keys [from, to); null is unbounded. */
export type PeriodSpan = readonly [from: string | null, to: string | null];

/** How a time range is read: whole months and whole days from rollups, the ragged ends from rows. */
export interface RangePlan {
  /** Instants [from, to) to count from the rows themselves (at most a day at each end). */
  raw: (readonly [number, number])[];
  /** Day keys (`YYYY-MM-DD`) to read from the daily rollup. */
  days: PeriodSpan[];
  /** Month keys (`YYYY-MM`) to read from the monthly rollup. */
  months: PeriodSpan[];
}

/**
 * Splits [from, to) (null: unbounded) into the cheapest exact reading: the whole months inside it
 * from the monthly rollup, the whole days left over from the daily rollup, and only the partial
 * days at the ends from the rows. With `months: false` (a daily series) whole days are the coarsest.
 */
export function planRange(from: number | null, to: number | null, options: { months?: boolean } = {}): RangePlan {
  const plan: RangePlan = { raw: [], days: [], months: [] };
  if (from !== null && to !== null && from >= to) return plan;
  const a1 = from === null ? null : ceilDay(from);
  const b1 = to === null ? null : floorDay(to);
  if (a1 !== null && b1 !== null && a1 >= b1) {
    plan.raw.push([from!, to!]);
    return plan;
  }
  if (from !== null && from < a1!) plan.raw.push([from, a1!]);
  if (to !== null && b1! < to) plan.raw.push([b1!, to]);
  const day = (t: number | null) => (t === null ? null : dayOf(t));
  if (options.months === false) {
    plan.days.push([day(a1), day(b1)]);
    return plan;
  }
  const a2 = a1 === null ? null : ceilMonth(a1);
  const b2 = b1 === null ? null : floorMonth(b1);
  if (a2 !== null && b2 !== null && a2 >= b2) {
    plan.days.push([day(a1), day(b1)]);
    return plan;
  }
  if (a1 !== null && a1 < a2!) plan.days.push([day(a1), day(a2)]);
  if (b1 !== null && b2! < b1) plan.days.push([day(b2), day(b1)]);
  plan.months.push([a2 === null ? null : monthOf(a2), b2 === null ? null : monthOf(b2)]);
  return plan;
}

/** Every local day key from `first` to `last` inclusive. */
export function daysBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = dayStart(first); dayOf(t) <= last; t += DAY_MS) out.push(dayOf(t));
  return out;
}
