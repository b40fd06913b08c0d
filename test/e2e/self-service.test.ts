/**
 * What anyone can do about themselves, on both messengers: see and edit the profile, switch the
 * language, get help (and meet an unknown command), delete their data, and link their Telegram and
 * VK accounts with a one-time code, after which messages reach them on the messenger used last.
 */
import { describe, expect, it } from "vitest";
import { directionList } from "#root/flows/common/choices.ts";
import { msg } from "#root/i18n/translator.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { type ChatUser, linkFor, payloadOf } from "../support/chat-user.ts";
import {
  birthYearFor,
  en,
  expireToken,
  idSequence,
  issueInvite,
  label,
  labels,
  menteeForm,
  mentorForm,
  otherPlatform,
  parentDecides,
  participantByName,
  registerCoordinator,
  registerMentee,
  registerMentor,
  ru,
  ruChild,
} from "../support/journeys.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();

const nextId = idSequence(30_000);
const messengerName = (platform: string) => ({ telegram: "Telegram", vk: "VK", max: "MAX" })[platform];

describe.each(["telegram", "vk", "max"] as const)("profile, language, help and deletion on %s", (platform) => {
  const other = otherPlatform(platform);

  it("a mentee sees the profile and changes the name, class, interests and goals", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const student = stack.user(platform, nextId());
    const invite = { payload: await issueInvite(stack, coordinator.orgId, "mentee"), orgName: coordinator.orgName };
    await registerMentee(
      student,
      invite,
      menteeForm("Оля Белова", 18, { grade: "11А", directions: ["projects"], goals: "Проект по химии" }),
    );
    await student.waitFor(ru("menu-title", { name: "Оля Белова" }));

    await student.send("/profile");
    const shown = await student.waitFor(
      ru("profile-person", { name: "Оля Белова", age: 18, language: msg("language-ru"), messengers: messengerName(platform) }),
    );
    expect(shown.text).toContain(ru("profile-mentee", { grade: "11А", directions: directionList(["projects"]), goals: "Проект по химии" }));
    const fields = await student.waitFor(ru("profile-what-to-change"));
    expect(labels(fields)).toEqual(
      [
        "profile-field-name",
        "profile-field-grade",
        "profile-field-directions",
        "profile-field-goals",
        "profile-field-reminders",
        "button-delete-me",
        "button-done",
        "button-cancel",
      ].map((key) => ru(key)),
    );

    await student.press(ru("profile-field-name"));
    await student.waitFor(ru("register-mentee-name"));
    await student.send("Ольга Белова");
    await student.waitFor(ru("profile-saved"));
    await student.waitFor(
      ru("profile-person", { name: "Ольга Белова", age: 18, language: msg("language-ru"), messengers: messengerName(platform) }),
    );
    await student.waitFor(ru("profile-what-to-change"));

    await student.press(ru("profile-field-grade"));
    await student.waitFor(ru("register-mentee-grade"));
    await student.send("10 а");
    await student.waitFor(ru("profile-saved"));
    await student.waitFor(ru("profile-what-to-change"));

    await student.press(ru("profile-field-directions"));
    const directions = await student.waitFor(ru("register-mentee-directions"));
    expect(labels(directions)).toContain(ru("choice-selected", { label: ru("direction-projects") }));
    await student.press(label(ru("direction-projects")));
    await student.waitFor(ru("register-mentee-directions"));
    await student.press(label(ru("direction-studies")));
    await student.waitFor(ru("register-mentee-directions"));
    await student.press(ru("button-done"));
    await student.waitFor(ru("profile-saved"));
    await student.waitFor(ru("profile-what-to-change"));

    await student.press(ru("profile-field-goals"));
    await student.waitFor(ru("register-mentee-goals"));
    await student.send("Подготовиться к ЕГЭ по химии");
    await student.waitFor(ru("profile-saved"));
    const updated = await student.waitFor(
      ru("profile-mentee", { grade: "10А", directions: directionList(["studies"]), goals: "Подготовиться к ЕГЭ по химии" }),
    );
    expect(updated.text).toContain("Ольга Белова");
    await student.waitFor(ru("profile-what-to-change"));
    await student.press(ru("button-done"));
    await student.waitFor(ru("menu-title", { name: "Ольга Белова" }));

    const stored = await participantByName(stack, coordinator.orgId, "Ольга Белова");
    expect(await stack.app.repos.people.menteeProfile(stored!.participantId)).toMatchObject({
      fullName: "Ольга Белова",
      grade: "10А",
      directions: ["studies"],
      goals: "Подготовиться к ЕГЭ по химии",
    });
  });

  it("a mentor changes directions, what they offer, how many mentees and when they are free", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const mentor = stack.user(platform, nextId());
    const invite = { payload: await issueInvite(stack, coordinator.orgId, "mentor"), orgName: coordinator.orgName };
    await registerMentor(mentor, invite, mentorForm("Игорь Семёнович Лавров", "adult", 35));
    await mentor.waitFor(ru("menu-title", { name: "Игорь Семёнович Лавров" }));

    await mentor.press(ru("button-profile"));
    const shown = await mentor.waitFor(
      ru("profile-person", { name: "Игорь Семёнович Лавров", age: 35, language: msg("language-ru"), messengers: messengerName(platform) }),
    );
    expect(shown.text).toContain(
      ru("profile-mentor", {
        kind: msg("mentor-kind-adult"),
        directions: directionList(["studies", "career"]),
        offer: "Подготовка к олимпиаде по физике",
        capacity: 3,
        availability: "Вторник и четверг после 16:00",
      }),
    );
    const fields = await mentor.waitFor(ru("profile-what-to-change"));
    expect(labels(fields)).toEqual(
      [
        "profile-field-name",
        "profile-field-directions",
        "profile-field-offer",
        "profile-field-capacity",
        "profile-field-availability",
        "profile-field-reminders",
        "button-delete-me",
        "button-done",
        "button-cancel",
      ].map((key) => ru(key)),
    );
    await mentor.press(ru("profile-field-offer"));
    await mentor.waitFor(ru("register-mentor-offer"));
    await mentor.send("Проекты по робототехнике");
    await mentor.waitFor(ru("profile-saved"));
    await mentor.waitFor(ru("profile-what-to-change"));
    await mentor.press(ru("profile-field-capacity"));
    await mentor.waitFor(ru("register-mentor-capacity"));
    await mentor.send("11");
    await mentor.waitFor(ru("error-capacity", { max: 10 }));
    await mentor.send("5");
    await mentor.waitFor(ru("profile-saved"));
    await mentor.waitFor(ru("profile-what-to-change"));
    await mentor.press(ru("profile-field-availability"));
    await mentor.waitFor(ru("register-mentor-availability"));
    await mentor.send("Суббота утром");
    await mentor.waitFor(ru("profile-saved"));
    await mentor.waitFor(ru("profile-what-to-change"));
    await mentor.press(ru("profile-field-directions"));
    await mentor.waitFor(ru("register-mentee-directions"));
    await mentor.press(label(ru("direction-studies")));
    await mentor.waitFor(ru("register-mentee-directions"));
    await mentor.press(ru("button-done"));
    await mentor.waitFor(ru("profile-saved"));
    await mentor.waitFor(
      ru("profile-mentor", {
        kind: msg("mentor-kind-adult"),
        directions: directionList(["career"]),
        offer: "Проекты по робототехнике",
        capacity: 5,
        availability: "Суббота утром",
      }),
    );
    await mentor.waitFor(ru("profile-what-to-change"));
    await mentor.press(ru("button-cancel"));
    await mentor.waitFor(ru("flow-cancelled"));

    const stored = await participantByName(stack, coordinator.orgId, "Игорь Семёнович Лавров", "mentor");
    expect(await stack.app.repos.people.mentorProfile(stored!.participantId)).toMatchObject({
      kind: "adult",
      directions: ["career"],
      offer: "Проекты по робототехнике",
      capacity: 5,
      availability: "Суббота утром",
    });
  });

  it("switching to English: the next messages, notices included, come from en.ftl; and back to Russian", async () => {
    const coordinator = await registerCoordinator(stack, platform, nextId());
    await coordinator.user.press(ru("button-language"));
    const question = await coordinator.user.waitFor(ru("language-question"));
    expect(labels(question)).toEqual([ru("language-ru"), ru("language-en"), ru("button-cancel")]);
    await coordinator.user.press(en("language-en"));
    await coordinator.user.waitFor(en("language-saved"));
    const menu = await coordinator.user.waitFor(en("menu-title", { name: coordinator.name }));
    expect(labels(menu)).toContain(en("button-invite-links"));
    expect(labels(menu)).toContain(en("button-base-mentees"));
    const stored = await participantByName(stack, coordinator.orgId, coordinator.name, "coordinator");
    expect(stored?.locale).toBe("en");

    await coordinator.user.send("/help");
    const help = await coordinator.user.waitFor(en("help-text"));
    expect(help.text).toContain(en("help-coordinator"));
    await coordinator.user.send("/profile");
    await coordinator.user.waitFor(
      en("profile-person", { name: coordinator.name, age: "—", language: msg("language-en"), messengers: messengerName(platform) }),
    );
    await coordinator.user.waitFor(en("profile-what-to-change"));
    await coordinator.user.press(en("button-done"));
    await coordinator.user.waitFor(en("menu-title", { name: coordinator.name }));

    // A notice planned in Russian circumstances reaches the coordinator in English.
    const child = stack.user(other, nextId());
    const invite = { payload: await issueInvite(stack, coordinator.orgId, "mentee"), orgName: coordinator.orgName };
    const { parentPayloads } = await registerMentee(child, invite, menteeForm("Ваня Рыбаков", 12));
    await parentDecides(stack.user(other, nextId()), parentPayloads![other], "Рыбакова Анна Львовна", "agree", {
      name: "Ваня Рыбаков",
      age: 12,
      orgName: coordinator.orgName,
    });
    await stack.settle();
    await coordinator.user.waitFor(en("consent-granted-coordinator", { parent: "Рыбакова Анна Львовна", child: "Ваня Рыбаков" }));
    await child.waitFor(ru("consent-granted-child"));

    await coordinator.user.send("/language");
    await coordinator.user.waitFor(en("language-question"));
    await coordinator.user.press(ru("language-ru"));
    await coordinator.user.waitFor(ru("language-saved"));
    await coordinator.user.waitFor(ru("menu-title", { name: coordinator.name }));
    expect((await participantByName(stack, coordinator.orgId, coordinator.name, "coordinator"))?.locale).toBe("ru");
  });

  // VK sends the client's interface language with every message: the choice must outlive it.
  it("someone not registered yet can switch to English too, and it sticks", async () => {
    const visitor = stack.user(platform, nextId());
    await visitor.send("/start");
    await visitor.waitFor(ru("welcome-new"));
    await visitor.press(ru("button-language"));
    await visitor.waitFor(ru("language-question"));
    await visitor.press(en("language-en"));
    await visitor.waitFor(en("language-saved"));
    await visitor.waitFor(en("menu-unregistered"));
    await visitor.send("hello");
    await visitor.waitFor(en("menu-unregistered"), 1_500);
    await visitor.send("/help");
    await visitor.waitFor(en("help-text"));
  });

  it("/help, an unknown command, and commands in the middle of a question", async () => {
    const visitor = stack.user(platform, nextId());
    await visitor.send("/help");
    const help = await visitor.waitFor(ru("help-text"));
    expect(help.text).not.toContain(ru("help-coordinator"));
    expect(labels(help)).toEqual([ru("button-menu")]);
    await visitor.send("/dance");
    await visitor.waitFor(ru("error-unknown-command", { command: "dance" }));
    await visitor.waitFor(ru("menu-unregistered"));

    const coordinator = await registerCoordinator(stack, other, nextId());
    await visitor.open(await issueInvite(stack, coordinator.orgId, "mentee"));
    await visitor.waitFor(ruChild("register-mentee-name"));
    await visitor.send("/help");
    const inFlow = await visitor.waitFor(ruChild("help-in-flow"));
    expect(inFlow.text).toContain(ruChild("register-mentee-name"));
    expect(labels(inFlow)).toEqual([ruChild("button-cancel")]);
    await visitor.send("/dance");
    await visitor.waitFor(`${ruChild("error-unknown-command", { command: "dance" })}\n\n${ruChild("register-mentee-name")}`);
    await visitor.send("/profile");
    await visitor.waitFor(`${ruChild("flow-in-progress")}\n\n${ruChild("register-mentee-name")}`);
    // The question is still the one waiting.
    await visitor.send("Рома Фёдоров");
    await visitor.waitFor(ruChild("register-mentee-age"));
    await visitor.send("/cancel");
    await visitor.waitFor(ru("flow-cancelled"));
  });

  it("/delete_me asks first: No keeps everything, Yes erases the data and the coordinator is told", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const student = stack.user(platform, nextId());
    const invite = { payload: await issueInvite(stack, coordinator.orgId, "mentee"), orgName: coordinator.orgName };
    await registerMentee(student, invite, menteeForm("Лена Гусева", 19, { grade: "1 курс" }));
    await student.waitFor(ru("menu-title", { name: "Лена Гусева" }));
    const stored = (await participantByName(stack, coordinator.orgId, "Лена Гусева"))!;

    // From the profile's button first, and the answer is No.
    await student.press(ru("button-profile"));
    await student.waitFor(ru("profile-what-to-change"));
    await student.press(ru("button-delete-me"));
    const confirm = await student.waitFor(ru("delete-confirm"));
    expect(labels(confirm)).toEqual([ru("button-delete-yes"), ru("button-delete-no"), ru("button-cancel")]);
    await student.press(ru("button-delete-no"));
    await student.waitFor(ru("delete-kept"));
    await student.waitFor(ru("menu-title", { name: "Лена Гусева" }));
    expect(await participantByName(stack, coordinator.orgId, "Лена Гусева")).toMatchObject({
      status: "active",
      birthYear: birthYearFor(stack, 19),
    });

    await student.send("/delete_me");
    await student.waitFor(ru("delete-confirm"));
    await student.press(ru("button-delete-yes"));
    await student.waitFor(ru("delete-done"));
    await stack.settle();
    await coordinator.user.waitFor(ru("deleted-coordinator", { number: stored.participantId, role: msg("role-mentee") }));

    const person = await stack.database.db.selectFrom("people").selectAll().where("id", "=", stored.personId).executeTakeFirstOrThrow();
    expect(person).toMatchObject({ full_name: null, birth_year: null });
    expect(person.erased_at).not.toBeNull();
    const participant = await stack.database.db
      .selectFrom("participants")
      .select("status")
      .where("id", "=", stored.participantId)
      .executeTakeFirstOrThrow();
    expect(participant.status).toBe("left");
    const profile = await stack.database.db
      .selectFrom("mentee_profiles")
      .selectAll()
      .where("participant_id", "=", stored.participantId)
      .executeTakeFirstOrThrow();
    expect(profile).toMatchObject({ grade: null, directions: [], goals: null });
    const base = await stack.app.repos.people.base(coordinator.orgId, "mentee", { offset: 0, limit: 10 });
    expect(base.total).toBe(0);

    await student.send("привет");
    await student.waitFor(ru("menu-unregistered"));
    await student.send("/delete_me");
    await student.waitFor(ru("delete-nothing"));
  });
});

/** Asks for a code with /link and returns it with the message that carries it. */
async function askForCode(user: ChatUser, r = ru) {
  await user.send("/link");
  const message = await user.waitFor(r("link-code", { code: "" }).split("\n")[0]!.trim());
  const code = /\/link ([A-Z0-9]{8})/.exec(message.text)?.[1];
  if (!code) throw new Error(`No code in: ${message.text}`);
  return { code, message };
}

async function personOfAccount(platform: Platform, userId: number): Promise<number | null | undefined> {
  const row = await stack.database.db
    .selectFrom("accounts")
    .select("person_id")
    .where("platform", "=", platform)
    .where("external_id", "=", String(userId))
    .executeTakeFirst();
  return row?.person_id;
}

const received = (user: ChatUser, text: string): number => user.messages().filter((m) => m.text.includes(text)).length;

describe.each(["telegram", "vk", "max"] as const)("linking accounts, starting on %s", (platform) => {
  const other = otherPlatform(platform);

  it("joins the two accounts; the parent's answers reach the child on the messenger used last", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const invite = { payload: await issueInvite(stack, coordinator.orgId, "mentee"), orgName: coordinator.orgName };
    const here = stack.user(platform, nextId());
    const { parentPayloads } = await registerMentee(here, invite, menteeForm("Дина Котова", 12));
    const { code, message } = await askForCode(here, ruChild);
    // The link to open is for the other messenger only.
    expect(linkFor(message, other)).toBeTruthy();
    expect(() => linkFor(message, platform)).toThrow();
    expect(message.text).toContain(ruChild("link-code", { code }));

    const there = stack.user(other, nextId());
    await there.send(`/link ${code}`);
    await there.waitFor(ruChild("link-done"));
    const menu = await there.waitFor(ruChild("menu-title", { name: "Дина Котова" }));
    expect(labels(menu)).toContain(ruChild("button-new-consent-link"));
    const child = await participantByName(stack, coordinator.orgId, "Дина Котова");
    expect(await personOfAccount(platform, here.userId)).toBe(child!.personId);
    expect(await personOfAccount(other, there.userId)).toBe(child!.personId);
    await there.send("/profile");
    const profile = await there.waitFor(
      ruChild("profile-mentee", { grade: "6Б", directions: ruChild("direction-projects"), goals: "Хочу сделать проект по биологии" }),
    );
    expect(profile.text).toMatch(
      new RegExp(`${messengerName(platform)}, ${messengerName(other)}|${messengerName(other)}, ${messengerName(platform)}`),
    );
    await there.waitFor(ruChild("profile-what-to-change"));
    await there.press(ruChild("button-done"));
    await there.waitFor(ruChild("menu-title", { name: "Дина Котова" }));

    // Written last on the other messenger: the decline reaches the child there.
    const parent = stack.user(platform, nextId());
    await parentDecides(parent, parentPayloads![platform], "Котова Нина Юрьевна", "decline", {
      name: "Дина Котова",
      age: 12,
      orgName: coordinator.orgName,
    });
    await stack.settle();
    await there.waitFor(ruChild("consent-declined-child"));
    expect(received(here, ruChild("consent-declined-child"))).toBe(0);

    // Back on the first messenger, the child asks for a new link; the agreement reaches them here.
    await here.send("меню");
    await here.waitFor(ruChild("menu-title", { name: "Дина Котова" }));
    await here.press(ruChild("button-new-consent-link"));
    const newLink = payloadOf(linkFor(await here.waitFor(ruChild("consent-link-for-parent")), platform));
    await here.waitFor(ruChild("consent-waiting"));
    // The mother who declined changes her mind (someone else's agreement would wait for the coordinator).
    await parentDecides(parent, newLink, "Котова Нина Юрьевна", "agree", { name: "Дина Котова", age: 12, orgName: coordinator.orgName });
    await stack.settle();
    await here.waitFor(ruChild("consent-granted-child"));
    expect(received(there, ruChild("consent-granted-child"))).toBe(0);
  });

  it("refuses wrong, expired and used codes, a second registration, and /link before registering", async () => {
    const visitor = stack.user(platform, nextId());
    await visitor.send("/link");
    await visitor.waitFor(ru("link-register-first"));

    const coordinator = await registerCoordinator(stack, platform, nextId());
    const { code: expired } = await askForCode(coordinator.user);
    const there = stack.user(other, nextId());
    await there.send("/link ABC");
    await there.waitFor(ru("link-unknown"));
    await there.waitFor(ru("menu-unregistered"));
    await there.send("/link ZZZZZZZZ");
    await there.waitFor(ru("link-unknown"));
    await expireToken(stack, expired);
    await there.send(`/link ${expired.toLowerCase().slice(0, 4)}-${expired.toLowerCase().slice(4)}`); // typed loosely
    await there.waitFor(ru("link-expired"));
    expect(await personOfAccount(other, there.userId)).toBeNull();

    // The code's start link works like typing it; a code works once.
    const { code, message } = await askForCode(coordinator.user);
    await there.open(payloadOf(linkFor(message, other)));
    await there.waitFor(ru("link-done"));
    await there.waitFor(ru("menu-title", { name: coordinator.name }));
    const third = stack.user(other, nextId());
    await third.send(`/link ${code}`);
    await third.waitFor(ru("link-used_up"));
    expect(await personOfAccount(other, third.userId)).toBeNull();

    // Already joined.
    const { code: again } = await askForCode(coordinator.user);
    await there.send(`/link ${again}`);
    await there.waitFor(ru("link-same"));

    // An account with its own registration cannot be joined to another person.
    const otherOrg = await registerCoordinator(stack, other, nextId(), `Отдельная школа ${platform}`);
    const { code: conflicting } = await askForCode(coordinator.user);
    await otherOrg.user.send(`/link ${conflicting}`);
    await otherOrg.user.waitFor(ru("link-conflict"));
    const coordinatorPerson = await personOfAccount(platform, coordinator.user.userId);
    expect(await personOfAccount(other, otherOrg.user.userId)).not.toBe(coordinatorPerson);
  });
});
