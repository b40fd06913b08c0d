/**
 * Fault: a messenger's API cannot be reached at start (Telegram blocked from a Russian host, a proxy
 * down). The real `src/main.ts` runs as a child process, its Bot API root a port nothing listens on, with
 * PLATFORM_CONNECT_TIMEOUT shortened to a few seconds. Proves: alone, it tries for the configured time,
 * logging each retry, then exits 69 with a message naming the platform; SIGTERM during that wait ends
 * the process at once with 0; beside VK and MAX that answer, it does not stop them: /readyz says 200 with
 * Telegram degraded, and a VK user is answered.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#root/db/connection.ts";
import { openTestDatabase, serverUrlOf } from "../support/database.ts";
import { type BotProcess, startBotProcess } from "../support/faults/bot-process.ts";
import { waitUntil } from "../support/faults/waiting.ts";
import { ru } from "../support/journeys.ts";
import { type MaxApiDouble, startMaxApiDouble } from "../support/max-api-double.ts";
import { freePort } from "../support/telegram.ts";
import { startVkApiDouble, type VkApiDouble, VkTestUser } from "../support/vk-api-double.ts";

const TOKEN = "123456:unreachable-telegram-token-0123456789";
const VK_GROUP_ID = 778;
const VK_SECRET = "platform-unreachable-secret";
const CONNECT_TIMEOUT_S = 3;

describe("a messenger unreachable at start", () => {
  let folder: string;
  let database: DatabaseHandle | undefined;
  let common: Record<string, string>;
  const running: BotProcess[] = [];

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "nastavnik-unreachable-"));
    // Nothing listens there: every call is refused at once, as with an API blocked by a firewall that rejects.
    const deadApi = `http://127.0.0.1:${await freePort()}`;
    common = {
      LOG_LEVEL: "info",
      DATA_DIR: join(folder, "data"),
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: deadApi,
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    };
    if (process.env.DATABASE_URL) {
      // A scratch database of the test's own; without a server the bot keeps PGlite in DATA_DIR.
      database = await openTestDatabase();
      common.DATABASE_URL = await serverUrlOf(database);
    }
  });

  afterAll(async () => {
    for (const bot of running) await bot.terminate(5_000);
    await database?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  async function start(env: Record<string, string>): Promise<{ bot: BotProcess; baseUrl: string }> {
    const port = await freePort();
    const bot = startBotProcess({ ...common, HTTP_PORT: String(port), ...env }, folder);
    running.push(bot);
    return { bot, baseUrl: `http://127.0.0.1:${port}` };
  }

  const status = async (url: string) => (await fetch(url).catch(() => undefined))?.status;

  /** Resolves once the process answers /livez: it has migrated and is trying the messengers. */
  async function alive(bot: BotProcess, baseUrl: string): Promise<void> {
    await Promise.race([
      waitUntil("the bot answers /livez", async () => (await status(`${baseUrl}/livez`)) === 200, 90_000, 20),
      bot.exited.then((code) => {
        throw new Error(`the bot exited with ${code} before it answered /livez:\n${bot.output()}`);
      }),
    ]);
  }

  it("alone, it tries for PLATFORM_CONNECT_TIMEOUT, logging each retry, then exits 69 naming Telegram", async () => {
    const { bot, baseUrl } = await start({ PLATFORM_CONNECT_TIMEOUT: String(CONNECT_TIMEOUT_S) });
    await alive(bot, baseUrl);
    const aliveAt = Date.now();
    // Trying: alive, not ready.
    expect(await status(`${baseUrl}/readyz`)).toBe(503);

    const code = await Promise.race([
      bot.exited,
      new Promise<"still running">((resolve) => setTimeout(() => resolve("still running"), 20_000)),
    ]);
    const waitedMs = Date.now() - aliveAt;
    expect(code, bot.output()).toBe(69);
    expect(waitedMs).toBeLessThan(CONNECT_TIMEOUT_S * 1_000 + 5_000);
    expect(waitedMs).toBeGreaterThan(CONNECT_TIMEOUT_S * 1_000 - 1_500);
    const output = bot.output();
    expect(output).toContain("connecting to telegram");
    expect(output).toContain("telegram not reachable yet");
    expect(output).toContain(`No messenger could be reached within ${CONNECT_TIMEOUT_S} s (PLATFORM_CONNECT_TIMEOUT); telegram: `);
    expect(output).toContain("ECONNREFUSED");
    // The token is part of Telegram's URLs: no message may carry it.
    expect(output).not.toContain(TOKEN.split(":")[1]);
  }, 120_000);

  it("obeys SIGTERM while it waits for Telegram: exits 0 at once", async () => {
    const { bot, baseUrl } = await start({ PLATFORM_CONNECT_TIMEOUT: "600" });
    await alive(bot, baseUrl);
    await waitUntil("a retry is logged", () => bot.output().includes("telegram not reachable yet"), 10_000);
    const signalledAt = Date.now();
    expect(await bot.terminate(10_000), bot.output()).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(3_000);
    expect(bot.output()).toContain("stopped before the start was over");
  }, 120_000);

  describe("beside VK and MAX that answer", () => {
    let vkApi: VkApiDouble;
    let maxApi: MaxApiDouble;
    beforeAll(async () => {
      vkApi = await startVkApiDouble({ groupId: VK_GROUP_ID, screenName: "nastavnik_unreachable" });
      maxApi = await startMaxApiDouble({ botUsername: "nastavnik_unreachable_bot" });
    });
    afterAll(async () => {
      for (const bot of running) await bot.terminate(5_000);
      await vkApi?.stop();
      await maxApi?.stop();
    });

    it("serves them, reports Telegram degraded in /readyz, and keeps trying it", async () => {
      const { bot, baseUrl } = await start({
        PLATFORM_CONNECT_TIMEOUT: "2",
        VK_GROUP_TOKEN: "vk-test-token",
        VK_GROUP_ID: String(VK_GROUP_ID),
        VK_API_BASE_URL: vkApi.baseUrl,
        VK_CALLBACK_SECRET: VK_SECRET,
        VK_CONFIRMATION_CODE: "confirm-me",
        MAX_BOT_TOKEN: maxApi.token,
        MAX_BOT_USERNAME: maxApi.botUsername,
        MAX_API_BASE_URL: maxApi.baseUrl,
      });
      await alive(bot, baseUrl);
      await waitUntil("the bot is ready", async () => (await status(`${baseUrl}/readyz`)) === 200, 20_000, 50);
      const readiness = (await (await fetch(`${baseUrl}/readyz`)).json()) as Record<string, unknown>;
      expect(readiness).toMatchObject({
        ready: true,
        degraded: ["telegram"],
        checks: { database: true, migrations: true, platforms: { telegram: "unreachable", vk: "connected", max: "connected" } },
      });
      expect(bot.output()).toContain("telegram could not be reached within 2 s");
      expect(bot.output()).toContain("serving without telegram: it is tried again in the background");

      const user = new VkTestUser(`${baseUrl}/vk/callback`, { groupId: VK_GROUP_ID, secret: VK_SECRET }, vkApi, { userId: 900_901 });
      await user.send("/start");
      const welcome = ru("welcome-new").split("\n")[0]!;
      await waitUntil("the VK user is answered", () => vkApi.sent(user.userId).some((m) => m.message.includes(welcome)), 20_000);

      // Still running, and still trying Telegram in the background, its pauses growing on from start-up's.
      const gaveUp = "serving without telegram";
      const triedAfter = () => (bot.output().split(gaveUp)[1] ?? "").includes("telegram not reachable yet");
      await waitUntil("Telegram is tried again after start-up gave up on it", triedAfter, 15_000, 100);
      expect(await status(`${baseUrl}/livez`)).toBe(200);
      expect(await bot.terminate(10_000), bot.output()).toBe(0);
    }, 120_000);
  });
});
