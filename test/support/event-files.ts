/**
 * The tests of changing and calling off events (the final event, an introduction): a working pair's
 * event announced to its guests, and what a guest has received and answered (its calendar files by
 * name, its replies, its row).
 */
import type { FinalEvent, Guest } from "#root/db/repositories/final-events.ts";
import { type CalendarDate, formatCalendarDate } from "#root/domain/cycle.ts";
import type { EventKind } from "#root/domain/final-event.ts";
import { zonedInstant } from "#root/domain/typed-dates.ts";
import { eventWhen } from "#root/flows/closing/final-event-wording.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { dayAhead, MOSCOW, toNextMidday } from "./calendar.ts";
import type { ChatUser } from "./chat-user.ts";
import { filesTo } from "./cycle-journey.ts";
import { waitUntil } from "./faults/waiting.ts";
import { participantByName, ru } from "./journeys.ts";
import { startWorkingPair, type WorkingPairFixture } from "./pairs.ts";
import type { TestStack } from "./stack.ts";

/** An event's time as its messages show it (in Moscow). */
export const shownWhen = (instant: Date) => eventWhen({ startsAt: instant.toISOString() }, MOSCOW);

/**
 * Working pairs on one messenger for a test file, each set up at the next midday of the app's clock,
 * on a block of ten user ids of its own (`block` hands out the next one, for a user of the test's own).
 */
/**
 * The coordinator, changing an event, answers its day with the quick pick a week ahead and its time
 * with 17:30 typed: the day and the new start in Moscow.
 */
export async function movedAWeekAhead(stack: TestStack, coordinator: ChatUser): Promise<{ newDay: CalendarDate; newStart: Date }> {
  const newDay = dayAhead(stack, 7);
  await coordinator.waitFor(ru("final-event-date-question"));
  await coordinator.press(ru("quick-date-in-week", { date: formatCalendarDate(newDay, "ru") }));
  await coordinator.waitFor(ru("final-event-time-question", { date: formatCalendarDate(newDay, "ru") }));
  await coordinator.send("17:30");
  return { newDay, newStart: zonedInstant(newDay, { hour: 17, minute: 30 }, MOSCOW) };
}

export function workingPairsOn(stack: TestStack, platform: Platform, firstBlock: number) {
  let next = firstBlock;
  const block = (): number => {
    const taken = next;
    next += 10;
    return taken;
  };
  return {
    block,
    workingPair(options: Parameters<typeof startWorkingPair>[3] = {}): Promise<WorkingPairFixture> {
      toNextMidday(stack);
      return startWorkingPair(stack, platform, block(), options);
    },
  };
}

/**
 * The pair's event of that kind in three days at 16:00, created in the database by its coordinator,
 * with its guests invited: an introduction's are the pair's own, the final event's everyone of the
 * cycle (then in its closing stage) but the coordinator. Nothing is sent to them: `invited` is who
 * was recorded as a guest.
 */
export async function eventForPair(
  stack: TestStack,
  f: WorkingPairFixture,
  event: { kind: EventKind; place: string; description: string },
): Promise<{ event: FinalEvent; invited: Guest[] }> {
  const coordinator = (await participantByName(stack, f.orgId, f.coordinator.name, "coordinator"))!;
  const { repos } = stack.app;
  if (event.kind === "final") {
    await stack.database.db
      .updateTable("cycles")
      .set({ stage: "closing", closing_started_at: stack.clock.now() })
      .where("id", "=", f.cycleId)
      .execute();
  }
  const created = (await repos.finalEvents.create({
    kind: event.kind,
    orgId: f.orgId,
    cycleId: f.cycleId,
    startsAt: zonedInstant(dayAhead(stack, 3), { hour: 16, minute: 0 }, MOSCOW),
    place: event.place,
    description: event.description,
    createdBy: coordinator.personId,
  }))!;
  if (event.kind === "introduction") await repos.introductions.attach(created, [f.pairId]);
  const audience = await repos.finalEvents.audience(
    f.cycleId,
    event.kind === "introduction" ? { pairIds: [f.pairId] } : { except: coordinator.personId },
  );
  const invited = await repos.finalEvents.invite(created, audience, stack.clock.now());
  return { event: created, invited };
}

/** What the guests of a test file's events have received and answered, for events of that kind. */
export function guestRecords(stack: TestStack, kind: EventKind) {
  const filePrefix = kind === "final" ? "final-event" : kind;
  return {
    /** The guest's `number`th calendar file of the event, once it has come. */
    calendarFile: (guest: ChatUser, eventId: number, number: number): Promise<string> =>
      calendarFile(stack, guest, `${filePrefix}-${eventId}.ics`, number),
    repliesTo: (eventId: number) => repliesTo(stack, eventId),
    eventRow: (eventId: number) => eventRow(stack, eventId),
  };
}

/** The calendar files named `<kind>-<event id>.ics` a guest has received so far, oldest first, unfolded. */
export function calendarFiles(stack: TestStack, guest: ChatUser, filename: string): string[] {
  return filesTo(stack, guest)
    .filter((file) => file.filename === filename)
    .map((file) => file.bytes.toString("utf8").replace(/\r\n /g, ""));
}

/** The guest's `number`th calendar file of that name, once it has come. */
export async function calendarFile(stack: TestStack, guest: ChatUser, filename: string, number: number): Promise<string> {
  await waitUntil(
    `calendar file ${number} reached user ${guest.userId}`,
    () => calendarFiles(stack, guest, filename).length >= number,
    8_000,
    50,
  );
  return calendarFiles(stack, guest, filename)[number - 1]!;
}

/** The answers given to an event, by person. */
export async function repliesTo(stack: TestStack, eventId: number) {
  return stack.database.db
    .selectFrom("final_event_replies")
    .select(["person_id", "answer"])
    .where("event_id", "=", eventId)
    .orderBy("person_id")
    .execute();
}

/** An event's row as stored. */
export async function eventRow(stack: TestStack, eventId: number) {
  return stack.database.db.selectFrom("final_events").selectAll().where("id", "=", eventId).executeTakeFirstOrThrow();
}
