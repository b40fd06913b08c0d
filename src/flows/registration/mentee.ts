import { runSteps } from "#root/dialog/dialog.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import { consentRequired } from "#root/domain/consent.ts";
import { parseFreeText, parseGradeForAge, parseMenteeAge, parsePersonName } from "#root/domain/parsers.ts";
import type { Direction } from "#root/domain/programme.ts";
import { msg } from "#root/i18n/translator.ts";
import { directionChoices, directionList } from "../common/choices.ts";
import {
  type AgeConflict,
  addressFromAnswers,
  askOwnConsent,
  type InviteArgs,
  knownBirthYear,
  saveRegistration,
  settleAge,
} from "./registration.ts";

interface MenteeDraft {
  fullName: string;
  birthYear: number;
  age: number;
  grade: string;
  directions: Direction[];
  goals: string;
  ageConflict?: AgeConflict;
}

/** A student joins through the mentee invite: a short, friendly questionnaire a 10-year-old can answer. */
export const registerMenteeFlow: FlowDefinition<InviteArgs> = {
  name: "register-mentee",
  version: 2,
  async run(d, ctx, invite) {
    const today = await d.now();
    const known = await knownBirthYear(d, ctx, invite);
    addressFromAnswers(d, "mentee", known, today);
    await d.say(msg("register-mentee-welcome", { org: invite.orgName }));
    const draft = {} as MenteeDraft;
    const steps: Array<(draft: MenteeDraft) => Promise<void>> = [
      async (draft) => {
        draft.fullName = await d.ask(msg("register-mentee-name"), { parse: parsePersonName });
      },
      async (draft) => {
        const typed = await d.ask(msg("register-mentee-age"), { parse: (text) => parseMenteeAge(text, today) });
        const answer = await settleAge(d, typed, known, today);
        draft.birthYear = answer.birthYear;
        draft.age = answer.age;
        draft.ageConflict = answer.conflict;
        addressFromAnswers(d, "mentee", answer.birthYear, today);
      },
      async (draft) => {
        draft.grade = await d.ask(msg("register-mentee-grade"), { parse: (text) => parseGradeForAge(text, draft.age) });
      },
      async (draft) => {
        draft.directions = await d.chooseMany(msg("register-mentee-directions"), directionChoices, { initial: draft.directions });
      },
      async (draft) => {
        draft.goals = await d.ask(msg("register-mentee-goals"), { parse: parseFreeText });
      },
      async (draft) => {
        await d.choose(
          msg("register-mentee-summary", {
            name: draft.fullName,
            age: draft.age,
            grade: draft.grade,
            directions: directionList(draft.directions),
            goals: draft.goals,
          }),
          [{ value: "save", label: msg("button-save") }],
        );
      },
    ];
    await runSteps(d, draft, steps);
    if (consentRequired(draft.age).self && !(await askOwnConsent(d, "mentee", draft.age))) {
      await d.say(msg("consent-self-declined"));
      return;
    }
    const { age, ageConflict, ...answers } = draft;
    return saveRegistration(d, ctx, invite, { role: "mentee", answers }, age, ageConflict);
  },
};
