import { Redis, type RedisOptions } from "ioredis";
import type { Logger } from "./logger.ts";

const READY_TIMEOUT_MS = 20_000;

/** The longest any Redis command may take, queued while reconnecting included. */
export const REDIS_COMMAND_TIMEOUT_MS = 3_000;

/**
 * RESP2 replies have the shapes every Redis library and plugin expects (ioredis 6 speaks RESP3 by default).
 * A command fails after REDIS_COMMAND_TIMEOUT_MS, so a user gets an apology or a "please wait" instead
 * of a hang: without it, a command queued while Redis is away waits until the fourth failed reconnection,
 * and with the backoff growing that took over a minute, while the work around it (a database
 * transaction, a health probe) waited too. The connection itself is retried forever, the backoff capped.
 */
export const redisClientOptions: RedisOptions = {
  protocol: 2,
  lazyConnect: false,
  commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
  maxRetriesPerRequest: 3,
  retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
  connectTimeout: 10_000,
};

/** Connects and waits until Redis answers; fails if it does not within 20 s of start-up. */
export async function openRedis(url: string, logger?: Logger): Promise<Redis> {
  const redis = new Redis(url, redisClientOptions);
  let lastError: Error | undefined;
  redis.on("error", (error: Error) => {
    lastError = error;
    logger?.warn({ err: error }, "Redis connection error");
  });
  redis.on("reconnecting", (delayMs: number) => logger?.warn({ delayMs }, "reconnecting to Redis"));

  try {
    await waitUntilReady(redis);
  } catch (error) {
    redis.disconnect();
    throw new Error(`Redis at ${redactPassword(url)} is not reachable: ${lastError?.message ?? String(error)}`, {
      cause: lastError ?? error,
    });
  }
  redis.on("ready", () => logger?.info("Redis connection ready"));
  logger?.info({ url: redactPassword(url) }, "Redis connected");
  return redis;
}

function waitUntilReady(redis: Redis): Promise<void> {
  if (redis.status === "ready") return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off("ready", onReady);
      reject(new Error(`no answer within ${READY_TIMEOUT_MS / 1000} s`));
    }, READY_TIMEOUT_MS);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once("ready", onReady);
  });
}

function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}
