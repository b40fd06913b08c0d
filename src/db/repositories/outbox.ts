import { type Kysely, sql } from "kysely";
import type { MessageSpec } from "#root/dialog/replay-dialog.ts";
import type { Database } from "../schema.ts";

/** A person (reached on the account they used last) or one account in particular. */
export type OutboxRecipient = { personId: number } | { accountId: number };

export interface OutboxMessage {
  id: number;
  to: OutboxRecipient;
  message: MessageSpec;
  attempts: number;
}

export interface NewOutboxMessage {
  /** Plans a message once, whatever the number of replicas or retries that plan it. */
  dedupKey: string;
  to: OutboxRecipient;
  message: MessageSpec;
  dueAt?: Date;
}

/** How long a claimed message is hidden from other workers while one delivers it. */
const CLAIM_LEASE_SECONDS = 60;

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
          message: JSON.stringify(entry.message),
          due_at: entry.dueAt ?? new Date(),
        })),
      )
      .onConflict((conflict) => conflict.column("dedup_key").doNothing())
      .returning("id")
      .execute();
    return rows.length;
  }

  /** Claims due messages for this worker; other workers skip them (FOR UPDATE SKIP LOCKED). */
  async claimDue(limit: number, now: Date): Promise<OutboxMessage[]> {
    const result = await sql<{ id: number; person_id: number | null; account_id: number | null; message: MessageSpec; attempts: number }>`
      UPDATE outbox SET attempts = attempts + 1, due_at = ${now}::timestamptz + make_interval(secs => ${CLAIM_LEASE_SECONDS})
      WHERE id IN (
        SELECT id FROM outbox
        WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= ${now}
        ORDER BY due_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, person_id, account_id, message, attempts`.execute(this.db);
    return result.rows
      .map((row) => ({
        id: row.id,
        to: row.person_id === null ? { accountId: row.account_id! } : { personId: row.person_id },
        message: row.message,
        attempts: row.attempts,
      }))
      .sort((a, b) => a.id - b.id);
  }

  async markSent(id: number, at: Date): Promise<void> {
    await this.db.updateTable("outbox").set({ sent_at: at, last_error: null }).where("id", "=", id).execute();
  }

  async retryLater(id: number, dueAt: Date, error: string): Promise<void> {
    await this.db.updateTable("outbox").set({ due_at: dueAt, last_error: error.slice(0, 500) }).where("id", "=", id).execute();
  }

  /** Puts a claimed message back for later without counting the claim as a delivery attempt. */
  async postpone(id: number, dueAt: Date): Promise<void> {
    await this.db.updateTable("outbox").set({ due_at: dueAt, attempts: sql`attempts - 1` }).where("id", "=", id).execute();
  }

  async markFailed(id: number, at: Date, error: string): Promise<void> {
    await this.db.updateTable("outbox").set({ failed_at: at, last_error: error.slice(0, 500) }).where("id", "=", id).execute();
  }

  async nextDueAt(): Promise<Date | undefined> {
    const row = await this.db
      .selectFrom("outbox")
      .select((eb) => eb.fn.min("due_at").as("due"))
      .where("sent_at", "is", null)
      .where("failed_at", "is", null)
      .executeTakeFirst();
    return row?.due ? new Date(row.due as unknown as string) : undefined;
  }
}
