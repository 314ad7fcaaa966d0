/**
 * Calendar arithmetic in Asia/Shanghai (UTC+08:00 all year: China has observed no daylight saving
 * since 1991), so plain offset arithmetic is exact and needs no time-zone database.
 * Dates are ISO calendar dates `YYYY-MM-DD`.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

export function isIsoInstant(value: string): boolean {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
}

/** The Asia/Shanghai calendar date on which an instant falls. */
export function shanghaiDateOf(instant: Date | string): string {
  const time = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(time + OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetweenDates(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The last millisecond of a date in Asia/Shanghai: 23:59:59.999+08:00. */
export function endOfShanghaiDay(date: string): Date {
  return new Date(Date.parse(`${date}T23:59:59.999+08:00`));
}
