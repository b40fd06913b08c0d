/**
 * Fault: SIGTERM (a deploy, `docker compose stop`) while updates are in hand. The real `src/main.ts`
 * runs as a child process in webhook mode against the emulated Bot API and the test database; the
 * emulator holds the bot to 4 messages a second (429 with retry_after past it), so answers are still
 * being sent when the signal comes. Proves: the process stops taking updates, handles every one it
 * accepted and exits 0 (a reply the flood limit kept back waits in the outbox); updates posted
 * meanwhile are refused and, re-sent as Telegram does, answered after the next start; every update is
 * answered exactly once. The signal comes as soon as the bot answers, often while it is still starting:
 * the start stops where it is and the updates it took are finished (Node's default would have killed it).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "#root/db/connection.ts";
import { openTestDatabase, serverUrlOf, testDatabaseKind } from "../support/database.ts";
import { type BotProcess, startBotProcess } from "../support/faults/bot-process.ts";
import { waitUntil } from "../support/faults/waiting.ts";
import { UpdateIds, WebhookTelegramUser } from "../support/faults/webhook-user.ts";
import { ru } from "../support/journeys.ts";
import { freePort, type RunningTelegramServer, startTelegramServer } from "../support/telegram.ts";

const SECRET = "sigterm-webhook-secret-0123456789";

describe(`SIGTERM while updates are in hand (${testDatabaseKind()})`, () => {
  let telegram: RunningTelegramServer;
  let database: DatabaseHandle | undefined;
  let folder: string;
  let bot: BotProcess | undefined;
  let env: Record<string, string>;
  let port: number;

  beforeAll(async () => {
    telegram = await startTelegramServer();
    folder = await mkdtemp(join(tmpdir(), "nastavnik-sigterm-"));
    port = await freePort();
    env = {
      HTTP_PORT: String(port),
      LOG_LEVEL: "warn",
      DATA_DIR: join(folder, "data"),
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    };
    if (process.env.DATABASE_URL) {
      // A scratch database of the test's own; without a server the bot keeps PGlite in DATA_DIR.
      database = await openTestDatabase();
      env.DATABASE_URL = await serverUrlOf(database);
    }
  });

  afterAll(async () => {
    await bot?.terminate();
    await telegram?.stop();
    await database?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  async function startBot(): Promise<BotProcess> {
    const started = startBotProcess(env, folder);
    const healthy = async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.status === 200;
    try {
      await Promise.race([
        waitUntil("the bot serves /healthz", healthy, 90_000, 10),
        started.exited.then((code) => {
          throw new Error(`the bot exited with ${code} at start:\n${started.output()}`);
        }),
      ]);
    } catch (error) {
      await started.terminate();
      throw error;
    }
    return started;
  }

  /** Updates stored but not handled, read from the database the stopped bot used. */
  async function unhandledUpdates(): Promise<string[]> {
    const handle = database ?? (await openDatabase({ dataDir: env.DATA_DIR! }));
    try {
      const rows = await handle.db.selectFrom("inbox").select("update_key").where("processed_at", "is", null).execute();
      return rows.map((row) => row.update_key);
    } finally {
      if (!database) await handle.close();
    }
  }

  it("finishes what it accepted, exits 0, and after a restart everything is answered exactly once", async () => {
    bot = await startBot();
    const ids = new UpdateIds(9_000);
    const webhook = { url: () => `http://127.0.0.1:${port}/telegram/webhook`, secret: SECRET };
    const users = Array.from(
      { length: 10 },
      (_, index) => new WebhookTelegramUser(telegram, webhook, ids, { userId: 900_701 + index, firstName: "Гость" }),
    );
    const menu = ru("welcome-new").split("\n")[0]!;
    const help = ru("help-text").split("\n")[0]!;
    const answered = (user: WebhookTelegramUser) => user.count(menu);

    // No pause after /healthz first answers: the bot may still be starting (setting its webhook, running
    // the jobs once) when the signal comes, and must then finish starting before it stops.
    telegram.rules.rateLimit({ perBotPerSecond: 4 });
    const statuses = await Promise.all(users.map((user) => user.post(user.text("/start"))));
    expect(statuses.every((status) => status === 200)).toBe(true);
    const answeredAtSignal = users.filter((user) => answered(user) > 0).length;
    const stopping = bot.terminate();
    // Telegram keeps sending: updates posted while the bot stops are refused and re-sent later.
    const late = users.slice(0, 4).map((user) => user.deliver(user.text("/help"), 60_000));
    expect(await stopping, bot.output()).toBe(0);

    expect(answeredAtSignal).toBeLessThan(users.length); // answers were still being sent at the signal
    // Every update it took was handled before it exited (a reply the flood limit kept back waits in the outbox).
    expect(await unhandledUpdates()).toEqual([]);

    telegram.rules.rateLimit(undefined);
    bot = await startBot();
    await Promise.all(late);
    await waitUntil("the late updates are answered", () => users.slice(0, 4).every((user) => user.count(help) > 0), 20_000);
    await waitUntil("every user is answered", () => users.every((user) => answered(user) > 0), 20_000);
    expect(await bot.terminate(), bot.output()).toBe(0);
    bot = undefined;

    for (const [index, user] of users.entries()) {
      expect(answered(user)).toBe(1);
      expect(user.count(help)).toBe(index < 4 ? 1 : 0);
      const texts = user.messages().map((m) => m.text);
      expect(new Set(texts).size).toBe(texts.length); // nothing sent twice
    }
  }, 180_000);
});
