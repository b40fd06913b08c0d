import { createHash, randomInt } from "node:crypto";
import type { Outgoing } from "#root/messaging/messenger.ts";
import { buildKeyboards } from "./keyboard.ts";

export const VK_TEXT_LIMIT = 4096;

/** The keyboard an edit leaves when the message is to have no buttons: VK hides an empty one. */
export const REMOVED_KEYBOARD = JSON.stringify({ inline: true, buttons: [] });

/** Text of the follow-up message that carries buttons beyond what one inline keyboard holds. */
const MORE_BUTTONS_TEXT = "⬇";

/**
 * One `messages.send` call. The last text part carries the uploaded photo and document (with the
 * words that explain them, as a caption does on Telegram).
 */
export interface PlannedMessage {
  text: string;
  keyboard?: string;
  randomId: number;
  image?: true;
  document?: true;
}

/**
 * Turns one outgoing message into the VK messages that render it, in order: the text in parts of
 * at most 4,096 characters with the keyboard, the photo and the document on the last part, then
 * extra keyboards. Each part has its own random_id derived from the idempotency key, so a retry of the
 * whole message is de-duplicated by VK part by part; the files are uploaded before any part goes, so
 * a failed upload sends nothing.
 */
export function planMessages(message: Outgoing, callbackButtons: boolean, idempotencyKey?: string): PlannedMessage[] {
  const keyboards = message.buttons?.length ? buildKeyboards(message.buttons, callbackButtons) : [];
  const planned: PlannedMessage[] = splitText(message.text)
    .filter((text) => text !== "")
    .map((text) => ({ text, randomId: 0 }));
  if (message.image) {
    const last = planned.at(-1);
    if (last) last.image = true;
    else planned.push({ text: "", image: true, randomId: 0 });
  }
  const lastText = planned[planned.length - 1];
  if (lastText && keyboards.length > 0) lastText.keyboard = keyboards.shift();
  if (message.document) {
    if (lastText) lastText.document = true;
    else planned.push({ text: "", document: true, randomId: 0 });
  }
  for (const keyboard of keyboards) planned.push({ text: MORE_BUTTONS_TEXT, keyboard, randomId: 0 });
  if (planned.length === 0) throw new Error("A VK message needs text, buttons, an image or a document");
  for (const [index, part] of planned.entries()) part.randomId = randomIdFor(idempotencyKey, index);
  return planned;
}

/** Splits at a line break, else at a space, in the second half of the limit; else hard, between characters. */
export function splitText(text: string, limit = VK_TEXT_LIMIT): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf("\n", limit);
    if (cut < limit / 2) cut = rest.lastIndexOf(" ", limit);
    if (cut >= limit / 2) {
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut + 1);
      continue;
    }
    cut = isHighSurrogate(rest.charCodeAt(limit - 1)) ? limit - 1 : limit;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  parts.push(rest);
  return parts;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** VK's random_id: a positive int32, stable for a key and part so VK drops a repeated send. */
export function randomIdFor(idempotencyKey: string | undefined, part: number): number {
  if (idempotencyKey === undefined) return randomInt(1, 2 ** 31);
  const digest = createHash("sha256").update(`${idempotencyKey}\u0000${part}`).digest();
  return digest.readUInt32BE(0) & 0x7fffffff || 1;
}
