import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canTickOff,
  checkMeetingLength,
  checkNoClash,
  firstClash,
  followUpDueAt,
  isOnlinePlace,
  MAX_MEETING_NOTE,
  MAX_MEETING_PLACE,
  MEETING_EVENTS,
  MEETING_STATES,
  type MeetingState,
  meetingEnd,
  meetingLink,
  meetingSlot,
  overlaps,
  parseMeetingLength,
  parseMeetingNote,
  parseMeetingPlace,
  reminderTimes,
  transition,
} from "#root/domain/meetings.ts";

const NOW = new Date("2026-05-13T07:00:00Z");
const slot = (start: string, minutes: number) => ({ start: new Date(start), end: new Date(new Date(start).getTime() + minutes * 60_000) });

describe("meeting length", () => {
  it("takes 15 to 240 minutes", () => {
    expect(checkMeetingLength(15)).toEqual({ ok: true, value: 15 });
    expect(checkMeetingLength(240)).toEqual({ ok: true, value: 240 });
    for (const minutes of [14, 241, 0, -30, 30.5, Number.NaN]) {
      expect(checkMeetingLength(minutes)).toEqual({ ok: false, error: "error-meeting-length", args: { min: 15, max: 240 } });
    }
  });

  it.each([
    ["45", 45],
    ["45 мин", 45],
    ["90 min", 90],
    ["1 час", 60],
    ["1,5 ч", 90],
    ["1.5h", 90],
    ["1,5", 90],
    ["2 часа", 120],
    ["4 hours", 240],
  ])("reads %j as %i minutes", (typed, minutes) => {
    expect(parseMeetingLength(typed)).toEqual({ ok: true, value: minutes });
  });

  it.each(["5", "5 часов", "10", "полчаса", "", "1.33 h"])("refuses %j", (typed) => {
    expect(parseMeetingLength(typed)).toMatchObject({ ok: false, error: "error-meeting-length" });
  });
});

describe("meetingSlot", () => {
  it("ends the given number of minutes after its start", () => {
    const start = new Date("2026-05-14T13:00:00Z");
    expect(meetingSlot(start, 45, NOW)).toEqual({ ok: true, value: { start, end: new Date("2026-05-14T13:45:00Z") } });
  });

  it("refuses a start in the past or right now, and a bad length", () => {
    expect(meetingSlot(new Date("2026-05-13T06:59:00Z"), 45, NOW)).toEqual({ ok: false, error: "error-meeting-past" });
    expect(meetingSlot(NOW, 45, NOW)).toEqual({ ok: false, error: "error-meeting-past" });
    expect(meetingSlot(new Date("2026-05-14T13:00:00Z"), 300, NOW)).toMatchObject({ ok: false, error: "error-meeting-length" });
  });
});

describe("overlaps", () => {
  const a = slot("2026-05-14T13:00:00Z", 60);

  it("sees a clash when the meetings share any minute", () => {
    expect(overlaps(a, slot("2026-05-14T13:30:00Z", 60))).toBe(true);
    expect(overlaps(a, slot("2026-05-14T12:30:00Z", 45))).toBe(true);
    expect(overlaps(a, slot("2026-05-14T13:15:00Z", 15))).toBe(true);
    expect(overlaps(a, slot("2026-05-14T12:00:00Z", 240))).toBe(true);
    expect(overlaps(a, a)).toBe(true);
  });

  it("lets meetings follow one another back to back", () => {
    expect(overlaps(a, slot("2026-05-14T14:00:00Z", 60))).toBe(false);
    expect(overlaps(a, slot("2026-05-14T12:00:00Z", 60))).toBe(false);
    expect(overlaps(a, slot("2026-05-15T13:00:00Z", 60))).toBe(false);
  });

  it("is symmetric", () => {
    const anySlot = fc
      .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 15, max: 240 }))
      .map(([minute, length]) => slot(new Date(NOW.getTime() + minute * 60_000).toISOString(), length));
    fc.assert(
      fc.property(anySlot, anySlot, (x, y) => {
        expect(overlaps(x, y)).toBe(overlaps(y, x));
      }),
    );
  });
});

describe("clashes with a person's other meetings", () => {
  const wanted = slot("2026-05-14T13:00:00Z", 60);
  const others = [
    { id: "1", state: "declined" as MeetingState, ...slot("2026-05-14T13:00:00Z", 60) },
    { id: "2", state: "accepted" as MeetingState, ...slot("2026-05-14T13:30:00Z", 60) },
    { id: "3", state: "proposed" as MeetingState, ...slot("2026-05-14T12:30:00Z", 45) },
    { id: "4", state: "accepted" as MeetingState, ...slot("2026-05-14T14:00:00Z", 60) },
  ];

  it("names the earliest clashing meeting that still holds its time", () => {
    expect(firstClash(wanted, others)?.id).toBe("3");
    expect(checkNoClash(wanted, others)).toEqual({ ok: false, error: "error-meeting-overlap" });
  });

  it("ignores declined meetings and the meeting being moved", () => {
    expect(
      firstClash(
        wanted,
        others.filter((other) => other.id !== "3"),
      )?.id,
    ).toBe("2");
    expect(firstClash(wanted, [others[0]!, others[1]!], "2")).toBeUndefined();
    expect(checkNoClash(wanted, [others[0]!, others[3]!])).toEqual({ ok: true, value: wanted });
  });

  it("leaves out several meetings at once: the meeting being moved and the proposal being answered", () => {
    expect(firstClash(wanted, others, ["3", "2"])).toBeUndefined();
    expect(firstClash(wanted, others, ["3"])?.id).toBe("2");
    expect(checkNoClash(wanted, others, [])).toEqual({ ok: false, error: "error-meeting-overlap" });
  });
});

describe("reminders and the question after the meeting", () => {
  const start = new Date("2026-05-15T13:00:00Z");

  it("reminds 24 hours and 1 hour before", () => {
    expect(reminderTimes(start, NOW)).toEqual([
      { kind: "day-before", at: new Date("2026-05-14T13:00:00Z") },
      { kind: "hour-before", at: new Date("2026-05-15T12:00:00Z") },
    ]);
  });

  it("drops reminders already past for a meeting made at short notice", () => {
    expect(reminderTimes(start, new Date("2026-05-15T08:00:00Z"))).toEqual([{ kind: "hour-before", at: new Date("2026-05-15T12:00:00Z") }]);
    expect(reminderTimes(start, new Date("2026-05-15T12:30:00Z"))).toEqual([]);
    // Due this very moment is still due.
    expect(reminderTimes(start, new Date("2026-05-15T12:00:00Z"))).toHaveLength(1);
  });

  it("asks about the meeting at its end, and takes no tick before its start", () => {
    const meeting = slot("2026-05-15T13:00:00Z", 45);
    expect(followUpDueAt(meeting)).toEqual(new Date("2026-05-15T13:45:00Z"));
    expect(canTickOff(meeting, new Date("2026-05-15T12:59:00Z"))).toEqual({ ok: false, error: "error-meeting-not-started" });
    expect(canTickOff(meeting, new Date("2026-05-15T13:45:00Z"))).toEqual({ ok: true, value: meeting });
  });
});

describe("meeting states", () => {
  const expected: Record<MeetingState, Record<string, string>> = {
    proposed: {
      accept: "accepted",
      decline: "declined",
      reschedule: "rescheduled",
      hold: "error-meeting-not-agreed",
      miss: "error-meeting-not-agreed",
      move: "error-meeting-not-agreed",
    },
    rescheduled: {
      accept: "accepted",
      decline: "declined",
      reschedule: "rescheduled",
      hold: "error-meeting-not-agreed",
      miss: "error-meeting-not-agreed",
      move: "error-meeting-not-agreed",
    },
    accepted: {
      accept: "error-meeting-already-accepted",
      decline: "declined",
      reschedule: "rescheduled",
      hold: "held",
      miss: "missed",
      move: "moved",
    },
    declined: Object.fromEntries(MEETING_EVENTS.map((event) => [event, "error-meeting-closed"])),
    held: Object.fromEntries(MEETING_EVENTS.map((event) => [event, "error-meeting-closed"])),
    missed: Object.fromEntries(MEETING_EVENTS.map((event) => [event, "error-meeting-closed"])),
    moved: Object.fromEntries(MEETING_EVENTS.map((event) => [event, "error-meeting-closed"])),
  };

  it("moves along the allowed transitions and explains every refused one", () => {
    for (const state of MEETING_STATES) {
      for (const event of MEETING_EVENTS) {
        const result = transition(state, event);
        const outcome = result.ok ? result.value : result.error;
        expect(`${state} + ${event} -> ${outcome}`).toBe(`${state} + ${event} -> ${expected[state][event]}`);
      }
    }
  });

  it("tells which state a settled meeting is in", () => {
    expect(transition("held", "miss")).toEqual({ ok: false, error: "error-meeting-closed", args: { state: "held" } });
  });

  it("reaches a tick only through an agreement", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...MEETING_EVENTS), { maxLength: 8 }), (events) => {
        let state: MeetingState = "proposed";
        const visited: MeetingState[] = [state];
        for (const event of events) {
          const next = transition(state, event);
          if (next.ok) {
            state = next.value;
            visited.push(state);
          }
        }
        const tick = visited.findIndex((seen) => seen === "held" || seen === "missed" || seen === "moved");
        if (tick >= 0) expect(visited[tick - 1]).toBe("accepted");
      }),
    );
  });
});

describe("a meeting's place", () => {
  it("keeps a room or an address as one trimmed line", () => {
    expect(parseMeetingPlace("  каб. 12,\n 2 этаж ")).toEqual({ ok: true, value: { place: "каб. 12, 2 этаж", online: false } });
    expect(parseMeetingPlace("ул. Ленина, 5\u0000")).toEqual({ ok: true, value: { place: "ул. Ленина, 5", online: false } });
  });

  it.each(["онлайн", "Online", "по Zoom", "Телемост", "в Сферуме", "https://telemost.yandex.ru/j/123", "ссылка: http://example.org/room"])(
    "sees %j as online",
    (typed) => {
      expect(parseMeetingPlace(typed)).toMatchObject({ ok: true, value: { online: true } });
    },
  );

  it.each(["кабинет 12", "Zoomers club room 5", "библиотека", "актовый зал"])("sees %j as a place in person", (typed) => {
    expect(isOnlinePlace(typed)).toBe(false);
  });

  it("finds the link for the calendar", () => {
    expect(meetingLink("Встреча тут: https://telemost.yandex.ru/j/123 в 16")).toBe("https://telemost.yandex.ru/j/123");
    expect(meetingLink("кабинет 12")).toBeUndefined();
  });

  it("refuses an empty place and one longer than the database keeps", () => {
    expect(parseMeetingPlace(" \n ")).toEqual({ ok: false, error: "error-empty" });
    expect(parseMeetingPlace("а".repeat(MAX_MEETING_PLACE))).toMatchObject({ ok: true });
    expect(parseMeetingPlace("а".repeat(5_000))).toEqual({ ok: false, error: "error-too-long", args: { max: MAX_MEETING_PLACE } });
  });
});

describe("the mentor's note", () => {
  it("is one line of at most MAX_MEETING_NOTE characters", () => {
    expect(parseMeetingNote("Сделали план\nпроекта ")).toEqual({ ok: true, value: "Сделали план проекта" });
    expect(parseMeetingNote("я".repeat(MAX_MEETING_NOTE))).toMatchObject({ ok: true });
    expect(parseMeetingNote("я".repeat(MAX_MEETING_NOTE + 1))).toEqual({
      ok: false,
      error: "error-too-long",
      args: { max: MAX_MEETING_NOTE },
    });
    expect(parseMeetingNote("")).toEqual({ ok: false, error: "error-empty" });
  });
});

describe("meetingEnd", () => {
  it("adds the length in minutes", () => {
    expect(meetingEnd(new Date("2026-05-14T13:00:00Z"), 90)).toEqual(new Date("2026-05-14T14:30:00Z"));
  });
});
