import type { FlowDefinition } from "#root/dialog/flow.ts";
import { type Locale, msg } from "#root/i18n/translator.ts";
import { currentPerson } from "../common/people.ts";

/** Switches the language of everything the bot says to this person, on every messenger. */
export const languageFlow: FlowDefinition = {
  name: "language",
  version: 1,
  async run(d, ctx) {
    const locale = await d.choose<Locale>(
      msg("language-question"),
      [
        { value: "ru", label: msg("language-ru") },
        { value: "en", label: msg("language-en") },
      ],
      { columns: 2 },
    );
    const me = await currentPerson(d, ctx);
    await d.run("save-language", async () => {
      if (me) await ctx.repos.people.setLocale(me.person.id, locale);
      await ctx.repos.accounts.setLanguage(ctx.chat.accountId, locale);
    });
    d.useLocale(locale);
    await d.say(msg("language-saved"));
    return { next: "menu" };
  },
};
