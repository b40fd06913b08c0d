import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "./logger.ts";
import type { Platform } from "./messaging/messenger.ts";

/** What start-up knows of a messenger: still trying, serving it, or serving without it (and still trying). */
export type ConnectionState = "connecting" | "connected" | "unreachable";

/** One way in to a messenger: `start` makes one attempt (the bot's identity, its webhook or long poll) and obeys the signal. */
export interface Connectable {
  platform: Platform;
  start(signal: AbortSignal): Promise<void>;
}

export interface ConnectionPolicy {
  /** How long start-up tries before giving up on the platform (PLATFORM_CONNECT_TIMEOUT). */
  timeoutMs: number;
  /** The pause after the first failed attempt; each further one doubles, up to `maxPauseMs`. */
  firstPauseMs?: number;
  maxPauseMs?: number;
  /**
   * One attempt is cut after this: a host that drops packets (a blocked API) would otherwise hold an
   * attempt for the HTTP client's whole timeout, and nothing would be logged meanwhile.
   */
  attemptTimeoutMs?: number;
}

const FIRST_PAUSE_MS = 1_000;
const MAX_PAUSE_MS = 30_000;
const ATTEMPT_TIMEOUT_MS = 20_000;

/**
 * A messenger's connection at start-up and after: tries with growing pauses until it connects, the
 * start-up time runs out (`connectWithin` answers false, and the app serves without it), or the
 * process stops (the stop signal's reason is thrown). `keepTrying` goes on in the background after a
 * start-up that gave up, so the platform comes back without a restart once it can be reached.
 */
export class PlatformConnection {
  #state: ConnectionState = "connecting";
  #lastError: string | undefined;
  #attempts = 0;
  readonly #pauses: { first: number; max: number };
  /** The next pause: the background attempts go on doubling from where start-up stopped. */
  #pauseMs: number;

  constructor(
    private readonly target: Connectable,
    private readonly policy: ConnectionPolicy,
    private readonly logger: Logger,
  ) {
    this.#pauses = { first: policy.firstPauseMs ?? FIRST_PAUSE_MS, max: policy.maxPauseMs ?? MAX_PAUSE_MS };
    this.#pauseMs = this.#pauses.first;
  }

  get platform(): Platform {
    return this.target.platform;
  }

  get state(): ConnectionState {
    return this.#state;
  }

  /** Why the last attempt failed, while not connected. */
  get lastError(): string | undefined {
    return this.#state === "connected" ? undefined : this.#lastError;
  }

  /** True once connected within the start-up time; false when it ran out. Throws when `stop` aborts. */
  async connectWithin(stop: AbortSignal): Promise<boolean> {
    const deadline = Date.now() + this.policy.timeoutMs;
    this.logger.info({ platform: this.platform, timeoutMs: this.policy.timeoutMs }, `connecting to ${this.platform}`);
    const connected = await this.#tryUntil(deadline, stop);
    if (!connected) {
      this.#state = "unreachable";
      this.logger.error(
        { platform: this.platform, attempts: this.#attempts, lastError: this.#lastError, timeoutMs: this.policy.timeoutMs },
        `${this.platform} could not be reached within ${formatSeconds(this.policy.timeoutMs)}`,
      );
    }
    return connected;
  }

  /** After a start-up that gave up: tries on, the pauses growing to their longest, until connected or stopped. */
  async keepTrying(stop: AbortSignal): Promise<void> {
    try {
      await this.#tryUntil(Number.POSITIVE_INFINITY, stop);
    } catch (error) {
      // Stopping ends the background attempts; nothing else escapes #tryUntil.
      if (!stop.aborted) throw error;
    }
  }

  async #tryUntil(deadline: number, stop: AbortSignal): Promise<boolean> {
    for (;;) {
      stop.throwIfAborted();
      this.#attempts += 1;
      const attemptMs = Math.max(Math.min(this.policy.attemptTimeoutMs ?? ATTEMPT_TIMEOUT_MS, deadline - Date.now()), 1);
      const attemptOver = AbortSignal.timeout(attemptMs);
      try {
        await this.target.start(AbortSignal.any([stop, attemptOver]));
        const wasUnreachable = this.#state === "unreachable";
        this.#state = "connected";
        this.logger.info(
          { platform: this.platform, attempts: this.#attempts },
          wasUnreachable ? `${this.platform} connected at last: serving it now` : `${this.platform} connected`,
        );
        return true;
      } catch (error) {
        stop.throwIfAborted();
        // An attempt cut short says only that it was cut: the failure before it (refused, not found) tells more.
        if (!attemptOver.aborted) this.#lastError = describe(error);
        else this.#lastError ??= `no answer within ${formatSeconds(attemptMs)}`;
        const leftMs = deadline - Date.now();
        if (leftMs <= 0) return false;
        const waitMs = Math.min(this.#pauseMs, leftMs);
        this.#pauseMs = Math.min(this.#pauseMs * 2, this.#pauses.max);
        this.logger.warn(
          {
            platform: this.platform,
            attempt: this.#attempts,
            error: this.#lastError,
            retryInMs: waitMs,
            ...(Number.isFinite(leftMs) ? { giveUpInMs: leftMs } : {}),
          },
          `${this.platform} not reachable yet: trying again in ${formatSeconds(waitMs)}`,
        );
        // Node's sleep rejects with its own AbortError: the stop's reason is what the caller looks for.
        await sleep(waitMs, undefined, { signal: stop }).catch(() => stop.throwIfAborted());
      }
    }
  }
}

/** The outcome of start-up when no messenger could be reached: main.ts prints it and exits non-zero. */
export class NoPlatformReachableError extends Error {
  override name = "NoPlatformReachableError";

  /** Each platform tried and why its last attempt failed. */
  readonly platforms: Record<string, string>;

  constructor(connections: PlatformConnection[], timeoutMs: number) {
    const platforms = Object.fromEntries(connections.map((connection) => [connection.platform, connection.lastError ?? "no answer"]));
    const reasons = Object.entries(platforms).map(([platform, reason]) => `${platform}: ${reason}`);
    // One line: a log collector shows it whole.
    super(
      `No messenger could be reached within ${formatSeconds(timeoutMs)} (PLATFORM_CONNECT_TIMEOUT); ${reasons.join("; ")}. ` +
        "Check the way from this host to their APIs (proxy, firewall, DNS) and the tokens, then start again.",
    );
    this.platforms = platforms;
  }
}

/** Thrown by createApp when the stop signal came before the start finished: not a failure. */
export class StartStoppedError extends Error {
  override name = "StartStoppedError";
}

/**
 * The error's message, with the network's code under it: grammY keeps the network's error in `error`,
 * fetch in `cause`. Only the code is told: node-fetch's message names the URL, and Telegram's URL holds
 * the bot's token.
 */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner: unknown = (error as { error?: unknown }).error ?? error.cause;
  const code =
    inner instanceof Error && typeof (inner as NodeJS.ErrnoException).code === "string" ? (inner as NodeJS.ErrnoException).code : undefined;
  return code ? `${error.message} (${code})` : error.message;
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1_000).toFixed(1))} s`;
}
