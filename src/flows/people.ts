import type { Membership, PersonView } from "#root/db/repositories/people.ts";
import type { Dialog } from "#root/dialog/dialog.ts";
import type { FlowContext } from "#root/dialog/flow.ts";
import { msg } from "#root/i18n/translator.ts";

export interface CurrentPerson {
  person: PersonView;
  memberships: Membership[];
}

/** Who writes in this chat, read from the database (never from what the user typed). */
export async function currentPerson(d: Dialog, ctx: FlowContext): Promise<CurrentPerson | undefined> {
  return d.run("current-person", async () => {
    const personId = await ctx.repos.accounts.personOf(ctx.chat.accountId);
    if (personId === null) return undefined;
    const person = await ctx.repos.people.get(personId);
    if (!person) return undefined;
    return { person, memberships: await ctx.repos.people.memberships(personId) };
  });
}

/**
 * The organisation this chat's person coordinates, or undefined after telling them they may not.
 * Checked on every press: a button's payload comes from the client.
 */
export async function coordinatorScope(
  d: Dialog,
  ctx: FlowContext,
  /** A button's organisation (untrusted): honoured only when the person coordinates it. */
  orgId?: number,
): Promise<{ person: PersonView; membership: Membership } | undefined> {
  const me = await currentPerson(d, ctx);
  const membership = me?.memberships.find(
    (entry) => entry.role === "coordinator" && entry.status === "active" && (orgId === undefined || entry.orgId === orgId),
  );
  if (!me || !membership) {
    await d.say(msg("error-coordinators-only"));
    return undefined;
  }
  return { person: me.person, membership };
}
