import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { withoutLogContext } from "#root/logger.ts";
import type { Platform } from "#root/messaging/messenger.ts";

/**
 * The messengers' sending limits: Telegram allows 30 messages in any second per bot and one a second
 * per chat; VK's community messages are held to about 20 a second; MAX allows 30 requests a second per
 * bot, every method counted (callback answers and polling too).
 */
export interface PlatformLimits {
  /** Sends in any one second. */
  perSecond: number;
  perChatIntervalMs: number;
}

/*
 * Telegram gets its whole limit: the book counts each send in the window from its slot until its
 * answer came back (see SlotBook), so a late sender or a slow answer slows the next sends down instead
 * of putting 31 in one of Telegram's seconds. VK and MAX keep their margins: MAX counts every request,
 * polling and callback answers included, which nothing books; VK counts every call of the community
 * token, uploads and "typing…" too.
 */
export const DEFAULT_LIMITS: Record<Platform, PlatformLimits> = {
  telegram: { perSecond: 30, perChatIntervalMs: 1_000 },
  vk: { perSecond: 15, perChatIntervalMs: 1_000 },
  max: { perSecond: 20, perChatIntervalMs: 1_000 },
};

/**
 * After a platform answered 429 it gets this share of its limit, for SAFER_RATE_FOR_MS after the hold
 * it asked for. A 429 despite the book means something it does not see is sending too (another bot
 * process on the token without Redis, an admin's script) or the platform counts differently than we
 * think: a quarter off leaves room for that, and a minute is long enough not to run straight into the
 * next one.
 */
export const SAFER_SHARE = 0.75;
export const SAFER_RATE_FOR_MS = 60_000;

/**
 * A send not reported back by then (its process died) stops counting: longer than any send that is not
 * waiting out a timeout.
 */
const UNANSWERED_SEND_COUNTS_MS = 10_000;
/** A window a little longer than the platform's second: a clock's rounding or a timer firing early stays inside. */
const WINDOW_MS = 1_005;

/** What a booking asks for. */
export interface SlotRequest {
  /** The sends to book, one slot each, in order; the book knows them by these ids until they are answered. */
  ids: string[];
  /** Sends in any window of WINDOW_MS, at the platform's pace and at the safer one after a 429. */
  perWindow: number;
  saferPerWindow: number;
  /** The shortest gap between two slots: sends are spread over the second rather than sent in a burst. */
  stepMs: number;
  saferStepMs: number;
  /** Slots further off than this are not taken (a held platform, people writing faster than the limit). */
  maxWaitMs: number;
  /**
   * Slots to hold for sends not yet asked for (replies this process expects within `forMs`), given
   * after `ids` only while the book is idle: no slot booked ahead of now and the window at most half
   * full with them. Each counts as unanswered until the process says it was answered or not used, and
   * may be used from its slot until `forMs` after the booking.
   */
  spare?: { ids: string[]; forMs: number };
}

/** What a booking got. */
export interface Booking {
  /** For each send taken (the first ones asked for; none when the first slot was too far off): ms until its slot. */
  waitsMs: number[];
  /**
   * For the first send not taken: ms until its slot; or, when it is `behindUnanswered`, until the slot
   * of the send whose answer decides it (booked ahead of its answer, the book cannot place it yet).
   */
  nextWaitMs?: number;
  behindUnanswered?: boolean;
  /** The spare slots given (the first ones asked for): ms until each one's slot, and the step the book kept between them. */
  spare?: { waitsMs: number[]; stepMs: number };
}

/** A booked send whose answer came back `msAgo` milliseconds ago. */
export interface AnsweredSend {
  id: string;
  msAgo: number;
}

/** What a process tells the book of slots it booked: sends answered, and spare slots it will not use. */
export interface SlotOutcomes {
  answered: AnsweredSend[];
  unused: string[];
}

/**
 * Where sending slots of a platform are booked: in this process, or in Redis so that every replica
 * of the bot books from one timeline and together they keep the bot's limit. The book keeps its own
 * time (Redis's clock, this process's monotonic one), so replicas with skewed clocks, and tests that
 * move the app's clock, still share one real timeline.
 *
 * The platform counts a message at some moment between its request's start and its answer. So a send
 * occupies the window from its slot until its answer came back: a slot is given only when fewer than
 * `perWindow` sends were answered less than a window before it or are still unanswered. However late
 * a sender starts or however slow the platform answers, no second of the platform's then holds more
 * than its limit; the pace follows the platform's latency instead of a fixed margin. A slot that
 * depends on a send not yet answered is not given: the booking says whose slot to wait for, and the
 * sender asks again once that send is likely answered.
 */
export interface SlotBook {
  /** Books slots for `request.ids` (and spare ones, see SlotRequest.spare), after recording `outcomes`. */
  book(platform: Platform, request: SlotRequest, outcomes: SlotOutcomes): Promise<Booking>;
  /** Records outcomes when no booking is coming to carry them. */
  record(platform: Platform, outcomes: SlotOutcomes): Promise<void>;
  /**
   * The platform answered 429: no slot before `holdMs` from now, and the safer pace until `saferForMs`
   * after that (after recording `outcomes`: the process's spare slots are given back at once).
   */
  rateLimited(platform: Platform, holdMs: number, saferForMs: number, outcomes: SlotOutcomes): Promise<void>;
}

/**
 * How far the app's clock has been moved forward since the book started: 0 with the system clock. A
 * book's time follows a test's or the playground's clock by it, so a hold ends when that clock has
 * been moved past it, as the outbox's due times do. It only grows: a book's time never goes back, and
 * a clock set back does not stretch a hold (it moves the book again once it is ahead of where it was).
 * The app's clock is read first: a process paused between the two readings errs low, never high.
 */
export function clockLead(appNow: () => number): () => number {
  const startOffset = appNow() - Date.now();
  let lead = 0;
  return () => {
    lead = Math.max(lead, appNow() - Date.now() - startOffset);
    return lead;
  };
}

interface Timeline {
  /** The earliest next slot: the last one's step on, or the end of a hold. */
  next: number;
  saferUntil: number;
  /**
   * Each booked send's answer time (its slot plus UNANSWERED_SEND_COUNTS_MS until it is answered; a
   * spare slot's, the last moment it may be used plus that).
   */
  ends: Map<string, number>;
}

export class MemorySlotBook implements SlotBook {
  private readonly timelines = new Map<Platform, Timeline>();

  /** `now`: the book's clock; real time that only moves forward (plus a test clock's lead, see clockLead). */
  constructor(private readonly now: () => number = () => performance.now()) {}

  async book(platform: Platform, request: SlotRequest, outcomes: SlotOutcomes): Promise<Booking> {
    const timeline = this.timeline(platform);
    const now = this.now();
    this.recordOutcomes(timeline, now, outcomes);
    for (const [id, end] of timeline.ends) if (end <= now - WINDOW_MS) timeline.ends.delete(id);
    const safer = now < timeline.saferUntil;
    const [perWindow, stepMs] = safer ? [request.saferPerWindow, request.saferStepMs] : [request.perWindow, request.stepMs];
    // No slot booked ahead of now: no hold, nobody sending at the pace.
    const idle = timeline.next <= now;
    const waitsMs: number[] = [];
    for (const id of request.ids) {
      // The perWindow-th latest answer (or unanswered send): the one a new slot must be a window after.
      const edge = timeline.ends.size < perWindow ? undefined : [...timeline.ends.values()].sort((a, b) => b - a)[perWindow - 1];
      // An end still ahead is an unanswered send's: its slot plus UNANSWERED_SEND_COUNTS_MS.
      if (edge !== undefined && edge > now) return { waitsMs, nextWaitMs: edge - UNANSWERED_SEND_COUNTS_MS - now, behindUnanswered: true };
      const slot = Math.max(now, timeline.next, (edge ?? -Infinity) + WINDOW_MS);
      if (slot - now > request.maxWaitMs) return { waitsMs, nextWaitMs: slot - now };
      timeline.ends.set(id, slot + UNANSWERED_SEND_COUNTS_MS);
      timeline.next = slot + stepMs;
      waitsMs.push(slot - now);
    }
    if (!idle || !request.spare) return { waitsMs };
    const spareWaitsMs: number[] = [];
    const room = Math.floor(perWindow / 2) - timeline.ends.size;
    for (const id of request.spare.ids.slice(0, Math.max(0, room))) {
      // Under half the window there is no edge to wait for: only the step.
      const slot = Math.max(now, timeline.next);
      if (slot - now > request.spare.forMs / 2) break;
      timeline.ends.set(id, now + request.spare.forMs + UNANSWERED_SEND_COUNTS_MS);
      timeline.next = slot + stepMs;
      spareWaitsMs.push(slot - now);
    }
    return spareWaitsMs.length > 0 ? { waitsMs, spare: { waitsMs: spareWaitsMs, stepMs } } : { waitsMs };
  }

  async record(platform: Platform, outcomes: SlotOutcomes): Promise<void> {
    this.recordOutcomes(this.timeline(platform), this.now(), outcomes);
  }

  async rateLimited(platform: Platform, holdMs: number, saferForMs: number, outcomes: SlotOutcomes): Promise<void> {
    const timeline = this.timeline(platform);
    const now = this.now();
    this.recordOutcomes(timeline, now, outcomes);
    timeline.next = Math.max(timeline.next, now + holdMs);
    timeline.saferUntil = Math.max(timeline.saferUntil, now + holdMs + saferForMs);
  }

  private recordOutcomes(timeline: Timeline, now: number, { answered, unused }: SlotOutcomes): void {
    for (const { id, msAgo } of answered) if (timeline.ends.has(id)) timeline.ends.set(id, now - msAgo);
    for (const id of unused) timeline.ends.delete(id);
  }

  private timeline(platform: Platform): Timeline {
    const timeline = this.timelines.get(platform) ?? { next: -Infinity, saferUntil: -Infinity, ends: new Map<string, number>() };
    this.timelines.set(platform, timeline);
    return timeline;
  }
}

/*
 * Three keys per platform, all in ms of Redis's own clock (TIME), so replicas whose clocks disagree
 * still book one timeline: the earliest next slot (a string), the end of the safer pace (a string),
 * and each booked send's answer time (a sorted set: the send's id scored by its answer time, or by
 * its slot plus UNANSWERED_SEND_COUNTS_MS while it is out; a spare slot by the last moment it may be
 * used plus that). One script per booking, however many slots it takes and outcomes it records, so
 * replicas never book the same slot. Numbers go back as strings (Redis would cut them to integers; a
 * step is a fraction of a millisecond). Keys expire once their times are past. ARGV[1] of every script
 * is a shift of the clock that only tests set (to see a minute pass without waiting for it).
 */
const SERVER_NOW = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000 + tonumber(ARGV[1])
local function fmt(ms) return string.format('%.3f', ms) end`;
/*
 * ARGV[2]: how many answered sends follow as id, msAgo pairs from ARGV[3]; then how many unused spare
 * slots follow as ids. An unused slot was never sent: it stops counting at once.
 */
const RECORD_OUTCOMES = `
local answered = tonumber(ARGV[2])
for i = 0, answered - 1 do
  redis.call('ZADD', KEYS[2], 'XX', fmt(now - tonumber(ARGV[4 + 2 * i])), ARGV[3 + 2 * i])
end
local unused_at = 3 + 2 * answered
local unused = tonumber(ARGV[unused_at])
for i = unused_at + 1, unused_at + unused do redis.call('ZREM', KEYS[2], ARGV[i]) end
local rest = unused_at + unused + 1`;
const BOOK_SCRIPT = `${SERVER_NOW}${RECORD_OUTCOMES}
local window, unanswered, max_wait = tonumber(ARGV[rest]), tonumber(ARGV[rest + 1]), tonumber(ARGV[rest + 2])
local per_window, step = tonumber(ARGV[rest + 3]), tonumber(ARGV[rest + 4])
if now < tonumber(redis.call('GET', KEYS[3]) or '0') then per_window, step = tonumber(ARGV[rest + 5]), tonumber(ARGV[rest + 6]) end
local spare_for, spares = tonumber(ARGV[rest + 7]), tonumber(ARGV[rest + 8])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', fmt(now - window))
local next = tonumber(redis.call('GET', KEYS[1]) or '0')
-- No slot booked ahead of now: no hold, nobody sending at the pace.
local idle = next <= now
local waits, spare_waits, spare_until = {}, {}, 0
local function booked(next_wait, behind_unanswered)
  if #waits + #spare_waits > 0 then
    redis.call('SET', KEYS[1], fmt(next), 'PX', math.ceil(next - now) + 1000)
    redis.call('PEXPIRE', KEYS[2], math.ceil(math.max(next - now, spare_until) + unanswered + window))
  end
  return {waits, next_wait and fmt(next_wait) or '', behind_unanswered and 1 or 0, spare_waits, fmt(step)}
end
local last_asked = #ARGV - spares
for i = rest + 9, last_asked do
  local edge = redis.call('ZREVRANGE', KEYS[2], per_window - 1, per_window - 1, 'WITHSCORES')[2]
  edge = edge and tonumber(edge)
  -- An end still ahead is an unanswered send's: its slot plus the unanswered allowance.
  if edge and edge > now then return booked(edge - unanswered - now, true) end
  local slot = math.max(now, next, edge and edge + window or now)
  if slot - now > max_wait then return booked(slot - now, false) end
  redis.call('ZADD', KEYS[2], fmt(slot + unanswered), ARGV[i])
  next = slot + step
  waits[#waits + 1] = fmt(slot - now)
end
if idle and spares > 0 then
  local room = math.floor(per_window / 2) - redis.call('ZCARD', KEYS[2])
  for i = last_asked + 1, math.min(#ARGV, last_asked + room) do
    -- Under half the window there is no edge to wait for: only the step.
    local slot = math.max(now, next)
    if slot - now > spare_for / 2 then break end
    redis.call('ZADD', KEYS[2], fmt(now + spare_for + unanswered), ARGV[i])
    next = slot + step
    spare_waits[#spare_waits + 1] = fmt(slot - now)
    spare_until = spare_for
  end
end
return booked(nil, false)`;
const RECORD_SCRIPT = `${SERVER_NOW}${RECORD_OUTCOMES}
return 1`;
const RATE_LIMITED_SCRIPT = `${SERVER_NOW}${RECORD_OUTCOMES}
local hold, safer_for = tonumber(ARGV[rest]), tonumber(ARGV[rest + 1])
if tonumber(redis.call('GET', KEYS[1]) or '0') < now + hold then
  redis.call('SET', KEYS[1], fmt(now + hold), 'PX', math.ceil(hold) + 1000)
end
if tonumber(redis.call('GET', KEYS[3]) or '0') < now + hold + safer_for then
  redis.call('SET', KEYS[3], fmt(now + hold + safer_for), 'PX', math.ceil(hold + safer_for) + 1000)
end
return 1`;

export class RedisSlotBook implements SlotBook {
  /**
   * Keys are `<prefix>{<platform>}`, `…:sends` and `…:safer`. `clockShiftMs` is added to Redis's clock:
   * the app's clock's lead (see clockLead), 0 in production; tests let a minute pass at once with it.
   */
  constructor(
    private readonly redis: Redis,
    private readonly prefix = "nastavnik:send-slots:",
    private readonly clockShiftMs: () => number = () => 0,
  ) {}

  async book(platform: Platform, request: SlotRequest, outcomes: SlotOutcomes): Promise<Booking> {
    const spareIds = request.spare?.ids ?? [];
    const [waitsMs, nextWaitMs, behindUnanswered, spareWaitsMs, stepMs] = (await this.redis.eval(
      BOOK_SCRIPT,
      3,
      ...this.keys(platform),
      String(this.clockShiftMs()),
      ...outcomeArguments(outcomes),
      String(WINDOW_MS),
      String(UNANSWERED_SEND_COUNTS_MS),
      String(request.maxWaitMs),
      String(request.perWindow),
      String(request.stepMs),
      String(request.saferPerWindow),
      String(request.saferStepMs),
      String(request.spare?.forMs ?? 0),
      String(spareIds.length),
      ...request.ids,
      ...spareIds,
    )) as [string[], string, number, string[], string];
    return {
      waitsMs: waitsMs.map(Number),
      ...(nextWaitMs === "" ? {} : { nextWaitMs: Number(nextWaitMs), behindUnanswered: behindUnanswered === 1 }),
      ...(spareWaitsMs.length > 0 ? { spare: { waitsMs: spareWaitsMs.map(Number), stepMs: Number(stepMs) } } : {}),
    };
  }

  async record(platform: Platform, outcomes: SlotOutcomes): Promise<void> {
    await this.redis.eval(RECORD_SCRIPT, 3, ...this.keys(platform), String(this.clockShiftMs()), ...outcomeArguments(outcomes));
  }

  async rateLimited(platform: Platform, holdMs: number, saferForMs: number, outcomes: SlotOutcomes): Promise<void> {
    await this.redis.eval(
      RATE_LIMITED_SCRIPT,
      3,
      ...this.keys(platform),
      String(this.clockShiftMs()),
      ...outcomeArguments(outcomes),
      String(holdMs),
      String(saferForMs),
    );
  }

  private keys(platform: Platform): [string, string, string] {
    // One hash slot for the three (a script's keys must share one on Redis Cluster).
    const timeline = `${this.prefix}{${platform}}`;
    return [timeline, `${timeline}:sends`, `${timeline}:safer`];
  }
}

function outcomeArguments({ answered, unused }: SlotOutcomes): string[] {
  return [String(answered.length), ...answered.flatMap(({ id, msAgo }) => [id, String(msAgo)]), String(unused.length), ...unused];
}

/**
 * A reply waits at most this long for its slot. Normally it waits a slot or two (the outbox workers of
 * every replica hold one each); longer means the platform asked for a pause (retry_after) or people
 * write faster than the bot may answer. Then the reply goes through the outbox (urgent, claimed first),
 * which waits out the pause without holding the chat's turn; and bulk delivery is never held back by
 * replies for more than this.
 */
export const REPLY_MAX_WAIT_MS = 1_000;
/** Answers are recorded with the next booking; when none comes within this, on their own. */
const RECORD_ANSWERED_AFTER_MS = 100;
/** How long a platform usually takes to answer a send: when to look again at a slot behind an unanswered one. */
const ANSWER_EXPECTED_MS = 50;

/*
 * Slots held for replies. A booking for replies also asks for spare slots, as many as this process's
 * replies at their recent pace will need within HELD_SLOTS_FOR_MS; the book gives them only while it
 * is idle (see SlotRequest.spare), and the replies that come next take them without a round trip.
 * Far below the limit a reply then costs a fraction of a booking; near it the book gives none and every
 * reply is booked as before. Each held slot counts in the book from its booking until it is reported
 * answered or unused, so the window never holds more than the limit, whoever holds what.
 *
 * Their life sets the price in round trips: a booking per HELD_SLOTS_FOR_MS while replies keep coming.
 * It is also how long a held slot may still be used after another replica met a 429 (the process that
 * met it drops its own at once): shorter than a booked reply may wait for its slot (REPLY_MAX_WAIT_MS),
 * which another replica's 429 does not stop either.
 */
const HELD_SLOTS_FOR_MS = 500;
/** The most slots a process holds at once, as a share of the window: the rest of the idle half stays for other replicas. */
const HELD_SHARE = 0.25;
/** Held slots cover this much more than the replies' recent pace: a burst takes them rather than a booking. */
const HELD_HEADROOM = 1.5;
/** Replies older than this say nothing of the pace now. */
const REPLY_PACE_SEEN_OVER_MS = 1_000;
const REPLY_PACE_SEEN_AT_LEAST_MS = 250;
/**
 * While the book is idle the outcomes of held slots wait this long for a booking to carry them: they
 * only keep capacity nobody needs meanwhile, and a report of its own would cost what holding saved.
 */
const REPORT_WHEN_IDLE_AFTER_MS = 1_000;

/**
 * A reply's booking: its slot's id and wait (and the held slots it came from, which a 429 may withdraw
 * while it waits), or when to ask again (none: its slot is too far off).
 */
type ReplyBooking = { id: string; waitMs: number; heldIn?: HeldSlots } | { askAgainMs: number | undefined };

/** Spare slots this process holds for its replies on a platform. */
interface HeldSlots {
  /** Not yet taken, in order: each one's id and when (performance.now()) its slot comes. */
  slots: Array<{ id: string; at: number }>;
  /** Taken a step apart, as the book spaces slots (its safer step after a 429): a burst of replies is not sent at once. */
  stepMs: number;
  lastTakenAt: number;
  /** The last moment a held slot may be used: what the book counts on. */
  usableUntil: number;
  /** A 429 came: slots taken and not yet used are given back too. */
  withdrawn: boolean;
}

/** What a paced send gave: the send's own result, or how long the platform is held (nothing was sent). */
export type Paced<T> = { sent: T } | { heldMs: number };

/**
 * Paces sending. The per-second limit is the bot's: with a shared (Redis) slot book every replica
 * books from one timeline; with the memory book it is per process. Outbox messages and replies in
 * chats book the same timeline before they are sent. Across replicas the gap between messages to one
 * recipient is kept by the outbox claim (see OutboxRepository.claimDue); the per-chat check here
 * covers this process.
 */
export class DeliveryPacer {
  private readonly lastToChat = new Map<string, number>();
  /** Replies waiting to be booked, per platform: those asking while a booking is on its way go together in the next. */
  private readonly repliesToBook = new Map<Platform, Array<{ deadline: number; answer: (booked: ReplyBooking) => void }>>();
  private readonly bookingReplies = new Set<Platform>();
  /** When (performance.now()) this process's replies of the last second asked for their slots: what held slots are sized by. */
  private readonly recentReplies = new Map<Platform, number[]>();
  private readonly held = new Map<Platform, HeldSlots>();
  /**
   * Platforms whose book was idle at the last booking for replies (it gave spare slots), until one says
   * otherwise, a 429 comes or the slots' end passed with no reply since.
   */
  private readonly idleBooks = new Set<Platform>();
  /** 429s met per platform: spare slots of a booking asked before the latest one are not held. */
  private readonly rateLimits = new Map<Platform, number>();
  /** Sends answered and not yet told to the book (performance.now() of the answer). */
  private readonly answered = new Map<Platform, Map<string, number>>();
  /** Held slots given back and not yet told to the book. */
  private readonly unused = new Map<Platform, string[]>();
  private reportTimer: NodeJS.Timeout | undefined;
  private reportDue = Infinity;
  private readonly idPrefix = randomBytes(6).toString("base64url");
  private sends = 0;

  /**
   * `now` is the app's clock (the per-chat gap is kept in its time, as the outbox's due times are);
   * the per-second timeline is the slot book's own.
   */
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
   * Books the platform's next sending slot for a message to this chat, waits for it and sends. A slot
   * further off than `maxWaitMs` (the platform said retry_after) is neither taken nor waited for: the
   * wait is returned, for the caller to send later rather than hold up everything else.
   */
  async send<T>(platform: Platform, chatId: string, maxWaitMs: number, send: () => Promise<T>): Promise<Paced<T>> {
    const id = this.nextId();
    const deadline = performance.now() + maxWaitMs;
    for (;;) {
      const booking = await this.slots.book(
        platform,
        this.request(platform, [id], deadline - performance.now()),
        this.takeOutcomes(platform),
      );
      const waitMs = booking.waitsMs[0];
      if (waitMs !== undefined) {
        await sleepFor(waitMs);
        this.lastToChat.set(`${platform}:${chatId}`, this.now());
        if (this.lastToChat.size > 50_000) this.forgetOldChats();
        return { sent: await this.answering(platform, id, send) };
      }
      const askAgainMs = this.askAgainMs(booking);
      if (!booking.behindUnanswered || performance.now() + askAgainMs > deadline) return { heldMs: Math.max(1, Math.ceil(askAgainMs)) };
      await sleepFor(askAgainMs);
    }
  }

  /**
   * Sends a reply in its slot: takes one this process holds, else books it (replies asking while a
   * booking is on its way go together in the next one), waits for it and sends. Undefined, with nothing
   * booked or sent, when the slot is further off than REPLY_MAX_WAIT_MS: the reply goes through the outbox.
   */
  async sendReply<T>(platform: Platform, send: () => Promise<T>): Promise<{ sent: T } | undefined> {
    const deadline = performance.now() + REPLY_MAX_WAIT_MS;
    this.noteReply(platform);
    for (;;) {
      const booked = await new Promise<ReplyBooking>((answer) => {
        const waiting = this.repliesToBook.get(platform) ?? [];
        waiting.push({ deadline, answer });
        this.repliesToBook.set(platform, waiting);
        this.bookWaitingReplies(platform);
      });
      if ("id" in booked) {
        await sleepFor(booked.waitMs);
        if (!booked.heldIn?.withdrawn) return { sent: await this.answering(platform, booked.id, send) };
        // A 429 came while it waited: the reply asks the book like any other (that booking carries the slot back, or the timer).
        this.giveBack(platform, [booked.id]);
        this.reportWithin(RECORD_ANSWERED_AFTER_MS);
        continue;
      }
      if (booked.askAgainMs === undefined || performance.now() + booked.askAgainMs > deadline) return undefined;
      await sleepFor(booked.askAgainMs);
    }
  }

  /**
   * The platform answered 429 with `retryAfterMs`: nothing goes to it until then, and it gets the
   * safer pace for a minute after, from every replica sharing the book. This process's held slots are
   * given back with it.
   */
  async rateLimited(platform: Platform, retryAfterMs: number): Promise<void> {
    const held = this.held.get(platform);
    if (held) held.withdrawn = true;
    this.releaseHeld(platform);
    this.idleBooks.delete(platform);
    this.rateLimits.set(platform, (this.rateLimits.get(platform) ?? 0) + 1);
    await this.slots.rateLimited(platform, retryAfterMs, SAFER_RATE_FOR_MS, this.takeOutcomes(platform));
  }

  /** Tells the book of every answered send and gives back every held slot now (on stop, so that none is left counting). */
  async recordAnswered(): Promise<void> {
    for (const platform of [...this.held.keys()]) this.releaseHeld(platform);
    await this.report();
  }

  private bookWaitingReplies(platform: Platform): void {
    const waiting = this.repliesToBook.get(platform);
    if (!waiting?.length) return;
    for (let reply = waiting[0]; reply; reply = waiting[0]) {
      const slot = this.takeHeld(platform, reply.deadline);
      if (!slot) break;
      waiting.shift();
      reply.answer(slot);
    }
    if (this.bookingReplies.has(platform) || waiting.length === 0) return;
    this.repliesToBook.delete(platform);
    this.bookingReplies.add(platform);
    // None of what is left can be used any more (or the first reply would have taken it): it goes back with this booking.
    this.releaseHeld(platform);
    const ids = waiting.map(() => this.nextId());
    const spareIds = Array.from({ length: this.sparesWanted(platform) }, () => this.nextId());
    const askedAt = performance.now();
    const rateLimitsBefore = this.rateLimits.get(platform);
    // Slots are taken in order: none further off than the earliest deadline among them allows.
    const maxWaitMs = Math.min(...waiting.map((reply) => reply.deadline)) - askedAt;
    this.slots
      .book(
        platform,
        { ...this.request(platform, ids, maxWaitMs), spare: { ids: spareIds, forMs: HELD_SLOTS_FOR_MS } },
        this.takeOutcomes(platform),
      )
      .then(
        (booking) => {
          const answeredAt = performance.now();
          if (booking.spare && this.rateLimits.get(platform) !== rateLimitsBefore) {
            // Booked before a 429 met meanwhile: given back at once, as held ones were.
            this.giveBack(platform, spareIds.slice(0, booking.spare.waitsMs.length));
            this.reportWithin(RECORD_ANSWERED_AFTER_MS);
          } else if (booking.spare) this.hold(platform, spareIds, booking.spare, answeredAt, askedAt + HELD_SLOTS_FOR_MS);
          else this.idleBooks.delete(platform);
          const askAgainMs = booking.behindUnanswered ? this.askAgainMs(booking) : undefined;
          for (const [index, reply] of waiting.entries()) {
            const waitMs = booking.waitsMs[index];
            reply.answer(waitMs === undefined ? { askAgainMs } : { id: ids[index]!, waitMs });
          }
        },
        // With Redis away the replies go unbooked: the conversations, which need Redis too, are held anyway.
        () => {
          for (const [index, reply] of waiting.entries()) reply.answer({ id: ids[index]!, waitMs: 0 });
        },
      )
      .finally(() => {
        this.bookingReplies.delete(platform);
        this.bookWaitingReplies(platform);
      });
  }

  private noteReply(platform: Platform): void {
    const now = performance.now();
    const recent = this.recentReplies.get(platform) ?? [];
    recent.push(now);
    let old = 0;
    while (recent[old]! < now - REPLY_PACE_SEEN_OVER_MS) old += 1;
    if (old > 0) recent.splice(0, old);
    this.recentReplies.set(platform, recent);
  }

  /**
   * As many as replies come in HELD_SLOTS_FOR_MS at their recent pace, with headroom; never more than
   * HELD_SHARE of the window. The pace is taken over at least REPLY_PACE_SEEN_AT_LEAST_MS: when replies
   * start coming fast the slots held follow within a few bookings, and two replies close together
   * after a quiet hour do not make one process hold a quarter of the limit.
   */
  private sparesWanted(platform: Platform): number {
    const recent = this.recentReplies.get(platform) ?? [];
    const seenOverMs = Math.max(REPLY_PACE_SEEN_AT_LEAST_MS, performance.now() - (recent[0] ?? 0));
    const expected = (recent.length / seenOverMs) * HELD_SLOTS_FOR_MS * HELD_HEADROOM;
    return Math.min(Math.ceil(expected), Math.floor(this.perWindow(platform) * HELD_SHARE));
  }

  /**
   * Keeps the spare slots a booking gave. Their times are the book's waits from when its answer came
   * (later than the book's now: never early); they are usable until HELD_SLOTS_FOR_MS after the booking
   * was asked (earlier than the book's now: never after the book stops counting on them).
   */
  private hold(platform: Platform, ids: string[], spare: { waitsMs: number[]; stepMs: number }, answeredAt: number, usableUntil: number) {
    this.held.set(platform, {
      slots: spare.waitsMs.map((waitMs, index) => ({ id: ids[index]!, at: answeredAt + waitMs })),
      stepMs: spare.stepMs,
      usableUntil,
      lastTakenAt: -Infinity,
      withdrawn: false,
    });
    this.idleBooks.add(platform);
    this.reportWithin(usableUntil - answeredAt + REPORT_WHEN_IDLE_AFTER_MS);
  }

  /** The next held slot, when it can go before both the reply's deadline and the slots' end; a step after the last one taken. */
  private takeHeld(platform: Platform, deadline: number): ReplyBooking | undefined {
    const held = this.held.get(platform);
    const next = held?.slots[0];
    if (!held || !next) return undefined;
    const now = performance.now();
    const at = Math.max(now, next.at, held.lastTakenAt + held.stepMs);
    if (at > held.usableUntil || at > deadline) return undefined;
    held.slots.shift();
    held.lastTakenAt = at;
    return { id: next.id, waitMs: at - now, heldIn: held };
  }

  /** Stops holding the platform's spare slots: those not taken are given back to the book. */
  private releaseHeld(platform: Platform): void {
    const held = this.held.get(platform);
    if (!held) return;
    this.held.delete(platform);
    this.giveBack(
      platform,
      held.slots.map((slot) => slot.id),
    );
    held.slots = [];
  }

  /** Given back slots go with the next call to the book: the callers make one at once. */
  private giveBack(platform: Platform, ids: string[]): void {
    if (ids.length > 0) this.unused.set(platform, [...(this.unused.get(platform) ?? []), ...ids]);
  }

  /**
   * When to ask again for a slot not given: at the slot when it was too far off; behind an unanswered
   * send, once that send has most likely been answered and its answer recorded.
   */
  private askAgainMs(booking: Booking): number {
    const waitMs = Math.max(0, booking.nextWaitMs ?? 0);
    return booking.behindUnanswered ? waitMs + RECORD_ANSWERED_AFTER_MS + ANSWER_EXPECTED_MS : waitMs;
  }

  /** Runs the send and notes when its answer came (or it failed): the book counts it until then. */
  private async answering<T>(platform: Platform, id: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } finally {
      const answered = this.answered.get(platform) ?? new Map<string, number>();
      answered.set(id, performance.now());
      this.answered.set(platform, answered);
      this.reportWithin(this.idleBooks.has(platform) ? REPORT_WHEN_IDLE_AFTER_MS : RECORD_ANSWERED_AFTER_MS);
    }
  }

  /** Makes sure outcomes not carried by a booking by then are reported within `ms`. */
  private reportWithin(ms: number): void {
    const due = performance.now() + ms;
    if (this.reportTimer && due >= this.reportDue) return;
    clearTimeout(this.reportTimer);
    this.reportDue = due;
    // The report carries every chat's outcomes, not only those of the update whose send set the timer.
    this.reportTimer = withoutLogContext(() => setTimeout(() => this.reportPending(), Math.max(0, ms)).unref());
  }

  private reportPending(): void {
    const now = performance.now();
    for (const [platform, held] of this.held) {
      if (held.usableUntil > now) continue;
      this.releaseHeld(platform);
      this.idleBooks.delete(platform);
    }
    void this.report().catch(() => undefined);
  }

  private async report(): Promise<void> {
    const platforms = [...new Set([...this.answered.keys(), ...this.unused.keys()])];
    const outcomes = platforms.map((platform) => ({ platform, outcomes: this.takeOutcomes(platform) }));
    this.reportWhenHeldSlotsEnd();
    await Promise.all(outcomes.map(({ platform, outcomes }) => this.slots.record(platform, outcomes)));
  }

  /** Takes what there is to tell the book; once a booking carried everything, no report of its own is due but for held slots' end. */
  private takeOutcomes(platform: Platform): SlotOutcomes {
    const answered = this.answered.get(platform);
    const unused = this.unused.get(platform) ?? [];
    this.answered.delete(platform);
    this.unused.delete(platform);
    if (this.answered.size === 0 && this.unused.size === 0) this.reportWhenHeldSlotsEnd();
    const now = performance.now();
    return { answered: [...(answered ?? [])].map(([id, at]) => ({ id, msAgo: now - at })), unused };
  }

  private reportWhenHeldSlotsEnd(): void {
    clearTimeout(this.reportTimer);
    this.reportTimer = undefined;
    this.reportDue = Infinity;
    const now = performance.now();
    for (const held of this.held.values()) this.reportWithin(held.usableUntil - now + REPORT_WHEN_IDLE_AFTER_MS);
  }

  private request(platform: Platform, ids: string[], maxWaitMs: number): SlotRequest {
    const { perSecond } = this.limits[platform];
    const perWindow = this.perWindow(platform);
    const saferPerWindow = Math.max(1, Math.floor(perSecond * SAFER_SHARE));
    return { ids, perWindow, saferPerWindow, stepMs: 1_000 / perSecond, saferStepMs: 1_000 / (perSecond * SAFER_SHARE), maxWaitMs };
  }

  private perWindow(platform: Platform): number {
    return Math.max(1, Math.floor(this.limits[platform].perSecond));
  }

  private nextId(): string {
    this.sends += 1;
    return `${this.idPrefix}.${this.sends}`;
  }

  private forgetOldChats(): void {
    const horizon = this.now() - 60_000;
    for (const [key, at] of this.lastToChat) if (at < horizon) this.lastToChat.delete(key);
  }
}

/**
 * Sleeps at least `ms`: a timer may fire a little early (its start is the event loop's cached time),
 * and a send must not start before its slot.
 */
async function sleepFor(ms: number): Promise<void> {
  const until = performance.now() + ms;
  for (let left = ms; left > 0; left = until - performance.now()) await new Promise((resolve) => setTimeout(resolve, Math.ceil(left)));
}
