import { type CalendarDate, calendarDate } from "./cycle.ts";
import type { MeetingState } from "./meetings.ts";

/**
 * What makes a pair need the coordinator's attention, and the figures of the weekly digest. Everything
 * is counted from plain facts with dates, so the same facts give last week's figures as well as this
 * week's, and a digest needs no stored snapshot.
 */

const DAY_MS = 86_400_000;

/** A pair without a held meeting for this many days is quiet. */
export const QUIET_AFTER_DAYS = 14;
/** This many missed meetings in a row raise an alert. */
export const MISSED_IN_A_ROW = 2;

export interface MeetingFact {
  id: string;
  pairId: string;
  start: Date;
  end: Date;
  state: MeetingState;
}

export type CheckInAnswer = "done" | "on_track" | "stuck";

export interface CheckInFact {
  id: string;
  pairId: string;
  milestoneId: string;
  respondent: "mentor" | "mentee";
  answer: CheckInAnswer;
  at: Date;
}

export interface MilestoneFact {
  id: string;
  pairId: string;
  due: CalendarDate;
  doneAt?: Date;
}

export interface PairFact {
  pairId: string;
  formedAt: Date;
  /** When the pair stopped working (closed, dissolved); absent while it works. */
  endedAt?: Date;
}

/** What the coordinator is alerted about, most serious first. */
export const ALERT_REASONS = ["missed-in-a-row", "no-meeting", "stuck-check-in"] as const;
export type AlertReason = (typeof ALERT_REASONS)[number];

export interface PairAlert {
  reason: AlertReason;
  /**
   * Names the fact behind the alert (the stuck check-in, the second missed meeting, the day quiet time
   * began from), so an outbox key built on it sends each alert once.
   */
  key: string;
  /** For "no-meeting": when the quiet time began (the last held meeting's end, or the pair's forming). */
  since?: Date;
}

export interface PairHistory {
  pairId: string;
  formedAt: Date;
  meetings: readonly Omit<MeetingFact, "pairId">[];
  checkIns: readonly Omit<CheckInFact, "pairId">[];
  /** Milestones done since a stuck answer no longer need an alert about it. */
  milestones?: readonly Omit<MilestoneFact, "pairId">[];
}

const byTime =
  <T>(time: (item: T) => Date) =>
  (a: T, b: T) =>
    time(a).getTime() - time(b).getTime();

/** When the pair last held a meeting before `now`, or when it was formed if it never has. */
function quietSince(formedAt: Date, meetings: readonly Omit<MeetingFact, "pairId">[], now: Date): Date {
  const held = meetings
    .filter((meeting) => meeting.state === "held" && meeting.end.getTime() <= now.getTime())
    .sort(byTime((meeting) => meeting.end));
  const last = held.at(-1);
  return last && last.end.getTime() > formedAt.getTime() ? last.end : formedAt;
}

/**
 * The alerts a pair raises at `now`: a milestone whose latest answer from mentor or mentee is "stuck"
 * (until the milestone is done), the last two ticked meetings both missed (moved and declined ones do
 * not break the row), or no meeting held for 14 days (a new pair has 14 days from forming).
 */
export function pairAlerts(history: PairHistory, now: Date): PairAlert[] {
  const alerts: PairAlert[] = [];
  const past = (date: Date) => date.getTime() <= now.getTime();

  const ticked = history.meetings
    .filter((meeting) => (meeting.state === "held" || meeting.state === "missed") && past(meeting.start))
    .sort(byTime((meeting) => meeting.start));
  const lastTicked = ticked.slice(-MISSED_IN_A_ROW);
  if (lastTicked.length === MISSED_IN_A_ROW && lastTicked.every((meeting) => meeting.state === "missed")) {
    alerts.push({ reason: "missed-in-a-row", key: `missed-in-a-row:${lastTicked.at(-1)!.id}` });
  }

  const since = quietSince(history.formedAt, history.meetings, now);
  if (now.getTime() - since.getTime() >= QUIET_AFTER_DAYS * DAY_MS) {
    alerts.push({ reason: "no-meeting", key: `no-meeting:${since.toISOString()}`, since });
  }

  const latest = new Map<string, Omit<CheckInFact, "pairId">>();
  for (const checkIn of history.checkIns.filter((item) => past(item.at)).sort(byTime((item) => item.at))) {
    latest.set(`${checkIn.milestoneId}\u0000${checkIn.respondent}`, checkIn);
  }
  const doneAt = new Map(
    (history.milestones ?? [])
      .filter((milestone) => milestone.doneAt && past(milestone.doneAt))
      .map((milestone) => [milestone.id, milestone.doneAt!]),
  );
  const stuck = [...latest.values()]
    .filter((checkIn) => checkIn.answer === "stuck")
    .filter((checkIn) => {
      const done = doneAt.get(checkIn.milestoneId);
      return !done || done.getTime() < checkIn.at.getTime();
    })
    .sort(byTime((checkIn) => checkIn.at));
  for (const checkIn of stuck) alerts.push({ reason: "stuck-check-in", key: `stuck-check-in:${checkIn.id}` });

  return alerts;
}

// ---------------------------------------------------------------------------------------------
// Who needs attention first

export interface PairAttention {
  pairId: string;
  alerts: readonly PairAlert[];
  /** Milestones past their date and not done. */
  overdueMilestones: number;
}

const severity = (reason: AlertReason) => ALERT_REASONS.indexOf(reason);

/**
 * Pairs that need attention, most urgent first: by their most serious alert (missed meetings in a row,
 * then no meeting, then a stuck milestone), then by how many alerts they have, then by the longest
 * quiet time, then by overdue milestones. Pairs with no alert and nothing overdue are left out.
 */
export function needsAttentionFirst<P extends PairAttention>(pairs: readonly P[]): P[] {
  const worst = (pair: P) => Math.min(...pair.alerts.map((alert) => severity(alert.reason)), ALERT_REASONS.length);
  const quietFrom = (pair: P) =>
    Math.min(...pair.alerts.map((alert) => alert.since?.getTime() ?? Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY);
  return pairs
    .filter((pair) => pair.alerts.length > 0 || pair.overdueMilestones > 0)
    .sort(
      (a, b) =>
        worst(a) - worst(b) ||
        b.alerts.length - a.alerts.length ||
        (quietFrom(a) === quietFrom(b) ? 0 : quietFrom(a) < quietFrom(b) ? -1 : 1) ||
        b.overdueMilestones - a.overdueMilestones ||
        a.pairId.localeCompare(b.pairId),
    );
}

// ---------------------------------------------------------------------------------------------
// The weekly digest

export interface ConsentFact {
  requestedAt: Date;
  /** When the parent (or teenager) answered; absent while the request waits. */
  resolvedAt?: Date;
}

/** The facts of one organisation for one week: [from, to) on the clock, dates read in `timeZone`. */
export interface DigestWeek {
  from: Date;
  to: Date;
  timeZone: string;
  pairs: readonly PairFact[];
  meetings: readonly MeetingFact[];
  milestones: readonly MilestoneFact[];
  checkIns: readonly CheckInFact[];
  consents: readonly ConsentFact[];
}

export const DIGEST_FIGURES = [
  "pairsActive",
  "pairsQuiet",
  "meetingsHeld",
  "meetingsMissed",
  "meetingsPlanned",
  "milestonesDone",
  "milestonesOverdue",
  "stuckCheckIns",
  "consentsPending",
] as const;
export type DigestFigure = (typeof DIGEST_FIGURES)[number];
export type WeekFigures = Record<DigestFigure, number>;
export type DigestFigures = Record<DigestFigure, { value: number; change: number }>;

/** Meetings that will not take place at their time: called off, or replaced by another time. */
const REPLACED_OR_OFF: ReadonlySet<MeetingState> = new Set<MeetingState>(["declined", "rescheduled", "moved"]);

/**
 * The figures of one week. Pairs working at the week's end are quiet when they have held no meeting
 * for 14 days (as the alert says) and active otherwise. Held and missed meetings started within the
 * week; planned ones start in the seven days after it and are neither declined nor replaced by another time (or moved). Milestones done within the
 * week; overdue ones were due before the week's last day ended and not done by then. Stuck check-ins
 * were answered within the week; consents pending had been asked and not answered at the week's end.
 */
export function weekFigures(week: DigestWeek): WeekFigures {
  const from = week.from.getTime();
  const to = week.to.getTime();
  const within = (date: Date) => date.getTime() >= from && date.getTime() < to;
  const before = (date: Date | undefined) => date !== undefined && date.getTime() < to;

  const working = week.pairs.filter((pair) => before(pair.formedAt) && !before(pair.endedAt));
  const meetingsOf = new Map<string, MeetingFact[]>();
  for (const meeting of week.meetings) {
    const list = meetingsOf.get(meeting.pairId);
    if (list) list.push(meeting);
    else meetingsOf.set(meeting.pairId, [meeting]);
  }
  const pairsQuiet = working.filter(
    (pair) => to - quietSince(pair.formedAt, meetingsOf.get(pair.pairId) ?? [], week.to).getTime() >= QUIET_AFTER_DAYS * DAY_MS,
  ).length;

  // The week ends at `to`; a milestone due that day is not overdue until the day is over.
  const dayAfterWeek = calendarDate(week.to, week.timeZone);
  const nextWeekEnd = to + 7 * DAY_MS;
  return {
    pairsActive: working.length - pairsQuiet,
    pairsQuiet,
    meetingsHeld: week.meetings.filter((meeting) => meeting.state === "held" && within(meeting.start)).length,
    meetingsMissed: week.meetings.filter((meeting) => meeting.state === "missed" && within(meeting.start)).length,
    // A proposal answered with another time, or an agreed meeting moved to another, is the same meeting as
    // its replacement: counted once, as the new one.
    meetingsPlanned: week.meetings.filter(
      (meeting) => !REPLACED_OR_OFF.has(meeting.state) && meeting.start.getTime() >= to && meeting.start.getTime() < nextWeekEnd,
    ).length,
    milestonesDone: week.milestones.filter((milestone) => milestone.doneAt && within(milestone.doneAt)).length,
    milestonesOverdue: week.milestones.filter((milestone) => milestone.due < dayAfterWeek && !before(milestone.doneAt)).length,
    stuckCheckIns: week.checkIns.filter((checkIn) => checkIn.answer === "stuck" && within(checkIn.at)).length,
    consentsPending: week.consents.filter((consent) => before(consent.requestedAt) && !before(consent.resolvedAt)).length,
  };
}

/** Each figure with its change against another week's (positive: more than then). */
export function compareFigures(current: WeekFigures, previous: WeekFigures): DigestFigures {
  return Object.fromEntries(
    DIGEST_FIGURES.map((name) => [name, { value: current[name], change: current[name] - previous[name] }]),
  ) as DigestFigures;
}

/** The digest's figures for this week and their change against the previous week. */
export function digestFigures(thisWeek: DigestWeek, previousWeek: DigestWeek): DigestFigures {
  return compareFigures(weekFigures(thisWeek), weekFigures(previousWeek));
}
