import type { ConcernCategory, ConcernMatcher } from "#root/domain/concern-words.ts";
import { findConcerns } from "#root/domain/concern-words.ts";
import { type ContactKind, maskContacts } from "#root/domain/contact-masking.ts";
import { loadConcernMatcher } from "#root/i18n/concern-words.ts";

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
