import type { NewMilestone } from "#root/db/repositories/plans.ts";
import { type Dialog, runSteps } from "#root/dialog/dialog.ts";
import type { FlowContext } from "#root/dialog/flow.ts";
import { formatCalendarDate } from "#root/domain/cycle.ts";
import type { Parsed } from "#root/domain/parsers.ts";
import { MAX_MILESTONE_EVIDENCE, MAX_MILESTONE_TITLE, MAX_MILESTONES, MAX_PLAN_GOAL, parsePlanText } from "#root/domain/plan.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import type { PairSide } from "../common/pair.ts";
import { askMilestoneDate, asOneText, loadPlan, showPlan, tellMenteesToLook } from "./screen.ts";

/** The answer that skips "how will it be shown" (a button, or typed as is). */
const SKIP = "-";

/** "How will it be shown": text, or nothing at all. */
export function parseEvidence(text: string): Parsed<string | null> {
  if (text.trim() === SKIP) return { ok: true, value: null };
  return parsePlanText(text, MAX_MILESTONE_EVIDENCE);
}

/** Asks a milestone's title. */
export function askMilestoneTitle(d: Dialog, number: number): Promise<string> {
  return d.ask(msg("plan-ask-milestone", { number }), { parse: (text) => parsePlanText(text, MAX_MILESTONE_TITLE) });
}

/** Asks how a milestone's result will be shown; may be skipped. */
export function askEvidence(d: Dialog): Promise<string | null> {
  return d.ask(msg("plan-ask-evidence"), { parse: parseEvidence, suggestions: [{ value: SKIP, label: msg("button-plan-skip") }] });
}

export function askGoal(d: Dialog): Promise<string> {
  return d.ask(msg("plan-ask-goal"), { parse: (text) => parsePlanText(text, MAX_PLAN_GOAL) });
}

/** A milestone as the preview lists it. */
function draftLine(milestone: NewMilestone, number: number, locale: Dialog["locale"]): Msg {
  const args = { number, title: milestone.title, date: formatCalendarDate(milestone.dueOn, locale) };
  return milestone.evidence ? msg("plan-draft-line-evidence", { ...args, evidence: milestone.evidence }) : msg("plan-draft-line", args);
}

interface PlanDraft {
  goal: string;
  milestones: NewMilestone[];
  send: boolean;
}

type Step = (draft: PlanDraft) => Promise<void>;

/**
 * The mentor writes the pair's plan step by step (Back returns to the step before, across
 * milestones too): the goal, then milestones one by one (what, by when, how it is shown, another
 * or that's all), a preview, then it goes to the mentees or is kept as a draft.
 */
export async function draftPlan(d: Dialog, ctx: FlowContext, side: PairSide): Promise<void> {
  const { pair } = side;
  const now = await d.now();
  await d.say(msg(pair.mentees.length > 1 ? "plan-draft-intro-group" : "plan-draft-intro"));
  const draft: PlanDraft = { goal: "", milestones: [], send: true };

  // Milestone steps are added as the mentor asks for another one. runSteps reads the list as it
  // goes, so going back to "another one?" and answering "that's all" drops what followed.
  const steps: Step[] = [];
  const milestoneSteps = (index: number): Step[] => {
    const more: Step = async (draft) => {
      const choices = [{ value: "enough", label: msg("button-plan-enough") }];
      if (index + 1 < MAX_MILESTONES) choices.unshift({ value: "more", label: msg("button-plan-more") });
      const answer = await d.choose(
        msg(index + 1 < MAX_MILESTONES ? "plan-ask-more" : "plan-ask-more-full", { number: index + 1, max: MAX_MILESTONES }),
        choices,
      );
      const at = steps.indexOf(more);
      // Keep the preview (the last step); replace whatever milestones came after this one.
      steps.splice(at + 1, steps.length - at - 2, ...(answer === "more" ? milestoneSteps(index + 1) : []));
      draft.milestones.length = index + 1;
    };
    return [
      async (draft) => {
        draft.milestones[index] = { title: await askMilestoneTitle(d, index + 1), dueOn: "", evidence: null };
      },
      async (draft) => {
        draft.milestones[index]!.dueOn = await askMilestoneDate(d, pair, now);
      },
      async (draft) => {
        draft.milestones[index]!.evidence = await askEvidence(d);
      },
      more,
    ];
  };
  const preview: Step = async (draft) => {
    const text = [
      msg("plan-preview", { goal: draft.goal }),
      ...draft.milestones.map((milestone, index) => draftLine(milestone, index + 1, d.locale)),
    ];
    const answer = await d.choose(asOneText(d, text), [
      { value: "send", label: msg(pair.mentees.length > 1 ? "button-plan-send-group" : "button-plan-send") },
      { value: "keep", label: msg("button-plan-keep-draft") },
    ]);
    draft.send = answer === "send";
  };
  steps.push(
    async (draft) => {
      draft.goal = await askGoal(d);
    },
    ...milestoneSteps(0),
    preview,
  );
  await runSteps(d, draft, steps);

  const saved = await d.run("save-plan", async () => {
    const planId = await ctx.repos.plans.create({
      pairId: pair.pairId,
      orgId: pair.orgId,
      goal: draft.goal,
      status: draft.send ? "proposed" : "draft",
      milestones: draft.milestones,
      at: now,
    });
    if (planId === undefined) return false;
    if (draft.send) await tellMenteesToLook(ctx, pair, { id: planId, version: 1 }, "sent", now);
    return true;
  });
  const plan = await loadPlan(d, ctx, pair.pairId, "saved-plan");
  if (!plan) return;
  const notice = !saved
    ? msg("plan-error-exists")
    : draft.send
      ? msg(pair.mentees.length > 1 ? "plan-sent-group" : "plan-sent")
      : msg("plan-kept-draft");
  await showPlan(d, side, plan, now, [notice]);
}
