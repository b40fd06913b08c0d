import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import type { Msg, Reader, Translator } from "#root/i18n/translator.ts";
import { type MessageSpec, renderMessage } from "#root/messaging/message-spec.ts";
import type { ChatActivity, MessageRef, MessengerPort, Platform, SendResult } from "#root/messaging/messenger.ts";
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
  /**
   * Runs a reply's send in its slot of the bot's per-second budget (waiting for it); undefined, with
   * nothing sent, when the slot is too far off (the platform is held, or people write faster than the
   * bot may answer). Without it replies go at once.
   */
  inSendingSlot?: <T>(platform: Platform, send: () => Promise<T>) => Promise<{ sent: T } | undefined>;
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
      const result = await this.inSlot(chat, () => this.messenger(chat).send(recipient(chat), outgoing));
      if (!result) {
        // No slot within a reply's wait: the outbox waits out the pause without holding the chat's turn.
        this.deps.logger.info({ chatId: chat.chatId }, "reply handed to the outbox: no sending slot soon enough");
        this.viaOutbox.add(key);
        await this.viaTheOutbox(chat, message, key);
        return undefined;
      }
      if (result.ok) return result.sent ?? [];
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
    const outgoing = renderMessage(this.deps.translator, reader, message);
    const result = await this.inSlot(chat, () => this.messenger(chat).edit(recipient(chat), target, outgoing));
    return result?.ok ?? false;
  }

  async removeButtons(chat: ReplyChat, messages: MessageRef[]): Promise<void> {
    if (messages.length > 0) await this.messenger(chat).removeButtons(recipient(chat), messages);
  }

  async answerPress(chat: ReplyChat, answerId: string, reader: Reader, toast?: Msg): Promise<void> {
    await this.messenger(chat).answerPress(recipient(chat), answerId, toast ? this.deps.translator.render(reader, toast) : undefined);
  }

  /** The send, in its slot when the budget is kept; undefined when the slot is too far off. */
  private async inSlot(chat: ReplyChat, send: () => Promise<SendResult>): Promise<SendResult | undefined> {
    if (!this.deps.inSendingSlot) return send();
    return (await this.deps.inSendingSlot(chat.platform, send))?.sent;
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
