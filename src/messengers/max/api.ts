import { Bot, MaxError } from "@maxhub/max-bot-api";
import type { AttachmentRequest } from "@maxhub/max-bot-api/types";
import type { OutgoingDocument, OutgoingImage } from "#root/messaging/messenger.ts";
import { pictureMimeType } from "#root/messaging/pictures.ts";

/**
 * MAX's Bot API host. The public schema and the official client both name `platform-api2.max.ru`
 * (dev.max.ru asks bots to move there from the older `platform-api.max.ru`).
 */
export const MAX_API_BASE_URL = "https://platform-api2.max.ru";

/** No call may hang a sender: the long poll asks MAX to answer within POLL_TIMEOUT_SECONDS, well inside this. */
const REQUEST_TIMEOUT_MS = 60_000;

/** A new message as POST /messages takes it (NewMessageBody in the schema). */
export interface NewMessageBody {
  text?: string;
  attachments?: AttachmentRequest[];
}

/** The bot as GET /me describes it. */
export interface MaxBotInfo {
  user_id: number;
  first_name?: string;
  username?: string | null;
}

/**
 * The calls the adapter makes. Most go through the official client `@maxhub/max-bot-api`, pointed at
 * `baseUrl`; its errors arrive as `MaxError` with MAX's HTTP status and error code.
 */
export interface MaxApi {
  me(): Promise<MaxBotInfo>;
  /** GET /updates: the raw updates (validated by the mapping) and the marker that commits them. */
  updates(
    query: { marker?: number; timeout: number; limit: number; types: string[] },
    signal: AbortSignal,
  ): Promise<{ updates: unknown[]; marker?: number }>;
  /** POST /messages: the new message's mid. */
  sendMessage(chatId: number, body: NewMessageBody): Promise<string | undefined>;
  /** PUT /messages: a text left out stays; attachments given replace all of the message's own (none: [] ). */
  editMessage(mid: string, body: NewMessageBody): Promise<void>;
  answerCallback(callbackId: string, notification?: string): Promise<void>;
  subscriptions(): Promise<string[]>;
  subscribe(url: string, secret: string, updateTypes: string[]): Promise<void>;
  unsubscribe(url: string): Promise<void>;
  /** POST /uploads?type=file, then the file itself to the URL it names: the token to attach. */
  uploadFile(document: OutgoingDocument): Promise<string>;
  /** POST /uploads?type=image, then the picture to the URL it names: the token to attach as an image. */
  uploadImage(image: OutgoingImage): Promise<string>;
  /** POST /chats/{chatId}/actions: what the chat shows while the bot works ("sending a file…"). */
  sendAction(chatId: number, action: MaxChatAction): Promise<void>;
}

/** The schema's SenderAction values the bot uses. */
export type MaxChatAction = "typing_on" | "sending_file" | "sending_photo";

export function createMaxApi(token: string, baseUrl: string = MAX_API_BASE_URL): MaxApi {
  // The client resolves method paths against the base URL: without a trailing slash a path prefix would be lost.
  const base = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  // Only the client's API is used (no polling, no handlers): Bot is its one public way to a client on another base URL.
  const { api } = new Bot(token, { clientOptions: { baseUrl: base, fetch: fetchWithTimeout } });

  /** A false `success` in a 200 answer is a refusal too. */
  const checked = (result: { success?: boolean; message?: string }, what: string): void => {
    if (result.success === false) throw new MaxError(400, { code: "not.successful", message: `${what}: ${result.message ?? "refused"}` });
  };

  return {
    async me() {
      return (await api.getMyInfo()) as MaxBotInfo;
    },

    async updates(query, signal) {
      const result = await api.raw.get("updates", {
        query: { marker: query.marker, timeout: query.timeout, limit: query.limit, types: query.types.join(",") },
        signal,
      });
      const marker = typeof result.marker === "number" ? result.marker : undefined;
      return { updates: Array.isArray(result.updates) ? (result.updates as unknown[]) : [], ...(marker === undefined ? {} : { marker }) };
    },

    async sendMessage(chatId, body) {
      // Not api.sendMessageToChat: it waits out `attachment.not.ready` itself for seconds on end; the
      // adapter decides how long a sender may wait, and when a rate limit goes back to the outbox.
      const sent = (await api.raw.post("messages", { query: { chat_id: chatId }, body })) as { message?: { body?: { mid?: unknown } } };
      const mid = sent?.message?.body?.mid;
      return typeof mid === "string" ? mid : undefined;
    },

    async editMessage(mid, body) {
      checked(await api.editMessage(mid, body as Parameters<typeof api.editMessage>[1]), "edit");
    },

    async answerCallback(callbackId, notification) {
      // The schema requires neither a new message nor a notification: an empty answer just ends the press.
      // The schema's `notification` (a toast) is missing from the client's types.
      const body = (notification ? { notification } : {}) as Parameters<typeof api.answerOnCallback>[1];
      checked(await api.answerOnCallback(callbackId, body), "callback answer");
    },

    async subscriptions() {
      return ((await api.getSubscriptions()) ?? []).map((subscription) => subscription.url);
    },

    async subscribe(url, secret, updateTypes) {
      checked(await api.subscribe(url, secret, updateTypes as Parameters<typeof api.subscribe>[2]), "subscription");
    },

    async unsubscribe(url) {
      checked(await api.unsubscribe(url), "unsubscription");
    },

    async uploadFile(document) {
      const uploaded = await upload("file", new Blob([document.content], { type: document.mimeType }), document.filename);
      const token = typeof uploaded.answer?.token === "string" ? uploaded.answer.token : uploaded.endpointToken;
      if (!token) throw new MaxError(502, { code: "upload.no.token", message: "the upload answered no token" });
      return token;
    },

    async uploadImage(image) {
      const uploaded = await upload("image", new Blob([image.content], { type: pictureMimeType(image.content) }), image.filename);
      // The upload server answers an image's token inside `photos` (ImageUploadResult of the official client).
      const photos = Object.values(uploaded.answer?.photos ?? {});
      const token =
        typeof uploaded.answer?.token === "string"
          ? uploaded.answer.token
          : photos.find((photo) => typeof photo?.token === "string")?.token;
      if (!token) throw new MaxError(502, { code: "upload.no.token", message: "the image upload answered no token" });
      return token;
    },

    async sendAction(chatId, action) {
      checked(await api.sendAction(chatId, action), "chat action");
    },
  };

  /**
   * POST /uploads?type=…, then the bytes to the URL it names. Not the client's upload helpers: given
   * bytes rather than a path, they name the file with a random UUID, and the recipient would get
   * "3f2c….bin" instead of "report.xlsx". The upload URL is MAX's upload server, which takes a
   * multipart form with the file in `data`.
   */
  async function upload(
    type: "file" | "image",
    content: Blob,
    filename: string,
  ): Promise<{ answer: { token?: unknown; photos?: Record<string, { token?: string } | undefined> } | undefined; endpointToken?: string }> {
    const endpoint = await api.raw.post("uploads", { query: { type } });
    const form = new FormData();
    form.append("data", content, filename);
    const response = await fetchWithTimeout(endpoint.url, { method: "POST", body: form });
    const text = await response.text();
    if (!response.ok) throw new MaxError(response.status, errorBody(text));
    return { answer: parseJson(text) as { token?: unknown } | undefined, endpointToken: endpoint.token };
  }
}

const fetchWithTimeout: typeof fetch = (input, init = {}) => {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  return fetch(input, { ...init, signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
};

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorBody(text: string): { code: string; message: string } {
  const parsed = parseJson(text) as { code?: unknown; message?: unknown } | undefined;
  return {
    code: typeof parsed?.code === "string" ? parsed.code : "upload.failed",
    message: typeof parsed?.message === "string" ? parsed.message : text.slice(0, 200),
  };
}
