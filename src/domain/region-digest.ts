import { type CalendarDate, calendarDate } from "./cycle.ts";
import { type MonthFigures, schoolYearOf, schoolYearStart } from "./region.ts";
import { addMonths, endOfMonth, zonedInstant } from "./typed-dates.ts";

/**
 * The territory's monthly digest: the month just ended, sent on the 1st at DIGEST_HOUR in the
 * territory's zone, with a chart of the school year's months so far.
 */

/** The monthly digest goes out on the 1st at this hour, in the territory's time zone. */
export const REGION_DIGEST_HOUR = 9;

/** The first day of a date's month. */
export function monthOf(date: CalendarDate): CalendarDate {
  return `${date.slice(0, 7)}-01`;
}

/**
 * The month whose digest is due at `now` (its first day): last month's once the 1st's
 * REGION_DIGEST_HOUR has come in the zone, unless it went out already (`lastSent`, the month it
 * reported); never an earlier month's, so a bot back after a long stop sends only the latest.
 */
export function dueRegionDigestMonth(now: Date, timeZone: string, lastSent: CalendarDate | null): CalendarDate | undefined {
  const thisMonth = monthOf(calendarDate(now, timeZone));
  if (now.getTime() < zonedInstant(thisMonth, { hour: REGION_DIGEST_HOUR, minute: 0 }, timeZone).getTime()) return undefined;
  const reported = addMonths(thisMonth, -1);
  if (lastSent !== null && lastSent >= reported) return undefined;
  return reported;
}

/** The period a monthly digest reports: the month, first to last day. */
export function monthPeriod(month: CalendarDate): { from: CalendarDate; to: CalendarDate } {
  return { from: monthOf(month), to: endOfMonth(month) };
}

/** The months of the school year a month falls in, from September up to that month. */
export function schoolYearMonths(month: CalendarDate): CalendarDate[] {
  const months: CalendarDate[] = [];
  for (let at = schoolYearStart(schoolYearOf(month)); at <= monthOf(month); at = addMonths(at, 1)) months.push(at);
  return months;
}

/**
 * The chart's series: one entry per month of the school year up to `month`, in order; a month the
 * repository gave no figures for had nothing to count (zeros, not hidden cells).
 */
export function schoolYearSeries(month: CalendarDate, figures: readonly MonthFigures[]): MonthFigures[] {
  const byMonth = new Map(figures.map((entry) => [monthOf(entry.month), entry]));
  return schoolYearMonths(month).map((first) => byMonth.get(first) ?? { month: first, pairs: 0, meetingsHeld: 0, participants10to19: 0 });
}
