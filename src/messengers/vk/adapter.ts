import http from "node:http";
import type https from "node:https";
import { setTimeout as delay } from "node:timers/promises";
import type { Logger } from "pino";
import { APIError, PollingTransport, VK } from "vk-io";
import type {
  ChatActivity,
  DownloadResult,
  IncomingMedia,
  MessageRef,
  MessengerPort,
  Outgoing,
  OutgoingDocument,
  OutgoingImage,
  Recipient,
  SendOptions,
  SendResult,
  UpdateSink,
} from "#root/messaging/messenger.ts";
import { pictureMimeType } from "#root/messaging/pictures.ts";
import type { HttpRequest, HttpResponse, HttpRoute } from "../../http/route.ts";
import { secretMatches } from "../../http/secret.ts";
import { unlessAborted } from "../abortable.ts";
import { downloadLimited } from "../download.ts";
import { toIncoming, type VkGroupUpdate } from "./mapping.ts";
import { type PlannedMessage, planMessages, REMOVED_KEYBOARD } from "./outgoing.ts";

export interface VkAdapterOptions {
  /** A community access token with the messages and docs rights. */
  token: string;
  groupId: number;
  /** The community's short name, for vk.me links. */
  screenName: string;
  /** Another VK API (a local double in tests); defaults to vk-io's `https://api.vk.ru/method`. */
  apiBaseUrl?: string;
  /** Receive updates through the Callback API (POST /vk/callback) instead of Bots Long Poll. */
  callback?: { secret: string; confirmationCode: string };
  sink: UpdateSink;
  logger: Logger;
  /**
   * Long poll: the pauses before offering an update the sink refused again (doubling from first to max),
   * and how many refused updates may wait in memory before polling holds off (default 500).
   */
  pollRetry?: { firstMs: number; maxMs: number; maxWaiting?: number };
  /**
   * Told of every rate limit the platform answers, with its wait (each attempt, whether the adapter
   * retries it or hands it back): the app holds the platform and slows it down on every replica.
   */
  onRateLimited?: (retryAfterMs: number) => void;
}

export interface VkAdapter extends MessengerPort {
  /**
   * One attempt at reaching VK: the long poll's server, or (Callback API) the community, which proves the
   * token and the way to VK. Rejects when VK cannot be reached or `signal` aborts; app.ts retries it.
   */
  start(signal?: AbortSignal): Promise<void>;
  stop(): Promise<void>;
  /** The Callback API route when `callback` is set; empty in long-poll mode. */
  routes: HttpRoute[];
}

export const VK_CALLBACK_PATH = "/vk/callback";

/** 900: the user blacklisted the community; 901: no permission to write; 902: privacy settings. */
const BLOCKED_CODES = new Set([900, 901, 902]);
/** 6: too many requests per second; 9: flood control; 29: rate limit reached. */
const RATE_LIMIT_CODES = new Set([6, 9, 29]);
const RATE_LIMIT_RETRIES = 3;
const RATE_LIMIT_BACKOFF_MS = 300;
const RETRY_AFTER_MS = 1000;
/** VK's snackbar shows at most 90 characters. */
const SNACKBAR_LIMIT = 90;

/**
 * Long poll has no redelivery: an update the sink could not take (the database away) is offered
 * again until it is taken or the adapter stops, the pause doubling up to POLLED_ACCEPT_MAX_BACKOFF_MS.
 */
const POLLED_ACCEPT_BACKOFF_MS = 500;
const POLLED_ACCEPT_MAX_BACKOFF_MS = 5_000;
/**
 * Updates held in memory while the sink refuses them: beyond this, polling waits (VK keeps the events)
 * instead of letting a long outage fill the process's memory.
 */
const POLLED_MAX_WAITING = 500;

/** Bots Long Poll that fetches no more events while `roomForMore` says the process holds too many. */
class PatientPolling extends PollingTransport {
  constructor(
    options: ConstructorParameters<typeof PollingTransport>[0],
    private readonly roomForMore: () => Promise<void>,
  ) {
    super(options);
  }

  override async fetchUpdates(): Promise<void> {
    await this.roomForMore();
    if (this.started) await super.fetchUpdates();
  }
}

export function createVkAdapter(options: VkAdapterOptions): VkAdapter {
  const { callback } = options;
  const logger = options.logger.child({ platform: "vk" });
  // vk-io defaults to https.globalAgent, which cannot speak plain http: every call would fail.
  const agent = options.apiBaseUrl?.startsWith("http://") ? (new http.Agent({ keepAlive: true }) as unknown as https.Agent) : undefined;
  const vk = new VK({
    token: options.token,
    // A community token may make 20 calls per second; vk-io assumes a user token's 3.
    apiLimit: 20,
    apiMode: "sequential",
    ...(options.apiBaseUrl ? { apiBaseUrl: options.apiBaseUrl } : {}),
    ...(agent ? { agent } : {}),
  });
  let polling: PollingTransport | undefined;
  let stopped = false;
  const maxWaiting = options.pollRetry?.maxWaiting ?? POLLED_MAX_WAITING;
  /** Polled updates not yet taken by the sink, and the poll loop's wait for room among them. */
  let waiting = 0;
  let roomMade: (() => void) | undefined;
  async function roomForMore(): Promise<void> {
    while (waiting >= maxWaiting && !stopped) {
      logger.warn({ waiting }, "vk long poll holds off: updates wait to be stored");
      await new Promise<void>((resolve) => (roomMade = resolve));
    }
  }
  function makeRoom(): void {
    const wake = roomMade;
    roomMade = undefined;
    wake?.();
  }

  /** Maps one community event and hands it to the sink; rejects when the sink did not take it. */
  async function handleUpdate(update: VkGroupUpdate): Promise<void> {
    const mapped = toIncoming(update, new Date());
    if (mapped.kind === "ignored") {
      logger.debug({ type: update.type, eventId: update.event_id, reason: mapped.reason }, "vk update ignored");
      return;
    }
    const outcome = await options.sink.accept(mapped.incoming);
    logger.debug({ updateKey: mapped.incoming.updateKey, outcome }, "vk update accepted");
  }

  /** VK shows a spinner on the button until the press is answered; a toast is a snackbar. */
  async function answerPress(to: Recipient, answerId: string, toast?: string): Promise<void> {
    const peerId = Number(to.chatId);
    try {
      await vk.api.messages.sendMessageEventAnswer({
        event_id: answerId,
        user_id: peerId,
        peer_id: peerId,
        ...(toast ? { event_data: JSON.stringify({ type: "show_snackbar", text: toast.slice(0, SNACKBAR_LIMIT) }) } : {}),
      });
    } catch (error) {
      logger.warn({ err: error, peerId }, "vk callback press not answered");
    }
  }

  /**
   * messages.edit by conversation_message_id, the id a press reports. `keepAttachments`: the
   * message's own files, which an edit would otherwise drop.
   */
  async function editMessage(
    peerId: number,
    messageRef: MessageRef,
    text: string,
    keyboard: string,
    keepAttachments?: string,
  ): Promise<void> {
    await vk.api.messages.edit({
      peer_id: peerId,
      conversation_message_id: Number(messageRef),
      message: text,
      keyboard,
      keep_forward_messages: 1,
      keep_snippets: 1,
      ...(keepAttachments ? { attachment: keepAttachments } : {}),
    } as Parameters<typeof vk.api.messages.edit>[0]);
  }

  async function edit(to: Recipient, messageRef: MessageRef, replacement: Outgoing): Promise<SendResult> {
    const peerId = Number(to.chatId);
    if (replacement.document || replacement.image || to.callbackButtons === false)
      return { ok: false, reason: "failed", error: "not editable" };
    const parts = planMessages(replacement, true);
    if (parts.length !== 1) return { ok: false, reason: "failed", error: "needs more than one VK message" };
    try {
      await editMessage(peerId, messageRef, parts[0]!.text, parts[0]!.keyboard ?? REMOVED_KEYBOARD);
      return { ok: true, sent: [messageRef] };
    } catch (error) {
      logger.debug({ err: error, peerId, messageRef }, "vk edit refused");
      return { ok: false, reason: "failed", error: describe(error) };
    }
  }

  async function removeButtons(to: Recipient, messages: MessageRef[]): Promise<void> {
    const peerId = Number(to.chatId);
    if (messages.length === 0) return;
    try {
      // messages.edit wants the text again: VK is asked for it rather than the bot keeping what it wrote.
      const found = (await vk.api.messages.getByConversationMessageId({
        peer_id: peerId,
        conversation_message_ids: messages.map(Number),
      })) as unknown as { items: Array<{ conversation_message_id: number; text: string; attachments?: VkAttachment[] }> };
      for (const item of found.items) {
        await editMessage(peerId, String(item.conversation_message_id), item.text, REMOVED_KEYBOARD, attachmentsOf(item.attachments));
      }
    } catch (error) {
      // Gone or too old to edit: nothing left to press there either way.
      logger.debug({ err: error, peerId, messages }, "vk buttons not removed");
    }
  }

  async function handlePolledUpdate(update: VkGroupUpdate): Promise<void> {
    waiting += 1;
    try {
      await offerUntilTaken(update);
    } finally {
      waiting -= 1;
      makeRoom();
    }
  }

  async function offerUntilTaken(update: VkGroupUpdate): Promise<void> {
    const { firstMs, maxMs } = options.pollRetry ?? { firstMs: POLLED_ACCEPT_BACKOFF_MS, maxMs: POLLED_ACCEPT_MAX_BACKOFF_MS };
    let pause = firstMs;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await handleUpdate(update);
        if (attempt > 1) logger.info({ type: update.type, eventId: update.event_id, attempts: attempt }, "vk update accepted after a wait");
        return;
      } catch (error) {
        if (stopped) {
          // VK will not send it again: the operator must know what was in hand at shutdown.
          logger.error({ err: error, type: update.type, eventId: update.event_id }, "vk update lost: stopped before it could be stored");
          return;
        }
        if (attempt === 1) logger.warn({ err: error, type: update.type, eventId: update.event_id }, "vk update waits: not accepted yet");
        await delay(pause);
        pause = Math.min(pause * 2, maxMs);
      }
    }
  }

  async function handleCallbackRequest(callback: NonNullable<VkAdapterOptions["callback"]>, request: HttpRequest): Promise<HttpResponse> {
    // VK retries what it could not deliver: better than accepting into a runtime that is closing.
    if (stopped) return plain(503, "stopping");
    const update = parseUpdate(request.body);
    if (!update) return plain(400, "bad request");
    if (!secretMatches(update.secret, callback.secret) || update.group_id !== options.groupId) {
      return plain(403, "forbidden");
    }
    if (update.type === "confirmation") return plain(200, callback.confirmationCode);
    try {
      await handleUpdate(update);
      return plain(200, "ok");
    } catch (error) {
      logger.error({ err: error, type: update.type, eventId: update.event_id }, "vk update not accepted, VK will retry");
      return plain(500, "not accepted");
    }
  }

  /**
   * `retries` rate-limited attempts are waited out in place; the outbox asks for none, since VK's
   * random_id makes its later retry of the whole message send each part once.
   */
  async function sendPart(peerId: number, part: PlannedMessage, attachment: string | undefined, retries: number): Promise<SendResult> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        // peer_ids (of one) rather than peer_id: VK then answers the conversation_message_id, the id
        // a press on the message reports and messages.edit takes.
        const [delivery] = (await vk.api.messages.send({
          peer_ids: [peerId],
          message: part.text,
          random_id: part.randomId,
          ...(part.keyboard ? { keyboard: part.keyboard } : {}),
          ...(attachment ? { attachment } : {}),
        } as Parameters<typeof vk.api.messages.send>[0])) as unknown as PeerDelivery[];
        if (delivery?.error)
          throw new APIError({ error_code: delivery.error.code, error_msg: delivery.error.description, request_params: [] });
        return { ok: true, sent: delivery?.conversation_message_id === undefined ? [] : [String(delivery.conversation_message_id)] };
      } catch (error) {
        const code = error instanceof APIError ? Number(error.code) : undefined;
        if (code !== undefined && BLOCKED_CODES.has(code)) return { ok: false, reason: "blocked" };
        if (code !== undefined && RATE_LIMIT_CODES.has(code)) {
          options.onRateLimited?.(RETRY_AFTER_MS);
          if (attempt < retries) {
            await delay(RATE_LIMIT_BACKOFF_MS * 2 ** attempt);
            continue;
          }
          return { ok: false, reason: "failed", error: describe(error), retryAfterMs: RETRY_AFTER_MS };
        }
        return { ok: false, reason: "failed", error: describe(error) };
      }
    }
  }

  async function uploadDocument(peerId: number, document: OutgoingDocument): Promise<string> {
    const uploaded = await vk.upload.messageDocument({
      peer_id: peerId,
      title: document.filename,
      source: {
        value: Buffer.from(document.content),
        filename: document.filename,
        contentType: document.mimeType,
      },
    });
    return uploaded.toString();
  }

  /** photos.getMessagesUploadServer, the upload, photos.saveMessagesPhoto: the `photo<owner>_<id>` to attach. */
  async function uploadPhoto(peerId: number, image: OutgoingImage): Promise<string> {
    const uploaded = await vk.upload.messagePhoto({
      peer_id: peerId,
      source: { value: Buffer.from(image.content), filename: image.filename, contentType: pictureMimeType(image.content) },
    });
    return uploaded.toString();
  }

  async function send(to: Recipient, message: Outgoing, sendOptions: SendOptions = {}): Promise<SendResult> {
    const peerId = Number(to.chatId);
    // Planning throws on programming errors (an oversized payload) before anything is sent.
    const parts = planMessages(message, to.callbackButtons !== false, sendOptions.idempotencyKey);
    // The photo and the file ride with their text: uploaded before any part goes, so a failed upload
    // sends nothing and the retry of the whole message (the outbox's) repeats nothing.
    let photo: string | undefined;
    if (message.image) {
      try {
        photo = await uploadPhoto(peerId, message.image);
      } catch (error) {
        logger.warn({ err: error, peerId, filename: message.image.filename }, "vk photo upload failed");
        return { ok: false, reason: "failed", error: `photo upload: ${describe(error)}` };
      }
    }
    let file: string | undefined;
    if (message.document) {
      try {
        file = await uploadDocument(peerId, message.document);
      } catch (error) {
        logger.warn({ err: error, peerId, filename: message.document.filename }, "vk document upload failed");
        return { ok: false, reason: "failed", error: `document upload: ${describe(error)}` };
      }
    }
    const sent: MessageRef[] = [];
    for (const part of parts) {
      const attachment = [part.image ? photo : undefined, part.document ? file : undefined].filter(Boolean).join(",") || undefined;
      const result = await sendPart(peerId, part, attachment, sendOptions.queued ? 0 : RATE_LIMIT_RETRIES);
      if (!result.ok) return result;
      sent.push(...(result.sent ?? []));
    }
    return { ok: true, sent };
  }

  /** VK lets a community show only "typing…" (messages.setActivity); it stands for any work on an answer. */
  async function showActivity(to: Recipient, activity: ChatActivity): Promise<void> {
    try {
      await vk.api.messages.setActivity({ peer_id: Number(to.chatId), type: "typing", group_id: options.groupId });
    } catch (error) {
      logger.warn({ err: error, peerId: to.chatId, activity }, "vk activity not shown");
    }
  }

  /** VK serves a photo's sizes and a document by URL (a document's carries its access hash): fetched without the token, refused by the size told or counted. */
  async function download(media: IncomingMedia, maxBytes: number): Promise<DownloadResult> {
    if (media.size !== undefined && media.size > maxBytes) return { ok: false, reason: "too-large" };
    const result = await downloadLimited(media.ref, maxBytes);
    if (!result.ok && result.reason === "failed") logger.warn({ error: result.error, type: media.type }, "vk file download failed");
    return result;
  }

  return {
    platform: "vk",
    send,
    download,
    edit,
    removeButtons,
    answerPress,
    showActivity,
    startLink: (payload) => `https://vk.me/${options.screenName}?ref=${encodeURIComponent(payload)}`,
    routes: callback ? [{ method: "POST", path: VK_CALLBACK_PATH, handle: (request) => handleCallbackRequest(callback, request) }] : [],
    async start(signal?: AbortSignal) {
      stopped = false;
      if (callback) {
        await unlessAborted(vk.api.groups.getById({ group_id: options.groupId }), signal);
        logger.info({ groupId: options.groupId }, "vk callback api ready");
        return;
      }
      // vk.updates would hand us contexts without the update's event_id (our de-duplication key)
      // and swallow handler errors; its transport delivers the raw events instead.
      const transport = new PatientPolling(
        {
          api: vk.api,
          pollingGroupId: options.groupId,
          pollingWait: 3000,
          pollingRetryLimit: 3,
          ...(agent ? { agent } : {}),
        },
        roomForMore,
      );
      transport.subscribe((update) => handlePolledUpdate(update as unknown as VkGroupUpdate));
      const starting = transport.start();
      try {
        await unlessAborted(starting, signal);
      } catch (error) {
        // vk-io's call runs on after an attempt is given up: should it start polling then, stop it,
        // so that the next attempt's poll is the only one.
        void starting.then(() => transport.stop()).catch(() => undefined);
        throw error;
      }
      polling = transport;
      logger.info({ groupId: options.groupId }, "vk long poll started");
    },
    async stop() {
      stopped = true;
      makeRoom();
      await polling?.stop();
      polling = undefined;
    },
  };
}

/** One recipient's outcome in messages.send's answer when it is given peer_ids. */
interface PeerDelivery {
  peer_id: number;
  conversation_message_id?: number;
  error?: { code: number; description: string };
}

interface VkAttachment {
  type: string;
  [kind: string]: unknown;
}

/** The `attachment` parameter that keeps a message's documents and photos through an edit. */
function attachmentsOf(attachments: VkAttachment[] | undefined): string | undefined {
  const kept = (attachments ?? []).flatMap((attachment) => {
    const media = attachment[attachment.type] as { owner_id?: number; id?: number; access_key?: string } | undefined;
    if (!media?.owner_id || !media.id) return [];
    return [`${attachment.type}${media.owner_id}_${media.id}${media.access_key ? `_${media.access_key}` : ""}`];
  });
  return kept.length > 0 ? kept.join(",") : undefined;
}

function parseUpdate(body: Buffer): VkGroupUpdate | undefined {
  try {
    const update = JSON.parse(body.toString("utf8")) as unknown;
    if (typeof update !== "object" || update === null) return undefined;
    return typeof (update as VkGroupUpdate).type === "string" ? (update as VkGroupUpdate) : undefined;
  } catch {
    return undefined;
  }
}

function plain(status: number, body: string): HttpResponse {
  return { status, body, headers: { "content-type": "text/plain; charset=utf-8" } };
}

function describe(error: unknown): string {
  if (error instanceof APIError) return `VK API error ${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
