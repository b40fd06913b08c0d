/**
 * The neutral shapes that cross the line between a messenger adapter and the dialog runtime.
 * Adapters turn platform updates into `Incoming` and render `Outgoing`; nothing above this line
 * knows grammY or vk-io.
 */

import type { Platform } from "#root/domain/platform.ts";

export { PLATFORMS, type Platform } from "#root/domain/platform.ts";

/** What happened in a chat, in messenger-neutral terms. */
export type IncomingEvent =
  | { kind: "text"; text: string }
  /** `/start <payload>` on Telegram, a `ref` of a vk.me link on VK: `command` is "start", `args` the payload. */
  | { kind: "command"; command: string; args: string }
  /**
   * A pressed button: its payload as the adapter received it (not yet trusted), the message it was
   * on when the platform tells it, and the id to answer the press with (the runtime ends the
   * button's spinner, with a toast when the button is stale).
   */
  | { kind: "button"; payload: string; on?: MessageRef; answerId?: string }
  /**
   * A photo or a file the person sent, with the text they wrote under it. Only prompts that take files
   * read it (see `AskOptions.media`); everywhere else it is refused like anything the bot cannot read.
   */
  | { kind: "media"; media: IncomingMedia; caption?: string }
  /** A sticker, voice message, video, location…: something the bot cannot read. */
  | { kind: "unsupported"; what: string };

/**
 * A photo or a file as the platform announced it, not yet downloaded: `ref` is what its adapter needs
 * to fetch it (Telegram's file_id of the largest size, VK's photo or document URL, MAX's attachment URL).
 * The rest is what the platform told, when it did.
 */
export interface IncomingMedia {
  type: "photo" | "document";
  ref: string;
  filename?: string;
  mimeType?: string;
  /** In bytes. */
  size?: number;
}

/** A file fetched from a platform, or why not: over the limit asked for (nothing more was read), or unreachable. */
export type DownloadResult =
  | { ok: true; content: Uint8Array; mimeType?: string }
  | { ok: false; reason: "too-large" }
  | { ok: false; reason: "failed"; error: string };

export interface Incoming {
  /** Unique per platform update, used to drop replays: `telegram:<update_id>`, `vk:<event_id>`. */
  updateKey: string;
  platform: Platform;
  /** Where answers go: a Telegram private chat id, a VK peer id. */
  chatId: string;
  /** The sender's account id on the platform. In private chats it equals chatId. */
  userId: string;
  /** The client's interface language (IETF tag) when the platform tells it. */
  languageCode?: string;
  firstName?: string;
  /** VK only: whether the client can show callback buttons (client_info.button_actions). */
  callbackButtons?: boolean;
  /** ISO timestamp of when the platform says the event happened. */
  sentAt: string;
  event: IncomingEvent;
}

/** A message the bot sent, as its platform names it: Telegram's message_id, VK's conversation_message_id, MAX's mid. */
export type MessageRef = string;

export type Button = { label: string; payload: string } | { label: string; url: string };

export interface OutgoingDocument {
  filename: string;
  mimeType: string;
  content: Uint8Array;
}

/** A picture shown in the chat as a photo (not a file to download): PNG or JPEG bytes. */
export interface OutgoingImage {
  /** Where a platform keeps a name (MAX's upload); the recipient sees the picture, not the name. */
  filename: string;
  content: Uint8Array;
}

/**
 * One message to send. Texts are already rendered in the recipient's language. An image comes with
 * the text as its caption where the platform allows (else the text first, then the image); a document
 * follows them.
 */
export interface Outgoing {
  text: string;
  /** Inline buttons, row by row. Flows keep to at most 10 buttons (VK's inline limit). */
  buttons?: Button[][];
  image?: OutgoingImage;
  document?: OutgoingDocument;
}

/**
 * What the chat shows while the bot prepares something slow: Telegram's "sending a file…" or "sending
 * a photo…", MAX's sending_file / sending_photo, VK's "typing…" (VK offers a community nothing closer).
 */
export type ChatActivity = "uploading-document" | "uploading-photo";

export interface Recipient {
  chatId: string;
  /** VK: false means the client needs text buttons instead of callback buttons. */
  callbackButtons?: boolean;
}

export type SendResult =
  /** `sent`: the platform's messages that render it, in order (the buttons are on the last text part). */
  | { ok: true; sent?: MessageRef[] }
  /** The user blocked the bot or deleted the chat: stop sending until they write again. */
  | { ok: false; reason: "blocked" }
  /** Still failing after the adapter's own retries. */
  | { ok: false; reason: "failed"; error: string; retryAfterMs?: number };

export interface SendOptions {
  /** Lets platforms that de-duplicate (VK's random_id) turn a retry of the same logical message into a no-op. */
  idempotencyKey?: string;
  /**
   * The caller keeps the message and sends it again later (the outbox): a rate limit met before any
   * part went out is handed back at once as `retryAfterMs` instead of being waited out in place, so a
   * sender never sleeps while other recipients' messages could go.
   */
  queued?: boolean;
}

/** Implemented by each messenger adapter; used by the runtime and by outbox delivery. */
export interface MessengerPort {
  readonly platform: Platform;
  /** Sends one message (split into parts when the platform needs it). */
  send(to: Recipient, message: Outgoing, options?: SendOptions): Promise<SendResult>;
  /**
   * Replaces a sent message's text and buttons (no buttons: none left). Fails when the platform
   * cannot (too old, a file, a text needing two messages): the caller sends a new message instead.
   */
  edit(to: Recipient, message: MessageRef, replacement: Outgoing): Promise<SendResult>;
  /** Takes the buttons off sent messages, leaving their text: their question was answered or moved on. */
  removeButtons(to: Recipient, messages: MessageRef[]): Promise<void>;
  /** Ends a pressed button's spinner, showing `toast` briefly when given; failures are only logged. */
  answerPress(to: Recipient, answerId: string, toast?: string): Promise<void>;
  /**
   * Shows an activity in the chat until the next message (or a few seconds). Best effort: a failure
   * is logged by the adapter and never thrown, since nothing is lost without the indicator.
   */
  showActivity(to: Recipient, activity: ChatActivity): Promise<void>;
  /** A deep link that opens the bot with a start payload (t.me/<bot>?start=, vk.me/<group>?ref=). */
  startLink(payload: string): string;
  /**
   * Fetches a photo or a file a person sent. Refuses one over `maxBytes` without reading it all (by the
   * size the platform tells, else by counting as it arrives); never throws for the platform's faults.
   */
  download(media: IncomingMedia, maxBytes: number): Promise<DownloadResult>;
}

/**
 * The runtime's entrance for adapters: store the update durably, then process it in the background.
 * "throttled": a press over its chat's flood limit, answered and dropped without being stored; the
 * platform is answered as for any other update (it must not send it again).
 */
export interface UpdateSink {
  accept(incoming: Incoming): Promise<"accepted" | "duplicate" | "throttled">;
}
