import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from "kysely";
import type { Logger } from "../logger.ts";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../migrations/", import.meta.url));

const MIGRATION_FILE = /^(\d+)_[A-Za-z0-9_-]+\.sql$/;

/**
 * Reads `NNN_name.sql` files; each runs as one SQL text (several statements allowed). A file must not
 * contain BEGIN/COMMIT: the Migrator already wraps the whole run in one transaction.
 */
class SqlFolderMigrationProvider implements MigrationProvider {
  constructor(private readonly folder: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(this.folder)).filter((file) => file.endsWith(".sql")).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      if (!MIGRATION_FILE.test(file)) {
        throw new Error(`Migration file ${join(this.folder, file)} is not named like 001_short_name.sql`);
      }
      const text = await readFile(join(this.folder, file), "utf8");
      migrations[file.slice(0, -".sql".length)] = {
        up: async (db) => {
          await sql.raw(text).execute(db);
        },
      };
    }
    return migrations;
  }
}

/**
 * Applies every migration not yet applied, in file-name order, forward only. Safe when several processes
 * start at once: kysely's Migrator holds a PostgreSQL advisory lock for the run.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema they create exists
export async function migrateToLatest(db: Kysely<any>, logger?: Logger, folder: string = MIGRATIONS_FOLDER): Promise<void> {
  const migrator = new Migrator({ db, provider: new SqlFolderMigrationProvider(folder) });
  const { error, results = [] } = await migrator.migrateToLatest();
  for (const result of results) {
    if (result.status === "Success") logger?.info({ migration: result.migrationName }, "migration applied");
  }
  if (error !== undefined) {
    const failed = results.find((result) => result.status === "Error")?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      failed ? `Migration ${failed} failed, nothing of this run was applied: ${reason}` : `Migrations could not run: ${reason}`,
      { cause: error },
    );
  }
}
