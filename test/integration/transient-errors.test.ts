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

  it("a query whose connection an administrator terminates (57P01) is transient, and the app's pool survives it", async () => {
    // Through the app's own pool: once the server process is gone pg emits "error" on the checked-out
    // client, which must not become an uncaught exception (vitest fails the run on one).
    // The marker finds this query (and no other session's) in pg_stat_activity.
    const marker = `transient_test_${randomBytes(6).toString("hex")}`;
    const sleeping = rejection(sql`SELECT pg_sleep(10) AS ${sql.raw(marker)}`.execute(database.db));
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
    // The pool dropped the broken client: the next query gets a fresh one.
    expect((await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db)).rows).toEqual([{ one: 1 }]);
  });

  it("a client of its own whose connection is terminated tells the next query so, transiently", async () => {
    const victim = new pg.Client({ connectionString: process.env.DATABASE_URL });
    victim.on("error", () => undefined);
    await victim.connect();
    const marker = `transient_test_${randomBytes(6).toString("hex")}`;
    const sleeping = rejection(victim.query(`SELECT pg_sleep(10) AS ${marker}`));
    for (let tries = 0; tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const result = await sql<{ terminated: boolean }>`
        SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
        WHERE query LIKE ${`%${marker}%`} AND pid <> pg_backend_pid()`.execute(database.db);
      if (result.rows.length > 0) break;
    }
    expect(isTransient(await sleeping)).toBe(true);
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
