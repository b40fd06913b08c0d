/**
 * Calendar files (RFC 5545) for meetings, so people add a meeting to their own calendar in one tap.
 * No ORGANIZER or ATTENDEE: the file would carry contact details, and an adult mentor's and a child's
 * contacts are not exchanged outside the programme's channels.
 */

export interface MeetingCalendarEvent {
  /** Stable for the meeting's whole life, so an update or a cancellation replaces the same event. */
  uid: string;
  /** Bumped by the caller each time the meeting's time changes; a cancellation adds one more. */
  sequence: number;
  /** When this file was made. */
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  location?: string;
  /** A link to an online meeting; left out unless it is a plain http(s) address. */
  url?: string;
}

/** The MIME type to send an .ics file with. */
export const ICS_MEDIA_TYPE = "text/calendar; charset=utf-8";

const PRODID = "-//Nastavnik//Mentoring bot//RU";
const MAX_LINE_OCTETS = 75;
const encoder = new TextEncoder();

/** A UTC date-time as iCalendar writes it: 20261225T133000Z. */
export function icsDateTime(instant: Date): string {
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/** A TEXT value escaped: backslash, semicolon, comma and line breaks; other control characters dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
    .replace(/[\\;,]/g, (character) => `\\${character}`)
    .replace(/\n/g, "\\n");
}

/**
 * A content line folded at 75 octets: continuation lines start with a space, a UTF-8 character is
 * never cut, and neither is an escape such as "\n" (some readers unfold badly).
 */
export function foldLine(line: string): string {
  const units = line.match(/\\.|[\s\S]/gu) ?? [];
  const lines: string[] = [];
  let current = "";
  let size = 0;
  let limit = MAX_LINE_OCTETS;
  for (const unit of units) {
    const octets = encoder.encode(unit).length;
    if (size + octets > limit) {
      lines.push(current);
      current = "";
      size = 0;
      // The leading space of a continuation line counts towards its 75 octets.
      limit = MAX_LINE_OCTETS - 1;
    }
    current += unit;
    size += octets;
  }
  lines.push(current);
  return lines.join("\r\n ");
}

function calendar(method: "PUBLISH" | "CANCEL", event: string[]): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:${PRODID}`, "CALSCALE:GREGORIAN", `METHOD:${method}`, ...event, "END:VCALENDAR"];
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}

function eventLines(meeting: MeetingCalendarEvent, sequence: number, status: "CONFIRMED" | "CANCELLED"): string[] {
  const lines = [
    "BEGIN:VEVENT",
    `UID:${escapeText(meeting.uid)}`,
    `DTSTAMP:${icsDateTime(meeting.stamp)}`,
    `SEQUENCE:${sequence}`,
    `DTSTART:${icsDateTime(meeting.start)}`,
    `DTEND:${icsDateTime(meeting.end)}`,
    `SUMMARY:${escapeText(meeting.summary)}`,
  ];
  if (meeting.description) lines.push(`DESCRIPTION:${escapeText(meeting.description)}`);
  if (meeting.location) lines.push(`LOCATION:${escapeText(meeting.location)}`);
  // URL is a URI, not TEXT: it is not escaped, so anything that is not a plain address stays out.
  if (meeting.url && /^https?:\/\/[^\s\u0000-\u001f\u007f]+$/i.test(meeting.url)) lines.push(`URL:${meeting.url}`);
  lines.push(`STATUS:${status}`);
  return lines;
}

/** The .ics text of a meeting, with a reminder an hour before its start. */
export function meetingInvite(meeting: MeetingCalendarEvent): string {
  return calendar("PUBLISH", [
    ...eventLines(meeting, meeting.sequence, "CONFIRMED"),
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    `DESCRIPTION:${escapeText(meeting.summary)}`,
    "TRIGGER:-PT1H",
    "END:VALARM",
    "END:VEVENT",
  ]);
}

/** The .ics text that removes a meeting from calendars it was added to (its sequence bumped by one). */
export function meetingCancellation(meeting: MeetingCalendarEvent): string {
  return calendar("CANCEL", [...eventLines(meeting, meeting.sequence + 1, "CANCELLED"), "END:VEVENT"]);
}

/** A public event (the cycle's final event): a place and a description, no link. */
export interface PublicCalendarEvent {
  /** Stable for the event's life. */
  uid: string;
  /** Raised by each change of the event, so calendars replace their copy. */
  sequence: number;
  /** When this file was made. */
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  location: string;
}

function alarm(summary: string, trigger: string): string[] {
  return ["BEGIN:VALARM", "ACTION:DISPLAY", `DESCRIPTION:${escapeText(summary)}`, `TRIGGER:${trigger}`, "END:VALARM"];
}

/**
 * The .ics text of a public event, with reminders a day and two hours before (people come from home,
 * often with their family, so an hour's notice is too short).
 */
export function publicEventInvite(event: PublicCalendarEvent): string {
  return calendar("PUBLISH", [
    ...eventLines(event, event.sequence, "CONFIRMED"),
    ...alarm(event.summary, "-P1D"),
    ...alarm(event.summary, "-PT2H"),
    "END:VEVENT",
  ]);
}

/** The .ics text that removes a called-off public event from calendars (its sequence bumped by one). */
export function publicEventCancellation(event: PublicCalendarEvent): string {
  return calendar("CANCEL", [...eventLines(event, event.sequence + 1, "CANCELLED"), "END:VEVENT"]);
}
