import type { WorkingPair } from "#root/db/repositories/pairs.ts";
import type { Plan, PlanMilestone } from "#root/db/repositories/plans.ts";
import type { Dialog } from "#root/dialog/dialog.ts";
import type { FlowContext } from "#root/dialog/flow.ts";
import { type CalendarDate, calendarDate, formatCalendarDate } from "#root/domain/cycle.ts";
import type { Parsed } from "#root/domain/parsers.ts";
import { MAX_MILESTONES, type MilestoneState, milestoneState, type PlanStatus, parseMilestoneDate } from "#root/domain/plan.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import type { SpecButton } from "#root/messaging/message-spec.ts";
import { quickDateChoices } from "../common/date-prompts.ts";
import { choosePair, type PairSide, pairTitle } from "../common/pair.ts";
import { menuAction } from "../self-service/actions.ts";
import {
  planAction,
  planAddAction,
  planAgreeAction,
  planChangeAction,
  planGoalAction,
  planMilestoneAction,
  planSendAction,
} from "./actions.ts";

/**
 * What the plan flows share: how a plan reads (for the mentor, a mentee or the coordinator), the
 * date question with quick buttons, finding the pair behind a plan's or milestone's button, and the
 * messages to the other side of the pair.
 */

export const PLAN_STATUS_LABELS: Record<PlanStatus, Msg> = {
  draft: msg("plan-status-draft"),
  proposed: msg("plan-status-proposed"),
  agreed: msg("plan-status-agreed"),
  change_requested: msg("plan-status-change_requested"),
};

const STATE_LABELS: Record<MilestoneState, Msg> = {
  done: msg("plan-state-done"),
  overdue: msg("plan-state-overdue"),
  upcoming: msg("plan-state-upcoming"),
};

/** Who looks at a plan. */
export type PlanReader = "mentor" | "mentee" | "coordinator";

/** The pair as the coordinator reads it: mentor and mentees. */
export function pairForCoordinator(pair: WorkingPair): Msg {
  return msg("plan-pair", { mentor: pair.mentor.name ?? "—", mentees: pair.mentees.map((mentee) => mentee.name ?? "—").join(", ") });
}

/** One milestone in a list: number, mark, title, date and state (and how it is shown). */
export function milestoneLine(milestone: PlanMilestone, number: number, today: CalendarDate, locale: Dialog["locale"]): Msg {
  const state = milestoneState(milestone, today);
  const args = { number, state: STATE_LABELS[state], title: milestone.title, date: formatCalendarDate(milestone.dueOn, locale) };
  return milestone.evidence
    ? msg("plan-milestone-line-evidence", { ...args, evidence: milestone.evidence })
    : msg("plan-milestone-line", args);
}

/** The plan as a few paragraphs: whose, its status, the goal, a change asked for, the milestones. */
export function planMessages(plan: Plan, pair: WorkingPair, reader: PlanReader, today: CalendarDate, locale: Dialog["locale"]): Msg[] {
  const whose = reader === "coordinator" ? pairForCoordinator(pair) : pairTitle(pair, reader);
  const lines: Msg[] = [msg("plan-view", { pair: whose, status: PLAN_STATUS_LABELS[plan.status], version: plan.version, goal: plan.goal })];
  if (plan.status === "change_requested" && plan.changeRequest) lines.push(msg("plan-change-request-shown", { text: plan.changeRequest }));
  if (plan.milestones.length === 0) lines.push(msg("plan-no-milestones"));
  for (const [index, milestone] of plan.milestones.entries()) lines.push(milestoneLine(milestone, index + 1, today, locale));
  return lines;
}

/** The buttons under a plan for its mentor or a mentee. */
export function planButtons(plan: Plan, reader: "mentor" | "mentee"): SpecButton[][] {
  const rows: SpecButton[][] = [];
  if (reader === "mentee" && (plan.status === "proposed" || plan.status === "change_requested")) {
    const row: SpecButton[] = [planAgreeAction.button(msg("button-plan-agree"), { planId: plan.id, version: plan.version })];
    if (plan.status === "proposed")
      row.push(planChangeAction.button(msg("button-plan-change"), { planId: plan.id, version: plan.version }));
    rows.push(row);
  }
  if (reader === "mentor" && plan.status === "draft") rows.push([planSendAction.button(msg("button-plan-send"), { planId: plan.id })]);
  // A mentee opens the milestones still to do (to mark them done); the mentor every milestone.
  const openable = plan.milestones
    .map((milestone, index) => ({ milestone, number: index + 1 }))
    .filter(({ milestone }) => reader === "mentor" || milestone.doneAt === null);
  for (let start = 0; start < openable.length; start += 5) {
    rows.push(
      openable
        .slice(start, start + 5)
        .map(({ milestone, number }) =>
          planMilestoneAction.button(msg("button-plan-milestone", { number }), { milestoneId: milestone.id }),
        ),
    );
  }
  if (reader === "mentor") {
    const row: SpecButton[] = [planGoalAction.button(msg("button-plan-goal"), { planId: plan.id })];
    if (plan.milestones.length < MAX_MILESTONES) row.push(planAddAction.button(msg("button-plan-add"), { planId: plan.id }));
    rows.push(row);
  }
  rows.push([menuAction.button(msg("button-menu"))]);
  return rows;
}

/** Several messages as one paragraph-separated text (a prompt has one text). */
export function asOneText(d: Dialog, messages: Msg[]): Msg {
  return msg("plain", { text: messages.map((message) => d.translate(message)).join("\n\n") });
}

/** Today in the pair's organisation. */
export function todayOf(pair: WorkingPair, now: Date): CalendarDate {
  return calendarDate(now, pair.timeZone);
}

/**
 * A milestone's date: quick buttons (tomorrow, in a week, in two weeks, the month's end, those
 * within the cycle) or a typed date; refuses days gone by, days that do not exist and days after the cycle.
 */
export async function askMilestoneDate(d: Dialog, pair: WorkingPair, now: Date): Promise<CalendarDate> {
  const suggestions = quickDateChoices(now, pair.timeZone, d.locale, pair.cycleEndsOn);
  const end = formatCalendarDate(pair.cycleEndsOn, d.locale);
  return d.ask(msg("plan-ask-due", { end }), {
    suggestions,
    parse: (text): Parsed<CalendarDate> => {
      const date = parseMilestoneDate(text, now, pair.timeZone, pair.cycleEndsOn);
      // The domain names the cycle's last day as stored; people read it in their own format.
      return date.ok || date.error !== "plan-error-after-cycle" ? date : { ok: false, error: "plan-error-after-cycle", args: { end } };
    },
  });
}

/** The plan of a button's plan id with the person's side of its pair; says why not and returns undefined otherwise. */
export async function planSide(d: Dialog, ctx: FlowContext, planId: number): Promise<{ side: PairSide; plan: Plan } | undefined> {
  const pairId = await d.run("plan-pair", () => ctx.repos.plans.pairOf(planId));
  if (pairId === undefined) {
    await d.say(msg("plan-error-unknown"), { buttons: [[menuAction.button(msg("button-menu"))]] });
    return undefined;
  }
  const side = await choosePair(d, ctx, { pairId });
  if (!side) return undefined;
  const plan = await loadPlan(d, ctx, pairId);
  if (!plan || plan.id !== planId) {
    await d.say(msg("plan-error-unknown"), { buttons: [[menuAction.button(msg("button-menu"))]] });
    return undefined;
  }
  return { side, plan };
}

const ONLY_FOR: Record<PairSide["role"], Msg> = {
  mentor: msg("plan-error-mentor-only"),
  mentee: msg("plan-error-mentee-only"),
};

/**
 * The plan a button names, opened for one side of the pair only: the other side pressing it (a
 * forwarded or forged button) sees the plan with a notice instead. Undefined when there is nothing to do.
 */
export async function openPlanAs(
  d: Dialog,
  ctx: FlowContext,
  planId: number,
  role: PairSide["role"],
): Promise<{ side: PairSide; plan: Plan; now: Date } | undefined> {
  const found = await planSide(d, ctx, planId);
  if (!found) return undefined;
  const { side, plan } = found;
  const now = await d.now();
  if (side.role === role) return { side, plan, now };
  await showPlan(d, side, plan, now, [ONLY_FOR[role]]);
  return undefined;
}

/** Shows the plan again after a write, with what happened on top. */
export async function showPlanAfter(d: Dialog, ctx: FlowContext, side: PairSide, now: Date, notice: Msg): Promise<void> {
  const plan = await loadPlan(d, ctx, side.pair.pairId, "plan-after");
  if (!plan) {
    await d.say(msg("plan-error-unknown"), { buttons: [[menuAction.button(msg("button-menu"))]] });
    return;
  }
  await showPlan(d, side, plan, now, [notice]);
}

/** The pair's plan, read once per replay under `key`. */
export function loadPlan(d: Dialog, ctx: FlowContext, pairId: number, key = "load-plan"): Promise<Plan | undefined> {
  return d.run(key, () => ctx.repos.plans.forPair(pairId));
}

/** Shows the plan to its mentor or a mentee, with a notice above it. */
export async function showPlan(d: Dialog, side: PairSide, plan: Plan, now: Date, notice: Msg[] = []): Promise<void> {
  const reader = side.role;
  await d.say([...notice, ...planMessages(plan, side.pair, reader, todayOf(side.pair, now), d.locale)], {
    buttons: planButtons(plan, reader),
  });
}

/** The button that opens the pair's plan, in messages to the other side. */
export function openPlanButton(pairId: number) {
  return [[planAction.button(msg("button-plan"), { pairId })]];
}

/**
 * Tells each mentee of the pair (and nobody else) that the plan is there to read and agree to. A
 * notice of an earlier version still waiting in the outbox is withdrawn: several edits in a row
 * reach the mentee as one message, which opens the plan as it is by then.
 */
export async function tellMenteesToLook(
  ctx: FlowContext,
  pair: WorkingPair,
  plan: { id: number; version: number },
  why: "sent" | "changed",
  at: Date,
): Promise<void> {
  const topic = `plan:${plan.id}:look`;
  await ctx.repos.outbox.withdrawTopic(topic, at, "a newer version of the plan was sent");
  const text = [
    why === "sent"
      ? msg("plan-sent-notice", { mentor: pair.mentor.name ?? "—" })
      : msg("plan-changed-notice", { mentor: pair.mentor.name ?? "—" }),
  ];
  await ctx.repos.outbox.enqueue(
    pair.mentees.map((mentee) => ({
      dedupKey: `plan:${plan.id}:v${plan.version}:look:${mentee.personId}`,
      to: { personId: mentee.personId },
      message: { text, buttons: openPlanButton(pair.pairId) },
      dueAt: at,
      topic,
      orgId: pair.orgId,
    })),
  );
  ctx.kickDelivery();
}

/** Why a plan rule refused (the key of a domain refusal, or of this folder's own). */
export function refusal(check: { ok: false; error: string; args?: Record<string, string | number> }): Msg {
  return msg(check.error, check.args);
}

/** The mentee of the pair this person is (for messages to the mentor), by person id. */
export function menteeName(pair: WorkingPair, personId: number): string {
  return pair.mentees.find((mentee) => mentee.personId === personId)?.name ?? "—";
}
