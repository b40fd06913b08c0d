import type { UserFromGetMe } from "grammy/types";
import type { Redis } from "ioredis";
import { type Clock, systemClock } from "./clock.ts";
import type { Config } from "./config.ts";
import { type DatabaseHandle, openDatabase } from "./db/connection.ts";
import { migrateToLatest } from "./db/migrator.ts";
import { createRepositories, type Repositories } from "./db/repositories/index.ts";
import { inOrganisation } from "./db/scope.ts";
import { FloodGuard } from "./dialog/flood-guard.ts";
import type { StartLinks } from "./dialog/flow.ts";
import { importRedisSessions } from "./dialog/redis-sessions-import.ts";
import { DialogRuntime } from "./dialog/runtime.ts";
import { COMMAND_MENU, FLOWS, flowRouter } from "./flows/router.ts";
import type { HttpRoute } from "./http/route.ts";
import { type RunningHttpServer, startHttpServer } from "./http/server.ts";
import { LOCALES, type Locale, msg, Translator } from "./i18n/translator.ts";
import { JOBS } from "./jobs/index.ts";
import { Scheduler } from "./jobs/scheduler.ts";
import type { Logger } from "./logger.ts";
import type { MessengerPort, Platform } from "./messaging/messenger.ts";
import { createMaxAdapter, type MaxAdapter } from "./messengers/max/adapter.ts";
import { type BotDescription, type CommandMenu, createTelegramAdapter, type TelegramAdapter } from "./messengers/telegram/adapter.ts";
import { createVkAdapter, type VkAdapter } from "./messengers/vk/adapter.ts";
import { OutboxDelivery, type OutboxDeliveryOptions } from "./notify/outbox-delivery.ts";
import { clockLead, RedisSlotBook, type SlotBook } from "./notify/pacer.ts";
import { openRedis } from "./redis.ts";

export interface AppOptions {
  config: Config;
  logger: Logger;
  /** Test and playground seams: an already open database or Redis, a known bot. */
  database?: DatabaseHandle;
  redis?: Redis;
  /** How long a chat's lease lasts unless renewed (tests shorten it). */
  chatLeaseMs?: number;
  /** The repositories flows work with, wrapped (a fault test makes them fail while the inbox works). */
  wrapFlowRepositories?: (repos: Repositories) => Repositories;
  telegramBotInfo?: UserFromGetMe;
  /** Sweep interval for updates left unprocessed (crash recovery). */
  recoveryIntervalMs?: number;
  /** The clock of flows, the outbox (quiet hours, due times) and the jobs: tests set it to a given time. */
  clock?: Clock;
  /** false: jobs run only when called (`app.jobs.runAll(at)`), as tests do with their clock. Default true. */
  scheduleJobs?: boolean;
  /** The messengers' sending limits (tests and benchmarks make them fast). */
  deliveryLimits?: OutboxDeliveryOptions["limits"];
  /** Where sending slots are booked; default: Redis when configured (replicas share the bot's limit), else memory. */
  sendSlots?: SlotBook;
}

export interface App {
  repos: Repositories;
  database: DatabaseHandle;
  runtime: DialogRuntime;
  /** Inbound flood control; `throttled` counts the presses it dropped (for a metrics endpoint). */
  flood: FloodGuard;
  outbox: OutboxDelivery;
  jobs: Scheduler;
  clock: Clock;
  telegram?: TelegramAdapter;
  vk?: VkAdapter;
  max?: MaxAdapter;
  http: RunningHttpServer;
  links: StartLinks;
  /** Stops taking updates, finishes those in hand, closes pools (what SIGTERM does). */
  stop(): Promise<void>;
}

/** The composition root shared by main.ts, the admin CLI, the playground and the tests. */
export async function createApp(options: AppOptions): Promise<App> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const database = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger }));
  await migrateToLatest(database.db, logger);
  const redis = options.redis ?? (config.redisUrl ? await openRedis(config.redisUrl, logger) : undefined);
  if (redis) await importRedisSessions(redis, database.db, logger);
  const translator = await Translator.load(config.defaultLocale);
  const repos = createRepositories(database.db);
  const messengers = new Map<Platform, MessengerPort>();
  const links: StartLinks = {
    all: (payload) => [...messengers.values()].map((messenger) => ({ platform: messenger.platform, url: messenger.startLink(payload) })),
  };
  const outbox = new OutboxDelivery({
    repos,
    messengers,
    translator,
    logger,
    defaultLocale: config.defaultLocale,
    now: clock,
    limits: options.deliveryLimits,
    // Redis's clock, followed forward by a test's or the playground's clock (see clockLead).
    slots:
      options.sendSlots ??
      (redis
        ? new RedisSlotBook(
            redis,
            undefined,
            clockLead(() => clock().getTime()),
          )
        : undefined),
  });
  const flood = new FloodGuard(config.flood, () => clock().getTime());
  const runtime = new DialogRuntime({
    inbox: repos.inbox,
    accounts: repos.accounts,
    leaseMs: options.chatLeaseMs,
    messengers,
    flows: FLOWS,
    router: flowRouter,
    translator,
    outbox,
    flowServices: {
      repos: options.wrapFlowRepositories ? options.wrapFlowRepositories(repos) : repos,
      notify: outbox,
      links,
      inOrganisation: (orgId, work) => inOrganisation(database.db, orgId, work),
      kickDelivery: () => outbox.kick(),
    },
    defaultLocale: config.defaultLocale,
    logger,
    inSendingSlot: (platform, send) => outbox.sendReply(platform, send),
    clock,
    flood,
  });

  const jobs = new Scheduler({
    jobs: JOBS,
    context: {
      repos,
      logger: logger.child({ part: "jobs" }),
      translator,
      kickDelivery: () => outbox.kick(),
      forgetChat: (platform, chatId) => runtime.forgetChat(platform, chatId),
    },
    clock,
    logger,
  });

  // A 429 met anywhere (a reply, an edit, an outbox send, retried or not) holds and slows down the
  // platform for every replica; with Redis away the replicas share nothing anyway.
  const rateLimited = (platform: Platform) => (retryAfterMs: number) =>
    void outbox
      .rateLimited(platform, retryAfterMs)
      .catch((error: unknown) => logger.warn({ err: error, platform }, "rate limit not recorded"));
  const routes: HttpRoute[] = [];
  let telegram: TelegramAdapter | undefined;
  let vk: VkAdapter | undefined;
  let max: MaxAdapter | undefined;
  if (config.telegram) {
    telegram = createTelegramAdapter({
      token: config.telegram.token,
      apiRoot: config.telegram.apiRoot,
      username: config.telegram.username,
      webhook: config.telegram.webhook,
      sink: runtime,
      logger: logger.child({ platform: "telegram" }),
      botInfo: options.telegramBotInfo,
      commandMenus: commandMenus(translator, config.defaultLocale),
      descriptions: botDescriptions(translator, config.defaultLocale),
      onRateLimited: rateLimited("telegram"),
    });
    messengers.set("telegram", telegram);
    routes.push(...telegram.routes);
  }
  if (config.vk) {
    vk = createVkAdapter({
      token: config.vk.token,
      groupId: config.vk.groupId,
      screenName: config.vk.screenName,
      apiBaseUrl: config.vk.apiBaseUrl,
      callback: config.vk.callback,
      sink: runtime,
      logger,
      onRateLimited: rateLimited("vk"),
    });
    messengers.set("vk", vk);
    routes.push(...vk.routes);
  }
  if (config.max) {
    max = createMaxAdapter({
      token: config.max.token,
      username: config.max.username,
      apiBaseUrl: config.max.apiBaseUrl,
      webhook: config.max.webhook,
      sink: runtime,
      logger,
      onRateLimited: rateLimited("max"),
    });
    messengers.set("max", max);
    routes.push(...max.routes);
  }
  routes.push({
    method: "GET",
    path: "/healthz",
    async handle() {
      // A probe answers within a few seconds whatever hangs: an orchestrator waiting on it learns nothing.
      const [databaseUp, redisUp] = await Promise.all([
        withinProbeTime(database.ping()),
        redis ? withinProbeTime(redis.ping().then((answer) => answer === "PONG")) : Promise.resolve("not configured" as const),
      ]);
      const checks = { database: databaseUp, redis: redisUp };
      const healthy = checks.database && checks.redis !== false;
      return {
        status: healthy ? 200 : 503,
        body: JSON.stringify({ ok: healthy, checks }),
        headers: { "content-type": "application/json" },
      };
    },
  });

  const http = await startHttpServer({ port: config.httpPort, routes, logger });
  await telegram?.start();
  await vk?.start();
  await max?.start();
  runtime.startRecovery(options.recoveryIntervalMs);
  outbox.start();
  if (options.scheduleJobs !== false) jobs.start();
  logger.info(
    { port: http.port, database: database.kind, redis: Boolean(redis), telegram: Boolean(telegram), vk: Boolean(vk), max: Boolean(max) },
    "Nastavnik is running",
  );

  return {
    repos,
    database,
    runtime,
    flood,
    outbox,
    jobs,
    clock,
    telegram,
    vk,
    max,
    http,
    links,
    async stop() {
      await http.close();
      await telegram?.stop();
      await vk?.stop();
      await max?.stop();
      await jobs.stop();
      await runtime.stop();
      await outbox.stop();
      if (!options.redis) await redis?.quit().catch(() => undefined);
      if (!options.database) await database.close();
    },
  };
}

const PROBE_TIMEOUT_MS = 2_000;

/** True when the check answers true within PROBE_TIMEOUT_MS; false when it fails, answers false or takes longer. */
function withinProbeTime(check: Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
  });
  return Promise.race([check.catch(() => false), late]).finally(() => clearTimeout(timer));
}

/**
 * What the bot's profile tells someone who opens it from a forwarded link (a parent, most often):
 * in the default language for every client, and in each other language for its clients.
 */
function botDescriptions(translator: Translator, defaultLocale: Locale): BotDescription[] {
  const texts = (locale: Locale) => ({
    description: translator.render(locale, msg("bot-description")),
    shortDescription: translator.render(locale, msg("bot-short-description")),
  });
  return [
    texts(defaultLocale),
    ...LOCALES.filter((locale) => locale !== defaultLocale).map((locale) => ({ languageCode: locale, ...texts(locale) })),
  ];
}

/** Telegram's "/" menu in the default language for every client, and in each other language for its clients. */
function commandMenus(translator: Translator, defaultLocale: Locale): CommandMenu[] {
  const commands = (locale: Locale) =>
    COMMAND_MENU.map(({ command, description }) => ({ command, description: translator.render(locale, description) }));
  return [
    { commands: commands(defaultLocale) },
    ...LOCALES.filter((locale) => locale !== defaultLocale).map((locale) => ({ languageCode: locale, commands: commands(locale) })),
  ];
}
