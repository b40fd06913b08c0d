import type { Incoming } from "#root/messaging/messenger.ts";

/** How fast one chat may feed the bot: a token bucket of `burst` updates, refilled at `perSecond`. */
export interface FloodLimits {
  /** Updates a calm chat may send at once: ordinary fast use (ticking a multi-select's options) fits in it. */
  burst: number;
  /** Updates a second the chat earns back, up to `burst`: what a flood is held to. */
  perSecond: number;
}

/** What becomes of one update. */
export type FloodVerdict =
  /** `tokenSpent`: false for a text, command or file that passed with the bucket empty. */
  | { admitted: true; tokenSpent: boolean }
  /**
   * A press over the chat's budget: dropped before it costs a statement. `firstOfFlood`: the first
   * press refused since the chat was last calm (its bucket full), the one to say so in a message
   * where a press has no toast to answer it with.
   */
  | { admitted: false; firstOfFlood: boolean };

interface ChatBucket {
  tokens: number;
  /** When `tokens` was last brought up to date. */
  atMs: number;
  /** A press was refused since the bucket was last full. */
  refused: boolean;
}

/**
 * Inbound flood control: each chat spends a token per update, before the update reaches the inbox
 * (the first database statement it would cost). Only button presses are ever refused: a press that
 * matters can be pressed again (its button stays, and the answer says to wait a moment), while
 * typed texts, commands, start links, files and stickers carry what the person wrote or sent, so
 * they always pass, taking a token when there is one.
 *
 * Kept in memory, per replica: a shared bucket in Redis would cost a round trip on every update,
 * which the update path cannot afford (issue 16). Long polling feeds one replica; behind a load
 * balancer a chat's updates may spread over n replicas, which lets a flood through at most n times
 * the limit: still bounded, which is the point. A restart forgets the buckets: every chat starts calm.
 */
export class FloodGuard {
  private readonly buckets = new Map<string, ChatBucket>();
  private lastSweepMs: number;
  private refusedCount = 0;

  /** `nowMs`: the app's clock in milliseconds (tests move it to refill a bucket). */
  constructor(
    private readonly limits: FloodLimits,
    private readonly nowMs: () => number,
  ) {
    if (!(limits.burst >= 1) || !(limits.perSecond > 0)) throw new Error("Flood limits need a burst of at least 1 and a positive rate");
    this.lastSweepMs = nowMs();
  }

  /** Updates refused since the start (for a metrics endpoint). */
  get throttled(): number {
    return this.refusedCount;
  }

  /** Spends a token of the update's chat, or refuses the update when it is a press and none is left. */
  admit(incoming: Incoming): FloodVerdict {
    const now = this.nowMs();
    this.sweep(now);
    const key = `${incoming.platform}:${incoming.chatId}`;
    const bucket = this.refilled(this.buckets.get(key), now);
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { admitted: true, tokenSpent: true };
    }
    if (incoming.event.kind !== "button") return { admitted: true, tokenSpent: false };
    this.refusedCount += 1;
    const firstOfFlood = !bucket.refused;
    bucket.refused = true;
    return { admitted: false, firstOfFlood };
  }

  /**
   * Returns the token an admitted update spent (`tokenSpent`) when the inbox could not take it: the
   * adapter offers the update again, and the retries of one update must not use up its chat's budget.
   */
  giveBack(incoming: Incoming): void {
    const key = `${incoming.platform}:${incoming.chatId}`;
    const bucket = this.buckets.get(key);
    if (bucket) bucket.tokens = Math.min(this.limits.burst, bucket.tokens + 1);
  }

  /** The chat's bucket as of `now`: full when the chat is new or was forgotten. */
  private refilled(bucket: ChatBucket | undefined, now: number): ChatBucket {
    if (!bucket) return { tokens: this.limits.burst, atMs: now, refused: false };
    // A clock moved back (a test, a corrected system clock) earns nothing rather than costing.
    const earned = (Math.max(0, now - bucket.atMs) / 1000) * this.limits.perSecond;
    const tokens = Math.min(this.limits.burst, bucket.tokens + earned);
    return { tokens, atMs: now, refused: tokens < this.limits.burst && bucket.refused };
  }

  /**
   * Forgets the chats whose buckets are full again (they would start from a full one anyway), at
   * most once per time a bucket takes to fill: the map holds only chats active that recently.
   */
  private sweep(now: number): void {
    const fillMs = (this.limits.burst / this.limits.perSecond) * 1000;
    if (now - this.lastSweepMs < fillMs) return;
    this.lastSweepMs = now;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.atMs) / 1000) * this.limits.perSecond >= this.limits.burst) this.buckets.delete(key);
    }
  }
}
