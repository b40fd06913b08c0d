/**
 * Check-ins end to end, on both messengers: the job asks the mentor and the mentee once per round
 * (re-runs and later runs in the round ask nothing more; after downtime only the round under way);
 * answers done / on track / stuck with a word why; the coordinator is alerted about "stuck" at once;
 * bad input (free text, a 5,000-character reason, answering twice, stale and forged buttons); the
 * attention job's alerts about two missed meetings in a row and 14 quiet days, once across runs; a
 * person with reminders off is not asked.
 */

import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { formatCalendarDate } from "#root/domain/cycle.ts";
import { addDays, wallClock, zonedInstant } from "#root/domain/typed-dates.ts";
import { pairForCoordinator } from "#root/flows/check-ins/alerts.ts";
import { msg } from "#root/i18n/translator.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import type { ChatMessage, ChatUser } from "../support/chat-user.ts";
import { idSequence, labels, payloadOfButton, ru, ruChild } from "../support/journeys.ts";
import { startWorkingPair, type WorkingPairFixture } from "../support/pairs.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();

const DAY = 86_400_000;
const MINUTE = 60_000;
const HUGE = "Очень длинная причина. ".repeat(250).slice(0, 5_000);

interface PairWithPlan extends WorkingPairFixture {
  publishedAt: Date;
  /** Milestone ids in the order given. */
  milestones: number[];
}

/**
 * Moves the shared clock (which the tests move ahead) on to the next midday in Moscow when it is past
 * the afternoon there: children's messages must not meet the quiet hours. Only ever forward, and only
 * as far as needed (registration's ages are counted from today's year).
 */
function daytime(): void {
  const now = stack.clock.now();
  const { date, hour } = wallClock(now, "Europe/Moscow");
  if (hour >= 10 && hour < 16) return;
  const midday = zonedInstant(date, { hour: 12, minute: 0 }, "Europe/Moscow");
  stack.clock.set(midday.getTime() > now.getTime() ? midday : zonedInstant(addDays(date, 1), { hour: 12, minute: 0 }, "Europe/Moscow"));
}

/**
 * A working pair published `age` ago (moved back in the database, so that tests reach its rounds
 * without moving the shared clock weeks ahead), asked every `everyDays` days, and, when milestones
 * are given, an agreed plan with them (due `days` after the publishing date).
 */
async function pairWithPlan(
  platform: Platform,
  firstId: number,
  milestones: Array<{ title: string; days: number }>,
  options: { age: number; everyDays?: number },
): Promise<PairWithPlan> {
  daytime();
  const fixture = await startWorkingPair(stack, platform, firstId);
  const { db } = stack.database;
  const publishedAt = new Date(stack.clock.now().getTime() - options.age);
  await db.updateTable("pairs").set({ published_at: publishedAt }).where("id", "=", fixture.pairId).execute();
  if (options.everyDays)
    await db.updateTable("cycles").set({ check_in_every_days: options.everyDays }).where("id", "=", fixture.cycleId).execute();
  const ids: number[] = [];
  if (milestones.length > 0) {
    const plan = await db
      .insertInto("plans")
      .values({ pair_id: fixture.pairId, org_id: fixture.orgId, goal: "Сделать проект по робототехнике", status: "agreed" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const published = publishedAt.toISOString().slice(0, 10);
    for (const [index, milestone] of milestones.entries()) {
      const row = await db
        .insertInto("plan_milestones")
        .values({
          plan_id: plan.id,
          org_id: fixture.orgId,
          position: index + 1,
          title: milestone.title,
          due_on: addDays(published, milestone.days),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
  }
  return { ...fixture, publishedAt, milestones: ids };
}

/**
 * Runs the jobs at `at`, with what was planned before and by them marked sent. stack.settle() does
 * not wait for a delivery round kicked in the background: a message that round holds could otherwise
 * see its claim lapse when the test moves the clock ahead, and be claimed and sent once more.
 */
async function runJobs(at: Date): Promise<void> {
  await allSent();
  await stack.runJobs(at);
  await allSent();
}

async function allSent(): Promise<void> {
  await stack.settle();
  const deadline = Date.now() + 10_000;
  for (;;) {
    const row = await sql<{ pending: number }>`
      SELECT count(*)::int AS pending FROM outbox
      WHERE sent_at IS NULL AND failed_at IS NULL AND (dedup_key LIKE 'check-in:%' OR dedup_key LIKE 'pair-alert:%')`.execute(
      stack.database.db,
    );
    if (row.rows[0]!.pending === 0) return;
    if (Date.now() > deadline) {
      const rows =
        await sql`SELECT dedup_key, due_at, attempts, person_id, last_error FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL`.execute(
          stack.database.db,
        );
      throw new Error(`check-in messages are still waiting to be sent at ${stack.clock.now().toISOString()}: ${JSON.stringify(rows.rows)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// Read by the pair's teacher mentor (35): «вы»; by its mentee (15): «ты».
const askMentor = (pair: PairWithPlan) => ru("check-ins-ask-mentor", { mentees: pair.menteeName });
const askMentee = (pair: PairWithPlan) => ruChild("check-ins-ask-mentee", { mentor: pair.mentorName });
const count = (user: ChatUser, text: string) => user.messages().filter((message) => message.text === text).length;
const dueOf = (pair: PairWithPlan, days: number) => formatCalendarDate(addDays(pair.publishedAt.toISOString().slice(0, 10), days), "ru");

/** The question about one milestone, as the flow renders it in Russian for its reader (the adult mentor; the mentee of 15). */
function question(role: "mentor" | "mentee", number: number, total: number, title: string, date: string, overdue: boolean): string {
  const due = msg(overdue ? "check-ins-due-passed" : "check-ins-due", { date });
  const r = role === "mentor" ? ru : ruChild;
  return r(role === "mentor" ? "check-ins-question-mentor" : "check-ins-question-mentee", { number, count: total, title, due });
}

async function checkInsOf(pairId: number) {
  return stack.database.db
    .selectFrom("check_ins")
    .selectAll()
    .where("pair_id", "=", pairId)
    .orderBy("round")
    .orderBy("respondent")
    .execute();
}

async function answersOf(pairId: number) {
  return stack.database.db
    .selectFrom("check_in_answers")
    .innerJoin("check_ins", "check_ins.id", "check_in_answers.check_in_id")
    .select(["check_ins.respondent", "check_in_answers.milestone_id", "check_in_answers.answer", "check_in_answers.reason"])
    .where("check_ins.pair_id", "=", pairId)
    .orderBy("check_ins.respondent")
    .orderBy("check_in_answers.milestone_id")
    .execute();
}

async function alertsOf(pairId: number) {
  return stack.database.db
    .selectFrom("pair_alerts")
    .select(["id", "reason", "alert_key"])
    .where("pair_id", "=", pairId)
    .orderBy("id")
    .execute();
}

const pairLine = async (pair: PairWithPlan) => {
  const [working] = await stack.app.repos.pairs.working({ pairId: pair.pairId });
  return pairForCoordinator(working!);
};

describe.each(["telegram", "vk", "max"] as const)("check-ins on %s", (platform) => {
  const nextBlock = (() => {
    const next = idSequence({ telegram: 850_000, vk: 860_000, max: 865_000 }[platform]);
    return () => {
      const first = next();
      for (let skip = 1; skip < 10; skip += 1) next();
      return first;
    };
  })();

  it("asks both sides once a round; the mentee answers done and stuck, the coordinator hears at once; the mentor's done closes the step; answering twice is refused", async () => {
    const pair = await pairWithPlan(
      platform,
      nextBlock(),
      [
        { title: "Выбрать тему проекта", days: 3 },
        { title: "Собрать робота", days: 10 },
        { title: "Показать проект классу", days: 40 },
      ],
      { age: 6 * DAY },
    );
    const roundOne = new Date(pair.publishedAt.getTime() + 7 * DAY + MINUTE);
    const { mentor, mentee, coordinator } = pair;

    // Before the round: nothing.
    await runJobs(new Date(roundOne.getTime() - 2 * MINUTE));
    expect(await checkInsOf(pair.pairId)).toEqual([]);

    await runJobs(roundOne);
    const asked = await mentee.waitFor(askMentee(pair));
    expect(labels(asked)).toEqual([ruChild("check-ins-button-answer")]);
    expect(labels(await mentor.waitFor(askMentor(pair)))).toEqual([ru("check-ins-button-answer")]);
    // Again at once, and later in the same round: nothing more.
    await runJobs(roundOne);
    await runJobs(new Date(roundOne.getTime() + 30 * MINUTE));
    expect(count(mentee, askMentee(pair))).toBe(1);
    expect(count(mentor, askMentor(pair))).toBe(1);
    expect((await checkInsOf(pair.pairId)).map((row) => [row.respondent, row.round, row.answered_at])).toEqual([
      ["mentee", 1, null],
      ["mentor", 1, null],
    ]);

    // The mentee: the overdue step and the next one (the third is far off).
    await mentee.press(ruChild("check-ins-button-answer"));
    await mentee.waitFor(ruChild("check-ins-intro-mentee", { count: 2 }));
    const first = question("mentee", 1, 2, "Выбрать тему проекта", dueOf(pair, 3), true);
    const shown = await mentee.waitFor(first);
    expect(labels(shown).slice(0, 3)).toEqual([
      ruChild("check-ins-button-done"),
      ruChild("check-ins-button-on-track"),
      ruChild("check-ins-button-stuck"),
    ]);
    // Words where a button is expected: asked again, nothing lost.
    await mentee.send("всё хорошо");
    await mentee.waitFor(`${ruChild("error-use-buttons")}\n\n${first}`);
    await mentee.press(ruChild("check-ins-button-done"));
    await mentee.waitFor(question("mentee", 2, 2, "Собрать робота", dueOf(pair, 10), false));
    await mentee.press(ruChild("check-ins-button-stuck"));
    const why = ruChild("check-ins-why-mentee", { max: 300 });
    await mentee.waitFor(why);
    await mentee.send(HUGE);
    await mentee.waitFor(`${ruChild("check-ins-reason-too-long", { max: 300 })}\n\n${why}`);
    await mentee.send("Не знаю, где взять детали");
    await mentee.waitFor(ruChild("check-ins-thanks-stuck-mentee"));

    const alert = ru("check-ins-alert-stuck", {
      pair: await pairLine(pair),
      who: msg("check-ins-who-mentee", { name: pair.menteeName }),
      title: "Собрать робота",
      reason: "Не знаю, где взять детали",
    });
    await stack.settle();
    await coordinator.user.waitFor(alert);
    const [stuckAlert] = await alertsOf(pair.pairId);
    expect(stuckAlert).toMatchObject({ reason: "stuck-check-in" });
    const coordinatorRow = await stack.database.db
      .selectFrom("participants")
      .select("person_id")
      .where("org_id", "=", pair.orgId)
      .where("role", "=", "coordinator")
      .executeTakeFirstOrThrow();
    const alertRows = await stack.database.db
      .selectFrom("outbox")
      .select(["dedup_key", "urgent", "person_id"])
      .where("dedup_key", "like", `pair-alert:${stuckAlert!.id}:%`)
      .execute();
    expect(alertRows).toEqual([
      {
        dedup_key: `pair-alert:${stuckAlert!.id}:coordinator:${coordinatorRow.person_id}`,
        urgent: false,
        person_id: coordinatorRow.person_id,
      },
    ]);
    // The mentee's "done" is their answer only: the step stays open until the mentor says so.
    const open = await stack.database.db
      .selectFrom("plan_milestones")
      .select(["id", "done_at"])
      .where("id", "in", pair.milestones)
      .orderBy("id")
      .execute();
    expect(open.map((row) => row.done_at)).toEqual([null, null, null]);

    // The mentor: done closes the step in the plan.
    await mentor.press(ru("check-ins-button-answer"));
    await mentor.waitFor(ru("check-ins-intro-mentor", { count: 2 }));
    await mentor.waitFor(question("mentor", 1, 2, "Выбрать тему проекта", dueOf(pair, 3), true));
    await mentor.press(ru("check-ins-button-done"));
    await mentor.waitFor(question("mentor", 2, 2, "Собрать робота", dueOf(pair, 10), false));
    await mentor.press(ru("check-ins-button-on-track"));
    await mentor.waitFor(ru("check-ins-marked-done", { count: 1 }));
    await mentor.waitFor(ru("check-ins-thanks-mentor"));

    const [theme, robot] = pair.milestones;
    expect(await answersOf(pair.pairId)).toEqual([
      { respondent: "mentee", milestone_id: theme, answer: "done", reason: null },
      { respondent: "mentee", milestone_id: robot, answer: "stuck", reason: "Не знаю, где взять детали" },
      { respondent: "mentor", milestone_id: theme, answer: "done", reason: null },
      { respondent: "mentor", milestone_id: robot, answer: "on_track", reason: null },
    ]);
    const done = await stack.database.db
      .selectFrom("plan_milestones")
      .select(["id", "done_by"])
      .where("id", "in", pair.milestones)
      .where("done_at", "is not", null)
      .execute();
    expect(done).toEqual([{ id: theme, done_by: pair.mentorPersonId }]);
    expect((await checkInsOf(pair.pairId)).every((row) => row.answered_at !== null)).toBe(true);

    // The same button again: already answered, nothing saved twice.
    await mentee.pressPayload(payloadOfButton(asked, ruChild("check-ins-button-answer")));
    await mentee.waitFor(ruChild("check-ins-already-answered"));
    expect(await answersOf(pair.pairId)).toHaveLength(4);

    // The attention job sees the same stuck answer: no second alert.
    await runJobs(new Date(roundOne.getTime() + 40 * MINUTE));
    expect(await alertsOf(pair.pairId)).toHaveLength(1);
    expect(count(coordinator.user, alert)).toBe(1);
  }, 60_000);

  it("after two missed rounds asks once, about the round under way; an older button is stale, someone else's is refused", async () => {
    // Asked every day, so that missing two rounds takes two days.
    const pair = await pairWithPlan(
      platform,
      nextBlock(),
      [
        { title: "Прочитать книгу", days: 2 },
        { title: "Написать отзыв", days: 10 },
      ],
      { age: DAY, everyDays: 1 },
    );
    const { mentor, mentee } = pair;
    await runJobs(new Date(pair.publishedAt.getTime() + DAY + MINUTE));
    const oldQuestion = await mentee.waitFor(askMentee(pair));
    await mentor.waitFor(askMentor(pair));

    // Down through rounds 2 and 3; back in round 4.
    const roundFour = new Date(pair.publishedAt.getTime() + 4 * DAY + 2 * MINUTE);
    await runJobs(roundFour);
    await runJobs(new Date(roundFour.getTime() + 15 * MINUTE));
    const newQuestion = await mentee.waitFor(askMentee(pair));
    const mentorQuestion = await mentor.waitFor(askMentor(pair));
    expect(count(mentee, askMentee(pair))).toBe(2);
    expect(count(mentor, askMentor(pair))).toBe(2);
    expect((await checkInsOf(pair.pairId)).map((row) => `${row.respondent}:${row.round}`)).toEqual([
      "mentee:1",
      "mentor:1",
      "mentee:4",
      "mentor:4",
    ]);

    // The round-1 button: stale.
    await mentee.pressPayload(payloadOfButton(oldQuestion, ruChild("check-ins-button-answer")));
    await mentee.waitFor(ruChild("check-ins-stale"));
    // The mentor's button pressed by the mentee (a forged payload), and an id that does not exist.
    await mentee.pressPayload(payloadOfButton(mentorQuestion, ru("check-ins-button-answer")));
    await mentee.waitFor(ruChild("check-ins-not-yours"));
    await mentee.pressPayload("1:a:check-in:999999999");
    await mentee.waitFor(ruChild("check-ins-not-yours"));
    await mentee.pressPayload("1:a:check-in:nope");
    await mentee.waitForToast(ruChild("toast-button-unknown"));
    expect(await answersOf(pair.pairId)).toEqual([]);

    // The round-4 question works: the overdue step, then the next one.
    await mentee.pressPayload(payloadOfButton(newQuestion, ruChild("check-ins-button-answer")));
    await mentee.waitFor(ruChild("check-ins-intro-mentee", { count: 2 }));
    await mentee.waitFor(question("mentee", 1, 2, "Прочитать книгу", dueOf(pair, 2), true));
    await mentee.press(ruChild("check-ins-button-on-track"));
    await mentee.waitFor(question("mentee", 2, 2, "Написать отзыв", dueOf(pair, 10), false));
    await mentee.press(ruChild("check-ins-button-on-track"));
    await mentee.waitFor(ruChild("check-ins-thanks-mentee"));
    expect((await answersOf(pair.pairId)).map((row) => row.answer)).toEqual(["on_track", "on_track"]);
  }, 60_000);

  it("asks the mentor of a pair without a plan to write one, and does not ask the mentee", async () => {
    const pair = await pairWithPlan(platform, nextBlock(), [], { age: 7 * DAY });
    const roundOne = new Date(pair.publishedAt.getTime() + 7 * DAY + MINUTE);
    await runJobs(roundOne);
    await runJobs(new Date(roundOne.getTime() + 15 * MINUTE));
    const nudge = ru("check-ins-plan-missing", { mentees: pair.menteeName });
    const message = await pair.mentor.waitFor(nudge);
    expect(labels(message)).toEqual([ru("check-ins-button-plan")]);
    expect(payloadOfButton(message, ru("check-ins-button-plan"))).toBe(`1:a:plan:${pair.pairId}`);
    expect(count(pair.mentor, nudge)).toBe(1);
    expect(count(pair.mentee, askMentee(pair))).toBe(0);
    expect(await checkInsOf(pair.pairId)).toEqual([]);
  }, 60_000);

  it("alerts the coordinator once about two missed meetings in a row, and once about 14 days without a meeting", async () => {
    const pair = await pairWithPlan(platform, nextBlock(), [{ title: "Подготовить доклад", days: 60 }], { age: 15 * DAY });
    const start = stack.clock.now().getTime();
    const at = (minutes: number) => new Date(start + minutes * MINUTE);
    const { db } = stack.database;
    const meeting = (startsAt: Date, state: string) => ({
      pair_id: pair.pairId,
      org_id: pair.orgId,
      starts_at: startsAt,
      minutes: 60,
      place: "Кабинет 12",
      state,
    });
    // The last meeting held ends 14 days before start + 10 minutes; then two missed; one planned ahead.
    const heldEnds = at(-14 * 24 * 60 + 10);
    await db
      .insertInto("meetings")
      .values([
        meeting(new Date(heldEnds.getTime() - 60 * MINUTE), "held"),
        meeting(at(-3 * 24 * 60), "missed"),
        meeting(at(-24 * 60), "missed"),
        meeting(at(10 * 24 * 60), "accepted"),
      ])
      .execute();
    const lastMissed = await db
      .selectFrom("meetings")
      .select("id")
      .where("pair_id", "=", pair.pairId)
      .where("state", "=", "missed")
      .orderBy("starts_at", "desc")
      .executeTakeFirstOrThrow();
    const missed = ru("check-ins-alert-missed", { pair: await pairLine(pair) });
    const quiet = ru("check-ins-alert-quiet", { pair: await pairLine(pair), days: 14 });
    const coordinator = pair.coordinator.user;

    await runJobs(at(1));
    await coordinator.waitFor(missed);
    await runJobs(at(2));
    expect(count(coordinator, missed)).toBe(1);
    expect(count(coordinator, quiet)).toBe(0);

    // 14 days after the last meeting held, the pair counts as quiet.
    await runJobs(at(15));
    await coordinator.waitFor(quiet);
    await runJobs(at(75));
    await runJobs(at(24 * 60));
    expect(count(coordinator, quiet)).toBe(1);
    expect(count(coordinator, missed)).toBe(1);
    expect((await alertsOf(pair.pairId)).map((row) => row.alert_key)).toEqual([
      `missed-in-a-row:${lastMissed.id}`,
      `no-meeting:${heldEnds.toISOString()}`,
    ]);
    // The mentor and the mentee are never told.
    for (const user of [pair.mentor, pair.mentee])
      expect(user.messages().some((message: ChatMessage) => message.text === missed || message.text === quiet)).toBe(false);
  }, 60_000);

  it("does not send a check-in to someone who turned reminders off", async () => {
    const pair = await pairWithPlan(platform, nextBlock(), [{ title: "Сходить на экскурсию", days: 12 }], { age: 7 * DAY });
    await stack.database.db.updateTable("people").set({ reminders_on: false }).where("id", "=", pair.menteePersonId).execute();
    await runJobs(new Date(pair.publishedAt.getTime() + 7 * DAY + MINUTE));
    await pair.mentor.waitFor(askMentor(pair));
    const [menteeCheckIn] = (await checkInsOf(pair.pairId)).filter((row) => row.respondent === "mentee");
    const row = await sql<{ sent_at: Date | null; last_error: string | null }>`
      SELECT sent_at, last_error FROM outbox WHERE dedup_key = ${`check-in:${menteeCheckIn!.id}`}`.execute(stack.database.db);
    expect(row.rows).toEqual([{ sent_at: null, last_error: "reminders off" }]);
    expect(count(pair.mentee, askMentee(pair))).toBe(0);
  }, 60_000);
});
