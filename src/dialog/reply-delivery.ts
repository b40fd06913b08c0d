import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import type { Msg, Reader, Translator } from "#root/i18n/translator.ts";
import { type MessageSpec, renderMessage } from "#root/messaging/message-spec.ts";
import type { ChatActivity, MessageRef, MessengerPort, Platform } from "#root/messaging/messenger.ts";
import type { Notifier } from "./flow.ts";
import type { AccountsPort } from "./ports.ts";

function recipient(chat: ReplyChat) {
  return { chatId: chat.chatId, callbackButtons: chat.callbackButtons };
}

/** The chat a reply goes to. */
export interface ReplyChat {
  platform: Platform;
  chatId: string;
  accountId: number;
  callbackButtons: boolean;
}

export interface ReplyDeliveryDependencies {
  messengers: Map<Platform, MessengerPort>;
  translator: Translator;
  accounts: Pick<AccountsPort, "markBlocked">;
  /** Where a reply goes that could not be sent directly. */
  outbox: Notifier;
  logger: Logger;
  /** A reply went out directly (not through the outbox): the bot's per-second budget counts it. */
  onReplySent?: (platform: Platform) => void;
}

/**
 * Sends the replies of a chat's flow: directly through the chat's messenger (the person is waiting),
 * and, once one could not be sent, through the outbox for the rest of the chat's drain, so later
 * replies do not overtake it.
 */
export class ReplyDelivery {
  /** Chats whose replies go through the outbox for the rest of a drain, behind one that could not be sent. */
  private readonly viaOutbox = new Set<string>();

  constructor(private readonly deps: ReplyDeliveryDependencies) {}

  /** Sends a reply; answers the platform's ids of the messages that render it when it went directly. */
  async deliver(chat: ReplyChat, message: MessageSpec, reader: Reader): Promise<MessageRef[] | undefined> {
    const key = `${chat.platform}:${chat.chatId}`;
    if (!this.viaOutbox.has(key)) {
      const outgoing = renderMessage(this.deps.translator, reader, message);
      const result = await this.messenger(chat).send(recipient(chat), outgoing);
      if (result.ok) {
        this.deps.onReplySent?.(chat.platform);
        return result.sent ?? [];
      }
      if (result.reason === "blocked") {
        await this.deps.accounts.markBlocked(chat.accountId);
        this.deps.logger.warn({ chatId: chat.chatId }, "reply not delivered: the user blocked the bot");
        return;
      }
      this.deps.logger.warn({ chatId: chat.chatId, result }, "reply not delivered: handed to the outbox");
      this.viaOutbox.add(key);
    }
    await this.viaTheOutbox(chat, message, key);
    return undefined;
  }

  /** Puts a reply in place of a sent message; false when the platform could not (the caller sends it anew). */
  async edit(chat: ReplyChat, target: MessageRef, message: MessageSpec, reader: Reader): Promise<boolean> {
    if (this.viaOutbox.has(`${chat.platform}:${chat.chatId}`)) return false;
    const result = await this.messenger(chat).edit(recipient(chat), target, renderMessage(this.deps.translator, reader, message));
    if (result.ok) this.deps.onReplySent?.(chat.platform);
    return result.ok;
  }

  async removeButtons(chat: ReplyChat, messages: MessageRef[]): Promise<void> {
    if (messages.length > 0) await this.messenger(chat).removeButtons(recipient(chat), messages);
  }

  async answerPress(chat: ReplyChat, answerId: string, reader: Reader, toast?: Msg): Promise<void> {
    await this.messenger(chat).answerPress(recipient(chat), answerId, toast ? this.deps.translator.render(reader, toast) : undefined);
  }

  private messenger(chat: ReplyChat): MessengerPort {
    const messenger = this.deps.messengers.get(chat.platform);
    if (!messenger) throw new Error(`No messenger for ${chat.platform}`);
    return messenger;
  }

  private async viaTheOutbox(chat: ReplyChat, message: MessageSpec, key: string): Promise<void> {
    // Still failing after the adapter's retries (a long flood wait, the platform down): the outbox
    // retries it, paced and honouring retry_after, so the answer comes late rather than never. Urgent:
    // the person has just written and waits for it, whatever the hour.
    await this.deps.outbox.send({ accountId: chat.accountId }, message, `reply:${key}:${randomBytes(6).toString("hex")}`, { urgent: true });
  }

  /**
   * Shows an indicator in the chat (best effort: a failure is logged, never thrown). None while the
   * chat's replies wait in the outbox: it would announce a message that is not coming yet.
   */
  async showActivity(chat: ReplyChat, activity: ChatActivity): Promise<void> {
    if (this.viaOutbox.has(`${chat.platform}:${chat.chatId}`)) return;
    try {
      await this.deps.messengers.get(chat.platform)?.showActivity({ chatId: chat.chatId, callbackButtons: chat.callbackButtons }, activity);
    } catch (error) {
      this.deps.logger.warn({ err: error, chatId: chat.chatId, activity }, "chat activity not shown");
    }
  }

  /** The chat's drain ended: its next reply is tried directly again. */
  drainEnded(platform: Platform, chatId: string): void {
    this.viaOutbox.delete(`${platform}:${chatId}`);
  }
}
