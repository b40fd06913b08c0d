/**
 * Development tooling, not part of the bot: telegram-test-api (the emulated Bot API server of the
 * tests and `npm run playground`) answers 500 to setMyDescription and setMyShortDescription. This
 * accepts them as Telegram does and keeps what was set, so a test can read the bot's profile texts.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TelegramServer } from "telegram-test-api/lib/telegramServer.js";

/** One call that set a profile text; `languageCode` absent for the default one. */
export interface ProfileTextSet {
  method: "setMyDescription" | "setMyShortDescription";
  text: string;
  languageCode?: string;
}

const profileTexts = new WeakMap<TelegramServer, ProfileTextSet[]>();

/** The profile texts the bot set through the emulator, oldest first. */
export function profileTextsSet(server: TelegramServer): ProfileTextSet[] {
  return [...(profileTexts.get(server) ?? [])];
}

/** Telegram's limits: a description of at most 512 characters, a short one of at most 120. */
const LIMITS = { setMyDescription: { field: "description", max: 512 }, setMyShortDescription: { field: "short_description", max: 120 } };

/** Answers setMyDescription and setMyShortDescription (JSON or form bodies), refusing texts over Telegram's limits. */
export function acceptProfileTexts(server: TelegramServer): void {
  type Handle = (request: IncomingMessage, response: ServerResponse, next?: unknown) => void;
  const app = (server as unknown as { webServer: { handle: Handle } }).webServer;
  const handle = app.handle.bind(app);
  profileTexts.set(server, []);
  app.handle = (request, response, next) => {
    const method = /^\/bot[^/]+\/(setMyDescription|setMyShortDescription)\b/.exec(request.url ?? "")?.[1] as
      | keyof typeof LIMITS
      | undefined;
    if (!method) return handle(request, response, next);
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const params: Record<string, unknown> = (request.headers["content-type"] ?? "").includes("json")
        ? (JSON.parse(body || "{}") as Record<string, unknown>)
        : Object.fromEntries(new URLSearchParams(body));
      const { field, max } = LIMITS[method];
      const text = typeof params[field] === "string" ? (params[field] as string) : "";
      const answer = (status: number, payload: object) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(payload));
      };
      if (text.length > max) {
        answer(400, { ok: false, error_code: 400, description: `Bad Request: ${field} is too long` });
        return;
      }
      const languageCode = typeof params.language_code === "string" && params.language_code !== "" ? params.language_code : undefined;
      profileTexts.get(server)!.push({ method, text, ...(languageCode ? { languageCode } : {}) });
      answer(200, { ok: true, result: true });
    });
  };
}
