import { describe, expect, it } from "vitest";
import {
  currentSurveySet,
  optionKey,
  parseOpenAnswer,
  parseScale,
  questionKey,
  questionsAt,
  remindersDue,
  SURVEY_AUDIENCES,
  SURVEY_SETS,
  stageOfMoment,
  surveyReminderTimes,
  surveySet,
} from "#root/domain/surveys.ts";

describe("survey question sets", () => {
  it("have one current version per audience, unique question ids, and growth scales asked at both moments", () => {
    for (const audience of SURVEY_AUDIENCES) {
      const set = currentSurveySet(audience);
      expect(set.audience).toBe(audience);
      expect(surveySet(audience, set.version)).toBe(set);
      const ids = set.questions.map((question) => question.id);
      expect(new Set(ids).size).toBe(ids.length);
      const both = set.questions.filter((question) => question.kind === "scale" && question.moments.length === 2);
      expect(both.length).toBeGreaterThanOrEqual(3);
      expect(questionsAt(set, "end").some((question) => question.kind === "scale" && question.satisfaction)).toBe(true);
      // Short enough for a child to finish: at most 8 questions at a time.
      expect(questionsAt(set, "start").length).toBeLessThanOrEqual(8);
      expect(questionsAt(set, "end").length).toBeLessThanOrEqual(8);
    }
    expect(surveySet("mentee", 99)).toBeUndefined();
    expect(SURVEY_SETS.every((set) => set.version >= 1)).toBe(true);
  });

  it("name their wording in locales by version, audience and question", () => {
    const mentee = currentSurveySet("mentee");
    const confidence = mentee.questions.find((question) => question.id === "confidence")!;
    expect(questionKey(mentee, confidence, "start")).toBe("survey-v1-mentee-confidence");
    const again = mentee.questions.find((question) => question.id === "again")!;
    expect(optionKey(mentee, again, "yes")).toBe("survey-v1-mentee-again-yes");
  });

  it("accept 1–10 and explain anything else; open answers up to 500 characters", () => {
    expect(parseScale(" 7 ")).toEqual({ ok: true, value: 7 });
    expect(parseScale("10")).toEqual({ ok: true, value: 10 });
    for (const bad of ["0", "11", "семь", "7.5", "", "-3"])
      expect(parseScale(bad)).toMatchObject({ ok: false, error: "survey-error-scale" });
    expect(parseOpenAnswer("  Было интересно  ")).toEqual({ ok: true, value: "Было интересно" });
    expect(parseOpenAnswer("   ")).toMatchObject({ ok: false, error: "error-empty" });
    expect(parseOpenAnswer("а".repeat(5_000))).toMatchObject({ ok: false, error: "survey-error-too-long" });
  });

  it("remind twice: three and seven days after sending", () => {
    const sent = new Date("2027-05-20T10:00:00Z");
    expect(surveyReminderTimes(sent).map((date) => date.toISOString())).toEqual(["2027-05-23T10:00:00.000Z", "2027-05-27T10:00:00.000Z"]);
  });

  it("count the reminders due by now, so that a run after downtime sends one, not the missed ones in a row", () => {
    const sent = new Date("2027-05-20T10:00:00Z");
    const at = (iso: string) => remindersDue(sent, new Date(iso));
    expect(at("2027-05-20T10:00:00Z")).toBe(0);
    expect(at("2027-05-23T09:59:59Z")).toBe(0);
    expect(at("2027-05-23T10:00:00Z")).toBe(1);
    expect(at("2027-05-27T09:59:59Z")).toBe(1);
    expect(at("2027-05-27T10:00:00Z")).toBe(2);
    expect(at("2027-09-01T00:00:00Z")).toBe(2);
  });

  it("are sent while the cycle is at the moment's stage: the start at work, the end at closing", () => {
    expect(stageOfMoment("start")).toBe("working");
    expect(stageOfMoment("end")).toBe("closing");
  });
});

describe("survey wording", () => {
  it("exists in both languages for every question and option of every set", async () => {
    const { Translator, LOCALES } = await import("#root/i18n/translator.ts");
    const translator = await Translator.load("ru");
    for (const set of SURVEY_SETS) {
      for (const question of set.questions) {
        const keys = [
          ...question.moments.map((moment) => questionKey(set, question, moment)),
          ...(question.kind === "choice" ? question.options.map((option) => optionKey(set, question, option)) : []),
        ];
        for (const locale of LOCALES) for (const key of keys) expect(translator.has(locale, key), `${locale}: ${key}`).toBe(true);
      }
    }
  });

  it("is written out for the flow for every question and option of every set, and nothing else", async () => {
    const { WORDED_KEYS, surveyWording } = await import("#root/flows/closing/survey-wording.ts");
    const keys = new Set<string>();
    for (const set of SURVEY_SETS) {
      for (const question of set.questions) {
        for (const moment of question.moments) keys.add(questionKey(set, question, moment));
        if (question.kind === "choice") for (const option of question.options) keys.add(optionKey(set, question, option));
      }
    }
    expect([...WORDED_KEYS].sort()).toEqual([...keys].sort());
    for (const key of keys) expect(surveyWording(key)).toEqual({ key });
    expect(surveyWording("survey-v99-mentee-confidence")).toBeUndefined();
  });
});
