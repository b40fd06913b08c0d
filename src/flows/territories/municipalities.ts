import type { Territory } from "#root/db/repositories/territories.ts";
import type { Dialog } from "#root/dialog/dialog.ts";
import type { FlowContext, FlowDefinition, FlowOutcome } from "#root/dialog/flow.ts";
import { parseTerritoryName } from "#root/domain/territories.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { pickFromList } from "../common/picker.ts";
import { menuAction } from "../self-service/actions.ts";
import { municipalitiesAction, territoryAction } from "./actions.ts";
import { territoryScope } from "./territory.ts";

const ADD = "add";

/**
 * The region this chat's person oversees, or what the flow does instead: ends, when they oversee no
 * such territory (they have been told the screen is for territories' coordinators), or opens the
 * territory's screen, when it is a municipality (it has no municipalities of its own).
 */
async function overseenRegion(
  d: Dialog,
  ctx: FlowContext,
  territoryId: number,
): Promise<{ ok: true; region: Territory } | { ok: false; instead: FlowOutcome }> {
  const scope = await territoryScope(d, ctx, territoryId);
  if (!scope) return { ok: false, instead: undefined };
  if (scope.territory.kind !== "region") return { ok: false, instead: { next: "territory", args: { territoryId } } };
  return { ok: true, region: scope.territory };
}

/** A region's municipalities with how many organisations each has; one is opened (its join link is there), or a new one added. */
export const municipalitiesFlow: FlowDefinition<{ territoryId: number }> = {
  name: "territory-municipalities",
  version: 1,
  async run(d, ctx, { territoryId }) {
    const found = await overseenRegion(d, ctx, territoryId);
    if (!found.ok) return found.instead;
    const territory = found.region;
    const municipalities = await d.run("municipalities", () => ctx.repos.territories.municipalities(territory.id));
    const lines: Msg[] = [msg("territory-municipalities-title", { name: territory.name, count: municipalities.length })];
    for (const municipality of municipalities) {
      lines.push(msg("territory-municipality-line", { name: municipality.name, organisations: municipality.organisations }));
    }
    const chosen = await pickFromList(d, msg("territory-lines", { text: lines.map((line) => d.translate(line)).join("\n") }), [
      { value: ADD, label: msg("territory-button-add-municipality") },
      ...municipalities.map((municipality) => ({ value: String(municipality.id), label: msg("plain", { text: municipality.name }) })),
    ]);
    if (chosen === ADD) return { next: "territory-add-municipality", args: { territoryId } };
    return { next: "territory", args: { territoryId: Number(chosen) } };
  },
};

/** A region's coordinator adds a municipality by its name. */
export const addMunicipalityFlow: FlowDefinition<{ territoryId: number }> = {
  name: "territory-add-municipality",
  version: 1,
  async run(d, ctx, { territoryId }) {
    const found = await overseenRegion(d, ctx, territoryId);
    if (!found.ok) return found.instead;
    const territory = found.region;
    let prompt = msg("territory-add-municipality-name", { region: territory.name });
    for (let attempt = 0; ; attempt++) {
      const name = await d.ask(prompt, { parse: parseTerritoryName });
      const created = await d.run(`create-municipality-${attempt}`, () =>
        ctx.repos.territories.create({ kind: "municipality", name, parentId: territory.id }),
      );
      if (created.ok) {
        await d.say(msg("territory-municipality-added", { name: created.territory.name, region: territory.name }), {
          buttons: [
            [territoryAction.button(msg("territory-button-open", { name: created.territory.name }), { territoryId: created.territory.id })],
            [municipalitiesAction.button(msg("territory-button-municipalities"), { territoryId }), menuAction.button(msg("button-menu"))],
          ],
        });
        return;
      }
      // The only refusal left for a municipality of a region the person oversees: the name is taken.
      prompt = msg("territory-municipality-exists", { name });
    }
  },
};
