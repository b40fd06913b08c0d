import type { Repositories } from "#root/db/repositories/index.ts";
import { parseTimeZone } from "#root/domain/parsers.ts";

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
  if (trimmed.length === 0 || trimmed.length > 200) throw new Error("The organisation's name must be 1–200 characters");
  const zone = parseTimeZone(timezone);
  if (!zone.ok) throw new Error(`Unknown time zone "${timezone}": use an IANA name such as Europe/Moscow`);
  const org = await repos.organisations.create(trimmed, zone.value);
  const payload = await repos.invites.issue({ purpose: "coordinator", orgId: org.id, now });
  return { orgId: org.id, name: org.name, timezone: org.timezone, payload };
}
