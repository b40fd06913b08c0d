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
