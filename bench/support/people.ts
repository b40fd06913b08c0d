import type { ApiStats, ChatPlan, ChatStep, MessengerEndpoint, Webhook } from "./chat-load.ts";
import type { EditedMessage, SentMessage } from "./fake-bot-api.ts";

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

/**
 * Something of the bot's arriving in a chat, as the person sees it: a new message, or (with `edit`) a
 * message of theirs changed in place; either way the message's text and buttons as they now are, and
 * when the call reached the API server (hrtime ms).
 */
export type BotMessage = SentMessage & { edit?: EditedMessage["edit"] };

export class StepFailure extends Error {}

/**
 * A chat as the person sees it: what the bot did in it, sends and edits in the order they arrived
 * (a step's answer is counted and timed over these), the chat's messages as they now are, and who
 * waits for how many arrivals.
 */
export class ChatView {
  /** The bot's sends and edits, in the order they arrived. */
  readonly arrivals: BotMessage[] = [];
  /** The chat's messages as they show now, by id, in the order they were sent (an edit keeps its place). */
  private readonly shown = new Map<number, BotMessage>();
  private waiter: { count: number; resolve(arrived: boolean): void } | undefined;
  /** The person's own messages so far (Telegram numbers them per chat). */
  messageId = 0;

  constructor(
    readonly plan: ChatPlan,
    /** The chat the messenger's API server files the bot's messages under. */
    readonly key: string,
  ) {}

  receive(message: BotMessage): void {
    this.arrivals.push(message);
    this.shown.set(message.messageId, message);
    if (this.waiter && this.arrivals.length >= this.waiter.count) {
      const { resolve } = this.waiter;
      this.waiter = undefined;
      resolve(true);
    }
  }

  /** Resolves true once `count` sends and edits arrived, false after `timeoutMs` or on `stopWaiting`. */
  waitForCount(count: number, timeoutMs: number): Promise<boolean> {
    if (this.arrivals.length >= count) return Promise.resolve(true);
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
   * A button of the chat's current inline keyboard (the lowest message in the chat that shows callback
   * buttons now, edits included) whose text is `label`, or else contains it, and that message as it
   * shows now; a StepFailure when there is none.
   */
  button(label: string): { text: string; data: string; message: BotMessage } {
    const shown = [...this.shown.values()];
    for (let index = shown.length - 1; index >= 0; index--) {
      const message = shown[index]!;
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
