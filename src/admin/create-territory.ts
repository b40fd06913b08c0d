import type { Repositories } from "#root/db/repositories/index.ts";
import { parseTimeZone } from "#root/domain/parsers.ts";
import type { TerritoryKind } from "#root/domain/region.ts";
import { AdminError, type AdminReport } from "./report.ts";

const REFUSALS = {
  duplicate: "A territory of that name already exists there: npm run admin -- list-territories shows them.",
  "no-parent": "A municipality needs --parent <region id>: npm run admin -- list-territories shows the regions.",
  "parent-not-region": "A municipality's --parent must be a region, not another municipality.",
  "region-has-no-parent": "A region has no --parent: it is the top of its tree.",
} as const;

/** `create-territory`: a region, or a municipality inside a region (a region's zone is its municipalities' unless given). */
export async function createTerritory(
  repos: Repositories,
  request: { kind: TerritoryKind; name: string; parentId?: number; timezone?: string },
): Promise<AdminReport> {
  const name = request.name.trim();
  if (name.length === 0 || name.length > 200) throw new AdminError("The territory's name must be 1–200 characters");
  let timezone: string | undefined;
  if (request.timezone !== undefined) {
    const zone = parseTimeZone(request.timezone);
    if (!zone.ok) throw new AdminError(`Unknown time zone "${request.timezone}": use an IANA name such as Europe/Moscow`);
    timezone = zone.value;
  }
  const created = await repos.territories.create({ kind: request.kind, name, parentId: request.parentId, timezone });
  if (!created.ok) throw new AdminError(REFUSALS[created.reason]);
  const { territory } = created;
  return {
    document: { territory },
    lines: [
      `${territory.kind === "region" ? "Region" : "Municipality"} #${territory.id} "${territory.name}" (${territory.timezone}) is created.`,
      `Next: npm run admin -- invite-territory-coordinator ${territory.id}, and territory-join-link ${territory.id} for its schools.`,
    ],
    ok: true,
  };
}
