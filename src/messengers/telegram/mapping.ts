import type { Message, Update, User } from "grammy/types";
import type { Incoming, IncomingEvent, IncomingMedia } from "#root/messaging/messenger.ts";

/**
 * Message kinds the bot cannot read, checked in this order after photos and files: an animation
 * also carries a `document`, a venue also carries a `location`.
 */
const UNSUPPORTED_KINDS = [
  "sticker",
  "animation",
  "video",
  "video_note",
  "voice",
  "audio",
  "document",
  "venue",
  "location",
  "contact",
  "poll",
  "dice",
  "game",
  "story",
  "paid_media",
] as const;

/** `/command`, `/command@botname`, then anything after whitespace as the arguments. */
const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/;

/**
 * Turns a Telegram update into a neutral `Incoming`, or `undefined` when the bot ignores it:
 * groups and channels, messages from bots, service messages (pins, timers…), inline-mode buttons.
 */
export function toIncoming(update: Update, botUsername: string, now: Date = new Date()): Incoming | undefined {
  const updateKey = `telegram:${update.update_id}`;

  if (update.message) {
    const message = update.message;
    if (message.chat.type !== "private" || !message.from || message.from.is_bot) return undefined;
    const event = messageEvent(message, botUsername);
    if (!event) return undefined;
    return {
      updateKey,
      platform: "telegram",
      chatId: String(message.chat.id),
      ...sender(message.from),
      sentAt: new Date(message.date * 1000).toISOString(),
      event,
    };
  }

  const query = update.callback_query;
  if (query) {
    const chat = query.message?.chat;
    if (chat?.type !== "private" || query.data === undefined) return undefined;
    return {
      updateKey,
      platform: "telegram",
      chatId: String(chat.id),
      ...sender(query.from),
      // A callback query carries no date of its own.
      sentAt: now.toISOString(),
      event: {
        kind: "button",
        payload: query.data,
        answerId: query.id,
        ...(query.message ? { on: String(query.message.message_id) } : {}),
      },
    };
  }

  return undefined;
}

function sender(from: User): Pick<Incoming, "userId" | "languageCode" | "firstName"> {
  return {
    userId: String(from.id),
    ...(from.language_code ? { languageCode: from.language_code } : {}),
    firstName: from.first_name,
  };
}

function messageEvent(message: Message, botUsername: string): IncomingEvent | undefined {
  if (typeof message.text === "string" && message.text.length > 0) {
    return commandEvent(message.text, botUsername) ?? { kind: "text", text: message.text };
  }
  const media = mediaOf(message);
  if (media) return { kind: "media", media, ...(message.caption ? { caption: message.caption } : {}) };
  const what = UNSUPPORTED_KINDS.find((kind) => message[kind] !== undefined);
  return what ? { kind: "unsupported", what } : undefined;
}

/**
 * A photo (Telegram sends its sizes, smallest first: the largest is taken) or a file. A GIF comes as
 * an `animation` with a `document` beside it: it stays something the bot does not read.
 */
function mediaOf(message: Message): IncomingMedia | undefined {
  const largest = message.photo?.reduce((best, size) => (size.width * size.height >= best.width * best.height ? size : best));
  if (largest) {
    return { type: "photo", ref: largest.file_id, ...(largest.file_size !== undefined ? { size: largest.file_size } : {}) };
  }
  const document = message.document;
  if (!document || message.animation) return undefined;
  return {
    type: "document",
    ref: document.file_id,
    ...(document.file_name ? { filename: document.file_name } : {}),
    ...(document.mime_type ? { mimeType: document.mime_type } : {}),
    ...(document.file_size !== undefined ? { size: document.file_size } : {}),
  };
}

function commandEvent(text: string, botUsername: string): IncomingEvent | undefined {
  const match = COMMAND.exec(text);
  if (!match) return undefined;
  const [, command = "", addressee, args = ""] = match;
  // `/help@OtherBot` is meant for another bot: it stays plain text.
  if (addressee !== undefined && addressee.toLowerCase() !== botUsername.toLowerCase()) return undefined;
  return { kind: "command", command: command.toLowerCase(), args: args.trim() };
}
