import type { FlowDefinition } from "#root/dialog/flow.ts";
import { msg } from "#root/i18n/translator.ts";
import { coordinatorScope } from "../common/people.ts";
import { menuAction } from "../self-service/actions.ts";
import { childNotice } from "./parent-consent.ts";

type Verdict = "accept" | "reject";

/**
 * A coordinator accepts or rejects a parent's grant that came after another person's decline. The
 * first coordinator to answer decides; the child and the giver are told.
 */
export const consentReviewFlow: FlowDefinition<{ orgId: number; consentId: number; verdict: Verdict }> = {
  name: "consent-review",
  version: 1,
  async run(d, ctx, { orgId: requested, consentId, verdict }) {
    const scope = await coordinatorScope(d, ctx, requested);
    if (!scope) return;
    const { orgId } = scope.membership;
    const accepted = verdict === "accept";
    const reviewed = await d.run("review", async () => {
      const done = await ctx.inOrganisation(orgId, (repos) =>
        repos.consents.review(consentId, orgId, accepted ? "accepted" : "rejected", scope.person.id, ctx.now()),
      );
      if (!done) return null;
      const child = done.childName ?? "—";
      if (accepted) {
        await ctx.notify.send(
          { personId: done.childPersonId },
          { text: [childNotice("granted", done.childRole)], buttons: [[menuAction.button(msg("button-menu"))]] },
          `consent:${consentId}:child`,
        );
      }
      await ctx.notify.send(
        { personId: done.giverPersonId },
        { text: [msg(accepted ? "consent-review-accepted-parent" : "consent-review-rejected-parent", { child })] },
        `consent:${consentId}:reviewed:giver`,
      );
      return { child };
    });
    const menu = [[menuAction.button(msg("button-menu"))]];
    if (!reviewed) {
      await d.say(msg("consent-review-gone"), { buttons: menu });
      return;
    }
    await d.say(msg(accepted ? "consent-review-accepted" : "consent-review-rejected", { child: reviewed.child }), { buttons: menu });
  },
};
