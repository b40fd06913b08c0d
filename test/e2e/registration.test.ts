import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../support/stack.ts";

describe("registration and consent, end to end", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("coordinator joins on Telegram, a 15-year-old mentee on VK, the parent consents on Telegram", async () => {
    const { payload } = await stack.createOrganisation("Школа № 5");
    const coordinator = stack.telegramUser(1001, "Анна");
    await coordinator.send(`/start ${payload}`);
    await coordinator.waitFor("куратором программы");
    await coordinator.waitFor("Как вас зовут?");
    await coordinator.send("Анна Петровна Смирнова");
    await coordinator.waitFor("вы куратор программы");
    await coordinator.waitFor("Меню");
    await coordinator.press(/Ссылки-приглашения/);
    const menteeInvite = await coordinator.waitFor("Ссылка для наставляемых");
    const vkLink = menteeInvite.buttons.flat().find((b) => b.url?.includes("vk.me"))!.url!;
    const menteePayload = new URL(vkLink).searchParams.get("ref")!;

    const mentee = stack.vkUser(5001);
    await mentee.open(menteePayload);
    await mentee.waitFor("Ответь на несколько вопросов");
    await mentee.waitFor("Как тебя зовут?");
    await mentee.send("Маша Иванова");
    await mentee.waitFor("Сколько тебе лет?");
    await mentee.send("15");
    await mentee.waitFor("В каком ты классе?");
    await mentee.send("9б");
    await mentee.waitFor("Что тебе интересно?");
    await mentee.press(/Проекты/);
    await mentee.waitFor("Что тебе интересно?");
    await mentee.press("Готово");
    await mentee.waitFor("С чем тебе хотелось бы помощи?");
    await mentee.send("Хочу сделать проект по биологии");
    await mentee.waitFor("Проверь, всё ли верно");
    await mentee.press(/сохранить/);
    await mentee.waitFor("Согласие на участие");
    await mentee.waitFor("Тебе уже 14");
    await mentee.press(/Согласен/);
    await mentee.waitFor("Остался один шаг");
    const forParent = await mentee.waitFor("Нужно ваше согласие");
    await mentee.waitFor("Ждём ответа родителя");
    const telegramLink = forParent.keyboard!.buttons.flat().find((b) => b.action.link?.includes("t.me"))!.action.link!;
    const consentPayload = new URL(telegramLink).searchParams.get("start")!;

    const stored = await stack.app.repos.people.base(1, "mentee", { offset: 0, limit: 10 });
    expect(stored.entries).toMatchObject([{ fullName: "Маша Иванова", status: "awaiting_consent", detail: "9Б", directions: ["projects"] }]);

    const parent = stack.telegramUser(2001, "Ольга");
    await parent.send(`/start ${consentPayload}`);
    await parent.waitFor("Маша Иванова, 15 лет");
    await parent.waitFor("Согласие на участие");
    await parent.waitFor("Как вас зовут?");
    await parent.send("Иванова Ольга Сергеевна");
    await parent.waitFor("Вы даёте согласие");
    await parent.press(/Согласен/);
    await parent.waitFor("Спасибо! Согласие записано");
    await stack.settle();
    await mentee.waitFor("Родитель дал согласие");
    await coordinator.waitFor("Иванова Ольга Сергеевна) дал согласие: Маша Иванова");

    const after = await stack.app.repos.people.base(1, "mentee", { offset: 0, limit: 10 });
    expect(after.entries[0]?.status).toBe("active");
    const consents = await stack.app.repos.consents.latest(after.entries[0]!.participantId);
    expect(consents.map((c) => [c.giver, c.decision, c.platform, c.textVersion])).toEqual([
      ["parent", "granted", "telegram", "2026-11"],
      ["self", "granted", "vk", "2026-11"],
    ]);
  });
});
