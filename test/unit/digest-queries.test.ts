/**
 * The weekly digest against a real database: its reads give the figures, its claim sends once, and
 * its number of SQL statements does not grow with the number of organisations or pairs.
 */
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#root/db/connection.ts";
import { createRepositories, type Repositories } from "#root/db/repositories/index.ts";
import { inTerritory } from "#root/db/scope.ts";
import { Translator } from "#root/i18n/translator.ts";
import { weeklyDigestJob } from "#root/jobs/weekly-digest.ts";
import { openTestDatabase } from "../support/database.ts";

let handle: DatabaseHandle;
let repos: Repositories;
const logger = pino({ level: "silent" });
let translator: Translator;
const context = () => ({
  repos,
  logger,
  translator,
  kickDelivery: () => undefined,
  forgetChat: async () => undefined,
  inTerritory: <T>(territoryId: number, work: (repos: Repositories) => Promise<T>) => inTerritory(handle.db, territoryId, work),
});

beforeAll(async () => {
  handle = await openTestDatabase();
  repos = createRepositories(handle.db);
  translator = await Translator.load();
}, 60_000);
afterAll(async () => {
  await handle.close();
});

const DAY = 86_400_000;
/** Monday 09:00 in Moscow of the weeks the tests run in. */
const MONDAY = new Date("2026-03-02T06:00:00Z");
const mondayAfter = (weeks: number) => new Date(MONDAY.getTime() + weeks * 7 * DAY);

/**
 * An organisation in Moscow with a cycle at work, two coordinators, `pairs` pairs and, in the week
 * before `monday`, per pair a held and a missed meeting, a milestone done and a stuck answer; plus a
 * mentee waiting for a parent's consent.
 */
async function seedOrganisation(name: string, pairs: number, monday: Date): Promise<{ orgId: number; coordinators: number[] }> {
  const db = handle.db;
  const lastWeek = (days: number) => new Date(monday.getTime() - 7 * DAY + days * DAY);
  const org = await db.insertInto("organisations").values({ name, timezone: "Europe/Moscow" }).returning("id").executeTakeFirstOrThrow();
  const people = await db
    .insertInto("people")
    .values(
      Array.from({ length: 3 + 2 * pairs }, (_, index) => ({ full_name: `${name} person ${index}`, birth_year: index < 2 ? 1980 : 2011 })),
    )
    .returning("id")
    .execute();
  const ids = people.map((row) => row.id);
  const participants = await db
    .insertInto("participants")
    .values([
      { org_id: org.id, person_id: ids[0]!, role: "coordinator", status: "active" },
      { org_id: org.id, person_id: ids[1]!, role: "coordinator", status: "active" },
      { org_id: org.id, person_id: ids[2]!, role: "mentee", status: "awaiting_consent", created_at: new Date("2026-01-20T10:00:00Z") },
      ...Array.from({ length: pairs }, (_, index) => ({
        org_id: org.id,
        person_id: ids[3 + 2 * index]!,
        role: "mentor",
        status: "active",
      })),
      ...Array.from({ length: pairs }, (_, index) => ({
        org_id: org.id,
        person_id: ids[4 + 2 * index]!,
        role: "mentee",
        status: "active",
      })),
    ])
    .returning("id")
    .execute();
  const mentorIds = participants.slice(3, 3 + pairs).map((row) => row.id);
  const menteeIds = participants.slice(3 + pairs).map((row) => row.id);
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
  const pairRows = await db
    .insertInto("pairs")
    .values(
      mentorIds.map((mentorId) => ({
        org_id: org.id,
        cycle_id: cycle.id,
        mentor_participant_id: mentorId,
        form: "teacher_student",
        status: "published",
        published_at: new Date("2026-01-12T09:00:00Z"),
      })),
    )
    .returning("id")
    .execute();
  await db
    .insertInto("pair_mentees")
    .values(
      pairRows.map((pair, index) => ({ pair_id: pair.id, mentee_participant_id: menteeIds[index]!, org_id: org.id, cycle_id: cycle.id })),
    )
    .execute();
  await db
    .insertInto("meetings")
    .values(
      pairRows.flatMap((pair) => [
        { pair_id: pair.id, org_id: org.id, starts_at: lastWeek(1), minutes: 60, place: "Кабинет 12", state: "held" },
        { pair_id: pair.id, org_id: org.id, starts_at: lastWeek(3), minutes: 60, place: "Кабинет 12", state: "missed" },
      ]),
    )
    .execute();
  const plans = await db
    .insertInto("plans")
    .values(pairRows.map((pair) => ({ pair_id: pair.id, org_id: org.id, goal: "Проект", status: "agreed" })))
    .returning(["id", "pair_id"])
    .execute();
  const milestones = await db
    .insertInto("plan_milestones")
    .values(
      plans.flatMap((plan) => [
        { plan_id: plan.id, org_id: org.id, position: 1, title: "Тема", due_on: "2026-02-20", done_at: lastWeek(2) },
        { plan_id: plan.id, org_id: org.id, position: 2, title: "Черновик", due_on: "2026-04-01" },
      ]),
    )
    .returning(["id", "plan_id"])
    .execute();
  const checkIns = await db
    .insertInto("check_ins")
    .values(
      pairRows.map((pair, index) => ({
        pair_id: pair.id,
        org_id: org.id,
        person_id: ids[4 + 2 * index]!,
        respondent: "mentee",
        round: 1,
        asked_at: lastWeek(4),
        answered_at: lastWeek(4),
      })),
    )
    .returning(["id", "pair_id"])
    .execute();
  await db
    .insertInto("check_in_answers")
    .values(
      checkIns.map((checkIn) => {
        const plan = plans.find((row) => row.pair_id === checkIn.pair_id)!;
        const draft = milestones.filter((row) => row.plan_id === plan.id)[1]!;
        return {
          check_in_id: checkIn.id,
          milestone_id: draft.id,
          org_id: org.id,
          answer: "stuck",
          reason: "Не знаю, с чего начать",
          answered_at: lastWeek(4),
        };
      }),
    )
    .execute();
  return { orgId: org.id, coordinators: ids.slice(0, 2) };
}

async function digestsSent(orgId: number) {
  const rows = await handle.db
    .selectFrom("outbox")
    .select(["dedup_key", "person_id", "message"])
    .where("dedup_key", "like", `digest:${orgId}:%`)
    .orderBy("dedup_key")
    .execute();
  return rows.map((row) => ({
    key: row.dedup_key,
    personId: row.person_id,
    message: row.message as {
      text: Array<{ key: string; args?: Record<string, unknown> }>;
      image?: { filename: string; base64: string };
      document?: unknown;
    },
  }));
}

/** Runs the digest job at `at` and counts the statements it sent to the database. */
async function countedRun(at: Date): Promise<{ planned: number; statements: number }> {
  const before = handle.queryCount();
  const planned = await weeklyDigestJob.run(context(), at);
  return { planned, statements: handle.queryCount() - before };
}

describe("the weekly digest job on the database", () => {
  it("sends each coordinator the week's figures once, in a number of statements that does not grow with organisations or pairs", async () => {
    const small = await seedOrganisation("Школа 1", 1, MONDAY);
    // The second coordinator reads English: the chart's words are drawn for each reader.
    await handle.db.updateTable("people").set({ locale: "en" }).where("id", "=", small.coordinators[1]!).execute();
    const first = await countedRun(MONDAY);
    expect(first.planned).toBe(2);
    const sent = await digestsSent(small.orgId);
    expect(sent.map((row) => row.personId)).toEqual(small.coordinators);
    expect(sent[0]!.key).toBe(`digest:${small.orgId}:2026-03-02:${small.coordinators[0]}`);
    const figures = sent[0]!.message.text.find((part) => part.key === "digest-figures")!.args!;
    expect(figures).toMatchObject({
      pairsActive: 1,
      meetingsHeld: 1,
      meetingsHeldChange: "▲ 1",
      meetingsMissed: 1,
      milestonesDone: 1,
      milestonesOverdue: 0,
      stuckCheckIns: 1,
      consentsPending: 1,
      consentsPendingChange: "=",
    });
    // The chart travels as a picture (shown as a photo), not as a file.
    expect(sent[0]!.message.document).toBeUndefined();
    const charts = sent.map((row) => Buffer.from(row.message.image!.base64, "base64"));
    for (const chart of charts) expect(chart.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect(sent[0]!.message.image!.filename).toBe("digest-2026-03-01.png");
    expect(charts[0]!.equals(charts[1]!)).toBe(false);

    // Run again, and on Tuesday: the week is taken.
    expect((await countedRun(MONDAY)).planned).toBe(0);
    expect((await countedRun(new Date(MONDAY.getTime() + DAY))).planned).toBe(0);

    // A week later: six organisations, one with forty pairs, due together.
    const next = mondayAfter(1);
    const many = [await seedOrganisation("Школа 2", 40, next)];
    for (let index = 3; index <= 7; index += 1) many.push(await seedOrganisation(`Школа ${index}`, 5, next));
    const second = await countedRun(next);
    expect(second.planned).toBe(2 * 7);
    expect(second.statements).toBe(first.statements);
    const big = (await digestsSent(many[0]!.orgId))[0]!.message.text.find((part) => part.key === "digest-figures")!.args!;
    expect(big).toMatchObject({ pairsActive: 40, meetingsHeld: 40, meetingsMissed: 40, milestonesDone: 40, stuckCheckIns: 40 });
    // The first school's second digest: its week had nothing new, the stuck answer still stands.
    const again = await digestsSent(small.orgId);
    expect(again).toHaveLength(4);
    const quiet = again.find((row) => row.key.includes(":2026-03-09:"))!.message.text.find((part) => part.key === "digest-figures")!.args!;
    expect(quiet).toMatchObject({ meetingsHeld: 0, meetingsHeldChange: "▼ 1", stuckCheckIns: 0, stuckCheckInsChange: "▼ 1" });
  });

  it("stores the figures it sent with the week", async () => {
    const rows = await handle.db.selectFrom("digests").select(["week_of", "figures"]).orderBy("week_of").execute();
    expect(rows.length).toBe(8);
    expect(rows[0]).toMatchObject({ week_of: "2026-03-02", figures: { meetingsHeld: { value: 1, change: 1 } } });
  });
});
