/**
 * What the whole-cycle journey (test/e2e/whole-cycle.test.ts) needs beside the shared journey steps:
 * Moscow wall times for the app's clock, jobs run with every message they made delivered, the files a
 * chat received, and the steps people of the cycle repeat (a fresh menu, a plan written, a meeting
 * proposed, a questionnaire answered).
 */
import { sql } from "kysely";
import { expect } from "vitest";
import { type CalendarDate, formatCalendarDate } from "#root/domain/cycle.ts";
import { meetingPlace, meetingWhen } from "#root/flows/meetings/wording.ts";
import { MOSCOW, moscowInstant, typedDate } from "./calendar.ts";
import type { ChatMessage, ChatUser } from "./chat-user.ts";
import { payloadOfButton, ru } from "./journeys.ts";
import type { TestStack } from "./stack.ts";
import { documentsSent } from "./telegram.ts";

/** The organisation's time zone, under the short name this journey's steps use. */
export const MSK = MOSCOW;
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** An instant given as a calendar day and "HH:MM" on the organisation's (Moscow) clock, under this journey's short name. */
export const moscow = moscowInstant;

export { typedDate };

/** A day as the bot shows it in Russian. */
export const shownDate = (date: CalendarDate): string => formatCalendarDate(date, "ru");

/** Messages of a person whose text contains this. */
export const received = (user: ChatUser, text: string): ChatMessage[] => user.messages().filter((message) => message.text.includes(text));

/** How many messages of a person contain this text. */
export const count = (user: ChatUser, text: string): number => received(user, text).length;

/** The button with this label of a message, pressed on that message (later messages carry other buttons). */
export async function pressOn(user: ChatUser, message: ChatMessage, label: string): Promise<void> {
  await user.pressPayload(payloadOfButton(message, label));
}

/** Files the bot sent to this chat, on any messenger. */
export function filesTo(stack: TestStack, user: ChatUser): Array<{ filename: string; bytes: Buffer }> {
  if (user.platform === "max") {
    return stack
      .maxUser(user.userId)
      .messages()
      .flatMap((message) => (message.file ? [{ filename: message.file.filename, bytes: message.file.bytes }] : []));
  }
  return user.platform === "vk"
    ? stack.vkApi
        .documents()
        .filter((document) => document.peerId === user.userId)
        .map((document) => ({ filename: document.filename, bytes: document.bytes }))
    : documentsSent(stack.telegramServer.server, user.userId).map((document) => ({ filename: document.filename, bytes: document.bytes }));
}

/** Pictures the bot showed in this chat as photos (not files), oldest first, from the message `fromId` on. */
export function photosTo(user: ChatUser, fromId = Number.NEGATIVE_INFINITY): Buffer[] {
  return user.messages().flatMap((message) => (message.photo && message.id >= fromId ? [message.photo] : []));
}

/** Checks that bytes are a PNG of this size (its signature, and the size in its IHDR chunk). */
export function expectPng(bytes: Buffer | undefined, size: { width: number; height: number }): void {
  expect(bytes, "a PNG").toBeDefined();
  expect([...bytes!.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes!.subarray(12, 16).toString("ascii")).toBe("IHDR");
  expect({ width: bytes!.readUInt32BE(16), height: bytes!.readUInt32BE(20) }).toEqual(size);
}

/** The upload indicator each messenger shows for a document and for a photo (VK lets a community show only "typing"). */
export const UPLOAD_ACTIVITY: Record<ChatUser["platform"], Record<"document" | "photo", string>> = {
  telegram: { document: "upload_document", photo: "upload_photo" },
  vk: { document: "typing", photo: "typing" },
  max: { document: "sending_file", photo: "sending_photo" },
};

/**
 * Checks that the chat showed the upload indicator between `message` and the bot's message before it:
 * while the document or the picture it brings was being made.
 */
export function expectUploadShownBefore(user: ChatUser, message: ChatMessage, what: "document" | "photo"): void {
  const all = user.messages();
  const index = all.findIndex((candidate) => candidate.id === message.id);
  expect(index, "the message is in the chat").toBeGreaterThan(-1);
  const previous = all[index - 1]?.id;
  expect(user.activities()).toContainEqual({
    action: UPLOAD_ACTIVITY[user.platform][what],
    ...(previous !== undefined ? { afterMessageId: previous } : {}),
  });
}

/** The same files read as text, for calendar (.ics) files whose lines the tests check. */
export function textFilesTo(stack: TestStack, user: ChatUser): Array<{ filename: string; text: string }> {
  return filesTo(stack, user).map((file) => ({ filename: file.filename, text: file.bytes.toString("utf8") }));
}

/** The file of this name once it reached the chat (on VK it follows its message a moment later). */
export async function fileNamed(stack: TestStack, user: ChatUser, filename: string): Promise<string> {
  await expect.poll(() => filesTo(stack, user).filter((file) => file.filename === filename).length, { timeout: 8_000 }).toBe(1);
  return filesTo(stack, user)
    .find((file) => file.filename === filename)!
    .bytes.toString("utf8");
}

/**
 * Waits until every outbox message due by the app's clock is sent or dropped. stack.settle() does not
 * wait for a delivery round kicked in the background: moving the clock on while such a round holds
 * a message could let its claim lapse and send it twice.
 */
export async function allDelivered(stack: TestStack): Promise<void> {
  await stack.settle();
  const deadline = Date.now() + 15_000;
  for (;;) {
    const pending = await sql<{ dedup_key: string }>`
      SELECT dedup_key FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= ${stack.clock.now()}`.execute(
      stack.database.db,
    );
    if (pending.rows.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `Still waiting to be sent at ${stack.clock.now().toISOString()}: ${pending.rows.map((row) => row.dedup_key).join(", ")}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    await stack.settle();
  }
}

/** Moves the clock to `at`, runs every job once as the scheduler would, and delivers what they planned. */
export async function runJobsAt(stack: TestStack, at: Date): Promise<Record<string, number>> {
  await allDelivered(stack);
  const done = await stack.runJobs(at);
  await allDelivered(stack);
  return done;
}

/** The menu sent for this /menu (not one left over from before). */
export async function freshMenu(user: ChatUser, name: string): Promise<ChatMessage> {
  const last = user.messages().at(-1)?.id ?? 0;
  await user.send("/menu");
  for (;;) {
    const menu = await user.waitFor(ru("menu-title", { name }));
    if (menu.id > last) return menu;
  }
}

export interface MilestoneDraft {
  title: string;
  due: CalendarDate;
  evidence?: string;
}

/** The mentor writes the plan from the menu, step by step with typed dates, and sends it to the mentees. */
export async function writePlan(
  mentor: ChatUser,
  mentorName: string,
  group: boolean,
  cycleEndsOn: CalendarDate,
  goal: string,
  milestones: MilestoneDraft[],
): Promise<void> {
  await freshMenu(mentor, mentorName);
  await mentor.press(ru("button-plan"));
  await mentor.waitFor(ru(group ? "plan-draft-intro-group" : "plan-draft-intro"));
  await mentor.waitFor(ru("plan-ask-goal"));
  await mentor.send(goal);
  for (const [index, milestone] of milestones.entries()) {
    const number = index + 1;
    await mentor.waitFor(ru("plan-ask-milestone", { number }));
    await mentor.send(milestone.title);
    await mentor.waitFor(ru("plan-ask-due", { end: shownDate(cycleEndsOn) }));
    await mentor.send(typedDate(milestone.due));
    await mentor.waitFor(ru("plan-ask-evidence"));
    if (milestone.evidence) await mentor.send(milestone.evidence);
    else await mentor.press(ru("button-plan-skip"));
    await mentor.waitFor(ru("plan-ask-more", { number, max: 10 }));
    await mentor.press(ru(number < milestones.length ? "button-plan-more" : "button-plan-enough"));
  }
  await mentor.waitFor(ru("plan-preview", { goal }));
  await mentor.press(ru(group ? "button-plan-send-group" : "button-plan-send"));
  await mentor.waitFor(ru(group ? "plan-sent-group" : "plan-sent"));
}

export interface MeetingSlot {
  date: CalendarDate;
  time: string;
  minutes: number;
  place: string;
}

/** How the bot writes a meeting's time and place in Russian. */
export const meetingArgs = (slot: MeetingSlot) => ({
  when: meetingWhen(moscow(slot.date, slot.time), MSK),
  place: meetingPlace(slot.place),
});

/**
 * From the menu's meetings screen (`screen`: its title as this person reads it), one side proposes a
 * meeting to the others of the pair or group, typing the day, time, length and place.
 */
export async function proposeMeeting(user: ChatUser, name: string, screen: string, to: string, slot: MeetingSlot): Promise<void> {
  await freshMenu(user, name);
  await user.press(ru("button-meetings"));
  await user.waitFor(screen);
  await user.press(ru("button-meeting-propose"));
  await user.waitFor(ru("meetings-propose-intro", { to }));
  await user.waitFor(ru("meetings-date-question"));
  await user.send(typedDate(slot.date));
  await user.waitFor(ru("meetings-time-question", { date: shownDate(slot.date) }));
  await user.send(slot.time);
  await user.waitFor(ru("meetings-length-question", { min: 15, max: 240 }));
  await user.send(String(slot.minutes));
  await user.waitFor(ru("meetings-place-question"));
  await user.send(slot.place);
  const { when, place } = meetingArgs(slot);
  await user.waitFor(ru("meetings-preview", { to, when, minutes: slot.minutes, place }));
  await user.press(ru("button-send"));
  await user.waitFor(ru("meetings-sent", { to, when }));
}

/** One answer of a questionnaire: a scale value or an option's label pressed, words typed, or the open question skipped. */
export type SurveyAnswer = { press: string } | { type: string } | "skip";

/**
 * Answers a questionnaire from its invitation's button: the intro, then each question in turn (their
 * keys given, in order), then the thanks; `r` renders what the person reads (ruChild for a student).
 */
export async function answerSurvey(
  user: ChatUser,
  invitation: ChatMessage,
  intro: string,
  questions: Array<{ key: string; open?: boolean; answer: SurveyAnswer }>,
  thanks: string,
  r = ru,
): Promise<void> {
  await pressOn(user, invitation, r("survey-button-answer"));
  await user.waitFor(intro);
  for (const [index, question] of questions.entries()) {
    const args = { number: index + 1, count: questions.length, question: r(question.key) };
    await user.waitFor(question.open ? r("survey-question-open", { ...args, max: 500 }) : r("survey-question", args));
    const answer = question.answer;
    if (answer === "skip") await user.press(r("survey-button-skip"));
    else if ("press" in answer) await user.press(answer.press);
    else await user.send(answer.type);
  }
  await user.waitFor(thanks);
}

/**
 * The text of the VK message that carries this file: VK sends a file as an attachment of a message,
 * which should be the one explaining it (as a caption on Telegram). Undefined when no message has it.
 */
export function vkTextWithFile(stack: TestStack, user: ChatUser, filename: string): string | undefined {
  const document = stack.vkApi.documents().find((stored) => stored.peerId === user.userId && stored.filename === filename);
  if (!document) return undefined;
  return stack.vkApi.sent(user.userId).find((sent) => sent.attachment === `doc${document.ownerId}_${document.id}`)?.message;
}
