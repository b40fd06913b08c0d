import type { Repositories } from "#root/db/repositories/index.ts";
import type { WorkingPair } from "#root/db/repositories/pairs.ts";
import type { NewMilestone } from "#root/db/repositories/plans.ts";
import { type Choice, runSteps } from "#root/dialog/dialog.ts";
import type { FlowContext, FlowDefinition } from "#root/dialog/flow.ts";
import { MAX_MILESTONES, type PlanChange, reopensAgreement } from "#root/domain/plan.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { choosePair, type PairSide } from "../common/pair.ts";
import { menuAction } from "../self-service/actions.ts";
import { planAction } from "./actions.ts";
import { askEvidence, askGoal, askMilestoneTitle } from "./draft.ts";
import {
  askMilestoneDate,
  asOneText,
  loadPlan,
  milestoneLine,
  openPlanAs,
  openPlanButton,
  showPlan,
  showPlanAfter,
  tellMenteesToLook,
  todayOf,
} from "./screen.ts";

/** The result of a write, as the notice above the plan tells it. */
type WriteOutcome = "saved" | "reopened" | "gone" | "left";

const OUTCOME_NOTICES: Record<WriteOutcome, Msg> = {
  saved: msg("plan-saved"),
  reopened: msg("plan-saved-reopened"),
  gone: msg("plan-error-milestone-gone"),
  left: msg("pair-not-yours"),
};

/** Whether the person is still in the pair in this part, now (a prompt may have waited for days). */
async function stillIn(repos: Repositories, pairId: number, personId: number, role: PairSide["role"]): Promise<boolean> {
  const [pair] = await repos.pairs.working({ pairId });
  if (!pair) return false;
  return role === "mentor" ? pair.mentor.personId === personId : pair.mentees.some((mentee) => mentee.personId === personId);
}

/**
 * After the mentor changed the plan: when the change touches what was promised and the mentees saw
 * the plan, it goes back to them as a new version, and each is told to look again.
 */
async function recordChange(ctx: FlowContext, pair: WorkingPair, change: PlanChange, at: Date): Promise<WriteOutcome> {
  const plan = await ctx.repos.plans.forPair(pair.pairId);
  if (!plan || !reopensAgreement(plan.status, change)) return "saved";
  const reopened = await ctx.repos.plans.reopen(plan.id, at);
  if (!reopened) return "saved";
  await tellMenteesToLook(ctx, pair, { id: plan.id, version: reopened.version }, "changed", at);
  return "reopened";
}

/** The mentor sends a plan kept as a draft to the mentees. */
export const planSendFlow: FlowDefinition<{ planId: number }> = {
  name: "plan-send",
  version: 1,
  async run(d, ctx, { planId }) {
    const opened = await openPlanAs(d, ctx, planId, "mentor");
    if (!opened) return;
    const { side, plan, now } = opened;
    const sent = await d.run("send-plan", async () => {
      if (!(await stillIn(ctx.repos, side.pair.pairId, side.personId, "mentor"))) return false;
      if (!(await ctx.repos.plans.propose(planId, now))) return false;
      await tellMenteesToLook(ctx, side.pair, { id: planId, version: plan.version }, "sent", now);
      return true;
    });
    await showPlanAfter(
      d,
      ctx,
      side,
      now,
      !sent ? msg("plan-error-already-sent") : msg(side.pair.mentees.length > 1 ? "plan-sent-group" : "plan-sent"),
    );
  },
};

/** The mentor rewrites the goal. */
export const planGoalFlow: FlowDefinition<{ planId: number }> = {
  name: "plan-goal",
  version: 1,
  async run(d, ctx, { planId }) {
    const opened = await openPlanAs(d, ctx, planId, "mentor");
    if (!opened) return;
    const { side, plan, now } = opened;
    await d.say(msg("plan-goal-now", { goal: plan.goal }));
    const goal = await askGoal(d);
    const outcome = await d.run("save-goal", async (): Promise<WriteOutcome> => {
      if (!(await stillIn(ctx.repos, side.pair.pairId, side.personId, "mentor"))) return "left";
      await ctx.repos.plans.setGoal(planId, goal, now);
      return recordChange(ctx, side.pair, "goal", now);
    });
    await showPlanAfter(d, ctx, side, now, OUTCOME_NOTICES[outcome]);
  },
};

/** The mentor adds a milestone at the end: what, by when, how it is shown. */
export const planAddFlow: FlowDefinition<{ planId: number }> = {
  name: "plan-add",
  version: 1,
  async run(d, ctx, { planId }) {
    const opened = await openPlanAs(d, ctx, planId, "mentor");
    if (!opened) return;
    const { side, plan, now } = opened;
    if (plan.milestones.length >= MAX_MILESTONES) {
      await showPlan(d, side, plan, now, [msg("plan-error-full", { max: MAX_MILESTONES })]);
      return;
    }
    const number = plan.milestones.length + 1;
    const milestone = await runSteps<NewMilestone>(d, { title: "", dueOn: "", evidence: null }, [
      async (draft) => {
        draft.title = await askMilestoneTitle(d, number);
      },
      async (draft) => {
        draft.dueOn = await askMilestoneDate(d, side.pair, now);
      },
      async (draft) => {
        draft.evidence = await askEvidence(d);
      },
    ]);
    const outcome = await d.run("add-milestone", async (): Promise<WriteOutcome> => {
      if (!(await stillIn(ctx.repos, side.pair.pairId, side.personId, "mentor"))) return "left";
      await ctx.repos.plans.addMilestone(planId, side.pair.orgId, milestone, now);
      return recordChange(ctx, side.pair, "added", now);
    });
    await showPlanAfter(d, ctx, side, now, OUTCOME_NOTICES[outcome]);
  },
};

type MilestoneAction = "title" | "date" | "evidence" | "done" | "undone" | "remove" | "plan";

/**
 * One milestone: the mentor changes what, by when or how it is shown, marks it done (or not done
 * after a slip), or removes it; a mentee marks it done. Whoever marks it done, the other side is told.
 */
export const planMilestoneFlow: FlowDefinition<{ milestoneId: number }> = {
  name: "plan-milestone",
  version: 1,
  async run(d, ctx, { milestoneId }) {
    const found = await d.run("milestone", () => ctx.repos.plans.milestone(milestoneId));
    if (!found) {
      await d.say(msg("plan-error-milestone-gone"), {
        buttons: [[planAction.button(msg("button-plan")), menuAction.button(msg("button-menu"))]],
      });
      return;
    }
    const side = await choosePair(d, ctx, { pairId: found.pairId });
    if (!side) return;
    const plan = await loadPlan(d, ctx, side.pair.pairId);
    const now = await d.now();
    const index = plan?.milestones.findIndex((milestone) => milestone.id === milestoneId) ?? -1;
    if (!plan || index < 0) {
      await d.say(msg("plan-error-milestone-gone"), { buttons: [[menuAction.button(msg("button-menu"))]] });
      return;
    }
    const milestone = plan.milestones[index]!;
    const number = index + 1;
    const done = milestone.doneAt !== null;
    const choices: Choice<MilestoneAction>[] =
      side.role === "mentor"
        ? [
            { value: "title", label: msg("button-plan-edit-title") },
            { value: "date", label: msg("button-plan-edit-date") },
            { value: "evidence", label: msg("button-plan-edit-evidence") },
            done ? { value: "undone", label: msg("button-plan-undone") } : { value: "done", label: msg("button-plan-done") },
            { value: "remove", label: msg("button-plan-remove") },
            { value: "plan", label: msg("button-plan-back") },
          ]
        : [
            ...(done ? [] : [{ value: "done" as const, label: msg("button-plan-done") }]),
            { value: "plan", label: msg("button-plan-back") },
          ];
    const line = milestoneLine(milestone, number, todayOf(side.pair, now), d.locale);
    const action = await d.choose(
      asOneText(d, [line, msg(side.role === "mentor" ? "plan-milestone-what-mentor" : "plan-milestone-what-mentee")]),
      choices,
    );

    if (action === "plan") {
      await showPlan(d, side, plan, now);
      return;
    }
    if (action === "done" || action === "undone") {
      const marked = await d.run(`mark-${action}`, async () => {
        if (!(await stillIn(ctx.repos, side.pair.pairId, side.personId, side.role))) return "left";
        const changed = await ctx.repos.plans.setMilestoneDone(milestoneId, action === "done" ? { at: now, by: side.personId } : null, now);
        if (!changed) return (await ctx.repos.plans.milestone(milestoneId)) ? "already" : "gone";
        if (action === "done") await tellDone(ctx, side, plan.id, milestone.title, milestoneId, now);
        return "marked";
      });
      const notice =
        marked === "marked"
          ? msg(action === "done" ? "plan-milestone-marked-done" : "plan-milestone-marked-undone", { number })
          : marked === "already"
            ? msg(action === "done" ? "plan-milestone-already-done" : "plan-milestone-already-undone", { number })
            : OUTCOME_NOTICES[marked === "left" ? "left" : "gone"];
      await showPlanAfter(d, ctx, side, now, notice);
      return;
    }

    // Every other action is the mentor's; the buttons say so, a typed number could not reach here otherwise.
    let patch: Partial<NewMilestone> | "remove";
    if (action === "remove") {
      const sure = await d.choose(msg("plan-remove-sure", { number, title: milestone.title }), [
        { value: "yes", label: msg("button-plan-remove-yes") },
        { value: "no", label: msg("button-plan-remove-no") },
      ]);
      if (sure === "no") {
        await showPlan(d, side, plan, now);
        return;
      }
      patch = "remove";
    } else if (action === "title") {
      patch = { title: await askMilestoneTitle(d, number) };
    } else if (action === "date") {
      patch = { dueOn: await askMilestoneDate(d, side.pair, now) };
    } else {
      patch = { evidence: await askEvidence(d) };
    }
    const change: PlanChange = patch === "remove" ? "removed" : action === "title" ? "title" : action === "date" ? "date" : "evidence";
    const outcome = await d.run("save-milestone", async (): Promise<WriteOutcome> => {
      if (!(await stillIn(ctx.repos, side.pair.pairId, side.personId, "mentor"))) return "left";
      const written =
        patch === "remove"
          ? await ctx.repos.plans.removeMilestone(milestoneId, now)
          : await ctx.repos.plans.updateMilestone(milestoneId, patch, now);
      if (!written) return "gone";
      return recordChange(ctx, side.pair, change, now);
    });
    await showPlanAfter(
      d,
      ctx,
      side,
      now,
      patch === "remove" && outcome !== "gone" && outcome !== "left"
        ? msg(outcome === "reopened" ? "plan-milestone-removed-reopened" : "plan-milestone-removed", { number })
        : OUTCOME_NOTICES[outcome],
    );
  },
};

/** A milestone marked done: a mentee's mark goes to the mentor, the mentor's to the mentees. */
async function tellDone(ctx: FlowContext, side: PairSide, planId: number, title: string, milestoneId: number, at: Date): Promise<void> {
  const { pair } = side;
  const stamp = at.getTime();
  if (side.role === "mentee") {
    const name = pair.mentees.find((mentee) => mentee.personId === side.personId)?.name ?? "—";
    await ctx.notify.send(
      { personId: pair.mentor.personId },
      { text: [msg("plan-done-by-mentee-notice", { mentee: name, title })], buttons: openPlanButton(pair.pairId) },
      `plan:${planId}:milestone:${milestoneId}:done:${stamp}:${pair.mentor.personId}`,
    );
    return;
  }
  for (const mentee of pair.mentees) {
    await ctx.notify.send(
      { personId: mentee.personId },
      { text: [msg("plan-done-by-mentor-notice", { mentor: pair.mentor.name ?? "—", title })], buttons: openPlanButton(pair.pairId) },
      `plan:${planId}:milestone:${milestoneId}:done:${stamp}:${mentee.personId}`,
    );
  }
}
