import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import type { Button } from "#root/messaging/messenger.ts";
import { splitText as splitParts } from "#root/messaging/text-parts.ts";

export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;
export const CALLBACK_DATA_MAX_BYTES = 64;

/** The text in parts the messenger takes (see messaging/text-parts.ts). */
export function splitText(text: string, limit: number = TEXT_LIMIT): string[] {
  return splitParts(text, limit);
}

/** Renders neutral buttons as an inline keyboard; an oversized payload is a programming error. */
export function inlineKeyboard(rows: Button[][]): InlineKeyboardMarkup {
  return {
    inline_keyboard: rows.map((row) => row.map(inlineButton)),
  };
}

function inlineButton(button: Button): InlineKeyboardButton {
  if ("url" in button) return { text: button.label, url: button.url };
  const bytes = Buffer.byteLength(button.payload, "utf8");
  if (bytes === 0 || bytes > CALLBACK_DATA_MAX_BYTES) {
    throw new Error(
      `Button "${button.label}" has a payload of ${bytes} bytes; Telegram's callback_data takes 1–${CALLBACK_DATA_MAX_BYTES}: "${button.payload}"`,
    );
  }
  return { text: button.label, callback_data: button.payload };
}
