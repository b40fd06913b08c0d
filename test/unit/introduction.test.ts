import { describe, expect, it } from "vitest";
import { attendanceMarks, attendanceOpen, attendanceTally, pairIntroduction, pairsWithoutIntroduction } from "#root/domain/introduction.ts";
import { monitoringReport, type ReportPair } from "#root/domain/monitoring.ts";

const at = (iso: string) => new Date(iso);

describe("the introduction's rules", () => {
  it("offers only the published pairs no standing introduction is for, in their order", () => {
    expect(pairsWithoutIntroduction([5, 3, 9, 1], [9, 5, 42])).toEqual([3, 1]);
    expect(pairsWithoutIntroduction([5, 3], [])).toEqual([5, 3]);
    expect(pairsWithoutIntroduction([], [1])).toEqual([]);
  });

  it("lets the coordinator tick who came from the moment it begins, not before", () => {
    const start = at("2026-12-16T13:30:00Z");
    expect(attendanceOpen(start, at("2026-12-16T13:29:59Z"))).toBe(false);
    expect(attendanceOpen(start, start)).toBe(true);
    expect(attendanceOpen(start, at("2027-01-10T09:00:00Z"))).toBe(true);
  });

  it("records every pair of the introduction: ticked as held, the rest as missed; a tick of a stranger pair is ignored", () => {
    expect(attendanceMarks([1, 2, 3], [3, 1, 99])).toEqual([
      { pairId: 1, attendance: "held" },
      { pairId: 2, attendance: "missed" },
      { pairId: 3, attendance: "held" },
    ]);
    expect(attendanceMarks([1, 2], [])).toEqual([
      { pairId: 1, attendance: "missed" },
      { pairId: 2, attendance: "missed" },
    ]);
  });

  it("counts held, missed and not yet ticked", () => {
    expect(
      attendanceTally([
        { pairId: 1, attendance: "held" },
        { pairId: 2, attendance: null },
        { pairId: 3, attendance: "missed" },
        { pairId: 4, attendance: "held" },
      ]),
    ).toEqual({ pairs: 4, held: 2, missed: 1, open: 1 });
    expect(attendanceTally([])).toEqual({ pairs: 0, held: 0, missed: 0, open: 0 });
  });

  it("takes a pair as introduced if it came to any of its introductions", () => {
    expect(pairIntroduction(["missed", "held"])).toBe("held");
    expect(pairIntroduction(["missed", null])).toBe("missed");
    expect(pairIntroduction([null])).toBeNull();
    expect(pairIntroduction([])).toBeNull();
  });
});

describe("the monitoring report's introduction figure", () => {
  const pair = (pairId: number, introduction?: ReportPair["introduction"]): ReportPair => ({
    pairId,
    form: "teacher_student",
    direction: "studies",
    meetingsHeld: 0,
    milestones: 0,
    milestonesDone: 0,
    stopped: false,
    introduction,
  });
  const questions = { satisfaction: { mentee: [], mentor: [] }, growth: { mentee: [], mentor: [] } };

  it("counts the pairs whose introduction was held, of all pairs", () => {
    const report = monitoringReport([pair(1, "held"), pair(2, "missed"), pair(3, null), pair(4), pair(5, "held")], [], questions);
    expect(report.quality).toMatchObject({ pairs: 5, introductionHeld: 2 });
    expect(monitoringReport([], [], questions).quality.introductionHeld).toBe(0);
  });
});
