import { setTimeout as sleep } from "node:timers/promises";
import { autoRetry } from "@grammyjs/auto-retry";
import { Api, Bot, BotError, type Context, GrammyError, HttpError, InputFile, type Transformer } from "grammy";
import type { InlineKeyboardMarkup, LanguageCode, Update, UserFromGetMe } from "grammy/types";
import type { Logger } from "pino";
import type {
  ChatActivity,
  DownloadResult,
  Incoming,
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
import { downloadLimited } from "../download.ts";
import { toIncoming } from "./mapping.ts";
import { CAPTION_LIMIT, inlineKeyboard, splitText, TEXT_LIMIT } from "./rendering.ts";

export interface TelegramAdapterOptions {
  token: string;
  /** Another Bot API server (a local one, or the test emulator). Defaults to api.telegram.org. */
  apiRoot?: string;
  /** The bot's username when known without asking Telegram. */
  username?: string;
  /** Webhook mode; without it the adapter long-polls. */
  webhook?: { url: string; secret: string };
  sink: UpdateSink;
  logger: Logger;
  /** Skips getMe at start. */
  botInfo?: UserFromGetMe;
  /** The "/" menu set at start: one without a language code (the default), others per client language. */
  commandMenus?: CommandMenu[];
  /**
   * What the bot's profile says (the description on the empty chat before /start, the short one on
   * its profile and in shared links), set at start like the command menus: one without a language code
   * (the default), others per client language.
   */
  descriptions?: BotDescription[];
  /**
   * Told of every rate limit the platform answers, with its wait (each attempt, whether the adapter
   * retries it or hands it back): the app holds the platform and slows it down on every replica.
   */
  onRateLimited?: (retryAfterMs: number) => void;
}

export interface BotDescription {
  languageCode?: LanguageCode;
  /** Telegram takes at most 512 characters. */
  description: string;
  /** Telegram takes at most 120 characters. */
  shortDescription: string;
}

export interface CommandMenu {
  languageCode?: LanguageCode;
  commands: Array<{ command: string; description: string }>;
}

export interface TelegramAdapter extends MessengerPort {
  /**
   * One attempt at reaching Telegram: getMe, the menus and profile texts, then the webhook or long
   * polling. Rejects when Telegram cannot be reached or `signal` aborts; app.ts retries it. `lost` is
   * called when the long polling, once started, ends on an error (grammY gives up on a 401 or on a 409,
   * another process polling with the token): the app marks Telegram unreachable and starts it again.
   */
  start(signal?: AbortSignal, lost?: (reason: unknown) => void): Promise<void>;
  /** Stops polling and waits for updates being handed to the sink. */
  stop(): Promise<void>;
  /** `POST /telegram/webhook` in webhook mode, none when polling. */
  routes: HttpRoute[];
  /** Known after start() or when given; empty before. */
  readonly username: string;
}

export const WEBHOOK_PATH = "/telegram/webhook";
const SECRET_HEADER = "x-telegram-bot-api-secret-token";
const ALLOWED_UPDATES = ["message", "callback_query"] as const;

/** Longer waits are handed back to the outbox as `retryAfterMs` instead of blocking a sender. */
const MAX_RETRY_DELAY_SECONDS = 30;
const MAX_RETRY_ATTEMPTS = 3;
const NETWORK_RETRY_DELAYS_MS = [500, 2000];
const ACCEPT_RETRY_MAX_DELAY_MS = 15_000;
const REQUEST_TIMEOUT_SECONDS = 60;
/** Telegram shows at most 200 characters of a callback answer. */
const TOAST_LIMIT = 200;
/** Telegram's words for what the chat shows; they last about five seconds or until the next message. */
const CHAT_ACTIONS = { "uploading-document": "upload_document", "uploading-photo": "upload_photo" } as const;
const DEFAULT_API_ROOT = "https://api.telegram.org";

export function createTelegramAdapter(options: TelegramAdapterOptions): TelegramAdapter {
  const { sink, logger, webhook } = options;
  const client = {
    ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}),
    timeoutSeconds: REQUEST_TIMEOUT_SECONDS,
  };
  const bot = new Bot(options.token, { ...(options.botInfo ? { botInfo: options.botInfo } : {}), client });
  // Innermost, so that it sees each attempt's 429, also those auto-retry waits out.
  const noticeRateLimits: Transformer = async (previous, method, payload, signal) => {
    const result = await previous(method, payload, signal);
    if (!result.ok && result.error_code === 429) options.onRateLimited?.((result.parameters?.retry_after ?? 1) * 1_000);
    return result;
  };
  bot.api.config.use(noticeRateLimits);
  // Transformers run outermost-last: network faults are retried a bounded number of times below
  // auto-retry, whose own HttpError retry never gives up.
  bot.api.config.use(retryNetworkFaults);
  bot.api.config.use(
    autoRetry({
      maxDelaySeconds: MAX_RETRY_DELAY_SECONDS,
      maxRetryAttempts: MAX_RETRY_ATTEMPTS,
      rethrowHttpErrors: true,
    }),
  );
  // The outbox's first part goes without auto-retry: a 429 comes back to the outbox, which holds
  // the platform in the shared slot book and sends others' messages meanwhile, instead of a sender
  // sleeping out the retry_after.
  const queuedApi = new Api(options.token, client);
  queuedApi.config.use(noticeRateLimits);
  queuedApi.config.use(retryNetworkFaults);

  let username = options.username ?? options.botInfo?.username ?? "";
  let polling: Promise<void> | undefined;
  const stopping = new AbortController();
  const inFlight = new Set<Promise<unknown>>();

  const logUpdateError = (error: unknown, ctx: Context) =>
    logger.error({ err: error, updateId: ctx.update.update_id, chatId: ctx.chat?.id }, "telegram update failed");

  bot.catch((error: BotError) => logUpdateError(error.error, error.ctx));

  bot.use(async (ctx) => {
    const incoming = toIncoming(ctx.update, ctx.me.username);
    if (!incoming) {
      // A press the bot does not act on still ends its spinner; the runtime answers the others,
      // with a toast when the button is stale.
      if (ctx.callbackQuery) void answerPress(ctx.callbackQuery.id);
      return;
    }
    await (webhook ? sink.accept(incoming) : acceptWhilePolling(incoming));
  });

  async function answerPress(answerId: string, toast?: string): Promise<void> {
    try {
      await bot.api.answerCallbackQuery(answerId, toast ? { text: toast.slice(0, TOAST_LIMIT) } : {});
    } catch (error) {
      // Too late (the query expired while the update waited) or answered before: only the spinner is lost.
      logger.debug({ err: error, answerId }, "answerCallbackQuery failed");
    }
  }

  /**
   * grammY's polling loop moves past an update whose handler failed, so the update would be lost:
   * keep offering it to the sink until it is stored (the loop waits meanwhile) or the bot stops.
   */
  async function acceptWhilePolling(incoming: Incoming): Promise<void> {
    for (let delayMs = 500; ; delayMs = Math.min(delayMs * 2, ACCEPT_RETRY_MAX_DELAY_MS)) {
      try {
        await sink.accept(incoming);
        return;
      } catch (error) {
        if (stopping.signal.aborted) throw error;
        logger.error({ err: error, updateKey: incoming.updateKey, retryInMs: delayMs }, "storing an update failed");
        await sleep(delayMs, undefined, { signal: stopping.signal }).catch(() => {
          throw error;
        });
      }
    }
  }

  async function setCommandMenus(signal: AbortSignal | undefined): Promise<void> {
    for (const menu of options.commandMenus ?? []) {
      signal?.throwIfAborted();
      try {
        await bot.api.setMyCommands(menu.commands, menu.languageCode ? { language_code: menu.languageCode } : {}, grammySignal(signal));
      } catch (error) {
        logger.warn({ err: error, languageCode: menu.languageCode ?? "default" }, "setMyCommands failed");
      }
    }
  }

  /** Sets the profile texts; a refusal is logged and never stops the bot (the texts are a courtesy). */
  async function setDescriptions(signal: AbortSignal | undefined): Promise<void> {
    for (const entry of options.descriptions ?? []) {
      signal?.throwIfAborted();
      const language = entry.languageCode ? { language_code: entry.languageCode } : {};
      try {
        await bot.api.setMyDescription(entry.description, language, grammySignal(signal));
      } catch (error) {
        logger.warn({ err: error, languageCode: entry.languageCode ?? "default" }, "setMyDescription failed");
      }
      try {
        await bot.api.setMyShortDescription(entry.shortDescription, language, grammySignal(signal));
      } catch (error) {
        logger.warn({ err: error, languageCode: entry.languageCode ?? "default" }, "setMyShortDescription failed");
      }
    }
  }

  async function handleWebhook(request: HttpRequest): Promise<HttpResponse> {
    let update: Update;
    try {
      update = JSON.parse(request.body.toString("utf8")) as Update;
    } catch {
      return { status: 400, body: "bad json" };
    }
    if (typeof update !== "object" || update === null || typeof update.update_id !== "number") {
      return { status: 400, body: "not an update" };
    }
    const handling = bot.handleUpdate(update);
    inFlight.add(handling);
    try {
      await handling;
      return { status: 200, body: "ok" };
    } catch (error) {
      if (error instanceof BotError) logUpdateError(error.error, error.ctx);
      else logger.error({ err: error, updateId: update.update_id }, "telegram update failed");
      // Telegram re-sends the update after a non-2xx answer: nothing is lost.
      return { status: 500, body: "retry later" };
    } finally {
      inFlight.delete(handling);
    }
  }

  /**
   * `firstPartApi` sends the first part; the rest always waits out a rate limit in place, since a
   * message already begun must not be sent again from its start.
   */
  async function sendParts(chatId: string, message: Outgoing, firstPartApi: Api): Promise<MessageRef[]> {
    const sent: MessageRef[] = [];
    const keyboard = message.buttons?.length ? inlineKeyboard(message.buttons) : undefined;
    const markup = (last: boolean): { reply_markup?: InlineKeyboardMarkup } => (last && keyboard ? { reply_markup: keyboard } : {});

    // A picture goes as a photo (shown in the chat), a document as a file; the text is the caption of
    // the first of them when it fits, and the keyboard rides on the last part.
    const attachments = [
      ...(message.image ? [{ method: "sendPhoto" as const, file: new InputFile(message.image.content, message.image.filename) }] : []),
      ...(message.document
        ? [{ method: "sendDocument" as const, file: new InputFile(message.document.content, message.document.filename) }]
        : []),
    ];
    const captioned = attachments.length > 0 && message.text.length <= CAPTION_LIMIT;
    const texts = captioned || message.text.length === 0 ? [] : splitText(message.text);
    if (attachments.length === 0 && texts.length === 0) throw new Error("An outgoing message needs a text, an image or a document");

    for (const [index, text] of texts.entries()) {
      const api = index === 0 ? firstPartApi : bot.api;
      const part = await api.sendMessage(chatId, text, markup(attachments.length === 0 && index === texts.length - 1));
      sent.push(String(part.message_id));
    }
    for (const [index, attachment] of attachments.entries()) {
      const api = texts.length === 0 && index === 0 ? firstPartApi : bot.api;
      const options = {
        ...(captioned && index === 0 && message.text.length > 0 ? { caption: message.text } : {}),
        ...markup(index === attachments.length - 1),
      };
      const part =
        attachment.method === "sendPhoto"
          ? await api.sendPhoto(chatId, attachment.file, options)
          : await api.sendDocument(chatId, attachment.file, options);
      sent.push(String(part.message_id));
    }
    return sent;
  }

  /** Without auto-retry: an indicator waited for behind a flood limit would come after the file it announces. */
  async function showActivity(to: Recipient, activity: ChatActivity): Promise<void> {
    try {
      await queuedApi.sendChatAction(to.chatId, CHAT_ACTIONS[activity]);
    } catch (error) {
      logger.warn({ err: error, chatId: to.chatId, activity }, "telegram chat action not shown");
    }
  }

  /**
   * getFile, then the file from `<apiRoot>/file/bot<token>/<file_path>`. Telegram lets a bot fetch files
   * of up to 20 MB (getFile refuses larger ones with "file is too big"); the limit asked for is checked
   * against the size the update and getFile tell before anything is fetched.
   */
  async function download(media: IncomingMedia, maxBytes: number): Promise<DownloadResult> {
    if (media.size !== undefined && media.size > maxBytes) return { ok: false, reason: "too-large" };
    let path: string | undefined;
    try {
      const file = await bot.api.getFile(media.ref);
      if (file.file_size !== undefined && file.file_size > maxBytes) return { ok: false, reason: "too-large" };
      path = file.file_path;
    } catch (error) {
      if (!(error instanceof GrammyError || error instanceof HttpError)) throw error;
      if (error instanceof GrammyError && /too big/i.test(error.description)) return { ok: false, reason: "too-large" };
      logger.warn({ err: error }, "telegram getFile failed");
      return { ok: false, reason: "failed", error: error.message };
    }
    if (!path) return { ok: false, reason: "failed", error: "getFile answered no file_path" };
    const result = await downloadLimited(`${options.apiRoot ?? DEFAULT_API_ROOT}/file/bot${options.token}/${path}`, maxBytes);
    if (!result.ok && result.reason === "failed") logger.warn({ error: result.error }, "telegram file download failed");
    return result;
  }

  return {
    platform: "telegram",
    showActivity,
    download,
    routes: webhook
      ? [
          {
            method: "POST",
            path: WEBHOOK_PATH,
            authorize: (headers) => secretMatches(headers[SECRET_HEADER], webhook.secret),
            handle: handleWebhook,
          },
        ]
      : [],

    get username() {
      return username;
    },

    async start(signal?: AbortSignal, lost?: (reason: unknown) => void) {
      // Not bot.init(): it retries getMe for ever and heeds no stop; one attempt here, retried by app.ts.
      if (!bot.isInited()) bot.botInfo = await bot.api.getMe(grammySignal(signal));
      username = bot.botInfo.username;
      logger.info({ username }, "telegram bot identified");
      await setCommandMenus(signal);
      await setDescriptions(signal);
      // The courtesies above only log their failures: an attempt cut short must not go on to poll.
      signal?.throwIfAborted();
      if (webhook) {
        await bot.api.setWebhook(
          webhook.url,
          {
            secret_token: webhook.secret,
            allowed_updates: [...ALLOWED_UPDATES],
          },
          grammySignal(signal),
        );
        logger.info({ username, url: webhook.url }, "telegram webhook set");
        return;
      }
      polling = bot.start({ drop_pending_updates: false, allowed_updates: [...ALLOWED_UPDATES] }).catch((error: unknown) => {
        if (stopping.signal.aborted) return;
        // Whoever hears of the loss logs it once, with the platform's state around it.
        if (lost) lost(error);
        else logger.error({ err: error }, "telegram polling stopped on an error");
      });
      logger.info({ username }, "telegram long polling started");
    },

    async stop() {
      stopping.abort();
      if (bot.isRunning()) await bot.stop();
      await polling;
      await Promise.allSettled(inFlight);
    },

    async send(to: Recipient, message: Outgoing, sendOptions: SendOptions = {}): Promise<SendResult> {
      // Telegram does not de-duplicate sends, so the idempotency key has no use here.
      try {
        return { ok: true, sent: await sendParts(to.chatId, message, sendOptions.queued ? queuedApi : bot.api) };
      } catch (error) {
        if (!(error instanceof GrammyError || error instanceof HttpError)) throw error;
        const result = sendFailure(error);
        logger.warn({ err: error, chatId: to.chatId, reason: result.reason }, "telegram send failed");
        return result;
      }
    },

    async edit(to: Recipient, messageRef: MessageRef, replacement: Outgoing): Promise<SendResult> {
      if (replacement.document || replacement.image || replacement.text.length === 0 || replacement.text.length > TEXT_LIMIT) {
        return { ok: false, reason: "failed", error: "not editable into one text message" };
      }
      const keyboard = replacement.buttons?.length ? inlineKeyboard(replacement.buttons) : undefined;
      try {
        await bot.api.editMessageText(to.chatId, Number(messageRef), replacement.text, keyboard ? { reply_markup: keyboard } : {});
        return { ok: true, sent: [messageRef] };
      } catch (error) {
        if (!(error instanceof GrammyError || error instanceof HttpError)) throw error;
        // "message is not modified" too: the same answer again (a refusal repeated) would change nothing
        // on screen, so it comes as a new message, and the person sees the bot did answer.
        logger.debug({ err: error, chatId: to.chatId, messageRef }, "telegram edit refused");
        return sendFailure(error);
      }
    },

    async removeButtons(to: Recipient, messages: MessageRef[]): Promise<void> {
      for (const messageRef of messages) {
        try {
          await bot.api.editMessageReplyMarkup(to.chatId, Number(messageRef), {});
        } catch (error) {
          // Gone, too old, or without buttons already: nothing left to press there either way.
          logger.debug({ err: error, chatId: to.chatId, messageRef }, "telegram buttons not removed");
        }
      }
    },

    answerPress: (_to: Recipient, answerId: string, toast?: string) => answerPress(answerId, toast),

    startLink(payload: string) {
      if (!username) throw new Error("The bot's username is not known before start()");
      return `https://t.me/${username}?start=${encodeURIComponent(payload)}`;
    },
  };
}

function sendFailure(error: GrammyError | HttpError): Exclude<SendResult, { ok: true }> {
  if (error instanceof HttpError) return { ok: false, reason: "failed", error: error.message };
  if (error.error_code === 403 || /chat not found/i.test(error.description)) {
    return { ok: false, reason: "blocked" };
  }
  const retryAfter = error.parameters.retry_after;
  return {
    ok: false,
    reason: "failed",
    error: error.message,
    ...(typeof retryAfter === "number" ? { retryAfterMs: retryAfter * 1000 } : {}),
  };
}

const retryNetworkFaults: Transformer = async (previous, method, payload, signal) => {
  for (const delayMs of NETWORK_RETRY_DELAYS_MS) {
    try {
      return await previous(method, payload, signal);
    } catch (error) {
      if (!(error instanceof HttpError) || signal?.aborted) throw error;
      await pause(delayMs, signal);
    }
  }
  return previous(method, payload, signal);
};

/**
 * grammY types its signals as the abort-controller polyfill's; it only listens for "abort" on them,
 * which Node's own signal sends as well.
 */
function grammySignal(signal: AbortSignal | undefined): Parameters<Api["getMe"]>[0] {
  return signal as unknown as Parameters<Api["getMe"]>[0];
}

/** grammY hands transformers the abort-controller polyfill's signal, which node:timers rejects. */
function pause(ms: number, signal: Parameters<Transformer>[3]): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(new Error("Request aborted while waiting to retry"));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", abort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", abort);
  });
}
