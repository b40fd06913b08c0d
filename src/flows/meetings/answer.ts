import type { Meeting } from "#root/db/repositories/meetings.ts";
import type { Dialog } from "#root/dialog/dialog.ts";
import type { FlowContext, FlowDefinition } from "#root/dialog/flow.ts";
import type { MeetingState } from "#root/domain/meetings.ts";
import { msg } from "#root/i18n/translator.ts";
import { meetingInHand, movedBehind, openProposal } from "./access.ts";
import { meetingAcceptAction, meetingAnotherTimeAction, meetingDeclineAction, meetingProposeAction } from "./actions.ts";
import { announceAccepted, announceCancelled, announceDeclined, type CalendarFile, fileContent, proposalMessage } from "./notices.ts";
import {
  answerersOf,
  meetingPlace,
  meetingState,
  meetingsScreenButton,
  meetingWhen,
  nameIn,
  namesOf,
  participantsOf,
  revived,
} from "./wording.ts";

const documentOf = (file: CalendarFile) => ({ filename: file.filename, mimeType: file.mimeType, content: fileContent(file) });

/** The state a meeting is in now, for "already answered" (it may have changed since the flow read it). */
async function stateNow(get: (id: number) => Promise<Meeting | undefined>, id: number): Promise<MeetingState> {
  return (await get(id))?.state ?? "declined";
}

/** A proposal shown again from the meetings screen, with its answer buttons. */
export const meetingAnswerFlow: FlowDefinition<{ meetingId: number }> = {
  name: "meeting-answer",
  version: 2,
  async run(d, ctx, args) {
    const found = await openProposal(d, ctx, args.meetingId);
    if (!found) return;
    const proposal = proposalMessage(found.meeting, found.pair, undefined, await movedBehind(d, ctx, found.meeting.id));
    await d.say(proposal.text, {
      buttons: [
        [
          meetingAcceptAction.button(msg("button-meeting-accept"), { meetingId: found.meeting.id }),
          meetingDeclineAction.button(msg("button-meeting-decline"), { meetingId: found.meeting.id }),
        ],
        [meetingAnotherTimeAction.button(msg("button-meeting-another-time"), { meetingId: found.meeting.id })],
      ],
    });
  },
};

type OpenProposal = NonNullable<Awaited<ReturnType<typeof openProposal>>>;

/**
 * Answers a proposal at most once: `answer` runs as one recorded effect and gives undefined when
 * someone answered first, who then hears the state the meeting is in. Returns what `answer` gave.
 */
async function answerOnce<T>(
  d: Dialog,
  ctx: FlowContext,
  meetingId: number,
  key: string,
  answer: (found: OpenProposal, now: Date) => Promise<T | undefined>,
): Promise<{ found: OpenProposal; result: T } | undefined> {
  const found = await openProposal(d, ctx, meetingId);
  if (!found) return undefined;
  const now = await d.now();
  const done = await d.run(key, async () => {
    const result = await answer(found, now);
    return result === undefined
      ? { ok: false as const, state: await stateNow((id) => ctx.repos.meetings.get(id), meetingId) }
      : { ok: true as const, result };
  });
  if (!done.ok) {
    await d.say(msg("meetings-already-answered", { state: meetingState(done.state) }), {
      buttons: [[meetingsScreenButton(found.pair.pairId)]],
    });
    return undefined;
  }
  return { found, result: done.result };
}

/**
 * "✅ Suits me": the meeting is agreed; both sides get the calendar file and reminders are planned.
 * A move agreed replaces the meeting it moves: its reminders are withdrawn and the file moves its
 * calendar event. A move of a meeting that has begun meanwhile is refused.
 */
export const meetingAcceptFlow: FlowDefinition<{ meetingId: number }> = {
  name: "meeting-accept",
  version: 2,
  async run(d, ctx, args) {
    const done = await answerOnce(d, ctx, args.meetingId, "accept", async ({ pair, personId }, now) => {
      const outcome = await ctx.repos.meetings.accept(args.meetingId, personId, now);
      if (!outcome) return undefined;
      if (outcome.kind === "begun") return { kind: "begun" as const, moved: outcome.moved };
      const moved = outcome.kind === "moved" ? outcome.moved : undefined;
      const file = await announceAccepted(ctx.repos, ctx.notify, outcome.meeting, pair, personId, now, moved);
      // A meeting within the hour has its reminder due at once: deliver it now, not at the next poll.
      ctx.kickDelivery();
      return { kind: "agreed" as const, meeting: outcome.meeting, file, moved };
    });
    if (!done) return;
    const { pair, personId } = done.found;
    const screen = [meetingsScreenButton(pair.pairId)];
    if (done.result.kind === "begun") {
      await d.say(msg("meeting-move-begun-answer", { old: meetingWhen(revived(done.result.moved).start, pair.timeZone) }), {
        buttons: [screen],
      });
      return;
    }
    const meeting = revived(done.result.meeting);
    const others = participantsOf(pair).filter((member) => member.personId !== personId);
    const details = {
      with: namesOf(others),
      when: meetingWhen(meeting.start, pair.timeZone),
      minutes: meeting.minutes,
      place: meetingPlace(meeting.place),
    };
    const moved = done.result.moved ? revived(done.result.moved) : undefined;
    await d.say(
      moved
        ? msg("meeting-move-accepted-you", { ...details, old: meetingWhen(moved.start, pair.timeZone) })
        : msg("meetings-accepted-you", details),
      {
        document: documentOf(done.result.file),
        buttons: [screen],
      },
    );
  },
};

/**
 * "✖️ Can't": the proposal is declined and the others are told. A declined move leaves the agreed
 * meeting as it was, reminders and all.
 */
export const meetingDeclineFlow: FlowDefinition<{ meetingId: number }> = {
  name: "meeting-decline",
  version: 2,
  async run(d, ctx, args) {
    const done = await answerOnce(d, ctx, args.meetingId, "decline", async ({ pair, personId }, now) => {
      const moved = await ctx.repos.meetings.movedBy(args.meetingId);
      const declined = await ctx.repos.meetings.decline(args.meetingId, personId, now);
      if (!declined) return undefined;
      await announceDeclined(ctx.notify, declined, pair, personId, moved);
      return { moved: moved ?? null };
    });
    if (!done) return;
    const { pair, meeting } = done.found;
    const screen = [meetingsScreenButton(pair.pairId)];
    if (done.result.moved) {
      await d.say(
        msg("meeting-move-declined-you", {
          old: meetingWhen(revived(done.result.moved).start, pair.timeZone),
          to: nameIn(pair, meeting.proposedBy),
        }),
        { buttons: [screen] },
      );
      return;
    }
    await d.say(msg("meetings-declined-you", { to: nameIn(pair, meeting.proposedBy) }), {
      buttons: [[meetingProposeAction.button(msg("button-meeting-another-time"), { pairId: pair.pairId })], screen],
    });
  },
};

/**
 * Calling a meeting off from the meetings screen: an agreed one by anyone in the pair (reminders
 * withdrawn, a calendar file that removes it), a proposal by its proposer before it is answered.
 */
export const meetingCancelFlow: FlowDefinition<{ meetingId: number }> = {
  name: "meeting-cancel",
  version: 1,
  async run(d, ctx, args) {
    const found = await meetingInHand(d, ctx, args.meetingId);
    if (!found) return;
    const { meeting, pair, personId } = found;
    const screen = [meetingsScreenButton(pair.pairId)];
    const now = await d.now();
    const cancellable =
      meeting.start.getTime() > now.getTime() &&
      (meeting.state === "accepted" || (meeting.state === "proposed" && meeting.proposedBy === personId));
    if (!cancellable) {
      await d.say(
        msg(meeting.state === "proposed" ? "meetings-cancel-not-yours" : "meetings-cancel-too-late", {
          state: meetingState(meeting.state),
        }),
        { buttons: [screen] },
      );
      return;
    }
    const when = meetingWhen(meeting.start, pair.timeZone);
    const agreed = meeting.state === "accepted";
    const sure = await d.choose(
      msg(agreed ? "meetings-cancel-question" : "meetings-withdraw-question", {
        when,
        to: namesOf(agreed ? participantsOf(pair).filter((m) => m.personId !== personId) : answerersOf(pair, personId)),
      }),
      [
        { value: "yes", label: msg("button-meeting-cancel-yes") },
        { value: "no", label: msg("button-meeting-cancel-no") },
      ],
      { columns: 2 },
    );
    if (sure === "no") {
      await d.say(msg("meetings-cancel-kept"), { buttons: [screen] });
      return;
    }
    const at = await d.now();
    const done = await d.run("cancel", async () => {
      const cancelled = await ctx.repos.meetings.cancel(meeting.id, agreed ? "accepted" : "proposed", personId, at);
      if (!cancelled) return { ok: false as const, state: await stateNow((id) => ctx.repos.meetings.get(id), meeting.id) };
      const file = await announceCancelled(ctx.repos, ctx.notify, agreed ? meeting : undefined, cancelled, pair, personId, at);
      return { ok: true as const, file };
    });
    if (!done.ok) {
      await d.say(msg("meetings-cancel-too-late", { state: meetingState(done.state) }), { buttons: [screen] });
      return;
    }
    await d.say(msg(agreed ? "meetings-cancelled-you" : "meetings-withdrawn-you", { when }), {
      buttons: [[meetingProposeAction.button(msg("button-meeting-propose"), { pairId: pair.pairId })], screen],
      ...(done.file ? { document: documentOf(done.file) } : {}),
    });
  },
};
