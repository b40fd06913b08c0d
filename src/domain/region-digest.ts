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

/** The chart's series: the school year's months up to the digest's, and which hidden cells protect another. */
export interface SchoolYearSeries {
  months: MonthFigures[];
  /** Months whose meetings are hidden to protect another month's (they are not small themselves). */
  complementary: ReadonlySet<CalendarDate>;
}

/**
 * The chart's series: one entry per month of the school year up to `month`, in order; a month the
 * repository gave no figures for had nothing to count (zeros, not hidden cells).
 *
 * Meetings add up over the months to the meetings of the school year so far, which a territory's
 * screen for that period shows: so, as in `protectRegion`, when exactly one month's meetings are
 * hidden the smallest other month's above zero are hidden too. Pairs and participants of a month are
 * the same people month after month: they add up to nothing and need no such care.
 */
export function schoolYearSeries(month: CalendarDate, figures: readonly MonthFigures[]): SchoolYearSeries {
  const byMonth = new Map(figures.map((entry) => [monthOf(entry.month), entry]));
  const months = schoolYearMonths(month).map((first) => ({
    ...(byMonth.get(first) ?? { pairs: 0, meetingsHeld: 0, participants10to19: 0 }),
    month: first,
  }));
  const complementary = new Set<CalendarDate>();
  if (months.filter((entry) => entry.meetingsHeld === null).length === 1) {
    const shown = months.filter((entry) => entry.meetingsHeld !== null && entry.meetingsHeld > 0);
    const cover = shown.reduce<MonthFigures | undefined>(
      (smallest, entry) => (smallest === undefined || entry.meetingsHeld! < smallest.meetingsHeld! ? entry : smallest),
      undefined,
    );
    if (cover) {
      cover.meetingsHeld = null;
      complementary.add(cover.month);
    }
  }
  return { months, complementary };
}
