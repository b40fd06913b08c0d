import { createHash, randomBytes } from "node:crypto";
import { LINK_CODE_ALPHABET, LINK_CODE_LENGTH, TOKEN_BYTES } from "./domain/tokens.ts";

/** Where tokens come from: randomness and hashing, kept out of the pure rules in domain/tokens.ts. */

/** A fresh random token. */
export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

/** The stored form of a token. */
export function hashToken(token: string): Buffer {
  return createHash("sha256").update(token, "utf8").digest();
}

/** A fresh account-link code (8 characters of a 32-letter alphabet: 40 bits). */
export function newLinkCode(): string {
  const bytes = randomBytes(LINK_CODE_LENGTH);
  return Array.from(bytes, (byte) => LINK_CODE_ALPHABET[byte % LINK_CODE_ALPHABET.length]).join("");
}
