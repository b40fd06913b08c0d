import { readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { Config } from "#root/config.ts";
import { pgliteFolder, pgliteFolderInUse } from "./pglite-folder.ts";
import { connectionForTools, findPostgresTool, runPostgresTool } from "./postgres-tools.ts";
import { AdminError, type AdminReport } from "./report.ts";

export interface BackupOptions {
  /** Copy an embedded database whose folder looks in use (a bot that ended without closing it). */
  force: boolean;
}

/**
 * Writes a backup of the bot's database to `file`: pg_dump's custom format for PostgreSQL, a
 * gzipped tarball of the data folder for PGlite. It is written aside and renamed into place, so `file`
 * is never a half-written backup, even when the run is interrupted.
 */
export async function backup(config: Config, file: string, options: BackupOptions): Promise<AdminReport> {
  const target = resolve(file);
  const partial = `${target}.partial`;
  try {
    const kind = config.databaseUrl ? "postgres" : "pglite";
    if (config.databaseUrl) await dumpPostgres(config.databaseUrl, partial);
    else await dumpPglite(config.dataDir, partial, options);
    await rename(partial, target);
    const bytes = (await stat(target)).size;
    return {
      document: { kind, file: target, bytes },
      lines: [`Backed up the ${kind === "postgres" ? "PostgreSQL" : "embedded PGlite"} database to ${target} (${bytes} bytes).`],
      ok: true,
    };
  } finally {
    await rm(partial, { force: true });
  }
}

async function dumpPostgres(databaseUrl: string, into: string): Promise<void> {
  const pgDump = await findPostgresTool("pg_dump");
  const connection = connectionForTools(databaseUrl);
  // One consistent snapshot of the database while the bot keeps working (pg_dump reads in one transaction).
  await runPostgresTool(pgDump, ["--format=custom", `--file=${into}`, `--dbname=${connection.url}`], connection.env);
}

async function dumpPglite(dataDir: string, into: string, options: BackupOptions): Promise<void> {
  if (dataDir === "memory://") throw new AdminError("DATA_DIR=memory:// keeps the database in memory: there is nothing to back up.");
  const folder = pgliteFolder(dataDir);
  const files = await readdir(folder).catch(() => [] as string[]);
  if (files.length === 0) throw new AdminError(`There is no embedded database at ${folder} (is DATA_DIR right?).`);
  // PGlite serves one process at a time: a copy taken beside a running bot could be torn, and opening
  // its folder could damage it.
  if (!options.force && (await pgliteFolderInUse(folder))) {
    throw new AdminError(
      `The embedded database at ${folder} is in use: stop the bot, then run the backup again. ` +
        "If no process uses it (the bot ended without closing it), --force takes the backup anyway.",
    );
  }
  const pglite = await PGlite.create(folder);
  try {
    const tarball = await pglite.dumpDataDir("gzip");
    await writeFile(into, Buffer.from(await tarball.arrayBuffer()));
  } finally {
    await pglite.close();
  }
}
