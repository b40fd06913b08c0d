import type { Repositories } from "#root/db/repositories/index.ts";
import type { Meeting } from "#root/db/repositories/meetings.ts";
import type { DialogButton } from "#root/dialog/dialog.ts";
import type { ActionRoute, FlowDefinition } from "#root/dialog/flow.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { choosePair, pairTitle } from "../common/pair.ts";
import { meetingAcceptFlow, meetingAnswerFlow, meetingCancelFlow, meetingDeclineFlow } from "./answer.ts";
import { meetingMoveFlow } from "./move.ts";
import { meetingAnotherTimeFlow, meetingProposeFlow } from "./propose.ts";
import { meetingTickFlow, TICK_ANSWERS, type TickAnswer } from "./tick.ts";
import { answerersOf, meetingLine, meetingState, meetingWhen, revived, stacked } from "./wording.ts";

/** Buttons a screen shows at most per kind (VK keyboards are small). */
const MAX_BUTTONS_PER_KIND = 3;

/**
 * A person's meetings still ahead (proposed or agreed) in all their pairs and groups, soonest first:
 * what a mentee sees as "upcoming meetings", for other screens to show.
 */
export function upcomingMeetings(repos: Repositories, personId: number, now: Date): Promise<Meeting[]> {
  return repos.meetings.upcomingFor(personId, now);
}

/**
 * The meetings screen of a pair or group, for the mentor and the mentees alike: meetings ahead with
 * their state, recent ones, and buttons to answer, move, call off or propose.
 */
export const meetingsFlow: FlowDefinition<{ pairId?: number }> = {
  name: "meetings",
  version: 2,
  async run(d, ctx, args) {
    const side = await choosePair(d, ctx, { pairId: args.pairId, prompt: msg("meetings-which-pair") });
    if (!side) return;
    const { pair, personId } = side;
    const now = await d.now();
    const found = await d.run("meetings-of-pair", async () => ({
      ...(await ctx.repos.meetings.ofPair(pair.pairId, now)),
      movesPending: (await ctx.repos.meetings.pendingMovesOf(pair.pairId)).map((move) => move.movedId),
    }));
    const upcoming = found.upcoming.map(revived);
    const recent = found.recent.map(revived);
    const movesPending = new Set(found.movesPending);
    const mayAnswer = (meeting: Meeting) =>
      meeting.state === "proposed" &&
      meeting.proposedBy !== personId &&
      answerersOf(pair, meeting.proposedBy).some((member) => member.personId === personId);
    const mayCancel = (meeting: Meeting) =>
      meeting.start.getTime() > now.getTime() &&
      (meeting.state === "accepted" || (meeting.state === "proposed" && meeting.proposedBy === personId));
    // One move at a time: a meeting whose move waits for an answer shows that instead.
    const mayMove = (meeting: Meeting) =>
      meeting.state === "accepted" && meeting.start.getTime() > now.getTime() && !movesPending.has(meeting.id);
    const stateOf = (meeting: Meeting): Msg =>
      mayAnswer(meeting)
        ? msg("meetings-state-your-answer")
        : movesPending.has(meeting.id)
          ? msg("meetings-move-state-pending")
          : meetingState(meeting.state);

    const text: Msg[] = [msg("meetings-title", { pair: pairTitle(pair, side.role) })];
    text.push(
      upcoming.length > 0
        ? msg("meetings-upcoming", { lines: stacked(upcoming.map((meeting) => meetingLine(meeting, pair.timeZone, stateOf(meeting)))) })
        : msg("meetings-upcoming-none"),
    );
    if (recent.length > 0)
      text.push(
        msg("meetings-recent", {
          lines: stacked(recent.map((meeting) => meetingLine(meeting, pair.timeZone, meetingState(meeting.state)))),
        }),
      );

    const buttons: DialogButton[][] = [];
    for (const meeting of upcoming.filter(mayAnswer).slice(0, MAX_BUTTONS_PER_KIND)) {
      buttons.push([
        {
          label: msg("button-meeting-answer", { when: meetingWhen(meeting.start, pair.timeZone) }),
          action: "meeting-answer",
          arg: meeting.id,
        },
      ]);
    }
    for (const meeting of upcoming.filter(mayCancel).slice(0, MAX_BUTTONS_PER_KIND)) {
      const when = meetingWhen(meeting.start, pair.timeZone);
      const cancel: DialogButton = { label: msg("button-meeting-cancel", { when }), action: "meeting-cancel", arg: meeting.id };
      buttons.push(
        mayMove(meeting) ? [{ label: msg("meetings-move-button", { when }), action: "meeting-move", arg: meeting.id }, cancel] : [cancel],
      );
    }
    buttons.push([{ label: msg("button-meeting-propose"), action: "meeting-propose", arg: pair.pairId }]);
    buttons.push([{ label: msg("button-menu"), action: "menu" }]);
    await d.say(text, { buttons });
  },
};

export const MEETING_FLOWS: FlowDefinition[] = [
  meetingsFlow,
  meetingProposeFlow,
  meetingAnotherTimeFlow,
  meetingAnswerFlow,
  meetingAcceptFlow,
  meetingDeclineFlow,
  meetingCancelFlow,
  meetingMoveFlow,
  meetingTickFlow,
];

const ID = /^\d{1,15}$/;

/** A button's meeting id, or undefined for one that cannot be (a forged button). */
const meetingRoute =
  (flow: string): ActionRoute =>
  (arg) =>
    arg && ID.test(arg) ? { flow, args: { meetingId: Number(arg) } } : undefined;

export const MEETING_ACTIONS: Record<string, ActionRoute> = {
  // Without an argument the person picks the pair (or has only one).
  meetings: (arg) =>
    arg === undefined ? { flow: "meetings", args: {} } : ID.test(arg) ? { flow: "meetings", args: { pairId: Number(arg) } } : undefined,
  // `<pairId>`, or `<pairId>.<meetingId>` for the new time of a meeting ticked "moved".
  "meeting-propose": (arg) => {
    const match = arg === undefined ? undefined : /^(\d{1,15})(?:\.(\d{1,15}))?$/.exec(arg);
    if (arg === undefined) return { flow: "meeting-propose", args: {} };
    if (!match) return undefined;
    return { flow: "meeting-propose", args: { pairId: Number(match[1]), ...(match[2] ? { replacesId: Number(match[2]) } : {}) } };
  },
  "meeting-answer": meetingRoute("meeting-answer"),
  "meeting-accept": meetingRoute("meeting-accept"),
  "meeting-decline": meetingRoute("meeting-decline"),
  "meeting-another-time": meetingRoute("meeting-another-time"),
  "meeting-cancel": meetingRoute("meeting-cancel"),
  "meeting-move": meetingRoute("meeting-move"),
  // `<meetingId>.<held|missed|moved>`
  "meeting-tick": (arg) => {
    const match = arg === undefined ? undefined : /^(\d{1,15})\.([a-z]+)$/.exec(arg);
    const answer = match?.[2] as TickAnswer | undefined;
    return match && answer && TICK_ANSWERS.includes(answer)
      ? { flow: "meeting-tick", args: { meetingId: Number(match[1]), answer } }
      : undefined;
  },
};
