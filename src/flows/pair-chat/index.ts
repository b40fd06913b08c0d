import type { Feature } from "#root/dialog/flow.ts";
import { PAIR_CHAT_ACTIONS } from "./actions.ts";
import { pairChatFlow } from "./chat.ts";
import { pairChatLogFlow } from "./log.ts";

export * from "./actions.ts";

/** The pair's chat: people of a pair or group write to each other through the bot, under safeguards. */
export const pairChatFeature: Feature = {
  flows: [pairChatFlow, pairChatLogFlow],
  actions: PAIR_CHAT_ACTIONS,
};
