import type { Repositories } from "#root/db/repositories/index.ts";
import type { TokenPurpose } from "#root/domain/tokens.ts";
import { AdminError, type AdminReport } from "./report.ts";

/** Purposes an organisation's tokens can have (account-link codes belong to a person, not an organisation). */
const ORGANISATION_PURPOSES = ["coordinator", "mentee", "mentor", "consent", "roster"] as const satisfies TokenPurpose[];

/**
 * Ends every open invite of an organisation: coordinator invites, students' and mentors' links,
 * parents' consent links (a child asks the bot for a new one) and students' personal links from
 * class lists; the invited students who had not opened theirs are erased, as the coordinator's
 * revoke does (a new import of the list gives new links).
 */
export async function revokeInvites(repos: Repositories, orgId: number, now = new Date()): Promise<AdminReport> {
  const org = await repos.organisations.get(orgId);
  if (!org) throw new AdminError(`There is no organisation #${orgId}: npm run admin -- list-orgs shows them.`);
  const ended = await repos.invites.revokeAllOfOrganisation(orgId, now);
  const erased = await repos.roster.eraseUnclaimed(now, orgId);
  const revoked = Object.fromEntries(ORGANISATION_PURPOSES.map((purpose) => [purpose, ended[purpose] ?? 0]));
  const total = ORGANISATION_PURPOSES.reduce((sum, purpose) => sum + (ended[purpose] ?? 0), 0);
  return {
    document: { orgId: org.id, name: org.name, revoked, total, invitedErased: erased },
    lines: [
      total === 0
        ? `Organisation #${org.id} "${org.name}" had no open invites.`
        : `Revoked ${total} open invites of organisation #${org.id} "${org.name}":`,
      ...(total === 0 ? [] : ORGANISATION_PURPOSES.map((purpose) => `  ${purpose.padEnd(12)} ${revoked[purpose]}`)),
      ...(erased === 0 ? [] : [`Erased ${erased} students invited from class lists who had not opened their links.`]),
    ],
    ok: true,
  };
}
