import { Keyboard } from "vk-io";
import type { Button } from "#root/messaging/messenger.ts";

/** VK's limits for an inline keyboard. */
export const INLINE_KEYBOARD = { maxButtons: 10, maxRows: 6, maxPerRow: 5, maxLabel: 40, maxPayload: 255 };

/**
 * vk-io puts at most two link buttons in a row and starts a new row before one when the row
 * already has two buttons; rows holding a link are pre-split the same way so the row count we
 * plan with is the one vk-io renders.
 */
const MAX_PER_ROW_WITH_LINK = 2;

/**
 * Renders rows of buttons as inline keyboards (JSON for `messages.send`). One keyboard when the
 * buttons fit VK's limits; otherwise several, the extra ones for follow-up messages.
 */
export function buildKeyboards(rows: Button[][], callbackButtons: boolean): string[] {
  const keyboards: Button[][][] = [];
  let current: Button[][] = [];
  let buttonsInCurrent = 0;
  for (const row of splitWideRows(rows)) {
    const fits = current.length < INLINE_KEYBOARD.maxRows && buttonsInCurrent + row.length <= INLINE_KEYBOARD.maxButtons;
    if (!fits) {
      keyboards.push(current);
      current = [];
      buttonsInCurrent = 0;
    }
    current.push(row);
    buttonsInCurrent += row.length;
  }
  if (current.length > 0) keyboards.push(current);
  return keyboards.map((keyboard) => renderKeyboard(keyboard, callbackButtons));
}

function splitWideRows(rows: Button[][]): Button[][] {
  const result: Button[][] = [];
  for (const row of rows) {
    const perRow = row.some((button) => "url" in button) ? MAX_PER_ROW_WITH_LINK : INLINE_KEYBOARD.maxPerRow;
    for (let start = 0; start < row.length; start += perRow) result.push(row.slice(start, start + perRow));
  }
  return result;
}

function renderKeyboard(rows: Button[][], callbackButtons: boolean): string {
  const builder = Keyboard.builder().inline();
  for (const row of rows) {
    for (const button of row) {
      const label = fitLabel(button.label);
      if ("url" in button) {
        builder.urlButton({ label, url: button.url });
        continue;
      }
      const payload = buttonPayload(button.payload);
      if (callbackButtons) builder.callbackButton({ label, payload });
      else builder.textButton({ label, payload });
    }
    builder.row();
  }
  return builder.toString();
}

/**
 * The payload object of our buttons (vk-io serialises it). The one-letter key leaves nearly all of
 * VK's 255 characters to the flow's payload; the mapping reads it back from `p`.
 */
function buttonPayload(payload: string): { p: string } {
  const packed = { p: payload };
  const length = JSON.stringify(packed).length;
  if (length > INLINE_KEYBOARD.maxPayload) {
    throw new Error(`VK button payload is ${length} characters of JSON, over ${INLINE_KEYBOARD.maxPayload}: ${payload}`);
  }
  return packed;
}

/** Cuts a label to VK's 40 characters (UTF-16 units, as VK counts) without splitting an emoji. */
export function fitLabel(label: string): string {
  if (label.length <= INLINE_KEYBOARD.maxLabel) return label;
  const characters = Array.from(label);
  let cut = "";
  for (const character of characters) {
    if (cut.length + character.length + 1 > INLINE_KEYBOARD.maxLabel) break;
    cut += character;
  }
  return `${cut.trimEnd()}…`;
}
