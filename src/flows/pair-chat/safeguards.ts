import type { ConcernCategory, ConcernMatcher } from "#root/domain/concern-words.ts";
import { findConcerns } from "#root/domain/concern-words.ts";
import { type ContactKind, maskContacts, textAroundMarks } from "#root/domain/contact-masking.ts";
import { loadConcernMatcher } from "#root/i18n/concern-words.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";

/** A message as the pair's chat passes it on: contacts masked, concern words named. */
export interface ScreenedMessage {
  /** What is delivered and kept. */
  body: string;
  masked: readonly ContactKind[];
  concerns: readonly ConcernCategory[];
}

// The kept word lists are read once, on the first message any pair writes (a mistake in them throws there).
let concernMatcher: Promise<ConcernMatcher> | undefined;

/**
 * Screens a message before it leaves its author: concern words are looked for in what the author
 * wrote, and contacts (phone numbers, addresses, handles, links) are masked in what is delivered.
 */
export async function screenMessage(text: string): Promise<ScreenedMessage> {
  concernMatcher ??= loadConcernMatcher().catch((error: unknown) => {
    concernMatcher = undefined;
    throw error;
  });
  const { categories } = findConcerns(await concernMatcher, text);
  const { text: body, masked } = maskContacts(text);
  return { body, masked, concerns: categories };
}

/**
 * A kept message as a reader sees it: the record keeps the school's mark where a contact was hidden,
 * and each reader gets the mark in their own language, rendered when the message reaches them.
 */
export function shownBody(body: string): Msg | string {
  const [first = "", ...rest] = textAroundMarks(body);
  if (rest.length === 0) return body;
  return rest.reduce<Msg>(
    (before, after) => msg("pair-chat-text-with-hidden", { before, hidden: msg("pair-chat-hidden-contact"), after }),
    msg("plain", { text: first }),
  );
}
