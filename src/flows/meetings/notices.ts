import type { Repositories } from "#root/db/repositories/index.ts";
import type { Meeting } from "#root/db/repositories/meetings.ts";
import type { NewOutboxMessage } from "#root/db/repositories/outbox.ts";
import type { WorkingPair } from "#root/db/repositories/pairs.ts";
import type { Notifier } from "#root/dialog/flow.ts";
import { ICS_MEDIA_TYPE, type MeetingCalendarEvent, meetingCancellation, meetingInvite } from "#root/domain/ics.ts";
import { meetingLink, reminderTimes } from "#root/domain/meetings.ts";
import { msg } from "#root/i18n/translator.ts";
import type { MessageSpec, SpecButton } from "#root/messaging/message-spec.ts";
import { meetingAcceptAction, meetingAnotherTimeAction, meetingDeclineAction, meetingProposeAction, meetingsAction } from "./actions.ts";
import { tellParents } from "./parent-notices.ts";
import { answerersOf, meetingPlace, meetingWhen, nameIn, namesOf, ONLINE_PLACE, participantsOf } from "./wording.ts";

/*
 * What a meeting's changes send to the people of the pair: proposals with answer buttons, calendar
 * files, reminders and notices. All of it goes through the outbox, keyed so that a retried step plans
 * each message once.
 */

/** The reminders of one meeting share this topic, so calling the meeting off withdraws them together. */
export const meetingTopic = (meetingId: number): string => `meeting:${meetingId}`;

export const meetingsButton = (pairId: number): SpecButton => meetingsAction.button(msg("button-meetings"), { pairId });

export interface CalendarFile {
  filename: string;
  mimeType: string;
  /** The .ics text; made into bytes where it is sent. */
  text: string;
}

export const fileContent = (file: CalendarFile): Uint8Array => Buffer.from(file.text, "utf8");

/**
 * The calendar event of a meeting. Its title names the people (not a phrase in one language: the
 * same file goes to people reading in Russian and in English) and carries no contact details.
 *
 * A moved meeting keeps the event of the meeting it moves (`calendarId`, the first of its moves) with
 * a higher SEQUENCE, rather than a cancellation of the old event plus an invitation to a new one.
 * In iCalendar (RFC 5545/5546) the UID names the event and a higher SEQUENCE a newer version of it,
 * so a calendar that already has the event moves it in place; one that does not simply adds it.
 * People open our files by hand, one tap each: with two files, opening only the invitation (the
 * likely case) would leave the old time standing as a second entry.
 */
function calendarEvent(meeting: Meeting, pair: WorkingPair, stamp: Date, calendarId: number): MeetingCalendarEvent {
  return {
    uid: `meeting-${calendarId}@nastavnik`,
    sequence: meeting.sequence,
    stamp,
    start: meeting.start,
    end: meeting.end,
    summary: `🤝 ${namesOf([pair.mentor])} · ${namesOf(pair.mentees)}`,
    description: pair.orgName,
    location: meeting.place === ONLINE_PLACE ? "Online" : meeting.place,
    url: meetingLink(meeting.place),
  };
}

/** The .ics that adds an agreed meeting to a calendar, or moves it there when it replaces the event `calendarId`. */
export function inviteFile(meeting: Meeting, pair: WorkingPair, stamp: Date, calendarId = meeting.id): CalendarFile {
  return {
    filename: `meeting-${meeting.id}.ics`,
    mimeType: ICS_MEDIA_TYPE,
    text: meetingInvite(calendarEvent(meeting, pair, stamp, calendarId)),
  };
}

/** The .ics that removes a called-off meeting; `meeting` as it was agreed (its sequence before the cancellation). */
export function cancellationFile(meeting: Meeting, pair: WorkingPair, stamp: Date, calendarId = meeting.id): CalendarFile {
  return {
    filename: `meeting-${meeting.id}-cancelled.ics`,
    mimeType: ICS_MEDIA_TYPE,
    text: meetingCancellation(calendarEvent(meeting, pair, stamp, calendarId)),
  };
}

const answerButtons = (meetingId: number): SpecButton[][] => [
  [
    meetingAcceptAction.button(msg("button-meeting-accept"), { meetingId }),
    meetingDeclineAction.button(msg("button-meeting-decline"), { meetingId }),
  ],
  [meetingAnotherTimeAction.button(msg("button-meeting-another-time"), { meetingId })],
];

/**
 * A proposal (or a counter-proposal answering `answered`) as the people who answer it read it; one
 * that moves the agreed meeting `moved` says so, and that the meeting stands until they answer.
 */
export function proposalMessage(meeting: Meeting, pair: WorkingPair, answered?: Meeting, moved?: Meeting): MessageSpec {
  const details = {
    who: nameIn(pair, meeting.proposedBy),
    when: meetingWhen(meeting.start, pair.timeZone),
    minutes: meeting.minutes,
    place: meetingPlace(meeting.place),
  };
  const old = (other: Meeting) => meetingWhen(other.start, pair.timeZone);
  const text = moved
    ? answered
      ? msg("meeting-move-counter", { ...details, old: old(answered), agreed: old(moved) })
      : msg("meeting-move-proposal", { ...details, old: old(moved) })
    : answered
      ? msg("meetings-counter-proposal", { ...details, old: old(answered) })
      : msg("meetings-proposal", details);
  return { text: [text], buttons: answerButtons(meeting.id) };
}

/** Sends a new proposal to those who answer it. */
export async function sendProposal(
  notify: Notifier,
  meeting: Meeting,
  pair: WorkingPair,
  answered?: Meeting,
  moved?: Meeting,
): Promise<void> {
  const message = proposalMessage(meeting, pair, answered, moved);
  for (const member of answerersOf(pair, meeting.proposedBy)) {
    await notify.send({ personId: member.personId }, message, `meeting:${meeting.id}:proposal:${member.personId}`);
  }
}

/**
 * An agreed meeting: everyone but `by` (who gets the file in the chat) is told with the calendar file,
 * and everyone gets reminders 24 hours and 1 hour before (those already past are not planned; those
 * not sent by the start are dropped). When it is the new time of the meeting `moved`, that meeting's
 * reminders are withdrawn and the file moves its calendar event. The children's parents are told as
 * the rule by age says (parent-notices.ts). Returns the calendar file for `by`.
 */
export async function announceAccepted(
  repos: Repositories,
  notify: Notifier,
  meeting: Meeting,
  pair: WorkingPair,
  by: number,
  now: Date,
  moved?: Meeting,
): Promise<CalendarFile> {
  if (moved) await repos.outbox.withdrawTopic(meetingTopic(moved.id), now, "meeting moved");
  const file = inviteFile(meeting, pair, now, await repos.meetings.calendarIdOf(meeting));
  const when = meetingWhen(meeting.start, pair.timeZone);
  const place = meetingPlace(meeting.place);
  const details = { who: nameIn(pair, by), when, minutes: meeting.minutes, place };
  const notice: MessageSpec = {
    text: [
      moved
        ? msg("meeting-move-accepted-notice", { ...details, old: meetingWhen(moved.start, pair.timeZone) })
        : msg("meetings-accepted-notice", details),
    ],
    buttons: [[meetingsButton(pair.pairId)]],
    document: { filename: file.filename, mimeType: file.mimeType, content: fileContent(file) },
  };
  for (const member of participantsOf(pair)) {
    if (member.personId === by) continue;
    await notify.send({ personId: member.personId }, notice, `meeting:${meeting.id}:${meeting.sequence}:accepted:${member.personId}`);
  }
  const reminders: NewOutboxMessage[] = participantsOf(pair).flatMap((member) =>
    reminderTimes(meeting.start, now).map(({ kind, at }) => ({
      dedupKey: `meeting:${meeting.id}:${meeting.sequence}:${kind}:${member.personId}`,
      to: { personId: member.personId },
      message: {
        text: [msg(kind === "day-before" ? "meetings-reminder-day" : "meetings-reminder-hour", { when, place })],
        buttons: [[meetingsButton(pair.pairId)]],
      },
      dueAt: at,
      topic: meetingTopic(meeting.id),
      expiresAt: meeting.start,
      reminder: true,
      orgId: pair.orgId,
    })),
  );
  await repos.outbox.enqueue(reminders);
  await tellParents(repos, notify, meeting, pair, moved ? { kind: "moved", old: moved } : { kind: "agreed" }, now);
  return file;
}

/**
 * A declined proposal: everyone else in the pair hears it, with a way to propose another time. A
 * declined move (of the agreed meeting `moved`) says that the meeting stays as it was.
 */
export async function announceDeclined(notify: Notifier, meeting: Meeting, pair: WorkingPair, by: number, moved?: Meeting): Promise<void> {
  const who = nameIn(pair, by);
  const when = meetingWhen(meeting.start, pair.timeZone);
  const message: MessageSpec = moved
    ? {
        text: [msg("meeting-move-declined-notice", { who, when, old: meetingWhen(moved.start, pair.timeZone) })],
        buttons: [[meetingsButton(pair.pairId)]],
      }
    : {
        text: [msg("meetings-declined-notice", { who, when })],
        buttons: [[meetingProposeAction.button(msg("button-meeting-propose"), { pairId: pair.pairId })], [meetingsButton(pair.pairId)]],
      };
  for (const member of participantsOf(pair)) {
    if (member.personId === by) continue;
    await notify.send({ personId: member.personId }, message, `meeting:${meeting.id}:declined:${member.personId}`);
  }
}

/**
 * A meeting called off by `by`: its reminders are withdrawn, and everyone else is told, with a file
 * that removes it from their calendar when it had been agreed. Returns that file for `by`.
 */
export async function announceCancelled(
  repos: Repositories,
  notify: Notifier,
  agreed: Meeting | undefined,
  withdrawn: Meeting,
  pair: WorkingPair,
  by: number,
  now: Date,
): Promise<CalendarFile | undefined> {
  await repos.outbox.withdrawTopic(meetingTopic(withdrawn.id), now, "meeting called off");
  const file = agreed ? cancellationFile(agreed, pair, now, await repos.meetings.calendarIdOf(agreed)) : undefined;
  const message: MessageSpec = {
    text: [
      msg(agreed ? "meetings-cancelled-notice" : "meetings-withdrawn-notice", {
        who: nameIn(pair, by),
        when: meetingWhen(withdrawn.start, pair.timeZone),
      }),
    ],
    buttons: [[meetingsButton(pair.pairId)]],
    ...(file ? { document: { filename: file.filename, mimeType: file.mimeType, content: fileContent(file) } } : {}),
  };
  // A proposal withdrawn before any answer only concerns those who were asked.
  for (const member of agreed ? participantsOf(pair) : answerersOf(pair, withdrawn.proposedBy)) {
    if (member.personId === by) continue;
    await notify.send({ personId: member.personId }, message, `meeting:${withdrawn.id}:cancelled:${member.personId}`);
  }
  // Parents hear of meetings that were agreed; a proposal withdrawn before any answer never reached them.
  if (agreed) await tellParents(repos, notify, agreed, pair, { kind: "cancelled" }, now);
  return file;
}
