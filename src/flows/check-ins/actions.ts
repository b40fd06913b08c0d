import { defineAction, idField, oneOf, pageField } from "#root/dialog/actions.ts";

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
  // `only: "open"` leaves closed reports out (older buttons, without it, list every report).
  optional: { orgId: idField, page: pageField, only: oneOf(["open"] as const) },
  fallback: {},
});
export const helpReportAction = defineAction({ name: "help-report", flow: "help-report", fields: { orgId: idField, id: idField } });
/** A coordinator's moves on one report: take it, write the private note, answer the reporter, close it. */
export const helpReportTakeAction = defineAction({ name: "hr-take", flow: "help-report-take", fields: { orgId: idField, id: idField } });
export const helpReportNoteAction = defineAction({ name: "hr-note", flow: "help-report-note", fields: { orgId: idField, id: idField } });
export const helpReportAnswerAction = defineAction({
  name: "hr-answer",
  flow: "help-report-answer",
  fields: { orgId: idField, id: idField },
});
export const helpReportCloseAction = defineAction({ name: "hr-close", flow: "help-report-close", fields: { orgId: idField, id: idField } });
/** Every report of the organisation as an XLSX file for the safeguarding file. */
export const helpReportsExportAction = defineAction({
  name: "hr-export",
  flow: "help-reports-export",
  optional: { orgId: idField },
  fallback: {},
});

export const CHECK_IN_ACTIONS = [
  checkInAction,
  digestAction,
  needHelpAction,
  helpReportsAction,
  helpReportAction,
  helpReportTakeAction,
  helpReportNoteAction,
  helpReportAnswerAction,
  helpReportCloseAction,
  helpReportsExportAction,
];
