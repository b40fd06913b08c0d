import type { Logger } from "pino";
import type { Repositories } from "#root/db/repositories/index.ts";
import type { OutboxMessage, OutboxRecipient } from "#root/db/repositories/outbox.ts";
import type { QuietHoursFacts, UnreachablePerson } from "#root/db/repositories/people.ts";
import type { Notifier } from "#root/dialog/flow.ts";
import { isProtectedMinor, nextAllowedSend } from "#root/domain/quiet-hours.ts";
import { isLocale, type Locale, localeFromLanguageCode, msg, type Translator } from "#root/i18n/translator.ts";
import { withoutLogContext } from "#root/logger.ts";
import type { MessageSpec } from "#root/messaging/message-spec.ts";
import { renderMessage } from "#root/messaging/message-spec.ts";
import type { MessengerPort, Platform } from "#root/messaging/messenger.ts";
import type { Metrics } from "#root/metrics.ts";
import { clockLead, DEFAULT_LIMITS, DeliveryPacer, MemorySlotBook, type PlatformLimits, type SlotBook } from "./pacer.ts";

/**
 * A message whose slot is further off (the platform asked for a pause) waits in the outbox instead,
 * so the worker goes on with other platforms' messages.
 */
const MAX_SLOT_WAIT_MS = 1_000;

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
  /** The first retry's delay; each further attempt doubles it (a platform's retry_after wins if longer). */
  retryBaseMs?: number;
  /** The platforms' sending limits for this process (tests make them fast). Ignored when `pacer` is given. */
  limits?: Partial<Record<Platform, PlatformLimits>>;
  pacer?: DeliveryPacer;
  /** Where sending slots are booked: Redis shares the bot's per-second limit among replicas. Default: this process. */
  slots?: SlotBook;
  /** The clock: quiet hours, due times and pacing read it (tests set it to a given night). */
  now?: () => Date;
  /** Counts messages put back because their platform's sending slots were held. */
  metrics?: Pick<Metrics, "slotHolds">;
}

/**
 * Delivers the outbox: claims due rows (replicas share the work without sending twice, and take turns
 * so that one recipient never gets two messages within the per-chat gap), holds messages to minors
 * during quiet hours, renders each in the recipient's language and sends it to the account they used
 * last. A person who blocked the bot everywhere is reported to their coordinators once.
 */
export class OutboxDelivery implements Notifier {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private readonly pacer: DeliveryPacer;
  private readonly now: () => Date;

  constructor(private readonly options: OutboxDeliveryOptions) {
    this.now = options.now ?? (() => new Date());
    const nowMs = () => this.now().getTime();
    // Without a shared book, this process's: its time follows a test's clock forward (see clockLead).
    const lead = clockLead(nowMs);
    const slots = options.slots ?? new MemorySlotBook(() => performance.now() + lead());
    this.pacer = options.pacer ?? new DeliveryPacer({ ...DEFAULT_LIMITS, ...options.limits }, nowMs, slots);
  }

  async send(to: OutboxRecipient, message: MessageSpec, dedupKey: string, options?: { urgent?: boolean }): Promise<void> {
    await this.options.repos.outbox.enqueue([{ to, message, dedupKey, urgent: options?.urgent, dueAt: this.now() }]);
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
    await this.pacer.recordAnswered().catch(() => undefined);
  }

  /**
   * Sends a reply in a chat in its slot of the bot's per-second budget that delivery keeps (waiting for
   * it); undefined, with nothing sent, when the slot is too far off (the reply goes through the outbox).
   */
  sendReply<T>(platform: Platform, send: () => Promise<T>): Promise<{ sent: T } | undefined> {
    return this.pacer.sendReply(platform, send);
  }

  /** The platform answered 429 (to a reply, an edit or an outbox send): every replica holds and slows down. */
  async rateLimited(platform: Platform, retryAfterMs: number): Promise<void> {
    await this.pacer.rateLimited(platform, retryAfterMs);
  }

  /** Resolves once no delivery round of this worker is under way (the one running and any it queued). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Runs a delivery round now (or right after the one under way). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    // A round an update's flow kicked delivers other people's messages too: not under that update's ids.
    this.running = withoutLogContext(() => this.deliverDue())
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

  /** Delivers everything due now (or at `now`, when given); returns how many messages were handled. */
  async deliverDue(now?: Date): Promise<number> {
    const { repos } = this.options;
    let handled = 0;
    for (;;) {
      const batch = await repos.outbox.claimDue(this.options.batchSize ?? 50, now ?? this.now, {
        recipientIntervalMs: this.pacer.recipientIntervalMs,
      });
      if (batch.length === 0) return handled;
      const facts = await repos.people.quietHoursFacts(
        batch.flatMap((item) => ((!item.urgent || item.reminder) && "personId" in item.to ? [item.to.personId] : [])),
      );
      for (const item of batch) {
        const at = now ?? this.now();
        const dropped = this.droppedBecause(item, facts, at);
        const held = dropped ? undefined : this.heldUntil(item, facts, at);
        if (dropped) await repos.outbox.markFailed(item.id, at, dropped);
        else if (held && item.expiresAt && held.getTime() >= item.expiresAt.getTime())
          await repos.outbox.markFailed(item.id, at, "expired during quiet hours");
        else if (held) await repos.outbox.postpone(item.id, held);
        else await this.deliverOne(item);
        handled += 1;
      }
    }
  }

  /**
   * Why a message is not to be sent at all: too late (a reminder for a meeting that already began,
   * found after downtime), or a reminder to someone who turned reminders off.
   */
  private droppedBecause(item: OutboxMessage, facts: Map<number, QuietHoursFacts>, at: Date): string | undefined {
    if (item.expiresAt && item.expiresAt.getTime() <= at.getTime()) return "expired";
    if (item.reminder && "personId" in item.to && facts.get(item.to.personId)?.remindersOn === false) return "reminders off";
    return undefined;
  }

  /** When a message to a minor must wait for the morning: the time it may go, else undefined. */
  private heldUntil(item: OutboxMessage, facts: Map<number, QuietHoursFacts>, at: Date): Date | undefined {
    if (item.urgent || !("personId" in item.to)) return undefined;
    const person = facts.get(item.to.personId);
    if (!person?.timezone || !isProtectedMinor(person, at)) return undefined;
    const allowed = nextAllowedSend(at, person.timezone, true);
    return allowed.getTime() > at.getTime() ? allowed : undefined;
  }

  private async deliverOne({ id, to, message, attempts }: OutboxMessage): Promise<void> {
    const { repos, translator, logger } = this.options;
    const address =
      "personId" in to ? await repos.accounts.addressOf(to.personId, this.now()) : await repos.accounts.addressOfAccount(to.accountId);
    if (!address) {
      await repos.outbox.markFailed(id, this.now(), "no reachable account");
      // Blocked everywhere (perhaps found out by a reply in the chat rather than by the outbox).
      if ("personId" in to) await this.reportIfUnreachable(to.personId);
      return;
    }
    const messenger = this.options.messengers.get(address.platform);
    if (!messenger) {
      await repos.outbox.markFailed(id, this.now(), `messenger ${address.platform} is not configured`);
      return;
    }
    const wait = this.pacer.chatDelay(address.platform, address.chatId);
    if (wait > 0) {
      // Another message just went to this chat: this one waits its turn without blocking others.
      await repos.outbox.postpone(id, new Date(this.now().getTime() + wait));
      return;
    }
    const locale = isLocale(address.locale) ? address.locale : localeFromLanguageCode(address.locale, this.options.defaultLocale);
    const outgoing = renderMessage(translator, { locale, address: address.address }, message);
    const paced = await this.pacer.send(address.platform, address.chatId, MAX_SLOT_WAIT_MS, () =>
      messenger.send({ chatId: address.chatId, callbackButtons: address.callbackButtons }, outgoing, {
        idempotencyKey: `outbox:${id}`,
        queued: true,
      }),
    );
    if ("heldMs" in paced) {
      // The platform asked for a pause (retry_after): this message waits it out in the outbox.
      this.options.metrics?.slotHolds.inc({ platform: address.platform });
      await repos.outbox.postpone(id, new Date(this.now().getTime() + paced.heldMs));
      return;
    }
    const result = paced.sent;
    if (result.ok) {
      await repos.outbox.markSent(id, this.now());
      return;
    }
    if (result.reason === "blocked") {
      await repos.accounts.markBlocked(address.accountId);
      if ("personId" in to) await this.reportIfUnreachable(to.personId);
      // Another account of the same person may still reach them; else the next claim fails it.
      await repos.outbox.retryLater(id, this.now(), "blocked");
      return;
    }
    if (result.retryAfterMs) {
      // A rate limit says nothing against the message: it waits its turn without using up an attempt,
      // and the platform is held for every sender meanwhile, then slowed down for a minute.
      await this.pacer.rateLimited(address.platform, result.retryAfterMs);
      await repos.outbox.postpone(id, new Date(this.now().getTime() + result.retryAfterMs), result.error);
      return;
    }
    if (attempts >= (this.options.maxAttempts ?? 6)) {
      await repos.outbox.markFailed(id, this.now(), result.error);
      logger.warn({ outboxId: id, error: result.error }, "outbox message given up");
      return;
    }
    const delay = 2 ** (attempts - 1) * (this.options.retryBaseMs ?? 2_000);
    await repos.outbox.retryLater(id, new Date(this.now().getTime() + delay), result.error);
  }

  /** Tells the person's coordinators, once, that the bot can no longer reach them. */
  private async reportIfUnreachable(personId: number): Promise<void> {
    const now = this.now();
    const reported = await this.options.repos.people.reportUnreachable(personId, now, (person) => unreachableNotices(person, now));
    if (reported) {
      this.options.logger.info({ personId, coordinators: reported.coordinators.length }, "person unreachable: coordinators told");
      this.kick();
    }
  }
}

function unreachableNotices(person: UnreachablePerson, now: Date) {
  return person.coordinators.map((coordinator) => ({
    // The mark's time tells one episode from the next (the person may write again, then block again).
    dedupKey: `unreachable:${person.personId}:${person.reportedAt.getTime()}:${coordinator.personId}`,
    to: { personId: coordinator.personId },
    message: { text: [msg("unreachable-coordinator", { name: person.fullName ?? "—", role: msg(`role-${coordinator.role}`) })] },
    dueAt: now,
  }));
}
