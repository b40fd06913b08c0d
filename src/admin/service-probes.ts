/**
 * One probe per service the bot depends on: each reaches the service the way the bot would, within a
 * short time, and says what it found. A probe never throws: a failure is its answer.
 */
import { access, constants, readdir } from "node:fs/promises";
import { dirname } from "node:path";
import { Redis } from "ioredis";
import { sql } from "kysely";
import pg from "pg";
import type { Config } from "#root/config.ts";
import { openDatabase } from "#root/db/connection.ts";
import { MIGRATIONS_FOLDER } from "#root/db/migrator.ts";
import { MAX_API_BASE_URL } from "#root/messengers/max/api.ts";
import { pgliteFolder, pgliteFolderInUse } from "./pglite-folder.ts";

export interface ProbeResult {
  service: "configuration" | "database" | "redis" | "telegram" | "vk" | "max";
  ok: boolean;
  /** What works ("@school_bot (id 123)") or what does not and why. */
  detail: string;
}

const TELEGRAM_API_ROOT = "https://api.telegram.org";
/** vk-io's default and the API version the VK adapter speaks. */
const VK_API_BASE_URL = "https://api.vk.ru/method";
const VK_API_VERSION = "5.199";

/** Why a request failed, in words: fetch's cause ("connect ECONNREFUSED…", ENOTFOUND…) says more than "fetch failed". */
function reason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"))
    return `no answer within ${timeoutMs / 1000} s`;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.message) return cause.message;
  if (cause?.code) return cause.code;
  return error instanceof Error ? error.message : String(error);
}

/** Settles with `work`'s answer, or rejects once `timeoutMs` has passed (the work is left to end on its own). */
async function within<T>(timeoutMs: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error("timeout"), { name: "TimeoutError" })), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function migrationFileCount(): Promise<number> {
  return (await readdir(MIGRATIONS_FOLDER)).filter((file) => file.endsWith(".sql")).length;
}

function migrationState(applied: number, files: number): string {
  return applied >= files
    ? `all ${files} migrations applied`
    : `${applied} of ${files} migrations applied (the bot applies the rest at start)`;
}

const APPLIED_MIGRATIONS = `select case when to_regclass('kysely_migration') is null then 0
  else (select count(*) from kysely_migration) end as applied`;

async function probePostgres(databaseUrl: string, timeoutMs: number): Promise<ProbeResult> {
  const url = new URL(databaseUrl);
  const where = `${url.hostname}:${url.port || 5432}${url.pathname}`;
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  // A server going away after the connection would otherwise be an unhandled "error" event.
  client.on("error", () => undefined);
  try {
    await within(timeoutMs, client.connect());
    const version = await client.query<{ server_version: string }>("show server_version");
    const applied = await client.query<{ applied: string }>(APPLIED_MIGRATIONS);
    const state = migrationState(Number(applied.rows[0]?.applied ?? 0), await migrationFileCount());
    return { service: "database", ok: true, detail: `PostgreSQL ${version.rows[0]?.server_version} at ${where}: ${state}` };
  } catch (error) {
    return { service: "database", ok: false, detail: `PostgreSQL at ${where}: ${reason(error, timeoutMs)}` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function probePglite(dataDir: string): Promise<ProbeResult> {
  if (dataDir === "memory://")
    return { service: "database", ok: true, detail: "embedded PGlite in memory: nothing is kept across restarts" };
  const folder = pgliteFolder(dataDir);
  const existing = await readdir(folder).catch(() => undefined);
  if (!existing || existing.length === 0) {
    // The bot creates the folder at its first start: it must be able to write where it goes.
    const writable = await access(dataDir, constants.W_OK)
      .then(() => true)
      .catch(() =>
        access(dirname(dataDir), constants.W_OK).then(
          () => true,
          () => false,
        ),
      );
    return writable
      ? { service: "database", ok: true, detail: `embedded PGlite: no database at ${folder} yet, the bot creates it at its first start` }
      : { service: "database", ok: false, detail: `embedded PGlite: cannot write to DATA_DIR ${dataDir}` };
  }
  // PGlite serves one process at a time: opening the folder of a running bot could damage it.
  if (await pgliteFolderInUse(folder)) {
    return { service: "database", ok: true, detail: `embedded PGlite at ${folder}: in use by a running bot, not opened` };
  }
  try {
    const handle = await openDatabase({ dataDir });
    try {
      const applied = await sql<{ applied: number }>`${sql.raw(APPLIED_MIGRATIONS)}`.execute(handle.db);
      const state = migrationState(Number(applied.rows[0]?.applied ?? 0), await migrationFileCount());
      return { service: "database", ok: true, detail: `embedded PGlite at ${folder}: ${state}` };
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { service: "database", ok: false, detail: `embedded PGlite at ${folder}: ${reason(error, 0)}` };
  }
}

export function probeDatabase(config: Config, timeoutMs: number): Promise<ProbeResult> {
  return config.databaseUrl ? probePostgres(config.databaseUrl, timeoutMs) : probePglite(config.dataDir);
}

export async function probeRedis(redisUrl: string, timeoutMs: number): Promise<ProbeResult> {
  const url = new URL(redisUrl);
  const where = `${url.hostname}:${url.port || 6379}`;
  // One attempt, no reconnection and no queue: the probe wants an answer now, not the bot's patience.
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let lastError: Error | undefined;
  redis.on("error", (error: Error) => {
    lastError = error;
  });
  try {
    await within(timeoutMs, redis.connect());
    const info = await redis.info("server");
    const version = /redis_version:(\S+)/.exec(info)?.[1] ?? "(version unknown)";
    return { service: "redis", ok: true, detail: `Redis ${version} at ${where}` };
  } catch (error) {
    return { service: "redis", ok: false, detail: `Redis at ${where}: ${reason(lastError ?? error, timeoutMs)}` };
  } finally {
    redis.disconnect();
  }
}

/** A JSON answer of a platform's HTTP API, whatever its status (the body says why it refused). */
async function fetchJson(url: string, init: RequestInit, timeoutMs: number): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
  } catch {
    throw new Error(`HTTP ${response.status}, not a JSON answer`);
  }
}

export async function probeTelegram(telegram: NonNullable<Config["telegram"]>, timeoutMs: number): Promise<ProbeResult> {
  const root = telegram.apiRoot ?? TELEGRAM_API_ROOT;
  try {
    const { status, body } = await fetchJson(`${root}/bot${telegram.token}/getMe`, {}, timeoutMs);
    const me = body.result as { id?: number; username?: string } | undefined;
    if (body.ok !== true || !me)
      return { service: "telegram", ok: false, detail: `getMe refused (HTTP ${status}): ${String(body.description ?? "no description")}` };
    // The invite links are built from the configured name: a wrong one sends coordinators to another bot.
    if (telegram.username && telegram.username.toLowerCase() !== me.username?.toLowerCase()) {
      return {
        service: "telegram",
        ok: false,
        detail: `the token is @${me.username}'s, but TELEGRAM_BOT_USERNAME says ${telegram.username}`,
      };
    }
    return {
      service: "telegram",
      ok: true,
      detail: `@${me.username} (id ${me.id})${telegram.webhook ? ", webhook mode" : ", long polling"}`,
    };
  } catch (error) {
    return { service: "telegram", ok: false, detail: `getMe at ${new URL(root).host}: ${reason(error, timeoutMs)}` };
  }
}

export async function probeVk(vk: NonNullable<Config["vk"]>, timeoutMs: number): Promise<ProbeResult> {
  const base = vk.apiBaseUrl ?? VK_API_BASE_URL;
  try {
    const form = new URLSearchParams({ access_token: vk.token, group_id: String(vk.groupId), v: VK_API_VERSION });
    const { body } = await fetchJson(`${base}/groups.getById`, { method: "POST", body: form }, timeoutMs);
    const refusal = body.error as { error_code?: number; error_msg?: string } | undefined;
    if (refusal)
      return { service: "vk", ok: false, detail: `groups.getById refused: ${refusal.error_msg ?? "error"} (code ${refusal.error_code})` };
    // API 5.199 answers { groups: [...] }; older versions answered the array itself.
    const response = body.response as { groups?: unknown[] } | unknown[] | undefined;
    const groups = (Array.isArray(response) ? response : (response?.groups ?? [])) as Array<{
      id?: number;
      name?: string;
      screen_name?: string;
    }>;
    const group = groups[0];
    if (!group) return { service: "vk", ok: false, detail: "groups.getById answered no community" };
    if (group.id !== vk.groupId) {
      return {
        service: "vk",
        ok: false,
        detail: `the token is community ${group.id}'s ("${group.name}"), but VK_GROUP_ID says ${vk.groupId}`,
      };
    }
    const mode = vk.callback ? "Callback API" : "long poll";
    return {
      service: "vk",
      ok: true,
      detail: `community ${group.id} "${group.name}" (vk.me/${group.screen_name ?? vk.screenName}), ${mode}`,
    };
  } catch (error) {
    return { service: "vk", ok: false, detail: `groups.getById at ${new URL(base).host}: ${reason(error, timeoutMs)}` };
  }
}

export async function probeMax(max: NonNullable<Config["max"]>, timeoutMs: number): Promise<ProbeResult> {
  const base = (max.apiBaseUrl ?? MAX_API_BASE_URL).replace(/\/$/, "");
  try {
    // MAX takes the token in the Authorization header only.
    const { status, body } = await fetchJson(`${base}/me`, { headers: { Authorization: max.token } }, timeoutMs);
    if (status !== 200 || typeof body.user_id !== "number") {
      return {
        service: "max",
        ok: false,
        detail: `GET /me refused (HTTP ${status}): ${String(body.message ?? body.code ?? "no description")}`,
      };
    }
    const name = typeof body.username === "string" ? body.username : undefined;
    const mode = max.webhook ? "webhook subscription" : "long polling";
    return {
      service: "max",
      ok: true,
      detail: `${name ? `@${name}` : "the bot"} (id ${body.user_id}), links max.ru/${max.username}, ${mode}`,
    };
  } catch (error) {
    return { service: "max", ok: false, detail: `GET /me at ${new URL(base).host}: ${reason(error, timeoutMs)}` };
  }
}
