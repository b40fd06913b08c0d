import type { Redis } from "ioredis";
import type { Platform } from "#root/messaging/messenger.ts";

/**
 * The messengers' sending limits for bulk delivery: Telegram allows about 30 messages a second per
 * bot and one a second per chat; VK's community messages are held to about 20 a second; MAX allows
 * 30 requests a second per bot, every method counted (callback answers and polling too). We keep a
 * margin under each, and stop a platform for as long as it asks (retry_after).
 */
export interface PlatformLimits {
  perSecond: number;
  perChatIntervalMs: number;
}

export const DEFAULT_LIMITS: Record<Platform, PlatformLimits> = {
  telegram: { perSecond: 25, perChatIntervalMs: 1_000 },
  vk: { perSecond: 15, perChatIntervalMs: 1_000 },
  max: { perSecond: 20, perChatIntervalMs: 1_000 },
};

/**
 * Where sending slots of a platform are booked: in this process, or in Redis so that every replica
 * of the bot books from one timeline and together they keep the bot's limit.
 */
export interface SlotBook {
  /**
   * Books the next slot at or after `now`, the following one `stepMs` later; returns the booked slot.
   * With `horizonMs`, the following slot is never put further than that from `now`.
   */
  book(platform: Platform, now: number, stepMs: number, horizonMs?: number): Promise<number>;
  /** No slot before `until` (the platform's retry_after). */
  holdUntil(platform: Platform, until: number): Promise<void>;
}

export class MemorySlotBook implements SlotBook {
  private readonly nextSlot = new Map<Platform, number>();

  async book(platform: Platform, now: number, stepMs: number, horizonMs = Infinity): Promise<number> {
    const slot = Math.max(now, this.nextSlot.get(platform) ?? now);
    this.nextSlot.set(platform, Math.max(slot, Math.min(slot + stepMs, now + horizonMs)));
    return slot;
  }

  async holdUntil(platform: Platform, until: number): Promise<void> {
    this.nextSlot.set(platform, Math.max(this.nextSlot.get(platform) ?? 0, until));
  }
}

/*
 * One key per platform holds the next free slot (ms since the epoch). Booking and holding are single
 * scripts, so replicas never book the same slot. The key expires after a quiet minute.
 */
const BOOK_SCRIPT = `
local next = tonumber(redis.call('GET', KEYS[1]) or ARGV[1])
local now = tonumber(ARGV[1])
if next < now then next = now end
local following = math.max(next, math.min(next + tonumber(ARGV[2]), now + tonumber(ARGV[3])))
redis.call('SET', KEYS[1], tostring(following), 'PX', 60000)
return tostring(next)`;
const HOLD_SCRIPT = `
local next = tonumber(redis.call('GET', KEYS[1]) or '0')
local until_ = tonumber(ARGV[1])
if next < until_ then redis.call('SET', KEYS[1], tostring(until_), 'PX', 60000 + tonumber(ARGV[2])) end
return 1`;

export class RedisSlotBook implements SlotBook {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = "nastavnik:send-slots:",
  ) {}

  async book(platform: Platform, now: number, stepMs: number, horizonMs = Number.MAX_SAFE_INTEGER): Promise<number> {
    return Number(await this.redis.eval(BOOK_SCRIPT, 1, `${this.prefix}${platform}`, String(now), String(stepMs), String(horizonMs)));
  }

  async holdUntil(platform: Platform, until: number): Promise<void> {
    await this.redis.eval(HOLD_SCRIPT, 1, `${this.prefix}${platform}`, String(until), String(Math.max(0, until - Date.now())));
  }
}

/**
 * Paces sending. The per-second limit is the bot's: with a shared (Redis) slot book every replica
 * books from one timeline; with the memory book it is per process. Across replicas the gap between
 * messages to one recipient is kept by the outbox claim (see OutboxRepository.claimDue); the per-chat
 * check here covers this process.
 */
/** Replies are booked in the slot book this often (one call for all noted meanwhile). */
const REPLY_BOOKING_INTERVAL_MS = 100;
/**
 * Replies book at most this far ahead: people chatting faster than the platform's limit hold bulk
 * delivery back by a second at most, instead of running up a debt that would starve it (the
 * platform itself then answers the excess with 429, which holds every sender anyway).
 */
const REPLY_HORIZON_MS = 1_000;

export class DeliveryPacer {
  private readonly lastToChat = new Map<string, number>();
  private readonly repliesUnbooked = new Map<Platform, number>();
  private replyBooking: NodeJS.Timeout | undefined;

  constructor(
    private readonly limits: Record<Platform, PlatformLimits> = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
    private readonly slots: SlotBook = new MemorySlotBook(),
  ) {}

  /** The longest per-chat gap of any platform: the gap kept between messages to one recipient. */
  get recipientIntervalMs(): number {
    return Math.max(...Object.values(this.limits).map((limits) => limits.perChatIntervalMs));
  }

  /** How long this chat must wait before its next message (0 when it may have one now). */
  chatDelay(platform: Platform, chatId: string): number {
    const last = this.lastToChat.get(`${platform}:${chatId}`);
    return last === undefined ? 0 : Math.max(0, last + this.limits[platform].perChatIntervalMs - this.now());
  }

  /**
   * Waits for the platform's next sending slot and takes it for this chat; returns 0. A slot further
   * off than `maxWaitMs` (the platform said retry_after) is not waited for: the wait is returned, for
   * the caller to send later rather than hold up everything else.
   */
  async take(platform: Platform, chatId: string, maxWaitMs = 1_000): Promise<number> {
    const now = this.now();
    const slot = await this.slots.book(platform, now, 1_000 / this.limits[platform].perSecond);
    if (slot - now > maxWaitMs) return slot - now;
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
    this.lastToChat.set(`${platform}:${chatId}`, this.now());
    if (this.lastToChat.size > 50_000) this.forgetOldChats();
    return 0;
  }

  /**
   * A reply went out in a chat, outside the pacer: it used one of the bot's slots all the same. Replies
   * never wait for a slot (the person is waiting for them); they are booked afterwards, a few at a time
   * in one call, so bulk delivery on every replica slows down while people are chatting.
   */
  noteReplySent(platform: Platform): void {
    this.repliesUnbooked.set(platform, (this.repliesUnbooked.get(platform) ?? 0) + 1);
    this.replyBooking ??= setTimeout(() => void this.bookReplies(), REPLY_BOOKING_INTERVAL_MS).unref();
  }

  /** Books the replies noted since the last booking (also on stop, so none is forgotten). */
  async bookReplies(): Promise<void> {
    clearTimeout(this.replyBooking);
    this.replyBooking = undefined;
    const counts = [...this.repliesUnbooked];
    this.repliesUnbooked.clear();
    await Promise.all(
      counts.map(([platform, count]) =>
        // With Redis away the replies go unbooked: delivery, which needs Redis too, is held anyway.
        this.slots.book(platform, this.now(), (count * 1_000) / this.limits[platform].perSecond, REPLY_HORIZON_MS).catch(() => undefined),
      ),
    );
  }

  /** The platform asked us to stop (429 retry_after): nothing goes to it until then, from any replica sharing the book. */
  async pause(platform: Platform, ms: number): Promise<void> {
    await this.slots.holdUntil(platform, this.now() + ms);
  }

  private forgetOldChats(): void {
    const horizon = this.now() - 60_000;
    for (const [key, at] of this.lastToChat) if (at < horizon) this.lastToChat.delete(key);
  }
}
