import type { NewOutboxMessage } from "#root/db/repositories/outbox.ts";
import type { Survey, SurveyPair } from "#root/db/repositories/surveys.ts";
import { surveyTopic } from "#root/db/repositories/surveys.ts";
import type { SurveyAudience } from "#root/domain/surveys.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { surveyAction } from "./actions.ts";

/**
 * The wording of every question and option of every question set, by the key `questionKey` and
 * `optionKey` name. Written out so that each key is a literal the locale checks can see; a new
 * question set version adds its lines here (test/unit/surveys.test.ts checks none is missing).
 */
const WORDING: Record<string, Msg> = {
  "survey-v1-mentee-confidence": msg("survey-v1-mentee-confidence"),
  "survey-v1-mentee-interest": msg("survey-v1-mentee-interest"),
  "survey-v1-mentee-goal": msg("survey-v1-mentee-goal"),
  "survey-v1-mentee-ask-for-help": msg("survey-v1-mentee-ask-for-help"),
  "survey-v1-mentee-satisfaction": msg("survey-v1-mentee-satisfaction"),
  "survey-v1-mentee-most-useful": msg("survey-v1-mentee-most-useful"),
  "survey-v1-mentee-most-useful-meetings": msg("survey-v1-mentee-most-useful-meetings"),
  "survey-v1-mentee-most-useful-plan": msg("survey-v1-mentee-most-useful-plan"),
  "survey-v1-mentee-most-useful-advice": msg("survey-v1-mentee-most-useful-advice"),
  "survey-v1-mentee-most-useful-project": msg("survey-v1-mentee-most-useful-project"),
  "survey-v1-mentee-most-useful-not-sure": msg("survey-v1-mentee-most-useful-not-sure"),
  "survey-v1-mentee-again": msg("survey-v1-mentee-again"),
  "survey-v1-mentee-again-yes": msg("survey-v1-mentee-again-yes"),
  "survey-v1-mentee-again-maybe": msg("survey-v1-mentee-again-maybe"),
  "survey-v1-mentee-again-no": msg("survey-v1-mentee-again-no"),
  "survey-v1-mentee-expectations": msg("survey-v1-mentee-expectations"),
  "survey-v1-mentee-best": msg("survey-v1-mentee-best"),
  "survey-v1-mentor-confidence": msg("survey-v1-mentor-confidence"),
  "survey-v1-mentor-skills": msg("survey-v1-mentor-skills"),
  "survey-v1-mentor-contact": msg("survey-v1-mentor-contact"),
  "survey-v1-mentor-satisfaction": msg("survey-v1-mentor-satisfaction"),
  "survey-v1-mentor-support": msg("survey-v1-mentor-support"),
  "survey-v1-mentor-progress": msg("survey-v1-mentor-progress"),
  "survey-v1-mentor-format": msg("survey-v1-mentor-format"),
  "survey-v1-mentor-format-in-person": msg("survey-v1-mentor-format-in-person"),
  "survey-v1-mentor-format-online": msg("survey-v1-mentor-format-online"),
  "survey-v1-mentor-format-mixed": msg("survey-v1-mentor-format-mixed"),
  "survey-v1-mentor-again": msg("survey-v1-mentor-again"),
  "survey-v1-mentor-again-yes": msg("survey-v1-mentor-again-yes"),
  "survey-v1-mentor-again-maybe": msg("survey-v1-mentor-again-maybe"),
  "survey-v1-mentor-again-no": msg("survey-v1-mentor-again-no"),
  "survey-v1-mentor-expectations": msg("survey-v1-mentor-expectations"),
  "survey-v1-mentor-advice": msg("survey-v1-mentor-advice"),
};

/** The wording of a question or an option, by its locale key (undefined for a key with no wording). */
export function surveyWording(key: string): Msg | undefined {
  return WORDING[key];
}

/** The keys with wording, for the check that every question set is worded. */
export const WORDED_KEYS: ReadonlySet<string> = new Set(Object.keys(WORDING));

/** The pair as its person sees it: a mentee sees the mentor, a mentor the mentees. */
export function surveyPairArgs(pair: SurveyPair, audience: SurveyAudience): { names: string; org: string } {
  const names = audience === "mentee" ? (pair.mentorName ?? "—") : pair.menteeNames.map((name) => name ?? "—").join(", ") || "—";
  return { names, org: pair.orgName };
}

type PairArgs = ReturnType<typeof surveyPairArgs>;

const INVITATIONS = {
  start: {
    mentee: (args: PairArgs) => msg("survey-invite-start-mentee", args),
    mentor: (args: PairArgs) => msg("survey-invite-start-mentor", args),
  },
  end: {
    mentee: (args: PairArgs) => msg("survey-invite-end-mentee", args),
    mentor: (args: PairArgs) => msg("survey-invite-end-mentor", args),
  },
};

const REMINDERS = {
  mentee: (args: PairArgs) => msg("survey-reminder-mentee", args),
  mentor: (args: PairArgs) => msg("survey-reminder-mentor", args),
};

function answerButton(survey: Survey) {
  return [[surveyAction.button(msg("survey-button-answer"), { id: survey.id })]];
}

/** The questionnaire's message: the pair it is about, that it takes 2 minutes and can wait, and the button. */
export function surveyInvitation(survey: Survey, pair: SurveyPair, at: Date): NewOutboxMessage {
  return {
    dedupKey: `survey:${survey.id}`,
    to: { personId: survey.personId },
    message: { text: [INVITATIONS[survey.moment][survey.audience](surveyPairArgs(pair, survey.audience))], buttons: answerButton(survey) },
    dueAt: at,
    topic: surveyTopic(survey.id),
  };
}

/** A polite reminder of an unanswered questionnaire; not sent to someone who turned reminders off. */
export function surveyReminder(survey: Survey, pair: SurveyPair, reminder: number, at: Date): NewOutboxMessage {
  return {
    dedupKey: `survey:${survey.id}:reminder:${reminder}`,
    to: { personId: survey.personId },
    message: { text: [REMINDERS[survey.audience](surveyPairArgs(pair, survey.audience))], buttons: answerButton(survey) },
    dueAt: at,
    topic: surveyTopic(survey.id),
    // A reminder held up for days (downtime, quiet hours after a long break) is not worth sending late.
    expiresAt: new Date(at.getTime() + 2 * 86_400_000),
    reminder: true,
  };
}
