import type { Repositories } from "#root/db/repositories/index.ts";
import type { AdminReport } from "./report.ts";

/** Every region with its municipalities beneath it: zone, coordinators, organisations attached directly. */
export async function listTerritories(repos: Repositories): Promise<AdminReport> {
  const territories = await repos.territories.overview();
  const regions = territories.filter((territory) => territory.parentId === null);
  const document = {
    territories: regions.map((region) => ({
      ...region,
      municipalities: territories.filter((territory) => territory.parentId === region.id),
    })),
  };
  if (territories.length === 0) {
    return {
      document,
      lines: ['No territories yet: npm run admin -- create-territory --kind region --name "<name>" creates one.'],
      ok: true,
    };
  }
  const line = (territory: (typeof territories)[number]) =>
    `#${territory.id} ${territory.kind} "${territory.name}" (${territory.timezone}): ${territory.organisations} organisations, ${territory.coordinators} coordinators`;
  const lines = document.territories.flatMap((region) => [
    line(region),
    ...region.municipalities.map((municipality) => `    ${line(municipality)}`),
  ]);
  return { document, lines, ok: true };
}
