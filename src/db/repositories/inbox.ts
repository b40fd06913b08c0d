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

/** A chat as its holder took it: the fencing token of the take, and the flow and screen kept for it. */
export interface HeldChat {
  token: number;
  /** The chat's count of updates stored while it was held, when it was taken. */
  waiting: number;
  flow: unknown;
  screen: unknown;
}

/** Who asks for a chat's lease, and for how long. */
export interface LeaseRequest {
  holder: string;
  ms: number;
}

/** What a holder writes when it is done with an update, or gives the chat up (see InboxPort.settle). */
export interface Settlement {
  platform: Platform;
  chatId: string;
  token: number;
  lease: LeaseRequest;
  update?: { id: number; outcome: "processed" } | { id: number; outcome: "dead-letter"; reason: string } | { id: number; outcome: "retry" };
  /** The chat's flow and screen as they are now, when they changed (undefined value: none). */
  flow?: { value: unknown };
  screen?: { value: unknown };
  /** The holder goes on with the chat: the lease is renewed. */
  keep: boolean;
  /** Of the updates stored while the chat was held, how many the holder has taken up. */
  accounted: number;
}

export interface AddedUpdate {
  id: number;
  /** The chat had updates not yet handled when this one was stored. */
  olderPending: boolean;
  /** The chat's account, touched by the same statement. */
  account: ChatAccount;
  /** The chat's lease, when the chat was free and this insert took it (with its flow and screen). */
  taken?: HeldChat;
  /** Held by another: the chat's count of updates stored while held, this one included. */
  waiting: number;
}

export interface InboxEntry {
  id: number;
  incoming: Incoming;
  attempts: number;
}

/** A settlement as it ended: the chat kept (renewed) or let go, and its waiting count. */
export interface Settled {
  kept: boolean;
  waiting: number;
}

/** Accepted updates, durable before the platform is answered; also the de-duplication record. */
export class InboxRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Stores an update and, in the same statement: touches the chat's account (as
   * `AccountsRepository.touch` does), and takes the chat's lease when it is free, reading its flow and
   * screen with it; when another holds the chat, counts the update as waiting for that holder. Answers
   * also whether the chat had older updates waiting (then the drain reads them first). Undefined when
   * one with the same key was stored before (a replay): nothing is touched then. One statement, one
   * snapshot: the look at older updates sees the table as it was before this insert.
   */
  async add(incoming: Incoming, today: Date, lease: LeaseRequest): Promise<AddedUpdate | undefined> {
    const result = await sql<
      {
        update_id: number;
        older_pending: boolean;
        taken: boolean;
        token: number;
        waiting: number;
        flow: unknown;
        screen: unknown;
      } & TouchedRow
    >`
      WITH added AS (
        INSERT INTO inbox (update_key, platform, chat_id, incoming)
        VALUES (${incoming.updateKey}, ${incoming.platform}, ${incoming.chatId}, ${JSON.stringify(incoming)})
        ON CONFLICT (update_key) DO NOTHING
        RETURNING id
      ),
      ${touchedAccount(incoming, sql`SELECT ${accountValues(incoming)} WHERE EXISTS (SELECT 1 FROM added)`)},
      chat AS (
        INSERT INTO chat_states AS c (platform, chat_id, holder, held_until, token)
        SELECT ${incoming.platform}, ${incoming.chatId}, ${lease.holder}, ${leaseEnd(lease)}, 1 FROM added
        ON CONFLICT (platform, chat_id) DO UPDATE SET
          holder = CASE WHEN ${FREE} THEN EXCLUDED.holder ELSE c.holder END,
          token = CASE WHEN ${FREE} THEN c.token + 1 ELSE c.token END,
          waiting = CASE WHEN ${FREE} THEN c.waiting ELSE c.waiting + 1 END,
          held_until = CASE WHEN ${FREE} THEN EXCLUDED.held_until ELSE c.held_until END
        RETURNING c.holder = ${lease.holder} AS taken, c.token, c.waiting,
          CASE WHEN c.holder = ${lease.holder} THEN c.flow END AS flow,
          CASE WHEN c.holder = ${lease.holder} THEN c.screen END AS screen
      )
      SELECT added.id AS update_id, EXISTS (
        SELECT 1 FROM inbox older
        WHERE older.platform = ${incoming.platform} AND older.chat_id = ${incoming.chatId} AND older.processed_at IS NULL
      ) AS older_pending, chat.taken, chat.token, chat.waiting, chat.flow, chat.screen, ${touchedColumns}
      FROM added CROSS JOIN chat CROSS JOIN touched ${touchedPerson}`.execute(this.db);
    const row = result.rows[0];
    if (!row) return undefined;
    return {
      id: row.update_id,
      olderPending: row.older_pending,
      account: chatAccountOf(row, incoming, today),
      waiting: row.waiting,
      ...(row.taken ? { taken: heldChatOf(row) } : {}),
    };
  }

  /**
   * Takes a chat's lease when it is free (a drain with no update just stored: recovery, a retry) and
   * reads, in the same statement, its flow and screen and its unprocessed updates in order. Undefined
   * while another holds it: that holder takes up what is stored meanwhile (`settle`).
   */
  async take(
    platform: Platform,
    chatId: string,
    lease: LeaseRequest,
    limit = 50,
  ): Promise<(HeldChat & { pending: InboxEntry[] }) | undefined> {
    const result = await sql<{
      token: number;
      waiting: number;
      flow: unknown;
      screen: unknown;
      id: number | null;
      incoming: unknown;
      attempts: number | null;
    }>`
      WITH chat AS (
        INSERT INTO chat_states AS c (platform, chat_id, holder, held_until, token)
        VALUES (${platform}, ${chatId}, ${lease.holder}, ${leaseEnd(lease)}, 1)
        ON CONFLICT (platform, chat_id) DO UPDATE SET
          holder = EXCLUDED.holder, token = c.token + 1, held_until = EXCLUDED.held_until
        WHERE ${FREE}
        RETURNING c.token, c.waiting, c.flow, c.screen
      )
      SELECT chat.token, chat.waiting, chat.flow, chat.screen, pending.id, pending.incoming, pending.attempts
      FROM chat LEFT JOIN LATERAL (
        SELECT id, incoming, attempts FROM inbox
        WHERE platform = ${platform} AND chat_id = ${chatId} AND processed_at IS NULL
        ORDER BY id LIMIT ${limit}
      ) pending ON true
      ORDER BY pending.id`.execute(this.db);
    const [first] = result.rows;
    if (!first) return undefined;
    const pending = result.rows.filter((row) => row.id !== null).map((row) => toEntry(row as Parameters<typeof toEntry>[0]));
    return { ...heldChatOf(first), pending };
  }

  /**
   * What a holder does when an update is done, in one statement: keeps the chat's flow and screen,
   * marks the update (processed, dead letter, or one attempt more), and renews the lease or lets it go.
   * The chat is kept when the holder asks to, or when updates were stored while it was held that the
   * holder has not taken up (`accounted` below the chat's waiting count): let go, one of them would
   * wait for the recovery sweep. Fenced: undefined, with nothing written, when the lease was taken by
   * another (this holder's ran out).
   */
  async settle(settlement: Settlement): Promise<Settled | undefined> {
    const { platform, chatId, token, lease, update, flow, screen, keep, accounted } = settlement;
    const stays = sql`(${keep} OR waiting > ${accounted})`;
    const marked = !update
      ? sql``
      : sql`, marked AS (
        UPDATE inbox SET ${
          update.outcome === "processed"
            ? sql`processed_at = now()`
            : update.outcome === "dead-letter"
              ? sql`processed_at = now(), dead_letter_reason = ${update.reason.slice(0, 500)}`
              : sql`attempts = attempts + 1`
        }
        WHERE id = ${update.id} AND EXISTS (SELECT 1 FROM saved)
      )`;
    const result = await sql<Settled>`
      WITH saved AS (
        UPDATE chat_states SET
          ${flow ? sql`flow = ${jsonOrNull(flow.value)}::jsonb,` : sql``}
          ${screen ? sql`screen = ${jsonOrNull(screen.value)}::jsonb,` : sql``}
          updated_at = now(),
          held_until = CASE WHEN ${stays} THEN ${leaseEnd(lease)} ELSE NULL END,
          holder = CASE WHEN ${stays} THEN holder ELSE NULL END
        WHERE platform = ${platform} AND chat_id = ${chatId} AND token = ${token}
        RETURNING held_until IS NOT NULL AS kept, waiting
      )${marked}
      SELECT kept, waiting FROM saved`.execute(this.db);
    return result.rows[0];
  }

  /** Extends a lease still held (a long drain): false when another holder has taken the chat. */
  async renew(platform: Platform, chatId: string, token: number, lease: LeaseRequest): Promise<boolean> {
    const result = await this.db
      .updateTable("chat_states")
      .set({ held_until: leaseEnd(lease) })
      .where("platform", "=", platform)
      .where("chat_id", "=", chatId)
      .where("token", "=", token)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Forgets a chat's flow and screen (its person was erased). A holder working on the chat meanwhile
   * is fenced off (the token moves on and the lease is let go): its settlement would write the flow it
   * holds back over the erasure; its update is handled again, from nothing, by the chat's next holder.
   */
  async forgetChat(platform: Platform, chatId: string): Promise<void> {
    await this.db
      .updateTable("chat_states")
      .set((eb) => ({
        flow: null,
        screen: null,
        token: eb("token", "+", 1),
        holder: null,
        held_until: null,
        updated_at: new Date(),
      }))
      .where("platform", "=", platform)
      .where("chat_id", "=", chatId)
      .execute();
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

  /**
   * Updates not handled yet, by platform, with how long the oldest has waited (on the database's clock,
   * which stamped them). One statement, read when metrics are scraped.
   */
  async backlog(): Promise<Array<{ platform: Platform; count: number; oldestAgeSeconds: number }>> {
    const result = await sql<{ platform: Platform; count: number; oldest_age: number | string }>`
      SELECT platform, count(*)::int AS count, EXTRACT(EPOCH FROM now() - min(received_at))::float8 AS oldest_age
      FROM inbox WHERE processed_at IS NULL GROUP BY platform`.execute(this.db);
    return result.rows.map((row) => ({ platform: row.platform, count: row.count, oldestAgeSeconds: Math.max(0, Number(row.oldest_age)) }));
  }

  /** Forgets processed updates older than the platforms ever re-send. */
  async prune(olderThanMs: number): Promise<number> {
    const before = new Date(Date.now() - olderThanMs);
    const result = await this.db.deleteFrom("inbox").where("processed_at", "<", before).executeTakeFirst();
    // A chat in no flow and showing no screen keeps only a lease, which a free chat does not need.
    await this.db
      .deleteFrom("chat_states")
      .where("flow", "is", null)
      .where("screen", "is", null)
      .where("updated_at", "<", before)
      .where((eb) => eb.or([eb("held_until", "is", null), eb("held_until", "<", sql<Date>`now()`)]))
      .execute();
    return Number(result.numDeletedRows);
  }
}

/** A chat's lease counts as free when no one holds it or its holder's time ran out. */
const FREE = sql`(c.held_until IS NULL OR c.held_until < now())`;

/** The end of a lease on the database's clock (all holders read the same one). */
function leaseEnd(lease: LeaseRequest) {
  return sql<Date>`now() + ${lease.ms}::integer * interval '1 millisecond'`;
}

function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

function heldChatOf(row: { token: number; waiting: number; flow: unknown; screen: unknown }): HeldChat {
  return { token: row.token, waiting: row.waiting, flow: row.flow ?? undefined, screen: row.screen ?? undefined };
}

function toEntry(row: Pick<Selectable<InboxTable>, "id" | "incoming" | "attempts">): InboxEntry {
  // jsonb, stored by `add` from an Incoming: the database does not know its shape.
  return { id: row.id, incoming: row.incoming as Incoming, attempts: row.attempts };
}
