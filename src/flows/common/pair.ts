import type { WorkingPair } from "#root/db/repositories/pairs.ts";
import type { Dialog } from "#root/dialog/dialog.ts";
import type { FlowContext } from "#root/dialog/flow.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { cancellationFile, fileContent, meetingsButton, meetingTopic } from "../meetings/notices.ts";
import { tellParents } from "../meetings/parent-notices.ts";
import { meetingWhen, participantsOf } from "../meetings/wording.ts";
import { menuAction } from "../self-service/actions.ts";
import { currentPerson } from "./people.ts";
import { pickFromList } from "./picker.ts";

/** The person in this chat with the pairs and groups they work in (as mentor or mentee), from the database. */
export interface PairSide {
  personId: number;
  pair: WorkingPair;
  /** The person's part in this pair. */
  role: "mentor" | "mentee";
}

/** How a pair is named to the person in it: the other side's name(s). */
export function pairTitle(pair: WorkingPair, role: "mentor" | "mentee"): Msg {
  const others = role === "mentor" ? pair.mentees.map((mentee) => mentee.name ?? "—").join(", ") : (pair.mentor.name ?? "—");
  return msg(role === "mentor" ? "pair-title-mentor" : "pair-title-mentee", { names: others, org: pair.orgName });
}

/**
 * The working pair a person means: the one of a button (re-checked: the person must be in it), their
 * only one, or the one they pick. Says why there is none and returns undefined when there is none.
 */
export async function choosePair(
  d: Dialog,
  ctx: FlowContext,
  options: { pairId?: number; prompt?: Msg } = {},
): Promise<PairSide | undefined> {
  const me = await currentPerson(d, ctx);
  const pairs = me ? await d.run("working-pairs", () => ctx.repos.pairs.working({ personId: me.person.id })) : [];
  const sides: PairSide[] = pairs.map((pair) => ({
    personId: me!.person.id,
    pair,
    role: pair.mentor.personId === me!.person.id ? "mentor" : "mentee",
  }));
  const wanted = options.pairId === undefined ? sides : sides.filter((side) => side.pair.pairId === options.pairId);
  if (wanted.length === 0) {
    await d.say(msg(options.pairId === undefined ? "pair-none" : "pair-not-yours"), {
      buttons: [[menuAction.button(msg("button-menu"))]],
    });
    return undefined;
  }
  if (wanted.length === 1) return wanted[0];
  const chosen = await pickFromList(
    d,
    options.prompt ?? msg("pair-which"),
    wanted.map((side) => ({ value: String(side.pair.pairId), label: pairTitle(side.pair, side.role) })),
  );
  return wanted.find((side) => String(side.pair.pairId) === chosen);
}

/**
 * Tells the people left in someone's pairs that they left the programme (their data erased, the
 * reason not given): a mentor that a mentee left, mentees that their mentor left. `pairs` are the
 * person's working pairs read before the erasure.
 */
export async function tellPairsOfLeaving(
  ctx: FlowContext,
  personId: number,
  pairs: readonly WorkingPair[],
  dedupPrefix: string,
): Promise<void> {
  for (const pair of pairs) {
    if (pair.mentor.personId === personId) {
      for (const mentee of pair.mentees) {
        await ctx.notify.send(
          { personId: mentee.personId },
          { text: [msg("pair-mentor-left")] },
          `${dedupPrefix}:pair:${pair.pairId}:${mentee.personId}`,
        );
      }
      continue;
    }
    const others = pair.mentees.filter((mentee) => mentee.personId !== personId);
    const text =
      others.length > 0
        ? msg("pair-mentee-left-group", { names: others.map((mentee) => mentee.name ?? "—").join(", ") })
        : msg("pair-mentee-left");
    await ctx.notify.send(
      { personId: pair.mentor.personId },
      { text: [text] },
      `${dedupPrefix}:pair:${pair.pairId}:${pair.mentor.personId}`,
    );
  }
}

/**
 * Calls off the upcoming meetings of the pairs that end because this person left (a pair they
 * mentor, or one whose only mentee they were): reminders withdrawn, the others told, with a file that
 * takes an agreed meeting out of their calendar. A group that keeps mentees keeps its meetings.
 * `pairs` are the person's working pairs read before the erasure; the notice names nobody.
 */
export async function callOffMeetingsOfLeaving(
  ctx: FlowContext,
  personId: number,
  pairs: readonly WorkingPair[],
  now: Date,
  dedupPrefix: string,
): Promise<void> {
  for (const pair of pairs) {
    const ends = pair.mentor.personId === personId || pair.mentees.every((mentee) => mentee.personId === personId);
    if (!ends) continue;
    const { upcoming } = await ctx.repos.meetings.ofPair(pair.pairId, now);
    for (const meeting of upcoming) {
      if (meeting.state !== "accepted" && meeting.state !== "proposed") continue;
      const cancelled = await ctx.repos.meetings.cancel(meeting.id, meeting.state, personId, now);
      if (!cancelled) continue;
      await ctx.repos.outbox.withdrawTopic(meetingTopic(meeting.id), now, "a participant left the programme");
      const file =
        meeting.state === "accepted" ? cancellationFile(cancelled, pair, now, await ctx.repos.meetings.calendarIdOf(cancelled)) : undefined;
      for (const member of participantsOf(pair)) {
        if (member.personId === personId) continue;
        await ctx.notify.send(
          { personId: member.personId },
          {
            text: [
              msg(member.personId === pair.mentor.personId ? "meeting-called-off-left-mentor" : "meeting-called-off-left-mentee", {
                when: meetingWhen(meeting.start, pair.timeZone),
              }),
            ],
            buttons: [[meetingsButton(pair.pairId)]],
            ...(file ? { document: { filename: file.filename, mimeType: file.mimeType, content: fileContent(file) } } : {}),
          },
          `${dedupPrefix}:meeting:${meeting.id}:${member.personId}`,
        );
      }
      // The parents of the children who stay hear of an agreed meeting called off (not those of one who left).
      if (meeting.state === "accepted") await tellParents(ctx.repos, ctx.notify, meeting, pair, { kind: "cancelled" }, now);
    }
  }
}
