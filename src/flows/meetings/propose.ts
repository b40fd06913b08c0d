import type { Meeting, NewMeeting, ProposalRefusal, ProposalResult, SlotRefusal } from "#root/db/repositories/meetings.ts";
import type { WorkingPair } from "#root/db/repositories/pairs.ts";
import { type Dialog, runSteps } from "#root/dialog/dialog.ts";
import type { FlowContext, FlowDefinition } from "#root/dialog/flow.ts";
import { MEETING_LENGTH, parseMeetingLength, parseMeetingPlace } from "#root/domain/meetings.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { whenSteps } from "../common/date-prompts.ts";
import { choosePair } from "../common/pair.ts";
import { menuAction } from "../self-service/actions.ts";
import { movedBehind, openProposal } from "./access.ts";
import { sendProposal } from "./notices.ts";
import { answerersOf, meetingPlace, meetingsScreenButton, meetingWhen, namesOf, ONLINE_PLACE, participantsOf, revived } from "./wording.ts";

/** Times offered as buttons (typed times work too): after lessons, when most meetings happen. */
const COMMON_TIMES = ["14:00", "15:00", "16:00", "17:00", "18:00", "19:00"];
const COMMON_LENGTHS = [30, 45, 60, 90];

/** The "same place as before" button's value. */
const SAME_PLACE = "same-place";
/** Button labels stay short: Telegram cuts long ones, VK refuses labels over 40 characters. */
const shortened = (text: string): string => (text.length > 30 ? `${text.slice(0, 29)}…` : text);

/** A proposal being written: what each step answered. */
interface ProposalDraft {
  date: string;
  /** The start as an ISO instant (drafts are rebuilt on replay, so plain values only). */
  start: string;
  minutes: number;
  place: string;
  online: boolean;
  decision: "send" | "change";
}

/**
 * Asks day, time, length and place, then shows the proposal to check: "Back" on any step returns to
 * the one before, "Change" starts again. Dates and times are read on the organisation's clock. When
 * `moving` an agreed meeting, its length is offered first as "as before" and the check shows the
 * old time.
 */
async function writeProposal(
  d: Dialog,
  pair: WorkingPair,
  to: string,
  defaults: Partial<ProposalDraft>,
  moving?: Meeting,
): Promise<ProposalDraft> {
  const timeZone = pair.timeZone;
  for (;;) {
    const now = await d.now();
    const draft = { ...defaults } as ProposalDraft;
    await runSteps(d, draft, [
      ...whenSteps<ProposalDraft>(d, now, timeZone, {
        day: msg("meetings-date-question"),
        time: (date) => msg("meetings-time-question", { date }),
        commonTimes: COMMON_TIMES,
      }),
      async (draft) => {
        // The length given before (a proposal answered with another time, a slot refused) is offered too;
        // a move offers the meeting's own length first.
        const before = defaults.minutes;
        const lengths = before === undefined || COMMON_LENGTHS.includes(before) ? COMMON_LENGTHS : [...COMMON_LENGTHS, before];
        const suggestions = lengths.map((minutes) => ({ value: String(minutes), label: msg("meetings-length-button", { minutes }) }));
        draft.minutes = await d.ask(msg("meetings-length-question", { min: MEETING_LENGTH.min, max: MEETING_LENGTH.max }), {
          parse: parseMeetingLength,
          suggestions:
            moving && before !== undefined
              ? [
                  { value: String(before), label: msg("meeting-move-same-length", { minutes: before }) },
                  ...suggestions.filter((choice) => choice.value !== String(before)),
                ]
              : suggestions,
        });
      },
      async (draft) => {
        // The place given before is one press away (a button's value cannot hold the text itself).
        const before =
          defaults.place !== undefined && defaults.place !== ONLINE_PLACE
            ? { place: defaults.place, online: defaults.online ?? false }
            : undefined;
        const where = await d.ask(msg("meetings-place-question"), {
          parse: (text) =>
            text === ONLINE_PLACE
              ? { ok: true, value: { place: ONLINE_PLACE, online: true } }
              : text === SAME_PLACE && before
                ? { ok: true, value: before }
                : parseMeetingPlace(text),
          suggestions: [
            ...(before ? [{ value: SAME_PLACE, label: msg("button-meeting-same-place", { place: shortened(before.place) }) }] : []),
            { value: ONLINE_PLACE, label: msg("button-meeting-online") },
          ],
        });
        draft.place = where.place;
        draft.online = where.online;
      },
      async (draft) => {
        const details = {
          when: meetingWhen(new Date(draft.start), timeZone),
          minutes: draft.minutes,
          place: meetingPlace(draft.place),
          to,
        };
        draft.decision = await d.choose(
          moving ? msg("meeting-move-preview", { ...details, old: meetingWhen(moving.start, timeZone) }) : msg("meetings-preview", details),
          [
            { value: "send", label: msg("button-send") },
            { value: "change", label: msg("button-meeting-change") },
          ],
          { columns: 2 },
        );
      },
    ]);
    if (draft.decision === "send") return draft;
  }
}

/** Refusals of a slot, after which the person picks another. */
const REFUSALS: Record<SlotRefusal, Msg> = {
  "error-meeting-past": msg("error-meeting-past"),
  "error-meeting-overlap": msg("meetings-overlap"),
  "error-meeting-length": msg("error-meeting-length", { min: MEETING_LENGTH.min, max: MEETING_LENGTH.max }),
  unchanged: msg("meeting-move-unchanged"),
};

const isSlotRefusal = (reason: ProposalRefusal): reason is SlotRefusal => reason in REFUSALS;

/** What proposing ended with: the stored proposal, the person no longer in the pair, or why it cannot be made any more. */
export type Proposed = Meeting | "gone" | Exclude<ProposalRefusal, SlotRefusal>;

/** A proposal's draft as it is stored: what was chosen, a start as an instant. */
export interface DraftSlot {
  start: Date;
  minutes: number;
  place: string;
  online: boolean;
}

/**
 * Writes and stores a proposal until one is accepted by the database (not past, no clash with a
 * meeting of anyone in the pair, in any of their pairs). `store` re-checks who may propose; it returns
 * undefined when the person may not any more, and the flow ends. `moving`: see writeProposal.
 */
export async function proposeUntilStored(
  d: Dialog,
  pair: WorkingPair,
  to: string,
  defaults: Partial<Pick<DraftSlot, "minutes" | "place" | "online">>,
  store: (draft: DraftSlot, now: Date) => Promise<ProposalResult | undefined>,
  moving?: Meeting,
): Promise<Proposed> {
  for (;;) {
    const draft = await writeProposal(d, pair, to, defaults, moving);
    const now = await d.now();
    const slot = { start: new Date(draft.start), minutes: draft.minutes, place: draft.place, online: draft.online };
    const result = await d.run("store-proposal", () => store(slot, now));
    if (!result) return "gone";
    if (result.ok) return revived(result.meeting);
    if (!isSlotRefusal(result.reason)) return result.reason;
    // The slot is taken or its time passed while they wrote: tell them and ask again, keeping length and place.
    await d.say(REFUSALS[result.reason]);
    defaults = { minutes: draft.minutes, place: draft.place, online: draft.online };
  }
}

export const personIdsOf = (pair: WorkingPair): number[] => participantsOf(pair).map((member) => member.personId);

/** The pair as it stands now, when the person is still in it. */
export async function pairNow(ctx: FlowContext, pairId: number, personId: number): Promise<WorkingPair | undefined> {
  const [pair] = await ctx.repos.pairs.working({ pairId });
  return pair && personIdsOf(pair).includes(personId) ? pair : undefined;
}

/** Either side of a pair proposes a meeting; the other side answers with buttons. */
export const meetingProposeFlow: FlowDefinition<{ pairId?: number; replacesId?: number }> = {
  name: "meeting-propose",
  version: 1,
  async run(d, ctx, args) {
    const side = await choosePair(d, ctx, { pairId: args.pairId, prompt: msg("meetings-which-pair") });
    if (!side) return;
    const { pair, personId } = side;
    const to = namesOf(answerersOf(pair, personId));
    await d.say(msg("meetings-propose-intro", { to }));
    const stored = await proposeUntilStored(d, pair, to, {}, async (draft, now) => {
      const current = await pairNow(ctx, pair.pairId, personId);
      if (!current) return undefined;
      // A "moved" meeting is recorded as replaced only when it is this pair's.
      const replaced = args.replacesId === undefined ? undefined : await ctx.repos.meetings.get(args.replacesId);
      const meeting: NewMeeting = {
        pairId: current.pairId,
        orgId: current.orgId,
        proposedBy: personId,
        start: draft.start,
        minutes: draft.minutes,
        place: draft.place,
        online: draft.online,
        replacesId: replaced?.pairId === current.pairId && replaced.state === "moved" ? replaced.id : undefined,
      };
      const result = await ctx.repos.meetings.propose(meeting, personIdsOf(current), now);
      if (result.ok) await sendProposal(ctx.notify, result.meeting, current);
      return result;
    });
    if (typeof stored === "string") {
      await d.say(msg("pair-not-yours"), { buttons: [[menuAction.button(msg("button-menu"))]] });
      return;
    }
    await d.say(msg("meetings-sent", { to, when: meetingWhen(stored.start, pair.timeZone) }), {
      buttons: [[meetingsScreenButton(pair.pairId)], [menuAction.button(msg("button-menu"))]],
    });
  },
};

/**
 * "Another time": the person asked answers a proposal with a proposal of their own, which goes back.
 * The answer to a move moves the same agreed meeting, which stands meanwhile.
 */
export const meetingAnotherTimeFlow: FlowDefinition<{ meetingId: number }> = {
  name: "meeting-another-time",
  version: 2,
  async run(d, ctx, args) {
    const found = await openProposal(d, ctx, args.meetingId);
    if (!found) return;
    const { meeting: answered, pair, personId } = found;
    const moved = await movedBehind(d, ctx, answered.id);
    const to = namesOf(answerersOf(pair, personId));
    await d.say(msg("meetings-another-time-intro", { when: meetingWhen(answered.start, pair.timeZone), to }));
    const stored = await proposeUntilStored(
      d,
      pair,
      to,
      { minutes: answered.minutes, place: answered.place, online: answered.online },
      async (draft, now) => {
        const current = await pairNow(ctx, pair.pairId, personId);
        if (!current) return undefined;
        const meeting: NewMeeting = { pairId: current.pairId, orgId: current.orgId, proposedBy: personId, ...draft };
        const result = await ctx.repos.meetings.counter(answered.id, meeting, personIdsOf(current), now, moved?.id);
        if (result.ok) await sendProposal(ctx.notify, result.meeting, current, answered, moved);
        return result;
      },
    );
    const screen = [meetingsScreenButton(pair.pairId)];
    if (stored === "gone") {
      await d.say(msg("pair-not-yours"), { buttons: [[menuAction.button(msg("button-menu"))]] });
      return;
    }
    if (stored === "answered") {
      // Someone else in the group answered it while this person was choosing a time.
      await d.say(msg("meetings-already-answered-short"), { buttons: [screen] });
      return;
    }
    if (typeof stored === "string") {
      // The meeting being moved was called off or has begun while they chose a time.
      await d.say(
        msg(stored === "move-begun" ? "meeting-move-begun" : "meeting-move-gone", { when: meetingWhen(moved!.start, pair.timeZone) }),
        { buttons: [screen] },
      );
      return;
    }
    await d.say(msg("meetings-sent", { to, when: meetingWhen(stored.start, pair.timeZone) }), { buttons: [screen] });
  },
};
