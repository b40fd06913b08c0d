import type { Dialog } from "#root/dialog/dialog.ts";
import type { FlowContext, FlowDefinition } from "#root/dialog/flow.ts";
import { msg } from "#root/i18n/translator.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { currentPerson } from "../common/people.ts";
import { helpAction } from "../self-service/actions.ts";
import { consentLinkAction } from "./actions.ts";

/**
 * Gives a child (or a young mentor) a fresh link for a parent; the previous link stops working, so
 * only the latest forwarded message counts.
 */
async function offerParentLink(d: Dialog, ctx: FlowContext, participantId: number, personId: number): Promise<void> {
  const links = await d.run("issue-consent-link", async () => {
    await ctx.repos.invites.revokeFor("consent", participantId);
    const participant = await ctx.repos.people.participant(participantId);
    const token = await ctx.repos.invites.issue({
      purpose: "consent",
      orgId: participant?.orgId,
      subjectParticipantId: participantId,
      subjectPersonId: personId,
      createdBy: personId,
      now: ctx.now(),
    });
    return ctx.links.all(token);
  });
  await showParentLink(d, links);
}

/** Tells a child how to pass the link on, with the link for each messenger, and that the bot waits. */
export async function showParentLink(d: Dialog, links: Array<{ platform: Platform; url: string }>): Promise<void> {
  await d.say(msg("consent-link-instructions"));
  await d.say(
    [
      msg("consent-link-for-parent"),
      ...links.map((link) => msg("consent-link-line", { platform: msg(`platform-${link.platform}`), url: link.url })),
    ],
    {
      buttons: links.map((link) => [{ label: msg("consent-link-open", { platform: msg(`platform-${link.platform}`) }), url: link.url }]),
      forwardable: true,
    },
  );
  await d.say(msg("consent-waiting"), {
    buttons: [[consentLinkAction.button(msg("button-new-consent-link"))], [helpAction.button(msg("button-help"))]],
  });
}

/** "Send the link again": for a participant still waiting for a parent's answer. */
export const consentLinkFlow: FlowDefinition = {
  name: "consent-link",
  version: 1,
  async run(d, ctx) {
    const me = await currentPerson(d, ctx);
    const waiting = me?.memberships.find((membership) => membership.status === "awaiting_consent" || membership.status === "declined");
    if (!me || !waiting) {
      await d.say(msg("consent-link-not-needed"));
      return { next: "menu" };
    }
    await offerParentLink(d, ctx, waiting.participantId, me.person.id);
  },
};
