import type { Repositories } from "#root/db/repositories/index.ts";
import type { OutboxRecipient } from "#root/db/repositories/outbox.ts";
import type { Locale } from "#root/i18n/translator.ts";
import type { MessageSpec } from "#root/messaging/message-spec.ts";
import type { DownloadResult, IncomingMedia, Platform } from "#root/messaging/messenger.ts";
import type { Dialog } from "./dialog.ts";

/** Sends messages to people other than the one in the chat, through the outbox. */
export interface Notifier {
  /**
   * Plans a message once per dedupKey; delivered in the recipient's language on the messenger they used last.
   * `urgent` messages skip the quiet hours that otherwise hold messages to minors overnight.
   */
  send(to: OutboxRecipient, message: MessageSpec, dedupKey: string, options?: { urgent?: boolean }): Promise<void>;
}

export interface StartLinks {
  /** Deep links that open the bot with a payload, for each configured messenger. */
  all(payload: string): Array<{ platform: Platform; url: string }>;
}

/** What a flow may use besides its Dialog. Values that vary between replays are read through `d.run`. */
export interface FlowContext {
  repos: Repositories;
  notify: Notifier;
  links: StartLinks;
  chat: { platform: Platform; chatId: string; accountId: number };
  defaultLocale: Locale;
  /**
   * The app's clock (tests and the playground move it). Read it inside `d.run`, whose result is
   * recorded, or use `d.now()` outside one: a replay must see the same instant.
   */
  now(): Date;
  /**
   * Runs a coordinator's queries confined to one organisation (row-level security in the database
   * as well as the queries' own filters).
   */
  inOrganisation<T>(orgId: number, work: (repos: Repositories) => Promise<T>): Promise<T>;
  /**
   * Runs a territory coordinator's queries under the role that reads only the regional aggregates
   * (small cells hidden), confined to one territory: never a person's row, whatever a query asks for.
   */
  inTerritory<T>(territoryId: number, work: (repos: Repositories) => Promise<T>): Promise<T>;
  /**
   * Fetches a photo or a file this chat's person sent (an answer taken with `AskOptions.media`) from
   * their messenger, refusing one over `maxBytes`. Call it inside `d.run` and keep the bytes out of
   * what the run returns: its result is recorded in the replay log.
   */
  download(media: IncomingMedia, maxBytes: number): Promise<DownloadResult>;
  /** Asks the outbox to deliver now what was planned outside `notify` (an announcement's rows). */
  kickDelivery(): void;
  /** Clears another chat's flow (after an erasure took its person away). */
  forgetChat(platform: Platform, chatId: string): Promise<void>;
}

/** A flow may hand the chat over to another flow when it ends. */
// biome-ignore lint/suspicious/noConfusingVoidType: a flow that hands nothing over simply returns (Promise<void>)
export type FlowOutcome = void | { next: string; args?: unknown };

// biome-ignore lint/suspicious/noExplicitAny: the router holds flows of every argument type in one list
export interface FlowDefinition<A = any> {
  name: string;
  /** Bump when the flow's sequence of prompts and effects changes: in-flight copies restart cleanly. */
  version: number;
  run(d: Dialog, ctx: FlowContext, args: A): Promise<FlowOutcome>;
}

/** How idle chats (no flow waiting) turn commands and menu buttons into flows. */
export interface FlowRouter {
  command(command: string, args: string): { flow: string; args?: unknown } | undefined;
  action(action: string, arg: string | undefined): { flow: string; args?: unknown } | undefined;
  /** Text or anything else that arrives when no flow waits. */
  idle(): { flow: string; args?: unknown };
}

/** A flow to start, with its arguments. */
export interface FlowStart {
  flow: string;
  args?: unknown;
}

/** Turns a menu button's argument into the flow it starts; undefined for an argument that cannot be (a forged button). */
export type ActionRoute = (arg: string | undefined) => FlowStart | undefined;

/**
 * A feature of the bot (registration, meetings, closing…): its conversations, the buttons that
 * start them (see `defineAction`), and the commands typed as /name. The router is a list of features.
 */
export interface Feature {
  flows: FlowDefinition[];
  actions: ReadonlyArray<{ name: string; flow: string; route: ActionRoute }>;
  commands?: Record<string, (args: string) => FlowStart>;
}
