/**
 * The chat lock two replicas share in Redis: a holder whose work outlasts the lease keeps the chat
 * (the lease is renewed while it works), and a holder whose lease was lost finds out before its next
 * write instead of repeating what the new holder does. Needs REDIS_URL (`.ci/run` sets it).
 */
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChatLease, LeaseLost, RedisChatLock } from "#root/dialog/chat-lock.ts";
import { openTestRedis, uniquePrefix } from "../support/redis.ts";

const SKIPPED = process.env.REDIS_URL ? "" : " (skipped: set REDIS_URL)";
const LEASE_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!process.env.REDIS_URL)(`the chat lock in Redis${SKIPPED}`, () => {
  let redis: Redis;
  beforeAll(async () => {
    redis = (await openTestRedis())!;
  });
  afterAll(async () => {
    await redis?.quit();
  });

  it("keeps the chat for work that lasts several leases: the other replica waits until it ends", async () => {
    const prefix = uniquePrefix("lock");
    const [first, second] = [0, 1].map(() => new RedisChatLock(redis, { prefix, leaseMs: LEASE_MS, waitMs: 10_000 }));
    const events: string[] = [];
    let firstLease: ChatLease | undefined;
    const holding = first!.withLock("telegram:1", async (lease) => {
      firstLease = lease;
      events.push("first starts");
      await sleep(LEASE_MS * 4);
      // Still ours after four leases: the write may go ahead.
      await lease.assertHeld();
      events.push("first ends");
    });
    await sleep(50);
    const waiting = second!.withLock("telegram:1", async () => {
      events.push("second starts");
    });
    await Promise.all([holding, waiting]);
    expect(firstLease).toBeDefined();
    expect(events).toEqual(["first starts", "first ends", "second starts"]);
  });

  it("tells a holder whose lease was taken over, before its next write, and leaves the new holder's lock alone", async () => {
    const prefix = uniquePrefix("lock");
    const lock = new RedisChatLock(redis, { prefix, leaseMs: LEASE_MS, waitMs: 10_000 });
    const outcome = lock.withLock("vk:2", async (lease) => {
      // The lease runs out while the event loop is stuck and another replica takes the chat.
      await redis.set(`${prefix}vk:2`, "another-replica", "PX", 10_000);
      await sleep(LEASE_MS);
      await lease.assertHeld();
      return "wrote";
    });
    await expect(outcome).rejects.toBeInstanceOf(LeaseLost);
    expect(await redis.get(`${prefix}vk:2`)).toBe("another-replica");
  });

  it("a lock whose taking timed out on the way but reached Redis does not keep the chat until its lease runs out", async () => {
    const prefix = uniquePrefix("lock");
    let failNextTake = true;
    // Redis as ioredis sees it across a restart: the command (the acquire script) is carried out, its answer never comes.
    const flaky = new Proxy(redis, {
      get(target, property, receiver) {
        if (property === "eval" && failNextTake) {
          return async (...args: Parameters<Redis["eval"]>) => {
            failNextTake = false;
            await (target.eval as (...a: unknown[]) => Promise<unknown>)(...args);
            throw new Error("Command timed out");
          };
        }
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const lock = new RedisChatLock(flaky, { prefix, leaseMs: 60_000, waitMs: 1_000 });
    await expect(lock.withLock("vk:7", async () => "first")).rejects.toThrow("Command timed out");
    // The next drain of the chat gets it at once, not after the minute the orphaned lease would hold.
    expect(await lock.withLock("vk:7", async () => "second")).toBe("second");
    expect(await redis.get(`${prefix}vk:7`)).toBeNull();
  });
  it("hands the chat's handled mark from holder to holder, and none to a holder that had to wait for the chat", async () => {
    const prefix = uniquePrefix("lock");
    const [first, second] = [0, 1].map(() => new RedisChatLock(redis, { prefix, leaseMs: LEASE_MS, waitMs: 10_000 }));
    // A new chat: nothing known.
    await first!.withLock("max:3", async (lease) => {
      expect(lease.handledUpTo).toBeUndefined();
      lease.handled(41);
      lease.handled(40);
    });
    // Another replica, the lock free at once: it learns how far the chat was handled.
    await second!.withLock("max:3", async (lease) => {
      expect(lease.handledUpTo).toBe(41);
      lease.handled(57);
    });
    // A holder that waited for the chat is told nothing: the one before may have handled more than it recorded.
    let release: () => void = () => undefined;
    const holding = first!.withLock("max:3", (lease) => {
      expect(lease.handledUpTo).toBe(57);
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    await sleep(20);
    const waiting = second!.withLock("max:3", async (lease) => lease.handledUpTo);
    await sleep(50);
    release();
    await holding;
    expect(await waiting).toBeUndefined();
  });
});
