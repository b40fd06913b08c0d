/**
 * Moving an agreed meeting in place, end to end on both messengers: either side presses "📅 Move",
 * picks the new time as for a proposal (the old length and place one press away), the other side
 * accepts (the old meeting "moved", its reminders withdrawn, new ones at the new time, a calendar
 * file that moves the same event), declines (the meeting and its reminders stay) or answers with
 * another time. Refused: clashes, past times, the same slot, a 5,000-character place, a second move
 * while one waits, a meeting that has begun, stale and forged buttons.
 */
import { describe, expect, it } from "vitest";
import type { Meeting } from "#root/db/repositories/meetings.ts";
import { formatCalendarDate } from "#root/domain/cycle.ts";
import { msg } from "#root/i18n/translator.ts";
import { packAction } from "#root/messaging/buttons.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { dayAhead, icsTime, moscowInstant, toNextMidday, typedDayMonth } from "../support/calendar.ts";
import type { ChatMessage, ChatUser } from "../support/chat-user.ts";
import { pressOn, received, textFilesTo } from "../support/cycle-journey.ts";
import { labels, ru, ruChild } from "../support/journeys.ts";
import {
  agreeMeeting,
  answerQuestions,
  delivered,
  fileNamed,
  meetingsOf,
  outboxOfTopic,
  place,
  type Slot,
  startOf,
  when,
} from "../support/meetings.ts";
import { startWorkingPair } from "../support/pairs.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();

const HOUR = 3_600_000;
const HUGE = "Кабинет номер двенадцать, второй этаж. ".repeat(150).slice(0, 5_000);

// Every text is expected as its reader gets it: the pair's mentee is 15 (startWorkingPair's default)
// and reads «ты» (ruChild); the mentor (an adult teacher), the parent and the coordinator read «вы» (ru).

/** Renders a text for one reader: `ru` or `ruChild`. */
type Reads = typeof ru;

const movePreview = (to: string, old: Date, slot: Slot, reads: Reads): string =>
  reads("meeting-move-preview", { to, old: when(old), when: when(startOf(slot)), minutes: slot.minutes, place: place(slot.place) });

/** The meetings screen of the pair, as this person sees it now. */
async function screenOf(user: ChatUser, pairId: number): Promise<ChatMessage> {
  await user.pressPayload(packAction("meetings", pairId));
  return user.waitFor(/📅 Встречи — /);
}

/** "📅 Move" pressed on the screen, up to the first question (read as `reads` renders it). */
async function pressMove(user: ChatUser, pairId: number, meeting: Meeting, to: string, reads: Reads): Promise<void> {
  const screen = await screenOf(user, pairId);
  await pressOn(user, screen, reads("meetings-move-button", { when: when(meeting.start) }));
  await user.waitFor(reads("meeting-move-intro", { when: when(meeting.start), to }));
}

/** One side moves the meeting to `slot` (typed answers) and sends it (read as `reads` renders it). */
async function move(user: ChatUser, pairId: number, meeting: Meeting, to: string, slot: Slot, reads: Reads): Promise<void> {
  await pressMove(user, pairId, meeting, to, reads);
  await answerQuestions(user, slot, reads);
  await user.waitFor(movePreview(to, meeting.start, slot, reads));
  await user.press(reads("button-send"));
  await user.waitFor(reads("meeting-move-sent", { old: when(meeting.start), when: when(startOf(slot)), to }));
  await stack.settle();
}

/** The request to move, as the other side receives it from `who`, rendered by `reads` for that reader. */
const moveText = (who: string, old: Date, slot: Slot, reads: Reads): string =>
  reads("meeting-move-proposal", { who, old: when(old), when: when(startOf(slot)), minutes: slot.minutes, place: place(slot.place) });

describe.each(["telegram", "vk", "max"] as const)("moving a meeting on %s", (platform: Platform) => {
  let nextBlock = { telegram: 930_000, vk: 930_500, max: 935_500 }[platform];
  const pairOnDuty = async () => {
    toNextMidday(stack);
    const firstId = nextBlock;
    nextBlock += 10;
    return startWorkingPair(stack, platform, firstId);
  };

  it("moves an agreed meeting once the other side accepts: old reminders withdrawn, new ones on time, the calendar event moved", async () => {
    const f = await pairOnDuty();
    const { mentor, mentee } = f;
    const slot: Slot = { date: dayAhead(stack, 2), time: "15:00", minutes: 60, place: "Кабинет 12" };
    const old = await agreeMeeting(stack, f, slot, ruChild);
    expect(await outboxOfTopic(stack, `meeting:${old.id}`)).toHaveLength(4);

    // The mentee moves it; the meeting's own length and place are one press away.
    await pressMove(mentee, f.pairId, old, f.mentorName, ruChild);
    const next: Slot = { date: dayAhead(stack, 3), time: "17:00", minutes: 60, place: "Кабинет 12" };
    await mentee.waitFor(ruChild("meetings-date-question"));
    await mentee.send(typedDayMonth(next.date));
    await mentee.waitFor(ruChild("meetings-time-question", { date: formatCalendarDate(next.date, "ru") }));
    await mentee.press("17:00");
    const lengthQuestion = await mentee.waitFor(ruChild("meetings-length-question", { min: 15, max: 240 }));
    expect(labels(lengthQuestion)[0]).toBe(ruChild("meeting-move-same-length", { minutes: 60 }));
    expect(labels(lengthQuestion)).not.toContain(ruChild("meetings-length-button", { minutes: 60 }));
    await mentee.press(ruChild("meeting-move-same-length", { minutes: 60 }));
    const placeQuestion = await mentee.waitFor(ruChild("meetings-place-question"));
    expect(labels(placeQuestion)).toContain(ruChild("button-meeting-same-place", { place: "Кабинет 12" }));
    await mentee.press(ruChild("button-meeting-same-place", { place: "Кабинет 12" }));
    await mentee.waitFor(movePreview(f.mentorName, old.start, next, ruChild));
    await mentee.press(ruChild("button-send"));
    await mentee.waitFor(ruChild("meeting-move-sent", { old: when(old.start), when: when(startOf(next)), to: f.mentorName }));
    await stack.settle();

    // Until the mentor answers, the meeting stands with its reminders.
    let rows = await meetingsOf(stack, f.pairId);
    expect(rows.map((row) => [row.state, row.replaces_id, row.proposed_by])).toEqual([
      ["accepted", null, f.mentorPersonId],
      ["proposed", old.id, f.menteePersonId],
    ]);
    expect((await outboxOfTopic(stack, `meeting:${old.id}`)).every((entry) => entry.failed_at === null)).toBe(true);
    const proposal = await delivered(stack, mentor, moveText(f.menteeName, old.start, next, ru));
    expect(labels(proposal)).toEqual([ru("button-meeting-accept"), ru("button-meeting-decline"), ru("button-meeting-another-time")]);

    // A second move while this one waits: refused on both sides, the mentor pointed to the answer.
    const screen = await screenOf(mentor, f.pairId);
    expect(screen.text).toContain(ru("meetings-move-state-pending"));
    expect(labels(screen)).not.toContain(ru("meetings-move-button", { when: when(old.start) }));
    expect(labels(screen)).toContain(ru("button-meeting-cancel", { when: when(old.start) }));
    await mentor.pressPayload(packAction("meeting-move", old.id));
    const yours = await mentor.waitFor(ru("meeting-move-pending-yours", { when: when(startOf(next)) }));
    expect(labels(yours)).toContain(ru("button-meeting-answer", { when: when(startOf(next)) }));
    await mentee.pressPayload(packAction("meeting-move", old.id));
    await mentee.waitFor(ruChild("meeting-move-pending", { when: when(startOf(next)), to: f.mentorName }));
    expect(await meetingsOf(stack, f.pairId)).toHaveLength(2);

    // The mentor accepts: moved, with a file that moves the same calendar event.
    await pressOn(mentor, proposal, ru("button-meeting-accept"));
    const details = { old: when(old.start), when: when(startOf(next)), minutes: 60, place: place("Кабинет 12") };
    await mentor.waitFor(ru("meeting-move-accepted-you", { with: f.menteeName, ...details }));
    await stack.settle();
    await delivered(stack, mentee, ruChild("meeting-move-accepted-notice", { who: f.mentorName, ...details }));
    rows = await meetingsOf(stack, f.pairId);
    expect(rows.map((row) => [row.state, row.sequence, row.decided_by])).toEqual([
      ["moved", 0, f.mentorPersonId],
      ["accepted", 1, f.mentorPersonId],
    ]);
    const moved = rows[1]!;
    for (const user of [mentor, mentee]) {
      const ics = await fileNamed(stack, user, `meeting-${moved.id}.ics`);
      expect(ics).toContain("METHOD:PUBLISH");
      expect(ics).toContain(`UID:meeting-${old.id}@nastavnik`);
      expect(ics).toContain("SEQUENCE:1");
      expect(ics).toContain(`DTSTART:${icsTime(startOf(next))}`);
      expect(ics).toContain(`DTEND:${icsTime(new Date(startOf(next).getTime() + HOUR))}`);
    }
    const withdrawn = await outboxOfTopic(stack, `meeting:${old.id}`);
    expect(withdrawn.every((entry) => entry.sent_at === null && entry.last_error === "meeting moved")).toBe(true);
    expect(
      (await outboxOfTopic(stack, `meeting:${moved.id}`)).map((entry) => new Date(entry.due_at).getTime()).sort((a, b) => a - b),
    ).toEqual([
      startOf(next).getTime() - 24 * HOUR,
      startOf(next).getTime() - 24 * HOUR,
      startOf(next).getTime() - HOUR,
      startOf(next).getTime() - HOUR,
    ]);

    // No reminder at the old times; both reminders at the new ones.
    const oldDay = (reads: Reads) => reads("meetings-reminder-day", { when: when(old.start), place: place("Кабинет 12") });
    const oldHour = (reads: Reads) => reads("meetings-reminder-hour", { when: when(old.start), place: place("Кабинет 12") });
    const newDay = (reads: Reads) => reads("meetings-reminder-day", { when: when(startOf(next)), place: place("Кабинет 12") });
    const newHour = (reads: Reads) => reads("meetings-reminder-hour", { when: when(startOf(next)), place: place("Кабинет 12") });
    await stack.runJobs(new Date(old.start.getTime() - 24 * HOUR + 5_000));
    await stack.runJobs(new Date(old.start.getTime() - HOUR + 5_000));
    for (const [user, reads] of [
      [mentor, ru],
      [mentee, ruChild],
    ] as const) {
      expect(received(user, oldDay(reads)).length + received(user, oldHour(reads)).length).toBe(0);
    }
    // Nor is the mentor asked whether the old one took place.
    expect((await stack.runJobs(new Date(old.start.getTime() + 90 * 60_000)))["meeting-follow-ups"]).toBe(0);
    expect(received(mentee, newDay(ruChild))).toHaveLength(0);
    await stack.runJobs(new Date(startOf(next).getTime() - 24 * HOUR + 5_000));
    await delivered(stack, mentee, newDay(ruChild));
    await delivered(stack, mentor, newDay(ru));
    expect(received(mentee, newHour(ruChild))).toHaveLength(0);
    await stack.runJobs(new Date(startOf(next).getTime() - HOUR + 5_000));
    await delivered(stack, mentee, newHour(ruChild));
    await delivered(stack, mentor, newHour(ru));

    // The old meeting's "Move" button is stale now.
    await mentee.pressPayload(packAction("meeting-move", old.id));
    await mentee.waitFor(ruChild("meeting-move-not-agreed", { state: msg("meetings-state-moved") }));
    await pressOn(mentor, proposal, ru("button-meeting-accept"));
    await mentor.waitFor(ru("meetings-already-answered", { state: msg("meetings-state-accepted") }));
    expect(await outboxOfTopic(stack, `meeting:${moved.id}`)).toHaveLength(4);
  });

  it("keeps the meeting and its reminders when the move is declined", async () => {
    const f = await pairOnDuty();
    const { mentor, mentee } = f;
    const slot: Slot = { date: dayAhead(stack, 2), time: "16:00", minutes: 45, place: "Библиотека" };
    const old = await agreeMeeting(stack, f, slot, ruChild);
    const next: Slot = { date: dayAhead(stack, 2), time: "18:00", minutes: 45, place: "Библиотека" };
    await move(mentor, f.pairId, old, f.menteeName, next, ru);

    const proposal = await delivered(stack, mentee, moveText(f.mentorName, old.start, next, ruChild));
    await pressOn(mentee, proposal, ruChild("button-meeting-decline"));
    await mentee.waitFor(ruChild("meeting-move-declined-you", { old: when(old.start), to: f.mentorName }));
    await stack.settle();
    await delivered(
      stack,
      mentor,
      ru("meeting-move-declined-notice", { who: f.menteeName, when: when(startOf(next)), old: when(old.start) }),
    );
    const rows = await meetingsOf(stack, f.pairId);
    expect(rows.map((row) => [row.state, row.sequence])).toEqual([
      ["accepted", 0],
      ["declined", 0],
    ]);
    expect(textFilesTo(stack, mentor).filter((file) => file.filename === `meeting-${rows[1]!.id}.ics`)).toEqual([]);

    // The old reminders come as planned, and the meeting can be moved again.
    await stack.runJobs(new Date(old.start.getTime() - 24 * HOUR + 5_000));
    await delivered(stack, mentee, ruChild("meetings-reminder-day", { when: when(old.start), place: place("Библиотека") }));
    await delivered(stack, mentor, ru("meetings-reminder-day", { when: when(old.start), place: place("Библиотека") }));
    const screen = await screenOf(mentee, f.pairId);
    expect(screen.text).not.toContain(ruChild("meetings-move-state-pending"));
    expect(labels(screen)).toContain(ruChild("meetings-move-button", { when: when(old.start) }));
    await pressOn(mentee, proposal, ruChild("button-meeting-accept"));
    await mentee.waitFor(ruChild("meetings-already-answered", { state: msg("meetings-state-declined") }));
    expect((await meetingsOf(stack, f.pairId))[0]!.state).toBe("accepted");
  });

  it("answers a move with another time, which still moves the meeting; a later call-off removes the same calendar event", async () => {
    const f = await pairOnDuty();
    const { mentor, mentee } = f;
    const slot: Slot = { date: dayAhead(stack, 2), time: "15:00", minutes: 60, place: "Кабинет 3" };
    const old = await agreeMeeting(stack, f, slot, ruChild);
    const asked: Slot = { date: dayAhead(stack, 3), time: "15:00", minutes: 60, place: "Кабинет 3" };
    await move(mentor, f.pairId, old, f.menteeName, asked, ru);

    // The mentee answers with another time, overlapping the agreed meeting itself: no clash with it.
    const proposal = await delivered(stack, mentee, moveText(f.mentorName, old.start, asked, ruChild));
    await pressOn(mentee, proposal, ruChild("button-meeting-another-time"));
    await mentee.waitFor(ruChild("meetings-another-time-intro", { when: when(startOf(asked)), to: f.mentorName }));
    const counter: Slot = { date: slot.date, time: "15:30", minutes: 60, place: "online" };
    await mentee.waitFor(ruChild("meetings-date-question"));
    await mentee.send(typedDayMonth(counter.date));
    await mentee.waitFor(ruChild("meetings-time-question", { date: formatCalendarDate(counter.date, "ru") }));
    await mentee.send(counter.time);
    await mentee.waitFor(ruChild("meetings-length-question", { min: 15, max: 240 }));
    await mentee.press(ruChild("meetings-length-button", { minutes: 60 }));
    await mentee.waitFor(ruChild("meetings-place-question"));
    await mentee.press(ruChild("button-meeting-online"));
    await mentee.waitFor(
      ruChild("meetings-preview", { to: f.mentorName, when: when(startOf(counter)), minutes: 60, place: place("online") }),
    );
    await mentee.press(ruChild("button-send"));
    await mentee.waitFor(ruChild("meetings-sent", { to: f.mentorName, when: when(startOf(counter)) }));
    await stack.settle();
    let rows = await meetingsOf(stack, f.pairId);
    expect(rows.map((row) => [row.state, row.replaces_id])).toEqual([
      ["accepted", null],
      ["rescheduled", old.id],
      ["proposed", rows[1]!.id],
    ]);
    const back = await delivered(
      stack,
      mentor,
      ru("meeting-move-counter", {
        who: f.menteeName,
        old: when(startOf(asked)),
        agreed: when(old.start),
        when: when(startOf(counter)),
        minutes: 60,
        place: place("online"),
      }),
    );
    // The first request's buttons are stale; a second move still waits for this answer.
    await pressOn(mentee, proposal, ruChild("button-meeting-accept"));
    await mentee.waitFor(ruChild("meetings-already-answered", { state: msg("meetings-state-rescheduled") }));
    await mentee.pressPayload(packAction("meeting-move", old.id));
    await mentee.waitFor(ruChild("meeting-move-pending", { when: when(startOf(counter)), to: f.mentorName }));

    // The mentor accepts the counter-proposal: the agreed meeting is moved to it.
    await pressOn(mentor, back, ru("button-meeting-accept"));
    await mentor.waitFor(
      ru("meeting-move-accepted-you", {
        with: f.menteeName,
        old: when(old.start),
        when: when(startOf(counter)),
        minutes: 60,
        place: place("online"),
      }),
    );
    await stack.settle();
    rows = await meetingsOf(stack, f.pairId);
    expect(rows.map((row) => [row.state, row.sequence])).toEqual([
      ["moved", 0],
      ["rescheduled", 0],
      ["accepted", 1],
    ]);
    const agreed = rows[2]!;
    for (const user of [mentor, mentee]) {
      const ics = await fileNamed(stack, user, `meeting-${agreed.id}.ics`);
      expect(ics).toContain(`UID:meeting-${old.id}@nastavnik`);
      expect(ics).toContain("SEQUENCE:1");
      expect(ics).toContain(`DTSTART:${icsTime(startOf(counter))}`);
    }
    expect((await outboxOfTopic(stack, `meeting:${old.id}`)).every((entry) => entry.last_error === "meeting moved")).toBe(true);
    expect(await outboxOfTopic(stack, `meeting:${agreed.id}`)).toHaveLength(4);

    // Called off later: the cancellation removes the same event, one sequence up.
    const screen = await screenOf(mentor, f.pairId);
    await pressOn(mentor, screen, ru("button-meeting-cancel", { when: when(startOf(counter)) }));
    await mentor.waitFor(ru("meetings-cancel-question", { when: when(startOf(counter)), to: f.menteeName }));
    await mentor.press(ru("button-meeting-cancel-yes"));
    await mentor.waitFor(ru("meetings-cancelled-you", { when: when(startOf(counter)) }));
    const cancellation = await fileNamed(stack, mentor, `meeting-${agreed.id}-cancelled.ics`);
    expect(cancellation).toContain("METHOD:CANCEL");
    expect(cancellation).toContain(`UID:meeting-${old.id}@nastavnik`);
    expect(cancellation).toContain("SEQUENCE:2");
  });

  it("refuses clashes, past times, the same slot and a 5,000-character place; a move of a meeting that has begun", async () => {
    const f = await pairOnDuty();
    const { mentor, mentee } = f;
    const slot: Slot = { date: dayAhead(stack, 1), time: "16:00", minutes: 60, place: "Кабинет 12" };
    const old = await agreeMeeting(stack, f, slot, ruChild);
    // Another meeting of the pair, still waiting for an answer, the day after at 10:00.
    const other = await stack.app.repos.meetings.propose(
      {
        pairId: f.pairId,
        orgId: f.orgId,
        proposedBy: f.mentorPersonId,
        start: moscowInstant(dayAhead(stack, 2), "10:00"),
        minutes: 60,
        place: "Кабинет 3",
        online: false,
      },
      [f.mentorPersonId, f.menteePersonId],
      stack.clock.now(),
    );
    expect(other.ok).toBe(true);

    await pressMove(mentee, f.pairId, old, f.mentorName, ruChild);
    const dateQuestion = ruChild("meetings-date-question");
    await mentee.waitFor(dateQuestion);
    await mentee.send("01.09.2020");
    await mentee.waitFor(`${ruChild("error-date-past")}\n\n${dateQuestion}`);
    await mentee.send("сегодня");
    const timeQuestion = ruChild("meetings-time-question", { date: formatCalendarDate(dayAhead(stack, 0), "ru") });
    await mentee.waitFor(timeQuestion);
    await mentee.send("08:00");
    await mentee.waitFor(`${ruChild("error-time-past")}\n\n${timeQuestion}`);
    await mentee.press(ruChild("button-back"));
    await mentee.waitFor(dateQuestion);

    // Over the other meeting: refused, asked again from the day.
    await mentee.send(typedDayMonth(dayAhead(stack, 2)));
    await mentee.waitFor(ruChild("meetings-time-question", { date: formatCalendarDate(dayAhead(stack, 2), "ru") }));
    await mentee.send("10:30");
    const lengthQuestion = ruChild("meetings-length-question", { min: 15, max: 240 });
    await mentee.waitFor(lengthQuestion);
    await mentee.send("весь день");
    await mentee.waitFor(`${ruChild("error-meeting-length", { min: 15, max: 240 })}\n\n${lengthQuestion}`);
    await mentee.send("30");
    const placeQuestion = ruChild("meetings-place-question");
    await mentee.waitFor(placeQuestion);
    await mentee.send(HUGE);
    await mentee.waitFor(`${ruChild("error-too-long", { max: 200 })}\n\n${placeQuestion}`);
    await mentee.send("Кабинет 12");
    const clashing: Slot = { date: dayAhead(stack, 2), time: "10:30", minutes: 30, place: "Кабинет 12" };
    await mentee.waitFor(movePreview(f.mentorName, old.start, clashing, ruChild));
    await mentee.send("отправь, пожалуйста");
    await mentee.waitFor(`${ruChild("error-use-buttons")}\n\n${movePreview(f.mentorName, old.start, clashing, ruChild)}`);
    await mentee.press(ruChild("button-send"));
    await mentee.waitFor(ruChild("meetings-overlap"));

    // The very same slot: nothing to move.
    await answerQuestions(mentee, slot, ruChild);
    await mentee.waitFor(movePreview(f.mentorName, old.start, slot, ruChild));
    await mentee.press(ruChild("button-send"));
    await mentee.waitFor(ruChild("meeting-move-unchanged"));

    // Half an hour later, overlapping only the meeting itself: fine.
    const later: Slot = { ...slot, time: "16:30" };
    await answerQuestions(mentee, later, ruChild);
    await mentee.waitFor(movePreview(f.mentorName, old.start, later, ruChild));
    await mentee.press(ruChild("button-send"));
    await mentee.waitFor(ruChild("meeting-move-sent", { old: when(old.start), when: when(startOf(later)), to: f.mentorName }));
    await stack.settle();
    const rows = await meetingsOf(stack, f.pairId);
    expect(rows.map((row) => row.state)).toEqual(["accepted", "proposed", "proposed"]);
    expect(rows.every((row) => row.place.length <= 200)).toBe(true);
    const proposal = await delivered(stack, mentor, moveText(f.menteeName, old.start, later, ru));

    // The meeting begins before the mentor answers: no move of it any more, from either button.
    stack.clock.set(new Date(old.start.getTime() + 60_000));
    await mentee.pressPayload(packAction("meeting-move", old.id));
    await mentee.waitFor(ruChild("meeting-move-begun", { when: when(old.start) }));
    await pressOn(mentor, proposal, ru("button-meeting-accept"));
    await mentor.waitFor(ru("meeting-move-begun-answer", { old: when(old.start) }));
    expect((await meetingsOf(stack, f.pairId)).map((row) => row.state)).toEqual(["accepted", "proposed", "declined"]);
    expect((await outboxOfTopic(stack, `meeting:${old.id}`)).every((entry) => entry.last_error !== "meeting moved")).toBe(true);
  });

  it("refuses forged, foreign and stale Move buttons politely", async () => {
    const f = await pairOnDuty();
    const { mentor, mentee, parent } = f;
    const slot: Slot = { date: dayAhead(stack, 2), time: "14:00", minutes: 45, place: "Кабинет 5" };
    const old = await agreeMeeting(stack, f, slot, ruChild);

    // Outside the pair with the right id; ids that do not exist or cannot be ids.
    for (const outsider of [parent, f.coordinator.user]) {
      await outsider.pressPayload(packAction("meeting-move", old.id));
      await outsider.waitFor(ru("meetings-not-yours"));
    }
    await mentee.pressPayload(packAction("meeting-move", 987_654_321));
    await mentee.waitFor(ruChild("meetings-not-yours"));
    await mentee.pressPayload("1:a:meeting-move:abc");
    await mentee.waitForToast(ruChild("toast-button-unknown"));

    // A proposal is answered, not moved.
    const proposed = await stack.app.repos.meetings.propose(
      {
        pairId: f.pairId,
        orgId: f.orgId,
        proposedBy: f.mentorPersonId,
        start: moscowInstant(dayAhead(stack, 4), "14:00"),
        minutes: 30,
        place: "Кабинет 5",
        online: false,
      },
      [f.mentorPersonId, f.menteePersonId],
      stack.clock.now(),
    );
    expect(proposed.ok).toBe(true);
    await mentee.pressPayload(packAction("meeting-move", proposed.ok ? proposed.meeting.id : 0));
    await mentee.waitFor(ruChild("meeting-move-not-agreed", { state: msg("meetings-state-proposed") }));

    // A move waiting for an answer when the meeting is called off: the move goes with it.
    const next: Slot = { date: dayAhead(stack, 3), time: "14:00", minutes: 45, place: "Кабинет 5" };
    await move(mentee, f.pairId, old, f.mentorName, next, ruChild);
    const proposal = await delivered(stack, mentor, moveText(f.menteeName, old.start, next, ru));
    const screen = await screenOf(mentee, f.pairId);
    await pressOn(mentee, screen, ruChild("button-meeting-cancel", { when: when(old.start) }));
    await mentee.waitFor(ruChild("meetings-cancel-question", { when: when(old.start), to: f.mentorName }));
    await mentee.press(ruChild("button-meeting-cancel-yes"));
    await mentee.waitFor(ruChild("meetings-cancelled-you", { when: when(old.start) }));
    await stack.settle();
    await delivered(stack, mentor, ru("meetings-cancelled-notice", { who: f.menteeName, when: when(old.start) }));
    await pressOn(mentor, proposal, ru("button-meeting-accept"));
    await mentor.waitFor(ru("meetings-already-answered", { state: msg("meetings-state-declined") }));
    await mentee.pressPayload(packAction("meeting-move", old.id));
    await mentee.waitFor(ruChild("meeting-move-not-agreed", { state: msg("meetings-state-declined") }));
    const rows = await meetingsOf(stack, f.pairId);
    expect(rows.map((row) => row.state)).toEqual(["declined", "proposed", "declined"]);
    expect(textFilesTo(stack, mentor).some((file) => file.filename === `meeting-${rows[2]!.id}.ics`)).toBe(false);
  });
});
