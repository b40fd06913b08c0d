import { performance } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";
import { MaxError } from "@maxhub/max-bot-api";
import type { Logger } from "pino";
import type {
  ChatActivity,
  DownloadResult,
  IncomingMedia,
  MessageRef,
  MessengerPort,
  Outgoing,
  Recipient,
  SendOptions,
  SendResult,
  UpdateSink,
} from "#root/messaging/messenger.ts";
import type { HttpRequest, HttpResponse, HttpRoute } from "../../http/route.ts";
import { secretMatches } from "../../http/secret.ts";
import { unlessAborted } from "../abortable.ts";
import { downloadLimited } from "../download.ts";
import { createMaxApi, type MaxApi, type MaxChatAction, type NewMessageBody } from "./api.ts";
import { type MappedUpdate, toIncoming, UPDATE_TYPES } from "./mapping.ts";
import { type PlannedMessage, planMessages } from "./outgoing.ts";

export interface MaxAdapterOptions {
  /** The bot's token from the MAX partner platform (business.max.ru → Chat bots → Integration). */
  token: string;
  /** Another Bot API (a local double in tests); defaults to https://platform-api2.max.ru. */
  apiBaseUrl?: string;
  /** The bot's public name, for max.ru start links; asked of MAX (GET /me) at start when not given. */
  username?: string;
  /**
   * Webhook mode: at start the bot subscribes `url` (HTTPS, port 443 for the real MAX) with `secret`
   * (5–256 characters of A–Z, a–z, 0–9, _ and -), which MAX sends back in X-Max-Bot-Api-Secret.
   * Without it the adapter long-polls GET /updates.
   */
  webhook?: { url: string; secret: string };
  sink: UpdateSink;
  logger: Logger;
  /**
   * Long poll: the pauses before offering a refused update again and before polling again after a
   * failed poll (doubling from first to max), and how many updates one poll may bring into memory
   * (MAX's `limit`, default 100): the next poll, which commits them at MAX, waits until they are stored.
   */
  pollRetry?: { firstMs: number; maxMs: number; maxWaiting?: number };
  /** How long MAX may hold a long poll open, in seconds (default 30, at most 90). */
  pollTimeoutSeconds?: number;
  /**
   * A file just uploaded may not be ready to attach (`attachment.not.ready`): the first pause before
   * sending again (doubling) and how many times to try again (default 500 ms, 4 times).
   */
  attachmentRetry?: { firstMs: number; attempts: number };
  /**
   * Told of every rate limit the platform answers, with its wait (each attempt, whether the adapter
   * retries it or hands it back): the app holds the platform and slows it down on every replica.
   */
  onRateLimited?: (retryAfterMs: number) => void;
}

export interface MaxAdapter extends MessengerPort {
  /**
   * One attempt at reaching MAX: GET /me (the token and the way to MAX), then the webhook subscription
   * or long polling. Rejects when MAX cannot be reached or `signal` aborts; app.ts retries it. `lost`
   * is called when the long poll, once started, ends: MAX refused the token (401), which no retry with
   * the same token mends; the app marks MAX unreachable and starts it again (GET /me then says why).
   */
  start(signal?: AbortSignal, lost?: (reason: unknown) => void): Promise<void>;
  /** Stops polling and waits for the updates in hand to be handed to the sink. */
  stop(): Promise<void>;
  /** `POST /max/webhook` in webhook mode, none when polling. */
  routes: HttpRoute[];
  /** Known after start() or when given; empty before. */
  readonly username: string;
}

export const MAX_WEBHOOK_PATH = "/max/webhook";
const SECRET_HEADER = "x-max-bot-api-secret";
/** SubscriptionRequestBody.secret in the schema. */
const WEBHOOK_SECRET = /^[A-Za-z0-9_-]{5,256}$/;
/** Longer start payloads are dropped by MAX without a word (the schema's deep-linking section). */
export const START_PAYLOAD_LIMIT = 128;

const RATE_LIMIT_RETRIES = 3;
const RATE_LIMIT_BACKOFF_MS = 300;
/** MAX documents no Retry-After: a rate limit handed back asks for a second's pause (its limit is per second). */
const RETRY_AFTER_MS = 1_000;
const POLL_BACKOFF = { firstMs: 500, maxMs: 5_000 };
const POLL_BATCH = 100;
const POLL_TIMEOUT_SECONDS = 30;
/** The schema asks for no more than one poll in 300 ms. */
const MIN_POLL_INTERVAL_MS = 300;
const ATTACHMENT_RETRY = { firstMs: 500, attempts: 4 };
/** MAX's words (SenderAction) for what the chat shows while the bot works. */
const CHAT_ACTIONS: Record<ChatActivity, MaxChatAction> = { "uploading-document": "sending_file", "uploading-photo": "sending_photo" };

type Failure = Exclude<SendResult, { ok: true }>;

export function createMaxAdapter(options: MaxAdapterOptions): MaxAdapter {
  const { sink, webhook } = options;
  const logger = options.logger.child({ platform: "max" });
  if (webhook && !WEBHOOK_SECRET.test(webhook.secret)) {
    throw new Error("The MAX webhook secret must be 5–256 characters of A–Z, a–z, 0–9, _ and -");
  }
  const api: MaxApi = createMaxApi(options.token, options.apiBaseUrl);
  const backoff = { ...POLL_BACKOFF, ...options.pollRetry };
  const batchSize = options.pollRetry?.maxWaiting ?? POLL_BATCH;
  const attachmentRetry = options.attachmentRetry ?? ATTACHMENT_RETRY;

  let username = options.username ?? "";
  let stopped = false;
  let stopping = new AbortController();
  let polling: Promise<void> | undefined;
  const inFlight = new Set<Promise<unknown>>();

  function track<T>(work: Promise<T>): Promise<T> {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => {});
    return work;
  }

  /** Ends the spinner of a pressed button; a failure costs the user nothing more than the spinner. */
  function answerPress(callbackId: string): void {
    void track(
      api.answerCallback(callbackId).catch((error: unknown) => logger.warn({ err: error, callbackId }, "max callback not answered")),
    );
  }

  /** Hands a mapped update to the sink, then answers its press; rejects when the sink did not take it. */
  async function deliver(mapped: MappedUpdate): Promise<void> {
    if (mapped.kind === "ignored") {
      logger.debug({ reason: mapped.reason }, "max update ignored");
      if (mapped.callbackId) answerPress(mapped.callbackId);
      return;
    }
    // A press is answered by the runtime once handled, with a toast when its button is stale.
    const outcome = await sink.accept(mapped.incoming);
    logger.debug({ updateKey: mapped.incoming.updateKey, outcome }, "max update accepted");
  }

  /**
   * Long poll has no redelivery while the bot runs: an update the sink could not take (the database
   * away) is offered again until it is taken or the adapter stops.
   */
  async function offerUntilTaken(update: unknown): Promise<void> {
    const mapped = toIncoming(update, username);
    const updateKey = mapped.kind === "incoming" ? mapped.incoming.updateKey : undefined;
    let pause = backoff.firstMs;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await deliver(mapped);
        if (attempt > 1) logger.info({ updateKey, attempts: attempt }, "max update accepted after a wait");
        return;
      } catch (error) {
        if (stopped) {
          // Not committed at MAX (the next poll would have committed it): MAX hands it over again after a restart.
          logger.warn({ err: error, updateKey }, "max update not stored before stopping: left with MAX for the next start");
          return;
        }
        if (attempt === 1) logger.warn({ err: error, updateKey }, "max update waits: not accepted yet");
        if (!(await pauseUnlessStopped(pause))) continue;
        pause = Math.min(pause * 2, backoff.maxMs);
      }
    }
  }

  /** False when stop() cut the pause short. */
  async function pauseUnlessStopped(ms: number): Promise<boolean> {
    try {
      await delay(ms, undefined, { signal: stopping.signal });
      return true;
    } catch {
      return false;
    }
  }

  /**
   * GET /updates with the marker of the last batch, which commits that batch at MAX: the next poll is
   * made only once every update of the batch is stored, so a batch in hand when the process dies is
   * delivered again (updates after the last commitment) when it starts next.
   */
  async function poll(lost: ((reason: unknown) => void) | undefined): Promise<void> {
    let marker: number | undefined;
    let pause = backoff.firstMs;
    const timeout = options.pollTimeoutSeconds ?? POLL_TIMEOUT_SECONDS;
    while (!stopped) {
      const askedAt = performance.now();
      let batch: { updates: unknown[]; marker?: number };
      try {
        batch = await api.updates({ marker, timeout, limit: batchSize, types: UPDATE_TYPES }, stopping.signal);
        pause = backoff.firstMs;
      } catch (error) {
        if (stopped) return;
        if (lost && isTokenRefused(error)) {
          lost(error);
          return;
        }
        logger.error({ err: error, retryInMs: pause }, "max long poll failed");
        await pauseUnlessStopped(pause);
        pause = Math.min(pause * 2, backoff.maxMs);
        continue;
      }
      for (const update of batch.updates) await offerUntilTaken(update);
      if (batch.marker !== undefined) marker = batch.marker;
      const early = MIN_POLL_INTERVAL_MS - (performance.now() - askedAt);
      if (batch.updates.length === 0 && early > 0) await pauseUnlessStopped(early);
    }
  }

  async function handleWebhook(secret: string, request: HttpRequest): Promise<HttpResponse> {
    // The server's authorize hook has refused a wrong secret before the body was read; checked again
    // here so that the route is safe wherever it is mounted.
    if (!secretMatches(request.headers[SECRET_HEADER], secret)) return plain(401, "unauthorized");
    // MAX retries what was not answered with 200: better than accepting into a runtime that is closing.
    if (stopped) return plain(503, "stopping");
    let update: unknown;
    try {
      update = JSON.parse(request.body.toString("utf8"));
    } catch {
      return plain(400, "bad json");
    }
    if (typeof update !== "object" || update === null || Array.isArray(update)) return plain(400, "not an update");
    const mapped = toIncoming(update, username);
    try {
      await track(deliver(mapped));
      return plain(200, "ok");
    } catch (error) {
      const updateKey = mapped.kind === "incoming" ? mapped.incoming.updateKey : undefined;
      logger.error({ err: error, updateKey }, "max update not accepted, MAX will deliver it again");
      return plain(500, "retry later");
    }
  }

  /**
   * Sends one MAX message. `rateLimitRetries` rate-limited attempts are waited out in place; a file
   * not yet processed by MAX is waited for as `attachmentRetry` says.
   */
  async function sendPart(chatId: number, body: NewMessageBody, rateLimitRetries: number): Promise<SendResult> {
    let rateLimited = 0;
    let notReady = 0;
    for (;;) {
      try {
        const mid = await api.sendMessage(chatId, body);
        return { ok: true, sent: mid === undefined ? [] : [mid] };
      } catch (error) {
        if (isRateLimit(error)) options.onRateLimited?.(RETRY_AFTER_MS);
        if (isNotReady(error) && notReady < attachmentRetry.attempts) {
          await delay(attachmentRetry.firstMs * 2 ** notReady);
          notReady += 1;
          continue;
        }
        if (isRateLimit(error) && rateLimited < rateLimitRetries) {
          await delay(RATE_LIMIT_BACKOFF_MS * 2 ** rateLimited);
          rateLimited += 1;
          continue;
        }
        return failure(error);
      }
    }
  }

  /** Uploads the message's image or document, waiting out `rateLimitRetries` rate limits: the token to attach. */
  async function uploadWithRetries(message: Outgoing, what: "image" | "document", rateLimitRetries: number): Promise<string | Failure> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return what === "image" ? await api.uploadImage(message.image!) : await api.uploadFile(message.document!);
      } catch (error) {
        if (isRateLimit(error)) options.onRateLimited?.(RETRY_AFTER_MS);
        if (isRateLimit(error) && attempt < rateLimitRetries) {
          await delay(RATE_LIMIT_BACKOFF_MS * 2 ** attempt);
          continue;
        }
        const result = failure(error);
        return result.reason === "failed" ? { ...result, error: `${what} upload: ${result.error}` } : result;
      }
    }
  }

  function bodyOf(part: PlannedMessage, tokens: { image?: string; document?: string }): NewMessageBody {
    const attachments = [
      ...(part.image && tokens.image ? [{ type: "image" as const, payload: { token: tokens.image } }] : []),
      ...(part.keyboard ? [part.keyboard] : []),
      ...(part.document && tokens.document ? [{ type: "file" as const, payload: { token: tokens.document } }] : []),
    ];
    return { ...(part.text ? { text: part.text } : {}), ...(attachments.length > 0 ? { attachments } : {}) };
  }

  async function send(to: Recipient, message: Outgoing, sendOptions: SendOptions = {}): Promise<SendResult> {
    // MAX does not de-duplicate sends, so the idempotency key has no use here.
    const chatId = Number(to.chatId);
    if (!/^-?\d+$/.test(to.chatId) || !Number.isSafeInteger(chatId)) {
      return logged(to.chatId, { ok: false, reason: "failed", error: `not a MAX chat id: ${to.chatId}` });
    }
    // Planning throws on programming errors (an oversized payload) before anything is sent.
    const parts = planMessages(message);
    // The outbox keeps the message and sends it again later: a rate limit before anything went out is
    // handed back at once. Once a message has begun, the rest waits a rate limit out in place, since
    // sending it again from its start would repeat what went.
    const firstRetries = sendOptions.queued ? 0 : RATE_LIMIT_RETRIES;
    // Files are uploaded before any part goes, so a failed upload sends nothing and a retry repeats nothing.
    const tokens: { image?: string; document?: string } = {};
    for (const what of ["image", "document"] as const) {
      if (!message[what]) continue;
      const uploaded = await uploadWithRetries(message, what, firstRetries);
      if (typeof uploaded !== "string") return logged(to.chatId, uploaded);
      tokens[what] = uploaded;
    }
    const sent: MessageRef[] = [];
    for (const [index, part] of parts.entries()) {
      const result = await sendPart(chatId, bodyOf(part, tokens), index === 0 ? firstRetries : RATE_LIMIT_RETRIES);
      if (!result.ok) return logged(to.chatId, result);
      sent.push(...(result.sent ?? []));
    }
    return { ok: true, sent };
  }

  async function edit(to: Recipient, messageRef: MessageRef, replacement: Outgoing): Promise<SendResult> {
    if (replacement.document || replacement.image) return { ok: false, reason: "failed", error: "not editable" };
    const parts = planMessages(replacement);
    if (parts.length !== 1) return { ok: false, reason: "failed", error: "needs more than one MAX message" };
    try {
      // attachments: [] takes the keyboard away when the replacement has none.
      await api.editMessage(messageRef, { text: parts[0]!.text, attachments: parts[0]!.keyboard ? [parts[0]!.keyboard] : [] });
      return { ok: true, sent: [messageRef] };
    } catch (error) {
      logger.debug({ err: error, chatId: to.chatId, messageRef }, "max edit refused");
      return failure(error);
    }
  }

  async function removeButtons(to: Recipient, messages: MessageRef[]): Promise<void> {
    for (const messageRef of messages) {
      try {
        // The text is left out, so it stays; the message's attachments (its keyboard) go.
        await api.editMessage(messageRef, { attachments: [] });
      } catch (error) {
        logger.debug({ err: error, chatId: to.chatId, messageRef }, "max buttons not removed");
      }
    }
  }

  async function answerPressWith(answerId: string, toast?: string): Promise<void> {
    try {
      await api.answerCallback(answerId, toast);
    } catch (error) {
      logger.warn({ err: error, callbackId: answerId }, "max callback not answered");
    }
  }

  async function showActivity(to: Recipient, activity: ChatActivity): Promise<void> {
    try {
      await api.sendAction(Number(to.chatId), CHAT_ACTIONS[activity]);
    } catch (error) {
      logger.warn({ err: error, chatId: to.chatId, activity }, "max chat action not shown");
    }
  }

  function logged(chatId: string, result: Failure): Failure {
    if (result.reason === "blocked") logger.info({ chatId }, "max user unreachable: blocked or stopped the bot");
    else logger.warn({ chatId, error: result.error, retryAfterMs: result.retryAfterMs }, "max send failed");
    return result;
  }

  async function subscribe(hook: NonNullable<MaxAdapterOptions["webhook"]>): Promise<void> {
    if (!hook.url.startsWith("https://")) logger.warn({ url: hook.url }, "MAX delivers webhooks only to HTTPS URLs on port 443");
    await api.subscribe(hook.url, hook.secret, UPDATE_TYPES);
    // One bot, one receiving end: a subscription left from an earlier URL would split the updates.
    for (const url of await api.subscriptions()) {
      if (url !== hook.url) await api.unsubscribe(url);
    }
    logger.info({ username, url: hook.url }, "max webhook subscribed");
  }

  /**
   * Long polling receives nothing while a webhook subscription exists (MAX allows one way at a time).
   * The list is what proves the token and the way to MAX at start (the bot's name is usually configured,
   * so GET /me is not asked): when it cannot be read, the start attempt fails and is tried again, instead
   * of a poll loop retrying out of sight.
   */
  async function removeSubscriptions(): Promise<void> {
    for (const url of await api.subscriptions()) {
      try {
        await api.unsubscribe(url);
        logger.warn({ url }, "max webhook subscription removed for long polling");
      } catch (error) {
        logger.warn({ err: error, url }, "max webhook subscription could not be removed: polling may receive nothing");
      }
    }
  }

  /** MAX serves an attachment by its payload's URL: fetched without the token, refused by the size told or counted. */
  async function download(media: IncomingMedia, maxBytes: number): Promise<DownloadResult> {
    if (media.size !== undefined && media.size > maxBytes) return { ok: false, reason: "too-large" };
    const result = await downloadLimited(media.ref, maxBytes);
    if (!result.ok && result.reason === "failed") logger.warn({ error: result.error, type: media.type }, "max file download failed");
    return result;
  }

  return {
    platform: "max",
    send,
    download,
    edit,
    removeButtons,
    answerPress: (_to: Recipient, answerId: string, toast?: string) => answerPressWith(answerId, toast),
    showActivity,
    routes: webhook
      ? [
          {
            method: "POST",
            path: MAX_WEBHOOK_PATH,
            authorize: (headers) => secretMatches(headers[SECRET_HEADER], webhook.secret),
            handle: (request) => handleWebhook(webhook.secret, request),
          },
        ]
      : [],

    get username() {
      return username;
    },

    async start(signal?: AbortSignal, lost?: (reason: unknown) => void) {
      stopped = false;
      stopping = new AbortController();
      if (!username) {
        const me = await unlessAborted(api.me(), signal);
        if (!me.username) throw new Error("MAX did not tell the bot's username (GET /me): set it in the configuration");
        username = me.username;
      }
      if (webhook) {
        await unlessAborted(subscribe(webhook), signal);
        return;
      }
      await unlessAborted(removeSubscriptions(), signal);
      polling = poll(lost).catch((error: unknown) => {
        if (stopped) return;
        // Whoever hears of the loss logs it once, with the platform's state around it.
        if (lost) lost(error);
        else logger.error({ err: error }, "max long poll stopped on an error");
      });
      logger.info({ username }, "max long polling started");
    },

    async stop() {
      stopped = true;
      stopping.abort();
      await polling;
      polling = undefined;
      await Promise.allSettled([...inFlight]);
    },

    startLink(payload: string) {
      if (!username) throw new Error("The MAX bot's username is not known before start()");
      if (payload.length > START_PAYLOAD_LIMIT) {
        throw new Error(`A MAX start payload takes at most ${START_PAYLOAD_LIMIT} characters: ${payload}`);
      }
      return `https://max.ru/${username}?start=${encodeURIComponent(payload)}`;
    },
  };
}

function isRateLimit(error: unknown): boolean {
  return error instanceof MaxError && error.status === 429;
}

function isTokenRefused(error: unknown): boolean {
  return error instanceof MaxError && error.status === 401;
}

function isNotReady(error: unknown): boolean {
  return error instanceof MaxError && error.code === "attachment.not.ready";
}

/**
 * 403 is MAX's answer when the user stopped (suspended) the bot or the bot has no access to the
 * dialog; a code naming a blocked, denied or suspended chat, or a chat or dialog that is gone, says
 * the same whatever the status. Both mean: unreachable until the user writes again.
 */
function isUnreachable(error: MaxError): boolean {
  const code = typeof error.code === "string" ? error.code : "";
  if (error.status === 403 || /blocked|denied|suspended/i.test(code)) return true;
  return error.status === 404 && /chat|dialog/i.test(code);
}

function failure(error: unknown): Failure {
  if (error instanceof MaxError) {
    if (isUnreachable(error)) return { ok: false, reason: "blocked" };
    return {
      ok: false,
      reason: "failed",
      error: `MAX API error ${error.status} ${error.code ?? ""}: ${error.description ?? error.message}`.trim(),
      ...(error.status === 429 ? { retryAfterMs: RETRY_AFTER_MS } : {}),
    };
  }
  return { ok: false, reason: "failed", error: error instanceof Error ? error.message : String(error) };
}

function plain(status: number, body: string): HttpResponse {
  return { status, body, headers: { "content-type": "text/plain; charset=utf-8" } };
}
