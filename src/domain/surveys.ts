import type { Parsed } from "./parsers.ts";

/**
 * The feedback questionnaires of a cycle (stage 7 of the target model): mentees and mentors answer
 * one at the start of their pair's work and one at the cycle's end. The scale questions asked both
 * times measure growth; the end adds satisfaction. A question's wording lives in locales/ under
 * `survey-v<version>-<audience>-<question>` (with `-start` / `-end` for open questions that differ);
 * changing the questions means a new version, so answers always name the version they answered.
 */

export const SURVEY_AUDIENCES = ["mentee", "mentor"] as const;
export type SurveyAudience = (typeof SURVEY_AUDIENCES)[number];

export const SURVEY_MOMENTS = ["start", "end"] as const;
export type SurveyMoment = (typeof SURVEY_MOMENTS)[number];

export const SCALE = { min: 1, max: 10 } as const;
export const OPEN_ANSWER_MAX = 500;

export type SurveyQuestion =
  | { id: string; kind: "scale"; moments: readonly SurveyMoment[] /** Counts towards satisfaction in the report. */; satisfaction?: true }
  | { id: string; kind: "choice"; moments: readonly SurveyMoment[]; options: readonly string[] }
  | { id: string; kind: "open"; moments: readonly SurveyMoment[] };

export interface SurveySet {
  version: number;
  audience: SurveyAudience;
  questions: readonly SurveyQuestion[];
}

/** The current question sets. A changed set gets a new version; the old one stays for old answers. */
export const SURVEY_SETS: readonly SurveySet[] = [
  {
    version: 1,
    audience: "mentee",
    questions: [
      { id: "confidence", kind: "scale", moments: ["start", "end"] },
      { id: "interest", kind: "scale", moments: ["start", "end"] },
      { id: "goal", kind: "scale", moments: ["start", "end"] },
      { id: "ask-for-help", kind: "scale", moments: ["start", "end"] },
      { id: "satisfaction", kind: "scale", moments: ["end"], satisfaction: true },
      { id: "most-useful", kind: "choice", moments: ["end"], options: ["meetings", "plan", "advice", "project", "not-sure"] },
      { id: "again", kind: "choice", moments: ["end"], options: ["yes", "maybe", "no"] },
      { id: "expectations", kind: "open", moments: ["start"] },
      { id: "best", kind: "open", moments: ["end"] },
    ],
  },
  {
    version: 1,
    audience: "mentor",
    questions: [
      { id: "confidence", kind: "scale", moments: ["start", "end"] },
      { id: "skills", kind: "scale", moments: ["start", "end"] },
      { id: "contact", kind: "scale", moments: ["start", "end"] },
      { id: "satisfaction", kind: "scale", moments: ["end"], satisfaction: true },
      { id: "support", kind: "scale", moments: ["end"], satisfaction: true },
      { id: "progress", kind: "scale", moments: ["end"] },
      { id: "format", kind: "choice", moments: ["start"], options: ["in-person", "online", "mixed"] },
      { id: "again", kind: "choice", moments: ["end"], options: ["yes", "maybe", "no"] },
      { id: "expectations", kind: "open", moments: ["start"] },
      { id: "advice", kind: "open", moments: ["end"] },
    ],
  },
];

/** The newest question set for an audience. */
export function currentSurveySet(audience: SurveyAudience): SurveySet {
  const sets = SURVEY_SETS.filter((set) => set.audience === audience);
  return sets.reduce((newest, set) => (set.version > newest.version ? set : newest), sets[0]!);
}

/** A question set by audience and version (answers keep the version they were given in). */
export function surveySet(audience: SurveyAudience, version: number): SurveySet | undefined {
  return SURVEY_SETS.find((set) => set.audience === audience && set.version === version);
}

/** The questions asked at a moment, in order. */
export function questionsAt(set: SurveySet, moment: SurveyMoment): SurveyQuestion[] {
  return set.questions.filter((question) => question.moments.includes(moment));
}

/** The locale key of a question's wording: open questions are worded per moment. */
export function questionKey(set: SurveySet, question: SurveyQuestion, moment: SurveyMoment): string {
  const base = `survey-v${set.version}-${set.audience}-${question.id}`;
  return question.kind === "open" && question.moments.length > 1 ? `${base}-${moment}` : base;
}

/** The locale key of a choice option's label. */
export function optionKey(set: SurveySet, question: SurveyQuestion, option: string): string {
  return `survey-v${set.version}-${set.audience}-${question.id}-${option}`;
}

/** A 1–10 answer, typed or pressed. */
export function parseScale(text: string): Parsed<number> {
  const trimmed = text.trim();
  if (!/^\d{1,2}$/.test(trimmed)) return { ok: false, error: "survey-error-scale", args: { min: SCALE.min, max: SCALE.max } };
  const value = Number(trimmed);
  if (value < SCALE.min || value > SCALE.max) return { ok: false, error: "survey-error-scale", args: { min: SCALE.min, max: SCALE.max } };
  return { ok: true, value };
}

/** An open answer: kept as written (trimmed), at most OPEN_ANSWER_MAX characters. */
export function parseOpenAnswer(text: string): Parsed<string> {
  const value = text.replace(/\u0000/g, "").trim();
  if (value.length === 0) return { ok: false, error: "error-empty" };
  if (value.length > OPEN_ANSWER_MAX) return { ok: false, error: "survey-error-too-long", args: { max: OPEN_ANSWER_MAX } };
  return { ok: true, value };
}

/** Up to two polite reminders for an unanswered survey: three and seven days after it was sent. */
export const SURVEY_REMINDER_DAYS = [3, 7] as const;

const DAY_MS = 86_400_000;

/** When the reminders of a survey sent at `sentAt` are due. */
export function surveyReminderTimes(sentAt: Date): Date[] {
  return SURVEY_REMINDER_DAYS.map((days) => new Date(sentAt.getTime() + days * DAY_MS));
}

/**
 * How many reminders of a survey sent at `sentAt` are due by `now` (0, 1 or 2). A survey that has had
 * fewer gets one reminder and counts as reminded up to this number: after downtime the missed
 * reminders are not sent one after another.
 */
export function remindersDue(sentAt: Date, now: Date): number {
  return surveyReminderTimes(sentAt).filter((time) => time.getTime() <= now.getTime()).length;
}

/** The cycle stage during which a moment's questionnaire is sent and reminded of. */
export function stageOfMoment(moment: SurveyMoment): "working" | "closing" {
  return moment === "start" ? "working" : "closing";
}
