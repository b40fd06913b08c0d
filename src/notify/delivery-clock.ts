import { addDays, wallClock, zonedInstant } from "#root/domain/typed-dates.ts";

/**
 * A delivery clock that starts at the next midday in a time zone and runs at real speed: the
 * playground and the journey tests deliver as in the daytime whenever they run, so quiet hours do
 * not hold children's messages until morning (test/integration/outbox-delivery.test.ts covers those).
 */
export function middayClock(timeZone: string, from: Date = new Date()): () => Date {
  const { date } = wallClock(from, timeZone);
  const today = zonedInstant(date, { hour: 12, minute: 0 }, timeZone);
  // Never behind real time: rows planned "now" by the database are due for this clock too.
  const start = today.getTime() >= from.getTime() ? today : zonedInstant(addDays(date, 1), { hour: 12, minute: 0 }, timeZone);
  const offset = start.getTime() - from.getTime();
  return () => new Date(Date.now() + offset);
}
