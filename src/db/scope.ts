import { type Kysely, sql } from "kysely";
import { createRepositories, type Repositories } from "./repositories/index.ts";
import type { Database } from "./schema.ts";

/**
 * Runs a coordinator's queries in one transaction under the role `nastavnik_scoped` with the
 * organisation set: the row-level security policies of migrations/002 then hide every other
 * organisation's rows, whatever a query (or a forged button) asks for.
 */
export async function inOrganisation<T>(db: Kysely<Database>, orgId: number, work: (repos: Repositories) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('role', 'nastavnik_scoped', true), set_config('nastavnik.org_id', ${String(orgId)}, true)`.execute(trx);
    return work(createRepositories(trx));
  });
}

/**
 * Runs a territory coordinator's queries in one transaction under the role `nastavnik_territory` with
 * the territory set. That role reads no table (migrations/028): only the region's functions, which
 * answer with aggregates of the territory's own organisations, small cells hidden. So a territory's
 * screens cannot show a child's row, whatever a query (or a forged button) asks for. `work` gets the
 * transaction too: whatever it sends runs under the same role.
 */
export async function inTerritory<T>(
  db: Kysely<Database>,
  territoryId: number,
  work: (repos: Repositories, trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('role', 'nastavnik_territory', true), set_config('nastavnik.territory_id', ${String(territoryId)}, true)`.execute(
      trx,
    );
    return work(createRepositories(trx), trx);
  });
}
