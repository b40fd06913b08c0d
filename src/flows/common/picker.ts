import { type Choice, type Dialog, NEXT_PAGE_VALUE as NEXT, PREVIOUS_PAGE_VALUE as PREVIOUS } from "#root/dialog/dialog.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";

const PAGE_SIZE = 7;

/**
 * Ticks per page of a long `chooseMany` list: VK shows at most ten buttons, and Previous, Next, Done
 * and Cancel take four of them.
 */
export const TICKS_PER_PAGE = 6;

/**
 * Picks one item of a list too long for one keyboard: seven buttons a page with "Next" and
 * "Previous" (VK shows at most ten buttons, Cancel included).
 */
export async function pickFromList<T extends string>(d: Dialog, prompt: Msg, items: Choice<T>[]): Promise<T> {
  let page = 0;
  const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  for (;;) {
    const visible: Choice<string>[] = items.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    if (page > 0) visible.push({ value: PREVIOUS, label: msg("button-previous") });
    if (page + 1 < pages) visible.push({ value: NEXT, label: msg("button-next") });
    const text = pages > 1 ? msg("picker-page", { prompt, page: page + 1, pages }) : prompt;
    const chosen = await d.choose(text, visible);
    if (chosen === NEXT) page += 1;
    else if (chosen === PREVIOUS) page -= 1;
    else return chosen as T;
  }
}
