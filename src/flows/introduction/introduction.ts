import type { Repositories } from "#root/db/repositories/index.ts";
import type { PairUnit } from "#root/db/repositories/pairs.ts";
import type { Dialog } from "#root/dialog/dialog.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import type { CycleStage } from "#root/domain/cycle.ts";
import { eventTally, FINAL_EVENT_DESCRIPTION_MAX, type GuestCount } from "#root/domain/final-event.ts";
import { attendanceOpen, attendanceTally, type IntroductionPairMark, pairsWithoutIntroduction } from "#root/domain/introduction.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import type { SpecButton } from "#root/messaging/message-spec.ts";
import { type EventView, eventView, invitations, tallyLines } from "../closing/final-event-wording.ts";
import { type EventDraft, type EventPreview, writeEvent } from "../common/event-writing.ts";
import { coordinatorScope } from "../common/people.ts";
import { TICKS_PER_PAGE } from "../common/picker.ts";
import { programmeAction } from "../programme/actions.ts";
import { menuAction } from "../self-service/actions.ts";
import {
  introductionAction,
  introductionAttendanceAction,
  introductionCancelAction,
  introductionChangeAction,
  introductionNewAction,
} from "./actions.ts";
import { attendanceLine, buttonWhen, introductionButton, introductionDetails, pairLabel } from "./wording.ts";

/** While pairs start their work a new introduction may be scheduled; those scheduled stay visible later. */
const SCHEDULING_STAGES: readonly CycleStage[] = ["matching", "working"];

/** One introduction on the coordinator's screen (plain values: recorded between replays). */
interface IntroductionView {
  event: EventView;
  counts: GuestCount[];
  marks: IntroductionPairMark[];
}

export type ScreenState =
  | { kind: "no-cycle" }
  | { kind: "no-pairs" }
  | { kind: "screen"; cycleName: string; stage: CycleStage; introductions: IntroductionView[]; waiting: number };

/** The cycle's introductions with their answers and ticks, and how many published pairs have none: five queries. */
export async function screenState(repos: Repositories, orgId: number): Promise<ScreenState> {
  const cycle = await repos.cycles.current(orgId);
  if (!cycle) return { kind: "no-cycle" };
  const events = await repos.finalEvents.standing(cycle.id, "introduction");
  const ids = events.map((event) => event.id);
  const counts = await repos.finalEvents.countsOf(ids);
  const marks = await repos.introductions.marksOf(ids);
  const published = await repos.pairs.units(cycle.id, "published");
  if (published.length === 0 && events.length === 0) return { kind: "no-pairs" };
  const waiting = pairsWithoutIntroduction(
    published.map((unit) => unit.pairId),
    [...marks.values()].flat().map((mark) => mark.pairId),
  ).length;
  return {
    kind: "screen",
    cycleName: cycle.name,
    stage: cycle.stage,
    waiting,
    introductions: events.map((event) => ({
      event: eventView(event),
      counts: counts.get(event.id) ?? [],
      marks: marks.get(event.id) ?? [],
    })),
  };
}

export const backButtons = (): SpecButton[][] => [[programmeAction.button(msg("button-programme")), menuAction.button(msg("button-menu"))]];

/**
 * The introductions, each with its answers and, once begun, which pairs came; then what is left to
 * schedule. One message: only a chat's last message keeps its buttons. Each introduction has its own
 * buttons: before it begins to change or call it off, afterwards to tick who came. With several, each
 * button names its day, and its time too when another of those buttons' introductions falls on that day.
 */
export async function showScreen(
  d: Dialog,
  state: Extract<ScreenState, { kind: "screen" }>,
  timeZone: string,
  notice?: Msg,
): Promise<void> {
  const now = await d.now();
  const lines: Msg[] = notice ? [notice] : [];
  const buttons: SpecButton[][] = [];
  const begun = state.introductions.filter(({ event }) => attendanceOpen(new Date(event.startsAt), now));
  const upcoming = state.introductions.filter((shown) => !begun.includes(shown));
  for (const { event, counts, marks } of state.introductions) {
    const tally = attendanceTally(marks);
    const open = begun.some((shown) => shown.event.id === event.id);
    lines.push(introductionDetails(event, state.cycleName, marks.length, timeZone), ...tallyLines(eventTally(counts)));
    if (open || tally.open < tally.pairs) lines.push(attendanceLine(tally));
    const when = buttonWhen(
      event,
      (open ? begun : upcoming).map((shown) => shown.event),
      timeZone,
      d.locale,
    );
    if (open) {
      const label = begun.length === 1 ? msg("button-introduction-attendance") : introductionButton("attendance", when);
      buttons.push([introductionAttendanceAction.button(label, { id: event.id })]);
    } else {
      const [edit, cancel] =
        upcoming.length === 1
          ? [msg("button-introduction-edit"), msg("button-introduction-cancel")]
          : [introductionButton("edit", when), introductionButton("cancel", when)];
      buttons.push([introductionChangeAction.button(edit, { id: event.id }), introductionCancelAction.button(cancel, { id: event.id })]);
    }
  }
  const canSchedule = SCHEDULING_STAGES.includes(state.stage) && state.waiting > 0;
  if (state.introductions.length === 0) lines.push(msg("introduction-none"));
  if (canSchedule) lines.push(msg("introduction-waiting", { pairs: state.waiting }));
  else if (state.introductions.length === 0) lines.push(msg("introduction-not-now", { stage: msg(`stage-${state.stage}`) }));
  else lines.push(msg("introduction-all-invited"));
  // One row for both: VK shows at most six rows of buttons.
  const more: SpecButton[] = [];
  if (canSchedule) more.push(introductionNewAction.button(msg("button-introduction-new")));
  if (state.introductions.length > 0) more.push(introductionAction.button(msg("button-introduction-refresh")));
  if (more.length > 0) buttons.push(more);
  buttons.push(...backButtons());
  await d.say(lines, { buttons });
}

export async function explainNoScreen(d: Dialog, state: Exclude<ScreenState, { kind: "screen" }>): Promise<void> {
  await d.say(msg(state.kind === "no-cycle" ? "introduction-no-cycle" : "introduction-no-pairs"), { buttons: backButtons() });
}

/**
 * The coordinator's introduction screen, from the programme screen once pairs are published: every
 * introduction of the cycle with who answered and, once it has begun, which pairs came; before it
 * begins, buttons to change it or call it off (./change.ts); a button to schedule one for the pairs
 * still without.
 */
export const introductionFlow: FlowDefinition = {
  name: "introduction",
  version: 1,
  async run(d, ctx) {
    const scope = await coordinatorScope(d, ctx);
    if (!scope) return;
    const { orgId, timezone } = scope.membership;
    const state = await d.run("load", () => ctx.inOrganisation(orgId, (repos) => screenState(repos, orgId)));
    if (state.kind !== "screen") await explainNoScreen(d, state);
    else await showScreen(d, state, timezone);
  },
};

const PREVIEW: EventPreview = {
  text: (details) => msg("introduction-preview", details),
  send: msg("button-introduction-send"),
  describe: msg("introduction-description-question", { max: FINAL_EVENT_DESCRIPTION_MAX }),
};

type Candidates =
  | { kind: "no-cycle" }
  | { kind: "not-now"; stage: CycleStage }
  | { kind: "none-left" }
  | { kind: "pairs"; cycleId: number; cycleName: string; units: PairUnit[] };

/** The published pairs of the current cycle that no standing introduction is for. */
async function candidates(repos: Repositories, orgId: number): Promise<Candidates> {
  const cycle = await repos.cycles.current(orgId);
  if (!cycle) return { kind: "no-cycle" };
  if (!SCHEDULING_STAGES.includes(cycle.stage)) return { kind: "not-now", stage: cycle.stage };
  const published = await repos.pairs.units(cycle.id, "published");
  const left = new Set(
    pairsWithoutIntroduction(
      published.map((unit) => unit.pairId),
      await repos.introductions.coveredPairIds(cycle.id),
    ),
  );
  const units = published.filter((unit) => left.has(unit.pairId));
  return units.length === 0 ? { kind: "none-left" } : { kind: "pairs", cycleId: cycle.id, cycleName: cycle.name, units };
}

/**
 * "📅 Schedule an introduction": for all the pairs without one or some of them, the day, time, place
 * and description (as for the final event), then the pairs' mentors and mentees and the parents
 * whose consent stands are invited with answer buttons and a calendar file. Quiet hours and expiry
 * are the outbox's, as for the final event.
 */
export const introductionNewFlow: FlowDefinition = {
  name: "introduction-new",
  version: 1,
  async run(d, ctx) {
    const scope = await coordinatorScope(d, ctx);
    if (!scope) return;
    const { orgId, orgName, timezone } = scope.membership;
    const coordinatorId = scope.person.id;
    const found = await d.run("candidates", () => ctx.inOrganisation(orgId, (repos) => candidates(repos, orgId)));
    const toScreen = [[introductionAction.button(msg("button-introduction"))], ...backButtons()];
    if (found.kind === "no-cycle") {
      await d.say(msg("introduction-no-cycle"), { buttons: backButtons() });
      return;
    }
    if (found.kind === "not-now") {
      await d.say(msg("introduction-not-now", { stage: msg(`stage-${found.stage}`) }), { buttons: toScreen });
      return;
    }
    if (found.kind === "none-left") {
      await d.say(msg("introduction-all-invited"), { buttons: toScreen });
      return;
    }

    let pairIds = found.units.map((unit) => unit.pairId);
    if (pairIds.length > 1) {
      const which = await d.choose(msg("introduction-pairs-question"), [
        { value: "all", label: msg("button-introduction-all-pairs", { pairs: pairIds.length }) },
        { value: "some", label: msg("button-introduction-some-pairs") },
      ]);
      if (which === "some") {
        const chosen = await d.chooseMany(
          msg("introduction-pairs-choose"),
          found.units.map((unit) => ({ value: String(unit.pairId), label: pairLabel(unit, unit.pairId) })),
          { columns: found.units.length > 4 ? 2 : 1, pageSize: TICKS_PER_PAGE },
        );
        pairIds = chosen.map(Number);
      }
    }
    const invited = await d.run("audience", () =>
      ctx.inOrganisation(orgId, async (repos) => (await repos.finalEvents.audience(found.cycleId, { pairIds })).length),
    );

    await d.say(msg("introduction-intro", { cycle: found.cycleName, count: invited }));
    let defaults: Partial<EventDraft> = {};
    let draft: EventDraft;
    for (;;) {
      draft = await writeEvent(d, timezone, orgName, invited, defaults, PREVIEW);
      if (new Date(draft.start).getTime() > (await d.now()).getTime()) break;
      // The time passed while the coordinator wrote: ask for the day again, the rest one press away.
      await d.say(msg("introduction-start-passed"));
      defaults = { place: draft.place, description: draft.description };
    }
    const now = await d.now();
    const outcome = await d.run("schedule", async () => {
      const result = await ctx.inOrganisation(orgId, async (repos) => {
        // Re-read in the transaction that writes: the stage may have moved, or another coordinator invited some of these pairs.
        const again = await candidates(repos, orgId);
        if (again.kind === "no-cycle" || again.kind === "not-now" || (again.kind === "pairs" && again.cycleId !== found.cycleId)) {
          return { kind: "moved" as const };
        }
        const still = new Set(again.kind === "pairs" ? again.units.map((unit) => unit.pairId) : []);
        const pairs = pairIds.filter((pairId) => still.has(pairId));
        if (pairs.length === 0) return { kind: "taken" as const };
        const event = await repos.finalEvents.create({
          kind: "introduction",
          orgId,
          cycleId: found.cycleId,
          startsAt: new Date(draft.start),
          place: draft.place,
          description: draft.description,
          createdBy: coordinatorId,
        });
        if (!event) return { kind: "taken" as const };
        await repos.introductions.attach(event, pairs);
        const guests = await repos.finalEvents.invite(event, await repos.finalEvents.audience(found.cycleId, { pairIds: pairs }), now);
        await repos.outbox.enqueue(invitations(eventView(event), guests, orgName, timezone, now));
        return { kind: "created" as const, count: guests.length };
      });
      if (result.kind === "created") ctx.kickDelivery();
      return result;
    });
    const notice =
      outcome.kind === "created"
        ? msg("introduction-sent", { count: outcome.count })
        : outcome.kind === "taken"
          ? msg("introduction-taken")
          : msg("introduction-moved");
    const after = await d.run("reload", () => ctx.inOrganisation(orgId, (repos) => screenState(repos, orgId)));
    if (after.kind === "screen") await showScreen(d, after, timezone, notice);
    else await d.say(notice, { buttons: toScreen });
  },
};
