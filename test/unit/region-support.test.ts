import { describe, expect, it } from "vitest";
import { periodDays, reasonWeight, SUPPORT_THRESHOLDS, supportList, supportReasons } from "#root/domain/region-support.ts";
import { protectRegion } from "#root/domain/region-suppression.ts";
import { figures, SCHOOL_1, SCHOOL_2, SCHOOL_3, twoMunicipalities } from "../support/region.ts";

const AUTUMN = { from: "2026-09-01", to: "2026-11-30" };

describe("who needs support first", () => {
  it("puts a school without an open cycle first, then the one short on most counts, each with its reasons", () => {
    const list = supportList(protectRegion(twoMunicipalities()));
    expect(list.map((entry) => entry.name)).toEqual(["Школа № 3", "Школа № 1", "Гимназия № 2"]);
    expect(list[0]!.reasons).toEqual([{ kind: "no-open-cycle" }]);
    // School 1: 40 of 200 students take part, 30 meetings for 20 pairs in 91 days. Its 6 stuck pairs
    // are hidden to protect school 2's (Ekaterinburg's 8 − 6), so they are no reason here.
    expect(list[1]!.reasons.map((reason) => reason.kind).sort()).toEqual(["few-meetings", "low-coverage"]);
    expect(list[1]!.reasons).toContainEqual({ kind: "low-coverage", coverage: 0.2, target: 0.7 });
    expect(supportReasons(SCHOOL_1, AUTUMN)).toContainEqual({ kind: "stuck-pairs", stuck: 6, pairs: 20 });
    // School 2: no enrolment figure, 150 meetings for 30 pairs in 91 days, satisfaction 6.2; its 8
    // alerting pairs are hidden to protect school 1's, as school 1's stuck ones were.
    expect(list[2]!.reasons.map((reason) => reason.kind).sort()).toEqual(["few-meetings", "low-satisfaction", "no-enrolment-figure"]);
    expect(supportReasons(SCHOOL_2, AUTUMN)).toContainEqual({ kind: "alerting-pairs", alerting: 8, pairs: 30 });
    // The weightiest reason first, the paperwork last.
    expect(list[2]!.reasons.at(-1)).toEqual({ kind: "no-enrolment-figure" });
    expect(list[1]!.weight).toBeGreaterThan(list[2]!.weight);
  });

  it("never guesses a hidden cell: hidden stuck pairs, participants or meetings give no reason", () => {
    // School 3's participants and pairs are hidden: it is listed for its cycle alone, not for coverage.
    expect(supportReasons(SCHOOL_3, AUTUMN)).toEqual([{ kind: "no-open-cycle" }]);
    // School 1's alerting pairs are hidden (fewer than five): no reason about them.
    expect(supportReasons(SCHOOL_1, AUTUMN).some((reason) => reason.kind === "alerting-pairs")).toBe(false);
    // School 2's stuck pairs are hidden.
    expect(supportReasons(SCHOOL_2, AUTUMN).some((reason) => reason.kind === "stuck-pairs")).toBe(false);
    const hiddenMeetings = { ...SCHOOL_1, figures: { ...SCHOOL_1.figures, meetingsHeld: null } };
    expect(supportReasons(hiddenMeetings, AUTUMN).some((reason) => reason.kind === "few-meetings")).toBe(false);
  });

  it("lists nobody whose figures are all fine", () => {
    const fine = {
      ...SCHOOL_1,
      figures: figures({
        participants10to19: 180,
        students10to19: 200,
        pairs: 90,
        meetingsHeld: 600,
        stuckPairs: 5,
        alertingPairs: 10,
        satisfaction: { mean: 8.8, respondents: 80 },
      }),
    };
    expect(supportReasons(fine, AUTUMN)).toEqual([]);
    expect(supportList({ organisations: [fine], period: AUTUMN })).toEqual([]);
  });

  it("reads the meetings per pair over 30 days of the period, and the thresholds at their edges", () => {
    expect(periodDays(AUTUMN)).toBe(91);
    expect(periodDays({ from: "2026-12-01", to: "2026-12-31" })).toBe(31);
    const december = { from: "2026-12-01", to: "2026-12-30" };
    const at = (meetingsHeld: number) => ({ ...SCHOOL_1, figures: { ...SCHOOL_1.figures, meetingsHeld } });
    // 20 pairs over 30 days: 40 meetings are two a pair, the threshold; 39 fall short.
    expect(supportReasons(at(40), december).some((reason) => reason.kind === "few-meetings")).toBe(false);
    expect(supportReasons(at(39), december)).toContainEqual({ kind: "few-meetings", perPairMonthly: 1.95, target: 2 });
    // A quarter of the pairs stuck is listed; fewer is not.
    const stuck = (stuckPairs: number) => ({ ...SCHOOL_1, figures: { ...SCHOOL_1.figures, stuckPairs } });
    expect(supportReasons(stuck(5), AUTUMN)).toContainEqual({ kind: "stuck-pairs", stuck: 5, pairs: 20 });
    expect(supportReasons(stuck(4), AUTUMN).some((reason) => reason.kind === "stuck-pairs")).toBe(false);
  });

  it("weighs a programme not running over any two other reasons, and the worse coverage over the better", () => {
    const others = [
      reasonWeight({ kind: "low-coverage", coverage: 0, target: 0.7 }),
      reasonWeight({ kind: "stuck-pairs", stuck: 10, pairs: 10 }),
    ];
    expect(reasonWeight({ kind: "no-open-cycle" })).toBeGreaterThan(others[0]! + others[1]!);
    expect(reasonWeight({ kind: "low-coverage", coverage: 0.1, target: 0.7 })).toBeGreaterThan(
      reasonWeight({ kind: "low-coverage", coverage: 0.6, target: 0.7 }),
    );
    expect(SUPPORT_THRESHOLDS.coverage).toBe(0.7);
  });
});
