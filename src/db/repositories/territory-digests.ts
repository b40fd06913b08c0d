import { type Kysely, sql } from "kysely";
import type { CalendarDate } from "#root/domain/cycle.ts";
import type { Database } from "../schema.ts";
import { type NewOutboxMessage, OutboxRepository } from "./outbox.ts";

/** A territory with coordinators, and the last month its digest went out. */
export interface DigestTerritory {
  territoryId: number;
  name: string;
  timeZone: string;
  lastMonth: CalendarDate | null;
  /** When its first coordinator still with us joined: a month over before then is nobody's to read. */
  firstJoinedAt: Date;
}

export interface TerritoryReader {
  territoryId: number;
  personId: number;
  locale: string;
}

/**
 * The monthly digest's reads and its claim (job region-digest): the territories to write to, their
 * coordinators, and the month claimed with its messages in one transaction, so replicas and re-runs
 * send it once. The figures themselves come from the region repository under `inTerritory`.
 */
export class TerritoryDigestsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every territory with at least one coordinator still with us, with its last digest's month and when they joined. */
  async territories(): Promise<DigestTerritory[]> {
    const rows = await this.db
      .selectFrom("territories as t")
      .select([
        "t.id",
        "t.name",
        "t.timezone",
        sql<CalendarDate | null>`(SELECT max(d.month)::text FROM territory_digests d WHERE d.territory_id = t.id)`.as("last_month"),
        sql<Date | null>`(SELECT min(c.joined_at) FROM territory_coordinators c JOIN people p ON p.id = c.person_id
          WHERE c.territory_id = t.id AND p.erased_at IS NULL)`.as("first_joined_at"),
      ])
      .orderBy("t.id")
      .execute();
    return rows.flatMap((row) =>
      row.first_joined_at === null
        ? []
        : [
            {
              territoryId: row.id,
              name: row.name,
              timeZone: row.timezone,
              lastMonth: row.last_month,
              firstJoinedAt: new Date(row.first_joined_at),
            },
          ],
    );
  }

  /** The coordinators of these territories, each with the language they read. */
  async readers(territoryIds: readonly number[]): Promise<TerritoryReader[]> {
    if (territoryIds.length === 0) return [];
    const rows = await this.db
      .selectFrom("territory_coordinators as c")
      .innerJoin("people as p", "p.id", "c.person_id")
      .select(["c.territory_id", "p.id", "p.locale"])
      .where("c.territory_id", "in", [...territoryIds])
      .where("p.erased_at", "is", null)
      .orderBy("c.territory_id")
      .orderBy("p.id")
      .execute();
    return rows.map((row) => ({ territoryId: row.territory_id, personId: row.id, locale: row.locale }));
  }

  /** Claims a territory's month and plans its messages; false when another run claimed it first. */
  async claim(territoryId: number, month: CalendarDate, figures: unknown, messages: NewOutboxMessage[], at: Date): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .insertInto("territory_digests")
        .values({ territory_id: territoryId, month, figures: JSON.stringify(figures), created_at: at })
        .onConflict((conflict) => conflict.columns(["territory_id", "month"]).doNothing())
        .returning("territory_id")
        .executeTakeFirst();
      if (!claimed) return false;
      await new OutboxRepository(trx).enqueue(messages);
      return true;
    });
  }
}
