/**
 * Number rules of the dashboard, free of Vue and the DOM so that unit tests cover them.
 * Rounding is the client's (docs/decisions/0212): half-up, i.e. half away from zero (四舍五入),
 * applied to the shortest decimal form of the number so that 37.035 rounds to 37.04 as a person expects.
 */
export const MINUS = '\u2212';

export function roundHalfUp(value: number, digits: number): number {
  if (!Number.isFinite(value)) return value;
  const magnitude = Math.abs(value);
  const rounded = Number(
    `${Math.round(Number(`${magnitude}e${digits}`))}e-${digits}`,
  );
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

/** A signed percentage as the public report writes it: −36.3%, +12.50%, 0%. */
export function formatChangePercent(
  value: number | null | undefined,
  digits: number,
  locale: string,
): string {
  if (value === null || value === undefined || !Number.isFinite(value))
    return '—';
  const rounded = roundHalfUp(value, digits);
  const body = new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(Math.abs(rounded));
  const sign = rounded < 0 ? MINUS : rounded > 0 ? '+' : '';
  return `${sign}${body}%`;
}

export function formatSigned(
  value: number | null | undefined,
  locale: string,
): string {
  if (value === null || value === undefined || !Number.isFinite(value))
    return '—';
  const body = new Intl.NumberFormat(locale).format(Math.abs(value));
  return `${value < 0 ? MINUS : value > 0 ? '+' : ''}${body}`;
}

export function formatNumber(
  value: number | null | undefined,
  locale: string,
  digits?: number,
): string {
  if (value === null || value === undefined || !Number.isFinite(value))
    return '—';
  const options =
    digits === undefined
      ? {}
      : { minimumFractionDigits: digits, maximumFractionDigits: digits };
  const shown = digits === undefined ? value : roundHalfUp(value, digits);
  return new Intl.NumberFormat(locale, options)
    .format(shown)
    .replace('-', MINUS);
}

/** A rate in [0, 1] as a percentage with one decimal (competition indicators). */
export function formatRate(
  value: number | null | undefined,
  locale: string,
  digits = 1,
): string {
  if (value === null || value === undefined || !Number.isFinite(value))
    return '—';
  return `${formatNumber(value * 100, locale, digits)}%`;
}

/** CSV as Excel opens it with Chinese intact: UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting. */
export const UTF8_BOM = '\uFEFF';

export function toCsv(
  rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>,
): string {
  const cell = (value: string | number | null | undefined): string => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return (
    UTF8_BOM + rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n'
  );
}

/** Months YYYY-MM counting back from `month` (inclusive), oldest first. */
export function monthsEndingAt(month: string, count: number): string[] {
  const [year, mon] = month.split('-').map(Number);
  const out: string[] = [];
  for (let k = count - 1; k >= 0; k--) {
    const index = year * 12 + (mon - 1) - k;
    out.push(
      `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`,
    );
  }
  return out;
}

/** The last calendar day of a YYYY-MM month, as YYYY-MM-DD. */
export function lastDayOf(month: string): string {
  const [year, mon] = month.split('-').map(Number);
  const day = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** Whole months covered by [from, to] (dates YYYY-MM-DD), each clipped to the period. */
export function monthlySlices(
  from: string,
  to: string,
): { month: string; from: string; to: string }[] {
  const out: { month: string; from: string; to: string }[] = [];
  let month = from.slice(0, 7);
  while (month <= to.slice(0, 7) && out.length < 36) {
    const start = `${month}-01` < from ? from : `${month}-01`;
    const end = lastDayOf(month) > to ? to : lastDayOf(month);
    out.push({ month, from: start, to: end });
    month = nextMonth(month);
  }
  return out;
}

export function nextMonth(month: string): string {
  const [year, mon] = month.split('-').map(Number);
  return mon === 12
    ? `${year + 1}-01`
    : `${year}-${String(mon + 1).padStart(2, '0')}`;
}

export function previousMonth(month: string): string {
  return monthsEndingAt(month, 2)[0];
}

/** Today's calendar date in Asia/Shanghai (the service's calendar, docs/decisions/0212). */
export function shanghaiToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The default reduction period: 1 January → the end of last month (the whole of last year in January). */
export function defaultReductionPeriod(today: string): {
  from: string;
  to: string;
} {
  const month = today.slice(0, 7);
  const last = previousMonth(month);
  return { from: `${last.slice(0, 4)}-01-01`, to: lastDayOf(last) };
}

/** A datetime-local value read as Asia/Shanghai wall time (UTC+8, no daylight saving) → ISO instant. */
export function shanghaiLocalToInstant(local: string): string {
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  return new Date(`${withSeconds}+08:00`).toISOString();
}

export function instantToShanghaiLocal(instant: string): string {
  return new Date(new Date(instant).getTime() + 8 * 3600_000)
    .toISOString()
    .slice(0, 16);
}

/** ISO week YYYY-Www of a date YYYY-MM-DD. */
export function isoWeekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3);
  const year = d.getUTCFullYear();
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week =
    1 +
    Math.round(
      ((d.getTime() - jan4.getTime()) / 86400_000 -
        3 +
        ((jan4.getUTCDay() + 6) % 7)) /
        7,
    );
  return `${year}-W${String(week).padStart(2, '0')}`;
}
