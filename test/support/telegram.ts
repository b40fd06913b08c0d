/**
 * A Telegram user for tests, over telegram-test-api (an emulated Bot API server). Independent of
 * the app: any bot pointed at `apiRoot` with `token` can talk to it.
 */
import { randomBytes, randomInt } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:net";
import { PassThrough } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { TelegramServer } from "telegram-test-api/lib/telegramServer.js";
import { acceptProfileTexts } from "#root/devtools/emulated-bot-profile.ts";
import { acceptUploads, chatActionsSent, documentsSent, photosSent, type StoredBotMessage } from "#root/devtools/emulated-documents.ts";
import { editsOf, emulateEdits, toastsFor } from "#root/devtools/emulated-edits.ts";
import { acceptUserFiles, storeUserFile } from "#root/devtools/emulated-user-files.ts";
import { ReadMarks } from "#root/devtools/read-marks.ts";

export { type ProfileTextSet, profileTextsSet } from "#root/devtools/emulated-bot-profile.ts";
export {
  chatActionsSent,
  documentsSent,
  photosSent,
  type SentChatAction,
  type SentDocument,
  type SentPhoto,
} from "#root/devtools/emulated-documents.ts";

export interface BotButton {
  label: string;
  data?: string;
  url?: string;
}

export interface BotMessage {
  messageId: number;
  /** How many times the bot changed the message since it was sent. */
  version: number;
  text: string;
  caption?: string;
  /** The picture of a sendPhoto message. */
  photo?: Buffer;
  /** The file of a sendDocument message. */
  document?: { filename: string; mimeType: string; bytes: Buffer };
  buttons: BotButton[][];
}

export interface RunningTelegramServer {
  apiRoot: string;
  token: string;
  server: TelegramServer;
  /** The real Bot API's refusals the emulator plays (see `BotApiRules`). */
  rules: BotApiRules;
  stop(): Promise<void>;
}

export interface TelegramServerOptions {
  /**
   * Makes getUpdates long-poll: with nothing new for the bot, the answer waits up to this long for a
   * user's update. The emulator answers at once otherwise, and a polling bot spins, eating the CPU
   * that a suite of many stacks needs. 0 (the default) keeps the emulator's own behaviour.
   */
  holdUpdatesMs?: number;
  /** Telegram's flood limits, answered with 429 and `retry_after`; off unless given (or set later). */
  rateLimit?: BotApiRateLimit;
}

/** Starts the emulator on a free port of 127.0.0.1 with a fresh bot token. */
export async function startTelegramServer(options: TelegramServerOptions = {}): Promise<RunningTelegramServer> {
  // The emulator reads `port: 0` as "unset" and takes 9000, so find a free port first.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    // Messages older than `storeTimeout` are swept away: keep them for the whole test run.
    const server = new TelegramServer({ host: "127.0.0.1", port, storeTimeout: 3600 });
    if (options.holdUpdatesMs) holdGetUpdates(server, options.holdUpdatesMs);
    acceptUploads(server);
    acceptUserFiles(server);
    emulateEdits(server);
    acceptProfileTexts(server);
    const rules = enforceBotApiRules(server, options.rateLimit);
    try {
      await server.start();
    } catch (error) {
      if (attempt < 5 && (error as NodeJS.ErrnoException).code === "EADDRINUSE") continue;
      throw error;
    }
    return {
      apiRoot: server.config.apiURL,
      token: `${randomInt(100_000, 999_999_999)}:${randomBytes(16).toString("hex")}`,
      server,
      rules,
      stop: async () => {
        await server.stop();
      },
    };
  }
}

const USER_UPDATE_EVENTS = ["AddedUserMessage", "AddedUserCommand", "AddedUserCallbackQuery"] as const;

/** Wraps the emulator's express app so that getUpdates without news waits for a user update (or `holdMs`). */
function holdGetUpdates(server: TelegramServer, holdMs: number): void {
  type Handle = (request: IncomingMessage, response: ServerResponse, next?: unknown) => void;
  const app = (server as unknown as { webServer: { handle: Handle } }).webServer;
  const handle = app.handle.bind(app);
  const hasNews = (token: string) =>
    (server.storage.userMessages as unknown as { botToken: string; isRead: boolean }[]).some((u) => u.botToken === token && !u.isRead);
  app.handle = (request, response, next) => {
    const token = /^\/bot([^/]+)\/getUpdates\b/.exec(request.url ?? "")?.[1];
    if (!token || hasNews(token)) return handle(request, response, next);
    const wake = () => {
      clearTimeout(timer);
      for (const event of USER_UPDATE_EVENTS) server.off(event, wake);
      handle(request, response, next);
    };
    const timer = setTimeout(wake, holdMs);
    for (const event of USER_UPDATE_EVENTS) server.on(event, wake);
  };
}

/** Messages a second the emulator lets through before answering 429 (sliding one-second windows). */
export interface BotApiRateLimit {
  /** Telegram: about one a second in a private chat (short bursts pass). */
  perChatPerSecond?: number;
  /** Telegram: about 30 a second per bot. */
  perBotPerSecond?: number;
}

/**
 * A refusal the emulator plays: an HTTP error with Telegram's body, or a connection reset. 409 is
 * Telegram's answer to getUpdates while another process polls with the same token.
 */
export type BotApiFault = { status: 429; retryAfter: number } | { status: 409 | 500 | 502 } | "reset";

/** A call the emulator refused, for tests that check a fault really happened. */
export interface BotApiRefusal {
  method: string;
  chatId?: string;
  status: number | "reset";
  description: string;
}

/**
 * What the real Bot API refuses, played by the emulator. Always on (a correct bot never breaks them,
 * so every suite proves it keeps them): message text of 1–4,096 characters, callback_data of 1–64
 * bytes (Cyrillic takes two a letter), a button with a text. On demand: a user who blocked the bot
 * (403), flood limits (429 with retry_after), and faults injected into the next calls of a method.
 */
export interface BotApiRules {
  block(chatId: number | string): void;
  unblock(chatId: number | string): void;
  /** undefined turns the flood limits off. */
  rateLimit(limits: BotApiRateLimit | undefined): void;
  /** The next calls of `method` meet these faults, one per call, in order. */
  failNext(method: string, ...faults: BotApiFault[]): void;
  /** Every call of `method` meets `fault` (after those of failNext) until this is called with undefined. */
  failEvery(method: string, fault: BotApiFault | undefined): void;
  /** Every call refused so far, oldest first. */
  refusals(): BotApiRefusal[];
}

const SENDING_METHODS = new Set([
  "sendMessage",
  "sendDocument",
  "sendPhoto",
  "sendChatAction",
  "editMessageText",
  "editMessageReplyMarkup",
]);
/** Methods that upload a file as multipart/form-data. */
const UPLOADING_METHODS = new Set(["sendDocument", "sendPhoto"]);
const TEXT_LIMIT = 4096;
const CALLBACK_DATA_MAX_BYTES = 64;

interface BotApiCall {
  chat_id?: number | string;
  text?: string;
  reply_markup?: { inline_keyboard?: { text?: string; callback_data?: string; url?: string }[][] };
}

/** Wraps the emulator's express app so that sending methods meet the real Bot API's refusals. */
function enforceBotApiRules(server: TelegramServer, initialRateLimit: BotApiRateLimit | undefined): BotApiRules {
  type Handle = (request: IncomingMessage, response: ServerResponse, next?: unknown) => void;
  const app = (server as unknown as { webServer: { handle: Handle } }).webServer;
  const handle = app.handle.bind(app);
  const blocked = new Set<string>();
  const faults = new Map<string, BotApiFault[]>();
  const standingFaults = new Map<string, BotApiFault>();
  const refusals: BotApiRefusal[] = [];
  let rateLimit = initialRateLimit;
  /** Times of the sends let through, per chat and for the bot, for the flood limits. */
  const sentToChat = new Map<string, number[]>();
  const sentByBot: number[] = [];

  const refuse = (response: ServerResponse, refusal: BotApiRefusal, parameters?: { retry_after: number }) => {
    refusals.push(refusal);
    const status = refusal.status === "reset" ? 500 : refusal.status;
    response.writeHead(status, { "content-type": "application/json" });
    response.end(
      JSON.stringify({ ok: false, error_code: status, description: refusal.description, ...(parameters ? { parameters } : {}) }),
    );
  };

  /** The wait in whole seconds (at least 1) until a window of `times` has room under `limit`. */
  const waitFor = (times: number[], limit: number | undefined, now: number): number | undefined => {
    while (times.length > 0 && times[0]! <= now - 1000) times.shift();
    if (limit === undefined || times.length < limit) return undefined;
    return Math.max(1, Math.ceil((times[0]! + 1000 - now) / 1000));
  };

  /** Why the real API would refuse this call's content, or undefined. */
  const contentProblem = (method: string, call: BotApiCall): string | undefined => {
    if (method === "sendMessage" || method === "editMessageText") {
      const text = call.text ?? "";
      if (text.trim() === "") return "Bad Request: message text is empty";
      if (text.length > TEXT_LIMIT) return "Bad Request: message is too long";
    }
    for (const button of call.reply_markup?.inline_keyboard?.flat() ?? []) {
      if (!button.text) return "Bad Request: BUTTON_TEXT_INVALID";
      if (button.callback_data !== undefined) {
        const bytes = Buffer.byteLength(button.callback_data, "utf8");
        if (bytes === 0 || bytes > CALLBACK_DATA_MAX_BYTES) return "Bad Request: BUTTON_DATA_INVALID";
      }
    }
    return undefined;
  };

  const judge = (method: string, call: BotApiCall, request: IncomingMessage, response: ServerResponse): boolean => {
    const chatId = call.chat_id === undefined ? undefined : String(call.chat_id);
    const fault = faults.get(method)?.shift() ?? standingFaults.get(method);
    if (fault === "reset") {
      refusals.push({ method, chatId, status: "reset", description: "connection reset" });
      request.socket.destroy();
      return false;
    }
    if (fault?.status === 429) {
      refuse(
        response,
        { method, chatId, status: 429, description: `Too Many Requests: retry after ${fault.retryAfter}` },
        { retry_after: fault.retryAfter },
      );
      return false;
    }
    if (fault) {
      refuse(response, {
        method,
        chatId,
        status: fault.status,
        description:
          fault.status === 409
            ? "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
            : fault.status === 502
              ? "Bad Gateway"
              : "Internal Server Error",
      });
      return false;
    }
    const problem = contentProblem(method, call);
    if (problem) {
      refuse(response, { method, chatId, status: 400, description: problem });
      return false;
    }
    if (chatId !== undefined && blocked.has(chatId)) {
      refuse(response, { method, chatId, status: 403, description: "Forbidden: bot was blocked by the user" });
      return false;
    }
    // Edits and chat actions do not count against the flood limits here; new messages do.
    if (method === "sendMessage" || UPLOADING_METHODS.has(method)) {
      const now = Date.now();
      const toChat = chatId === undefined ? [] : (sentToChat.get(chatId) ?? []);
      const wait = waitFor(toChat, rateLimit?.perChatPerSecond, now) ?? waitFor(sentByBot, rateLimit?.perBotPerSecond, now);
      if (wait !== undefined) {
        refuse(response, { method, chatId, status: 429, description: `Too Many Requests: retry after ${wait}` }, { retry_after: wait });
        return false;
      }
      if (chatId !== undefined) sentToChat.set(chatId, [...toChat, now]);
      sentByBot.push(now);
    }
    return true;
  };

  app.handle = (request, response, next) => {
    const method = /^\/bot[^/]+\/(\w+)/.exec(request.url ?? "")?.[1];
    const faulty = method !== undefined && (Boolean(faults.get(method)?.length) || standingFaults.has(method));
    if (!method || !(SENDING_METHODS.has(method) || faulty)) return handle(request, response, next);
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      if (UPLOADING_METHODS.has(method)) {
        // A multipart upload: judged by its chat_id, then replayed to the document handler, which reads the stream.
        const chatId = /name="chat_id"\r\n\r\n([^\r]*)\r\n/.exec(body.toString("latin1"))?.[1];
        if (!judge(method, { chat_id: chatId }, request, response)) return;
        const replay = Object.assign(new PassThrough(), { headers: request.headers, url: request.url, method: request.method });
        handle(replay as unknown as IncomingMessage, response, next);
        replay.end(body);
        return;
      }
      const raw = body.toString("utf8");
      const type = request.headers["content-type"] ?? "";
      let call: BotApiCall;
      try {
        call = type.includes("json") ? (JSON.parse(raw || "{}") as BotApiCall) : parseForm(raw);
      } catch {
        refuse(response, { method, status: 400, description: "Bad Request: can't parse request JSON object" });
        return;
      }
      if (!judge(method, call, request, response)) return;
      // The body is read: express's parsers skip a request marked as parsed.
      Object.assign(request, { body: call, _body: true });
      handle(request, response, next);
    });
  };

  return {
    block: (chatId) => blocked.add(String(chatId)),
    unblock: (chatId) => blocked.delete(String(chatId)),
    rateLimit(limits) {
      rateLimit = limits;
    },
    failNext(method, ...more) {
      faults.set(method, [...(faults.get(method) ?? []), ...more]);
    },
    failEvery(method, fault) {
      if (fault) standingFaults.set(method, fault);
      else standingFaults.delete(method);
    },
    refusals: () => [...refusals],
  };
}

/** A form-encoded call, with its JSON-valued fields (reply_markup) decoded. */
function parseForm(raw: string): BotApiCall {
  const fields = Object.fromEntries(new URLSearchParams(raw)) as Record<string, string>;
  return { ...fields, ...(fields.reply_markup ? { reply_markup: JSON.parse(fields.reply_markup) as BotApiCall["reply_markup"] } : {}) };
}

/** A TCP port of 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface TestUserProfile {
  userId: number;
  firstName: string;
  languageCode?: string;
}

/** What the emulator stores of a user's update until the bot fetches it. */
interface StoredUserUpdate {
  botToken: string;
  updateId: number;
  isRead: boolean;
  message?: { from?: { id: number } };
  callbackQuery?: { from?: { id: number } };
}

/** A person in a private chat with the bot under test; the chat id equals the user id. */
export class TelegramTestUser {
  readonly userId: number;
  private readonly client: ReturnType<TelegramServer["getClient"]>;
  private readonly read = new ReadMarks();

  constructor(
    private readonly server: TelegramServer,
    private readonly token: string,
    private readonly profile: TestUserProfile,
  ) {
    this.userId = profile.userId;
    this.client = server.getClient(token, {
      userId: profile.userId,
      chatId: profile.userId,
      firstName: profile.firstName,
      userName: `user${profile.userId}`,
      type: "private",
    });
  }

  /** Sends a text; one starting with `/` goes as a command (with its bot_command entity). */
  async send(text: string): Promise<void> {
    if (text.startsWith("/")) {
      await this.client.sendCommand(this.client.makeCommand(text, { from: this.from() }));
    } else {
      await this.client.sendMessage(this.client.makeMessage(text, { from: this.from() }));
    }
  }

  /** Sends a sticker: a message without text that a bot cannot read. */
  async sendSticker(): Promise<void> {
    const { text: _text, ...message } = this.client.makeMessage("", { from: this.from() });
    const sticker = {
      file_id: "CAACAgIAAxkBAAIBY2",
      file_unique_id: "AgADY2",
      type: "regular",
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
      emoji: "👍",
    };
    // The client's typings insist on `text`; the emulator stores whatever it gets.
    await this.client.sendMessage({ ...message, sticker } as unknown as Parameters<typeof this.client.sendMessage>[0]);
  }

  /**
   * Sends a photo, as Telegram delivers one: several sizes (a small thumbnail first, the picture as
   * sent last), each a file the bot fetches with getFile, and the caption.
   */
  async sendPhoto(bytes: Buffer, caption?: string): Promise<void> {
    const thumbnail = storeUserFile(this.server, bytes.subarray(0, Math.min(bytes.length, 64)), "photos", "jpg");
    const full = storeUserFile(this.server, bytes, "photos", "jpg");
    await this.sendMedia({
      photo: [
        { ...thumbnail, width: 90, height: 90 },
        { ...full, width: 1280, height: 960 },
      ],
      ...(caption !== undefined ? { caption } : {}),
    });
  }

  /** Sends a file (a Document with its name, type and size), with a caption. */
  async sendDocument(filename: string, bytes: Buffer, caption?: string, mimeType = "application/pdf"): Promise<void> {
    const file = storeUserFile(this.server, bytes, "documents", filename.split(".").pop() ?? "bin");
    await this.sendMedia({
      document: { ...file, file_name: filename, mime_type: mimeType },
      ...(caption !== undefined ? { caption } : {}),
    });
  }

  /** Sends a voice message: something the bot does not read. */
  async sendVoice(): Promise<void> {
    const file = storeUserFile(this.server, Buffer.from("OggS voice"), "voice", "oga");
    await this.sendMedia({ voice: { ...file, duration: 3, mime_type: "audio/ogg" } });
  }

  private async sendMedia(fields: Record<string, unknown>): Promise<void> {
    const { text: _text, ...message } = this.client.makeMessage("", { from: this.from() });
    // The client's typings insist on `text`; the emulator stores whatever it gets.
    await this.client.sendMessage({ ...message, ...fields } as unknown as Parameters<typeof this.client.sendMessage>[0]);
  }

  /** Presses the button with this label in the latest bot message that has buttons. */
  async press(label: string | RegExp): Promise<void> {
    const message = this.messages().findLast((m) => m.buttons.length > 0);
    if (!message) throw new Error(`No bot message with buttons to press "${label}" in:\n${this.describe()}`);
    const button = message.buttons.flat().find((b) => (typeof label === "string" ? b.label === label : label.test(b.label)));
    if (!button) {
      const available = message.buttons.map((row) => row.map((b) => `[${b.label}]`).join(" ")).join("\n");
      throw new Error(`No button "${label}" in message ${message.messageId} "${message.text}"; buttons:\n${available}`);
    }
    if (button.data === undefined) throw new Error(`Button "${button.label}" opens ${button.url}: nothing to press`);
    await this.sendCallback(button.data, message.messageId);
  }

  /** Sends a callback with any data, as a forged or stale button would. */
  async pressData(data: string): Promise<void> {
    const message = this.messages().findLast((m) => m.buttons.length > 0) ?? this.messages().at(-1);
    await this.sendCallback(data, message?.messageId);
  }

  /**
   * Resolves with the first bot message to this user that no earlier `waitFor` took and that
   * matches (a string matches when the text contains it). A message the bot edited since is new again.
   */
  async waitFor(match: string | RegExp, timeoutMs = 5000): Promise<BotMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.read.take(this.messages(), (m) => ({ id: m.messageId, version: m.version, text: m.caption ?? m.text }), match);
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(`No bot message matching ${String(match)} within ${timeoutMs} ms; received:\n${this.describe()}`);
      }
      await sleep(5);
    }
  }

  /** Every bot message to this chat so far, oldest first, as currently shown (after edits). */
  messages(): BotMessage[] {
    const stored = this.server.storage.botMessages as unknown as StoredBotMessage[];
    const photos = new Map(photosSent(this.server, this.userId).map((photo) => [photo.messageId, photo.bytes]));
    const documents = new Map(documentsSent(this.server, this.userId).map((document) => [document.messageId, document]));
    return stored
      .filter((u) => u.botToken === this.token && String(u.message.chat_id) === String(this.userId))
      .map((u) => ({
        messageId: u.messageId,
        version: editsOf(this.server, this.userId, u.messageId),
        text: u.message.text ?? "",
        ...(u.message.caption !== undefined ? { caption: u.message.caption } : {}),
        ...(photos.has(u.messageId) ? { photo: photos.get(u.messageId)! } : {}),
        ...(documents.has(u.messageId)
          ? {
              document: {
                filename: documents.get(u.messageId)!.filename,
                mimeType: documents.get(u.messageId)!.mimeType,
                bytes: documents.get(u.messageId)!.bytes,
              },
            }
          : {}),
        buttons: (u.message.reply_markup?.inline_keyboard ?? []).map((row) =>
          row.map((b) => ({
            label: b.text,
            ...(b.callback_data !== undefined ? { data: b.callback_data } : {}),
            ...(b.url !== undefined ? { url: b.url } : {}),
          })),
        ),
      }));
  }

  /**
   * Makes the emulator hand this user's latest update to the bot again, with the same update_id,
   * as Telegram does when a bot did not confirm an update before it crashed.
   */
  replayLast(): void {
    const stored = this.server.storage.userMessages as unknown as StoredUserUpdate[];
    const last = stored.findLast((u) => u.botToken === this.token && (u.message?.from?.id ?? u.callbackQuery?.from?.id) === this.userId);
    if (!last) throw new Error(`User ${this.userId} has sent nothing to replay`);
    last.isRead = false;
    // Wakes a long poll held by `holdUpdatesMs`.
    this.server.emit("AddedUserMessage");
  }

  /** The toasts shown for this user's presses (stale buttons), oldest first. */
  toasts(): string[] {
    return toastsFor(this.server, this.userId);
  }

  /** The chat actions ("upload_document"…) the bot showed in this chat, oldest first. */
  activities(): { action: string; afterMessageId?: number }[] {
    return chatActionsSent(this.server, this.userId).map(({ action, afterMessageId }) => ({
      action,
      ...(afterMessageId !== undefined ? { afterMessageId } : {}),
    }));
  }

  /** The buttons of the latest bot message that has any. */
  lastButtons(): BotButton[][] {
    return this.messages().findLast((m) => m.buttons.length > 0)?.buttons ?? [];
  }

  private async sendCallback(data: string, messageId: number | undefined): Promise<void> {
    // The emulator forwards the `message` we give verbatim: without message_id the bot cannot tell
    // which message the button was on.
    const query = this.client.makeCallbackQuery(data, {
      from: this.from(),
      ...(messageId !== undefined ? { message: { message_id: messageId } } : {}),
    });
    await this.client.sendCallback(query as Parameters<typeof this.client.sendCallback>[0]);
  }

  private from() {
    return {
      id: this.profile.userId,
      is_bot: false,
      first_name: this.profile.firstName,
      username: `user${this.profile.userId}`,
      ...(this.profile.languageCode ? { language_code: this.profile.languageCode } : {}),
    };
  }

  private describe(): string {
    const all = this.messages();
    if (all.length === 0) return "  (nothing)";
    return all
      .map((m) => {
        const mark = this.read.seen(m.messageId, m.version) ? "✓" : " ";
        const buttons = m.buttons
          .flat()
          .map((b) => `[${b.label}]`)
          .join(" ");
        return `  ${mark} #${m.messageId} ${JSON.stringify(m.text)}${buttons ? ` ${buttons}` : ""}`;
      })
      .join("\n");
  }
}
