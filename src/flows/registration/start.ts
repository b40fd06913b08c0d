import type { FlowDefinition } from "#root/dialog/flow.ts";
import { msg } from "#root/i18n/translator.ts";
import type { InviteArgs } from "./registration.ts";

/**
 * `/start <payload>` and vk.me `ref` links: an invite, a parent's consent link, or nothing (then
 * the menu). The token is only looked at here; registration uses it up when it saves.
 */
export const startFlow: FlowDefinition<{ payload?: string }> = {
  name: "start",
  version: 1,
  async run(d, ctx, { payload }) {
    if (!payload) return { next: "menu", args: { greet: true } };
    // One look-up brings the organisation and what the bot knows of the chat's person along.
    const lookup = await d.run("find-invite", () => ctx.repos.invites.findForStart(payload, ctx.now(), ctx.chat.accountId));
    if (!lookup.ok) {
      // A methodologist's invite comes from a colleague or the region, and a school's link to join a
      // territory from the territory's coordinator: neither from a school's coordinator.
      await d.say(
        lookup.purpose === "territory"
          ? msg(`invite-territory-${lookup.reason}`)
          : lookup.purpose === "territory-join"
            ? msg("territory-join-link-gone")
            : msg(`invite-${lookup.reason}`),
      );
      return { next: "menu" };
    }
    const { invite } = lookup;
    const inviteArgs: InviteArgs = {
      token: payload,
      orgId: invite.orgId ?? 0,
      orgName: lookup.orgName,
      knownBirthYear: lookup.knownBirthYear,
    };
    switch (invite.purpose) {
      case "coordinator":
        return { next: "register-coordinator", args: inviteArgs };
      case "mentee":
        return { next: "register-mentee", args: inviteArgs };
      case "mentor":
        return { next: "register-mentor", args: inviteArgs };
      case "consent":
        return { next: "parent-consent", args: { token: payload } };
      case "link":
        return { next: "link-accounts", args: { code: payload } };
      case "roster":
        // A personal link from a class list (issue 19): the student only confirms who they are.
        return { next: "roster-claim", args: { token: payload, participantId: invite.subjectParticipantId ?? 0 } };
      case "territory":
        // A regional methodologist's invite (issue 20).
        return { next: "join-territory", args: { token: payload, territoryId: invite.territoryId ?? 0 } };
      case "territory-join":
        // A school's coordinator asks for their organisation to join a territory.
        return { next: "territory-join-request", args: { token: payload, territoryId: invite.territoryId ?? 0 } };
    }
  },
};
