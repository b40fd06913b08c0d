import type { Repositories } from "#root/db/repositories/index.ts";
import type { Dialog } from "#root/dialog/dialog.ts";
import type { FlowContext, FlowDefinition } from "#root/dialog/flow.ts";
import { type CycleStage, formatCalendarDate } from "#root/domain/cycle.ts";
import { eventTally, FINAL_EVENT_DESCRIPTION_MAX, type GuestCount } from "#root/domain/final-event.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import type { SpecButton } from "#root/messaging/message-spec.ts";
import { cancelEvent, changeEvent, type EventChangeWording, hasBegun } from "../common/event-change.ts";
import { type EventDraft, type EventPreview, writeEvent } from "../common/event-writing.ts";
import { coordinatorScope } from "../common/people.ts";
import { programmeAction } from "../programme/actions.ts";
import { menuAction } from "../self-service/actions.ts";
import { finalEventAction, finalEventCancelAction, finalEventChangeAction } from "./actions.ts";
import { type EventView, eventDetails, eventView, invitations, tallyLines } from "./final-event-wording.ts";

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

const CHANGE_WORDING: EventChangeWording = {
  changeIntro: msg("final-event-change-intro"),
  changePreview: CHANGE_PREVIEW,
  startPassed: msg("final-event-start-passed"),
  changeSent: (count) => msg("final-event-change-sent", { count }),
  changeSentAskAgain: (count) => msg("final-event-change-sent-ask-again", { count }),
  stale: msg("final-event-change-stale"),
  cancelConfirm: (details) => msg("final-event-cancel-confirm", details),
  cancelDone: (count) => msg("final-event-cancel-done", { count }),
};

/**
 * "✏️ Change" on the event's screen: another day, time, place or description; every guest is told
 * (src/flows/common/event-change.ts).
 */
export const finalEventChangeFlow: FlowDefinition = {
  name: "final-event-change",
  version: 1,
  async run(d, ctx) {
    const found = await eventToChange(d, ctx);
    if (!found) return;
    const { orgId, orgName, timeZone, coordinatorId, state } = found;
    const target = { orgId, orgName, timeZone, event: state.event, invited: invitedCount(state.counts) };
    const notice = await changeEvent(d, ctx, target, CHANGE_WORDING);
    await showAfter(d, ctx, orgId, coordinatorId, timeZone, notice);
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
    const { orgId, orgName, timeZone, coordinatorId, state } = found;
    const target = { orgId, orgName, timeZone, event: state.event, invited: invitedCount(state.counts) };
    const outcome = await cancelEvent(d, ctx, target, CHANGE_WORDING);
    if (outcome.kind === "kept") await showEvent(d, state, timeZone, msg("final-event-cancel-kept"));
    else await showAfter(d, ctx, orgId, coordinatorId, timeZone, outcome.notice);
  },
};
