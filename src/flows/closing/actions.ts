import { defineAction, idField, oneOf } from "#root/dialog/actions.ts";
import { FINAL_EVENT_ANSWERS } from "#root/domain/final-event.ts";

/** The buttons of closing a cycle: the summaries, the report, the archive, surveys and the final event. */
export const closeCycleAction = defineAction({ name: "close-cycle", flow: "close-cycle" });
export const monitoringReportAction = defineAction({ name: "monitoring-report", flow: "monitoring-report" });
export const archiveCycleAction = defineAction({ name: "archive-cycle", flow: "archive-cycle" });
export const surveyAction = defineAction({ name: "survey", flow: "survey", fields: { id: idField } });
export const finalEventAction = defineAction({ name: "final-event", flow: "final-event" });
export const finalEventChangeAction = defineAction({ name: "final-event-change", flow: "final-event-change" });
export const finalEventCancelAction = defineAction({ name: "final-event-cancel", flow: "final-event-cancel" });
/** A guest's answer to the invitation. */
export const finalEventReplyAction = defineAction({
  name: "final-event-reply",
  flow: "final-event-reply",
  fields: { eventId: idField, answer: oneOf(FINAL_EVENT_ANSWERS) },
});

export const CLOSING_ACTIONS = [
  closeCycleAction,
  monitoringReportAction,
  archiveCycleAction,
  surveyAction,
  finalEventAction,
  finalEventChangeAction,
  finalEventCancelAction,
  finalEventReplyAction,
];
