import type { Incoming, IncomingEvent, IncomingMedia } from "#root/messaging/messenger.ts";

/**
 * A community event as both the Callback API and Bots Long Poll deliver it. Only the fields the
 * adapter reads are typed; everything VK may add is tolerated.
 */
export interface VkGroupUpdate {
  type: string;
  object?: unknown;
  group_id?: number;
  /** Unique per event; VK repeats it when it re-delivers the same event. */
  event_id?: string;
  secret?: string;
}

interface VkMessage {
  date: number;
  from_id: number;
  peer_id: number;
  conversation_message_id?: number;
  text?: string;
  /** JSON of the pressed text button, as a string. */
  payload?: string;
  /** The `ref` of a vk.me link the user opened the dialog with. */
  ref?: string;
  attachments?: VkAttachment[];
  fwd_messages?: unknown[];
  geo?: unknown;
}

/** A message's attachment: `{ type, [type]: object }`; only photos and documents are read. */
interface VkAttachment {
  type: string;
  photo?: { sizes?: Array<{ type?: string; url?: string; width?: number; height?: number }> };
  doc?: { title?: string; ext?: string; size?: number; url?: string };
}

interface VkClientInfo {
  button_actions?: string[];
  lang_id?: number;
}

interface VkMessageNew {
  message: VkMessage;
  client_info?: VkClientInfo;
}

interface VkMessageEvent {
  user_id: number;
  peer_id: number;
  /** Identifies the press for messages.sendMessageEventAnswer; not the update's event_id. */
  event_id: string;
  payload?: unknown;
  conversation_message_id?: number;
}

export type MappedUpdate = { kind: "incoming"; incoming: Incoming } | { kind: "ignored"; reason: string };

/** Peer ids from 2e9 up are group chats; the bot only talks in private dialogs. */
const CHAT_PEER_OFFSET = 2_000_000_000;

const LANGUAGES_BY_VK_ID: Record<number, string> = { 0: "ru", 3: "en" };

/** VK's "Start" button sends the localised word; a user may also type it. */
const START_WORDS = new Set(["начать", "start"]);

export function toIncoming(update: VkGroupUpdate, receivedAt: Date): MappedUpdate {
  const object = update.object as Partial<VkMessageNew & VkMessageEvent> | undefined;
  if (update.type === "message_new" && typeof object?.message?.peer_id === "number") {
    return fromMessageNew(update, object as VkMessageNew);
  }
  if (update.type === "message_event" && typeof object?.peer_id === "number") {
    return fromMessageEvent(update, object as VkMessageEvent, receivedAt);
  }
  return { kind: "ignored", reason: `unhandled ${update.type} event` };
}

function fromMessageNew(update: VkGroupUpdate, object: VkMessageNew): MappedUpdate {
  const { message, client_info: client } = object;
  if (message.peer_id >= CHAT_PEER_OFFSET || message.from_id !== message.peer_id) {
    return { kind: "ignored", reason: "not a private dialog with a user" };
  }
  const incoming: Incoming = {
    updateKey: update.event_id ? `vk:${update.event_id}` : `vk:msg:${message.peer_id}:${message.conversation_message_id}`,
    platform: "vk",
    chatId: String(message.peer_id),
    userId: String(message.from_id),
    sentAt: new Date(message.date * 1000).toISOString(),
    event: messageEvent(message),
  };
  if (client?.button_actions) incoming.callbackButtons = client.button_actions.includes("callback");
  const languageCode = client?.lang_id === undefined ? undefined : LANGUAGES_BY_VK_ID[client.lang_id];
  if (languageCode) incoming.languageCode = languageCode;
  return { kind: "incoming", incoming };
}

function messageEvent(message: VkMessage): IncomingEvent {
  if (message.ref) return { kind: "command", command: "start", args: message.ref };
  if (message.payload) {
    const payload = parsePayload(message.payload);
    // The "Start" button of a new dialog carries {"command":"start"}.
    if (isStartCommand(payload)) return { kind: "command", command: "start", args: "" };
    return { kind: "button", payload: ourPayload(payload) ?? message.payload };
  }
  const text = unescapeVkText(message.text ?? "").trim();
  if (text.startsWith("/") && text.length > 1) {
    const [command = "", ...args] = text.slice(1).split(/\s+/);
    return { kind: "command", command: command.toLowerCase(), args: args.join(" ") };
  }
  if (START_WORDS.has(text.toLowerCase())) return { kind: "command", command: "start", args: "" };
  const media = mediaOf(message);
  if (media) return { kind: "media", media, ...(text ? { caption: text } : {}) };
  if (text) return { kind: "text", text };
  const what = unreadablePart(message);
  // Nothing but whitespace: an empty answer (as on Telegram), which a question explains as such.
  return what === "empty" ? { kind: "text", text: "" } : { kind: "unsupported", what };
}

function fromMessageEvent(update: VkGroupUpdate, object: VkMessageEvent, receivedAt: Date): MappedUpdate {
  if (object.peer_id >= CHAT_PEER_OFFSET) return { kind: "ignored", reason: "callback in a group chat" };
  const payload = typeof object.payload === "string" ? parsePayload(object.payload) : object.payload;
  const incoming: Incoming = {
    // A fallback per message would merge two presses on the same keyboard: the press id is unique.
    updateKey: update.event_id ? `vk:${update.event_id}` : `vk:cb:${object.event_id}`,
    platform: "vk",
    chatId: String(object.peer_id),
    userId: String(object.user_id),
    // message_event carries no date.
    sentAt: receivedAt.toISOString(),
    event: {
      kind: "button",
      payload: ourPayload(payload) ?? JSON.stringify(payload ?? null),
      answerId: object.event_id,
      ...(object.conversation_message_id === undefined ? {} : { on: String(object.conversation_message_id) }),
    },
  };
  return { kind: "incoming", incoming };
}

function parsePayload(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Our buttons carry `{"p": "<flow payload>"}` (see keyboard.ts); anything else is passed on raw. */
function ourPayload(payload: unknown): string | undefined {
  if (typeof payload !== "object" || payload === null) return undefined;
  const { p } = payload as { p?: unknown };
  return typeof p === "string" ? p : undefined;
}

function isStartCommand(payload: unknown): boolean {
  return typeof payload === "object" && payload !== null && (payload as { command?: unknown }).command === "start";
}

/**
 * The first photo or document attached. A photo comes in several sizes, each with its own URL: the
 * largest is taken. A document's URL is VK's download link (it carries its own access hash).
 */
function mediaOf(message: VkMessage): IncomingMedia | undefined {
  for (const attachment of message.attachments ?? []) {
    if (attachment.type === "photo") {
      const sizes = (attachment.photo?.sizes ?? []).filter((size) => typeof size.url === "string" && size.url !== "");
      const largest = sizes.reduce<(typeof sizes)[number] | undefined>(
        (best, size) => (!best || (size.width ?? 0) * (size.height ?? 0) >= (best.width ?? 0) * (best.height ?? 0) ? size : best),
        undefined,
      );
      if (largest?.url) return { type: "photo", ref: largest.url };
    }
    if (attachment.type === "doc" && typeof attachment.doc?.url === "string" && attachment.doc.url !== "") {
      const { title, ext, size, url } = attachment.doc;
      const filename = title && ext && !title.toLowerCase().endsWith(`.${ext.toLowerCase()}`) ? `${title}.${ext}` : title;
      return { type: "document", ref: url, ...(filename ? { filename } : {}), ...(typeof size === "number" ? { size } : {}) };
    }
  }
  return undefined;
}

function unreadablePart(message: VkMessage): string {
  const attachment = message.attachments?.[0];
  if (attachment) return attachment.type;
  if (message.fwd_messages?.length) return "forward";
  if (message.geo) return "geo";
  return "empty";
}

/** VK delivers message text HTML-escaped, with line breaks as <br>. */
export function unescapeVkText(text: string): string {
  return text
    .replace(/<br>/g, "\n")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}
