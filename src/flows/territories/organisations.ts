import type { FlowDefinition } from "#root/dialog/flow.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { territoryAction } from "./actions.ts";
import { territoryFooter, territoryScope } from "./territory.ts";

/**
 * The organisations of a territory, by municipality: their names only. Who takes part, and how many,
 * is the aggregates' business (the indicators), never a list of people.
 */
export const territoryOrganisationsFlow: FlowDefinition<{ territoryId: number }> = {
  name: "territory-organisations",
  version: 1,
  async run(d, ctx, { territoryId }) {
    const scope = await territoryScope(d, ctx, territoryId);
    if (!scope) return;
    const { territory } = scope;
    const view = await d.run("territory-organisations", async () => {
      const [organisations, municipalities] = await Promise.all([
        ctx.repos.territories.organisationsUnder(territory.id),
        territory.kind === "region" ? ctx.repos.territories.municipalities(territory.id) : Promise.resolve([]),
      ]);
      return { organisations, municipalities };
    });
    const namesIn = (id: number) =>
      view.organisations
        .filter((organisation) => organisation.territoryId === id)
        .map((organisation) => organisation.name)
        .join(", ");
    const lines: Msg[] = [msg("territory-organisations-title", { name: territory.name, count: view.organisations.length })];
    const own = namesIn(territory.id);
    if (territory.kind === "region") {
      if (own) lines.push(msg("territory-organisations-direct", { names: own }));
      for (const municipality of view.municipalities) {
        const names = namesIn(municipality.id);
        lines.push(
          names
            ? msg("territory-organisations-in", { municipality: municipality.name, names })
            : msg("territory-organisations-in-none", { municipality: municipality.name }),
        );
      }
    } else if (own) {
      lines.push(msg("territory-organisations-list", { names: own }));
    }
    if (view.organisations.length === 0) lines.push(msg("territory-organisations-none"));
    await d.say(lines, {
      buttons: [
        [territoryAction.button(msg("territory-button-back", { name: territory.name }), { territoryId: territory.id })],
        territoryFooter(),
      ],
    });
  },
};
