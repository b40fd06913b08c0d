import type { FlowDefinition } from "#root/dialog/flow.ts";
import { msg } from "#root/i18n/translator.ts";
import { coordinatorScope } from "../common/people.ts";
import { menuAction } from "../self-service/actions.ts";
import { programmeAction } from "./actions.ts";

/**
 * "🏫 Another school": a coordinator of several organisations picks the one they work in. Every
 * coordinator's screen (programme, bases, plans, digest, final event…) then shows that one, until they
 * switch again; each button still re-checks that they coordinate it.
 */
export const switchOrganisationFlow: FlowDefinition = {
  name: "switch-organisation",
  version: 1,
  async run(d, ctx) {
    const scope = await coordinatorScope(d, ctx);
    if (!scope) return;
    const { organisations } = scope;
    const menu = [menuAction.button(msg("button-menu"))];
    if (organisations.length < 2) {
      await d.say(msg("switch-organisation-only-one", { org: scope.membership.orgName }), { buttons: [menu] });
      return;
    }
    const chosen = await d.choose(
      msg("switch-organisation-question", { org: scope.membership.orgName }),
      organisations.map((organisation) => ({ value: String(organisation.orgId), label: msg("plain", { text: organisation.orgName }) })),
    );
    // Re-checked when saved: the person may have left that organisation since the question was asked.
    const saved = await d.run("switch", async () => {
      const now = (await ctx.repos.people.memberships(scope.person.id)).find(
        (entry) => String(entry.orgId) === chosen && entry.role === "coordinator" && entry.status === "active",
      );
      if (now) await ctx.repos.people.setCurrentOrganisation(scope.person.id, now.orgId);
      return now?.orgName;
    });
    if (!saved) {
      await d.say(msg("error-coordinators-only"), { buttons: [menu] });
      return;
    }
    await d.say(msg("switch-organisation-done", { org: saved }), {
      buttons: [[programmeAction.button(msg("button-programme")), ...menu]],
    });
  },
};
