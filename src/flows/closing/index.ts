import type { Feature } from "#root/dialog/flow.ts";
import { CLOSING_ACTIONS } from "./actions.ts";
import { archiveCycleFlow, closeCycleFlow } from "./closing.ts";
import { finalEventCancelFlow, finalEventChangeFlow, finalEventFlow } from "./final-event.ts";
import { finalEventReplyFlow } from "./final-event-reply.ts";
import { monitoringReportFlow } from "./report.ts";
import { surveyFlow } from "./survey.ts";

export * from "./actions.ts";
export { surveyInvitation, surveyReminder } from "./survey-wording.ts";

/** Closing the cycle: summaries, surveys, the monitoring report, the final event, the archive. */
export const closingFeature: Feature = {
  flows: [
    closeCycleFlow,
    archiveCycleFlow,
    finalEventReplyFlow,
    finalEventFlow,
    finalEventChangeFlow,
    finalEventCancelFlow,
    monitoringReportFlow,
    surveyFlow,
  ],
  actions: CLOSING_ACTIONS,
};
