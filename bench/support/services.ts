import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import type { Redis } from "ioredis";
import { type Logger, pino } from "pino";
import { type DatabaseHandle, openDatabase } from "#root/db/connection.ts";
import { openScratchDatabase } from "#root/devtools/scratch-database.ts";
import { openRedis } from "#root/redis.ts";
import { progress } from "../figure.ts";

/**
 * The servers a benchmark case runs against: those of DATABASE_URL and REDIS_URL when set (a scratch
 * database, dropped afterwards, and a key prefix of its own), else an in-memory PGlite and no Redis.
 */

export interface BenchDatabase {
  handle: DatabaseHandle;
  kind: DatabaseHandle["kind"];
  /** "PostgreSQL server" or "PGlite (in memory)": for the figures. */
  label: string;
  close(): Promise<void>;
}

/** A fresh database for one case: `nastavnik_bench_<hex>` on the DATABASE_URL server, or PGlite. */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const handle = await openDatabase({ dataDir: "memory://" });
    return { handle, kind: "pglite", label: "PGlite (in memory)", close: () => handle.close() };
  }
  const handle = await openScratchDatabase(serverUrl, "nastavnik_bench");
  return { handle, kind: "postgres", label: "PostgreSQL server", close: () => handle.close() };
}

export interface BenchRedis {
  redis: Redis;
  /** Keys of this run start with it; close() deletes them. */
  prefix: string;
  /** Commands sent so far: every `sendCommand`, so an EVAL or a SET … NX counts one round trip. */
  commands(): number;
  close(): Promise<void>;
}

/** A client on REDIS_URL that counts its commands, or undefined when REDIS_URL is unset. */
export async function openBenchRedis(): Promise<BenchRedis | undefined> {
  const url = process.env.REDIS_URL;
  if (!url) return undefined;
  const redis = await openRedis(url);
  let count = 0;
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = ((...args: Parameters<Redis["sendCommand"]>) => {
    count += 1;
    return send(...args);
  }) as Redis["sendCommand"];
  const prefix = `bench:${randomBytes(4).toString("hex")}:`;
  return {
    redis,
    prefix,
    commands: () => count,
    async close() {
      // Finished conversations delete their state; whatever a failed chat left goes here.
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== "0");
      await redis.quit();
    },
  };
}

export interface CountingLogger {
  logger: Logger;
  warnings(): number;
  errors(): number;
  /** Prints the first few distinct messages (stderr), so a failing run says why. */
  report(): void;
}

/** A pino logger at "warn" that counts lines instead of printing them (thousands would flood the run). */
export function countingLogger(): CountingLogger {
  let warnings = 0;
  let errors = 0;
  const samples = new Map<string, number>();
  const logger = pino(
    { level: "warn" },
    {
      write(line: string) {
        const entry = JSON.parse(line) as { level: number; msg?: string; err?: { message?: string } };
        if (entry.level >= 50) errors += 1;
        else warnings += 1;
        const key = `${entry.level >= 50 ? "error" : "warn"}: ${entry.msg ?? ""}${entry.err?.message ? ` (${entry.err.message.slice(0, 160)})` : ""}`;
        samples.set(key, (samples.get(key) ?? 0) + 1);
      },
    },
  );
  return {
    logger,
    warnings: () => warnings,
    errors: () => errors,
    report() {
      for (const [key, times] of [...samples.entries()].slice(0, 5)) progress(`log ${key} ×${times}`);
    },
  };
}

/** A free TCP port of 127.0.0.1 (the webhook URL is given to setWebhook before the server listens). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
