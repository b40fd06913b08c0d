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

// The chat record's shapes are the statements' own (one definition, in the repository that writes them).
export type { HeldChat, LeaseRequest, Settled, Settlement } from "#root/db/repositories/inbox.ts";

import type { HeldChat, LeaseRequest, Settled, Settlement } from "#root/db/repositories/inbox.ts";

/**
 * Accepted updates, durable before the platform is answered, the de-duplication record, and each
 * chat's record: its flow, its screen and the lease of the one holder that handles its updates.
 */
export interface InboxPort {
  /**
   * Stores an update, touches the chat's account (as AccountsPort.touch, on `today`) and takes the
   * chat's lease when it is free (or counts the update as waiting for its holder), in one round trip;
   * undefined when one with the same key was stored before (a replay). `olderPending`: the chat had
   * updates not yet handled when it was stored.
   */
  add(
    incoming: Incoming,
    today: Date,
    lease: LeaseRequest,
  ): Promise<{ id: number; olderPending: boolean; account: ChatAccount; taken?: HeldChat; waiting: number } | undefined>;
  /** Takes a free chat with its record and pending updates, in one round trip; undefined while another holds it. */
  take(platform: Platform, chatId: string, lease: LeaseRequest): Promise<(HeldChat & { pending: StoredUpdate[] }) | undefined>;
  /**
   * Keeps the chat's record, marks the update and renews or lets go of the lease, in one round trip;
   * undefined (nothing written) when the lease was lost to another holder.
   */
  settle(settlement: Settlement): Promise<Settled | undefined>;
  /** Extends a lease still held: false when it was lost to another holder. */
  renew(platform: Platform, chatId: string, token: number, lease: LeaseRequest): Promise<boolean>;
  /** The chat's unprocessed updates in the order they were accepted. */
  pending(platform: Platform, chatId: string, limit?: number): Promise<StoredUpdate[]>;
  /** Forgets a chat's flow and screen (its person was erased). */
  forgetChat(platform: Platform, chatId: string): Promise<void>;
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
