/**
 * Calendar arithmetic in Asia/Shanghai (UTC+08:00 all year: China has observed no daylight saving
 * since 1991), so plain offset arithmetic is exact and needs no time-zone database. Every date the
 * reports count by is an Asia/Shanghai calendar date (docs/metrics.md).
 * Dates are ISO calendar dates `YYYY-MM-DD`, months `YYYY-MM`, ISO weeks `YYYY-Www`.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Dates already formatted, by day number: the reports ask for the same few thousand days again and again. */
const datesByDay = new Map<number, string>();

/** The Asia/Shanghai calendar date on which an instant falls. */
export function shanghaiDate(instant: string | number): string {
  const time =
    (typeof instant === 'string' ? Date.parse(instant) : instant) + OFFSET_MS;
  const day = Math.floor(time / DAY_MS);
  let date = datesByDay.get(day);
  if (date === undefined) {
    date = new Date(time).toISOString().slice(0, 10);
    if (datesByDay.size >= 100_000) datesByDay.clear();
    if (!Number.isNaN(day)) datesByDay.set(day, date);
  }
  return date;
}

export function isCalendarDate(value: string): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
    return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return (
    !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value
  );
}

/** An instant as the HR feed writes one: a date, `T`, and anything Date.parse reads. */
export function isIsoInstant(value: string): boolean {
  return (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T/.test(value) &&
    !Number.isNaN(Date.parse(value))
  );
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round(
    (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS,
  );
}

export function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

/** First instant (ms) of a date in Asia/Shanghai. */
export const startOfShanghaiDate = (date: string): number =>
  Date.parse(`${date}T00:00:00Z`) - OFFSET_MS;
/** Last millisecond of a date in Asia/Shanghai: 23:59:59.999+08:00. */
export const endOfShanghaiDate = (date: string): number =>
  startOfShanghaiDate(date) + DAY_MS - 1;

/** `YYYY-MM` plus k months. */
export function plusMonths(month: string, k: number): string {
  const [y, m] = month.split('-').map(Number);
  const total = y * 12 + (m - 1) + k;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

export function firstDayOfMonth(month: string): string {
  return `${month}-01`;
}

export function lastDayOfMonth(month: string): string {
  return plusDays(`${plusMonths(month, 1)}-01`, -1);
}

/** The same calendar date one year earlier; 29 February becomes 28 February. */
export function sameDateAYearEarlier(date: string): string {
  const [y, m, d] = date.split('-');
  const year = String(Number(y) - 1).padStart(4, '0');
  return m === '02' && d === '29' ? `${year}-02-28` : `${year}-${m}-${d}`;
}

/**
 * The form of an ISO week `YYYY-Www` (weeks 01–53), the feed week of the HR feed contract, as pattern
 * text for a given year pattern: the one week pattern that the edges, the feed ingestion and the
 * InjuryCase aggregate check. Whether week 53 exists in that year is isoWeekDates'.
 */
export function isoWeekSource(year = '[0-9]{4}'): string {
  return `${year}-W(0[1-9]|[1-4][0-9]|5[0-3])`;
}

/** A whole value that is an ISO week `YYYY-Www` (isoWeekSource). */
export const ISO_WEEK_PATTERN = new RegExp(`^${isoWeekSource()}$`);

/** Monday and Sunday of an ISO week `YYYY-Www`; undefined when the week does not exist. */
export function isoWeekDates(
  week: string,
): { monday: string; sunday: string } | undefined {
  if (typeof week !== 'string' || !ISO_WEEK_PATTERN.test(week))
    return undefined;
  const [year, n] = [Number(week.slice(0, 4)), Number(week.slice(6))];
  // 4 January is always in week 1.
  const jan4 = Date.UTC(year, 0, 4);
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  const monday = new Date(mondayOfWeek1 + (n - 1) * 7 * DAY_MS)
    .toISOString()
    .slice(0, 10);
  if (n < 1 || isoWeekOf(monday) !== week) return undefined;
  return { monday, sunday: plusDays(monday, 6) };
}

/** The ISO week `YYYY-Www` of a calendar date. */
export function isoWeekOf(date: string): string {
  const time = Date.parse(`${date}T00:00:00Z`);
  const weekday = (new Date(time).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(time + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week =
    Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
