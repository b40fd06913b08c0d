import type { PersonView } from "#root/db/repositories/people.ts";
import type { Territory } from "#root/db/repositories/territories.ts";
import type { Dialog } from "#root/dialog/dialog.ts";
import type { FlowContext, FlowDefinition } from "#root/dialog/flow.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import type { SpecButton } from "#root/messaging/message-spec.ts";
import { currentPerson } from "../common/people.ts";
import { regionIndicatorsAction, regionReportAction } from "../region/actions.ts";
import { menuAction } from "../self-service/actions.ts";
import {
  joinRequestsAction,
  municipalitiesAction,
  territoryAction,
  territoryInviteAction,
  territoryJoinLinkAction,
  territoryOrganisationsAction,
} from "./actions.ts";

export interface TerritoryScope {
  person: PersonView;
  territory: Territory;
}

/**
 * The territory this chat's person may act for (they coordinate it or its region), or undefined after
 * telling them it is for territories' coordinators. Checked on every press: a button's territory
 * comes from the client.
 */
export async function territoryScope(d: Dialog, ctx: FlowContext, territoryId: number): Promise<TerritoryScope | undefined> {
  const me = await currentPerson(d, ctx);
  const territory = me ? await d.run("overseen-territory", () => ctx.repos.territories.overseen(me.person.id, territoryId)) : undefined;
  if (!me || !territory) {
    await d.say(msg("territory-coordinators-only"), { buttons: [[menuAction.button(msg("button-menu"))]] });
    return undefined;
  }
  return { person: me.person, territory };
}

/**
 * The territory screen's rows, above the last one (back and menu). VK shows at most six rows and ten
 * buttons: these take four rows and seven buttons, the last of them the regional figures and report.
 */
function territoryRows(territory: Territory): SpecButton[][] {
  const territoryId = territory.id;
  return [
    [
      ...(territory.kind === "region" ? [municipalitiesAction.button(msg("territory-button-municipalities"), { territoryId })] : []),
      territoryOrganisationsAction.button(msg("territory-button-organisations"), { territoryId }),
    ],
    [joinRequestsAction.button(msg("territory-button-requests"))],
    [
      territoryJoinLinkAction.button(msg("territory-button-join-link"), { territoryId }),
      territoryInviteAction.button(msg("territory-button-invite"), { territoryId }),
    ],
    [
      regionIndicatorsAction.button(msg("region-button-figures"), { territoryId }),
      regionReportAction.button(msg("region-button-report"), { territoryId }),
    ],
  ];
}

/** Back to the region (for a municipality the person oversees through it) and the menu. */
export function territoryFooter(backTo?: Territory): SpecButton[] {
  return [
    ...(backTo ? [territoryAction.button(msg("territory-button-back", { name: backTo.name }), { territoryId: backTo.id })] : []),
    menuAction.button(msg("button-menu")),
  ];
}

/**
 * "🗺 Territory": what a regional methodologist's territory is and what they can do with it. A person
 * who coordinates several territories picks one first; a region's coordinator opens its municipalities
 * from here too.
 */
export const territoryFlow: FlowDefinition<{ territoryId?: number }> = {
  name: "territory",
  version: 1,
  async run(d, ctx, { territoryId }) {
    let chosenId = territoryId;
    if (chosenId === undefined) {
      const me = await currentPerson(d, ctx);
      const territories = me ? await d.run("coordinated-territories", () => ctx.repos.territories.coordinatedBy(me.person.id)) : [];
      if (territories.length === 0) {
        await d.say(msg("territory-coordinators-only"), { buttons: [[menuAction.button(msg("button-menu"))]] });
        return;
      }
      chosenId =
        territories.length === 1
          ? territories[0]!.id
          : Number(
              await d.choose(
                msg("territory-which"),
                territories.map((territory) => ({ value: String(territory.id), label: msg("plain", { text: territory.name }) })),
              ),
            );
    }
    const scope = await territoryScope(d, ctx, chosenId);
    if (!scope) return;
    const { territory } = scope;
    const view = await d.run("territory-view", async () => {
      const [municipalities, organisations, requests, region, ownTerritories] = await Promise.all([
        territory.kind === "region" ? ctx.repos.territories.municipalities(territory.id) : Promise.resolve([]),
        ctx.repos.territories.organisationsUnder(territory.id),
        ctx.repos.territories.openRequests(scope.person.id),
        territory.parentId === null ? Promise.resolve(undefined) : ctx.repos.territories.get(territory.parentId),
        ctx.repos.territories.coordinatedBy(scope.person.id),
      ]);
      const ownRegion = region && ownTerritories.some((own) => own.id === region.id) ? region : undefined;
      return {
        municipalities: municipalities.length,
        organisations: organisations.length,
        requests: requests.filter((request) => request.territoryId === territory.id).length,
        regionName: region?.name,
        // A municipality opened from its region's screen leads back there.
        backTo: ownRegion,
      };
    });
    const lines: Msg[] = [
      territory.kind === "region"
        ? msg("territory-title-region", { name: territory.name, municipalities: view.municipalities, organisations: view.organisations })
        : msg("territory-title-municipality", { name: territory.name, region: view.regionName ?? "", organisations: view.organisations }),
    ];
    if (view.requests > 0) lines.push(msg("territory-requests-waiting", { count: view.requests }));
    await d.say(lines, { buttons: [...territoryRows(territory), territoryFooter(view.backTo)] });
  },
};
