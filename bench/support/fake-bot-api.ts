import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A minimal Bot API server for the benchmark, on node:http: it answers at once, so what is measured
 * is the bot, not the emulator (telegram-test-api's getUpdates spins and its express stack is slow).
 * It enforces the two limits a registration flow can break: text ≤ 4,096 characters and
 * callback_data ≤ 64 bytes (UTF-8, so a Cyrillic letter counts 2); a breach answers 400 as Telegram does
 * and is counted, so the benchmark can show there were none.
 *
 * It keeps every message it accepted (its text and inline keyboard), so editMessageText and
 * editMessageReplyMarkup change them as on Telegram: the answer is the edited Message; editMessageText
 * without reply_markup takes the inline keyboard off, as does editMessageReplyMarkup without one; an edit
 * of a message the chat does not have answers 400 "message to edit not found", and one that would change
 * nothing 400 "message is not modified". The same two limits hold for edits. An accepted edit is told to
 * `onEdit`, per chat, as an accepted send is told to `onMessage`.
 *
 * With `rateLimits` it also holds sendMessage to Telegram's sending limits (the delivery case): past
 * them it answers 429 with a retry_after, and a chat in `blockedChats` gets 403 as from a person who
 * blocked the bot. Without options it accepts every message at once, as the update-handling cases need.
 */

export const BOT_ID = 7_000_001;
export const BOT_USERNAME = "nastavnik_bench_bot";
export const TEXT_LIMIT = 4_096;
export const CALLBACK_DATA_LIMIT_BYTES = 64;

/** An inline button as the bot sent it. */
export interface SentButton {
  text: string;
  callbackData?: string;
  url?: string;
}

/** A sendMessage the server accepted, with the moment its request arrived (hrtime, in ms). */
export interface SentMessage {
  chatId: string;
  messageId: number;
  text: string;
  /** Rows of inline buttons, empty without an inline keyboard. */
  buttons: SentButton[][];
  atMs: number;
}

/** An editMessageText or editMessageReplyMarkup the server accepted: the message as it is after it. */
export interface EditedMessage extends SentMessage {
  /** Which edit: "text" (editMessageText, its keyboard as given) or "reply_markup" (the text kept). */
  edit: "text" | "reply_markup";
}

export interface FakeBotApiStats {
  /** Calls per method, answered or not. */
  calls: Record<string, number>;
  /** 400 answers per reason ("text too long", "callback_data too long", …). */
  rejected: Record<string, number>;
  /** Methods the server does not know (answered 404). */
  unknown: Record<string, number>;
  /** sendMessage answered 429: past the bot's messages per second, or too soon after the chat's last message. */
  tooManyRequests: { bot: number; chat: number };
  /** sendMessage answered 403 because the chat blocked the bot. */
  blocked: number;
}

/** Telegram's sending limits as the server enforces them. */
export interface BotApiRateLimits {
  /** Messages a bot may send in any one second (a sliding window); Telegram's is about 30. */
  perSecond: number;
  /** The shortest gap between two messages to one chat, in ms; Telegram's is about 1,000. */
  perChatIntervalMs: number;
}

export const TELEGRAM_RATE_LIMITS: BotApiRateLimits = { perSecond: 30, perChatIntervalMs: 1_000 };

export interface FakeBotApiOptions {
  /** Enforce these sending limits on sendMessage (none by default). */
  rateLimits?: BotApiRateLimits;
  /** Chats (ids as strings) whose person blocked the bot: sendMessage and the edits answer 403. */
  blockedChats?: Iterable<string>;
  /** Told every edit the server accepted, as `onMessage` every message. */
  onEdit?: (edit: EditedMessage) => void;
}

export interface FakeBotApi {
  /** For `new Bot(token, { client: { apiRoot } })` or TELEGRAM_API_ROOT. */
  apiRoot: string;
  stats(): FakeBotApiStats;
  close(): Promise<void>;
}

/** A monotonic clock in milliseconds (hrtime), shared by the server and the chats that read it. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

type Payload = Record<string, unknown>;

class BadRequest extends Error {
  constructor(
    readonly reason: string,
    description: string,
  ) {
    super(description);
  }
}

/** An answer other than 200 or 400, as Telegram gives it (a 429 with its parameters, a 403). */
class Refusal extends Error {
  constructor(
    readonly status: number,
    description: string,
    readonly parameters?: { retry_after: number },
  ) {
    super(description);
  }
}

/**
 * Telegram's sending limits over the accepted messages: at most `perSecond` in any sliding second for
 * the bot, and `perChatIntervalMs` between two messages to one chat. A refused message does not count.
 */
class SendingLimits {
  /** Arrival times of the accepted messages of the last second, oldest first (from `head`). */
  private readonly window: number[] = [];
  private head = 0;
  private readonly lastToChat = new Map<string, number>();

  constructor(private readonly limits: BotApiRateLimits) {}

  /** Undefined when a message to the chat may go at `atMs`, else the whole seconds to wait and why. */
  refusal(chatId: string, atMs: number): { retryAfter: number; reason: "bot" | "chat" } | undefined {
    const last = this.lastToChat.get(chatId);
    if (last !== undefined && atMs - last < this.limits.perChatIntervalMs) {
      return { retryAfter: wholeSeconds(last + this.limits.perChatIntervalMs - atMs), reason: "chat" };
    }
    while (this.head < this.window.length && this.window[this.head]! <= atMs - 1_000) this.head += 1;
    if (this.head > 4_096) {
      this.window.splice(0, this.head);
      this.head = 0;
    }
    if (this.window.length - this.head >= this.limits.perSecond) {
      // A slot frees when the oldest message of the window leaves it.
      return { retryAfter: wholeSeconds(this.window[this.head]! + 1_000 - atMs), reason: "bot" };
    }
    return undefined;
  }

  accept(chatId: string, atMs: number): void {
    this.window.push(atMs);
    this.lastToChat.set(chatId, atMs);
  }
}

/** A message as the server keeps it, for edits: what the chat shows now. */
interface StoredMessage {
  /** When it was sent (Unix seconds), the Message's `date`. */
  date: number;
  text: string;
  buttons: SentButton[][];
  /** The inline keyboard as the bot gave it, undefined without one (as the Message's reply_markup). */
  markup: unknown;
}

/** Profile texts' limits: setMyDescription's description and setMyShortDescription's short_description. */
const DESCRIPTION_LIMITS = {
  setMyDescription: { field: "description", max: 512 },
  setMyShortDescription: { field: "short_description", max: 120 },
} as const;

/** Telegram's retry_after is whole seconds, at least one. */
function wholeSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1_000));
}

export async function startFakeBotApi(onMessage: (message: SentMessage) => void, options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const stats: FakeBotApiStats = { calls: {}, rejected: {}, unknown: {}, tooManyRequests: { bot: 0, chat: 0 }, blocked: 0 };
  const limits = options.rateLimits ? new SendingLimits(options.rateLimits) : undefined;
  const blockedChats = new Set(options.blockedChats ?? []);
  const bump = (table: Record<string, number>, key: string) => {
    table[key] = (table[key] ?? 0) + 1;
  };
  let messageId = 0;
  /** The messages accepted, per chat (id as a string) and message id. */
  const messages = new Map<string, Map<number, StoredMessage>>();
  const botInfo = {
    id: BOT_ID,
    is_bot: true,
    first_name: "Nastavnik bench",
    username: BOT_USERNAME,
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  };

  function sendMessage(payload: Payload, atMs: number): unknown {
    const chatId = payload.chat_id;
    if (typeof chatId !== "number" && typeof chatId !== "string") throw new BadRequest("no chat_id", "Bad Request: chat_id is empty");
    const text = payload.text;
    if (typeof text !== "string" || text.trim().length === 0) throw new BadRequest("empty text", "Bad Request: message text is empty");
    if (text.length > TEXT_LIMIT) throw new BadRequest("text too long", "Bad Request: message is too long");
    const buttons = inlineButtons(payload.reply_markup);
    const chat = String(chatId);
    if (blockedChats.has(chat)) {
      stats.blocked += 1;
      throw new Refusal(403, "Forbidden: bot was blocked by the user");
    }
    // The limits read the clock once the whole request is in: requests are judged in the order they are handled.
    const judgedAt = nowMs();
    const refusal = limits?.refusal(chat, judgedAt);
    if (refusal) {
      stats.tooManyRequests[refusal.reason] += 1;
      throw new Refusal(429, `Too Many Requests: retry after ${refusal.retryAfter}`, { retry_after: refusal.retryAfter });
    }
    limits?.accept(chat, judgedAt);
    messageId += 1;
    const stored: StoredMessage = {
      date: Math.floor(Date.now() / 1000),
      text,
      buttons,
      markup: inlineMarkup(payload.reply_markup, buttons),
    };
    let chatMessages = messages.get(chat);
    if (!chatMessages) {
      chatMessages = new Map();
      messages.set(chat, chatMessages);
    }
    chatMessages.set(messageId, stored);
    onMessage({ chatId: chat, messageId, text, buttons, atMs });
    return messageOf(chat, messageId, stored);
  }

  /** The Message object Telegram answers with: the chat's message as it is now. */
  function messageOf(chat: string, id: number, stored: StoredMessage, editDate?: number): unknown {
    return {
      message_id: id,
      date: stored.date,
      ...(editDate !== undefined ? { edit_date: editDate } : {}),
      chat: { id: Number(chat), type: "private", first_name: "Bench" },
      from: { id: BOT_ID, is_bot: true, first_name: botInfo.first_name, username: BOT_USERNAME },
      text: stored.text,
      ...(stored.markup !== undefined ? { reply_markup: stored.markup } : {}),
    };
  }

  /**
   * editMessageText and editMessageReplyMarkup of a chat's message (inline messages are not simulated):
   * the keyboard is the one given, none when reply_markup is left out; the text is the one given
   * (editMessageText) or kept.
   */
  function editMessage(method: "editMessageText" | "editMessageReplyMarkup", payload: Payload, atMs: number): unknown {
    const chatId = payload.chat_id;
    if (typeof chatId !== "number" && typeof chatId !== "string") {
      if (payload.inline_message_id !== undefined) throw new BadRequest("inline message", "Bad Request: inline messages are not simulated");
      throw new BadRequest("no chat_id", "Bad Request: chat_id is empty");
    }
    const id = Number(payload.message_id);
    if (!Number.isInteger(id) || id <= 0) throw new BadRequest("no message_id", "Bad Request: message identifier is not specified");
    let text: string | undefined;
    if (method === "editMessageText") {
      if (typeof payload.text !== "string" || payload.text.trim().length === 0) {
        throw new BadRequest("empty text", "Bad Request: message text is empty");
      }
      text = payload.text;
      if (text.length > TEXT_LIMIT) throw new BadRequest("text too long", "Bad Request: MESSAGE_TOO_LONG");
    }
    const buttons = inlineButtons(payload.reply_markup);
    const chat = String(chatId);
    if (blockedChats.has(chat)) {
      stats.blocked += 1;
      throw new Refusal(403, "Forbidden: bot was blocked by the user");
    }
    const stored = messages.get(chat)?.get(id);
    if (!stored) throw new BadRequest("message to edit not found", "Bad Request: message to edit not found");
    const newText = text ?? stored.text;
    if (newText === stored.text && sameButtons(buttons, stored.buttons)) {
      throw new BadRequest(
        `${method}: message is not modified`,
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
      );
    }
    stored.text = newText;
    stored.buttons = buttons;
    stored.markup = inlineMarkup(payload.reply_markup, buttons);
    options.onEdit?.({
      chatId: chat,
      messageId: id,
      text: newText,
      buttons,
      atMs,
      edit: method === "editMessageText" ? "text" : "reply_markup",
    });
    return messageOf(chat, id, stored, Math.floor(Date.now() / 1000));
  }

  function setDescription(method: keyof typeof DESCRIPTION_LIMITS, payload: Payload): true {
    const { field, max } = DESCRIPTION_LIMITS[method];
    const value = payload[field] ?? "";
    if (typeof value !== "string") throw new BadRequest(`${method}: not a string`, `Bad Request: field "${field}" must be a string`);
    if (value.length > max) throw new BadRequest(`${method}: too long`, `Bad Request: ${field} is too long`);
    return true;
  }

  function answer(method: string, payload: Payload, atMs: number): unknown {
    switch (method) {
      case "getMe":
        return botInfo;
      case "setWebhook":
      case "deleteWebhook":
      case "setMyCommands":
        return true;
      case "answerCallbackQuery":
        if (typeof payload.callback_query_id !== "string") throw new BadRequest("no callback_query_id", "Bad Request: query id is empty");
        if (typeof payload.text === "string" && payload.text.length > 200)
          throw new BadRequest("answer text too long", "Bad Request: text is too long");
        return true;
      case "sendMessage":
        return sendMessage(payload, atMs);
      case "editMessageText":
      case "editMessageReplyMarkup":
        return editMessage(method, payload, atMs);
      case "setMyDescription":
      case "setMyShortDescription":
        return setDescription(method, payload);
      default:
        return undefined;
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const atMs = nowMs();
    const match = /^\/bot[^/]+\/([A-Za-z]+)/.exec(request.url ?? "");
    const method = match?.[1] ?? "(none)";
    bump(stats.calls, method);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const reply = (status: number, content: unknown) => {
      const json = JSON.stringify(content);
      response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
      response.end(json);
    };
    let payload: Payload = {};
    try {
      // grammY sends JSON unless a file is attached; a query string would also do for Telegram.
      if (body.length > 0) payload = JSON.parse(body) as Payload;
    } catch {
      bump(stats.rejected, "not JSON");
      return reply(400, { ok: false, error_code: 400, description: "Bad Request: the body is not JSON" });
    }
    try {
      const result = answer(method, payload, atMs);
      if (result === undefined) {
        bump(stats.unknown, method);
        return reply(404, { ok: false, error_code: 404, description: "Not Found: method not found" });
      }
      reply(200, { ok: true, result });
    } catch (error) {
      if (error instanceof Refusal) {
        return reply(error.status, {
          ok: false,
          error_code: error.status,
          description: error.message,
          ...(error.parameters ? { parameters: error.parameters } : {}),
        });
      }
      if (!(error instanceof BadRequest)) throw error;
      bump(stats.rejected, error.reason);
      reply(400, { ok: false, error_code: 400, description: error.message });
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      bump(stats.rejected, "server error");
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    stats: () => structuredClone(stats),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The reply_markup a Message shows: the inline keyboard given, undefined when it has no buttons. */
function inlineMarkup(markup: unknown, buttons: SentButton[][]): unknown {
  if (!buttons.some((row) => row.length > 0)) return undefined;
  return typeof markup === "string" ? (JSON.parse(markup) as unknown) : markup;
}

function sameButtons(a: SentButton[][], b: SentButton[][]): boolean {
  const rows = (buttons: SentButton[][]) => buttons.filter((row) => row.length > 0);
  return JSON.stringify(rows(a)) === JSON.stringify(rows(b));
}

/** The inline keyboard of a reply_markup; callback_data over 64 bytes is refused as Telegram does. */
function inlineButtons(markup: unknown): SentButton[][] {
  const parsed = typeof markup === "string" ? (JSON.parse(markup) as unknown) : markup;
  const rows = (parsed as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
  if (!Array.isArray(rows)) return [];
  return rows.map((row: unknown) =>
    (Array.isArray(row) ? row : []).map((button: { text?: unknown; callback_data?: unknown; url?: unknown }) => {
      const data = button.callback_data;
      if (typeof data === "string" && (data.length === 0 || Buffer.byteLength(data, "utf8") > CALLBACK_DATA_LIMIT_BYTES)) {
        throw new BadRequest("callback_data too long", "Bad Request: BUTTON_DATA_INVALID");
      }
      return {
        text: String(button.text ?? ""),
        ...(typeof data === "string" ? { callbackData: data } : {}),
        ...(typeof button.url === "string" ? { url: button.url } : {}),
      };
    }),
  );
}
