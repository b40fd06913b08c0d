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
});
