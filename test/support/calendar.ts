/**
 * Time helpers the end-to-end suites share: the app's clock moved to a daytime start, days counted on
 * the organisation's (Moscow) calendar, dates and times written as people type them and as calendar
 * files carry them, and a poll for what arrives a moment later.
 */
import { type CalendarDate, calendarDate } from "#root/domain/cycle.ts";
import { addDays, wallClock, zonedInstant } from "#root/domain/typed-dates.ts";
import type { TestStack } from "./stack.ts";

/** The organisation's time zone: the test stack creates every organisation in it. */
export const MOSCOW = "Europe/Moscow";

/** Moves the app's clock to the next midday in Moscow, so that a journey starts in the daytime. */
export function toNextMidday(stack: TestStack): void {
  const { date } = wallClock(stack.clock.now(), MOSCOW);
  stack.clock.set(zonedInstant(addDays(date, 1), { hour: 12, minute: 0 }, MOSCOW));
}

/** A day counted from today on the organisation's calendar, which is what the bot's quick dates count from. */
export const dayAhead = (stack: TestStack, days: number): CalendarDate => addDays(calendarDate(stack.clock.now(), MOSCOW), days);

/** Today on the organisation's calendar, by the app's clock: what the bot names files and stamps rows with. */
export const appToday = (stack: TestStack): CalendarDate => calendarDate(stack.clock.now(), MOSCOW);

/** A date as people type it in full ("15.05.2027"). */
export const typedDate = (date: CalendarDate): string => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

/** A date as people type it without the year ("15.05"), the short form the date prompts accept. */
export const typedDayMonth = (date: CalendarDate): string => `${date.slice(8, 10)}.${date.slice(5, 7)}`;

/** An instant as a calendar file's DTSTART/DTEND writes it in UTC ("20261225T133000Z"). */
export const icsTime = (instant: Date): string =>
  instant
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

/** An instant given as a calendar day and "HH:MM" on the organisation's clock, as people choose them. */
export function moscowInstant(date: CalendarDate, time: string): Date {
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  return zonedInstant(date, { hour, minute }, MOSCOW);
}

/**
 * Probes every 100 ms until `done` holds or `timeoutMs` has passed, and returns the last value: what
 * goes through the outbox (on VK a file follows its message) arrives a moment after the reply, and
 * the caller's own assertion on the value then says what was missing.
 */
export async function eventually<T>(probe: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
