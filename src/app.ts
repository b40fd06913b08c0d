import { readdir } from "node:fs/promises";
import type { UserFromGetMe } from "grammy/types";
import type { Redis } from "ioredis";
import { sql } from "kysely";
import { type Clock, systemClock } from "./clock.ts";
import type { Config } from "./config.ts";
import { type DatabaseHandle, openDatabase } from "./db/connection.ts";
import { MIGRATIONS_FOLDER, migrateToLatest } from "./db/migrator.ts";
import { createRepositories, type Repositories } from "./db/repositories/index.ts";
import { inOrganisation, inTerritory } from "./db/scope.ts";
import { FloodGuard } from "./dialog/flood-guard.ts";
import type { StartLinks } from "./dialog/flow.ts";
import { importRedisSessions } from "./dialog/redis-sessions-import.ts";
import { DialogRuntime } from "./dialog/runtime.ts";
import { COMMAND_MENU, FLOWS, flowRouter } from "./flows/router.ts";
import { livenessRoute, readinessRoute, withinProbeTime } from "./http/probes.ts";
import type { HttpRoute } from "./http/route.ts";
import { secretMatches } from "./http/secret.ts";
import { type RunningHttpServer, startHttpServer } from "./http/server.ts";
import { LOCALES, type Locale, msg, Translator } from "./i18n/translator.ts";
import { JOBS } from "./jobs/index.ts";
import { Scheduler } from "./jobs/scheduler.ts";
import type { Logger } from "./logger.ts";
import type { MessengerPort, Platform, SendResult } from "./messaging/messenger.ts";
import { createMaxAdapter, type MaxAdapter } from "./messengers/max/adapter.ts";
import { type BotDescription, type CommandMenu, createTelegramAdapter, type TelegramAdapter } from "./messengers/telegram/adapter.ts";
import { createVkAdapter, type VkAdapter } from "./messengers/vk/adapter.ts";
import { Metrics } from "./metrics.ts";
import { OutboxDelivery, type OutboxDeliveryOptions } from "./notify/outbox-delivery.ts";
import { clockLead, RedisSlotBook, type SlotBook } from "./notify/pacer.ts";
import { NoPlatformReachableError, PlatformConnection, StartStoppedError } from "./platform-connection.ts";
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
  /**
   * SIGTERM while starting: the start stops where it is (a messenger's attempt included), what it
   * opened is closed as app.stop() closes it, and createApp rejects with StartStoppedError.
   */
  signal?: AbortSignal;
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
  /** Each configured messenger's connection: connected, or given up on at start-up or lost since, and tried again in the background. */
  connections: PlatformConnection[];
  http: RunningHttpServer;
  links: StartLinks;
  /** The Prometheus series GET /metrics answers with (README, "Metrics"). */
  metrics: Metrics;
  /** Stops taking updates, finishes those in hand, closes pools (what SIGTERM does). */
  stop(): Promise<void>;
}

/**
 * The composition root shared by main.ts, the admin CLI, the playground and the tests. Resolves once
 * every configured messenger is connected or the start-up time (PLATFORM_CONNECT_TIMEOUT) ran out for
 * it; rejects with NoPlatformReachableError when none could be reached, with everything closed again.
 */
export async function createApp(options: AppOptions): Promise<App> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  // Aborted by stop() and by options.signal: ends every connection attempt, at start-up or in the background.
  const lifetime = new AbortController();
  const stopStarting = () => lifetime.abort(new StartStoppedError("stopped while starting"));
  if (options.signal?.aborted) stopStarting();
  else options.signal?.addEventListener("abort", stopStarting, { once: true });
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      preparedStatements: config.preparedStatements,
      dataDir: config.dataDir,
      logger,
    }));
  await migrateToLatest(database.db, logger);
  const latestMigration = await newestMigrationName();
  const redis = options.redis ?? (config.redisUrl ? await openRedis(config.redisUrl, logger) : undefined);
  if (redis) await importRedisSessions(redis, database.db, logger);
  const translator = await Translator.load(config.defaultLocale);
  const repos = createRepositories(database.db);
  const metrics = new Metrics();
  metrics.readFrom({
    platforms: [config.telegram && "telegram", config.vk && "vk", config.max && "max"].filter((p): p is Platform => Boolean(p)),
    inboxBacklog: () => repos.inbox.backlog(),
    outboxDepth: () => repos.outbox.depthByPlatform(clock()),
    pool: () => database.poolStats(),
  });
  const messengers = new Map<Platform, MessengerPort>();
  const connections: PlatformConnection[] = [];
  // A messenger not reached yet gets no link: whoever followed it would wait for an answer, and Telegram
  // does not even tell the bot's name before getMe.
  const connected = (platform: Platform) => connections.find((connection) => connection.platform === platform)?.state === "connected";
  const links: StartLinks = {
    all: (payload) =>
      [...messengers.values()]
        .filter((messenger) => connected(messenger.platform))
        .map((messenger) => ({ platform: messenger.platform, url: messenger.startLink(payload) })),
  };
  const outbox = new OutboxDelivery({
    repos,
    messengers,
    translator,
    logger,
    defaultLocale: config.defaultLocale,
    now: clock,
    limits: options.deliveryLimits,
    metrics,
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
      inTerritory: (territoryId, work) => inTerritory(database.db, territoryId, work),
      kickDelivery: () => outbox.kick(),
      download: async (platform, media, maxBytes) => {
        const messenger = messengers.get(platform);
        if (!messenger) return { ok: false, reason: "failed", error: `${platform} is not configured` };
        return messenger.download(media, maxBytes);
      },
    },
    defaultLocale: config.defaultLocale,
    logger,
    inSendingSlot: (platform, send) => outbox.sendReply(platform, send),
    clock,
    flood,
    metrics,
  });

  const jobs = new Scheduler({
    jobs: JOBS,
    context: {
      repos,
      logger: logger.child({ part: "jobs" }),
      translator,
      inTerritory: (territoryId, work) => inTerritory(database.db, territoryId, work),
      kickDelivery: () => outbox.kick(),
      forgetChat: (platform, chatId) => runtime.forgetChat(platform, chatId),
    },
    clock,
    logger,
    metrics,
  });

  // A 429 met anywhere (a reply, an edit, an outbox send, retried or not) holds and slows down the
  // platform for every replica; with Redis away the replicas share nothing anyway.
  const rateLimited = (platform: Platform) => (retryAfterMs: number) => {
    metrics.rateLimited.inc({ platform });
    void outbox
      .rateLimited(platform, retryAfterMs)
      .catch((error: unknown) => logger.warn({ err: error, platform }, "rate limit not recorded"));
  };
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
    messengers.set("telegram", countingSends(telegram, metrics));
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
    messengers.set("vk", countingSends(vk, metrics));
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
    messengers.set("max", countingSends(max, metrics));
    routes.push(...max.routes);
  }
  routes.push({
    method: "GET",
    path: "/healthz",
    async handle() {
      // The old combined check, kept for probes written against it: /livez and /readyz tell more.
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
  if (config.metricsToken) routes.push(metricsRoute(metrics, config.metricsToken));
  let started = false;
  routes.push(
    livenessRoute,
    readinessRoute({
      database: () => database.ping(),
      migrations: async () => {
        const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration WHERE name = ${latestMigration}`.execute(database.db);
        return applied.rows.length === 1;
      },
      ...(redis ? { redis: () => redis.ping().then((answer) => answer === "PONG") } : {}),
      started: () => started,
      platforms: () => Object.fromEntries(connections.map((connection) => [connection.platform, connection.state])),
    }),
  );

  const policy = { timeoutMs: config.platformConnectTimeoutMs };
  for (const adapter of [telegram, vk, max]) {
    if (!adapter) continue;
    const connection = new PlatformConnection(
      { platform: adapter.platform, start: (signal, lost) => adapter.start(signal, lost) },
      policy,
      logger.child({ part: "start-up" }),
    );
    connections.push(connection);
  }

  // The workers start with the first messenger reached: the ones that answer are served while another is still tried.
  let workersStarted = false;
  const startWorkers = () => {
    if (workersStarted || lifetime.signal.aborted) return;
    workersStarted = true;
    runtime.startRecovery(options.recoveryIntervalMs);
    outbox.start();
    if (options.scheduleJobs !== false) jobs.start();
  };
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      lifetime.abort(new StartStoppedError("stopping"));
      await http?.close();
      // A background attempt ends at the abort; a start it was in the middle of must not race the stops below.
      await Promise.allSettled(connections.map((connection) => connection.settled()));
      await telegram?.stop();
      await vk?.stop();
      await max?.stop();
      await jobs.stop();
      await runtime.stop();
      await outbox.stop();
      if (!options.redis) await redis?.quit().catch(() => undefined);
      if (!options.database) await database.close();
    })();
    return stopping;
  };

  let http: RunningHttpServer | undefined;
  let reachedInTime: boolean[] = [];
  try {
    lifetime.signal.throwIfAborted();
    http = await startHttpServer({ port: config.httpPort, routes, logger });
    reachedInTime = await Promise.all(
      connections.map(async (connection) => {
        const reached = await connection.connectWithin(lifetime.signal);
        if (reached) startWorkers();
        return reached;
      }),
    );
    if (!reachedInTime.includes(true)) throw new NoPlatformReachableError(connections, config.platformConnectTimeoutMs);
  } catch (error) {
    await stop();
    // The stop signal's reason surfaces from whichever step it interrupted, a connection attempt or a sleep.
    if (options.signal?.aborted) throw new StartStoppedError("stopped while starting", { cause: error });
    throw error;
  } finally {
    options.signal?.removeEventListener("abort", stopStarting);
  }
  for (const [index, connection] of connections.entries()) {
    // One that connected and was lost while the others were still tried is tried again already.
    if (reachedInTime[index]) continue;
    logger.error(
      { platform: connection.platform, lastError: connection.lastError },
      `serving without ${connection.platform}: it is tried again in the background, and served once it answers`,
    );
    void connection.keepTrying(lifetime.signal);
  }
  started = true;
  const running = http;
  logger.info(
    {
      port: running.port,
      database: database.kind,
      redis: Boolean(redis),
      platforms: Object.fromEntries(connections.map((connection) => [connection.platform, connection.state])),
    },
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
    connections,
    http: running,
    links,
    metrics,
    stop,
  };
}

/**
 * `GET /metrics`: the Prometheus text exposition, for a scraper that sends `Authorization: Bearer
 * <METRICS_TOKEN>` (checked in constant time before anything is read; 401 otherwise).
 */
function metricsRoute(metrics: Metrics, token: string): HttpRoute {
  return {
    method: "GET",
    path: "/metrics",
    authorize: (headers) => {
      const given = headers.authorization;
      return typeof given === "string" && given.startsWith("Bearer ") && secretMatches(given.slice("Bearer ".length), token);
    },
    async handle() {
      const { contentType, body } = await metrics.render();
      return { status: 200, body, headers: { "content-type": contentType } };
    },
  };
}

/**
 * The messenger as the runtime and the outbox use it, counting every message sent and every screen
 * updated in place by outcome (sent, blocked: the platform's 403, failed): an increment when the
 * platform's answer is in, nothing awaited.
 */
function countingSends(messenger: MessengerPort, metrics: Metrics): MessengerPort {
  const platform = messenger.platform;
  const counting =
    (counter: Metrics["sends"] | Metrics["edits"]) =>
    (result: SendResult): SendResult => {
      counter.inc({ platform, outcome: result.ok ? "sent" : result.reason });
      return result;
    };
  const countSend = counting(metrics.sends);
  const countEdit = counting(metrics.edits);
  return {
    platform,
    send: (to, message, options) => messenger.send(to, message, options).then(countSend),
    edit: (to, message, replacement) => messenger.edit(to, message, replacement).then(countEdit),
    removeButtons: (to, messages) => messenger.removeButtons(to, messages),
    answerPress: (to, answerId, toast) => messenger.answerPress(to, answerId, toast),
    showActivity: (to, activity) => messenger.showActivity(to, activity),
    startLink: (payload) => messenger.startLink(payload),
    download: (media, maxBytes) => messenger.download(media, maxBytes),
  };
}

/** The newest migration this code ships: /readyz is not ready on a database that lacks it. */
async function newestMigrationName(): Promise<string | undefined> {
  const files = (await readdir(MIGRATIONS_FOLDER)).filter((file) => file.endsWith(".sql")).sort();
  return files.at(-1)?.slice(0, -".sql".length);
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
