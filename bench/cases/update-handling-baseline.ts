import { createServer, type Server } from "node:http";
import {
  type Conversation,
  type ConversationData,
  type ConversationFlavor,
  conversations,
  createConversation,
  type VersionedState,
} from "@grammyjs/conversations";
import { RedisAdapter } from "@grammyjs/storage-redis";
import { Bot, type Context, InlineKeyboard, webhookCallback } from "grammy";
import { type Generated, type Kysely, sql } from "kysely";
import type { Database } from "#root/db/schema.ts";
import { Translator } from "#root/i18n/translator.ts";
import { type BenchCase, type Figure, progress } from "../figure.ts";
import { ChatLoad } from "../support/chat-load.ts";
import { loadSize, measured, measureRegistration, menteeScript, ratioFigures } from "../support/registration-load.ts";
import { freePort, openBenchDatabase, openBenchRedis } from "../support/services.ts";

/**
 * The same mentee registration written the way grammY's documentation shows it: a Bot with the
 * conversations plugin (v2: `conversations()`, `createConversation`, `conversation.form` and
 * `waitForCallbackQuery`), replies with `ctx.reply` and an InlineKeyboard, conversation state in Redis
 * through @grammyjs/storage-redis (in memory without REDIS_URL), the answers saved with one INSERT
 * through kysely at the end, served by `webhookCallback(bot, "http")` on node:http. Same people, same
 * fake Bot API, same measurement as `update-handling`; the texts are the app's own (locales/ru.ftl).
 *
 * What it leaves out, compared with the app: no inbox (an update the handler fails on is lost unless
 * Telegram re-sends it), no per-chat lock across replicas, no account or invite rows, no consent link,
 * no Back / Cancel, no i18n per person. The benchmark's chats keep one webhook request per chat in
 * flight, as Telegram does, which is what keeps this bot's state consistent.
 */

const NAME = "update-handling-baseline";
const SECRET = "bench-webhook-secret-0123456789";
const TOKEN = "123456:bench-token-abcdefghijklmnopqrstuvwxyz";
const DIRECTIONS = ["studies", "additional_education", "projects", "career", "civic"] as const;

type BaselineTables = {
  baseline_mentee_registrations: {
    id: Generated<number>;
    chat_id: string;
    full_name: string;
    age: number;
    grade: string;
    directions: string;
    goals: string;
    created_at: Generated<Date>;
  };
};
/** The handle is typed with the app's tables; this scratch database holds only the bench's own one. */
type BaselineDatabase = Kysely<Database & BaselineTables>;

type BotContext = ConversationFlavor<Context>;
type RegistrationConversation = Conversation<BotContext, Context>;
type ConversationStore = RedisAdapter<VersionedState<ConversationData>>;

/** The bot, as a grammY user would write it after reading grammy.dev/plugins/conversations. */
function createBaselineBot(
  apiRoot: string,
  storage: ConversationStore | undefined,
  db: BaselineDatabase,
  translator: Translator,
  prefix: string,
): Bot<BotContext> {
  const t = (key: string, args?: Record<string, string | number>) => translator.t("ru", key, args);
  const directionLabel = (direction: string) => t(`direction-${direction}`);

  async function registerMentee(conversation: RegistrationConversation, ctx: Context): Promise<void> {
    await ctx.reply(t("register-mentee-welcome", { org: "Школа № 5 (бенчмарк)" }));
    await ctx.reply(t("register-mentee-name"));
    const fullName = await conversation.form.text({ otherwise: (ctx) => ctx.reply(t("register-mentee-name")) });

    await ctx.reply(t("register-mentee-age"));
    let age = await conversation.form.int({ otherwise: (ctx) => ctx.reply(t("error-age-number")) });
    while (age < 10 || age > 19) {
      await ctx.reply(t("error-mentee-age", { min: 10, max: 19 }));
      age = await conversation.form.int({ otherwise: (ctx) => ctx.reply(t("error-age-number")) });
    }

    await ctx.reply(t("register-mentee-grade"));
    const grade = (await conversation.form.text()).toUpperCase();

    const selected = new Set<string>();
    for (;;) {
      const keyboard = new InlineKeyboard();
      for (const direction of DIRECTIONS) {
        const label = t(selected.has(direction) ? "choice-selected" : "choice-unselected", { label: directionLabel(direction) });
        keyboard.text(label, `dir:${direction}`).row();
      }
      keyboard.text(t("button-done"), "dir:done");
      await ctx.reply(`${t("register-mentee-directions")}\n\n${t("choose-many-hint")}`, { reply_markup: keyboard });
      const press = await conversation.waitForCallbackQuery(/^dir:/, { otherwise: (ctx) => ctx.reply(t("error-use-buttons")) });
      await press.answerCallbackQuery();
      const value = press.callbackQuery.data.slice("dir:".length);
      if (value === "done" && selected.size > 0) break;
      if (value !== "done") {
        if (selected.has(value)) selected.delete(value);
        else selected.add(value);
      }
    }
    const directions = DIRECTIONS.filter((direction) => selected.has(direction));

    await ctx.reply(t("register-mentee-goals"));
    const goals = await conversation.form.text();

    const summary = t("register-mentee-summary", {
      name: fullName,
      age,
      grade,
      directions: directions.map(directionLabel).join(", "),
      goals,
    });
    await ctx.reply(summary, { reply_markup: new InlineKeyboard().text(t("button-save"), "save") });
    const save = await conversation.waitForCallbackQuery("save", { otherwise: (ctx) => ctx.reply(t("error-use-buttons")) });
    await save.answerCallbackQuery();

    await conversation.external(() =>
      db
        .insertInto("baseline_mentee_registrations")
        .values({ chat_id: String(ctx.chat!.id), full_name: fullName, age, grade, directions: JSON.stringify(directions), goals })
        .execute(),
    );
    await ctx.reply(t("register-mentee-saved-needs-parent", { name: fullName }));
  }

  const bot = new Bot<BotContext>(TOKEN, { client: { apiRoot } });
  bot.use(conversations(storage ? { storage: { type: "key", prefix, adapter: storage } } : {}));
  bot.use(createConversation(registerMentee, "registerMentee"));
  bot.command("start", (ctx) => ctx.conversation.enter("registerMentee"));
  return bot;
}

const updateHandlingBaseline: BenchCase = {
  name: NAME,
  async run(): Promise<Figure[]> {
    const load = await ChatLoad.start();
    const database = await openBenchDatabase();
    const redis = await openBenchRedis();
    const port = await freePort();
    const webhook = { url: `http://127.0.0.1:${port}/`, secret: SECRET };
    let warnings = 0;
    let errors = 0;
    let server: Server | undefined;
    try {
      const db: BaselineDatabase = database.handle.db.withTables<BaselineTables>();
      await sql`create table if not exists baseline_mentee_registrations (
        id bigserial primary key, chat_id text not null, full_name text not null, age int not null, grade text not null,
        directions jsonb not null, goals text not null, created_at timestamptz not null default now())`.execute(db);
      const storage = redis ? new RedisAdapter<VersionedState<ConversationData>>({ instance: redis.redis, ttl: 24 * 60 * 60 }) : undefined;
      const bot = createBaselineBot(load.apiRoot, storage, db, await Translator.load("ru"), redis ? `${redis.prefix}conversation:` : "");
      bot.catch((error) => {
        errors += 1;
        if (errors <= 3) progress(`baseline bot error: ${error.message}`);
      });
      await bot.init();
      await bot.api.setWebhook(webhook.url, { secret_token: SECRET });
      const handle = webhookCallback(bot, "http", { secretToken: SECRET });
      server = createServer((request, response) => {
        handle(request, response).catch((error: unknown) => {
          warnings += 1;
          if (warnings <= 3) progress(`baseline webhook: ${error instanceof Error ? error.message : String(error)}`);
          if (!response.headersSent) response.writeHead(500).end();
        });
      });
      await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", () => resolve()));

      const backends = `${database.label} + ${redis ? "Redis" : "memory sessions"}`;
      const figures = await measureRegistration({
        caseName: NAME,
        backends,
        size: loadSize(database.kind),
        load,
        bot: {
          webhook,
          startPayloads: async () => () => "bench",
          queries: () => database.handle.queryCount(),
          redisCommands: () => redis?.commands(),
          async registrations() {
            const row = await db
              .selectFrom("baseline_mentee_registrations")
              .select(sql<number>`count(*)::int`.as("count"))
              .executeTakeFirstOrThrow();
            return row.count;
          },
          logged: () => ({ warnings, errors }),
        },
        script: menteeScript(await Translator.load("ru")),
      });
      return [...figures, ...ratioFigures(NAME, measured.get("update-handling"), measured.get(NAME))];
    } finally {
      await new Promise<void>((resolve) => {
        if (!server) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await load.close();
      await redis?.close();
      await database.close();
    }
  },
};

export default updateHandlingBaseline;
