/**
 * Closing a cycle end to end, on both messengers: the coordinator closes the cycle after a
 * confirmation (each pair's mentor and mentees get a summary of their work), gets the monitoring
 * report (a message with the main figures, the growth chart as a photo, the workbook as XLSX) whose
 * figures are checked against a known data set, archives the cycle (pairs end, the report stays)
 * and opens the next one with the same people ready to match; bad input on every prompt and
 * button that does not apply (no cycle, wrong stage, not a coordinator, stale and forged buttons).
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { GROWTH_CHART_HEIGHT, GROWTH_CHART_WIDTH } from "#root/documents/monitoring-chart.ts";
import { formatCalendarDate } from "#root/domain/cycle.ts";
import { msg } from "#root/i18n/translator.ts";
import { packAction } from "#root/messaging/buttons.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import type { ChatMessage, ChatUser } from "../support/chat-user.ts";
import { expectPng, expectUploadShownBefore, filesTo, photosTo } from "../support/cycle-journey.ts";
import {
  EMOJI,
  issueInvite,
  labels,
  menteeForm,
  mentorForm,
  participantByName,
  payloadOfButton,
  registerCoordinator,
  registerMentee,
  registerMentor,
  ru,
  ruPlain,
} from "../support/journeys.ts";
import { startWorkingPair, type WorkingPairFixture } from "../support/pairs.ts";
import { useTestStack } from "../support/stack.ts";
import { readWorkbook, sheetRows, workbookRows } from "../support/workbook.ts";

const DAY = 86_400_000;
const HUGE = "Завершаем? ".repeat(500).slice(0, 5_000);
const CYCLE = "2026/27";
const OLEG = "Олег Игоревич Карпов";
const ANYA = "Аня Белова";
const KOLYA = "Коля Орлов";
const GOAL_A = "Сделать проект по биологии";
const GOAL_B = "Подготовиться к олимпиаде по физике";

describe.each(["telegram", "vk", "max"] as const)("closing a cycle on %s", (platform: Platform) => {
  const stack = useTestStack();
  const base = { telegram: 920_000, vk: 930_000, max: 935_000 }[platform];
  let pair: WorkingPairFixture;
  let coordinator: ChatUser;
  let anya: ChatUser;
  let kolya: ChatUser;
  /** The second pair (Олег with Аня) and the third, which stopped before the closing (Олег with Коля). */
  let pairB: number;
  let pairC: number;
  let olegPersonId: number;
  let anyaPersonId: number;
  let kolyaPersonId: number;
  let closingScreen: ChatMessage;
  let archiveQuestion: ChatMessage;

  /** The cycle's dates as the report's title writes them. */
  let cycleDates: { start: string; end: string };
  const db = () => stack.database.db;
  const cycleTitle = () => ({ name: CYCLE, ...cycleDates });

  /** The programme screen as the coordinator opens it. */
  async function programmeScreen(expected: string): Promise<ChatMessage> {
    await coordinator.pressPayload(packAction("programme"));
    return coordinator.waitFor(expected);
  }

  /** A question asked again after free text where a button is expected. */
  async function askedAgain(user: ChatUser, prompt: string): Promise<ChatMessage> {
    const message = await user.waitFor(`${ru("error-use-buttons")}\n\n${prompt}`);
    expect(message.text).toBe(`${ru("error-use-buttons")}\n\n${prompt}`);
    return message;
  }

  /** Two more people and pairs, registered through the real flows; the facts of all three pairs written as the other flows store them. */
  async function secondAndThirdPairs(): Promise<void> {
    const orgName = pair.coordinator.orgName;
    const oleg = stack.user(platform, base + 4, "Олег");
    anya = stack.user(platform, base + 5, "Аня");
    kolya = stack.user(platform, base + 6, "Коля");
    await registerMentor(oleg, { payload: await issueInvite(stack, pair.orgId, "mentor"), orgName }, mentorForm(OLEG, "teacher", 40));
    await registerMentee(anya, { payload: await issueInvite(stack, pair.orgId, "mentee"), orgName }, menteeForm(ANYA, 18));
    await registerMentee(kolya, { payload: await issueInvite(stack, pair.orgId, "mentee"), orgName }, menteeForm(KOLYA, 18));
    const olegRow = (await participantByName(stack, pair.orgId, OLEG, "mentor"))!;
    const anyaRow = (await participantByName(stack, pair.orgId, ANYA))!;
    const kolyaRow = (await participantByName(stack, pair.orgId, KOLYA))!;
    [olegPersonId, anyaPersonId, kolyaPersonId] = [olegRow.personId, anyaRow.personId, kolyaRow.personId];
    const { repos } = stack.app;
    const published = stack.clock.now();
    const coordinatorRow = (await participantByName(stack, pair.orgId, pair.coordinator.name, "coordinator"))!;
    await repos.mentors.review(olegRow.participantId, { review: "approved", reason: null, by: coordinatorRow.personId, at: published });
    await repos.pairs.saveDraft(pair.orgId, pair.cycleId, [
      {
        mentorId: olegRow.participantId,
        form: "teacher_student",
        direction: "studies",
        members: [{ menteeId: anyaRow.participantId, score: 10, why: null, pinned: true }],
      },
      {
        mentorId: olegRow.participantId,
        form: "teacher_student",
        direction: "projects",
        members: [{ menteeId: kolyaRow.participantId, score: 10, why: null, pinned: true }],
      },
    ]);
    await repos.pairs.publish(pair.cycleId, published);
    const ids = await db()
      .selectFrom("pair_mentees")
      .select(["pair_id", "mentee_participant_id"])
      .where("cycle_id", "=", pair.cycleId)
      .execute();
    pairB = ids.find((row) => row.mentee_participant_id === anyaRow.participantId)!.pair_id;
    pairC = ids.find((row) => row.mentee_participant_id === kolyaRow.participantId)!.pair_id;
    // The third pair was dissolved two days after it began.
    const ended = new Date(published.getTime() + 2 * DAY);
    await db().updateTable("pairs").set({ status: "ended", ended_at: ended }).where("id", "=", pairC).execute();
    await db().updateTable("pair_mentees").set({ ended_at: ended }).where("pair_id", "=", pairC).execute();

    const at = (days: number) => new Date(published.getTime() + days * DAY);
    const meeting = (pairId: number, days: number, state: string) => ({
      pair_id: pairId,
      org_id: pair.orgId,
      proposed_by: pair.mentorPersonId,
      starts_at: at(days),
      minutes: 60,
      place: "Кабинет 12",
      state,
    });
    await db()
      .insertInto("meetings")
      .values([
        meeting(pair.pairId, 1, "held"),
        meeting(pair.pairId, 3, "held"),
        meeting(pair.pairId, 4, "missed"),
        meeting(pair.pairId, 5, "held"),
        meeting(pairB, 2, "held"),
        meeting(pairB, 6, "proposed"),
        meeting(pairC, 1, "held"),
      ])
      .execute();
    const planA = await db()
      .insertInto("plans")
      .values({ pair_id: pair.pairId, org_id: pair.orgId, goal: GOAL_A, status: "agreed" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const planB = await db()
      .insertInto("plans")
      .values({ pair_id: pairB, org_id: pair.orgId, goal: GOAL_B, status: "agreed" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const day = at(30).toISOString().slice(0, 10);
    const milestone = (planId: number, position: number, done: boolean) => ({
      plan_id: planId,
      org_id: pair.orgId,
      position,
      title: `Этап ${position}`,
      due_on: day,
      done_at: done ? at(5) : null,
      done_by: done ? pair.menteePersonId : null,
    });
    await db()
      .insertInto("plan_milestones")
      .values([
        milestone(planA.id, 1, true),
        milestone(planA.id, 2, true),
        milestone(planB.id, 1, true),
        milestone(planB.id, 2, false),
        milestone(planB.id, 3, false),
      ])
      .execute();
  }

  /** A questionnaire as the survey flows store it: sent, and answered when scales are given. */
  async function survey(
    pairId: number,
    personId: number,
    audience: "mentee" | "mentor",
    moment: "start" | "end",
    scales?: Record<string, number>,
  ): Promise<void> {
    const sentAt = new Date(stack.clock.now().getTime() - (moment === "start" ? 6 : 0) * DAY);
    const answeredAt = scales ? new Date(sentAt.getTime() + 3_600_000) : null;
    const row = await db()
      .insertInto("surveys")
      .values({
        org_id: pair.orgId,
        cycle_id: pair.cycleId,
        pair_id: pairId,
        person_id: personId,
        audience,
        moment,
        version: 1,
        sent_at: sentAt,
        answered_at: answeredAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (!scales) return;
    await db()
      .insertInto("survey_answers")
      .values([
        ...Object.entries(scales).map(([question, scale]) => ({
          survey_id: row.id,
          org_id: pair.orgId,
          question_id: question,
          scale,
          answered_at: answeredAt!,
        })),
        // A choice answer beside the scales: the report reads scales only.
        { survey_id: row.id, org_id: pair.orgId, question_id: "again", choice: "yes", answered_at: answeredAt! },
      ])
      .execute();
  }

  it("refuses closing, archiving and the report to an organisation without a cycle, to a mentor, and at the wrong stage", async () => {
    const alone = await registerCoordinator(stack, platform, base + 20);
    await alone.user.pressPayload(packAction("close-cycle"));
    await alone.user.waitFor(ru("closing-close-no-cycle"));
    await alone.user.pressPayload(packAction("archive-cycle"));
    await alone.user.waitFor(ru("closing-archive-no-cycle"));
    await alone.user.pressPayload(packAction("monitoring-report"));
    await alone.user.waitFor(ru("closing-report-none"));

    pair = await startWorkingPair(stack, platform, base);
    coordinator = pair.coordinator.user;
    const cycle = (await stack.app.repos.cycles.get(pair.cycleId))!;
    cycleDates = { start: formatCalendarDate(cycle.startsOn, "ru"), end: formatCalendarDate(cycle.endsOn, "ru") };

    // The mentor and the mentee forge the coordinator's buttons.
    await pair.mentor.pressPayload(packAction("close-cycle"));
    await pair.mentor.waitFor(ru("error-coordinators-only"));
    await pair.mentee.pressPayload(packAction("monitoring-report"));
    await pair.mentee.waitFor(ru("error-coordinators-only"));
    await pair.mentor.pressPayload(packAction("archive-cycle"));
    await pair.mentor.waitFor(ru("error-coordinators-only"));
    // A button of ours never carries an argument.
    await coordinator.pressPayload(packAction("close-cycle", "1"));
    await coordinator.waitForToast(ru("toast-button-unknown"));

    // At work: nothing to archive, no report yet.
    await coordinator.pressPayload(packAction("archive-cycle"));
    await coordinator.waitFor(ru("closing-archive-not-closing", { name: CYCLE, stage: msg("stage-working") }));
    await coordinator.pressPayload(packAction("monitoring-report"));
    await coordinator.waitFor(ru("closing-report-none"));
    expect((await stack.app.repos.cycles.get(pair.cycleId))?.stage).toBe("working");
  });

  it("offers closing on the programme screen, explains it, and keeps the cycle on free text or «not now»", async () => {
    await secondAndThirdPairs();
    // A week of work later.
    stack.clock.advance(7 * DAY);
    const screen = await programmeScreen(ru("stage-working"));
    expect(labels(screen)).toEqual([
      ru("button-match"),
      ru("button-export"),
      ru("button-plans"),
      ru("button-digest"),
      ru("closing-button-close"),
      ru("button-review-mentors"),
      ru("button-situations"),
      ru("button-announce"),
      ru("button-introduction"),
      ru("button-menu"),
    ]);
    // Within VK's inline keyboard: at most 6 rows and 10 buttons.
    expect(screen.buttons.length).toBeLessThanOrEqual(6);
    expect(screen.buttons.flat().length).toBeLessThanOrEqual(10);

    await coordinator.press(ru("closing-button-close"));
    const confirm = ru("closing-confirm", { name: CYCLE, pairs: 2 });
    const question = await coordinator.waitFor(confirm);
    expect(labels(question)).toEqual([ru("closing-button-confirm"), ru("closing-button-not-now"), ru("button-cancel")]);
    await coordinator.send("да");
    await askedAgain(coordinator, confirm);
    await coordinator.send(HUGE);
    await askedAgain(coordinator, confirm);
    await coordinator.sendSticker();
    await askedAgain(coordinator, confirm);
    await coordinator.press(ru("closing-button-not-now"));
    await coordinator.waitFor(ru("closing-kept"));
    expect((await stack.app.repos.cycles.get(pair.cycleId))?.stage).toBe("working");
    expect(await db().selectFrom("outbox").select("id").where("dedup_key", "like", "closing-summary:%").execute()).toEqual([]);
    // The «not now» question is answered: its buttons are stale now.
    await coordinator.pressPayload(payloadOfButton(question, ru("closing-button-confirm")));
    await coordinator.waitForToast(ru("toast-button-stale"));
  });

  it("closes the cycle: each working pair's mentor and mentees get a summary of their work, once", async () => {
    const before = stack.clock.now();
    await programmeScreen(ru("stage-working"));
    await coordinator.press(ru("closing-button-close"));
    await coordinator.waitFor(ru("closing-confirm", { name: CYCLE, pairs: 2 }));
    await coordinator.press(ru("closing-button-confirm"));
    const started = await coordinator.waitFor(ru("closing-started", { name: CYCLE, people: 4, pairs: 2 }));
    expect(labels(started)).toEqual([ru("closing-button-report"), ru("button-programme")]);
    await stack.settle();

    const cycle = await db()
      .selectFrom("cycles")
      .select(["stage", "closing_started_at"])
      .where("id", "=", pair.cycleId)
      .executeTakeFirstOrThrow();
    expect(cycle.stage).toBe("closing");
    expect(cycle.closing_started_at!.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(cycle.closing_started_at!.getTime()).toBeLessThanOrEqual(stack.clock.now().getTime());

    const mentorSummary = await pair.mentor.waitFor(ru("closing-summary-mentor", { cycle: CYCLE, mentees: pair.menteeName, meetings: 3 }));
    expect(mentorSummary.text).toContain(ru("closing-summary-mentor-plan", { goal: GOAL_A, done: 2, total: 2 }));
    expect(mentorSummary.text).toContain(ru("closing-summary-mentor-thanks"));
    const menteeSummary = await pair.mentee.waitFor(ru("closing-summary-mentee", { cycle: CYCLE, mentor: pair.mentorName, meetings: 3 }));
    expect(menteeSummary.text).toContain(ru("closing-summary-mentee-plan", { goal: GOAL_A, done: 2, total: 2 }));
    expect(menteeSummary.text).toContain(ru("closing-summary-mentee-thanks"));
    const anyaSummary = await anya.waitFor(ru("closing-summary-mentee", { cycle: CYCLE, mentor: OLEG, meetings: 1 }));
    expect(anyaSummary.text).toContain(ru("closing-summary-mentee-plan", { goal: GOAL_B, done: 1, total: 3 }));

    // Олег hears about the pair that works, not about the one that stopped; nor Коля, nor the parent.
    const summaries = await db()
      .selectFrom("outbox")
      .select(["dedup_key", "person_id"])
      .where("dedup_key", "like", "closing-summary:%")
      .orderBy("dedup_key")
      .execute();
    expect(summaries.map((row) => row.dedup_key).sort()).toEqual(
      [
        `closing-summary:${pair.pairId}:${pair.mentorPersonId}`,
        `closing-summary:${pair.pairId}:${pair.menteePersonId}`,
        `closing-summary:${pairB}:${olegPersonId}`,
        `closing-summary:${pairB}:${anyaPersonId}`,
      ].sort(),
    );
    expect(kolya.messages().filter((message) => message.text.includes("🏁"))).toEqual([]);
    expect(pair.parent.messages().filter((message) => message.text.includes("🏁"))).toEqual([]);

    // A stale «close» (the programme screen of before) closes nothing twice.
    await coordinator.pressPayload(packAction("close-cycle"));
    await coordinator.waitFor(ru("closing-close-already", { name: CYCLE }));
    await stack.settle();
    expect(await db().selectFrom("outbox").select("id").where("dedup_key", "like", "closing-summary:%").execute()).toHaveLength(4);
    expect(
      pair.mentor
        .messages()
        .filter((message) =>
          message.text.startsWith(ru("closing-summary-mentor", { cycle: CYCLE, mentees: pair.menteeName, meetings: 3 })),
        ),
    ).toHaveLength(1);

    // A stale «form pairs» button cannot publish into a closing cycle (nor reopen it).
    await coordinator.pressPayload(packAction("match"));
    await coordinator.waitFor(ru("match-cycle-closing"));
    expect((await db().selectFrom("cycles").select("stage").where("id", "=", pair.cycleId).executeTakeFirstOrThrow()).stage).toBe(
      "closing",
    );

    closingScreen = await programmeScreen(ru("closing-programme-closing"));
    expect(labels(closingScreen)).toEqual([
      ru("closing-button-report"),
      ru("button-final-event"),
      ru("closing-button-archive"),
      ru("button-export"),
      ru("button-review-mentors"),
      ru("button-situations"),
      ru("button-announce"),
      ru("button-org-forms"),
      ru("button-enrolment"),
      ru("button-menu"),
    ]);
    expect(closingScreen.buttons.length).toBeLessThanOrEqual(6);
    expect(closingScreen.buttons.flat().length).toBeLessThanOrEqual(10);
  });

  it("reports the quality of the programme and the participants' growth: the figures of a known data set in the message, the chart and the workbook", async () => {
    // Start questionnaires: all answered. End: Петя and both mentors answered, Аня not yet, Коля's pair had stopped.
    await survey(pair.pairId, pair.menteePersonId, "mentee", "start", { confidence: 4, interest: 5, goal: 3, "ask-for-help": 2 });
    await survey(pair.pairId, pair.mentorPersonId, "mentor", "start", { confidence: 6, skills: 5, contact: 7 });
    await survey(pairB, anyaPersonId, "mentee", "start", { confidence: 5, interest: 6, goal: 5, "ask-for-help": 4 });
    await survey(pairB, olegPersonId, "mentor", "start", { confidence: 5, skills: 5, contact: 5 });
    await survey(pairC, kolyaPersonId, "mentee", "start", { confidence: 7, interest: 7, goal: 6, "ask-for-help": 5 });
    await survey(pair.pairId, pair.menteePersonId, "mentee", "end", {
      confidence: 8,
      interest: 6,
      goal: 7,
      "ask-for-help": 6,
      satisfaction: 9,
    });
    await survey(pair.pairId, pair.mentorPersonId, "mentor", "end", {
      confidence: 8,
      skills: 7,
      contact: 8,
      satisfaction: 10,
      support: 8,
      progress: 9,
    });
    await survey(pairB, anyaPersonId, "mentee", "end");
    await survey(pairB, olegPersonId, "mentor", "end", { confidence: 4, skills: 6, contact: 5, satisfaction: 6, support: 6, progress: 4 });

    const filesBefore = filesTo(stack, coordinator).length;
    await coordinator.press(ru("closing-button-report"));
    const report = await coordinator.waitFor(ru("closing-report-title", { ...cycleTitle(), stage: msg("stage-closing") }));
    // 3 pairs, one stopped; meetings held 3 + 1 + 1 = 5 → 1.7 a pair; plans: A 2 of 2, B 1 of 3 → 1 of 2 complete, 3 of 5 milestones.
    expect(report.text).toContain(
      ru("closing-report-quality", {
        pairs: 3,
        stopped: 1,
        meetings: "1,7",
        plansCompleted: 1,
        plansWithMilestones: 2,
        milestonesPercent: 60,
      }),
    );
    expect(report.text).toContain(
      ru("closing-report-responses", {
        menteeStart: 100,
        menteeStartAnswered: 3,
        menteeStartSent: 3,
        menteeEnd: 50,
        menteeEndAnswered: 1,
        menteeEndSent: 2,
        mentorStart: 100,
        mentorStartAnswered: 2,
        mentorStartSent: 2,
        mentorEnd: 100,
        mentorEndAnswered: 2,
        mentorEndSent: 2,
      }),
    );
    // Satisfaction per person: Петя 9, Ирина (10 + 8) / 2 = 9, Олег (6 + 6) / 2 = 6.
    const line = (group: ReturnType<typeof msg>, average: string, answers: number) =>
      ru("closing-report-group-line", { group, average, answers });
    expect(report.text).toContain(
      ru("closing-report-satisfaction", {
        overall: "8",
        answers: 3,
        byForm: line(msg("form-teacher_student"), "8", 3),
        byDirection: `${line(msg("direction-projects"), "9", 2)}\n${line(msg("direction-studies"), "6", 1)}`,
      }),
    );
    // Growth: Петя (4 + 1 + 4 + 4) / 4 = 3.3; Ирина (2 + 2 + 1) / 3 = 1.7, Олег (−1 + 1 + 0) / 3 = 0 → 0.9.
    expect(report.text).toContain(ru("closing-report-growth", { mentees: "+3,3", mentors: "+0,9" }));
    expect(report.text).toContain(ru("closing-report-chart-legend"));
    const workbookMessage = await coordinator.waitFor(ru("closing-report-workbook"));
    if (platform !== "telegram") expect(labels(workbookMessage)).toEqual([ru("button-programme")]);

    // The chart is a photo in the chat (after the long text), the workbook a file; while they were
    // made, the chat showed a file on its way.
    expectUploadShownBefore(coordinator, report, "document");
    const photos = photosTo(coordinator, report.id);
    expect(photos).toHaveLength(1);
    expectPng(photos[0], { width: GROWTH_CHART_WIDTH, height: GROWTH_CHART_HEIGHT });
    const chartMessage = coordinator.messages().find((message) => message.id >= report.id && message.photo)!;
    expect(chartMessage.id).toBeLessThan(workbookMessage.id);
    // The Word report to file, then the workbook.
    await expect.poll(() => filesTo(stack, coordinator).length).toBe(filesBefore + 2);
    const [document, workbook] = filesTo(stack, coordinator).slice(filesBefore);
    expect(document!.filename).toMatch(/^monitoring-\d{4}-\d{2}-\d{2}\.docx$/);

    expect(workbook!.filename).toMatch(/^monitoring-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = await readWorkbook(workbook!.bytes);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual([
      ru("closing-sheet-quality"),
      ru("closing-sheet-growth"),
      ru("closing-sheet-pairs"),
    ]);
    const quality = sheetRows(book.worksheets[0]!);
    const figure = (key: string) => quality.find((row) => row[0] === ru(key))?.slice(1);
    expect(quality[0]).toEqual([pair.coordinator.orgName]);
    expect(figure("closing-figure-pairs")).toEqual([3]);
    expect(figure("closing-figure-stopped")).toEqual([1]);
    expect(figure("closing-figure-meetings")).toEqual([1.7]);
    expect(figure("closing-figure-plans-completed")).toEqual([1]);
    expect(figure("closing-figure-milestones-done")).toEqual([0.6]);
    expect(figure("closing-figure-satisfaction")).toEqual([8]);
    expect(figure("closing-figure-growth-mentees")).toEqual([3.3]);
    expect(figure("closing-figure-growth-mentors")).toEqual([0.9]);
    expect(figure("closing-questionnaire-mentee-end")).toEqual([2, 1, 0.5]);
    expect(quality.find((row) => row[0] === ru("form-teacher_student"))?.slice(1)).toEqual([8, 3]);

    const growth = sheetRows(book.worksheets[1]!);
    const petya = growth.find((row) => row[1] === pair.menteeName)!;
    expect(petya.slice(2)).toEqual([pair.mentorName, 4, 8, 4, 5, 6, 1, 3, 7, 4, 2, 6, 4, 3.3]);
    expect(growth.find((row) => row[1] === ANYA)!.slice(2)).toEqual([OLEG, 5, null, null, 6, null, null, 5, null, null, 4]);
    const mentors = growth.filter((row) => row[1] === OLEG);
    // Олег is asked once per pair: a row for the pair that worked, an empty one for the one that stopped.
    expect(mentors.map((row) => row[2]).sort()).toEqual([ANYA, KOLYA].sort());
    expect(mentors.find((row) => row[2] === ANYA)!.slice(3)).toEqual([5, 4, -1, 5, 6, 1, 5, 5, 0, 0]);

    // The report is a document: labels shared with buttons («📚 Учёба») come without their emoji.
    const everyText = workbookRows(book)
      .flat()
      .filter((cell) => typeof cell === "string");
    expect(everyText.filter((cell) => EMOJI.test(cell as string))).toEqual([]);
    const pairs = sheetRows(book.worksheets[2]!);
    const pairRow = (mentee: string) => pairs.find((row) => row[2] === mentee)!.slice(1);
    expect(pairRow(pair.menteeName)).toEqual([
      pair.mentorName,
      pair.menteeName,
      ru("form-teacher_student"),
      ruPlain("direction-projects"),
      3,
      2,
      2,
      ru("closing-no"),
    ]);
    expect(pairRow(ANYA)).toEqual([OLEG, ANYA, ru("form-teacher_student"), ruPlain("direction-studies"), 1, 1, 3, ru("closing-no")]);
    expect(pairRow(KOLYA)).toEqual([OLEG, KOLYA, ru("form-teacher_student"), ruPlain("direction-projects"), 1, 0, 0, ru("closing-yes")]);
  });

  it("archives the cycle after a confirmation: pairs end, people stay, the report stays readable, the next cycle finds the same people ready", async () => {
    await programmeScreen(ru("closing-programme-closing"));
    await coordinator.press(ru("closing-button-archive"));
    const confirm = ru("closing-archive-confirm", { name: CYCLE, pairs: 2 });
    archiveQuestion = await coordinator.waitFor(confirm);
    expect(labels(archiveQuestion)).toEqual([ru("closing-button-archive-confirm"), ru("closing-button-not-now"), ru("button-cancel")]);
    await coordinator.send("архив");
    await askedAgain(coordinator, confirm);
    await coordinator.send(HUGE);
    await askedAgain(coordinator, confirm);
    // A meeting the pair still had planned, with its reminder waiting in the outbox (about the organisation, as meeting notices plan it).
    const upcoming = await db()
      .insertInto("meetings")
      .values({
        pair_id: pair.pairId,
        org_id: pair.orgId,
        proposed_by: pair.mentorPersonId,
        starts_at: new Date(stack.clock.now().getTime() + 3 * DAY),
        minutes: 60,
        place: "Кабинет 12",
        state: "accepted",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await stack.app.repos.outbox.enqueue([
      {
        dedupKey: `closing-test-reminder:${upcoming.id}`,
        to: { personId: pair.menteePersonId },
        message: { text: [msg("plain", { text: "Напоминание о встрече" })] },
        dueAt: new Date(stack.clock.now().getTime() + 2 * DAY),
        topic: `meeting:${upcoming.id}`,
        orgId: pair.orgId,
      },
    ]);
    const beforeArchive = stack.clock.now();
    await coordinator.press(ru("closing-button-archive-confirm"));
    const archived = await coordinator.waitFor(ru("closing-archived", { name: CYCLE, pairs: 2 }));
    expect(labels(archived)).toEqual([ru("button-open-cycle"), ru("closing-button-report"), ru("button-programme")]);

    const cycle = await db().selectFrom("cycles").select(["stage", "archived_at"]).where("id", "=", pair.cycleId).executeTakeFirstOrThrow();
    expect(cycle.stage).toBe("archived");
    expect(cycle.archived_at!.getTime()).toBeGreaterThanOrEqual(beforeArchive.getTime());
    expect(cycle.archived_at!.getTime()).toBeLessThanOrEqual(stack.clock.now().getTime());
    const pairs = await db()
      .selectFrom("pairs")
      .select(["id", "status", "ended_at"])
      .where("cycle_id", "=", pair.cycleId)
      .orderBy("id")
      .execute();
    expect(pairs.map((row) => row.status)).toEqual(["ended", "ended", "ended"]);
    expect(pairs.every((row) => row.ended_at !== null)).toBe(true);
    const open = await sql<{
      count: number;
    }>`SELECT count(*)::int AS count FROM pair_mentees WHERE cycle_id = ${pair.cycleId} AND ended_at IS NULL`.execute(db());
    expect(open.rows[0]!.count).toBe(0);
    const people = await db()
      .selectFrom("participants")
      .select(["role", "status"])
      .where("org_id", "=", pair.orgId)
      .where("role", "in", ["mentee", "mentor"])
      .execute();
    expect(people.every((row) => row.status === "active")).toBe(true);
    const reminder = await db()
      .selectFrom("outbox")
      .select(["sent_at", "failed_at"])
      .where("dedup_key", "=", `closing-test-reminder:${upcoming.id}`)
      .executeTakeFirstOrThrow();
    expect(reminder.sent_at).toBeNull();
    expect(reminder.failed_at).not.toBeNull();
    // The pairs are no longer at work: no plan, meetings or check-ins for them.
    expect(await stack.app.repos.pairs.working({ orgId: pair.orgId })).toEqual([]);

    // The archived cycle's report: the same figures (the pairs ended by the archive did not stop early).
    await coordinator.press(ru("closing-button-report"));
    const report = await coordinator.waitFor(ru("closing-report-title", { ...cycleTitle(), stage: msg("stage-archived") }));
    expect(report.text).toContain(
      ru("closing-report-quality", {
        pairs: 3,
        stopped: 1,
        meetings: "1,7",
        plansCompleted: 1,
        plansWithMilestones: 2,
        milestonesPercent: 60,
      }),
    );
    expect(report.text).toContain(ru("closing-report-growth", { mentees: "+3,3", mentors: "+0,9" }));
    await coordinator.waitFor(ru("closing-report-workbook"));

    // Stale buttons: the archive question, and the closing screen's archive, close and report buttons.
    await coordinator.pressPayload(payloadOfButton(archiveQuestion, ru("closing-button-archive-confirm")));
    await coordinator.waitForToast(ru("toast-button-stale"));
    await coordinator.pressPayload(payloadOfButton(closingScreen, ru("closing-button-archive")));
    await coordinator.waitFor(ru("closing-archive-no-cycle"));
    await coordinator.pressPayload(packAction("close-cycle"));
    await coordinator.waitFor(ru("closing-close-no-cycle"));

    // The programme screen offers a new cycle and keeps the archived one's report.
    const screen = await programmeScreen(ru("closing-programme-archived", { name: CYCLE }));
    expect(labels(screen).slice(0, 2)).toEqual([ru("button-open-cycle"), ru("closing-button-report")]);

    const { repos } = stack.app;
    const today = stack.clock.now().toISOString().slice(0, 10);
    const next = await repos.cycles.open({
      orgId: pair.orgId,
      name: "2027/28",
      startsOn: today,
      endsOn: `${Number(today.slice(0, 4)) + 1}-06-30`,
      forms: ["teacher_student"],
      directions: ["projects", "studies"],
      createdBy: (await participantByName(stack, pair.orgId, pair.coordinator.name, "coordinator"))!.personId,
    });
    expect(next).toBeDefined();
    // The same mentees and mentors are ready to match without registering again.
    const pool = await repos.pairs.pool(pair.orgId, next!.id);
    expect(pool.mentees.map((mentee) => mentee.name).sort()).toEqual([ANYA, KOLYA, pair.menteeName].sort());
    expect(pool.mentors.map((mentor) => [mentor.name, mentor.capacity]).sort()).toEqual(
      [
        [pair.mentorName, 3],
        [OLEG, 3],
      ].sort(),
    );
    const nextScreen = await programmeScreen(ru("stage-matching"));
    expect(nextScreen.text).toContain(
      ru("programme-counts", {
        menteesReady: 3,
        menteesWaiting: 0,
        mentorsApproved: 2,
        mentorsNotApproved: 0,
        placesLeft: 6,
        units: 0,
        paired: 0,
      }),
    );
    expect(labels(nextScreen)).not.toContain(ru("closing-button-close"));

    // The new cycle is matching: it can be neither archived nor closed yet; the report is still the archived cycle's.
    await coordinator.pressPayload(packAction("archive-cycle"));
    await coordinator.waitFor(ru("closing-archive-not-closing", { name: "2027/28", stage: msg("stage-matching") }));
    await coordinator.pressPayload(packAction("close-cycle"));
    await coordinator.waitFor(ru("closing-close-not-working", { name: "2027/28", stage: msg("stage-matching") }));
    await coordinator.pressPayload(packAction("monitoring-report"));
    await coordinator.waitFor(ru("closing-report-title", { ...cycleTitle(), stage: msg("stage-archived") }));
  });
});
