/**
 * Parental consent end to end, on both messengers and across them: agree, decline, a link used
 * twice or opened by the child, a fresh link, the parent's list of consents and withdrawal with
 * erasure, and the waiting screen that keeps a child's profile to the coordinator until consent.
 */

import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { CONSENT_TEXT_VERSION } from "#root/domain/consent.ts";
import { msg } from "#root/i18n/translator.ts";
import { linkFor, payloadOf } from "../support/chat-user.ts";
import {
  type Coordinator,
  en,
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
} from "../support/journeys.ts";
import { useTestStack } from "../support/stack.ts";
import { profileTextsSet } from "../support/telegram.ts";

const stack = useTestStack();

const nextId = idSequence(20_000);

async function consentRows(participantId: number) {
  return stack.database.db
    .selectFrom("consents")
    .innerJoin("people", "people.id", "consents.giver_person_id")
    .select([
      "consents.id",
      "consents.giver",
      "consents.decision",
      "consents.platform",
      "consents.text_version",
      "consents.decided_at",
      "consents.withdrawn_at",
      "consents.review",
      "people.full_name as giverName",
    ])
    .where("consents.participant_id", "=", participantId)
    .orderBy("consents.id")
    .execute();
}

const menteeInvite = async (coordinator: Coordinator) => ({
  payload: await issueInvite(stack, coordinator.orgId, "mentee"),
  orgName: coordinator.orgName,
});

// A parent who opens a forwarded link on Telegram sees the bot's profile before anything else.
it("the bot's Telegram profile says what it is, who it is for and that children's data needs a parent's consent, in Russian and English", () => {
  const set = profileTextsSet(stack.telegramServer.server);
  expect(set).toEqual(
    expect.arrayContaining([
      { method: "setMyDescription", text: ru("bot-description") },
      { method: "setMyShortDescription", text: ru("bot-short-description") },
      { method: "setMyDescription", text: en("bot-description"), languageCode: "en" },
      { method: "setMyShortDescription", text: en("bot-short-description"), languageCode: "en" },
    ]),
  );
  // Telegram's limits: 512 and 120 characters (the emulator refuses longer texts, as Telegram does).
  expect(set.filter((entry) => entry.method === "setMyDescription").every((entry) => entry.text.length <= 512)).toBe(true);
  expect(set.filter((entry) => entry.method === "setMyShortDescription").every((entry) => entry.text.length <= 120)).toBe(true);
});

describe.each(["telegram", "vk", "max"] as const)("parental consent on %s", (platform) => {
  const other = otherPlatform(platform);

  it("the parent agrees: the child and the coordinator are told, and the record keeps who, which text, where and when", async () => {
    const coordinator = await registerCoordinator(stack, platform, nextId());
    const child = stack.user(platform, nextId());
    const { parentPayloads } = await registerMentee(child, await menteeInvite(coordinator), menteeForm("Саша Новикова", 12));
    const parent = stack.user(other, nextId());
    const before = stack.clock.now().getTime();
    await parentDecides(parent, parentPayloads![other], "Новикова Елена Павловна", "agree", {
      name: "Саша Новикова",
      age: 12,
      orgName: coordinator.orgName,
    });
    await stack.settle();
    const told = await child.waitFor(ru("consent-granted-child"));
    expect(labels(told)).toEqual([ru("button-menu")]);
    await coordinator.user.waitFor(ru("consent-granted-coordinator", { parent: "Новикова Елена Павловна", child: "Саша Новикова" }));

    const stored = await participantByName(stack, coordinator.orgId, "Саша Новикова");
    expect(stored?.status).toBe("active");
    const consents = await consentRows(stored!.participantId);
    expect(consents).toMatchObject([
      {
        giver: "parent",
        decision: "granted",
        platform: other,
        text_version: CONSENT_TEXT_VERSION,
        giverName: "Новикова Елена Павловна",
        withdrawn_at: null,
      },
    ]);
    expect(new Date(consents[0]!.decided_at).getTime()).toBeGreaterThanOrEqual(before - 1_000);
    // The parent is known to the programme as a parent of this organisation, nothing more.
    expect(await participantByName(stack, coordinator.orgId, "Новикова Елена Павловна", "parent")).toMatchObject({ status: "active" });

    // The child's next visit shows a full participant's menu, without the waiting note.
    await child.send("привет");
    const menu = await child.waitFor(ru("menu-title", { name: "Саша Новикова" }));
    expect(menu.text).not.toContain(ru("consent-waiting-short"));
    expect(labels(menu)).not.toContain(ru("button-new-consent-link"));
  });

  it("the parent declines; the same link cannot be used twice; a new link replaces the old one and the parent agrees after all", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const child = stack.user(platform, nextId());
    const { parentPayloads } = await registerMentee(child, await menteeInvite(coordinator), menteeForm("Федя Лебедев", 11));
    // This time the parent uses the child's messenger.
    const parent = stack.user(platform, nextId());
    await parentDecides(parent, parentPayloads![platform], "Лебедев Игорь Олегович", "decline", {
      name: "Федя Лебедев",
      age: 11,
      orgName: coordinator.orgName,
    });
    await stack.settle();
    await child.waitFor(ru("consent-declined-child"));
    await coordinator.user.waitFor(ru("consent-declined-coordinator", { parent: "Лебедев Игорь Олегович", child: "Федя Лебедев" }));
    const stored = await participantByName(stack, coordinator.orgId, "Федя Лебедев");
    expect(stored?.status).toBe("declined");
    expect(await consentRows(stored!.participantId)).toMatchObject([{ giver: "parent", decision: "declined", platform }]);

    // The link was for one answer: opening it again (here by someone else) is refused.
    const second = stack.user(other, nextId());
    await second.open(parentPayloads![other]);
    await second.waitFor(ru("invite-used_up"));
    await parent.open(parentPayloads![platform]);
    await parent.waitFor(ru("invite-used_up"));

    // The child asks for a new link twice: only the newest one works.
    await child.send("меню");
    const menu = await child.waitFor(ru("menu-title", { name: "Федя Лебедев" }));
    expect(menu.text).toContain(ru("status-declined"));
    await child.press(ru("button-new-consent-link"));
    const firstLink = payloadOf(linkFor(await child.waitFor(ru("consent-link-for-parent")), other));
    await child.waitFor(ru("consent-waiting"));
    await child.press(ru("button-new-consent-link"));
    const secondLink = payloadOf(linkFor(await child.waitFor(ru("consent-link-for-parent")), other));
    await child.waitFor(ru("consent-waiting"));
    expect(secondLink).not.toBe(firstLink);
    const late = stack.user(other, nextId());
    await late.open(firstLink);
    await late.waitFor(ru("invite-used_up"));

    // Someone else agrees after the father declined: the coordinator checks before it counts.
    await parentDecides(
      late,
      secondLink,
      "Лебедева Ольга Сергеевна",
      "agree",
      { name: "Федя Лебедев", age: 11, orgName: coordinator.orgName },
      "awaitsReview",
    );
    await stack.settle();
    const review = await coordinator.user.waitFor(
      ru("consent-review-coordinator", { child: "Федя Лебедев", previous: "Лебедев Игорь Олегович", parent: "Лебедева Ольга Сергеевна" }),
    );
    expect(labels(review)).toEqual([ru("button-consent-review-accept"), ru("button-consent-review-reject")]);
    expect((await participantByName(stack, coordinator.orgId, "Федя Лебедев"))?.status).toBe("declined");
    expect(child.messages().filter((m) => m.text === ru("consent-granted-child"))).toEqual([]);
    await coordinator.user.press(ru("button-consent-review-accept"));
    await coordinator.user.waitFor(ru("consent-review-accepted", { child: "Федя Лебедев" }));
    await stack.settle();
    await child.waitFor(ru("consent-granted-child"));
    await late.waitFor(ru("consent-review-accepted-parent", { child: "Федя Лебедев" }));
    expect((await participantByName(stack, coordinator.orgId, "Федя Лебедев"))?.status).toBe("active");
    expect(await consentRows(stored!.participantId)).toMatchObject([
      { decision: "declined", giverName: "Лебедев Игорь Олегович", review: null },
      { decision: "granted", giverName: "Лебедева Ольга Сергеевна", platform: other, review: "accepted" },
    ]);
  });

  it("nobody known to be under 18 and no mentee of the programme can answer a parent's link; the parent still can", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const child = stack.user(platform, nextId());
    const { parentPayloads } = await registerMentee(child, await menteeInvite(coordinator), menteeForm("Лёва Маслов", 11));
    const classmate = stack.user(platform, nextId());
    await registerMentee(classmate, await menteeInvite(coordinator), menteeForm("Гоша Ветров", 11));
    const collegeStudent = stack.user(platform, nextId());
    await registerMentee(collegeStudent, await menteeInvite(coordinator), menteeForm("Олег Старший", 18));
    await stack.settle();

    await classmate.open(parentPayloads![platform]);
    await classmate.waitFor(ru("consent-giver-minor"));
    await collegeStudent.open(parentPayloads![platform]);
    await collegeStudent.waitFor(ru("consent-giver-mentee"));
    await stack.settle();
    for (const [user, name] of [
      [classmate, "Гоша Ветров"],
      [collegeStudent, "Олег Старший"],
    ] as const) {
      expect(user.messages().some((m) => m.text.startsWith(ru("consent-parent-name")))).toBe(false);
      expect(await participantByName(stack, coordinator.orgId, name, "parent")).toBeUndefined();
    }
    expect((await participantByName(stack, coordinator.orgId, "Лёва Маслов"))?.status).toBe("awaiting_consent");

    // The link was not used up: the parent answers it.
    const parent = stack.user(other, nextId());
    await parentDecides(parent, parentPayloads![other], "Маслова Анна Петровна", "agree", {
      name: "Лёва Маслов",
      age: 11,
      orgName: coordinator.orgName,
    });
    await stack.settle();
    await child.waitFor(ru("consent-granted-child"));
    expect((await participantByName(stack, coordinator.orgId, "Лёва Маслов"))?.status).toBe("active");
  });

  it("a grant from a new account after a parent's decline waits for the coordinator, who rejects it; the parent who declined can still agree", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const child = stack.user(platform, nextId());
    const { parentPayloads } = await registerMentee(child, await menteeInvite(coordinator), menteeForm("Петя Хитров", 12));
    const father = stack.user(other, nextId());
    await parentDecides(father, parentPayloads![other], "Хитров Павел Андреевич", "decline", {
      name: "Петя Хитров",
      age: 12,
      orgName: coordinator.orgName,
    });
    await stack.settle();
    await child.waitFor(ru("consent-declined-child"));

    // The boy asks for a new link and opens it on an account of his own the bot does not know.
    await child.send("меню");
    await child.waitFor(ru("menu-title", { name: "Петя Хитров" }));
    await child.press(ru("button-new-consent-link"));
    const link = payloadOf(linkFor(await child.waitFor(ru("consent-link-for-parent")), other));
    const secondAccount = stack.user(other, nextId());
    await parentDecides(
      secondAccount,
      link,
      "Петя Хитров",
      "agree",
      { name: "Петя Хитров", age: 12, orgName: coordinator.orgName },
      "awaitsReview",
    );
    await stack.settle();
    const review = await coordinator.user.waitFor(
      ru("consent-review-coordinator", { child: "Петя Хитров", previous: "Хитров Павел Андреевич", parent: "Петя Хитров" }),
    );
    expect((await participantByName(stack, coordinator.orgId, "Петя Хитров"))?.status).toBe("declined");

    await coordinator.user.press(ru("button-consent-review-reject"));
    await coordinator.user.waitFor(ru("consent-review-rejected", { child: "Петя Хитров" }));
    await stack.settle();
    await secondAccount.waitFor(ru("consent-review-rejected-parent", { child: "Петя Хитров" }));
    expect((await participantByName(stack, coordinator.orgId, "Петя Хитров"))?.status).toBe("declined");
    expect(child.messages().some((m) => m.text === ru("consent-granted-child"))).toBe(false);
    // The notice's other button, pressed later: the decision stands.
    await coordinator.user.pressPayload(payloadOfButton(review, ru("button-consent-review-accept")));
    await coordinator.user.waitFor(ru("consent-review-gone"));
    expect((await participantByName(stack, coordinator.orgId, "Петя Хитров"))?.status).toBe("declined");
    // The rejected grant is nobody's consent in force (the giver's "My consents" list is empty).
    const giver = (await participantByName(stack, coordinator.orgId, "Петя Хитров", "parent"))!;
    expect(await stack.app.repos.consents.grantedBy(giver.personId)).toEqual([]);

    // The father changes his mind: his own agreement needs no review.
    await child.send("меню");
    await child.waitFor(ru("menu-title", { name: "Петя Хитров" }));
    await child.press(ru("button-new-consent-link"));
    const third = payloadOf(linkFor(await child.waitFor(ru("consent-link-for-parent")), other));
    await parentDecides(father, third, "Хитров Павел Андреевич", "agree", { name: "Петя Хитров", age: 12, orgName: coordinator.orgName });
    await stack.settle();
    await child.waitFor(ru("consent-granted-child"));
    expect((await participantByName(stack, coordinator.orgId, "Петя Хитров"))?.status).toBe("active");
  });

  it("a child who opens their own link is told to forward it to a parent, and the link still works", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const child = stack.user(platform, nextId());
    const { parentPayloads } = await registerMentee(child, await menteeInvite(coordinator), menteeForm("Юля Кузьмина", 14));
    await child.open(parentPayloads![platform]);
    await child.waitFor(ru("consent-link-is-for-parent"));
    expect(child.messages().some((m) => m.text.includes(ru("consent-parent-name")))).toBe(false);
    const parent = stack.user(other, nextId());
    await parentDecides(parent, parentPayloads![other], "Кузьмина Вера Андреевна", "agree", {
      name: "Юля Кузьмина",
      age: 14,
      orgName: coordinator.orgName,
    });
    await stack.settle();
    await child.waitFor(ru("consent-granted-child"));
  });

  it("the parent sees their consents and withdraws one: the child's data is erased, the child and the coordinator are told", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const child = stack.user(platform, nextId());
    const { parentPayloads } = await registerMentee(
      child,
      await menteeInvite(coordinator),
      menteeForm("Тимур Алиев", 13, { directions: ["civic"] }),
    );
    const stored = (await participantByName(stack, coordinator.orgId, "Тимур Алиев"))!;
    const parent = stack.user(other, nextId());
    await parentDecides(parent, parentPayloads![other], "Алиева Диана Руслановна", "agree", {
      name: "Тимур Алиев",
      age: 13,
      orgName: coordinator.orgName,
    });
    await stack.settle();
    await child.waitFor(ru("consent-granted-child"));

    // Late at night in Moscow is already the next day there: dates are shown in the organisation's zone.
    await sql`UPDATE consents SET decided_at = '2026-01-01T22:30:00Z' WHERE participant_id = ${stored.participantId}`.execute(
      stack.database.db,
    );
    await parent.press(ru("button-parent-consents"));
    const list = await parent.waitFor(ru("parent-consents-title"));
    expect(list.text).toContain(
      ru("parent-consents-line", {
        child: "Тимур Алиев",
        org: coordinator.orgName,
        // The bot's one way of writing a date (as in meetings and documents), not ISO.
        date: "02.01.2026",
        version: CONSENT_TEXT_VERSION,
        platform: msg(`platform-${other}`),
      }),
    );
    const question = await parent.waitFor(ru("parent-consents-question"));
    expect(labels(question)).toEqual([ru("button-withdraw-for", { child: "Тимур Алиев" }), ru("button-keep-all"), ru("button-cancel")]);
    await parent.press(ru("button-withdraw-for", { child: "Тимур Алиев" }));
    await parent.waitFor(ru("withdraw-confirm", { child: "Тимур Алиев" }));
    await parent.press(ru("button-withdraw-no"));
    const parentLine = (status: string) => ru("menu-membership", { role: ru("role-parent"), org: coordinator.orgName, status });
    const before = await parent.waitFor(ru("menu-title", { name: "Алиева Диана Руслановна" }));
    expect(before.text).toContain(parentLine(ru("status-parent-active")));
    expect(labels(before)).toContain(ru("button-need-help-parent"));
    expect((await participantByName(stack, coordinator.orgId, "Тимур Алиев"))?.status).toBe("active");

    await parent.press(ru("button-parent-consents"));
    await parent.waitFor(ru("parent-consents-question"));
    await parent.press(ru("button-withdraw-for", { child: "Тимур Алиев" }));
    await parent.waitFor(ru("withdraw-confirm", { child: "Тимур Алиев" }));
    await parent.press(ru("button-withdraw-yes"));
    await parent.waitFor(ru("withdrawn-parent"));
    await stack.settle();
    await child.waitFor(ru("withdrawn-child"));
    await coordinator.user.waitFor(ru("withdrawn-coordinator", { number: stored.participantId }));

    const person = await stack.database.db.selectFrom("people").selectAll().where("id", "=", stored.personId).executeTakeFirstOrThrow();
    expect(person).toMatchObject({ full_name: null, birth_year: null });
    expect(person.erased_at).not.toBeNull();
    const participant = await stack.database.db
      .selectFrom("participants")
      .select("status")
      .where("id", "=", stored.participantId)
      .executeTakeFirstOrThrow();
    expect(participant.status).toBe("withdrawn");
    const profile = await stack.database.db
      .selectFrom("mentee_profiles")
      .selectAll()
      .where("participant_id", "=", stored.participantId)
      .executeTakeFirstOrThrow();
    expect(profile).toMatchObject({ grade: null, directions: [], goals: null });
    const accounts = await stack.database.db
      .selectFrom("accounts")
      .select("person_id")
      .where("external_id", "=", String(child.userId))
      .where("platform", "=", platform)
      .execute();
    expect(accounts).toEqual([{ person_id: null }]);
    const consents = await consentRows(stored.participantId);
    expect(consents).toMatchObject([{ giver: "parent", decision: "granted", platform: other, text_version: CONSENT_TEXT_VERSION }]);
    expect(consents[0]!.withdrawn_at).not.toBeNull();
    // Nowhere in the organisation's base is the child's name left.
    const base = await stack.app.repos.people.base(coordinator.orgId, "mentee", { offset: 0, limit: 10 });
    expect(base.entries).toMatchObject([{ participantId: stored.participantId, fullName: null, status: "withdrawn", directions: [] }]);

    await child.send("привет");
    await child.waitFor(ru("menu-unregistered"));
    await parent.send("/menu");
    // Her only child's consent is withdrawn: the menu no longer says she takes part, nor offers to write about the child.
    const after = await parent.waitFor(ru("menu-title", { name: "Алиева Диана Руслановна" }));
    expect(after.text).toContain(parentLine(ru("status-parent-withdrawn")));
    expect(after.text).not.toContain(ru("status-active"));
    expect(after.text).not.toContain(ru("status-parent-active"));
    expect(labels(after)).not.toContain(ru("button-need-help-parent"));
    expect(await participantByName(stack, coordinator.orgId, "Алиева Диана Руслановна", "parent")).toMatchObject({ status: "withdrawn" });
    await parent.press(ru("button-parent-consents"));
    await parent.waitFor(ru("parent-consents-none"));
  });

  it("until a parent answers, the child sees a waiting screen and only the coordinator's base shows the profile", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const otherCoordinator = await registerCoordinator(stack, platform, nextId(), `Чужая школа ${platform}`);
    const child = stack.user(platform, nextId());
    await registerMentee(child, await menteeInvite(coordinator), menteeForm("Вика Орлова", 15, { goals: "Подготовиться к ОГЭ" }));
    await child.send("что дальше?");
    const waiting = await child.waitFor(ru("menu-title", { name: "Вика Орлова" }));
    expect(waiting.text).toContain(ru("consent-waiting-short"));
    expect(waiting.text).toContain(ru("status-awaiting_consent"));
    expect(labels(waiting)).toEqual([
      ru("button-new-consent-link"),
      ru("button-need-help"),
      ru("button-profile"),
      ru("button-language"),
      ru("button-help"),
    ]);

    // The coordinator's pending list has the child, with the status.
    await coordinator.user.press(ru("button-base-mentees"));
    const base = await coordinator.user.waitFor(ru("base-mentee-title", { org: coordinator.orgName, total: 1, page: 1, pages: 1 }));
    expect(base.text).toContain("Вика Орлова");
    expect(base.text).toContain(ru("status-awaiting_consent"));

    // Nobody else: not a mentor of the same programme, not another organisation's coordinator.
    const mentor = stack.user(other, nextId());
    await registerMentor(
      mentor,
      { payload: await issueInvite(stack, coordinator.orgId, "mentor"), orgName: coordinator.orgName },
      mentorForm("Олег Петрович Ким", "adult", 40),
    );
    await mentor.pressPayload("1:a:base:mentee.0");
    await mentor.waitFor(ru("error-coordinators-only"));
    await otherCoordinator.user.press(ru("button-base-mentees"));
    await otherCoordinator.user.waitFor(ru("base-mentee-empty"));
    await stack.settle();
    const mentions = await sql<{ count: string }>`SELECT count(*) AS count FROM outbox WHERE message::text LIKE '%Вика Орлова%'`.execute(
      stack.database.db,
    );
    expect(Number(mentions.rows[0]!.count)).toBe(0);
    const seen = [...mentor.messages(), ...otherCoordinator.user.messages()].filter((m) => m.text.includes("Вика"));
    expect(seen).toEqual([]);
  });

  it("a declined child is erased after 30 days and an unanswered one after 60, each told why; a declining parent hears no announcements", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const declined = stack.user(platform, nextId());
    const { parentPayloads: declinedLinks } = await registerMentee(
      declined,
      await menteeInvite(coordinator),
      menteeForm("Рита Отказова", 11),
    );
    const waiting = stack.user(platform, nextId());
    await registerMentee(waiting, await menteeInvite(coordinator), menteeForm("Гена Ждунов", 12));
    const taking = stack.user(platform, nextId());
    const { parentPayloads: takingLinks } = await registerMentee(taking, await menteeInvite(coordinator), menteeForm("Оля Участнова", 13));
    await parentDecides(stack.user(other, nextId()), declinedLinks![other], "Отказова Вера Павловна", "decline", {
      name: "Рита Отказова",
      age: 11,
      orgName: coordinator.orgName,
    });
    await parentDecides(stack.user(other, nextId()), takingLinks![other], "Участнова Анна Ивановна", "agree", {
      name: "Оля Участнова",
      age: 13,
      orgName: coordinator.orgName,
    });
    await stack.settle();
    const rita = (await participantByName(stack, coordinator.orgId, "Рита Отказова"))!;
    const gena = (await participantByName(stack, coordinator.orgId, "Гена Ждунов"))!;
    const olya = (await participantByName(stack, coordinator.orgId, "Оля Участнова"))!;

    // Only the parent whose consent stands hears announcements to parents.
    const agreeing = (await participantByName(stack, coordinator.orgId, "Участнова Анна Ивановна", "parent"))!;
    const declining = (await participantByName(stack, coordinator.orgId, "Отказова Вера Павловна", "parent"))!;
    expect(declining.status).toBe("declined");
    expect(await stack.app.repos.announcements.audience(coordinator.orgId, "parents")).toEqual([agreeing.personId]);

    const days = (count: number) => new Date(stack.clock.now().getTime() + count * 86_400_000);
    const personRow = (id: number) =>
      stack.database.db
        .selectFrom("people")
        .select(["full_name", "birth_year", "erased_at"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
    await stack.runJobs(days(31));
    await declined.waitFor(ru("retention-declined-erased", { days: 30 }));
    expect(await personRow(rita.personId)).toMatchObject({ full_name: null, birth_year: null, erased_at: expect.any(Date) });
    expect(await consentRows(rita.participantId)).toMatchObject([{ giver: "parent", decision: "declined" }]);
    expect(await personRow(gena.personId)).toMatchObject({ full_name: "Гена Ждунов", erased_at: null });

    await stack.runJobs(days(30));
    await waiting.waitFor(ru("retention-waiting-erased", { days: 60 }));
    expect(await personRow(gena.personId)).toMatchObject({ full_name: null, birth_year: null, erased_at: expect.any(Date) });
    expect(await personRow(olya.personId)).toMatchObject({ full_name: "Оля Участнова", erased_at: null });
    expect(taking.messages().some((m) => m.text.includes(ru("retention-waiting-erased", { days: 60 })))).toBe(false);
    // Once is enough: the next night's run tells nobody again.
    await stack.runJobs(days(1));
    for (const [user, notice] of [
      [declined, ru("retention-declined-erased", { days: 30 })],
      [waiting, ru("retention-waiting-erased", { days: 60 })],
    ] as const) {
      expect(user.messages().filter((m) => m.text === notice)).toHaveLength(1);
    }
  });
});
