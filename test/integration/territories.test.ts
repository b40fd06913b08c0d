/**
 * The territories repository on the real database: who oversees what (a region's coordinator its
 * municipalities, not the other way round), who hears of a request, one open request per school,
 * and a school's scope (row-level security) keeping to its own requests and figures.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#root/db/connection.ts";
import { createRepositories, type Repositories } from "#root/db/repositories/index.ts";
import type { Territory } from "#root/db/repositories/territories.ts";
import { inOrganisation } from "#root/db/scope.ts";
import { openTestDatabase, testDatabaseKind } from "../support/database.ts";

describe(`territories on ${testDatabaseKind()}`, () => {
  let database: DatabaseHandle;
  let repos: Repositories;
  let region: Territory;
  let municipality: Territory;
  let regionCoordinator: number;
  let municipalityCoordinator: number;
  let schools: [number, number];
  const now = new Date("2026-12-07T09:00:00Z");

  beforeAll(async () => {
    database = await openTestDatabase();
    repos = createRepositories(database.db);
    const made = await repos.territories.create({ kind: "region", name: "Тверская область", timezone: "Europe/Moscow" });
    if (!made.ok) throw new Error(made.reason);
    region = made.territory;
    const inside = await repos.territories.create({ kind: "municipality", name: "Тверь", parentId: region.id });
    if (!inside.ok) throw new Error(inside.reason);
    municipality = inside.territory;
    const people = await database.db
      .insertInto("people")
      .values([{ full_name: "Ольга Белова" }, { full_name: "Иван Орлов" }])
      .returning("id")
      .execute();
    [regionCoordinator, municipalityCoordinator] = people.map((person) => person.id) as [number, number];
    await database.db
      .insertInto("territory_coordinators")
      .values([
        { territory_id: region.id, person_id: regionCoordinator },
        { territory_id: municipality.id, person_id: municipalityCoordinator },
      ])
      .execute();
    schools = [
      (await repos.organisations.create("Школа № 1", "Europe/Moscow")).id,
      (await repos.organisations.create("Школа № 2", "Europe/Moscow")).id,
    ];
  });
  afterAll(async () => {
    await database?.close();
  });

  it("a region's coordinator oversees its municipalities; a municipality's does not oversee the region", async () => {
    expect(await repos.territories.overseen(regionCoordinator, municipality.id)).toMatchObject({ id: municipality.id });
    expect(await repos.territories.overseen(municipalityCoordinator, municipality.id)).toMatchObject({ id: municipality.id });
    expect(await repos.territories.overseen(municipalityCoordinator, region.id)).toBeUndefined();
    expect(await repos.territories.requestRecipients(municipality.id)).toEqual(
      [regionCoordinator, municipalityCoordinator].sort((a, b) => a - b),
    );
    expect(await repos.territories.requestRecipients(region.id)).toEqual([regionCoordinator]);
  });

  it("a school has one open request; a coordinator of another territory cannot decide it; the first decision stands", async () => {
    const [first] = schools;
    const asked = await inOrganisation(database.db, first, (scoped) =>
      scoped.territories.requestJoin(first, municipality.id, regionCoordinator, now),
    );
    if (!asked.ok) throw new Error(asked.reason);
    expect(
      await inOrganisation(database.db, first, (scoped) => scoped.territories.requestJoin(first, region.id, regionCoordinator, now)),
    ).toEqual({
      ok: false,
      reason: "open",
    });
    // The other school's scope does not see the first school's request.
    const [, second] = schools;
    const seen = await database.db.transaction().execute(async (trx) => {
      await sql`SELECT set_config('role', 'nastavnik_scoped', true), set_config('nastavnik.org_id', ${String(second)}, true)`.execute(trx);
      return trx.selectFrom("territory_join_requests").select("id").execute();
    });
    expect(seen).toEqual([]);

    const outsider = await repos.territories.create({ kind: "region", name: "Псковская область" });
    if (!outsider.ok) throw new Error(outsider.reason);
    const stranger = await database.db
      .insertInto("people")
      .values({ full_name: "Чужой Координатор" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto("territory_coordinators")
      .values({ territory_id: outsider.territory.id, person_id: stranger.id })
      .execute();
    expect(await repos.territories.decide(asked.requestId, "approved", stranger.id, now)).toEqual({ ok: false, reason: "not_allowed" });
    expect(await repos.territories.territoryOf(first)).toBeNull();

    const decided = await repos.territories.decide(asked.requestId, "approved", municipalityCoordinator, now);
    expect(decided).toMatchObject({ ok: true, decided: { orgId: first, territoryId: municipality.id, decision: "approved" } });
    expect(await repos.territories.territoryOf(first)).toBe(municipality.id);
    expect(await repos.territories.decide(asked.requestId, "refused", regionCoordinator, now)).toMatchObject({
      ok: false,
      reason: "gone",
      decision: "approved",
    });
    expect(await repos.territories.openRequests(regionCoordinator)).toEqual([]);
  });

  it("a school's figure is its own: set and corrected in its scope, invisible to another school", async () => {
    const [first, second] = schools;
    await inOrganisation(database.db, first, (scoped) => scoped.territories.setEnrolment(first, 2026, 640, regionCoordinator, now));
    await inOrganisation(database.db, first, (scoped) => scoped.territories.setEnrolment(first, 2026, 655, regionCoordinator, now));
    expect(await inOrganisation(database.db, first, (scoped) => scoped.territories.enrolment(first, 2026))).toBe(655);
    expect(await inOrganisation(database.db, second, (scoped) => scoped.territories.enrolment(first, 2026))).toBeNull();
    await expect(
      inOrganisation(database.db, second, (scoped) => scoped.territories.setEnrolment(first, 2026, 1, regionCoordinator, now)),
    ).rejects.toThrow();
    expect(await repos.territories.enrolment(first, 2026)).toBe(655);
  });

  it("a coordinator who erases their data stops coordinating the territory", async () => {
    await repos.people.erase(municipalityCoordinator, "left", now);
    expect(await repos.territories.coordinatedBy(municipalityCoordinator)).toEqual([]);
    expect(await repos.territories.requestRecipients(municipality.id)).toEqual([regionCoordinator]);
  });
});
