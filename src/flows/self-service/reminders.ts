import type { FlowDefinition } from "#root/dialog/flow.ts";
import { msg } from "#root/i18n/translator.ts";
import { currentPerson } from "../common/people.ts";

/**
 * Turns reminders (meeting reminders, check-in questions) off and on. Whatever the choice, people
 * still get what is not a reminder: a meeting proposed to them, their pair, a coordinator's message.
 */
export const remindersFlow: FlowDefinition = {
  name: "reminders",
  version: 1,
  async run(d, ctx) {
    const me = await currentPerson(d, ctx);
    if (!me) {
      await d.say(msg("profile-none"));
      return { next: "menu" };
    }
    const on = me.person.remindersOn;
    const choice = await d.choose(msg(on ? "reminders-now-on" : "reminders-now-off"), [
      { value: "switch", label: msg(on ? "button-reminders-turn-off" : "button-reminders-turn-on") },
      { value: "keep", label: msg(on ? "button-reminders-keep-on" : "button-reminders-keep-off") },
    ]);
    if (choice === "switch") {
      await d.run("save", () => ctx.repos.people.setReminders(me.person.id, !on));
      await d.say(msg(on ? "reminders-turned-off" : "reminders-turned-on"));
    }
    return { next: "menu" };
  },
};
