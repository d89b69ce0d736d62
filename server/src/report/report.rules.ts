/**
 * Month boundaries in the bank's local time (China Standard Time has no daylight saving, so a
 * fixed offset is exact). `month` is `YYYY-MM`; returns [start, end) as instants, or undefined.
 */
export function monthRange(month: string, offsetMinutes: number): { start: Date; end: Date; previousStart: Date } | undefined {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) return undefined;
  const year = Number(m[1]);
  const mon = Number(m[2]) - 1;
  const at = (y: number, mo: number) => new Date(Date.UTC(y, mo, 1) - offsetMinutes * 60_000);
  return { start: at(year, mon), end: at(year, mon + 1), previousStart: at(year, mon - 1) };
}

/** The month (`YYYY-MM`) an instant falls in, in the bank's local time. */
export function monthOf(at: Date, offsetMinutes: number): string {
  const local = new Date(at.getTime() + offsetMinutes * 60_000);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** An action due in the period was done on time when it was confirmed by its due date. */
export function actionOutcome(a: { dueAt: Date; confirmedAt: Date | null }, now: Date): 'ON_TIME' | 'LATE' | 'OVERDUE' | 'PENDING' {
  if (a.confirmedAt) return a.confirmedAt.getTime() <= a.dueAt.getTime() ? 'ON_TIME' : 'LATE';
  return a.dueAt.getTime() < now.getTime() ? 'OVERDUE' : 'PENDING';
}
