import type { FinalEvent, Guest } from "#root/db/repositories/final-events.ts";
import type { NewOutboxMessage } from "#root/db/repositories/outbox.ts";
import {
  calendarEnd,
  calendarSummary,
  type EventKind,
  type EventTally,
  type FinalEventAnswer,
  GUEST_ROLES,
  type GuestRole,
} from "#root/domain/final-event.ts";
import { ICS_MEDIA_TYPE, type PublicCalendarEvent, publicEventCancellation, publicEventInvite } from "#root/domain/ics.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import type { MessageSpec, SpecButton } from "#root/messaging/message-spec.ts";
import { meetingWhen } from "../meetings/wording.ts";
import { finalEventReplyAction } from "./actions.ts";

/*
 * How the final event reads: the invitation (sent through the outbox, rendered in each guest's own
 * language when delivered, so dates travel as message parts), the calendar file, and the counts the
 * coordinator sees.
 */

/** The event as flows keep it between replays (recorded as JSON: the instant is an ISO string). */
export interface EventView {
  id: number;
  kind: EventKind;
  startsAt: string;
  place: string;
  description: string;
  sequence: number;
}

export const eventView = (event: FinalEvent): EventView => ({
  id: event.id,
  kind: event.kind,
  startsAt: event.startsAt.toISOString(),
  place: event.place,
  description: event.description,
  sequence: event.sequence,
});

/** "Fri 15 May at 16:30" on the organisation's wall clock. */
export const eventWhen = (event: Pick<EventView, "startsAt">, timeZone: string): Msg => meetingWhen(new Date(event.startsAt), timeZone);

/** The payload of an answer button: `<eventId>.coming` or `<eventId>.not_coming`. */
export const replyPayload = (eventId: number, answer: FinalEventAnswer): string => finalEventReplyAction.payload({ eventId, answer });

const ANSWER_BUTTONS: Record<FinalEventAnswer, Msg> = {
  coming: msg("button-final-event-coming"),
  not_coming: msg("button-final-event-not-coming"),
};

export const answerButton = (eventId: number, answer: FinalEventAnswer): SpecButton => ({
  label: ANSWER_BUTTONS[answer],
  payload: replyPayload(eventId, answer),
});

export interface CalendarFile {
  filename: string;
  mimeType: string;
  content: Uint8Array;
}

/**
 * The .ics of the event. Its title is the description's first line (the coordinator's own words, in
 * the school's language) rather than a phrase of ours: one file goes to readers of both languages.
 */
export function eventFile(event: EventView, stamp: Date): CalendarFile {
  return calendarFile(event, publicEventInvite(calendarEvent(event, stamp)));
}

/** The .ics that takes a called-off event out of the calendars it was added to. */
export function cancellationFile(event: EventView, stamp: Date): CalendarFile {
  return calendarFile(event, publicEventCancellation(calendarEvent(event, stamp)));
}

/** What calendar files and their entries are called, by the event's kind. */
const FILE_NAMES: Record<EventKind, string> = { final: "final-event", introduction: "introduction" };

function calendarEvent(event: EventView, stamp: Date): PublicCalendarEvent {
  const start = new Date(event.startsAt);
  return {
    // One UID for the event's whole life: a change or a cancellation replaces the same calendar entry.
    uid: `${FILE_NAMES[event.kind]}-${event.id}@nastavnik`,
    sequence: event.sequence,
    stamp,
    start,
    end: calendarEnd(start),
    summary: calendarSummary(event.description),
    description: event.description,
    location: event.place,
  };
}

function calendarFile(event: EventView, text: string): CalendarFile {
  return { filename: `${FILE_NAMES[event.kind]}-${event.id}.ics`, mimeType: ICS_MEDIA_TYPE, content: Buffer.from(text, "utf8") };
}

/** A notice to guests by the event's kind: a mentee's («ты», warmer) and everyone else's. */
type Notice<D> = { mentee: (details: D) => Msg; other: (details: D) => Msg };
type Details = { org: string; when: Msg; place: string; description: string };

const forRole = <D>(notice: Notice<D>, role: GuestRole, details: D): Msg =>
  role === "mentee" ? notice.mentee(details) : notice.other(details);

/** The invitation's wording by the event's kind. */
const INVITATIONS: Record<EventKind, Notice<Details>> = {
  final: { mentee: (d) => msg("final-event-invitation-mentee", d), other: (d) => msg("final-event-invitation", d) },
  introduction: { mentee: (d) => msg("introduction-invitation-mentee", d), other: (d) => msg("introduction-invitation", d) },
};

/** The invitation one guest reads: warmer and simpler for a mentee, with the answer buttons and the calendar file. */
export function invitationMessage(event: EventView, role: GuestRole, orgName: string, timeZone: string, file: CalendarFile): MessageSpec {
  const details = { org: orgName, when: eventWhen(event, timeZone), place: event.place, description: event.description };
  return {
    text: [forRole(INVITATIONS[event.kind], role, details)],
    buttons: [[answerButton(event.id, "coming"), answerButton(event.id, "not_coming")]],
    document: file,
  };
}

/** The topic of an event's invitations: an invitation not delivered before the event begins is dropped. */
export const eventTopic = (eventId: number): string => `final-event:${eventId}`;

/** One outbox message per guest, planned once per event and person whatever the retries. */
export function invitations(event: EventView, guests: readonly Guest[], orgName: string, timeZone: string, now: Date): NewOutboxMessage[] {
  const file = eventFile(event, now);
  return guests.map((guest) => ({
    dedupKey: `final-event:${event.id}:invite:${guest.personId}`,
    to: { personId: guest.personId },
    message: invitationMessage(event, guest.role, orgName, timeZone, file),
    dueAt: now,
    topic: eventTopic(event.id),
    expiresAt: new Date(event.startsAt),
  }));
}

/** What guests read of a change: the time moved (asked again) or something else changed (answers stand). */
const CHANGE_NOTICES: Record<EventKind, { moved: Notice<Details>; changed: Notice<Details> }> = {
  final: {
    moved: { mentee: (d) => msg("final-event-changed-time-mentee", d), other: (d) => msg("final-event-changed-time", d) },
    changed: { mentee: (d) => msg("final-event-changed-mentee", d), other: (d) => msg("final-event-changed", d) },
  },
  introduction: {
    moved: { mentee: (d) => msg("introduction-changed-time-mentee", d), other: (d) => msg("introduction-changed-time", d) },
    changed: { mentee: (d) => msg("introduction-changed-mentee", d), other: (d) => msg("introduction-changed", d) },
  },
};

const CANCELLATION_NOTICES: Record<EventKind, Notice<{ org: string; when: Msg }>> = {
  final: { mentee: (d) => msg("final-event-cancelled-mentee", d), other: (d) => msg("final-event-cancelled", d) },
  introduction: { mentee: (d) => msg("introduction-cancelled-mentee", d), other: (d) => msg("introduction-cancelled", d) },
};

/**
 * Everyone invited hears of a change, with the calendar file that replaces their copy. A new start
 * asks them again whether they come (their answers were cleared); otherwise their answer stands.
 */
export function changeNotices(
  event: EventView,
  guests: readonly Guest[],
  orgName: string,
  timeZone: string,
  now: Date,
  askAgain: boolean,
): NewOutboxMessage[] {
  const file = eventFile(event, now);
  const details = { org: orgName, when: eventWhen(event, timeZone), place: event.place, description: event.description };
  const notices = CHANGE_NOTICES[event.kind];
  return guests.map((guest) => ({
    dedupKey: `final-event:${event.id}:change:${event.sequence}:${guest.personId}`,
    to: { personId: guest.personId },
    message: {
      text: [forRole(askAgain ? notices.moved : notices.changed, guest.role, details)],
      buttons: [[answerButton(event.id, "coming"), answerButton(event.id, "not_coming")]],
      document: file,
    },
    dueAt: now,
    topic: eventTopic(event.id),
    expiresAt: new Date(event.startsAt),
  }));
}

/** Everyone invited hears that the event is called off, with the file that takes it out of their calendar. */
export function cancellationNotices(
  event: EventView,
  guests: readonly Guest[],
  orgName: string,
  timeZone: string,
  now: Date,
): NewOutboxMessage[] {
  const file = cancellationFile(event, now);
  const details = { org: orgName, when: eventWhen(event, timeZone) };
  return guests.map((guest) => ({
    dedupKey: `final-event:${event.id}:cancel:${guest.personId}`,
    to: { personId: guest.personId },
    message: { text: [forRole(CANCELLATION_NOTICES[event.kind], guest.role, details)], document: file },
    dueAt: now,
    expiresAt: new Date(event.startsAt),
  }));
}

/** The event as the coordinator sees it. */
export function eventDetails(event: EventView, cycleName: string, timeZone: string): Msg {
  return msg("final-event-details", {
    cycle: cycleName,
    when: eventWhen(event, timeZone),
    place: event.place,
    description: event.description,
  });
}

const ROLE_NAMES: Record<GuestRole, Msg> = {
  mentee: msg("final-event-role-mentee"),
  mentor: msg("final-event-role-mentor"),
  parent: msg("final-event-role-parent"),
  coordinator: msg("final-event-role-coordinator"),
};

/** Invited, coming, can't, not answered yet: in all, then per group that has anyone in it. */
export function tallyLines(tally: EventTally): Msg[] {
  const total = msg("final-event-counts", {
    invited: tally.invited,
    coming: tally.coming,
    notComing: tally.notComing,
    waiting: tally.waiting,
  });
  const groups = GUEST_ROLES.filter((role) => tally.byRole[role].invited > 0).map((role) => {
    const group = tally.byRole[role];
    return msg("final-event-counts-role", {
      role: ROLE_NAMES[role],
      invited: group.invited,
      coming: group.coming,
      notComing: group.notComing,
      waiting: group.waiting,
    });
  });
  // The groups as one block, a line each.
  const block = groups.slice(1).reduce((above, line) => msg("final-event-line-next", { line: above, next: line }), groups[0]);
  return block ? [total, block] : [total];
}
