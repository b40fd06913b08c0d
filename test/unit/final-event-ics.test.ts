import { describe, expect, it } from "vitest";
import { meetingInvite, type PublicCalendarEvent, publicEventInvite } from "#root/domain/ics.ts";

const EVENT: PublicCalendarEvent = {
  sequence: 0,
  uid: "final-event-7@nastavnik",
  stamp: new Date("2026-05-13T07:00:00Z"),
  start: new Date("2026-05-29T13:30:00Z"),
  end: new Date("2026-05-29T15:30:00Z"),
  summary: "Праздник наставничества",
  description: "Концерт, чай;\nнаграды",
  location: "Актовый зал, 2 этаж",
};

const unfold = (text: string) => text.replace(/\r\n /g, "");

describe("publicEventInvite", () => {
  it("writes the whole calendar with the place, the description and reminders a day and two hours before", () => {
    expect(publicEventInvite(EVENT)).toBe(
      [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Nastavnik//Mentoring bot//RU",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        "UID:final-event-7@nastavnik",
        "DTSTAMP:20260513T070000Z",
        "SEQUENCE:0",
        "DTSTART:20260529T133000Z",
        "DTEND:20260529T153000Z",
        "SUMMARY:Праздник наставничества",
        "DESCRIPTION:Концерт\\, чай\\;\\nнаграды",
        "LOCATION:Актовый зал\\, 2 этаж",
        "STATUS:CONFIRMED",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:Праздник наставничества",
        "TRIGGER:-P1D",
        "END:VALARM",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:Праздник наставничества",
        "TRIGGER:-PT2H",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
      ].join("\r\n"),
    );
  });

  it("folds a 1,000-character description into lines of at most 75 octets that unfold to the original", () => {
    const description = "Программа: приветствие, выступления пар, чаепитие. ".repeat(20).slice(0, 1_000);
    const text = publicEventInvite({ ...EVENT, description });
    for (const line of text.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(unfold(text)).toContain(`DESCRIPTION:${description.replace(/,/g, "\\,")}\r\n`);
  });

  it("keeps typed line breaks and property names inside the text, and carries no contacts or link", () => {
    const text = publicEventInvite({ ...EVENT, location: "Зал\r\nATTENDEE:mailto:x@y.z", description: "https://example.org\nEND:VEVENT" });
    expect(text.match(/^BEGIN:VEVENT$/gm)).toHaveLength(1);
    expect(text).not.toMatch(/^(ATTENDEE|ORGANIZER|URL)/m);
    expect(unfold(text)).toContain("LOCATION:Зал\\nATTENDEE:mailto:x@y.z\r\n");
  });

  it("leaves the meeting invitation as it was", () => {
    const meeting = meetingInvite({ ...EVENT, sequence: 3 });
    expect(meeting).toContain("SEQUENCE:3");
    expect(meeting).toContain("TRIGGER:-PT1H");
    expect(meeting).not.toContain("TRIGGER:-P1D");
  });
});
