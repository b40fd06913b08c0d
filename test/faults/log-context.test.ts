/**
 * Fault: a reply the platform refuses, on every messenger, while every log line of the app is kept.
 * The lines written during an update's work (the reply's delivery, the adapter's send) carry the
 * update's and the chat's ids, so an operator can follow one update through the logs; lines of work
 * that is not the update's (the outbox round it kicked) do not.
 */
import { describe, expect, it } from "vitest";
import type { Platform } from "#root/messaging/messenger.ts";
import { waitUntil } from "../support/faults/waiting.ts";
import { logCapture } from "../support/log-capture.ts";
import { useTestStack } from "../support/stack.ts";

const { stream: logTo, lines } = logCapture();
const stack = useTestStack({ logTo });

interface LogLine {
  msg: string;
  platform?: string;
  updateKey?: string;
  chatId?: string;
}
const parsed = (): LogLine[] => lines.map((line) => JSON.parse(line) as LogLine);

const BLOCKED_REPLY = "reply not delivered: the user blocked the bot";

function block(platform: Platform, chatId: string): void {
  if (platform === "telegram") stack.telegramServer.rules.block(chatId);
  else if (platform === "vk") stack.vkApi.block(Number(chatId));
  else stack.maxApi.block(Number(chatId));
}

describe.each(["telegram", "vk", "max"] as const)("the log lines of an update's work on %s", (platform: Platform) => {
  const userId = { telegram: 900_801, vk: 900_811, max: 900_821 }[platform];

  it("carry the update's and the chat's ids", async () => {
    const person = stack.user(platform, userId, "Лиза");
    // The first answer tells us the chat (MAX's dialog id); then the person stops the bot and writes again.
    await person.send("/start");
    await person.waitFor(/./);
    await stack.settle();
    block(platform, person.chatId);
    const before = lines.length;
    await person.send("/help");

    await waitUntil(
      "the refused reply is logged",
      () =>
        parsed()
          .slice(before)
          .some((line) => line.msg === BLOCKED_REPLY),
      10_000,
    );
    const aboutTheChat = parsed()
      .slice(before)
      .filter((line) => line.chatId === person.chatId);
    const refusal = aboutTheChat.find((line) => line.msg === BLOCKED_REPLY);
    // The reply's delivery names only the chat itself: the update's ids come from the work it runs in.
    expect(refusal?.platform).toBe(platform);
    expect(refusal?.updateKey).toMatch(new RegExp(`^${platform}:.`));
    // Every line about the chat during the update names the same update, the adapter's own included.
    expect(aboutTheChat.map((line) => [line.msg, line.updateKey])).toEqual(aboutTheChat.map((line) => [line.msg, refusal!.updateKey]));
    if (platform === "max") expect(aboutTheChat.map((line) => line.msg)).toContain("max user unreachable: blocked or stopped the bot");
  });
});
