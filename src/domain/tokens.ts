/**
 * Invite, consent and link tokens. A token is 16 random bytes (128 bits) in base64url: 22
 * characters of A–Z a–z 0–9 _ -, which fits Telegram's 64-character start payload and VK's ref.
 * Only its SHA-256 is stored.
 */

/**
 * roster: a student's personal link from a class list, bound to their invited participation.
 * territory: makes a regional methodologist of a territory; territory-join: an organisation's
 * coordinator asks to attach the organisation to a territory.
 */
export type TokenPurpose = "coordinator" | "mentee" | "mentor" | "consent" | "link" | "roster" | "territory" | "territory-join";

/** Bytes of randomness in a token. */
export const TOKEN_BYTES = 16;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** How long a token of each purpose stays valid and how many times it can be used. */
export const TOKEN_POLICY: Record<TokenPurpose, { ttlMs: number; uses: number }> = {
  coordinator: { ttlMs: 7 * DAY_MS, uses: 1 },
  mentee: { ttlMs: 60 * DAY_MS, uses: 500 },
  mentor: { ttlMs: 60 * DAY_MS, uses: 200 },
  consent: { ttlMs: 30 * DAY_MS, uses: 1 },
  link: { ttlMs: 15 * 60 * 1000, uses: 1 },
  roster: { ttlMs: 90 * DAY_MS, uses: 1 },
  territory: { ttlMs: 7 * DAY_MS, uses: 1 },
  "territory-join": { ttlMs: 60 * DAY_MS, uses: 500 },
};

/** Whether a payload could be a token at all (forged or garbled payloads are refused before any lookup). */
export function isWellFormedToken(payload: string): boolean {
  return TOKEN_PATTERN.test(payload);
}

/** Whether a payload could be a token or a link code (garbage is refused before any lookup). */
export function isPlausibleToken(payload: string): boolean {
  return isWellFormedToken(payload) || normaliseLinkCode(payload) === payload;
}

/** When a token issued now for this purpose expires. */
export function tokenExpiry(purpose: TokenPurpose, now: Date): Date {
  return new Date(now.getTime() + TOKEN_POLICY[purpose].ttlMs);
}

/**
 * Account-link codes are typed by hand on the other messenger, so they are short, upper-case and
 * without look-alike letters; they live 15 minutes and allow a single use.
 */
export const LINK_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const LINK_CODE_LENGTH = 8;

/** A typed link code in canonical form, or undefined when it cannot be one. */
export function normaliseLinkCode(typed: string): string | undefined {
  const code = typed.replace(/[\s-]/g, "").toUpperCase();
  if (code.length !== LINK_CODE_LENGTH) return undefined;
  return [...code].every((letter) => LINK_CODE_ALPHABET.includes(letter)) ? code : undefined;
}
