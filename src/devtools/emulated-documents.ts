/**
 * Development tooling, not part of the bot: telegram-test-api (an emulated Bot API server used by
 * the tests and `npm run playground`) has no sendDocument. This adds one.
 */
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

const sentDocuments = new WeakMap<TelegramServer, SentDocument[]>();

/** Files a bot sent through the emulator (sendDocument), oldest first. */
export function documentsSent(server: TelegramServer, chatId?: number | string): SentDocument[] {
  return (sentDocuments.get(server) ?? []).filter((document) => chatId === undefined || document.chatId === String(chatId));
}

/**
 * The emulator has no sendDocument (it answers 500): this adds one. It reads grammY's multipart
 * upload, keeps the file, and stores the message like sendMessage does so users see its caption.
 */
export function acceptDocuments(server: TelegramServer): void {
  type Handle = (request: IncomingMessage, response: ServerResponse, next?: unknown) => void;
  const app = (server as unknown as { webServer: { handle: Handle } }).webServer;
  const handle = app.handle.bind(app);
  sentDocuments.set(server, []);
  app.handle = (request, response, next) => {
    const token = /^\/bot([^/]+)\/sendDocument\b/.exec(request.url ?? "")?.[1];
    if (!token) return handle(request, response, next);
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(request.headers["content-type"] ?? "");
      const fields = boundary ? multipartFields(Buffer.concat(chunks), boundary[1] ?? boundary[2]!) : new Map();
      // grammY sends `document: attach://<name>` and the file itself as the part <name>.
      const reference = fields.get("document");
      const attached = /^attach:\/\/(.+)$/.exec(reference?.filename === undefined ? (reference?.value.toString("utf8") ?? "") : "")?.[1];
      const file = attached ? fields.get(attached) : reference;
      const chatId = fields.get("chat_id")?.value.toString("utf8") ?? "";
      const caption = fields.get("caption")?.value.toString("utf8");
      // A file may carry the message's buttons (the text went before it); keep them as sendMessage would.
      const markup = fields.get("reply_markup")?.value.toString("utf8");
      const replyMarkup = markup ? (JSON.parse(markup) as StoredBotMessage["message"]["reply_markup"]) : undefined;
      if (!file?.filename || !chatId) {
        response.writeHead(400, { "content-type": "application/json" });
        response.end(JSON.stringify({ ok: false, error_code: 400, description: "Bad Request: document and chat_id are required" }));
        return;
      }
      const stored = server.addBotMessage(
        {
          chat_id: chatId,
          ...(caption !== undefined ? { caption } : {}),
          ...(replyMarkup ? { reply_markup: replyMarkup } : {}),
          document: { file_name: file.filename, mime_type: file.type },
        } as never,
        token,
      ) as unknown as { message_id: number };
      sentDocuments
        .get(server)!
        .push({ chatId, messageId: stored.message_id, filename: file.filename, mimeType: file.type ?? "", caption, bytes: file.value });
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ ok: true, result: stored }));
    });
  };
}

function multipartFields(body: Buffer, boundary: string): Map<string, { value: Buffer; filename?: string; type?: string }> {
  const fields = new Map<string, { value: Buffer; filename?: string; type?: string }>();
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
