import { defineAction, digits, idField, pageField } from "#root/dialog/actions.ts";

const planVersion = { planId: idField, version: digits(6) };

/** The buttons of the individual mentoring plan (ИПН). */
export const planAction = defineAction({ name: "plan", flow: "plan", optional: { pairId: idField } });
export const planSendAction = defineAction({ name: "plan-send", flow: "plan-send", fields: { planId: idField } });
export const planGoalAction = defineAction({ name: "plan-goal", flow: "plan-goal", fields: { planId: idField } });
export const planAddAction = defineAction({ name: "plan-add", flow: "plan-add", fields: { planId: idField } });
export const planMilestoneAction = defineAction({ name: "plan-ms", flow: "plan-milestone", fields: { milestoneId: idField } });
/** A mentee agrees to the plan in the version shown. */
export const planAgreeAction = defineAction({ name: "plan-agree", flow: "plan-agree", fields: planVersion });
export const planChangeAction = defineAction({ name: "plan-change", flow: "plan-change", fields: planVersion });
/** A coordinator's page of the organisation's plans; an old or damaged button opens the first page. */
export const plansAction = defineAction({ name: "plans", flow: "plans", fields: { page: pageField }, fallback: { page: 0 } });
export const planViewAction = defineAction({ name: "plan-view", flow: "plan-view", fields: { pairId: idField } });
/** A pair's plan as a Word document (ИПН) for the coordinator to print and have signed. */
export const planDocumentAction = defineAction({ name: "plan-doc", flow: "plan-document", fields: { pairId: idField } });

export const PLAN_ACTIONS = [
  planAction,
  planSendAction,
  planGoalAction,
  planAddAction,
  planMilestoneAction,
  planAgreeAction,
  planChangeAction,
  plansAction,
  planViewAction,
  planDocumentAction,
];
