import type { FlowDefinition } from "#root/dialog/flow.ts";
import type { Parsed } from "#root/domain/parsers.ts";
import { checkAgreement, checkChangeRequest, MAX_CHANGE_REQUEST, parsePlanText } from "#root/domain/plan.ts";
import { msg } from "#root/i18n/translator.ts";
import { menteeName, openPlanAs, openPlanButton, refusal, showPlan, showPlanAfter } from "./screen.ts";

/**
 * A mentee agrees to the plan as shown. In a group the first mentee's agreement makes the plan agreed
 * (the plan is the group's); the mentor is told. A second press, or a press on a plan changed since,
 * is answered with why, and the plan as it is now.
 */
export const planAgreeFlow: FlowDefinition<{ planId: number; version: number }> = {
  name: "plan-agree",
  version: 1,
  async run(d, ctx, { planId, version }) {
    const opened = await openPlanAs(d, ctx, planId, "mentee");
    if (!opened) return;
    const { side, now } = opened;
    const check = await d.run("agree", async (): Promise<Parsed<true>> => {
      const current = await ctx.repos.plans.forPair(side.pair.pairId);
      if (!current || current.id !== planId) return { ok: false, error: "plan-error-unknown" };
      const verdict = checkAgreement(current, version);
      if (!verdict.ok) return verdict;
      if (!(await ctx.repos.plans.agree(planId, version, side.personId, now))) {
        // Someone was quicker (another mentee of the group, the mentor's change): say what happened.
        const after = await ctx.repos.plans.forPair(side.pair.pairId);
        return after ? checkAgreement(after, version) : { ok: false, error: "plan-error-unknown" };
      }
      await ctx.notify.send(
        { personId: side.pair.mentor.personId },
        { text: [msg("plan-agreed-notice", { mentee: menteeName(side.pair, side.personId) })], buttons: openPlanButton(side.pair.pairId) },
        `plan:${planId}:v${version}:agreed`,
      );
      return { ok: true, value: true };
    });
    await showPlanAfter(d, ctx, side, now, check.ok ? msg("plan-agreed") : refusal(check));
  },
};

/** A mentee asks the mentor to change the plan, saying what and why; the mentor is told. */
export const planChangeFlow: FlowDefinition<{ planId: number; version: number }> = {
  name: "plan-change",
  version: 1,
  async run(d, ctx, { planId, version }) {
    const opened = await openPlanAs(d, ctx, planId, "mentee");
    if (!opened) return;
    const { side, plan, now } = opened;
    const allowed = checkChangeRequest(plan, version);
    if (!allowed.ok) {
      await showPlan(d, side, plan, now, [refusal(allowed)]);
      return;
    }
    const reason = await d.ask(msg("plan-ask-change"), { parse: (text) => parsePlanText(text, MAX_CHANGE_REQUEST) });
    const check = await d.run("request-change", async (): Promise<Parsed<true>> => {
      if (!(await ctx.repos.plans.requestChange(planId, version, reason, now))) {
        const after = await ctx.repos.plans.forPair(side.pair.pairId);
        return after ? checkChangeRequest(after, version) : { ok: false, error: "plan-error-unknown" };
      }
      await ctx.notify.send(
        { personId: side.pair.mentor.personId },
        {
          text: [msg("plan-change-notice", { mentee: menteeName(side.pair, side.personId), text: reason })],
          buttons: openPlanButton(side.pair.pairId),
        },
        `plan:${planId}:v${version}:change`,
      );
      return { ok: true, value: true };
    });
    await showPlanAfter(d, ctx, side, now, check.ok ? msg("plan-change-sent") : refusal(check));
  },
};
