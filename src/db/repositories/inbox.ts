import { type Kysely, type Selectable, sql } from "kysely";
import type { Incoming, Platform } from "#root/messaging/messenger.ts";
import type { Database, InboxTable } from "../schema.ts";
import {
  accountValues,
  type ChatAccount,
  chatAccountOf,
  type TouchedRow,
  touchedAccount,
  touchedColumns,
  touchedPerson,
} from "./accounts.ts";

export interface AddedUpdate {
  id: number;
  /** The chat had updates not yet handled when this one was stored. */
  olderPending: boolean;
  /** The chat's account, touched by the same statement. */
  account: ChatAccount;
}

export interface InboxEntry {
  id: number;
  incoming: Incoming;
  attempts: number;
}

/** Accepted updates, durable before the platform is answered; also the de-duplication record. */
export class InboxRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Stores an update: its id, whether the chat had older updates waiting when it came (then the drain
   * reads them first; otherwise it can take this one as it is), and the chat's account, touched as
   * `AccountsRepository.touch` does (the drain hands it on with the update, saving a statement).
   * Undefined when one with the same key was stored before (a replay): nothing is touched then. One
   * statement: the look at older updates sees the table as it was before this insert.
   */
  async add(incoming: Incoming, today: Date): Promise<AddedUpdate | undefined> {
    const result = await sql<{ update_id: number; older_pending: boolean } & TouchedRow>`
      WITH added AS (
        INSERT INTO inbox (update_key, platform, chat_id, incoming)
        VALUES (${incoming.updateKey}, ${incoming.platform}, ${incoming.chatId}, ${JSON.stringify(incoming)})
        ON CONFLICT (update_key) DO NOTHING
        RETURNING id
      ),
      ${touchedAccount(incoming, sql`SELECT ${accountValues(incoming)} WHERE EXISTS (SELECT 1 FROM added)`)}
      SELECT added.id AS update_id, EXISTS (
        SELECT 1 FROM inbox older
        WHERE older.platform = ${incoming.platform} AND older.chat_id = ${incoming.chatId} AND older.processed_at IS NULL
      ) AS older_pending, ${touchedColumns}
      FROM added CROSS JOIN touched ${touchedPerson}`.execute(this.db);
    const row = result.rows[0];
    return row ? { id: row.update_id, olderPending: row.older_pending, account: chatAccountOf(row, incoming, today) } : undefined;
  }

  /** The chat's unprocessed updates in the order they were accepted. */
  async pending(platform: Platform, chatId: string, limit = 50): Promise<InboxEntry[]> {
    const rows = await this.db
      .selectFrom("inbox")
      .select(["id", "incoming", "attempts"])
      .where("platform", "=", platform)
      .where("chat_id", "=", chatId)
      .where("processed_at", "is", null)
      .orderBy("id")
      .limit(limit)
      .execute();
    return rows.map(toEntry);
  }

  /** Gives an update up after every retry: out of its chat's way, kept with the reason as a dead letter. */
  async deadLetter(id: number, reason: string): Promise<void> {
    await this.db
      .updateTable("inbox")
      .set({ processed_at: new Date(), dead_letter_reason: reason.slice(0, 500) })
      .where("id", "=", id)
      .execute();
  }

  /** Updates given up since `since`, newest first (for the operator). */
  async deadLetters(
    since: Date,
  ): Promise<Array<{ id: number; updateKey: string; platform: Platform; chatId: string; reason: string; receivedAt: Date }>> {
    const rows = await this.db
      .selectFrom("inbox")
      .select(["id", "update_key", "platform", "chat_id", "dead_letter_reason", "received_at"])
      .where("dead_letter_reason", "is not", null)
      .where("received_at", ">=", since)
      .orderBy("id", "desc")
      .execute();
    return rows.map((row) => ({
      id: row.id,
      updateKey: row.update_key,
      platform: row.platform,
      chatId: row.chat_id,
      reason: row.dead_letter_reason!,
      receivedAt: row.received_at,
    }));
  }

  async markProcessed(id: number): Promise<void> {
    await this.db.updateTable("inbox").set({ processed_at: new Date() }).where("id", "=", id).execute();
  }

  /**
   * Marks an update processed and reads what the chat has pending after it, in one round trip: the
   * drain's step from one update to the next. The read sees the table as it was before the mark
   * (one statement, one snapshot), hence the id left out by hand.
   */
  async markProcessedThenPending(id: number, platform: Platform, chatId: string, limit = 50): Promise<InboxEntry[]> {
    const rows = await this.db
      .with("done", (db) => db.updateTable("inbox").set({ processed_at: new Date() }).where("id", "=", id))
      .selectFrom("inbox")
      .select(["id", "incoming", "attempts"])
      .where("platform", "=", platform)
      .where("chat_id", "=", chatId)
      .where("processed_at", "is", null)
      .where("id", "<>", id)
      .orderBy("id")
      .limit(limit)
      .execute();
    return rows.map(toEntry);
  }

  async countAttempt(id: number): Promise<void> {
    await this.db.updateTable("inbox").set({ attempts: sql`attempts + 1` }).where("id", "=", id).execute();
  }

  /** Chats with updates left unprocessed for a while (a crash, an outage): recovery drains them. */
  async stalledChats(olderThanMs: number, limit = 100): Promise<Array<{ platform: Platform; chatId: string }>> {
    const rows = await this.db
      .selectFrom("inbox")
      .select(["platform", "chat_id"])
      .distinct()
      .where("processed_at", "is", null)
      .where("received_at", "<", new Date(Date.now() - olderThanMs))
      .limit(limit)
      .execute();
    return rows.map((row) => ({ platform: row.platform, chatId: row.chat_id }));
  }

  /** Forgets processed updates older than the platforms ever re-send. */
  async prune(olderThanMs: number): Promise<number> {
    const result = await this.db
      .deleteFrom("inbox")
      .where("processed_at", "<", new Date(Date.now() - olderThanMs))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function toEntry(row: Pick<Selectable<InboxTable>, "id" | "incoming" | "attempts">): InboxEntry {
  // jsonb, stored by `add` from an Incoming: the database does not know its shape.
  return { id: row.id, incoming: row.incoming as Incoming, attempts: row.attempts };
}
