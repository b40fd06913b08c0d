import type { AttachmentRequest, Button as MaxButton } from "@maxhub/max-bot-api/types";
import type { Button, Outgoing } from "#root/messaging/messenger.ts";
import { splitText as splitParts } from "#root/messaging/text-parts.ts";

/** NewMessageBody.text: at most 4,000 characters (the schema's maxLength). */
export const TEXT_LIMIT = 4000;

/**
 * Limits of an inline keyboard. From the schema: a button's text 1–128 characters, a callback
 * payload at most 1,024, a link at most 2,048. The grid (210 buttons, 30 rows, 7 in a row, 3 in a row
 * holding a link) is not in the schema: it is what MAX's documentation is reported to say, kept as
 * the safe side.
 */
export const INLINE_KEYBOARD = {
  maxLabel: 128,
  maxPayload: 1024,
  maxUrl: 2048,
  maxButtons: 210,
  maxRows: 30,
  maxPerRow: 7,
  maxPerRowWithLink: 3,
};

/** One POST /messages. `image: true` and `document: true` mark the ones that carry the uploaded picture and file. */
export interface PlannedMessage {
  text?: string;
  keyboard?: AttachmentRequest;
  image?: true;
  document?: true;
}

/**
 * Turns one outgoing message into the MAX messages that render it, in order: the text in parts of at
 * most 4,000 characters with the image and the keyboard on the last part (an image may share its
 * message with a keyboard), and the document. A file must be the only attachment of its message (the
 * schema's FileAttachmentRequest), so it rides with the last text part when there are no buttons and
 * no image, and comes alone after the text when there are. Throws on programming
 * errors (an oversized payload, an empty message) before anything is sent.
 */
export function planMessages(message: Outgoing): PlannedMessage[] {
  const keyboard = message.buttons?.length ? inlineKeyboard(message.buttons) : undefined;
  const texts = message.text.length > 0 ? splitText(message.text) : [];
  const planned: PlannedMessage[] = texts.map((text) => ({ text }));
  if (message.image) {
    const last = planned.at(-1);
    if (last) last.image = true;
    else planned.push({ image: true });
  }
  if (keyboard) {
    const last = planned.at(-1);
    if (last) last.keyboard = keyboard;
    else planned.push({ keyboard });
  }
  if (message.document) {
    const last = planned.at(-1);
    if (last && !last.keyboard && !last.image) last.document = true;
    else planned.push({ document: true });
  }
  if (planned.length === 0) throw new Error("A MAX message needs text, buttons, an image or a document");
  return planned;
}

/** The text in parts the messenger takes (see messaging/text-parts.ts). */
export function splitText(text: string, limit: number = TEXT_LIMIT): string[] {
  return splitParts(text, limit);
}

/** Renders neutral buttons as MAX's inline keyboard, wide rows broken to fit; over MAX's limits is a programming error. */
export function inlineKeyboard(rows: Button[][]): AttachmentRequest {
  const buttons = rows.flatMap(fitRow).map((row) => row.map(maxButton));
  const count = buttons.reduce((total, row) => total + row.length, 0);
  if (count > INLINE_KEYBOARD.maxButtons || buttons.length > INLINE_KEYBOARD.maxRows) {
    throw new Error(
      `A MAX keyboard holds at most ${INLINE_KEYBOARD.maxButtons} buttons in ${INLINE_KEYBOARD.maxRows} rows: ${count} in ${buttons.length}`,
    );
  }
  return { type: "inline_keyboard", payload: { buttons } };
}

function fitRow(row: Button[]): Button[][] {
  if (row.length === 0) return [];
  const perRow = row.some((button) => "url" in button) ? INLINE_KEYBOARD.maxPerRowWithLink : INLINE_KEYBOARD.maxPerRow;
  const rows: Button[][] = [];
  for (let start = 0; start < row.length; start += perRow) rows.push(row.slice(start, start + perRow));
  return rows;
}

function maxButton(button: Button): MaxButton {
  const text = fitLabel(button.label);
  if ("url" in button) {
    if (button.url.length === 0 || button.url.length > INLINE_KEYBOARD.maxUrl) {
      throw new Error(`Button "${button.label}" has a link of ${button.url.length} characters; MAX takes 1–${INLINE_KEYBOARD.maxUrl}`);
    }
    return { type: "link", text, url: button.url };
  }
  const { length } = button.payload;
  if (length === 0 || length > INLINE_KEYBOARD.maxPayload) {
    throw new Error(
      `Button "${button.label}" has a payload of ${length} characters; MAX's callback payload takes 1–${INLINE_KEYBOARD.maxPayload}: "${button.payload}"`,
    );
  }
  return { type: "callback", text, payload: button.payload };
}

/** Cuts a label to MAX's 128 characters without splitting an emoji; an empty label would be refused, so it becomes "…". */
export function fitLabel(label: string): string {
  if (label.length === 0) return "…";
  if (label.length <= INLINE_KEYBOARD.maxLabel) return label;
  let cut = "";
  for (const character of Array.from(label)) {
    if (cut.length + character.length + 1 > INLINE_KEYBOARD.maxLabel) break;
    cut += character;
  }
  return `${cut.trimEnd()}…`;
}
