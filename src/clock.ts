import { addDays, wallClock, zonedInstant } from "#root/domain/typed-dates.ts";

/** What the app reads the time from: flows (`d.now()`), the outbox and the scheduled jobs. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/**
 * A clock that runs at real speed from a chosen instant and can be moved: the playground and the
 * tests run the scheduled jobs "on Monday at 09:00" or "an hour before the meeting" with it.
 */
export class AdjustableClock {
  private offsetMs: number;

  constructor(start: Date = new Date()) {
    this.offsetMs = start.getTime() - Date.now();
  }

  readonly now: Clock = () => new Date(Date.now() + this.offsetMs);

  /** Moves the clock to `instant` (it runs on from there). */
  set(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

/**
 * A delivery clock that starts at the next midday in a time zone and runs at real speed: the
 * playground and the journey tests deliver as in the daytime whenever they run, so quiet hours do
 * not hold children's messages until morning (test/integration/outbox-delivery.test.ts covers those).
 */
export function middayClock(timeZone: string, from: Date = new Date()): AdjustableClock {
  const { date } = wallClock(from, timeZone);
  const today = zonedInstant(date, { hour: 12, minute: 0 }, timeZone);
  // Never behind real time: rows planned "now" by the database are due for this clock too.
  const start = today.getTime() >= from.getTime() ? today : zonedInstant(addDays(date, 1), { hour: 12, minute: 0 }, timeZone);
  return new AdjustableClock(new Date(Date.now() + (start.getTime() - from.getTime())));
}
