/**
 * Parents who know (issue 18), end to end on every messenger: the parent of a 12-year-old (on another
 * messenger than the child) is told when a meeting is agreed and when it is moved, with the day, the
 * time on the organisation's clock, the place and the mentor's name declined; a parent who turned the
 * notices off is not told (and an old switch button changes nothing); a 15-year-old's parent is not
 * told until the child chooses so in their menu (free text on the buttons is asked again); the
 * parent's screen shows the pair and the meeting ahead. A coordinator sets the choice for a teenager,
 * whose parent then hears of a meeting agreed and called off.
 */
import { describe, expect, it } from "vitest";
import type { Meeting } from "#root/db/repositories/meetings.ts";
import { formatCalendarDate } from "#root/domain/cycle.ts";
import { msg } from "#root/i18n/translator.ts";
import { packAction } from "#root/messaging/buttons.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { dayAhead, toNextMidday, typedDayMonth } from "../support/calendar.ts";
import type { ChatMessage, ChatUser } from "../support/chat-user.ts";
import { pressOn, received } from "../support/cycle-journey.ts";
import { labels, ru, ruChild } from "../support/journeys.ts";
import { agreeMeeting, delivered, meetingsOf, place, proposalText, propose, type Slot, startOf, when } from "../support/meetings.ts";
import { startWorkingPair, type WorkingPairFixture } from "../support/pairs.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();

/** The parent consents from another messenger than the child's: each messenger is a parent's once. */
const PARENT_ON: Record<Platform, Platform> = { telegram: "max", vk: "telegram", max: "vk" };

/** The meeting as a mentee's parent reads it: the child's name and the mentor's, declined. */
const meetingOf = (f: WorkingPairFixture) => msg("parent-meeting-of-mentor", { child: f.menteeName, mentor: f.mentorName });

const agreedNotice = (f: WorkingPairFixture, slot: Slot): string =>
  ru("parent-meeting-agreed", { meeting: meetingOf(f), when: when(startOf(slot)), minutes: slot.minutes, place: place(slot.place) });

/** The parent's notices of meetings planned in the outbox (any kind), whatever was delivered. */
async function parentNoticesPlanned(f: WorkingPairFixture): Promise<string[]> {
  const rows = await stack.database.db
    .selectFrom("outbox")
    .select("dedup_key")
    .where("person_id", "=", f.parentPersonId)
    .where("dedup_key", "like", "meeting:%")
    .orderBy("id")
    .execute();
  return rows.map((row) => row.dedup_key);
}

/** The parent opens their screen from the menu. */
async function parentScreen(parent: ChatUser): Promise<ChatMessage> {
  await parent.pressPayload(packAction("menu"));
  const menu = await parent.waitFor(/🏠/);
  expect(labels(menu)).toContain(ru("button-parent-children"));
  await pressOn(parent, menu, ru("button-parent-children"));
  return parent.waitFor(ru("parent-children-title"));
}

/** The mentor moves the agreed meeting to `next` from the meetings screen; the 12- or 15-year-old mentee accepts. */
async function moveMeeting(f: WorkingPairFixture, old: Meeting, next: Slot): Promise<void> {
  await f.mentor.pressPayload(packAction("meetings", f.pairId));
  const screen = await f.mentor.waitFor(/📅 Встречи — /);
  await pressOn(f.mentor, screen, ru("meetings-move-button", { when: when(old.start) }));
  await f.mentor.waitFor(ru("meeting-move-intro", { when: when(old.start), to: f.menteeName }));
  await f.mentor.waitFor(ru("meetings-date-question"));
  await f.mentor.send(typedDayMonth(next.date));
  await f.mentor.waitFor(ru("meetings-time-question", { date: formatCalendarDate(next.date, "ru") }));
  await f.mentor.send(next.time);
  await f.mentor.waitFor(ru("meetings-length-question", { min: 15, max: 240 }));
  await f.mentor.send(String(next.minutes));
  await f.mentor.waitFor(ru("meetings-place-question"));
  if (next.place === "online") await f.mentor.press(ru("button-meeting-online"));
  else await f.mentor.send(next.place);
  await f.mentor.waitFor(
    ru("meeting-move-preview", {
      to: f.menteeName,
      old: when(old.start),
      when: when(startOf(next)),
      minutes: next.minutes,
      place: place(next.place),
    }),
  );
  await f.mentor.press(ru("button-send"));
  await f.mentor.waitFor(ru("meeting-move-sent", { old: when(old.start), when: when(startOf(next)), to: f.menteeName }));
  const details = { old: when(old.start), when: when(startOf(next)), minutes: next.minutes, place: place(next.place) };
  const proposal = await delivered(
    stack,
    f.mentee,
    ruChild("meeting-move-proposal", {
      who: f.mentorName,
      old: when(old.start),
      when: when(startOf(next)),
      minutes: next.minutes,
      place: place(next.place),
    }),
  );
  await pressOn(f.mentee, proposal, ruChild("button-meeting-accept"));
  await f.mentee.waitFor(ruChild("meeting-move-accepted-you", { with: f.mentorName, ...details }));
  await stack.settle();
}

describe.each(["telegram", "vk", "max"] as const)("parents who know, the pair on %s", (platform: Platform) => {
  let nextBlock = { telegram: 610_000, vk: 620_000, max: 630_000 }[platform];
  const pairOnDuty = async (menteeAge: number) => {
    toNextMidday(stack);
    const firstId = nextBlock;
    nextBlock += 10;
    return startWorkingPair(stack, platform, firstId, { menteeAge, parentPlatform: PARENT_ON[platform] });
  };

  it("tells a 12-year-old's parent of an agreed and a moved meeting; not once the parent turns the notices off", async () => {
    const f = await pairOnDuty(12);
    expect(f.parent.platform).toBe(PARENT_ON[platform]);
    const slot: Slot = { date: dayAhead(stack, 2), time: "15:30", minutes: 45, place: "Кабинет 12" };
    const agreed = await agreeMeeting(stack, f, slot, ruChild);

    // Told on the parent's own messenger, in «вы»: the day, the time on Moscow's clock, the place, the mentor declined.
    const notice = await delivered(stack, f.parent, agreedNotice(f, slot));
    expect(notice.text).toContain("Назначена встреча Пети Соколова с наставником Ириной Сергеевной Волковой.");
    expect(notice.text).toMatch(/Когда: [а-я]{2}, \d{1,2} [а-я]+, 15:30, 45 мин/);
    expect(notice.text).toContain("Где: Кабинет 12");
    expect(labels(notice)).toEqual([ru("button-parent-children")]);
    expect(await parentNoticesPlanned(f)).toHaveLength(1);

    // The parent's screen: the child, the mentor, the meeting ahead; the notices on.
    const screen = await parentScreen(f.parent);
    const meetingLine = msg("parent-child-meeting-line", { when: when(startOf(slot)), minutes: 45, place: place("Кабинет 12") });
    expect(screen.text).toContain(
      ru("parent-child", {
        child: f.menteeName,
        org: f.coordinator.orgName,
        pair: msg("parent-child-mentor", { names: f.mentorName }),
        meetings: msg("parent-child-meetings", { lines: meetingLine }),
      }),
    );
    expect(screen.text).toContain(ru("parent-notices-state-on"));
    expect(labels(screen)).toContain(ru("button-parent-notices-off"));

    // Moved online: the old and the new time, «онлайн».
    const next: Slot = { date: dayAhead(stack, 3), time: "17:00", minutes: 30, place: "online" };
    await moveMeeting(f, agreed, next);
    const moved = await delivered(
      stack,
      f.parent,
      ru("parent-meeting-moved", {
        meeting: meetingOf(f),
        old: when(agreed.start),
        when: when(startOf(next)),
        minutes: 30,
        place: place("online"),
      }),
    );
    expect(moved.text).toMatch(/Было: [а-я]{2}, \d{1,2} [а-я]+, 15:30\n/);
    expect(moved.text).toMatch(/Теперь: [а-я]{2}, \d{1,2} [а-я]+, 17:00, 30 мин\nГде: онлайн/);

    // The parent turns the notices off; the meeting called off then goes to the pair only.
    await pressOn(f.parent, screen, ru("button-parent-notices-off"));
    await f.parent.waitFor(ru("parent-notices-turned-off"));
    const [, current] = await meetingsOf(stack, f.pairId);
    await f.mentor.pressPayload(packAction("meetings", f.pairId));
    const mentorScreen = await f.mentor.waitFor(/📅 Встречи — /);
    await pressOn(f.mentor, mentorScreen, ru("button-meeting-cancel", { when: when(startOf(next)) }));
    await f.mentor.waitFor(ru("meetings-cancel-question", { when: when(startOf(next)), to: f.menteeName }));
    await f.mentor.press(ru("button-meeting-cancel-yes"));
    await f.mentor.waitFor(ru("meetings-cancelled-you", { when: when(startOf(next)) }));
    await delivered(stack, f.mentee, ruChild("meetings-cancelled-notice", { who: f.mentorName, when: when(startOf(next)) }));
    expect(current?.id).toBeDefined();
    expect(received(f.parent, ru("parent-meeting-cancelled", { meeting: meetingOf(f), when: when(startOf(next)) }))).toHaveLength(0);
    expect(await parentNoticesPlanned(f)).toHaveLength(2);

    // The old "off" button again: nothing changes, and the screen says the notices are off.
    await pressOn(f.parent, screen, ru("button-parent-notices-off"));
    await f.parent.waitFor(ru("parent-notices-already-off"));
    const after = await parentScreen(f.parent);
    expect(after.text).toContain(ru("parent-notices-state-off"));
    expect(after.text).toContain(ru("parent-child-meetings-none"));
    expect(labels(after)).toContain(ru("button-parent-notices-on"));
  });

  it("tells a 15-year-old's parent nothing until the child chooses so in their menu", async () => {
    const f = await pairOnDuty(15);
    const slot: Slot = { date: dayAhead(stack, 2), time: "16:00", minutes: 60, place: "Библиотека" };
    await agreeMeeting(stack, f, slot, ruChild);
    await stack.settle();
    expect(await parentNoticesPlanned(f)).toEqual([]);
    expect(received(f.parent, agreedNotice(f, slot))).toHaveLength(0);

    // The parent sees the pair, and that the meetings are the child's to share.
    const screen = await parentScreen(f.parent);
    expect(screen.text).toContain(ru("parent-child-mentor", { names: f.mentorName }));
    expect(screen.text).toContain(ru("parent-child-meetings-private", { child: f.menteeName }));
    expect(screen.text).not.toContain(
      ru("parent-child-meeting-line", { when: when(startOf(slot)), minutes: 60, place: place("Библиотека") }),
    );

    // The child chooses in their menu, in «ты»; typed text where a button is expected is asked again.
    await f.mentee.pressPayload(packAction("menu"));
    const menu = await f.mentee.waitFor(/🏠/);
    await pressOn(f.mentee, menu, ruChild("button-parents-told"));
    await f.mentee.waitFor(ruChild("parents-told-now-off"));
    await f.mentee.send("ну давай");
    await f.mentee.waitFor(`${ruChild("error-use-buttons")}\n\n${ruChild("parents-told-now-off")}`);
    await f.mentee.press(ruChild("button-parents-told-on"));
    await f.mentee.waitFor(ruChild("parents-told-turned-on"));

    // Now a new meeting reaches the parent, and the screen lists both meetings ahead.
    const second: Slot = { date: dayAhead(stack, 4), time: "14:00", minutes: 30, place: "Кабинет 5" };
    await propose(f.mentor, f.pairId, f.menteeName, second);
    await stack.settle();
    const proposal = await delivered(stack, f.mentee, proposalText(f.mentorName, second, ruChild));
    await pressOn(f.mentee, proposal, ruChild("button-meeting-accept"));
    await stack.settle();
    const notice = await delivered(stack, f.parent, agreedNotice(f, second));
    expect(notice.text).toContain("Назначена встреча Пети Соколова с наставником Ириной Сергеевной Волковой.");
    expect(await parentNoticesPlanned(f)).toHaveLength(1);
    const now = await parentScreen(f.parent);
    expect(now.text).toContain(ru("parent-child-meeting-line", { when: when(startOf(slot)), minutes: 60, place: place("Библиотека") }));
    expect(now.text).toContain(ru("parent-child-meeting-line", { when: when(startOf(second)), minutes: 30, place: place("Кабинет 5") }));
  });
});

describe("parents who know: a coordinator's choice and stale buttons", () => {
  it("lets a coordinator turn the notices on for a 15-year-old, from the base of mentees", async () => {
    toNextMidday(stack);
    const f = await startWorkingPair(stack, "telegram", 640_000, { menteeAge: 15 });
    const { user: coordinator } = f.coordinator;
    await coordinator.press(ru("button-base-mentees"));
    const base = await coordinator.waitFor(ru("base-mentee-title", { org: f.coordinator.orgName, total: 1, page: 1, pages: 1 }));
    await pressOn(coordinator, base, ru("button-parents-told-set"));
    const item = ru("parents-told-set-item", { mark: "🔕", name: f.menteeName, age: 15 });
    await coordinator.waitFor(ru("parents-told-set-pick"));
    await coordinator.press(item);
    await coordinator.waitFor(ru("parents-told-set-now-off", { name: f.menteeName, age: 15 }));
    await coordinator.press(ru("button-parents-told-set-on"));
    await coordinator.waitFor(ru("parents-told-set-saved-on", { name: f.menteeName }));

    const slot: Slot = { date: dayAhead(stack, 2), time: "12:00", minutes: 45, place: "Актовый зал" };
    await agreeMeeting(stack, f, slot, ruChild);
    await delivered(stack, f.parent, agreedNotice(f, slot));

    // Called off by the mentee: the parent hears it too, with the time it had.
    await f.mentee.pressPayload(packAction("meetings", f.pairId));
    const screen = await f.mentee.waitFor(/📅 Встречи — /);
    await pressOn(f.mentee, screen, ruChild("button-meeting-cancel", { when: when(startOf(slot)) }));
    await f.mentee.waitFor(ruChild("meetings-cancel-question", { when: when(startOf(slot)), to: f.mentorName }));
    await f.mentee.press(ruChild("button-meeting-cancel-yes"));
    await f.mentee.waitFor(ruChild("meetings-cancelled-you", { when: when(startOf(slot)) }));
    const cancelled = await delivered(
      stack,
      f.parent,
      ru("parent-meeting-cancelled", { meeting: meetingOf(f), when: when(startOf(slot)) }),
    );
    expect(cancelled.text).toMatch(
      /Отменена встреча Пети Соколова с наставником Ириной Сергеевной Волковой\.\nОна была назначена на [а-я]{2}, \d{1,2} [а-я]+, 12:00\./,
    );

    // The child sees the choice as made, and a forged "on" for the parent's switch changes nothing.
    await f.mentee.pressPayload(packAction("parents-told"));
    await f.mentee.waitFor(ruChild("parents-told-now-on"));
    await f.parent.pressPayload(packAction("parent-notices", "on"));
    await f.parent.waitFor(ru("parent-notices-already-on"));
    // A mentor (an adult) has nothing to choose.
    await f.mentor.pressPayload(packAction("parents-told"));
    await f.mentor.waitFor(ru("parents-told-not-yours"));
  });
});
