import type { Repositories } from "#root/db/repositories/index.ts";
import type { SurveyAnswer } from "#root/db/repositories/surveys.ts";
import { type Choice, runSteps } from "#root/dialog/dialog.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import type { Parsed } from "#root/domain/parsers.ts";
import {
  OPEN_ANSWER_MAX,
  optionKey,
  parseOpenAnswer,
  parseScale,
  questionKey,
  questionsAt,
  SCALE,
  type SurveyAudience,
  type SurveyMoment,
  type SurveyQuestion,
  surveySet,
} from "#root/domain/surveys.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import type { SpecButton } from "#root/messaging/message-spec.ts";
import { currentPerson } from "../common/people.ts";
import { menuAction } from "../self-service/actions.ts";
import { surveyPairArgs, surveyWording } from "./survey-wording.ts";

/** What a press of a questionnaire's button finds in the database (plain data: it is kept in the replay log). */
type SurveySetup =
  | { kind: "not-yours" | "answered" | "closed" }
  | { kind: "ask"; surveyId: number; audience: SurveyAudience; moment: SurveyMoment; version: number; names: string; org: string };

/**
 * Re-checks a questionnaire button against the database: the survey is this person's, not answered
 * yet, and its cycle is not archived (nor its question set gone).
 */
async function openSurvey(repos: Repositories, id: number, personId: number | undefined): Promise<SurveySetup> {
  const survey = await repos.surveys.opened(id);
  if (!survey || personId === undefined || survey.personId !== personId) return { kind: "not-yours" };
  if (survey.answeredAt) return { kind: "answered" };
  if (survey.cycleStage === "archived" || !surveySet(survey.audience, survey.version)) return { kind: "closed" };
  return {
    kind: "ask",
    surveyId: survey.id,
    audience: survey.audience,
    moment: survey.moment,
    version: survey.version,
    ...surveyPairArgs(survey.pair, survey.audience),
  };
}

const MENU: SpecButton[][] = [[menuAction.button(msg("button-menu"))]];

const REFUSALS = {
  "not-yours": msg("survey-not-yours"),
  answered: msg("survey-already-answered"),
  closed: msg("survey-closed"),
};

/** 1 to 10, shown as two rows of five; typing the number works as well as pressing it. */
const SCALE_CHOICES: Choice[] = Array.from({ length: SCALE.max - SCALE.min + 1 }, (_, index) => {
  const value = SCALE.min + index;
  return { value: String(value), label: msg("survey-scale-value", { number: value }) };
});

/** The Skip button's value on the open question. */
const SKIP = "skip";

/** Letters and digits only, lower case: typed "Пропустить" matches the "⏭ Пропустить" button. */
const comparable = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

function wordingOf(key: string): Msg {
  const wording = surveyWording(key);
  // Every question set is worded (test/unit/surveys.test.ts); a gap is a programming error.
  if (!wording) throw new Error(`No wording for the survey key ${key}`);
  return wording;
}

/**
 * A questionnaire answered from its button: the questions of its version and moment in order (scales
 * with buttons 1–10, choices with their options, the open question as text or skipped), "Back"
 * between them, all answers saved together at the end.
 */
export const surveyFlow: FlowDefinition<{ id: number }> = {
  name: "survey",
  version: 1,
  async run(d, ctx, { id }) {
    const me = await currentPerson(d, ctx);
    const setup = await d.run("open-survey", () => openSurvey(ctx.repos, id, me?.person.id));
    if (setup.kind !== "ask") {
      await d.say(REFUSALS[setup.kind], { buttons: MENU });
      return;
    }
    const set = surveySet(setup.audience, setup.version)!;
    const questions = questionsAt(set, setup.moment);
    const mentee = setup.audience === "mentee";
    const count = questions.length;
    await d.say(msg(mentee ? "survey-intro-mentee" : "survey-intro-mentor", { count, names: setup.names, org: setup.org }));

    const skipWords = new Set([SKIP, comparable(d.translate(msg("survey-button-skip")))]);
    const parseOpen = (text: string): Parsed<string | null> =>
      skipWords.has(comparable(text)) ? { ok: true, value: null } : parseOpenAnswer(text);

    const ask = async (question: SurveyQuestion, number: number): Promise<SurveyAnswer | null> => {
      const wording = wordingOf(questionKey(set, question, setup.moment));
      if (question.kind === "scale") {
        // Big buttons, and a typed "7" or "11" gets the scale's own answer rather than "use the buttons".
        const value = await d.ask(msg("survey-question", { number, count, question: wording }), {
          parse: parseScale,
          suggestions: SCALE_CHOICES,
          columns: 5,
        });
        return { questionId: question.id, kind: "scale", value };
      }
      if (question.kind === "choice") {
        const options = question.options.map((option) => ({ value: option, label: wordingOf(optionKey(set, question, option)) }));
        const chosen = await d.choose(msg("survey-question", { number, count, question: wording }), options);
        return { questionId: question.id, kind: "choice", value: chosen };
      }
      const written = await d.ask(msg("survey-question-open", { number, count, question: wording, max: OPEN_ANSWER_MAX }), {
        parse: parseOpen,
        suggestions: [{ value: SKIP, label: msg("survey-button-skip") }],
      });
      return written === null ? null : { questionId: question.id, kind: "open", value: written };
    };

    // Answers by question id; going back and answering again replaces an answer, skipping removes it.
    const draft: Record<string, SurveyAnswer | null> = {};
    await runSteps(
      d,
      draft,
      questions.map((question, index) => async (answers) => {
        answers[question.id] = await ask(question, index + 1);
      }),
    );

    const at = await d.now();
    const answers = questions
      .map((question) => draft[question.id])
      .filter((answer): answer is SurveyAnswer => answer !== null && answer !== undefined);
    const saved = await d.run("save-answers", () =>
      ctx.repos.surveys.answer({ surveyId: setup.surveyId, personId: me!.person.id, at, answers }),
    );
    if (!saved) {
      // Answered meanwhile (another device, the same button pressed twice) or the cycle was archived.
      const rechecked = await d.run("recheck-survey", () => openSurvey(ctx.repos, id, me?.person.id));
      await d.say(REFUSALS[rechecked.kind === "ask" ? "answered" : rechecked.kind], { buttons: MENU });
      return;
    }
    await d.say(msg(mentee ? "survey-thanks-mentee" : "survey-thanks-mentor"), { buttons: MENU });
  },
};
