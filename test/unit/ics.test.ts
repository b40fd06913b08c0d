import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeText, foldLine, ICS_MEDIA_TYPE, type MeetingCalendarEvent, meetingCancellation, meetingInvite } from "#root/domain/ics.ts";

const MEETING: MeetingCalendarEvent = {
  uid: "meeting-42@nastavnik",
  sequence: 0,
  stamp: new Date("2026-05-13T07:00:00Z"),
  start: new Date("2026-05-15T13:00:00Z"),
  end: new Date("2026-05-15T14:00:00Z"),
  summary: "Встреча: план, цели",
  description: "Принеси тетрадь;\nвопросы",
  location: "Школа №5, каб. 12",
  url: "https://meet.example.org/abc?x=1,2",
};

const octets = (text: string) => new TextEncoder().encode(text).length;
const unfold = (text: string) => text.replace(/\r\n /g, "");

describe("meetingInvite", () => {
  it("writes the whole calendar, CRLF line ends, UTC times, escaped text and an alarm an hour before", () => {
    expect(meetingInvite(MEETING)).toBe(
      [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Nastavnik//Mentoring bot//RU",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        "UID:meeting-42@nastavnik",
        "DTSTAMP:20260513T070000Z",
        "SEQUENCE:0",
        "DTSTART:20260515T130000Z",
        "DTEND:20260515T140000Z",
        "SUMMARY:Встреча: план\\, цели",
        "DESCRIPTION:Принеси тетрадь\\;\\nвопросы",
        "LOCATION:Школа №5\\, каб. 12",
        "URL:https://meet.example.org/abc?x=1,2",
        "STATUS:CONFIRMED",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:Встреча: план\\, цели",
        "TRIGGER:-PT1H",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
      ].join("\r\n"),
    );
    expect(ICS_MEDIA_TYPE).toBe("text/calendar; charset=utf-8");
  });

  it("leaves out what is not given, and a link that is not a plain web address", () => {
    const text = meetingInvite({ ...MEETING, description: undefined, location: "", url: "javascript:alert(1)" });
    expect(text).not.toMatch(/DESCRIPTION:Принеси|LOCATION|URL/);
    expect(meetingInvite({ ...MEETING, url: "https://x.org/a\r\nATTENDEE:evil" })).not.toContain("ATTENDEE");
  });

  it("carries no contact details of the people who meet", () => {
    expect(meetingInvite(MEETING)).not.toMatch(/ORGANIZER|ATTENDEE|mailto:/);
  });

  it("keeps injected line breaks inside the text, never as new properties", () => {
    const text = meetingInvite({ ...MEETING, summary: "Встреча\r\nEND:VEVENT\rBEGIN:VEVENT\u0007" });
    expect(text).toContain("SUMMARY:Встреча\\nEND:VEVENT\\nBEGIN:VEVENT\r\n");
    expect(text.match(/^BEGIN:VEVENT$/gm)).toHaveLength(1);
  });
});

describe("meetingCancellation", () => {
  it("cancels the same event with a bumped sequence and no alarm", () => {
    expect(meetingCancellation({ ...MEETING, sequence: 2 })).toBe(
      [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Nastavnik//Mentoring bot//RU",
        "CALSCALE:GREGORIAN",
        "METHOD:CANCEL",
        "BEGIN:VEVENT",
        "UID:meeting-42@nastavnik",
        "DTSTAMP:20260513T070000Z",
        "SEQUENCE:3",
        "DTSTART:20260515T130000Z",
        "DTEND:20260515T140000Z",
        "SUMMARY:Встреча: план\\, цели",
        "DESCRIPTION:Принеси тетрадь\\;\\nвопросы",
        "LOCATION:Школа №5\\, каб. 12",
        "URL:https://meet.example.org/abc?x=1,2",
        "STATUS:CANCELLED",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
      ].join("\r\n"),
    );
  });
});

describe("escapeText", () => {
  it("escapes backslash, semicolon, comma and every kind of line break", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf\rg")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng");
    expect(escapeText("tab\tstays, bell\u0007 goes")).toBe("tab\tstays\\, bell goes");
  });
});

describe("folding", () => {
  it("folds a long Cyrillic description at 75 octets without cutting a letter", () => {
    const text = meetingInvite({ ...MEETING, description: "Я".repeat(100) });
    const folded = text.split("\r\n").filter((line) => line.startsWith("DESCRIPTION:Я") || /^ Я/.test(line));
    // 12 octets of "DESCRIPTION:" and 31 two-octet letters make 74; a 32nd would make 76.
    expect(folded).toEqual([`DESCRIPTION:${"Я".repeat(31)}`, ` ${"Я".repeat(37)}`, ` ${"Я".repeat(32)}`]);
    for (const line of text.split("\r\n")) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(unfold(text)).toContain(`DESCRIPTION:${"Я".repeat(100)}\r\n`);
  });

  it("does not split an escape sequence across lines", () => {
    const folded = foldLine(`DESCRIPTION:${"a".repeat(62)}\\n${"b".repeat(10)}`).split("\r\n");
    expect(folded).toEqual([`DESCRIPTION:${"a".repeat(62)}`, ` \\n${"b".repeat(10)}`]);
  });

  it("leaves a line of exactly 75 octets alone", () => {
    const line = `SUMMARY:${"x".repeat(67)}`;
    expect(foldLine(line)).toBe(line);
    expect(foldLine(`${line}y`)).toBe(`${line}\r\n y`);
  });

  it("folds any text into lines of at most 75 octets of whole UTF-8 characters that unfold to the original", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400, unit: fc.constantFrom("a", "Я", "№", "😀", ",", ";", "\\", "\n", " ", "é") }),
        (description) => {
          const text = meetingInvite({ ...MEETING, description });
          const decoder = new TextDecoder("utf-8", { fatal: true });
          for (const line of text.split("\r\n")) {
            expect(octets(line)).toBeLessThanOrEqual(75);
            expect(decoder.decode(new TextEncoder().encode(line))).toBe(line);
          }
          expect(text.endsWith("\r\n")).toBe(true);
          expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
          if (description) expect(unfold(text)).toContain(`\r\nDESCRIPTION:${escapeText(description)}\r\n`);
        },
      ),
    );
  });
});
