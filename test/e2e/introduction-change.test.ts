/**
 * Changing and calling off an introduction, end to end on every messenger, as the final event is
 * changed (one implementation): a new time reaches the pair and the parent with a calendar file that
 * replaces theirs and clears the answers; a new place keeps them; calling off sends a CANCEL file and
 * the old invitation's buttons are answered as called off. The answer buttons name the introduction
 * to whoever they are not for; a begun introduction can be neither changed nor called off; and the
 * pairs to invite are chosen page by page when there are more than a keyboard holds.
 */
import { describe, expect, it } from "vitest";
import type { FinalEvent } from "#root/db/repositories/final-events.ts";
import { formatCalendarDate } from "#root/domain/cycle.ts";
import { zonedInstant } from "#root/domain/typed-dates.ts";
import { eventView, invitations } from "#root/flows/closing/final-event-wording.ts";
import { pairLabel } from "#root/flows/introduction/wording.ts";
import { packAction } from "#root/messaging/buttons.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { dayAhead, eventually, icsTime, MOSCOW, typedDayMonth } from "../support/calendar.ts";
import type { ChatMessage, ChatUser } from "../support/chat-user.ts";
import { allDelivered, pressOn } from "../support/cycle-journey.ts";
import { eventForPair, guestRecords, movedAWeekAhead, shownWhen as when, workingPairsOn } from "../support/event-files.ts";
import { labels, participantByName, payloadOfButton, ru, ruChild, translator } from "../support/journeys.ts";
import { anotherPairOfTheMentor, type WorkingPairFixture } from "../support/pairs.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();

const PLACE = "Библиотека, 1 этаж";
const DESCRIPTION = "Знакомство наставников и наставляемых\nПары познакомятся, родители зададут вопросы.";

const { calendarFile, repliesTo, eventRow } = guestRecords(stack, "introduction");

/** The latest message that passes `test`, once it has come. */
async function shown(user: ChatUser, test: (message: ChatMessage) => boolean): Promise<ChatMessage> {
  const found = await eventually(
    () => user.messages().findLast(test),
    (message) => message !== undefined,
  );
  return found!;
}

/** A pair's label on the picker, rendered as the flow renders it. */
const pairButton = (mentorName: string, menteeName: string, pairId: number): string =>
  translator.render("ru", pairLabel({ mentorName, members: [{ menteeName }] }, pairId));

/** The mentees of the extra pairs: short names, so that every label is whole. */
const MENTEES = ["Аня Белова", "Боря Зайцев", "Варя Котова", "Гоша Лисин", "Даша Мухина", "Егор Носов"];
const MORE_MENTEES = ["Женя Орлова", "Зоя Панова", "Илья Репин", "Катя Сёмина", "Лёва Титов"];

describe.each(["telegram", "vk", "max"] as const)("changing an introduction on %s", (platform: Platform) => {
  const { workingPair, block } = workingPairsOn(stack, platform, { telegram: 433_000, vk: 443_000, max: 453_000 }[platform]);

  /**
   * An introduction of the fixture's pair in three days at 16:00, scheduled in the database, its
   * invitations delivered to the mentee, the mentor and the parent.
   */
  async function scheduled(f: WorkingPairFixture): Promise<{ event: FinalEvent; invitations: Map<ChatUser, ChatMessage> }> {
    const { event, invited } = await eventForPair(stack, f, { kind: "introduction", place: PLACE, description: DESCRIPTION });
    await stack.app.repos.outbox.enqueue(invitations(eventView(event), invited, f.coordinator.orgName, MOSCOW, stack.clock.now()));
    await allDelivered(stack);
    const details = { org: f.coordinator.orgName, when: when(event.startsAt), place: PLACE, description: DESCRIPTION };
    const received = new Map<ChatUser, ChatMessage>();
    for (const [guest, text] of [
      [f.mentee, ruChild("introduction-invitation-mentee", details)],
      [f.mentor, ru("introduction-invitation", details)],
      [f.parent, ru("introduction-invitation", details)],
    ] as const) {
      received.set(guest, await guest.waitFor(text));
    }
    return { event, invitations: received };
  }

  it("a new time asks everyone again with a calendar file that replaces theirs, a new place keeps the answers, calling off sends a CANCEL file and old buttons are answered kindly", async () => {
    const f = await workingPair();
    const { event, invitations: invited } = await scheduled(f);
    const { mentee, mentor, parent } = f;
    const org = f.coordinator.orgName;
    await pressOn(mentor, invited.get(mentor)!, ru("button-final-event-coming"));
    await mentor.waitFor(ru("final-event-reply-coming", { when: when(event.startsAt), place: PLACE }));

    // The screen offers the introduction's own change and call-off.
    const user = f.coordinator.user;
    await user.pressPayload(packAction("introduction"));
    const screen = await user.waitFor(ru("final-event-counts", { invited: 3, coming: 1, notComing: 0, waiting: 2 }));
    expect(labels(screen)).toEqual(expect.arrayContaining([ru("button-introduction-edit"), ru("button-introduction-cancel")]));
    await pressOn(user, screen, ru("button-introduction-edit"));
    await user.waitFor(ru("introduction-change-intro"));

    // A new day and time; the place and the description kept with a press.
    const { newDay, newStart } = await movedAWeekAhead(stack, user);
    const placeQuestion = await user.waitFor(ru("final-event-place-question", { max: 200 }));
    await pressOn(user, placeQuestion, ru("button-final-event-keep-place", { place: PLACE }));
    await user.waitFor(ru("introduction-description-question", { max: 1000 }));
    await user.press(ru("button-final-event-keep-description"));
    const preview = await user.waitFor(
      ru("introduction-change-preview", { count: 3, org, when: when(newStart), place: PLACE, description: DESCRIPTION }),
    );
    await pressOn(user, preview, ru("button-introduction-send-changes"));
    const changed = await user.waitFor(ru("introduction-change-sent-ask-again", { count: 3 }));
    expect(changed.text).toContain(ru("final-event-counts", { invited: 3, coming: 0, notComing: 0, waiting: 3 }));

    const row = await eventRow(event.id);
    expect(new Date(row.starts_at).getTime()).toBe(newStart.getTime());
    expect(row.sequence).toBe(1);
    expect(await repliesTo(event.id)).toEqual([]);
    // A stale "Send the changes" changes nothing more.
    await pressOn(user, preview, ru("button-introduction-send-changes"));
    await user.waitForToast(ru("toast-button-stale"));
    expect((await eventRow(event.id)).sequence).toBe(1);

    // Everyone invited is told in their own words, with the file that replaces the invitation's (file 1).
    await allDelivered(stack);
    const details = { org, when: when(newStart), place: PLACE, description: DESCRIPTION };
    const notices = new Map<ChatUser, ChatMessage>();
    for (const [guest, text] of [
      [mentee, ruChild("introduction-changed-time-mentee", details)],
      [mentor, ru("introduction-changed-time", details)],
      [parent, ru("introduction-changed-time", details)],
    ] as const) {
      const notice = await guest.waitFor(text);
      notices.set(guest, notice);
      expect(labels(notice)).toEqual([ru("button-final-event-coming"), ru("button-final-event-not-coming")]);
      const ics = await calendarFile(guest, event.id, 2);
      expect(ics).toContain(`UID:introduction-${event.id}@nastavnik`);
      expect(ics).toContain("SEQUENCE:1");
      expect(ics).toContain(`DTSTART:${icsTime(newStart)}`);
      expect(ics).toContain("METHOD:PUBLISH");
    }
    await pressOn(mentee, notices.get(mentee)!, ruChild("button-final-event-coming"));
    await mentee.waitFor(ruChild("final-event-reply-coming-mentee", { when: when(newStart), place: PLACE }));
    expect(await repliesTo(event.id)).toEqual([{ person_id: f.menteePersonId, answer: "coming" }]);

    // Another place, the same day and time typed: the answers stand.
    await user.pressPayload(packAction("introduction-change", String(event.id)));
    await user.waitFor(ru("final-event-date-question"));
    await user.send(typedDayMonth(newDay));
    await user.waitFor(ru("final-event-time-question", { date: formatCalendarDate(newDay, "ru") }));
    await user.send("17:30");
    await user.waitFor(ru("final-event-place-question", { max: 200 }));
    await user.send("Спортивный зал");
    await user.waitFor(ru("introduction-description-question", { max: 1000 }));
    await user.press(ru("button-final-event-keep-description"));
    await user.waitFor(
      ru("introduction-change-preview", { count: 3, org, when: when(newStart), place: "Спортивный зал", description: DESCRIPTION }),
    );
    await user.press(ru("button-introduction-send-changes"));
    await user.waitFor(ru("introduction-change-sent", { count: 3 }));
    expect(await repliesTo(event.id)).toEqual([{ person_id: f.menteePersonId, answer: "coming" }]);
    await allDelivered(stack);
    const moved = { org, when: when(newStart), place: "Спортивный зал", description: DESCRIPTION };
    await mentee.waitFor(ruChild("introduction-changed-mentee", moved));
    await mentor.waitFor(ru("introduction-changed", moved));

    // Calling off: "keep" first, then for real.
    await user.pressPayload(packAction("introduction-cancel", String(event.id)));
    const confirm = ru("introduction-cancel-confirm", { when: when(newStart), count: 3 });
    await user.waitFor(confirm);
    await user.send("наверное");
    await user.waitFor(`${ru("error-use-buttons")}\n\n${confirm}`);
    await user.press(ru("button-final-event-cancel-keep"));
    await user.waitFor(ru("introduction-cancel-kept"));
    expect((await eventRow(event.id)).cancelled_at).toBeNull();
    await user.pressPayload(packAction("introduction-cancel", String(event.id)));
    await pressOn(user, await user.waitFor(confirm), ru("button-final-event-cancel-confirm"));
    const done = await user.waitFor(ru("introduction-cancel-done", { count: 3 }));
    expect((await eventRow(event.id)).cancelled_at).not.toBeNull();
    // Its pair is without an introduction again: another may be scheduled.
    expect(done.text).toContain(ru("introduction-waiting", { pairs: 1 }));
    expect(labels(done)).toContain(ru("button-introduction-new"));

    await allDelivered(stack);
    await mentee.waitFor(ruChild("introduction-cancelled-mentee", { org, when: when(newStart) }));
    await mentor.waitFor(ru("introduction-cancelled", { org, when: when(newStart) }));
    const cancellation = await calendarFile(mentor, event.id, 4);
    expect(cancellation).toContain("METHOD:CANCEL");
    expect(cancellation).toContain("STATUS:CANCELLED");
    // Two changes made it 2; the cancellation supersedes them.
    expect(cancellation).toContain("SEQUENCE:3");
    expect(cancellation).toContain(`UID:introduction-${event.id}@nastavnik`);

    // The old invitation's buttons, and the coordinator's change button, are answered kindly.
    await pressOn(parent, invited.get(parent)!, ru("button-final-event-coming"));
    await parent.waitFor(ru("introduction-reply-cancelled"));
    await pressOn(mentee, invited.get(mentee)!, ruChild("button-final-event-not-coming"));
    await mentee.waitFor(ruChild("introduction-reply-cancelled"));
    expect(await repliesTo(event.id)).toEqual([{ person_id: f.menteePersonId, answer: "coming" }]);
    await user.pressPayload(packAction("introduction-change", String(event.id)));
    await user.waitFor(ru("introduction-not-found"));
  });

  it("names the introduction to whoever its buttons are not for, and keeps a begun introduction as it is", async () => {
    const f = await workingPair();
    const { event } = await scheduled(f);
    const reply = packAction("final-event-reply", `${event.id}.coming`);

    // Someone the bot does not know, and the organisation's coordinator (not a guest of an introduction).
    const stranger = stack.user(platform, block(), "Незнакомец");
    await stranger.pressPayload(reply);
    await stranger.waitFor(ru("introduction-reply-not-invited"));
    await f.coordinator.user.pressPayload(reply);
    await f.coordinator.user.waitFor(ru("introduction-reply-not-invited"));

    // The guests of another organisation's introduction.
    const other = await workingPair({ mentorName: "Олег Игоревич Белов", menteeName: "Вера Белова" });
    const { event: theirs } = await scheduled(other);
    await f.mentee.pressPayload(packAction("final-event-reply", `${theirs.id}.coming`));
    await f.mentee.waitFor(ruChild("introduction-reply-not-invited"));
    await f.parent.pressPayload(packAction("final-event-reply", `${theirs.id}.not_coming`));
    await f.parent.waitFor(ru("introduction-reply-not-invited"));
    expect(await repliesTo(theirs.id)).toEqual([]);
    // Nor may their coordinator change or call off this one, nor a mentee.
    await other.coordinator.user.pressPayload(packAction("introduction-change", String(event.id)));
    await other.coordinator.user.waitFor(ru("introduction-not-found"));
    await other.coordinator.user.pressPayload(packAction("introduction-cancel", String(event.id)));
    await other.coordinator.user.waitFor(ru("introduction-not-found"));
    await f.mentee.pressPayload(packAction("introduction-cancel", String(event.id)));
    await f.mentee.waitFor(ruChild("error-coordinators-only"));
    expect(await eventRow(event.id)).toMatchObject({ cancelled_at: null, sequence: 0 });

    // Once it has begun: no answers, no change, no call-off, and the screen offers the ticking instead.
    const begun = new Date(stack.clock.now().getTime() - 60_000);
    await stack.database.db.updateTable("final_events").set({ starts_at: begun }).where("id", "=", event.id).execute();
    await f.mentor.pressPayload(reply);
    await f.mentor.waitFor(ru("introduction-reply-past", { when: when(begun) }));
    const user = f.coordinator.user;
    await user.pressPayload(packAction("introduction-change", String(event.id)));
    await user.waitFor(ru("introduction-change-begun"));
    await user.pressPayload(packAction("introduction-cancel", String(event.id)));
    await user.waitFor(ru("introduction-change-begun"));
    await user.pressPayload(packAction("introduction"));
    const screen = await user.waitFor(ru("introduction-attendance-line", { held: 0, pairs: 1, missed: 0, open: 1 }));
    expect(labels(screen)).toContain(ru("button-introduction-attendance"));
    expect(labels(screen)).not.toContain(ru("button-introduction-edit"));
    expect(labels(screen)).not.toContain(ru("button-introduction-cancel"));
    expect(await eventRow(event.id)).toMatchObject({ cancelled_at: null, sequence: 0 });
  });

  it("names two introductions on one day by their times, each button leading to its own introduction", async () => {
    const f = await workingPair({ mentorName: "Ирина Волкова" });
    const { event: afternoon } = await eventForPair(stack, f, { kind: "introduction", place: PLACE, description: DESCRIPTION });
    // A second pair of the same mentor, invited to the same day two hours later.
    const pair = { id: await anotherPairOfTheMentor(stack, f, { name: MENTEES[0]!, birthYear: 2015 }) };
    const day = dayAhead(stack, 3);
    const evening = zonedInstant(day, { hour: 18, minute: 30 }, MOSCOW);
    const { repos } = stack.app;
    const second = (await repos.finalEvents.create({
      kind: "introduction",
      orgId: f.orgId,
      cycleId: f.cycleId,
      startsAt: evening,
      place: PLACE,
      description: DESCRIPTION,
      createdBy: (await participantByName(stack, f.orgId, f.coordinator.name, "coordinator"))!.personId,
    }))!;
    await repos.introductions.attach(second, [pair.id]);
    await repos.finalEvents.invite(second, await repos.finalEvents.audience(f.cycleId, { pairIds: [pair.id] }), stack.clock.now());

    const user = f.coordinator.user;
    await user.pressPayload(packAction("introduction"));
    const screen = await user.waitFor(ru("introduction-all-invited"));
    const date = formatCalendarDate(day, "ru");
    const edit = [ru("button-introduction-edit-at", { date, time: "16:00" }), ru("button-introduction-edit-at", { date, time: "18:30" })];
    const cancel = [
      ru("button-introduction-cancel-at", { date, time: "16:00" }),
      ru("button-introduction-cancel-at", { date, time: "18:30" }),
    ];
    expect(labels(screen)).toEqual([
      edit[0],
      cancel[0],
      edit[1],
      cancel[1],
      ru("button-introduction-refresh"),
      ru("button-programme"),
      ru("button-menu"),
    ]);
    expect(new Set(labels(screen)).size).toBe(labels(screen).length);
    // Every label whole: within VK's 40 characters, in both languages.
    for (const label of [...edit, ...cancel]) expect(label.length).toBeLessThanOrEqual(40);
    for (const time of ["16:00", "18:30"]) {
      for (const key of ["button-introduction-edit-at", "button-introduction-cancel-at", "button-introduction-attendance-at"]) {
        expect(translator.t("en", key, { date: formatCalendarDate(day, "en"), time }).length).toBeLessThanOrEqual(40);
      }
    }

    // Each change button is of its own introduction, and each call-off asks about its own time.
    expect(payloadOfButton(screen, edit[0]!)).toBe(packAction("introduction-change", String(afternoon.id)));
    expect(payloadOfButton(screen, edit[1]!)).toBe(packAction("introduction-change", String(second.id)));
    for (const [label, start, count] of [
      // The mentor, the mentee and the parent; the mentor and the second mentee.
      [cancel[0]!, afternoon.startsAt, 3],
      [cancel[1]!, evening, 2],
    ] as const) {
      await pressOn(user, screen, label);
      await user.waitFor(ru("introduction-cancel-confirm", { when: when(start), count }));
      await user.press(ru("button-final-event-cancel-keep"));
      await user.waitFor(ru("introduction-cancel-kept"));
    }
    expect(await eventRow(afternoon.id)).toMatchObject({ cancelled_at: null });
    expect(await eventRow(second.id)).toMatchObject({ cancelled_at: null });
  });

  it("pages the pairs to invite when there are twelve, ticks holding across the pages; several introductions each have their own buttons", async () => {
    const f = await workingPair({ mentorName: "Ирина Волкова" });
    const { db } = stack.database;
    // Eleven more pairs of the same mentor (their mentees have no chat: only the coordinator's picker is watched).
    const pairIds = [f.pairId];
    for (const name of [...MENTEES, ...MORE_MENTEES]) pairIds.push(await anotherPairOfTheMentor(stack, f, { name, birthYear: 2015 }));
    const buttons = [f.menteeName, ...MENTEES, ...MORE_MENTEES].map((mentee, index) =>
      pairButton("Ирина Волкова", mentee, pairIds[index]!),
    );
    const unticked = (label: string) => ru("choice-unselected", { label });
    const ticked = (label: string) => ru("choice-selected", { label });

    const user = f.coordinator.user;
    await user.pressPayload(packAction("introduction-new"));
    await user.waitFor(ru("introduction-pairs-question"));
    await user.press(ru("button-introduction-some-pairs"));
    const choose = ru("introduction-pairs-choose");
    const firstPage = await user.waitFor(ru("picker-page", { prompt: choose, page: 1, pages: 2 }));
    // Six pairs, Next, Done and Cancel: within VK's ten buttons, in one message.
    expect(labels(firstPage)).toEqual([...buttons.slice(0, 6).map(unticked), ru("button-next"), ru("button-done"), ru("button-cancel")]);

    await pressOn(user, firstPage, unticked(buttons[0]!));
    const tickedFirst = await shown(user, (message) => labels(message).includes(ticked(buttons[0]!)));
    await pressOn(user, tickedFirst, ru("button-next"));
    const secondPage = await user.waitFor(ru("picker-page", { prompt: choose, page: 2, pages: 2 }));
    expect(labels(secondPage)).toEqual([...buttons.slice(6).map(unticked), ru("button-previous"), ru("button-done"), ru("button-cancel")]);
    await pressOn(user, secondPage, unticked(buttons[11]!));
    const tickedLast = await shown(user, (message) => labels(message).includes(ticked(buttons[11]!)));
    await pressOn(user, tickedLast, ru("button-previous"));
    // Back on the first page the first pair is still ticked.
    // (Telegram and MAX edit the picker in place, VK sends it anew: either way, not an earlier copy.)
    const again = await shown(
      user,
      (message) =>
        message.id >= tickedLast.id && labels(message).includes(ticked(buttons[0]!)) && labels(message).includes(ru("button-next")),
    );
    expect(labels(again)).toEqual([
      ticked(buttons[0]!),
      ...buttons.slice(1, 6).map(unticked),
      ru("button-next"),
      ru("button-done"),
      ru("button-cancel"),
    ]);
    await pressOn(user, again, ru("button-done"));
    // The mentor, the first pair's mentee and parent, and the twelfth pair's mentee.
    await user.waitFor(ru("introduction-intro", { cycle: "2026/27", count: 4 }));

    // Scheduled for exactly those two pairs.
    await user.waitFor(ru("final-event-date-question"));
    await user.press(ru("quick-date-in-week", { date: formatCalendarDate(dayAhead(stack, 7), "ru") }));
    await user.waitFor(ru("final-event-time-question", { date: formatCalendarDate(dayAhead(stack, 7), "ru") }));
    await user.send("16:00");
    await user.waitFor(ru("final-event-place-question", { max: 200 }));
    await user.send(PLACE);
    await user.waitFor(ru("introduction-description-question", { max: 1000 }));
    await user.send(DESCRIPTION);
    const start = zonedInstant(dayAhead(stack, 7), { hour: 16, minute: 0 }, MOSCOW);
    const preview = await user.waitFor(
      ru("introduction-preview", { count: 4, org: f.coordinator.orgName, when: when(start), place: PLACE, description: DESCRIPTION }),
    );
    await pressOn(user, preview, ru("button-introduction-send"));
    await user.waitFor(ru("introduction-sent", { count: 4 }));
    const attached = await db
      .selectFrom("introduction_pairs as ip")
      .innerJoin("final_events as event", "event.id", "ip.event_id")
      .select("ip.pair_id")
      .where("event.cycle_id", "=", f.cycleId)
      .orderBy("ip.pair_id")
      .execute();
    expect(attached.map((row) => row.pair_id)).toEqual([pairIds[0], pairIds[11]]);

    // A second introduction, for the second pair: each has its own buttons, named by its day.
    const later = zonedInstant(dayAhead(stack, 10), { hour: 15, minute: 0 }, MOSCOW);
    const { repos } = stack.app;
    const second = (await repos.finalEvents.create({
      kind: "introduction",
      orgId: f.orgId,
      cycleId: f.cycleId,
      startsAt: later,
      place: PLACE,
      description: DESCRIPTION,
      createdBy: (await participantByName(stack, f.orgId, f.coordinator.name, "coordinator"))!.personId,
    }))!;
    await repos.introductions.attach(second, [pairIds[1]!]);
    await repos.finalEvents.invite(second, await repos.finalEvents.audience(f.cycleId, { pairIds: [pairIds[1]!] }), stack.clock.now());
    await user.pressPayload(packAction("introduction"));
    const screen = await user.waitFor(ru("introduction-waiting", { pairs: 9 }));
    const dates = [dayAhead(stack, 7), dayAhead(stack, 10)].map((date) => formatCalendarDate(date, "ru"));
    expect(labels(screen)).toEqual([
      ru("button-introduction-edit-on", { date: dates[0]! }),
      ru("button-introduction-cancel-on", { date: dates[0]! }),
      ru("button-introduction-edit-on", { date: dates[1]! }),
      ru("button-introduction-cancel-on", { date: dates[1]! }),
      ru("button-introduction-new"),
      ru("button-introduction-refresh"),
      ru("button-programme"),
      ru("button-menu"),
    ]);
    await pressOn(user, screen, ru("button-introduction-cancel-on", { date: dates[1]! }));
    // The mentor and the second pair's mentee.
    await user.waitFor(ru("introduction-cancel-confirm", { when: when(later), count: 2 }));
    await user.press(ru("button-final-event-cancel-keep"));
    await user.waitFor(ru("introduction-cancel-kept"));
  });
});
