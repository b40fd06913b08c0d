import type { Kysely } from "kysely";
import type { Organisation } from "#root/domain/entities/organisation.ts";
import type { Database } from "../schema.ts";

export type { Organisation } from "#root/domain/entities/organisation.ts";

export class OrganisationsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(name: string, timezone: string): Promise<Organisation> {
    return this.db.insertInto("organisations").values({ name, timezone }).returning(["id", "name", "timezone"]).executeTakeFirstOrThrow();
  }

  async get(id: number): Promise<Organisation | undefined> {
    return this.db.selectFrom("organisations").select(["id", "name", "timezone"]).where("id", "=", id).executeTakeFirst();
  }

  /** The people who coordinate an organisation, to alert and to copy on consent decisions. */
  async coordinatorPersonIds(orgId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom("participants")
      .select("person_id")
      .where("org_id", "=", orgId)
      .where("role", "=", "coordinator")
      .where("status", "=", "active")
      .execute();
    return rows.map((row) => row.person_id);
  }
}
