import { defineAction, idField } from "#root/dialog/actions.ts";

/** The buttons of the introduction: its screen, scheduling, changing or calling one off, and ticking which pairs came. */
export const introductionAction = defineAction({ name: "introduction", flow: "introduction" });
export const introductionNewAction = defineAction({ name: "introduction-new", flow: "introduction-new" });
export const introductionChangeAction = defineAction({ name: "introduction-change", flow: "introduction-change", fields: { id: idField } });
export const introductionCancelAction = defineAction({ name: "introduction-cancel", flow: "introduction-cancel", fields: { id: idField } });
export const introductionAttendanceAction = defineAction({
  name: "introduction-attendance",
  flow: "introduction-attendance",
  fields: { id: idField },
});

export const INTRODUCTION_ACTIONS = [
  introductionAction,
  introductionNewAction,
  introductionChangeAction,
  introductionCancelAction,
  introductionAttendanceAction,
];
