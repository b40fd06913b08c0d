import type { FlowDefinition } from "#root/dialog/flow.ts";
import { msg } from "#root/i18n/translator.ts";
import { choosePair } from "../common/pair.ts";
import { menuAction } from "../self-service/actions.ts";
import { draftPlan } from "./draft.ts";
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
        buttons: [[menuAction.button(msg("button-menu"))]],
      });
      return;
    }
    // A mentee does not see a plan the mentor is still writing.
    if (side.role === "mentee" && plan.status === "draft") {
      await d.say(msg("plan-draft-mentee", { mentor: side.pair.mentor.name ?? "—" }), {
        buttons: [[menuAction.button(msg("button-menu"))]],
      });
      return;
    }
    await showPlan(d, side, plan, now);
  },
};
