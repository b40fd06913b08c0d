/**
 * "🆘 I need help from an adult" end to end, on both messengers: a mentee and a parent (of two
 * children) tell the coordinator confidentially; the coordinator is alerted at once (urgent, past
 * quiet hours) and reads the kept report; the mentor of the pair hears nothing; bad input on every
 * prompt; nobody but the organisation's own coordinators sees a report.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { inOrganisation } from "#root/db/scope.ts";
import { reporterLine } from "#root/flows/check-ins/need-help.ts";
import { dayAhead } from "../support/calendar.ts";
import type { ChatMessage, ChatUser } from "../support/chat-user.ts";
import {
  type Coordinator,
  idSequence,
  issueInvite,
  labels,
  menteeForm,
  mentorForm,
  otherPlatform,
  parentDecides,
  participantByName,
  payloadOfButton,
  registerCoordinator,
  registerMentee,
  registerMentor,
  ru,
  ruChild,
} from "../support/journeys.ts";
import { askedAgain, refusedInToast } from "../support/screens.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();

const HUGE = "Очень длинное сообщение. ".repeat(200).slice(0, 5_000);

/** The prompt tag of a question's buttons (`1:p:<tag>:<value>`). */
const tagOf = (message: ChatMessage): string =>
  message.buttons
    .flat()
    .find((b) => b.payload?.startsWith("1:p:"))!
    .payload!.split(":")[2]!;

const menteeInvite = async (coordinator: Coordinator) => ({
  payload: await issueInvite(stack, coordinator.orgId, "mentee"),
  orgName: coordinator.orgName,
});

const alertFor = (orgName: string, who: ReturnType<typeof reporterLine>, text: string) => ru("help-alert", { org: orgName, who, text });
const fromMentee = (name: string) => reporterLine("mentee", name, null);

/** From the menu: the mentee explains, writes, checks and sends (the mentees who call this are 18: «вы»). */
async function menteeReports(user: ChatUser, body: string): Promise<void> {
  await user.press(ru("button-need-help"));
  await user.waitFor(ru("need-help-intro-mentee"));
  await user.waitFor(ru("need-help-question-mentee"));
  await user.send(body);
  await user.waitFor(ru("need-help-preview-mentee", { text: body }));
  await user.press(ru("button-send"));
  await user.waitFor(ru("need-help-sent-mentee"));
}

async function reportsOf(orgId: number) {
  return stack.database.db.selectFrom("help_reports").selectAll().where("org_id", "=", orgId).orderBy("id").execute();
}

/** The newest outbox row now: later rows are what the step under test planned (both messengers share the database). */
async function outboxMark(): Promise<number> {
  const row = await stack.database.db
    .selectFrom("outbox")
    .select((eb) => eb.fn.max("id").as("id"))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

async function outboxMentioning(text: string, after: number) {
  const rows = await sql<{ person_id: number | null; dedup_key: string; urgent: boolean }>`
    SELECT person_id, dedup_key, urgent FROM outbox WHERE id > ${after} AND message::text LIKE ${`%${text}%`} ORDER BY id`.execute(
    stack.database.db,
  );
  return rows.rows;
}

describe.each(["telegram", "vk", "max"] as const)("I need help from an adult on %s", (platform) => {
  const other = otherPlatform(platform);
  const nextId = idSequence({ telegram: 750_000, vk: 760_000, max: 765_000 }[platform]);

  it("a mentee reports: the coordinator is alerted at once with the text and buttons, reads it in the list, the report is kept; the mentor hears nothing", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const mentee = stack.user(platform, nextId());
    await registerMentee(mentee, await menteeInvite(coordinator), menteeForm("Лиза Морозова", 18));
    const menu = await mentee.waitFor(ru("menu-title", { name: "Лиза Морозова" }));
    expect(labels(menu)).toContain(ru("button-need-help"));

    // She has a mentor: a published pair of the cycle.
    const mentor = stack.user(other, nextId());
    await registerMentor(
      mentor,
      { payload: await issueInvite(stack, coordinator.orgId, "mentor"), orgName: coordinator.orgName },
      mentorForm("Игорь Семёнович Блинов", "adult", 45),
    );
    const coordinatorRow = (await participantByName(stack, coordinator.orgId, coordinator.name, "coordinator"))!;
    const menteeRow = (await participantByName(stack, coordinator.orgId, "Лиза Морозова"))!;
    const mentorRow = (await participantByName(stack, coordinator.orgId, "Игорь Семёнович Блинов", "mentor"))!;
    const cycle = (await stack.app.repos.cycles.open({
      orgId: coordinator.orgId,
      name: "Наставничество 2026/27",
      startsOn: dayAhead(stack, -30),
      endsOn: dayAhead(stack, 180),
      forms: ["adult_student"],
      directions: ["projects"],
      createdBy: coordinatorRow.personId,
    }))!;
    await stack.app.repos.pairs.saveDraft(coordinator.orgId, cycle.id, [
      {
        mentorId: mentorRow.participantId,
        form: "adult_student",
        direction: "projects",
        members: [{ menteeId: menteeRow.participantId, score: 10, why: null, pinned: false }],
      },
    ]);
    await stack.app.repos.pairs.publish(cycle.id, stack.clock.now());
    const mentorSeenBefore = mentor.messages().length;

    const body = "Наставник на встречах кричит на меня.\nМне страшно туда ходить.";
    const before = stack.clock.now().getTime();
    const mark = await outboxMark();
    await menteeReports(mentee, body);
    await stack.settle();

    const alert = await coordinator.user.waitFor(alertFor(coordinator.orgName, fromMentee("Лиза Морозова"), body));
    expect(labels(alert)).toEqual([ru("button-help-report-open"), ru("button-help-reports")]);

    const [report, ...more] = await reportsOf(coordinator.orgId);
    expect(more).toEqual([]);
    expect(report).toMatchObject({
      reporter_person_id: menteeRow.personId,
      reporter_role: "mentee",
      child_participant_id: null,
      body,
      platform,
      seen_by: null,
      seen_at: null,
    });
    expect(new Date(report!.created_at).getTime()).toBeGreaterThanOrEqual(before - 1_000);
    // Saved under the key the conversation drew before Send: saving it again (the press handled again
    // after a crash) finds the same report and plans no second alert.
    expect(report!.request_key).toEqual(expect.any(String));
    const savedAgain = await stack.app.repos.helpReports.create({
      orgId: coordinator.orgId,
      reporterPersonId: menteeRow.personId,
      reporterRole: "mentee",
      childParticipantId: null,
      body,
      platform,
      at: stack.clock.now(),
      requestKey: report!.request_key!,
    });
    expect(savedAgain.id).toBe(report!.id);
    expect(await reportsOf(coordinator.orgId)).toHaveLength(1);
    // Only the coordinator was sent the text, marked urgent (children's quiet hours do not hold it).
    expect(await outboxMentioning("Мне страшно туда ходить", mark)).toEqual([
      { person_id: coordinatorRow.personId, dedup_key: `help-report:${report!.id}:coordinator:${coordinatorRow.personId}`, urgent: true },
    ]);
    expect(mentor.messages().length).toBe(mentorSeenBefore);

    // The coordinator opens the list from the alert: one new report, then reads it in full.
    await coordinator.user.press(ru("button-help-reports"));
    const list = await coordinator.user.waitFor(
      ru("help-reports-title", { org: coordinator.orgName, total: 1, unseen: 1, page: 1, pages: 1 }),
    );
    expect(list.text).toContain(ru("help-from-mentee", { name: "Лиза Морозова" }));
    expect(list.text).toContain("«Наставник на встречах кричит на меня. Мне страшно"); // the start, on one line
    expect(labels(list)).toHaveLength(4);
    expect(labels(list)[0]).toMatch(new RegExp(`^${ru("help-reports-new")} 1 · `));
    expect(labels(list).slice(1)).toEqual([ru("button-help-reports-open"), ru("button-help-reports-export"), ru("button-menu")]);
    await coordinator.user.press(labels(list)[0]!);
    // The list quotes the report's start too: the view is the one with the whole text.
    const view = await coordinator.user.waitFor(body);
    expect(view.text).toContain(body);
    expect(view.text).toContain(ru(`platform-${platform}`));
    const seen = (await reportsOf(coordinator.orgId))[0]!;
    expect(seen.seen_by).toBe(coordinatorRow.personId);
    expect(seen.seen_at).not.toBeNull();

    await coordinator.user.press(ru("button-help-reports"));
    const again = await coordinator.user.waitFor(
      ru("help-reports-title", { org: coordinator.orgName, total: 1, unseen: 0, page: 1, pages: 1 }),
    );
    expect(labels(again)[0]).toMatch(new RegExp(`^${ru("help-reports-seen")} 1 · `));
    // The coordinator's menu has the list too.
    await coordinator.user.send("/menu");
    expect(labels(await coordinator.user.waitFor(ru("menu-title", { name: coordinator.name })))).toContain(ru("button-help-reports"));

    await stack.settle();
    expect(mentor.messages().length).toBe(mentorSeenBefore);
    expect(mentor.messages().some((m) => m.text.includes("страшно"))).toBe(false);
  });

  it("a parent of two children picks one, changes the text once, and the coordinator learns who wrote about whom", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const first = stack.user(platform, nextId());
    const second = stack.user(other, nextId());
    const one = await registerMentee(first, await menteeInvite(coordinator), menteeForm("Петя Соколов", 12));
    const two = await registerMentee(second, await menteeInvite(coordinator), menteeForm("Маша Соколова", 10));
    const parent = stack.user(platform, nextId());
    const parentName = "Соколова Ирина Викторовна";
    await parentDecides(parent, one.parentPayloads![platform], parentName, "agree", {
      name: "Петя Соколов",
      age: 12,
      orgName: coordinator.orgName,
    });
    await parentDecides(parent, two.parentPayloads![platform], parentName, "agree", {
      name: "Маша Соколова",
      age: 10,
      orgName: coordinator.orgName,
    });
    await stack.settle();

    const mark = await outboxMark();
    await parent.send("/menu");
    const menu = await parent.waitFor(ru("menu-title", { name: parentName }));
    // An adult is offered to write to the coordinator, not the children's «I need an adult's help».
    expect(labels(menu)).toContain(ru("button-need-help-parent"));
    expect(labels(menu)).not.toContain(ru("button-need-help"));
    await parent.press(ru("button-need-help-parent"));
    await parent.waitFor(ru("need-help-intro-parent"));
    const which = await parent.waitFor(ru("need-help-which-child"));
    expect(labels(which)).toEqual(["Петя Соколов", "Маша Соколова", ru("button-cancel")]);
    await parent.send("про дочку"); // free text where a button is expected
    await askedAgain(stack, parent, ru("error-use-buttons"), ru("need-help-which-child"), [
      "Петя Соколов",
      "Маша Соколова",
      ru("button-cancel"),
    ]);
    await parent.press("Маша Соколова");
    await parent.waitFor(ru("need-help-question-parent"));
    await parent.send("Дочь говорит, что наставник просит её номер телефона.");
    await parent.waitFor(ru("need-help-preview-parent", { text: "Дочь говорит, что наставник просит её номер телефона." }));
    await parent.press(ru("button-need-help-change"));
    await parent.waitFor(ru("need-help-question-parent"));
    const body = "Дочь говорит, что наставник просит её личный номер телефона и пишет ей по вечерам.";
    await parent.send(body);
    await parent.waitFor(ru("need-help-preview-parent", { text: body }));
    await parent.press(ru("button-send"));
    await parent.waitFor(ru("need-help-sent-parent"));
    await stack.settle();

    const alert = await coordinator.user.waitFor(alertFor(coordinator.orgName, reporterLine("parent", parentName, "Маша Соколова"), body));
    expect(labels(alert)).toEqual([ru("button-help-report-open"), ru("button-help-reports")]);
    const parentRow = (await participantByName(stack, coordinator.orgId, parentName, "parent"))!;
    const masha = (await participantByName(stack, coordinator.orgId, "Маша Соколова"))!;
    expect(await reportsOf(coordinator.orgId)).toMatchObject([
      { reporter_person_id: parentRow.personId, reporter_role: "parent", child_participant_id: masha.participantId, body, platform },
    ]);
    expect(await outboxMentioning("просит её номер телефона.", mark)).toEqual([]); // the first draft went nowhere
    expect((await outboxMentioning("пишет ей по вечерам", mark)).map((row) => row.urgent)).toEqual([true]);
    // Neither child hears of it.
    for (const child of [first, second]) expect(child.messages().some((m) => m.text.includes("по вечерам"))).toBe(false);

    // The report opens straight from the alert.
    await coordinator.user.press(ru("button-help-report-open"));
    const view = await coordinator.user.waitFor(ru("help-from-parent", { name: parentName, child: "Маша Соколова" }));
    expect(view.text).toContain(body);
  });

  it("bad input on every prompt: stickers, empty and 5,000-character texts, stale and forged buttons, text where a button is expected", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const child = stack.user(platform, nextId());
    await registerMentee(child, await menteeInvite(coordinator), menteeForm("Ваня Зайцев", 13));
    // Waiting for a parent's consent is no reason to wait for help. Ваня is 13: «ты».
    await child.send("/menu");
    const menu = await child.waitFor(ruChild("menu-title", { name: "Ваня Зайцев" }));
    expect(labels(menu)).toContain(ruChild("button-need-help"));
    await child.press(ruChild("button-need-help"));
    await child.waitFor(ruChild("need-help-intro-mentee"));
    const question = ruChild("need-help-question-mentee");
    const questionMessage = await child.waitFor(question);
    const cancelOnly = [ruChild("button-cancel")];
    expect(labels(questionMessage)).toEqual(cancelOnly);

    await child.sendSticker();
    await askedAgain(stack, child, ruChild("error-unsupported"), question, cancelOnly);
    await child.send("   ");
    await askedAgain(stack, child, ruChild("error-empty"), question, cancelOnly);
    await child.send(HUGE);
    await askedAgain(stack, child, ruChild("need-help-too-long", { max: 2000 }), question, cancelOnly);
    await child.pressPayload("drop table help_reports;"); // forged
    await refusedInToast(stack, child, ruChild("toast-button-unknown"));
    await child.pressPayload("0:p:x:y"); // a button of an older bot version
    await refusedInToast(stack, child, ruChild("toast-button-stale"));
    await child.pressPayload(payloadOfButton(menu, ruChild("button-profile"))); // a menu button while a question waits
    await askedAgain(stack, child, ruChild("flow-in-progress"), question, cancelOnly);

    const body = "x".repeat(2000);
    await child.send(body);
    const preview = ruChild("need-help-preview-mentee", { text: body });
    const previewMessage = await child.waitFor(preview);
    const sendOrChange = [ruChild("button-send"), ruChild("button-need-help-change"), ruChild("button-cancel")];
    expect(labels(previewMessage)).toEqual(sendOrChange);
    await child.send("ну да");
    await askedAgain(stack, child, ruChild("error-use-buttons"), preview, sendOrChange);
    await child.sendSticker();
    await askedAgain(stack, child, ruChild("error-use-buttons"), preview, sendOrChange);
    await child.pressPayload(payloadOfButton(questionMessage, ruChild("button-cancel"))); // the earlier question's button
    await refusedInToast(stack, child, ruChild("toast-button-stale"));
    await child.pressPayload(`1:p:${tagOf(previewMessage)}:delete`); // the right question, a value it never offered
    await askedAgain(stack, child, ruChild("error-use-buttons"), preview, sendOrChange);
    await child.press(ruChild("button-cancel"));
    await child.waitFor(ruChild("flow-cancelled"));
    await stack.settle();
    expect(await reportsOf(coordinator.orgId)).toEqual([]);

    // Forged report buttons from a child: refused, and nothing about the organisation shown.
    await child.pressPayload("1:a:help-report:abc");
    await child.waitForToast(ruChild("toast-button-unknown"));
    await child.pressPayload(`1:a:help-reports:${coordinator.orgId}.0`);
    await child.waitFor(ruChild("error-coordinators-only"));

    // After all that, the longest allowed report still goes through (typed label and number accepted).
    await child.press(ruChild("button-need-help"));
    await child.waitFor(question);
    await child.send(body);
    await child.waitFor(preview);
    await child.send("1");
    await child.waitFor(ruChild("need-help-sent-mentee"));
    await stack.settle();
    expect(await reportsOf(coordinator.orgId)).toMatchObject([{ reporter_role: "mentee", body, platform }]);
    await coordinator.user.waitFor(alertFor(coordinator.orgName, fromMentee("Ваня Зайцев"), body));
  });

  it("only the organisation's own coordinators see reports: a mentee, a mentor and another organisation's coordinator are refused", async () => {
    const coordinator = await registerCoordinator(stack, platform, nextId());
    const stranger = await registerCoordinator(stack, other, nextId(), `Другая школа ${platform} ${nextId()}`);
    const mentee = stack.user(other, nextId());
    await registerMentee(mentee, await menteeInvite(coordinator), menteeForm("Оля Кравец", 18));
    await mentee.waitFor(ru("menu-title", { name: "Оля Кравец" }));
    const mentor = stack.user(platform, nextId());
    await registerMentor(
      mentor,
      { payload: await issueInvite(stack, coordinator.orgId, "mentor"), orgName: coordinator.orgName },
      mentorForm("Денис Олегович Рыбин", "teacher", 35),
    );
    expect(labels(await mentor.waitFor(ru("menu-title", { name: "Денис Олегович Рыбин" })))).not.toContain(ru("button-need-help"));
    const body = "Секретное обращение про нашу пару";
    await menteeReports(mentee, body);
    await stack.settle();
    await coordinator.user.waitFor(body);
    const [report] = await reportsOf(coordinator.orgId);
    const ref = `${coordinator.orgId}.${report!.id}`;

    // Participants who are not coordinators.
    for (const user of [mentee, mentor]) {
      await user.pressPayload("1:a:help-reports");
      await user.waitFor(ru("error-coordinators-only"));
      await user.pressPayload(`1:a:help-report:${ref}`);
      await user.waitFor(ru("error-coordinators-only"));
    }
    // A mentor has no help button (it is for mentees and parents), and pressing its payload says so.
    await mentor.pressPayload("1:a:need-help");
    await mentor.waitFor(ru("need-help-nothing"));

    // Another organisation's coordinator: an empty list, and the report neither by its organisation nor by their own.
    await stranger.user.press(ru("button-help-reports"));
    await stranger.user.waitFor(ru("help-reports-empty"));
    await stranger.user.pressPayload(`1:a:help-report:${ref}`);
    await stranger.user.waitFor(ru("error-coordinators-only"));
    await stranger.user.pressPayload(`1:a:help-reports:${coordinator.orgId}.0`);
    await stranger.user.waitFor(ru("error-coordinators-only"));
    await stranger.user.pressPayload(`1:a:help-report:${stranger.orgId}.${report!.id}`);
    await stranger.user.waitFor(ru("help-report-unknown"));
    await stack.settle();
    const leaked = [...mentee.messages(), ...mentor.messages(), ...stranger.user.messages()].filter(
      (m) => m.text.includes(body) && !m.text.includes(ru("need-help-preview-mentee", { text: body })),
    );
    expect(leaked).toEqual([]);
    expect((await reportsOf(coordinator.orgId))[0]!.seen_at).toBeNull();
    // Row-level security, whatever a query asks for: in the other organisation's scope the report does not exist.
    expect(
      await inOrganisation(stack.database.db, stranger.orgId, (repos) => repos.helpReports.get(coordinator.orgId, report!.id)),
    ).toBeUndefined();
    expect(
      await inOrganisation(stack.database.db, coordinator.orgId, (repos) => repos.helpReports.get(coordinator.orgId, report!.id)),
    ).toMatchObject({ body });

    // Many reports come a page at a time, newest first.
    const menteeRow = (await participantByName(stack, coordinator.orgId, "Оля Кравец"))!;
    for (let index = 1; index <= 6; index += 1) {
      await stack.app.repos.helpReports.create({
        orgId: coordinator.orgId,
        reporterPersonId: menteeRow.personId,
        reporterRole: "mentee",
        childParticipantId: null,
        body: `Обращение номер ${index}`,
        platform,
        at: new Date(stack.clock.now().getTime() + index * 60_000),
      });
    }
    await coordinator.user.press(ru("button-help-reports"));
    const firstPage = await coordinator.user.waitFor(
      ru("help-reports-title", { org: coordinator.orgName, total: 7, unseen: 7, page: 1, pages: 2 }),
    );
    // Four a page (with the filter and export row and the navigation row, VK's six rows).
    expect(firstPage.text.indexOf("Обращение номер 6")).toBeLessThan(firstPage.text.indexOf("Обращение номер 3"));
    expect(firstPage.text).not.toContain("Обращение номер 2");
    expect(firstPage.text).not.toContain(body);
    expect(labels(firstPage).slice(-2)).toEqual([ru("button-menu"), ru("button-next")]);
    await coordinator.user.press(ru("button-next"));
    const secondPage = await coordinator.user.waitFor(
      ru("help-reports-title", { org: coordinator.orgName, total: 7, unseen: 7, page: 2, pages: 2 }),
    );
    expect(secondPage.text).toContain("Обращение номер 2");
    expect(secondPage.text).toContain("Обращение номер 1");
    expect(secondPage.text).toContain(body);
    expect(labels(secondPage).slice(-2)).toEqual([ru("button-previous"), ru("button-menu")]);
    // A page past the end (a forged button) shows the last page.
    await coordinator.user.pressPayload(`1:a:help-reports:${coordinator.orgId}.99`);
    await stack.settle();
    const screen = coordinator.user.messages().findLast((message) => message.buttons.length > 0)!;
    expect(screen.text).toContain(ru("help-reports-title", { org: coordinator.orgName, total: 7, unseen: 7, page: 2, pages: 2 }));
  });

  it("a mentee of two schools picks the school first; only that school's coordinator is alerted", async () => {
    const first = await registerCoordinator(stack, other, nextId(), `Лицей ${platform} ${nextId()}`);
    const second = await registerCoordinator(stack, other, nextId(), `Колледж ${platform} ${nextId()}`);
    const mentee = stack.user(platform, nextId());
    await registerMentee(mentee, await menteeInvite(first), menteeForm("Артём Гусев", 18));
    await registerMentee(mentee, await menteeInvite(second), menteeForm("Артём Гусев", 18));
    await mentee.waitFor(ru("menu-title", { name: "Артём Гусев" }));
    await mentee.send("/menu");
    await mentee.waitFor(ru("menu-title", { name: "Артём Гусев" }));
    await mentee.press(ru("button-need-help"));
    await mentee.waitFor(ru("need-help-intro-mentee"));
    const which = await mentee.waitFor(ru("need-help-which-org"));
    expect(labels(which).sort()).toEqual([first.orgName, second.orgName, ru("button-cancel")].sort());
    await mentee.press(second.orgName);
    await mentee.waitFor(ru("need-help-question-mentee"));
    const body = "В колледже мне не дают заниматься проектом";
    await mentee.send(body);
    await mentee.waitFor(ru("need-help-preview-mentee", { text: body }));
    await mentee.press(ru("button-send"));
    await mentee.waitFor(ru("need-help-sent-mentee"));
    await stack.settle();
    await second.user.waitFor(alertFor(second.orgName, fromMentee("Артём Гусев"), body));
    expect(await reportsOf(second.orgId)).toMatchObject([{ body, reporter_role: "mentee" }]);
    expect(await reportsOf(first.orgId)).toEqual([]);
    expect(first.user.messages().some((m) => m.text.includes(body))).toBe(false);
  });
});
