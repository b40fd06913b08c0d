/**
 * The bot's per-second limit shared by replicas: pacers of several processes book sending slots from
 * one Redis timeline kept on Redis's own clock, so together they keep one bot's rate whatever their
 * clocks say; replies book the same timeline before they go (far below the limit from slots their
 * process holds, a booking for many of them); a platform's 429 holds them all, then slows them all
 * down for a minute. Without REDIS_URL the memory book shows the same rules for one process. The
 * pacers' own time is real time (they wait for their slots): a minute passing is shown by shifting the
 * books' clock, never by waiting for it.
 */

import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Platform } from "#root/messaging/messenger.ts";
import { DeliveryPacer, MemorySlotBook, REPLY_MAX_WAIT_MS, RedisSlotBook, type SlotBook } from "#root/notify/pacer.ts";
import { openTestRedis, uniquePrefix } from "../support/redis.ts";

const PER_SECOND = 40;
const STEP_MS = 1_000 / PER_SECOND;
/** The safer pace after a 429: three quarters of the limit. */
const SAFER_STEP_MS = 1_000 / (PER_SECOND * 0.75);
const limits = (perSecond: number) => ({
  telegram: { perSecond, perChatIntervalMs: 1_000 },
  vk: { perSecond, perChatIntervalMs: 1_000 },
  max: { perSecond, perChatIntervalMs: 1_000 },
});
const LIMITS = limits(PER_SECOND);
/** Timers on a busy machine fire late: what a pacer's own waits may run over by. */
const SLACK_MS = 30;

let redis: Redis | undefined;
beforeAll(async () => {
  redis = await openTestRedis();
});
afterAll(async () => {
  await redis?.quit();
});

/**
 * Books of several replicas sharing one timeline: each replica its own RedisSlotBook on one prefix, as
 * separate processes have; without Redis, one memory book. `shift` moves the books' clock.
 */
function sharedBooks() {
  const prefix = uniquePrefix("slots");
  let shiftMs = 0;
  const memory = new MemorySlotBook(() => performance.now() + shiftMs);
  const replica = (): SlotBook => (redis ? new RedisSlotBook(redis, prefix, () => shiftMs) : memory);
  const pacer = () => new DeliveryPacer(LIMITS, Date.now, replica());
  return {
    replica,
    /** Pacers of `count` replicas, each on its own book sharing the timeline, at LIMITS on the machine's clock. */
    pacers: (count: number) => Array.from({ length: count }, pacer),
    /** Two such replicas. */
    pair: (): [DeliveryPacer, DeliveryPacer] => [
      new DeliveryPacer(LIMITS, Date.now, replica()),
      new DeliveryPacer(LIMITS, Date.now, replica()),
    ],
    /**
     * A replica whose round trips to the book are counted: every command on a Redis connection of its
     * own (one EVAL per booking or report), or its calls to the memory book.
     */
    async countedReplica(): Promise<{ book: SlotBook; roundTrips: () => number; close: () => Promise<void> }> {
      let roundTrips = 0;
      const own = redis ? await openTestRedis() : undefined;
      if (!own) {
        const counted =
          <A extends unknown[], R>(call: (...args: A) => R) =>
          (...args: A) => {
            roundTrips += 1;
            return call(...args);
          };
        const book: SlotBook = {
          book: counted(memory.book.bind(memory)),
          record: counted(memory.record.bind(memory)),
          rateLimited: counted(memory.rateLimited.bind(memory)),
        };
        return { book, roundTrips: () => roundTrips, close: async () => undefined };
      }
      const sendCommand = own.sendCommand.bind(own);
      own.sendCommand = ((...args: Parameters<Redis["sendCommand"]>) => {
        roundTrips += 1;
        return sendCommand(...args);
      }) as Redis["sendCommand"];
      return {
        book: new RedisSlotBook(own, prefix, () => shiftMs),
        roundTrips: () => roundTrips,
        close: async () => {
          await own.quit();
        },
      };
    },
    shift(ms: number) {
      shiftMs = ms;
    },
  };
}

/** Starts `count` replies through `pacer`, one every `everyMs`, each waiting for its slot; resolves with their outcomes. */
async function repliesEvery<T>(pacer: DeliveryPacer, count: number, everyMs: number, send: () => Promise<T>) {
  const outcomes: Array<Promise<{ sent: T } | undefined>> = [];
  const started = performance.now();
  for (let n = 0; n < count; n += 1) {
    // Paced by the start, so that a late timer does not slow the replies down.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + n * everyMs - performance.now())));
    outcomes.push(pacer.sendReply("telegram", send));
  }
  return Promise.all(outcomes);
}

/** Resolves once `condition` holds, looking again after each turn of the event loop. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

/** A send that records when it started, by the test's monotonic clock. */
function recorder() {
  const startedAt: number[] = [];
  return {
    startedAt,
    send: async () => {
      startedAt.push(performance.now());
      // An answer takes a moment, as a platform's does.
      await new Promise((resolve) => setTimeout(resolve, 2));
      return "sent" as const;
    },
  };
}

/** The most sends that started within any one second. */
function busiestSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return Math.max(0, ...sorted.map((start) => sorted.filter((at) => at >= start && at < start + 1_000).length));
}

/** `count` sends to distinct chats in a row through `pacer`, each waiting for its slot: how long they took. */
async function timeSends(pacer: DeliveryPacer, count: number, platform: Platform = "telegram"): Promise<number> {
  const started = performance.now();
  for (let n = 0; n < count; n += 1) {
    const paced = await pacer.send(platform, `chat-${n}`, 60_000, async () => "sent");
    expect(paced).toEqual({ sent: "sent" });
  }
  return performance.now() - started;
}

describe(process.env.REDIS_URL ? "sending slots shared in Redis" : "sending slots in one process", () => {
  it("three pacers sending at once together keep the bot's per-second rate", async () => {
    const books = sharedBooks();
    const pacers = books.pacers(3);
    const sends = recorder();
    const started = performance.now();
    await Promise.all(
      pacers.map(async (pacer, replica) => {
        for (let n = 0; n < 20; n += 1) await pacer.send("telegram", `chat-${replica}-${n}`, 60_000, sends.send);
      }),
    );
    expect(sends.startedAt).toHaveLength(60);
    // Checked on when each send really started: however late a timer fired, no second holds more than 40.
    expect(busiestSecond(sends.startedAt)).toBeLessThanOrEqual(PER_SECOND);
    // The 41st goes a second after the first was answered; the 60th 19 slots later.
    expect(Math.max(...sends.startedAt) - started).toBeGreaterThanOrEqual(1_000 + 19 * STEP_MS - 5);
  });

  it("replicas whose clocks disagree by minutes still share one timeline", async () => {
    const books = sharedBooks();
    const ahead = new DeliveryPacer(limits(10), () => Date.now() + 10 * 60_000, books.replica());
    const behind = new DeliveryPacer(limits(10), () => Date.now() - 10 * 60_000, books.replica());
    const sends = recorder();
    const started = performance.now();
    await Promise.all(
      [ahead, behind].map(async (pacer, replica) => {
        for (let n = 0; n < 8; n += 1) {
          // Neither is told its slot is ten minutes off: each waits only for the other's sends.
          expect(await pacer.send("telegram", `chat-${replica}-${n}`, 2_000, sends.send)).toEqual({ sent: "sent" });
        }
      }),
    );
    // 16 sends at 10 a second: the 11th waits for the first second to pass, none for the clocks' skew.
    expect(busiestSecond(sends.startedAt)).toBeLessThanOrEqual(10);
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(1_000 + 5 * 100 - 5);
    expect(took).toBeLessThan(3_000);
  });

  it("a retry_after seen by one replica holds the others too; other platforms go on", async () => {
    const books = sharedBooks();
    const [first, second] = books.pair();
    // The hold runs from when it was recorded, however long Redis took to answer.
    const paused = performance.now();
    await first.rateLimited("telegram", 400);
    const vkStarted = performance.now();
    await second.send("vk", "someone", 1_000, async () => "sent");
    expect(performance.now() - vkStarted).toBeLessThan(200);
    // Within a sender's wait it waits; further off it is handed back with the wait, nothing sent.
    expect(await second.send("telegram", "someone", 100, async () => "sent")).toEqual({ heldMs: expect.any(Number) });
    expect(await second.send("telegram", "someone", 1_000, async () => "sent")).toEqual({ sent: "sent" });
    expect(performance.now() - paused).toBeGreaterThanOrEqual(400);
  });

  it("after a 429 every replica sends at the safer pace for a minute, then at the full one again", async () => {
    const books = sharedBooks();
    const [refused, other] = books.pair();
    const normal = await timeSends(other, 25);
    expect(normal).toBeLessThan(24 * SAFER_STEP_MS - 60);

    const refusedAt = performance.now();
    await refused.rateLimited("telegram", 100);
    const slowed = await timeSends(other, 25);
    expect(slowed).toBeGreaterThanOrEqual(100 + 24 * SAFER_STEP_MS - 5);

    // The books' clock put at 58 s after the 429 (the minute runs from the end of the hold): still slowed down…
    const sinceRefused = (ms: number) => books.shift(ms - (performance.now() - refusedAt));
    sinceRefused(58_000);
    expect(await timeSends(other, 25)).toBeGreaterThanOrEqual(24 * SAFER_STEP_MS - 5);
    // …and once the minute is over, back at the full pace.
    sinceRefused(61_000);
    expect(await timeSends(other, 25)).toBeLessThan(24 * SAFER_STEP_MS - 60);
  });

  it("replies take slots before they go, and delivery on another replica waits for them", async () => {
    const books = sharedBooks();
    const [chatting, delivering] = books.pair();
    const replies = recorder();
    const started = performance.now();
    const sent = Promise.all(Array.from({ length: 20 }, () => chatting.sendReply("telegram", replies.send)));
    // The first reply went alone, the others were booked together after it: delivery asks once they are.
    await until(() => replies.startedAt.length > 0);
    // VK's budget is not Telegram's; Telegram's next slot is after the replies'.
    const vk = await delivering.send("vk", "someone", 1_000, async () => performance.now());
    const telegram = await delivering.send("telegram", "someone", 1_000, async () => performance.now());
    expect(await sent).toEqual(Array.from({ length: 20 }, () => ({ sent: "sent" })));
    expect("sent" in vk && vk.sent - started).toBeLessThan(200);
    // 20 replies at 40 a second fill the first half second, each going in its own slot.
    expect("sent" in telegram && telegram.sent - started).toBeGreaterThanOrEqual(20 * STEP_MS - 5);
    // Measured from before the first booking: a first reply that a busy event loop starts late must not
    // shorten the span (CI saw 469 ms of 470 that way).
    const lastReply = Math.max(...replies.startedAt);
    expect(lastReply - started).toBeGreaterThanOrEqual(19 * STEP_MS - 5);
  });

  it("replies beyond a second's wait are handed back unsent, so they hold delivery back by a second at most", async () => {
    const books = sharedBooks();
    const [chatting, delivering] = books.pair();
    const replies = recorder();
    const started = performance.now();
    // Four seconds' worth of replies at once.
    const sent = Promise.all(Array.from({ length: 4 * PER_SECOND }, () => chatting.sendReply("telegram", replies.send)));
    await until(() => replies.startedAt.length > 0);
    const delivered = await delivering.send("telegram", "someone", 2_000, async () => performance.now());
    const outcomes = await sent;
    // The first second's worth went, each in its slot; the others were handed back without being sent.
    const wentNow = outcomes.filter((outcome) => outcome !== undefined).length;
    expect(wentNow).toBe(PER_SECOND);
    expect(replies.startedAt).toHaveLength(PER_SECOND);
    expect(busiestSecond(replies.startedAt)).toBeLessThanOrEqual(PER_SECOND);
    expect("sent" in delivered && delivered.sent - started).toBeGreaterThanOrEqual(REPLY_MAX_WAIT_MS - 5);
    expect("sent" in delivered && delivered.sent - started).toBeLessThan(REPLY_MAX_WAIT_MS + 500 + SLACK_MS);
  });

  it("far below the limit replies take slots their process holds: a second of them costs a few round trips, not one each", async () => {
    const books = sharedBooks();
    const counted = await books.countedReplica();
    const chatting = new DeliveryPacer(LIMITS, Date.now, counted.book);
    const replies = recorder();
    // A quarter of the limit.
    expect(await repliesEvery(chatting, 10, 100, replies.send)).toEqual(Array.from({ length: 10 }, () => ({ sent: "sent" })));
    // Their answers and the slots left over are told to the book too (on stop; else on a timer, or with the next booking).
    await chatting.recordAnswered();
    // Booked one by one they cost a booking each, and a report of their answers now and then: 14 round trips.
    expect(counted.roundTrips()).toBeLessThanOrEqual(5);
    await counted.close();
  });

  it("near the limit slots held count like sends: replies and delivery on two replicas never pass the limit in any second", async () => {
    const books = sharedBooks();
    const [chatting, delivering] = books.pair();
    const sends = recorder();
    // Replies at a fifth of the limit, with slots held for them…
    const replied = repliesEvery(chatting, 24, 125, sends.send);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // …when delivery on the other replica starts sending as fast as the book lets it.
    const started = performance.now();
    for (let n = 0; n < 60; n += 1) expect(await delivering.send("telegram", `chat-${n}`, 60_000, sends.send)).toEqual({ sent: "sent" });
    const delivered = performance.now();
    const outcomes = await replied;
    expect(busiestSecond(sends.startedAt)).toBeLessThanOrEqual(PER_SECOND);
    // Replies still went while delivery filled the window: booked one by one, as the book gives no slots to hold then.
    expect(sends.startedAt.filter((at) => at > started && at < delivered).length).toBeGreaterThan(60);
    expect(outcomes.filter((outcome) => outcome !== undefined).length).toBeGreaterThan(0);
  });

  it("a 429 makes a process give back the slots it holds at once: replies that took one wait out the hold instead", async () => {
    const HOLD_MS = 300;
    const books = sharedBooks();
    const counted = await books.countedReplica();
    const chatting = new DeliveryPacer(LIMITS, Date.now, counted.book);
    await repliesEvery(chatting, 5, 50, recorder().send);
    // It holds slots now: replies go without asking the book, a step apart.
    const roundTripsBefore = counted.roundTrips();
    const held = recorder();
    const asked = performance.now();
    expect(await Promise.all([1, 2, 3].map(() => chatting.sendReply("telegram", held.send)))).toEqual(
      [1, 2, 3].map(() => ({ sent: "sent" })),
    );
    expect(counted.roundTrips()).toBe(roundTripsBefore);
    expect(Math.max(...held.startedAt) - asked).toBeGreaterThanOrEqual(2 * STEP_MS - 1);

    // Four more replies take held slots; the platform answers 429 before they are sent.
    const burst = recorder();
    const waiting = Promise.all([1, 2, 3, 4].map(() => chatting.sendReply("telegram", burst.send)));
    const refusedAt = performance.now();
    await chatting.rateLimited("telegram", HOLD_MS);
    // The book has every held slot back: another replica may fill the window but for the 8 replies sent and the 4 asking again.
    const other = books.replica();
    const ids = Array.from({ length: PER_SECOND }, (_, n) => `probe-${n}`);
    const probe = await other.book(
      "telegram",
      { ids, perWindow: PER_SECOND, saferPerWindow: PER_SECOND, stepMs: 0, saferStepMs: 0, maxWaitMs: HOLD_MS + 100 },
      { answered: [], unused: [] },
    );
    expect(probe.waitsMs.length).toBeGreaterThanOrEqual(PER_SECOND - 12);
    await other.record("telegram", { answered: [], unused: ids });
    expect(await waiting).toEqual([1, 2, 3, 4].map(() => ({ sent: "sent" })));
    expect(Math.min(...burst.startedAt) - refusedAt).toBeGreaterThanOrEqual(HOLD_MS);
    await counted.close();
  });
});
