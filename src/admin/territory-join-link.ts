import type { Config } from "#root/config.ts";
import type { Repositories } from "#root/db/repositories/index.ts";
import { territoryInvite } from "./invite-territory-coordinator.ts";
import type { AdminReport } from "./report.ts";

/** `territory-join-link`: the link a school's coordinator opens to ask for their organisation to join the territory. */
export function territoryJoinLink(repos: Repositories, config: Config, territoryId: number, now = new Date()): Promise<AdminReport> {
  return territoryInvite(repos, config, territoryId, "territory-join", now);
}
