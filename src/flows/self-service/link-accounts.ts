import type { FlowDefinition } from "#root/dialog/flow.ts";
import { normaliseLinkCode } from "#root/domain/tokens.ts";
import { msg } from "#root/i18n/translator.ts";
import { newLinkCode } from "#root/tokens.ts";
import { currentPerson } from "../common/people.ts";

/**
 * Joins a person's Telegram and VK accounts: `/link` gives a one-time code on one messenger,
 * `/link CODE` (or the code's start link) on the other attaches that account to the same person.
 * Messages then go to the messenger the person used last.
 */
export const linkAccountsFlow: FlowDefinition<{ code?: string }> = {
  name: "link-accounts",
  version: 1,
  async run(d, ctx, { code }) {
    const me = await currentPerson(d, ctx);
    if (!code) {
      if (!me) {
        await d.say(msg("link-register-first"));
        return { next: "menu" };
      }
      const issued = await d.run("issue-link-code", async () => {
        const token = await ctx.repos.invites.issue(
          { purpose: "link", subjectPersonId: me.person.id, createdBy: me.person.id, now: ctx.now() },
          newLinkCode(),
        );
        return { token, links: ctx.links.all(token).filter((link) => link.platform !== ctx.chat.platform) };
      });
      await d.say(
        [
          msg("link-code", { code: issued.token }),
          ...issued.links.map((link) => msg("consent-link-line", { platform: msg(`platform-${link.platform}`), url: link.url })),
        ],
        {
          buttons: issued.links.map((link) => [
            { label: msg("consent-link-open", { platform: msg(`platform-${link.platform}`) }), url: link.url },
          ]),
        },
      );
      return;
    }
    const canonical = normaliseLinkCode(code);
    const result = await d.run("redeem-link-code", async () => {
      if (!canonical) return { ok: false as const, reason: "unknown" as const };
      const found = await ctx.repos.invites.find(canonical, ctx.now());
      if (!found.ok || found.invite.purpose !== "link" || !found.invite.subjectPersonId)
        return { ok: false as const, reason: found.ok ? ("unknown" as const) : found.reason };
      const target = found.invite.subjectPersonId;
      if (me && me.person.id === target) return { ok: false as const, reason: "same" as const };
      if (me && me.memberships.length > 0) return { ok: false as const, reason: "conflict" as const };
      const redeemed = await ctx.repos.invites.redeem(canonical, ctx.now());
      if (!redeemed.ok) return { ok: false as const, reason: redeemed.reason };
      await ctx.repos.accounts.attachPerson(ctx.chat.accountId, target);
      const person = await ctx.repos.people.get(target);
      return { ok: true as const, locale: person?.locale };
    });
    if (!result.ok) {
      await d.say(msg(`link-${result.reason}`));
      return { next: "menu" };
    }
    if (result.locale === "ru" || result.locale === "en") d.useLocale(result.locale);
    await d.say(msg("link-done"));
    return { next: "menu" };
  },
};
