import { type ExpressionBuilder, type Kysely, type Selectable, sql } from "kysely";
import type { MessageSpec } from "#root/messaging/message-spec.ts";
import type { Database, OutboxTable } from "../schema.ts";

/** A person (reached on the account they used last) or one account in particular. */
export type OutboxRecipient = { personId: number } | { accountId: number };

export interface OutboxMessage {
  id: number;
  to: OutboxRecipient;
  message: MessageSpec;
  attempts: number;
  /** Skips quiet hours. */
  urgent: boolean;
  /** Dropped, not sent, once this instant has passed. */
  expiresAt: Date | null;
  /** Dropped for a person who turned reminders off. */
  reminder: boolean;
}

export interface ClaimPacing {
  /**
   * The shortest gap between two messages to one recipient, whichever worker sends them. With it a
   * claim takes at most one message per recipient, and none for a recipient that has a message in
   * another worker's hands (or waiting for a short retry) or was sent one within the gap.
   */
  recipientIntervalMs: number;
}

export interface NewOutboxMessage {
  /** Plans a message once, whatever the number of replicas or retries that plan it. */
  dedupKey: string;
  to: OutboxRecipient;
  message: MessageSpec;
  dueAt?: Date;
  /** Skips quiet hours (a child asking for help, a safety notice). */
  urgent?: boolean;
  /** What the message is about ("meeting:42"), to withdraw pending messages together. */
  topic?: string;
  /** Dropped instead of sent late after this instant (a reminder for a meeting that began). */
  expiresAt?: Date;
  /** A reminder: not sent to a person who turned reminders off. */
  reminder?: boolean;
  /**
   * The organisation the message is about: only that organisation's coordinators see it (to count or
   * withdraw it). Inside a coordinator's scope it is the scope's organisation unless given.
   */
  orgId?: number;
}

/** How long a claimed message is hidden from other workers while one delivers it. */
const CLAIM_LEASE_SECONDS = 60;
/** The advisory lock that makes paced claims take turns ("Nstv"). */
const CLAIM_LOCK = 0x4e73_7476;

/** A claimed message's row, as RETURNED reads it. */
type ClaimedRow = Pick<
  Selectable<OutboxTable>,
  "id" | "person_id" | "account_id" | "message" | "attempts" | "urgent" | "expires_at" | "reminder"
>;

/** Files and pictures travel in the outbox's JSON as base64. */
type StoredMessage = Omit<MessageSpec, "document" | "image"> & {
  document?: { filename: string; mimeType: string; base64: string };
  image?: { filename: string; base64: string };
};

function storedMessage(message: MessageSpec): string {
  const { document, image, ...rest } = message;
  const stored: StoredMessage = {
    ...rest,
    ...(image ? { image: { filename: image.filename, base64: Buffer.from(image.content).toString("base64") } } : {}),
    ...(document
      ? { document: { filename: document.filename, mimeType: document.mimeType, base64: Buffer.from(document.content).toString("base64") } }
      : {}),
  };
  return JSON.stringify(stored);
}

function messageSpec(stored: StoredMessage): MessageSpec {
  const { document, image, ...rest } = stored;
  return {
    ...rest,
    ...(image ? { image: { filename: image.filename, content: Buffer.from(image.base64, "base64") } } : {}),
    ...(document
      ? { document: { filename: document.filename, mimeType: document.mimeType, content: Buffer.from(document.base64, "base64") } }
      : {}),
  };
}

const RETURNED =
  "outbox.id, outbox.person_id, outbox.account_id, outbox.message, outbox.attempts, outbox.urgent, outbox.expires_at, outbox.reminder";

/*
 * A recipient is a person (positive) or, for messages addressed to one account, the negated account id.
 * Busy recipients: sent a message within the interval (a send stamped far ahead of this clock, by a
 * run with another clock, does not count), or holding a message claimed by a worker (its
 * lease runs) or due again soon (a short retry or pacing delay keeps the order); the window is two
 * leases wide so that a worker whose clock lags a little still sees another's claim.
 * Among the rest, each recipient's first message (urgent ones before any backlog), urgent first, then
 * earliest first due (a message put back for later keeps its place).
 */
function claimPaced(trx: Kysely<Database>, limit: number, now: Date, intervalMs: number) {
  return sql<ClaimedRow>`
    WITH busy AS (
      SELECT COALESCE(person_id, -account_id) AS recipient FROM outbox
      WHERE sent_at > ${now}::timestamptz - make_interval(secs => ${intervalMs / 1000})
        AND sent_at < ${now}::timestamptz + make_interval(secs => ${intervalMs / 1000})
      UNION
      SELECT COALESCE(person_id, -account_id) FROM outbox
      WHERE sent_at IS NULL AND failed_at IS NULL AND due_at > ${now}
        AND due_at <= ${now}::timestamptz + make_interval(secs => ${2 * CLAIM_LEASE_SECONDS})
    ),
    candidates AS (
      SELECT id, COALESCE(person_id, -account_id) AS recipient, urgent, queued_at FROM outbox
      WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= ${now}
        AND NOT EXISTS (SELECT 1 FROM busy WHERE busy.recipient = COALESCE(outbox.person_id, -outbox.account_id))
      ORDER BY urgent DESC, queued_at, id
      LIMIT ${limit * 4}
      FOR UPDATE SKIP LOCKED
    ),
    chosen AS (
      SELECT id FROM (SELECT DISTINCT ON (recipient) id, urgent, queued_at FROM candidates ORDER BY recipient, urgent DESC, queued_at, id) AS firsts
      ORDER BY urgent DESC, queued_at, id
      LIMIT ${limit}
    )
    UPDATE outbox SET attempts = attempts + 1, due_at = ${now}::timestamptz + make_interval(secs => ${CLAIM_LEASE_SECONDS})
    FROM chosen WHERE outbox.id = chosen.id
    RETURNING ${sql.raw(RETURNED)}`.execute(trx);
}

export class OutboxRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async enqueue(messages: NewOutboxMessage[]): Promise<number> {
    if (messages.length === 0) return 0;
    const rows = await this.db
      .insertInto("outbox")
      .values(
        messages.map((entry) => ({
          dedup_key: entry.dedupKey,
          person_id: "personId" in entry.to ? entry.to.personId : null,
          account_id: "accountId" in entry.to ? entry.to.accountId : null,
          message: storedMessage(entry.message),
          due_at: entry.dueAt ?? new Date(),
          queued_at: entry.dueAt ?? new Date(),
          urgent: entry.urgent ?? false,
          topic: entry.topic ?? null,
          expires_at: entry.expiresAt ?? null,
          reminder: entry.reminder ?? false,
          org_id: entry.orgId,
        })),
      )
      .onConflict((conflict) => conflict.column("dedup_key").doNothing())
      .returning("id")
      .execute();
    return rows.length;
  }

  /**
   * Claims due messages for this worker; other workers skip them (FOR UPDATE SKIP LOCKED). With
   * `pacing`, claims from all workers take turns (a transaction-scoped advisory lock), so that two
   * workers never hand out messages to one recipient within the pacing interval.
   */
  async claimDue(limit: number, clock: Date | (() => Date), pacing?: ClaimPacing): Promise<OutboxMessage[]> {
    const rows = pacing
      ? await this.db.transaction().execute(async (trx) => {
          await sql`SELECT pg_advisory_xact_lock(${CLAIM_LOCK}::bigint)`.execute(trx);
          // The time is read once the lock is ours: a claim never looks at the outbox from before the last one.
          return (await claimPaced(trx, limit, typeof clock === "function" ? clock() : clock, pacing.recipientIntervalMs)).rows;
        })
      : await this.claimUnpaced(limit, typeof clock === "function" ? clock() : clock);
    return rows
      .map((row) => ({
        id: row.id,
        to: row.person_id === null ? { accountId: row.account_id! } : { personId: row.person_id },
        // jsonb, written by `enqueue` from storedMessage: the database does not know its shape.
        message: messageSpec(row.message as StoredMessage),
        attempts: row.attempts,
        urgent: row.urgent,
        expiresAt: row.expires_at ? new Date(row.expires_at) : null,
        reminder: row.reminder,
      }))
      .sort((a, b) => a.id - b.id);
  }

  private async claimUnpaced(limit: number, now: Date): Promise<ClaimedRow[]> {
    const result = await sql<ClaimedRow>`
      UPDATE outbox SET attempts = attempts + 1, due_at = ${now}::timestamptz + make_interval(secs => ${CLAIM_LEASE_SECONDS})
      WHERE id IN (
        SELECT id FROM outbox
        WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= ${now}
        ORDER BY urgent DESC, queued_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING ${sql.raw(RETURNED)}`.execute(this.db);
    return result.rows;
  }

  async markSent(id: number, at: Date): Promise<void> {
    await this.db.updateTable("outbox").set({ sent_at: at, last_error: null }).where("id", "=", id).execute();
  }

  async retryLater(id: number, dueAt: Date, error: string): Promise<void> {
    await this.db
      .updateTable("outbox")
      .set({ due_at: dueAt, last_error: error.slice(0, 500) })
      .where("id", "=", id)
      .execute();
  }

  /**
   * Puts a claimed message back for later without counting the claim as a delivery attempt; `reason`
   * (a platform's rate limit) is kept as its last error, to tell why it waits.
   */
  /**
   * Forgets what was delivered (or given up) before `before`: the text of a message has no use once
   * it is in the person's chat. An announcement's rows stay, emptied, so its status still counts them.
   */
  async pruneDelivered(before: Date): Promise<number> {
    const done = (eb: ExpressionBuilder<Database, "outbox">) => eb.or([eb("sent_at", "<", before), eb("failed_at", "<", before)]);
    const deleted = await this.db.deleteFrom("outbox").where(done).where("announcement_id", "is", null).executeTakeFirst();
    const emptied = await this.db
      .updateTable("outbox")
      .set({ message: JSON.stringify({ text: [] }) })
      .where(done)
      .where("announcement_id", "is not", null)
      .where(sql<boolean>`message <> '{"text": []}'::jsonb`)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows) + Number(emptied.numUpdatedRows);
  }

  async postpone(id: number, dueAt: Date, reason?: string): Promise<void> {
    await this.db
      .updateTable("outbox")
      .set({ due_at: dueAt, attempts: sql`attempts - 1`, ...(reason === undefined ? {} : { last_error: reason.slice(0, 500) }) })
      .where("id", "=", id)
      .execute();
  }

  async markFailed(id: number, at: Date, error: string): Promise<void> {
    await this.db
      .updateTable("outbox")
      .set({ failed_at: at, last_error: error.slice(0, 500) })
      .where("id", "=", id)
      .execute();
  }

  /**
   * Withdraws the undelivered messages of a topic or of several (the reminders of a meeting that moved); returns
   * how many. Messages already claimed by a worker are withdrawn too: their delivery checks nothing
   * more, so a reminder in flight at that very moment may still go, once.
   */
  async withdrawTopic(topic: string | readonly string[], at: Date, why: string): Promise<number> {
    const topics = typeof topic === "string" ? [topic] : topic;
    if (topics.length === 0) return 0;
    const rows = await this.db
      .updateTable("outbox")
      .set({ failed_at: at, last_error: why.slice(0, 500) })
      .where("topic", "in", topics)
      .where("sent_at", "is", null)
      .where("failed_at", "is", null)
      .returning("id")
      .execute();
    return rows.length;
  }

  async nextDueAt(): Promise<Date | undefined> {
    const row = await this.db
      .selectFrom("outbox")
      .select((eb) => eb.fn.min("due_at").as("due"))
      .where("sent_at", "is", null)
      .where("failed_at", "is", null)
      .executeTakeFirst();
    return row?.due ? new Date(row.due) : undefined;
  }

  /**
   * Messages not sent or given up yet, by the platform they would go to now (the account they name, or
   * the person's account used last that has not blocked the bot; "none" when there is no such account),
   * with how long the oldest due one has been due at `now`. One statement, read when metrics are scraped.
   */
  async depthByPlatform(now: Date): Promise<Array<{ platform: string; depth: number; oldestDueAgeSeconds: number }>> {
    const result = await sql<{ platform: string; depth: number; oldest_due: Date | null }>`
      SELECT platform, count(*)::int AS depth, min(due_at) FILTER (WHERE due_at <= ${now}) AS oldest_due
      FROM (
        SELECT o.due_at, COALESCE(
          (SELECT a.platform FROM accounts a WHERE a.id = o.account_id AND a.blocked_at IS NULL),
          (SELECT a.platform FROM accounts a WHERE a.person_id = o.person_id AND a.blocked_at IS NULL
            ORDER BY a.last_seen_at DESC LIMIT 1),
          'none') AS platform
        FROM outbox o
        WHERE o.sent_at IS NULL AND o.failed_at IS NULL
      ) pending
      GROUP BY platform`.execute(this.db);
    return result.rows.map((row) => ({
      platform: row.platform,
      depth: row.depth,
      oldestDueAgeSeconds: row.oldest_due ? Math.max(0, (now.getTime() - new Date(row.oldest_due).getTime()) / 1_000) : 0,
    }));
  }
}
