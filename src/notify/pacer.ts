import type { Platform } from "#root/dialog/messages.ts";

/**
 * The messengers' sending limits for bulk delivery: Telegram allows about 30 messages a second per
 * bot and one a second per chat; VK's community messages are held to about 20 a second. We keep a
 * margin under both, and stop a platform for as long as it asks (retry_after).
 */
export interface PlatformLimits {
  perSecond: number;
  perChatIntervalMs: number;
}

export const DEFAULT_LIMITS: Record<Platform, PlatformLimits> = {
  telegram: { perSecond: 25, perChatIntervalMs: 1_000 },
  vk: { perSecond: 15, perChatIntervalMs: 1_000 },
};

/**
 * Paces one process's sending. The per-second limit is per process: with several replicas, give each
 * a share of the bot's limit. Across replicas the gap between messages to one recipient is kept by
 * the outbox claim (see OutboxRepository.claimDue); the per-chat check here covers this process.
 */
export class DeliveryPacer {
  private readonly nextSlot = new Map<Platform, number>();
  private readonly lastToChat = new Map<string, number>();

  constructor(
    private readonly limits: Record<Platform, PlatformLimits> = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
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

  /** Waits for the platform's next sending slot and takes it for this chat. */
  async take(platform: Platform, chatId: string): Promise<void> {
    const now = this.now();
    const slot = Math.max(now, this.nextSlot.get(platform) ?? now);
    this.nextSlot.set(platform, slot + 1_000 / this.limits[platform].perSecond);
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
    this.lastToChat.set(`${platform}:${chatId}`, this.now());
    if (this.lastToChat.size > 50_000) this.forgetOldChats();
  }

  /** The platform asked us to stop (429 retry_after): nothing goes to it until then. */
  pause(platform: Platform, ms: number): void {
    this.nextSlot.set(platform, Math.max(this.nextSlot.get(platform) ?? 0, this.now() + ms));
  }

  private forgetOldChats(): void {
    const horizon = this.now() - 60_000;
    for (const [key, at] of this.lastToChat) if (at < horizon) this.lastToChat.delete(key);
  }
}
