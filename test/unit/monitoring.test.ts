import { describe, expect, it } from "vitest";
import { monitoringReport, type ReportPair, type ReportRespondent } from "#root/domain/monitoring.ts";

const QUESTIONS = {
  satisfaction: { mentee: ["satisfaction"], mentor: ["satisfaction", "support"] },
  growth: { mentee: ["confidence", "interest"], mentor: ["confidence"] },
};

const PAIRS: ReportPair[] = [
  { pairId: 1, form: "teacher_student", direction: "studies", meetingsHeld: 6, milestones: 3, milestonesDone: 3, stopped: false },
  { pairId: 2, form: "teacher_student", direction: "projects", meetingsHeld: 2, milestones: 2, milestonesDone: 1, stopped: false },
  { pairId: 3, form: "student_student", direction: "studies", meetingsHeld: 1, milestones: 0, milestonesDone: 0, stopped: true },
];

const RESPONDENTS: ReportRespondent[] = [
  // Pair 1: both answered twice.
  {
    personId: 11,
    name: "Маша",
    audience: "mentee",
    pairId: 1,
    start: { sent: true, scales: { confidence: 4, interest: 5 } },
    end: { sent: true, scales: { confidence: 8, interest: 6, satisfaction: 9 } },
  },
  {
    personId: 12,
    name: "Ирина",
    audience: "mentor",
    pairId: 1,
    start: { sent: true, scales: { confidence: 6 } },
    end: { sent: true, scales: { confidence: 8, satisfaction: 10, support: 8 } },
  },
  // Pair 2: the mentee never answered the end questionnaire.
  {
    personId: 21,
    name: "Петя",
    audience: "mentee",
    pairId: 2,
    start: { sent: true, scales: { confidence: 7, interest: 7 } },
    end: { sent: true },
  },
  {
    personId: 22,
    name: "Олег",
    audience: "mentor",
    pairId: 2,
    start: { sent: true, scales: { confidence: 5 } },
    end: { sent: true, scales: { confidence: 4, satisfaction: 6, support: 6 } },
  },
  // Pair 3 stopped: the mentee answered only at the end, the start was not sent (joined late).
  {
    personId: 31,
    name: "Коля",
    audience: "mentee",
    pairId: 3,
    start: { sent: false },
    end: { sent: true, scales: { confidence: 6, interest: 6, satisfaction: 5 } },
  },
];

describe("monitoring report", () => {
  const report = monitoringReport(PAIRS, RESPONDENTS, QUESTIONS);

  it("part 1, quality: response rates, satisfaction by form and direction, meetings, plans, stopped pairs", () => {
    const { quality } = report;
    expect(quality.pairs).toBe(3);
    expect(quality.pairsStopped).toBe(1);
    expect(quality.responseRates.mentee).toEqual({ start: { sent: 2, answered: 2, rate: 1 }, end: { sent: 3, answered: 2, rate: 2 / 3 } });
    expect(quality.responseRates.mentor).toEqual({ start: { sent: 2, answered: 2, rate: 1 }, end: { sent: 2, answered: 2, rate: 1 } });
    // Satisfaction per respondent: Маша 9, Ирина (10+8)/2 = 9, Олег (6+6)/2 = 6, Коля 5.
    expect(quality.satisfactionOverall).toEqual({ average: 7.3, answers: 4 });
    expect(quality.satisfactionByForm).toEqual({
      teacher_student: { average: 8, answers: 3 },
      student_student: { average: 5, answers: 1 },
    });
    expect(quality.satisfactionByDirection).toEqual({ studies: { average: 7.7, answers: 3 }, projects: { average: 6, answers: 1 } });
    expect(quality.meetingsHeldPerPair).toBe(3);
    expect(quality.plansCompleted).toBe(1);
    expect(quality.plansWithMilestones).toBe(2);
    expect(quality.milestonesDoneShare).toBeCloseTo(4 / 5);
  });

  it("part 2, growth: the change between start and end per participant and on average", () => {
    const { growth } = report;
    expect(growth.rows.map((row) => [row.name, row.changes, row.average])).toEqual([
      ["Маша", { confidence: 4, interest: 1 }, 2.5],
      ["Ирина", { confidence: 2 }, 2],
      ["Петя", {}, null],
      ["Олег", { confidence: -1 }, -1],
      ["Коля", {}, null],
    ]);
    expect(growth.byQuestion.mentee).toEqual({ confidence: { average: 4, answers: 1 }, interest: { average: 1, answers: 1 } });
    expect(growth.byQuestion.mentor).toEqual({ confidence: { average: 0.5, answers: 2 } });
    expect(growth.overall).toEqual({ mentee: { average: 2.5, answers: 1 }, mentor: { average: 0.5, answers: 2 } });
  });

  it("an empty cycle gives zeros and no averages, not errors", () => {
    const empty = monitoringReport([], [], QUESTIONS);
    expect(empty.quality).toMatchObject({
      pairs: 0,
      meetingsHeldPerPair: 0,
      plansCompleted: 0,
      milestonesDoneShare: 0,
      satisfactionOverall: { average: null, answers: 0 },
    });
    expect(empty.growth.overall.mentee).toEqual({ average: null, answers: 0 });
  });
});
