import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * The HTTP client under grammY's Bot API calls: a request over a kept-alive socket and the answer's
 * JSON, nothing else. grammY's default, node-fetch, builds a WHATWG Request, Headers and Response
 * around every call and decodes the body through streams; at a few calls an update that machinery
 * was a tenth of the bot's busy time (bench/RESULTS.md, issue 16). grammY asks of the response only
 * `json()`, and hands a body that is a JSON string, or a Node stream for multipart uploads: both are
 * sent as they are. Timeouts stay grammY's: its abort signal ends the request.
 */
export type BotApiFetch = (url: string | URL, init: BotApiRequestInit) => Promise<BotApiResponse>;

export interface BotApiRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Readable | null;
  signal?: AbortSignal | null;
}

export interface BotApiResponse {
  status: number;
  ok: boolean;
  json(): Promise<unknown>;
  text(): Promise<string>;
}

/** Sockets kept open to the Bot API server: more than the outbox's parallel sends, fewer than Telegram allows. */
const MAX_SOCKETS = 64;

export function createBotApiFetch(): BotApiFetch {
  const agents = {
    "http:": new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS, scheduling: "lifo" }),
    "https:": new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS, scheduling: "lifo" }),
  };
  return (url, init) =>
    new Promise<BotApiResponse>((resolve, reject) => {
      const target = typeof url === "string" ? new URL(url) : url;
      const protocol = target.protocol === "https:" ? https : http;
      const agent = target.protocol === "https:" ? agents["https:"] : agents["http:"];
      const { signal, body } = init;
      if (signal?.aborted) {
        reject(abortError(signal));
        return;
      }
      const request = protocol.request(target, { method: init.method ?? "GET", headers: init.headers, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.once("error", reject);
        response.once("end", () => {
          signal?.removeEventListener("abort", onAbort);
          const text = Buffer.concat(chunks).toString("utf8");
          const status = response.statusCode ?? 0;
          resolve({
            status,
            ok: status >= 200 && status < 300,
            json: async () => JSON.parse(text),
            text: async () => text,
          });
        });
      });
      const onAbort = () => request.destroy(abortError(signal!));
      signal?.addEventListener("abort", onAbort, { once: true });
      request.once("error", (error) => {
        signal?.removeEventListener("abort", onAbort);
        reject(error);
      });
      if (body instanceof Readable) {
        // A failing upload stream is grammY's to report (it races its own stream error): the request just ends.
        pipeline(body, request).catch((error: unknown) => request.destroy(error as Error));
      } else {
        request.end(body ?? undefined);
      }
    });
}

function abortError(signal: AbortSignal): Error {
  const error = new Error(signal.reason instanceof Error ? signal.reason.message : "The request was aborted");
  error.name = "AbortError";
  return error;
}
