import { createHash } from "node:crypto";
import { readdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { sql } from "kysely";
import { type DatabaseHandle, openPgliteFromSnapshot, snapshotPglite } from "../../src/db/connection.ts";
import { MIGRATIONS_FOLDER, migrateToLatest } from "../../src/db/migrator.ts";
import { openScratchDatabase } from "../../src/devtools/scratch-database.ts";

/** "postgres" when DATABASE_URL points at a real server, else "pglite": for test names. */
export function testDatabaseKind(): DatabaseHandle["kind"] {
  return process.env.DATABASE_URL ? "postgres" : "pglite";
}

/**
 * The URL of a test database on the DATABASE_URL server, for a second pool (another replica) or a
 * child process (the real main.ts) to open the same database. Only with a server: PGlite lives in
 * this process alone.
 */
export async function serverUrlOf(database: DatabaseHandle): Promise<string> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error("serverUrlOf needs DATABASE_URL: a PGlite database cannot be shared");
  const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(database.db);
  const url = new URL(serverUrl);
  url.pathname = `/${rows[0]!.name}`;
  return url.toString();
}

export interface TestDatabaseOptions {
  /** false leaves the database empty (for tests of the migrator itself). */
  migrate?: boolean;
}

/**
 * A fresh, isolated, migrated database per call. On a real server (DATABASE_URL) it is a new database
 * that close() drops; otherwise an in-memory PGlite.
 */
export async function openTestDatabase(options: TestDatabaseOptions = {}): Promise<DatabaseHandle> {
  const migrate = options.migrate !== false;
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return openPgliteFromSnapshot(await pgliteSnapshot(migrate));

  const handle = await openScratchDatabase(serverUrl, "nastavnik_t");
  if (migrate) {
    try {
      await migrateToLatest(handle.db);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
  return handle;
}

/*
 * initdb makes a new PGlite take about 4 s; starting from a data directory snapshot takes about 1 s.
 * The snapshot is cached in memory per test process and on disk across processes and runs, keyed by the
 * PGlite version and the migrations' text, so a changed migration never meets a stale snapshot.
 */
const snapshots = new Map<boolean, Promise<Blob>>();

function pgliteSnapshot(migrated: boolean): Promise<Blob> {
  let snapshot = snapshots.get(migrated);
  if (!snapshot) {
    snapshot = loadOrCreateSnapshot(migrated);
    snapshots.set(migrated, snapshot);
  }
  return snapshot;
}

async function loadOrCreateSnapshot(migrated: boolean): Promise<Blob> {
  const file = join(tmpdir(), `nastavnik-pglite-${await snapshotKey(migrated)}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    const snapshot = await snapshotPglite(async (handle) => {
      if (migrated) await migrateToLatest(handle.db);
    });
    // Written aside then renamed: test processes running in parallel never read a half-written file.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await snapshot.arrayBuffer()));
    await rename(partial, file);
    return snapshot;
  }
}

async function snapshotKey(migrated: boolean): Promise<string> {
  // The package's exports hide its package.json; it sits one folder above the entry point (dist/).
  const pgliteEntry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const pglitePackage = await readFile(join(dirname(pgliteEntry), "..", "package.json"));
  const hash = createHash("sha256").update(pglitePackage);
  if (migrated) {
    for (const file of (await readdir(MIGRATIONS_FOLDER)).sort()) {
      hash.update(`${file}\n`).update(await readFile(join(MIGRATIONS_FOLDER, file)));
    }
  }
  return hash.digest("hex").slice(0, 16);
}
