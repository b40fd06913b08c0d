/**
 * The feedback questionnaires end to end, on both messengers: the job sends the start questionnaire
 * to the mentor and the mentee of a working pair once (re-runs send nothing), and the end one once the
 * cycle is closing, one per pair for a mentor with two; answers with buttons and typed numbers, Back,
 * Skip, the scale's own kind refusal of 0 / 11 / "семь", free text on a choice and a 5,000-character open answer;
 * someone else's, forged, answered and archived questionnaires refused; reminders three and seven days
 * after sending and never a third, one only after downtime, none for someone who turned them off.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { Platform } from "#root/messaging/messenger.ts";
import type { ChatMessage, ChatUser } from "../support/chat-user.ts";
import { idSequence, labels, payloadOfButton, ru, ruChild } from "../support/journeys.ts";
import { anotherPairOfTheMentor, startWorkingPair, type WorkingPairFixture } from "../support/pairs.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();

const DAY = 86_400_000;
const MINUTE = 60_000;
const HUGE = "Хочу научиться делать роботов. ".repeat(200).slice(0, 5_000);
const SCALE_LABELS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];

/**
 * Runs the jobs a minute later than now, with the survey messages planned before and by them sent
 * (or dropped). stack.settle() does not wait for a delivery round kicked in the background.
 */
async function runJobs(): Promise<void> {
  await allSent();
  await stack.runJobs(new Date(stack.clock.now().getTime() + MINUTE));
  await allSent();
}

async function allSent(): Promise<void> {
  await stack.settle();
  const deadline = Date.now() + 10_000;
  for (;;) {
    const row = await sql<{ pending: number }>`
      SELECT count(*)::int AS pending FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND dedup_key LIKE 'survey:%'`.execute(
      stack.database.db,
    );
    if (row.rows[0]!.pending === 0) return;
    if (Date.now() > deadline) throw new Error(`survey messages are still waiting to be sent at ${stack.clock.now().toISOString()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const count = (user: ChatUser, text: string) => user.messages().filter((message) => message.text === text).length;

/** The invitations and reminders as each reads them: the pair's mentee is 15 («ты»), the mentor an adult («вы»). */
function texts(pair: WorkingPairFixture) {
  const org = pair.coordinator.orgName;
  return {
    startMentee: ruChild("survey-invite-start-mentee", { names: pair.mentorName }),
    startMentor: ru("survey-invite-start-mentor", { names: pair.menteeName, org }),
    endMentee: ruChild("survey-invite-end-mentee", { names: pair.mentorName }),
    endMentor: (names: string) => ru("survey-invite-end-mentor", { names, org }),
    remindMentee: ruChild("survey-reminder-mentee", { names: pair.mentorName }),
    remindMentor: ru("survey-reminder-mentor", { names: pair.menteeName, org }),
  };
}

/** Renders a text for one reader: `ruChild` for the 15-year-old mentee, `ru` for the adult mentor. */
type Render = typeof ru;

/** A question as the flow renders it in Russian for this reader. */
function question(r: Render, key: string, number: number, total: number): string {
  return r("survey-question", { number, count: total, question: r(key) });
}

function openQuestion(r: Render, key: string, number: number, total: number): string {
  return r("survey-question-open", { number, count: total, question: r(key), max: 500 });
}

async function surveysOf(pairId: number) {
  return stack.database.db
    .selectFrom("surveys")
    .selectAll()
    .where("pair_id", "=", pairId)
    .orderBy("moment", "desc")
    .orderBy("audience")
    .execute();
}

async function answersOf(surveyId: number) {
  const rows = await stack.database.db
    .selectFrom("survey_answers")
    .select(["question_id", "scale", "choice", "open_text"])
    .where("survey_id", "=", surveyId)
    .orderBy("question_id")
    .execute();
  return Object.fromEntries(rows.map((row) => [row.question_id, row.scale ?? row.choice ?? row.open_text]));
}

async function surveyOf(pairId: number, personId: number, moment: "start" | "end") {
  const row = await stack.database.db
    .selectFrom("surveys")
    .selectAll()
    .where("pair_id", "=", pairId)
    .where("person_id", "=", personId)
    .where("moment", "=", moment)
    .executeTakeFirstOrThrow();
  return row;
}

/** Moves a survey's sending back in time: reminders come due without moving the shared clock days ahead. */
async function sentAgo(surveyIds: number[], ms: number): Promise<void> {
  await stack.database.db
    .updateTable("surveys")
    .set({ sent_at: new Date(stack.clock.now().getTime() - ms) })
    .where("id", "in", surveyIds)
    .execute();
}

/** The rows of a survey's outbox messages, oldest first. */
async function outboxOf(surveyId: number) {
  const rows = await sql<{ dedup_key: string; sent_at: Date | null; last_error: string | null; reminder: boolean }>`
    SELECT dedup_key, sent_at, last_error, reminder FROM outbox WHERE dedup_key LIKE ${`survey:${surveyId}%`} ORDER BY id`.execute(
    stack.database.db,
  );
  return rows.rows.map((row) => ({ key: row.dedup_key, sent: row.sent_at !== null, error: row.last_error, reminder: row.reminder }));
}

/** Checks a scale question's buttons: 1–5 and 6–10 in two rows, then the navigation. */
function expectScaleButtons(message: ChatMessage, navigation: string[]): void {
  expect(message.buttons.map((row) => row.map((button) => button.label))).toEqual([
    SCALE_LABELS.slice(0, 5),
    SCALE_LABELS.slice(5),
    navigation,
  ]);
}

describe.each(["telegram", "vk", "max"] as const)("questionnaires on %s", (platform: Platform) => {
  const nextBlock = (() => {
    const next = idSequence({ telegram: 900_000, vk: 910_000, max: 915_000 }[platform]);
    return () => {
      const first = next();
      for (let skip = 1; skip < 10; skip += 1) next();
      return first;
    };
  })();

  it("sends the start questionnaire once to both; the mentee answers with buttons, typed numbers, Back and Skip, the mentor with a typed option; answering twice is refused", async () => {
    const pair = await startWorkingPair(stack, platform, nextBlock());
    const { mentor, mentee } = pair;
    const wording = texts(pair);

    await runJobs();
    const invite = await mentee.waitFor(wording.startMentee);
    expect(labels(invite)).toEqual([ru("survey-button-answer")]);
    const mentorInvite = await mentor.waitFor(wording.startMentor);
    expect(labels(mentorInvite)).toEqual([ru("survey-button-answer")]);
    // Again: nothing more.
    await runJobs();
    expect(count(mentee, wording.startMentee)).toBe(1);
    expect(count(mentor, wording.startMentor)).toBe(1);
    const surveys = await surveysOf(pair.pairId);
    expect(surveys.map((row) => [row.audience, row.moment, row.version, row.reminders_sent, row.answered_at])).toEqual([
      ["mentee", "start", 1, 0, null],
      ["mentor", "start", 1, 0, null],
    ]);
    const menteeSurvey = surveys.find((row) => row.audience === "mentee")!;
    expect(payloadOfButton(invite, ru("survey-button-answer"))).toBe(`1:a:survey:${menteeSurvey.id}`);

    // The mentee: five questions, the last one open.
    await mentee.press(ru("survey-button-answer"));
    await mentee.waitFor(ruChild("survey-intro-mentee", { count: 5, names: pair.mentorName }));
    const first = question(ruChild, "survey-v1-mentee-confidence", 1, 5);
    expectScaleButtons(await mentee.waitFor(first), [ruChild("button-cancel")]);
    // Not a number from 1 to 10: asked again kindly, nothing lost.
    for (const wrong of ["0", "11", "семь"]) {
      await mentee.send(wrong);
      await mentee.waitFor(`${ruChild("survey-error-scale", { min: 1, max: 10 })}\n\n${first}`);
    }
    await mentee.press("7");
    const second = question(ruChild, "survey-v1-mentee-interest", 2, 5);
    expectScaleButtons(await mentee.waitFor(second), [ruChild("button-back"), ruChild("button-cancel")]);
    await mentee.send("8");
    await mentee.waitFor(question(ruChild, "survey-v1-mentee-goal", 3, 5));
    // Back to the second question, answered again.
    await mentee.press(ru("button-back"));
    await mentee.waitFor(second);
    await mentee.press("9");
    await mentee.waitFor(question(ruChild, "survey-v1-mentee-goal", 3, 5));
    await mentee.press("6");
    await mentee.waitFor(question(ruChild, "survey-v1-mentee-ask-for-help", 4, 5));
    await mentee.send("10");
    const open = openQuestion(ruChild, "survey-v1-mentee-expectations", 5, 5);
    const shownOpen = await mentee.waitFor(open);
    expect(labels(shownOpen)).toEqual([ru("survey-button-skip"), ru("button-back"), ru("button-cancel")]);
    await mentee.send(HUGE);
    await mentee.waitFor(`${ruChild("survey-error-too-long", { max: 500 })}\n\n${open}`);
    await mentee.press(ru("survey-button-skip"));
    await mentee.waitFor(ruChild("survey-thanks-mentee"));

    expect(await answersOf(menteeSurvey.id)).toEqual({ "ask-for-help": 10, confidence: 7, goal: 6, interest: 9 });
    expect((await surveyOf(pair.pairId, pair.menteePersonId, "start")).answered_at).not.toBeNull();

    // The same button again: already answered, nothing saved twice.
    await mentee.pressPayload(payloadOfButton(invite, ru("survey-button-answer")));
    await mentee.waitFor(ruChild("survey-already-answered"));
    expect(Object.keys(await answersOf(menteeSurvey.id))).toHaveLength(4);

    // The mentor: three scales, the meeting format (words that are no option first), the open question.
    await mentor.press(ru("survey-button-answer"));
    await mentor.waitFor(ru("survey-intro-mentor", { count: 5, names: pair.menteeName, org: pair.coordinator.orgName }));
    await mentor.waitFor(question(ru, "survey-v1-mentor-confidence", 1, 5));
    await mentor.press("5");
    await mentor.waitFor(question(ru, "survey-v1-mentor-skills", 2, 5));
    await mentor.send(" 6 ");
    await mentor.waitFor(question(ru, "survey-v1-mentor-contact", 3, 5));
    await mentor.press("8");
    const format = question(ru, "survey-v1-mentor-format", 4, 5);
    const shownFormat = await mentor.waitFor(format);
    expect(labels(shownFormat)).toEqual([
      ru("survey-v1-mentor-format-in-person"),
      ru("survey-v1-mentor-format-online"),
      ru("survey-v1-mentor-format-mixed"),
      ru("button-back"),
      ru("button-cancel"),
    ]);
    await mentor.send("как получится");
    await mentor.waitFor(`${ru("error-use-buttons")}\n\n${format}`);
    await mentor.send("онлайн");
    await mentor.waitFor(openQuestion(ru, "survey-v1-mentor-expectations", 5, 5));
    await mentor.send("  Хочу помочь ребятам довести проекты до конца.  ");
    await mentor.waitFor(ru("survey-thanks-mentor"));
    const mentorSurvey = surveys.find((row) => row.audience === "mentor")!;
    expect(await answersOf(mentorSurvey.id)).toEqual({
      confidence: 5,
      contact: 8,
      expectations: "Хочу помочь ребятам довести проекты до конца.",
      format: "online",
      skills: 6,
    });

    // What the closing report reads.
    const facts = await stack.app.repos.surveys.cycleFacts(pair.cycleId);
    expect(facts).toHaveLength(2);
    expect(facts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          surveyId: menteeSurvey.id,
          personId: pair.menteePersonId,
          name: pair.menteeName,
          audience: "mentee",
          moment: "start",
          pairId: pair.pairId,
          sent: true,
        }),
        expect.objectContaining({
          surveyId: mentorSurvey.id,
          personId: pair.mentorPersonId,
          name: pair.mentorName,
          audience: "mentor",
          moment: "start",
          pairId: pair.pairId,
          sent: true,
        }),
      ]),
    );
    const byAudience = Object.fromEntries(facts.map((fact) => [fact.audience, fact]));
    expect(byAudience.mentee).toMatchObject({ scales: { confidence: 7, interest: 9, goal: 6, "ask-for-help": 10 }, choices: {}, open: {} });
    expect(byAudience.mentee!.answeredAt).toBeInstanceOf(Date);
    expect(byAudience.mentor).toMatchObject({
      scales: { confidence: 5, skills: 6, contact: 8 },
      choices: { format: "online" },
      open: { expectations: "Хочу помочь ребятам довести проекты до конца." },
    });
  }, 90_000);

  it("refuses someone else's, a forged and an archived questionnaire; a questionnaire left half-way can be answered later", async () => {
    const pair = await startWorkingPair(stack, platform, nextBlock());
    const { mentor, mentee } = pair;
    const wording = texts(pair);
    await runJobs();
    const invite = await mentee.waitFor(wording.startMentee);
    const mentorInvite = await mentor.waitFor(wording.startMentor);

    // The mentor's button pressed by the mentee (a forged payload), an id that does not exist, garbage.
    await mentee.pressPayload(payloadOfButton(mentorInvite, ru("survey-button-answer")));
    await mentee.waitFor(ruChild("survey-not-yours"));
    await mentee.pressPayload("1:a:survey:999999999");
    await mentee.waitFor(ruChild("survey-not-yours"));
    await mentee.pressPayload("1:a:survey:nope");
    await mentee.waitForToast(ruChild("toast-button-unknown"));

    // Started, then cancelled: nothing kept; the same button later starts again from the first question.
    await mentee.pressPayload(payloadOfButton(invite, ru("survey-button-answer")));
    await mentee.waitFor(question(ruChild, "survey-v1-mentee-confidence", 1, 5));
    await mentee.press("3");
    await mentee.waitFor(question(ruChild, "survey-v1-mentee-interest", 2, 5));
    await mentee.press(ru("button-cancel"));
    await mentee.waitFor(ruChild("flow-cancelled"));
    const menteeSurvey = await surveyOf(pair.pairId, pair.menteePersonId, "start");
    expect(menteeSurvey.answered_at).toBeNull();
    expect(await answersOf(menteeSurvey.id)).toEqual({});
    await mentee.pressPayload(payloadOfButton(invite, ru("survey-button-answer")));
    await mentee.waitFor(ruChild("survey-intro-mentee", { count: 5, names: pair.mentorName }));
    await mentee.waitFor(question(ruChild, "survey-v1-mentee-confidence", 1, 5));
    await mentee.press(ru("button-cancel"));
    await mentee.waitFor(ruChild("flow-cancelled"));

    // The cycle archived: the questionnaire is closed.
    await stack.database.db
      .updateTable("cycles")
      .set({ stage: "archived", archived_at: stack.clock.now() })
      .where("id", "=", pair.cycleId)
      .execute();
    await mentee.pressPayload(payloadOfButton(invite, ru("survey-button-answer")));
    await mentee.waitFor(ruChild("survey-closed"));
    expect(await answersOf(menteeSurvey.id)).toEqual({});
    // Nothing more is sent or reminded about an archived cycle.
    await sentAgo([menteeSurvey.id], 4 * DAY);
    await runJobs();
    expect(count(mentee, wording.remindMentee)).toBe(0);
  }, 90_000);

  it("reminds three and seven days after sending and never a third time; after downtime once; not someone who turned reminders off", async () => {
    const pair = await startWorkingPair(stack, platform, nextBlock());
    const { mentor, mentee } = pair;
    const wording = texts(pair);
    await stack.database.db.updateTable("people").set({ reminders_on: false }).where("id", "=", pair.mentorPersonId).execute();
    await runJobs();
    // The questionnaire itself is no reminder: it reaches the mentor too.
    await mentee.waitFor(wording.startMentee);
    await mentor.waitFor(wording.startMentor);
    const menteeSurvey = await surveyOf(pair.pairId, pair.menteePersonId, "start");
    const mentorSurvey = await surveyOf(pair.pairId, pair.mentorPersonId, "start");

    // Not quite three days: nothing.
    await sentAgo([menteeSurvey.id, mentorSurvey.id], 3 * DAY - 5 * MINUTE);
    await runJobs();
    expect(count(mentee, wording.remindMentee)).toBe(0);

    await sentAgo([menteeSurvey.id, mentorSurvey.id], 3 * DAY + MINUTE);
    await runJobs();
    const reminder = await mentee.waitFor(wording.remindMentee);
    expect(labels(reminder)).toEqual([ru("survey-button-answer")]);
    await runJobs();
    expect(count(mentee, wording.remindMentee)).toBe(1);

    await sentAgo([menteeSurvey.id, mentorSurvey.id], 7 * DAY + MINUTE);
    await runJobs();
    await mentee.waitFor(wording.remindMentee);
    await sentAgo([menteeSurvey.id, mentorSurvey.id], 30 * DAY);
    await runJobs();
    await runJobs();
    expect(count(mentee, wording.remindMentee)).toBe(2);
    expect((await surveyOf(pair.pairId, pair.menteePersonId, "start")).reminders_sent).toBe(2);

    // The mentor turned reminders off: the questionnaire came, its reminders did not.
    expect(count(mentor, wording.remindMentor)).toBe(0);
    expect(await outboxOf(mentorSurvey.id)).toEqual([
      { key: `survey:${mentorSurvey.id}`, sent: true, error: null, reminder: false },
      { key: `survey:${mentorSurvey.id}:reminder:1`, sent: false, error: "reminders off", reminder: true },
      { key: `survey:${mentorSurvey.id}:reminder:2`, sent: false, error: "reminders off", reminder: true },
    ]);

    // The reminder's button opens the questionnaire.
    await mentee.pressPayload(payloadOfButton(reminder, ru("survey-button-answer")));
    await mentee.waitFor(question(ruChild, "survey-v1-mentee-confidence", 1, 5));
    await mentee.press(ru("button-cancel"));
    await mentee.waitFor(ruChild("flow-cancelled"));

    // Another pair, its jobs down for eight days: one reminder, not two in a row, and none after.
    const later = await startWorkingPair(stack, platform, nextBlock());
    const laterWording = texts(later);
    await runJobs();
    await later.mentee.waitFor(laterWording.startMentee);
    const laterSurvey = await surveyOf(later.pairId, later.menteePersonId, "start");
    await sentAgo([laterSurvey.id], 8 * DAY);
    await runJobs();
    const laterReminder = await later.mentee.waitFor(laterWording.remindMentee);
    await runJobs();
    await sentAgo([laterSurvey.id], 9 * DAY);
    await runJobs();
    expect(count(later.mentee, laterWording.remindMentee)).toBe(1);
    expect((await surveyOf(later.pairId, later.menteePersonId, "start")).reminders_sent).toBe(2);
    expect((await outboxOf(laterSurvey.id)).map((row) => row.key)).toEqual([
      `survey:${laterSurvey.id}`,
      `survey:${laterSurvey.id}:reminder:2`,
    ]);

    // Answered from the reminder; the open question skipped by typing the button's word.
    await later.mentee.pressPayload(payloadOfButton(laterReminder, ru("survey-button-answer")));
    for (const [index, key] of [
      "survey-v1-mentee-confidence",
      "survey-v1-mentee-interest",
      "survey-v1-mentee-goal",
      "survey-v1-mentee-ask-for-help",
    ].entries()) {
      await later.mentee.waitFor(question(ruChild, key, index + 1, 5));
      await later.mentee.press("4");
    }
    await later.mentee.waitFor(openQuestion(ruChild, "survey-v1-mentee-expectations", 5, 5));
    await later.mentee.send("пропустить");
    await later.mentee.waitFor(ruChild("survey-thanks-mentee"));
    expect(await answersOf(laterSurvey.id)).toEqual({ "ask-for-help": 4, confidence: 4, goal: 4, interest: 4 });
  }, 120_000);

  it("sends the end questionnaire once the cycle is closing, one per pair to a mentor of two; the mentee answers it all", async () => {
    const pair = await startWorkingPair(stack, platform, nextBlock());
    const { mentor, mentee } = pair;
    const wording = texts(pair);
    const { db } = stack.database;
    await runJobs();
    const startInvite = await mentee.waitFor(wording.startMentee);
    await mentor.waitFor(wording.startMentor);

    // A second pair of the same mentor (its mentee has no chat: only the mentor's side is watched).
    const second = { id: await anotherPairOfTheMentor(stack, pair, { name: "Маша Лебедева", birthYear: 2013 }) };
    await runJobs();
    await mentor.waitFor(ru("survey-invite-start-mentor", { names: "Маша Лебедева", org: pair.coordinator.orgName }));
    expect(count(mentor, wording.startMentor)).toBe(1);

    // The coordinator starts closing the cycle: the end questionnaires go out, once.
    await db
      .updateTable("cycles")
      .set({ stage: "closing", closing_started_at: stack.clock.now() })
      .where("id", "=", pair.cycleId)
      .execute();
    await runJobs();
    const endInvite = await mentee.waitFor(wording.endMentee);
    expect(labels(endInvite)).toEqual([ru("survey-button-answer")]);
    await mentor.waitFor(wording.endMentor(pair.menteeName));
    await mentor.waitFor(wording.endMentor("Маша Лебедева"));
    await runJobs();
    expect(count(mentee, wording.endMentee)).toBe(1);
    expect(count(mentor, wording.endMentor(pair.menteeName))).toBe(1);
    expect(count(mentor, wording.endMentor("Маша Лебедева"))).toBe(1);
    expect((await surveysOf(pair.pairId)).map((row) => `${row.audience}:${row.moment}`)).toEqual([
      "mentee:start",
      "mentor:start",
      "mentee:end",
      "mentor:end",
    ]);
    expect((await surveysOf(second.id)).map((row) => `${row.audience}:${row.moment}`)).toEqual([
      "mentee:start",
      "mentor:start",
      "mentee:end",
      "mentor:end",
    ]);
    // The start questionnaire is not reminded of any more once the cycle closes.
    await sentAgo([(await surveyOf(pair.pairId, pair.menteePersonId, "start")).id], 4 * DAY);
    await runJobs();
    expect(count(mentee, wording.remindMentee)).toBe(0);

    // The mentee answers the end questionnaire: four growth scales, satisfaction, two choices, the open one.
    await mentee.press(ru("survey-button-answer"));
    await mentee.waitFor(ruChild("survey-intro-mentee", { count: 8, names: pair.mentorName }));
    for (const [index, [key, value]] of (
      [
        ["survey-v1-mentee-confidence", "8"],
        ["survey-v1-mentee-interest", "9"],
        ["survey-v1-mentee-goal", "7"],
        ["survey-v1-mentee-ask-for-help", "9"],
        ["survey-v1-mentee-satisfaction", "10"],
      ] as const
    ).entries()) {
      await mentee.waitFor(question(ruChild, key, index + 1, 8));
      await mentee.press(value);
    }
    const useful = question(ruChild, "survey-v1-mentee-most-useful", 6, 8);
    const shownUseful = await mentee.waitFor(useful);
    expect(labels(shownUseful).slice(0, 5)).toEqual(
      ["meetings", "plan", "advice", "project", "not-sure"].map((option) => ru(`survey-v1-mentee-most-useful-${option}`)),
    );
    await mentee.send("всё");
    await mentee.waitFor(`${ruChild("error-use-buttons")}\n\n${useful}`);
    await mentee.press(ru("survey-v1-mentee-most-useful-project"));
    await mentee.waitFor(question(ruChild, "survey-v1-mentee-again", 7, 8));
    // A typed number picks the option in that place.
    await mentee.send("1");
    await mentee.waitFor(openQuestion(ruChild, "survey-v1-mentee-best", 8, 8));
    await mentee.send("Как мы собрали робота и показали его всему классу!");
    await mentee.waitFor(ruChild("survey-thanks-mentee"));

    const end = await surveyOf(pair.pairId, pair.menteePersonId, "end");
    expect(await answersOf(end.id)).toEqual({
      again: "yes",
      "ask-for-help": 9,
      best: "Как мы собрали робота и показали его всему классу!",
      confidence: 8,
      goal: 7,
      interest: 9,
      "most-useful": "project",
      satisfaction: 10,
    });
    const facts = (await stack.app.repos.surveys.cycleFacts(pair.cycleId)).filter((fact) => fact.personId === pair.menteePersonId);
    expect(facts.map((fact) => [fact.moment, fact.answeredAt === null])).toEqual([
      ["start", true],
      ["end", false],
    ]);
    expect(facts[1]).toMatchObject({
      choices: { "most-useful": "project", again: "yes" },
      open: { best: "Как мы собрали робота и показали его всему классу!" },
    });

    // The start questionnaire can still be answered while the cycle closes.
    await mentee.pressPayload(payloadOfButton(startInvite, ru("survey-button-answer")));
    await mentee.waitFor(ruChild("survey-intro-mentee", { count: 5, names: pair.mentorName }));
    await mentee.press(ru("button-cancel"));
    await mentee.waitFor(ruChild("flow-cancelled"));
  }, 120_000);
});
