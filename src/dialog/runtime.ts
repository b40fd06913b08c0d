import type { Logger } from "pino";
import type { Locale, Translator } from "#root/i18n/translator.ts";
import type { Incoming, MessengerPort, Platform, UpdateSink } from "#root/messaging/messenger.ts";
import { ChatNotices } from "./chat-notices.ts";
import { ConversationDispatch, type FlowServices } from "./conversation-dispatch.ts";
import type { FloodGuard } from "./flood-guard.ts";
import type { FlowDefinition, FlowRouter, Notifier } from "./flow.ts";
import { InboxDrain, type UpdateMetrics } from "./inbox-drain.ts";
import type { AccountsPort, InboxPort } from "./ports.ts";
import { ReplyDelivery } from "./reply-delivery.ts";

export type { FlowServices } from "./conversation-dispatch.ts";

export interface RuntimeDependencies {
  /** Where updates are stored before the platform is answered, and worked through. */
  inbox: InboxPort;
  /** The chats' messenger accounts. */
  accounts: AccountsPort;
  messengers: Map<Platform, MessengerPort>;
  flows: FlowDefinition[];
  router: FlowRouter;
  translator: Translator;
  /** Where a reply goes that could not be sent directly. */
  outbox: Notifier;
  /** Handed to flows in their FlowContext (the full repositories among them); the runtime itself uses none of it. */
  flowServices: FlowServices;
  defaultLocale: Locale;
  logger: Logger;
  /** What `d.now()` reads (tests move it). */
  clock?: () => Date;
  /** How long a chat's lease lasts unless renewed (tests shorten it). */
  leaseMs?: number;
  /** Runs a reply's send in its slot of the bot's per-second budget; undefined: too far off, the reply goes through the outbox. */
  inSendingSlot?: <T>(platform: Platform, send: () => Promise<T>) => Promise<{ sent: T } | undefined>;
  /** Inbound flood control: a chat's presses over its budget are answered kindly and dropped. */
  flood?: FloodGuard;
  /** Counts updates received, handled and failed, and how long handling took. */
  metrics?: UpdateMetrics;
}

/**
 * The one flow runtime for every messenger, composed of three parts: the inbox drain (stores and
 * de-duplicates updates, serialises each chat, retries and dead-letters), the conversation dispatch
 * (resumes the chat's flow on @grammyjs/conversations' ReplayEngine) and the reply delivery (directly,
 * or through the outbox when that fails).
 */
export class DialogRuntime implements UpdateSink {
  private readonly inboxDrain: InboxDrain;

  private readonly inbox: InboxPort;

  constructor(deps: RuntimeDependencies) {
    this.inbox = deps.inbox;
    const clock = deps.clock ?? (() => new Date());
    const notices = new ChatNotices({ messengers: deps.messengers, translator: deps.translator, defaultLocale: deps.defaultLocale });
    const replies = new ReplyDelivery({
      messengers: deps.messengers,
      translator: deps.translator,
      accounts: deps.accounts,
      outbox: deps.outbox,
      logger: deps.logger,
      inSendingSlot: deps.inSendingSlot,
    });
    const dispatch = new ConversationDispatch({
      accounts: deps.accounts,
      forgetChat: (platform, chatId) => this.forgetChat(platform, chatId),
      flows: deps.flows,
      router: deps.router,
      translator: deps.translator,
      flowServices: deps.flowServices,
      replies,
      notices,
      defaultLocale: deps.defaultLocale,
      logger: deps.logger,
      clock,
    });
    this.inboxDrain = new InboxDrain({
      inbox: deps.inbox,
      notices,
      logger: deps.logger,
      flood: deps.flood,
      now: clock,
      leaseMs: deps.leaseMs,
      metrics: deps.metrics,
      handler: {
        handle: (incoming, attempts, held) => dispatch.handle(incoming, attempts, held),
        chatDrained: (platform, chatId) => replies.drainEnded(platform, chatId),
      },
    });
  }

  accept(incoming: Incoming): Promise<"accepted" | "duplicate" | "throttled"> {
    return this.inboxDrain.accept(incoming);
  }

  /** Processes every stored update of a chat; resolves when the chat is drained. */
  drain(platform: Platform, chatId: string): Promise<void> {
    return this.inboxDrain.drain(platform, chatId);
  }

  /** Picks up updates left behind by a crash or an outage, every `intervalMs`. */
  startRecovery(intervalMs?: number): void {
    this.inboxDrain.startRecovery(intervalMs);
  }

  /** Stops taking updates and waits for those in hand. */
  stop(): Promise<void> {
    return this.inboxDrain.stop();
  }

  /** Waits until every update accepted so far is handled (tests and the playground use it). */
  idle(): Promise<void> {
    return this.inboxDrain.idle();
  }

  /** Clears a chat's flow and screen (after an erasure took its person away), fencing off any holder's work on it. */
  forgetChat(platform: Platform, chatId: string): Promise<void> {
    return this.inbox.forgetChat(platform, chatId);
  }
}
