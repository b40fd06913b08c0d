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
 * to the wrong chat), after a confirmation; new ones come from "Invite links".
 */
export const revokeInviteLinksFlow: FlowDefinition = {
  name: "invite-links-revoke",
  version: 1,
  async run(d, ctx) {
    const scope = await coordinatorScope(d, ctx);
    if (!scope) return;
    const sure = await d.choose(
      msg("invite-links-revoke-confirm", { org: scope.membership.orgName }),
      yesNo("button-invite-links-revoke-yes", "button-invite-links-revoke-no"),
    );
    if (sure === "no") return { next: "menu" };
    const count = await d.run("revoke", () => ctx.repos.invites.revokeParticipantLinks(scope.membership.orgId, ctx.now()));
    await d.say(msg("invite-links-revoked", { count }), {
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
