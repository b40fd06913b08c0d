import { type Locale, localeFromLanguageCode, type Translator } from "#root/i18n/translator.ts";
import type { Incoming, MessengerPort, Platform } from "#root/messaging/messenger.ts";

const WAIT_NOTICE_EVERY_MS = 60_000;

export interface ChatNoticesDependencies {
  messengers: Map<Platform, MessengerPort>;
  translator: Translator;
  defaultLocale: Locale;
}

/**
 * What the runtime tells a chat on its own, outside any flow, about the fate of an update: sent
 * straight through the chat's messenger, in the language of the update's client.
 */
export class ChatNotices {
  /** When each chat was last told to wait for the infrastructure (see tellToWait). */
  private readonly toldToWait = new Map<string, number>();

  constructor(private readonly deps: ChatNoticesDependencies) {}

  /** Tells the user one of their messages was given up after every retry, so they can send it again. */
  async tellNotHandled(incoming: Incoming): Promise<void> {
    const messenger = this.deps.messengers.get(incoming.platform);
    const locale = localeFromLanguageCode(incoming.languageCode, this.deps.defaultLocale);
    await messenger?.send({ chatId: incoming.chatId }, { text: this.deps.translator.t(locale, "error-not-handled") });
  }

  /**
   * Answers a press the flood guard refused: with a toast where the press can be answered; without
   * one (VK's text keyboards) with a message, once per flood (`firstOfFlood`), not once per press.
   * Before the bot has looked the person up, so in the client's language and neutral wording.
   */
  async tellTooFast(incoming: Incoming, firstOfFlood: boolean): Promise<void> {
    if (incoming.event.kind !== "button") return;
    const messenger = this.deps.messengers.get(incoming.platform);
    const locale = localeFromLanguageCode(incoming.languageCode, this.deps.defaultLocale);
    const to = { chatId: incoming.chatId, callbackButtons: incoming.callbackButtons };
    if (incoming.event.answerId !== undefined) {
      await messenger?.answerPress(to, incoming.event.answerId, this.deps.translator.t(locale, "toast-too-fast"));
    } else if (firstOfFlood) {
      await messenger?.send(to, { text: this.deps.translator.t(locale, "notice-too-fast") });
    }
  }

  /** Tells the user their message waits for the infrastructure: once a minute per chat, however many wait. */
  async tellToWait(incoming: Incoming): Promise<void> {
    const chat = `${incoming.platform}:${incoming.chatId}`;
    const now = Date.now();
    const told = this.toldToWait.get(chat);
    if (told !== undefined && now - told < WAIT_NOTICE_EVERY_MS) return;
    this.toldToWait.set(chat, now);
    if (this.toldToWait.size > 10_000) {
      for (const [key, at] of this.toldToWait) if (now - at >= WAIT_NOTICE_EVERY_MS) this.toldToWait.delete(key);
    }
    const messenger = this.deps.messengers.get(incoming.platform);
    const locale = localeFromLanguageCode(incoming.languageCode, this.deps.defaultLocale);
    await messenger?.send({ chatId: incoming.chatId }, { text: this.deps.translator.t(locale, "error-busy-wait") }).catch(() => undefined);
  }
}
