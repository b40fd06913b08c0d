/**
 * The pair's chat suites' shared set-up: the pairs of messengers a mentor and a mentee write from (each
 * messenger takes both parts across them), a pair at work with a 12-year-old on two messengers, and
 * opening the chat from a fresh menu.
 */
import type { Platform } from "#root/messaging/messenger.ts";
import { toNextMidday } from "./calendar.ts";
import type { ChatUser } from "./chat-user.ts";
import { freshMenu, pressOn } from "./cycle-journey.ts";
import { ru } from "./journeys.ts";
import { startWorkingPair, type WorkingPairFixture } from "./pairs.ts";
import type { TestStack } from "./stack.ts";

export const MENTOR = "Ирина Сергеевна Волкова";
export const MENTEE = "Петя Соколов";

/** Mentor's and mentee's messengers. */
export const CHAT_MESSENGERS: Array<[Platform, Platform]> = [
  ["telegram", "vk"],
  ["vk", "max"],
  ["max", "telegram"],
];

/**
 * Pairs at work in the daytime, a 12-year-old mentee on `menteePlatform` and an adult mentor on
 * `mentorPlatform`, each pair from its own block of user ids starting at `firstId`.
 */
export function pairsAt12(
  stack: TestStack,
  mentorPlatform: Platform,
  menteePlatform: Platform,
  firstId: number,
): () => Promise<WorkingPairFixture> {
  let nextBlock = firstId;
  return async () => {
    toNextMidday(stack);
    const block = nextBlock;
    nextBlock += 10;
    return startWorkingPair(stack, mentorPlatform, block, { menteePlatform, menteeAge: 12, mentorName: MENTOR, menteeName: MENTEE });
  };
}

/** Opens the chat from a fresh menu. */
export async function openChat(stack: TestStack, user: ChatUser, name: string): Promise<void> {
  await stack.settle();
  await pressOn(user, await freshMenu(user, name), ru("button-pair-chat"));
}
