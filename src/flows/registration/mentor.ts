import { runSteps } from "#root/dialog/dialog.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import { ageThisYear, consentRequired } from "#root/domain/consent.ts";
import { parseCapacity, parseFreeText, parseMentorAge, parsePersonName } from "#root/domain/parsers.ts";
import type { Direction, MentorKind } from "#root/domain/programme.ts";
import { MENTOR_AGE } from "#root/domain/programme.ts";
import { msg } from "#root/i18n/translator.ts";
import { directionChoices, directionList, mentorKindChoices } from "../common/choices.ts";
import {
  type AgeConflict,
  addressFromAnswers,
  askOwnConsent,
  type InviteArgs,
  knownBirthYear,
  saveRegistration,
  settleAge,
} from "./registration.ts";

interface MentorDraft {
  fullName: string;
  kind: MentorKind;
  birthYear: number;
  age: number;
  directions: Direction[];
  offer: string;
  capacity: number;
  availability: string;
  ageConflict?: AgeConflict;
}

const CAPACITY_SUGGESTIONS = ["1", "2", "3", "4", "5"].map((value) => ({ value, label: msg("plain", { text: value }) }));

/** A mentor (teacher, older student, university student, adult or employer) joins through the mentor invite. */
export const registerMentorFlow: FlowDefinition<InviteArgs> = {
  name: "register-mentor",
  version: 2,
  async run(d, ctx, invite) {
    const today = await d.now();
    const known = await knownBirthYear(d, ctx, invite);
    addressFromAnswers(d, "mentor", known, today);
    // A child the bot knows to be younger than a mentor can be is told so before any question.
    if (known !== null && ageThisYear(known, today) < MENTOR_AGE.min) {
      await d.say(msg("register-mentor-too-young", { min: MENTOR_AGE.min }));
      return { next: "menu" };
    }
    await d.say(msg("register-mentor-welcome", { org: invite.orgName }));
    const draft = {} as MentorDraft;
    await runSteps(d, draft, [
      async (draft) => {
        draft.fullName = await d.ask(msg("register-mentor-name"), { parse: parsePersonName });
      },
      async (draft) => {
        draft.kind = await d.choose(msg("register-mentor-kind"), mentorKindChoices);
      },
      async (draft) => {
        const typed = await d.ask(msg("register-mentor-age"), { parse: (text) => parseMentorAge(text, today) });
        const answer = await settleAge(d, typed, known, today);
        draft.birthYear = answer.birthYear;
        draft.age = answer.age;
        draft.ageConflict = answer.conflict;
        addressFromAnswers(d, "mentor", answer.birthYear, today);
      },
      async (draft) => {
        draft.directions = await d.chooseMany(msg("register-mentor-directions"), directionChoices, { initial: draft.directions });
      },
      async (draft) => {
        draft.offer = await d.ask(msg("register-mentor-offer"), { parse: parseFreeText });
      },
      async (draft) => {
        draft.capacity = await d.ask(msg("register-mentor-capacity"), { parse: parseCapacity, suggestions: CAPACITY_SUGGESTIONS });
      },
      async (draft) => {
        draft.availability = await d.ask(msg("register-mentor-availability"), { parse: parseFreeText });
      },
      async (draft) => {
        await d.choose(
          msg("register-mentor-summary", {
            name: draft.fullName,
            kind: msg(`mentor-kind-${draft.kind}`),
            age: draft.age,
            directions: directionList(draft.directions),
            offer: draft.offer,
            capacity: draft.capacity,
            availability: draft.availability,
          }),
          [{ value: "save", label: msg("button-save") }],
        );
      },
    ]);
    if (consentRequired(draft.age).self && !(await askOwnConsent(d, "mentor", draft.age))) {
      await d.say(msg("consent-self-declined"));
      return;
    }
    const { age, ageConflict, ...answers } = draft;
    return saveRegistration(d, ctx, invite, { role: "mentor", answers }, age, ageConflict);
  },
};
