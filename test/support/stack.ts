/**
 * The whole bot on loopback for end-to-end tests: the real app (grammY polling an emulated Bot API
 * server, vk-io on the Callback API with a local VK API double), on a fresh database, with Redis
 * when REDIS_URL is set and memory sessions otherwise.
 */
import pino from "pino";
import type { Redis } from "ioredis";
import { createOrganisation } from "#root/admin/create-organisation.ts";
import { type App, createApp } from "#root/app.ts";
import { loadConfig } from "#root/config.ts";
import type { DatabaseHandle } from "#root/db/connection.ts";
import { MemorySessionStore, RedisSessionStore, type SessionStore } from "#root/dialog/session-store.ts";
import { openTestDatabase } from "./database.ts";
import { openTestRedis, uniquePrefix } from "./redis.ts";
import { type RunningTelegramServer, startTelegramServer, TelegramTestUser } from "./telegram.ts";
import { startVkApiDouble, type VkApiDouble, VkTestUser } from "./vk-api-double.ts";

const VK_GROUP_ID = 777;
const VK_SECRET = "test-callback-secret";

export interface TestStack {
  app: App;
  database: DatabaseHandle;
  telegramServer: RunningTelegramServer;
  vkApi: VkApiDouble;
  telegramUser(userId: number, firstName: string, languageCode?: string): TelegramTestUser;
  vkUser(userId: number, options?: { callbackButtons?: boolean; langId?: number }): VkTestUser;
  /** An organisation with a coordinator invite payload, as `npm run admin -- create-org` makes. */
  createOrganisation(name?: string): Promise<{ orgId: number; payload: string }>;
  /** Stops the app and starts a new one on the same database and session store (a process restart). */
  restart(): Promise<void>;
  /** Waits until every accepted update and due outbox message is handled. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestStack(): Promise<TestStack> {
  const database = await openTestDatabase();
  const redis: Redis | undefined = await openTestRedis();
  const sessions: SessionStore = redis ? new RedisSessionStore(redis, `${uniquePrefix("session")}:`) : new MemorySessionStore();
  const telegramServer = await startTelegramServer();
  const vkApi = await startVkApiDouble({ groupId: VK_GROUP_ID, screenName: "nastavnik_test" });
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });

  const start = () =>
    createApp({
      config: loadConfig({
        HTTP_PORT: "0",
        TELEGRAM_BOT_TOKEN: telegramServer.token,
        TELEGRAM_API_ROOT: telegramServer.apiRoot,
        VK_GROUP_TOKEN: "vk-test-token",
        VK_GROUP_ID: String(VK_GROUP_ID),
        VK_GROUP_SCREEN_NAME: "nastavnik_test",
        VK_API_BASE_URL: vkApi.baseUrl,
        VK_CALLBACK_SECRET: VK_SECRET,
        VK_CONFIRMATION_CODE: "confirm-me",
      }),
      logger,
      database,
      redis,
      sessions,
      recoveryIntervalMs: 1_000,
    });

  let app = await start();
  const callbackUrl = () => `http://127.0.0.1:${app.http.port}/vk/callback`;
  const vkUsers: VkTestUser[] = [];

  const stack: TestStack = {
    get app() {
      return app;
    },
    database,
    telegramServer,
    vkApi,
    telegramUser: (userId, firstName, languageCode) => new TelegramTestUser(telegramServer.server, telegramServer.token, { userId, firstName, languageCode }),
    vkUser(userId, options = {}) {
      const user = new VkTestUser(callbackUrl(), { groupId: VK_GROUP_ID, secret: VK_SECRET }, vkApi, { userId, ...options });
      vkUsers.push(user);
      return user;
    },
    async createOrganisation(name = "Школа № 5") {
      const created = await createOrganisation(app.repos, name, "Europe/Moscow");
      return { orgId: created.orgId, payload: created.payload };
    },
    async restart() {
      await app.stop();
      app = await start();
      for (const user of vkUsers) (user as unknown as { callbackUrl: string }).callbackUrl = callbackUrl();
    },
    async settle() {
      await app.runtime.idle();
      await app.outbox.deliverDue();
    },
    async stop() {
      await app.stop();
      await telegramServer.stop();
      await vkApi.stop();
      if (redis) await redis.quit();
      await database.close();
    },
  };
  return stack;
}
