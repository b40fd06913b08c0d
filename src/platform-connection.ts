import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "./logger.ts";
import type { Platform } from "./messaging/messenger.ts";

/** What start-up knows of a messenger: still trying, serving it, or serving without it (and still trying). */
export type ConnectionState = "connecting" | "connected" | "unreachable";

/**
 * One way in to a messenger: `start` makes one attempt (the bot's identity, its webhook or long poll)
 * and obeys the signal. A way in that closes by itself once open (a long poll that gave up) calls
 * `lost` with why; a stop of the adapter calls nothing.
 */
export interface Connectable {
  platform: Platform;
  start(signal: AbortSignal, lost: (reason: unknown) => void): Promise<void>;
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
 * start-up that gave up, so the platform comes back without a restart once it can be reached; a
 * connection the messenger reports lost later is marked unreachable and tried again the same way.
 */
export class PlatformConnection {
  #state: ConnectionState = "connecting";
  #lastError: string | undefined;
  #attempts = 0;
  readonly #pauses: { first: number; max: number };
  /** The next pause: the background attempts go on doubling from where start-up stopped. */
  #pauseMs: number;
  /** The attempt that connected, and when: a loss reported by an older attempt's way in is stale. */
  #connected: { attempt: number; at: number } | undefined;
  /** The background attempts running, if any: stop() waits for them before it stops the adapters. */
  #background: Promise<void> | undefined;

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
  keepTrying(stop: AbortSignal): Promise<void> {
    return this.#inBackground(stop, () => this.#tryUntil(Number.POSITIVE_INFINITY, stop));
  }

  /** Resolves once no background attempt runs; after the stop signal none starts again. */
  async settled(): Promise<void> {
    for (let running = this.#background; running; running = this.#background) await running;
  }

  /**
   * One background round at a time, each after the one before: a round that finds the platform
   * connected (by the round before it) has nothing to do, and two would open two long polls.
   */
  #inBackground(stop: AbortSignal, attempts: () => Promise<unknown>): Promise<void> {
    const running: Promise<void> = (this.#background ?? Promise.resolve())
      .then(() => (this.#state === "connected" ? undefined : attempts()))
      .then(() => undefined)
      .catch((error: unknown) => {
        // Stopping ends the background attempts; nothing else escapes #tryUntil but a fault of ours.
        if (!stop.aborted) this.logger.error({ platform: this.platform, err: error }, `${this.platform}: background attempts failed`);
      })
      .finally(() => {
        if (this.#background === running) this.#background = undefined;
      });
    this.#background = running;
    return running;
  }

  /** The way in of `attempt` closed by itself: unreachable until an attempt after a pause connects again. */
  #lost(attempt: number, reason: unknown, stop: AbortSignal): void {
    if (stop.aborted || this.#state !== "connected" || this.#connected?.attempt !== attempt) return;
    const heldMs = Date.now() - this.#connected.at;
    this.#state = "unreachable";
    this.#lastError = describe(reason);
    // A connection that held a while starts the pauses over; one lost as soon as made (another process
    // polling with the same token) goes on doubling them, instead of reconnecting in a tight loop.
    if (heldMs >= this.#pauses.max) this.#pauseMs = this.#pauses.first;
    const waitMs = this.#pauseMs;
    this.#pauseMs = Math.min(this.#pauseMs * 2, this.#pauses.max);
    this.logger.error(
      { platform: this.platform, lastError: this.#lastError, connectedForMs: heldMs, retryInMs: waitMs },
      `${this.platform} lost after it connected: served again once it answers, trying again in ${formatSeconds(waitMs)}`,
    );
    void this.#inBackground(stop, async () => {
      await pause(waitMs, stop);
      await this.#tryUntil(Number.POSITIVE_INFINITY, stop);
    });
  }

  async #tryUntil(deadline: number, stop: AbortSignal): Promise<boolean> {
    for (;;) {
      stop.throwIfAborted();
      this.#attempts += 1;
      const attemptMs = Math.max(Math.min(this.policy.attemptTimeoutMs ?? ATTEMPT_TIMEOUT_MS, deadline - Date.now()), 1);
      const attemptOver = AbortSignal.timeout(attemptMs);
      const attempt = this.#attempts;
      try {
        await this.target.start(AbortSignal.any([stop, attemptOver]), (reason) => this.#lost(attempt, reason, stop));
        const wasUnreachable = this.#state === "unreachable";
        const before = this.#connected;
        this.#state = "connected";
        this.#connected = { attempt, at: Date.now() };
        this.logger.info(
          { platform: this.platform, attempts: this.#attempts },
          before
            ? `${this.platform} connected again: serving it now`
            : wasUnreachable
              ? `${this.platform} connected at last: serving it now`
              : `${this.platform} connected`,
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
        await pause(waitMs, stop);
      }
    }
  }
}

/** Throws the stop's reason when it comes first: Node's sleep rejects with its own AbortError, which says nothing. */
async function pause(ms: number, stop: AbortSignal): Promise<void> {
  await sleep(ms, undefined, { signal: stop }).catch(() => stop.throwIfAborted());
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
