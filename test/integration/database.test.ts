import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Generated, type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/connection.ts";
import { migrateToLatest } from "../../src/db/migrator.ts";
import { openTestDatabase, testDatabaseKind } from "../support/database.ts";

interface ProbeTables {
  lessons: { id: Generated<number>; title: string };
  notes: { id: Generated<number>; lesson_id: number; body: string };
  probe: { id: Generated<number>; author: string };
  typed: {
    id: Generated<number>;
    big: number;
    at: Date;
    payload: unknown;
    tags: string[];
    day: string;
    bigs: number[];
  };
}

function probeDb(handle: DatabaseHandle): Kysely<ProbeTables> {
  return handle.db as unknown as Kysely<ProbeTables>;
}

async function migrationFolder(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "nastavnik-migrations-"));
  for (const [name, text] of Object.entries(files)) await writeFile(join(folder, name), text);
  return folder;
}

const twoMigrations = {
  "001_lessons.sql": `
    CREATE TABLE lessons (id bigserial PRIMARY KEY, title text NOT NULL);
    INSERT INTO lessons (title) VALUES ('first');
  `,
  "002_notes.sql": `
    CREATE TABLE notes (id bigserial PRIMARY KEY, lesson_id bigint NOT NULL REFERENCES lessons, body text NOT NULL);
    INSERT INTO notes (lesson_id, body) SELECT id, 'note on ' || title FROM lessons;
  `,
};

describe(`database on ${testDatabaseKind()}`, () => {
  const folders: string[] = [];
  afterAll(async () => {
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  });

  describe("migrations", () => {
    it("apply every file in order, and a second run changes nothing", async () => {
      const folder = await migrationFolder(twoMigrations);
      folders.push(folder);
      const handle = await openTestDatabase({ migrate: false });
      try {
        await migrateToLatest(handle.db, undefined, folder);
        await migrateToLatest(handle.db, undefined, folder);

        const notes = await probeDb(handle).selectFrom("notes").select("body").execute();
        expect(notes).toEqual([{ body: "note on first" }]);
        const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(handle.db);
        expect(applied.rows.map((row) => row.name)).toEqual(["001_lessons", "002_notes"]);
      } finally {
        await handle.close();
      }
    });

    it("are safe when several start-ups migrate at the same time", async () => {
      const folder = await migrationFolder(twoMigrations);
      folders.push(folder);
      const handle = await openTestDatabase({ migrate: false });
      try {
        await Promise.all([1, 2, 3].map(() => migrateToLatest(handle.db, undefined, folder)));
        const lessons = await probeDb(handle).selectFrom("lessons").select("title").execute();
        expect(lessons).toEqual([{ title: "first" }]);
      } finally {
        await handle.close();
      }
    });

    it("name the failing file and leave nothing of the failed run behind", async () => {
      const folder = await migrationFolder({
        ...twoMigrations,
        "003_broken.sql": "CREATE TABLE half_done (id int); SELEKT 1;",
      });
      folders.push(folder);
      const handle = await openTestDatabase({ migrate: false });
      try {
        await expect(migrateToLatest(handle.db, undefined, folder)).rejects.toThrow(/Migration 003_broken failed/);
        const tables = await sql<{ name: string }>`
          select table_name as name from information_schema.tables
          where table_schema = 'public' and table_name in ('lessons', 'half_done')`.execute(handle.db);
        expect(tables.rows).toEqual([]);
      } finally {
        await handle.close();
      }
    });

    it("reject a file not named like 001_name.sql", async () => {
      const folder = await migrationFolder({ "1-init.sql": "SELECT 1;" });
      folders.push(folder);
      const handle = await openTestDatabase({ migrate: false });
      try {
        await expect(migrateToLatest(handle.db, undefined, folder)).rejects.toThrow(/1-init\.sql is not named like/);
      } finally {
        await handle.close();
      }
    });
  });

  describe("an open database", () => {
    let handle: DatabaseHandle;
    beforeAll(async () => {
      handle = await openTestDatabase({ migrate: false });
      await sql`
        CREATE TABLE probe (id bigserial PRIMARY KEY, author text NOT NULL);
        CREATE TABLE typed (
          id bigserial PRIMARY KEY, big bigint NOT NULL, at timestamptz NOT NULL, payload jsonb NOT NULL,
          tags text[] NOT NULL, day date NOT NULL, bigs bigint[] NOT NULL
        );
      `.execute(handle.db);
    });
    afterAll(async () => {
      await handle.close();
    });

    it("keeps concurrent transactions apart", async () => {
      const db = probeDb(handle);
      const insertThenRead = (author: string, pauseMs: number) =>
        db.transaction().execute(async (trx) => {
          await trx.insertInto("probe").values({ author }).execute();
          await new Promise((resolve) => setTimeout(resolve, pauseMs));
          const rows = await trx.selectFrom("probe").select("author").where("author", "in", ["ann", "bob"]).execute();
          return rows.map((row) => row.author).sort();
        });
      const [seenByAnn, seenByBob] = await Promise.all([insertThenRead("ann", 30), insertThenRead("bob", 0)]);
      expect(seenByAnn).toContain("ann");
      expect(seenByBob).toContain("bob");
      // Had the statements shared one session unguarded, both would see both rows mid-transaction.
      expect([seenByAnn, seenByBob]).toContainEqual([expect.any(String)]);
    });

    it("rolls back one transaction without touching a concurrent one", async () => {
      const db = probeDb(handle);
      const failing = db.transaction().execute(async (trx) => {
        await trx.insertInto("probe").values({ author: "rolled-back" }).execute();
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error("changed my mind");
      });
      const committing = db.transaction().execute(async (trx) => {
        await trx.insertInto("probe").values({ author: "kept" }).execute();
      });
      await expect(failing).rejects.toThrow("changed my mind");
      await committing;
      const authors = await db.selectFrom("probe").select("author").where("author", "in", ["rolled-back", "kept"]).execute();
      expect(authors).toEqual([{ author: "kept" }]);
    });

    it("returns the same JS types on both backends", async () => {
      const at = new Date("2026-03-01T09:30:00.123Z");
      const db = probeDb(handle);
      await db
        .insertInto("typed")
        .values({
          big: 9_007_199_254_740_991,
          at,
          payload: JSON.stringify({ answers: [1, "two"], done: true }),
          tags: ["mentor", "школа"],
          day: "2012-05-31",
          bigs: [1, 2],
        })
        .execute();
      const row = await db.selectFrom("typed").selectAll().executeTakeFirstOrThrow();
      expect(row).toEqual({
        id: expect.any(Number),
        big: 9_007_199_254_740_991,
        at,
        payload: { answers: [1, "two"], done: true },
        tags: ["mentor", "школа"],
        day: "2012-05-31",
        bigs: [1, 2],
      });
      expect(row.at).toBeInstanceOf(Date);
      const { count } = await db
        .selectFrom("typed")
        .select((eb) => eb.fn.countAll().as("count"))
        .executeTakeFirstOrThrow();
      expect(count).toBe(1);
    });

    it("counts the statements it sends", async () => {
      const before = handle.queryCount();
      await probeDb(handle)
        .transaction()
        .execute((trx) => trx.selectFrom("probe").select("id").execute());
      expect(handle.queryCount() - before).toBe(3);
    });

    it("answers a ping", async () => {
      expect(await handle.ping()).toBe(true);
    });
  });

  it("reports a closed database as not answering", async () => {
    const handle = await openTestDatabase({ migrate: false });
    await handle.close();
    expect(await handle.ping()).toBe(false);
  });
});
