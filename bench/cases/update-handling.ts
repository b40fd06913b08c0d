import { sql } from "kysely";
import { createOrganisation } from "#root/admin/create-organisation.ts";
import { type App, createApp } from "#root/app.ts";
import { loadConfig } from "#root/config.ts";
import { MemorySessionStore, RedisSessionStore } from "#root/dialog/session-store.ts";
import { TOKEN_POLICY } from "#root/domain/tokens.ts";
import { Translator } from "#root/i18n/translator.ts";
import { RedisSlotBook } from "#root/notify/pacer.ts";
import type { BenchCase, Figure } from "../figure.ts";
import { ChatLoad } from "../support/chat-load.ts";
import { loadSize, measureRegistration, menteeScript } from "../support/registration-load.ts";
import { countingLogger, freePort, openBenchDatabase, openBenchRedis } from "../support/services.ts";

/**
 * Update handling through the whole stack: the real app (createApp) in webhook mode, its Telegram
 * adapter, the dialog runtime on the ReplayEngine, Redis (or memory) and PostgreSQL (or PGlite), with
 * people registering as mentees (see ../support/registration-load.ts for what is measured). Each
 * update is stored in the inbox before the webhook answers 200, then processed under the chat's lock.
 */

const NAME = "update-handling";
const SECRET = "bench-webhook-secret-0123456789";
const TOKEN = "123456:bench-token-abcdefghijklmnopqrstuvwxyz";
/** A mentee invite serves 500 registrations; each one here serves fewer, to keep a margin. */
const CHATS_PER_INVITE = Math.floor(TOKEN_POLICY.mentee.uses * 0.8);

const updateHandling: BenchCase = {
  name: NAME,
  async run(): Promise<Figure[]> {
    const load = await ChatLoad.start();
    const database = await openBenchDatabase();
    const redis = await openBenchRedis();
    const log = countingLogger();
    const port = await freePort();
    const webhook = { url: `http://127.0.0.1:${port}/telegram/webhook`, secret: SECRET };
    let app: App | undefined;
    try {
      app = await createApp({
        config: loadConfig({
          HTTP_PORT: String(port),
          TELEGRAM_BOT_TOKEN: TOKEN,
          TELEGRAM_API_ROOT: load.apiRoot,
          TELEGRAM_WEBHOOK_URL: webhook.url,
          TELEGRAM_WEBHOOK_SECRET: SECRET,
          DATA_DIR: "memory://",
        }),
        logger: log.logger,
        database: database.handle,
        ...(redis
          ? {
              redis: redis.redis,
              sessions: new RedisSessionStore(redis.redis, `${redis.prefix}session:`),
              sendSlots: new RedisSlotBook(redis.redis, `${redis.prefix}send-slots:`),
            }
          : { sessions: new MemorySessionStore() }),
      });
      const { orgId } = await createOrganisation(app.repos, "Школа № 5 (бенчмарк)", "Europe/Moscow");
      const repos = app.repos;
      const db = database.handle.db;
      const backends = `${database.label} + ${redis ? "Redis" : "memory sessions"}`;
      return await measureRegistration({
        caseName: NAME,
        backends,
        size: loadSize(database.kind),
        load,
        bot: {
          webhook,
          async startPayloads(chats) {
            const tokens: string[] = [];
            for (let issued = 0; issued < chats; issued += CHATS_PER_INVITE) {
              tokens.push(await repos.invites.issue({ purpose: "mentee", orgId, now: new Date() }));
            }
            return (index) => tokens[Math.floor(index / CHATS_PER_INVITE)]!;
          },
          queries: () => database.handle.queryCount(),
          redisCommands: () => redis?.commands(),
          async registrations() {
            const row = await db
              .selectFrom("participants")
              .select(sql<number>`count(*)::int`.as("count"))
              .where("org_id", "=", orgId)
              .where("role", "=", "mentee")
              .executeTakeFirstOrThrow();
            return row.count;
          },
          logged: () => ({ warnings: log.warnings(), errors: log.errors() }),
        },
        script: menteeScript(await Translator.load("ru")),
      });
    } finally {
      log.report();
      await app?.stop();
      await load.close();
      await redis?.close();
      await database.close();
    }
  },
};

export default updateHandling;
