import type { CheckInAnswer } from "./attention.ts";
import type { CalendarDate } from "./cycle.ts";
import type { Parsed } from "./parsers.ts";

/**
 * Check-ins: every few days (the cycle's `checkInEveryDays`) the mentor and the mentees of a working
 * pair say how the plan's current milestones go. Rounds are counted from the pair's publishing; round
 * 1 falls one period after it. After downtime only the round under way is asked, never a backlog.
 */

const DAY_MS = 86_400_000;

/** The answers a milestone can get, in the order the buttons show them. */
export const CHECK_IN_ANSWERS: readonly CheckInAnswer[] = ["done", "on_track", "stuck"];

/** Longest "a word why" for a stuck milestone (check_in_answers.reason). */
export const MAX_STUCK_REASON = 300;

/** Upcoming milestones asked about besides the overdue ones: two when none is overdue, else one. */
const UPCOMING_ASKED = 2;

/** The check-in round under way at `now`: 0 before the first one is due. */
export function checkInRound(publishedAt: Date, everyDays: number, now: Date): number {
  const elapsed = now.getTime() - publishedAt.getTime();
  if (elapsed <= 0) return 0;
  return Math.floor(elapsed / (everyDays * DAY_MS));
}

/** When a round begins (round 1: one period after publishing); a round ends when the next begins. */
export function roundStartsAt(publishedAt: Date, everyDays: number, round: number): Date {
  return new Date(publishedAt.getTime() + round * everyDays * DAY_MS);
}

export interface MilestoneStatus {
  dueOn: CalendarDate;
  doneAt: Date | null;
  position: number;
}

const byDue = (a: MilestoneStatus, b: MilestoneStatus) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.position - b.position);

/**
 * The milestones a check-in asks about on `today` (the organisation's calendar date): those not done
 * whose date has passed, then the next ones by date (two when nothing is overdue, one otherwise, so a
 * check-in stays short). A milestone due today is not overdue yet. Ordered by date, then position.
 */
export function currentMilestones<M extends MilestoneStatus>(milestones: readonly M[], today: CalendarDate): M[] {
  const open = milestones.filter((milestone) => milestone.doneAt === null).sort(byDue);
  const overdue = open.filter((milestone) => milestone.dueOn < today);
  const upcoming = open.filter((milestone) => milestone.dueOn >= today);
  return [...overdue, ...upcoming.slice(0, overdue.length > 0 ? UPCOMING_ASKED - 1 : UPCOMING_ASKED)];
}

const fail = (error: string, args?: Record<string, string | number>): Parsed<never> => ({ ok: false, error, args });

/** "A word why" a milestone is stuck: kept as typed, trimmed, at most 300 characters. */
export function parseStuckReason(text: string): Parsed<string> {
  // PostgreSQL text cannot hold NUL.
  const reason = text.replace(/\u0000/g, "").trim();
  if (reason.length === 0) return fail("error-empty");
  if (reason.length > MAX_STUCK_REASON) return fail("check-ins-reason-too-long", { max: MAX_STUCK_REASON });
  return { ok: true, value: reason };
}
