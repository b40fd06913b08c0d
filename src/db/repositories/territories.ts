import { type Kysely, sql } from "kysely";
import type { TerritoryJoinDecision, TerritoryKind } from "#root/domain/region.ts";
import type { Locale } from "#root/i18n/translator.ts";
import type { Database } from "../schema.ts";
import { InvitesRepository } from "./invites.ts";

export interface Territory {
  id: number;
  kind: TerritoryKind;
  name: string;
  /** The region a municipality belongs to; null for a region. */
  parentId: number | null;
  timezone: string;
}

/** A territory as `list-territories` shows it: how many organisations are attached to it directly, and who coordinates it. */
export interface TerritoryOverview extends Territory {
  organisations: number;
  coordinators: number;
}

/** An organisation under a territory: attached to it, or to one of its municipalities. Names only. */
export interface AttachedOrganisation {
  orgId: number;
  name: string;
  territoryId: number;
}

export interface OpenJoinRequest {
  id: number;
  territoryId: number;
  territoryName: string;
  orgId: number;
  orgName: string;
}

export type CreateTerritoryResult =
  | { ok: true; territory: Territory }
  | { ok: false; reason: "duplicate" | "no-parent" | "parent-not-region" | "region-has-no-parent" };

export type JoinTerritoryResult =
  | { ok: true; personId: number; territory: Territory }
  | { ok: false; reason: "unknown" | "expired" | "used_up" | "already_coordinator" };

export type JoinRequestResult = { ok: true; requestId: number } | { ok: false; reason: "open" | "already_attached" };

/** A decision taken: the request as it stood, with whom to tell in the school. */
export interface DecidedJoinRequest {
  requestId: number;
  decision: TerritoryJoinDecision;
  orgId: number;
  orgName: string;
  territoryId: number;
  territoryName: string;
  /** The organisation's active coordinators. */
  schoolCoordinators: number[];
}

export type DecideResult =
  | { ok: true; decided: DecidedJoinRequest }
  | { ok: false; reason: "gone" | "not_allowed"; decision?: TerritoryJoinDecision; orgName?: string };

/** Postgres' unique_violation: a second open request of one organisation (territory_join_requests_one_open). */
const UNIQUE_VIOLATION = "23505";

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === UNIQUE_VIOLATION;
}

const territoryColumns = [
  "territories.id",
  "territories.kind",
  "territories.name",
  "territories.parent_id",
  "territories.timezone",
] as const;

function toTerritory(row: { id: number; kind: string; name: string; parent_id: number | null; timezone: string }): Territory {
  return { id: row.id, kind: row.kind as TerritoryKind, name: row.name, parentId: row.parent_id, timezone: row.timezone };
}

/** The person coordinates the row's territory, or the region it belongs to. */
const overseenBy = (personId: number) =>
  sql<boolean>`EXISTS (SELECT 1 FROM territory_coordinators c WHERE c.person_id = ${personId} AND c.territory_id IN (territories.id, territories.parent_id))`;

/**
 * Regions, municipalities, the people who coordinate them and the organisations attached to them
 * (issue 20). What a territory's coordinator reads here are names of territories and organisations:
 * never a participant (the figures come as aggregates from the region repository).
 */
export class TerritoriesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(request: { kind: TerritoryKind; name: string; parentId?: number; timezone?: string }): Promise<CreateTerritoryResult> {
    let timezone = request.timezone;
    if (request.kind === "region" && request.parentId !== undefined) return { ok: false, reason: "region-has-no-parent" };
    if (request.kind === "municipality") {
      const parent = request.parentId === undefined ? undefined : await this.get(request.parentId);
      if (!parent) return { ok: false, reason: "no-parent" };
      if (parent.kind !== "region") return { ok: false, reason: "parent-not-region" };
      // A municipality keeps its region's clock unless told otherwise.
      timezone ??= parent.timezone;
    }
    try {
      const row = await this.db
        .insertInto("territories")
        .values({ kind: request.kind, name: request.name, parent_id: request.parentId ?? null, ...(timezone ? { timezone } : {}) })
        .returning(["id", "kind", "name", "parent_id", "timezone"])
        .executeTakeFirstOrThrow();
      return { ok: true, territory: toTerritory(row) };
    } catch (error) {
      if (isUniqueViolation(error)) return { ok: false, reason: "duplicate" };
      throw error;
    }
  }

  async get(id: number): Promise<Territory | undefined> {
    const row = await this.db.selectFrom("territories").select(territoryColumns).where("id", "=", id).executeTakeFirst();
    return row ? toTerritory(row) : undefined;
  }

  /** Every territory, regions first, each region followed by its municipalities, with its counts. */
  async overview(): Promise<TerritoryOverview[]> {
    const rows = await this.db
      .selectFrom("territories")
      .select(territoryColumns)
      .select((eb) => [
        eb
          .selectFrom("organisations")
          .select(eb.fn.countAll<string>().as("count"))
          .whereRef("organisations.territory_id", "=", "territories.id")
          .as("organisations"),
        eb
          .selectFrom("territory_coordinators")
          .select(eb.fn.countAll<string>().as("count"))
          .whereRef("territory_coordinators.territory_id", "=", "territories.id")
          .as("coordinators"),
      ])
      .orderBy(sql`coalesce(territories.parent_id, territories.id)`)
      .orderBy(sql`territories.parent_id IS NOT NULL`)
      .orderBy("territories.name")
      .execute();
    return rows.map((row) => ({
      ...toTerritory(row),
      organisations: Number(row.organisations ?? 0),
      coordinators: Number(row.coordinators ?? 0),
    }));
  }

  /** Attaches an organisation to a territory, or detaches it (null). False when the organisation does not exist. */
  async attachOrganisation(orgId: number, territoryId: number | null): Promise<boolean> {
    const result = await this.db.updateTable("organisations").set({ territory_id: territoryId }).where("id", "=", orgId).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** The territories a person coordinates, regions first, by name. */
  async coordinatedBy(personId: number): Promise<Territory[]> {
    const rows = await this.db
      .selectFrom("territory_coordinators")
      .innerJoin("territories", "territories.id", "territory_coordinators.territory_id")
      .select(territoryColumns)
      .where("territory_coordinators.person_id", "=", personId)
      .orderBy(sql`territories.kind = 'municipality'`)
      .orderBy("territories.name")
      .execute();
    return rows.map(toTerritory);
  }

  /**
   * The territory when the person may act for it: they coordinate it, or the region it belongs to.
   * Checked on every press, since a button's territory comes from the client.
   */
  async overseen(personId: number, territoryId: number): Promise<Territory | undefined> {
    const row = await this.db
      .selectFrom("territories")
      .select(territoryColumns)
      .where("territories.id", "=", territoryId)
      .where(overseenBy(personId))
      .executeTakeFirst();
    return row ? toTerritory(row) : undefined;
  }

  /** A region's municipalities, by name, with how many organisations each has. */
  async municipalities(regionId: number): Promise<Array<Territory & { organisations: number }>> {
    const rows = await this.db
      .selectFrom("territories")
      .select(territoryColumns)
      .select((eb) =>
        eb
          .selectFrom("organisations")
          .select(eb.fn.countAll<string>().as("count"))
          .whereRef("organisations.territory_id", "=", "territories.id")
          .as("organisations"),
      )
      .where("territories.parent_id", "=", regionId)
      .orderBy("territories.name")
      .execute();
    return rows.map((row) => ({ ...toTerritory(row), organisations: Number(row.organisations ?? 0) }));
  }

  /** The organisations attached to a territory or to one of its municipalities, by name: names only. */
  async organisationsUnder(territoryId: number): Promise<AttachedOrganisation[]> {
    const rows = await this.db
      .selectFrom("organisations")
      .innerJoin("territories", "territories.id", "organisations.territory_id")
      .select(["organisations.id", "organisations.name", "organisations.territory_id"])
      .where((eb) => eb.or([eb("territories.id", "=", territoryId), eb("territories.parent_id", "=", territoryId)]))
      .orderBy("organisations.name")
      .execute();
    return rows.map((row) => ({ orgId: row.id, name: row.name, territoryId: row.territory_id ?? territoryId }));
  }

  /**
   * Makes the chat's person a coordinator of the invite's territory, in one transaction: uses the
   * invite, creates the person (with the name given) when the account has none, adds them.
   */
  async join(request: {
    token: string;
    territoryId: number;
    accountId: number;
    fullName?: string;
    locale: Locale;
    now: Date;
  }): Promise<JoinTerritoryResult> {
    return this.db
      .transaction()
      .execute(async (trx) => {
        const account = await trx
          .selectFrom("accounts")
          .leftJoin("people", (join) => join.onRef("people.id", "=", "accounts.person_id").on("people.erased_at", "is", null))
          .select(["people.id as person_id", "people.full_name"])
          .where("accounts.id", "=", request.accountId)
          .executeTakeFirstOrThrow();
        let personId = account.person_id;
        if (personId !== null) {
          const already = await trx
            .selectFrom("territory_coordinators")
            .select("person_id")
            .where("territory_id", "=", request.territoryId)
            .where("person_id", "=", personId)
            .executeTakeFirst();
          if (already) return { ok: false, reason: "already_coordinator" } as const;
        }
        const redeemed = await new InvitesRepository(trx).redeem(request.token, request.now);
        if (!redeemed.ok) throw new JoinRefused(redeemed.reason);
        if (redeemed.invite.purpose !== "territory" || redeemed.invite.territoryId !== request.territoryId)
          throw new JoinRefused("unknown");
        if (personId === null) {
          const person = await trx
            .insertInto("people")
            .values({ full_name: request.fullName ?? null, locale: request.locale })
            .returning("id")
            .executeTakeFirstOrThrow();
          personId = person.id;
          await trx.updateTable("accounts").set({ person_id: personId }).where("id", "=", request.accountId).execute();
        } else if (account.full_name === null && request.fullName) {
          await trx.updateTable("people").set({ full_name: request.fullName }).where("id", "=", personId).execute();
        }
        await trx
          .insertInto("territory_coordinators")
          .values({ territory_id: request.territoryId, person_id: personId, joined_at: request.now })
          .execute();
        const territory = await trx
          .selectFrom("territories")
          .select(territoryColumns)
          .where("id", "=", request.territoryId)
          .executeTakeFirstOrThrow();
        return { ok: true, personId, territory: toTerritory(territory) } as const;
      })
      .catch((error: unknown) => {
        if (error instanceof JoinRefused) return { ok: false, reason: error.reason } as const;
        throw error;
      });
  }

  /** Who hears of an organisation's request to join a territory: its coordinators and its region's. */
  async requestRecipients(territoryId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom("territory_coordinators")
      .select("person_id")
      .distinct()
      .where((eb) =>
        eb.or([
          eb("territory_id", "=", territoryId),
          eb("territory_id", "=", eb.selectFrom("territories").select("parent_id").where("id", "=", territoryId)),
        ]),
      )
      .orderBy("person_id")
      .execute();
    return rows.map((row) => row.person_id);
  }

  /**
   * An organisation asks to join a territory. Runs in the organisation's scope (row-level security
   * keeps a school to its own requests); one open request per organisation.
   */
  async requestJoin(orgId: number, territoryId: number, requestedBy: number, now: Date): Promise<JoinRequestResult> {
    const org = await this.db.selectFrom("organisations").select("territory_id").where("id", "=", orgId).executeTakeFirstOrThrow();
    if (org.territory_id === territoryId) return { ok: false, reason: "already_attached" };
    const open = await this.db
      .selectFrom("territory_join_requests")
      .select("id")
      .where("org_id", "=", orgId)
      .where("decision", "is", null)
      .executeTakeFirst();
    if (open) return { ok: false, reason: "open" };
    try {
      const row = await this.db
        .insertInto("territory_join_requests")
        .values({ org_id: orgId, territory_id: territoryId, requested_by: requestedBy, requested_at: now })
        .returning("id")
        .executeTakeFirstOrThrow();
      return { ok: true, requestId: row.id };
    } catch (error) {
      // Another coordinator of the school asked at the same moment.
      if (isUniqueViolation(error)) return { ok: false, reason: "open" };
      throw error;
    }
  }

  /** The open requests to join the territories a person oversees (their own and their regions' municipalities), oldest first. */
  async openRequests(personId: number): Promise<OpenJoinRequest[]> {
    const rows = await this.db
      .selectFrom("territory_join_requests")
      .innerJoin("territories", "territories.id", "territory_join_requests.territory_id")
      .innerJoin("organisations", "organisations.id", "territory_join_requests.org_id")
      .select([
        "territory_join_requests.id",
        "territories.id as territory_id",
        "territories.name as territory_name",
        "organisations.id as org_id",
        "organisations.name as org_name",
      ])
      .where("territory_join_requests.decision", "is", null)
      .where(overseenBy(personId))
      .orderBy("territory_join_requests.requested_at")
      .orderBy("territory_join_requests.id")
      .execute();
    return rows.map((row) => ({
      id: row.id,
      territoryId: row.territory_id,
      territoryName: row.territory_name,
      orgId: row.org_id,
      orgName: row.org_name,
    }));
  }

  /**
   * A territory's coordinator (or its region's) approves or refuses a request; the first to answer
   * decides. An approval attaches the organisation to the territory in the same transaction.
   */
  async decide(requestId: number, decision: TerritoryJoinDecision, personId: number, now: Date): Promise<DecideResult> {
    return this.db.transaction().execute(async (trx) => {
      const request = await trx
        .selectFrom("territory_join_requests")
        .innerJoin("organisations", "organisations.id", "territory_join_requests.org_id")
        .innerJoin("territories", "territories.id", "territory_join_requests.territory_id")
        .select([
          "territory_join_requests.decision",
          "territory_join_requests.org_id",
          "organisations.name as org_name",
          "territories.id as territory_id",
          "territories.name as territory_name",
        ])
        .where("territory_join_requests.id", "=", requestId)
        .forUpdate("territory_join_requests")
        .executeTakeFirst();
      if (!request) return { ok: false, reason: "gone" } as const;
      const allowed = await new TerritoriesRepository(trx).overseen(personId, request.territory_id);
      if (!allowed) return { ok: false, reason: "not_allowed" } as const;
      if (request.decision !== null) return { ok: false, reason: "gone", decision: request.decision, orgName: request.org_name } as const;
      await trx
        .updateTable("territory_join_requests")
        .set({ decision, decided_by: personId, decided_at: now })
        .where("id", "=", requestId)
        .execute();
      if (decision === "approved") {
        await trx.updateTable("organisations").set({ territory_id: request.territory_id }).where("id", "=", request.org_id).execute();
      }
      const coordinators = await trx
        .selectFrom("participants")
        .select("person_id")
        .where("org_id", "=", request.org_id)
        .where("role", "=", "coordinator")
        .where("status", "=", "active")
        .orderBy("person_id")
        .execute();
      return {
        ok: true,
        decided: {
          requestId,
          decision,
          orgId: request.org_id,
          orgName: request.org_name,
          territoryId: request.territory_id,
          territoryName: request.territory_name,
          schoolCoordinators: coordinators.map((row) => row.person_id),
        },
      } as const;
    });
  }

  /** The organisation's territory, if it has one (readable in the organisation's own scope). */
  async territoryOf(orgId: number): Promise<number | null> {
    const row = await this.db.selectFrom("organisations").select("territory_id").where("id", "=", orgId).executeTakeFirst();
    return row?.territory_id ?? null;
  }

  /** The organisation's number of students aged 10–19 for a school year; null when not entered. */
  async enrolment(orgId: number, schoolYear: number): Promise<number | null> {
    const row = await this.db
      .selectFrom("organisation_enrolments")
      .select("students_10_19")
      .where("org_id", "=", orgId)
      .where("school_year", "=", schoolYear)
      .executeTakeFirst();
    return row?.students_10_19 ?? null;
  }

  /** Sets (or corrects) the organisation's figure for a school year. */
  async setEnrolment(orgId: number, schoolYear: number, students: number, recordedBy: number, now: Date): Promise<void> {
    await this.db
      .insertInto("organisation_enrolments")
      .values({ org_id: orgId, school_year: schoolYear, students_10_19: students, recorded_by: recordedBy, recorded_at: now })
      .onConflict((conflict) =>
        conflict.columns(["org_id", "school_year"]).doUpdateSet({ students_10_19: students, recorded_by: recordedBy, recorded_at: now }),
      )
      .execute();
  }
}

class JoinRefused extends Error {
  constructor(readonly reason: "unknown" | "expired" | "used_up") {
    super(reason);
  }
}
