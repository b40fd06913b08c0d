/**
 * The whole bot on loopback for end-to-end tests: the real app (grammY polling an emulated Bot API
 * server, vk-io on the Callback API with a local VK API double, the MAX adapter on webhooks from a
 * local MAX API double), on a fresh database, with Redis (the sending slots) when REDIS_URL is set.
 */

import type { Redis } from "ioredis";
import type { DestinationStream } from "pino";
import { afterAll, beforeAll } from "vitest";
import { APIWorker } from "vk-io";
import { createOrganisation } from "#root/admin/create-organisation.ts";
import { type App, createApp } from "#root/app.ts";
import { type AdjustableClock, middayClock } from "#root/clock.ts";
import { loadConfig } from "#root/config.ts";
import type { DatabaseHandle } from "#root/db/connection.ts";
import type { Repositories } from "#root/db/repositories/index.ts";
import { createLogger } from "#root/logger.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { clockLead, RedisSlotBook } from "#root/notify/pacer.ts";
import { type ChatUser, maxChatUser, telegramChatUser, vkChatUser } from "./chat-user.ts";
import { openTestDatabase } from "./database.ts";
import { type MaxApiDouble, type MaxTestUser, startMaxApiDouble } from "./max-api-double.ts";
import { openTestRedis, uniquePrefix } from "./redis.ts";
import { freePort, type RunningTelegramServer, startTelegramServer, TelegramTestUser } from "./telegram.ts";
import { startVkApiDouble, type VkApiDouble, VkTestUser } from "./vk-api-double.ts";

/*
 * vk-io spaces API calls 1000 / apiLimit ms apart (50 ms at the community's 20 calls a second), which
 * real VK enforces on its side. The local double enforces nothing, and the spacing would make VK
 * journeys several times slower than Telegram ones: the tests' vk-io sends without it.
 */
Object.defineProperty(APIWorker.prototype, "intervalPerRequests", {
  configurable: true,
  get: () => 0,
  set: () => undefined,
});

const VK_GROUP_ID = 777;
const VK_SECRET = "test-callback-secret";
const TELEGRAM_WEBHOOK_SECRET = "test-webhook-secret-0123456789";
const MAX_WEBHOOK_SECRET = "test-max-webhook-secret-0123456789";
const MAX_BOT = "nastavnik_max_test_bot";
/** What GET /metrics asks for (METRICS_TOKEN) in the test stack. */
export const TEST_METRICS_TOKEN = "test-metrics-token-0123456789";
/** Flood limits no scripted person reaches (see TestStackOptions.flood). */
const MACHINE_SPEED = { burst: 1_000, perSecond: 1_000 };

export interface TestStackOptions {
  /**
   * Telegram in webhook mode (TELEGRAM_WEBHOOK_URL + TELEGRAM_WEBHOOK_SECRET) instead of long polling.
   * The emulator's own webhook push carries no secret header, so tests POST updates to
   * `telegramWebhook.url` themselves; the bot's replies still reach the emulator through sendMessage.
   */
  telegramWebhook?: boolean;
  /** Every log line of the app at debug level goes here (JSON), through the app's own logger options. */
  logTo?: DestinationStream;
  /** Wraps the repositories the flows get (a fault test makes them fail on demand). */
  wrapFlowRepositories?: (repos: Repositories) => Repositories;
  /**
   * The app's flood limits (FLOOD_BURST, FLOOD_RATE). Default: none to speak of, since test people
   * answer at machine speed, dozens of steps a second, which the limits made for human hands would
   * refuse; test/e2e/flood-control.test.ts runs with the app's own defaults.
   */
  flood?: { burst: number; perSecond: number };
}

export interface TestStack {
  app: App;
  database: DatabaseHandle;
  /** `http://127.0.0.1:<port>` of the bot's HTTP server (webhooks, /healthz). */
  readonly baseUrl: string;
  /** Set in webhook mode: where Telegram would POST updates and the secret it would send. */
  telegramWebhook?: { url: string; secret: string };
  telegramServer: RunningTelegramServer;
  vkApi: VkApiDouble;
  maxApi: MaxApiDouble;
  telegramUser(userId: number, firstName: string, languageCode?: string): TelegramTestUser;
  vkUser(userId: number, options?: { callbackButtons?: boolean; langId?: number }): VkTestUser;
  maxUser(userId: number, firstName?: string, locale?: string): MaxTestUser;
  /** A person on either messenger, for journeys written once and run on both. */
  user(platform: Platform, userId: number, firstName?: string): ChatUser;
  /** An organisation with a coordinator invite payload, as `npm run admin -- create-org` makes. */
  createOrganisation(name?: string): Promise<{ orgId: number; payload: string }>;
  /** Stops the app and starts a new one on the same database and Redis (a process restart). */
  restart(): Promise<void>;
  /** The app's clock, starting at the next midday in Moscow: tests move it to run jobs at a given time. */
  clock: AdjustableClock;
  /** Moves the clock to `at` (if given), runs every scheduled job once, then settles. */
  runJobs(at?: Date): Promise<Record<string, number>>;
  /** Waits until every accepted update and due outbox message is handled. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const database = await openTestDatabase();
  const redis: Redis | undefined = await openTestRedis();
  const telegramServer = await startTelegramServer({ holdUpdatesMs: 250 });
  const vkApi = await startVkApiDouble({ groupId: VK_GROUP_ID, screenName: "nastavnik_test" });
  const maxApi = await startMaxApiDouble({ botUsername: MAX_BOT });
  const logger = createLogger({
    level: options.logTo ? "debug" : (process.env.TEST_LOG_LEVEL ?? "silent"),
    pretty: false,
    destination: options.logTo,
  });
  // The port is fixed up front so the webhook URLs given to Telegram and MAX are the real ones.
  const webhookPort = await freePort();
  const telegramWebhook = options.telegramWebhook
    ? { url: `http://127.0.0.1:${webhookPort}/telegram/webhook`, secret: TELEGRAM_WEBHOOK_SECRET }
    : undefined;

  const clock = middayClock("Europe/Moscow");
  const flood = options.flood ?? MACHINE_SPEED;
  const start = () =>
    createApp({
      config: loadConfig({
        HTTP_PORT: String(webhookPort),
        TELEGRAM_BOT_TOKEN: telegramServer.token,
        TELEGRAM_API_ROOT: telegramServer.apiRoot,
        TELEGRAM_WEBHOOK_URL: telegramWebhook?.url,
        TELEGRAM_WEBHOOK_SECRET: telegramWebhook?.secret,
        VK_GROUP_TOKEN: "vk-test-token",
        VK_GROUP_ID: String(VK_GROUP_ID),
        VK_GROUP_SCREEN_NAME: "nastavnik_test",
        VK_API_BASE_URL: vkApi.baseUrl,
        VK_CALLBACK_SECRET: VK_SECRET,
        VK_CONFIRMATION_CODE: "confirm-me",
        MAX_BOT_TOKEN: maxApi.token,
        MAX_BOT_USERNAME: MAX_BOT,
        MAX_API_BASE_URL: maxApi.baseUrl,
        MAX_WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/max/webhook`,
        MAX_WEBHOOK_SECRET,
        FLOOD_BURST: String(flood.burst),
        FLOOD_RATE: String(flood.perSecond),
        METRICS_TOKEN: TEST_METRICS_TOKEN,
      }),
      logger,
      database,
      redis,
      wrapFlowRepositories: options.wrapFlowRepositories,
      recoveryIntervalMs: 1_000,
      // Journeys run as at midday in Moscow whenever they run (quiet hours would hold children's messages);
      // jobs run when a test says what time it is.
      clock: clock.now,
      scheduleJobs: false,
      // Test files share one Redis but each has its own clock and bot: their sending slots must not mix.
      // The book's time follows the test's clock forward, as the app's own book does.
      sendSlots: redis
        ? new RedisSlotBook(
            redis,
            `${uniquePrefix("send-slots")}:`,
            clockLead(() => clock.now().getTime()),
          )
        : undefined,
    });

  let app = await start();
  const callbackUrl = () => `http://127.0.0.1:${app.http.port}/vk/callback`;

  const stack: TestStack = {
    get app() {
      return app;
    },
    database,
    get baseUrl() {
      return `http://127.0.0.1:${app.http.port}`;
    },
    telegramWebhook,
    telegramServer,
    vkApi,
    maxApi,
    telegramUser: (userId, firstName, languageCode) =>
      new TelegramTestUser(telegramServer.server, telegramServer.token, { userId, firstName, languageCode }),
    vkUser(userId, options = {}) {
      return new VkTestUser(callbackUrl, { groupId: VK_GROUP_ID, secret: VK_SECRET }, vkApi, { userId, ...options });
    },
    maxUser: (userId, firstName = "Тест", locale) => maxApi.user({ userId, firstName, locale }),
    user(platform, userId, firstName = "Тест") {
      const user =
        platform === "telegram"
          ? telegramChatUser(stack.telegramUser(userId, firstName))
          : platform === "vk"
            ? vkChatUser(stack.vkUser(userId))
            : maxChatUser(stack.maxUser(userId, firstName));
      return {
        ...user,
        // A person presses what is on the screen: every reply to what they sent has arrived (a long
        // VK keyboard comes in several messages, the last one a moment after the first).
        press: async (label) => {
          await app.runtime.idle();
          await user.press(label);
        },
        // The whole message once the bot finished answering: a VK keyboard's follow-up included.
        waitFor: async (match, timeoutMs) => {
          const found = await user.waitFor(match, timeoutMs);
          await app.runtime.idle();
          return user.messages().find((message) => message.id === found.id) ?? found;
        },
      };
    },
    async createOrganisation(name = "Школа № 5") {
      const created = await createOrganisation(app.repos, name, "Europe/Moscow", clock.now());
      return { orgId: created.orgId, payload: created.payload };
    },
    async restart() {
      await app.stop();
      app = await start();
    },
    clock,
    async runJobs(at) {
      if (at) clock.set(at);
      await app.runtime.idle();
      const done = await app.jobs.runAll();
      await stack.settle();
      return done;
    },
    async settle() {
      await app.runtime.idle();
      // A round a job or a flow kicked off in the background is finished first: moving the clock on
      // while it holds claimed messages would let their lease run out and send them twice.
      await app.outbox.idle();
      await app.outbox.deliverDue();
    },
    async stop() {
      await app.stop();
      await telegramServer.stop();
      await vkApi.stop();
      await maxApi.stop();
      if (redis) await redis.quit();
      await database.close();
    },
  };
  return stack;
}

/**
 * One stack for a whole test file (or describe block): started before its tests, stopped after.
 * The returned object forwards to the running stack, so tests use it like the stack itself.
 */
export function useTestStack(options: TestStackOptions = {}): TestStack {
  let running: TestStack | undefined;
  beforeAll(async () => {
    running = await startTestStack(options);
  }, 120_000);
  afterAll(async () => {
    await running?.stop();
  });
  return new Proxy({} as TestStack, {
    get(_target, property) {
      if (!running) throw new Error("The test stack starts in beforeAll: use it inside tests");
      const value = Reflect.get(running, property, running) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(running) : value;
    },
  });
}
