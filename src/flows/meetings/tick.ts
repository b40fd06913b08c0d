import type { FlowDefinition } from "#root/dialog/flow.ts";
import { canTickOff, isClosed, parseMeetingNote } from "#root/domain/meetings.ts";
import type { Parsed } from "#root/domain/parsers.ts";
import { msg } from "#root/i18n/translator.ts";
import { meetingInHand } from "./access.ts";
import { meetingProposeAction, type TickAnswer } from "./actions.ts";
import { meetingState, meetingsScreenButton, meetingWhen } from "./wording.ts";

const SKIP = "skip";

const TICKED = {
  held: msg("meetings-held-saved"),
  missed: msg("meetings-missed-saved"),
  moved: msg("meetings-moved-saved"),
} as const;

/** The note's answer: one line, or the "Skip" button. */
function parseNoteOrSkip(text: string): Parsed<string | null> {
  return text === SKIP ? { ok: true, value: null } : parseMeetingNote(text);
}

/**
 * The mentor's tick after a meeting, from the question the follow-up job sends: it took place (with
 * an optional one-line note), it did not, or it was moved (then a new time can be proposed). A
 * second tick, a tick by someone else or before the meeting began is refused politely.
 */
export const meetingTickFlow: FlowDefinition<{ meetingId: number; answer: TickAnswer }> = {
  name: "meeting-tick",
  version: 1,
  async run(d, ctx, args) {
    const found = await meetingInHand(d, ctx, args.meetingId);
    if (!found) return;
    const { meeting, pair } = found;
    const screen = [meetingsScreenButton(pair.pairId)];
    if (found.role !== "mentor") {
      await d.say(msg("meetings-mentor-ticks"), { buttons: [screen] });
      return;
    }
    if (isClosed(meeting.state)) {
      await d.say(msg("meetings-tick-already", { when: meetingWhen(meeting.start, pair.timeZone), state: meetingState(meeting.state) }), {
        buttons: [screen],
      });
      return;
    }
    if (meeting.state !== "accepted") {
      await d.say(msg("error-meeting-not-agreed"), { buttons: [screen] });
      return;
    }
    const now = await d.now();
    const check = canTickOff(meeting, now);
    if (!check.ok) {
      await d.say(msg(check.error), { buttons: [screen] });
      return;
    }
    const ticked = await d.run("tick", async () => {
      const updated = await ctx.repos.meetings.tick(meeting.id, args.answer, now);
      return updated ? undefined : ((await ctx.repos.meetings.get(meeting.id))?.state ?? "declined");
    });
    if (ticked !== undefined) {
      await d.say(msg("meetings-tick-already", { when: meetingWhen(meeting.start, pair.timeZone), state: meetingState(ticked) }), {
        buttons: [screen],
      });
      return;
    }
    if (args.answer === "moved") {
      await d.say(TICKED.moved, {
        buttons: [
          [meetingProposeAction.button(msg("button-meeting-propose-new-time"), { pairId: pair.pairId, replacesId: meeting.id })],
          screen,
        ],
      });
      return;
    }
    if (args.answer === "missed") {
      await d.say(TICKED.missed, { buttons: [screen] });
      return;
    }
    const note = await d.ask(msg("meetings-note-question"), {
      parse: parseNoteOrSkip,
      suggestions: [{ value: SKIP, label: msg("button-meeting-skip") }],
    });
    if (note !== null) await d.run("note", () => ctx.repos.meetings.setNote(meeting.id, note));
    await d.say(note === null ? TICKED.held : msg("meetings-note-saved", { note }), { buttons: [screen] });
  },
};
