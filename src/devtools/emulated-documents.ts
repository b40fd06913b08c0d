/**
 * Development tooling, not part of the bot: telegram-test-api (an emulated Bot API server used by
 * the tests and `npm run playground`) has no sendDocument, sendPhoto or sendChatAction (it answers
 * 500). This adds them.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TelegramServer } from "telegram-test-api/lib/telegramServer.js";

/** What the emulator stores of a bot's message: the raw sendMessage (or sendDocument) parameters. */
export interface StoredBotMessage {
  botToken: string;
  messageId: number;
  message: {
    chat_id: number | string;
    text?: string;
    caption?: string;
    /** Set on a sendPhoto's message, as Telegram's Message.photo (the sizes of the picture). */
    photo?: unknown[];
    reply_markup?: { inline_keyboard?: { text: string; callback_data?: string; url?: string }[][] };
  };
}

export interface SentDocument {
  chatId: string;
  messageId: number;
  filename: string;
  mimeType: string;
  caption?: string;
  bytes: Buffer;
}

/** A picture a bot sent with sendPhoto: shown in the chat, not offered as a file. */
export interface SentPhoto {
  chatId: string;
  messageId: number;
  /** The name grammY gave the upload (Telegram itself keeps no name of a photo). */
  filename: string;
  caption?: string;
  bytes: Buffer;
}

/** A sendChatAction: what the chat showed, and after which of the bot's messages to it. */
export interface SentChatAction {
  chatId: string;
  action: string;
  /** The bot's latest message in the chat when the action came, if any. */
  afterMessageId?: number;
}

const sentDocuments = new WeakMap<TelegramServer, SentDocument[]>();
const sentPhotos = new WeakMap<TelegramServer, SentPhoto[]>();
const sentChatActions = new WeakMap<TelegramServer, SentChatAction[]>();

/** Files a bot sent through the emulator (sendDocument), oldest first. */
export function documentsSent(server: TelegramServer, chatId?: number | string): SentDocument[] {
  return (sentDocuments.get(server) ?? []).filter((document) => chatId === undefined || document.chatId === String(chatId));
}

/** Pictures a bot sent through the emulator (sendPhoto), oldest first. */
export function photosSent(server: TelegramServer, chatId?: number | string): SentPhoto[] {
  return (sentPhotos.get(server) ?? []).filter((photo) => chatId === undefined || photo.chatId === String(chatId));
}

/** Chat actions a bot showed through the emulator (sendChatAction), oldest first. */
export function chatActionsSent(server: TelegramServer, chatId?: number | string): SentChatAction[] {
  return (sentChatActions.get(server) ?? []).filter((action) => chatId === undefined || action.chatId === String(chatId));
}

/** sendDocument, sendPhoto and sendChatAction, which the emulator lacks. */
export function acceptUploads(server: TelegramServer): void {
  acceptDocuments(server);
  acceptPhotos(server);
  acceptChatActions(server);
}

type Handle = (request: IncomingMessage, response: ServerResponse, next?: unknown) => void;

/**
 * The emulator has no sendDocument (it answers 500): this adds one. It reads grammY's multipart
 * upload, keeps the file, and stores the message like sendMessage does so users see its caption.
 */
export function acceptDocuments(server: TelegramServer): void {
  sentDocuments.set(server, []);
  acceptFileMethod(server, "sendDocument", "document", {
    describe: (file) => ({ document: { file_name: file.filename, mime_type: file.type } }),
    keep: (stored, file) =>
      sentDocuments.get(server)!.push({ ...stored, filename: file.filename, mimeType: file.type ?? "", bytes: file.value }),
  });
}

/** Adds sendPhoto: like sendDocument, but the message carries a `photo` (the sizes Telegram would make) instead of a file. */
export function acceptPhotos(server: TelegramServer): void {
  sentPhotos.set(server, []);
  acceptFileMethod(server, "sendPhoto", "photo", {
    describe: (file) => {
      const id = randomBytes(8).toString("hex");
      return { photo: [{ file_id: `photo-${id}`, file_unique_id: id, ...pngSize(file.value), file_size: file.value.length }] };
    },
    keep: (stored, file) => sentPhotos.get(server)!.push({ ...stored, filename: file.filename, bytes: file.value }),
  });
}

/** Adds sendChatAction with the Bot API's actions, recorded with the bot message it came after. */
export function acceptChatActions(server: TelegramServer): void {
  const app = (server as unknown as { webServer: { handle: Handle } }).webServer;
  const handle = app.handle.bind(app);
  sentChatActions.set(server, []);
  app.handle = (request, response, next) => {
    const token = /^\/bot([^/]+)\/sendChatAction\b/.exec(request.url ?? "")?.[1];
    if (!token) return handle(request, response, next);
    const record = (fields: Record<string, unknown>) => {
      const chatId = fields.chat_id === undefined ? "" : String(fields.chat_id);
      const action = typeof fields.action === "string" ? fields.action : "";
      if (!chatId || !CHAT_ACTIONS.has(action)) {
        answer(response, 400, { ok: false, error_code: 400, description: "Bad Request: wrong parameter action in request" });
        return;
      }
      const last = (server.storage.botMessages as unknown as StoredBotMessage[]).findLast(
        (message) => message.botToken === token && String(message.message.chat_id) === chatId,
      );
      sentChatActions.get(server)!.push({ chatId, action, ...(last ? { afterMessageId: last.messageId } : {}) });
      answer(response, 200, { ok: true, result: true });
    };
    // A wrapper in front (the tests' Bot API rules) may have read and parsed the body already.
    const parsed = request as IncomingMessage & { _body?: boolean; body?: Record<string, unknown> };
    if (parsed._body && parsed.body) return record(parsed.body);
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      record(
        (request.headers["content-type"] ?? "").includes("json")
          ? (JSON.parse(raw || "{}") as Record<string, unknown>)
          : Object.fromEntries(new URLSearchParams(raw)),
      );
    });
  };
}

/** The Bot API's sendChatAction actions. */
const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

interface UploadedFile {
  value: Buffer;
  filename?: string;
  type?: string;
}

type NamedFile = UploadedFile & { filename: string };

/**
 * Adds a method that uploads one file in `field` (grammY sends `<field>: attach://<name>` and the file
 * itself as the part <name>): the message is stored as sendMessage would store it, with its caption
 * and buttons and what `describe` says of the file, and `keep` keeps the file.
 */
function acceptFileMethod(
  server: TelegramServer,
  method: string,
  field: string,
  file: {
    describe(file: NamedFile): object;
    keep(stored: { chatId: string; messageId: number; caption?: string }, file: NamedFile): void;
  },
): void {
  const app = (server as unknown as { webServer: { handle: Handle } }).webServer;
  const handle = app.handle.bind(app);
  const path = new RegExp(`^/bot([^/]+)/${method}\\b`);
  app.handle = (request, response, next) => {
    const token = path.exec(request.url ?? "")?.[1];
    if (!token) return handle(request, response, next);
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(request.headers["content-type"] ?? "");
      const fields = boundary ? multipartFields(Buffer.concat(chunks), boundary[1] ?? boundary[2]!) : new Map<string, UploadedFile>();
      const reference = fields.get(field);
      const attached = /^attach:\/\/(.+)$/.exec(reference?.filename === undefined ? (reference?.value.toString("utf8") ?? "") : "")?.[1];
      const uploaded = attached ? fields.get(attached) : reference;
      const chatId = fields.get("chat_id")?.value.toString("utf8") ?? "";
      const caption = fields.get("caption")?.value.toString("utf8");
      // A file may carry the message's buttons (the text went before it); keep them as sendMessage would.
      const markup = fields.get("reply_markup")?.value.toString("utf8");
      const replyMarkup = markup ? (JSON.parse(markup) as StoredBotMessage["message"]["reply_markup"]) : undefined;
      if (!uploaded?.filename || !chatId) {
        answer(response, 400, { ok: false, error_code: 400, description: `Bad Request: ${field} and chat_id are required` });
        return;
      }
      if (field === "photo" && !pngSize(uploaded.value)) {
        answer(response, 400, { ok: false, error_code: 400, description: "Bad Request: IMAGE_PROCESS_FAILED" });
        return;
      }
      const named = { ...uploaded, filename: uploaded.filename };
      const stored = server.addBotMessage(
        {
          chat_id: chatId,
          ...(caption !== undefined ? { caption } : {}),
          ...(replyMarkup ? { reply_markup: replyMarkup } : {}),
          ...file.describe(named),
        } as never,
        token,
      ) as unknown as { message_id: number };
      file.keep({ chatId, messageId: stored.message_id, ...(caption !== undefined ? { caption } : {}) }, named);
      answer(response, 200, { ok: true, result: stored });
    });
  };
}

/** The width and height of a PNG, or undefined when the bytes are not one (this emulator takes PNG pictures only). */
function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((byte, index) => bytes[index] !== byte)) return undefined;
  if (bytes.subarray(12, 16).toString("ascii") !== "IHDR") return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

function multipartFields(body: Buffer, boundary: string): Map<string, UploadedFile> {
  const fields = new Map<string, UploadedFile>();
  const delimiter = Buffer.from(`--${boundary}`);
  let position = body.indexOf(delimiter);
  while (position !== -1) {
    const start = position + delimiter.length + 2;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const part = body.subarray(start, next - 2);
    const headerEnd = part.indexOf("\r\n\r\n");
    const headers = part.subarray(0, headerEnd).toString("utf8");
    const name = /name="([^"]+)"/.exec(headers)?.[1];
    if (name) {
      fields.set(name, {
        value: part.subarray(headerEnd + 4),
        filename: /filename="?([^";\r\n]*)"?/.exec(headers)?.[1],
        type: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1],
      });
    }
    position = next;
  }
  return fields;
}
