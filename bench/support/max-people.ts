import { type SentMessage as MaxSentMessage, type MaxTestUser, startMaxApiDouble } from "#root/devtools/emulated-max.ts";
import type { ChatPlan, ChatStep, Webhook } from "./chat-load.ts";
import { nowMs } from "./fake-bot-api.ts";
import { type BotMessage, type ChatView, type MessengerSide, stepText, WEBHOOK_CONNECTIONS } from "./people.ts";

/**
 * MAX as the people use it: the MAX Bot API double of the tests and the playground
 * (src/devtools/emulated-max.ts), with every person one of its users. The bot subscribes its webhook
 * at the double when it starts, as it would at MAX; each step becomes the update MAX would make
 * (bot_started with the invite for the start link, message_created, message_callback for a press) and
 * the double POSTs it to that subscription with its secret in X-Max-Bot-Api-Secret, at most
 * WEBHOOK_CONNECTIONS at once (the others wait for a free connection, as at MAX). The bot's messages are timed as
 * the double accepts them, and everything the double refuses is counted.
 *
 * Like the Telegram people, these see the bot's edits (the double tells `onEdited` of each PUT
 * /messages it applies), so a step the bot answers by updating a screen in place is answered. Presses
 * are on the double's own messages, edits applied.
 */

const TOKEN = "max-bench-token-0123456789";
/** The double's routes a bot calls, for the calls per update (the double counts calls by route). */
const MAX_ROUTES = [
  "POST /messages",
  "PUT /messages",
  "POST /answers",
  "POST /chats/{chatId}/actions",
  "POST /uploads",
  "GET /me",
  "GET /subscriptions",
  "POST /subscriptions",
  "DELETE /subscriptions",
];
const BOT_USERNAME = "nastavnik_bench_bot";

export async function startMaxSide(onMessage: (message: BotMessage) => void): Promise<MessengerSide> {
  const seen = (message: MaxSentMessage): BotMessage => ({
    chatId: String(message.chatId),
    messageId: message.id,
    text: message.text,
    buttons: (message.keyboard ?? []).map((row) =>
      row.map((button) => ({
        text: button.text,
        ...(button.type === "callback" && button.payload !== undefined ? { callbackData: button.payload } : {}),
        ...(button.url !== undefined ? { url: button.url } : {}),
      })),
    ),
    atMs: nowMs(),
  });
  const double = await startMaxApiDouble({
    token: TOKEN,
    botUsername: BOT_USERNAME,
    onSent: (message) => onMessage(seen(message)),
    onEdited: (message, edit) => onMessage({ ...seen(message), edit }),
    webhookConnections: WEBHOOK_CONNECTIONS,
  });
  const users = new Map<string, MaxTestUser>();
  /** The webhook the bot subscribed, once checked against the one the case expects. */
  let checked: string | undefined;

  function userOf(chat: ChatView): MaxTestUser {
    const user = users.get(chat.key);
    if (!user) throw new Error(`chat ${chat.key} has no MAX user`);
    return user;
  }

  function updateFor(chat: ChatView, step: ChatStep): Record<string, unknown> {
    const user = userOf(chat);
    if (step.kind === "start") return user.startUpdate(chat.plan.payload);
    if (step.kind === "text") return user.textUpdate(stepText(chat, step));
    // The same button the Telegram people would press (exact label, else one containing it).
    return user.pressUpdate(chat.button(step.label).text);
  }

  /** The bot must have subscribed the webhook the case gave it, with its secret: that is where MAX would POST. */
  function checkSubscription(webhook: Webhook): void {
    if (checked === webhook.url) return;
    const subscription = double.subscriptions().find((candidate) => candidate.url === webhook.url);
    if (!subscription) {
      throw new Error(`the bot did not subscribe ${webhook.url} at the MAX double: ${JSON.stringify(double.subscriptions())}`);
    }
    if (subscription.secret !== webhook.secret) throw new Error(`the bot subscribed ${webhook.url} with another secret`);
    if (double.subscriptions().length !== 1) throw new Error("the bot left more than one webhook subscription at the MAX double");
    checked = webhook.url;
  }

  async function deliver(webhook: Webhook, update: unknown): Promise<number> {
    checkSubscription(webhook);
    try {
      const answer = await double.pushUpdate(update as Record<string, unknown>);
      if (!answer)
        throw new Error(`the bot's subscription leaves out ${String((update as { update_type?: unknown }).update_type)} updates`);
      return answer.status;
    } catch (error) {
      // A failed connection (ECONNREFUSED, ECONNRESET…), as the Telegram people's 0.
      if (error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string") return 0;
      throw error;
    }
  }

  return {
    endpoint: { apiRoot: double.baseUrl, token: double.token, botUsername: double.botUsername },
    join(plan: ChatPlan) {
      const user = double.user({ userId: plan.chatId, firstName: plan.firstName, locale: "ru" });
      users.set(String(user.chatId), user);
      return String(user.chatId);
    },
    leave: (chat) => void users.delete(chat.key),
    updateFor,
    deliver,
    stats() {
      // A 404 is MAX's answer to a route it does not have; every other refusal is a call it would refuse.
      const rejected: Record<string, number> = {};
      const unknown: Record<string, number> = {};
      for (const [reason, count] of Object.entries(double.refusals())) (reason === "404 not.found" ? unknown : rejected)[reason] = count;
      const calls: Record<string, number> = {};
      for (const route of MAX_ROUTES) {
        const count = double.calls(route);
        if (count > 0) calls[route] = count;
      }
      return { calls, rejected, unknown };
    },
    close: () => double.stop(),
  };
}
