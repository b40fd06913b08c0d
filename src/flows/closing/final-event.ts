import type { Repositories } from "#root/db/repositories/index.ts";
import type { Dialog } from "#root/dialog/dialog.ts";
import type { FlowContext, FlowDefinition } from "#root/dialog/flow.ts";
import { type CycleStage, formatCalendarDate } from "#root/domain/cycle.ts";
import { eventTally, FINAL_EVENT_DESCRIPTION_MAX, type GuestCount } from "#root/domain/final-event.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import type { SpecButton } from "#root/messaging/message-spec.ts";
import { type EventDraft, type EventPreview, writeEvent } from "../common/event-writing.ts";
import { coordinatorScope } from "../common/people.ts";
import { programmeAction } from "../programme/actions.ts";
import { menuAction } from "../self-service/actions.ts";
import { finalEventAction, finalEventCancelAction, finalEventChangeAction } from "./actions.ts";
import {
  cancellationNotices,
  changeNotices,
  type EventView,
  eventDetails,
  eventTopic,
  eventView,
  eventWhen,
  invitations,
  tallyLines,
} from "./final-event-wording.ts";

const STAGES: Record<CycleStage, Msg> = {
  matching: msg("stage-matching"),
  working: msg("stage-working"),
  closing: msg("stage-closing"),
  archived: msg("stage-archived"),
};

/** Where the coordinator's cycle stands as far as the final event goes. */
type EventState =
  | { kind: "no-cycle" }
  | { kind: "not-closing"; stage: CycleStage; endsOn: string }
  | { kind: "event"; cycleName: string; event: EventView; counts: GuestCount[] }
  | { kind: "new"; cycleId: number; cycleName: string; invited: number };

async function eventState(repos: Repositories, orgId: number, coordinatorId: number): Promise<EventState> {
  const cycle = await repos.cycles.current(orgId);
  if (!cycle) return { kind: "no-cycle" };
  // An event once announced stays visible with its counts, whatever the stage since.
  const event = await repos.finalEvents.forCycle(cycle.id);
  if (event) return { kind: "event", cycleName: cycle.name, event: eventView(event), counts: await repos.finalEvents.counts(event.id) };
  if (cycle.stage !== "closing") return { kind: "not-closing", stage: cycle.stage, endsOn: cycle.endsOn };
  const guests = await repos.finalEvents.audience(cycle.id, { except: coordinatorId });
  return { kind: "new", cycleId: cycle.id, cycleName: cycle.name, invited: guests.length };
}

const INVITATION_PREVIEW: EventPreview = {
  text: (details) => msg("final-event-preview", details),
  send: msg("button-final-event-send"),
  describe: msg("final-event-description-question", { max: FINAL_EVENT_DESCRIPTION_MAX }),
};
const CHANGE_PREVIEW: EventPreview = {
  text: (details) => msg("final-event-change-preview", details),
  send: msg("button-final-event-send-changes"),
  describe: msg("final-event-description-question", { max: FINAL_EVENT_DESCRIPTION_MAX }),
};

/** The event's screen: refresh, and while it has not begun, change or call it off. */
const screenButtons = (event?: EventView, now?: Date): SpecButton[][] => [
  [finalEventAction.button(msg("button-final-event-refresh"))],
  ...(event && now && !hasBegun(event, now)
    ? [[finalEventChangeAction.button(msg("button-final-event-edit")), finalEventCancelAction.button(msg("button-final-event-cancel"))]]
    : []),
  [programmeAction.button(msg("button-programme")), menuAction.button(msg("button-menu"))],
];

const hasBegun = (event: EventView, now: Date): boolean => new Date(event.startsAt).getTime() <= now.getTime();

async function showEvent(d: Dialog, state: Extract<EventState, { kind: "event" }>, timeZone: string, notice?: Msg): Promise<void> {
  const now = await d.now();
  await d.say(
    [...(notice ? [notice] : []), eventDetails(state.event, state.cycleName, timeZone), ...tallyLines(eventTally(state.counts))],
    {
      buttons: screenButtons(state.event, now),
    },
  );
}

const invitedCount = (counts: readonly GuestCount[]): number => counts.reduce((sum, count) => sum + count.count, 0);

async function explainNotYet(d: Dialog, state: Exclude<EventState, { kind: "event" } | { kind: "new" }>): Promise<void> {
  const buttons: SpecButton[][] = [[programmeAction.button(msg("button-programme"))]];
  if (state.kind === "no-cycle") {
    await d.say(msg("final-event-no-cycle"), { buttons });
    return;
  }
  await d.say(msg("final-event-not-yet", { stage: STAGES[state.stage], end: formatCalendarDate(state.endsOn, d.locale) }), { buttons });
}

/**
 * The coordinator announces the cycle's final public event (once the cycle is closing): every
 * participant of its pairs, their consenting parents and the other coordinators are invited, with
 * answer buttons and a calendar file. Afterwards the same button shows the event and who answered.
 */
export const finalEventFlow: FlowDefinition = {
  name: "final-event",
  version: 2,
  async run(d, ctx) {
    const scope = await coordinatorScope(d, ctx);
    if (!scope) return;
    const { orgId, orgName, timezone } = scope.membership;
    const coordinatorId = scope.person.id;
    const load = () => ctx.inOrganisation(orgId, (repos) => eventState(repos, orgId, coordinatorId));
    const state = await d.run("load", load);
    if (state.kind === "event") {
      await showEvent(d, state, timezone);
      return;
    }
    if (state.kind !== "new") {
      await explainNotYet(d, state);
      return;
    }

    await d.say(msg("final-event-intro", { cycle: state.cycleName, count: state.invited }));
    let defaults: Partial<EventDraft> = {};
    let outcome: { kind: "created"; count: number } | { kind: "taken" } | { kind: "moved" };
    for (;;) {
      const draft = await writeEvent(d, timezone, orgName, state.invited, defaults, INVITATION_PREVIEW);
      const now = await d.now();
      if (new Date(draft.start).getTime() <= now.getTime()) {
        // The time passed while the coordinator wrote: ask for the day again, the rest one press away.
        await d.say(msg("final-event-start-passed"));
        defaults = { place: draft.place, description: draft.description };
        continue;
      }
      outcome = await d.run("announce", async () => {
        const result = await ctx.inOrganisation(orgId, async (repos) => {
          // Re-read in the transaction that writes: the stage may have moved, or another coordinator announced.
          const cycle = await repos.cycles.current(orgId);
          if (!cycle || cycle.id !== state.cycleId || cycle.stage !== "closing") return { kind: "moved" as const };
          const event = await repos.finalEvents.create({
            orgId,
            cycleId: cycle.id,
            startsAt: new Date(draft.start),
            place: draft.place,
            description: draft.description,
            createdBy: coordinatorId,
          });
          if (!event) return { kind: "taken" as const };
          const guests = await repos.finalEvents.invite(event, await repos.finalEvents.audience(cycle.id, { except: coordinatorId }), now);
          await repos.outbox.enqueue(invitations(eventView(event), guests, orgName, timezone, now));
          return { kind: "created" as const, count: guests.length };
        });
        if (result.kind === "created") ctx.kickDelivery();
        return result;
      });
      break;
    }

    const after = await d.run("reload", load);
    if (after.kind === "new") {
      // The cycle changed under the coordinator's hands (closed and another opened): nothing was sent.
      await d.say(msg("final-event-moved"), { buttons: screenButtons() });
      return;
    }
    if (after.kind !== "event") {
      await explainNotYet(d, after);
      return;
    }
    const notice = outcome.kind === "created" ? msg("final-event-sent", { count: outcome.count }) : msg("final-event-taken");
    await showEvent(d, after, timezone, notice);
  },
};

/** The coordinator, their organisation and its event as it stands, for a change or a call-off. */
interface EventToChange {
  orgId: number;
  orgName: string;
  timeZone: string;
  coordinatorId: number;
  state: Extract<EventState, { kind: "event" }>;
}

/**
 * The coordinator's event as it stands, or undefined after saying why they may not change it: not a
 * coordinator, no event announced, or the event has begun.
 */
async function eventToChange(d: Dialog, ctx: FlowContext): Promise<EventToChange | undefined> {
  const scope = await coordinatorScope(d, ctx);
  if (!scope) return undefined;
  const { orgId, orgName, timezone } = scope.membership;
  const coordinatorId = scope.person.id;
  const state = await d.run("load", () => ctx.inOrganisation(orgId, (repos) => eventState(repos, orgId, coordinatorId)));
  if (state.kind === "new") {
    await d.say(msg("final-event-change-none"), { buttons: screenButtons() });
    return undefined;
  }
  if (state.kind !== "event") {
    await explainNotYet(d, state);
    return undefined;
  }
  if (hasBegun(state.event, await d.now())) {
    await d.say(msg("final-event-change-begun"), { buttons: screenButtons() });
    return undefined;
  }
  return { orgId, orgName, timeZone: timezone, coordinatorId, state };
}

/** Shows the event as it is now, after a change or a call-off (or an attempt that came too late). */
async function showAfter(d: Dialog, ctx: FlowContext, orgId: number, coordinatorId: number, timeZone: string, notice: Msg): Promise<void> {
  const after = await d.run("reload", () => ctx.inOrganisation(orgId, (repos) => eventState(repos, orgId, coordinatorId)));
  if (after.kind === "event") await showEvent(d, after, timeZone, notice);
  else await d.say(notice, { buttons: [[finalEventAction.button(msg("button-final-event"))], ...screenButtons().slice(1)] });
}

/**
 * "✏️ Change" on the event's screen: another day, time, place or description. Every guest is told,
 * with a calendar file that replaces their copy; a new start clears the answers and asks again.
 * Written against the event as the coordinator saw it: a change by someone else meanwhile wins.
 */
export const finalEventChangeFlow: FlowDefinition = {
  name: "final-event-change",
  version: 1,
  async run(d, ctx) {
    const found = await eventToChange(d, ctx);
    if (!found) return;
    const { orgId, orgName, timeZone: timezone, coordinatorId, state } = found;
    const { event } = state;
    const invited = invitedCount(state.counts);

    await d.say(msg("final-event-change-intro"));
    let defaults: Partial<EventDraft> = { place: event.place, description: event.description };
    let draft: EventDraft;
    for (;;) {
      draft = await writeEvent(d, timezone, orgName, invited, defaults, CHANGE_PREVIEW);
      if (!hasBegun({ ...event, startsAt: draft.start }, await d.now())) break;
      await d.say(msg("final-event-start-passed"));
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
        await repos.outbox.withdrawTopic(eventTopic(view.id), now, "final event changed");
        const guests = await repos.finalEvents.guests(view.id);
        await repos.outbox.enqueue(changeNotices(view, guests, orgName, timezone, now, changed.answersCleared));
        return { kind: "changed" as const, count: guests.length, askedAgain: changed.answersCleared };
      });
      if (result.kind === "changed") ctx.kickDelivery();
      return result;
    });
    const notice =
      outcome.kind === "stale"
        ? msg("final-event-change-stale")
        : outcome.askedAgain
          ? msg("final-event-change-sent-ask-again", { count: outcome.count })
          : msg("final-event-change-sent", { count: outcome.count });
    await showAfter(d, ctx, orgId, coordinatorId, timezone, notice);
  },
};

/**
 * "❌ Call off" on the event's screen: confirmed, then every guest is told, with a calendar file that
 * removes the event. Another event may then be announced for the cycle.
 */
export const finalEventCancelFlow: FlowDefinition = {
  name: "final-event-cancel",
  version: 1,
  async run(d, ctx) {
    const found = await eventToChange(d, ctx);
    if (!found) return;
    const { orgId, orgName, timeZone: timezone, coordinatorId, state } = found;
    const { event } = state;
    const answer = await d.choose(
      msg("final-event-cancel-confirm", { when: eventWhen(event, timezone), count: invitedCount(state.counts) }),
      [
        // Not "cancel": that value is the prompts' own Cancel button.
        { value: "call-off", label: msg("button-final-event-cancel-confirm") },
        { value: "keep", label: msg("button-final-event-cancel-keep") },
      ],
    );
    if (answer === "keep") {
      await showEvent(d, state, timezone, msg("final-event-cancel-kept"));
      return;
    }
    const now = await d.now();
    const outcome = await d.run("cancel", async () => {
      const result = await ctx.inOrganisation(orgId, async (repos) => {
        const cancelled = await repos.finalEvents.cancel(event.id, event.sequence, now);
        if (!cancelled) return { kind: "stale" as const };
        const view = eventView(cancelled);
        await repos.outbox.withdrawTopic(eventTopic(view.id), now, "final event called off");
        const guests = await repos.finalEvents.guests(view.id);
        await repos.outbox.enqueue(cancellationNotices(view, guests, orgName, timezone, now));
        return { kind: "cancelled" as const, count: guests.length };
      });
      if (result.kind === "cancelled") ctx.kickDelivery();
      return result;
    });
    await showAfter(
      d,
      ctx,
      orgId,
      coordinatorId,
      timezone,
      outcome.kind === "stale" ? msg("final-event-change-stale") : msg("final-event-cancel-done", { count: outcome.count }),
    );
  },
};
