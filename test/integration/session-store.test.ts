/**
 * The session store's batch calls, on both stores: a chat's flow and screen are read in one round trip
 * and written (set or deleted, together) in one, so an update costs two store round trips whatever it
 * changes. Redis runs with REDIS_URL (`.ci/run` sets it).
 */
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatRecord } from "#root/dialog/chat-record.ts";
import { MemorySessionStore, RedisSessionStore, type SessionStore } from "#root/dialog/session-store.ts";
import { openTestRedis, uniquePrefix } from "../support/redis.ts";

let redis: Redis | undefined;
beforeAll(async () => {
  redis = await openTestRedis();
});
afterAll(async () => {
  await redis?.quit();
});

/** Counts the Redis commands a piece of work sends (each is one round trip). */
async function redisCommands(work: () => Promise<unknown>): Promise<number> {
  if (!redis) return Number.NaN;
  const send = redis.sendCommand.bind(redis);
  let count = 0;
  redis.sendCommand = ((...args: Parameters<Redis["sendCommand"]>) => {
    count += 1;
    return send(...args);
  }) as Redis["sendCommand"];
  try {
    await work();
  } finally {
    redis.sendCommand = send;
  }
  return count;
}

const stores: Array<[string, () => SessionStore]> = [
  ["memory", () => new MemorySessionStore()],
  ["Redis", () => new RedisSessionStore(redis!, uniquePrefix("session"))],
];

describe.each(stores)("the %s session store", (name, open) => {
  const skip = name === "Redis" && !process.env.REDIS_URL;

  it.skipIf(skip)("reads several keys in the order asked, with undefined for those it does not have", async () => {
    const store = open();
    await store.set("a", { step: 1 });
    await store.set("c", [1, 2]);
    expect(await store.getMany(["c", "b", "a"])).toEqual([[1, 2], undefined, { step: 1 }]);
    expect(await store.getMany([])).toEqual([]);
  });

  it.skipIf(skip)("writes sets and deletes together, and what it writes reads back the same", async () => {
    const store = open();
    await store.set("gone", "soon");
    await store.write([
      { key: "flow", value: { flow: "registration", state: { ops: [1] } } },
      { key: "gone", value: undefined },
      { key: "screen", value: { ids: ["12"], bare: true } },
    ]);
    expect(await store.getMany(["flow", "gone", "screen"])).toEqual([
      { flow: "registration", state: { ops: [1] } },
      undefined,
      { ids: ["12"], bare: true },
    ]);
    await store.write([]);
    expect(await store.get("flow")).toEqual({ flow: "registration", state: { ops: [1] } });
  });
});

describe.skipIf(!process.env.REDIS_URL)("a chat's record in Redis", () => {
  it("costs one round trip to load and one to write back, however much changed; none when nothing did", async () => {
    const prefix = uniquePrefix("session");
    const store = new RedisSessionStore(redis!, prefix);
    const keys = { flow: "telegram:1", screen: "screen:telegram:1" };
    await store.write([{ key: keys.screen, value: { ids: ["5"] } }]);

    let record: ChatRecord<{ step: number }, { ids: string[] }> | undefined;
    expect(
      await redisCommands(async () => {
        record = await ChatRecord.load(store, keys);
      }),
    ).toBe(1);
    expect(record!.flow).toBeUndefined();
    expect(record!.screen).toEqual({ ids: ["5"] });

    record!.setFlow({ step: 2 });
    record!.setScreen(undefined);
    record!.setFlow({ step: 3 });
    expect(await redisCommands(() => record!.commit())).toBe(1);
    expect(await redisCommands(() => record!.commit())).toBe(0);
    // Kept with the sessions' month-long expiry, like a single set.
    expect(await redis!.ttl(`${prefix}${keys.flow}`)).toBeGreaterThan(29 * 24 * 3600);
    expect(await store.getMany([keys.flow, keys.screen])).toEqual([{ step: 3 }, undefined]);
  });
});
