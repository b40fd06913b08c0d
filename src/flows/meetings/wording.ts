import type { Meeting } from "#root/db/repositories/meetings.ts";
import type { PairMember, WorkingPair } from "#root/db/repositories/pairs.ts";
import type { MeetingState } from "#root/domain/meetings.ts";
import { clockTime, isoWeekday, wallClock } from "#root/domain/typed-dates.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import type { SpecButton } from "#root/messaging/message-spec.ts";
import { meetingsAction } from "./actions.ts";

/*
 * How meetings are named in messages. Texts to other people are rendered in the recipient's language
 * when delivered, so dates travel as message parts (weekday and month as keys), never as text
 * formatted in the sender's language.
 */

const WEEKDAYS: readonly Msg[] = [
  msg("meetings-weekday-1"),
  msg("meetings-weekday-2"),
  msg("meetings-weekday-3"),
  msg("meetings-weekday-4"),
  msg("meetings-weekday-5"),
  msg("meetings-weekday-6"),
  msg("meetings-weekday-7"),
];

/** The months in the genitive ("12 марта"), as message parts rendered in each reader's language. */
export const MONTHS: readonly Msg[] = [
  msg("meetings-month-1"),
  msg("meetings-month-2"),
  msg("meetings-month-3"),
  msg("meetings-month-4"),
  msg("meetings-month-5"),
  msg("meetings-month-6"),
  msg("meetings-month-7"),
  msg("meetings-month-8"),
  msg("meetings-month-9"),
  msg("meetings-month-10"),
  msg("meetings-month-11"),
  msg("meetings-month-12"),
];

const STATES: Record<MeetingState, Msg> = {
  proposed: msg("meetings-state-proposed"),
  accepted: msg("meetings-state-accepted"),
  declined: msg("meetings-state-declined"),
  rescheduled: msg("meetings-state-rescheduled"),
  held: msg("meetings-state-held"),
  missed: msg("meetings-state-missed"),
  moved: msg("meetings-state-moved"),
};

/** "Fri 15 May at 16:30" on the organisation's wall clock. */
export function meetingWhen(start: Date, timeZone: string): Msg {
  const clock = wallClock(start, timeZone);
  const [, month, day] = clock.date.split("-").map(Number) as [number, number, number];
  return msg("meetings-when", {
    weekday: WEEKDAYS[isoWeekday(clock.date) - 1]!,
    day: String(day),
    month: MONTHS[month - 1]!,
    time: clockTime(start, timeZone),
  });
}

/** The value the "Online" button stores as the place: shown in each reader's language. */
export const ONLINE_PLACE = "online";

export function meetingPlace(place: string): Msg {
  return place === ONLINE_PLACE ? msg("meetings-place-online") : msg("plain", { text: place });
}

export function meetingState(state: MeetingState): Msg {
  return STATES[state];
}

/** When, how long, where: the line a meeting is listed with. */
export function meetingLine(meeting: Meeting, timeZone: string, state: Msg): Msg {
  const line = msg("meetings-line", {
    when: meetingWhen(meeting.start, timeZone),
    minutes: meeting.minutes,
    place: meetingPlace(meeting.place),
    state,
  });
  return meeting.note ? msg("meetings-line-note", { line, note: meeting.note }) : line;
}

/** Lines under one another, as one message part. */
export function stacked(lines: readonly Msg[]): Msg {
  return lines
    .slice(1)
    .reduce((above, line) => msg("meetings-line-next", { line: above, next: line }), lines[0] ?? msg("plain", { text: "—" }));
}

const nameOf = (member: PairMember): string => member.name ?? "—";

/** Everyone in the pair or group: the mentor, then the mentees. */
export function participantsOf(pair: WorkingPair): PairMember[] {
  return [pair.mentor, ...pair.mentees];
}

/**
 * Who answers a proposal: the mentees when the mentor proposed (a group meets as a whole), the mentor
 * when a mentee did; everyone else when the proposer is no longer known.
 */
export function answerersOf(pair: WorkingPair, proposedBy: number | null): PairMember[] {
  if (proposedBy === pair.mentor.personId) return pair.mentees;
  if (pair.mentees.some((mentee) => mentee.personId === proposedBy)) return [pair.mentor];
  return participantsOf(pair);
}

/** People named in a message: "Петя Соколов, Маша Иванова". */
export function namesOf(members: readonly PairMember[]): string {
  return members.map(nameOf).join(", ") || "—";
}

/** The name of one person of the pair. */
export function nameIn(pair: WorkingPair, personId: number | null): string {
  const member = participantsOf(pair).find((candidate) => candidate.personId === personId);
  return member ? nameOf(member) : "—";
}

/** A meeting as it came through `d.run` (JSON): its instants are strings again. */
export function revived(meeting: Meeting): Meeting {
  return {
    ...meeting,
    start: new Date(meeting.start),
    end: new Date(meeting.end),
    followUpAskedAt: meeting.followUpAskedAt === null ? null : new Date(meeting.followUpAskedAt),
    tickedAt: meeting.tickedAt === null ? null : new Date(meeting.tickedAt),
  };
}

/** "📅 Meetings": back to the pair's meetings screen. */
export function meetingsScreenButton(pairId: number): SpecButton {
  return meetingsAction.button(msg("button-meetings"), { pairId });
}
