import { AsyncLocalStorage } from "node:async_hooks";
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { type DestinationStream, type Logger, type LoggerOptions as PinoOptions, pino } from "pino";

export type { Logger };

export interface LoggerOptions {
  level: string;
  /** Human-readable lines for a terminal; JSON lines otherwise (what log collectors expect). */
  pretty: boolean;
  /** Where JSON lines go instead of stdout (tests read them). */
  destination?: DestinationStream;
}

/**
 * What of an error may reach a log line: its kind, message, codes and where it was thrown. Never
 * what a platform or a driver echoes back of the request: grammY's `payload` and vk-io's `params`
 * carry the message text, names and files; PostgreSQL's `detail` carries the row's values.
 */
const SAFE_ERROR_FIELDS = new Set([
  "type",
  "message",
  "stack",
  "code",
  "method",
  "error_code",
  "description",
  "status",
  "statusCode",
  "errno",
  "syscall",
]);

/** An error as the logs may show it: pino's own serializer, then only the fields above, causes included. */
export function privateError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: "a value that is not an Error was thrown" };
  const serialized = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(serialized)) {
    if (SAFE_ERROR_FIELDS.has(field) && (typeof value === "string" || typeof value === "number")) kept[field] = value;
  }
  // Telegram's `parameters` hold only numbers (retry_after, migrate_to_chat_id): worth keeping.
  const retryAfter = (error as { parameters?: { retry_after?: unknown } }).parameters?.retry_after;
  if (typeof retryAfter === "number") kept.retryAfter = retryAfter;
  // grammY's HttpError wraps the network error; Node's fetch puts it in `cause`.
  const inner = (error as { error?: unknown }).error ?? error.cause;
  if (inner instanceof Error) kept.cause = privateError(inner);
  return kept;
}

/**
 * Field names that hold what people wrote or are called: a log call that passes one by mistake
 * prints "[redacted]" instead (error objects go through `privateError`).
 */
const PRIVATE_FIELDS = [
  "text",
  "caption",
  "payload",
  "params",
  "request_params",
  "body",
  "update",
  "name",
  "fullName",
  "full_name",
  "document",
  "image",
  "bytes",
  "detail",
];

/** The name every line carries, so a log collector shared with other services can tell ours apart. */
export const SERVICE_NAME = "nastavnik";

/**
 * The version every line carries: package.json's, read once (the image copies it beside src/, and
 * `node --import tsx src/main.ts` does not set npm's `npm_package_version`).
 */
export const SERVICE_VERSION: string = (() => {
  try {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version?: unknown };
    return typeof manifest.version === "string" ? manifest.version : "unknown";
  } catch {
    return "unknown";
  }
})();

/** What identifies one update's work in the logs: no text, no name, only ids. */
export interface LogContext {
  platform?: string;
  updateKey?: string;
  chatId?: string;
}

interface ActiveLogContext {
  fields: LogContext;
  /** Cleared when the work ends: a timer or a round the work started and that outlives it stops carrying its ids. */
  open: boolean;
}

const logContext = new AsyncLocalStorage<ActiveLogContext>();

/**
 * Runs one update's work so that every line logged during it, by any logger of the app and however
 * deep, carries the update's ids (`platform`, `updateKey`, `chatId`) without each call passing them.
 * Fields a call or a child logger passes itself win.
 */
export async function withLogContext<T>(fields: LogContext, work: () => Promise<T>): Promise<T> {
  const active: ActiveLogContext = { fields, open: true };
  try {
    return await logContext.run(active, work);
  } finally {
    active.open = false;
  }
}

/**
 * Runs work that is not the current update's (a delivery round an update kicked, a shared timer it
 * started) outside its log context, so its lines do not carry another update's ids.
 */
export function withoutLogContext<T>(work: () => T): T {
  return logContext.exit(work);
}

/** The ids of the update whose work is running, for a line that does not name them itself. */
function logContextFields(_mergeObject: object, _level: number, logger: Logger): Record<string, unknown> {
  const active = logContext.getStore();
  if (!active?.open) return {};
  // A child logger that binds the same field already prints it: printing it twice would make the
  // line's JSON hold a duplicate key.
  const bound = logger.bindings();
  const fields: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(active.fields)) {
    if (value !== undefined && !(field in bound)) fields[field] = value;
  }
  return fields;
}

/**
 * The options every logger of the app starts from: the playground and the tests use them too. Each
 * line has the level's name (`"level":"info"`), an ISO time, the service and its version, the
 * process and host (a replica's container), and during an update's work the update's ids.
 */
export function privateLogOptions(level: string): PinoOptions {
  return {
    level,
    base: { pid: process.pid, hostname: hostname(), service: SERVICE_NAME, version: SERVICE_VERSION },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: logContextFields,
    serializers: { err: privateError },
    redact: { paths: [...PRIVATE_FIELDS, ...PRIVATE_FIELDS.map((field) => `*.${field}`)], censor: "[redacted]" },
  };
}

export function createLogger({ level, pretty, destination }: LoggerOptions): Logger {
  const options = privateLogOptions(level);
  if (pretty) {
    return pino({
      ...options,
      transport: {
        target: "pino-pretty",
        options: { colorize: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname,service,version" },
      },
    });
  }
  return destination ? pino(options, destination) : pino(options);
}
