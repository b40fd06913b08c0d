import { sql } from "kysely";
import { createOrganisation } from "#root/admin/create-organisation.ts";
import { type App, createApp } from "#root/app.ts";
import { loadConfig } from "#root/config.ts";
import { TOKEN_POLICY } from "#root/domain/tokens.ts";
import { Translator } from "#root/i18n/translator.ts";
import { MAX_WEBHOOK_PATH } from "#root/messengers/max/adapter.ts";
import { RedisSlotBook } from "#root/notify/pacer.ts";
import type { BenchCase, CaseOptions, Figure } from "../figure.ts";
import { ChatLoad, type Webhook } from "../support/chat-load.ts";
import { BENCH_MESSENGERS, type BenchMessenger } from "../support/messengers.ts";
import { loadSize, measureRegistration, menteeScript } from "../support/registration-load.ts";
import { countingLogger, freePort, openBenchDatabase, openBenchRedis } from "../support/services.ts";

/**
 * Update handling through the whole stack: the real app (createApp) in webhook mode, its Telegram
 * adapter (or with `--messenger max` its MAX adapter alone), the dialog runtime on the ReplayEngine,
 * Redis (or memory) and PostgreSQL (or PGlite), with people registering as mentees (see
 * ../support/registration-load.ts for what is measured). Each update is stored in the inbox before
 * the webhook answers 200, then processed under the chat's lock. The messenger is only the app's
 * configuration below and the people's side of ChatLoad.
 */

const NAME = "update-handling";
const SECRET = "bench-webhook-secret-0123456789";
const TOKEN = "123456:bench-token-abcdefghijklmnopqrstuvwxyz";
/**
 * The people's API servers here hold the bot to no per-bot sending limit (the delivery case's does):
 * the bot's pacer is set as high, so each reply still books its slot (its round trip is counted) but
 * none waits for one, as none would against such an API.
 */
const NO_SENDING_LIMIT = { perSecond: 100_000, perChatIntervalMs: 1_000 };
/** A mentee invite serves 500 registrations; each one here serves fewer, to keep a margin. */
const CHATS_PER_INVITE = Math.floor(TOKEN_POLICY.mentee.uses * 0.8);

/** The app's configuration for one messenger in webhook mode, against the people's API server. */
function messengerConfig(messenger: BenchMessenger, load: ChatLoad, port: number): { webhook: Webhook; env: Record<string, string> } {
  const origin = `http://127.0.0.1:${port}`;
  switch (messenger) {
    case "telegram": {
      const webhook = { url: `${origin}/telegram/webhook`, secret: SECRET };
      return {
        webhook,
        env: {
          TELEGRAM_BOT_TOKEN: TOKEN,
          TELEGRAM_API_ROOT: load.apiRoot,
          TELEGRAM_WEBHOOK_URL: webhook.url,
          TELEGRAM_WEBHOOK_SECRET: SECRET,
        },
      };
    }
    case "max": {
      // The bot subscribes this URL with the secret at start; the MAX double POSTs the people's updates there.
      const webhook = { url: `${origin}${MAX_WEBHOOK_PATH}`, secret: SECRET };
      const { token, botUsername } = load.endpoint;
      if (token === undefined) throw new Error("the MAX double names no token");
      return {
        webhook,
        env: {
          MAX_BOT_TOKEN: token,
          MAX_BOT_USERNAME: botUsername,
          MAX_API_BASE_URL: load.apiRoot,
          MAX_WEBHOOK_URL: webhook.url,
          MAX_WEBHOOK_SECRET: SECRET,
        },
      };
    }
  }
}

const updateHandling: BenchCase = {
  name: NAME,
  messengers: BENCH_MESSENGERS,
  async run({ messenger }: CaseOptions): Promise<Figure[]> {
    const load = await ChatLoad.start(messenger);
    const database = await openBenchDatabase();
    const redis = await openBenchRedis();
    const log = countingLogger();
    const port = await freePort();
    const { webhook, env } = messengerConfig(messenger, load, port);
    let app: App | undefined;
    try {
      app = await createApp({
        config: loadConfig({ HTTP_PORT: String(port), ...env, DATA_DIR: "memory://" }),
        logger: log.logger,
        database: database.handle,
        deliveryLimits: { telegram: NO_SENDING_LIMIT, max: NO_SENDING_LIMIT },
        ...(redis ? { redis: redis.redis, sendSlots: new RedisSlotBook(redis.redis, `${redis.prefix}send-slots:`) } : {}),
      });
      const { orgId } = await createOrganisation(app.repos, "Школа № 5 (бенчмарк)", "Europe/Moscow");
      const repos = app.repos;
      const db = database.handle.db;
      const backends = `${database.label} + ${redis ? "Redis (sending slots)" : "memory sending slots"}`;
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
