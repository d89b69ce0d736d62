import dayjs from 'dayjs';

/** 2026-11-28 14:05 */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—';
}

/** 2026-11-28 */
export function formatDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD') : '—';
}

/** 0.8523 → 85.2% */
export function formatPercent(rate: number | null | undefined, digits = 1): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(digits)}%`;
}

/** Start of today in local time, as an ISO string. */
export function startOfToday(): string {
  return dayjs().startOf('day').toISOString();
}

/** YYYY-MM of the month before now (the report one usually reads). */
export function lastMonth(): string {
  return dayjs().subtract(1, 'month').format('YYYY-MM');
}
