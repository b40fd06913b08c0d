/**
 * Statements the bot sends again and again are named prepared statements on PostgreSQL: each
 * connection parses and plans them once. In the update-handling bench this took PostgreSQL's CPU per
 * update down by about a third (bench/RESULTS.md). PGlite runs every parameterised query as an
 * unnamed prepared statement of its one session, so nothing changes there.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase, StatementNames } from "#root/db/connection.ts";
import { openTestDatabase, serverUrlOf, testDatabaseKind } from "../support/database.ts";

describe("statement names", () => {
  it("names a text on its second sighting, and always the same name after", () => {
    const names = new StatementNames();
    expect(names.nameOf("SELECT $1")).toBeUndefined();
    const name = names.nameOf("SELECT $1");
    expect(name).toMatch(/^nastavnik_\d+$/);
    expect(names.nameOf("SELECT $1")).toBe(name);
    expect(names.nameOf("SELECT $1 + 1")).toBeUndefined();
  });

  it(`names no more than ${StatementNames.LIMIT} texts: each connection keeps what it prepared while it lives`, () => {
    const names = new StatementNames();
    for (let index = 0; index < StatementNames.LIMIT + 20; index += 1) {
      names.nameOf(`SELECT ${index}, $1`);
      names.nameOf(`SELECT ${index}, $1`);
    }
    expect(names.nameOf("SELECT 0, $1")).toBe("nastavnik_1");
    expect(names.nameOf(`SELECT ${StatementNames.LIMIT - 1}, $1`)).toBe(`nastavnik_${StatementNames.LIMIT}`);
    expect(names.nameOf(`SELECT ${StatementNames.LIMIT}, $1`)).toBeUndefined();
  });

  it("still names a text first seen after more one-off texts than it remembers at once", () => {
    const names = new StatementNames();
    for (let index = 0; index <= StatementNames.LIMIT * 4; index += 1) names.nameOf(`SELECT ${index} AS once, $1`);
    expect(names.nameOf("SELECT 'hot', $1")).toBeUndefined();
    expect(names.nameOf("SELECT 'hot', $1")).toBe("nastavnik_1");
  });
});

describe.skipIf(testDatabaseKind() !== "postgres")("prepared statements on PostgreSQL", () => {
  let database: DatabaseHandle;

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database?.close());

  it("prepares a repeated statement once on a connection and answers it as before", async () => {
    // One transaction: one connection, so the session's prepared statements can be read back.
    const { answers, prepared } = await database.db.transaction().execute(async (trx) => {
      const answers: number[] = [];
      for (const value of [1, 2, 3]) {
        const { rows } = await sql<{ doubled: number }>`SELECT ${value}::int * 2 AS doubled`.execute(trx);
        answers.push(rows[0]!.doubled);
      }
      const { rows } = await sql<{ name: string; statement: string }>`
        SELECT name, statement FROM pg_prepared_statements WHERE statement LIKE '%AS doubled'`.execute(trx);
      return { answers, prepared: rows };
    });
    expect(answers).toEqual([2, 4, 6]);
    expect(prepared).toHaveLength(1);
    expect(prepared[0]!.name).toMatch(/^nastavnik_\d+$/);
  });

  it("leaves statements without parameters unnamed (several statements in one text go through as they are)", async () => {
    const { rows } = await database.db.transaction().execute(async (trx) => {
      await sql`SELECT 'no parameters' AS plain`.execute(trx);
      await sql`SELECT 'no parameters' AS plain`.execute(trx);
      return sql<{ count: number }>`SELECT count(*)::int AS count FROM pg_prepared_statements WHERE statement LIKE '%AS plain'`.execute(
        trx,
      );
    });
    expect(rows[0]!.count).toBe(0);
  });

  it("names nothing when told not to (DATABASE_PREPARED_STATEMENTS=off)", async () => {
    const unnamed = await openDatabase({ databaseUrl: await serverUrlOf(database), dataDir: "memory://", preparedStatements: false });
    try {
      const { rows } = await unnamed.db.transaction().execute(async (trx) => {
        for (const value of [1, 2, 3]) await sql`SELECT ${value}::int * 3 AS tripled`.execute(trx);
        return sql<{ count: number }>`SELECT count(*)::int AS count FROM pg_prepared_statements WHERE statement LIKE '%AS tripled'`.execute(
          trx,
        );
      });
      expect(rows[0]!.count).toBe(0);
    } finally {
      await unnamed.close();
    }
  });
});
