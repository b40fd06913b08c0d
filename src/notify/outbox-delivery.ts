import type { Logger } from "pino";
import type { Repositories } from "#root/db/repositories/index.ts";
import type { Notifier } from "#root/dialog/flow.ts";
import type { MessengerPort, Platform } from "#root/dialog/messages.ts";
import type { MessageSpec } from "#root/dialog/replay-dialog.ts";
import { renderMessage } from "#root/dialog/runtime.ts";
import { DeliveryPacer } from "./pacer.ts";
import { isLocale, type Locale, localeFromLanguageCode, type Translator } from "#root/i18n/translator.ts";
import type { OutboxRecipient } from "#root/db/repositories/outbox.ts";

export interface OutboxDeliveryOptions {
  repos: Repositories;
  messengers: Map<Platform, MessengerPort>;
  translator: Translator;
  logger: Logger;
  defaultLocale: Locale;
  /** How often to look for due messages when nobody kicked the worker. */
  pollMs?: number;
  batchSize?: number;
  maxAttempts?: number;
  pacer?: DeliveryPacer;
}

/**
 * Delivers the outbox: claims due rows (FOR UPDATE SKIP LOCKED, so replicas share the work without
 * sending twice), renders each in the recipient's language and sends it to the account they used last.
 */
export class OutboxDelivery implements Notifier {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private readonly pacer: DeliveryPacer;

  constructor(private readonly options: OutboxDeliveryOptions) {
    this.pacer = options.pacer ?? new DeliveryPacer();
  }

  async send(to: OutboxRecipient, message: MessageSpec, dedupKey: string): Promise<void> {
    await this.options.repos.outbox.enqueue([{ to, message, dedupKey }]);
    this.kick();
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.options.pollMs ?? 1_000);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Runs a delivery round now (or right after the one under way). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.deliverDue()
      .then(() => undefined)
      .catch((error: unknown) => this.options.logger.warn({ err: error }, "outbox round failed"))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Delivers everything due now; returns how many messages were handled. */
  async deliverDue(now = new Date()): Promise<number> {
    const { repos } = this.options;
    let handled = 0;
    for (;;) {
      const batch = await repos.outbox.claimDue(this.options.batchSize ?? 50, now);
      if (batch.length === 0) return handled;
      for (const item of batch) {
        await this.deliverOne(item.id, item.to, item.message, item.attempts);
        handled += 1;
      }
    }
  }

  private async deliverOne(id: number, to: OutboxRecipient, message: MessageSpec, attempts: number): Promise<void> {
    const { repos, translator, logger } = this.options;
    const address = "personId" in to ? await repos.accounts.addressOf(to.personId) : await repos.accounts.addressOfAccount(to.accountId);
    if (!address) {
      await repos.outbox.markFailed(id, new Date(), "no reachable account");
      return;
    }
    const messenger = this.options.messengers.get(address.platform);
    if (!messenger) {
      await repos.outbox.markFailed(id, new Date(), `messenger ${address.platform} is not configured`);
      return;
    }
    const wait = this.pacer.chatDelay(address.platform, address.chatId);
    if (wait > 0) {
      // Another message just went to this chat: this one waits its turn without blocking others.
      await repos.outbox.postpone(id, new Date(Date.now() + wait));
      return;
    }
    await this.pacer.take(address.platform, address.chatId);
    const locale = isLocale(address.locale) ? address.locale : localeFromLanguageCode(address.locale, this.options.defaultLocale);
    const result = await messenger.send(
      { chatId: address.chatId, callbackButtons: address.callbackButtons },
      renderMessage(translator, locale, message),
      { idempotencyKey: `outbox:${id}` },
    );
    if (result.ok) {
      await repos.outbox.markSent(id, new Date());
      return;
    }
    if (result.reason === "blocked") {
      await repos.accounts.markBlocked(address.accountId);
      // Another account of the same person may still reach them.
      await repos.outbox.retryLater(id, new Date(), "blocked");
      return;
    }
    if (attempts >= (this.options.maxAttempts ?? 6)) {
      await repos.outbox.markFailed(id, new Date(), result.error);
      logger.warn({ outboxId: id, error: result.error }, "outbox message given up");
      return;
    }
    if (result.retryAfterMs) this.pacer.pause(address.platform, result.retryAfterMs);
    const delay = Math.max(result.retryAfterMs ?? 0, 2 ** attempts * 1_000);
    await repos.outbox.retryLater(id, new Date(Date.now() + delay), result.error);
  }
}
