import type { Address } from "#root/i18n/translator.ts";
import type { Incoming, Platform } from "#root/messaging/messenger.ts";

/*
 * What the runtime itself needs from storage, declared here, where it is used: the repositories in
 * db/ satisfy these by their shape. Flows get the full repositories through FlowContext instead.
 */

/** An update as the inbox holds it until it is handled. */
export interface StoredUpdate {
  id: number;
  incoming: Incoming;
  /** How many times handling it failed for the infrastructure (or its sender was told to wait). */
  attempts: number;
}

/** Accepted updates, durable before the platform is answered; also the de-duplication record. */
export interface InboxPort {
  /**
   * Stores an update and touches the chat's account (as AccountsPort.touch, on `today`) in one round
   * trip; undefined when one with the same key was stored before (a replay). `olderPending`: the chat
   * had updates not yet handled when it was stored.
   */
  add(incoming: Incoming, today: Date): Promise<{ id: number; olderPending: boolean; account: ChatAccount } | undefined>;
  /** The chat's unprocessed updates in the order they were accepted. */
  pending(platform: Platform, chatId: string, limit?: number): Promise<StoredUpdate[]>;
  markProcessed(id: number): Promise<void>;
  /** Marks one update processed and returns the chat's next pending ones, in one round trip. */
  markProcessedThenPending(id: number, platform: Platform, chatId: string): Promise<StoredUpdate[]>;
  countAttempt(id: number): Promise<void>;
  /** Gives an update up: kept for the operator, never handled again. */
  deadLetter(id: number, reason: string): Promise<void>;
  /** Chats with updates left unprocessed for longer than `olderThanMs` (a crash, an outage). */
  stalledChats(olderThanMs: number): Promise<Array<{ platform: Platform; chatId: string }>>;
  /** Forgets processed updates older than `olderThanMs`. */
  prune(olderThanMs: number): Promise<unknown>;
}

/** The messenger account behind a chat, as the runtime needs it to answer. */
export interface ChatAccount {
  id: number;
  /** The person's chosen language, else the client's language tag. */
  personLocale: string | null;
  /** The language picked with /language before registering. */
  chosenLocale: string | null;
  languageCode: string | null;
  callbackButtons: boolean;
  /** «ты» or «вы»: how the bot speaks to the person (see domain/address.ts). */
  address: Address;
}

export interface AccountsPort {
  /** Records that the account wrote now (creating it on first contact) and returns it. */
  touch(incoming: Incoming, today: Date): Promise<ChatAccount>;
  /** The user blocked the bot: nothing more is sent to the account until it writes again. */
  markBlocked(accountId: number): Promise<void>;
}
