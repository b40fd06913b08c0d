import type { Config } from "#root/config.ts";
import type { Repositories } from "#root/db/repositories/index.ts";
import type { TokenPurpose } from "#root/domain/tokens.ts";
import { AdminError, type AdminReport } from "./report.ts";
import { linkLines, startLinks } from "./start-links.ts";

/** A territory's invite of either purpose, with its links on every messenger. */
export async function territoryInvite(
  repos: Repositories,
  config: Config,
  territoryId: number,
  purpose: Extract<TokenPurpose, "territory" | "territory-join">,
  now = new Date(),
): Promise<AdminReport> {
  const territory = await repos.territories.get(territoryId);
  if (!territory) throw new AdminError(`There is no territory #${territoryId}: npm run admin -- list-territories shows them.`);
  const payload = await repos.invites.issue({ purpose, territoryId, now });
  const links = await startLinks(config, payload);
  const heading =
    purpose === "territory"
      ? "One-time invite for the territory's coordinator (valid 7 days; send it only to that person):"
      : "Join link for the coordinators of its schools (valid 60 days; a coordinator asks, the territory approves):";
  return {
    document: { territory, purpose, payload, links },
    lines: [
      `${territory.kind === "region" ? "Region" : "Municipality"} #${territory.id} "${territory.name}".`,
      heading,
      ...linkLines(links, payload),
    ],
    ok: true,
  };
}

/** `invite-territory-coordinator`: a one-time link that makes a regional methodologist of the territory. */
export function inviteTerritoryCoordinator(
  repos: Repositories,
  config: Config,
  territoryId: number,
  now = new Date(),
): Promise<AdminReport> {
  return territoryInvite(repos, config, territoryId, "territory", now);
}
