import { createHash, timingSafeEqual } from "node:crypto";

/** Compares through fixed-length digests, so neither the content nor the length of a secret leaks by timing. */
export function secretMatches(given: unknown, expected: string): boolean {
  if (typeof given !== "string") return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
