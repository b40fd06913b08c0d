import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#root/db/connection.ts";
import { createRepositories } from "#root/db/repositories/index.ts";
import type { Database } from "#root/db/schema.ts";
import { inTerritory } from "#root/db/scope.ts";
import type { Indicators, RegionIndicators, RegionPeriod } from "#root/domain/region.ts";
import { openTestDatabase, testDatabaseKind } from "../support/database.ts";
import { alert, checkIn, cycle, meeting, organisation, pair, participant, plan, survey, territory } from "../support/region-seed.ts";

/*
 * A region with two municipalities and an organisation attached to the region itself, and another
 * region beside it, seeded row by row with SQL so every figure is known in advance (period: the
 * autumn term, 1 September – 30 November 2026, in Moscow):
 *
 *   A (municipality 1): 6 teacher–student pairs (3 studies, 3 career) from 5 September, a mentee of 14
 *     and an adult mentor each; every pair held a meeting on 10 October and on 20 November (12 held),
 *     one more held in August and one missed (neither counts); pairs 1 and 2 stuck at their latest
 *     check-in, pair 3 stuck then on track; 5 plans completed in the period, one with a milestone
 *     left, one completed in August; alerts for pairs 1–5 in the period and pair 6 in August; end
 *     questionnaires of 6 mentees and 2 mentors, the mentors' growth from their start ones, a mentor's
 *     end answered after the period; 500 students aged 10–19 entered for 2026/27.
 *   B (municipality 1): 3 student–student pairs (peer to peer, studies) from 25 November, two of them
 *     led by the same 17-year-old mentor; mentees of 12 and a second mentee of 20 in pair 3; a fourth
 *     pair ended in August; 300 students.
 *   C (municipality 2): 5 adult–student pairs (projects) from 10 September, never met (all quiet, so
 *     stuck); mentees of 10 and one of 9; 3 mentees' end questionnaires; an older cycle archived; its
 *     enrolment entered for 2025/26 only.
 *   D (the region itself): no cycle, nothing.
 *   E (the other region's municipality): 7 pairs, which nobody of the first region may see.
 */

const kind = testDatabaseKind();
const PERIOD: RegionPeriod = { from: "2026-09-01", to: "2026-11-30" };
const at = (iso: string) => new Date(iso);
const REFRESHED_AT = at("2026-11-30T20:00:00Z");

let handle: DatabaseHandle;
const ids = { region: 0, municipality1: 0, municipality2: 0, otherRegion: 0, otherMunicipality: 0, A: 0, B: 0, C: 0, D: 0, E: 0 };

async function seed(db: Kysely<Database>) {
  ids.region = await territory(db, "region", "Область", null);
  ids.municipality1 = await territory(db, "municipality", "Первый район", ids.region);
  ids.municipality2 = await territory(db, "municipality", "Второй район", ids.region);
  ids.otherRegion = await territory(db, "region", "Соседняя область", null);
  ids.otherMunicipality = await territory(db, "municipality", "Соседний район", ids.otherRegion);
  ids.A = await organisation(db, "Школа А", ids.municipality1);
  ids.B = await organisation(db, "Школа Б", ids.municipality1);
  ids.C = await organisation(db, "Школа В", ids.municipality2);
  ids.D = await organisation(db, "Школа Г", ids.region);
  ids.E = await organisation(db, "Школа Д", ids.otherMunicipality);
  await sql`INSERT INTO organisation_enrolments (org_id, school_year, students_10_19)
    VALUES (${ids.A}, 2026, 500), (${ids.B}, 2026, 300), (${ids.C}, 2025, 200), (${ids.E}, 2026, 900)`.execute(db);

  // A
  const cycleA = await cycle(db, ids.A, "2026/27", "working", "2026-09-01", "2027-05-31", "2026-08-25T09:00:00Z");
  const pairsA: number[] = [];
  for (let k = 1; k <= 6; k++) {
    const mentor = await participant(db, ids.A, "mentor", 1980);
    const mentee = await participant(db, ids.A, "mentee", 2012);
    const pairId = await pair(db, {
      orgId: ids.A,
      cycleId: cycleA,
      mentor,
      mentees: [mentee],
      form: "teacher_student",
      direction: k <= 3 ? "studies" : "career",
      publishedAt: "2026-09-05T09:00:00Z",
    });
    pairsA.push(pairId);
    await meeting(db, pairId, ids.A, "2026-10-10T12:00:00Z", "held");
    await meeting(db, pairId, ids.A, "2026-11-20T12:00:00Z", "held");
    const milestones = await plan(
      db,
      pairId,
      ids.A,
      k <= 5 ? ["2026-10-01T10:00:00Z", "2026-11-15T10:00:00Z"] : ["2026-10-01T10:00:00Z", null],
    );
    if (k <= 2) await checkIn(db, pairId, ids.A, mentee.personId, 1, "2026-11-26T10:00:00Z", milestones[1]!, "stuck");
    if (k === 3) {
      await checkIn(db, pairId, ids.A, mentee.personId, 1, "2026-11-10T10:00:00Z", milestones[1]!, "stuck");
      await checkIn(db, pairId, ids.A, mentee.personId, 2, "2026-11-24T10:00:00Z", milestones[1]!, "on_track");
    }
    await alert(db, pairId, ids.A, k <= 5 ? "2026-10-20T10:00:00Z" : "2026-08-20T10:00:00Z");
    const spec = { orgId: ids.A, cycleId: cycleA, pairId };
    await survey(db, { ...spec, personId: mentee.personId, audience: "mentee", moment: "end" }, "2026-11-28T10:00:00Z", {
      satisfaction: [8, 9, 10, 7, 6, 8][k - 1]!,
      confidence: 6,
      interest: 4,
    });
    await survey(db, { ...spec, personId: mentee.personId, audience: "mentee", moment: "start" }, "2026-09-06T10:00:00Z", {
      confidence: 3,
      interest: 4,
    });
    if (k <= 2) {
      await survey(db, { ...spec, personId: mentor.personId, audience: "mentor", moment: "start" }, "2026-09-06T10:00:00Z", {
        confidence: 5,
      });
      await survey(db, { ...spec, personId: mentor.personId, audience: "mentor", moment: "end" }, "2026-11-28T10:00:00Z", {
        satisfaction: 9,
        support: 6,
        confidence: 8,
      });
    }
    if (k === 6)
      await survey(db, { ...spec, personId: mentor.personId, audience: "mentor", moment: "end" }, "2026-12-05T10:00:00Z", {
        satisfaction: 1,
      });
  }
  await meeting(db, pairsA[5]!, ids.A, "2026-08-20T12:00:00Z", "held");
  await meeting(db, pairsA[0]!, ids.A, "2026-10-17T12:00:00Z", "missed");
  const earlyPair = await pair(db, {
    orgId: ids.A,
    cycleId: cycleA,
    mentor: await participant(db, ids.A, "mentor", 1970),
    mentees: [await participant(db, ids.A, "mentee", 2012)],
    form: "teacher_student",
    direction: "studies",
    publishedAt: "2026-06-01T09:00:00Z",
    endedAt: "2026-08-25T09:00:00Z",
  });
  await plan(db, earlyPair, ids.A, ["2026-08-10T10:00:00Z"]);

  // B
  const cycleB = await cycle(db, ids.B, "Осень", "working", "2026-09-01", "2027-05-31", "2026-08-25T09:00:00Z");
  const peerMentor = await participant(db, ids.B, "mentor", 2009);
  const otherPeerMentor = await participant(db, ids.B, "mentor", 2009);
  const student = { orgId: ids.B, cycleId: cycleB, form: "student_student", direction: "studies", variant: "peer_to_peer" };
  await pair(db, {
    ...student,
    mentor: peerMentor,
    mentees: [await participant(db, ids.B, "mentee", 2014)],
    publishedAt: "2026-11-25T09:00:00Z",
  });
  await pair(db, {
    ...student,
    mentor: peerMentor,
    mentees: [await participant(db, ids.B, "mentee", 2014)],
    publishedAt: "2026-11-25T09:00:00Z",
  });
  await pair(db, {
    ...student,
    mentor: otherPeerMentor,
    mentees: [await participant(db, ids.B, "mentee", 2014), await participant(db, ids.B, "mentee", 2006)],
    publishedAt: "2026-11-25T09:00:00Z",
  });
  await pair(db, {
    ...student,
    mentor: await participant(db, ids.B, "mentor", 2009),
    mentees: [await participant(db, ids.B, "mentee", 2014)],
    publishedAt: "2026-05-01T09:00:00Z",
    endedAt: "2026-08-15T09:00:00Z",
  });

  // C
  await cycle(db, ids.C, "2025/26", "archived", "2025-09-01", "2026-05-31", "2025-08-25T09:00:00Z");
  const cycleC = await cycle(db, ids.C, "Наставничество 2026", "working", "2026-09-01", "2027-05-31", "2026-08-25T09:00:00Z");
  for (let k = 1; k <= 5; k++) {
    const mentee = await participant(db, ids.C, "mentee", k === 5 ? 2017 : 2016);
    const pairId = await pair(db, {
      orgId: ids.C,
      cycleId: cycleC,
      mentor: await participant(db, ids.C, "mentor", 1975),
      mentees: [mentee],
      form: "adult_student",
      direction: "projects",
      publishedAt: "2026-09-10T09:00:00Z",
    });
    if (k <= 3)
      await survey(
        db,
        { orgId: ids.C, cycleId: cycleC, pairId, personId: mentee.personId, audience: "mentee", moment: "end" },
        "2026-11-20T10:00:00Z",
        {
          satisfaction: 4,
        },
      );
  }

  // E, in the other region
  const cycleE = await cycle(db, ids.E, "Чужой цикл", "working", "2026-09-01", "2027-05-31", "2026-08-25T09:00:00Z");
  for (let k = 1; k <= 7; k++) {
    await pair(db, {
      orgId: ids.E,
      cycleId: cycleE,
      mentor: await participant(db, ids.E, "mentor", 1990),
      mentees: [await participant(db, ids.E, "mentee", 2013)],
      form: "teacher_student",
      direction: "studies",
      publishedAt: "2026-09-05T09:00:00Z",
    });
  }
}

function zeroes(): Pick<Indicators, "pairsByForm" | "pairsByDirection" | "pairsByVariant"> {
  return {
    pairsByForm: { teacher_student: 0, student_student: 0, university_student_student: 0, adult_student: 0 },
    pairsByDirection: { studies: 0, additional_education: 0, projects: 0, career: 0, civic: 0 },
    pairsByVariant: { successful_struggling: 0, leader_passive: 0, peer_to_peer: 0 },
  };
}

describe(`a territory's aggregates on ${kind}`, () => {
  let region: RegionIndicators;

  beforeAll(async () => {
    handle = await openTestDatabase();
    await seed(handle.db);
    // The job's rebuild, late on the period's last day in Moscow: the stuck pairs are those of then.
    expect(await createRepositories(handle.db).region.refresh(REFRESHED_AT)).toBeGreaterThan(0);
    const read = await inTerritory(handle.db, ids.region, (repos) => repos.region.indicators(PERIOD));
    if (!read) throw new Error("the region's figures were not found");
    region = read;
  }, 120_000);

  afterAll(async () => {
    await handle?.close();
  });

  const organisation = (orgId: number) => region.organisations.find((one) => one.orgId === orgId)!;

  it("names the territory and lists its own organisations and municipalities only", () => {
    expect(region.territory).toEqual({ id: ids.region, name: "Область", kind: "region", timezone: "Europe/Moscow" });
    expect(region.period).toEqual(PERIOD);
    expect(region.countedAt).toEqual(REFRESHED_AT);
    expect(region.organisations.map((one) => one.orgId)).toEqual([ids.A, ids.B, ids.C, ids.D]);
    expect(region.organisations.map((one) => one.territoryId)).toEqual([
      ids.municipality1,
      ids.municipality1,
      ids.municipality2,
      ids.region,
    ]);
    expect(region.municipalities.map((one) => [one.territoryId, one.name, one.kind])).toEqual([
      [ids.municipality1, "Первый район", "municipality"],
      [ids.municipality2, "Второй район", "municipality"],
    ]);
  });

  it("counts an organisation's figures exactly, hiding its small cells", () => {
    const a = organisation(ids.A);
    expect(a.name).toBe("Школа А");
    expect(a.cycle).toEqual({ name: "2026/27", stage: "working", archived: false });
    expect(a.figures).toEqual({
      organisations: 1,
      withOpenCycle: 1,
      participants10to19: 6,
      students10to19: 500,
      pairs: 6,
      ...zeroes(),
      pairsByForm: { ...zeroes().pairsByForm, teacher_student: 6 },
      // Three pairs of a direction: hidden.
      pairsByDirection: { ...zeroes().pairsByDirection, studies: null, career: null },
      meetingsHeld: 12,
      plansCompleted: 5,
      // Pairs 1 and 2 are stuck: two pairs, hidden.
      stuckPairs: null,
      alertingPairs: 5,
      satisfaction: { mean: 63 / 8, respondents: 8 },
      growth: { mean: 15 / 8, respondents: 8 },
    } satisfies Indicators);
  });

  it("hides an organisation's figures about fewer than five pairs or people", () => {
    const b = organisation(ids.B);
    expect(b.figures.pairs).toBeNull();
    expect(b.figures.pairsByForm.student_student).toBeNull();
    expect(b.figures.pairsByVariant.peer_to_peer).toBeNull();
    // Two peer mentors of 17 (one leads two pairs) and three mentees of 12; the mentee of 20 is not counted.
    expect(b.figures.participants10to19).toBe(5);
    expect(b.figures.stuckPairs).toBe(0);
    expect(b.figures.students10to19).toBe(300);

    const c = organisation(ids.C);
    expect(c.cycle).toEqual({ name: "Наставничество 2026", stage: "working", archived: false });
    expect(c.figures.pairs).toBe(5);
    // Four mentees of 10; the one of 9 is not counted, and four is a small cell.
    expect(c.figures.participants10to19).toBeNull();
    expect(c.figures.stuckPairs).toBe(5);
    expect(c.figures.satisfaction).toEqual({ mean: null, respondents: null });
    expect(c.figures.students10to19).toBeNull();

    const d = organisation(ids.D);
    expect(d.cycle).toBeNull();
    expect(d.figures).toMatchObject({ withOpenCycle: 0, pairs: 0, participants10to19: 0, meetingsHeld: 0, students10to19: null });
  });

  it("sums the raw figures of the organisations into municipalities and the total, then hides small cells", () => {
    const [first, second] = region.municipalities;
    expect(first!.figures).toMatchObject({
      organisations: 2,
      withOpenCycle: 2,
      pairs: 9,
      participants10to19: 11,
      students10to19: 800,
      meetingsHeld: 12,
      plansCompleted: 5,
      stuckPairs: null,
      alertingPairs: 5,
      pairsByForm: { ...zeroes().pairsByForm, teacher_student: 6, student_student: null },
      pairsByDirection: { ...zeroes().pairsByDirection, studies: 6, career: null },
    });
    expect(second!.figures).toMatchObject({ organisations: 1, pairs: 5, participants10to19: null, stuckPairs: 5, students10to19: null });

    expect(region.total).toEqual({
      organisations: 4,
      withOpenCycle: 3,
      // 6 + 5 + 4: C's four hidden on its own, counted in the sum.
      participants10to19: 15,
      students10to19: 800,
      pairs: 14,
      pairsByForm: { teacher_student: 6, student_student: null, university_student_student: 0, adult_student: 5 },
      pairsByDirection: { ...zeroes().pairsByDirection, studies: 6, career: null, projects: 5 },
      pairsByVariant: { ...zeroes().pairsByVariant, peer_to_peer: null },
      meetingsHeld: 12,
      plansCompleted: 5,
      // A's two hidden stuck pairs and C's five.
      stuckPairs: 7,
      alertingPairs: 5,
      // Weighted by respondents: A's 8 (63 in all) and C's 3 (4 each).
      satisfaction: { mean: 75 / 11, respondents: 11 },
      growth: { mean: 15 / 8, respondents: 8 },
    } satisfies Indicators);
  });

  it("gives the month series of the territory's total", async () => {
    const months = await inTerritory(handle.db, ids.region, (repos) => repos.region.months(PERIOD.from, PERIOD.to));
    expect(months).toEqual([
      { month: "2026-09-01", pairs: 11, meetingsHeld: 0, participants10to19: 10 },
      { month: "2026-10-01", pairs: 11, meetingsHeld: 6, participants10to19: 10 },
      { month: "2026-11-01", pairs: 14, meetingsHeld: 6, participants10to19: 15 },
    ]);
  });

  it("shows a municipality its own organisations only, and another region nothing of this one", async () => {
    const second = await inTerritory(handle.db, ids.municipality2, (repos) => repos.region.indicators(PERIOD));
    expect(second?.organisations.map((one) => one.orgId)).toEqual([ids.C]);
    expect(second?.municipalities).toEqual([]);
    expect(second?.total.pairs).toBe(5);

    const other = await inTerritory(handle.db, ids.otherRegion, (repos) => repos.region.indicators(PERIOD));
    expect(other?.organisations.map((one) => one.orgId)).toEqual([ids.E]);
    expect(other?.total.pairs).toBe(7);
    expect(other?.total.students10to19).toBe(900);

    expect(await inTerritory(handle.db, 999_999, (repos) => repos.region.indicators(PERIOD))).toBeUndefined();
    expect(await inTerritory(handle.db, 999_999, (repos) => repos.region.months(PERIOD.from, PERIOD.to))).toEqual([]);
  });

  it.each([
    "people",
    "participants",
    "accounts",
    "pairs",
    "pair_mentees",
    "meetings",
    "surveys",
    "survey_answers",
    "pair_messages",
    "check_ins",
    "check_in_answers",
    "pair_alerts",
    "plans",
    "consents",
    "organisations",
    "organisation_enrolments",
    "territories",
    "territory_coordinators",
    "region_pair_spans",
    "region_people_spans",
    "region_org_days",
    "region_stuck_days",
    "region_rollup_state",
  ])("refuses the territory's scope any row of %s", async (table) => {
    await expect(
      inTerritory(handle.db, ids.region, (_repos, trx) => sql`SELECT * FROM ${sql.table(table)} LIMIT 1`.execute(trx)),
    ).rejects.toThrow(/permission denied/);
  });

  it("rebuilds the rollups once an hour, whichever replica asks", async () => {
    const region = createRepositories(handle.db).region;
    expect(await region.refresh(new Date(REFRESHED_AT.getTime() + 10 * 60_000))).toBe(0);
    // Another replica rebuilding right now holds the state row: this one skips instead of waiting.
    await handle.db.transaction().execute(async (trx) => {
      await sql`SELECT 1 FROM region_rollup_state FOR UPDATE`.execute(trx);
      if (kind === "postgres") expect(await region.refresh(new Date(REFRESHED_AT.getTime() + 2 * 3_600_000))).toBe(0);
    });
  });

  it("refuses the territory's scope the rebuild", async () => {
    await expect(
      inTerritory(handle.db, ids.region, (_repos, trx) => sql`SELECT region_refresh(now(), '{}', '{}', '{}', '{}')`.execute(trx)),
    ).rejects.toThrow(/permission denied/);
  });

  it("refuses a school's scope the territory's figures", async () => {
    // As inOrganisation runs a school coordinator's queries.
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await sql`SELECT set_config('role', 'nastavnik_scoped', true), set_config('nastavnik.org_id', ${String(ids.A)}, true)`.execute(trx);
        return sql`SELECT * FROM region_figures('2026-09-01', '2026-11-30', 2026)`.execute(trx);
      }),
    ).rejects.toThrow(/permission denied/);
    for (const rollup of ["region_pair_spans", "region_people_spans", "region_org_days", "region_stuck_days"]) {
      await expect(
        handle.db.transaction().execute(async (trx) => {
          await sql`SELECT set_config('role', 'nastavnik_scoped', true), set_config('nastavnik.org_id', ${String(ids.A)}, true)`.execute(
            trx,
          );
          return sql`SELECT * FROM ${sql.table(rollup)} LIMIT 1`.execute(trx);
        }),
      ).rejects.toThrow(/permission denied/);
    }
  });

  it("reads the figures for another territory only by naming it in the scope", async () => {
    // The functions take no territory: asking within the region's scope for the other region's
    // organisation by its id finds nothing to ask with.
    const rows = await inTerritory(handle.db, ids.region, (_repos, trx) =>
      sql<{
        id: number;
      }>`SELECT id FROM region_figures('2026-09-01', '2026-11-30', 2026) WHERE id = ${ids.E}`.execute(trx),
    );
    expect(rows.rows).toEqual([]);
  });
});
