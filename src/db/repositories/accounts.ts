import { type Kysely, type Selectable, sql } from "kysely";
import { type FormOfAddress, formOfAddress } from "#root/domain/address.ts";
import type { Role } from "#root/domain/programme.ts";
import type { Locale } from "#root/i18n/translator.ts";
import type { Incoming, Platform } from "#root/messaging/messenger.ts";
import type { AccountTable, Database } from "../schema.ts";

export interface ChatAccount {
  id: number;
  platform: Platform;
  chatId: string;
  personId: number | null;
  /** The person's chosen language, else the client's language tag. */
  personLocale: Locale | null;
  /** The language picked with /language before registering. */
  chosenLocale: Locale | null;
  languageCode: string | null;
  callbackButtons: boolean;
  /** «ты» or «вы», from the person's age and roles (formOfAddress); «вы» before registration. */
  address: FormOfAddress;
}

export interface DeliveryAddress {
  accountId: number;
  platform: Platform;
  chatId: string;
  callbackButtons: boolean;
  locale: string;
  /** «ты» or «вы» for this reader (formOfAddress). */
  address: FormOfAddress;
}

/** The roles a person plays where they have not left, for formOfAddress (as quiet hours read them). */
const ROLES_OF_PERSON = (personId: ReturnType<typeof sql.ref>) =>
  sql<Role[]>`ARRAY(SELECT DISTINCT p.role FROM participants p WHERE p.person_id = ${personId} AND p.status <> 'left')`;

/** The row a touch reads back: the account and what of its person the chat needs. */
export type TouchedRow = Pick<
  Selectable<AccountTable>,
  "id" | "chat_id" | "person_id" | "language_code" | "chosen_locale" | "callback_buttons"
> & {
  person_locale: Locale | null;
  birth_year: number | null;
  roles: Role[] | null;
};

/** The values a touch writes, typed (a SELECT list, unlike VALUES in an INSERT, does not take the columns' types). */
export function accountValues(incoming: Incoming) {
  return sql`${incoming.platform}::text, ${incoming.userId}::text, ${incoming.chatId}::text, ${incoming.languageCode ?? null}::text,
        ${incoming.callbackButtons ?? true}::boolean, now()`;
}

/**
 * The CTEs `touched` (the account upserted from `rows`: a VALUES list, or a SELECT that may give no row)
 * and `reachable`, for a statement that touches the chat's account among other work (see InboxRepository.add).
 */
export function touchedAccount(incoming: Incoming, rows: ReturnType<typeof sql>) {
  return sql`touched AS (
        INSERT INTO accounts (platform, external_id, chat_id, language_code, callback_buttons, last_seen_at)
        ${rows}
        ON CONFLICT (platform, external_id) DO UPDATE SET
          chat_id = EXCLUDED.chat_id,
          language_code = COALESCE(EXCLUDED.language_code, accounts.language_code),
          callback_buttons = ${incoming.callbackButtons === undefined ? sql`accounts.callback_buttons` : sql`EXCLUDED.callback_buttons`},
          last_seen_at = now(),
          blocked_at = NULL
        RETURNING id, chat_id, person_id, language_code, chosen_locale, callback_buttons
      ),
      -- Writing again makes a person reachable: a later block is reported to the coordinators anew.
      reachable AS (
        UPDATE people SET unreachable_reported_at = NULL
        WHERE id = (SELECT person_id FROM touched) AND unreachable_reported_at IS NOT NULL
      )`;
}

/** The columns of a TouchedRow, read from `touched` joined with `touchedPerson`. */
export const touchedColumns = sql`touched.id, touched.chat_id, touched.person_id, touched.language_code, touched.chosen_locale,
        touched.callback_buttons, people.locale AS person_locale, people.birth_year,
        CASE WHEN people.id IS NULL THEN NULL ELSE ${ROLES_OF_PERSON(sql.ref("people.id"))} END AS roles`;

/** Joins the touched account's person (not one whose data was erased). */
export const touchedPerson = sql`LEFT JOIN people ON people.id = touched.person_id AND people.erased_at IS NULL`;

export function chatAccountOf(row: TouchedRow, incoming: Incoming, today: Date): ChatAccount {
  return {
    id: row.id,
    platform: incoming.platform,
    chatId: row.chat_id,
    personId: row.person_locale === null ? null : row.person_id,
    personLocale: row.person_locale,
    chosenLocale: row.chosen_locale,
    languageCode: row.language_code,
    callbackButtons: row.callback_buttons,
    address: formOfAddress(row.roles === null ? undefined : { birthYear: row.birth_year, roles: row.roles }, today),
  };
}

export class AccountsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Records that the account wrote now (creating it on first contact) and returns it with its person,
   * addressed as fits their age on `today` (the app's clock).
   */
  async touch(incoming: Incoming, today: Date): Promise<ChatAccount> {
    const result = await sql<TouchedRow>`
      WITH ${touchedAccount(incoming, sql`VALUES (${accountValues(incoming)})`)}
      SELECT ${touchedColumns} FROM touched ${touchedPerson}`.execute(this.db);
    return chatAccountOf(result.rows[0]!, incoming, today);
  }

  async attachPerson(accountId: number, personId: number): Promise<void> {
    await this.db.updateTable("accounts").set({ person_id: personId }).where("id", "=", accountId).execute();
  }

  async personOf(accountId: number): Promise<number | null> {
    const row = await this.db
      .selectFrom("accounts")
      .innerJoin("people", "people.id", "accounts.person_id")
      .select("accounts.person_id")
      .where("accounts.id", "=", accountId)
      .where("people.erased_at", "is", null)
      .executeTakeFirst();
    return row?.person_id ?? null;
  }

  /** Where to reach a person: the account they used last that has not blocked the bot, addressed as fits their age on `today`. */
  async addressOf(personId: number, today: Date): Promise<DeliveryAddress | undefined> {
    const row = await this.db
      .selectFrom("accounts")
      .innerJoin("people", "people.id", "accounts.person_id")
      .select(["accounts.id", "accounts.platform", "accounts.chat_id", "accounts.callback_buttons", "people.locale", "people.birth_year"])
      .select(ROLES_OF_PERSON(sql.ref("people.id")).as("roles"))
      .where("accounts.person_id", "=", personId)
      .where("accounts.blocked_at", "is", null)
      .orderBy("accounts.last_seen_at", "desc")
      .limit(1)
      .executeTakeFirst();
    return row
      ? {
          accountId: row.id,
          platform: row.platform,
          chatId: row.chat_id,
          callbackButtons: row.callback_buttons,
          locale: row.locale,
          address: formOfAddress({ birthYear: row.birth_year, roles: row.roles }, today),
        }
      : undefined;
  }

  /** One account in particular, in its own language (used to reach people whose data was erased). */
  async addressOfAccount(accountId: number): Promise<DeliveryAddress | undefined> {
    const row = await this.db
      .selectFrom("accounts")
      .select(["id", "platform", "chat_id", "callback_buttons", "language_code", "chosen_locale"])
      .where("id", "=", accountId)
      .where("blocked_at", "is", null)
      .executeTakeFirst();
    return row
      ? {
          accountId: row.id,
          platform: row.platform,
          chatId: row.chat_id,
          callbackButtons: row.callback_buttons,
          locale: row.chosen_locale ?? row.language_code ?? "",
          // Whose data was erased is nobody the bot knows any more: «вы».
          address: "vy",
        }
      : undefined;
  }

  async setLanguage(accountId: number, locale: Locale): Promise<void> {
    await this.db.updateTable("accounts").set({ chosen_locale: locale }).where("id", "=", accountId).execute();
  }

  async platformsOf(personId: number): Promise<Platform[]> {
    const rows = await this.db.selectFrom("accounts").select("platform").where("person_id", "=", personId).execute();
    return rows.map((row) => row.platform);
  }

  async markBlocked(accountId: number): Promise<void> {
    await this.db.updateTable("accounts").set({ blocked_at: new Date() }).where("id", "=", accountId).execute();
  }

  async detachPerson(personId: number): Promise<Array<{ platform: Platform; chatId: string }>> {
    const rows = await this.db
      .updateTable("accounts")
      .set({ person_id: null })
      .where("person_id", "=", personId)
      .returning(["platform", "chat_id"])
      .execute();
    return rows.map((row) => ({ platform: row.platform, chatId: row.chat_id }));
  }
}
