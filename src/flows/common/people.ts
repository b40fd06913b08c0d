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
): Promise<
  { person: PersonView; membership: Membership /** Every organisation they coordinate. */; organisations: Membership[] } | undefined
> {
  const me = await currentPerson(d, ctx);
  const coordinated = me ? coordinatedOrganisations(me.memberships) : [];
  const wanted = orgId ?? me?.person.currentOrgId ?? undefined;
  // A button names its organisation; otherwise the one the person works in now (a choice that no
  // longer holds, e.g. they left it, falls back to the first).
  const membership = coordinated.find((entry) => entry.orgId === wanted) ?? (orgId === undefined ? coordinated[0] : undefined);
  if (!me || !membership) {
    await d.say(msg("error-coordinators-only"));
    return undefined;
  }
  return { person: me.person, membership, organisations: coordinated };
}

/** The organisations a person coordinates (active), in the order memberships come. */
export function coordinatedOrganisations(memberships: readonly Membership[]): Membership[] {
  return memberships.filter((entry) => entry.role === "coordinator" && entry.status === "active");
}
