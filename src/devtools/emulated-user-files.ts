/**
 * Development tooling, not part of the bot: telegram-test-api has no getFile and no file server, so a
 * bot cannot fetch what a user sent. This adds both, as the Bot API has them: getFile answers a File
 * with its `file_path` (refusing files over 20 MB with "file is too big", as Telegram does for bots),
 * and `GET /file/bot<token>/<file_path>` serves the bytes.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TelegramServer } from "telegram-test-api/lib/telegramServer.js";

/** Telegram's limit on what a bot may download through the Bot API. */
const BOT_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

interface UserFile {
  fileId: string;
  fileUniqueId: string;
  path: string;
  bytes: Buffer;
}

/** A file a user sent, as the message describes it (PhotoSize or Document without their own fields). */
export interface UserFileRef {
  file_id: string;
  file_unique_id: string;
  file_size: number;
}

const userFiles = new WeakMap<TelegramServer, Map<string, UserFile>>();
const downloads = new WeakMap<TelegramServer, string[]>();

/** Keeps a file a test user sends (a photo size, a document) for the bot to fetch; `folder` as Telegram names it ("photos", "documents"). */
export function storeUserFile(server: TelegramServer, bytes: Buffer, folder: string, extension: string): UserFileRef {
  const files = userFiles.get(server);
  if (!files) throw new Error("acceptUserFiles was not called on this server");
  const fileUniqueId = randomBytes(6).toString("hex");
  const fileId = `BQAC${randomBytes(12).toString("base64url")}`;
  files.set(fileId, { fileId, fileUniqueId, path: `${folder}/file_${files.size}.${extension}`, bytes });
  return { file_id: fileId, file_unique_id: fileUniqueId, file_size: bytes.length };
}

/** The file_ids the bot downloaded (GET /file/…), oldest first. */
export function userFilesDownloaded(server: TelegramServer): string[] {
  return [...(downloads.get(server) ?? [])];
}

type Handle = (request: IncomingMessage, response: ServerResponse, next?: unknown) => void;

/** Adds getFile and the file download route. */
export function acceptUserFiles(server: TelegramServer): void {
  const files = new Map<string, UserFile>();
  userFiles.set(server, files);
  downloads.set(server, []);
  const app = (server as unknown as { webServer: { handle: Handle } }).webServer;
  const handle = app.handle.bind(app);
  app.handle = (request, response, next) => {
    const url = request.url ?? "";
    const download = /^\/file\/bot[^/]+\/(.+)$/.exec(url)?.[1];
    if (download !== undefined && request.method === "GET") {
      const file = [...files.values()].find((candidate) => candidate.path === decodeURIComponent(download));
      if (!file) return answer(response, 404, { ok: false, error_code: 404, description: "Not Found" });
      downloads.get(server)!.push(file.fileId);
      response.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(file.bytes.length) });
      response.end(file.bytes);
      return;
    }
    if (!/^\/bot[^/]+\/getFile\b/.test(url)) return handle(request, response, next);
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const fields = (request.headers["content-type"] ?? "").includes("json")
        ? (JSON.parse(raw || "{}") as Record<string, unknown>)
        : Object.fromEntries(new URLSearchParams(raw));
      const file = files.get(String(fields.file_id ?? ""));
      if (!file) return answer(response, 400, { ok: false, error_code: 400, description: "Bad Request: invalid file_id" });
      if (file.bytes.length > BOT_DOWNLOAD_LIMIT) {
        return answer(response, 400, { ok: false, error_code: 400, description: "Bad Request: file is too big" });
      }
      answer(response, 200, {
        ok: true,
        result: { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.bytes.length, file_path: file.path },
      });
    });
  };
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}
