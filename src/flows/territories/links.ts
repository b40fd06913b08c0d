import type { Dialog } from "#root/dialog/dialog.ts";
import type { FlowContext, FlowDefinition } from "#root/dialog/flow.ts";
import type { TokenPurpose } from "#root/domain/tokens.ts";
import { msg } from "#root/i18n/translator.ts";
import { menuAction } from "../self-service/actions.ts";
import { territoryAction } from "./actions.ts";
import { territoryScope } from "./territory.ts";

async function territoryLink(
  d: Dialog,
  ctx: FlowContext,
  territoryId: number,
  purpose: Extract<TokenPurpose, "territory" | "territory-join">,
): Promise<void> {
  const scope = await territoryScope(d, ctx, territoryId);
  if (!scope) return;
  const { territory } = scope;
  const links = await d.run("issue-territory-link", async () => {
    const token = await ctx.repos.invites.issue({ purpose, territoryId: territory.id, createdBy: scope.person.id, now: ctx.now() });
    return ctx.links.all(token);
  });
  await d.say(
    [
      msg(purpose === "territory" ? "territory-invite-links" : "territory-join-links", { name: territory.name }),
      ...links.map((link) => msg("consent-link-line", { platform: msg(`platform-${link.platform}`), url: link.url })),
    ],
    { buttons: links.map((link) => [{ label: msg("consent-link-open", { platform: msg(`platform-${link.platform}`) }), url: link.url }]) },
  );
  await d.say(msg(purpose === "territory" ? "territory-invite-note" : "territory-join-note"), {
    buttons: [
      [
        territoryAction.button(msg("territory-button-back", { name: territory.name }), { territoryId: territory.id }),
        menuAction.button(msg("button-menu")),
      ],
    ],
  });
}

/** The link a territory's coordinator sends to schools' coordinators: opening it asks to join the territory. */
export const territoryJoinLinkFlow: FlowDefinition<{ territoryId: number }> = {
  name: "territory-join-link",
  version: 1,
  async run(d, ctx, { territoryId }) {
    await territoryLink(d, ctx, territoryId, "territory-join");
  },
};

/** A one-time link that makes a colleague a coordinator of the territory too. */
export const territoryInviteFlow: FlowDefinition<{ territoryId: number }> = {
  name: "territory-invite",
  version: 1,
  async run(d, ctx, { territoryId }) {
    await territoryLink(d, ctx, territoryId, "territory");
  },
};
