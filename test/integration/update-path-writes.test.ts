/**
 * The update path writes its account's last_seen_at on every update and its chat's record on every
 * settlement. Neither column is indexed (migration 030), so PostgreSQL updates those rows in place
 * (HOT: no new index entries), which took a seventh off its CPU per update in the bench. A new index
 * on one of them would quietly undo that: these tests count the in-place updates of one transaction.
 */
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#root/db/connection.ts";
import { createRepositories } from "#root/db/repositories/index.ts";
import type { Database } from "#root/db/schema.ts";
import { openTestDatabase, testDatabaseKind } from "../support/database.ts";
import { textUpdate } from "../support/inbox-replicas.ts";

const LEASE = { holder: "update-path-writes", ms: 30_000 };

type Table = "accounts" | "chat_states";

/** The session's row updates so far, all and in place, of both tables (its pending counts flushed first). */
async function updatesSoFar(session: Kysely<Database>): Promise<Record<Table, { all: number; inPlace: number }>> {
  await sql`SELECT pg_stat_force_next_flush()`.execute(session);
  await sql`SELECT pg_stat_clear_snapshot()`.execute(session);
  const { rows } = await sql<{ table: Table; all: number; inPlace: number }>`
    SELECT relname AS table, n_tup_upd::int AS all, n_tup_hot_upd::int AS "inPlace"
    FROM pg_stat_user_tables WHERE relname IN ('accounts', 'chat_states')`.execute(session);
  return Object.fromEntries(rows.map(({ table, all, inPlace }) => [table, { all, inPlace }])) as Record<
    Table,
    { all: number; inPlace: number }
  >;
}

function difference(before: Record<Table, { all: number; inPlace: number }>, after: Record<Table, { all: number; inPlace: number }>) {
  const of = (table: Table) => ({ all: after[table].all - before[table].all, inPlace: after[table].inPlace - before[table].inPlace });
  return { accounts: of("accounts"), chats: of("chat_states") };
}

describe(`the update path's writes on ${testDatabaseKind()}`, () => {
  let database: DatabaseHandle;

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database?.close());

  it("touch the account in place on each update, and keep the chat's record in place on each settlement", async () => {
    // One session, each statement its own transaction as on the update path (each with its own now()).
    const counts = await database.db.connection().execute(async (session) => {
      const before = await updatesSoFar(session);
      const inbox = createRepositories(session).inbox;
      const chatId = "update-path-writes";
      // Two updates, each stored (taking the chat) and settled with the chat's record.
      const records = [{ flow: { value: { step: 1 } } }, { flow: { value: { step: 2 } }, screen: { value: { buttons: ["ok"] } } }];
      for (const [index, record] of records.entries()) {
        const added = await inbox.add(textUpdate(chatId, `ответ ${index + 1}`), new Date(), LEASE);
        await inbox.settle({
          platform: "telegram",
          chatId,
          token: added!.taken!.token,
          lease: LEASE,
          accounted: 0,
          update: { id: added!.id, outcome: "processed" },
          ...record,
          keep: false,
        });
      }
      return difference(before, await updatesSoFar(session));
    });
    // The second update touched the account; each insert took the chat, each settlement wrote it.
    expect(counts.accounts).toEqual({ all: 1, inPlace: 1 });
    expect(counts.chats).toEqual({ all: 3, inPlace: 3 });
  });
});
