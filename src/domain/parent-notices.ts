import { ADULT_AGE, ageThisYear, OWN_CONSENT_AGE } from "./consent.ts";

/*
 * Parents who know: whether a parent hears of their child's meetings (agreed, moved, called off) and
 * sees them on their screen. The law makes a parent the representative of a child under 14; from 14 a
 * teenager consents for themself too, so what a parent learns of the meetings is the teenager's call
 * (or a coordinator's); an adult's meetings are their own.
 */

/** Who decides whether the parents are told of a participant's meetings, by age. */
export type ParentsToldRule = "by-default" | "if-chosen" | "never";

/** The rule for a participant of this age: under 14 told by default, 14–17 only if chosen, 18 and over never. */
export function parentsToldRule(age: number): ParentsToldRule {
  if (age >= ADULT_AGE) return "never";
  return age < OWN_CONSENT_AGE ? "by-default" : "if-chosen";
}

/**
 * Whether the parents are told of the meetings of a participant of this age. `choice` is what the
 * child or a coordinator chose (null: nobody chose): it turns the notices on for a teenager of 14–17,
 * and a coordinator's "no" holds for a younger child too; nothing turns them on for an adult.
 */
export function parentsToldOfMeetings(age: number, choice: boolean | null): boolean {
  const rule = parentsToldRule(age);
  if (rule === "never") return false;
  if (rule === "by-default") return choice ?? true;
  return choice === true;
}

export interface MeetingNoticeCase {
  /** The child's birth year as stored; null when the bot does not know it. */
  birthYear: number | null;
  /** The choice on record for the child (see `parentsToldOfMeetings`). */
  choice: boolean | null;
  /** The parent's own switch: off, they are told nothing, whatever the age. */
  parentWantsNotices: boolean;
}

/**
 * Whether one parent (whose consent for the child stands) is sent a notice of the child's meeting
 * today. A child of unknown age is not assumed a minor: their meetings stay their own.
 */
export function parentToldOfMeeting(notice: MeetingNoticeCase, today: Date): boolean {
  if (!notice.parentWantsNotices || notice.birthYear === null) return false;
  return parentsToldOfMeetings(ageThisYear(notice.birthYear, today), notice.choice);
}

/** Whether the child may switch the notices themself (a teenager of 14–17); a younger child's parent decides. */
export function childChoosesParentsTold(age: number): boolean {
  return parentsToldRule(age) === "if-chosen";
}
