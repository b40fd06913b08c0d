import { type Kysely, sql } from "kysely";
import type { Plan, PlanMilestone } from "#root/domain/entities/plan.ts";
import type { PlanStatus } from "#root/domain/plan.ts";
import type { Database } from "../schema.ts";

export type { Plan, PlanMilestone } from "#root/domain/entities/plan.ts";

export interface NewMilestone {
  title: string;
  dueOn: string;
  evidence: string | null;
}

/** What a coordinator's list shows of a pair's plan. */
export interface PlanSummary {
  pairId: number;
  planId: number;
  status: PlanStatus;
  milestones: number;
  done: number;
  overdue: number;
}

const toDate = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

/** Individual mentoring plans (ИПН) and their milestones. */
export class PlansRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The pair's plan, or undefined when the mentor has not written one. */
  async forPair(pairId: number): Promise<Plan | undefined> {
    const plan = await this.db.selectFrom("plans").selectAll().where("pair_id", "=", pairId).executeTakeFirst();
    if (!plan) return undefined;
    return {
      id: plan.id,
      pairId: plan.pair_id,
      orgId: plan.org_id,
      goal: plan.goal,
      status: plan.status,
      changeRequest: plan.change_request,
      version: plan.version,
      proposedAt: toDate(plan.proposed_at),
      agreedAt: toDate(plan.agreed_at),
      agreedBy: plan.agreed_by,
      milestones: await this.milestonesOf([pairId]),
    };
  }

  /** Milestones with their pair, as plan screens, check-ins and digests read them. */
  private milestoneRows() {
    return this.db
      .selectFrom("plan_milestones")
      .innerJoin("plans", "plans.id", "plan_milestones.plan_id")
      .select([
        "plan_milestones.id",
        "plans.pair_id as pairId",
        "plan_milestones.plan_id as planId",
        "plan_milestones.title",
        "plan_milestones.due_on as dueOn",
        "plan_milestones.evidence",
        "plan_milestones.done_at as doneAt",
        "plan_milestones.position",
      ]);
  }

  /**
   * Every milestone of these pairs' plans, in plan order, in one query (for plan screens, check-ins and
   * digests).
   */
  async milestonesOf(pairIds: number[]): Promise<PlanMilestone[]> {
    if (pairIds.length === 0) return [];
    const rows = await this.milestoneRows()
      .where("plans.pair_id", "in", pairIds)
      .orderBy("plans.pair_id")
      .orderBy("plan_milestones.position")
      .orderBy("plan_milestones.id")
      .execute();
    return rows.map((row) => ({ ...row, doneAt: toDate(row.doneAt) }));
  }

  /** One milestone with its pair, or undefined (a removed milestone, a forged button). */
  async milestone(id: number): Promise<PlanMilestone | undefined> {
    const row = await this.milestoneRows().where("plan_milestones.id", "=", id).executeTakeFirst();
    return row ? { ...row, doneAt: toDate(row.doneAt) } : undefined;
  }

  /** The pair a plan belongs to, or undefined for a plan that does not exist. */
  async pairOf(planId: number): Promise<number | undefined> {
    const row = await this.db.selectFrom("plans").select("pair_id").where("id", "=", planId).executeTakeFirst();
    return row?.pair_id;
  }

  /**
   * Writes a pair's first plan with its milestones, as a draft or already shown to the mentees.
   * Returns its id, or undefined when the pair has a plan already (written meanwhile on another device).
   */
  async create(plan: {
    pairId: number;
    orgId: number;
    goal: string;
    status: "draft" | "proposed";
    milestones: NewMilestone[];
    at: Date;
  }): Promise<number | undefined> {
    const row = await this.db
      .insertInto("plans")
      .values({
        pair_id: plan.pairId,
        org_id: plan.orgId,
        goal: plan.goal,
        status: plan.status,
        created_at: plan.at,
        updated_at: plan.at,
        proposed_at: plan.status === "proposed" ? plan.at : null,
      })
      .onConflict((conflict) => conflict.column("pair_id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) return undefined;
    if (plan.milestones.length > 0) {
      await this.db
        .insertInto("plan_milestones")
        .values(
          plan.milestones.map((milestone, index) => ({
            plan_id: row.id,
            org_id: plan.orgId,
            position: index + 1,
            title: milestone.title,
            due_on: milestone.dueOn,
            evidence: milestone.evidence,
            created_at: plan.at,
          })),
        )
        .execute();
    }
    return row.id;
  }

  /** Shows a draft to the mentees; false when it was not a draft any more. */
  async propose(planId: number, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable("plans")
      .set({ status: "proposed", proposed_at: at, updated_at: at })
      .where("id", "=", planId)
      .where("status", "=", "draft")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * A mentee agrees to the version they saw. Only one agreement counts: false when the plan changed
   * since, was agreed already (a second press, another mentee of the group) or is not shown.
   */
  async agree(planId: number, version: number, personId: number, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable("plans")
      .set({ status: "agreed", agreed_at: at, agreed_by: personId, updated_at: at })
      .where("id", "=", planId)
      .where("version", "=", version)
      .where("status", "in", ["proposed", "change_requested"])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** A mentee asks for a change of the version they saw; false when it is not open to one any more. */
  async requestChange(planId: number, version: number, reason: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable("plans")
      .set({ status: "change_requested", change_request: reason, updated_at: at })
      .where("id", "=", planId)
      .where("version", "=", version)
      .where("status", "=", "proposed")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * After a change to what was promised: the plan is shown again as a new version (agreement and
   * change request cleared). A draft stays a draft. Returns the plan's status and version now.
   */
  async reopen(planId: number, at: Date): Promise<{ status: PlanStatus; version: number } | undefined> {
    await this.db
      .updateTable("plans")
      .set((eb) => ({
        status: "proposed",
        version: eb("version", "+", 1),
        change_request: null,
        agreed_at: null,
        agreed_by: null,
        proposed_at: at,
        updated_at: at,
      }))
      .where("id", "=", planId)
      .where("status", "<>", "draft")
      .execute();
    const row = await this.db.selectFrom("plans").select(["status", "version"]).where("id", "=", planId).executeTakeFirst();
    return row ? { status: row.status, version: row.version } : undefined;
  }

  async setGoal(planId: number, goal: string, at: Date): Promise<void> {
    await this.db.updateTable("plans").set({ goal, updated_at: at }).where("id", "=", planId).execute();
  }

  /** Adds a milestone at the end of the plan; returns its id. */
  async addMilestone(planId: number, orgId: number, milestone: NewMilestone, at: Date): Promise<number> {
    const row = await this.db
      .insertInto("plan_milestones")
      .values({
        plan_id: planId,
        org_id: orgId,
        position: sql<number>`(SELECT coalesce(max(position), 0) + 1 FROM plan_milestones WHERE plan_id = ${planId})`,
        title: milestone.title,
        due_on: milestone.dueOn,
        evidence: milestone.evidence,
        created_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await this.touch(planId, at);
    return row.id;
  }

  /** Changes a milestone's title, date or how it is shown; false when it is gone. */
  async updateMilestone(id: number, patch: Partial<NewMilestone>, at: Date): Promise<boolean> {
    const set: { title?: string; due_on?: string; evidence?: string | null } = {};
    if (patch.title !== undefined) set.title = patch.title;
    if (patch.dueOn !== undefined) set.due_on = patch.dueOn;
    if (patch.evidence !== undefined) set.evidence = patch.evidence;
    const row = await this.db.updateTable("plan_milestones").set(set).where("id", "=", id).returning("plan_id").executeTakeFirst();
    if (row) await this.touch(row.plan_id, at);
    return Boolean(row);
  }

  /** Marks a milestone done (by whom, when) or not done; false when it is gone or already so. */
  async setMilestoneDone(id: number, done: { at: Date; by: number } | null, at: Date): Promise<boolean> {
    const row = await this.db
      .updateTable("plan_milestones")
      .set({ done_at: done?.at ?? null, done_by: done?.by ?? null })
      .where("id", "=", id)
      .where("done_at", done ? "is" : "is not", null)
      .returning("plan_id")
      .executeTakeFirst();
    if (row) await this.touch(row.plan_id, at);
    return Boolean(row);
  }

  /** Removes a milestone; false when it was gone already. */
  async removeMilestone(id: number, at: Date): Promise<boolean> {
    const row = await this.db.deleteFrom("plan_milestones").where("id", "=", id).returning("plan_id").executeTakeFirst();
    if (row) await this.touch(row.plan_id, at);
    return Boolean(row);
  }

  /** The plans of these pairs as a coordinator's list shows them, in one query; pairs without a plan are absent. */
  async summaries(pairIds: number[], today: string): Promise<PlanSummary[]> {
    if (pairIds.length === 0) return [];
    const rows = await this.db
      .selectFrom("plans")
      .leftJoin("plan_milestones", "plan_milestones.plan_id", "plans.id")
      .select([
        "plans.pair_id as pairId",
        "plans.id as planId",
        "plans.status",
        sql<number>`count(plan_milestones.id)`.as("milestones"),
        sql<number>`count(plan_milestones.id) FILTER (WHERE plan_milestones.done_at IS NOT NULL)`.as("done"),
        sql<number>`count(plan_milestones.id) FILTER (WHERE plan_milestones.done_at IS NULL AND plan_milestones.due_on < ${today}::date)`.as(
          "overdue",
        ),
      ])
      .where("plans.pair_id", "in", pairIds)
      .groupBy(["plans.pair_id", "plans.id", "plans.status"])
      .execute();
    return rows.map((row) => ({
      pairId: row.pairId,
      planId: row.planId,
      status: row.status,
      milestones: Number(row.milestones),
      done: Number(row.done),
      overdue: Number(row.overdue),
    }));
  }

  private async touch(planId: number, at: Date): Promise<void> {
    await this.db.updateTable("plans").set({ updated_at: at }).where("id", "=", planId).execute();
  }
}
