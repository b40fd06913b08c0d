import { describe, expect, it } from "vitest";
import {
  calendarEnd,
  calendarSummary,
  eventTally,
  FINAL_EVENT_DESCRIPTION_MAX,
  FINAL_EVENT_PLACE_MAX,
  parseEventDescription,
  parseEventPlace,
  repliesOpen,
  replyOutcome,
} from "#root/domain/final-event.ts";

describe("parseEventPlace", () => {
  it("keeps one tidy line", () => {
    expect(parseEventPlace("  Актовый зал,\n 2 этаж\t")).toEqual({ ok: true, value: "Актовый зал, 2 этаж" });
  });

  it("refuses an empty place and one over the limit, saying how long it was", () => {
    expect(parseEventPlace(" \n ")).toEqual({ ok: false, error: "error-empty" });
    const long = "з".repeat(5_000);
    expect(parseEventPlace(long)).toEqual({
      ok: false,
      error: "final-event-place-too-long",
      args: { max: FINAL_EVENT_PLACE_MAX, length: 5_000 },
    });
    expect(parseEventPlace("з".repeat(FINAL_EVENT_PLACE_MAX)).ok).toBe(true);
  });
});

describe("parseEventDescription", () => {
  it("keeps paragraphs, trims lines and squeezes runs of blank lines and spaces", () => {
    expect(parseEventDescription("  Праздник \r\n\r\n\r\n\r\nКонцерт   и чай\u0007 \n")).toEqual({
      ok: true,
      value: "Праздник\n\nКонцерт и чай",
    });
  });

  it("refuses 5,000 characters kindly, with the length and the limit", () => {
    const result = parseEventDescription("а".repeat(5_000));
    expect(result).toEqual({
      ok: false,
      error: "final-event-description-too-long",
      args: { max: FINAL_EVENT_DESCRIPTION_MAX, length: 5_000 },
    });
    expect(parseEventDescription("а".repeat(FINAL_EVENT_DESCRIPTION_MAX)).ok).toBe(true);
    expect(parseEventDescription("")).toEqual({ ok: false, error: "error-empty" });
  });
});

describe("calendarSummary", () => {
  it("is the first non-empty line", () => {
    expect(calendarSummary("\nПраздник наставничества\nКонцерт")).toBe("Праздник наставничества");
  });

  it("cuts a long first line at a word, with an ellipsis", () => {
    const summary = calendarSummary(`${"Большой праздник ".repeat(10)}\nдальше`);
    expect(summary.length).toBeLessThanOrEqual(80);
    expect(summary.endsWith("праздник…") || summary.endsWith("Большой…")).toBe(true);
  });
});

describe("replies", () => {
  it("are open until the event begins", () => {
    const start = new Date("2026-05-29T13:30:00Z");
    expect(repliesOpen(start, new Date("2026-05-29T13:29:59Z"))).toBe(true);
    expect(repliesOpen(start, start)).toBe(false);
    expect(calendarEnd(start)).toEqual(new Date("2026-05-29T15:30:00Z"));
  });

  it("tell a first answer, a repeated one and a change of mind apart", () => {
    expect(replyOutcome(null, "coming")).toBe("new");
    expect(replyOutcome("coming", "coming")).toBe("same");
    expect(replyOutcome("coming", "not_coming")).toBe("changed");
  });
});

describe("eventTally", () => {
  it("adds the answers up in all and per role", () => {
    const tally = eventTally([
      { role: "mentee", answer: "coming", count: 3 },
      { role: "mentee", answer: null, count: 2 },
      { role: "mentor", answer: "not_coming", count: 1 },
      { role: "parent", answer: "coming", count: 4 },
      { role: "parent", answer: "not_coming", count: 1 },
    ]);
    expect(tally).toMatchObject({ invited: 11, coming: 7, notComing: 2, waiting: 2 });
    expect(tally.byRole.mentee).toEqual({ invited: 5, coming: 3, notComing: 0, waiting: 2 });
    expect(tally.byRole.parent).toEqual({ invited: 5, coming: 4, notComing: 1, waiting: 0 });
    expect(tally.byRole.coordinator).toEqual({ invited: 0, coming: 0, notComing: 0, waiting: 0 });
  });

  it("is all zeros for an event nobody was invited to", () => {
    expect(eventTally([])).toMatchObject({ invited: 0, coming: 0, notComing: 0, waiting: 0 });
  });
});
