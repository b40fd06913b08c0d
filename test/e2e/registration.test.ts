/**
 * Joining the programme end to end, on both messengers: coordinators through the admin invite and
 * through a colleague, mentees of every consent age, mentors, Back, Cancel and a declined own
 * consent; then the coordinator's bases of mentees and mentors, in pages, refused to anyone else.
 */
import { describe, expect, it } from "vitest";
import { CONSENT_TEXT_VERSION } from "#root/domain/consent.ts";
import type { Direction, MentorKind } from "#root/domain/programme.ts";
import { directionList } from "#root/flows/common/choices.ts";
import { msg } from "#root/i18n/translator.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { type ChatMessage, type ChatUser, linkFor, payloadOf } from "../support/chat-user.ts";
import {
  birthYearFor,
  expireToken,
  firstLine,
  idSequence,
  issueInvite,
  label,
  labels,
  menteeForm,
  mentorForm,
  otherPlatform,
  parentDecides,
  participantByName,
  participantsOf,
  payloadOfButton,
  registerCoordinator,
  registerMentee,
  registerMentor,
  ru,
  ruAged,
  ruChild,
} from "../support/journeys.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();

const nextId = idSequence(10_000);

/** The person behind a messenger account, or null when the account has none. */
async function personOfAccount(platform: Platform, userId: number): Promise<number | null | undefined> {
  const row = await stack.database.db
    .selectFrom("accounts")
    .select("person_id")
    .where("platform", "=", platform)
    .where("external_id", "=", String(userId))
    .executeTakeFirst();
  return row?.person_id;
}

async function consentsOf(participantId: number) {
  return stack.database.db
    .selectFrom("consents")
    .select(["giver", "decision", "platform", "text_version", "decided_at", "withdrawn_at"])
    .where("participant_id", "=", participantId)
    .orderBy("id")
    .execute();
}

/**
 * The rest of the mentor questionnaire after the age, with the form's usual answers, up to saving,
 * read as a mentor of this age (the one the bot keeps) reads it.
 */
async function pickDirectionsAndFinishMentor(user: ChatUser, name: string, kind: MentorKind, age: number): Promise<void> {
  const r = ruAged(age);
  await user.waitFor(r("register-mentor-directions"));
  await user.press(label(ru("direction-studies")));
  await user.waitFor(r("register-mentor-directions"));
  await user.press(ru("button-done"));
  await user.waitFor(r("register-mentor-offer"));
  await user.send("Помогу с математикой");
  await user.waitFor(r("register-mentor-capacity"));
  await user.press("1");
  await user.waitFor(r("register-mentor-availability"));
  await user.send("По средам");
  await user.waitFor(
    r("register-mentor-summary", {
      name,
      kind: msg(`mentor-kind-${kind}`),
      age,
      directions: directionList(["studies"]),
      offer: "Помогу с математикой",
      capacity: 1,
      availability: "По средам",
    }),
  );
  await user.press(ru("button-save"));
}

async function usesLeft(orgId: number, purpose: string): Promise<number[]> {
  const rows = await stack.database.db
    .selectFrom("invites")
    .select("uses_left")
    .where("org_id", "=", orgId)
    .where("purpose", "=", purpose)
    .execute();
  return rows.map((row) => row.uses_left);
}

describe.each(["telegram", "vk", "max"] as const)("registration on %s", (platform) => {
  const other = otherPlatform(platform);

  it("a coordinator joins through the admin invite; used, wrong, forged and expired payloads get a clear message", async () => {
    const coordinator = await registerCoordinator(stack, platform, nextId(), `Лицей ${platform}`);
    const stored = await participantsOf(stack, coordinator.orgId);
    expect(stored).toMatchObject([{ role: "coordinator", status: "active" }]);
    const person = await stack.app.repos.people.get(stored[0]!.person_id);
    expect(person).toMatchObject({ fullName: coordinator.name });

    // The admin invite is one-time: a second person who opens it is told it was used.
    const { payload: used } = await stack.createOrganisation("Школа для повтора");
    const first = stack.user(platform, nextId());
    await first.open(used);
    await first.waitFor(ru("register-coordinator-name"));
    await first.send("Пётр Ильич Орлов");
    await first.waitFor(ru("register-coordinator-done", { name: "Пётр Ильич Орлов", org: "Школа для повтора" }));
    const latecomer = stack.user(other, nextId());
    await latecomer.open(used);
    await latecomer.waitFor(ru("invite-used_up"));
    await latecomer.waitFor(ru("menu-unregistered"));

    const stranger = stack.user(platform, nextId());
    await stranger.open("AAAAAAAAAAAAAAAAAAAAAA"); // well formed, never issued
    await stranger.waitFor(ru("invite-unknown"));
    await stranger.open("x' OR '1'='1"); // forged
    await stranger.waitFor(ru("invite-unknown"));
    await stranger.open("A".repeat(64));
    await stranger.waitFor(ru("invite-unknown"));

    const { payload: expired } = await stack.createOrganisation("Школа с просроченной ссылкой");
    await expireToken(stack, expired);
    await stranger.open(expired);
    await stranger.waitFor(ru("invite-expired"));
    await stack.settle();
    expect(await personOfAccount(platform, stranger.userId)).toBeNull();
    expect(await personOfAccount(other, latecomer.userId)).toBeNull();
  });

  it("a coordinator revokes the open invitation links; the links of a coordinator who leaves end too", async () => {
    const coordinator = await registerCoordinator(stack, platform, nextId());
    await coordinator.user.press(ru("button-invite-links"));
    const mentees = await coordinator.user.waitFor(ru("invite-links-mentee", { org: coordinator.orgName }));
    const note = await coordinator.user.waitFor(ru("invite-links-note"));
    expect(labels(note)).toEqual([ru("button-invite-links-revoke"), ru("button-menu")]);
    await coordinator.user.press(ru("button-invite-links-revoke"));
    await coordinator.user.waitFor(ru("invite-links-revoke-confirm", { org: coordinator.orgName }));
    // Typing instead of pressing revokes nothing: the question is asked again.
    await coordinator.user.send("да, отзови");
    await coordinator.user.waitFor(`${ru("error-use-buttons")}\n\n${ru("invite-links-revoke-confirm", { org: coordinator.orgName })}`);
    const stillOpen = stack.user(other, nextId());
    await stillOpen.open(payloadOf(linkFor(mentees, other)));
    await stillOpen.waitFor(ruChild("register-mentee-name"));
    await coordinator.user.press(ru("button-invite-links-revoke-yes"));
    await coordinator.user.waitFor(ru("invite-links-revoked", { count: 2 }));
    const late = stack.user(other, nextId());
    await late.open(payloadOf(linkFor(mentees, other)));
    await late.waitFor(ru("invite-used_up"));
    // The note's button pressed again: nothing is left to revoke.
    await coordinator.user.pressPayload(payloadOfButton(note, ru("button-invite-links-revoke")));
    await coordinator.user.waitFor(ru("invite-links-revoke-confirm", { org: coordinator.orgName }));
    await coordinator.user.press(ru("button-invite-links-revoke-yes"));
    await coordinator.user.waitFor(ru("invite-links-revoked", { count: 0 }));

    // New links, then the coordinator deletes their data: what they handed out stops working.
    await coordinator.user.press(ru("button-invite-links"));
    const fresh = await coordinator.user.waitFor(ru("invite-links-mentee", { org: coordinator.orgName }));
    await coordinator.user.waitFor(ru("invite-links-note"));
    await coordinator.user.send("/delete_me");
    await coordinator.user.waitFor(ru("delete-confirm"));
    await coordinator.user.press(ru("button-delete-yes"));
    await coordinator.user.waitFor(ru("delete-done"));
    const later = stack.user(other, nextId());
    await later.open(payloadOf(linkFor(fresh, other)));
    await later.waitFor(ru("invite-used_up"));
  });

  it("the coordinator menu gives invite links for both messengers and adds a second coordinator", async () => {
    const coordinator = await registerCoordinator(stack, platform, nextId());
    await coordinator.user.press(ru("button-invite-links"));
    const mentees = await coordinator.user.waitFor(ru("invite-links-mentee", { org: coordinator.orgName }));
    const mentors = await coordinator.user.waitFor(ru("invite-links-mentor", { org: coordinator.orgName }));
    await coordinator.user.waitFor(ru("invite-links-note"));
    for (const message of [mentees, mentors]) {
      expect(linkFor(message, "telegram")).toMatch(/^https:\/\/t\.me\/\w+\?start=[\w-]{22}$/);
      expect(linkFor(message, "vk")).toMatch(/^https:\/\/vk\.me\/nastavnik_test\?ref=[\w-]{22}$/);
      expect(message.text).toContain(linkFor(message, "telegram"));
      expect(message.text).toContain(linkFor(message, "vk"));
    }
    // Each link leads where it says.
    const student = stack.user(other, nextId());
    await student.open(payloadOf(linkFor(mentees, other)));
    await student.waitFor(ruChild("register-mentee-welcome", { org: coordinator.orgName }));
    const teacher = stack.user(platform, nextId());
    await teacher.open(payloadOf(linkFor(mentors, platform)));
    await teacher.waitFor(ru("register-mentor-welcome", { org: coordinator.orgName }));

    await coordinator.user.press(ru("button-menu"));
    await coordinator.user.waitFor(ru("menu-title", { name: coordinator.name }));
    await coordinator.user.press(ru("button-invite-coordinator"));
    const invitation = await coordinator.user.waitFor(ru("invite-links-coordinator", { org: coordinator.orgName }));
    const colleague = stack.user(other, nextId());
    await colleague.open(payloadOf(linkFor(invitation, other)));
    await colleague.waitFor(ru("register-coordinator-welcome", { org: coordinator.orgName }));
    await colleague.send("Борис Николаевич Кузнецов");
    await colleague.waitFor(ru("register-coordinator-done", { name: "Борис Николаевич Кузнецов", org: coordinator.orgName }));
    const menu = await colleague.waitFor(ru("menu-title", { name: "Борис Николаевич Кузнецов" }));
    expect(labels(menu)).toEqual(expect.arrayContaining([ru("button-invite-links"), ru("button-base-mentees"), ru("button-base-mentors")]));
    expect((await participantsOf(stack, coordinator.orgId)).filter((p) => p.role === "coordinator" && p.status === "active")).toHaveLength(
      2,
    );

    // The colleague's link was for one person only.
    const third = stack.user(platform, nextId());
    await third.open(payloadOf(linkFor(invitation, platform)));
    await third.waitFor(ru("invite-used_up"));
  });

  it("a 10-year-old registers with the parent's consent only and waits; the parent agrees", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const invite = { payload: await issueInvite(stack, coordinator.orgId, "mentee"), orgName: coordinator.orgName };
    const child = stack.user(platform, nextId());
    const form = menteeForm("Петя Соколов", 10, { grade: "4В", directions: ["studies", "civic"], goals: "Научиться решать задачи" });
    const { parentPayloads, parentMessage } = await registerMentee(child, invite, form);
    expect(child.messages().some((m) => m.text.includes(firstLine(ru(`consent-text-${CONSENT_TEXT_VERSION}`))))).toBe(false);
    expect(parentMessage!.text).toContain(ruChild("consent-link-for-parent"));

    const stored = await participantByName(stack, coordinator.orgId, "Петя Соколов");
    expect(stored).toMatchObject({ status: "awaiting_consent", birthYear: birthYearFor(stack, 10) });
    expect(await stack.app.repos.people.menteeProfile(stored!.participantId)).toMatchObject({
      grade: "4В",
      directions: ["studies", "civic"],
      goals: "Научиться решать задачи",
    });
    expect(await consentsOf(stored!.participantId)).toEqual([]);

    const parent = stack.user(other, nextId());
    await parentDecides(parent, parentPayloads![other], "Соколова Анна Ивановна", "agree", {
      name: "Петя Соколов",
      age: 10,
      orgName: coordinator.orgName,
    });
    await stack.settle();
    await child.waitFor(ruChild("consent-granted-child"));
    expect(await participantByName(stack, coordinator.orgId, "Петя Соколов")).toMatchObject({ status: "active" });
    expect(await consentsOf(stored!.participantId)).toMatchObject([
      { giver: "parent", decision: "granted", platform: other, text_version: CONSENT_TEXT_VERSION },
    ]);
  });

  it("a 15-year-old gives their own consent, then waits for a parent", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const invite = { payload: await issueInvite(stack, coordinator.orgId, "mentee"), orgName: coordinator.orgName };
    const child = stack.user(platform, nextId());
    const { parentPayloads } = await registerMentee(child, invite, menteeForm("Маша Иванова", 15, { grade: "9б" }));
    expect(parentPayloads?.telegram).toMatch(/^[\w-]{22}$/);
    expect(parentPayloads?.vk).toBe(parentPayloads?.telegram);

    const stored = await participantByName(stack, coordinator.orgId, "Маша Иванова");
    expect(stored).toMatchObject({ status: "awaiting_consent", birthYear: birthYearFor(stack, 15) });
    expect((await stack.app.repos.people.menteeProfile(stored!.participantId))?.grade).toBe("9Б");
    const consents = await consentsOf(stored!.participantId);
    expect(consents).toMatchObject([
      { giver: "self", decision: "granted", platform, text_version: CONSENT_TEXT_VERSION, withdrawn_at: null },
    ]);
    expect(Math.abs(new Date(consents[0]!.decided_at).getTime() - stack.clock.now().getTime())).toBeLessThan(60_000);
  });

  it("18- and 19-year-olds consent themselves and take part at once", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const invite = { payload: await issueInvite(stack, coordinator.orgId, "mentee"), orgName: coordinator.orgName };
    for (const [name, age] of [
      ["Олег Смирнов", 18],
      ["Ирина Волкова", 19],
    ] as const) {
      const student = stack.user(platform, nextId());
      const registered = await registerMentee(student, invite, menteeForm(name, age, { directions: ["career"] }));
      expect(registered.parentPayloads).toBeUndefined();
      await student.waitFor(ru("menu-title", { name }));
      const stored = await participantByName(stack, coordinator.orgId, name);
      expect(stored).toMatchObject({ status: "active", birthYear: birthYearFor(stack, age) });
      expect(await consentsOf(stored!.participantId)).toMatchObject([{ giver: "self", decision: "granted", platform }]);
      expect(student.messages().some((m) => m.text.includes(ru("consent-link-for-parent")))).toBe(false);
    }
  });

  it("a teacher mentor takes part at once; a student mentor of 16 needs a parent", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const invite = { payload: await issueInvite(stack, coordinator.orgId, "mentor"), orgName: coordinator.orgName };
    const teacher = stack.user(platform, nextId());
    await registerMentor(teacher, invite, mentorForm("Елена Викторовна Орлова", "teacher", 45));
    await teacher.waitFor(ru("menu-title", { name: "Елена Викторовна Орлова" }));
    const storedTeacher = await participantByName(stack, coordinator.orgId, "Елена Викторовна Орлова", "mentor");
    expect(storedTeacher).toMatchObject({ status: "active", birthYear: birthYearFor(stack, 45) });
    expect(await stack.app.repos.people.mentorProfile(storedTeacher!.participantId)).toMatchObject({
      kind: "teacher",
      directions: ["studies", "career"],
      offer: "Подготовка к олимпиаде по физике",
      capacity: 3,
      availability: "Вторник и четверг после 16:00",
    });

    const older = stack.user(platform, nextId());
    const { parentPayloads } = await registerMentor(older, invite, mentorForm("Дима Козлов", "student", 16, { capacity: "1" }));
    const storedStudent = await participantByName(stack, coordinator.orgId, "Дима Козлов", "mentor");
    expect(storedStudent).toMatchObject({ status: "awaiting_consent" });
    expect(await consentsOf(storedStudent!.participantId)).toMatchObject([{ giver: "self", decision: "granted", platform }]);

    const parent = stack.user(other, nextId());
    await parentDecides(parent, parentPayloads![other], "Козлова Мария Петровна", "agree", {
      name: "Дима Козлов",
      age: 16,
      orgName: coordinator.orgName,
      role: "mentor",
    });
    await stack.settle();
    await older.waitFor(ruChild("consent-granted-mentor"));
    expect(await participantByName(stack, coordinator.orgId, "Дима Козлов", "mentor")).toMatchObject({ status: "active" });
  });

  it("a mentor and his parent read the mentor's consent, he is told he waits for approval, and his menu says so until approved", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const invite = { payload: await issueInvite(stack, coordinator.orgId, "mentor"), orgName: coordinator.orgName };
    const childsDocument = firstLine(ru(`consent-text-${CONSENT_TEXT_VERSION}`));
    const mentorsDocument = firstLine(ru(`consent-text-mentor-${CONSENT_TEXT_VERSION}`));

    // An adult mentor reads the mentor's document, not the one about a child's data.
    const adult = stack.user(platform, nextId());
    await registerMentor(adult, invite, mentorForm("Пётр Ильич Громов", "adult", 40));
    expect(adult.messages().some((m) => m.text.includes(mentorsDocument))).toBe(true);
    expect(adult.messages().some((m) => m.text.includes(childsDocument))).toBe(false);

    // A 17-year-old mentor: his own consent and his parent's are to the mentor's document too.
    const senior = stack.user(platform, nextId());
    const { parentPayloads } = await registerMentor(senior, invite, mentorForm("Гоша Старшеклассников", "student", 17));
    expect(senior.messages().some((m) => m.text.includes(childsDocument))).toBe(false);
    const parent = stack.user(other, nextId());
    await parentDecides(parent, parentPayloads![other], "Старшеклассникова Нина Петровна", "agree", {
      name: "Гоша Старшеклассников",
      age: 17,
      orgName: coordinator.orgName,
      role: "mentor",
    });
    expect(parent.messages().some((m) => m.text.includes(mentorsDocument))).toBe(true);
    expect(parent.messages().some((m) => m.text.includes(childsDocument))).toBe(false);
    await stack.settle();
    // Not "the coordinator will find you a mentor": he is the mentor, and waits for approval and mentees.
    await senior.waitFor(ruChild("consent-granted-mentor"));
    expect(senior.messages().some((m) => m.text === ruChild("consent-granted-child"))).toBe(false);

    // Consent alone does not make him take part: the menu says he waits for the coordinator.
    const stored = (await participantByName(stack, coordinator.orgId, "Гоша Старшеклассников", "mentor"))!;
    expect(stored.status).toBe("active");
    const line = (status: string) => ru("menu-membership", { role: ru("role-mentor"), org: coordinator.orgName, status });
    await senior.send("/menu");
    const waiting = await senior.waitFor(ru("menu-title", { name: "Гоша Старшеклассников" }));
    expect(waiting.text).toContain(line(ru("status-mentor-pending")));
    expect(waiting.text).not.toContain(ru("status-active"));
    await adult.send("/menu");
    expect((await adult.waitFor(ru("menu-title", { name: "Пётр Ильич Громов" }))).text).toContain(line(ru("status-mentor-pending")));

    await stack.app.repos.mentors.review(stored.participantId, {
      review: "approved",
      reason: null,
      by: (await participantByName(stack, coordinator.orgId, coordinator.name, "coordinator"))!.personId,
      at: stack.clock.now(),
    });
    await senior.send("/menu");
    const approved = await senior.waitFor(ru("menu-title", { name: "Гоша Старшеклассников" }));
    expect(approved.text).toContain(line(ru("status-active")));
  });

  it("a known age stays: a consented 15-year-old who registers as a mentor of 30 needs a parent, and the coordinator hears of it", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const teen = stack.user(platform, nextId());
    const { parentPayloads } = await registerMentee(
      teen,
      { payload: await issueInvite(stack, coordinator.orgId, "mentee"), orgName: coordinator.orgName },
      menteeForm("Лиза Быстрова", 15),
    );
    await parentDecides(stack.user(other, nextId()), parentPayloads![other], "Быстрова Ольга Ивановна", "agree", {
      name: "Лиза Быстрова",
      age: 15,
      orgName: coordinator.orgName,
    });
    await stack.settle();
    await teen.waitFor(ruChild("consent-granted-child"));

    // The bot knows she is 15: the mentor's questions speak to her as to a child from the first one.
    await teen.open(await issueInvite(stack, coordinator.orgId, "mentor"));
    await teen.waitFor(ruChild("register-mentor-welcome", { org: coordinator.orgName }));
    await teen.waitFor(ruChild("register-mentor-name"));
    await teen.send("Лиза Быстрова");
    await teen.waitFor(ruChild("register-mentor-kind"));
    await teen.press(ruChild("mentor-kind-student"));
    await teen.waitFor(ruChild("register-mentor-age"));
    await teen.send("30");
    await teen.waitFor(ruChild("register-age-kept-child", { age: 15 }));
    await pickDirectionsAndFinishMentor(teen, "Лиза Быстрова", "student", 15);
    // Asked as the 15-year-old she is: her own consent, then a parent's.
    await teen.waitFor(ruChild("consent-self-question-teen"));
    await teen.press(ruChild("button-consent-agree"));
    await teen.waitFor(ruChild("register-mentor-saved-needs-parent", { name: "Лиза Быстрова" }));
    await stack.settle();
    await coordinator.user.waitFor(
      ru("age-conflict-coordinator", { name: "Лиза Быстрова", role: msg("role-mentor"), typed: 30, known: 15 }),
    );
    expect(await participantByName(stack, coordinator.orgId, "Лиза Быстрова", "mentor")).toMatchObject({
      status: "awaiting_consent",
      birthYear: birthYearFor(stack, 15),
    });
    expect(await participantByName(stack, coordinator.orgId, "Лиза Быстрова")).toMatchObject({
      status: "active",
      birthYear: birthYearFor(stack, 15),
    });
  });

  it("a known 12-year-old cannot register as a mentor, whatever age is typed", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const child = stack.user(platform, nextId());
    await registerMentee(
      child,
      { payload: await issueInvite(stack, coordinator.orgId, "mentee"), orgName: coordinator.orgName },
      menteeForm("Тёма Юный", 12),
    );
    await child.open(await issueInvite(stack, coordinator.orgId, "mentor"));
    await child.waitFor(ruChild("register-mentor-too-young", { min: 14 }));
    await child.waitFor(ru("menu-title", { name: "Тёма Юный" }));
    // No mentor question, in either form (the «ты» name question is the one he answered as a mentee).
    for (const r of [ru, ruChild]) {
      expect(child.messages().some((m) => m.text.includes(r("register-mentor-welcome", { org: coordinator.orgName })))).toBe(false);
      expect(child.messages().some((m) => m.text.includes(r("register-mentor-kind")))).toBe(false);
    }
    expect(await participantByName(stack, coordinator.orgId, "Тёма Юный", "mentor")).toBeUndefined();
    expect(await participantByName(stack, coordinator.orgId, "Тёма Юный")).toMatchObject({ birthYear: birthYearFor(stack, 12) });
  });

  it("a class that does not fit the age is asked again", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const child = stack.user(platform, nextId());
    await child.open(await issueInvite(stack, coordinator.orgId, "mentee"));
    await child.waitFor(ruChild("register-mentee-name"));
    await child.send("Костя Путаник");
    await child.waitFor(ruChild("register-mentee-age"));
    await child.send("18");
    await child.waitFor(ru("register-mentee-grade"));
    await child.send("6Б");
    await child.waitFor(ru("error-grade-age", { age: 18, grade: "6Б" }));
    await child.send("11А");
    await child.waitFor(ru("register-mentee-directions"));
  });

  it("a class typed as people write it («6 б класс», «6б кл.», «6-Б», «6 б») is kept as 6Б", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const child = stack.user(platform, nextId());
    await child.open(await issueInvite(stack, coordinator.orgId, "mentee"));
    await child.waitFor(ruChild("register-mentee-name"));
    await child.send("Дима Шестаков");
    await child.waitFor(ruChild("register-mentee-age"));
    await child.send("12");
    const directionsPrompt = ruChild("register-mentee-directions");
    // Each form is taken; Back brings the class question again for the next one.
    for (const typed of ["6 б класс", "6б кл.", "6-Б"]) {
      await child.waitFor(ruChild("register-mentee-grade"));
      await child.send(typed);
      await child.waitFor(directionsPrompt);
      await child.press(ru("button-back"));
    }
    await child.waitFor(ruChild("register-mentee-grade"));
    await child.send("6 б");
    await child.waitFor(directionsPrompt);
    await child.press(label(ru("direction-studies")));
    await child.waitFor(directionsPrompt);
    await child.press(ru("button-done"));
    await child.waitFor(ruChild("register-mentee-goals"));
    await child.send("Подтянуть математику");
    await child.waitFor(
      ruChild("register-mentee-summary", {
        name: "Дима Шестаков",
        age: 12,
        grade: "6Б",
        directions: directionList(["studies"]),
        goals: "Подтянуть математику",
      }),
    );
    await child.press(ru("button-save"));
    await child.waitFor(ruChild("consent-waiting"));
    const stored = await participantByName(stack, coordinator.orgId, "Дима Шестаков");
    expect((await stack.app.repos.people.menteeProfile(stored!.participantId))?.grade).toBe("6Б");
  });

  it("Back returns to the step before with the answers kept, and they can be changed", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const child = stack.user(platform, nextId());
    await child.open(await issueInvite(stack, coordinator.orgId, "mentee"));
    const namePrompt = await child.waitFor(ruChild("register-mentee-name"));
    expect(labels(namePrompt)).toEqual([ru("button-cancel")]); // no Back on the first question
    await child.send("Лиза Морозова");
    await child.waitFor(ruChild("register-mentee-age"));
    await child.send("13");
    const gradePrompt = await child.waitFor(ruChild("register-mentee-grade"));
    expect(labels(gradePrompt)).toEqual([ru("button-back"), ru("button-cancel")]);
    await child.press(ru("button-back"));
    await child.waitFor(ruChild("register-mentee-age"));
    await child.send("12");
    await child.waitFor(ruChild("register-mentee-grade"));
    await child.send("7А");
    const directionsPrompt = ruChild("register-mentee-directions");
    await child.waitFor(directionsPrompt);
    await child.press(label(ru("direction-projects")));
    await child.waitFor(directionsPrompt);
    await child.press(ru("button-done"));
    await child.waitFor(ruChild("register-mentee-goals"));
    await child.press(ru("button-back"));
    // The directions come back with the earlier choice marked; one more is added.
    const again = await child.waitFor(directionsPrompt);
    expect(labels(again)).toContain(ru("choice-selected", { label: ru("direction-projects") }));
    expect(labels(again)).toContain(ru("choice-unselected", { label: ru("direction-career") }));
    await child.press(label(ru("direction-career")));
    await child.waitFor(directionsPrompt);
    await child.press(ru("button-done"));
    await child.waitFor(ruChild("register-mentee-goals"));
    await child.send("Выбрать кружок");
    await child.waitFor(
      ruChild("register-mentee-summary", {
        name: "Лиза Морозова",
        age: 12,
        grade: "7А",
        directions: directionList(["projects", "career"]),
        goals: "Выбрать кружок",
      }),
    );
    await child.press(ru("button-back"));
    await child.waitFor(ruChild("register-mentee-goals"));
    await child.send("Выбрать кружок робототехники");
    await child.waitFor(
      ruChild("register-mentee-summary", {
        name: "Лиза Морозова",
        age: 12,
        grade: "7А",
        directions: directionList(["projects", "career"]),
        goals: "Выбрать кружок робототехники",
      }),
    );
    await child.press(ru("button-save"));
    await child.waitFor(ruChild("consent-waiting"));

    const stored = await participantByName(stack, coordinator.orgId, "Лиза Морозова");
    expect(stored).toMatchObject({ status: "awaiting_consent", birthYear: birthYearFor(stack, 12) });
    expect(await stack.app.repos.people.menteeProfile(stored!.participantId)).toMatchObject({
      grade: "7А",
      directions: ["projects", "career"],
      goals: "Выбрать кружок робототехники",
    });
  });

  it("the Cancel button and /cancel stop a registration, and nothing is stored", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const payload = await issueInvite(stack, coordinator.orgId, "mentee");
    const child = stack.user(platform, nextId());
    await child.open(payload);
    await child.waitFor(ruChild("register-mentee-name"));
    await child.send("Ваня Белов");
    await child.waitFor(ruChild("register-mentee-age"));
    await child.send("12");
    await child.waitFor(ruChild("register-mentee-grade"));
    await child.press(ru("button-cancel"));
    await child.waitFor(ruChild("flow-cancelled"));
    await child.waitFor(ruChild("menu-unregistered"));

    await child.open(payload);
    await child.waitFor(ruChild("register-mentee-name"));
    await child.send("Ваня Белов");
    await child.waitFor(ruChild("register-mentee-age"));
    await child.send("/cancel");
    await child.waitFor(ruChild("flow-cancelled"));
    await child.waitFor(ruChild("menu-unregistered"));
    // Nothing left of the half-answered questions: the bot, which kept nothing, speaks as to anyone
    // it does not know, and the next answer starts nothing.
    await child.send("/cancel");
    await child.waitFor(ru("nothing-to-cancel"));
    await child.send("13");
    await child.waitFor(ru("menu-unregistered"));

    await stack.settle();
    expect(await participantsOf(stack, coordinator.orgId)).toHaveLength(1); // the coordinator
    expect(await personOfAccount(platform, child.userId)).toBeNull();
    expect(await usesLeft(coordinator.orgId, "mentee")).toEqual([500]);
  });

  it("a teenager who declines their own consent leaves nothing stored", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const invite = { payload: await issueInvite(stack, coordinator.orgId, "mentee"), orgName: coordinator.orgName };
    const child = stack.user(platform, nextId());
    await registerMentee(child, invite, menteeForm("Коля Зайцев", 16), "decline");
    await stack.settle();
    expect(await participantsOf(stack, coordinator.orgId)).toHaveLength(1);
    expect(await personOfAccount(platform, child.userId)).toBeNull();
    expect(await stack.database.db.selectFrom("people").select("id").where("full_name", "=", "Коля Зайцев").execute()).toEqual([]);
    expect(await usesLeft(coordinator.orgId, "mentee")).toEqual([500]);
  });

  it("an invite that expires while the form is filled in is refused at the end, nothing stored", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const payload = await issueInvite(stack, coordinator.orgId, "mentee");
    const student = stack.user(platform, nextId());
    await student.open(payload);
    await student.waitFor(ruChild("register-mentee-name"));
    await expireToken(stack, payload);
    await student.send("Гоша Попов");
    await student.waitFor(ruChild("register-mentee-age"));
    await student.send("11");
    await student.waitFor(ruChild("register-mentee-grade"));
    await student.send("5");
    await student.waitFor(ruChild("register-mentee-directions"));
    await student.send("1");
    await student.waitFor(ruChild("register-mentee-goals"));
    await student.send("Математика");
    await student.waitFor(
      ruChild("register-mentee-summary", {
        name: "Гоша Попов",
        age: 11,
        grade: "5",
        directions: directionList(["studies"]),
        goals: "Математика",
      }),
    );
    await student.press(ru("button-save"));
    await student.waitFor(ruChild("invite-expired"));
    expect(await participantsOf(stack, coordinator.orgId)).toHaveLength(1);
    expect(await personOfAccount(platform, student.userId)).toBeNull();
  });
});

/** Registers people straight through the repositories, as if each had gone through the chat. */
async function registerInBulk(orgId: number, role: "mentee" | "mentor", names: string[], platform: Platform): Promise<void> {
  const token = await issueInvite(stack, orgId, role);
  for (const name of names) {
    const userId = String(nextId());
    const account = await stack.app.repos.accounts.touch(
      {
        updateKey: `bulk:${userId}`,
        platform,
        chatId: userId,
        userId,
        sentAt: stack.clock.now().toISOString(),
        event: { kind: "text", text: "" },
      },
      stack.clock.now(),
    );
    const directions: Direction[] = ["studies"];
    const result = await stack.app.repos.people.register({
      accountId: account.id,
      locale: "ru",
      token,
      orgId,
      status: "active",
      registration:
        role === "mentee"
          ? { role, answers: { fullName: name, birthYear: birthYearFor(stack, 12), grade: "6А", directions, goals: "Учиться лучше" } }
          : {
              role,
              answers: {
                fullName: name,
                birthYear: birthYearFor(stack, 30),
                kind: "university_student",
                directions,
                offer: "Математика",
                capacity: 2,
                availability: "Вечером",
              },
            },
      now: stack.clock.now(),
    });
    expect(result.ok).toBe(true);
  }
}

/** The numbered lines of a base page ("3. Name, …"), without the title. */
const entries = (page: ChatMessage): string[] => page.text.split("\n").filter((line) => /^\d+\. /.test(line));

describe.each(["telegram", "vk", "max"] as const)("the coordinator's bases on %s", (platform) => {
  const other = otherPlatform(platform);
  const messenger = (p: Platform) => ({ telegram: "Telegram", vk: "VK", max: "MAX" })[p];

  it("shows 14 mentees in pages of ten with their consent status, forward and back", async () => {
    const coordinator = await registerCoordinator(stack, platform, nextId());
    const invite = { payload: await issueInvite(stack, coordinator.orgId, "mentee"), orgName: coordinator.orgName };
    await registerMentee(
      stack.user(other, nextId()),
      invite,
      menteeForm("Аня Васильева", 15, { grade: "9А", directions: ["projects", "civic"] }),
    );
    await registerMentee(
      stack.user(platform, nextId()),
      invite,
      menteeForm("Боря Григорьев", 18, { grade: "11Б", directions: ["career"] }),
    );
    await registerMentee(stack.user(platform, nextId()), invite, menteeForm("Вера Яковлева", 10));
    const bulk = Array.from({ length: 11 }, (_, index) => `Ученик ${String(index + 1).padStart(2, "0")}`);
    await registerInBulk(coordinator.orgId, "mentee", bulk, platform);

    await coordinator.user.press(ru("button-base-mentees"));
    const first = await coordinator.user.waitFor(ru("base-mentee-title", { org: coordinator.orgName, total: 14, page: 1, pages: 2 }));
    expect(entries(first)).toHaveLength(10);
    expect(first.text).toContain(
      ru("base-line-mentee", {
        number: 1,
        name: "Аня Васильева",
        age: 15,
        detail: "9А",
        status: msg("status-awaiting_consent"),
        directions: directionList(["projects", "civic"]),
        messengers: messenger(other),
      }),
    );
    expect(first.text).toContain(
      ru("base-line-mentee", {
        number: 2,
        name: "Боря Григорьев",
        age: 18,
        detail: "11Б",
        status: msg("status-active"),
        directions: directionList(["career"]),
        messengers: messenger(platform),
      }),
    );
    expect(labels(first)).toEqual([ru("button-next"), ru("button-parents-told-set"), ru("button-roster-import"), ru("button-menu")]);

    await coordinator.user.press(ru("button-next"));
    const second = await coordinator.user.waitFor(ru("base-mentee-title", { org: coordinator.orgName, total: 14, page: 2, pages: 2 }));
    expect(entries(second).map((line) => line.split(",")[0])).toEqual(["11. Ученик 08", "12. Ученик 09", "13. Ученик 10", "14. Ученик 11"]);
    expect(labels(second)).toEqual([ru("button-previous"), ru("button-parents-told-set"), ru("button-roster-import"), ru("button-menu")]);
    const everyone = [...entries(first), ...entries(second)].map((line) => line.replace(/^\d+\. /, "").split(",")[0]);
    expect(new Set(everyone)).toEqual(new Set(["Аня Васильева", "Боря Григорьев", "Вера Яковлева", ...bulk]));
    expect(entries(first).find((line) => line.startsWith("3. Вера Яковлева, 10"))).toContain(ru("status-awaiting_consent"));

    await coordinator.user.press(ru("button-previous"));
    const back = await coordinator.user.waitFor(ru("base-mentee-title", { org: coordinator.orgName, total: 14, page: 1, pages: 2 }));
    expect(entries(back)).toEqual(entries(first));
    await coordinator.user.press(ru("button-menu"));
    await coordinator.user.waitFor(ru("menu-title", { name: coordinator.name }));
  });

  it("shows the mentors with their kind and status; an empty base says so", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    await coordinator.user.press(ru("button-base-mentors"));
    const empty = await coordinator.user.waitFor(ru("base-mentor-empty"));
    expect(labels(empty)).toEqual([ru("button-invite-links")]);

    const invite = { payload: await issueInvite(stack, coordinator.orgId, "mentor"), orgName: coordinator.orgName };
    await registerMentor(stack.user(platform, nextId()), invite, mentorForm("Андрей Андреевич Зуев", "teacher", 50));
    await registerMentor(stack.user(platform, nextId()), invite, mentorForm("Вася Ершов", "student", 16));
    await registerInBulk(coordinator.orgId, "mentor", ["Студент Один"], other);
    await coordinator.user.send("/menu");
    await coordinator.user.waitFor(ru("menu-title", { name: coordinator.name }));
    await coordinator.user.press(ru("button-base-mentors"));
    const page = await coordinator.user.waitFor(ru("base-mentor-title", { org: coordinator.orgName, total: 3, page: 1, pages: 1 }));
    expect(page.text).toContain(
      ru("base-line-mentor", {
        number: 1,
        name: "Андрей Андреевич Зуев",
        age: 50,
        detail: msg("mentor-kind-teacher"),
        status: msg("status-active"),
        directions: directionList(["studies", "career"]),
        messengers: messenger(platform),
      }),
    );
    expect(page.text).toContain(`Вася Ершов, 16`);
    expect(page.text).toContain(`${ru("mentor-kind-student")} — ${ru("status-awaiting_consent")}`);
    expect(page.text).toContain(`Студент Один, 30`);
    expect(labels(page)).toEqual([ru("button-menu")]);
  });

  it("refuses forged coordinator buttons from a mentee and from a stranger", async () => {
    const coordinator = await registerCoordinator(stack, other, nextId());
    const mentee = stack.user(platform, nextId());
    await registerMentee(
      mentee,
      { payload: await issueInvite(stack, coordinator.orgId, "mentee"), orgName: coordinator.orgName },
      menteeForm("Гена Жуков", 18),
    );
    await mentee.waitFor(ru("menu-title", { name: "Гена Жуков" }));
    // A stranger who only said hello: a press needs a message of the bot to be on (MAX has no other).
    const stranger = stack.user(platform, nextId());
    await stranger.send("/start");
    await stranger.waitFor(ru("welcome-new"));
    for (const user of [mentee, stranger]) {
      for (const payload of ["1:a:base:mentee.0", "1:a:base:mentor.1", "1:a:invite-links", "1:a:invite-coordinator"]) {
        await user.pressPayload(payload);
        const refusal = await user.waitFor(ru("error-coordinators-only"));
        expect(refusal.text).not.toContain("Гена");
      }
    }
    await stack.settle();
    const invites = await stack.database.db.selectFrom("invites").select("purpose").where("org_id", "=", coordinator.orgId).execute();
    expect(invites.map((invite) => invite.purpose).sort()).toEqual(["coordinator", "mentee"]);
    expect(
      mentee.messages().some((m) => m.text.includes(ru("base-mentee-title", { org: coordinator.orgName, total: 1, page: 1, pages: 1 }))),
    ).toBe(false);
  });
});
