/**
 * One test person, whatever the messenger: journeys are written once and run on Telegram, VK and MAX.
 */
import type { Platform } from "#root/messaging/messenger.ts";
import type { SentMessage as MaxSentMessage, MaxTestUser } from "./max-api-double.ts";
import type { TelegramTestUser } from "./telegram.ts";
import type { SentMessage, VkTestUser } from "./vk-api-double.ts";

export interface ChatButton {
  label: string;
  /** The payload a press sends (callback_data on Telegram, our payload inside VK's JSON). */
  payload?: string;
  url?: string;
}

export interface ChatMessage {
  /** The platform's message id (Telegram message_id, VK message id). */
  id: number;
  /** How many times the bot edited it since it was sent. */
  version: number;
  /** The text, or the caption of a photo or a file. */
  text: string;
  buttons: ChatButton[][];
  /** The picture the message shows as a photo (sendPhoto, a VK photo attachment, a MAX image): its bytes. */
  photo?: Buffer;
  /** The file the message offers to download (sendDocument, a VK doc attachment, a MAX file). */
  document?: { filename: string; bytes: Buffer };
}

/** An indicator the chat showed ("upload_document", "typing", "sending_file"…), in the platform's own words. */
export interface ChatActivity {
  action: string;
  /** The id of the bot's latest message in the chat when it was shown; none before the first. */
  afterMessageId?: number;
}

export interface ChatUser {
  readonly platform: Platform;
  readonly userId: number;
  /** Where the bot writes to them: the user id on Telegram and VK, the dialog's chat id on MAX. */
  readonly chatId: string;
  /** Opens the bot through a start link (Telegram `/start <payload>`, VK `vk.me/…?ref=<payload>`). */
  open(payload: string): Promise<void>;
  send(text: string): Promise<void>;
  sendSticker(): Promise<void>;
  /** Sends a photo (JPEG or PNG bytes) with an optional caption, as the platform delivers one. */
  sendPhoto(bytes: Buffer, caption?: string): Promise<void>;
  /** Sends a file with an optional caption, as the platform delivers one. */
  sendDocument(filename: string, bytes: Buffer, caption?: string): Promise<void>;
  /** Sends a voice message. */
  sendVoice(): Promise<void>;
  press(label: string | RegExp): Promise<void>;
  /** A button press with any payload (forged, stale, from an old version). */
  pressPayload(payload: string): Promise<void>;
  waitFor(match: string | RegExp, timeoutMs?: number): Promise<ChatMessage>;
  messages(): ChatMessage[];
  /** The toasts (Telegram), snackbars (VK) and notifications (MAX) the bot answered presses with. */
  toasts(): string[];
  /** Resolves with the first toast after those an earlier `waitForToast` took that contains `match`. */
  waitForToast(match: string, timeoutMs?: number): Promise<string>;
  /** The indicators the bot showed in this chat, oldest first. */
  activities(): ChatActivity[];
  /** The platform delivers this user's previous update again, with the same update id / event_id. */
  replayLast(): Promise<void>;
}

export function telegramChatUser(user: TelegramTestUser): ChatUser {
  const convert = (message: {
    messageId: number;
    version: number;
    text: string;
    caption?: string;
    photo?: Buffer;
    document?: { filename: string; bytes: Buffer };
    buttons: { label: string; data?: string; url?: string }[][];
  }): ChatMessage => ({
    id: message.messageId,
    version: message.version,
    text: message.caption ?? message.text,
    buttons: message.buttons.map((row) => row.map((b) => ({ label: b.label, payload: b.data, url: b.url }))),
    ...(message.photo ? { photo: message.photo } : {}),
    ...(message.document ? { document: { filename: message.document.filename, bytes: message.document.bytes } } : {}),
  });
  return {
    platform: "telegram",
    userId: user.userId,
    chatId: String(user.userId),
    open: (payload) => user.send(`/start ${payload}`),
    send: (text) => user.send(text),
    sendSticker: () => user.sendSticker(),
    sendPhoto: (bytes, caption) => user.sendPhoto(bytes, caption),
    sendDocument: (filename, bytes, caption) => user.sendDocument(filename, bytes, caption),
    sendVoice: () => user.sendVoice(),
    press: (label) => user.press(label),
    pressPayload: (payload) => user.pressData(payload),
    waitFor: async (match, timeoutMs) => convert(await user.waitFor(match, timeoutMs)),
    messages: () => user.messages().map(convert),
    activities: () => user.activities(),
    replayLast: async () => user.replayLast(),
    toasts: () => user.toasts(),
    waitForToast: toastReader(() => user.toasts()),
  };
}

/** The text of the follow-up VK message that carries the buttons beyond one inline keyboard. */
const VK_MORE_BUTTONS = "⬇";

export function vkChatUser(user: VkTestUser): ChatUser {
  const buttonsOf = (message: SentMessage): ChatButton[][] =>
    (message.keyboard?.buttons ?? []).map((row) =>
      row.map(({ action }) => ({
        label: action.label ?? "",
        payload: action.payload ? (JSON.parse(action.payload) as { p?: string }).p : undefined,
        url: action.link,
      })),
    );
  /** One message as the person sees it: with the buttons of the "⬇" follow-ups that arrived after it. */
  const convert = (message: SentMessage): ChatMessage => {
    const all = user.messages();
    const buttons = buttonsOf(message);
    for (const next of all.slice(all.findIndex((m) => m.id === message.id) + 1)) {
      if (next.message !== VK_MORE_BUTTONS) break;
      buttons.push(...buttonsOf(next));
    }
    const photo = user.photoOf(message);
    const document = user.documentOf(message);
    return {
      id: message.id,
      version: message.version,
      text: message.message,
      buttons,
      ...(photo ? { photo: photo.bytes } : {}),
      ...(document ? { document: { filename: document.filename, bytes: document.bytes } } : {}),
    };
  };
  return {
    platform: "vk",
    userId: user.userId,
    chatId: String(user.userId),
    open: (payload) => user.open(payload),
    send: (text) => user.send(text),
    sendSticker: () => user.sendSticker(),
    sendPhoto: (bytes, caption) => user.sendPhoto(bytes, caption),
    sendDocument: (filename, bytes, caption) => user.sendDocument(filename, bytes, caption),
    sendVoice: () => user.sendVoice(),
    press: (label) => user.press(label),
    pressPayload: (payload) => user.pressPayload(JSON.stringify({ p: payload })),
    waitFor: async (match, timeoutMs) => convert(await user.waitFor(match, timeoutMs)),
    messages: () =>
      user
        .messages()
        .filter((m) => m.message !== VK_MORE_BUTTONS)
        .map(convert),
    // An indicator after a "⬇" follow-up came after the message whose buttons it carries.
    activities: () =>
      user.activities().map(({ action, afterMessageId }) => {
        const shown =
          afterMessageId === undefined
            ? undefined
            : user
                .messages()
                .filter((message) => message.message !== VK_MORE_BUTTONS && message.id <= afterMessageId)
                .at(-1);
        return { action, ...(shown ? { afterMessageId: shown.id } : {}) };
      }),
    replayLast: () => user.replayLast(),
    toasts: () => user.toasts(),
    waitForToast: toastReader(() => user.toasts()),
  };
}

export function maxChatUser(user: MaxTestUser): ChatUser {
  const convert = (message: MaxSentMessage): ChatMessage => ({
    id: message.id,
    version: message.version,
    text: message.text,
    buttons: (message.keyboard ?? []).map((row) => row.map((button) => ({ label: button.text, payload: button.payload, url: button.url }))),
    ...(message.image ? { photo: message.image.bytes } : {}),
    ...(message.file ? { document: { filename: message.file.filename, bytes: message.file.bytes } } : {}),
  });
  return {
    platform: "max",
    userId: user.userId,
    chatId: String(user.chatId),
    open: (payload) => user.open(payload),
    send: (text) => user.send(text),
    sendSticker: () => user.sendSticker(),
    sendPhoto: (bytes, caption) => user.sendImage(bytes, caption),
    sendDocument: (filename, bytes, caption) => user.sendFile(filename, bytes, caption),
    sendVoice: () => user.sendVoice(),
    press: (label) => user.press(label),
    pressPayload: async (payload) => {
      // MAX reports a press with the message it was on; a person the bot never wrote to has none to
      // press on, so a test's forged press comes after the bot's first answer.
      if (user.messages().length === 0) {
        await user.send("/start");
        for (let waited = 0; user.messages().length === 0; waited += 5) {
          if (waited > 5_000) throw new Error(`The bot never answered ${user.userId}`);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }
      await user.pressPayload(payload);
    },
    waitFor: async (match, timeoutMs) => convert(await user.waitFor(match, timeoutMs)),
    messages: () => user.messages().map(convert),
    activities: () =>
      user.activities().map(({ action, afterMessageId }) => ({ action, ...(afterMessageId !== undefined ? { afterMessageId } : {}) })),
    replayLast: () => user.replayLast(),
    toasts: () => user.toasts(),
    waitForToast: toastReader(() => user.toasts()),
  };
}

function toastReader(toasts: () => string[]): ChatUser["waitForToast"] {
  let taken = 0;
  return async (match, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const all = toasts();
      const index = all.findIndex((toast, at) => at >= taken && toast.includes(match));
      if (index !== -1) {
        taken = index + 1;
        return all[index]!;
      }
      if (Date.now() > deadline) throw new Error(`No toast containing "${match}" within ${timeoutMs} ms; shown: ${JSON.stringify(all)}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
}

/** The start payload inside a deep link of any messenger. */
export function payloadOf(url: string): string {
  const link = new URL(url);
  return link.searchParams.get("start") ?? link.searchParams.get("ref") ?? "";
}

/** The link for a messenger among a message's URL buttons. */
export function linkFor(message: ChatMessage, platform: Platform): string {
  const host = { telegram: "t.me", vk: "vk.me", max: "max.ru" }[platform];
  const url = message.buttons.flat().find((button) => button.url?.includes(host))?.url;
  if (!url) throw new Error(`No ${platform} link in: ${message.text}`);
  return url;
}
