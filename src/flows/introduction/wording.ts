import type { PairUnit } from "#root/db/repositories/pairs.ts";
import type { AttendanceTally } from "#root/domain/introduction.ts";
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
