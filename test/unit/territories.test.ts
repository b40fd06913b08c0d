import { describe, expect, it } from "vitest";
import { MAX_ENROLMENT, parseEnrolment, parseTerritoryName } from "#root/domain/territories.ts";

describe("a school's number of students aged 10–19", () => {
  it.each([
    ["640", 640],
    [" 0 ", 0],
    ["100000", 100_000],
    ["1 200", 1200],
    ["12 345", 12_345],
  ])("takes %j as %i", (typed, value) => {
    expect(parseEnrolment(typed)).toEqual({ ok: true, value });
  });

  it.each(["", "-5", "100001", "6.5", "шестьсот", "12 34", "1e3", "640 учеников"])("refuses %j with a friendly re-ask", (typed) => {
    expect(parseEnrolment(typed)).toEqual({ ok: false, error: "error-enrolment", args: { max: MAX_ENROLMENT } });
  });
});

describe("a municipality's name", () => {
  it("collapses spaces and refuses an empty or an overlong one", () => {
    expect(parseTerritoryName("  Городской   округ Тверь ")).toEqual({ ok: true, value: "Городской округ Тверь" });
    expect(parseTerritoryName("   ")).toEqual({ ok: false, error: "error-empty" });
    expect(parseTerritoryName("я".repeat(201))).toMatchObject({ ok: false, error: "error-too-long" });
  });
});
