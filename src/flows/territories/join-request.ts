import type { FlowDefinition } from "#root/dialog/flow.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { coordinatedOrganisations, currentPerson } from "../common/people.ts";
import { menuAction } from "../self-service/actions.ts";
import { joinDecisionAction } from "./actions.ts";
import type { TerritoryInviteArgs } from "./join.ts";

const SEND = "send";

/**
 * A school's coordinator opens a territory's join link: they choose which of their organisations asks
 * to join (or confirm the one they have); every coordinator of the territory and of its region gets
 * the request with Approve and Refuse.
 */
export const territoryJoinRequestFlow: FlowDefinition<TerritoryInviteArgs> = {
  name: "territory-join-request",
  version: 1,
  async run(d, ctx, { token, territoryId }) {
    const menu = [[menuAction.button(msg("button-menu"))]];
    const territory = await d.run("join-territory", () => ctx.repos.territories.get(territoryId));
    if (!territory) {
      await d.say(msg("invite-unknown"), { buttons: menu });
      return;
    }
    const me = await currentPerson(d, ctx);
    const organisations = me ? coordinatedOrganisations(me.memberships) : [];
    if (!me || organisations.length === 0) {
      await d.say(msg("territory-join-for-coordinators", { name: territory.name }), { buttons: menu });
      return;
    }
    let orgId: number;
    if (organisations.length === 1) {
      const only = organisations[0]!;
      const sure = await d.choose(msg("territory-join-confirm", { org: only.orgName, territory: territory.name }), [
        { value: SEND, label: msg("territory-button-send-request") },
      ]);
      if (sure !== SEND) return;
      orgId = only.orgId;
    } else {
      const chosen = await d.choose(
        msg("territory-join-which", { territory: territory.name }),
        organisations.map((organisation) => ({ value: String(organisation.orgId), label: msg("plain", { text: organisation.orgName }) })),
      );
      orgId = Number(chosen);
    }
    // Re-checked when saved: the answer came from the client, and the person may have left meanwhile.
    const organisation = organisations.find((entry) => entry.orgId === orgId);
    if (!organisation) {
      await d.say(msg("error-coordinators-only"), { buttons: menu });
      return;
    }
    const result = await d.run("request-join", async () => {
      const redeemed = await ctx.repos.invites.find(token, ctx.now());
      if (!redeemed.ok || redeemed.invite.purpose !== "territory-join" || redeemed.invite.territoryId !== territoryId) {
        return { ok: false as const, reason: redeemed.ok ? ("unknown" as const) : redeemed.reason };
      }
      const asked = await ctx.inOrganisation(orgId, (repos) => repos.territories.requestJoin(orgId, territoryId, me.person.id, ctx.now()));
      if (!asked.ok) return asked;
      await ctx.repos.invites.redeem(token, ctx.now());
      const recipients = await ctx.repos.territories.requestRecipients(territoryId);
      for (const personId of recipients) {
        await ctx.notify.send(
          { personId },
          {
            text: [msg("territory-request-notice", { org: organisation.orgName, territory: territory.name })],
            buttons: [
              [
                joinDecisionAction.button(msg("territory-button-approve"), { requestId: asked.requestId, verdict: "approve" }),
                joinDecisionAction.button(msg("territory-button-refuse"), { requestId: asked.requestId, verdict: "refuse" }),
              ],
            ],
          },
          `territory-join:${asked.requestId}:${personId}`,
        );
      }
      return asked;
    });
    if (!result.ok) {
      await d.say(refusal(result.reason, { org: organisation.orgName, territory: territory.name }), { buttons: menu });
      return;
    }
    await d.say(msg("territory-join-sent", { org: organisation.orgName, territory: territory.name }), { buttons: menu });
  },
};

/**
 * Why the request was not sent. The link may have expired or run out while the coordinator chose: a new
 * one comes from the territory's coordinator, not from a school's.
 */
function refusal(reason: string, names: { org: string; territory: string }): Msg {
  switch (reason) {
    case "open":
      return msg("territory-join-open", names);
    case "already_attached":
      return msg("territory-join-attached", names);
    case "unknown":
      return msg("invite-unknown", names);
    default:
      return msg("territory-join-link-gone", names);
  }
}
