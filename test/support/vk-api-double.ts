/**
 * A local stand-in for the VK API (https://api.vk.ru/method) that vk-io can talk to, plus a test
 * user who writes to the bot's Callback API the way VK would. It enforces VK's limits so a test
 * fails where VK would refuse, and it de-duplicates messages.send by random_id like VK does.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ReadMarks } from "#root/devtools/read-marks.ts";

export interface VkKeyboardButton {
  action: { type: string; label?: string; payload?: string; link?: string };
  color?: string;
}

export interface VkKeyboard {
  inline?: boolean;
  one_time?: boolean;
  buttons: VkKeyboardButton[][];
}

export interface SentMessage {
  id: number;
  peerId: number;
  conversationMessageId: number;
  /** How many times the bot edited it (messages.edit) since it was sent. */
  version: number;
  message: string;
  keyboard?: VkKeyboard;
  randomId: number;
  attachment?: string;
}

export interface EventAnswer {
  eventId: string;
  userId: number;
  peerId: number;
  eventData?: string;
}

export interface StoredDocument {
  id: number;
  ownerId: number;
  peerId: number;
  filename: string;
  title: string;
  mimeType: string;
  bytes: Buffer;
}

/** A photo saved with photos.saveMessagesPhoto: attached as `photo<ownerId>_<id>`. */
export interface StoredPhoto {
  id: number;
  ownerId: number;
  peerId: number;
  filename: string;
  bytes: Buffer;
}

/** A messages.setActivity: what the chat showed, and after which of the community's messages in it. */
export interface ShownActivity {
  peerId: number;
  type: string;
  afterMessageId?: number;
}

export interface VkApiDouble {
  /** `http://127.0.0.1:<port>/method`, for vk-io's `apiBaseUrl`. */
  baseUrl: string;
  groupId: number;
  sent(peerId?: number): SentMessage[];
  eventAnswers(): EventAnswer[];
  documents(): StoredDocument[];
  photos(): StoredPhoto[];
  /** The photo a sent message carries (its `photo<owner>_<id>` attachment), if any. */
  photoOf(message: SentMessage): StoredPhoto | undefined;
  /** The document a sent message carries (its `doc<owner>_<id>` attachment), if any. */
  documentOf(message: SentMessage): StoredDocument | undefined;
  /**
   * Serves bytes at a URL of VK's file servers (the sizes of a user's photo, a user's document), as
   * VK's message attachments name them; `GET` them without a token.
   */
  hostFile(bytes: Buffer, name: string): string;
  /** How many times a hosted file was fetched, by its URL. */
  fetched(url: string): number;
  /** messages.setActivity calls, all or for one peer, oldest first. */
  activities(peerId?: number): ShownActivity[];
  /** From now on messages.send to this peer fails with 901, as when the user forbade messages. */
  block(peerId: number): void;
  unblock(peerId: number): void;
  /** The next call of `method` answers VK error `errorCode`. */
  failNext(method: string, errorCode: number): void;
  /**
   * More than `perSecond` messages.send calls within a second answer error 6 ("Too many requests per
   * second"), as VK does past a community's limit; undefined (the default) turns it off.
   */
  rateLimit(perSecond: number | undefined): void;
  /** The next call of `method` is carried out, but its answer is lost (the connection drops), as on a network fault. */
  loseNextAnswer(method: string): void;
  /** How many times `method` was called, refused calls included. */
  calls(method: string): number;
  /** Queues a community event for Bots Long Poll. */
  pushLongPollUpdate(update: object): void;
  stop(): Promise<void>;
}

class VkApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const ERROR_MESSAGES: Record<number, string> = {
  3: "Unknown method passed",
  6: "Too many requests per second",
  9: "Flood control",
  10: "Internal server error",
  29: "Rate limit reached",
  100: "One of the parameters specified was missing or invalid",
  129: "Invalid photo",
  900: "Can't send messages for users from blacklist",
  901: "Can't send messages for users without permission",
  902: "Can't send messages to this user due to their privacy settings",
  911: "Keyboard format is invalid",
  914: "Message is too long",
};

const INLINE_LIMITS = { buttons: 10, rows: 6, perRow: 5, label: 40, payload: 255 };
const TEXT_LIMIT = 4096;
const DEDUP_WINDOW_MS = 60 * 60 * 1000;
const LONG_POLL_HOLD_MS = 1000;

type Params = Record<string, string>;

export async function startVkApiDouble(options: { groupId?: number; screenName?: string } = {}): Promise<VkApiDouble> {
  const groupId = options.groupId ?? 1;
  const screenName = options.screenName ?? "nastavnik";
  const sent: SentMessage[] = [];
  const answers: EventAnswer[] = [];
  const documents: StoredDocument[] = [];
  const photos: StoredPhoto[] = [];
  const activities: ShownActivity[] = [];
  const pendingPhotos = new Map<string, { peerId: number; filename: string; bytes: Buffer }>();
  const blocked = new Set<number>();
  const faults = new Map<string, number[]>();
  const lostAnswers = new Map<string, number>();
  const callCounts = new Map<string, number>();
  const firstSendByRandomId = new Map<string, { id: number; at: number }>();
  const conversationCounters = new Map<number, number>();
  const pendingUploads = new Map<string, { peerId: number; filename: string; mimeType: string; bytes: Buffer }>();
  const longPollUpdates: object[] = [];
  let longPollWaiters: (() => void)[] = [];
  let sendsPerSecond: number | undefined;
  const recentSends: number[] = [];
  let nextMessageId = 1000;
  let nextDocumentId = 500;
  let nextPhotoId = 900;
  let origin = "";
  const hosted = new Map<string, Buffer>();
  const fetchCounts = new Map<string, number>();

  const methods: Record<string, (params: Params) => unknown> = {
    "messages.send": (params) => {
      // Given peer_ids, VK answers one delivery per peer with its conversation_message_id.
      const viaPeerIds = params.peer_ids !== undefined;
      const peerId = Number(viaPeerIds ? params.peer_ids!.split(",")[0] : (params.peer_id ?? params.user_id));
      const answer = (record: SentMessage) =>
        viaPeerIds ? [{ peer_id: record.peerId, message_id: record.id, conversation_message_id: record.conversationMessageId }] : record.id;
      if (!peerId) throw new VkApiError(100, "peer_id is missing");
      if (params.random_id === undefined) throw new VkApiError(100, "random_id is a required parameter");
      const message = params.message ?? "";
      if (message === "" && !params.attachment) throw new VkApiError(100, "message is empty");
      if (message.length > TEXT_LIMIT) throw new VkApiError(914, `${message.length} characters`);
      const keyboard = params.keyboard ? checkKeyboard(params.keyboard) : undefined;
      if (blocked.has(peerId)) throw new VkApiError(901, `peer ${peerId}`);
      const now = Date.now();
      while (recentSends.length > 0 && recentSends[0]! <= now - 1000) recentSends.shift();
      if (sendsPerSecond !== undefined && recentSends.length >= sendsPerSecond) throw new VkApiError(6, `over ${sendsPerSecond} a second`);
      recentSends.push(now);
      const randomId = Number(params.random_id);
      const dedupKey = `${peerId}:${randomId}`;
      const earlier = firstSendByRandomId.get(dedupKey);
      const repeated =
        randomId !== 0 && earlier && Date.now() - earlier.at < DEDUP_WINDOW_MS ? sent.find((m) => m.id === earlier.id) : undefined;
      if (repeated) return answer(repeated);
      const id = nextMessageId++;
      firstSendByRandomId.set(dedupKey, { id, at: Date.now() });
      const record: SentMessage = {
        id,
        peerId,
        conversationMessageId: nextConversationMessageId(peerId),
        version: 0,
        message,
        randomId,
      };
      if (keyboard) record.keyboard = keyboard;
      if (params.attachment) {
        const unknown = params.attachment.split(",").find((item) => item.startsWith("photo") && !photoByAttachment(item));
        if (unknown) throw new VkApiError(100, `attachment ${unknown} is not a saved photo`);
        record.attachment = params.attachment;
      }
      sent.push(record);
      return answer(record);
    },
    "messages.edit": (params) => {
      const peerId = Number(params.peer_id);
      const record = sent.find((m) => m.peerId === peerId && String(m.conversationMessageId) === params.conversation_message_id);
      if (!record) throw new VkApiError(100, "message not found");
      const message = params.message ?? "";
      if (message === "" && !params.attachment) throw new VkApiError(100, "message is empty");
      if (message.length > TEXT_LIMIT) throw new VkApiError(914, `${message.length} characters`);
      const keyboard = params.keyboard ? checkKeyboard(params.keyboard) : undefined;
      // Only an edit that leaves buttons makes a new screen to wait for; a question left showing its
      // answer, or without its buttons, is the old message still.
      if (keyboard && keyboard.buttons.length > 0) record.version += 1;
      record.message = message;
      // An edit replaces the message: what it does not name again is gone.
      if (keyboard && keyboard.buttons.length > 0) record.keyboard = keyboard;
      else delete record.keyboard;
      if (params.attachment) record.attachment = params.attachment;
      else delete record.attachment;
      return 1;
    },
    "messages.getByConversationMessageId": (params) => {
      const peerId = Number(params.peer_id);
      const wanted = new Set((params.conversation_message_ids ?? "").split(","));
      const items = sent
        .filter((m) => m.peerId === peerId && wanted.has(String(m.conversationMessageId)))
        .map((m) => ({
          id: m.id,
          peer_id: m.peerId,
          conversation_message_id: m.conversationMessageId,
          text: m.message,
          attachments: (m.attachment ?? "")
            .split(",")
            .filter(Boolean)
            .map((item) => {
              const [, type = "", owner = "", id = ""] = /^([a-z]+)(-?\d+)_(\d+)/.exec(item) ?? [];
              return { type, [type]: { owner_id: Number(owner), id: Number(id) } };
            }),
        }));
      return { count: items.length, items };
    },
    "messages.sendMessageEventAnswer": (params) => {
      if (!params.event_id || !params.user_id || !params.peer_id) throw new VkApiError(100, "event_id, user_id, peer_id");
      const answer: EventAnswer = { eventId: params.event_id, userId: Number(params.user_id), peerId: Number(params.peer_id) };
      if (params.event_data !== undefined) answer.eventData = params.event_data;
      answers.push(answer);
      return 1;
    },
    "groups.getById": () => ({
      groups: [{ id: groupId, name: "Nastavnik", screen_name: screenName, type: "group", is_closed: 0 }],
      profiles: [],
    }),
    "groups.getLongPollServer": () => ({ key: "double-key", server: `${origin}/longpoll`, ts: String(longPollUpdates.length) }),
    "utils.getServerTime": () => Math.floor(Date.now() / 1000),
    "docs.getMessagesUploadServer": (params) => {
      if (!params.peer_id) throw new VkApiError(100, "peer_id is missing");
      return { upload_url: `${origin}/upload/doc?peer_id=${params.peer_id}` };
    },
    "photos.getMessagesUploadServer": (params) => {
      if (!params.peer_id) throw new VkApiError(100, "peer_id is missing");
      return { upload_url: `${origin}/upload/photo?peer_id=${params.peer_id}`, album_id: -3, group_id: groupId };
    },
    "photos.saveMessagesPhoto": (params) => {
      const upload = params.hash ? pendingPhotos.get(params.hash) : undefined;
      if (!upload || !params.photo || params.photo === "[]") throw new VkApiError(129, "the upload holds no photo");
      pendingPhotos.delete(params.hash!);
      const photo: StoredPhoto = { id: nextPhotoId++, ownerId: -groupId, ...upload };
      photos.push(photo);
      return [
        {
          id: photo.id,
          album_id: -3,
          owner_id: photo.ownerId,
          access_key: "double",
          date: Math.floor(Date.now() / 1000),
          sizes: [{ type: "x", url: `${origin}/photo/${photo.id}`, width: 0, height: 0 }],
          text: "",
        },
      ];
    },
    "messages.setActivity": (params) => {
      const peerId = Number(params.peer_id);
      if (!peerId) throw new VkApiError(100, "peer_id is missing");
      if (!["typing", "audiomessage", "photo", "video", "file"].includes(params.type ?? ""))
        throw new VkApiError(100, `type ${params.type}`);
      if (blocked.has(peerId)) throw new VkApiError(901, `peer ${peerId}`);
      const last = sent.findLast((message) => message.peerId === peerId);
      activities.push({ peerId, type: params.type!, ...(last ? { afterMessageId: last.id } : {}) });
      return 1;
    },
    "docs.save": (params) => {
      const upload = params.file ? pendingUploads.get(params.file) : undefined;
      if (!upload) throw new VkApiError(100, "file is invalid");
      pendingUploads.delete(params.file!);
      const title = params.title || upload.filename;
      const document: StoredDocument = { id: nextDocumentId++, ownerId: -groupId, title, ...upload };
      documents.push(document);
      return {
        type: "doc",
        doc: {
          id: document.id,
          owner_id: document.ownerId,
          title,
          size: upload.bytes.length,
          ext: title.split(".").pop(),
          url: `${origin}/doc/${document.id}`,
          date: Math.floor(Date.now() / 1000),
          type: 1,
        },
      };
    },
  };

  /** `photo<owner>_<id>` or `photo<owner>_<id>_<access key>`. */
  function photoByAttachment(attachment: string): StoredPhoto | undefined {
    const match = /^photo(-?\d+)_(\d+)(?:_\w+)?$/.exec(attachment);
    return match ? photos.find((photo) => photo.ownerId === Number(match[1]) && photo.id === Number(match[2])) : undefined;
  }

  function nextConversationMessageId(peerId: number): number {
    const next = (conversationCounters.get(peerId) ?? 0) + 1;
    conversationCounters.set(peerId, next);
    return next;
  }

  function callMethod(name: string, params: Params): unknown {
    callCounts.set(name, (callCounts.get(name) ?? 0) + 1);
    const fault = faults.get(name)?.shift();
    if (fault !== undefined) throw new VkApiError(fault, "injected fault");
    const method = methods[name];
    if (!method) throw new VkApiError(3, name);
    if (!params.access_token) throw new VkApiError(5, "User authorization failed: no access_token passed");
    return method(params);
  }

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", origin);
    const body = await readBody(request);
    if (url.pathname.startsWith("/method/")) {
      const params: Params = Object.fromEntries(url.searchParams);
      if (request.method === "POST") Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString("utf8"))));
      const name = url.pathname.slice("/method/".length);
      try {
        const result = callMethod(name, params);
        const lost = lostAnswers.get(name) ?? 0;
        if (lost > 0) {
          lostAnswers.set(name, lost - 1);
          response.socket?.destroy();
          return;
        }
        return json(response, { response: result });
      } catch (error) {
        if (!(error instanceof VkApiError)) throw error;
        const errorMsg = `${ERROR_MESSAGES[error.code] ?? "Error"}: ${error.message}`;
        const requestParams = Object.entries(params).map(([key, value]) => ({ key, value }));
        return json(response, { error: { error_code: error.code, error_msg: errorMsg, request_params: requestParams } });
      }
    }
    if (url.pathname === "/upload/doc" && request.method === "POST") {
      const form = await new Response(body, {
        headers: { "content-type": String(request.headers["content-type"]) },
      }).formData();
      const file = form.get("file");
      if (!(file instanceof File)) return json(response, { error: "no_file" });
      const token = randomBytes(8).toString("hex");
      pendingUploads.set(token, {
        peerId: Number(url.searchParams.get("peer_id")),
        filename: file.name,
        mimeType: file.type,
        bytes: Buffer.from(await file.arrayBuffer()),
      });
      return json(response, { file: token });
    }
    if (url.pathname === "/upload/photo" && request.method === "POST") {
      const form = await new Response(body, {
        headers: { "content-type": String(request.headers["content-type"]) },
      }).formData();
      const file = form.get("photo");
      if (!(file instanceof File)) return json(response, { error: "no_file" });
      const bytes = Buffer.from(await file.arrayBuffer());
      const hash = randomBytes(8).toString("hex");
      // VK's upload server answers an empty list for what is not a picture; saving it then fails.
      const picture = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) || bytes[0] === 0xff;
      if (picture) pendingPhotos.set(hash, { peerId: Number(url.searchParams.get("peer_id")), filename: file.name, bytes });
      return json(response, { server: 1, photo: picture ? JSON.stringify([{ photo: hash }]) : "[]", hash });
    }
    if (url.pathname.startsWith("/files/") && request.method === "GET") {
      const bytes = hosted.get(url.pathname);
      if (!bytes) return void response.writeHead(404).end();
      fetchCounts.set(`${origin}${url.pathname}`, (fetchCounts.get(`${origin}${url.pathname}`) ?? 0) + 1);
      response.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(bytes.length) }).end(bytes);
      return;
    }
    if (url.pathname === "/longpoll") {
      const since = Number(url.searchParams.get("ts") ?? 0);
      if (longPollUpdates.length <= since) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, LONG_POLL_HOLD_MS);
          longPollWaiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return json(response, { ts: String(longPollUpdates.length), updates: longPollUpdates.slice(since) });
    }
    response.writeHead(404).end();
  }

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl: `${origin}/method`,
    groupId,
    sent: (peerId) => sent.filter((message) => peerId === undefined || message.peerId === peerId),
    eventAnswers: () => [...answers],
    documents: () => [...documents],
    photos: () => [...photos],
    photoOf: (message) =>
      message.attachment
        ?.split(",")
        .map(photoByAttachment)
        .find((photo) => photo !== undefined),
    documentOf: (message) =>
      message.attachment
        ?.split(",")
        .map((item) => /^doc(-?\d+)_(\d+)/.exec(item))
        .map((match) => (match ? documents.find((doc) => doc.ownerId === Number(match[1]) && doc.id === Number(match[2])) : undefined))
        .find((doc) => doc !== undefined),
    hostFile(bytes, name) {
      const path = `/files/${randomBytes(6).toString("hex")}/${encodeURIComponent(name)}`;
      hosted.set(path, bytes);
      return `${origin}${path}`;
    },
    fetched: (url) => fetchCounts.get(url) ?? 0,
    activities: (peerId) => activities.filter((activity) => peerId === undefined || activity.peerId === peerId),
    block: (peerId) => blocked.add(peerId),
    unblock: (peerId) => blocked.delete(peerId),
    failNext(method, errorCode) {
      faults.set(method, [...(faults.get(method) ?? []), errorCode]);
    },
    calls: (method) => callCounts.get(method) ?? 0,
    loseNextAnswer(method) {
      lostAnswers.set(method, (lostAnswers.get(method) ?? 0) + 1);
    },
    rateLimit(perSecond) {
      sendsPerSecond = perSecond;
    },
    pushLongPollUpdate(update) {
      longPollUpdates.push(update);
      const waiters = longPollWaiters;
      longPollWaiters = [];
      for (const wake of waiters) wake();
    },
    async stop() {
      for (const wake of longPollWaiters) wake();
      longPollWaiters = [];
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Checks a keyboard against VK's limits; the inline ones are stricter. */
function checkKeyboard(raw: string): VkKeyboard {
  let keyboard: VkKeyboard;
  try {
    keyboard = JSON.parse(raw) as VkKeyboard;
  } catch {
    throw new VkApiError(911, "keyboard is not JSON");
  }
  if (!Array.isArray(keyboard.buttons)) throw new VkApiError(911, "buttons must be an array");
  const limits = keyboard.inline ? INLINE_LIMITS : { ...INLINE_LIMITS, buttons: 40, rows: 10 };
  const count = keyboard.buttons.reduce((total, row) => total + row.length, 0);
  if (count > limits.buttons) throw new VkApiError(911, `${count} buttons, at most ${limits.buttons}`);
  if (keyboard.buttons.length > limits.rows) throw new VkApiError(911, `${keyboard.buttons.length} rows`);
  for (const row of keyboard.buttons) {
    if (row.length > limits.perRow) throw new VkApiError(911, `${row.length} buttons in a row`);
    for (const { action } of row) {
      if (action.label !== undefined && action.label.length > limits.label) {
        throw new VkApiError(911, `label "${action.label}" is over ${limits.label} characters`);
      }
      if (action.payload !== undefined && action.payload.length > limits.payload) {
        throw new VkApiError(911, `payload is over ${limits.payload} characters`);
      }
      if (action.payload !== undefined) {
        try {
          JSON.parse(action.payload);
        } catch {
          throw new VkApiError(911, "payload is not JSON");
        }
      }
      if (action.type === "open_link" && !action.link) throw new VkApiError(911, "open_link without link");
    }
  }
  return keyboard;
}

async function readBody(request: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function json(response: http.ServerResponse, body: unknown): void {
  response.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(body));
}

type MessageMatch = string | RegExp | ((message: SentMessage) => boolean);

/**
 * A VK user writing to the community. Each event goes to the bot's Callback API URL with a fresh
 * event_id, as VK would post it; answers are read from the API double.
 */
export class VkTestUser {
  readonly userId: number;
  readonly firstName: string | undefined;
  private readonly callbackButtons: boolean;
  private readonly langId: number;
  private readonly read = new ReadMarks();
  private lastUpdate: object | undefined;
  private conversationMessageId = 0;

  constructor(
    /** The bot's Callback API URL; a function when the bot may restart on another port. */
    private readonly callbackUrl: string | (() => string),
    private readonly community: { groupId: number; secret: string },
    private readonly double: VkApiDouble,
    profile: { userId: number; firstName?: string; callbackButtons?: boolean; langId?: number },
  ) {
    this.userId = profile.userId;
    this.firstName = profile.firstName;
    this.callbackButtons = profile.callbackButtons ?? true;
    this.langId = profile.langId ?? 0;
  }

  send(text: string): Promise<void> {
    return this.post(this.messageNew({ text: escapeLikeVk(text) }));
  }

  /** Opens the dialog through `vk.me/<community>?ref=<ref>`. */
  open(ref: string): Promise<void> {
    return this.post(this.messageNew({ text: "", ref, ref_source: "" }));
  }

  sendSticker(): Promise<void> {
    const sticker = { type: "sticker", sticker: { product_id: 1, sticker_id: 9, images: [] } };
    return this.post(this.messageNew({ text: "", attachments: [sticker] }));
  }

  /**
   * Sends a photo as VK delivers one: a `photo` attachment with its sizes, each with its own URL on
   * VK's servers (a small one first, the picture as sent last), and the text written with it.
   */
  sendPhoto(bytes: Buffer, caption = ""): Promise<void> {
    const small = this.double.hostFile(bytes.subarray(0, Math.min(bytes.length, 64)), "s.jpg");
    const full = this.double.hostFile(bytes, "x.jpg");
    const photo = {
      id: 457239000 + this.conversationMessageId,
      owner_id: this.userId,
      access_key: randomBytes(6).toString("hex"),
      date: Math.floor(Date.now() / 1000),
      sizes: [
        { type: "s", url: small, width: 75, height: 56 },
        { type: "x", url: full, width: 604, height: 453 },
      ],
      text: "",
    };
    return this.post(this.messageNew({ text: escapeLikeVk(caption), attachments: [{ type: "photo", photo }] }));
  }

  /** Sends a file as VK delivers one: a `doc` attachment with its title, extension, size and download URL. */
  sendDocument(filename: string, bytes: Buffer, caption = ""): Promise<void> {
    const ext = filename.includes(".") ? filename.split(".").pop()! : "";
    const doc = {
      id: 650000000 + this.conversationMessageId,
      owner_id: this.userId,
      title: filename,
      size: bytes.length,
      ext,
      date: Math.floor(Date.now() / 1000),
      type: 1,
      url: this.double.hostFile(bytes, filename),
      access_key: randomBytes(6).toString("hex"),
    };
    return this.post(this.messageNew({ text: escapeLikeVk(caption), attachments: [{ type: "doc", doc }] }));
  }

  /** Sends a voice message (an `audio_message` attachment): something the bot does not read. */
  sendVoice(): Promise<void> {
    const voice = { type: "audio_message", audio_message: { id: 1, owner_id: this.userId, duration: 3, link_ogg: "", link_mp3: "" } };
    return this.post(this.messageNew({ text: "", attachments: [voice] }));
  }

  /**
   * Presses a button of the most recent message whose keyboard has it: a keyboard beyond VK's
   * inline limits arrives split over several messages, all of them on screen.
   */
  press(label: string | RegExp): Promise<void> {
    const matches = (button: VkKeyboardButton) =>
      typeof label === "string" ? button.action.label === label : label.test(button.action.label ?? "");
    const withKeyboards = [...this.messages()].reverse().filter((sent) => sent.keyboard);
    if (withKeyboards.length === 0) throw new Error(`No message with buttons was sent to ${this.userId}`);
    const message = withKeyboards.find((sent) => sent.keyboard!.buttons.flat().some(matches));
    const button = message?.keyboard?.buttons.flat().find(matches);
    if (!message || !button) {
      const labels = withKeyboards[0]!.keyboard!.buttons.flat().map(({ action }) => action.label);
      throw new Error(`No button ${String(label)} in the last keyboard: ${JSON.stringify(labels)}`);
    }
    const { action } = button;
    if (action.type === "callback") {
      return this.post(this.messageEvent(JSON.parse(action.payload ?? "{}"), message.conversationMessageId));
    }
    if (action.type === "text") {
      return this.post(this.messageNew({ text: escapeLikeVk(action.label ?? ""), payload: action.payload }));
    }
    throw new Error(`A ${action.type} button cannot be pressed in a test`);
  }

  /** Sends a button press with any payload, as a modified client could. */
  pressPayload(raw: string): Promise<void> {
    if (!this.callbackButtons) return this.post(this.messageNew({ text: "?", payload: raw }));
    let payload: unknown = raw;
    try {
      payload = JSON.parse(raw);
    } catch {
      // VK passes through whatever the client claims
    }
    return this.post(this.messageEvent(payload, this.conversationMessageId));
  }

  /** Posts the previous event again with the same event_id, as VK does when it retries. */
  replayLast(): Promise<void> {
    if (!this.lastUpdate) throw new Error("Nothing was posted yet");
    return this.post(this.lastUpdate);
  }

  /** A message_new event from this user, for tests that post it themselves through `deliver`. */
  textUpdate(text: string): Record<string, unknown> {
    return this.messageNew({ text: escapeLikeVk(text) });
  }

  /** Posts an event to the bot and returns the bot's answer without judging it. */
  async deliver(update: object): Promise<{ status: number; body: string }> {
    this.lastUpdate = update;
    const url = typeof this.callbackUrl === "function" ? this.callbackUrl() : this.callbackUrl;
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(update),
    });
    return { status: response.status, body: await response.text() };
  }

  /** The first message to this user not yet consumed by a `waitFor` that matches. */
  async waitFor(match: MessageMatch, timeoutMs = 5000): Promise<SentMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.read.take(
        this.messages(),
        (message) => ({ id: message.id, version: message.version, text: message.message }),
        match,
      );
      if (found) return found;
      if (Date.now() > deadline) {
        const arrived = this.messages().map(
          (message) => `${this.read.seen(message.id, message.version) ? "(seen) " : ""}${message.message}`,
        );
        throw new Error(`No message matching ${String(match)} to ${this.userId}; arrived: ${JSON.stringify(arrived)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  messages(): SentMessage[] {
    return this.double.sent(this.userId);
  }

  /** The snackbars shown for this user's presses (stale buttons), oldest first. */
  toasts(): string[] {
    return this.double
      .eventAnswers()
      .filter((answer) => answer.userId === this.userId && answer.eventData !== undefined)
      .map((answer) => JSON.parse(answer.eventData!) as { type?: string; text?: string })
      .filter((data) => data.type === "show_snackbar" && typeof data.text === "string")
      .map((data) => data.text!);
  }

  /** The photo a message to this user carries, if any. */
  photoOf(message: SentMessage): StoredPhoto | undefined {
    return this.double.photoOf(message);
  }

  /** The document a message to this user carries, if any. */
  documentOf(message: SentMessage): StoredDocument | undefined {
    return this.double.documentOf(message);
  }

  /** What the community's chat showed ("typing"…), oldest first, with the message it came after. */
  activities(): { action: string; afterMessageId?: number }[] {
    return this.double
      .activities(this.userId)
      .map(({ type, afterMessageId }) => ({ action: type, ...(afterMessageId !== undefined ? { afterMessageId } : {}) }));
  }

  /** Labels of the most recent keyboard sent to this user, row by row. */
  lastButtons(): string[][] {
    const message = [...this.messages()].reverse().find((sent) => sent.keyboard);
    return message?.keyboard?.buttons.map((row) => row.map(({ action }) => action.label ?? "")) ?? [];
  }

  private async post(update: object): Promise<void> {
    const answer = await this.deliver(update);
    if (answer.status !== 200 || answer.body !== "ok") {
      throw new Error(`The bot answered ${answer.status} "${answer.body}" instead of "ok"`);
    }
  }

  private envelope(type: string, object: object): Record<string, unknown> {
    return {
      group_id: this.community.groupId,
      type,
      event_id: randomBytes(20).toString("hex"),
      v: "5.199",
      object,
      secret: this.community.secret,
    };
  }

  private messageNew(fields: Record<string, unknown>): Record<string, unknown> {
    this.conversationMessageId += 1;
    const buttonActions = ["text", "vkpay", "open_app", "location", "open_link", "intent_subscribe", "intent_unsubscribe"];
    if (this.callbackButtons) buttonActions.push("callback");
    return this.envelope("message_new", {
      message: {
        date: Math.floor(Date.now() / 1000),
        from_id: this.userId,
        id: 0,
        out: 0,
        version: 1,
        attachments: [],
        conversation_message_id: this.conversationMessageId,
        fwd_messages: [],
        important: false,
        is_hidden: false,
        peer_id: this.userId,
        random_id: 0,
        ...fields,
      },
      client_info: {
        button_actions: buttonActions,
        keyboard: true,
        inline_keyboard: true,
        carousel: true,
        lang_id: this.langId,
      },
    });
  }

  private messageEvent(payload: unknown, conversationMessageId: number): Record<string, unknown> {
    return this.envelope("message_event", {
      user_id: this.userId,
      peer_id: this.userId,
      event_id: randomBytes(6).toString("hex"),
      payload,
      conversation_message_id: conversationMessageId,
    });
  }
}

/** VK delivers user text HTML-escaped. */
function escapeLikeVk(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
