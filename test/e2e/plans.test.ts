/**
 * The individual mentoring plan (ИПН) end to end, on both messengers: the mentor drafts it with quick
 * and typed dates, the mentee (and nobody else) is told and agrees or asks for a change, edits of what
 * was agreed open the agreement again, milestones are marked done, the coordinator reads every plan of
 * the organisation; bad input and stale or forged buttons are answered politely and change nothing.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { WorkingPair } from "#root/db/repositories/pairs.ts";
import { inOrganisation } from "#root/db/scope.ts";
import { calendarDate, formatCalendarDate } from "#root/domain/cycle.ts";
import { addDays, isoWeekday, quickDates } from "#root/domain/typed-dates.ts";
import { pairTitle } from "#root/flows/common/pair.ts";
import { msg } from "#root/i18n/translator.ts";
import { packAction } from "#root/messaging/buttons.ts";
import { appToday, MOSCOW } from "../support/calendar.ts";
import type { ChatMessage, ChatUser } from "../support/chat-user.ts";
import { typedDate } from "../support/cycle-journey.ts";
import { idSequence, labels, ru, ruChild } from "../support/journeys.ts";
import { startWorkingPair, type WorkingPairFixture } from "../support/pairs.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();

const HUGE = "Очень длинный текст плана. ".repeat(200).slice(0, 5_000);

const today = () => calendarDate(stack.clock.now(), MOSCOW);
const shown = (date: string) => formatCalendarDate(date, "ru");

async function workingPair(pairId: number): Promise<WorkingPair> {
  const [pair] = await stack.app.repos.pairs.working({ pairId });
  if (!pair) throw new Error(`Pair ${pairId} is not at work`);
  return pair;
}

async function planRow(pairId: number) {
  return stack.database.db.selectFrom("plans").selectAll().where("pair_id", "=", pairId).executeTakeFirst();
}

async function milestoneRows(pairId: number) {
  return stack.database.db
    .selectFrom("plan_milestones")
    .innerJoin("plans", "plans.id", "plan_milestones.plan_id")
    .select([
      "plan_milestones.id",
      "plan_milestones.title",
      "plan_milestones.due_on",
      "plan_milestones.evidence",
      "plan_milestones.done_at",
      "plan_milestones.done_by",
    ])
    .where("plans.pair_id", "=", pairId)
    .orderBy("plan_milestones.position")
    .execute();
}

/** The newest outbox row now: later rows are what the step under test planned. */
async function outboxMark(): Promise<number> {
  const row = await stack.database.db
    .selectFrom("outbox")
    .select((eb) => eb.fn.max("id").as("id"))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

async function outboxSince(after: number) {
  const rows = await sql<{
    person_id: number | null;
    dedup_key: string;
  }>`SELECT person_id, dedup_key FROM outbox WHERE id > ${after} ORDER BY id`.execute(stack.database.db);
  return rows.rows;
}

/** The plan screen's head as the person reads it (the fixtures' mentees are 15: «ты»; their mentors adults: «вы»). */
function head(pair: WorkingPair, role: "mentor" | "mentee", status: string, version: number, goal: string): string {
  const r = role === "mentee" ? ruChild : ru;
  return r("plan-view", { pair: pairTitle(pair, role), status: msg(`plan-status-${status}`), version, goal });
}

function line(number: number, title: string, dueOn: string, state: "done" | "overdue" | "upcoming", evidence?: string): string {
  const args = { number, title, date: shown(dueOn), state: msg(`plan-state-${state}`) };
  return evidence ? ru("plan-milestone-line-evidence", { ...args, evidence }) : ru("plan-milestone-line", args);
}

/** A question asked again under a notice, with the same buttons. */
async function askedAgain(user: ChatUser, notice: string, prompt: string): Promise<ChatMessage> {
  return user.waitFor(`${notice}\n\n${prompt}`);
}

/** The menu sent for this /menu (not one left over from registration). */
async function freshMenu(user: ChatUser, name: string): Promise<ChatMessage> {
  const last = user.messages().at(-1)?.id ?? 0;
  await user.send("/menu");
  for (;;) {
    const menu = await user.waitFor(ru("menu-title", { name }));
    if (menu.id > last) return menu;
  }
}

/** A plan written straight into the database (for tests that are not about drafting). */
async function seedPlan(
  fixture: WorkingPairFixture,
  goal: string,
  milestones: Array<{ title: string; dueOn: string; evidence?: string }>,
  status: "proposed" | "agreed" = "proposed",
) {
  const planId = (await stack.app.repos.plans.create({
    pairId: fixture.pairId,
    orgId: fixture.orgId,
    goal,
    status: "proposed",
    milestones: milestones.map((milestone) => ({ ...milestone, evidence: milestone.evidence ?? null })),
    at: stack.clock.now(),
  }))!;
  if (status === "agreed") await stack.app.repos.plans.agree(planId, 1, fixture.menteePersonId, stack.clock.now());
  return planId;
}

describe.each(["telegram", "vk", "max"] as const)("the mentoring plan on %s", (platform) => {
  const nextId = idSequence({ telegram: 810_000, vk: 820_000, max: 825_000 }[platform]);
  const block = () => {
    const first = nextId();
    for (let i = 0; i < 3; i += 1) nextId();
    return first;
  };

  it("the mentor drafts it step by step with quick and typed dates; only the mentee is told; the mentee agrees once", async () => {
    const fixture = await startWorkingPair(stack, platform, block());
    const { mentor, mentee, parent, coordinator } = fixture;
    const pair = await workingPair(fixture.pairId);
    const mark = await outboxMark();
    const before = { parent: parent.messages().length, coordinator: coordinator.user.messages().length };

    // From the menu.
    const menu = await freshMenu(mentor, fixture.mentorName);
    expect(labels(menu)).toContain(ru("button-plan"));
    await mentor.press(ru("button-plan"));
    await mentor.waitFor(ru("plan-draft-intro"));
    expect(labels(await mentor.waitFor(ru("plan-ask-goal")))).toEqual([ru("button-cancel")]);
    await mentor.send(HUGE);
    await askedAgain(mentor, ru("error-too-long", { max: 500 }), ru("plan-ask-goal"));
    const goal = "Подготовить и защитить проект по робототехнике";
    await mentor.send(goal);

    // Milestone 1: a quick date button, after refusals of impossible, past and too late dates.
    await mentor.waitFor(ru("plan-ask-milestone", { number: 1 }));
    await mentor.send("Выбрать тему проекта");
    const due = ru("plan-ask-due", { end: shown(pair.cycleEndsOn) });
    const dateQuestion = await mentor.waitFor(due);
    const quick = quickDates(stack.clock.now(), MOSCOW);
    const inWeek = quick.find((entry) => entry.label.key === "quick-date-in-week")!;
    expect(labels(dateQuestion)).toEqual([
      ...quick.map((entry) => ru(entry.label.key, { date: shown(entry.date) })),
      ru("button-back"),
      ru("button-cancel"),
    ]);
    await mentor.send("31.02");
    await askedAgain(mentor, ru("error-date-impossible"), due);
    await mentor.send(typedDate(addDays(today(), -1)));
    await askedAgain(mentor, ru("error-date-past"), due);
    await mentor.send(typedDate(addDays(pair.cycleEndsOn, 1)));
    await askedAgain(mentor, ru("plan-error-after-cycle", { end: shown(pair.cycleEndsOn) }), due);
    await mentor.press(ru("quick-date-in-week", { date: shown(inWeek.date) }));
    await mentor.waitFor(ru("plan-ask-evidence"));
    await mentor.send("Тема записана в дневнике проекта");
    await mentor.waitFor(ru("plan-ask-more", { number: 1, max: 10 }));
    await mentor.press(ru("button-plan-more"));

    // Milestone 2: a typed date in words; "how it is shown" skipped; Back, then skipped again.
    await mentor.waitFor(ru("plan-ask-milestone", { number: 2 }));
    await mentor.send("Собрать робота");
    await mentor.waitFor(due);
    await mentor.send("через 2 недели");
    await mentor.waitFor(ru("plan-ask-evidence"));
    await mentor.press(ru("button-plan-skip"));
    await mentor.waitFor(ru("plan-ask-more", { number: 2, max: 10 }));
    await mentor.press(ru("button-back"));
    await mentor.waitFor(ru("plan-ask-evidence"));
    await mentor.send("-");
    await mentor.waitFor(ru("plan-ask-more", { number: 2, max: 10 }));
    await mentor.send("что угодно"); // text where a button is expected
    await askedAgain(mentor, ru("error-use-buttons"), ru("plan-ask-more", { number: 2, max: 10 }));
    await mentor.press(ru("button-plan-enough"));

    const twoWeeks = addDays(today(), 14);
    const preview = await mentor.waitFor(ru("plan-preview", { goal }));
    expect(preview.text).toContain(
      ru("plan-draft-line-evidence", {
        number: 1,
        title: "Выбрать тему проекта",
        date: shown(inWeek.date),
        evidence: "Тема записана в дневнике проекта",
      }),
    );
    expect(preview.text).toContain(ru("plan-draft-line", { number: 2, title: "Собрать робота", date: shown(twoWeeks) }));
    expect(labels(preview)).toEqual([ru("button-plan-send"), ru("button-plan-keep-draft"), ru("button-back"), ru("button-cancel")]);
    await mentor.press(ru("button-plan-send"));
    const sent = await mentor.waitFor(ru("plan-sent"));
    expect(sent.text).toContain(head(pair, "mentor", "proposed", 1, goal));
    expect(sent.text).toContain(line(1, "Выбрать тему проекта", inWeek.date, "upcoming", "Тема записана в дневнике проекта"));
    expect(sent.text).toContain(line(2, "Собрать робота", twoWeeks, "upcoming"));

    const plan = (await planRow(fixture.pairId))!;
    expect(plan).toMatchObject({ goal, status: "proposed", version: 1, org_id: fixture.orgId, agreed_by: null });
    expect(await milestoneRows(fixture.pairId)).toMatchObject([
      { title: "Выбрать тему проекта", due_on: inWeek.date, evidence: "Тема записана в дневнике проекта", done_at: null },
      { title: "Собрать робота", due_on: twoWeeks, evidence: null, done_at: null },
    ]);
    // Only the mentee is told.
    expect(await outboxSince(mark)).toEqual([
      { person_id: fixture.menteePersonId, dedup_key: `plan:${plan.id}:v1:look:${fixture.menteePersonId}` },
    ]);
    await stack.settle();
    await mentee.waitFor(ruChild("plan-sent-notice", { mentor: fixture.mentorName }));
    expect(parent.messages().length).toBe(before.parent);
    expect(coordinator.user.messages().length).toBe(before.coordinator);

    // The mentee opens it from the message and agrees.
    await mentee.press(ru("button-plan"));
    const view = await mentee.waitFor(head(pair, "mentee", "proposed", 1, goal));
    expect(labels(view)).toEqual([
      ru("button-plan-agree"),
      ru("button-plan-change"),
      ru("button-plan-milestone", { number: 1 }),
      ru("button-plan-milestone", { number: 2 }),
      ru("button-menu"),
    ]);
    const agreePayload = view.buttons.flat().find((button) => button.label === ru("button-plan-agree"))!.payload!;
    await mentee.press(ru("button-plan-agree"));
    const agreed = await mentee.waitFor(ruChild("plan-agreed"));
    expect(agreed.text).toContain(head(pair, "mentee", "agreed", 1, goal));
    expect(labels(agreed)).toEqual([
      ru("button-plan-milestone", { number: 1 }),
      ru("button-plan-milestone", { number: 2 }),
      ru("button-menu"),
    ]);
    expect(await planRow(fixture.pairId)).toMatchObject({ status: "agreed", version: 1, agreed_by: fixture.menteePersonId });
    await stack.settle();
    await mentor.waitFor(ru("plan-agreed-notice", { mentee: fixture.menteeName }));

    // "I agree" pressed twice: told politely, nothing changes, the mentor is not told again.
    const agreedAt = (await planRow(fixture.pairId))!.agreed_at;
    const again = await outboxMark();
    await mentee.pressPayload(agreePayload);
    await mentee.waitFor(`${ruChild("plan-error-already-agreed")}\n\n${head(pair, "mentee", "agreed", 1, goal)}`);
    expect((await planRow(fixture.pairId))!.agreed_at).toEqual(agreedAt);
    expect(await outboxSince(again)).toEqual([]);

    // The mentor opening the plan again sees it, not a new draft.
    await mentor.pressPayload(packAction("plan"));
    const mentorView = await mentor.waitFor(head(pair, "mentor", "agreed", 1, goal));
    expect(labels(mentorView)).toEqual([
      ru("button-plan-milestone", { number: 1 }),
      ru("button-plan-milestone", { number: 2 }),
      ru("button-plan-goal"),
      ru("button-plan-add"),
      ru("button-menu"),
    ]);
  });

  it("deadlines are typed as people say them: «до конца января», «ко вторнику»; an unreadable one is explained", async () => {
    const fixture = await startWorkingPair(stack, platform, block());
    const { mentor } = fixture;
    const pair = await workingPair(fixture.pairId);
    const day = appToday(stack);
    // The next January whose end has not passed: this one in January, next year's otherwise.
    const endOfJanuary = `${Number(day.slice(0, 4)) + (day.slice(5, 7) === "01" ? 0 : 1)}-01-31`;
    // The next Tuesday after today (next week's when today is a Tuesday).
    const tuesday = addDays(day, (2 - isoWeekday(day) + 7) % 7 || 7);
    const due = ru("plan-ask-due", { end: shown(pair.cycleEndsOn) });

    await mentor.pressPayload(packAction("plan"));
    await mentor.waitFor(ru("plan-ask-goal"));
    const goal = "Подготовиться к олимпиаде по информатике";
    await mentor.send(goal);
    await mentor.waitFor(ru("plan-ask-milestone", { number: 1 }));
    await mentor.send("Решить задачи прошлых лет");
    await mentor.waitFor(due);
    await mentor.send("когда получится");
    await askedAgain(mentor, ru("error-deadline-format"), due);
    await mentor.send("до конца января");
    await mentor.waitFor(ru("plan-ask-evidence"));
    await mentor.press(ru("button-plan-skip"));
    await mentor.waitFor(ru("plan-ask-more", { number: 1, max: 10 }));
    await mentor.press(ru("button-plan-more"));
    await mentor.waitFor(ru("plan-ask-milestone", { number: 2 }));
    await mentor.send("Разобрать динамическое программирование");
    await mentor.waitFor(due);
    await mentor.send("ко вторнику");
    await mentor.waitFor(ru("plan-ask-evidence"));
    await mentor.press(ru("button-plan-skip"));
    await mentor.waitFor(ru("plan-ask-more", { number: 2, max: 10 }));
    await mentor.press(ru("button-plan-enough"));

    const preview = await mentor.waitFor(ru("plan-preview", { goal }));
    expect(preview.text).toContain(ru("plan-draft-line", { number: 1, title: "Решить задачи прошлых лет", date: shown(endOfJanuary) }));
    expect(preview.text).toContain(
      ru("plan-draft-line", { number: 2, title: "Разобрать динамическое программирование", date: shown(tuesday) }),
    );
    await mentor.press(ru("button-plan-keep-draft"));
    await mentor.waitFor(ru("plan-kept-draft"));
    expect(await milestoneRows(fixture.pairId)).toMatchObject([
      { title: "Решить задачи прошлых лет", due_on: endOfJanuary },
      { title: "Разобрать динамическое программирование", due_on: tuesday },
    ]);
  });

  it("Cancel while drafting keeps nothing; a plan kept as a draft stays hidden from the mentee until the mentor sends it", async () => {
    const fixture = await startWorkingPair(stack, platform, block());
    const { mentor, mentee } = fixture;
    const pair = await workingPair(fixture.pairId);

    await mentor.pressPayload(packAction("plan"));
    await mentor.waitFor(ru("plan-ask-goal"));
    await mentor.send("Цель, которую я передумаю записывать");
    await mentor.waitFor(ru("plan-ask-milestone", { number: 1 }));
    await mentor.press(ru("button-cancel"));
    await mentor.waitFor(ru("flow-cancelled"));
    expect(await planRow(fixture.pairId)).toBeUndefined();

    await mentor.pressPayload(packAction("plan", fixture.pairId));
    await mentor.waitFor(ru("plan-ask-goal"));
    const goal = "Написать исследовательскую работу";
    await mentor.send(goal);
    await mentor.waitFor(ru("plan-ask-milestone", { number: 1 }));
    await mentor.send("Собрать источники");
    await mentor.waitFor(ru("plan-ask-due", { end: shown(pair.cycleEndsOn) }));
    await mentor.send("next Friday");
    await mentor.waitFor(ru("plan-ask-evidence"));
    await mentor.send("x".repeat(301));
    await askedAgain(mentor, ru("error-too-long", { max: 300 }), ru("plan-ask-evidence"));
    await mentor.press(ru("button-plan-skip"));
    await mentor.waitFor(ru("plan-ask-more", { number: 1, max: 10 }));
    await mentor.press(ru("button-plan-enough"));
    await mentor.waitFor(ru("plan-preview", { goal }));
    const mark = await outboxMark();
    await mentor.press(ru("button-plan-keep-draft"));
    const kept = await mentor.waitFor(ru("plan-kept-draft"));
    expect(kept.text).toContain(head(pair, "mentor", "draft", 1, goal));
    expect(labels(kept)[0]).toBe(ru("button-plan-send"));
    const sendPayload = kept.buttons.flat()[0]!.payload!;
    expect(await planRow(fixture.pairId)).toMatchObject({ status: "draft", proposed_at: null });
    expect(await outboxSince(mark)).toEqual([]);

    await mentee.pressPayload(packAction("plan"));
    await mentee.waitFor(ruChild("plan-draft-mentee", { mentor: fixture.mentorName }));

    await mentor.press(ru("button-plan-send"));
    const sent = await mentor.waitFor(ru("plan-sent"));
    expect(sent.text).toContain(head(pair, "mentor", "proposed", 1, goal));
    await stack.settle();
    await mentee.waitFor(ruChild("plan-sent-notice", { mentor: fixture.mentorName }));
    // Send pressed again on the old message.
    await mentor.pressPayload(sendPayload);
    await mentor.waitFor(ru("plan-error-already-sent"));
    expect(await planRow(fixture.pairId)).toMatchObject({ status: "proposed", version: 1 });
  });

  it("a mentee asks for a change; the mentor's edits re-open agreement as new versions; marking done does not", async () => {
    const fixture = await startWorkingPair(stack, platform, block());
    const { mentor, mentee } = fixture;
    const pair = await workingPair(fixture.pairId);
    const first = addDays(today(), 10);
    const second = addDays(today(), 30);
    const planId = await seedPlan(fixture, "Научиться выступать перед классом", [
      { title: "Прочитать книгу о публичных выступлениях", dueOn: first },
      { title: "Выступить на классном часе", dueOn: second, evidence: "Видео выступления" },
    ]);

    // The mentee asks for a change (a 5,000-character reason is refused first).
    await mentee.pressPayload(packAction("plan"));
    const view = await mentee.waitFor(head(pair, "mentee", "proposed", 1, "Научиться выступать перед классом"));
    const changePayload = view.buttons.flat().find((button) => button.label === ru("button-plan-change"))!.payload!;
    const agreeV1 = view.buttons.flat().find((button) => button.label === ru("button-plan-agree"))!.payload!;
    await mentee.press(ru("button-plan-change"));
    await mentee.waitFor(ruChild("plan-ask-change"));
    await mentee.send(HUGE);
    await askedAgain(mentee, ruChild("error-too-long", { max: 1000 }), ruChild("plan-ask-change"));
    const reason = "Книгу не успею до этого срока, у меня олимпиада";
    await mentee.send(reason);
    const asked = await mentee.waitFor(ruChild("plan-change-sent"));
    expect(asked.text).toContain(head(pair, "mentee", "change_requested", 1, "Научиться выступать перед классом"));
    expect(await planRow(fixture.pairId)).toMatchObject({ status: "change_requested", change_request: reason, version: 1 });
    await stack.settle();
    await mentor.waitFor(ru("plan-change-notice", { mentee: fixture.menteeName, text: reason }));
    // Asking again on the same version: already asked.
    await mentee.pressPayload(changePayload);
    await mentee.waitFor(ruChild("plan-error-change-already-asked"));

    // The mentor opens the plan from the message, sees the request and moves the first date.
    await mentor.press(ru("button-plan"));
    const mentorView = await mentor.waitFor(head(pair, "mentor", "change_requested", 1, "Научиться выступать перед классом"));
    expect(mentorView.text).toContain(ru("plan-change-request-shown", { text: reason }));
    await mentor.press(ru("button-plan-milestone", { number: 1 }));
    await mentor.waitFor(ru("plan-milestone-what-mentor"));
    await mentor.press(ru("button-plan-edit-date"));
    const due = ru("plan-ask-due", { end: shown(pair.cycleEndsOn) });
    await mentor.waitFor(due);
    await mentor.send("31.02");
    await askedAgain(mentor, ru("error-date-impossible"), due);
    const moved = addDays(today(), 20);
    const mark = await outboxMark();
    await mentor.send(typedDate(moved));
    const saved = await mentor.waitFor(ru("plan-saved-reopened"));
    expect(saved.text).toContain(head(pair, "mentor", "proposed", 2, "Научиться выступать перед классом"));
    expect(saved.text).toContain(line(1, "Прочитать книгу о публичных выступлениях", moved, "upcoming"));
    expect(await planRow(fixture.pairId)).toMatchObject({ status: "proposed", version: 2, change_request: null });
    expect(await outboxSince(mark)).toEqual([
      { person_id: fixture.menteePersonId, dedup_key: `plan:${planId}:v2:look:${fixture.menteePersonId}` },
    ]);
    await stack.settle();
    await mentee.waitFor(ruChild("plan-changed-notice", { mentor: fixture.mentorName }));

    // The old "I agree" (version 1) is stale; agreeing to what is shown now works.
    await mentee.pressPayload(agreeV1);
    await mentee.waitFor(
      `${ruChild("plan-error-changed-since")}\n\n${head(pair, "mentee", "proposed", 2, "Научиться выступать перед классом")}`,
    );
    expect((await planRow(fixture.pairId))!.status).toBe("proposed");
    await mentee.press(ru("button-plan-agree"));
    await mentee.waitFor(ruChild("plan-agreed"));
    expect(await planRow(fixture.pairId)).toMatchObject({ status: "agreed", version: 2 });

    // The mentee marks the first milestone done: the plan stays agreed, the mentor is told.
    await mentee.press(ru("button-plan-milestone", { number: 1 }));
    const what = await mentee.waitFor(ruChild("plan-milestone-what-mentee"));
    expect(labels(what)).toEqual([ru("button-plan-done"), ru("button-plan-back"), ru("button-cancel")]);
    await mentee.send("готово наверное"); // free text where a button is expected
    await mentee.waitFor(ruChild("error-use-buttons"));
    await mentee.press(ru("button-plan-done"));
    const done = await mentee.waitFor(ruChild("plan-milestone-marked-done", { number: 1 }));
    expect(done.text).toContain(head(pair, "mentee", "agreed", 2, "Научиться выступать перед классом"));
    expect(done.text).toContain(line(1, "Прочитать книгу о публичных выступлениях", moved, "done"));
    // Only the milestone still to do is offered to the mentee.
    expect(labels(done)).toEqual([ru("button-plan-milestone", { number: 2 }), ru("button-menu")]);
    expect(await planRow(fixture.pairId)).toMatchObject({ status: "agreed", version: 2 });
    expect((await milestoneRows(fixture.pairId))[0]).toMatchObject({ done_by: fixture.menteePersonId });
    expect((await milestoneRows(fixture.pairId))[0]!.done_at).not.toBeNull();
    await stack.settle();
    await mentor.waitFor(
      ru("plan-done-by-mentee-notice", { mentee: fixture.menteeName, title: "Прочитать книгу о публичных выступлениях" }),
    );

    // The mentor changes the goal (version 3), adds a milestone (version 4) and removes one (version 5).
    await mentor.pressPayload(packAction("plan-goal", planId));
    await mentor.waitFor(ru("plan-goal-now", { goal: "Научиться выступать перед классом" }));
    await mentor.waitFor(ru("plan-ask-goal"));
    await mentor.send("Уверенно выступать перед классом и на конференции");
    await mentor.waitFor(ru("plan-saved-reopened"));
    expect(await planRow(fixture.pairId)).toMatchObject({
      status: "proposed",
      version: 3,
      goal: "Уверенно выступать перед классом и на конференции",
      agreed_by: null,
    });

    await mentor.press(ru("button-plan-add"));
    await mentor.waitFor(ru("plan-ask-milestone", { number: 3 }));
    await mentor.send("Выступить на школьной конференции");
    await mentor.waitFor(due);
    await mentor.send("next Friday");
    await mentor.waitFor(ru("plan-ask-evidence"));
    await mentor.press(ru("button-plan-skip"));
    await mentor.waitFor(ru("plan-saved-reopened"));
    const rows = await milestoneRows(fixture.pairId);
    expect(rows.map((row) => row.title)).toEqual([
      "Прочитать книгу о публичных выступлениях",
      "Выступить на классном часе",
      "Выступить на школьной конференции",
    ]);
    expect(await planRow(fixture.pairId)).toMatchObject({ status: "proposed", version: 4 });

    await mentor.press(ru("button-plan-milestone", { number: 2 }));
    await mentor.waitFor(ru("plan-milestone-what-mentor"));
    await mentor.press(ru("button-plan-remove"));
    await mentor.waitFor(ru("plan-remove-sure", { number: 2, title: "Выступить на классном часе" }));
    await mentor.press(ru("button-plan-remove-yes"));
    const removed = await mentor.waitFor(ru("plan-milestone-removed-reopened", { number: 2 }));
    expect(removed.text).toContain(line(2, "Выступить на школьной конференции", rows[2]!.due_on, "upcoming"));
    expect((await milestoneRows(fixture.pairId)).map((row) => row.title)).toEqual([
      "Прочитать книгу о публичных выступлениях",
      "Выступить на школьной конференции",
    ]);
    expect(await planRow(fixture.pairId)).toMatchObject({ status: "proposed", version: 5 });

    // The mentor marks the milestone done and undoes it: neither re-opens the plan; the mentee is told of "done".
    await mentor.press(ru("button-plan-milestone", { number: 2 }));
    await mentor.waitFor(ru("plan-milestone-what-mentor"));
    await mentor.press(ru("button-plan-done"));
    await mentor.waitFor(ru("plan-milestone-marked-done", { number: 2 }));
    await mentor.press(ru("button-plan-milestone", { number: 2 }));
    await mentor.waitFor(ru("plan-milestone-what-mentor"));
    await mentor.press(ru("button-plan-undone"));
    await mentor.waitFor(ru("plan-milestone-marked-undone", { number: 2 }));
    expect(await planRow(fixture.pairId)).toMatchObject({ status: "proposed", version: 5 });
    expect((await milestoneRows(fixture.pairId))[1]!.done_at).toBeNull();
    await stack.settle();
    // Paced at one message a second per chat, behind the "look again" notices.
    await mentee.waitFor(
      ruChild("plan-done-by-mentor-notice", { mentor: fixture.mentorName, title: "Выступить на школьной конференции" }),
      10_000,
    );
  });

  it("refuses stale and forged buttons: another pair's plan, the other side's actions, garbage; nothing changes", async () => {
    const ours = await startWorkingPair(stack, platform, block());
    const theirs = await startWorkingPair(stack, platform, block(), { mentorName: "Олег Игоревич Карпов", menteeName: "Дима Орлов" });
    const pair = await workingPair(ours.pairId);
    const goal = "Разобраться в программировании на Python";
    const planId = await seedPlan(ours, goal, [{ title: "Пройти первый курс", dueOn: addDays(today(), 7) }]);
    const [milestone] = await milestoneRows(ours.pairId);

    // The mentee of a pair without a plan yet.
    await theirs.mentee.pressPayload(packAction("plan"));
    await theirs.mentee.waitFor(ruChild("plan-none-mentee", { mentor: "Олег Игоревич Карпов" }));

    // Someone of another pair presses this pair's buttons.
    for (const payload of [
      packAction("plan", ours.pairId),
      packAction("plan-ms", milestone!.id),
      packAction("plan-agree", `${planId}.1`),
      packAction("plan-goal", planId),
    ]) {
      await theirs.mentor.pressPayload(payload);
      await theirs.mentor.waitFor(ru("pair-not-yours"));
    }
    await theirs.mentee.pressPayload(packAction("plan-change", `${planId}.1`));
    await theirs.mentee.waitFor(ruChild("pair-not-yours"));
    // Not a plan at all; not a number at all.
    await ours.mentee.pressPayload(packAction("plan-agree", "999999999.1"));
    await ours.mentee.waitFor(ruChild("plan-error-unknown"));
    await ours.mentee.pressPayload(packAction("plan-ms", "abc"));
    await ours.mentee.waitForToast(ruChild("toast-button-unknown"));

    // The mentee cannot change the plan; the mentor cannot agree for the mentee.
    await ours.mentee.pressPayload(packAction("plan-goal", planId));
    await ours.mentee.waitFor(`${ruChild("plan-error-mentor-only")}\n\n${head(pair, "mentee", "proposed", 1, goal)}`);
    await ours.mentee.pressPayload(packAction("plan-add", planId));
    await ours.mentee.waitFor(ruChild("plan-error-mentor-only"));
    await ours.mentor.pressPayload(packAction("plan-agree", `${planId}.1`));
    await ours.mentor.waitFor(`${ru("plan-error-mentee-only")}\n\n${head(pair, "mentor", "proposed", 1, goal)}`);
    // A coordinator has no pair of their own.
    await ours.coordinator.user.pressPayload(packAction("plan"));
    await ours.coordinator.user.waitFor(ru("pair-none"));

    expect(await planRow(ours.pairId)).toMatchObject({ status: "proposed", version: 1, goal, agreed_by: null });
    expect(await milestoneRows(ours.pairId)).toMatchObject([{ title: "Пройти первый курс", done_at: null }]);
    expect(await planRow(theirs.pairId)).toBeUndefined();

    // A milestone removed meanwhile: its old button says so.
    await stack.app.repos.plans.removeMilestone(milestone!.id, stack.clock.now());
    await ours.mentor.pressPayload(packAction("plan-ms", milestone!.id));
    await ours.mentor.waitFor(ru("plan-error-milestone-gone"));
  });

  it("the coordinator sees every pair of the organisation, with and without a plan, overdue milestones counted; read-only; another organisation's pair is refused", async () => {
    const ours = await startWorkingPair(stack, platform, block());
    const theirs = await startWorkingPair(stack, platform, block(), { mentorName: "Олег Игоревич Карпов", menteeName: "Дима Орлов" });
    const pair = await workingPair(ours.pairId);
    const goal = "Подготовиться к олимпиаде по математике";
    // A milestone whose day has passed (written before, the plan kept since).
    const overdueOn = addDays(today(), -3);
    await seedPlan(
      ours,
      goal,
      [
        { title: "Решить задачи прошлых лет", dueOn: overdueOn },
        { title: "Написать пробный тур", dueOn: addDays(today(), 14), evidence: "Результат пробного тура" },
      ],
      "agreed",
    );

    const coordinator = ours.coordinator.user;
    await coordinator.pressPayload(packAction("plans", 0));
    const list = await coordinator.waitFor(
      ru("plans-title", { org: ours.coordinator.orgName, total: 1, planned: 1, agreed: 1, overdue: 1, page: 1, pages: 1 }),
    );
    const who = msg("plan-pair", { mentor: ours.mentorName, mentees: ours.menteeName });
    expect(list.text).toContain(
      ru("plans-line-overdue", { number: 1, pair: who, status: msg("plan-status-agreed"), total: 2, done: 0, overdue: 1 }),
    );
    expect(list.text).not.toContain("Олег Игоревич Карпов");
    expect(labels(list)).toEqual([ru("button-plans-open", { number: 1, mentor: ours.mentorName }), ru("button-menu")]);
    await coordinator.press(ru("button-plans-open", { number: 1, mentor: ours.mentorName }));
    const view = await coordinator.waitFor(ru("plan-view", { pair: who, status: msg("plan-status-agreed"), version: 1, goal }));
    expect(view.text).toContain(line(1, "Решить задачи прошлых лет", overdueOn, "overdue"));
    expect(view.text).toContain(line(2, "Написать пробный тур", addDays(today(), 14), "upcoming", "Результат пробного тура"));
    // Read-only: besides the way back, only the plan as a Word document to print and sign.
    expect(labels(view)).toEqual([ru("doc-button-plan"), ru("button-plans"), ru("button-menu")]);

    // The mentor and the mentee see the overdue milestone too.
    await ours.mentor.pressPayload(packAction("plan"));
    expect((await ours.mentor.waitFor(head(pair, "mentor", "agreed", 1, goal))).text).toContain(
      line(1, "Решить задачи прошлых лет", overdueOn, "overdue"),
    );

    // Another organisation's pair, by a forged button; their coordinator sees their pair without a plan.
    await coordinator.pressPayload(packAction("plan-view", theirs.pairId));
    await coordinator.waitFor(ru("plan-view-unknown"));
    await theirs.coordinator.user.pressPayload(packAction("plans", 0));
    const theirList = await theirs.coordinator.user.waitFor(
      ru("plans-title", { org: theirs.coordinator.orgName, total: 1, planned: 0, agreed: 0, overdue: 0, page: 1, pages: 1 }),
    );
    expect(theirList.text).toContain(
      ru("plans-line-none", { number: 1, pair: msg("plan-pair", { mentor: "Олег Игоревич Карпов", mentees: "Дима Орлов" }) }),
    );
    await theirs.coordinator.user.press(ru("button-plans-open", { number: 1, mentor: "Олег Игоревич Карпов" }));
    await theirs.coordinator.user.waitFor(
      ru("plan-view-none", { pair: msg("plan-pair", { mentor: "Олег Игоревич Карпов", mentees: "Дима Орлов" }) }),
    );

    // The repository other engineers read milestones through: every given pair in one call; row-level security hides other organisations' plans.
    expect(await stack.app.repos.plans.milestonesOf([ours.pairId, theirs.pairId])).toMatchObject([
      { pairId: ours.pairId, title: "Решить задачи прошлых лет", dueOn: overdueOn, evidence: null, doneAt: null, position: 1 },
      { pairId: ours.pairId, title: "Написать пробный тур", evidence: "Результат пробного тура", position: 2 },
    ]);
    expect(await inOrganisation(stack.database.db, theirs.orgId, (repos) => repos.plans.forPair(ours.pairId))).toBeUndefined();
    expect(await inOrganisation(stack.database.db, theirs.orgId, (repos) => repos.plans.milestonesOf([ours.pairId]))).toEqual([]);

    // A mentor is not a coordinator; a page past the end shows the last one.
    await ours.mentor.pressPayload(packAction("plans", 0));
    await ours.mentor.waitFor(ru("error-coordinators-only"));
    await coordinator.pressPayload(packAction("plans", 7));
    await coordinator.waitFor(
      ru("plans-title", { org: ours.coordinator.orgName, total: 1, planned: 1, agreed: 1, overdue: 1, page: 1, pages: 1 }),
    );
  });
});
