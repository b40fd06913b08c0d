import type { Feature } from "#root/dialog/flow.ts";
import { MEETING_ACTIONS } from "./actions.ts";
import { meetingAcceptFlow, meetingAnswerFlow, meetingCancelFlow, meetingDeclineFlow } from "./answer.ts";
import { meetingsFlow } from "./meetings.ts";
import { meetingMoveFlow } from "./move.ts";
import { meetingAnotherTimeFlow, meetingProposeFlow } from "./propose.ts";
import { meetingTickFlow } from "./tick.ts";

export * from "./actions.ts";
export { meetingPlace, meetingWhen } from "./wording.ts";

/** A pair's meetings: proposing, answering, moving, calling off, ticking off. */
export const meetingsFeature: Feature = {
  flows: [
    meetingAnswerFlow,
    meetingAcceptFlow,
    meetingDeclineFlow,
    meetingCancelFlow,
    meetingsFlow,
    meetingMoveFlow,
    meetingProposeFlow,
    meetingAnotherTimeFlow,
    meetingTickFlow,
  ],
  actions: MEETING_ACTIONS,
};
