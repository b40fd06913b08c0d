import { parseArgs } from "node:util";
import { backup } from "./admin/backup.ts";
import { checkConfiguration } from "./admin/check.ts";
import { createOrganisationReport } from "./admin/create-organisation.ts";
import { inviteCoordinator } from "./admin/invite-coordinator.ts";
import { listOrganisations } from "./admin/list-organisations.ts";
import { migrate } from "./admin/migrate.ts";
import type { AdminReport } from "./admin/report.ts";
import { restore } from "./admin/restore.ts";
import { revokeInvites } from "./admin/revoke-invites.ts";
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

type Options = { json: boolean; force: boolean; timezone?: string; timeout?: string };

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

/** Opens the bot's database, migrated, for a command that reads or writes it. */
async function withRepositories(config: Config, work: (repos: Repositories) => Promise<AdminReport>): Promise<AdminReport> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
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
    case "migrate": {
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
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
    const report = await run(command, args, { json, force: values.force ?? false, timezone: values.timezone, timeout: values.timeout });
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
      json: { type: "boolean" },
      force: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
}

void main();
