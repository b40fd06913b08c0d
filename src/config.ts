import { existsSync } from "node:fs";
import { z } from "zod";

/** The only reader of process.env. Every variable here is documented in .env.example. */

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const optionalUrl = (protocols: string[]) =>
  optionalString.refine((value) => value === undefined || protocols.some((protocol) => value.startsWith(`${protocol}://`)), {
    message: `must be a URL starting with ${protocols.map((p) => `${p}://`).join(" or ")}`,
  });

const flag = z
  .string()
  .trim()
  .optional()
  .transform((value) => value === "1" || value === "true" || value === "yes");

const schema = z
  .object({
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    LOG_PRETTY: flag,
    HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    DATABASE_URL: optionalUrl(["postgres", "postgresql"]),
    // Named prepared statements (src/db/connection.ts); off for a PgBouncer in transaction mode older than
    // 1.21, which cannot keep a session's prepared statements across transactions.
    DATABASE_PREPARED_STATEMENTS: z.enum(["on", "off"]).default("on"),
    DATA_DIR: z.string().trim().min(1).default("./data"),
    REDIS_URL: optionalUrl(["redis", "rediss"]),
    DEFAULT_LOCALE: z.enum(["ru", "en"]).default("ru"),
    // Inbound flood control (src/dialog/flood-guard.ts): updates a chat may send at once, and per second
    // after that. Ten at once lets a person tick every option of a multi-select and press Done quickly;
    // two a second holds a child hammering a button to a couple of handled presses (a few statements each).
    FLOOD_BURST: z.coerce.number().int().min(1).max(1_000).default(10),
    FLOOD_RATE: z.coerce.number().positive().max(1_000).default(2),
    // How long start-up tries to reach each messenger before giving up on it (see README, "Start-up"):
    // two minutes ride out a restarting proxy or a slow DNS, and a deploy learns of a blocked API soon.
    // GET /metrics answers only a scraper that sends `Authorization: Bearer <METRICS_TOKEN>`; unset: no /metrics.
    METRICS_TOKEN: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9._~+/=-]{16,256}$/.test(v), {
      message: "must be 16–256 characters of A–Z a–z 0–9 . _ ~ + / = -",
    }),
    PLATFORM_CONNECT_TIMEOUT: z.coerce.number().positive().max(3_600).default(120),
    TELEGRAM_BOT_TOKEN: optionalString.refine((v) => v === undefined || /^\d+:[\w-]{20,}$/.test(v), {
      message: "looks wrong: a token from @BotFather looks like 123456:ABC-DEF…",
    }),
    TELEGRAM_BOT_USERNAME: optionalString,
    TELEGRAM_API_ROOT: optionalUrl(["http", "https"]),
    TELEGRAM_WEBHOOK_URL: optionalUrl(["https", "http"]),
    TELEGRAM_WEBHOOK_SECRET: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9_-]{16,256}$/.test(v), {
      message: "must be 16–256 characters of A–Z a–z 0–9 _ -",
    }),
    VK_GROUP_TOKEN: optionalString,
    VK_GROUP_ID: z.coerce.number().int().positive().optional(),
    VK_GROUP_SCREEN_NAME: optionalString,
    VK_API_BASE_URL: optionalUrl(["http", "https"]),
    // A short secret can be guessed by anyone who finds the callback address; VK takes up to 50.
    VK_CALLBACK_SECRET: optionalString.refine((v) => v === undefined || (v.length >= 16 && v.length <= 50), {
      message: "must be 16–50 characters (the secret key of the community's Callback API settings)",
    }),
    VK_CONFIRMATION_CODE: optionalString,
    MAX_BOT_TOKEN: optionalString,
    // Deep links are max.ru/<name>?start=…: the bot's name as the MAX partner platform shows it.
    MAX_BOT_USERNAME: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9_]{2,64}$/.test(v), {
      message: "must be the bot's name for links (letters, digits, _), as in max.ru/<name>",
    }),
    MAX_API_BASE_URL: optionalUrl(["http", "https"]),
    MAX_WEBHOOK_URL: optionalUrl(["https", "http"]),
    MAX_WEBHOOK_SECRET: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9_-]{16,256}$/.test(v), {
      message: "must be 16–256 characters of A–Z a–z 0–9 _ -",
    }),
  })
  .superRefine((env, issues) => {
    if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
      issues.addIssue({
        code: "custom",
        path: ["TELEGRAM_WEBHOOK_SECRET"],
        message: "is required when TELEGRAM_WEBHOOK_URL is set",
      });
    }
    if (env.VK_GROUP_TOKEN && !env.VK_GROUP_ID) {
      issues.addIssue({ code: "custom", path: ["VK_GROUP_ID"], message: "is required when VK_GROUP_TOKEN is set" });
    }
    if (Boolean(env.VK_CALLBACK_SECRET) !== Boolean(env.VK_CONFIRMATION_CODE)) {
      issues.addIssue({
        code: "custom",
        path: [env.VK_CALLBACK_SECRET ? "VK_CONFIRMATION_CODE" : "VK_CALLBACK_SECRET"],
        message: "VK_CALLBACK_SECRET and VK_CONFIRMATION_CODE go together (Callback API)",
      });
    }
    if (env.MAX_BOT_TOKEN && !env.MAX_BOT_USERNAME) {
      issues.addIssue({
        code: "custom",
        path: ["MAX_BOT_USERNAME"],
        message: "is required when MAX_BOT_TOKEN is set (it makes the max.ru links)",
      });
    }
    if (env.MAX_WEBHOOK_URL && !env.MAX_WEBHOOK_SECRET) {
      issues.addIssue({ code: "custom", path: ["MAX_WEBHOOK_SECRET"], message: "is required when MAX_WEBHOOK_URL is set" });
    }
  });

export interface Config {
  logLevel: z.infer<typeof schema>["LOG_LEVEL"];
  logPretty: boolean;
  httpPort: number;
  databaseUrl?: string;
  /** Repeated statements as named prepared statements on PostgreSQL (DATABASE_PREPARED_STATEMENTS). */
  preparedStatements: boolean;
  dataDir: string;
  redisUrl?: string;
  defaultLocale: "ru" | "en";
  /** A chat's token bucket (src/dialog/flood-guard.ts): presses beyond it are answered kindly and dropped. */
  flood: { burst: number; perSecond: number };
  /** The bearer token GET /metrics asks for; undefined: the route is not served. */
  metricsToken?: string;
  /** How long start-up tries to reach each messenger before serving without it (or exiting, if none answers). */
  platformConnectTimeoutMs: number;
  telegram?: {
    token: string;
    username?: string;
    apiRoot?: string;
    webhook?: { url: string; secret: string };
  };
  vk?: {
    token: string;
    groupId: number;
    screenName: string;
    apiBaseUrl?: string;
    callback?: { secret: string; confirmationCode: string };
  };
  max?: {
    token: string;
    username: string;
    apiBaseUrl?: string;
    webhook?: { url: string; secret: string };
  };
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Loads `.env` from the working directory into process.env when the file exists; variables
 * already set in the environment win (as with docker compose's env_file).
 */
export function loadDotEnv(path = ".env"): void {
  if (!existsSync(path)) return;
  const before = { ...process.env };
  process.loadEnvFile(path);
  Object.assign(process.env, before);
}

/** Reads and validates the environment; throws ConfigError naming every wrong variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".") || "(env)"}: ${issue.message}`);
    throw new ConfigError(`Configuration is invalid:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    logLevel: e.LOG_LEVEL,
    logPretty: e.LOG_PRETTY,
    httpPort: e.HTTP_PORT,
    databaseUrl: e.DATABASE_URL,
    preparedStatements: e.DATABASE_PREPARED_STATEMENTS === "on",
    dataDir: e.DATA_DIR,
    redisUrl: e.REDIS_URL,
    defaultLocale: e.DEFAULT_LOCALE,
    flood: { burst: e.FLOOD_BURST, perSecond: e.FLOOD_RATE },
    metricsToken: e.METRICS_TOKEN,
    platformConnectTimeoutMs: Math.round(e.PLATFORM_CONNECT_TIMEOUT * 1_000),
    telegram: e.TELEGRAM_BOT_TOKEN
      ? {
          token: e.TELEGRAM_BOT_TOKEN,
          username: e.TELEGRAM_BOT_USERNAME,
          apiRoot: e.TELEGRAM_API_ROOT,
          webhook:
            e.TELEGRAM_WEBHOOK_URL && e.TELEGRAM_WEBHOOK_SECRET
              ? { url: e.TELEGRAM_WEBHOOK_URL, secret: e.TELEGRAM_WEBHOOK_SECRET }
              : undefined,
        }
      : undefined,
    vk:
      e.VK_GROUP_TOKEN && e.VK_GROUP_ID
        ? {
            token: e.VK_GROUP_TOKEN,
            groupId: e.VK_GROUP_ID,
            screenName: e.VK_GROUP_SCREEN_NAME ?? `club${e.VK_GROUP_ID}`,
            apiBaseUrl: e.VK_API_BASE_URL,
            callback:
              e.VK_CALLBACK_SECRET && e.VK_CONFIRMATION_CODE
                ? { secret: e.VK_CALLBACK_SECRET, confirmationCode: e.VK_CONFIRMATION_CODE }
                : undefined,
          }
        : undefined,
    max:
      e.MAX_BOT_TOKEN && e.MAX_BOT_USERNAME
        ? {
            token: e.MAX_BOT_TOKEN,
            username: e.MAX_BOT_USERNAME,
            apiBaseUrl: e.MAX_API_BASE_URL,
            webhook: e.MAX_WEBHOOK_URL && e.MAX_WEBHOOK_SECRET ? { url: e.MAX_WEBHOOK_URL, secret: e.MAX_WEBHOOK_SECRET } : undefined,
          }
        : undefined,
  };
}
