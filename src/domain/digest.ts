import {
  type CheckInFact,
  type ConsentFact,
  type DigestFigures,
  type DigestWeek,
  digestFigures,
  type MeetingFact,
  type MilestoneFact,
  needsAttentionFirst,
  type PairAlert,
  type PairFact,
  pairAlerts,
} from "./attention.ts";
import { type CalendarDate, calendarDate } from "./cycle.ts";
import { addDays, isoWeekday, wallClock, zonedInstant } from "./typed-dates.ts";

/**
 * The coordinator's weekly digest: which week it reports and when it is due, the week-by-week
 * progress of the cycle for its chart, and the pairs to look at first, from plain facts with dates
 * (the figures themselves come from attention.ts).
 */

const DAY_MS = 86_400_000;

/** The digest goes out on Monday at this hour, in the organisation's time zone. */
export const DIGEST_HOUR = 9;
/** How many pairs the digest names as needing attention first. */
export const ATTENTION_TOP = 5;

export interface Span {
  from: Date;
  to: Date;
}

/** What a digest reports: the week (or the week so far) and the same stretch a week earlier. */
export interface DigestPeriod {
  /** The Monday that names the digest: the day it is sent, or the current week's for "the week so far". */
  weekOf: CalendarDate;
  thisWeek: Span;
  previousWeek: Span;
  /** The last day the figures cover, as a calendar date in the organisation's zone. */
  lastDay: CalendarDate;
  /** True for a digest asked for mid-week: it covers Monday up to now. */
  soFar: boolean;
}

/** The Monday of the week a calendar date falls in. */
export function mondayOf(date: CalendarDate): CalendarDate {
  return addDays(date, 1 - isoWeekday(date));
}

const midnight = (date: CalendarDate, timeZone: string) => zonedInstant(date, { hour: 0, minute: 0 }, timeZone);

/**
 * The Monday whose digest is due at `now`: this week's once its Monday 09:00 has come in the zone,
 * unless it went out already (`lastSent`); never an earlier week's, so a bot back after a week away
 * sends only the current digest.
 */
export function dueDigestWeek(now: Date, timeZone: string, lastSent: CalendarDate | null): CalendarDate | undefined {
  const monday = mondayOf(calendarDate(now, timeZone));
  if (now.getTime() < zonedInstant(monday, { hour: DIGEST_HOUR, minute: 0 }, timeZone).getTime()) return undefined;
  if (lastSent !== null && lastSent >= monday) return undefined;
  return monday;
}

/** The digest sent on Monday `weekOf`: the seven days before that Monday's midnight, against the seven before them. */
export function completedWeek(weekOf: CalendarDate, timeZone: string): DigestPeriod {
  const to = midnight(weekOf, timeZone);
  const from = midnight(addDays(weekOf, -7), timeZone);
  return {
    weekOf,
    thisWeek: { from, to },
    previousWeek: { from: midnight(addDays(weekOf, -14), timeZone), to: from },
    lastDay: addDays(weekOf, -1),
    soFar: false,
  };
}

/**
 * The digest asked for mid-week: from this Monday's midnight up to `now`, against the same days and
 * hours of the week before (a part of a week compared with a whole one would always look worse).
 */
export function weekSoFar(now: Date, timeZone: string): DigestPeriod {
  const today = calendarDate(now, timeZone);
  const weekOf = mondayOf(today);
  const from = midnight(weekOf, timeZone);
  const previousFrom = midnight(addDays(weekOf, -7), timeZone);
  const time = wallClock(now, timeZone);
  const previousTo = zonedInstant(addDays(today, -7), { hour: time.hour, minute: time.minute }, timeZone);
  return { weekOf, thisWeek: { from, to: now }, previousWeek: { from: previousFrom, to: previousTo }, lastDay: today, soFar: true };
}

/** Where the facts a digest needs begin: quiet pairs look back 14 days before the previous week. */
export function factsFrom(period: DigestPeriod): Date {
  return new Date(period.previousWeek.from.getTime() - 15 * DAY_MS);
}

// ---------------------------------------------------------------------------------------------
// Facts and the digest built from them

export interface DigestPair extends PairFact {
  mentorName: string | null;
  menteeNames: string[];
}

export interface DigestMilestone extends MilestoneFact {
  title: string;
}

/** Meetings held and missed, and milestones done, in one week (counted, not listed). */
export interface WeekProgress {
  weekOf: CalendarDate;
  held: number;
  missed: number;
  milestonesDone: number;
}

/** Everything one organisation's digest is computed from. */
export interface OrganisationFacts {
  pairs: DigestPair[];
  meetings: MeetingFact[];
  milestones: DigestMilestone[];
  checkIns: CheckInFact[];
  consents: ConsentFact[];
  /** Weeks of the cycle with something held, missed or done, in any order. */
  progress: WeekProgress[];
  /** Milestones in the pairs' plans, done or not. */
  milestonesPlanned: number;
}

export const emptyFacts = (): OrganisationFacts => ({
  pairs: [],
  meetings: [],
  milestones: [],
  checkIns: [],
  consents: [],
  progress: [],
  milestonesPlanned: 0,
});

/** One week of the chart: bars for meetings, the running total of milestones done. */
export interface ChartWeek {
  weekOf: CalendarDate;
  held: number;
  missed: number;
  milestonesDoneTotal: number;
}

export interface ProgressChart {
  weeks: ChartWeek[];
  milestonesPlanned: number;
}

/** Why a pair is named in the digest, most serious first. */
export type AttentionReason =
  | { kind: "missed-in-a-row" }
  | { kind: "no-meeting"; since: CalendarDate; days: number }
  | { kind: "stuck-check-in"; milestone: string }
  | { kind: "overdue"; count: number };

export interface AttentionEntry {
  pairId: string;
  mentorName: string | null;
  menteeNames: string[];
  reasons: AttentionReason[];
}

export interface OrganisationDigest {
  figures: DigestFigures;
  /** The first ATTENTION_TOP pairs needing attention. */
  attention: AttentionEntry[];
  /** How many pairs need attention in all. */
  attentionTotal: number;
  chart: ProgressChart;
}

/**
 * The chart's weeks from the cycle's first Monday to the period's last week, gaps filled with
 * zeros; milestones done before the first week count into its total, weeks after the period are left out.
 */
export function progressChart(
  progress: readonly WeekProgress[],
  milestonesPlanned: number,
  cycleStartsOn: CalendarDate,
  period: DigestPeriod,
): ProgressChart {
  const first = mondayOf(cycleStartsOn);
  const last = mondayOf(period.lastDay);
  const byWeek = new Map<CalendarDate, WeekProgress>();
  let doneBefore = 0;
  for (const week of progress) {
    if (week.weekOf < first) doneBefore += week.milestonesDone;
    else byWeek.set(week.weekOf, week);
  }
  const weeks: ChartWeek[] = [];
  let total = doneBefore;
  for (let week = first; week <= last; week = addDays(week, 7)) {
    const found = byWeek.get(week);
    total += found?.milestonesDone ?? 0;
    weeks.push({ weekOf: week, held: found?.held ?? 0, missed: found?.missed ?? 0, milestonesDoneTotal: total });
  }
  return { weeks, milestonesPlanned };
}

function groupByPair<T extends { pairId: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(item.pairId);
    if (list) list.push(item);
    else groups.set(item.pairId, [item]);
  }
  return groups;
}

/**
 * The pairs at work that need attention at `now`, most urgent first (needsAttentionFirst), each with
 * its reasons in words: its alerts and how many milestones are past their date and not done.
 */
export function attentionList(facts: OrganisationFacts, timeZone: string, now: Date): AttentionEntry[] {
  const today = calendarDate(now, timeZone);
  const meetings = groupByPair(facts.meetings);
  const checkIns = groupByPair(facts.checkIns);
  const milestones = groupByPair(facts.milestones);
  const titles = new Map(facts.milestones.map((milestone) => [milestone.id, milestone.title]));
  const checkInsById = new Map(facts.checkIns.map((checkIn) => [checkIn.id, checkIn]));
  const working = facts.pairs.filter(
    (pair) => pair.formedAt.getTime() <= now.getTime() && (!pair.endedAt || pair.endedAt.getTime() > now.getTime()),
  );
  const candidates = working.map((pair) => {
    const own = milestones.get(pair.pairId) ?? [];
    const alerts = pairAlerts(
      {
        pairId: pair.pairId,
        formedAt: pair.formedAt,
        meetings: meetings.get(pair.pairId) ?? [],
        checkIns: checkIns.get(pair.pairId) ?? [],
        milestones: own,
      },
      now,
    );
    const overdueMilestones = own.filter(
      (milestone) => milestone.due < today && !(milestone.doneAt && milestone.doneAt.getTime() <= now.getTime()),
    ).length;
    return { pairId: pair.pairId, pair, alerts, overdueMilestones };
  });
  const reasonOf = (alert: PairAlert): AttentionReason => {
    if (alert.reason === "missed-in-a-row") return { kind: "missed-in-a-row" };
    if (alert.reason === "no-meeting") {
      const since = alert.since ?? now;
      return { kind: "no-meeting", since: calendarDate(since, timeZone), days: Math.floor((now.getTime() - since.getTime()) / DAY_MS) };
    }
    const checkIn = checkInsById.get(alert.key.slice("stuck-check-in:".length));
    return { kind: "stuck-check-in", milestone: (checkIn && titles.get(checkIn.milestoneId)) ?? "" };
  };
  return needsAttentionFirst(candidates).map((entry) => ({
    pairId: entry.pairId,
    mentorName: entry.pair.mentorName,
    menteeNames: entry.pair.menteeNames,
    reasons: [
      ...entry.alerts.map(reasonOf),
      ...(entry.overdueMilestones > 0 ? [{ kind: "overdue" as const, count: entry.overdueMilestones }] : []),
    ],
  }));
}

/** One organisation's digest for a period: the figures against the week before, who needs attention, the chart. */
export function organisationDigest(
  facts: OrganisationFacts,
  period: DigestPeriod,
  timeZone: string,
  cycleStartsOn: CalendarDate,
  now: Date,
): OrganisationDigest {
  const week = (span: Span): DigestWeek => ({
    from: span.from,
    to: span.to,
    timeZone,
    pairs: facts.pairs,
    meetings: facts.meetings,
    milestones: facts.milestones,
    checkIns: facts.checkIns,
    consents: facts.consents,
  });
  const attention = attentionList(facts, timeZone, now);
  return {
    figures: digestFigures(week(period.thisWeek), week(period.previousWeek)),
    attention: attention.slice(0, ATTENTION_TOP),
    attentionTotal: attention.length,
    chart: progressChart(facts.progress, facts.milestonesPlanned, cycleStartsOn, period),
  };
}
