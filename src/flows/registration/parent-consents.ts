import type { FlowDefinition } from "#root/dialog/flow.ts";
import { calendarDate, formatCalendarDate } from "#root/domain/cycle.ts";
import { msg } from "#root/i18n/translator.ts";
import { yesNo } from "../common/choices.ts";
import { callOffMeetingsOfLeaving, tellPairsOfLeaving } from "../common/pair.ts";
import { currentPerson } from "../common/people.ts";

/**
 * A parent sees the consents they gave and may withdraw one: the child's participation stops and
 * the child's personal data is erased; the child and the coordinators are told.
 */
export const parentConsentsFlow: FlowDefinition = {
  name: "parent-consents",
  version: 1,
  async run(d, ctx) {
    const me = await currentPerson(d, ctx);
    const given = me ? await d.run("granted", () => ctx.repos.consents.grantedBy(me.person.id)) : [];
    if (!me || given.length === 0) {
      await d.say(msg("parent-consents-none"));
      return { next: "menu" };
    }
    await d.say([
      msg("parent-consents-title"),
      ...given.map((consent) =>
        msg("parent-consents-line", {
          child: consent.childName ?? "—",
          org: consent.orgName,
          // The organisation's calendar day (stored times are UTC), written as every other date of the bot.
          date: formatCalendarDate(
            calendarDate(new Date(consent.decidedAt), me.memberships.find((m) => m.orgId === consent.orgId)?.timezone ?? "UTC"),
            d.locale,
          ),
          version: consent.textVersion,
          platform: msg(`platform-${consent.platform}`),
        }),
      ),
    ]);
    const choice = await d.choose(msg("parent-consents-question"), [
      ...given.map((consent) => ({ value: String(consent.id), label: msg("button-withdraw-for", { child: consent.childName ?? "—" }) })),
      { value: "keep", label: msg("button-keep-all") },
    ]);
    if (choice === "keep") return { next: "menu" };
    const consent = given.find((entry) => String(entry.id) === choice)!;
    const sure = await d.choose(
      msg("withdraw-confirm", { child: consent.childName ?? "—" }),
      yesNo("button-withdraw-yes", "button-withdraw-no"),
    );
    if (sure === "no") return { next: "menu" };
    const withdrawn = await d.run("withdraw", async () => {
      const at = ctx.now();
      // Re-checked against the database: only the parent who gave a consent can withdraw it.
      const record = await ctx.repos.consents.withdraw(consent.id, me.person.id, at);
      if (!record) return false;
      const pairs = await ctx.repos.pairs.working({ personId: consent.childPersonId });
      const childAccounts = await ctx.repos.people.erase(consent.childPersonId, "withdrawn", at);
      await tellPairsOfLeaving(ctx, consent.childPersonId, pairs, `withdrawn:${record.id}`);
      await callOffMeetingsOfLeaving(ctx, consent.childPersonId, pairs, at, `withdrawn:${record.id}`);
      for (const account of childAccounts) {
        await ctx.forgetChat(account.platform, account.chatId);
        await ctx.notify.send(
          { accountId: account.accountId },
          { text: [msg("withdrawn-child")] },
          `withdrawn:${record.id}:account:${account.accountId}`,
        );
      }
      for (const coordinator of await ctx.repos.organisations.coordinatorPersonIds(consent.orgId)) {
        await ctx.notify.send(
          { personId: coordinator },
          { text: [msg("withdrawn-coordinator", { number: record.participantId })] },
          `withdrawn:${record.id}:coordinator:${coordinator}`,
        );
      }
      return true;
    });
    await d.say(msg(withdrawn ? "withdrawn-parent" : "withdraw-already"));
    return { next: "menu" };
  },
};
