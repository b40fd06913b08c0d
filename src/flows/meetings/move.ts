import type { Meeting, NewMeeting } from "#root/db/repositories/meetings.ts";
import type { WorkingPair } from "#root/db/repositories/pairs.ts";
import type { Dialog } from "#root/dialog/dialog.ts";
import type { FlowContext, FlowDefinition } from "#root/dialog/flow.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import type { SpecButton } from "#root/messaging/message-spec.ts";
import { menuAction } from "../self-service/actions.ts";
import { type MeetingInHand, meetingInHand } from "./access.ts";
import { meetingAnswerAction } from "./actions.ts";
import { sendProposal } from "./notices.ts";
import { type DraftSlot, pairNow, personIdsOf, proposeUntilStored } from "./propose.ts";
import { answerersOf, meetingState, meetingsScreenButton, meetingWhen, namesOf, revived } from "./wording.ts";

/*
 * Moving an agreed meeting to another time, in place: the new time goes to the other side as a
 * proposal that replaces the meeting. Until they answer, the meeting stands (reminders and all);
 * accepted, it becomes "moved" and the new meeting takes over its calendar event.
 */

/**
 * Why the person cannot move the meeting now, with the buttons to go on with; undefined when they
 * can: it must be agreed, not begun, with no other move of it waiting for an answer (`pending`).
 */
export function moveRefusal(
  meeting: Meeting,
  pending: Meeting | undefined,
  pair: WorkingPair,
  personId: number,
  now: Date,
): { text: Msg; buttons: SpecButton[][] } | undefined {
  const screen = [meetingsScreenButton(pair.pairId)];
  if (meeting.state !== "accepted")
    return { text: msg("meeting-move-not-agreed", { state: meetingState(meeting.state) }), buttons: [screen] };
  if (meeting.start.getTime() <= now.getTime())
    return { text: msg("meeting-move-begun", { when: meetingWhen(meeting.start, pair.timeZone) }), buttons: [screen] };
  if (!pending) return undefined;
  const answerers = answerersOf(pair, pending.proposedBy);
  const when = meetingWhen(pending.start, pair.timeZone);
  // The other side may have answered this person's move with another time: theirs to answer now.
  if (pending.proposedBy !== personId && answerers.some((member) => member.personId === personId)) {
    return {
      text: msg("meeting-move-pending-yours", { when }),
      buttons: [[meetingAnswerAction.button(msg("button-meeting-answer", { when }), { meetingId: pending.id })], screen],
    };
  }
  return { text: msg("meeting-move-pending", { when, to: namesOf(answerers) }), buttons: [screen] };
}

/**
 * Re-reads the meeting and a move of it waiting for an answer (`key` names the read, as each is
 * recorded once) and says why it cannot be moved; false when it can.
 */
async function saidWhyNot(d: Dialog, ctx: FlowContext, found: MeetingInHand, key: string): Promise<boolean> {
  const read = await d.run(key, async () => ({
    meeting: (await ctx.repos.meetings.get(found.meeting.id)) ?? null,
    pending: (await ctx.repos.meetings.pendingMove(found.meeting.id)) ?? null,
  }));
  const now = await d.now();
  const meeting = read.meeting ? revived(read.meeting) : { ...found.meeting, state: "declined" as const };
  const refusal = moveRefusal(meeting, read.pending ? revived(read.pending) : undefined, found.pair, found.personId, now);
  if (!refusal) return false;
  await d.say(refusal.text, { buttons: refusal.buttons });
  return true;
}

const sameAs = (draft: DraftSlot, meeting: Meeting): boolean =>
  draft.start.getTime() === meeting.start.getTime() && draft.minutes === meeting.minutes && draft.place === meeting.place;

/**
 * "📅 Move" on an agreed meeting, for the mentor or a mentee of the pair: asks the new day, time,
 * length and place as a proposal does (the meeting's own length and place one press away) and sends
 * it to the other side, who accept, decline or answer with another time.
 */
export const meetingMoveFlow: FlowDefinition<{ meetingId: number }> = {
  name: "meeting-move",
  version: 1,
  async run(d, ctx, args) {
    const found = await meetingInHand(d, ctx, args.meetingId);
    if (!found) return;
    if (await saidWhyNot(d, ctx, found, "movable")) return;
    const { meeting, pair, personId } = found;
    const old = meetingWhen(meeting.start, pair.timeZone);
    const to = namesOf(answerersOf(pair, personId));
    await d.say(msg("meeting-move-intro", { when: old, to }));
    const defaults = { minutes: meeting.minutes, place: meeting.place, online: meeting.online };
    const stored = await proposeUntilStored(
      d,
      pair,
      to,
      defaults,
      async (draft, now) => {
        if (sameAs(draft, meeting)) return { ok: false, reason: "unchanged" };
        const current = await pairNow(ctx, pair.pairId, personId);
        if (!current) return undefined;
        const proposal: NewMeeting = { pairId: current.pairId, orgId: current.orgId, proposedBy: personId, ...draft };
        const result = await ctx.repos.meetings.proposeMove(meeting.id, proposal, personIdsOf(current), now);
        if (result.ok) await sendProposal(ctx.notify, result.meeting, current, undefined, meeting);
        return result;
      },
      meeting,
    );
    if (stored === "gone") {
      await d.say(msg("pair-not-yours"), { buttons: [[menuAction.button(msg("button-menu"))]] });
      return;
    }
    if (typeof stored === "string") {
      // Called off, moved, begun or given another move while they chose the time: say which.
      if (!(await saidWhyNot(d, ctx, found, "movable-again")))
        await d.say(msg("meeting-move-gone", { when: old }), { buttons: [[meetingsScreenButton(pair.pairId)]] });
      return;
    }
    await d.say(msg("meeting-move-sent", { old, when: meetingWhen(stored.start, pair.timeZone), to }), {
      buttons: [[meetingsScreenButton(pair.pairId)]],
    });
  },
};
