import type { Kysely } from "kysely";
import type { CalendarDate, CycleStage } from "#root/domain/cycle.ts";
import type { Organisation } from "#root/domain/entities/organisation.ts";
import { type ParticipantStatus, REGISTERED_STATUSES } from "#root/domain/programme.ts";
import type { Database } from "../schema.ts";

export type { Organisation } from "#root/domain/entities/organisation.ts";

/** An organisation as an operator lists it: who takes part and the cycle it runs, if any. */
export interface OrganisationOverview extends Organisation {
  createdAt: Date;
  /** Active coordinators. */
  coordinators: number;
  /** Students and mentors taking part (active or waiting for a parent's consent). */
  mentees: number;
  mentors: number;
  /** The cycle not archived yet (an organisation has at most one). */
  openCycle: { id: number; name: string; stage: CycleStage; startsOn: CalendarDate; endsOn: CalendarDate } | null;
}

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

  /** Every organisation with its head counts and open cycle, oldest first, in one statement. */
  async overview(): Promise<OrganisationOverview[]> {
    const rows = await this.db
      .selectFrom("organisations")
      // At most one cycle per organisation is not archived (a unique partial index): the join adds no rows.
      .leftJoin("cycles", (join) => join.onRef("cycles.org_id", "=", "organisations.id").on("cycles.stage", "<>", "archived"))
      .select((eb) => {
        const taking = (roles: Array<"coordinator" | "mentee" | "mentor">, statuses: readonly ParticipantStatus[]) =>
          eb
            .selectFrom("participants")
            .select(eb.fn.countAll<number>().as("count"))
            .whereRef("participants.org_id", "=", "organisations.id")
            .where("participants.role", "in", roles)
            .where("participants.status", "in", statuses);
        return [
          "organisations.id",
          "organisations.name",
          "organisations.timezone",
          "organisations.created_at",
          "cycles.id as cycle_id",
          "cycles.name as cycle_name",
          "cycles.stage as cycle_stage",
          "cycles.starts_on as cycle_starts_on",
          "cycles.ends_on as cycle_ends_on",
          taking(["coordinator"], ["active"]).as("coordinators"),
          // Registered ones: students invited from class lists count once they come.
          taking(["mentee"], REGISTERED_STATUSES).as("mentees"),
          taking(["mentor"], REGISTERED_STATUSES).as("mentors"),
        ];
      })
      .orderBy("organisations.id")
      .execute();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      timezone: row.timezone,
      createdAt: row.created_at,
      coordinators: Number(row.coordinators ?? 0),
      mentees: Number(row.mentees ?? 0),
      mentors: Number(row.mentors ?? 0),
      openCycle:
        row.cycle_id === null ||
        row.cycle_name === null ||
        row.cycle_stage === null ||
        row.cycle_starts_on === null ||
        row.cycle_ends_on === null
          ? null
          : { id: row.cycle_id, name: row.cycle_name, stage: row.cycle_stage, startsOn: row.cycle_starts_on, endsOn: row.cycle_ends_on },
    }));
  }
}
