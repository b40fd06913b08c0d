import { parseArgs } from "node:util";
import { attachOrganisation } from "./admin/attach-org.ts";
import { backup } from "./admin/backup.ts";
import { checkConfiguration } from "./admin/check.ts";
import { createOrganisationReport } from "./admin/create-organisation.ts";
import { createTerritory } from "./admin/create-territory.ts";
import { inviteCoordinator } from "./admin/invite-coordinator.ts";
import { inviteTerritoryCoordinator } from "./admin/invite-territory-coordinator.ts";
import { listOrganisations } from "./admin/list-organisations.ts";
import { listTerritories } from "./admin/list-territories.ts";
import { migrate } from "./admin/migrate.ts";
import type { AdminReport } from "./admin/report.ts";
import { restore } from "./admin/restore.ts";
import { revokeInvites } from "./admin/revoke-invites.ts";
import { territoryJoinLink } from "./admin/territory-join-link.ts";
import { type Config, loadConfig, loadDotEnv } from "./config.ts";
import { openDatabase } from "./db/connection.ts";
import { migrateToLatest } from "./db/migrator.ts";
import { createRepositories, type Repositories } from "./db/repositories/index.ts";

const USAGE = `Usage: npm run admin -- <command> [--json]

  create-org "<name>" --timezone <IANA zone>
      Creates an organisation and prints a one-time invite for its first coordinator
      (a t.me link for Telegram, a vk.me link for VK, a max.ru link for MAX, and the payload itself).
  list-orgs
      Every organisation: id, name, time zone, created, coordinators, participants, open cycle.
  invite-coordinator <org id>
      A new one-time coordinator invite for an existing organisation (the first one expired, or
      another coordinator joins). Earlier invites stay valid.
  revoke-invites <org id>
      Ends every open invite of the organisation (coordinators', students' and mentors' links,
      parents' consent links) and prints how many of each.
  create-territory --kind region|municipality --name "<name>" [--parent <region id>] [--timezone <IANA zone>]
      Creates a region, or a municipality inside a region (it takes the region's time zone unless given).
  list-territories
      Every region with its municipalities: id, time zone, organisations attached, coordinators.
  attach-org <org id> <territory id>|none
      Attaches an organisation to a territory (a municipality, or a region directly), or detaches it.
  invite-territory-coordinator <territory id>
      A one-time invite (7 days) that makes a territory's coordinator (a regional methodologist).
  territory-join-link <territory id>
      A link (60 days) for schools' coordinators: opening it asks for their organisation to join the
      territory; the territory's coordinators approve or refuse in the bot.
  migrate
      Applies pending database migrations (as the bot does at start) and prints which.
  check [--timeout <seconds>]
      Validates the configuration and reaches every configured service within the timeout
      (default 5 s): the database, Redis, Telegram, VK, MAX. Exits 1 if anything fails.
  backup <file> [--force]
      PostgreSQL: pg_dump's custom format (the bot may keep running). Embedded PGlite: a copy of
      the data folder (stop the bot first; --force copies a folder a crashed bot left open).
  restore <file> [--force]
      Restores a backup into the configured database; refuses to replace one that holds data
      unless --force (stop the bot first).

Every command reads the same variables as the bot (and .env). --json prints one JSON document.
With the embedded database, stop the bot first: PGlite serves one process at a time.`;

/** sysexits' EX_USAGE: the command line was wrong. */
const EXIT_USAGE = 64;
const DEFAULT_CHECK_TIMEOUT_SECONDS = 5;

type Options = { json: boolean; force: boolean; timezone?: string; timeout?: string; kind?: string; name?: string; parent?: string };

function usageError(problem?: string): never {
  if (problem) console.error(`${problem}\n`);
  console.error(USAGE);
  process.exit(EXIT_USAGE);
}

function organisationId(argument: string | undefined): number {
  const id = Number(argument);
  if (!argument || !Number.isSafeInteger(id) || id <= 0)
    usageError(`An organisation id is a positive number (npm run admin -- list-orgs shows them), not "${argument ?? ""}".`);
  return id;
}

function territoryId(argument: string | undefined): number {
  const id = Number(argument);
  if (!argument || !Number.isSafeInteger(id) || id <= 0)
    usageError(`A territory id is a positive number (npm run admin -- list-territories shows them), not "${argument ?? ""}".`);
  return id;
}

/** Opens the bot's database, migrated, for a command that reads or writes it. */
async function withRepositories(config: Config, work: (repos: Repositories) => Promise<AdminReport>): Promise<AdminReport> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    preparedStatements: config.preparedStatements,
    dataDir: config.dataDir,
  });
  try {
    await migrateToLatest(database.db);
    return await work(createRepositories(database.db));
  } finally {
    await database.close();
  }
}

async function run(command: string, args: string[], options: Options): Promise<AdminReport> {
  loadDotEnv();
  // check reports an invalid configuration as one of its findings; every other command needs a valid one.
  if (command === "check") {
    const seconds = options.timeout === undefined ? DEFAULT_CHECK_TIMEOUT_SECONDS : Number(options.timeout);
    if (!(seconds > 0 && seconds <= 120)) usageError(`--timeout is in seconds, 1–120, not "${options.timeout}".`);
    return checkConfiguration(process.env, seconds * 1000);
  }
  const config = loadConfig();
  switch (command) {
    case "create-org": {
      const [name] = args;
      if (!name || !options.timezone) usageError("create-org needs a name and --timezone.");
      const timezone = options.timezone;
      return withRepositories(config, (repos) => createOrganisationReport(repos, config, name, timezone));
    }
    case "list-orgs":
      return withRepositories(config, listOrganisations);
    case "invite-coordinator": {
      const orgId = organisationId(args[0]);
      return withRepositories(config, (repos) => inviteCoordinator(repos, config, orgId));
    }
    case "revoke-invites": {
      const orgId = organisationId(args[0]);
      return withRepositories(config, (repos) => revokeInvites(repos, orgId));
    }
    case "create-territory": {
      const { kind, name } = options;
      if ((kind !== "region" && kind !== "municipality") || !name)
        usageError("create-territory needs --kind region|municipality and --name.");
      const parentId = options.parent === undefined ? undefined : territoryId(options.parent);
      return withRepositories(config, (repos) => createTerritory(repos, { kind, name, parentId, timezone: options.timezone }));
    }
    case "list-territories":
      return withRepositories(config, listTerritories);
    case "attach-org": {
      const orgId = organisationId(args[0]);
      const target = args[1] === "none" ? null : territoryId(args[1]);
      return withRepositories(config, (repos) => attachOrganisation(repos, orgId, target));
    }
    case "invite-territory-coordinator": {
      const id = territoryId(args[0]);
      return withRepositories(config, (repos) => inviteTerritoryCoordinator(repos, config, id));
    }
    case "territory-join-link": {
      const id = territoryId(args[0]);
      return withRepositories(config, (repos) => territoryJoinLink(repos, config, id));
    }
    case "migrate": {
      const database = await openDatabase({
        databaseUrl: config.databaseUrl,
        preparedStatements: config.preparedStatements,
        dataDir: config.dataDir,
      });
      try {
        return await migrate(database.db);
      } finally {
        await database.close();
      }
    }
    case "backup":
    case "restore": {
      const [file] = args;
      if (!file) usageError(`${command} needs a file.`);
      return command === "backup" ? backup(config, file, options) : restore(config, file, options);
    }
    default:
      usageError(`Unknown command "${command}".`);
  }
}

/** Writes and waits until it is flushed: process.exit right after a write to a pipe could cut it short. */
function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => stream.write(`${text}\n`, () => resolve()));
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions();
  } catch (error) {
    usageError(error instanceof Error ? error.message : String(error));
  }
  const { positionals, values } = parsed;
  if (values.help) {
    await write(process.stdout, USAGE);
    return;
  }
  const [command, ...args] = positionals;
  if (!command) usageError();
  const json = values.json ?? false;
  try {
    const report = await run(command, args, {
      json,
      force: values.force ?? false,
      timezone: values.timezone,
      timeout: values.timeout,
      kind: values.kind,
      name: values.name,
      parent: values.parent,
    });
    await write(process.stdout, json ? JSON.stringify(report.document) : report.lines.join("\n"));
    process.exit(report.ok ? 0 : 1);
  } catch (error) {
    // An operator's mistake (AdminError, ConfigError) or a service's refusal: the message says it all.
    const message = error instanceof Error ? error.message : String(error);
    if (json) await write(process.stdout, JSON.stringify({ ok: false, error: message }));
    await write(process.stderr, message);
    process.exit(1);
  }
}

function parseOptions() {
  return parseArgs({
    allowPositionals: true,
    options: {
      timezone: { type: "string" },
      timeout: { type: "string" },
      kind: { type: "string" },
      name: { type: "string" },
      parent: { type: "string" },
      json: { type: "boolean" },
      force: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
}

void main();
