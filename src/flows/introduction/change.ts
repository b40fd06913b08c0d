import type { Dialog } from "#root/dialog/dialog.ts";
import type { FlowContext, FlowDefinition } from "#root/dialog/flow.ts";
import { eventTally, FINAL_EVENT_DESCRIPTION_MAX } from "#root/domain/final-event.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { type EventView, eventView } from "../closing/final-event-wording.ts";
import { cancelEvent, changeEvent, type EventChangeWording, type EventToChange, hasBegun } from "../common/event-change.ts";
import { coordinatorScope } from "../common/people.ts";
import { programmeAction } from "../programme/actions.ts";
import { introductionAction } from "./actions.ts";
import { explainNoScreen, screenState, showScreen } from "./introduction.ts";

const WORDING: EventChangeWording = {
  changeIntro: msg("introduction-change-intro"),
  changePreview: {
    text: (details) => msg("introduction-change-preview", details),
    send: msg("button-introduction-send-changes"),
    describe: msg("introduction-description-question", { max: FINAL_EVENT_DESCRIPTION_MAX }),
  },
  startPassed: msg("introduction-start-passed"),
  changeSent: (count) => msg("introduction-change-sent", { count }),
  changeSentAskAgain: (count) => msg("introduction-change-sent-ask-again", { count }),
  stale: msg("introduction-change-stale"),
  cancelConfirm: (details) => msg("introduction-cancel-confirm", details),
  cancelDone: (count) => msg("introduction-cancel-done", { count }),
};

type Found = { kind: "not-found" } | { kind: "introduction"; event: EventView; invited: number };

const toScreen = () => [[introductionAction.button(msg("button-introduction")), programmeAction.button(msg("button-programme"))]];

/**
 * The coordinator's introduction named by the button, or undefined after saying why it may not be
 * changed: not a coordinator, not an introduction of their organisation, called off, or begun.
 */
async function introductionToChange(d: Dialog, ctx: FlowContext, id: number): Promise<EventToChange | undefined> {
  const scope = await coordinatorScope(d, ctx);
  if (!scope) return undefined;
  const { orgId, orgName, timezone } = scope.membership;
  const found = await d.run("load", () =>
    ctx.inOrganisation(orgId, async (repos): Promise<Found> => {
      const event = await repos.finalEvents.get(id);
      if (!event || event.orgId !== orgId || event.kind !== "introduction" || event.cancelledAt) return { kind: "not-found" };
      const invited = eventTally(await repos.finalEvents.counts(event.id)).invited;
      return { kind: "introduction", event: eventView(event), invited };
    }),
  );
  if (found.kind === "not-found") {
    await d.say(msg("introduction-not-found"), { buttons: toScreen() });
    return undefined;
  }
  if (hasBegun(found.event, await d.now())) {
    await d.say(msg("introduction-change-begun"), { buttons: toScreen() });
    return undefined;
  }
  return { orgId, orgName, timeZone: timezone, event: found.event, invited: found.invited };
}

/** The introduction screen as it is now, under what just happened. */
async function showAfter(d: Dialog, ctx: FlowContext, target: EventToChange, notice: Msg): Promise<void> {
  const after = await d.run("reload", () => ctx.inOrganisation(target.orgId, (repos) => screenState(repos, target.orgId)));
  if (after.kind === "screen") await showScreen(d, after, target.timeZone, notice);
  else await explainNoScreen(d, after);
}

/**
 * "✏️ Change" on one introduction of the screen: another day, time, place or description, as for the
 * final event (src/flows/common/event-change.ts); its pairs and their parents are told, asked again
 * when the time moves.
 */
export const introductionChangeFlow: FlowDefinition<{ id: number }> = {
  name: "introduction-change",
  version: 1,
  async run(d, ctx, { id }) {
    const target = await introductionToChange(d, ctx, id);
    if (!target) return;
    await showAfter(d, ctx, target, await changeEvent(d, ctx, target, WORDING));
  },
};

/**
 * "❌ Call off" on one introduction of the screen: confirmed, then its guests are told with a file
 * that takes it out of their calendars. Its pairs are then without an introduction: another may be
 * scheduled for them.
 */
export const introductionCancelFlow: FlowDefinition<{ id: number }> = {
  name: "introduction-cancel",
  version: 1,
  async run(d, ctx, { id }) {
    const target = await introductionToChange(d, ctx, id);
    if (!target) return;
    const outcome = await cancelEvent(d, ctx, target, WORDING);
    await showAfter(d, ctx, target, outcome.kind === "kept" ? msg("introduction-cancel-kept") : outcome.notice);
  },
};
