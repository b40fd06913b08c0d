import type { FlowDefinition } from "#root/dialog/flow.ts";
import { type EventKind, type FinalEventAnswer, type GuestRole, repliesOpen, replyOutcome } from "#root/domain/final-event.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { currentPerson } from "../common/people.ts";
import { menuAction } from "../self-service/actions.ts";
import { finalEventReplyAction } from "./actions.ts";
import { eventWhen } from "./final-event-wording.ts";

type ReplyResult =
  | { kind: "not-invited"; event?: EventKind }
  | { kind: "cancelled"; event: EventKind }
  | { kind: "past"; event: EventKind; startsAt: string; timeZone: string }
  | { kind: "answered"; role: GuestRole; previous: FinalEventAnswer | null; startsAt: string; place: string; timeZone: string };

/** The refusals name the event the button is of; an unknown event is refused as the final event always was. */
const REFUSALS: Record<EventKind, { notInvited: Msg; cancelled: Msg; past: (when: Msg) => Msg }> = {
  final: {
    notInvited: msg("final-event-reply-not-invited"),
    cancelled: msg("final-event-reply-cancelled"),
    past: (when) => msg("final-event-reply-past", { when }),
  },
  introduction: {
    notInvited: msg("introduction-reply-not-invited"),
    cancelled: msg("introduction-reply-cancelled"),
    past: (when) => msg("introduction-reply-past", { when }),
  },
};

const OTHER: Record<FinalEventAnswer, FinalEventAnswer> = { coming: "not_coming", not_coming: "coming" };

const CHANGE_BUTTONS: Record<FinalEventAnswer, Msg> = {
  coming: msg("button-final-event-coming"),
  not_coming: msg("button-final-event-not-coming"),
};

const ANSWER_NAMES: Record<FinalEventAnswer, Msg> = {
  coming: msg("final-event-answer-coming"),
  not_coming: msg("final-event-answer-not-coming"),
};

/** The confirmation: a child reads the "ты" version with a little cheer, adults the plain one. */
function confirmation(role: GuestRole, answer: FinalEventAnswer, args: { when: Msg; place: string }): Msg {
  if (role === "mentee")
    return answer === "coming" ? msg("final-event-reply-coming-mentee", args) : msg("final-event-reply-not-coming-mentee", args);
  return answer === "coming" ? msg("final-event-reply-coming", args) : msg("final-event-reply-not-coming", args);
}

/**
 * "I'll come" / "I can't" on an invitation to the final event. The button comes from the client, so
 * the person is re-checked against the database: invited to this event (or, joined since, one of the
 * cycle's participants or consenting parents), and the event not begun. An answer may be changed;
 * the coordinators are not told of each one (they see the counts).
 */
export const finalEventReplyFlow: FlowDefinition<{ eventId: number; answer: FinalEventAnswer }> = {
  name: "final-event-reply",
  version: 1,
  async run(d, ctx, { eventId, answer }) {
    const me = await currentPerson(d, ctx);
    const now = await d.now();
    const result = await d.run("reply", async (): Promise<ReplyResult> => {
      const { finalEvents, organisations } = ctx.repos;
      const event = await finalEvents.get(eventId);
      if (!event) return { kind: "not-invited" };
      if (!me) return { kind: "not-invited", event: event.kind };
      const personId = me.person.id;
      if (event.cancelledAt) return { kind: "cancelled", event: event.kind };
      let role = (await finalEvents.guest(event.id, personId))?.role;
      if (!role) {
        // An introduction is for its own pairs' people and parents only.
        const pairIds =
          event.kind === "introduction" ? (await ctx.repos.introductions.marks(event.id)).map((mark) => mark.pairId) : undefined;
        const [joined] = await finalEvents.audience(event.cycleId, { personId, pairIds });
        if (!joined) return { kind: "not-invited", event: event.kind };
        // Joined the cycle after the invitations went out (a forwarded invitation): counted from now on.
        await finalEvents.invite(event, [joined], now);
        role = joined.role;
      }
      const timeZone = (await organisations.get(event.orgId))?.timezone ?? "UTC";
      const startsAt = event.startsAt.toISOString();
      if (!repliesOpen(event.startsAt, now)) return { kind: "past", event: event.kind, startsAt, timeZone };
      const { previous } = await finalEvents.reply(event, personId, answer, now);
      return { kind: "answered", role, previous, startsAt, place: event.place, timeZone };
    });

    const menu = [menuAction.button(msg("button-menu"))];
    if (result.kind === "not-invited" || result.kind === "cancelled") {
      const refusals = REFUSALS[result.event ?? "final"];
      await d.say(result.kind === "cancelled" ? refusals.cancelled : refusals.notInvited, { buttons: [menu] });
      return;
    }
    const when = eventWhen(result, result.timeZone);
    if (result.kind === "past") {
      await d.say(REFUSALS[result.event].past(when), { buttons: [menu] });
      return;
    }
    const { role, previous } = result;
    const outcome = replyOutcome(previous, answer);
    const mentee = role === "mentee";
    const lines: Msg[] = [];
    if (outcome === "same") {
      lines.push(
        mentee
          ? msg("final-event-reply-same-mentee", { answer: ANSWER_NAMES[answer] })
          : msg("final-event-reply-same", { answer: ANSWER_NAMES[answer] }),
      );
    } else {
      if (outcome === "changed") lines.push(mentee ? msg("final-event-reply-changed-mentee") : msg("final-event-reply-changed"));
      lines.push(confirmation(role, answer, { when, place: result.place }));
    }
    // The other answer stays one press away: plans change.
    const other = OTHER[answer];
    await d.say(lines, { buttons: [[finalEventReplyAction.button(CHANGE_BUTTONS[other], { eventId, answer: other })], menu] });
  },
};
