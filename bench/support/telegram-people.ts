import { Agent, request as httpRequest } from "node:http";
import type { ChatPlan, ChatStep, Webhook } from "./chat-load.ts";
import { BOT_ID, BOT_USERNAME, startFakeBotApi } from "./fake-bot-api.ts";
import { type BotMessage, type ChatView, type MessengerSide, stepText, WEBHOOK_CONNECTIONS } from "./people.ts";

/**
 * Telegram as the people use it: the fake Bot API (./fake-bot-api.ts) the bot answers through, real
 * Telegram updates, POSTed to the bot's webhook with the secret header as Telegram does, over at most
 * WEBHOOK_CONNECTIONS connections. The bot's messages and its edits of them both reach the people.
 */
export async function startTelegramSide(onMessage: (message: BotMessage) => void): Promise<MessengerSide> {
  const api = await startFakeBotApi(onMessage, { onEdit: onMessage });
  // Requests beyond WEBHOOK_CONNECTIONS wait in the agent for a free connection, as at Telegram.
  const agent = new Agent({ keepAlive: true, maxSockets: WEBHOOK_CONNECTIONS });
  let updateId = 0;
  let callbackId = 0;

  /** The Telegram update a step makes, or a failure when the button to press is not there. */
  function updateFor(chat: ChatView, step: ChatStep): Record<string, unknown> {
    const { chatId, firstName } = chat.plan;
    const from = { id: chatId, is_bot: false, first_name: firstName, language_code: "ru" };
    const privateChat = { id: chatId, type: "private", first_name: firstName };
    const date = Math.floor(Date.now() / 1000);
    if (step.kind !== "press") {
      const text = stepText(chat, step);
      const command = /^\/[A-Za-z0-9_]+/.exec(text);
      return {
        update_id: ++updateId,
        message: {
          message_id: ++chat.messageId,
          date,
          chat: privateChat,
          from,
          text,
          ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
        },
      };
    }
    // The press is on the message that shows the keyboard now, as it shows now (an edit included).
    const { data, message: shown } = chat.button(step.label);
    return {
      update_id: ++updateId,
      callback_query: {
        id: String(++callbackId),
        from,
        chat_instance: String(chatId),
        data,
        message: {
          message_id: shown.messageId,
          date,
          chat: privateChat,
          from: { id: BOT_ID, is_bot: true, first_name: "Nastavnik bench", username: BOT_USERNAME },
          text: shown.text,
          reply_markup: replyMarkup(shown),
        },
      },
    };
  }

  /**
   * POSTs an update as Telegram does (JSON, the secret header); resolves with the HTTP status, 0 when
   * the connection failed. A kept-alive socket the server closed just then is retried once, as Node's
   * documentation advises (`request.reusedSocket`).
   */
  function post(webhook: Webhook, update: unknown, retried = false): Promise<number> {
    const body = JSON.stringify(update);
    return new Promise((resolve) => {
      const outgoing = httpRequest(
        webhook.url,
        {
          method: "POST",
          agent,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            "x-telegram-bot-api-secret-token": webhook.secret,
          },
        },
        (response) => {
          response.resume();
          response.on("end", () => resolve(response.statusCode ?? 0));
          response.on("error", () => resolve(0));
        },
      );
      outgoing.on("error", (error: NodeJS.ErrnoException) => {
        if (!retried && outgoing.reusedSocket && error.code === "ECONNRESET") resolve(post(webhook, update, true));
        else resolve(0);
      });
      outgoing.end(body);
    });
  }

  return {
    endpoint: { apiRoot: api.apiRoot, token: undefined, botUsername: BOT_USERNAME },
    join: (plan: ChatPlan) => String(plan.chatId),
    leave: () => undefined,
    updateFor,
    deliver: post,
    stats: () => api.stats(),
    async close() {
      agent.destroy();
      await api.close();
    },
  };
}

/** The inline keyboard a message shows, as Telegram puts it in a callback query's message. */
function replyMarkup(message: BotMessage): { inline_keyboard: Record<string, string>[][] } {
  return {
    inline_keyboard: message.buttons.map((row) =>
      row.map((button) => ({
        text: button.text,
        ...(button.callbackData !== undefined ? { callback_data: button.callbackData } : {}),
        ...(button.url !== undefined ? { url: button.url } : {}),
      })),
    ),
  };
}
