import type { Config } from "#root/config.ts";
import type { Repositories } from "#root/db/repositories/index.ts";
import { parseTimeZone } from "#root/domain/parsers.ts";
import { AdminError, type AdminReport } from "./report.ts";
import { coordinatorInviteLines, startLinks } from "./start-links.ts";

export interface CreatedOrganisation {
  orgId: number;
  name: string;
  timezone: string;
  /** The one-time coordinator invite: the start payload of Telegram and the ref of VK. */
  payload: string;
}

/** Creates an organisation and its first coordinator's one-time invite. */
export async function createOrganisation(
  repos: Repositories,
  name: string,
  timezone: string,
  now = new Date(),
): Promise<CreatedOrganisation> {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200) throw new AdminError("The organisation's name must be 1–200 characters");
  const zone = parseTimeZone(timezone);
  if (!zone.ok) throw new AdminError(`Unknown time zone "${timezone}": use an IANA name such as Europe/Moscow`);
  const org = await repos.organisations.create(trimmed, zone.value);
  const payload = await repos.invites.issue({ purpose: "coordinator", orgId: org.id, now });
  return { orgId: org.id, name: org.name, timezone: org.timezone, payload };
}

/** `create-org`: the organisation and its first coordinator's invite, with the start link on each messenger. */
export async function createOrganisationReport(repos: Repositories, config: Config, name: string, timezone: string): Promise<AdminReport> {
  const created = await createOrganisation(repos, name, timezone);
  const links = await startLinks(config, created.payload);
  return {
    document: { ...created, links },
    lines: [
      `Organisation #${created.orgId} "${created.name}" (${created.timezone}) is created.`,
      ...coordinatorInviteLines(links, created.payload),
    ],
    ok: true,
  };
}
