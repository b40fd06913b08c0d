/**
 * The cycle's final public event end to end, on both messengers: a coordinator announces it step by
 * step (bad input on every prompt, "Back", free text on the buttons), the mentee, the mentor, the
 * parent and the other coordinator get the invitation with a calendar file, they answer and one
 * changes the answer, and the coordinator's counts add up. Refused politely: the flow before the
 * cycle closes, forged, foreign and stale buttons, a person outside the cycle, an event already begun.
 */
import { describe, expect, it } from "vitest";
import { formatCalendarDate } from "#root/domain/cycle.ts";
import { zonedInstant } from "#root/domain/typed-dates.ts";
import { eventWhen } from "#root/flows/closing/final-event-wording.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { packAction } from "#root/messaging/buttons.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { dayAhead, eventually, icsTime, MOSCOW, toNextMidday } from "../support/calendar.ts";
import type { ChatMessage, ChatUser } from "../support/chat-user.ts";
import { textFilesTo, typedDate } from "../support/cycle-journey.ts";
import {
  issueInvite,
  labels,
  participantByName,
  payloadOfButton,
  registerCoordinator,
  ru,
  ruChild,
  translator,
} from "../support/journeys.ts";
import { startWorkingPair, type WorkingPairFixture } from "../support/pairs.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();

const HOUR = 3_600_000;
const HUGE = "Праздник наставничества: концерт, чаепитие и награждение. ".repeat(100).slice(0, 5_000);
const DESCRIPTION = "Праздник наставничества\nКонцерт, чаепитие и награждение пар. Приходите всей семьёй!";
const PLACE = "Актовый зал, 2 этаж";

const render = (message: Msg): string => translator.render("ru", message);

/** The button with this label of a message, pressed on that message (later messages carry other buttons). */
async function pressOn(user: ChatUser, message: ChatMessage, label: string): Promise<void> {
  await user.pressPayload(payloadOfButton(message, label));
}

async function setStage(f: WorkingPairFixture, stage: "working" | "closing"): Promise<void> {
  await stack.database.db
    .updateTable("cycles")
    .set({ stage, closing_started_at: stage === "closing" ? stack.clock.now() : null })
    .where("id", "=", f.cycleId)
    .execute();
}

async function eventsOf(cycleId: number) {
  return stack.database.db.selectFrom("final_events").selectAll().where("cycle_id", "=", cycleId).execute();
}

async function repliesTo(eventId: number) {
  return stack.database.db
    .selectFrom("final_event_replies")
    .select(["person_id", "answer"])
    .where("event_id", "=", eventId)
    .orderBy("person_id")
    .execute();
}

/** The coordinator's screen texts for an event, with its counts, as `final-event` shows them. */
function countsText(invited: number, coming: number, notComing: number, waiting: number): string {
  return ru("final-event-counts", { invited, coming, notComing, waiting });
}

function roleLine(
  role: "mentee" | "mentor" | "parent" | "coordinator",
  invited: number,
  coming: number,
  notComing: number,
  waiting: number,
): string {
  return ru("final-event-counts-role", { role: msg(`final-event-role-${role}`), invited, coming, notComing, waiting });
}

describe.each(["telegram", "vk", "max"] as const)("the final event on %s", (platform: Platform) => {
  let nextBlock = { telegram: 940_000, vk: 950_000, max: 955_000 }[platform];
  const pairInClosing = async (): Promise<WorkingPairFixture> => {
    toNextMidday(stack);
    const firstId = nextBlock;
    nextBlock += 10;
    const f = await startWorkingPair(stack, platform, firstId);
    await setStage(f, "closing");
    return f;
  };

  it("is announced step by step, reaches everyone with a calendar file, and counts the answers", async () => {
    const f = await pairInClosing();
    const { coordinator, mentor, mentee, parent } = f;
    const orgName = coordinator.orgName;
    // A second coordinator, who is invited too.
    const colleague = stack.user(platform, nextBlock - 5, "Борис");
    await colleague.open(await issueInvite(stack, f.orgId, "coordinator"));
    await colleague.waitFor(ru("register-coordinator-welcome", { org: orgName }));
    await colleague.send("Борис Николаевич Кузнецов");
    await colleague.waitFor(ru("register-coordinator-done", { name: "Борис Николаевич Кузнецов", org: orgName }));

    const user = coordinator.user;
    await user.pressPayload(packAction("final-event"));
    await user.waitFor(ru("final-event-intro", { cycle: "2026/27", count: 4 }));

    // The day: free text, 31.02, a day already past, then a quick button.
    const dateQuestion = await user.waitFor(ru("final-event-date-question"));
    const inWeek = dayAhead(stack, 7);
    expect(labels(dateQuestion)).toContain(ru("quick-date-in-week", { date: formatCalendarDate(inWeek, "ru") }));
    expect(labels(dateQuestion)).not.toContain(ru("button-back"));
    await user.send("когда-нибудь весной");
    await user.waitFor(ru("error-date-format"));
    await user.send("31.02");
    await user.waitFor(ru("error-date-impossible"));
    const yesterday = dayAhead(stack, -1);
    await user.send(typedDate(yesterday));
    await user.waitFor(ru("error-date-past"));
    await user.press(ru("quick-date-in-week", { date: formatCalendarDate(inWeek, "ru") }));

    // The time: impossible, not a time, then typed.
    await user.waitFor(ru("final-event-time-question", { date: formatCalendarDate(inWeek, "ru") }));
    await user.send("25:00");
    await user.waitFor(ru("error-time-impossible"));
    await user.send("после уроков");
    await user.waitFor(ru("error-time-format"));
    await user.send("16:30");
    const start = zonedInstant(inWeek, { hour: 16, minute: 30 }, MOSCOW);

    // The place: 5,000 characters refused kindly, then a first try that is changed with "Back".
    await user.waitFor(ru("final-event-place-question", { max: 200 }));
    await user.send(HUGE);
    await user.waitFor(ru("final-event-place-too-long", { max: 200, length: HUGE.trim().length }));
    await user.send("Спортзал");
    await user.waitFor(ru("final-event-description-question", { max: 1_000 }));
    await user.send(HUGE);
    await user.waitFor(ru("final-event-description-too-long", { max: 1_000, length: HUGE.trim().length }));
    await user.press(ru("button-back"));
    await user.waitFor(ru("final-event-place-question", { max: 200 }));
    await user.send(PLACE);
    await user.waitFor(ru("final-event-description-question", { max: 1_000 }));
    await user.send("   ");
    await user.waitFor(ru("error-empty"));
    await user.send(DESCRIPTION);

    // The preview: free text where a button is expected is re-asked.
    const previewText = ru("final-event-preview", {
      count: 4,
      org: orgName,
      when: eventWhen({ startsAt: start.toISOString() }, MOSCOW),
      place: PLACE,
      description: DESCRIPTION,
    });
    const first = await user.waitFor(previewText);
    await user.send("наверное");
    await user.waitFor(ru("error-use-buttons"));
    // "Change" asks every step again, with the place and the description one press away.
    await pressOn(user, first, ru("button-final-event-change"));
    await user.waitFor(ru("final-event-date-question"));
    await user.press(ru("quick-date-in-week", { date: formatCalendarDate(inWeek, "ru") }));
    await user.waitFor(ru("final-event-time-question", { date: formatCalendarDate(inWeek, "ru") }));
    await user.send("в 16:30");
    const placeAgain = await user.waitFor(ru("final-event-place-question", { max: 200 }));
    expect(labels(placeAgain)).toContain(ru("button-final-event-keep-place", { place: "Актовый зал, 2 этаж" }));
    await pressOn(user, placeAgain, ru("button-final-event-keep-place", { place: "Актовый зал, 2 этаж" }));
    const descriptionAgain = await user.waitFor(ru("final-event-description-question", { max: 1_000 }));
    await pressOn(user, descriptionAgain, ru("button-final-event-keep-description"));
    const preview = await user.waitFor(previewText);
    await pressOn(user, preview, ru("button-final-event-send"));
    const screen = await user.waitFor(ru("final-event-sent", { count: 4 }));
    expect(screen.text).toContain(countsText(4, 0, 0, 4));
    expect(screen.text).toContain(PLACE);
    expect(screen.text).toContain(render(eventWhen({ startsAt: start.toISOString() }, MOSCOW)));
    expect(screen.text).toContain(roleLine("mentee", 1, 0, 0, 1));
    expect(labels(screen)).toContain(ru("button-final-event-refresh"));

    const [event] = await eventsOf(f.cycleId);
    const announcer = (await participantByName(stack, f.orgId, coordinator.name, "coordinator"))!;
    expect(event).toMatchObject({ place: PLACE, description: DESCRIPTION, created_by: announcer.personId });
    expect(new Date(event!.starts_at).getTime()).toBe(start.getTime());

    // A stale "Send" from the finished preview creates nothing more.
    await pressOn(user, preview, ru("button-final-event-send"));
    await user.waitForToast(ru("toast-button-stale"));
    expect(await eventsOf(f.cycleId)).toHaveLength(1);

    // Everyone invited gets the invitation with the answer buttons and the same calendar file; the announcer does not.
    await stack.settle();
    const details = { org: orgName, when: eventWhen({ startsAt: start.toISOString() }, MOSCOW), place: PLACE, description: DESCRIPTION };
    const invitations = new Map<ChatUser, ChatMessage>();
    // The mentee is 15 («ты»); the teacher mentor, the parent and the coordinator are adults («вы»).
    for (const [guest, key, r] of [
      [mentee, "final-event-invitation-mentee", ruChild],
      [mentor, "final-event-invitation", ru],
      [parent, "final-event-invitation", ru],
      [colleague, "final-event-invitation", ru],
    ] as const) {
      const invitation = await guest.waitFor(r(key, details));
      expect(labels(invitation)).toEqual([r("button-final-event-coming"), r("button-final-event-not-coming")]);
      invitations.set(guest, invitation);
      const files = await eventually(
        () => textFilesTo(stack, guest).filter((file) => file.filename === `final-event-${event!.id}.ics`),
        (found) => found.length > 0,
      );
      expect(files).toHaveLength(1);
      const ics = files[0]!.text.replace(/\r\n /g, "");
      expect(ics).toContain("METHOD:PUBLISH");
      expect(ics).toContain(`UID:final-event-${event!.id}@nastavnik`);
      expect(ics).toContain(`DTSTART:${icsTime(start)}`);
      expect(ics).toContain(`DTEND:${icsTime(new Date(start.getTime() + 2 * HOUR))}`);
      expect(ics).toContain("SUMMARY:Праздник наставничества\r\n");
      expect(ics).toContain("LOCATION:Актовый зал\\, 2 этаж");
      expect(ics).toContain("TRIGGER:-P1D");
      expect(ics).not.toMatch(/ORGANIZER|ATTENDEE/);
    }
    expect(user.messages().some((message) => message.text.includes(ru("final-event-invitation", details)))).toBe(false);
    expect(textFilesTo(stack, user).filter((file) => file.filename.startsWith("final-event-"))).toEqual([]);

    // The answers: the mentee comes, then changes their mind; the mentor can't; the parent comes.
    await pressOn(mentee, invitations.get(mentee)!, ruChild("button-final-event-coming"));
    const menteeReply = await mentee.waitFor(ruChild("final-event-reply-coming-mentee", { when: details.when, place: PLACE }));
    await pressOn(mentee, invitations.get(mentee)!, ruChild("button-final-event-coming"));
    await mentee.waitFor(ruChild("final-event-reply-same-mentee", { answer: msg("final-event-answer-coming") }));
    await pressOn(mentee, menteeReply, ruChild("button-final-event-not-coming"));
    const changed = await mentee.waitFor(ruChild("final-event-reply-not-coming-mentee", { when: details.when, place: PLACE }));
    expect(changed.text).toContain(ruChild("final-event-reply-changed-mentee"));
    await pressOn(mentor, invitations.get(mentor)!, ru("button-final-event-not-coming"));
    await mentor.waitFor(ru("final-event-reply-not-coming", { when: details.when, place: PLACE }));
    await pressOn(parent, invitations.get(parent)!, ru("button-final-event-coming"));
    await parent.waitFor(ru("final-event-reply-coming", { when: details.when, place: PLACE }));
    expect(await repliesTo(event!.id)).toEqual(
      [
        { person_id: f.menteePersonId, answer: "not_coming" },
        { person_id: f.mentorPersonId, answer: "not_coming" },
        { person_id: f.parentPersonId, answer: "coming" },
      ].sort((a, b) => a.person_id - b.person_id),
    );

    // The coordinators are not told of each answer; the counts show them.
    await stack.settle();
    expect(
      user.messages().filter((message) => message.text.includes(ru("final-event-reply-coming", { when: details.when, place: PLACE }))),
    ).toEqual([]);
    await pressOn(user, screen, ru("button-final-event-refresh"));
    const counted = await user.waitFor(countsText(4, 1, 2, 1));
    for (const line of [
      roleLine("mentee", 1, 0, 1, 0),
      roleLine("mentor", 1, 0, 1, 0),
      roleLine("parent", 1, 1, 0, 0),
      roleLine("coordinator", 1, 0, 0, 1),
    ]) {
      expect(counted.text).toContain(line);
    }
  });

  it("refuses forged, foreign and stale answers, and answers after the event has begun", async () => {
    const f = await pairInClosing();
    const { coordinator, mentee, mentor } = f;
    const { repos } = stack.app;
    const now = stack.clock.now();
    const event = (await repos.finalEvents.create({
      orgId: f.orgId,
      cycleId: f.cycleId,
      startsAt: new Date(now.getTime() + 3 * 24 * HOUR),
      place: PLACE,
      description: DESCRIPTION,
      createdBy: f.parentPersonId,
    }))!;
    await repos.finalEvents.invite(event, await repos.finalEvents.audience(f.cycleId), now);
    // One event per cycle: a second is not recorded.
    expect(
      await repos.finalEvents.create({
        orgId: f.orgId,
        cycleId: f.cycleId,
        startsAt: event.startsAt,
        place: "Другое",
        description: "Другое",
        createdBy: f.parentPersonId,
      }),
    ).toBeUndefined();

    // Another organisation's mentee (a whole other pair) pressing this event's buttons.
    toNextMidday(stack);
    const other = await startWorkingPair(stack, platform, nextBlock, { mentorName: "Олег Игоревич Белов", menteeName: "Вера Белова" });
    nextBlock += 10;
    // The other pair's mentee is 15 («ты»); the parent and the coordinator are adults.
    for (const [outsider, r] of [
      [other.mentee, ruChild],
      [other.parent, ru],
      [other.coordinator.user, ru],
    ] as const) {
      await outsider.pressPayload(packAction("final-event-reply", `${event.id}.coming`));
      await outsider.waitFor(r("final-event-reply-not-invited"));
    }
    // Someone who never registered: «вы».
    const stranger = stack.user(platform, nextBlock - 1, "Аня");
    await stranger.pressPayload(packAction("final-event-reply", `${event.id}.not_coming`));
    await stranger.waitFor(ru("final-event-reply-not-invited"));
    // Ids that do not exist (the mentee of this pair is 15: «ты»), and arguments that cannot be answers.
    await mentee.pressPayload(packAction("final-event-reply", "987654321.coming"));
    await mentee.waitFor(ruChild("final-event-reply-not-invited"));
    await mentee.pressPayload("1:a:final-event-reply:abc");
    await mentee.waitForToast(ruChild("toast-button-unknown"));
    await mentee.pressPayload(`1:a:final-event-reply:${event.id}.maybe`);
    await mentee.waitForToast(ruChild("toast-button-unknown"));
    // The coordinator's screen is for coordinators only.
    await mentee.pressPayload(packAction("final-event"));
    await mentee.waitFor(ruChild("error-coordinators-only"));
    expect(await repliesTo(event.id)).toEqual([]);

    // Within the cycle an answer counts; once the event has begun it is refused and nothing changes.
    await mentor.pressPayload(packAction("final-event-reply", `${event.id}.coming`));
    await mentor.waitFor(
      ru("final-event-reply-coming", { when: eventWhen({ startsAt: event.startsAt.toISOString() }, MOSCOW), place: PLACE }),
    );
    await stack.database.db
      .updateTable("final_events")
      .set({ starts_at: new Date(stack.clock.now().getTime() - HOUR) })
      .where("id", "=", event.id)
      .execute();
    const begun = eventWhen({ startsAt: new Date(stack.clock.now().getTime() - HOUR).toISOString() }, MOSCOW);
    await mentee.pressPayload(packAction("final-event-reply", `${event.id}.coming`));
    await mentee.waitFor(ruChild("final-event-reply-past", { when: begun }));
    await mentor.pressPayload(packAction("final-event-reply", `${event.id}.not_coming`));
    await mentor.waitFor(ru("final-event-reply-past", { when: begun }));
    expect(await repliesTo(event.id)).toEqual([{ person_id: f.mentorPersonId, answer: "coming" }]);

    // The other organisation's coordinator sees their own cycle, not this event.
    await other.coordinator.user.pressPayload(packAction("final-event"));
    const otherCycle = (await repos.cycles.get(other.cycleId))!;
    await other.coordinator.user.waitFor(
      ru("final-event-not-yet", { stage: msg("stage-working"), end: formatCalendarDate(otherCycle.endsOn, "ru") }),
    );
    // This organisation's coordinator sees the event with the one answer.
    await coordinator.user.pressPayload(packAction("final-event"));
    const screen = await coordinator.user.waitFor(countsText(4, 1, 0, 3));
    expect(screen.text).toContain(roleLine("mentor", 1, 1, 0, 0));
  });

  it("explains when the event can be announced: not while pairs are at work, nor without a cycle", async () => {
    toNextMidday(stack);
    const f = await startWorkingPair(stack, platform, nextBlock);
    nextBlock += 10;
    const cycle = (await stack.app.repos.cycles.get(f.cycleId))!;
    await f.coordinator.user.pressPayload(packAction("final-event"));
    const notYet = await f.coordinator.user.waitFor(
      ru("final-event-not-yet", { stage: msg("stage-working"), end: formatCalendarDate(cycle.endsOn, "ru") }),
    );
    expect(labels(notYet)).toContain(ru("button-programme"));
    expect(await eventsOf(f.cycleId)).toEqual([]);

    const lonely = await registerCoordinator(stack, platform, nextBlock - 1);
    await lonely.user.pressPayload(packAction("final-event"));
    await lonely.user.waitFor(ru("final-event-no-cycle"));

    // Once the cycle is closing, the same button starts the announcement; /cancel keeps nothing.
    await setStage(f, "closing");
    const user = f.coordinator.user;
    await user.pressPayload(packAction("final-event"));
    await user.waitFor(ru("final-event-intro", { cycle: cycle.name, count: 3 }));
    await user.waitFor(ru("final-event-date-question"));
    await user.send("/cancel");
    await user.waitFor(ru("flow-cancelled"));
    expect(await eventsOf(f.cycleId)).toEqual([]);

    // An invitation left on the screen until its time has passed asks for the day and the time again.
    await user.pressPayload(packAction("final-event"));
    await user.waitFor(ru("final-event-date-question"));
    const tomorrow = dayAhead(stack, 1);
    await user.press(ru("quick-date-tomorrow", { date: formatCalendarDate(tomorrow, "ru") }));
    await user.waitFor(ru("final-event-time-question", { date: formatCalendarDate(tomorrow, "ru") }));
    await user.press("14:00");
    await user.waitFor(ru("final-event-place-question", { max: 200 }));
    await user.send(PLACE);
    await user.waitFor(ru("final-event-description-question", { max: 1_000 }));
    await user.send(DESCRIPTION);
    const late = await user.waitFor(
      ru("final-event-preview", {
        count: 3,
        org: f.coordinator.orgName,
        when: eventWhen({ startsAt: zonedInstant(tomorrow, { hour: 14, minute: 0 }, MOSCOW).toISOString() }, MOSCOW),
        place: PLACE,
        description: DESCRIPTION,
      }),
    );
    stack.clock.advance(2 * 24 * HOUR);
    await pressOn(user, late, ru("button-final-event-send"));
    await user.waitFor(ru("final-event-start-passed"));
    const later = dayAhead(stack, 7);
    await user.press(ru("quick-date-in-week", { date: formatCalendarDate(later, "ru") }));
    await user.waitFor(ru("final-event-time-question", { date: formatCalendarDate(later, "ru") }));
    await user.press("14:00");
    await user.waitFor(ru("final-event-place-question", { max: 200 }));
    await user.press(ru("button-final-event-keep-place", { place: "Актовый зал, 2 этаж" }));
    await user.waitFor(ru("final-event-description-question", { max: 1_000 }));
    await user.press(ru("button-final-event-keep-description"));
    const start = zonedInstant(later, { hour: 14, minute: 0 }, MOSCOW);
    await user.waitFor(
      ru("final-event-preview", {
        count: 3,
        org: f.coordinator.orgName,
        when: eventWhen({ startsAt: start.toISOString() }, MOSCOW),
        place: PLACE,
        description: DESCRIPTION,
      }),
    );
    await user.press(ru("button-final-event-send"));
    await user.waitFor(ru("final-event-sent", { count: 3 }));
    const [event] = await eventsOf(f.cycleId);
    expect(new Date(event!.starts_at).getTime()).toBe(start.getTime());
  });
});
