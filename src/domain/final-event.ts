import type { Parsed } from "./parsers.ts";

/**
 * The cycle's final public event: where and what it is, who was invited in which role, and how the
 * answers add up. Pure rules; the flows and the repository use them.
 */

export const FINAL_EVENT_PLACE_MAX = 200;
export const FINAL_EVENT_DESCRIPTION_MAX = 1000;
/** The event has no end time of its own: calendars get this length so it shows as a block, not a dot. */
export const FINAL_EVENT_CALENDAR_HOURS = 2;
/** How much of the description titles the calendar entry. */
const SUMMARY_MAX = 80;

/**
 * What an event is for: the cycle's final public event (stage 7), or an introduction of the pairs to
 * each other (stage 5, src/domain/introduction.ts). Both are invited to and answered alike.
 */
export const EVENT_KINDS = ["final", "introduction"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const FINAL_EVENT_ANSWERS = ["coming", "not_coming"] as const;
export type FinalEventAnswer = (typeof FINAL_EVENT_ANSWERS)[number];

/** Guests are counted in these groups, in this order; a person in several roles counts once, in the first. */
export const GUEST_ROLES = ["mentee", "mentor", "parent", "coordinator"] as const;
export type GuestRole = (typeof GUEST_ROLES)[number];

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (error: string, args?: Record<string, string | number>): Parsed<never> =>
  args ? { ok: false, error, args } : { ok: false, error };

/** Control characters other than line breaks are dropped: they would show as boxes or break the calendar file. */
function withoutControls(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, " ");
}

/** Where the event takes place: one line, 1 to FINAL_EVENT_PLACE_MAX characters. */
export function parseEventPlace(text: string): Parsed<string> {
  const place = withoutControls(text).replace(/\s+/g, " ").trim();
  if (place.length === 0) return fail("error-empty");
  if (place.length > FINAL_EVENT_PLACE_MAX) return fail("final-event-place-too-long", { max: FINAL_EVENT_PLACE_MAX, length: place.length });
  return ok(place);
}

/** What the event is: paragraphs kept, 1 to FINAL_EVENT_DESCRIPTION_MAX characters. */
export function parseEventDescription(text: string): Parsed<string> {
  const description = withoutControls(text)
    .split("\n")
    .map((line) => line.replace(/[ \t]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  if (description.length === 0) return fail("error-empty");
  if (description.length > FINAL_EVENT_DESCRIPTION_MAX) {
    return fail("final-event-description-too-long", { max: FINAL_EVENT_DESCRIPTION_MAX, length: description.length });
  }
  return ok(description);
}

/** The calendar entry's title: the description's first line, cut at a word when long. */
export function calendarSummary(description: string): string {
  const first =
    description
      .split("\n")
      .find((line) => line.trim() !== "")
      ?.trim() ?? "";
  if (first.length <= SUMMARY_MAX) return first;
  const cut = first.slice(0, SUMMARY_MAX - 1);
  const atWord = cut.lastIndexOf(" ");
  return `${(atWord > SUMMARY_MAX / 2 ? cut.slice(0, atWord) : cut).trimEnd()}…`;
}

/** The calendar end of an event that starts at `start`. */
export function calendarEnd(start: Date): Date {
  return new Date(start.getTime() + FINAL_EVENT_CALENDAR_HOURS * 3_600_000);
}

/** A reply may be given until the event begins. */
export function repliesOpen(startsAt: Date, now: Date): boolean {
  return now.getTime() < startsAt.getTime();
}

/** What a press of "I'll come" / "I can't" does, given the person's earlier answer. */
export function replyOutcome(previous: FinalEventAnswer | null, answer: FinalEventAnswer): "new" | "same" | "changed" {
  if (previous === null) return "new";
  return previous === answer ? "same" : "changed";
}

/** Guests of one role with one answer (null: not answered yet), as the repository counts them. */
export interface GuestCount {
  role: GuestRole;
  answer: FinalEventAnswer | null;
  count: number;
}

export interface AnswerTally {
  invited: number;
  coming: number;
  notComing: number;
  waiting: number;
}

export interface EventTally extends AnswerTally {
  byRole: Record<GuestRole, AnswerTally>;
}

const emptyTally = (): AnswerTally => ({ invited: 0, coming: 0, notComing: 0, waiting: 0 });

/** Invited, coming, can't and not answered yet, in all and per role. */
export function eventTally(counts: readonly GuestCount[]): EventTally {
  const byRole = Object.fromEntries(GUEST_ROLES.map((role) => [role, emptyTally()])) as Record<GuestRole, AnswerTally>;
  const total = emptyTally();
  for (const { role, answer, count } of counts) {
    for (const tally of [byRole[role], total]) {
      tally.invited += count;
      if (answer === "coming") tally.coming += count;
      else if (answer === "not_coming") tally.notComing += count;
      else tally.waiting += count;
    }
  }
  return { ...total, byRole };
}
