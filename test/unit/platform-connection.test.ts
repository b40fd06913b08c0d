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

  describe("a connection lost after it was made", () => {
    /** A messenger whose every attempt connects; `lose` closes the way in of the newest one. */
    function losableMessenger() {
      const losses: ((reason: unknown) => void)[] = [];
      return {
        losses,
        attempts: () => losses.length,
        lose: (reason: unknown, attempt = losses.length) => losses[attempt - 1]!(reason),
        target: {
          platform: "telegram" as const,
          async start(_signal: AbortSignal, lost: (reason: unknown) => void) {
            losses.push(lost);
          },
        },
      };
    }

    it("is unreachable with the reason, then connects again in the background after a pause", async () => {
      const messenger = losableMessenger();
      const lines: { level: number; msg: string; lastError?: string }[] = [];
      const recording = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
      const connection = new PlatformConnection(messenger.target, { timeoutMs: 5_000, firstPauseMs: 200, maxPauseMs: 800 }, recording);
      const stop = new AbortController();
      expect(await connection.connectWithin(stop.signal)).toBe(true);

      messenger.lose(new Error("Call to 'getUpdates' failed! (409: Conflict)"));
      expect(connection.state).toBe("unreachable");
      expect(connection.lastError).toBe("Call to 'getUpdates' failed! (409: Conflict)");
      expect(lines.filter((line) => line.level === 50).map((line) => line.msg)).toEqual([
        "telegram lost after it connected: served again once it answers, trying again in 0.2 s",
      ]);
      // A second report of the same loss changes nothing.
      messenger.lose(new Error("again"));
      expect(connection.lastError).toBe("Call to 'getUpdates' failed! (409: Conflict)");

      await connection.settled();
      expect(connection.state).toBe("connected");
      expect(messenger.attempts()).toBe(2);
      expect(lines.at(-1)?.msg).toBe("telegram connected again: serving it now");
      // The first attempt's way in is gone: its late report is not the new one's.
      messenger.lose(new Error("stale"), 1);
      expect(connection.state).toBe("connected");
    });

    it("lost again as soon as made, waits longer each time instead of reconnecting in a tight loop", async () => {
      const messenger = losableMessenger();
      const connection = new PlatformConnection(messenger.target, { timeoutMs: 5_000, firstPauseMs: 40, maxPauseMs: 10_000 }, logger);
      const stop = new AbortController();
      await connection.connectWithin(stop.signal);
      const waits: number[] = [];
      for (let loss = 0; loss < 3; loss++) {
        const lostAt = Date.now();
        messenger.lose(new Error("409: Conflict"));
        await connection.settled();
        waits.push(Date.now() - lostAt);
      }
      expect(waits[0]).toBeGreaterThanOrEqual(35);
      expect(waits[1]).toBeGreaterThanOrEqual(75);
      expect(waits[2]).toBeGreaterThanOrEqual(155);
      stop.abort();
    });

    it("is not tried again once the stop signal came, in its pause or before the loss", async () => {
      const messenger = losableMessenger();
      const connection = new PlatformConnection(messenger.target, { timeoutMs: 5_000, firstPauseMs: 30_000 }, logger);
      const stop = new AbortController();
      await connection.connectWithin(stop.signal);
      messenger.lose(new Error("409: Conflict"));
      setTimeout(() => stop.abort(new Error("SIGTERM")), 20);
      const stoppedAt = Date.now();
      await connection.settled();
      expect(Date.now() - stoppedAt).toBeLessThan(1_000);
      expect(messenger.attempts()).toBe(1);

      const stopped = new AbortController();
      const other = losableMessenger();
      const second = new PlatformConnection(other.target, { timeoutMs: 5_000, ...quick }, logger);
      await second.connectWithin(stopped.signal);
      stopped.abort(new Error("SIGTERM"));
      // The adapter's polling ending while the app stops is no loss.
      other.lose(new Error("polling stopped"));
      expect(second.state).toBe("connected");
      await second.settled();
      expect(other.attempts()).toBe(1);
    });
  });
});
