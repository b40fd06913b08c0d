import { defineAction } from "#root/dialog/actions.ts";

/** The buttons of self-service: the menu, help, one's profile, language, reminders, erasure. */
export const menuAction = defineAction({ name: "menu", flow: "menu" });
export const helpAction = defineAction({ name: "help", flow: "help" });
export const languageAction = defineAction({ name: "language", flow: "language" });
export const profileAction = defineAction({ name: "profile", flow: "profile" });
export const deleteMeAction = defineAction({ name: "delete-me", flow: "delete-me" });
export const remindersAction = defineAction({ name: "reminders", flow: "reminders" });

export const SELF_SERVICE_ACTIONS = [menuAction, helpAction, languageAction, profileAction, deleteMeAction, remindersAction];
