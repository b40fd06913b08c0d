import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import type { Button } from "#root/messaging/messenger.ts";

export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;
export const CALLBACK_DATA_MAX_BYTES = 64;

/** Breaks we prefer to cut at, best first. */
const BREAKS = ["\n\n", "\n", " "];

/**
 * Splits a text into parts of at most `limit` UTF-16 units (never more characters than Telegram
 * counts), cutting at a paragraph, then a line, then a word boundary when one lies in the second
 * half of the window, so that no part is needlessly short.
 */
export function splitText(text: string, limit: number = TEXT_LIMIT): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const cut = cutPoint(rest, limit);
    const part = rest.slice(0, cut).trimEnd();
    if (part.length > 0) parts.push(part);
    rest = rest.slice(cut).replace(/^\s+/, "");
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}

function cutPoint(text: string, limit: number): number {
  const window = text.slice(0, limit + 1);
  for (const mark of BREAKS) {
    const at = window.lastIndexOf(mark);
    if (at >= limit / 2 && at <= limit) return at;
  }
  // No boundary: cut hard, but never between the halves of a surrogate pair.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
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
