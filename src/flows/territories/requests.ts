import type { FlowDefinition } from "#root/dialog/flow.ts";
import type { TerritoryJoinDecision } from "#root/domain/region.ts";
import { msg } from "#root/i18n/translator.ts";
import { currentPerson } from "../common/people.ts";
import { menuAction } from "../self-service/actions.ts";
import { joinDecisionAction, joinRequestsAction, territoryAction } from "./actions.ts";

/** The open requests of schools to join the territories the person oversees, each with Approve and Refuse. */
export const joinRequestsFlow: FlowDefinition = {
  name: "territory-join-requests",
  version: 1,
  async run(d, ctx) {
    const me = await currentPerson(d, ctx);
    const territories = me ? await d.run("coordinated-territories", () => ctx.repos.territories.coordinatedBy(me.person.id)) : [];
    if (!me || territories.length === 0) {
      await d.say(msg("territory-coordinators-only"), { buttons: [[menuAction.button(msg("button-menu"))]] });
      return;
    }
    const requests = await d.run("open-requests", () => ctx.repos.territories.openRequests(me.person.id));
    const footer = [[territoryAction.button(msg("territory-button-territory")), menuAction.button(msg("button-menu"))]];
    if (requests.length === 0) {
      await d.say(msg("territory-requests-none"), { buttons: footer });
      return;
    }
    await d.say(msg("territory-requests-title", { count: requests.length }));
    for (const request of requests) {
      await d.say(msg("territory-request-line", { org: request.orgName, territory: request.territoryName }), {
        buttons: [
          [
            joinDecisionAction.button(msg("territory-button-approve"), { requestId: request.id, verdict: "approve" }),
            joinDecisionAction.button(msg("territory-button-refuse"), { requestId: request.id, verdict: "refuse" }),
          ],
        ],
      });
    }
    await d.say(msg("territory-requests-hint"), { buttons: footer });
  },
};

/**
 * A territory's (or its region's) coordinator decides a school's request. The first answer decides;
 * a later press on any copy of the notice is told what was decided. The school's coordinators hear
 * the decision.
 */
export const joinDecisionFlow: FlowDefinition<{ requestId: number; verdict: "approve" | "refuse" }> = {
  name: "territory-join-decide",
  version: 1,
  async run(d, ctx, { requestId, verdict }) {
    const me = await currentPerson(d, ctx);
    const footer = [[joinRequestsAction.button(msg("territory-button-requests")), menuAction.button(msg("button-menu"))]];
    if (!me) {
      await d.say(msg("territory-coordinators-only"), { buttons: [[menuAction.button(msg("button-menu"))]] });
      return;
    }
    const decision: TerritoryJoinDecision = verdict === "approve" ? "approved" : "refused";
    const result = await d.run("decide", async () => {
      const decided = await ctx.repos.territories.decide(requestId, decision, me.person.id, ctx.now());
      if (!decided.ok) return decided;
      const { orgName, territoryName } = decided.decided;
      for (const personId of decided.decided.schoolCoordinators) {
        await ctx.notify.send(
          { personId },
          {
            text: [
              msg(decision === "approved" ? "territory-request-approved-school" : "territory-request-refused-school", {
                org: orgName,
                territory: territoryName,
              }),
            ],
            buttons: [[menuAction.button(msg("button-menu"))]],
          },
          `territory-join:${requestId}:decided:${personId}`,
        );
      }
      return decided;
    });
    if (!result.ok) {
      if (result.reason === "not_allowed") {
        await d.say(msg("territory-coordinators-only"), { buttons: [[menuAction.button(msg("button-menu"))]] });
        return;
      }
      await d.say(
        result.decision
          ? msg(result.decision === "approved" ? "territory-request-already-approved" : "territory-request-already-refused", {
              org: result.orgName ?? "",
            })
          : msg("territory-request-gone"),
        { buttons: footer },
      );
      return;
    }
    const told = { org: result.decided.orgName, territory: result.decided.territoryName };
    await d.say(msg(decision === "approved" ? "territory-request-approved" : "territory-request-refused", told), {
      buttons: footer,
    });
  },
};
