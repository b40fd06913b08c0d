import { defineAction, idField, oneOf, pageField } from "#root/dialog/actions.ts";

/** The buttons of a coordinator's programme: the cycle, the bases, review, matching, announcements, export. */
export const programmeAction = defineAction({ name: "programme", flow: "programme" });
/** A page of the base of mentees or mentors; an old or damaged button opens the first page of mentees. */
export const baseAction = defineAction({
  name: "base",
  flow: "base",
  fields: { role: oneOf(["mentee", "mentor"]), page: pageField },
  fallback: { role: "mentee", page: 0 } as const,
});
export const switchOrganisationAction = defineAction({ name: "switch-organisation", flow: "switch-organisation" });
export const openCycleAction = defineAction({ name: "open-cycle", flow: "open-cycle" });
export const organisationFormsAction = defineAction({ name: "org-forms", flow: "org-forms" });
export const announceAction = defineAction({ name: "announce", flow: "announce" });
export const announcementStatusAction = defineAction({ name: "announce-status", flow: "announce-status", fields: { id: idField } });
export const reviewMentorsAction = defineAction({ name: "review-mentors", flow: "review-mentors" });
export const situationsAction = defineAction({ name: "situations", flow: "situations" });
export const matchAction = defineAction({ name: "match", flow: "match" });
export const exportAction = defineAction({ name: "export", flow: "export" });

export const PROGRAMME_ACTIONS = [
  programmeAction,
  baseAction,
  switchOrganisationAction,
  openCycleAction,
  organisationFormsAction,
  announceAction,
  announcementStatusAction,
  reviewMentorsAction,
  situationsAction,
  matchAction,
  exportAction,
];
