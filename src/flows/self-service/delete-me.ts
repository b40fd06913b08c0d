import type { FlowDefinition } from "#root/dialog/flow.ts";
import { msg } from "#root/i18n/translator.ts";
import { yesNo } from "../common/choices.ts";
import { callOffMeetingsOfLeaving, tellPairsOfLeaving } from "../common/pair.ts";
import { currentPerson } from "../common/people.ts";

/** `/delete_me`: after a confirmation, everything personal about the person is erased. */
export const deleteMeFlow: FlowDefinition = {
  name: "delete-me",
  version: 1,
  async run(d, ctx) {
    const me = await currentPerson(d, ctx);
    if (!me) {
      await d.say(msg("delete-nothing"));
      return;
    }
    const sure = await d.choose(msg("delete-confirm"), yesNo("button-delete-yes", "button-delete-no"));
    if (sure === "no") {
      await d.say(msg("delete-kept"));
      return { next: "menu" };
    }
    await d.run("erase", async () => {
      const orgIds = [...new Set(me.memberships.filter((m) => m.role !== "parent").map((m) => m.orgId))];
      const roles = me.memberships.filter((m) => m.role !== "parent");
      const pairs = await ctx.repos.pairs.working({ personId: me.person.id });
      const accounts = await ctx.repos.people.erase(me.person.id, "left", ctx.now());
      await tellPairsOfLeaving(ctx, me.person.id, pairs, `deleted:${me.person.id}`);
      await callOffMeetingsOfLeaving(ctx, me.person.id, pairs, ctx.now(), `deleted:${me.person.id}`);
      for (const account of accounts) {
        if (account.chatId !== ctx.chat.chatId || account.platform !== ctx.chat.platform)
          await ctx.forgetChat(account.platform, account.chatId);
      }
      for (const orgId of orgIds) {
        for (const coordinator of await ctx.repos.organisations.coordinatorPersonIds(orgId)) {
          const role = roles.find((m) => m.orgId === orgId)!;
          await ctx.notify.send(
            { personId: coordinator },
            { text: [msg("deleted-coordinator", { role: msg(`role-${role.role}`), number: role.participantId })] },
            `deleted:${me.person.id}:coordinator:${coordinator}`,
          );
        }
      }
    });
    await d.say(msg("delete-done"));
  },
};
