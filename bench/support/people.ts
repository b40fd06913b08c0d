import type { ApiStats, ChatPlan, ChatStep, MessengerEndpoint, Webhook } from "./chat-load.ts";
import type { SentMessage } from "./fake-bot-api.ts";

/**
 * The one seam between the people of a benchmark (chat-load-worker.ts, which plays, waits and times
 * them the same on every messenger) and a messenger: its API server, the update each step of a person
 * makes, and how an update reaches the bot. Telegram's side is ./telegram-people.ts, MAX's
 * ./max-people.ts.
 */

/**
 * How many updates the messenger POSTs to the webhook at once, each on its own connection: Telegram
 * opens at most 100 (setWebhook's `max_connections`, 1–100, 40 when not given) and queues the rest;
 * MAX does not document its number, so it gets the same. The app refuses connections beyond 256
 * (src/http/server.ts), so the people cannot each hold one, as they did before that cap.
 */
export const WEBHOOK_CONNECTIONS = 100;

/** A message of the bot as the person sees it: its text, its buttons, when it reached the API server (hrtime ms). */
export type BotMessage = SentMessage;

export class StepFailure extends Error {}

/** A chat as the person sees it: the bot's messages, and who waits for how many of them. */
export class ChatView {
  readonly messages: BotMessage[] = [];
  private waiter: { count: number; resolve(arrived: boolean): void } | undefined;
  /** The person's own messages so far (Telegram numbers them per chat). */
  messageId = 0;

  constructor(
    readonly plan: ChatPlan,
    /** The chat the messenger's API server files the bot's messages under. */
    readonly key: string,
  ) {}

  receive(message: BotMessage): void {
    this.messages.push(message);
    if (this.waiter && this.messages.length >= this.waiter.count) {
      const { resolve } = this.waiter;
      this.waiter = undefined;
      resolve(true);
    }
  }

  /** Resolves true once `count` messages arrived, false after `timeoutMs` or on `stopWaiting`. */
  waitForCount(count: number, timeoutMs: number): Promise<boolean> {
    if (this.messages.length >= count) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.stopWaiting(), timeoutMs);
      this.waiter = {
        count,
        resolve: (arrived) => {
          clearTimeout(timer);
          resolve(arrived);
        },
      };
    });
  }

  stopWaiting(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.resolve(false);
  }

  /**
   * A button on the bot's latest inline keyboard (with callback buttons) whose text is `label`, or
   * else contains it, and the message holding it; a StepFailure when there is none.
   */
  button(label: string): { text: string; data: string; message: BotMessage } {
    for (let index = this.messages.length - 1; index >= 0; index--) {
      const message = this.messages[index]!;
      const buttons = message.buttons.flat().filter((button) => button.callbackData !== undefined);
      if (buttons.length === 0) continue;
      const found = buttons.find((button) => button.text === label) ?? buttons.find((button) => button.text.includes(label));
      if (found?.callbackData === undefined) break;
      return { text: found.text, data: found.callbackData, message };
    }
    throw new StepFailure(`no button "${label}"`);
  }
}

/** A messenger as the people use it. */
export interface MessengerSide {
  /** The API server the bot under test is to use. */
  readonly endpoint: MessengerEndpoint;
  /** A person of `plan` starts using the messenger: the key the bot's messages to them come under. */
  join(plan: ChatPlan): string;
  /** The person is done; nothing of theirs is kept. */
  leave(chat: ChatView): void;
  /** The update a step of the person makes (a StepFailure when the button to press is not there). */
  updateFor(chat: ChatView, step: ChatStep): unknown;
  /** Gets an update to the bot's webhook as the messenger does: the HTTP status, 0 when the connection failed. */
  deliver(webhook: Webhook, update: unknown): Promise<number>;
  stats(): ApiStats;
  close(): Promise<void>;
}

/** A start step's text, or a text step's with the chat's payload in it. */
export function stepText(chat: ChatView, step: ChatStep & { kind: "start" | "text" }): string {
  return step.kind === "start" ? `/start ${chat.plan.payload}` : step.text.replace("{payload}", chat.plan.payload);
}
