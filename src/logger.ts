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

/** The options every logger of the app starts from: the playground and the tests use them too. */
export function privateLogOptions(level: string): PinoOptions {
  return {
    level,
    serializers: { err: privateError },
    redact: { paths: [...PRIVATE_FIELDS, ...PRIVATE_FIELDS.map((field) => `*.${field}`)], censor: "[redacted]" },
  };
}

export function createLogger({ level, pretty, destination }: LoggerOptions): Logger {
  const options = privateLogOptions(level);
  if (pretty) {
    return pino({
      ...options,
      transport: { target: "pino-pretty", options: { colorize: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" } },
    });
  }
  return destination ? pino(options, destination) : pino(options);
}
