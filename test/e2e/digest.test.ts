/**
 * The coordinator's weekly digest end to end, on both messengers: the job on Monday at 09:00 in
 * Moscow sends each coordinator the week's figures with their changes, who needs attention first and
 * the chart as a photo (a PNG shown in the chat, not a file), the chat showing a photo on its way while
 * "digest now" draws it; not a minute before, once a week however often it runs, the next week
 * again; "digest now" from the programme's button; a forged button is refused.
 */
import { describe, expect, it } from "vitest";
import { CHART_HEIGHT, CHART_WIDTH } from "#root/documents/chart.ts";
import { calendarDate, formatCalendarDate } from "#root/domain/cycle.ts";
import { mondayOf } from "#root/domain/digest.ts";
import { addDays, zonedInstant } from "#root/domain/typed-dates.ts";
import { packAction } from "#root/messaging/buttons.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import type { ChatMessage, ChatUser } from "../support/chat-user.ts";
import { expectPng, expectUploadShownBefore, filesTo, photosTo } from "../support/cycle-journey.ts";
import { registerCoordinator, ru } from "../support/journeys.ts";
import { startWorkingPair, type WorkingPairFixture } from "../support/pairs.ts";
import { useTestStack } from "../support/stack.ts";

const MSK = "Europe/Moscow";
const at = (date: string, hour: number, minute = 0) => zonedInstant(date, { hour, minute }, MSK);
const date = (day: string) => formatCalendarDate(day, "ru");

describe.each(["telegram", "vk", "max"] as const)("the weekly digest on %s", (platform: Platform) => {
  const stack = useTestStack();
  let pair: WorkingPairFixture;
  /** The Monday of the first digest: at least two weeks after the pair started work. */
  let monday: string;

  /** Digest messages the person received so far (the title opens the text). */
  const digestsTo = (user: ChatUser) => user.messages().filter((message) => message.text.startsWith("📊"));

  /** The last week's and the week before's facts of the pair, written as the other flows would store them. */
  async function insertFacts(): Promise<void> {
    const db = stack.database.db;
    const day = (offset: number) => addDays(monday, offset);
    const meeting = (start: Date, state: string) => ({
      pair_id: pair.pairId,
      org_id: pair.orgId,
      proposed_by: pair.mentorPersonId,
      starts_at: start,
      minutes: 60,
      place: "Кабинет 12",
      state,
    });
    await db
      .insertInto("meetings")
      .values([
        meeting(at(day(-13), 15), "held"), // the week before last
        meeting(at(day(-6), 15), "held"), // last week
        meeting(at(day(-4), 15), "held"),
        meeting(at(day(-3), 15), "missed"),
        meeting(at(day(2), 15), "accepted"), // the coming week
      ])
      .execute();
    const plan = await db
      .insertInto("plans")
      .values({ pair_id: pair.pairId, org_id: pair.orgId, goal: "Сделать проект по биологии", status: "agreed" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const milestones = await db
      .insertInto("plan_milestones")
      .values([
        {
          plan_id: plan.id,
          org_id: pair.orgId,
          position: 1,
          title: "Выбрать тему",
          due_on: day(-10),
          done_at: at(day(-5), 18),
          done_by: pair.menteePersonId,
        },
        { plan_id: plan.id, org_id: pair.orgId, position: 2, title: "Собрать материал", due_on: day(20) },
      ])
      .returning("id")
      .execute();
    // Round 0: no round the check-in job asks is taken by this hand-written answer.
    const checkIn = await db
      .insertInto("check_ins")
      .values({
        pair_id: pair.pairId,
        org_id: pair.orgId,
        person_id: pair.menteePersonId,
        respondent: "mentee",
        round: 0,
        asked_at: at(day(-2), 16),
        answered_at: at(day(-2), 17),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("check_in_answers")
      .values({
        check_in_id: checkIn.id,
        milestone_id: milestones[1]!.id,
        org_id: pair.orgId,
        answer: "stuck",
        reason: "Не знаю, где искать",
        answered_at: at(day(-2), 17),
      })
      .execute();
  }

  /**
   * The chart came with the digest as a photo (the digest's text its caption, or the message right
   * after it when the text is too long for one): a PNG of the chart's size, and no file.
   */
  async function expectChartPhoto(user: ChatUser, digest: ChatMessage): Promise<void> {
    await expect.poll(() => photosTo(user, digest.id).length).toBe(1);
    expectPng(photosTo(user, digest.id)[0], { width: CHART_WIDTH, height: CHART_HEIGHT });
    const photoMessage = user.messages().find((message) => message.id >= digest.id && message.photo)!;
    // The text is the photo's caption: on VK and MAX always, on Telegram up to its 1,024 characters.
    if (platform !== "telegram" || digest.text.length <= 1024) expect(photoMessage.id).toBe(digest.id);
    else expect(photoMessage.text).toBe("");
    expect(filesTo(stack, user)).toEqual([]);
  }

  it("sends nothing before Monday 09:00, then the week's figures, changes, who needs attention and the chart, once", async () => {
    pair = await startWorkingPair(stack, platform, { telegram: 870_000, vk: 880_000, max: 885_000 }[platform]);
    monday = mondayOf(addDays(calendarDate(stack.clock.now(), MSK), 20));
    await insertFacts();
    const coordinator = pair.coordinator.user;

    await stack.runJobs(at(monday, 8, 59));
    expect(digestsTo(coordinator)).toEqual([]);
    expect(await stack.database.db.selectFrom("digests").selectAll().where("org_id", "=", pair.orgId).execute()).toEqual([]);

    await stack.runJobs(at(monday, 9, 0));
    const title = ru("digest-title", { org: pair.coordinator.orgName, from: date(addDays(monday, -7)), to: date(addDays(monday, -1)) });
    const digest = await coordinator.waitFor(title);
    expect(digest.text).toContain(
      ru("digest-figures", {
        pairsActive: 1,
        pairsActiveChange: "=",
        pairsQuiet: 0,
        pairsQuietChange: "=",
        meetingsHeld: 2,
        meetingsHeldChange: "▲ 1",
        meetingsMissed: 1,
        meetingsMissedChange: "▲ 1",
        meetingsPlanned: 1,
        meetingsPlannedChange: "▼ 2",
        milestonesDone: 1,
        milestonesDoneChange: "▲ 1",
        milestonesOverdue: 0,
        milestonesOverdueChange: "▼ 1",
        stuckCheckIns: 1,
        stuckCheckInsChange: "▲ 1",
        consentsPending: 0,
        consentsPendingChange: "=",
      }),
    );
    expect(digest.text).toContain(ru("digest-attention-title", { count: 1 }));
    expect(digest.text).toContain(
      `1. ${pair.mentorName} и ${pair.menteeName}: ${ru("digest-reason-stuck", { milestone: "Собрать материал" })}`,
    );
    expect(digest.text).toContain(ru("digest-chart-legend"));
    await expectChartPhoto(coordinator, digest);
    // The keyboard rides on the last part: the photo.
    const photoMessage = coordinator.messages().find((message) => message.id >= digest.id && message.photo)!;
    expect(photoMessage.buttons.flat().map((button) => button.label)).toEqual([ru("button-programme")]);
    // The mentor and the mentee get no digest.
    expect(digestsTo(pair.mentor)).toEqual([]);
    expect(digestsTo(pair.mentee)).toEqual([]);

    // A second run, another replica's tick, a catch-up on Tuesday: nothing more.
    await stack.runJobs(at(monday, 9, 0));
    await stack.runJobs(at(monday, 9, 15));
    await stack.runJobs(at(addDays(monday, 1), 11, 0));
    expect(digestsTo(coordinator)).toHaveLength(1);
    expect(photosTo(coordinator)).toHaveLength(1);
  });

  it("sends the next week's digest the Monday after, against the week the first one reported", async () => {
    const coordinator = pair.coordinator.user;
    const next = addDays(monday, 7);
    await stack.runJobs(at(next, 9, 30));
    const digest = await coordinator.waitFor(
      ru("digest-title", { org: pair.coordinator.orgName, from: date(monday), to: date(addDays(next, -1)) }),
    );
    expect(digest.text).toContain(
      ru("digest-figures", {
        pairsActive: 1,
        pairsActiveChange: "=",
        pairsQuiet: 0,
        pairsQuietChange: "=",
        meetingsHeld: 0,
        meetingsHeldChange: "▼ 2",
        meetingsMissed: 0,
        meetingsMissedChange: "▼ 1",
        meetingsPlanned: 0,
        meetingsPlannedChange: "▼ 1",
        milestonesDone: 0,
        milestonesDoneChange: "▼ 1",
        milestonesOverdue: 0,
        milestonesOverdueChange: "=",
        stuckCheckIns: 0,
        stuckCheckInsChange: "▼ 1",
        consentsPending: 0,
        consentsPendingChange: "=",
      }),
    );
    await expectChartPhoto(coordinator, digest);
    expect(photosTo(coordinator)).toHaveLength(2);
    expect(digestsTo(coordinator)).toHaveLength(2);
  });

  it("gives the digest of the week so far on the programme's button", async () => {
    const coordinator = pair.coordinator.user;
    const now = stack.clock.now();
    const today = calendarDate(now, MSK);
    await coordinator.send("/menu");
    await coordinator.waitFor(ru("menu-title", { name: pair.coordinator.name }));
    await coordinator.press(ru("button-programme"));
    await coordinator.waitFor(ru("programme-forms", { forms: ru("form-teacher_student") }));
    await coordinator.press(ru("button-digest"));
    const digest = await coordinator.waitFor(
      ru("digest-title-so-far", { org: pair.coordinator.orgName, from: date(mondayOf(today)), to: date(today) }),
    );
    expect(digest.text).toContain(
      ru("digest-figures", {
        pairsActive: 1,
        pairsActiveChange: "=",
        pairsQuiet: 0,
        pairsQuietChange: "=",
        meetingsHeld: 0,
        meetingsHeldChange: "=",
        meetingsMissed: 0,
        meetingsMissedChange: "=",
        meetingsPlanned: 0,
        // A week ago, the meeting of last Wednesday was still ahead.
        meetingsPlannedChange: "▼ 1",
        milestonesDone: 0,
        milestonesDoneChange: "=",
        milestonesOverdue: 0,
        milestonesOverdueChange: "=",
        stuckCheckIns: 0,
        stuckCheckInsChange: "=",
        consentsPending: 0,
        consentsPendingChange: "=",
      }),
    );
    // The stuck answer still stands: the pair is still named.
    expect(digest.text).toContain(ru("digest-reason-stuck", { milestone: "Собрать материал" }));
    await expectChartPhoto(coordinator, digest);
    expect(photosTo(coordinator)).toHaveLength(3);
    // While the chart was drawn, the chat showed a photo on its way.
    expectUploadShownBefore(coordinator, digest, "photo");
  });

  it("refuses a forged digest button: to a mentor, and to a coordinator naming another organisation", async () => {
    await pair.mentor.pressPayload(packAction("digest"));
    await pair.mentor.waitFor(ru("error-coordinators-only"));
    const other = await stack.createOrganisation("Чужая школа");
    await pair.coordinator.user.pressPayload(packAction("digest", other.orgId));
    await pair.coordinator.user.waitFor(ru("error-coordinators-only"));
    await pair.coordinator.user.pressPayload("1:a:digest:..");
    await pair.coordinator.user.waitForToast(ru("toast-button-unknown"));
    // A coordinator whose organisation has no cycle at work yet is told there is nothing to count.
    const newcomer = await registerCoordinator(stack, platform, { telegram: 870_010, vk: 880_010, max: 885_010 }[platform]);
    await newcomer.user.pressPayload(packAction("digest"));
    await newcomer.user.waitFor(ru("digest-no-cycle"));
    await stack.settle();
    expect(photosTo(newcomer.user)).toEqual([]);
    expect(digestsTo(pair.mentor)).toEqual([]);
    expect(photosTo(pair.mentor)).toEqual([]);
    expect(photosTo(pair.coordinator.user)).toHaveLength(3);
    expect(filesTo(stack, pair.coordinator.user)).toEqual([]);
  });

  it("after a week away sends only the current week's digest, not the one missed", async () => {
    const coordinator = pair.coordinator.user;
    const missed = addDays(monday, 14);
    const current = addDays(monday, 21);
    await stack.runJobs(at(addDays(current, 2), 10, 0));
    await coordinator.waitFor(
      ru("digest-title", { org: pair.coordinator.orgName, from: date(addDays(current, -7)), to: date(addDays(current, -1)) }),
    );
    const titles = digestsTo(coordinator).map((message) => message.text.split("\n")[0] ?? "");
    expect(titles.filter((title) => title.includes(date(addDays(missed, -1))))).toEqual([]);
    const weeks = await stack.database.db
      .selectFrom("digests")
      .select("week_of")
      .where("org_id", "=", pair.orgId)
      .orderBy("week_of")
      .execute();
    expect(weeks.map((row) => row.week_of)).toEqual([monday, addDays(monday, 7), current]);
  });
});
