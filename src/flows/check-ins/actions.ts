import { defineAction, idField, pageField } from "#root/dialog/actions.ts";

/** The buttons of a pair's check-ins, the weekly digest, and asking for help. */
export const checkInAction = defineAction({ name: "check-in", flow: "check-in", fields: { id: idField } });
/** The digest of the organisation named, or of the one the coordinator works in. */
export const digestAction = defineAction({ name: "digest", flow: "digest", optional: { orgId: idField } });
export const needHelpAction = defineAction({ name: "need-help", flow: "need-help" });
/**
 * A page of an organisation's help reports (from the menu: the first page, of the organisation the
 * coordinator works in); an old or damaged button opens the first page.
 */
export const helpReportsAction = defineAction({
  name: "help-reports",
  flow: "help-reports",
  optional: { orgId: idField, page: pageField },
  fallback: {},
});
export const helpReportAction = defineAction({ name: "help-report", flow: "help-report", fields: { orgId: idField, id: idField } });

export const CHECK_IN_ACTIONS = [checkInAction, digestAction, needHelpAction, helpReportsAction, helpReportAction];
