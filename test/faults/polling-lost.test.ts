/**
 * Fault: Telegram's long polling dies after start-up. The emulated Bot API answers every getUpdates
 * with 409 Conflict (what Telegram says while another process polls with the same token), on which
 * grammY ends its polling loop for good. Proves: /readyz names Telegram `unreachable` in `degraded`
 * (200, since VK and MAX are still served), the loss is logged at error level with its reason, and once
 * getUpdates is answered again the bot starts polling by itself: a message written during the outage
 * and one written after are answered, and /readyz shows Telegram connected again. With Telegram the
 * only messenger, /readyz answers 503 while it is lost and 200 once it is back.
 */
import { describe, expect, it } from "vitest";
import { createApp } from "#root/app.ts";
import { loadConfig } from "#root/config.ts";
import { createLogger } from "#root/logger.ts";
import { openTestDatabase } from "../support/database.ts";
import { waitUntil } from "../support/faults/waiting.ts";
import { ru } from "../support/journeys.ts";
import { logCapture } from "../support/log-capture.ts";
import { useTestStack } from "../support/stack.ts";
import { freePort, startTelegramServer } from "../support/telegram.ts";

const { stream: logTo, lines } = logCapture();
const stack = useTestStack({ logTo });

interface Readiness {
  ready: boolean;
  degraded: string[];
  checks: { platforms: Record<string, string> };
}
interface LogLine {
  level: string;
  msg: string;
  platform?: string;
  lastError?: string;
}

async function readiness(baseUrl = stack.baseUrl): Promise<{ status: number; body: Readiness }> {
  const response = await fetch(`${baseUrl}/readyz`);
  return { status: response.status, body: (await response.json()) as Readiness };
}
const logged = (): LogLine[] => lines.map((line) => JSON.parse(line) as LogLine);

describe("Telegram's long polling lost after start-up", () => {
  it("is reported unreachable by /readyz, started again in the background, and serves again", async () => {
    expect(await readiness()).toMatchObject({ status: 200, body: { degraded: [], checks: { platforms: { telegram: "connected" } } } });
    const welcome = ru("welcome-new").split("\n")[0]!;

    stack.telegramServer.rules.failEvery("getUpdates", { status: 409 });
    let down: Awaited<ReturnType<typeof readiness>> | undefined;
    await waitUntil(
      "/readyz names telegram unreachable",
      async () => {
        down = await readiness();
        return down.body.checks.platforms.telegram === "unreachable";
      },
      15_000,
      20,
    );
    expect(down).toMatchObject({
      status: 200,
      body: { ready: true, degraded: ["telegram"], checks: { platforms: { telegram: "unreachable", vk: "connected", max: "connected" } } },
    });
    const loss = logged().find((line) => line.msg.startsWith("telegram lost after it connected"));
    expect(loss).toMatchObject({ level: "error", platform: "telegram" });
    expect(loss?.lastError).toContain("409");

    // Written while nobody takes Telegram's updates: kept by Telegram, and answered once polling is back.
    const early = stack.telegramUser(900_951, "Оля");
    await early.send("/start");
    stack.telegramServer.rules.failEvery("getUpdates", undefined);

    await waitUntil(
      "the message written during the outage is answered",
      () => early.messages().some((m) => m.text.includes(welcome)),
      20_000,
    );
    const late = stack.telegramUser(900_952, "Дима");
    await late.send("/start");
    await waitUntil("a message written after is answered", () => late.messages().some((m) => m.text.includes(welcome)), 10_000);
    expect(await readiness()).toMatchObject({
      status: 200,
      body: { ready: true, degraded: [], checks: { platforms: { telegram: "connected", vk: "connected", max: "connected" } } },
    });
    expect(logged().some((line) => line.msg === "telegram connected again: serving it now")).toBe(true);
  }, 60_000);
});

describe("Telegram's long polling lost when it is the only messenger", () => {
  it("makes /readyz answer 503 until Telegram is polled again", async () => {
    const database = await openTestDatabase();
    const telegramServer = await startTelegramServer({ holdUpdatesMs: 250 });
    const app = await createApp({
      config: loadConfig({
        HTTP_PORT: String(await freePort()),
        TELEGRAM_BOT_TOKEN: telegramServer.token,
        TELEGRAM_API_ROOT: telegramServer.apiRoot,
      }),
      logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? "silent", pretty: false }),
      database,
      scheduleJobs: false,
    });
    const baseUrl = `http://127.0.0.1:${app.http.port}`;
    try {
      expect(await readiness(baseUrl)).toMatchObject({ status: 200, body: { ready: true, degraded: [] } });

      telegramServer.rules.failEvery("getUpdates", { status: 409 });
      let down: Awaited<ReturnType<typeof readiness>> | undefined;
      await waitUntil(
        "/readyz answers 503",
        async () => {
          down = await readiness(baseUrl);
          return down.status === 503;
        },
        15_000,
        20,
      );
      expect(down?.body).toMatchObject({ ready: false, degraded: ["telegram"], checks: { platforms: { telegram: "unreachable" } } });

      telegramServer.rules.failEvery("getUpdates", undefined);
      await waitUntil("/readyz answers 200 again", async () => (await readiness(baseUrl)).status === 200, 20_000, 50);
      expect((await readiness(baseUrl)).body).toMatchObject({
        ready: true,
        degraded: [],
        checks: { platforms: { telegram: "connected" } },
      });
    } finally {
      await app.stop();
      await telegramServer.stop();
      await database.close();
    }
  }, 60_000);
});
