import type { PairUnit } from "#root/db/repositories/pairs.ts";
import { calendarDate, formatCalendarDate } from "#root/domain/cycle.ts";
import type { AttendanceTally } from "#root/domain/introduction.ts";
import { clockTime } from "#root/domain/typed-dates.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { type EventView, eventWhen } from "../closing/final-event-wording.ts";

/*
 * How the introduction reads to the coordinator. The invitation, the calendar file and the answers
 * are the final event's (src/flows/closing/final-event-wording.ts, by the event's kind).
 */

/** Button labels stay short: Telegram cuts long ones, VK refuses labels over 40 characters (the tick mark takes three). */
const LABEL_MAX = 34;

/** A pair as a button: "mentor — mentees", cut to fit. */
export function pairLabel(
  unit: { mentorName: PairUnit["mentorName"]; members: ReadonlyArray<Pick<PairUnit["members"][number], "menteeName">> } | undefined,
  pairId: number,
): Msg {
  const mentor = unit?.mentorName ?? "—";
  const mentees = unit?.members.map((member) => member.menteeName ?? "—").join(", ") || `№${pairId}`;
  const text = `${mentor} — ${mentees}`;
  return msg("plain", { text: text.length > LABEL_MAX ? `${text.slice(0, LABEL_MAX - 1)}…` : text });
}

/** An introduction as the coordinator sees it: when, where, how many pairs. */
export function introductionDetails(event: EventView, cycleName: string, pairs: number, timeZone: string): Msg {
  return msg("introduction-details", { cycle: cycleName, when: eventWhen(event, timeZone), place: event.place, pairs });
}

/** Which pairs came, once anything is ticked or the meeting has begun. */
export function attendanceLine(tally: AttendanceTally): Msg {
  return msg("introduction-attendance-line", { held: tally.held, pairs: tally.pairs, missed: tally.missed, open: tally.open });
}

/** How a button names its introduction among several: the day, and the time when that alone would not tell them apart. */
export interface ButtonWhen {
  date: string;
  time?: string;
}

/**
 * The day of `event` as its button shows it, with the time ("16:30") when another introduction of
 * `alongside` (those whose buttons sit beside it) falls on the same day in the organisation's time zone.
 */
export function buttonWhen(
  event: Pick<EventView, "id" | "startsAt">,
  alongside: ReadonlyArray<Pick<EventView, "id" | "startsAt">>,
  timeZone: string,
  locale: "ru" | "en",
): ButtonWhen {
  const day = calendarDate(new Date(event.startsAt), timeZone);
  const date = formatCalendarDate(day, locale);
  const sharesDay = alongside.some((other) => other.id !== event.id && calendarDate(new Date(other.startsAt), timeZone) === day);
  if (!sharesDay) return { date };
  return { date, time: clockTime(new Date(event.startsAt), timeZone) };
}

/** The buttons that name one introduction among several, by the day alone or by the day and the time. */
const NAMED_BUTTONS: Record<"attendance" | "edit" | "cancel", (when: ButtonWhen) => Msg> = {
  attendance: ({ date, time }) =>
    time === undefined ? msg("button-introduction-attendance-on", { date }) : msg("button-introduction-attendance-at", { date, time }),
  edit: ({ date, time }) =>
    time === undefined ? msg("button-introduction-edit-on", { date }) : msg("button-introduction-edit-at", { date, time }),
  cancel: ({ date, time }) =>
    time === undefined ? msg("button-introduction-cancel-on", { date }) : msg("button-introduction-cancel-at", { date, time }),
};

export const introductionButton = (kind: keyof typeof NAMED_BUTTONS, when: ButtonWhen): Msg => NAMED_BUTTONS[kind](when);
