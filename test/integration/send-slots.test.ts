/**
 * The bot's per-second limit shared by replicas: pacers of three processes book sending slots from
 * one Redis timeline, so together they keep one bot's rate; a platform's retry_after stops them all.
 * Without REDIS_URL the memory book shows the same rules for one process.
 */

import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeliveryPacer, MemorySlotBook, RedisSlotBook, type SlotBook } from "#root/notify/pacer.ts";
import { openTestRedis, uniquePrefix } from "../support/redis.ts";

const PER_SECOND = 40;
const LIMITS = {
  telegram: { perSecond: PER_SECOND, perChatIntervalMs: 1_000 },
  vk: { perSecond: PER_SECOND, perChatIntervalMs: 1_000 },
  max: { perSecond: PER_SECOND, perChatIntervalMs: 1_000 },
};

let redis: Redis | undefined;
beforeAll(async () => {
  redis = await openTestRedis();
});
afterAll(async () => {
  await redis?.quit();
});

describe(process.env.REDIS_URL ? "sending slots shared in Redis" : "sending slots in one process", () => {
  const book = (): SlotBook => (redis ? new RedisSlotBook(redis, uniquePrefix("slots")) : new MemorySlotBook());

  it("three pacers sending at once together keep the bot's per-second rate", async () => {
    // The slots the book hands out are the rule; when each send then starts also depends on how
    // late a busy machine's timers fire, so the windows are checked on the slots.
    const shared = book();
    const booked: number[] = [];
    const recording: SlotBook = {
      holdUntil: (...args) => shared.holdUntil(...args),
      book: async (...args: Parameters<SlotBook["book"]>) => {
        const slot = await shared.book(...args);
        booked.push(slot);
        return slot;
      },
    };
    const pacers = [0, 1, 2].map(() => new DeliveryPacer(LIMITS, Date.now, recording));
    const sentAt: number[] = [];
    const started = Date.now();
    await Promise.all(
      pacers.map(async (pacer, replica) => {
        for (let n = 0; n < 20; n += 1) {
          await pacer.take("telegram", `chat-${replica}-${n}`);
          sentAt.push(Date.now());
        }
      }),
    );
    sentAt.sort((a, b) => a - b);
    // 60 messages at 40 a second take at least 59 × 25 ms; in no window of one second more than 40 (+1 for timer jitter at the edges).
    expect(sentAt.at(-1)! - started).toBeGreaterThanOrEqual(59 * (1_000 / PER_SECOND) - 20);
    booked.sort((a, b) => a - b);
    expect(booked).toHaveLength(60);
    for (const start of booked) {
      const inWindow = booked.filter((at) => at >= start && at < start + 1_000).length;
      expect(inWindow).toBeLessThanOrEqual(PER_SECOND);
    }
  });

  it("a retry_after seen by one replica holds the others too; other platforms go on", async () => {
    const shared = book();
    const [first, second] = [new DeliveryPacer(LIMITS, Date.now, shared), new DeliveryPacer(LIMITS, Date.now, shared)];
    // The hold runs from when it was asked for, however long Redis took to record it.
    const paused = Date.now();
    await first.pause("telegram", 400);
    const vkStarted = Date.now();
    await second.take("vk", "someone");
    expect(Date.now() - vkStarted).toBeLessThan(200);
    await second.take("telegram", "someone");
    expect(Date.now() - paused).toBeGreaterThanOrEqual(380);
  });

  it("replies sent in chats on one replica use up slots that delivery on another then waits for", async () => {
    const shared = book();
    const [chatting, delivering] = [new DeliveryPacer(LIMITS, Date.now, shared), new DeliveryPacer(LIMITS, Date.now, shared)];
    for (let n = 0; n < 20; n += 1) chatting.noteReplySent("telegram");
    await chatting.bookReplies();
    const started = Date.now();
    await delivering.take("vk", "someone"); // replies on Telegram leave VK's budget alone
    expect(Date.now() - started).toBeLessThan(200);
    await delivering.take("telegram", "someone");
    // 20 replies at 40 a second fill the next half second of the bot's timeline.
    expect(Date.now() - started).toBeGreaterThanOrEqual(20 * (1_000 / PER_SECOND) - 30);
  });

  it("replies faster than the limit hold delivery back by a second at most", async () => {
    const shared = book();
    const [chatting, delivering] = [new DeliveryPacer(LIMITS, Date.now, shared), new DeliveryPacer(LIMITS, Date.now, shared)];
    for (let n = 0; n < 4 * PER_SECOND; n += 1) chatting.noteReplySent("telegram"); // four seconds' worth
    await chatting.bookReplies();
    const started = Date.now();
    await delivering.take("telegram", "someone");
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(1_000 - 30);
    expect(waited).toBeLessThan(1_500);
  });

  it("books noted replies by itself shortly after they went out", async () => {
    const shared = book();
    const pacer = new DeliveryPacer(LIMITS, Date.now, shared);
    for (let n = 0; n < PER_SECOND; n += 1) pacer.noteReplySent("telegram");
    const noted = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 250));
    // A second's worth of replies, booked within 250 ms of going out: the timeline is full until about then.
    const slot = await shared.book("telegram", Date.now(), 1_000 / PER_SECOND);
    expect(slot - noted).toBeGreaterThanOrEqual(1_000);
  });
});
