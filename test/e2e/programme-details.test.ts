/**
 * The coordinator's programme beyond the main happy path (programme.test.ts): announcements and
 * their delivery counts, mentor review details, organisation forms, the matching draft's tools
 * (pin, swap, remove, come back later), the hard rules seen from the chat, exports, bad input on
 * the new prompts and the programme screen's figures. Every journey runs on Telegram and on VK.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { Registration } from "#root/db/repositories/people.ts";
import { CHECKPOINT_PROMPTS } from "#root/dialog/replay-dialog.ts";
import { CONSENT_TEXT_VERSION } from "#root/domain/consent.ts";
import type { Direction, MentorKind, ParticipantStatus } from "#root/domain/programme.ts";
import { MAX_ANNOUNCEMENT } from "#root/flows/programme/announce.ts";
import { msg } from "#root/i18n/translator.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { appToday, dayAhead, eventually, typedDate } from "../support/calendar.ts";
import type { ChatMessage, ChatUser } from "../support/chat-user.ts";
import { filesTo } from "../support/cycle-journey.ts";
import {
  birthYearFor,
  type Coordinator,
  EMOJI,
  idSequence,
  issueInvite,
  label,
  labels,
  mentorForm,
  parentDecides,
  payloadOfButton,
  registerCoordinator,
  registerMentor,
  ru,
  ruChild,
  ruPlain,
} from "../support/journeys.ts";
import { useTestStack } from "../support/stack.ts";
import { readWorkbook, sheetRows } from "../support/workbook.ts";

const stack = useTestStack();

/** A day counted from today on the organisation's calendar, as people type it ("15.05.2027"). */
const typedDayAhead = (days: number) => typedDate(dayAhead(stack, days));

interface Seeded {
  participantId: number;
  personId: number;
  name: string;
  /** The person's chat: what the bot sends them arrives here. */
  user: ChatUser;
}

/** Registers a person straight through the repositories, as if they had gone through the chat. */
async function seed(
  platform: Platform,
  orgId: number,
  userId: number,
  registration: Registration,
  status: ParticipantStatus = "active",
): Promise<Seeded> {
  const user = stack.user(platform, userId);
  const account = await stack.app.repos.accounts.touch(
    {
      updateKey: `seed:${platform}:${userId}`,
      platform,
      chatId: user.chatId,
      userId: String(userId),
      sentAt: stack.clock.now().toISOString(),
      event: { kind: "text", text: "" },
    },
    stack.clock.now(),
  );
  const role = registration.role;
  const token = role === "mentee" || role === "mentor" ? await issueInvite(stack, orgId, role) : undefined;
  const result = await stack.app.repos.people.register({
    accountId: account.id,
    locale: "ru",
    token,
    orgId,
    status,
    registration,
    now: stack.clock.now(),
  });
  if (!result.ok) throw new Error(`seeding ${JSON.stringify(registration)} failed: ${result.reason}`);
  return {
    participantId: result.participantId,
    personId: result.personId,
    name: registration.answers.fullName,
    user,
  };
}

interface MenteeSeed {
  age: number;
  directions?: Direction[];
  goals?: string;
  grade?: string;
  status?: ParticipantStatus;
}

function seedMentee(platform: Platform, orgId: number, userId: number, name: string, options: MenteeSeed): Promise<Seeded> {
  return seed(
    platform,
    orgId,
    userId,
    {
      role: "mentee",
      answers: {
        fullName: name,
        birthYear: birthYearFor(stack, options.age),
        grade: options.grade ?? `${Math.max(options.age - 6, 1)}А`,
        directions: options.directions ?? ["projects"],
        goals: options.goals ?? "Хочу помощи с учёбой",
      },
    },
    options.status ?? "active",
  );
}

interface MentorSeed {
  kind: MentorKind;
  age: number;
  directions?: Direction[];
  offer?: string;
  capacity?: number;
  status?: ParticipantStatus;
  /** Approved by the coordinator (with the record check an adult needs). */
  approved?: boolean;
}

async function seedMentor(platform: Platform, orgId: number, userId: number, name: string, options: MentorSeed): Promise<Seeded> {
  const seeded = await seed(
    platform,
    orgId,
    userId,
    {
      role: "mentor",
      answers: {
        fullName: name,
        birthYear: birthYearFor(stack, options.age),
        kind: options.kind,
        directions: options.directions ?? ["studies"],
        offer: options.offer ?? "Помогу с учёбой",
        capacity: options.capacity ?? 1,
        availability: "По вторникам",
      },
    },
    options.status ?? "active",
  );
  if (options.approved) {
    if (options.kind !== "student")
      await stack.app.repos.mentors.confirmRecordCheck(seeded.participantId, seeded.personId, stack.clock.now());
    await stack.app.repos.mentors.review(seeded.participantId, {
      review: "approved",
      reason: null,
      by: seeded.personId,
      at: stack.clock.now(),
    });
  }
  return seeded;
}

/** A parent whose consent for `child` stands, as if they had answered the child's link. */
async function seedParent(platform: Platform, orgId: number, userId: number, name: string, child: Seeded): Promise<Seeded> {
  const parent = await seed(platform, orgId, userId, { role: "parent", answers: { fullName: name } });
  await stack.app.repos.consents.record({
    participantId: child.participantId,
    giver: "parent",
    giverPersonId: parent.personId,
    textVersion: CONSENT_TEXT_VERSION,
    decision: "granted",
    platform,
    decidedAt: stack.clock.now(),
  });
  return parent;
}

/** A menu action pressed as its button would be, once the bot has answered everything before. */
async function action(user: ChatUser, payload: string): Promise<void> {
  await stack.app.runtime.idle();
  await user.pressPayload(`1:a:${payload}`);
}

/** The programme screen, opened from the coordinator's menu. */
async function openProgramme(coordinator: Coordinator): Promise<ChatMessage> {
  await coordinator.user.send("/menu");
  await coordinator.user.waitFor(ru("menu-title", { name: coordinator.name }));
  await coordinator.user.press(ru("button-programme"));
  return coordinator.user.waitFor(/^📋/);
}

async function openCycle(orgId: number, name = "Цикл 2026/27") {
  const createdBy = (
    await stack.database.db
      .selectFrom("participants")
      .select("person_id")
      .where("org_id", "=", orgId)
      .where("role", "=", "coordinator")
      .executeTakeFirstOrThrow()
  ).person_id;
  const forms = await stack.app.repos.cycles.organisationForms(orgId);
  const cycle = await stack.app.repos.cycles.open({
    orgId,
    name,
    startsOn: dayAhead(stack, 1),
    endsOn: dayAhead(stack, 200),
    forms,
    directions: ["studies", "additional_education", "projects", "career", "civic"],
    createdBy,
  });
  return cycle!;
}

/** What the outbox holds for an announcement, counted the way a person would: sent, given up, still queued. */
async function outboxCounts(announcementId: number) {
  const rows = await stack.database.db
    .selectFrom("outbox")
    .select(["sent_at", "failed_at"])
    .where("announcement_id", "=", announcementId)
    .execute();
  return {
    delivered: rows.filter((row) => row.sent_at !== null).length,
    failed: rows.filter((row) => row.failed_at !== null).length,
    waiting: rows.filter((row) => row.sent_at === null && row.failed_at === null).length,
  };
}

/** The first sheet's rows as the text of their cells (an empty cell as ""). */
async function firstSheetTexts(bytes: Buffer): Promise<string[][]> {
  const book = await readWorkbook(bytes);
  return sheetRows(book.worksheets[0]!).map((row) => row.map((value) => (value === null ? "" : String(value))));
}

async function mentorId(orgId: number, fullName: string): Promise<number> {
  const row = await stack.database.db
    .selectFrom("participants")
    .innerJoin("people", "people.id", "participants.person_id")
    .select("participants.id")
    .where("participants.org_id", "=", orgId)
    .where("participants.role", "=", "mentor")
    .where("people.full_name", "=", fullName)
    .executeTakeFirstOrThrow();
  return row.id;
}

describe.each(["telegram", "vk", "max"] as const)("the coordinator's programme in detail on %s", (platform: Platform) => {
  const nextId = idSequence({ telegram: 730_000, vk: 740_000, max: 745_000 }[platform]);

  it("announces to mentees, mentors and parents: preview, edit, delivery and counts", async () => {
    const coordinator = await registerCoordinator(stack, platform, nextId(), `Школа объявлений ${platform}`);
    const { orgId, orgName, user: anna } = coordinator;
    const liza = await seedMentee(platform, orgId, nextId(), "Лиза Морозова", { age: 12 });
    const kolya = await seedMentee(platform, orgId, nextId(), "Коля Быстров", { age: 14 });
    const waiting = await seedMentee(platform, orgId, nextId(), "Ждан Ожидаев", { age: 11, status: "awaiting_consent" });
    // VK says so when a person forbade the community to write: the bot must count it, not crash.
    const closed = platform === "vk" ? await seedMentee(platform, orgId, nextId(), "Тимур Закрытый", { age: 13 }) : undefined;
    if (closed) stack.vkApi.block(closed.user.userId);
    const mentor = await seedMentor(platform, orgId, nextId(), "Ирина Павловна Козлова", { kind: "teacher", age: 45 });
    const parent = await seedParent(platform, orgId, nextId(), "Морозова Ольга", liza);
    const menteeCount = closed ? 3 : 2;

    const screen = await openProgramme(coordinator);
    expect(labels(screen)).toContain(ru("button-announce"));
    await anna.press(ru("button-announce"));
    await anna.waitFor(ru("announce-audience"));
    await anna.press(ru("audience-mentees"));
    await anna.waitFor(ru("announce-text", { max: MAX_ANNOUNCEMENT }));
    await anna.send("   ");
    await anna.waitFor(ru("error-empty"));
    await anna.send("Очень длинное объявление. ".repeat(200).slice(0, 5_000));
    await anna.waitFor(ru("error-too-long", { max: MAX_ANNOUNCEMENT }));
    await anna.send("Встреча в пятницу в 15:00");
    const preview = await anna.waitFor(ru("announce-preview", { count: menteeCount, audience: msg("audience-mentees") }));
    expect(preview.text).toContain(ru("announcement", { org: orgName, text: "Встреча в пятницу в 15:00" }));
    await anna.waitFor(ru("announce-confirm"));
    await anna.press(ru("button-edit-text"));
    await anna.waitFor(ru("announce-text", { max: MAX_ANNOUNCEMENT }));
    const text = "Встреча переносится на субботу, 11:00, актовый зал";
    await anna.send(text);
    const edited = await anna.waitFor(ru("announce-preview", { count: menteeCount, audience: msg("audience-mentees") }));
    expect(edited.text).toContain(text);
    expect(edited.text).not.toContain("пятницу");
    await anna.waitFor(ru("announce-confirm"));
    await anna.press(ru("button-send"));
    const queued = await anna.waitFor(ru("announce-queued", { count: menteeCount }));
    const announcementId = Number(payloadOfButton(queued, ru("button-announce-status")).split(":")[3]);
    expect(announcementId).toBeGreaterThan(0);
    await stack.settle();
    const delivered = ru("announcement", { org: orgName, text });
    await liza.user.waitFor(delivered);
    await kolya.user.waitFor(delivered);
    expect(waiting.user.messages().some((message) => message.text.includes(text))).toBe(false);
    expect(mentor.user.messages().some((message) => message.text.includes(text))).toBe(false);
    expect(parent.user.messages().some((message) => message.text.includes(text))).toBe(false);
    expect(
      await stack.database.db
        .selectFrom("announcements")
        .select(["audience", "body", "recipients"])
        .where("id", "=", announcementId)
        .executeTakeFirst(),
    ).toEqual({
      audience: "mentees",
      body: text,
      recipients: menteeCount,
    });

    // The counts the coordinator sees are those of the outbox; the closed chat ends up failed.
    const counts = await eventually(
      () => outboxCounts(announcementId),
      (value) => value.waiting === 0,
    );
    expect(counts).toEqual({ delivered: 2, failed: closed ? 1 : 0, waiting: 0 });
    if (closed) expect(stack.vkApi.sent(closed.user.userId)).toHaveLength(0);
    await anna.press(ru("button-announce-status"));
    await anna.waitFor(ru("announce-progress", { recipients: menteeCount, ...counts }));

    // Mentors, chosen by typing the answer's number; parents, by typing the label.
    await action(anna, "announce");
    await anna.waitFor(ru("announce-audience"));
    await anna.send("2");
    await anna.waitFor(ru("announce-text", { max: MAX_ANNOUNCEMENT }));
    await anna.send("Наставникам: обучение во вторник");
    await anna.waitFor(ru("announce-preview", { count: 1, audience: msg("audience-mentors") }));
    await anna.press(ru("button-send"));
    await anna.waitFor(ru("announce-queued", { count: 1 }));
    await stack.settle();
    await mentor.user.waitFor(ru("announcement", { org: orgName, text: "Наставникам: обучение во вторник" }));

    await action(anna, "announce");
    await anna.waitFor(ru("announce-audience"));
    await anna.send("всем родителям");
    await anna.waitFor(ru("announce-text", { max: MAX_ANNOUNCEMENT }));
    await anna.send("Родительское собрание в четверг");
    await anna.waitFor(ru("announce-preview", { count: 1, audience: msg("audience-parents") }));
    await anna.press(ru("button-send"));
    await anna.waitFor(ru("announce-queued", { count: 1 }));
    await stack.settle();
    await parent.user.waitFor(ru("announcement", { org: orgName, text: "Родительское собрание в четверг" }));
    expect(liza.user.messages().some((message) => message.text.includes("Родительское собрание"))).toBe(false);

    // An organisation with nobody in the audience: the preview says 0 and nothing is queued.
    const empty = await registerCoordinator(stack, platform, nextId(), `Пустая школа ${platform}`);
    await action(empty.user, "announce");
    await empty.user.waitFor(ru("announce-audience"));
    await empty.user.press(ru("audience-parents"));
    await empty.user.waitFor(ru("announce-text", { max: MAX_ANNOUNCEMENT }));
    await empty.user.send("Есть кто-нибудь?");
    await empty.user.waitFor(ru("announce-preview", { count: 0, audience: msg("audience-parents") }));
    await empty.user.press(ru("button-send"));
    const none = await empty.user.waitFor(ru("announce-queued", { count: 0 }));
    expect(await outboxCounts(Number(payloadOfButton(none, ru("button-announce-status")).split(":")[3]))).toEqual({
      delivered: 0,
      failed: 0,
      waiting: 0,
    });
    await empty.user.press(ru("button-announce-status"));
    await empty.user.waitFor(ru("announce-progress", { recipients: 0, delivered: 0, failed: 0, waiting: 0 }));
  });

  it("reviews mentors: a decline with its reason, a student approved without a record check, training marked and undone, no approval before consent", async () => {
    const coordinator = await registerCoordinator(stack, platform, nextId(), `Школа отбора ${platform}`);
    const { orgId, orgName, user: anna } = coordinator;
    const petr = await seedMentor(platform, orgId, nextId(), "Пётр Отказов", { kind: "adult", age: 40 });
    const waiting = await seedMentor(platform, orgId, nextId(), "Гоша Ждущий", { kind: "student", age: 15, status: "awaiting_consent" });
    // A 16-year-old mentor registers in the chat and a parent consents.
    const vasya = stack.user(platform, nextId());
    const invite = { payload: await issueInvite(stack, orgId, "mentor"), orgName };
    const registered = await registerMentor(vasya, invite, mentorForm("Вася Ершов", "student", 16, { directions: ["studies"] }));
    await parentDecides(stack.user(platform, nextId()), registered.parentPayloads![platform], "Ершова Ольга Ивановна", "agree", {
      name: "Вася Ершов",
      age: 16,
      orgName,
      role: "mentor",
    });
    await stack.settle();

    await openProgramme(coordinator);
    await anna.press(ru("button-review-mentors"));
    await anna.waitFor(ru("review-pick"));
    await anna.press(/Пётр Отказов/);
    await anna.waitFor(/🧑‍🏫 Пётр Отказов, 40/);
    await anna.waitFor(ru("review-what-next"));
    await anna.press(ru("button-decline"));
    await anna.waitFor(ru("review-decline-reason"));
    await anna.sendSticker();
    await anna.waitFor(ru("error-unsupported"));
    const reason = "Не принесли справку об отсутствии судимости";
    await anna.send(reason);
    await anna.waitFor(ru("review-done-declined", { name: "Пётр Отказов" }));
    const declinedCard = await anna.waitFor(/🧑‍🏫 Пётр Отказов/);
    expect(declinedCard.text).toContain(`${ru("review-declined")} (${reason})`);
    const next = await anna.waitFor(ru("review-what-next"));
    expect(labels(next)).not.toContain(ru("button-decline"));
    await anna.press(ru("button-to-list"));

    await anna.waitFor(ru("review-pick"));
    await anna.press(/Вася Ершов/);
    const studentCard = await anna.waitFor(/🧑‍🏫 Вася Ершов, 16/);
    expect(studentCard.text).toContain(ru("record-check-not-needed"));
    const studentActions = await anna.waitFor(ru("review-what-next"));
    expect(labels(studentActions)).not.toContain(ru("button-record-check"));
    await anna.press(ru("button-approve"));
    await anna.waitFor(ru("review-done-approved", { name: "Вася Ершов" }));
    const approvedCard = await anna.waitFor(/🧑‍🏫 Вася Ершов/);
    expect(approvedCard.text).toContain(`${ru("review-approved")} (—)`);
    await anna.waitFor(ru("review-what-next"));
    await anna.press(ru("button-training-done"));
    const trained = await anna.waitFor(/🧑‍🏫 Вася Ершов/);
    expect(trained.text).toContain(ru("training-done"));
    expect((await stack.app.repos.mentors.card(orgId, await mentorId(orgId, "Вася Ершов")))!.trainedAt).not.toBeNull();
    await anna.waitFor(ru("review-what-next"));
    await anna.press(ru("button-training-undo"));
    const untrained = await anna.waitFor(/🧑‍🏫 Вася Ершов/);
    expect(untrained.text).toContain(ru("training-missing"));
    await anna.waitFor(ru("review-what-next"));
    await anna.press(ru("button-to-list"));

    await anna.waitFor(ru("review-pick"));
    await anna.press(/Гоша Ждущий/);
    await anna.waitFor(ru("review-what-next"));
    await anna.press(ru("button-approve"));
    await anna.waitFor(ru("review-not-active"));
    await anna.waitFor(ru("review-what-next"));
    await anna.press(ru("button-to-list"));
    const list = await anna.waitFor(ru("review-pick"));
    expect(labels(list).find((text) => text.includes("Пётр Отказов"))).toMatch(/^⛔/);
    expect(labels(list).find((text) => text.includes("Гоша Ждущий"))).toMatch(/^⏳/);
    await anna.press(ru("button-done"));
    await anna.waitFor(/^📋/);

    await stack.settle();
    await petr.user.waitFor(ru("review-declined-mentor", { org: orgName, reason }));
    await vasya.waitFor(ruChild("review-approved-mentor", { org: orgName }));
    expect(waiting.user.messages()).toHaveLength(0);
    expect(await stack.app.repos.mentors.card(orgId, petr.participantId)).toMatchObject({
      review: "declined",
      reviewReason: reason,
      recordCheckedAt: null,
    });
    expect(await stack.app.repos.mentors.card(orgId, await mentorId(orgId, "Вася Ершов"))).toMatchObject({
      review: "approved",
      recordCheckedAt: null,
      trainedAt: null,
      status: "active",
    });
    expect(await stack.app.repos.mentors.card(orgId, waiting.participantId)).toMatchObject({
      review: "pending",
      status: "awaiting_consent",
    });
  });

  it("a long review sitting stays as cheap per press as its start: the flow's stored run stops growing once it starts a new one", async () => {
    const coordinator = await registerCoordinator(stack, platform, nextId(), `Школа долгого отбора ${platform}`);
    const { orgId, user: anna } = coordinator;
    await seedMentor(platform, orgId, nextId(), "Инна Долгова", { kind: "teacher", age: 35 });
    await stack.settle();
    const storedRun = async () => {
      const row = await stack.database.db
        .selectFrom("chat_states")
        .select(sql<number>`length(flow::text)`.as("size"))
        .where("platform", "=", platform)
        .where("chat_id", "=", anna.chatId)
        .executeTakeFirst();
      return row?.size ?? 0;
    };

    await openProgramme(coordinator);
    await anna.press(ru("button-review-mentors"));
    await anna.waitFor(ru("review-pick"));
    // Each lap asks two questions (the mentor, then what to do): 30 laps are 60 questions, past CHECKPOINT_PROMPTS.
    const sizes: number[] = [];
    for (let lap = 0; lap < 30; lap += 1) {
      await anna.press(/Инна Долгова/);
      await anna.waitFor(ru("review-what-next"));
      await anna.press(ru("button-to-list"));
      await anna.waitFor(ru("review-pick"));
      await stack.settle();
      sizes.push(await storedRun());
    }
    expect(sizes.length * 2).toBeGreaterThan(CHECKPOINT_PROMPTS);
    const atCheckpoint = Math.max(...sizes.slice(0, CHECKPOINT_PROMPTS / 2));
    // Without the new run the last laps would hold half as much again as the first twenty.
    expect(Math.max(...sizes.slice(CHECKPOINT_PROMPTS / 2))).toBeLessThanOrEqual(atCheckpoint);
    // It started again: ten laps into the new run it holds less than the first run did at its longest.
    expect(sizes.at(-1)!).toBeLessThan(atCheckpoint);
    await anna.press(ru("button-done"));
    await anna.waitFor(/^📋/);
  });

  it("switches a form off: a new cycle offers only the forms on, and matching never uses a form that is off", async () => {
    const coordinator = await registerCoordinator(stack, platform, nextId(), `Школа форм ${platform}`);
    const { orgId, user: anna } = coordinator;
    // The adult speaks to Маша's request word for word; the teacher does not, but the teacher's form stays on.
    await seedMentor(platform, orgId, nextId(), "Олег Формин", {
      kind: "adult",
      age: 35,
      directions: ["career"],
      offer: "Расскажу о профессии инженера",
      capacity: 3,
      approved: true,
    });
    const nina = await seedMentor(platform, orgId, nextId(), "Нина Учитель", {
      kind: "teacher",
      age: 50,
      directions: ["studies"],
      offer: "Математика",
      approved: true,
    });
    await seedMentee(platform, orgId, nextId(), "Маша Формина", {
      age: 12,
      directions: ["career"],
      goals: "Хочу стать инженером, расскажите о профессии",
    });

    const screen = await openProgramme(coordinator);
    expect(screen.text).toContain(
      ru("programme-forms", {
        forms: msg("list-4", {
          d0: msg("form-teacher_student"),
          d1: msg("form-student_student"),
          d2: msg("form-university_student_student"),
          d3: msg("form-adult_student"),
        }),
      }),
    );
    await anna.press(ru("button-org-forms"));
    await anna.waitFor(ru("org-forms-question"));
    await anna.press(label(ru("form-adult_student")));
    const toggled = await anna.waitFor(ru("org-forms-question"));
    expect(labels(toggled)).toContain(ru("choice-unselected", { label: msg("form-adult_student") }));
    await anna.press(ru("button-done"));
    const threeForms = msg("list-3", {
      d0: msg("form-teacher_student"),
      d1: msg("form-student_student"),
      d2: msg("form-university_student_student"),
    });
    await anna.waitFor(ru("org-forms-saved", { forms: threeForms }));
    expect(await stack.app.repos.cycles.organisationForms(orgId)).toEqual([
      "teacher_student",
      "student_student",
      "university_student_student",
    ]);

    await anna.press(ru("button-programme"));
    await anna.waitFor(ru("programme-no-cycle", { org: coordinator.orgName }));
    await anna.press(ru("button-open-cycle"));
    await anna.waitFor(ru("cycle-name"));
    await anna.send("Цикл без работодателей");
    await anna.waitFor(/С какого числа начинается цикл/);
    await anna.send(typedDayAhead(2));
    await anna.waitFor(ru("cycle-end"));
    await anna.send(typedDayAhead(150));
    const formsPrompt = await anna.waitFor(ru("cycle-forms"));
    const offered = labels(formsPrompt).filter((text) => text.startsWith("✅") || text.startsWith("▫️"));
    expect(offered).toEqual([
      ru("choice-selected", { label: msg("form-teacher_student") }),
      ru("choice-selected", { label: msg("form-student_student") }),
      ru("choice-selected", { label: msg("form-university_student_student") }),
    ]);
    await anna.press(ru("button-done"));
    await anna.waitFor(ru("cycle-directions"));
    await anna.press(ru("button-done"));
    await anna.waitFor(ru("cycle-check-ins"));
    await anna.press(ru("cycle-check-ins-every", { days: 7 }));
    await anna.waitFor(/Проверьте:/);
    await anna.press(ru("button-save"));
    await anna.waitFor(ru("cycle-opened", { name: "Цикл без работодателей" }));
    expect((await stack.app.repos.cycles.current(orgId))!.forms).toEqual([
      "teacher_student",
      "student_student",
      "university_student_student",
    ]);

    // Маша gets the teacher, never the adult whose form is off.
    await action(anna, "match");
    const draft = await anna.waitFor(/Черновик: пар и групп — 1/);
    expect(draft.text).toContain(
      ru("match-unit-pair", {
        mentor: "Нина Учитель",
        mentees: "Маша Формина",
        form: msg("form-teacher_student"),
        direction: msg("direction-studies"),
      }),
    );
    expect(draft.text).not.toContain("Олег Формин — Маша");
    await anna.waitFor(ru("match-what-next"));
    await anna.press(ru("button-later"));
    await anna.waitFor(ru("match-kept-draft"));
    const draftMentors = () => stack.database.db.selectFrom("pairs").select("mentor_participant_id").where("org_id", "=", orgId).execute();
    expect(await draftMentors()).toEqual([{ mentor_participant_id: nina.participantId }]);

    // With the teachers' form off as well, nobody is left whose form is used.
    await action(anna, "org-forms");
    await anna.waitFor(ru("org-forms-question"));
    // Typed numbers pick exactly those forms.
    await anna.send("2 3");
    await anna.waitFor(
      ru("org-forms-saved", { forms: msg("list-2", { d0: msg("form-student_student"), d1: msg("form-university_student_student") }) }),
    );
    await action(anna, "match");
    const none = await anna.waitFor(/Черновик: пар и групп — 0/);
    expect(none.text).toContain(ru("match-unmatched-line", { name: "Маша Формина", reason: msg("unmatched-form_not_allowed") }));
    await anna.waitFor(ru("match-what-next"));
    await anna.press(ru("button-later"));
    await anna.waitFor(ru("match-kept-draft"));
    expect(await draftMentors()).toEqual([]);
    expect(none.text).toContain(ru("match-free-mentors", { list: "Олег Формин (3), Нина Учитель (1)" }));
  });

  it("adjusts the draft: a group, a pin by hand, a swap, a removal, and coming back later", async () => {
    const coordinator = await registerCoordinator(stack, platform, nextId(), `Школа подбора ${platform}`);
    const { orgId, user: anna } = coordinator;
    await seedMentor(platform, orgId, nextId(), "Ирина Учитель", {
      kind: "teacher",
      age: 40,
      directions: ["projects"],
      offer: "Проекты по биологии и робототехнике",
      capacity: 2,
      approved: true,
    });
    await seedMentor(platform, orgId, nextId(), "Павел Студент", {
      kind: "university_student",
      age: 20,
      directions: ["career"],
      offer: "Помогу выбрать профессию программиста",
      approved: true,
    });
    await seedMentee(platform, orgId, nextId(), "Аня Белова", { age: 12, directions: ["projects"], goals: "Проект по биологии" });
    await seedMentee(platform, orgId, nextId(), "Боря Серов", { age: 13, directions: ["projects"], goals: "Проект по робототехнике" });
    await seedMentee(platform, orgId, nextId(), "Вова Котов", { age: 16, directions: ["career"], goals: "Хочу в большой спорт" });
    await seedMentee(platform, orgId, nextId(), "Гена Орлов", { age: 15, directions: ["career"], goals: "Хочу выбрать профессию" });
    const cycle = await openCycle(orgId);
    const pair = (mentor: string, mentees: string, form: "teacher_student" | "university_student_student", direction: Direction) =>
      ru("match-unit-pair", { mentor, mentees, form: msg(`form-${form}`), direction: msg(`direction-${direction}`) });
    const group = (mentor: string, mentees: string) =>
      ru("match-unit-group", { mentor, mentees, form: msg("form-teacher_student"), direction: msg("direction-projects") });
    const pinned = (mentee: string) => ru("match-member-why", { mentee, why: msg("match-why-pinned") });
    const unmatched = (name: string) => ru("match-unmatched-line", { name, reason: msg("unmatched-mentors_full") });

    await openProgramme(coordinator);
    await anna.press(ru("button-match"));
    const first = await anna.waitFor(ru("match-draft-title", { units: 2, paired: 3 }));
    expect(first.text).toContain(group("Ирина Учитель", "Аня Белова, Боря Серов"));
    expect(first.text).toContain(pair("Павел Студент", "Гена Орлов", "university_student_student", "career"));
    expect(first.text).toContain(ru("match-unmatched-title", { count: 1 }));
    expect(first.text).toContain(unmatched("Вова Котов"));

    // Pinned by hand: Вова goes to Павел, whatever the scores say.
    await anna.waitFor(ru("match-what-next"));
    await anna.press(ru("button-pin"));
    await anna.waitFor(ru("match-pick-mentor"));
    await anna.press("Павел Студент");
    await anna.waitFor(ru("match-pick-mentee"));
    await anna.press("Вова Котов");
    const afterPin = await anna.waitFor(ru("match-draft-title", { units: 2, paired: 3 }));
    expect(afterPin.text).toContain(pair("Павел Студент", "Вова Котов", "university_student_student", "career"));
    expect(afterPin.text).toContain(pinned("Вова Котов"));
    expect(afterPin.text).toContain(unmatched("Гена Орлов"));

    // Swap Аня and Вова: both stay pinned where the other was.
    await anna.waitFor(ru("match-what-next"));
    await anna.press(ru("button-swap"));
    await anna.waitFor(ru("match-pick-swap-first"));
    await anna.press("Аня Белова → Ирина Учитель");
    const second = await anna.waitFor(ru("match-pick-swap-second"));
    expect(labels(second)).not.toContain("Аня Белова → Ирина Учитель");
    await anna.press("Вова Котов → Павел Студент");
    const afterSwap = await anna.waitFor(ru("match-draft-title", { units: 2, paired: 3 }));
    expect(afterSwap.text).toContain(group("Ирина Учитель", "Боря Серов, Вова Котов"));
    expect(afterSwap.text).toContain(pair("Павел Студент", "Аня Белова", "university_student_student", "career"));
    expect(afterSwap.text).toContain(pinned("Аня Белова"));
    expect(afterSwap.text).toContain(pinned("Вова Котов"));
    expect(afterSwap.text).toContain(unmatched("Гена Орлов"));

    // Removed from the draft: Боря is gone from it (not even listed unmatched) and Гена takes the place.
    await anna.waitFor(ru("match-what-next"));
    await anna.press(ru("button-remove"));
    await anna.waitFor(ru("match-pick-remove"));
    await anna.press("Боря Серов → Ирина Учитель");
    const afterRemove = await anna.waitFor(ru("match-draft-title", { units: 2, paired: 3 }));
    expect(afterRemove.text).toContain(group("Ирина Учитель", "Вова Котов, Гена Орлов"));
    expect(afterRemove.text).not.toContain("Боря Серов");
    expect(afterRemove.text).not.toContain(ru("match-unmatched-title", { count: 1 }));

    // Come back later: the draft stays in the database, nothing is published, nobody is told.
    await anna.waitFor(ru("match-what-next"));
    await anna.press(ru("button-later"));
    await anna.waitFor(ru("match-kept-draft"));
    const kept = await stack.app.repos.pairs.units(cycle.id, "draft");
    expect(kept.map((unit) => [unit.mentorName, unit.status, unit.members.map((member) => [member.menteeName, member.pinned])])).toEqual([
      [
        "Ирина Учитель",
        "draft",
        [
          ["Вова Котов", true],
          ["Гена Орлов", false],
        ],
      ],
      ["Павел Студент", "draft", [["Аня Белова", true]]],
    ]);
    expect(await stack.app.repos.pairs.units(cycle.id, "published")).toEqual([]);
    expect((await stack.app.repos.cycles.current(orgId))!.stage).toBe("matching");

    // Back to the draft: the pins are kept; the removal lasted only as long as that visit.
    await action(anna, "match");
    const back = await anna.waitFor(ru("match-draft-title", { units: 2, paired: 3 }));
    expect(back.text).toContain(pair("Павел Студент", "Аня Белова", "university_student_student", "career"));
    expect(back.text).toContain(group("Ирина Учитель", "Боря Серов, Вова Котов"));
    expect(back.text).toContain(pinned("Аня Белова"));
    expect(back.text).toContain(unmatched("Гена Орлов"));
    await anna.waitFor(ru("match-what-next"));
    await anna.press(ru("button-later"));
    await anna.waitFor(ru("match-kept-draft"));
  });

  it("keeps the hard rules: a mentor not older is never suggested, a published mentee is not suggested again, an earlier pair is not repeated", async () => {
    const coordinator = await registerCoordinator(stack, platform, nextId(), `Школа правил ${platform}`);
    const { orgId, user: anna } = coordinator;
    const kolya = await seedMentor(platform, orgId, nextId(), "Коля Младший", {
      kind: "student",
      age: 16,
      directions: ["career"],
      offer: "Расскажу, как выбрать профессию",
      approved: true,
    });
    await seedMentor(platform, orgId, nextId(), "Олег Взрослов", {
      kind: "adult",
      age: 30,
      directions: ["studies"],
      offer: "Математика",
      approved: true,
    });
    const egor = await seedMentee(platform, orgId, nextId(), "Егор Старший", {
      age: 17,
      directions: ["career"],
      goals: "Как выбрать профессию",
    });
    const dasha = await seedMentee(platform, orgId, nextId(), "Даша Юная", { age: 14, directions: ["career"], goals: "Выбрать профессию" });
    const first = await openCycle(orgId, "Первый цикл");

    // Егор would rather have Коля (same words, same direction), but Коля is not older than him.
    await action(anna, "match");
    const draft = await anna.waitFor(ru("match-draft-title", { units: 2, paired: 2 }));
    expect(draft.text).toMatch(/Пара: Олег Взрослов — Егор Старший/);
    expect(draft.text).toMatch(/Пара: Коля Младший — Даша Юная/);
    await anna.waitFor(ru("match-what-next"));
    await anna.press(ru("button-publish"));
    await anna.waitFor(ru("match-publish-confirm", { units: 2 }));
    await anna.press(ru("button-publish-yes"));
    await anna.waitFor(ru("match-published", { units: 2 }));
    const published = await stack.app.repos.pairs.units(first.id, "published");
    expect(published.flatMap((unit) => unit.members.map((member) => [unit.mentorName, member.menteeId])).sort()).toEqual(
      [
        ["Коля Младший", dasha.participantId],
        ["Олег Взрослов", egor.participantId],
      ].sort(),
    );

    // In the same cycle, those already in a published pair are not suggested again, even with a new mentor free.
    const vera = await seedMentor(platform, orgId, nextId(), "Вера Учитель", {
      kind: "teacher",
      age: 45,
      directions: ["studies", "career"],
      offer: "Математика",
      capacity: 2,
      approved: true,
    });
    await action(anna, "match");
    const again = await anna.waitFor(ru("match-draft-title", { units: 0, paired: 0 }));
    expect(again.text).not.toContain("Егор Старший");
    expect(again.text).not.toContain("Даша Юная");
    expect(again.text).toContain(ru("match-free-mentors", { list: "Вера Учитель (2)" }));
    const nextStep = await anna.waitFor(ru("match-what-next"));
    expect(labels(nextStep)).not.toContain(ru("button-publish"));
    await anna.press(ru("button-later"));
    await anna.waitFor(ru("match-kept-draft"));

    // A new cycle after the first is archived: neither earlier pair comes back.
    await stack.app.repos.mentors.review(vera.participantId, {
      review: "declined",
      reason: "Уехала",
      by: vera.personId,
      at: stack.clock.now(),
    });
    await stack.app.repos.cycles.setStage(first.id, "archived");
    const second = await openCycle(orgId, "Второй цикл");
    await action(anna, "match");
    const fresh = await anna.waitFor(ru("match-draft-title", { units: 1, paired: 1 }));
    expect(fresh.text).toMatch(/Пара: Олег Взрослов — Даша Юная/);
    expect(fresh.text).not.toMatch(/Коля Младший — Даша/);
    expect(fresh.text).toContain(ru("match-unmatched-line", { name: "Егор Старший", reason: msg("unmatched-mentor_not_older") }));
    await anna.waitFor(ru("match-what-next"));
    await anna.press(ru("button-later"));
    await anna.waitFor(ru("match-kept-draft"));
    const drafted = await stack.app.repos.pairs.units(second.id, "draft");
    expect(drafted.flatMap((unit) => unit.members.map((member) => [unit.mentorId, member.menteeId]))).toEqual([
      [expect.any(Number), dasha.participantId],
    ]);
    expect(drafted[0]!.mentorId).not.toBe(kolya.participantId);
  });

  it("exports the bases of mentors and mentees as XLSX, and says when there is no order to make", async () => {
    const coordinator = await registerCoordinator(stack, platform, nextId(), `Школа документов ${platform}`);
    const { orgId, orgName, user: anna } = coordinator;
    const teacher = await seedMentor(platform, orgId, nextId(), "Анна Учительская", {
      kind: "teacher",
      age: 44,
      directions: ["studies", "projects"],
      capacity: 3,
      approved: true,
    });
    await stack.app.repos.mentors.markTrained(teacher.participantId, stack.clock.now());
    await seedMentor(platform, orgId, nextId(), "Вася Школьников", { kind: "student", age: 16, directions: ["civic"], capacity: 1 });
    await seedMentee(platform, orgId, nextId(), "Ира Экспортова", { age: 12, grade: "6А", directions: ["projects"] });
    await seedMentee(platform, orgId, nextId(), "Боря Ждущий", {
      age: 11,
      grade: "5Б",
      directions: ["studies", "civic"],
      status: "awaiting_consent",
    });
    // Days on the organisation's calendar (Moscow) by the app's clock, whatever the machine's date.
    const today = appToday(stack);

    const screen = await openProgramme(coordinator);
    expect(screen.text).toContain(ru("programme-no-cycle", { org: orgName }));
    await action(anna, "export");
    await anna.waitFor(ru("export-what"));
    await anna.press(ru("export-mentors"));
    await anna.waitFor(ru("export-base-ready", { count: 2 }));
    await action(anna, "export");
    await anna.waitFor(ru("export-what"));
    await anna.send("база наставляемых");
    await anna.waitFor(ru("export-base-ready", { count: 2 }));

    const files = filesTo(stack, anna);
    expect(files.map((file) => file.filename)).toEqual([`baza-nastavnikov-${today}.xlsx`, `baza-nastavlyaemyh-${today}.xlsx`]);
    const mentors = await firstSheetTexts(files[0]!.bytes);
    expect(mentors[0]![0]).toBe(orgName);
    const mentorHeader = mentors.findIndex((row) => row[0] === "№");
    expect(mentors[mentorHeader]).toEqual([
      "№",
      ru("base-column-name"),
      ru("base-column-kind"),
      ru("base-column-directions"),
      ru("base-column-capacity"),
      ru("base-column-review"),
      ru("base-column-record-check"),
      ru("base-column-training"),
    ]);
    expect(mentors.slice(mentorHeader + 1)).toEqual([
      [
        "1",
        "Анна Учительская",
        ruPlain("mentor-kind-teacher"),
        `${ruPlain("direction-studies")}, ${ruPlain("direction-projects")}`,
        "3",
        ruPlain("review-approved"),
        today,
        today,
      ],
      ["2", "Вася Школьников", ruPlain("mentor-kind-student"), ruPlain("direction-civic"), "1", ruPlain("review-pending"), "", ""],
    ]);
    // Labels shared with buttons come without their emoji in a document.
    expect(mentors.flat().filter((cell) => EMOJI.test(cell))).toEqual([]);
    const mentees = await firstSheetTexts(files[1]!.bytes);
    const menteeHeader = mentees.findIndex((row) => row[0] === "№");
    expect(mentees[menteeHeader]).toEqual([
      "№",
      ru("base-column-name"),
      ru("base-column-age"),
      ru("base-column-grade"),
      ru("base-column-directions"),
      ru("base-column-consent"),
    ]);
    expect(mentees.slice(menteeHeader + 1)).toEqual([
      [
        "1",
        "Боря Ждущий",
        "11",
        "5Б",
        `${ruPlain("direction-studies")}, ${ruPlain("direction-civic")}`,
        ruPlain("status-awaiting_consent"),
      ],
      ["2", "Ира Экспортова", "12", "6А", ruPlain("direction-projects"), ruPlain("status-active")],
    ]);
    expect(mentees.flat().filter((cell) => EMOJI.test(cell))).toEqual([]);

    // The order: no cycle yet, then a cycle with nothing published — a friendly word and no file.
    await action(anna, "export");
    await anna.waitFor(ru("export-what"));
    await anna.press(ru("export-order"));
    await anna.waitFor(ru("export-order-empty"));
    await openCycle(orgId);
    await action(anna, "export");
    await anna.waitFor(ru("export-what"));
    await anna.send("1");
    const empty = await anna.waitFor(ru("export-order-empty"));
    expect(labels(empty)).toEqual([ru("button-match")]);
    expect(filesTo(stack, anna)).toHaveLength(2);
  });

  it("shows the programme's figures as the database has them", async () => {
    const coordinator = await registerCoordinator(stack, platform, nextId(), `Школа цифр ${platform}`);
    const { orgId } = coordinator;
    const teacher = await seedMentor(platform, orgId, nextId(), "Тамара Учитель", {
      kind: "teacher",
      age: 50,
      directions: ["projects"],
      capacity: 3,
      approved: true,
    });
    await seedMentor(platform, orgId, nextId(), "Семён Взрослый", { kind: "adult", age: 33, capacity: 2, approved: true });
    await seedMentor(platform, orgId, nextId(), "Сева Ждущий", { kind: "student", age: 16 });
    const declined = await seedMentor(platform, orgId, nextId(), "Денис Отклонённый", { kind: "adult", age: 41 });
    await stack.app.repos.mentors.review(declined.participantId, {
      review: "declined",
      reason: "Нет справки",
      by: declined.personId,
      at: stack.clock.now(),
    });
    const ready = [];
    for (const name of ["Рита Первая", "Рома Второй", "Рая Третья"])
      ready.push(await seedMentee(platform, orgId, nextId(), name, { age: 12, directions: ["projects"] }));
    for (const name of ["Жора Ждущий", "Женя Ждущая"])
      await seedMentee(platform, orgId, nextId(), name, { age: 11, status: "awaiting_consent" });
    await seedMentee(platform, orgId, nextId(), "Дина Без Согласия", { age: 11, status: "declined" });
    const cycle = await openCycle(orgId);
    await stack.app.repos.pairs.saveDraft(orgId, cycle.id, [
      {
        mentorId: teacher.participantId,
        form: "teacher_student",
        direction: "projects",
        members: ready.slice(0, 2).map((mentee) => ({ menteeId: mentee.participantId, score: 10, why: null, pinned: false })),
      },
    ]);
    await stack.app.repos.pairs.publish(cycle.id, stack.clock.now());
    await stack.app.repos.cycles.setStage(cycle.id, "working");

    // Counted straight from the tables, not through the repositories the screen uses.
    const count = async (query: ReturnType<typeof sql<{ n: number | string }>>) =>
      Number((await query.execute(stack.database.db)).rows[0]!.n);
    const expected = {
      menteesReady:
        await count(sql`SELECT count(*) AS n FROM participants p WHERE p.org_id = ${orgId} AND p.role = 'mentee' AND p.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM pair_mentees pm JOIN pairs ON pairs.id = pm.pair_id WHERE pm.mentee_participant_id = p.id AND pairs.status = 'published' AND pairs.cycle_id = ${cycle.id})`),
      menteesWaiting: await count(
        sql`SELECT count(*) AS n FROM participants WHERE org_id = ${orgId} AND role = 'mentee' AND status = 'awaiting_consent'`,
      ),
      mentorsApproved: await count(
        sql`SELECT count(*) AS n FROM participants p JOIN mentor_profiles m ON m.participant_id = p.id WHERE p.org_id = ${orgId} AND p.status = 'active' AND m.review = 'approved'`,
      ),
      mentorsNotApproved: await count(
        sql`SELECT count(*) AS n FROM participants p JOIN mentor_profiles m ON m.participant_id = p.id WHERE p.org_id = ${orgId} AND m.review = 'pending'`,
      ),
      placesLeft:
        await count(sql`SELECT sum(m.capacity) - (SELECT count(*) FROM pair_mentees pm JOIN pairs ON pairs.id = pm.pair_id WHERE pairs.cycle_id = ${cycle.id} AND pairs.status = 'published') AS n
        FROM participants p JOIN mentor_profiles m ON m.participant_id = p.id WHERE p.org_id = ${orgId} AND p.status = 'active' AND m.review = 'approved'`),
      units: await count(sql`SELECT count(*) AS n FROM pairs WHERE cycle_id = ${cycle.id} AND status = 'published'`),
      paired: await count(
        sql`SELECT count(*) AS n FROM pair_mentees pm JOIN pairs ON pairs.id = pm.pair_id WHERE pairs.cycle_id = ${cycle.id} AND pairs.status = 'published'`,
      ),
    };
    expect(expected).toEqual({
      menteesReady: 1,
      menteesWaiting: 2,
      mentorsApproved: 2,
      mentorsNotApproved: 1,
      placesLeft: 3,
      units: 1,
      paired: 2,
    });
    const screen = await openProgramme(coordinator);
    expect(screen.text).toContain(ru("programme-counts", expected));
    expect(screen.text).toContain(ru("stage-working"));
  });

  it("answers bad input on every new prompt politely and refuses programme buttons to those who may not press them", async () => {
    const coordinator = await registerCoordinator(stack, platform, nextId(), `Школа ошибок ${platform}`);
    const { orgId, user: anna } = coordinator;
    await seedMentor(platform, orgId, nextId(), "Роман Строгий", { kind: "adult", age: 39 });
    await seedMentor(platform, orgId, nextId(), "Света Одобренная", { kind: "teacher", age: 35, approved: true });
    const mentee = await seedMentee(platform, orgId, nextId(), "Петя Ошибкин", { age: 13 });

    // Opening a cycle: every typed prompt.
    await action(anna, "open-cycle");
    const namePrompt = await anna.waitFor(ru("cycle-name"));
    await anna.sendSticker();
    await anna.waitFor(ru("error-unsupported"));
    await anna.send("Ц".repeat(5_000));
    await anna.waitFor(ru("error-too-long", { max: 200 }));
    await anna.send("Наставничество с ошибками");
    await anna.waitFor(/С какого числа начинается цикл/);
    // "в понедельник", "сегодня" are start dates now (issue 15); this one is not a date at all.
    await anna.send("когда-нибудь");
    await anna.waitFor(ru("error-date-format"));
    await anna.send(typedDayAhead(-3));
    await anna.waitFor(ru("error-date-past"));
    await anna.send("31.02.2030");
    await anna.waitFor(ru("error-date-impossible"));
    await anna.send(typedDayAhead(10));
    await anna.waitFor(ru("cycle-end"));
    await anna.send(typedDayAhead(5));
    await anna.waitFor(ru("error-cycle-end-before-start"));
    await anna.send(typedDayAhead(100));
    const formsPrompt = await anna.waitFor(ru("cycle-forms"));
    // Free text, a stale button of the first question, garbage and a forged value: the same question again.
    await anna.send("все формы, пожалуйста");
    const reasked = await anna.waitFor(ru("error-use-buttons"));
    expect(reasked.text).toContain(ru("cycle-forms"));
    expect(labels(reasked)).toContain(ru("button-done"));
    await anna.pressPayload(payloadOfButton(namePrompt, ru("button-cancel")));
    await anna.waitForToast(ru("toast-button-stale"));
    await anna.pressPayload("1:p:!!:zzz");
    await anna.waitForToast(ru("toast-button-unknown"));
    const formsTag = payloadOfButton(formsPrompt, ru("button-done")).split(":")[2]!;
    await anna.pressPayload(`1:p:${formsTag}:adult_employer`);
    // The question is on screen again under the notice.
    await anna.waitFor(ru("error-use-buttons"));
    await stack.settle();
    expect(anna.messages().findLast((message) => message.buttons.length > 0)!.text).toContain(ru("error-use-buttons"));
    await anna.press(ru("button-done"));
    await anna.waitFor(ru("cycle-directions"));
    await anna.sendSticker();
    await anna.waitFor(ru("error-use-buttons"));
    await anna.send("1 4");
    await anna.waitFor(ru("cycle-check-ins"));
    await anna.send("каждый день");
    await anna.waitFor(ru("error-use-buttons"));
    await anna.press(ru("cycle-check-ins-every", { days: 14 }));
    const summary = await anna.waitFor(/Проверьте:/);
    expect(summary.text).toContain(ru("cycle-check-ins-every", { days: 14 }));
    expect(summary.text).toContain(ru("list-2", { d0: msg("direction-studies"), d1: msg("direction-career") }));
    await anna.send("да, наверное");
    const summaryAgain = await anna.waitFor(ru("error-use-buttons"));
    expect(labels(summaryAgain)).toContain(ru("button-save"));
    await anna.send("1");
    await anna.waitFor(ru("cycle-opened", { name: "Наставничество с ошибками" }));
    expect(await stack.app.repos.cycles.current(orgId)).toMatchObject({
      name: "Наставничество с ошибками",
      startsOn: dayAhead(stack, 10),
      endsOn: dayAhead(stack, 100),
      directions: ["studies", "career"],
      checkInEveryDays: 14,
    });
    await action(anna, "open-cycle");
    await anna.waitFor(ru("cycle-already-open"));

    // The announcement's prompts.
    await action(anna, "announce");
    const audience = await anna.waitFor(ru("announce-audience"));
    await anna.send("кому-нибудь");
    const audienceAgain = await anna.waitFor(ru("error-use-buttons"));
    expect(labels(audienceAgain)).toEqual(expect.arrayContaining([ru("audience-mentees"), ru("audience-mentors"), ru("audience-parents")]));
    await anna.sendSticker();
    await anna.waitFor(ru("error-use-buttons"));
    await anna.send("1");
    await anna.waitFor(ru("announce-text", { max: MAX_ANNOUNCEMENT }));
    await anna.sendSticker();
    await anna.waitFor(ru("error-unsupported"));
    await anna.send("Завтра уроков нет");
    await anna.waitFor(ru("announce-confirm"));
    await anna.pressPayload(payloadOfButton(audience, ru("audience-parents")));
    await anna.waitForToast(ru("toast-button-stale"));
    await anna.send("отправляй уже");
    await anna.waitFor(ru("error-use-buttons"));
    await anna.press(ru("button-cancel"));
    await anna.waitFor(ru("flow-cancelled"));
    expect(await stack.database.db.selectFrom("announcements").select("id").where("org_id", "=", orgId).execute()).toEqual([]);

    // Mentor review: a typed label is accepted (and the record check still comes first).
    await action(anna, "review-mentors");
    await anna.waitFor(ru("review-pick"));
    await anna.send("Роман");
    await anna.waitFor(ru("error-use-buttons"));
    await anna.send("1");
    await anna.waitFor(/🧑‍🏫 Роман Строгий/);
    await anna.waitFor(ru("review-what-next"));
    await anna.send("одобрить");
    await anna.waitFor(ru("review-needs-record-check"));
    await anna.waitFor(ru("review-what-next"));
    await anna.press(ru("button-decline"));
    await anna.waitFor(ru("review-decline-reason"));
    await anna.send("   ");
    await anna.waitFor(ru("error-empty"));
    await anna.press(ru("button-cancel"));
    await anna.waitFor(ru("flow-cancelled"));
    expect((await stack.app.repos.mentors.list(orgId, { offset: 0, limit: 10 })).mentors.map((mentor) => mentor.review).sort()).toEqual([
      "approved",
      "pending",
    ]);

    // Cancelling after the record check was confirmed: the bot says the check is kept, not «nothing saved».
    await action(anna, "review-mentors");
    await anna.waitFor(ru("review-pick"));
    await anna.send("1");
    await anna.waitFor(/🧑‍🏫 Роман Строгий/);
    await anna.waitFor(ru("review-what-next"));
    await anna.press(ru("button-record-check"));
    await anna.waitFor(ru("record-check-confirm", { name: "Роман Строгий" }));
    await anna.press(ru("button-record-check-yes"));
    await anna.waitFor(ru("review-what-next"));
    await anna.press(ru("button-cancel"));
    const kept = await anna.waitFor(ru("flow-cancelled-kept"));
    expect(kept.text).toContain(ru("saved-record-check", { name: "Роман Строгий" }));
    expect(kept.text).not.toContain(ru("flow-cancelled"));
    const roman = (await stack.app.repos.mentors.list(orgId, { offset: 0, limit: 10 })).mentors.find(
      (m) => m.fullName === "Роман Строгий",
    )!;
    expect((await stack.app.repos.mentors.card(orgId, roman.participantId))!.recordCheckedAt).not.toBeNull();

    // Matching: free text, and a forged mentor of another organisation in the pin picker.
    const other = await stack.createOrganisation(`Чужая школа ${platform}`);
    const stranger = await seedMentor(platform, other.orgId, nextId(), "Чужой Наставник", { kind: "teacher", age: 50, approved: true });
    await action(anna, "match");
    await anna.waitFor(ru("match-draft-title", { units: 1, paired: 1 }));
    await anna.waitFor(ru("match-what-next"));
    await anna.send("сделай всё сам");
    await anna.waitFor(ru("error-use-buttons"));
    await anna.press(ru("button-pin"));
    const mentorPicker = await anna.waitFor(ru("match-pick-mentor"));
    const pickerTag = payloadOfButton(mentorPicker, "Света Одобренная").split(":")[2]!;
    await anna.pressPayload(`1:p:${pickerTag}:${stranger.participantId}`);
    await anna.waitFor(ru("error-use-buttons"));
    await anna.press(ru("button-cancel"));
    await anna.waitFor(ru("flow-cancelled"));
    expect(
      await stack.database.db.selectFrom("pairs").select("mentor_participant_id").where("org_id", "=", orgId).execute(),
    ).not.toContainEqual({
      mentor_participant_id: stranger.participantId,
    });

    // Exports: free text re-asks, a number picks.
    await action(anna, "export");
    await anna.waitFor(ru("export-what"));
    await anna.send("всё");
    await anna.waitFor(ru("error-use-buttons"));
    // The fifth choice: the base of mentors (after the order, the regulations, the road map and the consents).
    await anna.send("5");
    await anna.waitFor(ru("export-base-ready", { count: 2 }));

    // Programme buttons pressed by a mentee, and another organisation's announcement.
    for (const payload of ["match", "export", "announce-status:999999", "announce", "open-cycle", "org-forms", "review-mentors"]) {
      await action(mentee.user, payload);
      await mentee.user.waitFor(ru("error-coordinators-only"));
    }
    const othersAnnouncement = await stack.app.repos.announcements.create(other.orgId, "mentors", "Чужое объявление", stranger.personId, {
      text: [msg("plain", { text: "Чужое" })],
    });
    for (const id of [othersAnnouncement.id, 999_999]) {
      await action(anna, `announce-status:${id}`);
      await anna.waitFor(ru("announce-unknown"));
    }
    for (const forged of ["announce-status:abc", "announce-status", "announce-status:99999999999999999999"]) {
      await action(anna, forged);
      await anna.waitForToast(ru("toast-button-unknown"));
    }
    expect(anna.messages().some((message) => message.text.includes("Чужое объявление") || message.text.includes(ru("error-generic")))).toBe(
      false,
    );
  });
});
