/**
 * The digest's reads of check-in answers: only stuck answers change a figure or raise an alert, and
 * the facts read must keep every case of "still stuck" apart from "answered since".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#root/db/connection.ts";
import { DigestsRepository } from "#root/db/repositories/digests.ts";
import { completedWeek, factsFrom, organisationDigest } from "#root/domain/digest.ts";
import { openTestDatabase } from "../support/database.ts";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
}, 60_000);
afterAll(async () => {
  await handle.close();
});

/** Monday 2 March 2026, 09:00 in Moscow: the digest of 23 February – 1 March is due. */
const MONDAY = new Date("2026-03-02T06:00:00Z");
const at = (iso: string) => new Date(iso);

type Answer = "done" | "on_track" | "stuck";

/** One organisation, one working pair, its plan with the titled milestones, and the check-ins given (round, side, time, answers by title). */
async function seed(
  milestones: Array<{ title: string; doneAt?: Date }>,
  checkIns: Array<{ round: number; side: "mentor" | "mentee"; at: Date; answers: Record<string, Answer> }>,
) {
  const db = handle.db;
  const org = await db
    .insertInto("organisations")
    .values({ name: "Школа", timezone: "Europe/Moscow" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const [mentorPerson, menteePerson] = await db
    .insertInto("people")
    .values([
      { full_name: "Анна Наставник", birth_year: 1985 },
      { full_name: "Илья Ученик", birth_year: 2010 },
    ])
    .returning("id")
    .execute();
  const [mentor, mentee] = await db
    .insertInto("participants")
    .values([
      { org_id: org.id, person_id: mentorPerson!.id, role: "mentor", status: "active" },
      { org_id: org.id, person_id: menteePerson!.id, role: "mentee", status: "active" },
    ])
    .returning("id")
    .execute();
  const cycle = await db
    .insertInto("cycles")
    .values({
      org_id: org.id,
      name: "2025/26",
      starts_on: "2026-01-12",
      ends_on: "2026-06-30",
      forms: ["teacher_student"],
      directions: ["projects"],
      stage: "working",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const pair = await db
    .insertInto("pairs")
    .values({
      org_id: org.id,
      cycle_id: cycle.id,
      mentor_participant_id: mentor!.id,
      form: "teacher_student",
      status: "published",
      published_at: at("2026-01-12T09:00:00Z"),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("pair_mentees")
    .values({ pair_id: pair.id, mentee_participant_id: mentee!.id, org_id: org.id, cycle_id: cycle.id })
    .execute();
  const plan = await db
    .insertInto("plans")
    .values({ pair_id: pair.id, org_id: org.id, goal: "Проект", status: "agreed" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const rows = await db
    .insertInto("plan_milestones")
    .values(
      milestones.map((milestone, index) => ({
        plan_id: plan.id,
        org_id: org.id,
        position: index + 1,
        title: milestone.title,
        due_on: "2026-05-01",
        done_at: milestone.doneAt ?? null,
      })),
    )
    .returning(["id", "title"])
    .execute();
  const idOf = new Map(rows.map((row) => [row.title, row.id]));
  for (const checkIn of checkIns) {
    const person = checkIn.side === "mentor" ? mentorPerson!.id : menteePerson!.id;
    const row = await db
      .insertInto("check_ins")
      .values({
        pair_id: pair.id,
        org_id: org.id,
        person_id: person,
        respondent: checkIn.side,
        round: checkIn.round,
        asked_at: checkIn.at,
        answered_at: checkIn.at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("check_in_answers")
      .values(
        Object.entries(checkIn.answers).map(([title, answer]) => ({
          check_in_id: row.id,
          milestone_id: idOf.get(title)!,
          org_id: org.id,
          answer,
          answered_at: checkIn.at,
        })),
      )
      .execute();
  }
  return org.id;
}

/** The digest due on MONDAY, computed from what the repository reads. */
async function digestOf(orgId: number) {
  const repo = new DigestsRepository(handle.db);
  const [org] = await repo.workingOrganisations(orgId);
  const period = completedWeek("2026-03-02", org!.timeZone);
  const facts = await repo.facts([{ orgId, cycleId: org!.cycleId }], { from: factsFrom(period), now: MONDAY });
  return organisationDigest(facts.get(orgId)!, period, org!.timeZone, org!.cycleStartsOn, MONDAY);
}

describe("the digest's check-in answers", () => {
  it("counts the week's stuck answers, and alerts for those no later answer of the same side replaced", async () => {
    const orgId = await seed(
      [
        { title: "Давно застрял" },
        { title: "Разобрались" },
        { title: "Сдан за неделю" },
        { title: "Застрял у наставника" },
        { title: "Всё идёт" },
        { title: "Сделан после", doneAt: at("2026-02-20T10:00:00Z") },
      ],
      [
        // Six weeks ago, long before what a digest looks at.
        {
          round: 1,
          side: "mentor",
          at: at("2026-01-19T10:00:00Z"),
          answers: { "Давно застрял": "stuck", Разобрались: "stuck", "Сделан после": "stuck" },
        },
        { round: 1, side: "mentee", at: at("2026-01-19T11:00:00Z"), answers: { "Всё идёт": "on_track" } },
        // The digest's week.
        { round: 2, side: "mentor", at: at("2026-02-25T10:00:00Z"), answers: { Разобрались: "on_track", "Застрял у наставника": "stuck" } },
        { round: 2, side: "mentee", at: at("2026-02-25T11:00:00Z"), answers: { "Сдан за неделю": "stuck" } },
        {
          round: 3,
          side: "mentee",
          at: at("2026-02-27T11:00:00Z"),
          answers: { "Сдан за неделю": "done", "Застрял у наставника": "on_track" },
        },
      ],
    );
    const digest = await digestOf(orgId);
    expect(digest.figures.stuckCheckIns).toEqual({ value: 2, change: 2 });
    expect(digest.attention).toHaveLength(1);
    expect(digest.attention[0]!.reasons.filter((reason) => reason.kind === "stuck-check-in")).toEqual([
      { kind: "stuck-check-in", milestone: "Давно застрял" },
      { kind: "stuck-check-in", milestone: "Застрял у наставника" },
    ]);
  });

  it("reads nothing of another organisation, and nothing when no answer was ever stuck", async () => {
    const calm = await seed(
      [{ title: "Тема" }],
      [{ round: 1, side: "mentor", at: at("2026-02-25T10:00:00Z"), answers: { Тема: "on_track" } }],
    );
    const digest = await digestOf(calm);
    expect(digest.figures.stuckCheckIns).toEqual({ value: 0, change: 0 });
    // The pair is on the list for having met nobody, not for a stuck milestone of the other school.
    expect(digest.attention.flatMap((entry) => entry.reasons).map((reason) => reason.kind)).toEqual(["no-meeting"]);
  });
});
