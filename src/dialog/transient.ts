/**
 * Node's system error codes (on the error of a socket, a DNS look-up, or ioredis' own connect
 * time-out) that say the database or Redis could not be reached for now.
 */
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]);

/**
 * SQLSTATEs (pg's DatabaseError and PGlite's errors carry them as `code`) of a server that is going
 * away or full: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections. Class 08
 * (connection exceptions) is matched as a whole.
 */
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);
const CONNECTION_EXCEPTION_CLASS = "08";

/**
 * Errors the drivers build as a plain `Error`, with neither a code nor a class of their own, so only
 * their (fixed, source-level) message tells them apart:
 * - pg's client when its socket ends (lib/client.js: "Connection terminated", "... unexpectedly"),
 *   and when a query meets a client whose connection failed;
 * - pg-pool when no client frees up within connectionTimeoutMillis ("timeout exceeded when trying to
 *   connect") or a new client's connection times out ("Connection terminated due to connection
 *   timeout", whose `cause` is pg's own error);
 * - ioredis when a command is sent on a closed connection (utils CONNECTION_CLOSED_ERROR_MSG) or
 *   outlives `commandTimeout` (Command.js).
 */
const DRIVER_MESSAGES = new Set([
  "Connection terminated",
  "Connection terminated unexpectedly",
  "Connection terminated due to connection timeout",
  "Client has encountered a connection error and is not queryable",
  "timeout exceeded when trying to connect",
  "Connection is closed.",
  "Command timed out",
]);

/**
 * ioredis rejects the commands queued while it reconnects with a MaxRetriesPerRequestError once
 * `maxRetriesPerRequest` reconnections failed. ioredis does not export the class from its entry point
 * (only from built/errors, an internal path), but the class names itself: its `name` is the class's.
 */
const REDIS_ERROR_NAMES = new Set(["MaxRetriesPerRequestError"]);

/** How deep `cause` chains and AggregateErrors are followed (a guard against cycles as well). */
const MAX_DEPTH = 5;

/**
 * True for errors of the infrastructure (PostgreSQL or Redis unreachable, restarting, full): the update waits in the inbox and is retried. Anything else (a bug, a
 * constraint violation) is not made better by retrying.
 */
export function isTransient(error: unknown): boolean {
  return isTransientAt(error, 0);
}

function isTransientAt(error: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH || typeof error !== "object" || error === null) return false;
  const { code, name, message, cause, errors } = error as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === "string" && (UNREACHABLE_CODES.has(code) || isUnavailableSqlState(code))) return true;
  if (typeof name === "string" && REDIS_ERROR_NAMES.has(name)) return true;
  if (error instanceof Error && typeof message === "string" && DRIVER_MESSAGES.has(message)) return true;
  // Wrapped: an error rethrown with its `cause`, or an AggregateError such as Node's for a connection
  // tried on every address of a host, transient when each of its errors is (one bug among them is a bug).
  if (cause !== undefined && isTransientAt(cause, depth + 1)) return true;
  return Array.isArray(errors) && errors.length > 0 && errors.every((inner) => isTransientAt(inner, depth + 1));
}

function isUnavailableSqlState(code: string): boolean {
  return code.length === 5 && (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith(CONNECTION_EXCEPTION_CLASS));
}
