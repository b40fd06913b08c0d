import type { Parsed } from "./parsers.ts";

/**
 * Meetings of a pair: how long they may be, when they may be, what they must not clash with, when
 * reminders and the "did it take place?" question are due, and how a meeting's state moves.
 */

/** A meeting lasts from a quarter of an hour to four hours. */
export const MEETING_LENGTH = { min: 15, max: 240 } as const;

export const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export const MEETING_STATES = ["proposed", "accepted", "declined", "rescheduled", "held", "missed", "moved"] as const;
/**
 * proposed: waits for the other side's answer; rescheduled: the other side proposed another time and
 * waits for an answer in turn; accepted: agreed; declined: refused or called off; held, missed, moved:
 * the mentor's tick after the meeting's end.
 */
export type MeetingState = (typeof MEETING_STATES)[number];

export const MEETING_EVENTS = ["accept", "decline", "reschedule", "hold", "miss", "move"] as const;
export type MeetingEvent = (typeof MEETING_EVENTS)[number];

/** A meeting's time: start inclusive, end exclusive, so back-to-back meetings do not clash. */
export interface MeetingSlot {
  start: Date;
  end: Date;
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (error: string, args?: Record<string, string | number>): Parsed<never> =>
  args ? { ok: false, error, args } : { ok: false, error };

/** A meeting length in minutes within MEETING_LENGTH. */
export function checkMeetingLength(minutes: number): Parsed<number> {
  if (!Number.isInteger(minutes) || minutes < MEETING_LENGTH.min || minutes > MEETING_LENGTH.max) {
    return fail("error-meeting-length", { min: MEETING_LENGTH.min, max: MEETING_LENGTH.max });
  }
  return ok(minutes);
}

/** A typed length: "45", "45 мин", "1 час", "1,5 ч", "1.5h", "90 min"; whole minutes within MEETING_LENGTH. */
export function parseMeetingLength(text: string): Parsed<number> {
  const match = /^(\d{1,3}(?:[.,]\d{1,2})?) ?(мин|минут|минуты|минута|m|min|mins|minutes?|ч|час|часа|часов|h|hours?)?\.?$/u.exec(
    text.trim().toLowerCase(),
  );
  if (!match) return fail("error-meeting-length", { min: MEETING_LENGTH.min, max: MEETING_LENGTH.max });
  const amount = Number(match[1]!.replace(",", "."));
  const hours = match[2] !== undefined && /^(?:ч|час|часа|часов|h|hours?)$/u.test(match[2]);
  // A bare fraction ("1,5") can only mean hours; a bare whole number is minutes.
  const minutes = hours || (match[2] === undefined && !Number.isInteger(amount)) ? amount * 60 : amount;
  return checkMeetingLength(Math.round(minutes) === minutes ? minutes : Number.NaN);
}

/** A new meeting's slot: a valid length, starting after now. */
export function meetingSlot(start: Date, minutes: number, now: Date): Parsed<MeetingSlot> {
  const length = checkMeetingLength(minutes);
  if (!length.ok) return length;
  if (start.getTime() <= now.getTime()) return fail("error-meeting-past");
  return ok({ start, end: new Date(start.getTime() + minutes * MINUTE_MS) });
}

/** Whether two meetings share any moment (touching ends do not count). */
export function overlaps(a: MeetingSlot, b: MeetingSlot): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

/** States in which a meeting still holds its time in someone's calendar. */
export function holdsTime(state: MeetingState): boolean {
  return state === "proposed" || state === "accepted" || state === "rescheduled";
}

/** Meetings left out of a clash check: one id or several (a moved meeting and the proposal answered). */
export type ClashExceptions = string | number | readonly (string | number)[];

/**
 * The first of a person's other meetings that clashes with the slot, among those still holding their
 * time. Pass `except` to leave out the meeting being moved (and the proposal being answered).
 */
export function firstClash<M extends MeetingSlot & { id?: string | number; state: MeetingState }>(
  slot: MeetingSlot,
  others: readonly M[],
  except?: ClashExceptions,
): M | undefined {
  const left = except === undefined ? [] : Array.isArray(except) ? except : [except];
  return others
    .filter((other) => holdsTime(other.state) && !(other.id !== undefined && left.includes(other.id)) && overlaps(slot, other))
    .sort((a, b) => a.start.getTime() - b.start.getTime())[0];
}

/** The slot, unless it clashes with one of the person's other meetings. */
export function checkNoClash(
  slot: MeetingSlot,
  others: readonly (MeetingSlot & { id?: string | number; state: MeetingState })[],
  except?: ClashExceptions,
): Parsed<MeetingSlot> {
  return firstClash(slot, others, except) ? fail("error-meeting-overlap") : ok(slot);
}

export type ReminderKind = "day-before" | "hour-before";

/** Reminders still due for a meeting: 24 hours and 1 hour before its start, those already past dropped. */
export function reminderTimes(start: Date, now: Date): { kind: ReminderKind; at: Date }[] {
  const reminders: { kind: ReminderKind; at: Date }[] = [
    { kind: "day-before", at: new Date(start.getTime() - 24 * HOUR_MS) },
    { kind: "hour-before", at: new Date(start.getTime() - HOUR_MS) },
  ];
  return reminders.filter((reminder) => reminder.at.getTime() >= now.getTime());
}

/** When the mentor is asked whether the meeting took place: at its end. */
export function followUpDueAt(slot: MeetingSlot): Date {
  return slot.end;
}

/** Whether the mentor may tick the meeting off yet: not before it has started. */
export function canTickOff(slot: MeetingSlot, now: Date): Parsed<MeetingSlot> {
  return now.getTime() >= slot.start.getTime() ? ok(slot) : fail("error-meeting-not-started");
}

const TRANSITIONS: Record<MeetingState, Partial<Record<MeetingEvent, MeetingState>>> = {
  proposed: { accept: "accepted", decline: "declined", reschedule: "rescheduled" },
  rescheduled: { accept: "accepted", decline: "declined", reschedule: "rescheduled" },
  // An agreed meeting can still be called off or given another time, and is ticked off after it.
  accepted: { decline: "declined", reschedule: "rescheduled", hold: "held", miss: "missed", move: "moved" },
  declined: {},
  held: {},
  missed: {},
  moved: {},
};

/** Whether a meeting in this state is settled for good. */
export function isClosed(state: MeetingState): boolean {
  return Object.keys(TRANSITIONS[state]).length === 0;
}

/**
 * The state a meeting moves to on an event, or why it cannot: a settled meeting takes nothing more
 * (a stale button, a second tick), an agreed one is not accepted twice, and only an agreed meeting is
 * ticked off.
 */
export function transition(state: MeetingState, event: MeetingEvent): Parsed<MeetingState> {
  const next = TRANSITIONS[state][event];
  if (next) return ok(next);
  if (isClosed(state)) return fail("error-meeting-closed", { state });
  if (event === "accept") return fail("error-meeting-already-accepted");
  return fail("error-meeting-not-agreed");
}

/** Longest place: as the database keeps it (meetings.place). */
export const MAX_MEETING_PLACE = 200;
/** Longest note the mentor adds to a meeting that took place: one line (meetings.note). */
export const MAX_MEETING_NOTE = 300;

/** A meeting's end: its start plus its length. */
export function meetingEnd(start: Date, minutes: number): Date {
  return new Date(start.getTime() + minutes * MINUTE_MS);
}

// Words that say a meeting happens over video, in both languages and the services schools use.
const ONLINE_WORDS =
  /(?:^|[^\p{L}])(?:онлайн|online|он-лайн|zoom|зум[еау]?|skype|скайп\p{L}*|teams|телемост\p{L}*|сферум\p{L}*|discord|дискорд\p{L}*|видеосвяз\p{L}*|видеозвон\p{L}*|вебинар\p{L}*|webinar)(?:[^\p{L}]|$)/iu;
const LINK = /https?:\/\/[^\s<>"]+/i;

/** The first web address in a place, for the calendar's URL field. */
export function meetingLink(place: string): string | undefined {
  return LINK.exec(place)?.[0];
}

/** Whether a place means an online meeting: a link, or a word such as "онлайн", "Zoom", "Телемост". */
export function isOnlinePlace(place: string): boolean {
  return LINK.test(place) || ONLINE_WORDS.test(place);
}

/** Text folded to one line: control characters and runs of spaces become one space. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\s]+/g, " ").trim();
}

/** Where a meeting takes place: a room, an address, a link or "online"; one line of at most MAX_MEETING_PLACE characters. */
export function parseMeetingPlace(text: string): Parsed<{ place: string; online: boolean }> {
  const place = oneLine(text);
  if (place.length === 0) return fail("error-empty");
  if (place.length > MAX_MEETING_PLACE) return fail("error-too-long", { max: MAX_MEETING_PLACE });
  return ok({ place, online: isOnlinePlace(place) });
}

/** The mentor's one-line note about a meeting that took place, at most MAX_MEETING_NOTE characters. */
export function parseMeetingNote(text: string): Parsed<string> {
  const note = oneLine(text);
  if (note.length === 0) return fail("error-empty");
  if (note.length > MAX_MEETING_NOTE) return fail("error-too-long", { max: MAX_MEETING_NOTE });
  return ok(note);
}
