import type { FlowDefinition } from "#root/dialog/flow.ts";
import { parsePersonName } from "#root/domain/parsers.ts";
import { msg } from "#root/i18n/translator.ts";
import type { InviteArgs } from "./registration.ts";

/** A coordinator joins through the one-time invite printed by `npm run admin -- create-org` or given by a colleague. */
export const registerCoordinatorFlow: FlowDefinition<InviteArgs> = {
  name: "register-coordinator",
  version: 1,
  async run(d, ctx, invite) {
    await d.say(msg("register-coordinator-welcome", { org: invite.orgName }));
    const fullName = await d.ask(msg("register-coordinator-name"), { parse: parsePersonName });
    const result = await d.run("register", () =>
      ctx.repos.people.register({
        accountId: ctx.chat.accountId,
        locale: d.locale,
        token: invite.token,
        orgId: invite.orgId,
        status: "active",
        registration: { role: "coordinator", answers: { fullName } },
        now: ctx.now(),
      }),
    );
    if (!result.ok) {
      await d.say(msg(result.reason === "already_registered" ? "register-already" : `invite-${result.reason}`));
      return { next: "menu" };
    }
    await d.say(msg("register-coordinator-done", { name: fullName, org: invite.orgName }));
    return { next: "menu" };
  },
};
