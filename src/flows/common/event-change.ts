import type { Dialog } from "#root/dialog/dialog.ts";
import type { FlowContext } from "#root/dialog/flow.ts";
import type { EventKind } from "#root/domain/final-event.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { cancellationNotices, changeNotices, type EventView, eventTopic, eventView, eventWhen } from "../closing/final-event-wording.ts";
import { type EventDraft, type EventPreview, writeEvent } from "./event-writing.ts";

/*
 * Changing and calling off an event a coordinator invited people to (the final event, an
 * introduction): one implementation, the wording by the event's kind. Guests are told through the
 * outbox in their own words (src/flows/closing/final-event-wording.ts, by the event's kind).
 */

/** What the coordinator reads while changing or calling off one kind of event. */
export interface EventChangeWording {
  changeIntro: Msg;
  changePreview: EventPreview;
  startPassed: Msg;
  changeSent(count: number): Msg;
  changeSentAskAgain(count: number): Msg;
  /** Someone else changed or called it off meanwhile: nothing was sent. */
  stale: Msg;
  cancelConfirm(details: { when: Msg; count: number }): Msg;
  cancelDone(count: number): Msg;
}

/** The event as the coordinator saw it, with what the notices need. */
export interface EventToChange {
  orgId: number;
  orgName: string;
  timeZone: string;
  event: EventView;
  /** How many guests are invited: the preview and the confirmation say it. */
  invited: number;
}

/** Why the outbox dropped an event's earlier messages, for its log. */
const LOG_NAMES: Record<EventKind, string> = { final: "final event", introduction: "introduction" };

export const hasBegun = (event: Pick<EventView, "startsAt">, now: Date): boolean => new Date(event.startsAt).getTime() <= now.getTime();

/**
 * Another day, time, place or description, written like the invitation. Every guest is told, with a
 * calendar file that replaces their copy; a new start clears the answers and asks again. Written
 * against the event as the coordinator saw it: a change by someone else meanwhile wins. Returns the
 * notice for the coordinator's screen.
 */
export async function changeEvent(d: Dialog, ctx: FlowContext, target: EventToChange, wording: EventChangeWording): Promise<Msg> {
  const { orgId, orgName, timeZone, event } = target;
  await d.say(wording.changeIntro);
  let defaults: Partial<EventDraft> = { place: event.place, description: event.description };
  let draft: EventDraft;
  for (;;) {
    draft = await writeEvent(d, timeZone, orgName, target.invited, defaults, wording.changePreview);
    if (!hasBegun({ startsAt: draft.start }, await d.now())) break;
    await d.say(wording.startPassed);
    defaults = { place: draft.place, description: draft.description };
  }
  const now = await d.now();
  const outcome = await d.run("change", async () => {
    const result = await ctx.inOrganisation(orgId, async (repos) => {
      const changed = await repos.finalEvents.change(event.id, event.sequence, {
        startsAt: new Date(draft.start),
        place: draft.place,
        description: draft.description,
      });
      if (!changed) return { kind: "stale" as const };
      const view = eventView(changed.event);
      // Invitations or notices not delivered yet tell of the old details: the new notice replaces them.
      await repos.outbox.withdrawTopic(eventTopic(view.id), now, `${LOG_NAMES[view.kind]} changed`);
      const guests = await repos.finalEvents.guests(view.id);
      await repos.outbox.enqueue(changeNotices(view, guests, orgName, timeZone, now, changed.answersCleared));
      return { kind: "changed" as const, count: guests.length, askedAgain: changed.answersCleared };
    });
    if (result.kind === "changed") ctx.kickDelivery();
    return result;
  });
  if (outcome.kind === "stale") return wording.stale;
  return outcome.askedAgain ? wording.changeSentAskAgain(outcome.count) : wording.changeSent(outcome.count);
}

/**
 * Calling the event off, once confirmed: every guest is told, with a calendar file that removes the
 * event. "kept" when the coordinator thought better of it; otherwise the notice for their screen.
 */
export async function cancelEvent(
  d: Dialog,
  ctx: FlowContext,
  target: EventToChange,
  wording: EventChangeWording,
): Promise<{ kind: "kept" } | { kind: "done"; notice: Msg }> {
  const { orgId, orgName, timeZone, event } = target;
  const answer = await d.choose(wording.cancelConfirm({ when: eventWhen(event, timeZone), count: target.invited }), [
    // Not "cancel": that value is the prompts' own Cancel button.
    { value: "call-off", label: msg("button-final-event-cancel-confirm") },
    { value: "keep", label: msg("button-final-event-cancel-keep") },
  ]);
  if (answer === "keep") return { kind: "kept" };
  const now = await d.now();
  const outcome = await d.run("cancel", async () => {
    const result = await ctx.inOrganisation(orgId, async (repos) => {
      const cancelled = await repos.finalEvents.cancel(event.id, event.sequence, now);
      if (!cancelled) return { kind: "stale" as const };
      const view = eventView(cancelled);
      await repos.outbox.withdrawTopic(eventTopic(view.id), now, `${LOG_NAMES[view.kind]} called off`);
      const guests = await repos.finalEvents.guests(view.id);
      await repos.outbox.enqueue(cancellationNotices(view, guests, orgName, timeZone, now));
      return { kind: "cancelled" as const, count: guests.length };
    });
    if (result.kind === "cancelled") ctx.kickDelivery();
    return result;
  });
  return { kind: "done", notice: outcome.kind === "stale" ? wording.stale : wording.cancelDone(outcome.count) };
}
