import { ADULT_AGE, ageThisYear } from "./consent.ts";
import type { Role } from "./programme.ts";

/**
 * How the bot speaks to a person in Russian: «ты» («выбери») or «вы» («выберите»). Children are
 * spoken to as children, adults as adults, whatever their role: a 16-year-old mentor is «ты», a
 * 19-year-old college mentee «вы».
 */
export type FormOfAddress = "ty" | "vy";

export interface AddressFacts {
  /** The birth year the person gave (mentees and mentors give an age), null when never asked. */
  birthYear: number | null;
  /** The parts the person plays (in organisations they have not left). */
  roles: readonly Role[];
}

/**
 * «ты» for a person under 18 and for a mentee whose age is unknown (a mentee is a student), «вы»
 * for everyone else: parents, coordinators, adult mentors and mentees, and a person the bot does
 * not know yet (pass undefined). The same reading of age as quiet hours (isProtectedMinor).
 */
export function formOfAddress(facts: AddressFacts | undefined, today: Date): FormOfAddress {
  if (!facts || facts.roles.includes("coordinator")) return "vy";
  if (facts.birthYear !== null) return ageThisYear(facts.birthYear, today) < ADULT_AGE ? "ty" : "vy";
  return facts.roles.includes("mentee") ? "ty" : "vy";
}
