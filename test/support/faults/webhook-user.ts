/**
 * A Telegram user whose updates the test posts to the bot's webhook itself, as Telegram would, with
 * update ids the test controls: it can post one twice, out of order, or to another replica. The
 * bot's answers are read from the emulator it sends them to.
 */
import type { Update } from "grammy/types";
import { type BotMessage, type RunningTelegramServer, TelegramTestUser } from "../telegram.ts";

/** Telegram numbers a bot's updates in one increasing sequence. */
export class UpdateIds {
  constructor(private next = 1_000) {}

  take(): number {
    return this.next++;
  }
}

export interface Webhook {
  /** Where to post (a function: the target may change between posts, e.g. replicas in turn). */
  url: () => string;
  secret: string;
}

export class WebhookTelegramUser {
  readonly userId: number;
  private readonly reader: TelegramTestUser;

  constructor(
    emulator: RunningTelegramServer,
    private readonly webhook: Webhook,
    private readonly ids: UpdateIds,
    private readonly profile: { userId: number; firstName: string; languageCode?: string },
  ) {
    this.userId = profile.userId;
    this.reader = new TelegramTestUser(emulator.server, emulator.token, profile);
  }

  /** A text message update (a `/command` carries its bot_command entity). */
  text(text: string, updateId = this.ids.take()): Update {
    const command = /^\/\w+/.exec(text)?.[0];
    return {
      update_id: updateId,
      message: {
        message_id: updateId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: this.userId, type: "private", first_name: this.profile.firstName },
        from: this.from(),
        text,
        ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command.length }] } : {}),
      },
    } as Update;
  }

  /** A press of the button with this label on the latest bot message that has it. */
  press(label: string | RegExp, updateId = this.ids.take()): Update {
    const matches = (text: string) => (typeof label === "string" ? text === label : label.test(text));
    const message = this.reader.messages().findLast((m) => m.buttons.flat().some((b) => matches(b.label) && b.data !== undefined));
    const button = message?.buttons.flat().find((b) => matches(b.label) && b.data !== undefined);
    if (!message || !button) throw new Error(`No button ${String(label)} on any message to ${this.userId}`);
    return {
      update_id: updateId,
      callback_query: {
        id: String(updateId),
        from: this.from(),
        chat_instance: String(this.userId),
        data: button.data,
        message: {
          message_id: message.messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: this.userId, type: "private", first_name: this.profile.firstName },
        },
      },
    } as Update;
  }

  /** Posts an update and returns the webhook's HTTP status. */
  async post(update: Update): Promise<number> {
    const response = await fetch(this.webhook.url(), {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": this.webhook.secret },
      body: JSON.stringify(update),
    });
    await response.arrayBuffer();
    return response.status;
  }

  /** Posts an update as Telegram does: again after an error answer, until the bot takes it. */
  async deliver(update: Update, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = await this.post(update).catch(() => 0);
      if (status === 200) return;
      if (Date.now() > deadline) throw new Error(`The webhook kept answering ${status} to update ${update.update_id}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  send(text: string): Promise<void> {
    return this.deliver(this.text(text));
  }

  waitFor(match: string | RegExp, timeoutMs?: number): Promise<BotMessage> {
    return this.reader.waitFor(match, timeoutMs);
  }

  messages(): BotMessage[] {
    return this.reader.messages();
  }

  /** How many messages to this user contain `text`. */
  count(text: string): number {
    return this.messages().filter((m) => (m.caption ?? m.text).includes(text)).length;
  }

  private from() {
    return {
      id: this.userId,
      is_bot: false,
      first_name: this.profile.firstName,
      ...(this.profile.languageCode ? { language_code: this.profile.languageCode } : {}),
    };
  }
}
