import type { Incoming, IncomingEvent, IncomingMedia } from "#root/messaging/messenger.ts";

/**
 * An update as GET /updates and the webhook deliver it (the schema's `Update`). Only the fields the
 * adapter reads are typed, all of them optional: what arrives is checked, never assumed.
 */
export interface MaxUpdate {
  update_type?: unknown;
  /** Milliseconds since the epoch. */
  timestamp?: unknown;
  chat_id?: unknown;
  user?: MaxUser;
  /** bot_started: the deep link's start payload. */
  payload?: unknown;
  user_locale?: unknown;
  message?: MaxMessage | null;
  callback?: { callback_id?: unknown; payload?: unknown; timestamp?: unknown; user?: MaxUser };
}

interface MaxUser {
  user_id?: unknown;
  first_name?: unknown;
  is_bot?: unknown;
}

interface MaxMessage {
  sender?: MaxUser | null;
  recipient?: { chat_id?: unknown; chat_type?: unknown };
  timestamp?: unknown;
  link?: { type?: unknown } | null;
  body?: { mid?: unknown; text?: unknown; attachments?: MaxAttachment[] | null } | null;
}

/** The schema's Attachment: an image's payload has its `url`; a file's too, with `filename` and `size` beside it. */
interface MaxAttachment {
  type?: unknown;
  payload?: { url?: unknown } | null;
  filename?: unknown;
  size?: unknown;
}

export type MappedUpdate =
  /** A press is answered by the runtime, which knows whether its button is stale. */
  | { kind: "incoming"; incoming: Incoming }
  /** `callbackId`: a press the bot does not act on still gets its answer, or its spinner turns on. */
  | { kind: "ignored"; reason: string; callbackId?: string };

/** The update types the adapter asks MAX for (bot_stopped only to log it: see toIncoming). */
export const UPDATE_TYPES = ["message_created", "message_callback", "bot_started", "bot_stopped"];

/** `/command`, `/command@botname`, then anything after whitespace as the arguments. */
const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/;

/**
 * Turns a MAX update into a neutral `Incoming`, or says why the bot ignores it. The update key comes
 * from the update itself, so a re-delivered update gets the key it had the first time:
 *   message_created   max:msg:<mid>                    (a message's id is unique)
 *   message_callback  max:cb:<callback_id>:<timestamp>  (the schema calls callback_id the keyboard's
 *                     identifier: with the press's own time, two presses on one keyboard stay two)
 *   bot_started       max:started:<chat_id>:<user_id>:<timestamp>
 * bot_stopped is ignored: the first message to a user who stopped the bot is refused with 403 and
 * the account is then marked unreachable, as on the other platforms.
 */
export function toIncoming(raw: unknown, botUsername: string, receivedAt: Date = new Date()): MappedUpdate {
  if (typeof raw !== "object" || raw === null) return { kind: "ignored", reason: "not an update" };
  const update = raw as MaxUpdate;
  switch (update.update_type) {
    case "message_created":
      return fromMessage(update, botUsername, receivedAt);
    case "message_callback":
      return fromCallback(update, receivedAt);
    case "bot_started":
      return fromStart(update, receivedAt);
    default:
      return { kind: "ignored", reason: `unhandled ${String(update.update_type)} update` };
  }
}

function fromMessage(update: MaxUpdate, botUsername: string, receivedAt: Date): MappedUpdate {
  const message = update.message;
  const chatId = id(message?.recipient?.chat_id);
  const userId = id(message?.sender?.user_id);
  const mid = message?.body?.mid;
  if (!message || chatId === undefined || userId === undefined || typeof mid !== "string" || mid === "") {
    return { kind: "ignored", reason: "message without chat, sender or id" };
  }
  if (message.recipient?.chat_type !== "dialog") return { kind: "ignored", reason: "not a dialog with a user" };
  if (message.sender?.is_bot === true) return { kind: "ignored", reason: "message from a bot" };
  return {
    kind: "incoming",
    incoming: {
      updateKey: `max:msg:${mid}`,
      platform: "max",
      chatId,
      userId,
      ...person(message.sender, update.user_locale),
      sentAt: isoTime(message.timestamp ?? update.timestamp, receivedAt),
      event: messageEvent(message, botUsername),
    },
  };
}

function fromCallback(update: MaxUpdate, receivedAt: Date): MappedUpdate {
  const callback = update.callback;
  const callbackId = typeof callback?.callback_id === "string" && callback.callback_id !== "" ? callback.callback_id : undefined;
  if (!callback || callbackId === undefined) return { kind: "ignored", reason: "callback without id" };
  const userId = id(callback.user?.user_id);
  // The message with the keyboard is the only place the dialog is named; it is null once deleted.
  const chatId = id(update.message?.recipient?.chat_id);
  if (userId === undefined || chatId === undefined) {
    return { kind: "ignored", reason: "press on a deleted message or without a user", callbackId };
  }
  if (update.message?.recipient?.chat_type !== "dialog") return { kind: "ignored", reason: "press outside a dialog", callbackId };
  const pressedAt = callback.timestamp ?? update.timestamp;
  const on = update.message?.body?.mid;
  return {
    kind: "incoming",
    incoming: {
      updateKey: `max:cb:${callbackId}:${String(pressedAt)}`,
      platform: "max",
      chatId,
      userId,
      ...person(callback.user, update.user_locale),
      sentAt: isoTime(pressedAt, receivedAt),
      event: {
        kind: "button",
        payload: typeof callback.payload === "string" ? callback.payload : "",
        answerId: callbackId,
        ...(typeof on === "string" && on !== "" ? { on } : {}),
      },
    },
  };
}

function fromStart(update: MaxUpdate, receivedAt: Date): MappedUpdate {
  const chatId = id(update.chat_id);
  const userId = id(update.user?.user_id);
  if (chatId === undefined || userId === undefined) return { kind: "ignored", reason: "bot_started without chat or user" };
  return {
    kind: "incoming",
    incoming: {
      updateKey: `max:started:${chatId}:${userId}:${String(update.timestamp)}`,
      platform: "max",
      chatId,
      userId,
      ...person(update.user, update.user_locale),
      sentAt: isoTime(update.timestamp, receivedAt),
      event: { kind: "command", command: "start", args: typeof update.payload === "string" ? update.payload.trim() : "" },
    },
  };
}

function messageEvent(message: MaxMessage, botUsername: string): IncomingEvent {
  // inline_keyboard is what the bot sends; of what a user attaches, a picture or a file is passed on
  // (with the text as its caption) where a question takes one, anything else (a sticker, a video, a
  // contact…) is something the bot cannot read, even with a caption.
  const attachment = message.body?.attachments?.find((candidate) => candidate.type !== "inline_keyboard");
  const text = typeof message.body?.text === "string" ? message.body.text : "";
  if (attachment) {
    const media = mediaOf(attachment);
    if (media) return { kind: "media", media, ...(text.trim() !== "" ? { caption: text } : {}) };
    return { kind: "unsupported", what: typeof attachment.type === "string" ? attachment.type : "attachment" };
  }
  if (text === "" && message.link?.type === "forward") return { kind: "unsupported", what: "forward" };
  return commandEvent(text, botUsername) ?? { kind: "text", text };
}

function mediaOf(attachment: MaxAttachment): IncomingMedia | undefined {
  const url = attachment.payload?.url;
  if (typeof url !== "string" || url === "") return undefined;
  if (attachment.type === "image") return { type: "photo", ref: url };
  if (attachment.type !== "file") return undefined;
  return {
    type: "document",
    ref: url,
    ...(typeof attachment.filename === "string" && attachment.filename !== "" ? { filename: attachment.filename } : {}),
    ...(typeof attachment.size === "number" && Number.isFinite(attachment.size) ? { size: attachment.size } : {}),
  };
}

function commandEvent(text: string, botUsername: string): IncomingEvent | undefined {
  const match = COMMAND.exec(text.trim());
  if (!match) return undefined;
  const [, command = "", addressee, args = ""] = match;
  // `/help@other_bot` is meant for another bot: it stays plain text.
  if (addressee !== undefined && addressee.toLowerCase() !== botUsername.toLowerCase()) return undefined;
  return { kind: "command", command: command.toLowerCase(), args: args.trim() };
}

function person(user: MaxUser | null | undefined, locale: unknown): Pick<Incoming, "firstName" | "languageCode"> {
  return {
    ...(typeof user?.first_name === "string" && user.first_name !== "" ? { firstName: user.first_name } : {}),
    ...(typeof locale === "string" && locale !== "" ? { languageCode: locale } : {}),
  };
}

/** MAX's ids are 64-bit integers; chat ids of dialogs may be negative. */
function id(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  if (typeof value === "string" && /^-?\d+$/.test(value)) return value;
  return undefined;
}

/** MAX counts time in milliseconds; an update without a usable time is dated when it arrived. */
function isoTime(value: unknown, receivedAt: Date): string {
  return (typeof value === "number" && Number.isFinite(value) ? new Date(value) : receivedAt).toISOString();
}
