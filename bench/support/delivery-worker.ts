import type { Logger } from "pino";
import type { Repositories } from "#root/db/repositories/index.ts";
import type { OutboxRepository } from "#root/db/repositories/outbox.ts";
import type { Translator } from "#root/i18n/translator.ts";
import { createTelegramAdapter } from "#root/messengers/telegram/adapter.ts";
import { OutboxDelivery } from "#root/notify/outbox-delivery.ts";
import type { PlatformLimits, SlotBook } from "#root/notify/pacer.ts";
import { BOT_USERNAME } from "./fake-bot-api.ts";

/**
 * One delivery worker of the delivery case: the bot's own OutboxDelivery with the real grammY-based
 * Telegram adapter, pointed at the fake Bot API (polling never started: only `send` is used), on the
 * real clock. It runs in a process of its own (delivery-process.ts) or, on PGlite, three share one.
 */

export const BENCH_BOT_TOKEN = "123456:bench-token-abcdefghijklmnopqrstuvwxyz";

/**
 * Where the workers book their sending slots (the per-bot limit): each in its own memory, as the bot
 * does without REDIS_URL; one book in Redis, as createApp sets up with REDIS_URL; or, for workers in
 * one process, one book in its memory.
 */
export type SendSlots = { kind: "own" } | { kind: "redis"; url: string; prefix: string } | { kind: "shared-here" };

export interface DeliveryWorkerSettings {
  /** The fake Bot API. */
  apiRoot: string;
  /** Telegram's limits for the pacer; the bot's defaults (DEFAULT_LIMITS) when absent. */
  telegramLimits?: PlatformLimits;
  sendSlots: SendSlots;
}

/** What a worker saw of its claims: every `claimDue` it made while running, with its time. */
export interface DeliveryWorkerReport {
  /** Milliseconds of each claimDue that returned rows (the advisory lock's wait included). */
  claimMs: number[];
  /** Claims that found nothing due (all recipients busy, or the backlog empty). */
  emptyClaims: number;
  claimedRows: number;
  /** From the stop request to the end of the batch in hand, in ms. */
  drainMs: number;
}

export interface DeliveryWorker {
  /** Claims nothing more, finishes the batch in hand, and reports. */
  stop(): Promise<DeliveryWorkerReport>;
}

/** Starts delivering the outbox of `repos` through the fake Bot API at once; `slots` as `settings.sendSlots` says. */
export function startDeliveryWorker(
  repos: Repositories,
  settings: DeliveryWorkerSettings,
  translator: Translator,
  logger: Logger,
  slots: SlotBook | undefined,
): DeliveryWorker {
  const report: DeliveryWorkerReport = { claimMs: [], emptyClaims: 0, claimedRows: 0, drainMs: 0 };
  let stopping = false;
  // The repository as the bot has it, but timing each claim and claiming nothing once asked to stop
  // (OutboxDelivery.stop waits for the round under way, which lasts as long as there is a backlog).
  const outbox: OutboxRepository = Object.create(repos.outbox) as OutboxRepository;
  outbox.claimDue = async (...args: Parameters<OutboxRepository["claimDue"]>) => {
    if (stopping) return [];
    const started = performance.now();
    const rows = await repos.outbox.claimDue(...args);
    if (rows.length === 0) report.emptyClaims += 1;
    else {
      report.claimMs.push(performance.now() - started);
      report.claimedRows += rows.length;
    }
    return rows;
  };
  const telegram = createTelegramAdapter({
    token: BENCH_BOT_TOKEN,
    apiRoot: settings.apiRoot,
    username: BOT_USERNAME,
    sink: {
      accept: () => Promise.reject(new Error("the delivery benchmark's bot receives no updates")),
    },
    logger: logger.child({ platform: "telegram" }),
  });
  const delivery = new OutboxDelivery({
    repos: { ...repos, outbox },
    messengers: new Map([["telegram", telegram]]),
    translator,
    logger,
    defaultLocale: "ru",
    ...(settings.telegramLimits ? { limits: { telegram: settings.telegramLimits } } : {}),
    ...(slots ? { slots } : {}),
  });
  delivery.start();
  return {
    async stop() {
      const asked = performance.now();
      stopping = true;
      await delivery.stop();
      report.drainMs = performance.now() - asked;
      return report;
    },
  };
}
