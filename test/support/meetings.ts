/**
 * What the two meeting suites (test/e2e/meetings.test.ts and test/e2e/meeting-move.test.ts) share: a
 * meeting's time and place as the bot words them, the proposal questions answered, an agreed meeting
 * set up from the mentor's proposal, and the rows, reminders and calendar files a meeting leaves.
 */
import { expect } from "vitest";
import type { Meeting } from "#root/db/repositories/meetings.ts";
import { formatCalendarDate } from "#root/domain/cycle.ts";
import { meetingPlace, meetingWhen } from "#root/flows/meetings/wording.ts";
import type { Msg } from "#root/i18n/translator.ts";
import { packAction } from "#root/messaging/buttons.ts";
import { eventually, MOSCOW, moscowInstant, typedDayMonth } from "./calendar.ts";
import type { ChatMessage, ChatUser } from "./chat-user.ts";
import { type MeetingSlot, pressOn, textFilesTo } from "./cycle-journey.ts";
import { ru } from "./journeys.ts";
import type { WorkingPairFixture } from "./pairs.ts";
import type { TestStack } from "./stack.ts";

/** A meeting as people choose it (day, "HH:MM" in Moscow, minutes, place): the whole-cycle journey's slot, one shape for all. */
export type Slot = MeetingSlot;

/** Renders a text for one reader: `ru` for an adult, `ruChild` for a child (test/support/journeys.ts). */
type Reads = (key: string, args?: Msg["args"]) => string;

/** A meeting's start as the bot words it, on the organisation's clock. */
export const when = (start: Date): Msg => meetingWhen(start, MOSCOW);

/** A meeting's place as the bot words it ("online" shown in the reader's language). */
export const place = (text: string): Msg => meetingPlace(text);

/** The instant a slot begins. */
export const startOf = (slot: Slot): Date => moscowInstant(slot.date, slot.time);

/** The file of this name once it reached the chat (on VK it follows its message a moment later), exactly once. */
export async function fileNamed(stack: TestStack, user: ChatUser, filename: string): Promise<string> {
  const files = await eventually(
    async () => textFilesTo(stack, user).filter((file) => file.filename === filename),
    (found) => found.length > 0,
  );
  expect(files.length, `${filename} to ${user.userId}`).toBe(1);
  return files[0]!.text;
}

/** The pair's meeting rows, oldest first, for checks on states and links between them. */
export async function meetingsOf(stack: TestStack, pairId: number) {
  return stack.database.db.selectFrom("meetings").selectAll().where("pair_id", "=", pairId).orderBy("id").execute();
}

/** The outbox rows of a topic (a meeting's reminders are `meeting:<id>`), in the order they were planned. */
export async function outboxOfTopic(stack: TestStack, topic: string) {
  return stack.database.db
    .selectFrom("outbox")
    .select(["person_id", "due_at", "sent_at", "failed_at", "last_error", "expires_at", "reminder"])
    .where("topic", "=", topic)
    .orderBy("id")
    .execute();
}

/**
 * A message that comes through the outbox, delivered: settles again while it has not arrived (a
 * message paced behind another one to the same chat waits for the next delivery round).
 */
export async function delivered(stack: TestStack, user: ChatUser, text: string): Promise<ChatMessage> {
  for (let round = 1; ; round += 1) {
    await stack.settle();
    try {
      return await user.waitFor(text, 2_000);
    } catch (error) {
      if (round === 4) throw error;
    }
  }
}

/**
 * Day, time, length and place typed in answer to the proposal questions, up to the check. `reads`:
 * how the user reads the questions (`ruChild` for a mentee under 18; an adult's `ru` by default).
 */
export async function answerQuestions(user: ChatUser, slot: Slot, reads: Reads = ru): Promise<void> {
  await user.waitFor(reads("meetings-date-question"));
  await user.send(typedDayMonth(slot.date));
  await user.waitFor(reads("meetings-time-question", { date: formatCalendarDate(slot.date, "ru") }));
  await user.send(slot.time);
  await user.waitFor(reads("meetings-length-question", { min: 15, max: 240 }));
  await user.send(String(slot.minutes));
  await user.waitFor(reads("meetings-place-question"));
  await user.send(slot.place);
}

/** The questions answered, then the proposal checked and sent to `to` (the other side's names), as `reads` renders them. */
export async function writeProposal(user: ChatUser, to: string, slot: Slot, reads: Reads = ru): Promise<void> {
  await answerQuestions(user, slot, reads);
  await user.waitFor(reads("meetings-preview", { to, when: when(startOf(slot)), minutes: slot.minutes, place: place(slot.place) }));
  await user.press(reads("button-send"));
}

/** From the meetings screen, one side types a whole proposal and sends it (read as `reads` renders it). */
export async function propose(user: ChatUser, pairId: number, to: string, slot: Slot, reads: Reads = ru): Promise<void> {
  await user.pressPayload(packAction("meeting-propose", pairId));
  await user.waitFor(reads("meetings-propose-intro", { to }));
  await writeProposal(user, to, slot, reads);
}

/** The proposal as the other side receives it from `who`, rendered by `reads` for that reader. */
export const proposalText = (who: string, slot: Slot, reads: Reads = ru): string =>
  reads("meetings-proposal", { who, when: when(startOf(slot)), minutes: slot.minutes, place: place(slot.place) });

/**
 * The mentor proposes, the mentee accepts: an agreed meeting with its reminders planned. `menteeReads`:
 * how the mentee reads the proposal and the answer (`ruChild` for the fixture's 15-year-old; `ru` by default).
 */
export async function agreeMeeting(stack: TestStack, f: WorkingPairFixture, slot: Slot, menteeReads: Reads = ru): Promise<Meeting> {
  const start = startOf(slot);
  await propose(f.mentor, f.pairId, f.menteeName, slot);
  await f.mentor.waitFor(ru("meetings-sent", { to: f.menteeName, when: when(start) }));
  await stack.settle();
  const proposal = await delivered(stack, f.mentee, proposalText(f.mentorName, slot, menteeReads));
  await pressOn(f.mentee, proposal, menteeReads("button-meeting-accept"));
  await f.mentee.waitFor(
    menteeReads("meetings-accepted-you", { with: f.mentorName, when: when(start), minutes: slot.minutes, place: place(slot.place) }),
  );
  await stack.settle();
  const rows = await meetingsOf(stack, f.pairId);
  const meeting = await stack.app.repos.meetings.get(rows.at(-1)!.id);
  expect(meeting?.state).toBe("accepted");
  return meeting!;
}
