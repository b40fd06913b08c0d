/**
 * Development tooling, not part of the bot: telegram-test-api (the emulated Bot API server of the
 * tests and `npm run playground`) edits messages loosely: editMessageText keeps the old keyboard
 * when none is given, nothing is ever "not modified", and answerCallbackQuery forgets its text.
 * This plays those three calls as Telegram does, and keeps what a test needs to see: how many times
 * each message became a new screen, and the toasts shown.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TelegramServer } from "telegram-test-api/lib/telegramServer.js";
import type { StoredBotMessage } from "./emulated-documents.ts";

export interface Toast {
  /** The user who pressed the button. */
  userId: number;
  text: string;
}

interface Edits {
  versions: Map<string, number>;
  toasts: Toast[];
}

const edits = new WeakMap<TelegramServer, Edits>();

/** How many times the bot changed this message (0: as sent). */
export function editsOf(server: TelegramServer, chatId: number | string, messageId: number): number {
  return edits.get(server)?.versions.get(`${chatId}:${messageId}`) ?? 0;
}

/** The toasts the bot showed for this user's presses, oldest first. */
export function toastsFor(server: TelegramServer, userId: number): string[] {
  return (edits.get(server)?.toasts ?? []).filter((toast) => toast.userId === userId).map((toast) => toast.text);
}

type Call = Record<string, unknown> & { chat_id?: string | number; message_id?: string | number; reply_markup?: unknown };
type Handle = (request: IncomingMessage, response: ServerResponse, next?: unknown) => void;

export function emulateEdits(server: TelegramServer): void {
  const app = (server as unknown as { webServer: { handle: Handle } }).webServer;
  const handle = app.handle.bind(app);
  const state: Edits = { versions: new Map(), toasts: [] };
  edits.set(server, state);

  const answer = (response: ServerResponse, status: number, body: object) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  };
  const refuse = (response: ServerResponse, description: string) =>
    answer(response, 400, { ok: false, error_code: 400, description: `Bad Request: ${description}` });

  const stored = (call: Call) =>
    (server.storage.botMessages as unknown as StoredBotMessage[]).find(
      (entry) => String(entry.messageId) === String(call.message_id) && String(entry.message.chat_id) === String(call.chat_id),
    );
  /**
   * Only an edit that leaves buttons makes a new screen to wait for; a question left showing its
   * answer, or without its buttons, is the old message still.
   */
  const edited = (entry: StoredBotMessage) => {
    if (!entry.message.reply_markup) return;
    const key = `${entry.message.chat_id}:${entry.messageId}`;
    state.versions.set(key, (state.versions.get(key) ?? 0) + 1);
    server.emit("EditedMessageText");
  };
  const markupOf = (call: Call) => {
    const markup = typeof call.reply_markup === "string" ? JSON.parse(call.reply_markup) : call.reply_markup;
    const rows = (markup as { inline_keyboard?: unknown[][] } | undefined)?.inline_keyboard;
    return rows && rows.length > 0 ? (markup as StoredBotMessage["message"]["reply_markup"]) : undefined;
  };

  const methods: Record<string, (call: Call, response: ServerResponse) => void> = {
    editMessageText(call, response) {
      const entry = stored(call);
      if (!entry) return refuse(response, "message to edit not found");
      if (entry.message.text === undefined) return refuse(response, "there is no text in the message to edit");
      const markup = markupOf(call);
      const text = String(call.text ?? "");
      if (text === entry.message.text && JSON.stringify(markup) === JSON.stringify(entry.message.reply_markup)) {
        return refuse(response, "message is not modified: specified new message content and reply markup are exactly the same");
      }
      entry.message = { ...entry.message, text };
      if (markup) entry.message.reply_markup = markup;
      else delete entry.message.reply_markup;
      edited(entry);
      answer(response, 200, { ok: true, result: { message_id: entry.messageId, chat: { id: Number(call.chat_id) }, text } });
    },
    editMessageReplyMarkup(call, response) {
      const entry = stored(call);
      if (!entry) return refuse(response, "message to edit not found");
      const markup = markupOf(call);
      if (JSON.stringify(markup) === JSON.stringify(entry.message.reply_markup)) return refuse(response, "message is not modified");
      if (markup) entry.message.reply_markup = markup;
      else delete entry.message.reply_markup;
      edited(entry);
      answer(response, 200, { ok: true, result: true });
    },
    answerCallbackQuery(call, response) {
      const updates = server.storage.userMessages as unknown as Array<{ callbackId?: number; callbackQuery?: { from?: { id: number } } }>;
      const press = updates.find((update) => String(update.callbackId) === String(call.callback_query_id));
      if (!press?.callbackQuery?.from) return refuse(response, "query is too old and response timeout expired or query ID is invalid");
      if (typeof call.text === "string" && call.text !== "") state.toasts.push({ userId: press.callbackQuery.from.id, text: call.text });
      answer(response, 200, { ok: true, result: true });
    },
  };

  app.handle = (request, response, next) => {
    const method = /^\/bot[^/]+\/(\w+)/.exec(request.url ?? "")?.[1];
    const play = method ? methods[method] : undefined;
    if (!play) return handle(request, response, next);
    // An earlier wrapper may have read the body already (the Bot API rules).
    const parsed = (request as IncomingMessage & { body?: Call; _body?: boolean })._body
      ? (request as IncomingMessage & { body: Call }).body
      : undefined;
    if (parsed) return play(parsed, response);
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const type = request.headers["content-type"] ?? "";
      try {
        play((type.includes("json") ? JSON.parse(raw || "{}") : Object.fromEntries(new URLSearchParams(raw))) as Call, response);
      } catch {
        refuse(response, "can't parse request JSON object");
      }
    });
  };
}
