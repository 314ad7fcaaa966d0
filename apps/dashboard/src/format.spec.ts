import {
  MINUS,
  UTF8_BOM,
  defaultReductionPeriod,
  formatChangePercent,
  isoWeekOf,
  monthlySlices,
  monthsEndingAt,
  roundHalfUp,
  shanghaiLocalToInstant,
  toCsv,
} from './format.js';

describe('the dashboard number rules', () => {
  it('reads the public January–August 2024 report from the unrounded change percentages at its own precisions', () => {
    const pct = (current: number, previous: number) =>
      ((current - previous) / previous) * 100;
    const shown = [
      formatChangePercent(pct(58, 91), 1, 'zh-CN'),
      formatChangePercent(pct(45, 77), 1, 'zh-CN'),
      formatChangePercent(pct(5, 20), 0, 'zh-CN'),
      formatChangePercent(pct(17, 27), 2, 'zh-CN'),
      formatChangePercent(pct(17, 27), 2, 'zh-CN'),
      formatChangePercent(pct(15, 109), 2, 'zh-CN'),
    ];
    expect(shown).toEqual([
      `${MINUS}36.3%`,
      `${MINUS}41.6%`,
      `${MINUS}75%`,
      `${MINUS}37.04%`,
      `${MINUS}37.04%`,
      `${MINUS}86.24%`,
    ]);
  });

  it('rounds half away from zero on the decimal a person reads, not on the binary approximation', () => {
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(-37.035, 2)).toBe(-37.04);
    expect(roundHalfUp(2.5, 0)).toBe(3);
    expect(roundHalfUp(-2.5, 0)).toBe(-3);
    expect(roundHalfUp(-0.04, 1)).toBe(0);
    expect(formatChangePercent(-0.04, 1, 'en')).toBe('0.0%');
    expect(formatChangePercent(12.345, 2, 'en')).toBe('+12.35%');
    expect(formatChangePercent(null, 2, 'en')).toBe('—');
  });

  it('writes CSV that Excel opens with Chinese intact: a BOM, CRLF and quoted separators', () => {
    const csv = toCsv([
      ['片区', '得分'],
      ['一片区', 87.5],
      ['含,逗号 "引号"', null],
    ]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(
      Buffer.from([0xef, 0xbb, 0xbf]),
    );
    expect(csv.slice(1)).toBe(
      '片区,得分\r\n一片区,87.5\r\n"含,逗号 ""引号""",\r\n',
    );
  });

  it('counts months and weeks on the calendar', () => {
    expect(monthsEndingAt('2024-03', 4)).toEqual([
      '2023-12',
      '2024-01',
      '2024-02',
      '2024-03',
    ]);
    expect(monthlySlices('2024-01-15', '2024-03-10')).toEqual([
      { month: '2024-01', from: '2024-01-15', to: '2024-01-31' },
      { month: '2024-02', from: '2024-02-01', to: '2024-02-29' },
      { month: '2024-03', from: '2024-03-01', to: '2024-03-10' },
    ]);
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2024-06-12')).toBe('2024-W24');
  });

  it('defaults the reduction period to 1 January through the end of last month, and to last year in January', () => {
    expect(defaultReductionPeriod('2024-09-15')).toEqual({
      from: '2024-01-01',
      to: '2024-08-31',
    });
    expect(defaultReductionPeriod('2025-01-10')).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
    });
  });

  it('reads the as-of control as Beijing time whatever the browser time zone', () => {
    expect(shanghaiLocalToInstant('2024-06-30T18:00')).toBe(
      '2024-06-30T10:00:00.000Z',
    );
  });
});
