import type { Parsed } from "#root/domain/parsers.ts";
import type { Address, Locale, Msg } from "#root/i18n/translator.ts";
import type { SpecButton } from "#root/messaging/message-spec.ts";
import type { IncomingMedia } from "#root/messaging/messenger.ts";

/**
 * The port every flow talks through. A flow is replayed from the start on every answer, so all
 * effects (database, clock, randomness, sending) go through `run`, `say` or the prompts, which are
 * recorded once and replayed from the record. A whole flow, served on every messenger:
 *
 *   export const renameFlow: FlowDefinition = {
 *     name: "rename",
 *     version: 1,
 *     async run(d, ctx) {
 *       const person = await currentPerson(d, ctx);
 *       if (!person) return;
 *       const name = await d.ask(msg("register-mentee-name"), { parse: parsePersonName });
 *       const sure = await d.choose(msg("profile-field-name"), yesNo("button-save", "button-cancel"));
 *       if (sure === "no") return;
 *       await d.run("rename", () => ctx.repos.people.rename(person.id, name));
 *       await d.say(msg("profile-saved"), { buttons: [[menuAction.button(msg("button-menu"))]] });
 *     },
 *   };
 */

export interface Choice<T extends string = string> {
  value: T;
  label: Msg;
}

export interface SayOptions {
  /** Buttons that start menu actions or open links; rows of buttons. */
  buttons?: SpecButton[][];
  /** A picture (PNG) shown in the chat as a photo, with the text as its caption where it fits. */
  image?: { filename: string; content: Uint8Array };
  document?: { filename: string; mimeType: string; content: Uint8Array };
  /**
   * A message to be forwarded as it is (a parent's consent link): it goes alone, with no text said
   * before it joined in, and nothing said after it joins it either.
   */
  forwardable?: boolean;
}

export interface AskOptions<T> {
  parse(text: string): Parsed<T>;
  /** Ready answers shown as buttons; pressing one is the same as typing its value. */
  suggestions?: Choice[];
  /** Suggestions per row (default 3). */
  columns?: number;
  /** Takes a photo or a file as an answer too; without it they are refused as something the bot cannot read. */
  media?: MediaAnswers<T>;
}

export interface MediaAnswers<T> {
  /** A photo or a file with the text written under it, as the platform announced it (not downloaded). */
  parse(media: IncomingMedia, caption: string | undefined): Parsed<T>;
  /** Said instead of the general "cannot read it" for a sticker, a voice message…: what this question does take. */
  unsupported: Msg;
}

export interface ChooseOptions {
  /** Buttons per row (default 1 for long labels, the flow may ask for 2 or 3). */
  columns?: number;
}

export interface ChooseManyOptions extends ChooseOptions {
  initial?: string[];
  min?: number;
  /**
   * Choices per page for a list longer than that: "Previous" and "Next" turn the pages and the ticks
   * hold across them. Without it every choice is one button.
   */
  pageSize?: number;
}

export interface Dialog {
  /** Sends a message to this chat. */
  say(text: Msg | Msg[], options?: SayOptions): Promise<void>;
  /** Asks for typed text until `parse` accepts it; explains each refusal. */
  ask<T>(prompt: Msg, options: AskOptions<T>): Promise<T>;
  /** Asks to press one of the buttons; typed text matching a label is accepted too. */
  choose<T extends string>(prompt: Msg, choices: Choice<T>[], options?: ChooseOptions): Promise<T>;
  /** Several buttons toggled on and off, then "Done". */
  chooseMany<T extends string>(prompt: Msg, choices: Choice<T>[], options?: ChooseManyOptions): Promise<T[]>;
  /**
   * Records, for a later Cancel, something this flow has already saved (a cancel then says what was
   * kept instead of "nothing saved"). Call it after the effect, outside `run`: it is replayed too.
   */
  noteSaved(what: Msg): void;
  /**
   * Shows the messenger's upload indicator ("sending a file…", "sending a photo…") in this chat before
   * slow work that ends in a document or a picture. Shown once (a replay skips it); a failure to show
   * it is logged and never stops the flow.
   */
  showUpload(what: "document" | "photo"): Promise<void>;
  /** Runs an effect once; on replay its recorded result is returned instead. */
  run<T>(key: string, effect: () => Promise<T>): Promise<T>;
  /**
   * True once this run of the flow has asked CHECKPOINT_PROMPTS questions. Every update replays a
   * run from its start, so an update's cost grows with the questions before it: a flow that loops
   * (reviewing card after card, editing field after field) returns `{ next: <its own name>, args }` at
   * the top of its loop when this is true, and goes on as a new run that replays nothing before.
   */
  readonly checkpointDue: boolean;
  /** The current time, recorded so that replays see the same instant. */
  now(): Promise<Date>;
  /** A message as text in this chat's language (for files, whose cells are plain text). */
  translate(message: Msg): string;
  /** Renders this chat's next messages in another language (after the person changed it). */
  useLocale(locale: Locale): void;
  /** Speaks to the chat with «ты» or «вы» from now on (the person just told the bot who they are). */
  useAddress(address: Address): void;
  readonly address: Address;
  readonly locale: Locale;
  /** Set by `runSteps`: prompts offer "Back" while it is true. */
  backAllowed: boolean;
}

/** Thrown by a prompt when the person pressed "Back"; caught by `runSteps`. */
export class GoBack extends Error {
  override name = "GoBack";
}

/** Thrown by a prompt when the person pressed "Cancel" or typed /cancel. */
export class FlowCancelled extends Error {
  override name = "FlowCancelled";
}

/** What a prompt receives from the runtime when the person answers. */
export type Answer =
  | { kind: "text"; text: string }
  | { kind: "button"; value: string }
  | { kind: "media"; media: IncomingMedia; caption?: string }
  | { kind: "unsupported"; what: string };

export const BACK_VALUE = "back";
export const CANCEL_VALUE = "cancel";
export const DONE_VALUE = "done";
export const PREVIOUS_PAGE_VALUE = "previous-page";
export const NEXT_PAGE_VALUE = "next-page";

/**
 * Runs steps in order; "Back" on a step's prompt returns to the step before. Steps keep their
 * answers in `draft`, so going back shows what was answered.
 */
export async function runSteps<D>(dialog: Dialog, draft: D, steps: Array<(draft: D) => Promise<void>>): Promise<D> {
  let index = 0;
  while (index < steps.length) {
    const step = steps[index]!;
    dialog.backAllowed = index > 0;
    try {
      await step(draft);
      index += 1;
    } catch (error) {
      if (error instanceof GoBack && index > 0) {
        index -= 1;
        continue;
      }
      throw error;
    } finally {
      dialog.backAllowed = false;
    }
  }
  return draft;
}
