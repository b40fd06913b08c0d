/**
 * Students invited from a class list have not joined yet, on every messenger: in an organisation with
 * registered mentees (taking part, and waiting for a parent's consent) and an approved mentor, the
 * coordinator imports a class list through the bot and one student opens their link. The base counts
 * the four who joined and lists the two still invited last; the programme's figures, an announcement
 * to mentees, the matching draft, the order and the week's digest count nobody who has not come.
 * Revoking the links ends the personal ones and takes the two unclaimed off the base; the retention
 * job erases an unclaimed student once their link expires, and keeps a student who came late.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { Registration } from "#root/db/repositories/people.ts";
import { CONSENT_TEXT_VERSION } from "#root/domain/consent.ts";
import type { ParticipantStatus } from "#root/domain/programme.ts";
import { TOKEN_POLICY } from "#root/domain/tokens.ts";
import { MAX_ANNOUNCEMENT } from "#root/flows/programme/announce.ts";
import { msg } from "#root/i18n/translator.ts";
import { packAction } from "#root/messaging/buttons.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { dayAhead } from "../support/calendar.ts";
import { type ChatMessage, payloadOf } from "../support/chat-user.ts";
import { DAY, filesTo, pressOn, runJobsAt } from "../support/cycle-journey.ts";
import { docxTableRows } from "../support/docx.ts";
import { birthYearFor, type Coordinator, idSequence, issueInvite, registerCoordinator, ru, ruChild } from "../support/journeys.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();

/** Three students of 7Б and 8А, 13 and 14 this year: none of them has joined. */
const INVITED = ["Сидоров Артём", "Петрова Анна", "Козлов Илья"] as const;

async function classList(): Promise<Buffer> {
  const year = stack.clock.now().getUTCFullYear();
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Список");
  sheet.addRow(["ФИО", "Класс", "Год рождения"]);
  sheet.addRow([INVITED[0], "7Б", String(year - 13)]);
  sheet.addRow([INVITED[1], "7Б", String(year - 13)]);
  sheet.addRow([INVITED[2], "8А", String(year - 14)]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Registers a person straight through the repositories, as if they had gone through the chat. */
async function seed(platform: Platform, orgId: number, userId: number, registration: Registration, status: ParticipantStatus) {
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
  const { role } = registration;
  const result = await stack.app.repos.people.register({
    accountId: account.id,
    locale: "ru",
    // A parent registers through a child's consent link, which the consent recorded below stands for.
    token: role === "parent" ? undefined : await issueInvite(stack, orgId, role),
    orgId,
    status,
    registration,
    now: stack.clock.now(),
  });
  if (!result.ok) throw new Error(`seeding ${JSON.stringify(registration)} failed: ${result.reason}`);
  return result;
}

function seedMentee(platform: Platform, orgId: number, userId: number, fullName: string, age: number, status: ParticipantStatus) {
  return seed(
    platform,
    orgId,
    userId,
    {
      role: "mentee",
      answers: {
        fullName,
        birthYear: birthYearFor(stack, age),
        grade: `${age - 6}А`,
        directions: ["projects"],
        goals: "Проект по биологии",
      },
    },
    status,
  );
}

/**
 * The organisation: Лиза (12, a parent consented) and Коля (15) take part, Ждан (11) waits for a
 * parent; a teacher with four places is approved; a cycle is open for matching.
 */
async function organisation(platform: Platform, nextId: () => number): Promise<Coordinator> {
  const coordinator = await registerCoordinator(stack, platform, nextId());
  const { orgId } = coordinator;
  const liza = await seedMentee(platform, orgId, nextId(), "Лиза Морозова", 12, "active");
  await seedMentee(platform, orgId, nextId(), "Коля Быстров", 15, "active");
  await seedMentee(platform, orgId, nextId(), "Ждан Ожидаев", 11, "awaiting_consent");
  const parent = await seed(platform, orgId, nextId(), { role: "parent", answers: { fullName: "Морозова Ольга" } }, "active");
  await stack.app.repos.consents.record({
    participantId: liza.participantId,
    giver: "parent",
    giverPersonId: parent.personId,
    textVersion: CONSENT_TEXT_VERSION,
    decision: "granted",
    platform,
    decidedAt: stack.clock.now(),
  });
  const mentor = await seed(
    platform,
    orgId,
    nextId(),
    {
      role: "mentor",
      answers: {
        fullName: "Ирина Павловна Козлова",
        birthYear: birthYearFor(stack, 45),
        kind: "teacher",
        directions: ["projects"],
        offer: "Проекты по биологии",
        capacity: 4,
        availability: "По вторникам",
      },
    },
    "active",
  );
  const now = stack.clock.now();
  await stack.app.repos.mentors.confirmRecordCheck(mentor.participantId, mentor.personId, now);
  await stack.app.repos.mentors.review(mentor.participantId, { review: "approved", reason: null, by: mentor.personId, at: now });
  const coordinatorRow = await stack.database.db
    .selectFrom("participants")
    .select("person_id")
    .where("org_id", "=", orgId)
    .where("role", "=", "coordinator")
    .executeTakeFirstOrThrow();
  await stack.app.repos.cycles.open({
    orgId,
    name: "Цикл 2026/27",
    startsOn: dayAhead(stack, 0),
    endsOn: dayAhead(stack, 200),
    forms: ["teacher_student"],
    directions: ["projects"],
    createdBy: coordinatorRow.person_id,
  });
  return coordinator;
}

/** The class list through the bot, from the base of mentees: the personal links of each student, as the sheet gives them. */
async function importClassList(coordinator: Coordinator, platform: Platform): Promise<Map<string, string>> {
  const anna = coordinator.user;
  await anna.pressPayload(packAction("base"));
  const base = await anna.waitFor(/^🧒/);
  await pressOn(anna, base, ru("button-roster-import"));
  await anna.waitFor(ru("roster-intro", { max: 5 }));
  await anna.sendDocument("spisok.xlsx", await classList());
  const confirm = await anna.waitFor(ru("roster-confirm", { count: 3 }));
  await pressOn(anna, confirm, ru("button-roster-create", { count: 3 }));
  const sheets = () => filesTo(stack, anna).filter((file) => /^ssylki-(7B|8A)-/.test(file.filename));
  const before = sheets().length;
  await anna.waitFor(ru("roster-created", { count: 3, classes: 2 }));
  // A file per class: the last two are this import's.
  await expect.poll(() => sheets().length, { timeout: 8_000 }).toBe(before + 2);
  const column = { telegram: 2, vk: 3, max: 4 }[platform];
  return new Map(
    sheets()
      .slice(-2)
      .flatMap((sheet) => docxTableRows(sheet.bytes))
      .map((row) => [row[1]!, (row[column] ?? "").trim()]),
  );
}

/** The coordinator's programme screen, from the menu. */
async function openProgramme(coordinator: Coordinator): Promise<ChatMessage> {
  const anna = coordinator.user;
  await anna.send("/menu");
  await anna.waitFor(ru("menu-title", { name: coordinator.name }));
  await anna.press(ru("button-programme"));
  return anna.waitFor(/^📋/);
}

describe.each(["telegram", "vk", "max"] as const)("invited students are not participants yet (on %s)", (platform: Platform) => {
  const nextId = idSequence({ telegram: 793_000, vk: 794_000, max: 795_000 }[platform]);

  it("the base, the programme's figures, an announcement, matching, the order and the digest count only those who joined", async () => {
    const coordinator = await organisation(platform, nextId);
    const anna = coordinator.user;
    const links = await importClassList(coordinator, platform);

    // Артём (13 this year) opens his link: he joins, waiting for a parent's consent like Ждан.
    const artyom = stack.user(platform, nextId(), "Артём");
    await artyom.open(payloadOf(links.get(INVITED[0])!));
    const question = await artyom.waitFor(ruChild("roster-claim-question", { name: INVITED[0], grade: "7Б", org: coordinator.orgName }));
    await pressOn(artyom, question, ruChild("button-roster-claim-me"));
    await artyom.waitFor(ruChild("register-mentee-saved-needs-parent", { name: INVITED[0] }));

    // The base: four mentees joined; the two still invited are named, last, as not come yet.
    await anna.pressPayload(packAction("base"));
    const base = await anna.waitFor(ru("base-mentee-title", { org: coordinator.orgName, total: 4, page: 1, pages: 1 }));
    expect(base.text).toContain(ru("base-mentee-invited", { count: 2 }));
    const lines = base.text.split("\n").filter((line) => /^\d+\. /.test(line));
    expect(lines.map((line) => line.replace(/^\d+\. ([^,]+),.*$/, "$1"))).toEqual([
      "Ждан Ожидаев",
      "Коля Быстров",
      "Лиза Морозова",
      INVITED[0],
      INVITED[2],
      INVITED[1],
    ]);
    expect(lines.slice(4).every((line) => line.endsWith(ru("status-invited")))).toBe(true);
    expect(lines.slice(0, 4).some((line) => line.includes(ru("status-invited")))).toBe(false);

    // The programme: two ready to match (Лиза, Коля), two waiting for consent (Ждан, Артём).
    const programme = await openProgramme(coordinator);
    expect(programme.text).toContain(
      ru("programme-counts", {
        menteesReady: 2,
        menteesWaiting: 2,
        mentorsApproved: 1,
        placesLeft: 4,
        mentorsNotApproved: 0,
        units: 0,
        paired: 0,
      }),
    );

    // An announcement to mentees reaches those taking part: Лиза and Коля.
    await anna.press(ru("button-announce"));
    await anna.waitFor(ru("announce-audience"));
    await anna.press(ru("audience-mentees"));
    await anna.waitFor(ru("announce-text", { max: MAX_ANNOUNCEMENT }));
    await anna.send("Встреча в пятницу в 15:00");
    await anna.waitFor(ru("announce-preview", { count: 2, audience: msg("audience-mentees") }));
    const sure = await anna.waitFor(ru("announce-confirm"));
    await pressOn(anna, sure, ru("button-send"));
    await anna.waitFor(ru("announce-queued", { count: 2 }));

    // Matching: the teacher has four places, and takes the two who can be matched; nobody invited is offered.
    await openProgramme(coordinator);
    await anna.press(ru("button-match"));
    const draft = await anna.waitFor(ru("match-draft-title", { units: 1, paired: 2 }));
    for (const name of INVITED) expect(draft.text).not.toContain(name);
    expect(draft.text).toContain(ru("match-not-ready", { mentees: 2, mentors: 0 }));
    await anna.waitFor(ru("match-what-next"));
    await anna.press(ru("button-publish"));
    await anna.waitFor(/^Опубликовать 1 /);
    await anna.press(ru("button-publish-yes"));
    await anna.waitFor(/Опубликовано пар и групп: 1/);

    // The order lists the two mentees paired.
    await anna.press(ru("button-export"));
    await anna.waitFor(ru("export-what"));
    await anna.press(ru("export-order"));
    await anna.waitFor(ru("export-order-ready", { pairs: 2 }));

    // The week's digest: two wait for a parent's consent (Ждан, Артём), not the two still invited.
    await openProgramme(coordinator);
    await anna.press(ru("button-digest"));
    const digest = await anna.waitFor(/✍️ Ждут согласия родителей/);
    expect(digest.text).toMatch(/✍️ Ждут согласия родителей: 2 \(/);

    // The base export lists the four who joined.
    await anna.press(ru("button-programme"));
    await anna.waitFor(/^📋/);
    await anna.press(ru("button-export"));
    await anna.waitFor(ru("export-what"));
    await anna.press(ru("export-mentees"));
    await anna.waitFor(ru("export-base-ready", { count: 4 }));
  });

  it("revoking the links ends the personal ones and takes the unclaimed off the base; retention erases one whose link expired", async () => {
    const coordinator = await organisation(platform, nextId);
    const anna = coordinator.user;
    const links = await importClassList(coordinator, platform);

    // The coordinator revokes the links: told first that the three invited students will be removed.
    await anna.pressPayload(packAction("invite-links-revoke"));
    const confirm = await anna.waitFor(ru("invite-links-revoke-confirm-roster", { org: coordinator.orgName, count: 3 }));
    await pressOn(anna, confirm, ru("button-invite-links-revoke-yes"));
    const revoked = await anna.waitFor(ru("roster-unclaimed-erased", { count: 3 }));
    // The three personal links, and the four links for mentees and mentors the seeds were registered with.
    expect(revoked.text).toContain(ru("invite-links-revoked", { count: 7 }));

    const late = stack.user(platform, nextId(), "Анна");
    await late.open(payloadOf(links.get(INVITED[1])!));
    await late.waitFor(ru("invite-used_up"));
    await anna.pressPayload(packAction("base"));
    const base = await anna.waitFor(ru("base-mentee-title", { org: coordinator.orgName, total: 3, page: 1, pages: 1 }));
    expect(base.text).not.toContain(ru("status-invited"));
    for (const name of INVITED) expect(base.text).not.toContain(name);

    // The same list again: nobody is "already in the programme", and new links come.
    const again = await importClassList(coordinator, platform);
    expect([...again.keys()]).toEqual(expect.arrayContaining([...INVITED]));

    // Артём comes 80 days later (his consent wait starts now), the others never: 91 days on, their links have expired.
    const claimAt = new Date(stack.clock.now().getTime() + 80 * DAY);
    await runJobsAt(stack, claimAt);
    const artyom = stack.user(platform, nextId(), "Артём");
    await artyom.open(payloadOf(again.get(INVITED[0])!));
    const question = await artyom.waitFor(ruChild("roster-claim-question", { name: INVITED[0], grade: "7Б", org: coordinator.orgName }));
    await pressOn(artyom, question, ruChild("button-roster-claim-me"));
    await artyom.waitFor(ruChild("register-mentee-saved-needs-parent", { name: INVITED[0] }));
    await runJobsAt(stack, new Date(claimAt.getTime() + (TOKEN_POLICY.roster.ttlMs - 80 * DAY) + DAY));

    const students = await stack.database.db
      .selectFrom("roster_students")
      .innerJoin("participants", "participants.id", "roster_students.participant_id")
      .innerJoin("people", "people.id", "participants.person_id")
      .select(["participants.status", "people.full_name", "roster_students.parent_name"])
      .where("participants.org_id", "=", coordinator.orgId)
      .where("participants.status", "<>", "left")
      .execute();
    // Only Артём stays: 11 days into his wait for consent, not 91.
    expect(students).toEqual([{ status: "awaiting_consent", full_name: INVITED[0], parent_name: null }]);
    // Лиза, Коля and Артём: Ждан's 60 days of waiting for a parent ran out on the way.
    await anna.pressPayload(packAction("base"));
    const after = await anna.waitFor(ru("base-mentee-title", { org: coordinator.orgName, total: 3, page: 1, pages: 1 }));
    expect(after.text).not.toContain(ru("status-invited"));
  });
});
