import { defineAction, idField } from "#root/dialog/actions.ts";

/** The pair's chat through the bot: writing to the other side (without a pair, the person picks one). */
export const pairChatAction = defineAction({ name: "pair-chat", flow: "pair-chat", optional: { pairId: idField } });
/** A coordinator reads a pair's chat (allowed while a help report or an alert concerns the pair). */
export const pairChatLogAction = defineAction({
  name: "pair-chat-log",
  flow: "pair-chat-log",
  fields: { orgId: idField, pairId: idField },
});

export const PAIR_CHAT_ACTIONS = [pairChatAction, pairChatLogAction];
