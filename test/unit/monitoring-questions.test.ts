import { describe, expect, it } from "vitest";
import { type ReportRespondent, reportQuestions, startEndAverages } from "#root/domain/monitoring.ts";
import type { SurveySet } from "#root/domain/surveys.ts";

describe("the report's questions", () => {
  it("reads growth from the scales asked at both moments and satisfaction from the end's satisfaction scales", () => {
    expect(reportQuestions()).toEqual({
      growth: { mentee: ["confidence", "interest", "goal", "ask-for-help"], mentor: ["confidence", "skills", "contact"] },
      satisfaction: { mentee: ["satisfaction"], mentor: ["satisfaction", "support"] },
    });
  });

  it("lists a question of several versions once, and a question only a newer version asks too", () => {
    const sets: SurveySet[] = [
      { version: 1, audience: "mentee", questions: [{ id: "confidence", kind: "scale", moments: ["start", "end"] }] },
      {
        version: 2,
        audience: "mentee",
        questions: [
          { id: "confidence", kind: "scale", moments: ["start", "end"] },
          { id: "friends", kind: "scale", moments: ["start", "end"] },
          { id: "fun", kind: "scale", moments: ["end"], satisfaction: true },
          { id: "why", kind: "open", moments: ["start", "end"] },
        ],
      },
    ];
    expect(reportQuestions(sets)).toEqual({
      growth: { mentee: ["confidence", "friends"], mentor: [] },
      satisfaction: { mentee: ["fun"], mentor: [] },
    });
  });
});

describe("start and end averages", () => {
  const respondent = (
    personId: number,
    audience: "mentee" | "mentor",
    start?: Record<string, number>,
    end?: Record<string, number>,
  ): ReportRespondent => ({
    personId,
    name: `№${personId}`,
    audience,
    pairId: 1,
    start: { sent: true, scales: start },
    end: { sent: true, scales: end },
  });

  it("counts only those who answered a question both times, per audience", () => {
    const averages = startEndAverages(
      [
        respondent(1, "mentee", { confidence: 4, interest: 5 }, { confidence: 8, interest: 6 }),
        respondent(2, "mentee", { confidence: 5 }, { confidence: 6, interest: 9 }),
        respondent(3, "mentee", { confidence: 3 }), // never answered the end
        respondent(4, "mentor", { confidence: 6 }, { confidence: 9 }),
      ],
      { mentee: ["confidence", "interest"], mentor: ["confidence", "skills"] },
    );
    expect(averages.mentee).toEqual([
      { question: "confidence", start: { average: 4.5, answers: 2 }, end: { average: 7, answers: 2 } },
      { question: "interest", start: { average: 5, answers: 1 }, end: { average: 6, answers: 1 } },
    ]);
    expect(averages.mentor).toEqual([
      { question: "confidence", start: { average: 6, answers: 1 }, end: { average: 9, answers: 1 } },
      { question: "skills", start: { average: null, answers: 0 }, end: { average: null, answers: 0 } },
    ]);
  });
});
