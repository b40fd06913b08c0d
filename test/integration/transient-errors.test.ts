/**
 * Errors a real PostgreSQL server gives, as the runtime's retry decision sees them: a connection the
 * server terminates is worth retrying, a constraint the data breaks (met through the app's kysely) is not. Needs DATABASE_URL (`.ci/run` and scripts/services.sh set it).
 */
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#root/db/connection.ts";
import { isTransient } from "#root/dialog/transient.ts";
import { openTestDatabase } from "../support/database.ts";

const SKIPPED = process.env.DATABASE_URL ? "" : " (skipped: set DATABASE_URL)";

async function rejection(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => expect.fail("succeeded"),
    (error: unknown) => error,
  );
}

describe.skipIf(!process.env.DATABASE_URL)(`errors of a real PostgreSQL${SKIPPED}`, () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase({ migrate: false });
  });
  afterAll(async () => {
    await database?.close();
  });

  it("a query whose connection an administrator terminates (57P01) is transient", async () => {
    // A client of its own, not one of the pool's: once its server process is gone, pg emits "error"
    // on it, which a checked-out pool client has no listener for.
    const victim = new pg.Client({ connectionString: process.env.DATABASE_URL });
    victim.on("error", () => undefined);
    await victim.connect();
    // The marker finds this query (and no other session's) in pg_stat_activity.
    const marker = `transient_test_${randomBytes(6).toString("hex")}`;
    const sleeping = rejection(victim.query(`SELECT pg_sleep(10) AS ${marker}`));
    let terminated = 0;
    for (let tries = 0; terminated === 0 && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const result = await sql<{ terminated: boolean }>`
        SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
        WHERE query LIKE ${`%${marker}%`} AND pid <> pg_backend_pid()`.execute(database.db);
      terminated = result.rows.length;
    }
    expect(terminated).toBe(1);
    const error = await sleeping;
    expect(error).toBeInstanceOf(pg.DatabaseError);
    expect(error).toMatchObject({ code: "57P01" });
    expect(isTransient(error)).toBe(true);
    // What the client says to the next query on it is transient too.
    const next = await rejection(victim.query("SELECT 1"));
    expect(isTransient(next)).toBe(true);
    await victim.end().catch(() => undefined);
  });

  it("a unique violation (23505) is not", async () => {
    const error = await rejection(
      database.db.transaction().execute(async (trx) => {
        await sql`CREATE TEMP TABLE invites (code text PRIMARY KEY) ON COMMIT DROP`.execute(trx);
        await sql`INSERT INTO invites VALUES ('abc')`.execute(trx);
        await sql`INSERT INTO invites VALUES ('abc')`.execute(trx);
      }),
    );
    expect(error).toMatchObject({ code: "23505" });
    expect(isTransient(error)).toBe(false);
  });
});
