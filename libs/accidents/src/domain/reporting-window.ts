const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const shanghaiDay = (instant: string): number =>
  Math.floor((Date.parse(instant) + OFFSET_MS) / DAY_MS);

/**
 * Whether a casualty change happened within the reporting window of 生产安全事故报告和调查处理条例 art. 13
 * ("自事故发生之日起30日内", 7 for road-traffic and fire accidents). Counted in Asia/Shanghai calendar
 * days and, as Chinese law counts periods, from the day after the accident: a change on the 30th day after
 * the accident's date is within, on the 31st it is not.
 */
export function withinCasualtyReportingWindow(
  occurredAt: string,
  changedAt: string,
  windowDays: number,
): boolean {
  return shanghaiDay(changedAt) - shanghaiDay(occurredAt) <= windowDays;
}
