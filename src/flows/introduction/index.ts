import type { Feature } from "#root/dialog/flow.ts";
import { INTRODUCTION_ACTIONS } from "./actions.ts";
import { introductionAttendanceFlow } from "./attendance.ts";
import { introductionCancelFlow, introductionChangeFlow } from "./change.ts";
import { introductionFlow, introductionNewFlow } from "./introduction.ts";

export * from "./actions.ts";

/** The introduction of the pairs (stage 5): scheduled, changed or called off by a coordinator, answered like the final event, ticked per pair. */
export const introductionFeature: Feature = {
  flows: [introductionFlow, introductionNewFlow, introductionChangeFlow, introductionCancelFlow, introductionAttendanceFlow],
  actions: INTRODUCTION_ACTIONS,
};
