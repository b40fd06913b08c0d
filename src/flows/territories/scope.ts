import type { PersonView } from "#root/db/repositories/people.ts";
import type { Territory } from "#root/db/repositories/territories.ts";
import type { Dialog } from "#root/dialog/dialog.ts";
import type { FlowContext } from "#root/dialog/flow.ts";
import { msg } from "#root/i18n/translator.ts";
import { currentPerson } from "../common/people.ts";
import { menuAction } from "../self-service/actions.ts";

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
