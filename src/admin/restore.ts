import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { Config } from "#root/config.ts";
import { pgliteFolder, pgliteFolderInUse } from "./pglite-folder.ts";
import { connectionForTools, findPostgresTool, runPostgresTool } from "./postgres-tools.ts";
import { AdminError, type AdminReport } from "./report.ts";

export interface RestoreOptions {
  /** Replace a database that already holds tables (PostgreSQL) or a data folder that is not empty (PGlite). */
  force: boolean;
}

type BackupKind = "postgres" | "pglite";

/** What a file holds, by its first bytes: pg_dump's custom format starts with "PGDMP", a PGlite backup is gzip. */
async function backupKind(file: string): Promise<BackupKind> {
  const handle = await open(file, "r").catch((error: NodeJS.ErrnoException) => {
    throw new AdminError(`Cannot read ${file}: ${error.code === "ENOENT" ? "there is no such file" : error.message}`);
  });
  try {
    const head = Buffer.alloc(5);
    await handle.read(head, 0, 5, 0);
    if (head.toString("latin1") === "PGDMP") return "postgres";
    if (head[0] === 0x1f && head[1] === 0x8b) return "pglite";
    throw new AdminError(`${file} is not a backup of this bot (neither pg_dump's custom format nor a PGlite data folder).`);
  } finally {
    await handle.close();
  }
}

/** How much a restored database holds, to show the operator it is the one they meant. */
const CONTENTS = `select
  case when to_regclass('organisations') is null then 0 else (select count(*) from organisations) end as organisations,
  case when to_regclass('participants') is null then 0 else (select count(*) from participants) end as participants,
  case when to_regclass('kysely_migration') is null then 0 else (select count(*) from kysely_migration) end as migrations`;

interface Contents {
  organisations: number;
  participants: number;
  migrations: number;
}

function toContents(row: Record<string, unknown> | undefined): Contents {
  return {
    organisations: Number(row?.organisations ?? 0),
    participants: Number(row?.participants ?? 0),
    migrations: Number(row?.migrations ?? 0),
  };
}

/**
 * Restores a backup made by `backup` into the configured database. It refuses to replace a database
 * that holds data unless `force`: a restore aimed at the wrong server must not erase it.
 */
export async function restore(config: Config, file: string, options: RestoreOptions): Promise<AdminReport> {
  const source = resolve(file);
  const kind = await backupKind(source);
  const expected: BackupKind = config.databaseUrl ? "postgres" : "pglite";
  if (kind !== expected) {
    throw new AdminError(
      kind === "postgres"
        ? `${source} is a pg_dump archive of PostgreSQL: set DATABASE_URL to the server to restore it into.`
        : `${source} is a backup of the embedded PGlite database: unset DATABASE_URL and set DATA_DIR to restore it.`,
    );
  }
  const contents = config.databaseUrl
    ? await restorePostgres(config.databaseUrl, source, options)
    : await restorePglite(config.dataDir, source, options);
  return {
    document: { kind, file: source, ...contents },
    lines: [
      `Restored ${source} into the ${kind === "postgres" ? "PostgreSQL" : "embedded PGlite"} database:`,
      `  ${contents.organisations} organisations, ${contents.participants} participants, ${contents.migrations} migrations recorded.`,
      "The bot applies any newer migrations when it starts.",
    ],
    ok: true,
  };
}

async function restorePostgres(databaseUrl: string, file: string, options: RestoreOptions): Promise<Contents> {
  const pgRestore = await findPostgresTool("pg_restore");
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const tables = await client.query<{ count: string }>("select count(*) from pg_tables where schemaname = 'public'");
    if (!options.force && Number(tables.rows[0]?.count) > 0) {
      throw new AdminError(
        `The database of DATABASE_URL already holds ${tables.rows[0]?.count} tables: a restore would replace them. ` +
          "Stop the bot and run again with --force to replace them, or restore into an empty database.",
      );
    }
    // pg_dump leaves out roles, which belong to the server, not the database: the grants of the
    // coordinators' row-level scope need this one on a new server (as migration 002 creates it).
    await client.query(`DO $$
      BEGIN
        CREATE ROLE nastavnik_scoped NOLOGIN;
      EXCEPTION WHEN duplicate_object THEN NULL;
      END
      $$`);
  } finally {
    await client.end();
  }
  const connection = connectionForTools(databaseUrl);
  // --no-owner: the restoring user (the bot's) owns what it restores, as the bot's own migrations would
  // have made it, which keeps it outside the row-level policies. One transaction: a failed restore
  // leaves the database as it was.
  await runPostgresTool(
    pgRestore,
    ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", `--dbname=${connection.url}`, file],
    connection.env,
  );
  const counting = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  await counting.connect();
  try {
    return toContents((await counting.query(CONTENTS)).rows[0]);
  } finally {
    await counting.end();
  }
}

async function restorePglite(dataDir: string, file: string, options: RestoreOptions): Promise<Contents> {
  if (dataDir === "memory://")
    throw new AdminError("DATA_DIR=memory:// keeps the database in memory: set DATA_DIR to the folder to restore into.");
  const folder = pgliteFolder(dataDir);
  const existing = await readdir(folder).catch(() => [] as string[]);
  if (existing.length > 0 && !options.force) {
    const inUse = (await pgliteFolderInUse(folder)) ? " (it looks in use: a bot runs on it)" : "";
    throw new AdminError(
      `${folder} already holds a database${inUse}: a restore would replace it. Stop the bot and run again with --force.`,
    );
  }
  // Unpacked and opened beside the target first: the database is replaced only by one that opens.
  const staging = `${folder}.restoring`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  let contents: Contents;
  try {
    const pglite = await PGlite.create(staging, { loadDataDir: new Blob([await readFile(file)]) });
    try {
      contents = toContents((await pglite.query<Record<string, unknown>>(CONTENTS)).rows[0]);
    } finally {
      await pglite.close();
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw new AdminError(`${file} could not be opened as a PGlite database: ${error instanceof Error ? error.message : String(error)}`);
  }
  await rm(folder, { recursive: true, force: true });
  await rename(staging, folder);
  return contents;
}
