/**
 * What a person sees of the bot's screens: a refusal in a toast, a question on screen again. Shared by
 * the journeys that try bad input on every prompt.
 */
import { expect } from "vitest";
import type { ChatMessage, ChatUser } from "./chat-user.ts";
import { labels } from "./journeys.ts";

interface Settles {
  /** Returns once every update and job in flight is handled. */
  settle(): Promise<void>;
}

/** A stale or unknown button says so where it was pressed, in a toast: nothing new comes in the chat. */
export async function refusedInToast(stack: Settles, user: ChatUser, toast: string): Promise<void> {
  const before = user.messages().length;
  await user.waitForToast(toast);
  await stack.settle();
  expect(user.messages()).toHaveLength(before);
}

/**
 * The question is on screen again under the notice: a new message, or the pressed one updated (or
 * left as it was when it already said exactly this: Telegram keeps a message an edit would not change).
 */
export async function askedAgain(stack: Settles, user: ChatUser, notice: string, prompt: string, buttons: string[]): Promise<ChatMessage> {
  await user.waitFor(`${notice}\n\n${prompt}`, 500).catch(() => undefined);
  await stack.settle();
  const screen = user.messages().findLast((message) => message.buttons.length > 0)!;
  expect(screen.text).toBe(`${notice}\n\n${prompt}`);
  expect(labels(screen)).toEqual(buttons);
  return screen;
}
