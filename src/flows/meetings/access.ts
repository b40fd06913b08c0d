import type { Meeting } from "#root/db/repositories/meetings.ts";
import type { WorkingPair } from "#root/db/repositories/pairs.ts";
import type { Dialog } from "#root/dialog/dialog.ts";
import type { FlowContext } from "#root/dialog/flow.ts";
import { msg } from "#root/i18n/translator.ts";
import { currentPerson } from "../common/people.ts";
import { menuAction } from "../self-service/actions.ts";
import { meetingProposeAction } from "./actions.ts";
import { answerersOf, meetingState, meetingsScreenButton, meetingWhen, namesOf, revived } from "./wording.ts";

/** A meeting a button names, with its pair at work and the person pressing, re-read from the database. */
export interface MeetingInHand {
  meeting: Meeting;
  pair: WorkingPair;
  personId: number;
  role: "mentor" | "mentee";
}

const menuRow = () => [menuAction.button(msg("button-menu"))];

/**
 * The meeting of a button, when the person pressing is in its pair (which is still at work);
 * otherwise says the button is not theirs and returns undefined. Buttons come from the client: a
 * forged or stale id is answered here, never trusted.
 */
export async function meetingInHand(d: Dialog, ctx: FlowContext, meetingId: number): Promise<MeetingInHand | undefined> {
  const me = await currentPerson(d, ctx);
  const found = await d.run("meeting-in-hand", async (): Promise<MeetingInHand | undefined> => {
    if (!me) return undefined;
    const meeting = await ctx.repos.meetings.get(meetingId);
    if (!meeting) return undefined;
    const [pair] = await ctx.repos.pairs.working({ pairId: meeting.pairId });
    if (!pair) return undefined;
    const personId = me.person.id;
    if (pair.mentor.personId === personId) return { meeting, pair, personId, role: "mentor" };
    if (pair.mentees.some((mentee) => mentee.personId === personId)) return { meeting, pair, personId, role: "mentee" };
    return undefined;
  });
  if (!found) {
    await d.say(msg("meetings-not-yours"), { buttons: [menuRow()] });
    return undefined;
  }
  return { ...found, meeting: revived(found.meeting) };
}

/**
 * A proposal the person may answer now: theirs to answer (not their own), still waiting, and not
 * begun. Otherwise says why, politely, and returns undefined.
 */
export async function openProposal(d: Dialog, ctx: FlowContext, meetingId: number): Promise<MeetingInHand | undefined> {
  const found = await meetingInHand(d, ctx, meetingId);
  if (!found) return undefined;
  const { meeting, pair, personId } = found;
  const screen = [meetingsScreenButton(pair.pairId)];
  const answerers = answerersOf(pair, meeting.proposedBy);
  if (meeting.proposedBy === personId) {
    await d.say(msg("meetings-own-proposal", { to: namesOf(answerers) }), { buttons: [screen] });
    return undefined;
  }
  if (!answerers.some((member) => member.personId === personId)) {
    await d.say(msg("meetings-answer-by-other", { to: namesOf(answerers) }), { buttons: [screen] });
    return undefined;
  }
  if (meeting.state !== "proposed") {
    await d.say(msg("meetings-already-answered", { state: meetingState(meeting.state) }), { buttons: [screen] });
    return undefined;
  }
  const now = await d.now();
  if (meeting.start.getTime() <= now.getTime()) {
    await d.say(msg("meetings-too-late", { when: meetingWhen(meeting.start, pair.timeZone) }), {
      buttons: [[meetingProposeAction.button(msg("button-meeting-propose"), { pairId: pair.pairId })], screen],
    });
    return undefined;
  }
  return found;
}

/** The agreed meeting a proposal moves to another time, when it is a move (read from the database once). */
export async function movedBehind(d: Dialog, ctx: FlowContext, proposalId: number): Promise<Meeting | undefined> {
  const moved = await d.run("moved-behind", () => ctx.repos.meetings.movedBy(proposalId));
  return moved ? revived(moved) : undefined;
}
