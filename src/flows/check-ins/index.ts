import type { Feature } from "#root/dialog/flow.ts";
import { CHECK_IN_ACTIONS } from "./actions.ts";
import { checkInFlow } from "./check-in.ts";
import { digestFlow } from "./digest.ts";
import { helpReportAnswerFlow, helpReportCloseFlow, helpReportNoteFlow, helpReportTakeFlow } from "./help-report-handling.ts";
import { helpReportFlow, helpReportsFlow } from "./help-reports.ts";
import { helpReportsExportFlow } from "./help-reports-export.ts";
import { needHelpFlow } from "./need-help.ts";

export * from "./actions.ts";
export { type AlertDetails, alertMessages, alertText, respondentLine } from "./alerts.ts";
export { digestMessage, progressChartLabels } from "./digest-message.ts";
export { escalationAlert } from "./help-report-wording.ts";

/** Check-ins, alerts about pairs, the weekly digest, and asking an adult for help. */
export const checkInsFeature: Feature = {
  flows: [
    checkInFlow,
    digestFlow,
    helpReportsFlow,
    helpReportFlow,
    helpReportTakeFlow,
    helpReportNoteFlow,
    helpReportAnswerFlow,
    helpReportCloseFlow,
    helpReportsExportFlow,
    needHelpFlow,
  ],
  actions: CHECK_IN_ACTIONS,
};
