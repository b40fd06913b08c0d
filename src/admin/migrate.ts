import { type Kysely, sql } from "kysely";
import { migrateToLatest } from "#root/db/migrator.ts";
import type { Database } from "#root/db/schema.ts";
import type { AdminReport } from "./report.ts";

/** The migrations recorded as applied, by name: kysely's own table, absent until the first run. */
async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const table = await sql<{ present: boolean }>`select to_regclass('kysely_migration') is not null as present`.execute(db);
  if (!table.rows[0]?.present) return [];
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.rows.map((row) => row.name);
}

/**
 * Applies the pending migrations, as the bot does at start, and says which: for a deployment that
 * migrates before it starts the new version. Applied ones are told apart by kysely's record of them,
 * read before and after the run.
 */
export async function migrate(db: Kysely<Database>): Promise<AdminReport> {
  const before = new Set(await appliedMigrations(db));
  await migrateToLatest(db);
  const after = await appliedMigrations(db);
  const applied = after.filter((name) => !before.has(name));
  return {
    document: { applied, total: after.length },
    lines:
      applied.length === 0
        ? [`The database is up to date: all ${after.length} migrations were applied before.`]
        : [`Applied ${applied.length} migrations (${after.length} in all):`, ...applied.map((name) => `  ${name}`)],
    ok: true,
  };
}
