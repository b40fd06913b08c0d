import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { PlatformConnection } from "../../src/platform-connection.ts";

const logger = pino({ level: "silent" });
const quick = { firstPauseMs: 20, maxPauseMs: 80 };

/** A messenger that refuses the first `refusals` attempts, then connects; it records each attempt. */
function flakyMessenger(refusals: number) {
  const attempts: AbortSignal[] = [];
  return {
    attempts,
    target: {
      platform: "telegram" as const,
      async start(signal: AbortSignal) {
        attempts.push(signal);
        if (attempts.length <= refusals) throw new Error("connect ECONNREFUSED");
      },
    },
  };
}

describe("PlatformConnection", () => {
  it("tries again with pauses until the messenger answers within the start-up time", async () => {
    const messenger = flakyMessenger(3);
    const connection = new PlatformConnection(messenger.target, { timeoutMs: 5_000, ...quick }, logger);
    expect(await connection.connectWithin(new AbortController().signal)).toBe(true);
    expect(connection.state).toBe("connected");
    expect(messenger.attempts).toHaveLength(4);
  });

  it("gives up when the start-up time runs out, keeps the last reason, then connects in the background", async () => {
    const messenger = flakyMessenger(8);
    const connection = new PlatformConnection(messenger.target, { timeoutMs: 150, ...quick }, logger);
    const startedAt = Date.now();
    expect(await connection.connectWithin(new AbortController().signal)).toBe(false);
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    expect(connection.state).toBe("unreachable");
    expect(connection.lastError).toBe("connect ECONNREFUSED");

    await connection.keepTrying(new AbortController().signal);
    expect(connection.state).toBe("connected");
    expect(connection.lastError).toBeUndefined();
    expect(messenger.attempts).toHaveLength(9);
  });

  it("cuts an attempt that hangs at the start-up time instead of waiting for the client's own timeout", async () => {
    const hanging = {
      platform: "vk" as const,
      start: (signal: AbortSignal) => new Promise<void>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))),
    };
    const connection = new PlatformConnection(hanging, { timeoutMs: 200, attemptTimeoutMs: 60_000, ...quick }, logger);
    const startedAt = Date.now();
    expect(await connection.connectWithin(new AbortController().signal)).toBe(false);
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    expect(connection.lastError).toBe("no answer within 0.2 s");
  });

  it("stops at once when the stop signal comes, in an attempt or in a pause", async () => {
    const hanging = {
      platform: "max" as const,
      start: (signal: AbortSignal) => new Promise<void>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))),
    };
    const stop = new AbortController();
    const connecting = new PlatformConnection(hanging, { timeoutMs: 60_000 }, logger).connectWithin(stop.signal);
    setTimeout(() => stop.abort(new Error("SIGTERM")), 50);
    await expect(connecting).rejects.toThrow("SIGTERM");

    const pausing = new AbortController();
    const refusing = new PlatformConnection(flakyMessenger(100).target, { timeoutMs: 60_000, firstPauseMs: 30_000 }, logger);
    const waiting = refusing.connectWithin(pausing.signal);
    setTimeout(() => pausing.abort(new Error("SIGTERM")), 50);
    const stoppedAt = Date.now();
    await expect(waiting).rejects.toThrow("SIGTERM");
    expect(Date.now() - stoppedAt).toBeLessThan(1_000);
  });
});
