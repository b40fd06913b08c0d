/**
 * Changing and calling off the final event, end to end on both messengers: the coordinator changes
 * the time (answers cleared, everyone asked again, calendars updated through a higher SEQUENCE), then
 * only the place (answers kept), then calls it off (a CANCEL file, old buttons answered kindly, a new
 * event may be announced). Refused politely: free text on the confirmation, a 5,000-character
 * description, a change made meanwhile by someone else, an event that has begun, a mentee's forged
 * button.
 */
import { describe, expect, it } from "vitest";
import type { FinalEvent } from "#root/db/repositories/final-events.ts";
import { formatCalendarDate } from "#root/domain/cycle.ts";
import { zonedInstant } from "#root/domain/typed-dates.ts";
import { packAction } from "#root/messaging/buttons.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { dayAhead, icsTime, MOSCOW, typedDayMonth } from "../support/calendar.ts";
import type { ChatMessage, ChatUser } from "../support/chat-user.ts";
import { allDelivered, pressOn, typedDate } from "../support/cycle-journey.ts";
import { eventForPair, guestRecords, movedAWeekAhead, shownWhen as when, workingPairsOn } from "../support/event-files.ts";
import { labels, ru } from "../support/journeys.ts";
import type { WorkingPairFixture } from "../support/pairs.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();

const PLACE = "Актовый зал, 2 этаж";
const DESCRIPTION = "Праздник наставничества\nКонцерт и награждение пар.";
const HUGE = "Концерт, чаепитие и награждение. ".repeat(200).slice(0, 5_000);

const { calendarFile, repliesTo, eventRow } = guestRecords(stack, "final");

describe.each(["telegram", "vk", "max"] as const)("changing the final event on %s", (platform: Platform) => {
  const { workingPair } = workingPairsOn(stack, platform, { telegram: 960_000, vk: 965_000, max: 970_000 }[platform]);

  /** A pair in a closing cycle whose event, in three days at 16:00, was announced to the mentee, mentor and parent. */
  async function announcedEvent(): Promise<{ f: WorkingPairFixture; event: FinalEvent; guests: ChatUser[] }> {
    const f = await workingPair();
    const { event } = await eventForPair(stack, f, { kind: "final", place: PLACE, description: DESCRIPTION });
    return { f, event, guests: [f.mentee, f.mentor, f.parent] };
  }

  it("a new time reaches every guest with a calendar file that replaces theirs, and asks them again", async () => {
    const { f, event, guests } = await announcedEvent();
    const [mentee, mentor, parent] = guests as [ChatUser, ChatUser, ChatUser];
    await mentor.pressPayload(packAction("final-event-reply", `${event.id}.coming`));
    await mentor.waitFor(ru("final-event-reply-coming", { when: when(event.startsAt), place: PLACE }));

    const user = f.coordinator.user;
    await user.pressPayload(packAction("final-event"));
    const screen = await user.waitFor(ru("final-event-counts", { invited: 3, coming: 1, notComing: 0, waiting: 2 }));
    expect(labels(screen)).toEqual(expect.arrayContaining([ru("button-final-event-edit"), ru("button-final-event-cancel")]));
    await pressOn(user, screen, ru("button-final-event-edit"));
    await user.waitFor(ru("final-event-change-intro"));
    const { newStart } = await movedAWeekAhead(stack, user);
    const placeQuestion = await user.waitFor(ru("final-event-place-question", { max: 200 }));
    await pressOn(user, placeQuestion, ru("button-final-event-keep-place", { place: "Актовый зал, 2 этаж" }));
    await user.waitFor(ru("final-event-description-question", { max: 1000 }));
    await user.send(HUGE);
    await user.waitFor(ru("final-event-description-too-long", { length: 5_000, max: 1000 }));
    await user.press(ru("button-final-event-keep-description"));
    const preview = await user.waitFor(
      ru("final-event-change-preview", {
        count: 3,
        org: f.coordinator.orgName,
        when: when(newStart),
        place: PLACE,
        description: DESCRIPTION,
      }),
    );
    await pressOn(user, preview, ru("button-final-event-send-changes"));
    await user.waitFor(ru("final-event-change-sent-ask-again", { count: 3 }));

    const row = await eventRow(event.id);
    expect(new Date(row.starts_at).getTime()).toBe(newStart.getTime());
    expect(row.sequence).toBe(1);
    expect(await repliesTo(event.id)).toEqual([]);
    // A stale "Send the changes" changes nothing more.
    await pressOn(user, preview, ru("button-final-event-send-changes"));
    await user.waitForToast(ru("toast-button-stale"));
    expect((await eventRow(event.id)).sequence).toBe(1);

    await allDelivered(stack);
    const details = { org: f.coordinator.orgName, when: when(newStart), place: PLACE, description: DESCRIPTION };
    const notices = new Map<ChatUser, ChatMessage>();
    for (const [guest, key] of [
      [mentee, "final-event-changed-time-mentee"],
      [mentor, "final-event-changed-time"],
      [parent, "final-event-changed-time"],
    ] as const) {
      const notice = await guest.waitFor(ru(key, details));
      notices.set(guest, notice);
      expect(labels(notice)).toEqual([ru("button-final-event-coming"), ru("button-final-event-not-coming")]);
      // The invitation's file was never delivered here (the event was created in the database), so the change's is the first.
      const ics = await calendarFile(guest, event.id, 1);
      expect(ics).toContain(`UID:final-event-${event.id}@nastavnik`);
      expect(ics).toContain("SEQUENCE:1");
      expect(ics).toContain(`DTSTART:${icsTime(newStart)}`);
      expect(ics).toContain("METHOD:PUBLISH");
    }
    await pressOn(mentee, notices.get(mentee)!, ru("button-final-event-coming"));
    await mentee.waitFor(ru("final-event-reply-coming-mentee", { when: when(newStart), place: PLACE }));
    expect((await repliesTo(event.id)).map((reply) => reply.person_id)).toEqual([f.menteePersonId]);
  });

  it("a new place keeps the answers; calling off sends a CANCEL file, old buttons are answered kindly, and a new event may follow", async () => {
    const { f, event, guests } = await announcedEvent();
    const [mentee, mentor] = guests as [ChatUser, ChatUser, ChatUser];
    await mentor.pressPayload(packAction("final-event-reply", `${event.id}.coming`));
    await mentor.waitFor(ru("final-event-reply-coming", { when: when(event.startsAt), place: PLACE }));

    // The same day and time, typed after bad answers to every question; another place.
    const user = f.coordinator.user;
    await user.pressPayload(packAction("final-event-change"));
    await user.waitFor(ru("final-event-date-question"));
    await user.send("31.02");
    await user.waitFor(ru("error-date-impossible"));
    await user.send(typedDate(dayAhead(stack, -1)));
    await user.waitFor(ru("error-date-past"));
    await user.send(typedDayMonth(dayAhead(stack, 3)));
    await user.waitFor(ru("final-event-time-question", { date: formatCalendarDate(dayAhead(stack, 3), "ru") }));
    await user.send("25:00");
    await user.waitFor(ru("error-time-impossible"));
    await user.send("16:00");
    await user.waitFor(ru("final-event-place-question", { max: 200 }));
    await user.send(HUGE);
    await user.waitFor(ru("final-event-place-too-long", { max: 200, length: HUGE.trim().length }));
    await user.send("Спортивный зал");
    await user.waitFor(ru("final-event-description-question", { max: 1000 }));
    await user.press(ru("button-final-event-keep-description"));
    const newPlace = {
      count: 3,
      org: f.coordinator.orgName,
      when: when(event.startsAt),
      place: "Спортивный зал",
      description: DESCRIPTION,
    };
    const preview = ru("final-event-change-preview", newPlace);
    await user.waitFor(preview);
    await user.send("отправляй");
    await user.waitFor(`${ru("error-use-buttons")}\n\n${preview}`);
    await user.press(ru("button-final-event-send-changes"));
    await user.waitFor(ru("final-event-change-sent", { count: 3 }));
    expect(await repliesTo(event.id)).toEqual([{ person_id: f.mentorPersonId, answer: "coming" }]);
    await allDelivered(stack);
    const details = { org: f.coordinator.orgName, when: when(event.startsAt), place: "Спортивный зал", description: DESCRIPTION };
    await mentee.waitFor(ru("final-event-changed-mentee", details));
    await mentor.waitFor(ru("final-event-changed", details));

    // Calling off: free text on the confirmation, then "keep", then for real.
    await user.pressPayload(packAction("final-event-cancel"));
    const confirm = ru("final-event-cancel-confirm", { when: when(event.startsAt), count: 3 });
    await user.waitFor(confirm);
    await user.send("да, наверное");
    await user.waitFor(`${ru("error-use-buttons")}\n\n${confirm}`);
    await user.press(ru("button-final-event-cancel-keep"));
    await user.waitFor(ru("final-event-cancel-kept"));
    expect((await eventRow(event.id)).cancelled_at).toBeNull();
    await user.pressPayload(packAction("final-event-cancel"));
    await pressOn(user, await user.waitFor(confirm), ru("button-final-event-cancel-confirm"));
    await user.waitFor(ru("final-event-cancel-done", { count: 3 }));
    expect((await eventRow(event.id)).cancelled_at).not.toBeNull();

    await allDelivered(stack);
    await mentee.waitFor(ru("final-event-cancelled-mentee", { org: f.coordinator.orgName, when: when(event.startsAt) }));
    await mentor.waitFor(ru("final-event-cancelled", { org: f.coordinator.orgName, when: when(event.startsAt) }));
    const cancellation = await calendarFile(mentor, event.id, 2);
    expect(cancellation).toContain("METHOD:CANCEL");
    expect(cancellation).toContain("STATUS:CANCELLED");
    expect(cancellation).toContain("SEQUENCE:2");
    expect(cancellation).toContain(`UID:final-event-${event.id}@nastavnik`);

    // An answer button of the called-off event, and the coordinator's change button, are answered kindly.
    await mentee.pressPayload(packAction("final-event-reply", `${event.id}.coming`));
    await mentee.waitFor(ru("final-event-reply-cancelled"));
    await user.pressPayload(packAction("final-event-change"));
    await user.waitFor(ru("final-event-change-none"));
    expect(await repliesTo(event.id)).toEqual([{ person_id: f.mentorPersonId, answer: "coming" }]);
    // The cycle may have its event again.
    await user.pressPayload(packAction("final-event"));
    await user.waitFor(ru("final-event-intro", { cycle: "2026/27", count: 3 }));
    await user.send("/cancel");
  });

  it("refuses a change made stale by another coordinator, an event that has begun, and a mentee's forged button", async () => {
    const { f, event } = await announcedEvent();
    const user = f.coordinator.user;
    await user.pressPayload(packAction("final-event-change"));
    await user.waitFor(ru("final-event-date-question"));
    await user.send(typedDayMonth(dayAhead(stack, 5)));
    await user.waitFor(ru("final-event-time-question", { date: formatCalendarDate(dayAhead(stack, 5), "ru") }));
    await user.send("15:00");
    await user.waitFor(ru("final-event-place-question", { max: 200 }));
    await user.send("Библиотека");
    await user.waitFor(ru("final-event-description-question", { max: 1000 }));
    await user.press(ru("button-final-event-keep-description"));
    const start = zonedInstant(dayAhead(stack, 5), { hour: 15, minute: 0 }, MOSCOW);
    await user.waitFor(
      ru("final-event-change-preview", {
        count: 3,
        org: f.coordinator.orgName,
        when: when(start),
        place: "Библиотека",
        description: DESCRIPTION,
      }),
    );
    // Meanwhile another coordinator changed the event.
    await stack.database.db.updateTable("final_events").set({ place: "Холл", sequence: 1 }).where("id", "=", event.id).execute();
    await user.press(ru("button-final-event-send-changes"));
    await user.waitFor(ru("final-event-change-stale"));
    expect(await eventRow(event.id)).toMatchObject({ place: "Холл", sequence: 1 });
    await allDelivered(stack);
    expect(f.mentor.messages().filter((message) => message.text.includes("Библиотека"))).toEqual([]);

    await f.mentee.pressPayload(packAction("final-event-change"));
    await f.mentee.waitFor(ru("error-coordinators-only"));
    await f.mentee.pressPayload(packAction("final-event-cancel"));
    await f.mentee.waitFor(ru("error-coordinators-only"));

    // Once it has begun it can be neither changed nor called off, and the screen offers neither.
    await stack.database.db
      .updateTable("final_events")
      .set({ starts_at: new Date(stack.clock.now().getTime() - 60_000) })
      .where("id", "=", event.id)
      .execute();
    await user.pressPayload(packAction("final-event-change"));
    await user.waitFor(ru("final-event-change-begun"));
    await user.pressPayload(packAction("final-event-cancel"));
    await user.waitFor(ru("final-event-change-begun"));
    await user.pressPayload(packAction("final-event"));
    const screen = await user.waitFor(ru("final-event-counts", { invited: 3, coming: 0, notComing: 0, waiting: 3 }));
    expect(labels(screen)).not.toContain(ru("button-final-event-edit"));
    expect((await eventRow(event.id)).cancelled_at).toBeNull();
  });
});
