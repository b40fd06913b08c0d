import type { Repositories } from "#root/db/repositories/index.ts";
import type { Meeting } from "#root/db/repositories/meetings.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import type { SpecButton } from "#root/messaging/message-spec.ts";
import { choosePair, pairTitle } from "../common/pair.ts";
import { menuAction } from "../self-service/actions.ts";
import { meetingAnswerAction, meetingCancelAction, meetingMoveAction, meetingProposeAction } from "./actions.ts";
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

    const buttons: SpecButton[][] = [];
    for (const meeting of upcoming.filter(mayAnswer).slice(0, MAX_BUTTONS_PER_KIND)) {
      buttons.push([
        meetingAnswerAction.button(msg("button-meeting-answer", { when: meetingWhen(meeting.start, pair.timeZone) }), {
          meetingId: meeting.id,
        }),
      ]);
    }
    for (const meeting of upcoming.filter(mayCancel).slice(0, MAX_BUTTONS_PER_KIND)) {
      const when = meetingWhen(meeting.start, pair.timeZone);
      const cancel: SpecButton = meetingCancelAction.button(msg("button-meeting-cancel", { when }), { meetingId: meeting.id });
      buttons.push(
        mayMove(meeting) ? [meetingMoveAction.button(msg("meetings-move-button", { when }), { meetingId: meeting.id }), cancel] : [cancel],
      );
    }
    buttons.push([meetingProposeAction.button(msg("button-meeting-propose"), { pairId: pair.pairId })]);
    buttons.push([menuAction.button(msg("button-menu"))]);
    await d.say(text, { buttons });
  },
};
