import type { FlowDefinition } from "#root/dialog/flow.ts";
import { parsePersonName } from "#root/domain/parsers.ts";
import { msg } from "#root/i18n/translator.ts";
import { currentPerson } from "../common/people.ts";
import { menuAction } from "../self-service/actions.ts";

export interface TerritoryInviteArgs {
  token: string;
  territoryId: number;
}

/**
 * A regional methodologist joins through a territory's one-time invite (`npm run admin --
 * invite-territory-coordinator`, or a colleague's): someone the bot does not know gives their name,
 * then the territory's screen opens. The invite is used up only when they are added.
 */
export const joinTerritoryFlow: FlowDefinition<TerritoryInviteArgs> = {
  name: "join-territory",
  version: 1,
  async run(d, ctx, { token, territoryId }) {
    const territory = await d.run("invited-territory", () => ctx.repos.territories.get(territoryId));
    if (!territory) {
      await d.say(msg("invite-territory-unknown"));
      return { next: "menu" };
    }
    const me = await currentPerson(d, ctx);
    const already = me ? await d.run("already-coordinates", () => ctx.repos.territories.overseen(me.person.id, territoryId)) : undefined;
    if (me && already) {
      await d.say(msg("territory-join-already", { name: territory.name }));
      return { next: "territory", args: { territoryId } };
    }
    await d.say(msg("territory-welcome", { name: territory.name }));
    const fullName = me?.person.fullName ?? (await d.ask(msg("territory-name-question"), { parse: parsePersonName }));
    const joined = await d.run("join-territory", () =>
      ctx.repos.territories.join({ token, territoryId, accountId: ctx.chat.accountId, fullName, locale: d.locale, now: ctx.now() }),
    );
    if (!joined.ok) {
      if (joined.reason === "already_coordinator") {
        await d.say(msg("territory-join-already", { name: territory.name }));
        return { next: "territory", args: { territoryId } };
      }
      await d.say(msg(`invite-territory-${joined.reason}`), { buttons: [[menuAction.button(msg("button-menu"))]] });
      return;
    }
    await d.say(msg("territory-joined", { name: fullName, territory: territory.name }));
    return { next: "territory", args: { territoryId } };
  },
};
