import { ADULT_AGE, ageThisYear } from "./consent.ts";
import type { Role } from "./programme.ts";
import { addDays, wallClock, zonedInstant } from "./typed-dates.ts";

/**
 * Quiet hours: nothing is sent to a minor between 21:00 and 08:00 on the organisation's clock; the
 * message waits until morning. An urgent alert (a child asking for help from an adult, sent to a
 * coordinator) never waits.
 */

/** The quiet stretch of the night, in whole local hours: from 21:00 up to 08:00. */
export const QUIET_HOURS = { from: 21, until: 8 } as const;

/** Whether the zone's wall clock at this instant is within quiet hours. */
export function isQuietTime(instant: Date, timeZone: string): boolean {
  const { hour } = wallClock(instant, timeZone);
  return hour >= QUIET_HOURS.from || hour < QUIET_HOURS.until;
}

/**
 * When a message planned for `instant` may go out: the instant itself, or for a minor during quiet
 * hours the next 08:00 local time. `urgent` skips the wait.
 */
export function nextAllowedSend(instant: Date, timeZone: string, isMinor: boolean, options: { urgent?: boolean } = {}): Date {
  if (!isMinor || options.urgent || !isQuietTime(instant, timeZone)) return instant;
  const { date, hour } = wallClock(instant, timeZone);
  // Before midnight the morning is tomorrow's; after midnight it is today's.
  const morning = hour >= QUIET_HOURS.from ? addDays(date, 1) : date;
  return zonedInstant(morning, { hour: QUIET_HOURS.until, minute: 0 }, timeZone);
}

/** What quiet hours need to know about a recipient: their birth year and the parts they play. */
export interface QuietHoursRecipient {
  birthYear: number | null;
  roles: readonly Role[];
}

/**
 * Whether quiet hours protect this recipient: someone under 18 this year, or a mentee whose age is
 * unknown (a child until shown otherwise). Coordinators and adults are never held.
 */
export function isProtectedMinor(recipient: QuietHoursRecipient, today: Date): boolean {
  if (recipient.roles.includes("coordinator")) return false;
  if (recipient.birthYear !== null) return ageThisYear(recipient.birthYear, today) < ADULT_AGE;
  return recipient.roles.includes("mentee");
}
