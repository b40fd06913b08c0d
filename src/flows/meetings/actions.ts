import { defineAction, idField, oneOf } from "#root/dialog/actions.ts";

export const TICK_ANSWERS = ["held", "missed", "moved"] as const;
export type TickAnswer = (typeof TICK_ANSWERS)[number];

const aMeeting = { meetingId: idField };

/** The buttons of a pair's meetings. Without a pair, the person picks one (or has only one). */
export const meetingsAction = defineAction({ name: "meetings", flow: "meetings", optional: { pairId: idField } });
/** A new meeting of a pair; with `replacesId`, the new time of a meeting ticked "moved". */
export const meetingProposeAction = defineAction({
  name: "meeting-propose",
  flow: "meeting-propose",
  optional: { pairId: idField, replacesId: idField },
});
export const meetingAnswerAction = defineAction({ name: "meeting-answer", flow: "meeting-answer", fields: aMeeting });
export const meetingAcceptAction = defineAction({ name: "meeting-accept", flow: "meeting-accept", fields: aMeeting });
export const meetingDeclineAction = defineAction({ name: "meeting-decline", flow: "meeting-decline", fields: aMeeting });
export const meetingAnotherTimeAction = defineAction({ name: "meeting-another-time", flow: "meeting-another-time", fields: aMeeting });
export const meetingCancelAction = defineAction({ name: "meeting-cancel", flow: "meeting-cancel", fields: aMeeting });
export const meetingMoveAction = defineAction({ name: "meeting-move", flow: "meeting-move", fields: aMeeting });
/** The mentor's answer to "did the meeting take place?". */
export const meetingTickAction = defineAction({
  name: "meeting-tick",
  flow: "meeting-tick",
  fields: { meetingId: idField, answer: oneOf(TICK_ANSWERS) },
});

export const MEETING_ACTIONS = [
  meetingsAction,
  meetingProposeAction,
  meetingAnswerAction,
  meetingAcceptAction,
  meetingDeclineAction,
  meetingAnotherTimeAction,
  meetingCancelAction,
  meetingMoveAction,
  meetingTickAction,
];
