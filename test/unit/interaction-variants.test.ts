import { describe, expect, it } from "vitest";
import { hasInteractionVariant, pairsByVariant, suggestVariant, variantForSituations } from "#root/domain/interaction-variants.ts";
import { monitoringReport, type ReportPair } from "#root/domain/monitoring.ts";
import { MENTORING_FORMS } from "#root/domain/programme.ts";

describe("interaction variants of the student–student form", () => {
  it("belong to student–student pairs only", () => {
    expect(MENTORING_FORMS.filter(hasInteractionVariant)).toEqual(["student_student"]);
  });

  it("are suggested from one mentee's situations: struggling, then disoriented or detached, else peers", () => {
    expect(variantForSituations(["struggling"])).toBe("successful_struggling");
    expect(variantForSituations(["disoriented"])).toBe("leader_passive");
    expect(variantForSituations(["detached"])).toBe("leader_passive");
    // Struggling with studies decides when both are marked.
    expect(variantForSituations(["detached", "struggling"])).toBe("successful_struggling");
    expect(variantForSituations([])).toBe("peer_to_peer");
    // Special needs alone do not point to either targeted variant.
    expect(variantForSituations(["special_needs"])).toBe("peer_to_peer");
  });

  it("suggest for a group what most of its mentees point to, a tie going to the more targeted variant", () => {
    expect(suggestVariant([["struggling"]])).toBe("successful_struggling");
    expect(suggestVariant([[]])).toBe("peer_to_peer");
    expect(suggestVariant([["detached"], ["disoriented"], ["struggling"]])).toBe("leader_passive");
    expect(suggestVariant([[], [], ["struggling"]])).toBe("peer_to_peer");
    expect(suggestVariant([["struggling"], ["detached"]])).toBe("successful_struggling");
    expect(suggestVariant([["detached"], []])).toBe("leader_passive");
    expect(suggestVariant([])).toBe("peer_to_peer");
  });

  it("count pairs by variant, leaving out forms without one", () => {
    expect(
      pairsByVariant([{ variant: "peer_to_peer" }, { variant: null }, {}, { variant: "peer_to_peer" }, { variant: "leader_passive" }]),
    ).toEqual({ successful_struggling: 0, leader_passive: 1, peer_to_peer: 2 });
  });

  it("give the monitoring report pairs and satisfaction by variant", () => {
    const pairs: ReportPair[] = [
      { pairId: 1, form: "teacher_student", direction: null, meetingsHeld: 0, milestones: 0, milestonesDone: 0, stopped: false },
      {
        pairId: 2,
        form: "student_student",
        direction: null,
        variant: "leader_passive",
        meetingsHeld: 0,
        milestones: 0,
        milestonesDone: 0,
        stopped: false,
      },
    ];
    const end = (pairId: number, satisfaction: number) => ({
      personId: pairId * 10,
      name: "—",
      audience: "mentee" as const,
      pairId,
      start: { sent: false },
      end: { sent: true, scales: { satisfaction } },
    });
    const report = monitoringReport(pairs, [end(1, 9), end(2, 7)], {
      satisfaction: { mentee: ["satisfaction"], mentor: [] },
      growth: { mentee: [], mentor: [] },
    });
    expect(report.quality.pairsByVariant).toEqual({ successful_struggling: 0, leader_passive: 1, peer_to_peer: 0 });
    expect(report.quality.satisfactionByVariant).toEqual({ leader_passive: { average: 7, answers: 1 } });
  });
});
