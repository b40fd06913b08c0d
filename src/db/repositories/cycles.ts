import { type Kysely, type Selectable, sql } from "kysely";
import type { CalendarDate, CycleStage } from "#root/domain/cycle.ts";
import type { Cycle } from "#root/domain/entities/cycle.ts";
import type { Direction, MentoringForm } from "#root/domain/programme.ts";
import type { CycleTable, Database } from "../schema.ts";

export type { Cycle } from "#root/domain/entities/cycle.ts";

export interface NewCycle {
  orgId: number;
  name: string;
  startsOn: CalendarDate;
  endsOn: CalendarDate;
  forms: MentoringForm[];
  directions: Direction[];
  createdBy: number;
  /** Weekly when not given. */
  checkInEveryDays?: number;
}

const columns = ["id", "org_id", "name", "starts_on", "ends_on", "forms", "directions", "stage", "check_in_every_days"] as const;

function toCycle(row: Pick<Selectable<CycleTable>, (typeof columns)[number]>): Cycle {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    forms: row.forms,
    directions: row.directions,
    stage: row.stage,
    checkInEveryDays: row.check_in_every_days,
  };
}

export class CyclesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Opens a cycle; undefined when the organisation already has one open. */
  async open(cycle: NewCycle): Promise<Cycle | undefined> {
    const row = await this.db
      .insertInto("cycles")
      .values({
        org_id: cycle.orgId,
        name: cycle.name,
        starts_on: cycle.startsOn,
        ends_on: cycle.endsOn,
        forms: cycle.forms,
        directions: cycle.directions,
        created_by: cycle.createdBy,
        check_in_every_days: cycle.checkInEveryDays,
      })
      .onConflict((conflict) => conflict.column("org_id").where(sql<boolean>`stage <> 'archived'`).doNothing())
      .returning(columns)
      .executeTakeFirst();
    return row ? toCycle(row) : undefined;
  }

  /** The organisation's cycle that is not archived yet. */
  async current(orgId: number): Promise<Cycle | undefined> {
    const row = await this.db
      .selectFrom("cycles")
      .select(columns)
      .where("org_id", "=", orgId)
      .where("stage", "<>", "archived")
      .executeTakeFirst();
    return row ? toCycle(row) : undefined;
  }

  async get(cycleId: number): Promise<Cycle | undefined> {
    const row = await this.db.selectFrom("cycles").select(columns).where("id", "=", cycleId).executeTakeFirst();
    return row ? toCycle(row) : undefined;
  }

  async setStage(cycleId: number, stage: CycleStage): Promise<void> {
    await this.db.updateTable("cycles").set({ stage }).where("id", "=", cycleId).execute();
  }

  async organisationForms(orgId: number): Promise<MentoringForm[]> {
    const row = await this.db.selectFrom("organisations").select("forms").where("id", "=", orgId).executeTakeFirst();
    return row?.forms ?? [];
  }

  async setOrganisationForms(orgId: number, forms: MentoringForm[]): Promise<void> {
    await this.db.updateTable("organisations").set({ forms }).where("id", "=", orgId).execute();
  }
}
