import type { Kysely } from "kysely";
import type { Database } from "#root/db/schema.ts";
import { msg } from "#root/i18n/translator.ts";
import type { Platform } from "#root/messaging/messenger.ts";

/** A person with one messenger account, as registration leaves them (no age: never held for the night). */
export async function personWithAccount(db: Kysely<Database>, name: string, platform: Platform, chatId: number): Promise<number> {
  const row = await db
    .insertInto("people")
    .values({ full_name: name, birth_year: null, locale: "ru" })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("accounts")
    .values({ platform, external_id: String(chatId), chat_id: String(chatId), person_id: row.id, last_seen_at: new Date() })
    .execute();
  return row.id;
}

/** An outbox message of plain text. */
export const plain = (text: string) => ({ text: [msg("plain", { text })] });
