import { describe, expect, it } from "vitest";
import type { Platform } from "#root/messaging/messenger.ts";
import { appToday, dayAhead, typedDate } from "../support/calendar.ts";
import type { ChatUser } from "../support/chat-user.ts";
import { expectUploadShownBefore, filesTo } from "../support/cycle-journey.ts";
import {
  EMOJI,
  idSequence,
  issueInvite,
  label,
  menteeForm,
  mentorForm,
  parentDecides,
  participantByName,
  registerCoordinator,
  registerMentee,
  registerMentor,
  ru,
  ruPlain,
} from "../support/journeys.ts";
import { useTestStack } from "../support/stack.ts";
import { readWorkbook, sheetRows } from "../support/workbook.ts";

describe.each(["vk", "telegram", "max"] as const)("the coordinator's programme (coordinator on %s)", (platform: Platform) => {
  const nextId = idSequence({ vk: 710_000, telegram: 720_000, max: 725_000 }[platform]);
  const stack = useTestStack();

  async function openProgramme(coordinator: ChatUser) {
    await coordinator.send("/menu");
    await coordinator.waitFor(ru("menu-title", { name: "Анна Петровна Смирнова" }));
    await coordinator.press(ru("button-programme"));
  }

  it("opens a cycle, reviews mentors, records a situation, matches, publishes and exports the order", async () => {
    const coordinator = await registerCoordinator(stack, platform, nextId(), `Гимназия ${platform}`);
    const { orgId, orgName, user: anna } = coordinator;
    const menteeInvite = { payload: await issueInvite(stack, orgId, "mentee"), orgName };
    const mentorInvite = { payload: await issueInvite(stack, orgId, "mentor"), orgName };

    // Two mentees: a 12-year-old (parent consents) and a 16-year-old; three mentors of different kinds.
    const masha = stack.user("telegram", nextId());
    const mashaRegistered = await registerMentee(
      masha,
      menteeInvite,
      menteeForm("Маша Иванова", 12, { directions: ["projects"], goals: "Проект по биологии" }),
    );
    const parent = stack.user("vk", nextId());
    await parentDecides(parent, mashaRegistered.parentPayloads!.vk, "Иванова Ольга Сергеевна", "agree", {
      name: "Маша Иванова",
      age: 12,
      orgName,
    });
    const petya = stack.user("vk", nextId());
    const petyaRegistered = await registerMentee(
      petya,
      menteeInvite,
      menteeForm("Петя Смирнов", 16, { directions: ["career"], goals: "Выбрать профессию инженера" }),
    );
    await parentDecides(stack.user("telegram", nextId()), petyaRegistered.parentPayloads!.telegram, "Смирнов Олег", "agree", {
      name: "Петя Смирнов",
      age: 16,
      orgName,
    });
    const teacher = stack.user("telegram", nextId());
    await registerMentor(
      teacher,
      mentorInvite,
      mentorForm("Ирина Павловна Козлова", "teacher", 45, { directions: ["studies", "projects"], offer: "Проекты по биологии и химии" }),
    );
    const engineer = stack.user("vk", nextId());
    await registerMentor(
      engineer,
      mentorInvite,
      mentorForm("Олег Инженеров", "adult", 38, { directions: ["career"], offer: "Расскажу о профессии инженера" }),
    );
    await stack.settle();

    // Stage 1: open a cycle.
    await openProgramme(anna);
    await anna.waitFor(ru("programme-no-cycle", { org: orgName }));
    await anna.press(ru("button-open-cycle"));
    await anna.waitFor(ru("cycle-name"));
    await anna.send("Наставничество 2026/27");
    await anna.waitFor(/С какого числа начинается цикл/);
    await anna.send(typedDate(dayAhead(stack, -1)));
    await anna.waitFor(ru("error-date-past"));
    await anna.send("31.02.2027");
    await anna.waitFor(ru("error-date-impossible"));
    const start = dayAhead(stack, 1);
    await anna.send(typedDate(start));
    await anna.waitFor(ru("cycle-end"));
    await anna.send(typedDate(start));
    await anna.waitFor(ru("error-cycle-end-before-start"));
    const end = dayAhead(stack, 180);
    await anna.send(typedDate(end));
    await anna.waitFor(ru("cycle-forms"));
    await anna.press(ru("button-done"));
    await anna.waitFor(ru("cycle-directions"));
    await anna.press(ru("button-done"));
    await anna.waitFor(ru("cycle-check-ins"));
    await anna.press(ru("cycle-check-ins-every", { days: 7 }));
    await anna.waitFor(/Проверьте:/);
    await anna.press(ru("button-save"));
    await anna.waitFor(ru("cycle-opened", { name: "Наставничество 2026/27" }));
    const cycle = await stack.app.repos.cycles.current(orgId);
    expect(cycle).toMatchObject({ name: "Наставничество 2026/27", startsOn: start, endsOn: end, stage: "matching" });
    expect(cycle!.forms).toHaveLength(4);

    // Stage 4: the adult needs the record check before approval; the teacher too.
    await openProgramme(anna);
    await anna.waitFor(/Цикл «Наставничество 2026\/27»/);
    await anna.press(ru("button-review-mentors"));
    await anna.waitFor(ru("review-pick"));
    await anna.press(/Олег Инженеров/);
    await anna.waitFor(/🧑‍🏫 Олег Инженеров/);
    await anna.waitFor(ru("review-what-next"));
    await anna.press(ru("button-approve"));
    await anna.waitFor(ru("review-needs-record-check"));
    await anna.waitFor(ru("review-what-next"));
    await anna.press(ru("button-record-check"));
    await anna.waitFor(ru("record-check-confirm", { name: "Олег Инженеров" }));
    await anna.press(ru("button-record-check-yes"));
    await anna.waitFor(ru("review-what-next"));
    await anna.press(ru("button-approve"));
    await anna.waitFor(ru("review-done-approved", { name: "Олег Инженеров" }));
    await anna.waitFor(ru("review-what-next"));
    await anna.press(ru("button-to-list"));
    await anna.waitFor(ru("review-pick"));
    await anna.press(/Ирина Павловна Козлова/);
    await anna.waitFor(ru("review-what-next"));
    await anna.press(ru("button-record-check"));
    await anna.waitFor(/Подтверждаете/);
    await anna.press(ru("button-record-check-yes"));
    await anna.waitFor(ru("review-what-next"));
    await anna.press(ru("button-approve"));
    await anna.waitFor(ru("review-done-approved", { name: "Ирина Павловна Козлова" }));
    await anna.waitFor(ru("review-what-next"));
    await anna.press(ru("button-training-done"));
    await anna.waitFor(ru("review-what-next"));
    await anna.press(ru("button-to-list"));
    await anna.waitFor(ru("review-pick"));
    await anna.press(ru("button-done"));
    await stack.settle();
    await engineer.waitFor(ru("review-approved-mentor", { org: orgName }));
    const engineerRow = await participantByName(stack, orgId, "Олег Инженеров", "mentor");
    const engineerCard = await stack.app.repos.mentors.card(orgId, engineerRow!.participantId);
    expect(engineerCard).toMatchObject({ review: "approved", trainedAt: null });
    expect(engineerCard!.recordCheckedAt).not.toBeNull();

    // A situation is recorded for coordinators only.
    await anna.waitFor(/Цикл «Наставничество/);
    await anna.press(ru("button-situations"));
    await anna.waitFor(ru("situations-pick"));
    await anna.press(/Маша Иванова/);
    await anna.waitFor(ru("situations-choose", { name: "Маша Иванова" }));
    await anna.press(label(ru("situation-struggling")));
    await anna.waitFor(ru("situations-choose", { name: "Маша Иванова" }));
    await anna.press(ru("button-done"));
    await anna.waitFor(/Сохранено: Маша Иванова — Трудности в учёбе/);
    const mashaRow = await participantByName(stack, orgId, "Маша Иванова");
    expect((await stack.app.repos.pairs.situations([mashaRow!.participantId])).get(mashaRow!.participantId)).toEqual(["struggling"]);
    expect(masha.messages().some((message) => message.text.includes(ru("situation-struggling")))).toBe(false);

    // Stage 5: match, publish; everybody is told.
    await openProgramme(anna);
    await anna.waitFor(/Цикл «Наставничество/);
    await anna.press(ru("button-match"));
    const draft = await anna.waitFor(/Черновик: пар и групп — 2/);
    expect(draft.text).toContain("Ирина Павловна Козлова — Маша Иванова");
    expect(draft.text).toContain("Олег Инженеров — Петя Смирнов");
    expect(draft.text).toContain(ru("match-why-directions", { directions: ru("direction-career") }));
    await anna.waitFor(ru("match-what-next"));
    await anna.press(ru("button-publish"));
    // «2 пары», not «2 пар» (a plural by the number).
    await anna.waitFor("Опубликовать 2 пары и группы?");
    await anna.press(ru("button-publish-yes"));
    await anna.waitFor(/Опубликовано пар и групп: 2/);
    await stack.settle();
    await masha.waitFor(/У тебя есть наставник: Ирина Павловна Козлова/);
    await petya.waitFor(/У тебя есть наставник: Олег Инженеров/);
    await teacher.waitFor(/у вас наставляемый — Маша Иванова \(6Б\)/);
    // The child's name declined after «у».
    await parent.waitFor(/у Маши Ивановой теперь есть наставник/);
    expect((await stack.app.repos.cycles.current(orgId))!.stage).toBe("working");

    // The order as XLSX (and CSV), on the messenger that can take files in tests (VK's double).
    await anna.press(ru("button-export"));
    await anna.waitFor(ru("export-what"));
    await anna.press(ru("export-order"));
    const ready = await anna.waitFor(/Приказ о закреплении наставнических пар и групп: 2 строки/);
    // While the workbook was made, the chat showed a file on its way.
    expectUploadShownBefore(anna, ready, "document");
    await anna.waitFor(ru("export-order-csv"));
    const files = filesTo(stack, anna);
    const order = files.find((file) => file.filename.endsWith(".xlsx"))!;
    const book = await readWorkbook(order.bytes);
    const cells = sheetRows(book.worksheets[0]!)
      .flat()
      .filter((value) => typeof value === "string");
    expect(cells).toEqual(
      expect.arrayContaining([ru("order-title"), "Ирина Павловна Козлова", "Маша Иванова", "Олег Инженеров", "Петя Смирнов"]),
    );
    // A document to sign carries plain words: the direction without the button's emoji («🧭 Выбор профессии»).
    expect(ru("direction-career")).toMatch(EMOJI);
    expect(cells).toContain(ruPlain("direction-career"));
    expect(cells.filter((cell) => EMOJI.test(cell))).toEqual([]);
    const csv = files.find((file) => file.filename.endsWith(".csv"))!;
    const csvText = new TextDecoder().decode(csv.bytes);
    expect(csvText).toContain("Олег Инженеров;");
    expect(csvText).toContain(`;${ruPlain("direction-career")};`);
    expect(csvText).not.toMatch(EMOJI);
  });

  it("opens a cycle from «сегодня» to «до конца мая» of next year; «вчера» is refused as a day gone by", async () => {
    const coordinator = await registerCoordinator(stack, platform, nextId(), `Школа слов ${platform}`);
    const { orgId, orgName, user: anna } = coordinator;
    await openProgramme(anna);
    await anna.waitFor(ru("programme-no-cycle", { org: orgName }));
    await anna.press(ru("button-open-cycle"));
    await anna.waitFor(ru("cycle-name"));
    await anna.send("Цикл со слов");
    const today = appToday(stack);
    await anna.waitFor(/С какого числа начинается цикл/);
    await anna.send("вчера");
    await anna.waitFor(ru("error-date-past"));
    await anna.send("сегодня");
    await anna.waitFor(ru("cycle-end"));
    await anna.send("когда-нибудь");
    await anna.waitFor(ru("error-deadline-format"));
    const nextYear = Number(today.slice(0, 4)) + 1;
    await anna.send(`до конца мая ${nextYear}`);
    await anna.waitFor(ru("cycle-forms"));
    await anna.press(ru("button-done"));
    await anna.waitFor(ru("cycle-directions"));
    await anna.press(ru("button-done"));
    await anna.waitFor(ru("cycle-check-ins"));
    await anna.press(ru("cycle-check-ins-every", { days: 14 }));
    await anna.waitFor(/Проверьте:/);
    await anna.press(ru("button-save"));
    await anna.waitFor(ru("cycle-opened", { name: "Цикл со слов" }));
    expect(await stack.app.repos.cycles.current(orgId)).toMatchObject({
      name: "Цикл со слов",
      startsOn: today,
      endsOn: `${nextYear}-05-31`,
      stage: "matching",
    });
  });

  it("keeps each organisation's coordinator inside their own organisation", async () => {
    const first = await registerCoordinator(stack, platform, nextId(), `Лицей А ${platform}`);
    const second = await registerCoordinator(stack, platform, nextId(), `Лицей Б ${platform}`);
    const invite = { payload: await issueInvite(stack, first.orgId, "mentee"), orgName: first.orgName };
    await registerMentee(stack.user("vk", nextId()), invite, menteeForm("Секретный Ученик", 18));
    await second.user.pressPayload("1:a:base:mentee.0");
    await second.user.waitFor(ru("base-mentee-empty"));
    await first.user.pressPayload("1:a:base:mentee.0");
    const base = await first.user.waitFor(/Наставляемые — Лицей А/);
    expect(base.text).toContain("Секретный Ученик");
    expect(second.user.messages().some((message) => message.text.includes("Секретный Ученик"))).toBe(false);
    // A forged action for coordinators, pressed by somebody who is not one.
    const stranger = stack.user(platform, nextId());
    await stranger.pressPayload("1:a:match");
    await stranger.waitFor(ru("error-coordinators-only"));
  });
});
