import type { Repositories } from "#root/db/repositories/index.ts";
import { AdminError, type AdminReport } from "./report.ts";

/** `attach-org`: puts an organisation under a territory (what an approved join request does), or takes it out (null). */
export async function attachOrganisation(repos: Repositories, orgId: number, territoryId: number | null): Promise<AdminReport> {
  const org = await repos.organisations.get(orgId);
  if (!org) throw new AdminError(`There is no organisation #${orgId}: npm run admin -- list-orgs shows them.`);
  const territory = territoryId === null ? undefined : await repos.territories.get(territoryId);
  if (territoryId !== null && !territory) {
    throw new AdminError(`There is no territory #${territoryId}: npm run admin -- list-territories shows them.`);
  }
  await repos.territories.attachOrganisation(orgId, territoryId);
  return {
    document: { orgId, name: org.name, territory: territory ?? null },
    lines: [
      territory
        ? `Organisation #${orgId} "${org.name}" belongs to #${territory.id} "${territory.name}" now.`
        : `Organisation #${orgId} "${org.name}" belongs to no territory now.`,
    ],
    ok: true,
  };
}
