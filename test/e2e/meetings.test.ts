/**
 * Meetings end to end, on both messengers: a mentor and a mentee propose, accept, answer with another
 * time, decline and call off meetings; both sides get the calendar file (checked where the messenger
 * received it); reminders come 24 hours and 1 hour before, and not at all after a cancellation or
 * for a meeting already begun when the jobs catch up after downtime; the mentor ticks the meeting off
 * after its end, once. Bad input: past dates, 31.02, clashes (in the pair and with the mentor's other
 * pair), a 5,000-character place, free text on buttons, forged and stale buttons. A group meets as one.
 */
import { describe, expect, it } from "vitest";
import { formatCalendarDate } from "#root/domain/cycle.ts";
import { upcomingMeetings } from "#root/flows/meetings/meetings.ts";
import { msg } from "#root/i18n/translator.ts";
import { packAction } from "#root/messaging/buttons.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { dayAhead, eventually, moscowInstant, toNextMidday, typedDayMonth } from "../support/calendar.ts";
import { pressOn, received, textFilesTo, vkTextWithFile } from "../support/cycle-journey.ts";
import { issueInvite, labels, menteeForm, participantByName, payloadOfButton, registerMentee, ru, ruChild } from "../support/journeys.ts";
import {
  agreeMeeting,
  fileNamed,
  meetingsOf,
  outboxOfTopic,
  place,
  proposalText,
  propose,
  type Slot,
  startOf,
  when,
  writeProposal,
} from "../support/meetings.ts";
import { anotherPairOfTheMentor, startWorkingPair } from "../support/pairs.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();

const HOUR = 3_600_000;
const MINUTE = 60_000;
const HUGE = "Кабинет номер двенадцать, второй этаж. ".repeat(150).slice(0, 5_000);

// Every text is expected as its reader gets it: the pair's mentee is 15 (startWorkingPair's default)
// and reads «ты» (ruChild); the mentor (an adult teacher), the parent and the coordinator read «вы» (ru).

describe.each(["telegram", "vk", "max"] as const)("meetings on %s", (platform: Platform) => {
  let nextBlock = { telegram: 830_000, vk: 840_000, max: 845_000 }[platform];
  const pairOnDuty = async () => {
    toNextMidday(stack);
    const firstId = nextBlock;
    nextBlock += 10;
    return startWorkingPair(stack, platform, firstId);
  };

  it("proposes, accepts with a calendar file on both sides, reminds 24 h and 1 h before, and asks the mentor afterwards", async () => {
    const f = await pairOnDuty();
    const { mentor, mentee } = f;

    // The mentor's screen: nothing yet.
    await mentor.pressPayload(packAction("meetings"));
    const empty = await mentor.waitFor(ru("meetings-upcoming-none"));
    expect(labels(empty)).toContain(ru("button-meeting-propose"));
    await mentor.press(ru("button-meeting-propose"));
    await mentor.waitFor(ru("meetings-propose-intro", { to: f.menteeName }));

    // Quick buttons for the day, the time and the length; a typed place.
    const dateQuestion = await mentor.waitFor(ru("meetings-date-question"));
    const tomorrow = dayAhead(stack, 1);
    expect(labels(dateQuestion)).toContain(ru("quick-date-tomorrow", { date: formatCalendarDate(tomorrow, "ru") }));
    await mentor.press(ru("quick-date-tomorrow", { date: formatCalendarDate(tomorrow, "ru") }));
    await mentor.waitFor(ru("meetings-time-question", { date: formatCalendarDate(tomorrow, "ru") }));
    await mentor.press("16:00");
    await mentor.waitFor(ru("meetings-length-question", { min: 15, max: 240 }));
    await mentor.press(ru("meetings-length-button", { minutes: 45 }));
    await mentor.waitFor(ru("meetings-place-question"));
    await mentor.send("Кабинет 12");
    const start = moscowInstant(tomorrow, "16:00");
    const slot = { date: tomorrow, time: "16:00", minutes: 45, place: "Кабинет 12" };
    await mentor.waitFor(ru("meetings-preview", { to: f.menteeName, when: when(start), minutes: 45, place: place("Кабинет 12") }));
    await mentor.press(ru("button-send"));
    await mentor.waitFor(ru("meetings-sent", { to: f.menteeName, when: when(start) }));

    // The mentee is asked, and sees it waiting for an answer on the screen.
    await stack.settle();
    const proposal = await mentee.waitFor(proposalText(f.mentorName, slot, ruChild));
    expect(labels(proposal)).toEqual([
      ruChild("button-meeting-accept"),
      ruChild("button-meeting-decline"),
      ruChild("button-meeting-another-time"),
    ]);
    await mentee.pressPayload(packAction("meetings"));
    const screen = await mentee.waitFor(
      ruChild("meetings-title", { pair: msg("pair-title-mentee", { names: f.mentorName, org: f.coordinator.orgName }) }),
    );
    expect(screen.text).toContain(ruChild("meetings-state-your-answer"));
    expect(labels(screen)).toContain(ruChild("button-meeting-answer", { when: when(start) }));

    await pressOn(mentee, proposal, ruChild("button-meeting-accept"));
    await mentee.waitFor(
      ruChild("meetings-accepted-you", { with: f.mentorName, when: when(start), minutes: 45, place: place("Кабинет 12") }),
    );
    await stack.settle();
    await mentor.waitFor(ru("meetings-accepted-notice", { who: f.menteeName, when: when(start), minutes: 45, place: place("Кабинет 12") }));
    const [row] = await meetingsOf(stack, f.pairId);
    expect(row).toMatchObject({
      state: "accepted",
      decided_by: f.menteePersonId,
      proposed_by: f.mentorPersonId,
      minutes: 45,
      place: "Кабинет 12",
      online: false,
    });

    // The calendar file reached both messengers' chats: the same event, at the right instant, in UTC.
    for (const user of [mentee, mentor]) {
      const ics = await fileNamed(stack, user, `meeting-${row!.id}.ics`);
      expect(ics).toContain("BEGIN:VCALENDAR\r\n");
      expect(ics).toContain("METHOD:PUBLISH");
      expect(ics).toContain(`UID:meeting-${row!.id}@nastavnik`);
      expect(ics).toContain(
        `DTSTART:${start
          .toISOString()
          .replace(/[-:]/g, "")
          .replace(/\.\d{3}/, "")}`,
      );
      expect(ics).toContain(
        `DTEND:${new Date(start.getTime() + 45 * MINUTE)
          .toISOString()
          .replace(/[-:]/g, "")
          .replace(/\.\d{3}/, "")}`,
      );
      expect(ics).toContain("LOCATION:Кабинет 12");
      expect(ics).not.toMatch(/ORGANIZER|ATTENDEE/);
    }
    // On VK the file is attached to the message that explains it (as a caption on Telegram), not sent alone without words.
    if (platform === "vk") {
      const details = { when: when(start), minutes: 45, place: place("Кабинет 12") };
      expect(vkTextWithFile(stack, mentee, `meeting-${row!.id}.ics`)).toContain(
        ruChild("meetings-accepted-you", { with: f.mentorName, ...details }),
      );
      expect(vkTextWithFile(stack, mentor, `meeting-${row!.id}.ics`)).toContain(
        ru("meetings-accepted-notice", { who: f.menteeName, ...details }),
      );
      for (const user of [mentee, mentor]) expect(stack.vkApi.sent(user.userId).filter((sent) => sent.message === "")).toEqual([]);
    }

    // Reminders for both, 24 hours and 1 hour before, withdrawable together, dropped once it begins.
    const planned = await outboxOfTopic(stack, `meeting:${row!.id}`);
    expect(planned).toHaveLength(4);
    expect(new Set(planned.map((entry) => entry.person_id))).toEqual(new Set([f.mentorPersonId, f.menteePersonId]));
    expect(planned.every((entry) => entry.reminder && new Date(entry.expires_at!).getTime() === start.getTime())).toBe(true);

    const at = { when: when(start), place: place("Кабинет 12") };
    await stack.runJobs(new Date(start.getTime() - 25 * HOUR));
    expect(received(mentee, ruChild("meetings-reminder-day", at))).toHaveLength(0);
    await stack.runJobs(new Date(start.getTime() - 24 * HOUR + 5_000));
    await mentee.waitFor(ruChild("meetings-reminder-day", at));
    await mentor.waitFor(ru("meetings-reminder-day", at));
    expect(received(mentee, ruChild("meetings-reminder-hour", at))).toHaveLength(0);
    await stack.runJobs(new Date(start.getTime() - HOUR + 5_000));
    await mentee.waitFor(ruChild("meetings-reminder-hour", at));
    await mentor.waitFor(ru("meetings-reminder-hour", at));

    // Not asked before the end; asked once after it, the mentor only.
    const question = ru("meetings-follow-up", at);
    expect((await stack.runJobs(new Date(start.getTime() + 30 * MINUTE)))["meeting-follow-ups"]).toBe(0);
    expect((await stack.runJobs(new Date(start.getTime() + 46 * MINUTE)))["meeting-follow-ups"]).toBe(1);
    const followUp = await mentor.waitFor(question);
    expect(labels(followUp)).toEqual([ru("button-meeting-held"), ru("button-meeting-missed"), ru("button-meeting-moved")]);
    expect((await stack.runJobs(new Date(start.getTime() + 50 * MINUTE)))["meeting-follow-ups"]).toBe(0);
    expect(received(mentee, ruChild("meetings-follow-up", at))).toHaveLength(0);

    // A mentee cannot tick it off, even with the mentor's button.
    await mentee.pressPayload(payloadOfButton(followUp, ru("button-meeting-held")));
    await mentee.waitFor(ruChild("meetings-mentor-ticks"));

    // Held, with a note: too long first, then one line.
    await pressOn(mentor, followUp, ru("button-meeting-held"));
    const noteQuestion = await mentor.waitFor(ru("meetings-note-question"));
    expect(labels(noteQuestion)).toContain(ru("button-meeting-skip"));
    await mentor.send("Очень длинная заметка. ".repeat(250).slice(0, 5_000));
    await mentor.waitFor(`${ru("error-too-long", { max: 300 })}\n\n${ru("meetings-note-question")}`);
    await mentor.send("Составили план проекта\nи выбрали тему");
    await mentor.waitFor(ru("meetings-note-saved", { note: "Составили план проекта и выбрали тему" }));
    expect((await meetingsOf(stack, f.pairId))[0]).toMatchObject({ state: "held", note: "Составили план проекта и выбрали тему" });

    // Ticking twice: politely refused, nothing changes.
    await pressOn(mentor, followUp, ru("button-meeting-missed"));
    await mentor.waitFor(ru("meetings-tick-already", { when: when(start), state: msg("meetings-state-held") }));
    expect((await meetingsOf(stack, f.pairId))[0]).toMatchObject({ state: "held" });

    // The mentee's screen lists it among the recent ones, with the note.
    await mentee.pressPayload(packAction("meetings", f.pairId));
    const after = await mentee.waitFor(ruChild("meetings-upcoming-none"));
    expect(after.text).toContain(ruChild("meetings-state-held"));
    expect(after.text).toContain("Составили план проекта и выбрали тему");
  });

  it("answers with another time, which goes back to the proposer; declines; refuses stale answers", async () => {
    const f = await pairOnDuty();
    const { mentor, mentee } = f;
    const first: Slot = { date: dayAhead(stack, 2), time: "15:00", minutes: 60, place: "Библиотека" };
    const firstStart = startOf(first);

    // The mentee proposes this time.
    await propose(mentee, f.pairId, f.mentorName, first, ruChild);
    await mentee.waitFor(ruChild("meetings-sent", { to: f.mentorName, when: when(firstStart) }));
    await stack.settle();
    const proposal = await mentor.waitFor(proposalText(f.menteeName, first));

    // The proposer cannot answer their own proposal.
    await mentee.pressPayload(packAction("meeting-accept", (await meetingsOf(stack, f.pairId))[0]!.id));
    await mentee.waitFor(ruChild("meetings-own-proposal", { to: f.mentorName }));

    // Another time: length and place kept from the proposal unless changed; "Online" by the button.
    await pressOn(mentor, proposal, ru("button-meeting-another-time"));
    await mentor.waitFor(ru("meetings-another-time-intro", { when: when(firstStart), to: f.menteeName }));
    const second: Slot = { date: dayAhead(stack, 3), time: "17:30", minutes: 90, place: "online" };
    const secondStart = startOf(second);
    await mentor.waitFor(ru("meetings-date-question"));
    await mentor.send(typedDayMonth(second.date));
    await mentor.waitFor(ru("meetings-time-question", { date: formatCalendarDate(second.date, "ru") }));
    await mentor.send("в 17:30");
    await mentor.waitFor(ru("meetings-length-question", { min: 15, max: 240 }));
    await mentor.send("5 часов");
    await mentor.waitFor(
      `${ru("error-meeting-length", { min: 15, max: 240 })}\n\n${ru("meetings-length-question", { min: 15, max: 240 })}`,
    );
    await mentor.send("1,5 ч");
    await mentor.waitFor(ru("meetings-place-question"));
    await mentor.press(ru("button-meeting-online"));
    await mentor.waitFor(ru("meetings-preview", { to: f.menteeName, when: when(secondStart), minutes: 90, place: place("online") }));
    await mentor.press(ru("button-send"));
    await mentor.waitFor(ru("meetings-sent", { to: f.menteeName, when: when(secondStart) }));

    const rows = await meetingsOf(stack, f.pairId);
    expect(rows.map((row) => [row.state, row.replaces_id, row.online])).toEqual([
      ["rescheduled", null, false],
      ["proposed", rows[0]!.id, true],
    ]);
    await stack.settle();
    const counter = await mentee.waitFor(
      ruChild("meetings-counter-proposal", {
        who: f.mentorName,
        old: when(firstStart),
        when: when(secondStart),
        minutes: 90,
        place: place("online"),
      }),
    );

    // The old proposal's buttons are stale now.
    await pressOn(mentor, proposal, ru("button-meeting-accept"));
    await mentor.waitFor(ru("meetings-already-answered", { state: msg("meetings-state-rescheduled") }));

    // The mentee declines the counter-proposal; the mentor hears of it.
    await pressOn(mentee, counter, ruChild("button-meeting-decline"));
    await mentee.waitFor(ruChild("meetings-declined-you", { to: f.mentorName }));
    await stack.settle();
    await mentor.waitFor(ru("meetings-declined-notice", { who: f.menteeName, when: when(secondStart) }));
    expect((await meetingsOf(stack, f.pairId))[1]).toMatchObject({ state: "declined", decided_by: f.menteePersonId });

    // Answering again, either way: already answered; nothing planned.
    await pressOn(mentee, counter, ruChild("button-meeting-accept"));
    await mentee.waitFor(ruChild("meetings-already-answered", { state: msg("meetings-state-declined") }));
    await pressOn(mentee, counter, ruChild("button-meeting-another-time"));
    await mentee.waitFor(ruChild("meetings-already-answered", { state: msg("meetings-state-declined") }));
    expect(await outboxOfTopic(stack, `meeting:${rows[1]!.id}`)).toEqual([]);
    expect(textFilesTo(stack, mentee).filter((file) => file.filename.endsWith(".ics"))).toEqual([]);
  });

  it("calls an agreed meeting off: reminders withdrawn, a cancellation file for both", async () => {
    const f = await pairOnDuty();
    const { mentor, mentee } = f;
    const slot: Slot = { date: dayAhead(stack, 2), time: "16:30", minutes: 60, place: "Актовый зал" };
    const meeting = await agreeMeeting(stack, f, slot, ruChild);
    const start = startOf(slot);
    expect(await outboxOfTopic(stack, `meeting:${meeting.id}`)).toHaveLength(4);

    await mentee.pressPayload(packAction("meetings", f.pairId));
    const screen = await mentee.waitFor(ruChild("meetings-state-accepted"));
    await pressOn(mentee, screen, ruChild("button-meeting-cancel", { when: when(start) }));
    await mentee.waitFor(ruChild("meetings-cancel-question", { when: when(start), to: f.mentorName }));
    await mentee.send("ну не знаю");
    await mentee.waitFor(
      `${ruChild("error-use-buttons")}\n\n${ruChild("meetings-cancel-question", { when: when(start), to: f.mentorName })}`,
    );
    await mentee.press(ruChild("button-meeting-cancel-yes"));
    await mentee.waitFor(ruChild("meetings-cancelled-you", { when: when(start) }));
    await stack.settle();
    await mentor.waitFor(ru("meetings-cancelled-notice", { who: f.menteeName, when: when(start) }));

    expect((await meetingsOf(stack, f.pairId))[0]).toMatchObject({ state: "declined", sequence: 1 });
    const reminders = await outboxOfTopic(stack, `meeting:${meeting.id}`);
    expect(
      reminders.every((entry) => entry.sent_at === null && entry.failed_at !== null && entry.last_error === "meeting called off"),
    ).toBe(true);
    for (const user of [mentee, mentor]) {
      const cancellation = await fileNamed(stack, user, `meeting-${meeting.id}-cancelled.ics`);
      expect(cancellation).toContain("METHOD:CANCEL");
      expect(cancellation).toContain(`UID:meeting-${meeting.id}@nastavnik`);
      expect(cancellation).toContain("SEQUENCE:1");
      expect(cancellation).toContain("STATUS:CANCELLED");
    }

    await stack.runJobs(new Date(start.getTime() - 24 * HOUR + 5_000));
    await stack.runJobs(new Date(start.getTime() - HOUR + 5_000));
    const at = { when: when(start), place: place(slot.place) };
    expect(received(mentee, ruChild("meetings-reminder-day", at))).toHaveLength(0);
    expect(received(mentor, ru("meetings-reminder-day", at))).toHaveLength(0);
    // A called-off meeting is not asked about afterwards, and cannot be ticked or called off again.
    expect((await stack.runJobs(new Date(start.getTime() + 2 * HOUR)))["meeting-follow-ups"]).toBe(0);
    await mentor.pressPayload(packAction("meeting-tick", `${meeting.id}.held`));
    await mentor.waitFor(ru("meetings-tick-already", { when: when(start), state: msg("meetings-state-declined") }));
    await mentor.pressPayload(packAction("meeting-cancel", meeting.id));
    await mentor.waitFor(ru("meetings-cancel-too-late", { state: msg("meetings-state-declined") }));
  });

  it("after downtime drops reminders for a meeting already begun and asks about it once", async () => {
    const f = await pairOnDuty();
    const { mentor, mentee } = f;
    const slot: Slot = { date: dayAhead(stack, 1), time: "15:00", minutes: 30, place: "Кабинет 7" };
    const meeting = await agreeMeeting(stack, f, slot, ruChild);
    const start = startOf(slot);

    // The bot was down from now until two days after the meeting: one catch-up run.
    const done = await stack.runJobs(new Date(start.getTime() + 48 * HOUR));
    expect(done["meeting-follow-ups"]).toBe(1);
    const question = ru("meetings-follow-up", { when: when(start), place: place(slot.place) });
    const followUp = await mentor.waitFor(question);
    // Delivery drops them as it reaches them (one recipient at a time).
    const reminders = await eventually(
      () => outboxOfTopic(stack, `meeting:${meeting.id}`),
      (rows) => rows.every((entry) => entry.failed_at !== null),
    );
    expect(reminders).toHaveLength(4);
    expect(reminders.every((entry) => entry.sent_at === null && entry.last_error === "expired")).toBe(true);
    for (const [user, reads] of [
      [mentor, ru],
      [mentee, ruChild],
    ] as const) {
      expect(received(user, reads("meetings-reminder-day", { when: when(start), place: place(slot.place) }))).toHaveLength(0);
      expect(received(user, reads("meetings-reminder-hour", { when: when(start), place: place(slot.place) }))).toHaveLength(0);
    }
    // Another replica's run, and the next minute's: nothing more.
    expect((await stack.runJobs(new Date(start.getTime() + 48 * HOUR + MINUTE)))["meeting-follow-ups"]).toBe(0);
    expect(received(mentor, question)).toHaveLength(1);

    // Moved: the mentor proposes the new time straight away.
    await pressOn(mentor, followUp, ru("button-meeting-moved"));
    const moved = await mentor.waitFor(ru("meetings-moved-saved"));
    await pressOn(mentor, moved, ru("button-meeting-propose-new-time"));
    await mentor.waitFor(ru("meetings-propose-intro", { to: f.menteeName }));
    const again: Slot = { date: dayAhead(stack, 2), time: "15:00", minutes: 30, place: "Кабинет 7" };
    await writeProposal(mentor, f.menteeName, again);
    await mentor.waitFor(ru("meetings-sent", { to: f.menteeName, when: when(startOf(again)) }));
    const rows = await meetingsOf(stack, f.pairId);
    expect(rows.map((row) => [row.state, row.replaces_id])).toEqual([
      ["moved", null],
      ["proposed", meeting.id],
    ]);
  });

  it("refuses past dates, 31.02, clashes in the pair and with the mentor's other pair, and a 5,000-character place", async () => {
    const f = await pairOnDuty();
    const { mentor, mentee } = f;
    const slot: Slot = { date: dayAhead(stack, 1), time: "16:00", minutes: 60, place: "Кабинет 12" };
    await agreeMeeting(stack, f, slot, ruChild);

    // The mentor's other pair has an agreed meeting the day after tomorrow at 10:00.
    const otherPair = await anotherPairOfTheMentor(stack, f, { name: "Вася Другой", birthYear: 2012 });
    const otherStart = moscowInstant(dayAhead(stack, 2), "10:00");
    const other = await stack.app.repos.meetings.propose(
      {
        pairId: otherPair,
        orgId: f.orgId,
        proposedBy: f.mentorPersonId,
        start: otherStart,
        minutes: 60,
        place: "Кабинет 3",
        online: false,
      },
      [f.mentorPersonId],
      stack.clock.now(),
    );
    expect(other.ok).toBe(true);

    await mentee.pressPayload(packAction("meeting-propose", f.pairId));
    await mentee.waitFor(ruChild("meetings-propose-intro", { to: f.mentorName }));
    const dateQuestion = ruChild("meetings-date-question");
    await mentee.waitFor(dateQuestion);
    await mentee.send("31.02");
    await mentee.waitFor(`${ruChild("error-date-impossible")}\n\n${dateQuestion}`);
    await mentee.send("01.09.2020");
    await mentee.waitFor(`${ruChild("error-date-past")}\n\n${dateQuestion}`);
    await mentee.send("когда-нибудь");
    await mentee.waitFor(`${ruChild("error-date-format")}\n\n${dateQuestion}`);
    await mentee.send("сегодня");
    const today = dayAhead(stack, 0);
    const timeQuestion = ruChild("meetings-time-question", { date: formatCalendarDate(today, "ru") });
    await mentee.waitFor(timeQuestion);
    await mentee.send("08:00");
    await mentee.waitFor(`${ruChild("error-time-past")}\n\n${timeQuestion}`);
    await mentee.send("25:70");
    await mentee.waitFor(`${ruChild("error-time-impossible")}\n\n${timeQuestion}`);
    await mentee.press(ruChild("button-back"));
    await mentee.waitFor(dateQuestion);

    // Overlapping the agreed meeting of this pair (16:00-17:00).
    await mentee.send(typedDayMonth(slot.date));
    await mentee.waitFor(ruChild("meetings-time-question", { date: formatCalendarDate(slot.date, "ru") }));
    await mentee.send("16:30");
    await mentee.waitFor(ruChild("meetings-length-question", { min: 15, max: 240 }));
    await mentee.send("10");
    await mentee.waitFor(
      `${ruChild("error-meeting-length", { min: 15, max: 240 })}\n\n${ruChild("meetings-length-question", { min: 15, max: 240 })}`,
    );
    await mentee.send("30");
    const placeQuestion = ruChild("meetings-place-question");
    await mentee.waitFor(placeQuestion);
    await mentee.send(HUGE);
    await mentee.waitFor(`${ruChild("error-too-long", { max: 200 })}\n\n${placeQuestion}`);
    await mentee.send("Кабинет 12");
    const clashing = moscowInstant(slot.date, "16:30");
    const preview = ruChild("meetings-preview", { to: f.mentorName, when: when(clashing), minutes: 30, place: place("Кабинет 12") });
    await mentee.waitFor(preview);
    await mentee.send("отправляй");
    await mentee.waitFor(`${ruChild("error-use-buttons")}\n\n${preview}`);
    await mentee.press(ruChild("button-send"));
    await mentee.waitFor(ruChild("meetings-overlap"));

    // Asked again from the day. Now against the agreed meeting of the mentor's other pair (10:00-11:00).
    await mentee.waitFor(dateQuestion);
    await mentee.send(typedDayMonth(dayAhead(stack, 2)));
    await mentee.waitFor(ruChild("meetings-time-question", { date: formatCalendarDate(dayAhead(stack, 2), "ru") }));
    await mentee.send("10:30");
    await mentee.waitFor(ruChild("meetings-length-question", { min: 15, max: 240 }));
    await mentee.send("30");
    await mentee.waitFor(placeQuestion);
    await mentee.send("Кабинет 12");
    await mentee.waitFor(
      ruChild("meetings-preview", {
        to: f.mentorName,
        when: when(moscowInstant(dayAhead(stack, 2), "10:30")),
        minutes: 30,
        place: place("Кабинет 12"),
      }),
    );
    await mentee.press(ruChild("button-send"));
    await mentee.waitFor(ruChild("meetings-overlap"));

    // Back to back with the agreed meeting is fine.
    await writeProposal(mentee, f.mentorName, { date: slot.date, time: "17:00", minutes: 30, place: "Кабинет 12" }, ruChild);
    await mentee.waitFor(ruChild("meetings-sent", { to: f.mentorName, when: when(moscowInstant(slot.date, "17:00")) }));
    const rows = await meetingsOf(stack, f.pairId);
    expect(rows.map((row) => row.state)).toEqual(["accepted", "proposed"]);
    expect(rows.every((row) => row.place.length <= 200)).toBe(true);

    // The mentor proposing over the mentee's pending proposal is refused too.
    await propose(mentor, f.pairId, f.menteeName, { date: slot.date, time: "17:15", minutes: 30, place: "Кабинет 12" });
    await mentor.waitFor(ru("meetings-overlap"));
    await mentor.waitFor(ru("meetings-date-question"));
    await mentor.send("/cancel");
    await mentor.waitFor(ru("flow-cancelled"));
    expect(await meetingsOf(stack, f.pairId)).toHaveLength(2);
  });

  it("refuses forged, foreign and stale buttons politely", async () => {
    const f = await pairOnDuty();
    const { mentor, mentee, parent } = f;
    const slot: Slot = { date: dayAhead(stack, 3), time: "14:00", minutes: 45, place: "https://telemost.yandex.ru/j/12345" };
    const start = startOf(slot);
    await propose(mentor, f.pairId, f.menteeName, slot);
    await mentor.waitFor(ru("meetings-sent", { to: f.menteeName, when: when(start) }));
    const [row] = await meetingsOf(stack, f.pairId);
    expect(row).toMatchObject({ online: true, state: "proposed" });

    // Someone outside the pair (the mentee's parent, the coordinator) with the right id.
    for (const outsider of [parent, f.coordinator.user]) {
      await outsider.pressPayload(packAction("meeting-accept", row!.id));
      await outsider.waitFor(ru("meetings-not-yours"));
      await outsider.pressPayload(packAction("meeting-tick", `${row!.id}.held`));
      await outsider.waitFor(ru("meetings-not-yours"));
      await outsider.pressPayload(packAction("meetings", f.pairId));
      await outsider.waitFor(ru("pair-not-yours"));
    }
    // Ids that do not exist, and arguments that cannot be ids.
    await mentee.pressPayload(packAction("meeting-decline", 987_654_321));
    await mentee.waitFor(ruChild("meetings-not-yours"));
    await mentee.pressPayload("1:a:meeting-accept:abc");
    await mentee.waitForToast(ruChild("toast-button-unknown"));
    await mentee.pressPayload("1:a:meeting-tick:1.maybe");
    await mentee.waitForToast(ruChild("toast-button-unknown"));
    // A tick before the meeting, and a proposal the mentor did not make to be called off by the mentee.
    await mentor.pressPayload(packAction("meeting-tick", `${row!.id}.held`));
    await mentor.waitFor(ru("error-meeting-not-agreed"));
    await mentee.pressPayload(packAction("meeting-cancel", row!.id));
    await mentee.waitFor(ruChild("meetings-cancel-not-yours", { state: msg("meetings-state-proposed") }));

    await stack.settle();
    const proposal = await mentee.waitFor(proposalText(f.mentorName, slot, ruChild));
    await pressOn(mentee, proposal, ruChild("button-meeting-accept"));
    await mentee.waitFor(
      ruChild("meetings-accepted-you", { with: f.mentorName, when: when(start), minutes: 45, place: place(slot.place) }),
    );
    const ics = await fileNamed(stack, mentee, `meeting-${row!.id}.ics`);
    expect(ics).toContain("URL:https://telemost.yandex.ru/j/12345");
    // Pressing accept twice (a double tap, or a replayed update) plans nothing more.
    await pressOn(mentee, proposal, ruChild("button-meeting-accept"));
    await mentee.waitFor(ruChild("meetings-already-answered", { state: msg("meetings-state-accepted") }));
    expect(await outboxOfTopic(stack, `meeting:${row!.id}`)).toHaveLength(4);
    await mentor.pressPayload(packAction("meeting-tick", `${row!.id}.held`));
    await mentor.waitFor(ru("error-meeting-not-started"));
    // A pair that is not theirs.
    await mentor.pressPayload(packAction("meeting-propose", 987_654_321));
    await mentor.waitFor(ru("pair-not-yours"));
  });

  it("lets a mentor meet a group: every mentee is invited, the first answer decides, everyone gets the file", async () => {
    const f = await pairOnDuty();
    const { mentor, mentee } = f;
    const second = stack.user(platform, nextBlock - 5, "Маша");
    const secondName = "Маша Иванова";
    await registerMentee(
      second,
      { payload: await issueInvite(stack, f.orgId, "mentee"), orgName: f.coordinator.orgName },
      menteeForm(secondName, 18),
    );
    const row = (await participantByName(stack, f.orgId, secondName, "mentee"))!;
    await stack.database.db
      .insertInto("pair_mentees")
      .values({ pair_id: f.pairId, mentee_participant_id: row.participantId, org_id: f.orgId, cycle_id: f.cycleId })
      .execute();

    const slot: Slot = { date: dayAhead(stack, 1), time: "16:00", minutes: 60, place: "Кабинет 5" };
    const start = startOf(slot);
    const mentees = [secondName, f.menteeName].sort((a, b) => a.localeCompare(b, "ru")).join(", ");
    await propose(mentor, f.pairId, mentees, slot);
    await mentor.waitFor(ru("meetings-sent", { to: mentees, when: when(start) }));
    await stack.settle();
    const first = await mentee.waitFor(proposalText(f.mentorName, slot, ruChild));
    const other = await second.waitFor(proposalText(f.mentorName, slot));

    await pressOn(second, other, ru("button-meeting-accept"));
    await second.waitFor(
      ru("meetings-accepted-you", {
        with: [f.mentorName, f.menteeName].join(", "),
        when: when(start),
        minutes: 60,
        place: place(slot.place),
      }),
    );
    await pressOn(mentee, first, ruChild("button-meeting-accept"));
    await mentee.waitFor(ruChild("meetings-already-answered", { state: msg("meetings-state-accepted") }));
    await stack.settle();
    await mentee.waitFor(
      ruChild("meetings-accepted-notice", { who: secondName, when: when(start), minutes: 60, place: place(slot.place) }),
    );
    await mentor.waitFor(ru("meetings-accepted-notice", { who: secondName, when: when(start), minutes: 60, place: place(slot.place) }));
    const [meeting] = await meetingsOf(stack, f.pairId);
    for (const user of [mentor, mentee, second]) {
      expect(await fileNamed(stack, user, `meeting-${meeting!.id}.ics`)).toContain("METHOD:PUBLISH");
    }
    expect(new Set((await outboxOfTopic(stack, `meeting:${meeting!.id}`)).map((entry) => entry.person_id)).size).toBe(3);

    // A mentee's upcoming meetings, for other screens.
    expect((await upcomingMeetings(stack.app.repos, f.menteePersonId, stack.clock.now())).map((entry) => entry.id)).toEqual([meeting!.id]);
    expect(await stack.app.repos.meetings.factsOf([f.pairId])).toEqual([
      { id: meeting!.id, pairId: f.pairId, start, end: new Date(start.getTime() + HOUR), state: "accepted" },
    ]);
  });
});
