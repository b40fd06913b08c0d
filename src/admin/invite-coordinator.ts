import type { Config } from "#root/config.ts";
import type { Repositories } from "#root/db/repositories/index.ts";
import { AdminError, type AdminReport } from "./report.ts";
import { coordinatorInviteLines, startLinks } from "./start-links.ts";

/**
 * A new one-time coordinator invite for an existing organisation: when the first one expired, or an
 * organisation needs another coordinator. Earlier invites stay valid (revoke-invites ends them).
 */
export async function inviteCoordinator(repos: Repositories, config: Config, orgId: number, now = new Date()): Promise<AdminReport> {
  const org = await repos.organisations.get(orgId);
  if (!org) throw new AdminError(`There is no organisation #${orgId}: npm run admin -- list-orgs shows them.`);
  const payload = await repos.invites.issue({ purpose: "coordinator", orgId, now });
  const links = await startLinks(config, payload);
  return {
    document: { orgId: org.id, name: org.name, timezone: org.timezone, payload, links },
    lines: [`Organisation #${org.id} "${org.name}" (${org.timezone}).`, ...coordinatorInviteLines(links, payload)],
    ok: true,
  };
}
