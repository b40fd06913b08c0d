import type { Feature } from "#root/dialog/flow.ts";
import { SELF_SERVICE_ACTIONS } from "./actions.ts";
import { deleteMeFlow } from "./delete-me.ts";
import { languageFlow } from "./language.ts";
import { linkAccountsFlow } from "./link-accounts.ts";
import { helpFlow, menuFlow } from "./menu.ts";
import { profileFlow } from "./profile.ts";
import { remindersFlow } from "./reminders.ts";

export * from "./actions.ts";

/** Self-service: the menu and help, one's profile, language, reminders, linked accounts, erasure. */
export const selfServiceFeature: Feature = {
  flows: [deleteMeFlow, languageFlow, linkAccountsFlow, menuFlow, helpFlow, profileFlow, remindersFlow],
  actions: SELF_SERVICE_ACTIONS,
  commands: {
    menu: () => ({ flow: "menu" }),
    help: () => ({ flow: "help" }),
    language: () => ({ flow: "language" }),
    profile: () => ({ flow: "profile" }),
    delete_me: () => ({ flow: "delete-me" }),
    link: (args) => ({ flow: "link-accounts", args: { code: args || undefined } }),
    reminders: () => ({ flow: "reminders" }),
  },
};
