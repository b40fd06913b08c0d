/**
 * A local stand-in for the MAX Bot API (https://platform-api2.max.ru) over real HTTP, plus test users
 * who write to the bot the way MAX would deliver it: through GET /updates (long poll) or, once the
 * bot has subscribed, by POSTing each update to its webhook with the X-Max-Bot-Api-Secret header.
 *
 * It refuses what MAX refuses, so a test fails where MAX would: a wrong token (401), a text over
 * 4,000 characters, a button or keyboard over MAX's limits, an unknown callback id, a file that is
 * not the only attachment or not uploaded, an image upload that is not a picture, an unknown chat
 * action (400), a user who stopped the bot (403), a chat it does
 * not know (404), and on demand a rate limit (429) or `attachment.not.ready` after an upload.
 * Error codes are MAX's where the schema or the official clients name them (`attachment.not.ready`,
 * `chat.denied`, `verify.token`); the others are this double's own.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { ReadMarks } from "./read-marks.ts";

export interface MaxKeyboardButton {
  type: string;
  text: string;
  payload?: string;
  url?: string;
}

export interface StoredFile {
  token: string;
  /** Uploaded as `type=file` (a file to download) or `type=image` (a picture shown in the chat). */
  kind: "file" | "image";
  filename: string;
  mimeType: string;
  bytes: Buffer;
}

export interface SentMessage {
  /** A number for helpers that count messages; MAX itself names a message by `mid`. */
  id: number;
  mid: string;
  /** How many times the bot edited it (PUT /messages) since it was sent. */
  version: number;
  chatId: number;
  userId: number;
  text: string;
  keyboard?: MaxKeyboardButton[][];
  file?: StoredFile;
  /** The picture of an `image` attachment. */
  image?: StoredFile;
  format?: string;
}

/** A POST /chats/{chatId}/actions: what the chat showed, and after which of the bot's messages in it. */
export interface ChatAction {
  chatId: number;
  action: string;
  afterMessageId?: number;
}

export interface CallbackAnswer {
  callbackId: string;
  chatId: number;
  userId: number;
  notification?: string;
  message?: unknown;
}

export interface Subscription {
  url: string;
  secret?: string;
  updateTypes: string[];
}

export interface WebhookAnswer {
  status: number;
  body: string;
}

export interface MaxApiDouble {
  /** `http://127.0.0.1:<port>`, for the adapter's `apiBaseUrl`. */
  baseUrl: string;
  token: string;
  botUsername: string;
  botUserId: number;
  /** A MAX user who can write to the bot: one dialog (chat id) per user. */
  user(profile: { userId: number; firstName?: string; locale?: string }): MaxTestUser;
  /** What the bot sent, all or to one chat (a chat's own list: cheap however much was sent to others). */
  sent(chatId?: number): SentMessage[];
  answers(): CallbackAnswer[];
  files(): StoredFile[];
  /** Chat actions the bot showed, all or in one chat, oldest first. */
  actions(chatId?: number): ChatAction[];
  subscriptions(): Subscription[];
  /** How many times a route ("POST /messages", "GET /updates", "POST /upload"…) was called, refused calls included. */
  calls(route: string): number;
  /** Refused calls so far, by HTTP status and MAX error code: `{ "400 proto.payload": 2 }`. */
  refusals(): Record<string, number>;
  /** Queues an update for long poll, or POSTs it to the subscribed webhook and returns the bot's answer. */
  pushUpdate(update: Record<string, unknown>): Promise<WebhookAnswer | undefined>;
  /** POSTs an update to the subscribed webhook with the given secret header (undefined: none). */
  postToWebhook(update: Record<string, unknown>, secret: string | undefined): Promise<WebhookAnswer>;
  /** The next call of `route` (or the one after `after` more calls) is refused with this status and MAX error code. */
  failNext(route: string, status: number, code: string, after?: number): void;
  /** More than `perSecond` POST /messages within a second answer 429; undefined turns it off. */
  rateLimit(perSecond: number | undefined): void;
  /** From now on sends to this chat answer 403 chat.denied, as when the user stopped the bot. */
  block(chatId: number): void;
  unblock(chatId: number): void;
  /** The next `times` sends carrying a file answer 400 attachment.not.ready, as while MAX processes an upload. */
  attachmentNotReady(times: number): void;
  /** Updates long poll has handed out and the bot has committed by asking past them. */
  committed(): number;
  /**
   * Serves bytes at a URL of MAX's file servers, as a user's image or file attachment names it in
   * `payload.url`; fetched without the bot's token. `chunked`: without a Content-Length.
   */
  hostFile(bytes: Buffer, options?: { chunked?: boolean }): string;
  /** How many times a hosted file was fetched (begun), by its URL. */
  fetched(url: string): number;
  stop(): Promise<void>;
}

class MaxApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The schema's NewMessageBody and Button limits; the keyboard grid as MAX's documentation is reported to give it. */
const LIMITS = { text: 4000, label: 128, payload: 1024, url: 2048, buttons: 210, rows: 30, perRow: 7, perRowWithLink: 3 };
const WIDE_BUTTONS = new Set(["link", "open_app", "request_geo_location", "request_contact"]);
const BUTTON_TYPES = new Set(["callback", "link", "request_contact", "request_geo_location", "message", "open_app", "clipboard"]);
const UPLOAD_TYPES = new Set(["image", "video", "audio", "file"]);
/** The schema's SenderAction. */
const SENDER_ACTIONS = new Set(["typing_on", "sending_photo", "sending_video", "sending_audio", "sending_file", "mark_seen"]);
const SECRET = /^[A-Za-z0-9_-]{5,256}$/;
/** Chat ids of dialogs differ from user ids in MAX; the double keeps them apart by this offset. */
const CHAT_ID_OFFSET = 700_000_000;

interface Dialog {
  chatId: number;
  userId: number;
  firstName: string;
  locale?: string;
}

export interface MaxApiDoubleOptions {
  token?: string;
  botUsername?: string;
  /**
   * Dates the updates and messages (milliseconds); every update gets a later time than the one
   * before, as MAX's would. Rate limits count real time.
   */
  clock?: () => number;
  /** Told of each message the double accepts, as it accepts it (before answering the bot): the benchmark times replies by it. */
  onSent?: (message: SentMessage) => void;
  /** Told of each edit the double applies (PUT /messages), with the message as it now is: a screen updated in place answers too. */
  onEdited?: (message: SentMessage, edit: "text" | "reply_markup") => void;
  /**
   * At most this many webhook POSTs at once, each on its own kept-alive connection; the others wait
   * for a free one, as a platform's deliveries do (default: no limit).
   */
  webhookConnections?: number;
}

export async function startMaxApiDouble(options: MaxApiDoubleOptions = {}): Promise<MaxApiDouble> {
  const token = options.token ?? "max-test-token";
  const botUsername = options.botUsername ?? "nastavnik_bot";
  const botUserId = 5_000_001;
  const readClock = options.clock ?? Date.now;
  let lastTime = 0;
  const clock = () => {
    lastTime = Math.max(readClock(), lastTime + 1);
    return lastTime;
  };
  const sent: SentMessage[] = [];
  const sentByChat = new Map<number, SentMessage[]>();
  const refusals = new Map<string, number>();
  const answers: CallbackAnswer[] = [];
  const files: StoredFile[] = [];
  const dialogs = new Map<number, Dialog>();
  const blocked = new Set<number>();
  const callbacks = new Map<string, { chatId: number; userId: number }>();
  /** Upload URLs handed out and not yet used, with the type they were asked for. */
  const pendingUploads = new Map<string, string>();
  const actions: ChatAction[] = [];
  const uploadedTokens = new Map<string, StoredFile>();
  const faults = new Map<string, Array<{ status: number; code: string; after: number }>>();
  const callCounts = new Map<string, number>();
  const recentSends: number[] = [];
  let sendsPerSecond: number | undefined;
  let notReadyLeft = 0;
  let subscriptions: Subscription[] = [];
  /** Long poll: every update ever queued, by position; `committedUpTo` is where the bot's last marker pointed. */
  const updates: Record<string, unknown>[] = [];
  let committedUpTo = 0;
  let waiters: Array<() => void> = [];
  let nextId = 1;
  let origin = "";
  const hosted = new Map<string, { bytes: Buffer; chunked: boolean }>();
  const fetchCounts = new Map<string, number>();

  function dialogFor(chatId: number): Dialog {
    const dialog = dialogs.get(chatId);
    if (!dialog) throw new MaxApiError(404, "chat.not.found", `Chat ${chatId} not found`);
    return dialog;
  }

  function checkKeyboard(payload: unknown): MaxKeyboardButton[][] {
    const rows = (payload as { buttons?: unknown } | undefined)?.buttons;
    if (!Array.isArray(rows) || rows.length === 0 || !rows.every(Array.isArray)) {
      throw new MaxApiError(400, "proto.payload", "inline_keyboard.buttons must be a non-empty array of rows");
    }
    const keyboard = rows as MaxKeyboardButton[][];
    const count = keyboard.reduce((total, row) => total + row.length, 0);
    if (count > LIMITS.buttons) throw new MaxApiError(400, "proto.payload", `${count} buttons, at most ${LIMITS.buttons}`);
    if (keyboard.length > LIMITS.rows) throw new MaxApiError(400, "proto.payload", `${keyboard.length} rows, at most ${LIMITS.rows}`);
    for (const row of keyboard) {
      const perRow = row.some((button) => WIDE_BUTTONS.has(button.type)) ? LIMITS.perRowWithLink : LIMITS.perRow;
      if (row.length > perRow) throw new MaxApiError(400, "proto.payload", `${row.length} buttons in a row, at most ${perRow}`);
      for (const button of row) {
        if (!BUTTON_TYPES.has(button.type)) throw new MaxApiError(400, "proto.payload", `unknown button type ${button.type}`);
        if (typeof button.text !== "string" || button.text.length < 1 || button.text.length > LIMITS.label) {
          throw new MaxApiError(400, "proto.payload", `button text must be 1–${LIMITS.label} characters`);
        }
        if (button.type === "callback") {
          if (typeof button.payload !== "string" || button.payload.length > LIMITS.payload) {
            throw new MaxApiError(400, "proto.payload", `callback payload must be at most ${LIMITS.payload} characters`);
          }
        }
        if (button.type === "link") {
          if (typeof button.url !== "string" || button.url.length > LIMITS.url || !/^https?:\/\//.test(button.url)) {
            throw new MaxApiError(400, "proto.payload", `link url must be an http(s) URL of at most ${LIMITS.url} characters`);
          }
        }
      }
    }
    return keyboard;
  }

  function sendMessage(query: URLSearchParams, body: Record<string, unknown>): unknown {
    const chatParam = query.get("chat_id");
    const userParam = query.get("user_id");
    const dialog = chatParam
      ? dialogFor(Number(chatParam))
      : userParam
        ? [...dialogs.values()].find((candidate) => candidate.userId === Number(userParam))
        : undefined;
    if (!dialog) throw new MaxApiError(chatParam || userParam ? 404 : 400, "chat.not.found", "chat_id or user_id is required");
    const text = body.text === undefined || body.text === null ? "" : body.text;
    if (typeof text !== "string") throw new MaxApiError(400, "proto.payload", "text must be a string");
    if (text.length > LIMITS.text) throw new MaxApiError(400, "proto.payload", `text: size must be between 0 and ${LIMITS.text}`);
    const attachments = body.attachments ?? [];
    if (!Array.isArray(attachments)) throw new MaxApiError(400, "proto.payload", "attachments must be an array");
    if (text === "" && attachments.length === 0) throw new MaxApiError(400, "proto.payload", "message is empty");
    let keyboard: MaxKeyboardButton[][] | undefined;
    let file: StoredFile | undefined;
    let image: StoredFile | undefined;
    for (const attachment of attachments as Array<{
      type?: string;
      payload?: { token?: string; photos?: Record<string, { token?: string }> };
    }>) {
      if (attachment.type === "inline_keyboard") {
        if (keyboard) throw new MaxApiError(400, "proto.payload", "one inline_keyboard per message");
        keyboard = checkKeyboard(attachment.payload);
      } else if (attachment.type === "file") {
        // FileAttachmentRequest: "MUST be the only attachment in message".
        if (attachments.length > 1) throw new MaxApiError(400, "proto.payload", "a file must be the only attachment");
        file = uploadedTokens.get(attachment.payload?.token ?? "");
        if (!file) throw new MaxApiError(400, "attachment.not.found", "unknown attachment token");
      } else if (attachment.type === "image") {
        if (image) throw new MaxApiError(400, "proto.payload", "more than one image in a message is not simulated");
        // PhotoAttachmentRequestPayload: the upload's token, or the `photos` it answered.
        const token = attachment.payload?.token ?? Object.values(attachment.payload?.photos ?? {})[0]?.token ?? "";
        image = uploadedTokens.get(token);
        if (image?.kind !== "image") throw new MaxApiError(400, "attachment.not.found", "unknown image token");
      } else {
        throw new MaxApiError(400, "proto.payload", `attachments of type ${String(attachment.type)} are not simulated`);
      }
    }
    if (blocked.has(dialog.chatId)) throw new MaxApiError(403, "chat.denied", "dialog.suspended: the user stopped the bot");
    if ((file || image) && notReadyLeft > 0) {
      notReadyLeft -= 1;
      throw new MaxApiError(400, "attachment.not.ready", "");
    }
    const now = Date.now();
    while (recentSends.length > 0 && recentSends[0]! <= now - 1000) recentSends.shift();
    if (sendsPerSecond !== undefined && recentSends.length >= sendsPerSecond) {
      throw new MaxApiError(429, "too.many.requests", `over ${sendsPerSecond} a second`);
    }
    recentSends.push(now);
    const id = nextId++;
    const mid = `mid.${id.toString(16).padStart(16, "0")}`;
    const record: SentMessage = { id, mid, version: 0, chatId: dialog.chatId, userId: dialog.userId, text };
    if (keyboard) record.keyboard = keyboard;
    if (file) record.file = file;
    if (image) record.image = image;
    if (typeof body.format === "string") record.format = body.format;
    sent.push(record);
    const toChat = sentByChat.get(record.chatId);
    if (toChat) toChat.push(record);
    else sentByChat.set(record.chatId, [record]);
    options.onSent?.(record);
    return {
      message: {
        sender: { user_id: botUserId, first_name: "Наставник", username: botUsername, is_bot: true },
        recipient: { chat_id: dialog.chatId, chat_type: "dialog", user_id: dialog.userId },
        timestamp: clock(),
        body: { mid, seq: id, text, attachments },
      },
    };
  }

  /** PUT /messages: a text left out stays; attachments, when given, replace the message's own. */
  function editMessage(query: URLSearchParams, body: Record<string, unknown>): unknown {
    const record = sent.find((message) => message.mid === query.get("message_id"));
    if (!record) throw new MaxApiError(404, "not.found", "message not found");
    if (body.text !== undefined && body.text !== null) {
      if (typeof body.text !== "string") throw new MaxApiError(400, "proto.payload", "text must be a string");
      if (body.text.length > LIMITS.text) throw new MaxApiError(400, "proto.payload", `text: size must be between 0 and ${LIMITS.text}`);
      record.text = body.text;
    }
    if (body.attachments !== undefined && body.attachments !== null) {
      if (!Array.isArray(body.attachments)) throw new MaxApiError(400, "proto.payload", "attachments must be an array");
      delete record.keyboard;
      delete record.file;
      for (const attachment of body.attachments as Array<{ type?: string; payload?: unknown }>) {
        if (attachment.type !== "inline_keyboard")
          throw new MaxApiError(400, "proto.payload", `edits with ${String(attachment.type)} are not simulated`);
        record.keyboard = checkKeyboard(attachment.payload);
      }
    }
    if (record.text === "" && !record.keyboard && !record.file) throw new MaxApiError(400, "proto.payload", "message is empty");
    // Only an edit that leaves buttons makes a new screen to wait for; a question left showing its
    // answer, or without its buttons, is the old message still.
    if (record.keyboard) record.version += 1;
    options.onEdited?.(record, body.text !== undefined && body.text !== null ? "text" : "reply_markup");
    return { success: true };
  }

  async function getUpdates(query: URLSearchParams, response: http.ServerResponse): Promise<unknown> {
    if (subscriptions.length > 0) throw new MaxApiError(405, "method.not.allowed", "the bot is subscribed to a webhook");
    const markerParam = query.get("marker");
    if (markerParam !== null) committedUpTo = Math.max(committedUpTo, Number(markerParam));
    const from = markerParam === null ? committedUpTo : Number(markerParam);
    const limit = Math.min(Number(query.get("limit") ?? 100), 1000);
    const timeoutMs = Math.min(Number(query.get("timeout") ?? 30), 90) * 1000;
    const types = query.get("types")?.split(",").filter(Boolean);
    if (updates.length <= from) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          waiters = waiters.filter((waiter) => waiter !== wake);
          resolve();
        };
        const timer = setTimeout(wake, timeoutMs);
        waiters.push(wake);
        response.once("close", wake);
      });
    }
    const batch: Record<string, unknown>[] = [];
    let next = from;
    while (next < updates.length && batch.length < limit) {
      const update = updates[next]!;
      next += 1;
      if (!types || types.includes(String(update.update_type))) batch.push(update);
    }
    return { updates: batch, marker: next };
  }

  async function answerCallback(query: URLSearchParams, body: Record<string, unknown>): Promise<unknown> {
    const callbackId = query.get("callback_id") ?? "";
    const press = callbacks.get(callbackId);
    if (!press) throw new MaxApiError(400, "callback.not.found", `Unknown callback_id: ${callbackId}`);
    const answer: CallbackAnswer = { callbackId, ...press };
    if (typeof body.notification === "string") answer.notification = body.notification;
    if (body.message !== undefined && body.message !== null) answer.message = body.message;
    answers.push(answer);
    return { success: true };
  }

  function subscribe(body: Record<string, unknown>): unknown {
    const { url, secret, update_types: updateTypes } = body;
    if (typeof url !== "string" || !/^https?:\/\//.test(url)) throw new MaxApiError(400, "proto.payload", "url must be an HTTPS URL");
    if (secret !== undefined && (typeof secret !== "string" || !SECRET.test(secret))) {
      throw new MaxApiError(400, "proto.payload", "secret must be 5–256 characters of A-Z, a-z, 0-9, _ and -");
    }
    const subscription: Subscription = { url, updateTypes: Array.isArray(updateTypes) ? updateTypes.map(String) : [] };
    if (typeof secret === "string") subscription.secret = secret;
    subscriptions = [...subscriptions.filter((existing) => existing.url !== url), subscription];
    return { success: true };
  }

  async function receiveUpload(key: string, request: http.IncomingMessage, body: Buffer): Promise<unknown> {
    const type = pendingUploads.get(key);
    if (!pendingUploads.delete(key)) throw new MaxApiError(404, "upload.not.found", "unknown or used upload URL");
    const contentType = String(request.headers["content-type"] ?? "");
    if (!contentType.startsWith("multipart/form-data")) {
      throw new MaxApiError(400, "upload.unsupported", "only multipart uploads are simulated");
    }
    const form = await new Response(body, { headers: { "content-type": contentType } }).formData();
    const data = form.get("data");
    if (!(data instanceof File)) throw new MaxApiError(400, "upload.no.data", "the file goes in the `data` field");
    const stored: StoredFile = {
      token: randomBytes(12).toString("base64url"),
      kind: type === "image" ? "image" : "file",
      filename: data.name,
      mimeType: data.type,
      bytes: Buffer.from(await data.arrayBuffer()),
    };
    if (stored.kind === "image" && !isPicture(stored.bytes))
      throw new MaxApiError(400, "upload.invalid.image", "not a PNG or JPEG picture");
    files.push(stored);
    uploadedTokens.set(stored.token, stored);
    // An image's token comes inside `photos`, by the picture's id (ImageUploadResult of the official client).
    return stored.kind === "image" ? { photos: { [randomBytes(6).toString("hex")]: { token: stored.token } } } : { token: stored.token };
  }

  /** Answers the file itself (the route's own answer is skipped: the response is ended here). */
  function serveFile(path: string, response: http.ServerResponse): Promise<never> {
    const file = hosted.get(path);
    if (!file) throw new MaxApiError(404, "not.found", "no such file");
    fetchCounts.set(`${origin}${path}`, (fetchCounts.get(`${origin}${path}`) ?? 0) + 1);
    const headers: Record<string, string> = { "content-type": "application/octet-stream" };
    if (!file.chunked) headers["content-length"] = String(file.bytes.length);
    response.writeHead(200, headers);
    if (file.chunked) {
      // In pieces, as a stream of unknown length would come.
      for (let offset = 0; offset < file.bytes.length; offset += 64 * 1024) {
        response.write(file.bytes.subarray(offset, offset + 64 * 1024));
      }
      response.end();
    } else {
      response.end(file.bytes);
    }
    return new Promise<never>(() => undefined);
  }

  function chatAction(chatId: number, body: Record<string, unknown>): unknown {
    const dialog = dialogFor(chatId);
    if (typeof body.action !== "string" || !SENDER_ACTIONS.has(body.action)) {
      throw new MaxApiError(400, "proto.payload", `action must be one of ${[...SENDER_ACTIONS].join(", ")}`);
    }
    if (blocked.has(dialog.chatId)) throw new MaxApiError(403, "chat.denied", "dialog.suspended: the user stopped the bot");
    const last = sentByChat.get(dialog.chatId)?.at(-1);
    actions.push({ chatId: dialog.chatId, action: body.action, ...(last ? { afterMessageId: last.id } : {}) });
    return { success: true };
  }

  async function route(request: http.IncomingMessage, response: http.ServerResponse, body: Buffer): Promise<unknown> {
    const url = new URL(request.url ?? "/", origin);
    const uploadKey = /^\/upload\/([A-Za-z0-9_-]+)$/.exec(url.pathname)?.[1];
    const actionChat = /^\/chats\/(-?\d+)\/actions$/.exec(url.pathname)?.[1];
    const name = uploadKey
      ? "POST /upload"
      : actionChat !== undefined
        ? `${request.method} /chats/{chatId}/actions`
        : `${request.method} ${url.pathname}`;
    callCounts.set(name, (callCounts.get(name) ?? 0) + 1);
    const fault = faults.get(name)?.[0];
    if (fault && fault.after > 0) fault.after -= 1;
    else if (fault) {
      faults.get(name)!.shift();
      throw new MaxApiError(fault.status, fault.code, "injected fault");
    }
    // The upload server takes the file without the bot's token: its URL is the permission.
    if (uploadKey && request.method === "POST") return receiveUpload(uploadKey, request, body);
    // So does the file server for what users attach.
    if (url.pathname.startsWith("/files/") && request.method === "GET") return serveFile(url.pathname, response);
    if (request.headers.authorization !== token) throw new MaxApiError(401, "verify.token", "Invalid access_token");
    const json = (): Record<string, unknown> => {
      if (body.length === 0) return {};
      try {
        return JSON.parse(body.toString("utf8")) as Record<string, unknown>;
      } catch {
        throw new MaxApiError(400, "proto.payload", "body is not JSON");
      }
    };
    switch (name) {
      case "GET /me":
        return { user_id: botUserId, first_name: "Наставник", username: botUsername, is_bot: true, last_activity_time: clock() };
      case "GET /updates":
        return getUpdates(url.searchParams, response);
      case "POST /messages":
        return sendMessage(url.searchParams, json());
      case "PUT /messages":
        return editMessage(url.searchParams, json());
      case "POST /answers":
        return answerCallback(url.searchParams, json());
      case "POST /chats/{chatId}/actions":
        return chatAction(Number(actionChat), json());
      case "POST /uploads": {
        const type = url.searchParams.get("type") ?? "";
        if (!UPLOAD_TYPES.has(type)) throw new MaxApiError(400, "proto.payload", `type must be one of ${[...UPLOAD_TYPES].join(", ")}`);
        const key = randomBytes(9).toString("base64url");
        pendingUploads.set(key, type);
        return { url: `${origin}/upload/${key}` };
      }
      case "GET /subscriptions":
        return { subscriptions: subscriptions.map((s) => ({ url: s.url, time: clock(), update_types: s.updateTypes })) };
      case "POST /subscriptions":
        return subscribe(json());
      case "DELETE /subscriptions": {
        const target = url.searchParams.get("url");
        subscriptions = subscriptions.filter((s) => s.url !== target);
        return { success: true };
      }
      default:
        throw new MaxApiError(404, "not.found", `${name} is not simulated`);
    }
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      route(request, response, Buffer.concat(chunks))
        .then((result) => reply(response, 200, result))
        .catch((error: unknown) => {
          const refusal = error instanceof MaxApiError ? error : new MaxApiError(500, "internal.error", String(error));
          const key = `${refusal.status} ${refusal.code}`;
          refusals.set(key, (refusals.get(key) ?? 0) + 1);
          reply(response, refusal.status, { code: refusal.code, message: refusal.message });
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // node:http rather than fetch: under a benchmark's load fetch costs this thread about twice the CPU.
  const agentOptions = { keepAlive: true, maxSockets: options.webhookConnections ?? Number.POSITIVE_INFINITY };
  const webhookAgents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };

  async function postToWebhook(update: Record<string, unknown>, secret: string | undefined): Promise<WebhookAnswer> {
    const subscription = subscriptions[0];
    if (!subscription) throw new Error("The bot has not subscribed a webhook");
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (secret !== undefined) headers["x-max-bot-api-secret"] = secret;
    return post(new URL(subscription.url), headers, JSON.stringify(update));
  }

  /** One POST; rejects with the connection's error (ECONNREFUSED…) when no answer came. */
  function post(url: URL, headers: Record<string, string>, body: string, retried = false): Promise<WebhookAnswer> {
    const secure = url.protocol === "https:";
    return new Promise((resolve, reject) => {
      const request = (secure ? https : http).request(
        url,
        {
          method: "POST",
          headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
          agent: secure ? webhookAgents.https : webhookAgents.http,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
          response.on("error", reject);
        },
      );
      request.on("error", (error: NodeJS.ErrnoException) => {
        // A kept-alive connection the bot's server closed just then: once more on a new one, as Node's documentation advises.
        if (!retried && request.reusedSocket && error.code === "ECONNRESET") resolve(post(url, headers, body, true));
        else reject(error);
      });
      request.end(body);
    });
  }

  const double: MaxApiDouble = {
    baseUrl: origin,
    token,
    botUsername,
    botUserId,
    user(profile) {
      const dialog: Dialog = {
        chatId: CHAT_ID_OFFSET + profile.userId,
        userId: profile.userId,
        firstName: profile.firstName ?? `User ${profile.userId}`,
        ...(profile.locale ? { locale: profile.locale } : {}),
      };
      dialogs.set(dialog.chatId, dialog);
      return new MaxTestUser(double, dialog, {
        clock,
        registerCallback: (id) => callbacks.set(id, { chatId: dialog.chatId, userId: dialog.userId }),
      });
    },
    sent: (chatId) => (chatId === undefined ? [...sent] : [...(sentByChat.get(chatId) ?? [])]),
    answers: () => [...answers],
    files: () => [...files],
    actions: (chatId) => actions.filter((action) => chatId === undefined || action.chatId === chatId),
    subscriptions: () => subscriptions.map((subscription) => ({ ...subscription })),
    calls: (name) => callCounts.get(name) ?? 0,
    refusals: () => Object.fromEntries(refusals),
    async pushUpdate(update) {
      const subscription = subscriptions[0];
      if (subscription) {
        if (subscription.updateTypes.length > 0 && !subscription.updateTypes.includes(String(update.update_type))) return undefined;
        return postToWebhook(update, subscription.secret);
      }
      updates.push(update);
      for (const wake of [...waiters]) wake();
      return undefined;
    },
    postToWebhook,
    failNext(name, status, code, after = 0) {
      faults.set(name, [...(faults.get(name) ?? []), { status, code, after }]);
    },
    rateLimit(perSecond) {
      sendsPerSecond = perSecond;
    },
    block: (chatId) => void blocked.add(chatId),
    unblock: (chatId) => void blocked.delete(chatId),
    attachmentNotReady(times) {
      notReadyLeft = times;
    },
    committed: () => committedUpTo,
    hostFile(bytes, fileOptions = {}) {
      const path = `/files/${randomBytes(9).toString("base64url")}`;
      hosted.set(path, { bytes, chunked: fileOptions.chunked ?? false });
      return `${origin}${path}`;
    },
    fetched: (url) => fetchCounts.get(url) ?? 0,
    async stop() {
      for (const wake of [...waiters]) wake();
      webhookAgents.http.destroy();
      webhookAgents.https.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return double;
}

/** PNG or JPEG, by the first bytes: what MAX's upload server would take as a picture. */
function isPicture(bytes: Buffer): boolean {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((byte, index) => bytes[index] === byte);
  return png || (bytes[0] === 0xff && bytes[1] === 0xd8);
}

function reply(response: http.ServerResponse, status: number, body: unknown): void {
  if (response.destroyed) return;
  response.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(body));
}

type MessageMatch = string | RegExp | ((message: SentMessage) => boolean);

/**
 * A MAX user in a dialog with the bot. Each action becomes the update MAX would produce, delivered
 * through whichever way the bot receives (long poll or webhook); answers are read from the double.
 */
export class MaxTestUser {
  readonly userId: number;
  readonly chatId: number;
  readonly firstName: string;
  private readonly locale: string | undefined;
  private readonly read = new ReadMarks();
  private lastUpdate: Record<string, unknown> | undefined;
  private sequence = 0;

  constructor(
    private readonly double: MaxApiDouble,
    dialog: Dialog,
    private readonly env: { clock: () => number; registerCallback: (callbackId: string) => void },
  ) {
    this.userId = dialog.userId;
    this.chatId = dialog.chatId;
    this.firstName = dialog.firstName;
    this.locale = dialog.locale;
  }

  /** The update delivered last, as MAX sent it. */
  lastDelivered(): Record<string, unknown> {
    if (!this.lastUpdate) throw new Error("Nothing was delivered yet");
    return this.lastUpdate;
  }

  /** A message_created update with this text (not delivered: for tests that post it themselves). */
  textUpdate(text: string): Record<string, unknown> {
    return this.messageCreated({ text });
  }

  send(text: string): Promise<void> {
    return this.deliver(this.textUpdate(text));
  }

  /** Opens the dialog through https://max.ru/<bot>?start=<payload>: MAX sends bot_started with the payload. */
  open(payload: string): Promise<void> {
    return this.deliver(this.startUpdate(payload));
  }

  /** The bot_started update `open` delivers (not delivered: for callers that post it themselves). */
  startUpdate(payload: string): Record<string, unknown> {
    // Longer payloads are dropped by MAX (the schema's deep-linking section).
    const update = this.envelope("bot_started", { chat_id: this.chatId, user: this.profile(), user_id: this.userId });
    if (payload !== "" && payload.length <= 128) update.payload = payload;
    return update;
  }

  sendSticker(): Promise<void> {
    const sticker = { type: "sticker", payload: { url: "https://i.oneme.ru/sticker.webp", code: "c0ffee" }, width: 128, height: 128 };
    return this.deliver(this.messageCreated({ text: "", attachments: [sticker] }));
  }

  /** Sends a picture: an `image` attachment whose payload names its URL on MAX's servers, with the text as its caption. */
  sendImage(bytes: Buffer, caption = "", options: { chunked?: boolean } = {}): Promise<void> {
    const image = {
      type: "image",
      payload: {
        photo_id: Number.parseInt(randomBytes(4).toString("hex"), 16),
        token: randomBytes(12).toString("base64url"),
        url: this.double.hostFile(bytes, options),
      },
    };
    return this.deliver(this.messageCreated({ text: caption, attachments: [image] }));
  }

  /** Sends a file: a `file` attachment with its URL, name and size. */
  sendFile(filename: string, bytes: Buffer, caption = ""): Promise<void> {
    const file = {
      type: "file",
      payload: { token: randomBytes(12).toString("base64url"), url: this.double.hostFile(bytes) },
      filename,
      size: bytes.length,
    };
    return this.deliver(this.messageCreated({ text: caption, attachments: [file] }));
  }

  /** Sends a voice message (an `audio` attachment): something the bot does not read. */
  sendVoice(): Promise<void> {
    const audio = {
      type: "audio",
      payload: { token: randomBytes(12).toString("base64url"), url: this.double.hostFile(Buffer.from("OggS")) },
    };
    return this.deliver(this.messageCreated({ text: "", attachments: [audio] }));
  }

  /** Stops the bot: MAX sends bot_stopped and refuses the bot's messages to this dialog from then on. */
  stopBot(): Promise<void> {
    this.double.block(this.chatId);
    return this.deliver(this.envelope("bot_stopped", { chat_id: this.chatId, user: this.profile(), user_id: this.userId }));
  }

  /** Presses a callback button of the most recent message whose keyboard has it. */
  press(label: string | RegExp): Promise<void> {
    return this.deliver(this.pressUpdate(label));
  }

  /**
   * The message_callback update `press` delivers (not delivered: for callers that post it
   * themselves); the press is known to the double from here on, so POST /answers takes its id.
   */
  pressUpdate(label: string | RegExp): Record<string, unknown> {
    const matches = (button: MaxKeyboardButton) => (typeof label === "string" ? button.text === label : label.test(button.text));
    const withKeyboards = [...this.messages()].reverse().filter((message) => message.keyboard);
    if (withKeyboards.length === 0) throw new Error(`No message with buttons was sent to ${this.userId}`);
    const message = withKeyboards.find((candidate) => candidate.keyboard!.flat().some(matches));
    const button = message?.keyboard?.flat().find(matches);
    if (!message || !button) {
      const labels = withKeyboards[0]!.keyboard!.flat().map((b) => b.text);
      throw new Error(`No button ${String(label)} in the last keyboard: ${JSON.stringify(labels)}`);
    }
    if (button.type !== "callback") throw new Error(`A ${button.type} button cannot be pressed in a test`);
    return this.callbackUpdate(button.payload ?? "", message);
  }

  /** A press with any payload, as a modified client could send, on the last message sent to this user. */
  pressPayload(payload: string): Promise<void> {
    return this.deliver(this.callbackUpdate(payload, this.messages().at(-1)));
  }

  /** Delivers the previous update again, unchanged, as MAX does when it retries. */
  replayLast(): Promise<void> {
    if (!this.lastUpdate) throw new Error("Nothing was delivered yet");
    return this.deliver(this.lastUpdate);
  }

  /** Delivers an update (long poll or webhook); in webhook mode anything but 200 "ok" fails the test. */
  async deliver(update: Record<string, unknown>): Promise<void> {
    this.lastUpdate = update;
    const answer = await this.double.pushUpdate(update);
    if (answer && (answer.status !== 200 || answer.body !== "ok")) {
      throw new Error(`The bot answered ${answer.status} "${answer.body}" instead of "ok"`);
    }
  }

  /** The first message to this user not yet consumed by a `waitFor` that matches. */
  async waitFor(match: MessageMatch, timeoutMs = 5000): Promise<SentMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.read.take(this.messages(), (message) => ({ id: message.id, version: message.version, text: message.text }), match);
      if (found) return found;
      if (Date.now() > deadline) {
        const arrived = this.messages().map((message) => `${this.read.seen(message.id, message.version) ? "(seen) " : ""}${message.text}`);
        throw new Error(`No message matching ${String(match)} to ${this.userId}; arrived: ${JSON.stringify(arrived)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  messages(): SentMessage[] {
    return this.double.sent(this.chatId);
  }

  /** The notifications shown for this user's presses (stale buttons), oldest first. */
  toasts(): string[] {
    return this.double
      .answers()
      .filter((answer) => answer.userId === this.userId && answer.notification !== undefined)
      .map((answer) => answer.notification!);
  }

  /** The chat actions ("sending_file"…) the bot showed in this dialog, oldest first. */
  activities(): ChatAction[] {
    return this.double.actions(this.chatId);
  }

  /** Labels of the most recent keyboard sent to this user, row by row. */
  lastButtons(): string[][] {
    const message = [...this.messages()].reverse().find((candidate) => candidate.keyboard);
    return message?.keyboard?.map((row) => row.map((button) => button.text)) ?? [];
  }

  private profile(): Record<string, unknown> {
    return {
      user_id: this.userId,
      first_name: this.firstName,
      last_name: "",
      name: this.firstName,
      is_bot: false,
      last_activity_time: this.env.clock(),
    };
  }

  private envelope(type: string, fields: Record<string, unknown>): Record<string, unknown> {
    return { update_type: type, timestamp: this.env.clock(), ...fields, ...(this.locale ? { user_locale: this.locale } : {}) };
  }

  private messageCreated(body: { text: string; attachments?: unknown[] }): Record<string, unknown> {
    this.sequence += 1;
    const timestamp = this.env.clock();
    return this.envelope("message_created", {
      message: {
        sender: this.profile(),
        recipient: { chat_id: this.chatId, chat_type: "dialog", user_id: this.double.botUserId },
        timestamp,
        body: {
          mid: `mid.${randomBytes(8).toString("hex")}`,
          seq: this.sequence,
          text: body.text,
          ...(body.attachments ? { attachments: body.attachments } : {}),
        },
      },
    });
  }

  private callbackUpdate(payload: string, message: SentMessage | undefined): Record<string, unknown> {
    const callbackId = randomBytes(24).toString("base64url");
    this.env.registerCallback(callbackId);
    const timestamp = this.env.clock();
    return this.envelope("message_callback", {
      callback: { timestamp, callback_id: callbackId, payload, user: this.profile() },
      message: message
        ? {
            sender: { user_id: this.double.botUserId, first_name: "Наставник", username: this.double.botUsername, is_bot: true },
            recipient: { chat_id: this.chatId, chat_type: "dialog", user_id: this.userId },
            timestamp,
            body: { mid: message.mid, seq: message.id, text: message.text },
          }
        : null,
    });
  }
}
