import type { Feature } from "#root/dialog/flow.ts";
import { PLAN_ACTIONS } from "./actions.ts";
import { planAgreeFlow, planChangeFlow } from "./agreement.ts";
import { planDocumentFlow, plansFlow, planViewFlow } from "./coordinator.ts";
import { planAddFlow, planGoalFlow, planMilestoneFlow, planSendFlow } from "./edit.ts";
import { planFlow } from "./plan.ts";

export * from "./actions.ts";

/** The individual mentoring plan (ИПН): drafting, editing, agreement, the coordinator's overview. */
export const planFeature: Feature = {
  flows: [
    planAgreeFlow,
    planChangeFlow,
    plansFlow,
    planViewFlow,
    planDocumentFlow,
    planSendFlow,
    planGoalFlow,
    planAddFlow,
    planMilestoneFlow,
    planFlow,
  ],
  actions: PLAN_ACTIONS,
};
