import type { ActionRoute, FlowDefinition } from "#root/dialog/flow.ts";
import { msg } from "#root/i18n/translator.ts";
import { choosePair } from "../common/pair.ts";
import { parsePlanVersion, planAgreeFlow, planChangeFlow } from "./agreement.ts";
import { plansFlow, planViewFlow } from "./coordinator.ts";
import { draftPlan } from "./draft.ts";
import { planAddFlow, planGoalFlow, planMilestoneFlow, planSendFlow } from "./edit.ts";
import { loadPlan, showPlan } from "./screen.ts";

/**
 * The individual mentoring plan (ИПН): "📝 Plan" opens the pair's plan for its mentor and mentees.
 * The mentor writes it when there is none; the other plan-* flows edit it, agree to it or ask for a
 * change; the coordinator reads every pair's plan through "plans" and "plan-view".
 */
export const planFlow: FlowDefinition<{ pairId?: number }> = {
  name: "plan",
  version: 1,
  async run(d, ctx, { pairId }) {
    const side = await choosePair(d, ctx, { pairId, prompt: msg("plan-which-pair") });
    if (!side) return;
    const plan = await loadPlan(d, ctx, side.pair.pairId);
    const now = await d.now();
    if (!plan) {
      if (side.role === "mentor") {
        await draftPlan(d, ctx, side);
        return;
      }
      await d.say(msg("plan-none-mentee", { mentor: side.pair.mentor.name ?? "—" }), {
        buttons: [[{ label: msg("button-menu"), action: "menu" }]],
      });
      return;
    }
    // A mentee does not see a plan the mentor is still writing.
    if (side.role === "mentee" && plan.status === "draft") {
      await d.say(msg("plan-draft-mentee", { mentor: side.pair.mentor.name ?? "—" }), {
        buttons: [[{ label: msg("button-menu"), action: "menu" }]],
      });
      return;
    }
    await showPlan(d, side, plan, now);
  },
};

/** A database id in a button; anything else (a forged button) is not one of ours. */
function idArg(arg: string | undefined): number | undefined {
  return arg && /^\d{1,15}$/.test(arg) ? Number(arg) : undefined;
}

function withId<K extends string>(flow: string, key: K): ActionRoute {
  return (arg) => {
    const id = idArg(arg);
    return id === undefined ? undefined : { flow, args: { [key]: id } };
  };
}

export const PLAN_FLOWS: FlowDefinition[] = [
  planFlow,
  planSendFlow,
  planGoalFlow,
  planAddFlow,
  planMilestoneFlow,
  planAgreeFlow,
  planChangeFlow,
  plansFlow,
  planViewFlow,
];

export const PLAN_ACTIONS: Record<string, ActionRoute> = {
  // From the menu without an argument; from a message about one pair with its id.
  plan: (arg) => (arg === undefined ? { flow: "plan", args: {} } : withId("plan", "pairId")(arg)),
  "plan-send": withId("plan-send", "planId"),
  "plan-goal": withId("plan-goal", "planId"),
  "plan-add": withId("plan-add", "planId"),
  "plan-ms": withId("plan-milestone", "milestoneId"),
  "plan-agree": (arg) => {
    const ref = parsePlanVersion(arg);
    return ref ? { flow: "plan-agree", args: ref } : undefined;
  },
  "plan-change": (arg) => {
    const ref = parsePlanVersion(arg);
    return ref ? { flow: "plan-change", args: ref } : undefined;
  },
  plans: (arg) => ({ flow: "plans", args: { page: arg !== undefined && /^\d{1,4}$/.test(arg) ? Number(arg) : 0 } }),
  "plan-view": withId("plan-view", "pairId"),
};
