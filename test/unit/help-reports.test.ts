import { describe, expect, it } from "vitest";
import { helpReportMoves, MAX_HELP_TEXT, parseHelpText } from "#root/domain/help-reports.ts";

describe("help report moves", () => {
  it("take only a new report, answer once while open, close while open, note always", () => {
    expect(helpReportMoves({ status: "new", answered: false })).toEqual({ take: true, answer: true, close: true, note: true });
    expect(helpReportMoves({ status: "in_work", answered: false })).toEqual({ take: false, answer: true, close: true, note: true });
    expect(helpReportMoves({ status: "in_work", answered: true })).toEqual({ take: false, answer: false, close: true, note: true });
    expect(helpReportMoves({ status: "closed", answered: false })).toEqual({ take: false, answer: false, close: false, note: true });
  });

  it("keep a note or an answer as typed, refuse empty and too long ones with the length", () => {
    expect(parseHelpText("  Позвонила маме 📞\nвстреча в четверг  ", "too-long")).toEqual({
      ok: true,
      value: "Позвонила маме 📞\nвстреча в четверг",
    });
    expect(parseHelpText(" \n ", "too-long")).toEqual({ ok: false, error: "error-empty" });
    expect(parseHelpText("a".repeat(MAX_HELP_TEXT), "too-long").ok).toBe(true);
    expect(parseHelpText("a".repeat(MAX_HELP_TEXT + 1), "too-long")).toEqual({
      ok: false,
      error: "too-long",
      args: { max: MAX_HELP_TEXT, length: MAX_HELP_TEXT + 1 },
    });
  });
});
