/**
 * Fault: two replicas of the bot behind a load balancer take the updates of the same chats, in turn.
 * Two apps share one database (the chats' records and leases) and one Redis (the sending slots:
 * REDIS_URL, or a redis-server of the test's own), with
 * Telegram in webhook mode and VK on the Callback API; each update of a registration goes to the
 * other replica than the one before, posted while the previous one is still being handled.
 * Proves: the answers come in the order the user wrote, none twice, none lost, and one
 * registration is saved once.
 */

import type { Redis } from "ioredis";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganisation } from "#root/admin/create-organisation.ts";
import { type App, createApp } from "#root/app.ts";
import { middayClock } from "#root/clock.ts";
import { loadConfig } from "#root/config.ts";
import { type DatabaseHandle, openDatabase } from "#root/db/connection.ts";
import { createRepositories } from "#root/db/repositories/index.ts";
import { RedisSlotBook } from "#root/notify/pacer.ts";
import { openTestDatabase, serverUrlOf } from "../support/database.ts";
import { type OwnRedisServer, REDIS_SERVER_BINARY, startOwnRedisServer } from "../support/faults/redis-server.ts";
import { waitUntil } from "../support/faults/waiting.ts";
import { UpdateIds, WebhookTelegramUser } from "../support/faults/webhook-user.ts";
import { label, ru } from "../support/journeys.ts";
import { openTestRedis, uniquePrefix } from "../support/redis.ts";
import { type RunningTelegramServer, startTelegramServer } from "../support/telegram.ts";
import { startVkApiDouble, type VkApiDouble, VkTestUser } from "../support/vk-api-double.ts";

const canRun = Boolean(process.env.REDIS_URL || REDIS_SERVER_BINARY);
const SKIPPED = canRun ? "" : " (skipped: replicas share chat locks through Redis; set REDIS_URL or install redis-server)";
const WEBHOOK_SECRET = "replicas-webhook-secret-0123456789";
const VK_SECRET = "replicas-vk-secret";
const VK_GROUP = 4242;

describe.skipIf(!canRun)(`two replicas taking the same chats' updates in turn${SKIPPED}`, () => {
  let database: DatabaseHandle;
  let second: DatabaseHandle | undefined;
  let ownRedis: OwnRedisServer | undefined;
  let redis: Redis;
  let telegram: RunningTelegramServer;
  let vkApi: VkApiDouble;
  const apps: App[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    // On a real server each replica has its own pool; PGlite is one in-process database.
    if (process.env.DATABASE_URL) {
      second = await openDatabase({ databaseUrl: await serverUrlOf(database), dataDir: "memory://" });
    }
    if (!process.env.REDIS_URL) ownRedis = await startOwnRedisServer({ appendOnly: false });
    const redisUrl = process.env.REDIS_URL;
    process.env.REDIS_URL = ownRedis?.url ?? redisUrl;
    redis = (await openTestRedis())!;
    process.env.REDIS_URL = redisUrl;
    telegram = await startTelegramServer();
    vkApi = await startVkApiDouble({ groupId: VK_GROUP, screenName: "replicas" });
    const config = loadConfig({
      HTTP_PORT: "0",
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      // The replicas' own addresses are posted to directly; Telegram would call the balancer.
      TELEGRAM_WEBHOOK_URL: "http://127.0.0.1:9/telegram/webhook",
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      VK_GROUP_TOKEN: "vk-test-token",
      VK_GROUP_ID: String(VK_GROUP),
      VK_GROUP_SCREEN_NAME: "replicas",
      VK_API_BASE_URL: vkApi.baseUrl,
      VK_CALLBACK_SECRET: VK_SECRET,
      VK_CONFIRMATION_CODE: "confirm",
    });
    const slots = new RedisSlotBook(redis, `${uniquePrefix("replica-slots")}:`);
    const clock = middayClock("Europe/Moscow");
    for (const handle of [database, second ?? database]) {
      apps.push(
        await createApp({
          config,
          logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
          database: handle,
          redis,
          sendSlots: slots,
          clock: clock.now,
          scheduleJobs: false,
          recoveryIntervalMs: 1_000,
        }),
      );
    }
  }, 60_000);

  afterAll(async () => {
    for (const app of apps) await app.stop();
    await telegram?.stop();
    await vkApi?.stop();
    await redis?.quit();
    await ownRedis?.dispose();
    await second?.close();
    await database?.close();
  });

  /** Each call gives the other replica's address than the call before. */
  function inTurn(path: string): () => string {
    let turn = 0;
    return () => `http://127.0.0.1:${apps[turn++ % apps.length]!.http.port}${path}`;
  }

  /** The prompts of a mentee's registration, in the order the bot asks them. */
  const ORDER = [
    "register-mentee-name",
    "register-mentee-age",
    "register-mentee-grade",
    "register-mentee-directions",
    "register-mentee-goals",
    "consent-self-question-adult",
  ];
  // A question opens its message, or ends it when a reply came before it in the same message (the welcome).
  const promptsIn = (texts: string[]) =>
    texts.map((text) => ORDER.find((key) => text.startsWith(ru(key)) || text.endsWith(`\n\n${ru(key)}`))).filter(Boolean);
  const errors = ["error-generic", "error-button-stale", "error-use-buttons", "error-busy-wait", "flow-in-progress"];

  it("answer in order, once, and save one registration per person", async () => {
    const org = await createOrganisation(createRepositories(database.db), "Школа № 15", "Europe/Moscow");
    const invite = await apps[0]!.repos.invites.issue({ purpose: "mentee", orgId: org.orgId, now: new Date() });
    const done = (name: string) => ru("register-mentee-done", { name, org: "Школа № 15" });

    const tg = new WebhookTelegramUser(telegram, { url: inTurn("/telegram/webhook"), secret: WEBHOOK_SECRET }, new UpdateIds(7_000), {
      userId: 900_601,
      firstName: "Пётр",
    });
    const vk = new VkTestUser(inTurn("/vk/callback"), { groupId: VK_GROUP, secret: VK_SECRET }, vkApi, { userId: 900_602 });
    const vkTexts = () => vkApi.sent(900_602).map((m) => m.message);

    const telegramJourney = async () => {
      // Posted one after another, each to the other replica, without waiting for the answers.
      for (const text of [`/start ${invite}`, "Пётр Лавров", "18", "1 курс"]) await tg.send(text);
      await tg.waitFor(ru("register-mentee-directions"), 10_000);
      await tg.deliver(tg.press(label(ru("direction-civic"))));
      await tg.waitFor(ru("register-mentee-directions"), 10_000);
      await tg.deliver(tg.press(ru("button-done")));
      await tg.send("Научиться выступать");
      await waitUntil(
        "the summary to save",
        () => tg.messages().some((m) => m.buttons.flat().some((b) => b.label === ru("button-save"))),
        10_000,
      );
      await tg.deliver(tg.press(ru("button-save")));
      await tg.waitFor(ru("consent-self-question-adult"), 10_000);
      await tg.deliver(tg.press(ru("button-consent-agree")));
      await tg.waitFor(done("Пётр Лавров"), 10_000);
    };
    const vkJourney = async () => {
      await vk.open(invite);
      for (const text of ["Вера Глебова", "18", "1 курс"]) await vk.send(text);
      await vk.waitFor(ru("register-mentee-directions"), 10_000);
      await vk.press(label(ru("direction-career")));
      await vk.waitFor(ru("register-mentee-directions"), 10_000);
      await vk.press(ru("button-done"));
      await vk.send("Выбрать профессию");
      await vk.waitFor((m) => m.keyboard?.buttons.flat().some((b) => b.action.label === ru("button-save")) ?? false, 10_000);
      await vk.press(ru("button-save"));
      await vk.waitFor(ru("consent-self-question-adult"), 10_000);
      await vk.press(ru("button-consent-agree"));
      await vk.waitFor(done("Вера Глебова"), 10_000);
    };
    await Promise.all([telegramJourney(), vkJourney()]);
    for (const app of apps) await app.runtime.idle();

    const tgTexts = tg.messages().map((m) => m.text);
    for (const texts of [tgTexts, vkTexts()]) {
      expect(promptsIn(texts)).toEqual([
        "register-mentee-name",
        "register-mentee-age",
        "register-mentee-grade",
        "register-mentee-directions",
        "register-mentee-goals",
        "consent-self-question-adult",
      ]);
      expect(texts.filter((text) => errors.some((key) => text.includes(ru(key))))).toEqual([]);
    }
    expect(tgTexts.filter((text) => text.startsWith(done("Пётр Лавров")))).toHaveLength(1);
    expect(vkTexts().filter((text) => text.startsWith(done("Вера Глебова")))).toHaveLength(1);
    const saved = await database.db
      .selectFrom("participants")
      .innerJoin("people", "people.id", "participants.person_id")
      .select("people.full_name")
      .where("participants.org_id", "=", org.orgId)
      .where("participants.role", "=", "mentee")
      .execute();
    expect(saved.map((row) => row.full_name).sort()).toEqual(["Вера Глебова", "Пётр Лавров"]);
    const unprocessed = await database.db.selectFrom("inbox").select("update_key").where("processed_at", "is", null).execute();
    expect(unprocessed).toEqual([]);
  });
});
