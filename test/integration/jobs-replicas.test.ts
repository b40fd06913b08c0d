/**
 * The exactly-once proof of scheduled messages: three app instances (replicas) on one database (and
 * one Redis when REDIS_URL is set) run every job at the same instant, twice, and again later in the
 * same round, while each delivers the outbox to one emulated Telegram. Every check-in question, plan
 * nudge, meeting reminder and coordinator alert reaches its person exactly once.
 */

import type { Redis } from "ioredis";
import { sql } from "kysely";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "#root/app.ts";
import { AdjustableClock } from "#root/clock.ts";
import { loadConfig } from "#root/config.ts";
import { type DatabaseHandle, openDatabase } from "#root/db/connection.ts";
import { createRepositories, type Repositories } from "#root/db/repositories/index.ts";
import type { NewOutboxMessage } from "#root/db/repositories/outbox.ts";
import type { StoredBotMessage } from "#root/devtools/emulated-documents.ts";
import { addDays, zonedInstant } from "#root/domain/typed-dates.ts";
import { msg, Translator } from "#root/i18n/translator.ts";
import { RedisSlotBook } from "#root/notify/pacer.ts";
import { openTestDatabase, serverUrlOf, testDatabaseKind } from "../support/database.ts";
import { openTestRedis, uniquePrefix } from "../support/redis.ts";
import { type RunningTelegramServer, startTelegramServer } from "../support/telegram.ts";

const DAY = 86_400_000;
const MINUTE = 60_000;
const PAIRS = 60;
/** Every 5th pair has no plan yet: its mentor is asked to write one, its mentee is not asked. */
const withoutPlan = (index: number) => index % 5 === 4;
/** Every 3rd pair is a group of two mentees. */
const isGroup = (index: number) => index % 3 === 0;
/** Every 4th pair was published 15 days ago (round 2, and quiet for 14 days); the others 7 days ago. */
const isQuiet = (index: number) => index % 4 === 1;
/** Every other pair has an agreed meeting coming, whose reminders every replica plans. */
const hasMeeting = (index: number) => index % 2 === 0;

/** The instant every replica wakes at: a Wednesday midday in Moscow (no digest is due, no quiet hours). */
const AT = zonedInstant("2026-11-18", { hour: 12, minute: 0 }, "Europe/Moscow");

interface SeededPair {
  pairId: number;
  mentor: number;
  mentees: number[];
  planned: boolean;
  quiet: boolean;
  meetingId?: number;
}

/** Three connections to one database on a real server (three replicas); PGlite has only the one handle. */
async function openReplicaHandles(main: DatabaseHandle): Promise<DatabaseHandle[]> {
  if (!process.env.DATABASE_URL) return [main, main, main];
  const url = await serverUrlOf(main);
  const others = await Promise.all([1, 2].map(() => openDatabase({ databaseUrl: url, dataDir: "memory://" })));
  return [main, ...others];
}

describe(`scheduled jobs on three replicas (${testDatabaseKind()}${process.env.REDIS_URL ? ", Redis" : ""})`, () => {
  let main: DatabaseHandle;
  let handles: DatabaseHandle[];
  let redis: Redis | undefined;
  let telegram: RunningTelegramServer;
  const apps: App[] = [];
  let repos: Repositories;
  let translator: Translator;
  let coordinator: number;
  const pairs: SeededPair[] = [];
  const chatOf = new Map<number, string>();
  const clock = new AdjustableClock(AT);

  let nextChat = 700_000_000;
  async function person(
    orgId: number,
    name: string,
    birthYear: number,
    role: "mentor" | "mentee" | "coordinator",
  ): Promise<{ personId: number; participantId: number }> {
    const { db } = main;
    const row = await db
      .insertInto("people")
      .values({ full_name: name, birth_year: birthYear, locale: "ru" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const participant = await db
      .insertInto("participants")
      .values({ org_id: orgId, person_id: row.id, role, status: "active" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const chatId = String(nextChat++);
    await db.insertInto("accounts").values({ platform: "telegram", external_id: chatId, chat_id: chatId, person_id: row.id }).execute();
    chatOf.set(row.id, chatId);
    return { personId: row.id, participantId: participant.id };
  }

  beforeAll(async () => {
    main = await openTestDatabase();
    handles = await openReplicaHandles(main);
    redis = await openTestRedis();
    telegram = await startTelegramServer();
    repos = createRepositories(main.db);
    translator = await Translator.load("ru");

    const org = await repos.organisations.create("Лицей № 2", "Europe/Moscow");
    coordinator = (await person(org.id, "Ольга Куратор", 1980, "coordinator")).personId;
    const cycle = await main.db
      .insertInto("cycles")
      .values({
        org_id: org.id,
        name: "2026/27",
        starts_on: "2026-09-01",
        ends_on: "2027-05-31",
        forms: ["teacher_student"],
        directions: ["projects"],
        stage: "working",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (let index = 0; index < PAIRS; index += 1) {
      const mentor = await person(org.id, `Наставник ${index}`, 1975, "mentor");
      const mentees = [await person(org.id, `Ученик ${index}`, 2011, "mentee")];
      if (isGroup(index)) mentees.push(await person(org.id, `Ученица ${index}`, 2012, "mentee"));
      const publishedAt = new Date(AT.getTime() - (isQuiet(index) ? 15 * DAY : 7 * DAY) - 30 * MINUTE);
      const pair = await main.db
        .insertInto("pairs")
        .values({
          org_id: org.id,
          cycle_id: cycle.id,
          mentor_participant_id: mentor.participantId,
          form: "teacher_student",
          direction: "projects",
          status: "published",
          published_at: publishedAt,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await main.db
        .insertInto("pair_mentees")
        .values(
          mentees.map((mentee) => ({
            pair_id: pair.id,
            mentee_participant_id: mentee.participantId,
            org_id: org.id,
            cycle_id: cycle.id,
            reason: "{}",
          })),
        )
        .execute();
      const seeded: SeededPair = {
        pairId: pair.id,
        mentor: mentor.personId,
        mentees: mentees.map((mentee) => mentee.personId),
        planned: !withoutPlan(index),
        quiet: isQuiet(index),
      };
      if (seeded.planned) {
        const plan = await main.db
          .insertInto("plans")
          .values({ pair_id: pair.id, org_id: org.id, goal: "Проект", status: "agreed" })
          .returning("id")
          .executeTakeFirstOrThrow();
        await main.db
          .insertInto("plan_milestones")
          .values([
            { plan_id: plan.id, org_id: org.id, position: 1, title: "Тема", due_on: addDays("2026-11-18", 5) },
            { plan_id: plan.id, org_id: org.id, position: 2, title: "Черновик", due_on: addDays("2026-11-18", 20) },
          ])
          .execute();
      }
      if (hasMeeting(index)) {
        const meeting = await main.db
          .insertInto("meetings")
          .values({
            pair_id: pair.id,
            org_id: org.id,
            proposed_by: mentor.personId,
            starts_at: new Date(AT.getTime() + 50 * MINUTE),
            minutes: 60,
            place: "Кабинет 5",
            state: "accepted",
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        seeded.meetingId = meeting.id;
      }
      pairs.push(seeded);
    }

    const config = loadConfig({
      HTTP_PORT: "0",
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      // Webhook mode: the replicas send through the emulator and none of them polls it.
      TELEGRAM_WEBHOOK_URL: "http://127.0.0.1:9/telegram/webhook",
      TELEGRAM_WEBHOOK_SECRET: "replica-webhook-secret-0123456789",
    });
    const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
    const slotPrefix = `${uniquePrefix("replicas")}`;
    // One after another: each migrates (a no-op after the first) and starts its outbox worker.
    for (const handle of handles) {
      apps.push(
        await createApp({
          config,
          logger,
          database: handle,
          redis,
          clock: clock.now,
          scheduleJobs: false,
          // The replicas book sending slots from one timeline, as in production.
          sendSlots: redis ? new RedisSlotBook(redis, `${slotPrefix}:send-slots:`) : undefined,
          deliveryLimits: {
            telegram: { perSecond: 1_000, perChatIntervalMs: 20 },
            vk: { perSecond: 1_000, perChatIntervalMs: 20 },
            max: { perSecond: 1_000, perChatIntervalMs: 20 },
          },
        }),
      );
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    for (const handle of new Set(handles ?? [])) if (handle !== main) await handle.close();
    await telegram?.stop();
    if (redis) await redis.quit();
    await main?.close();
  });

  /** What the emulated Telegram received, per chat, as text. */
  function received(): Map<string, string[]> {
    const byChat = new Map<string, string[]>();
    for (const stored of telegram.server.storage.botMessages as unknown as StoredBotMessage[]) {
      if (stored.botToken !== telegram.token) continue;
      const chat = String(stored.message.chat_id);
      byChat.set(chat, [...(byChat.get(chat) ?? []), stored.message.text ?? stored.message.caption ?? ""]);
    }
    return byChat;
  }

  /** Every replica runs every job at the same instant, then all deliver until nothing is left to send. */
  async function allReplicasRun(at: Date): Promise<void> {
    await Promise.all(apps.map((app) => app.jobs.runAll(at)));
    await delivered();
  }

  async function delivered(): Promise<void> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      await Promise.all(apps.map((app) => app.outbox.deliverDue()));
      const row = await sql<{
        pending: number;
      }>`SELECT count(*)::int AS pending FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL`.execute(main.db);
      if (row.rows[0]!.pending === 0) return;
      if (Date.now() > deadline) throw new Error(`${row.rows[0]!.pending} messages still waiting`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** The meeting reminders, planned by each replica as the meetings flow plans them when a meeting is agreed. */
  function meetingReminders(): NewOutboxMessage[] {
    return pairs.flatMap((pair) =>
      pair.meetingId === undefined
        ? []
        : [pair.mentor, ...pair.mentees].map((personId) => ({
            dedupKey: `meeting:${pair.meetingId}:0:hour-before:${personId}`,
            to: { personId },
            message: { text: [msg("plain", { text: `Встреча ${pair.meetingId} через час` })] },
            dueAt: AT,
            topic: `meeting:${pair.meetingId}`,
            expiresAt: new Date(AT.getTime() + 50 * MINUTE),
            reminder: true,
          })),
    );
  }

  const text = (key: string, args?: Parameters<typeof msg>[1]) => translator.t("ru", key, args);
  const count = (messages: string[] | undefined, what: string) => (messages ?? []).filter((message) => message === what).length;

  function expectEachOnce(options: { meetingsEnded: boolean }): void {
    const chats = received();
    const problems: string[] = [];
    const expectOnce = (personId: number, what: string, times = 1) => {
      const got = count(chats.get(chatOf.get(personId)!), what);
      if (got !== times) problems.push(`person ${personId}: ${got} × ${what.split("\n")[0]}`);
    };
    for (const [index, pair] of pairs.entries()) {
      const menteeNames = pair.mentees.map((_, n) => (n === 0 ? `Ученик ${index}` : `Ученица ${index}`)).join(", ");
      if (pair.planned) {
        expectOnce(pair.mentor, text("check-ins-ask-mentor", { mentees: menteeNames }));
        for (const mentee of pair.mentees) expectOnce(mentee, text("check-ins-ask-mentee", { mentor: `Наставник ${index}` }));
      } else {
        expectOnce(pair.mentor, text("check-ins-plan-missing", { mentees: menteeNames }));
        for (const mentee of pair.mentees) expectOnce(mentee, text("check-ins-ask-mentee", { mentor: `Наставник ${index}` }), 0);
      }
      if (pair.meetingId !== undefined)
        for (const personId of [pair.mentor, ...pair.mentees]) expectOnce(personId, `Встреча ${pair.meetingId} через час`);
      const named = msg("check-ins-pair", { mentor: `Наставник ${index}`, mentees: menteeNames, org: "Лицей № 2" });
      expectOnce(coordinator, text("check-ins-alert-quiet", { pair: named, days: 15 }), pair.quiet ? 1 : 0);
    }
    expect(problems).toEqual([]);
    // Nothing else went to the pairs' people (no message sent twice under another key): after the
    // meetings' end, one follow-up per meeting to its mentor (the meetings job, also claimed once).
    const inPairs = pairs.flatMap((pair) => [pair.mentor, ...pair.mentees]);
    const total = inPairs.reduce((sum, personId) => sum + (chats.get(chatOf.get(personId)!) ?? []).length, 0);
    const asked = pairs.reduce((sum, pair) => sum + 1 + (pair.planned ? pair.mentees.length : 0), 0);
    const reminders = pairs.reduce((sum, pair) => sum + (pair.meetingId === undefined ? 0 : 1 + pair.mentees.length), 0);
    const followUps = options.meetingsEnded ? pairs.filter((pair) => pair.meetingId !== undefined).length : 0;
    // Everyone in a pair at work also gets the start questionnaire once (the surveys job).
    const surveyed = pairs.reduce((sum, pair) => sum + 1 + pair.mentees.length, 0);
    expect(total).toBe(asked + reminders + followUps + surveyed);
    // And no chat, the coordinator's included (alerts, the weekly digest), got one text twice.
    const repeated = [...chats.entries()].flatMap(([chat, messages]) =>
      messages.filter((message, n) => message !== "" && messages.indexOf(message) !== n).map((message) => `${chat}: ${message}`),
    );
    expect(repeated).toEqual([]);
  }

  it("three replicas waking at once, twice, ask everyone once, remind once and alert once", async () => {
    const started = Date.now();
    await Promise.all(apps.map((app) => app.repos.outbox.enqueue(meetingReminders())));
    await allReplicasRun(AT);
    await allReplicasRun(AT);
    expectEachOnce({ meetingsEnded: false });

    // Rows: one check-in per person and round, one alert per quiet pair, one outbox row per message.
    const checkIns = await main.db.selectFrom("check_ins").select(["pair_id", "person_id", "round"]).execute();
    const planned = pairs.filter((pair) => pair.planned);
    expect(checkIns).toHaveLength(planned.reduce((sum, pair) => sum + 1 + pair.mentees.length, 0));
    for (const row of checkIns) expect(row.round).toBe(pairs.find((pair) => pair.pairId === row.pair_id)!.quiet ? 2 : 1);
    const alerts = await main.db.selectFrom("pair_alerts").select(["pair_id", "reason"]).execute();
    expect(alerts.map((alert) => alert.pair_id).sort((a, b) => a - b)).toEqual(
      pairs.filter((pair) => pair.quiet).map((pair) => pair.pairId),
    );
    expect(new Set(alerts.map((alert) => alert.reason))).toEqual(new Set(["no-meeting"]));
    const outbox = await main.db.selectFrom("outbox").select(["attempts", "sent_at"]).execute();
    expect(outbox.every((row) => row.sent_at !== null && row.attempts === 1)).toBe(true);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);

  it("later in the same round nothing more is asked, reminded or alerted; ended meetings are followed up once", async () => {
    clock.set(new Date(AT.getTime() + 15 * MINUTE));
    await allReplicasRun(new Date(AT.getTime() + 15 * MINUTE));
    await Promise.all(apps.map((app) => app.repos.outbox.enqueue(meetingReminders())));
    clock.set(new Date(AT.getTime() + 2 * 60 * MINUTE));
    await allReplicasRun(new Date(AT.getTime() + 2 * 60 * MINUTE));
    expectEachOnce({ meetingsEnded: true });
  }, 60_000);
});
