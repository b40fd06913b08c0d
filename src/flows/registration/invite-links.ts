import type { Dialog } from "#root/dialog/dialog.ts";
import type { FlowContext, FlowDefinition } from "#root/dialog/flow.ts";
import type { TokenPurpose } from "#root/domain/tokens.ts";
import { msg } from "#root/i18n/translator.ts";
import { yesNo } from "../common/choices.ts";
import { coordinatorScope } from "../common/people.ts";
import { menuAction } from "../self-service/actions.ts";
import { inviteLinksAction, revokeInviteLinksAction } from "./actions.ts";

async function issueLinks(
  d: Dialog,
  ctx: FlowContext,
  purposes: Array<Extract<TokenPurpose, "mentee" | "mentor" | "coordinator">>,
): Promise<void> {
  const scope = await coordinatorScope(d, ctx);
  if (!scope) return;
  const issued = await d.run("issue-invites", async () =>
    Promise.all(
      purposes.map(async (purpose) => {
        const token = await ctx.repos.invites.issue({ purpose, orgId: scope.membership.orgId, createdBy: scope.person.id, now: ctx.now() });
        return { purpose, links: ctx.links.all(token) };
      }),
    ),
  );
  for (const { purpose, links } of issued) {
    await d.say(
      [
        msg(`invite-links-${purpose}`, { org: scope.membership.orgName }),
        ...links.map((link) => msg("consent-link-line", { platform: msg(`platform-${link.platform}`), url: link.url })),
      ],
      {
        buttons: links.map((link) => [{ label: msg("consent-link-open", { platform: msg(`platform-${link.platform}`) }), url: link.url }]),
      },
    );
  }
}

/** The coordinator's links for students and mentors (each press makes new ones; older ones keep working until they expire or are revoked). */
export const inviteLinksFlow: FlowDefinition = {
  name: "invite-links",
  version: 1,
  async run(d, ctx) {
    await issueLinks(d, ctx, ["mentee", "mentor"]);
    await d.say(msg("invite-links-note"), {
      buttons: [[revokeInviteLinksAction.button(msg("button-invite-links-revoke"))], [menuAction.button(msg("button-menu"))]],
    });
  },
};

/**
 * A coordinator ends every open link for students and mentors of the organisation (one was forwarded
 * to the wrong chat), after a confirmation; new ones come from "Invite links". Students' personal
 * links from class lists end too, and the students who had not opened theirs are erased: a new
 * import of the list gives them new links.
 */
export const revokeInviteLinksFlow: FlowDefinition = {
  name: "invite-links-revoke",
  version: 2,
  async run(d, ctx) {
    const scope = await coordinatorScope(d, ctx);
    if (!scope) return;
    const { orgId, orgName } = scope.membership;
    // Students invited from class lists who have not come yet lose their only way in: the coordinator is told first.
    const unclaimed = await d.run("unclaimed", () => ctx.repos.roster.unclaimed(orgId, ctx.now()));
    const sure = await d.choose(
      unclaimed > 0
        ? msg("invite-links-revoke-confirm-roster", { org: orgName, count: unclaimed })
        : msg("invite-links-revoke-confirm", { org: orgName }),
      yesNo("button-invite-links-revoke-yes", "button-invite-links-revoke-no"),
    );
    if (sure === "no") return { next: "menu" };
    const { count, erased } = await d.run("revoke", async () => {
      const now = ctx.now();
      const count = await ctx.repos.invites.revokeParticipantLinks(orgId, now);
      return { count, erased: await ctx.repos.roster.eraseUnclaimed(now, orgId) };
    });
    await d.say([msg("invite-links-revoked", { count }), ...(erased > 0 ? [msg("roster-unclaimed-erased", { count: erased })] : [])], {
      buttons: [[inviteLinksAction.button(msg("button-invite-links"))], [menuAction.button(msg("button-menu"))]],
    });
  },
};

/** A one-time link that makes a colleague a second coordinator of the organisation. */
export const inviteCoordinatorFlow: FlowDefinition = {
  name: "invite-coordinator",
  version: 1,
  async run(d, ctx) {
    await issueLinks(d, ctx, ["coordinator"]);
  },
};
