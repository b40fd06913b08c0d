import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { redisClientOptions } from "../../src/redis.ts";

/** A client on REDIS_URL with the app's options, or undefined when no Redis is configured. */
export async function openTestRedis(): Promise<Redis | undefined> {
  const url = process.env.REDIS_URL;
  if (!url) return undefined;
  const redis = new Redis(url, { ...redisClientOptions, lazyConnect: true });
  // Connection errors (a fault test restarting a server) surface through the commands; ioredis would
  // otherwise print each one as an unhandled error event.
  redis.on("error", (error: Error) => {
    if (process.env.TEST_REDIS_DEBUG) console.error(`redis client ${url}: ${error.message}`);
  });
  if (process.env.TEST_REDIS_DEBUG)
    redis.on("reconnecting", (ms: number) => console.error(`redis client ${url}: reconnecting in ${ms} ms`));
  await redis.connect();
  return redis;
}

/** A key prefix no other test file uses, so files can share one Redis. */
export function uniquePrefix(label = "t"): string {
  return `${label}:${randomBytes(4).toString("hex")}:`;
}
