import type { Choice } from "#root/dialog/dialog.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import { ageThisYear } from "#root/domain/consent.ts";
import { parseCapacity, parseFreeText, parseGrade, parseGradeForAge, parsePersonName } from "#root/domain/parsers.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { directionChoices, directionList, mentorKindChoices, messengerNames } from "../common/choices.ts";
import { currentPerson } from "../common/people.ts";

type Field = "name" | "grade" | "mentee-directions" | "goals" | "kind" | "mentor-directions" | "offer" | "capacity" | "availability";

/** Anyone sees what the bot keeps about them and changes it. */
export const profileFlow: FlowDefinition = {
  name: "profile",
  version: 2,
  async run(d, ctx) {
    const me = await currentPerson(d, ctx);
    if (!me) {
      await d.say(msg("profile-none"));
      return { next: "menu" };
    }
    const personId = me.person.id;
    const menteeId = me.memberships.find((m) => m.role === "mentee")?.participantId;
    const mentorId = me.memberships.find((m) => m.role === "mentor")?.participantId;
    for (;;) {
      // Field after field, for as long as the person edits: each lap back to the profile can be a new run.
      if (d.checkpointDue) return { next: "profile" };
      const view = await d.run("load-profile", async () => ({
        person: await ctx.repos.people.get(personId),
        mentee: menteeId ? await ctx.repos.people.menteeProfile(menteeId) : undefined,
        mentor: mentorId ? await ctx.repos.people.mentorProfile(mentorId) : undefined,
        platforms: await ctx.repos.accounts.platformsOf(personId),
        year: ctx.now().getUTCFullYear(),
      }));
      if (!view.person) return { next: "menu" };
      const lines: Msg[] = [
        msg("profile-person", {
          name: view.person.fullName ?? "",
          age: view.person.birthYear ? ageThisYear(view.person.birthYear, new Date(Date.UTC(view.year, 0, 1))) : "—",
          language: msg(`language-${view.person.locale}`),
          messengers: messengerNames(view.platforms),
        }),
      ];
      if (view.mentee) {
        lines.push(
          msg("profile-mentee", { grade: view.mentee.grade, directions: directionList(view.mentee.directions), goals: view.mentee.goals }),
        );
      }
      if (view.mentor) {
        lines.push(
          msg("profile-mentor", {
            kind: msg(`mentor-kind-${view.mentor.kind}`),
            directions: directionList(view.mentor.directions),
            offer: view.mentor.offer,
            capacity: view.mentor.capacity,
            availability: view.mentor.availability,
          }),
        );
      }
      lines.push(msg(view.person.remindersOn ? "profile-reminders-on" : "profile-reminders-off"));
      await d.say(lines);
      const fields: Choice<Field | "reminders" | "delete" | "done">[] = [{ value: "name", label: msg("profile-field-name") }];
      if (view.mentee) {
        fields.push(
          { value: "grade", label: msg("profile-field-grade") },
          { value: "mentee-directions", label: msg("profile-field-directions") },
          { value: "goals", label: msg("profile-field-goals") },
        );
      }
      if (view.mentor) {
        fields.push(
          { value: "mentor-directions", label: msg(view.mentee ? "profile-field-mentor-directions" : "profile-field-directions") },
          { value: "offer", label: msg("profile-field-offer") },
          { value: "capacity", label: msg("profile-field-capacity") },
          { value: "availability", label: msg("profile-field-availability") },
        );
      }
      fields.push({ value: "reminders", label: msg("profile-field-reminders") });
      fields.push({ value: "delete", label: msg("button-delete-me") }, { value: "done", label: msg("button-done") });
      const field = await d.choose(msg("profile-what-to-change"), fields, { columns: 2 });
      if (field === "done") return { next: "menu" };
      if (field === "delete") return { next: "delete-me" };
      if (field === "reminders") return { next: "reminders" };
      const age = view.person.birthYear ? ageThisYear(view.person.birthYear, new Date(Date.UTC(view.year, 0, 1))) : undefined;
      await editField(field, age);
      await d.say(msg("profile-saved"));
    }

    /** `age`: the person's known age, which a class must fit. */
    async function editField(field: Field, age: number | undefined): Promise<void> {
      const { people } = ctx.repos;
      switch (field) {
        case "name": {
          // A mentee is asked as at registration; a mentor, a parent or a coordinator with «ты» or «вы» by age.
          const value = await d.ask(msg(menteeId ? "register-mentee-name" : "profile-name-question"), { parse: parsePersonName });
          await d.run("save", () => people.rename(personId, value));
          return;
        }
        case "grade": {
          const value = await d.ask(msg("register-mentee-grade"), {
            parse: (text) => (age === undefined ? parseGrade(text) : parseGradeForAge(text, age)),
          });
          await d.run("save", () => people.updateMenteeProfile(menteeId!, { grade: value }));
          return;
        }
        case "goals": {
          const value = await d.ask(msg("register-mentee-goals"), { parse: parseFreeText });
          await d.run("save", () => people.updateMenteeProfile(menteeId!, { goals: value }));
          return;
        }
        case "mentee-directions":
        case "mentor-directions": {
          const participantId = field === "mentee-directions" ? menteeId! : mentorId!;
          const current = await d.run("current-directions", async () =>
            field === "mentee-directions"
              ? ((await people.menteeProfile(participantId))?.directions ?? [])
              : ((await people.mentorProfile(participantId))?.directions ?? []),
          );
          const value = await d.chooseMany(msg("register-mentee-directions"), directionChoices, { initial: current });
          await d.run("save", () =>
            field === "mentee-directions"
              ? people.updateMenteeProfile(participantId, { directions: value })
              : people.updateMentorProfile(participantId, { directions: value }),
          );
          return;
        }
        case "kind": {
          const value = await d.choose(msg("register-mentor-kind"), mentorKindChoices);
          await d.run("save", () => people.updateMentorProfile(mentorId!, { kind: value }));
          return;
        }
        case "offer": {
          const value = await d.ask(msg("register-mentor-offer"), { parse: parseFreeText });
          await d.run("save", () => people.updateMentorProfile(mentorId!, { offer: value }));
          return;
        }
        case "capacity": {
          const value = await d.ask(msg("register-mentor-capacity"), { parse: parseCapacity });
          await d.run("save", () => people.updateMentorProfile(mentorId!, { capacity: value }));
          return;
        }
        case "availability": {
          const value = await d.ask(msg("register-mentor-availability"), { parse: parseFreeText });
          await d.run("save", () => people.updateMentorProfile(mentorId!, { availability: value }));
          return;
        }
      }
    }
  },
};
