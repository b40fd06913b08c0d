/**
 * What a guest of an event (the final event, an introduction) has received and answered, for the
 * tests of changing and calling off events: its calendar files by name, its replies, its row.
 */
import type { ChatUser } from "./chat-user.ts";
import { filesTo } from "./cycle-journey.ts";
import { waitUntil } from "./faults/waiting.ts";
import type { TestStack } from "./stack.ts";

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
