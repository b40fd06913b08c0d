import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#root/db/connection.ts";
import type { Cycle } from "#root/db/repositories/cycles.ts";
import { createRepositories, type Repositories } from "#root/db/repositories/index.ts";
import type { Organisation } from "#root/db/repositories/organisations.ts";
import type { DraftUnit } from "#root/db/repositories/pairs.ts";
import type { MenteeAnswers, MentorAnswers } from "#root/db/repositories/people.ts";
import type { Database } from "#root/db/schema.ts";
import { inOrganisation } from "#root/db/scope.ts";
import { CONSENT_TEXT_VERSION } from "#root/domain/consent.ts";
import { MENTORING_FORMS, type ParticipantStatus } from "#root/domain/programme.ts";
import { msg } from "#root/i18n/translator.ts";
import type { MessageSpec } from "#root/messaging/message-spec.ts";
import { openTestDatabase, testDatabaseKind } from "../support/database.ts";

const kind = testDatabaseKind();

let sequence = 0;
const unique = () => {
  sequence += 1;
  return `p${Date.now().toString(36)}${sequence}`;
};

const handle = {} as { current: DatabaseHandle; repos: Repositories };
const repos = () => handle.repos;
const db = () => handle.current.db;

interface Registered {
  accountId: number;
  personId: number;
  participantId: number;
}

function menteeAnswers(fullName: string, change: Partial<MenteeAnswers> = {}): MenteeAnswers {
  return { fullName, birthYear: 2012, grade: "7Б", directions: ["studies", "career"], goals: "разобраться с математикой", ...change };
}

function mentorAnswers(fullName: string, change: Partial<MentorAnswers> = {}): MentorAnswers {
  return {
    fullName,
    birthYear: 1985,
    kind: "teacher",
    directions: ["studies"],
    offer: "математика, физика",
    capacity: 3,
    availability: "вторник после 16:00",
    ...change,
  };
}

/** Registers someone through an invite of their role, as the registration flows do. */
async function register(
  orgId: number,
  registration:
    | { role: "mentee"; answers: MenteeAnswers }
    | { role: "mentor"; answers: MentorAnswers }
    | { role: "coordinator"; answers: { fullName: string } },
  status: ParticipantStatus = "active",
): Promise<Registered> {
  const now = new Date();
  const userId = unique();
  const account = await repos().accounts.touch(
    {
      updateKey: `telegram:${userId}`,
      platform: "telegram",
      chatId: userId,
      userId,
      sentAt: now.toISOString(),
      event: { kind: "text", text: "/start" },
    },
    now,
  );
  const token = await repos().invites.issue({ purpose: registration.role, orgId, now });
  const result = await repos().people.register({ accountId: account.id, locale: "ru", token, orgId, status, registration, now });
  if (!result.ok) throw new Error(`registration refused: ${result.reason}`);
  return { accountId: account.id, personId: result.personId, participantId: result.participantId };
}

const mentee = (orgId: number, name: string, status: ParticipantStatus = "active", change: Partial<MenteeAnswers> = {}) =>
  register(orgId, { role: "mentee", answers: menteeAnswers(name, change) }, status);
const mentorOf = (orgId: number, name: string, change: Partial<MentorAnswers> = {}, status: ParticipantStatus = "active") =>
  register(orgId, { role: "mentor", answers: mentorAnswers(name, change) }, status);
const coordinatorOf = (orgId: number, name = "Кураторова Анна") => register(orgId, { role: "coordinator", answers: { fullName: name } });

/** A parent answers the consent link of a child, as the consent flow does. */
async function parentAnswers(
  orgId: number,
  child: Registered,
  decision: "granted" | "declined",
  parentName = "Родителева Мария",
): Promise<{ personId: number; consentId: number }> {
  const now = new Date();
  const token = await repos().invites.issue({ purpose: "consent", orgId, subjectParticipantId: child.participantId, now });
  const userId = unique();
  const account = await repos().accounts.touch(
    {
      updateKey: `vk:${userId}`,
      platform: "vk",
      chatId: userId,
      userId,
      sentAt: now.toISOString(),
      event: { kind: "text", text: "да" },
    },
    now,
  );
  const result = await repos().consents.decideAsParent({
    token,
    accountId: account.id,
    parentName,
    locale: "ru",
    decision,
    textVersion: CONSENT_TEXT_VERSION,
    platform: "vk",
    now,
  });
  if (!result.ok) throw new Error(`consent refused: ${result.reason}`);
  return { personId: result.parentPersonId, consentId: result.consentId };
}

async function approve(mentorParticipantId: number, by: number): Promise<void> {
  await repos().mentors.confirmRecordCheck(mentorParticipantId, by, new Date());
  await repos().mentors.review(mentorParticipantId, { review: "approved", reason: null, by, at: new Date() });
}

function newCycle(orgId: number, createdBy: number, name = "Наставничество 2026/27") {
  return {
    orgId,
    name,
    startsOn: "2026-09-01",
    endsOn: "2027-05-31",
    forms: ["teacher_student", "student_student"] as Cycle["forms"],
    directions: ["studies", "career"] as Cycle["directions"],
    createdBy,
  };
}

async function openCycle(orgId: number, createdBy: number, name?: string): Promise<Cycle> {
  const cycle = await repos().cycles.open(newCycle(orgId, createdBy, name));
  if (!cycle) throw new Error("a cycle is already open");
  return cycle;
}

function unit(mentorId: number, menteeIds: number[], change: Partial<DraftUnit> = {}): DraftUnit {
  return {
    mentorId,
    form: "teacher_student",
    direction: "studies",
    members: menteeIds.map((menteeId) => ({
      menteeId,
      score: 34,
      why: { sharedDirections: ["studies"], sharedWords: ["матем"], availability: true },
      pinned: false,
    })),
    ...change,
  };
}

/** A transaction under the scoped role with raw SQL, as inOrganisation sets it up, to count rows touched. */
function asScopedRole<T>(orgId: number, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db()
    .transaction()
    .execute(async (trx) => {
      await sql`SELECT set_config('role', 'nastavnik_scoped', true), set_config('nastavnik.org_id', ${String(orgId)}, true)`.execute(trx);
      return work(trx);
    });
}

const organisation = (name: string) => repos().organisations.create(`${name} ${unique()}`, "Europe/Moscow");

beforeAll(async () => {
  handle.current = await openTestDatabase();
  handle.repos = createRepositories(handle.current.db);
});

afterAll(async () => {
  await handle.current?.close();
});

describe(`programme repositories on ${kind}`, () => {
  describe("cycles", () => {
    let org: Organisation;
    let other: Organisation;
    let coordinator: Registered;

    beforeAll(async () => {
      org = await organisation("Школа № 7");
      other = await organisation("Лицей № 3");
      coordinator = await coordinatorOf(org.id);
    });

    it("opens one cycle per organisation at a time, and tells the open one", async () => {
      const cycle = await repos().cycles.open(newCycle(org.id, coordinator.personId));
      expect(cycle).toEqual({
        id: expect.any(Number),
        orgId: org.id,
        name: "Наставничество 2026/27",
        startsOn: "2026-09-01",
        endsOn: "2027-05-31",
        forms: ["teacher_student", "student_student"],
        directions: ["studies", "career"],
        stage: "matching",
        // Pairs are asked about their plan weekly unless the cycle says otherwise.
        checkInEveryDays: 7,
      });
      expect(await repos().cycles.open(newCycle(org.id, coordinator.personId, "Второй цикл"))).toBeUndefined();
      expect(await repos().cycles.current(org.id)).toEqual(cycle);
      expect(await repos().cycles.get(cycle!.id)).toEqual(cycle);
      const rows = await db().selectFrom("cycles").select(["name", "created_by"]).where("org_id", "=", org.id).execute();
      expect(rows).toEqual([{ name: "Наставничество 2026/27", created_by: coordinator.personId }]);

      // Another organisation opens its own all the same.
      const theirs = await repos().cycles.open(newCycle(other.id, coordinator.personId, "Их цикл"));
      expect(theirs).toMatchObject({ orgId: other.id, name: "Их цикл" });
      expect(await repos().cycles.current(org.id)).toEqual(cycle);
    });

    it("moves a cycle through its stages; an archived cycle lets a new one open", async () => {
      const cycle = (await repos().cycles.current(org.id))!;
      await repos().cycles.setStage(cycle.id, "working");
      expect(await repos().cycles.current(org.id)).toMatchObject({ id: cycle.id, stage: "working" });
      await repos().cycles.setStage(cycle.id, "closing");
      expect(await repos().cycles.open(newCycle(org.id, coordinator.personId, "Рано"))).toBeUndefined();
      await repos().cycles.setStage(cycle.id, "archived");
      expect(await repos().cycles.current(org.id)).toBeUndefined();
      expect(await repos().cycles.get(cycle.id)).toMatchObject({ stage: "archived" });

      const next = await repos().cycles.open(newCycle(org.id, coordinator.personId, "Наставничество 2027/28"));
      expect(next).toMatchObject({ name: "Наставничество 2027/28", stage: "matching" });
      expect(next!.id).not.toBe(cycle.id);
      expect(await repos().cycles.current(org.id)).toEqual(next);
      expect(await repos().cycles.get(999_999)).toBeUndefined();
    });

    it("refuses dates the database cannot hold: an end before the start", async () => {
      const fresh = await organisation("Гимназия");
      await expect(
        repos().cycles.open({ ...newCycle(fresh.id, coordinator.personId), startsOn: "2027-01-01", endsOn: "2026-12-31" }),
      ).rejects.toThrow();
      expect(await repos().cycles.current(fresh.id)).toBeUndefined();
    });

    it("keeps the forms an organisation runs: the four of the model by default", async () => {
      expect(await repos().cycles.organisationForms(org.id)).toEqual([...MENTORING_FORMS]);
      await repos().cycles.setOrganisationForms(org.id, ["teacher_student", "adult_student"]);
      expect(await repos().cycles.organisationForms(org.id)).toEqual(["teacher_student", "adult_student"]);
      expect(await repos().cycles.organisationForms(other.id)).toEqual([...MENTORING_FORMS]);
      await repos().cycles.setOrganisationForms(org.id, []);
      expect(await repos().cycles.organisationForms(org.id)).toEqual([]);
      expect(await repos().cycles.organisationForms(999_999)).toEqual([]);
    });
  });

  describe("mentors", () => {
    let org: Organisation;
    let coordinator: Registered;
    const mentors = new Map<string, Registered>();

    beforeAll(async () => {
      org = await organisation("Школа № 9");
      coordinator = await coordinatorOf(org.id);
      for (const [name, change] of [
        ["Яковлев Ян", {}],
        ["Антонова Анна", { kind: "adult" }],
        ["Борисов Борис", { kind: "student", birthYear: 2008 }],
        ["Власова Вера", { kind: "university_student", birthYear: 2004 }],
        ["Гаврилов Глеб", {}],
        ["Дмитриева Дина", {}],
      ] as const) {
        mentors.set(name, await mentorOf(org.id, name, change));
      }
      await approve(mentors.get("Антонова Анна")!.participantId, coordinator.personId);
      await repos().mentors.review(mentors.get("Власова Вера")!.participantId, {
        review: "declined",
        reason: "нет времени",
        by: coordinator.personId,
        at: new Date(),
      });
      await repos().people.setStatus(mentors.get("Гаврилов Глеб")!.participantId, "left");
      await repos().people.setStatus(mentors.get("Дмитриева Дина")!.participantId, "withdrawn");
      // A mentee, and a mentor of another organisation, are not on the list.
      await mentee(org.id, "Аааев Ученик");
      await mentorOf((await organisation("Колледж")).id, "Аааева Чужая");
    });

    it("lists the mentors still taking part, those waiting for review first, by name", async () => {
      const { total, mentors: list } = await repos().mentors.list(org.id, { offset: 0, limit: 10 });
      expect(total).toBe(4);
      expect(list.map((card) => [card.fullName, card.review])).toEqual([
        ["Борисов Борис", "pending"],
        ["Яковлев Ян", "pending"],
        ["Антонова Анна", "approved"],
        ["Власова Вера", "declined"],
      ]);
      const page = await repos().mentors.list(org.id, { offset: 1, limit: 2 });
      expect(page.total).toBe(4);
      expect(page.mentors.map((card) => card.fullName)).toEqual(["Яковлев Ян", "Антонова Анна"]);
      expect(await repos().mentors.list(org.id, { offset: 10, limit: 2 })).toEqual({ total: 0, mentors: [] });
    });

    it("shows one mentor's card in their organisation only", async () => {
      const jan = mentors.get("Яковлев Ян")!;
      expect(await repos().mentors.card(org.id, jan.participantId)).toEqual({
        participantId: jan.participantId,
        personId: jan.personId,
        fullName: "Яковлев Ян",
        birthYear: 1985,
        status: "active",
        kind: "teacher",
        directions: ["studies"],
        offer: "математика, физика",
        capacity: 3,
        availability: "вторник после 16:00",
        review: "pending",
        reviewReason: null,
        recordCheckedAt: null,
        trainedAt: null,
      });
      const otherOrg = await organisation("Чужая школа");
      expect(await repos().mentors.card(otherOrg.id, jan.participantId)).toBeUndefined();
      expect(await repos().mentors.card(org.id, coordinator.participantId)).toBeUndefined();
    });

    it("records the record check, the decision with its reason, and training, with who and when", async () => {
      const jan = mentors.get("Яковлев Ян")!;
      const checkedAt = new Date("2026-09-02T08:00:00.000Z");
      await repos().mentors.confirmRecordCheck(jan.participantId, coordinator.personId, checkedAt);
      expect(await repos().mentors.card(org.id, jan.participantId)).toMatchObject({
        recordCheckedAt: checkedAt.toISOString(),
        review: "pending",
      });

      const reviewedAt = new Date("2026-09-03T08:00:00.000Z");
      await repos().mentors.review(jan.participantId, { review: "approved", reason: null, by: coordinator.personId, at: reviewedAt });
      const trainedAt = new Date("2026-09-10T12:00:00.000Z");
      await repos().mentors.markTrained(jan.participantId, trainedAt);
      expect(await repos().mentors.card(org.id, jan.participantId)).toMatchObject({
        review: "approved",
        reviewReason: null,
        trainedAt: trainedAt.toISOString(),
      });
      const row = await db()
        .selectFrom("mentor_profiles")
        .select(["record_check_by", "record_check_at", "reviewed_by", "reviewed_at"])
        .where("participant_id", "=", jan.participantId)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({
        record_check_by: coordinator.personId,
        record_check_at: checkedAt,
        reviewed_by: coordinator.personId,
        reviewed_at: reviewedAt,
      });

      await repos().mentors.markTrained(jan.participantId, null);
      expect((await repos().mentors.card(org.id, jan.participantId))?.trainedAt).toBeNull();

      const boris = mentors.get("Борисов Борис")!;
      await repos().mentors.review(boris.participantId, {
        review: "declined",
        reason: "не подходит по времени",
        by: coordinator.personId,
        at: reviewedAt,
      });
      expect(await repos().mentors.card(org.id, boris.participantId)).toMatchObject({
        review: "declined",
        reviewReason: "не подходит по времени",
      });
      expect((await repos().mentors.list(org.id, { offset: 0, limit: 10 })).mentors.map((card) => card.fullName)).toEqual([
        "Антонова Анна",
        "Яковлев Ян",
        "Борисов Борис",
        "Власова Вера",
      ]);
    });
  });

  describe("pairs", () => {
    let org: Organisation;
    let other: Organisation;
    let coordinator: Registered;
    let earlierCycle: Cycle;
    let cycle: Cycle;
    const people = new Map<string, Registered>();
    const id = (name: string) => people.get(name)!.participantId;

    beforeAll(async () => {
      org = await organisation("Школа № 11");
      other = await organisation("Школа № 12");
      coordinator = await coordinatorOf(org.id);
      const add = async (name: string, registered: Promise<Registered>) => people.set(name, await registered);
      await add(
        "Учителева Татьяна",
        mentorOf(org.id, "Учителева Татьяна", { capacity: 3, directions: ["studies", "career"], offer: "математика" }),
      );
      await add("Ожидающий Олег", mentorOf(org.id, "Ожидающий Олег", { kind: "adult" }));
      await add("Отклонённый Остап", mentorOf(org.id, "Отклонённый Остап", { kind: "adult" }));
      await add("Ушедшая Ульяна", mentorOf(org.id, "Ушедшая Ульяна"));
      await add(
        "Студентов Степан",
        mentorOf(org.id, "Студентов Степан", { kind: "student", birthYear: 2008, capacity: 1, offer: "", availability: "" }),
      );
      await add("Активная Алиса", mentee(org.id, "Активная Алиса", "active", { goals: "подготовка к олимпиаде" }));
      await add("Ждущий Женя", mentee(org.id, "Ждущий Женя", "awaiting_consent"));
      await add("Отказанный Отто", mentee(org.id, "Отказанный Отто", "declined"));
      await add("Опубликованный Павел", mentee(org.id, "Опубликованный Павел"));
      await add(
        "Черновикова Чара",
        mentee(org.id, "Черновикова Чара", "active", { birthYear: 2013, grade: "5А", directions: ["projects"] }),
      );
      await add("Прошлогодний Пётр", mentee(org.id, "Прошлогодний Пётр"));
      await add("Ушедший Устин", mentee(org.id, "Ушедший Устин"));
      await add("Завершивший Захар", mentee(org.id, "Завершивший Захар"));
      // Another organisation's ready mentee and approved mentor.
      await add("Чужой Ученик", mentee(other.id, "Чужой Ученик"));
      await add("Чужой Наставник", mentorOf(other.id, "Чужой Наставник"));
      await approve(id("Чужой Наставник"), coordinator.personId);

      for (const name of ["Учителева Татьяна", "Ушедшая Ульяна", "Студентов Степан"]) await approve(id(name), coordinator.personId);
      await repos().mentors.review(id("Отклонённый Остап"), {
        review: "declined",
        reason: "нет справки",
        by: coordinator.personId,
        at: new Date(),
      });
      await repos().people.setStatus(id("Ушедшая Ульяна"), "left");
      await repos().people.setStatus(id("Ушедший Устин"), "left");

      // Last year's cycle: Пётр was Татьяна's mentee.
      earlierCycle = await openCycle(org.id, coordinator.personId, "Прошлый цикл");
      await repos().pairs.saveDraft(org.id, earlierCycle.id, [unit(id("Учителева Татьяна"), [id("Прошлогодний Пётр")])]);
      await repos().pairs.publish(earlierCycle.id, new Date("2025-09-15T09:00:00Z"));
      await repos().cycles.setStage(earlierCycle.id, "archived");

      // This cycle: Павел and Захар published with Татьяна, then Захар's membership ended; Чара in a draft.
      cycle = await openCycle(org.id, coordinator.personId);
      await repos().pairs.saveDraft(org.id, cycle.id, [
        unit(id("Учителева Татьяна"), [id("Опубликованный Павел"), id("Завершивший Захар")]),
      ]);
      expect(await repos().pairs.publish(cycle.id, new Date("2026-09-15T09:00:00Z"))).toBe(1);
      await db()
        .updateTable("pair_mentees")
        .set({ ended_at: new Date() })
        .where("mentee_participant_id", "=", id("Завершивший Захар"))
        .execute();
      await repos().pairs.saveDraft(org.id, cycle.id, [
        unit(id("Студентов Степан"), [id("Черновикова Чара")], { form: "student_student" }),
      ]);
    });

    it("pool: active mentees not in a published pair of the cycle, approved mentors with places left, and who is waiting", async () => {
      const pool = await repos().pairs.pool(org.id, cycle.id);
      expect(pool.mentees.map((entry) => entry.name)).toEqual([
        "Активная Алиса",
        "Черновикова Чара",
        "Прошлогодний Пётр",
        "Завершивший Захар",
      ]);
      expect(pool.mentees[0]).toEqual({
        id: id("Активная Алиса"),
        orgId: org.id,
        cycleId: cycle.id,
        name: "Активная Алиса",
        birthYear: 2012,
        directions: ["studies", "career"],
        request: "подготовка к олимпиаде",
      });
      expect(pool.mentors).toEqual([
        {
          id: id("Учителева Татьяна"),
          orgId: org.id,
          cycleId: cycle.id,
          name: "Учителева Татьяна",
          birthYear: 1985,
          kind: "teacher",
          directions: ["studies", "career"],
          offer: "математика",
          availability: "вторник после 16:00",
          // Three places; Павел takes one; Захар's ended membership and last year's Пётр take none.
          capacity: 2,
        },
        expect.objectContaining({ id: id("Студентов Степан"), kind: "student", birthYear: 2008, capacity: 1, offer: "", availability: "" }),
      ]);
      // Женя waits for consent; Олег waits for a decision (Остап was declined, so he is not waiting).
      expect(pool.menteesWaitingConsent).toBe(1);
      expect(pool.mentorsNotApproved).toBe(1);
    });

    it("pool of another organisation knows none of these people", async () => {
      const theirs = await repos().pairs.pool(other.id, cycle.id);
      expect(theirs.mentees.map((entry) => entry.name)).toEqual(["Чужой Ученик"]);
      expect(theirs.mentors.map((entry) => entry.name)).toEqual(["Чужой Наставник"]);
    });

    it("earlierPairs: published pairs of the organisation's other cycles, never drafts", async () => {
      expect(await repos().pairs.earlierPairs(org.id, cycle.id)).toEqual([[id("Учителева Татьяна"), id("Прошлогодний Пётр")]]);
      const fromNow = await repos().pairs.earlierPairs(org.id, earlierCycle.id);
      expect(fromNow.sort((a, b) => a[1] - b[1])).toEqual([
        [id("Учителева Татьяна"), id("Опубликованный Павел")],
        [id("Учителева Татьяна"), id("Завершивший Захар")],
      ]);
      expect(await repos().pairs.earlierPairs(other.id, cycle.id)).toEqual([]);
    });

    it("units: the draft with names, grades, scores and reasons, mentors by name", async () => {
      expect(await repos().pairs.units(cycle.id, "draft")).toEqual([
        {
          pairId: expect.any(Number),
          mentorId: id("Студентов Степан"),
          mentorPersonId: people.get("Студентов Степан")!.personId,
          mentorName: "Студентов Степан",
          mentorKind: "student",
          form: "student_student",
          direction: "studies",
          status: "draft",
          // Suggested when the draft is shown; none stored until the coordinator or the draft sets one.
          variant: null,
          members: [
            {
              menteeId: id("Черновикова Чара"),
              menteePersonId: people.get("Черновикова Чара")!.personId,
              menteeName: "Черновикова Чара",
              menteeGrade: "5А",
              menteeBirthYear: 2013,
              score: 34,
              why: { sharedDirections: ["studies"], sharedWords: ["матем"], availability: true },
              pinned: false,
            },
          ],
        },
      ]);
      // The published unit shows only the memberships that have not ended.
      const published = await repos().pairs.units(cycle.id, "published");
      expect(published.map((entry) => [entry.mentorName, entry.status, entry.members.map((member) => member.menteeName)])).toEqual([
        ["Учителева Татьяна", "published", ["Опубликованный Павел"]],
      ]);
    });

    it("saveDraft replaces the whole draft and leaves published pairs alone; publish makes the draft the cycle's pairs", async () => {
      await repos().pairs.saveDraft(org.id, cycle.id, [
        unit(id("Учителева Татьяна"), [id("Активная Алиса"), id("Завершивший Захар")], { direction: "career" }),
        {
          mentorId: id("Студентов Степан"),
          form: "student_student",
          direction: null,
          members: [{ menteeId: id("Прошлогодний Пётр"), score: 10, why: null, pinned: true }],
        },
        unit(id("Учителева Татьяна"), []),
      ]);
      const draft = await repos().pairs.units(cycle.id, "draft");
      expect(
        draft.map((entry) => [
          entry.mentorName,
          entry.direction,
          entry.members.map((member) => [member.menteeName, member.pinned, member.why]),
        ]),
      ).toEqual([
        ["Студентов Степан", null, [["Прошлогодний Пётр", true, null]]],
        [
          "Учителева Татьяна",
          "career",
          [
            ["Активная Алиса", false, { sharedDirections: ["studies"], sharedWords: ["матем"], availability: true }],
            ["Завершивший Захар", false, { sharedDirections: ["studies"], sharedWords: ["матем"], availability: true }],
          ],
        ],
      ]);
      // Чара's earlier draft is gone with it.
      const draftRows = await db()
        .selectFrom("pairs")
        .select("id")
        .where("cycle_id", "=", cycle.id)
        .where("status", "=", "draft")
        .execute();
      expect(draftRows).toHaveLength(2);
      expect((await repos().pairs.units(cycle.id, "published")).map((entry) => entry.members.length)).toEqual([1]);

      const at = new Date("2026-09-20T10:00:00.000Z");
      expect(await repos().pairs.publish(cycle.id, at)).toBe(2);
      expect(await repos().pairs.units(cycle.id, "draft")).toEqual([]);
      const published = await repos().pairs.units(cycle.id, "published");
      expect(published.map((entry) => [entry.mentorName, entry.members.map((member) => member.menteeName)])).toEqual([
        ["Студентов Степан", ["Прошлогодний Пётр"]],
        ["Учителева Татьяна", ["Опубликованный Павел"]],
        ["Учителева Татьяна", ["Активная Алиса", "Завершивший Захар"]],
      ]);
      const stamps = await db()
        .selectFrom("pairs")
        .select("published_at")
        .where("cycle_id", "=", cycle.id)
        .where("published_at", "=", at)
        .execute();
      expect(stamps).toHaveLength(2);
      expect(await repos().pairs.publish(cycle.id, at)).toBe(0);

      // Who is left to match, and the places left.
      const pool = await repos().pairs.pool(org.id, cycle.id);
      expect(pool.mentees.map((entry) => entry.name)).toEqual(["Черновикова Чара"]);
      expect(pool.mentors.map((entry) => [entry.name, entry.capacity])).toEqual([
        ["Учителева Татьяна", 0],
        ["Студентов Степан", 0],
      ]);
    });

    it("records a mentee's situations for coordinators, replaces them, and clears them", async () => {
      const alisa = id("Активная Алиса");
      const chara = id("Черновикова Чара");
      const at = new Date("2026-09-05T10:00:00.000Z");
      await repos().pairs.setSituations(org.id, alisa, ["struggling", "special_needs"], coordinator.personId, at);
      expect(await repos().pairs.situations([alisa, chara])).toEqual(new Map([[alisa, ["struggling", "special_needs"]]]));
      await repos().pairs.setSituations(org.id, alisa, ["detached"], coordinator.personId, at);
      await repos().pairs.setSituations(org.id, chara, ["disoriented"], coordinator.personId, at);
      expect(await repos().pairs.situations([alisa, chara])).toEqual(
        new Map([
          [alisa, ["detached"]],
          [chara, ["disoriented"]],
        ]),
      );
      await repos().pairs.setSituations(org.id, alisa, [], coordinator.personId, at);
      expect(await repos().pairs.situations([alisa, chara])).toEqual(new Map([[chara, ["disoriented"]]]));
      expect(await repos().pairs.situations([])).toEqual(new Map());
      const row = await db().selectFrom("mentee_situations").selectAll().where("participant_id", "=", chara).executeTakeFirstOrThrow();
      expect(row).toEqual({
        participant_id: chara,
        org_id: org.id,
        situations: ["disoriented"],
        recorded_by: coordinator.personId,
        recorded_at: at,
      });
    });

    it("parentsOf: the parents whose consent stands, not declined, withdrawn or the child's own", async () => {
      const both = await mentee(org.id, "Двухродительская Даша", "awaiting_consent");
      const withdrawn = await mentee(org.id, "Отозванный Олег", "awaiting_consent");
      const declined = await mentee(org.id, "Несогласный Нил", "awaiting_consent");
      const own = await mentee(org.id, "Самостоятельная Соня", "active", { birthYear: 2010 });
      await repos().consents.record({
        participantId: own.participantId,
        giver: "self",
        giverPersonId: own.personId,
        textVersion: CONSENT_TEXT_VERSION,
        decision: "granted",
        platform: "telegram",
        decidedAt: new Date(),
      });
      const mother = await parentAnswers(org.id, both, "granted", "Мамина Мария");
      const father = await parentAnswers(org.id, both, "granted", "Папин Павел");
      const gone = await parentAnswers(org.id, withdrawn, "granted");
      await repos().consents.withdraw(gone.consentId, gone.personId, new Date());
      await parentAnswers(org.id, declined, "declined");

      const parents = await repos().pairs.parentsOf([
        both.participantId,
        withdrawn.participantId,
        declined.participantId,
        own.participantId,
      ]);
      expect(parents.sort((a, b) => a.parentPersonId - b.parentPersonId)).toEqual([
        { menteeId: both.participantId, parentPersonId: mother.personId },
        { menteeId: both.participantId, parentPersonId: father.personId },
      ]);
      expect(await repos().pairs.parentsOf([])).toEqual([]);
    });
  });

  describe("announcements", () => {
    let org: Organisation;
    let coordinator: Registered;
    const message: MessageSpec = { text: [msg("announcement", { org: "Школа № 21", text: "Собрание в пятницу в 15:00" })] };
    const audience = {} as Record<"mentees" | "mentors" | "parents", number[]>;

    beforeAll(async () => {
      org = await organisation("Школа № 21");
      const elsewhere = await organisation("Школа № 22");
      coordinator = await coordinatorOf(org.id);
      const ann = await mentee(org.id, "Анна Первая", "awaiting_consent");
      const boris = await mentee(org.id, "Борис Второй", "awaiting_consent");
      await mentee(org.id, "Вера Ждущая", "awaiting_consent");
      const left = await mentee(org.id, "Глеб Ушедший");
      await repos().people.setStatus(left.participantId, "left");
      const teacher = await mentorOf(org.id, "Дарья Наставница");
      await mentorOf(org.id, "Евгений Без Согласия", { kind: "student", birthYear: 2009 }, "awaiting_consent");
      const annsParent = await parentAnswers(org.id, ann, "granted", "Родитель Анны");
      const borisParent = await parentAnswers(org.id, boris, "granted", "Родитель Бориса");
      // Someone of another organisation hears nothing.
      const stranger = await mentee(elsewhere.id, "Чужой Ученик", "awaiting_consent");
      await parentAnswers(elsewhere.id, stranger, "granted");
      await mentorOf(elsewhere.id, "Чужой Наставник");
      audience.mentees = [ann.personId, boris.personId].sort((a, b) => a - b);
      audience.mentors = [teacher.personId];
      audience.parents = [annsParent.personId, borisParent.personId].sort((a, b) => a - b);
    });

    it("reaches the people of a role who take part in the organisation", async () => {
      for (const role of ["mentees", "mentors", "parents"] as const) {
        expect((await repos().announcements.audience(org.id, role)).sort((a, b) => a - b)).toEqual(audience[role]);
      }
    });

    it("records the announcement and plans one outbox message per person, tied to it", async () => {
      const created = await repos().announcements.create(org.id, "parents", "Собрание в пятницу в 15:00", coordinator.personId, message);
      expect(created).toEqual({ id: expect.any(Number), recipients: 2 });
      const row = await db().selectFrom("announcements").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        org_id: org.id,
        audience: "parents",
        body: "Собрание в пятницу в 15:00",
        created_by: coordinator.personId,
        recipients: 2,
      });
      const outbox = await db()
        .selectFrom("outbox")
        .select(["person_id", "account_id", "dedup_key", "message", "announcement_id", "sent_at"])
        .where("announcement_id", "=", created.id)
        .orderBy("person_id")
        .execute();
      expect(outbox).toEqual(
        audience.parents.map((personId) => ({
          person_id: personId,
          account_id: null,
          dedup_key: `announcement:${created.id}:${personId}`,
          message: JSON.parse(JSON.stringify(message)),
          announcement_id: created.id,
          sent_at: null,
        })),
      );
    });

    it("counts delivered, failed and waiting messages of an announcement, for its organisation only", async () => {
      const created = await repos().announcements.create(org.id, "mentees", "Завтра нет занятий", coordinator.personId, message);
      expect(await repos().announcements.progress(org.id, created.id)).toEqual({ recipients: 2, delivered: 0, failed: 0, waiting: 2 });
      const [first, second] = await db()
        .selectFrom("outbox")
        .select("id")
        .where("announcement_id", "=", created.id)
        .orderBy("id")
        .execute();
      await repos().outbox.markSent(first!.id, new Date());
      expect(await repos().announcements.progress(org.id, created.id)).toEqual({ recipients: 2, delivered: 1, failed: 0, waiting: 1 });
      await repos().outbox.markFailed(second!.id, new Date(), "403 Forbidden: bot was blocked by the user");
      expect(await repos().announcements.progress(org.id, created.id)).toEqual({ recipients: 2, delivered: 1, failed: 1, waiting: 0 });
      const elsewhere = await organisation("Школа № 23");
      expect(await repos().announcements.progress(elsewhere.id, created.id)).toBeUndefined();
      expect(await repos().announcements.progress(org.id, 999_999)).toBeUndefined();
    });

    it("records an announcement to nobody without planning messages", async () => {
      const empty = await organisation("Пустая школа");
      const nobody = await coordinatorOf(empty.id);
      const created = await repos().announcements.create(empty.id, "mentors", "Есть кто?", nobody.personId, message);
      expect(created.recipients).toBe(0);
      expect(await repos().announcements.progress(empty.id, created.id)).toEqual({ recipients: 0, delivered: 0, failed: 0, waiting: 0 });
    });
  });

  describe("row-level security: inside one organisation's scope, another's rows do not exist", () => {
    let a: Organisation;
    let b: Organisation;
    const ours = {} as {
      coordinator: Registered;
      mentee: Registered;
      mentor: Registered;
      cycle: Cycle;
      parent: { personId: number; consentId: number };
    };
    const theirs = {} as {
      coordinator: Registered;
      mentee: Registered;
      mentor: Registered;
      cycle: Cycle;
      parent: { personId: number; consentId: number };
      pairId: number;
      announcementId: number;
      invite: string;
    };

    beforeAll(async () => {
      a = await organisation("Школа А");
      b = await organisation("Школа Б");
      for (const [org, side] of [
        [a, ours],
        [b, theirs],
      ] as const) {
        side.coordinator = await coordinatorOf(org.id, `Куратор ${org.name}`);
        side.mentee = await mentee(org.id, `Ученик ${org.name}`, "awaiting_consent");
        side.parent = await parentAnswers(org.id, side.mentee, "granted", `Родитель ${org.name}`);
        side.mentor = await mentorOf(org.id, `Наставник ${org.name}`);
        await approve(side.mentor.participantId, side.coordinator.personId);
        side.cycle = await openCycle(org.id, side.coordinator.personId, `Цикл ${org.name}`);
        await repos().pairs.saveDraft(org.id, side.cycle.id, [unit(side.mentor.participantId, [side.mentee.participantId])]);
        await repos().pairs.publish(side.cycle.id, new Date());
        await repos().pairs.setSituations(org.id, side.mentee.participantId, ["struggling"], side.coordinator.personId, new Date());
      }
      theirs.pairId = (await repos().pairs.units(theirs.cycle.id, "published"))[0]!.pairId;
      theirs.announcementId = (
        await repos().announcements.create(b.id, "mentors", "Только для Б", theirs.coordinator.personId, {
          text: [msg("announcement", { org: "x", text: "Б" })],
        })
      ).id;
      theirs.invite = await repos().invites.issue({ purpose: "mentor", orgId: b.id, now: new Date() });
    });

    it("sees its own organisation as usual (the checks below are not vacuous)", async () => {
      await inOrganisation(db(), a.id, async (scoped) => {
        expect((await scoped.people.base(a.id, "mentee", { offset: 0, limit: 10 })).entries.map((entry) => entry.fullName)).toEqual([
          `Ученик ${a.name}`,
        ]);
        expect(await scoped.people.get(ours.mentee.personId)).toMatchObject({ fullName: `Ученик ${a.name}` });
        expect(await scoped.people.get(ours.parent.personId)).toMatchObject({ fullName: `Родитель ${a.name}` });
        expect(await scoped.people.menteeProfile(ours.mentee.participantId)).toMatchObject({ grade: "7Б" });
        expect(await scoped.mentors.card(a.id, ours.mentor.participantId)).toMatchObject({ review: "approved" });
        expect(await scoped.cycles.current(a.id)).toEqual(ours.cycle);
        expect(await scoped.organisations.get(a.id)).toMatchObject({ id: a.id });
        expect((await scoped.pairs.units(ours.cycle.id, "published")).map((entry) => entry.members.length)).toEqual([1]);
        expect(await scoped.pairs.situations([ours.mentee.participantId])).toEqual(new Map([[ours.mentee.participantId, ["struggling"]]]));
        expect(await scoped.pairs.parentsOf([ours.mentee.participantId])).toEqual([
          { menteeId: ours.mentee.participantId, parentPersonId: ours.parent.personId },
        ]);
        expect(await scoped.consents.latest(ours.mentee.participantId)).toHaveLength(1);
        expect(await scoped.announcements.audience(a.id, "parents")).toEqual([ours.parent.personId]);
        const announced = await scoped.announcements.create(a.id, "mentors", "Для А", ours.coordinator.personId, {
          text: [msg("announcement", { org: "x", text: "А" })],
        });
        expect(announced.recipients).toBe(1);
        expect(
          (await scoped.invites.find(await scoped.invites.issue({ purpose: "mentee", orgId: a.id, now: new Date() }), new Date())).ok,
        ).toBe(true);
      });
    });

    it("cannot read another organisation's participants, people, profiles, consents or invites", async () => {
      await inOrganisation(db(), a.id, async (scoped) => {
        expect(await scoped.people.base(b.id, "mentee", { offset: 0, limit: 10 })).toEqual({ total: 0, entries: [] });
        expect(await scoped.people.base(b.id, "mentor", { offset: 0, limit: 10 })).toEqual({ total: 0, entries: [] });
        for (const person of [theirs.mentee.personId, theirs.mentor.personId, theirs.coordinator.personId, theirs.parent.personId]) {
          expect(await scoped.people.get(person)).toBeUndefined();
          expect(await scoped.people.memberships(person)).toEqual([]);
        }
        expect(await scoped.people.participant(theirs.mentee.participantId)).toBeUndefined();
        expect(await scoped.people.menteeProfile(theirs.mentee.participantId)).toBeUndefined();
        expect(await scoped.people.mentorProfile(theirs.mentor.participantId)).toBeUndefined();
        expect(await scoped.mentors.card(b.id, theirs.mentor.participantId)).toBeUndefined();
        expect(await scoped.mentors.list(b.id, { offset: 0, limit: 10 })).toEqual({ total: 0, mentors: [] });
        expect(await scoped.consents.latest(theirs.mentee.participantId)).toEqual([]);
        expect(await scoped.consents.grantedBy(theirs.parent.personId)).toEqual([]);
        expect(await scoped.invites.find(theirs.invite, new Date())).toEqual({ ok: false, reason: "unknown" });
        expect(await scoped.invites.redeem(theirs.invite, new Date())).toEqual({ ok: false, reason: "unknown" });
        expect(await scoped.organisations.get(b.id)).toBeUndefined();
        expect(await scoped.organisations.coordinatorPersonIds(b.id)).toEqual([]);
      });
      // The invite was not used up by the attempt.
      expect((await repos().invites.find(theirs.invite, new Date())).ok).toBe(true);
    });

    it("cannot read another organisation's cycles, pairs, situations or announcements", async () => {
      await inOrganisation(db(), a.id, async (scoped) => {
        expect(await scoped.cycles.get(theirs.cycle.id)).toBeUndefined();
        expect(await scoped.cycles.current(b.id)).toBeUndefined();
        expect(await scoped.cycles.organisationForms(b.id)).toEqual([]);
        expect(await scoped.pairs.units(theirs.cycle.id, "published")).toEqual([]);
        const pool = await scoped.pairs.pool(b.id, theirs.cycle.id);
        expect(pool).toEqual({ mentees: [], mentors: [], menteesWaitingConsent: 0, mentorsNotApproved: 0 });
        expect(await scoped.pairs.earlierPairs(b.id, ours.cycle.id)).toEqual([]);
        expect(await scoped.pairs.situations([theirs.mentee.participantId])).toEqual(new Map());
        expect(await scoped.pairs.parentsOf([theirs.mentee.participantId])).toEqual([]);
        expect(await scoped.announcements.audience(b.id, "mentors")).toEqual([]);
        expect(await scoped.announcements.progress(b.id, theirs.announcementId)).toBeUndefined();
        const counts = await scoped.pairs.pool(a.id, ours.cycle.id);
        expect(counts.mentors.map((entry) => entry.id)).toEqual([ours.mentor.participantId]);
      });
    });

    it("cannot change another organisation's rows: updates change nothing", async () => {
      await inOrganisation(db(), a.id, async (scoped) => {
        await scoped.mentors.review(theirs.mentor.participantId, {
          review: "declined",
          reason: "взлом",
          by: ours.coordinator.personId,
          at: new Date(),
        });
        await scoped.mentors.confirmRecordCheck(theirs.mentor.participantId, ours.coordinator.personId, new Date());
        await scoped.mentors.markTrained(theirs.mentor.participantId, new Date());
        await scoped.people.updateMentorProfile(theirs.mentor.participantId, { capacity: 9, offer: "чужое" });
        await scoped.people.updateMenteeProfile(theirs.mentee.participantId, { goals: "чужое" });
        await scoped.people.setStatus(theirs.mentee.participantId, "left");
        await scoped.people.rename(theirs.mentee.personId, "Переименованный");
        await scoped.cycles.setStage(theirs.cycle.id, "archived");
        await scoped.cycles.setOrganisationForms(b.id, []);
        expect(await scoped.pairs.publish(theirs.cycle.id, new Date())).toBe(0);
        await scoped.pairs.setSituations(b.id, theirs.mentee.participantId, [], ours.coordinator.personId, new Date());
        await scoped.consents.withdraw(theirs.parent.consentId, theirs.parent.personId, new Date());
        await scoped.invites.revokeFor("mentor", theirs.mentee.participantId);
      });
      // Seen from outside any scope, nothing of B's changed.
      expect(await repos().mentors.card(b.id, theirs.mentor.participantId)).toMatchObject({
        review: "approved",
        reviewReason: null,
        trainedAt: null,
        capacity: 3,
        offer: "математика, физика",
      });
      expect(await repos().people.menteeProfile(theirs.mentee.participantId)).toMatchObject({
        status: "active",
        goals: "разобраться с математикой",
        fullName: `Ученик ${b.name}`,
      });
      expect(await repos().cycles.current(b.id)).toMatchObject({ id: theirs.cycle.id, stage: "matching" });
      expect(await repos().cycles.organisationForms(b.id)).toEqual([...MENTORING_FORMS]);
      expect(await repos().pairs.situations([theirs.mentee.participantId])).toEqual(
        new Map([[theirs.mentee.participantId, ["struggling"]]]),
      );
      expect(await repos().pairs.parentsOf([theirs.mentee.participantId])).toEqual([
        { menteeId: theirs.mentee.participantId, parentPersonId: theirs.parent.personId },
      ]);
    });

    it("touches 0 of another organisation's rows with any UPDATE or DELETE, whatever the WHERE says", async () => {
      const tables = {
        participants: sql`UPDATE participants SET status = 'left' WHERE org_id = ${b.id}`,
        people: sql`UPDATE people SET full_name = 'x' WHERE id = ${theirs.mentee.personId}`,
        mentee_profiles: sql`UPDATE mentee_profiles SET goals = 'x' WHERE participant_id = ${theirs.mentee.participantId}`,
        mentor_profiles: sql`UPDATE mentor_profiles SET capacity = 9 WHERE participant_id = ${theirs.mentor.participantId}`,
        cycles: sql`UPDATE cycles SET stage = 'archived' WHERE org_id = ${b.id}`,
        pairs: sql`UPDATE pairs SET status = 'ended' WHERE org_id = ${b.id}`,
        pair_mentees: sql`DELETE FROM pair_mentees WHERE org_id = ${b.id}`,
        mentee_situations: sql`DELETE FROM mentee_situations WHERE org_id = ${b.id}`,
        announcements: sql`UPDATE announcements SET body = 'x' WHERE org_id = ${b.id}`,
        invites: sql`UPDATE invites SET uses_left = 0 WHERE org_id = ${b.id}`,
        consents: sql`UPDATE consents SET withdrawn_at = now() WHERE participant_id = ${theirs.mentee.participantId}`,
        organisations: sql`UPDATE organisations SET name = 'x' WHERE id = ${b.id}`,
        outbox: sql`UPDATE outbox SET failed_at = now() WHERE announcement_id = ${theirs.announcementId}`,
        accounts: sql`DELETE FROM accounts WHERE person_id = ${theirs.mentee.personId}`,
      };
      const touched: Record<string, number> = {};
      await asScopedRole(a.id, async (trx) => {
        for (const [table, statement] of Object.entries(tables))
          touched[table] = Number((await statement.execute(trx)).numAffectedRows ?? 0n);
      });
      expect(touched).toEqual(Object.fromEntries(Object.keys(tables).map((table) => [table, 0])));
      // And the same statements do reach the organisation's own rows.
      const own = await asScopedRole(b.id, async (trx) =>
        Number(
          (await sql`UPDATE mentor_profiles SET capacity = capacity WHERE participant_id = ${theirs.mentor.participantId}`.execute(trx))
            .numAffectedRows ?? 0n,
        ),
      );
      expect(own).toBe(1);
    });

    it("cannot insert rows for another organisation: the database refuses them", async () => {
      const now = new Date();
      const attempts: Array<[string, (scoped: Repositories) => Promise<unknown>]> = [
        [
          "a cycle",
          (scoped) =>
            scoped.cycles.open({
              ...newCycle(b.id, ours.coordinator.personId, "Чужой цикл"),
              startsOn: "2030-09-01",
              endsOn: "2031-05-31",
            }),
        ],
        [
          "a pair",
          (scoped) => scoped.pairs.saveDraft(b.id, theirs.cycle.id, [unit(theirs.mentor.participantId, [theirs.mentee.participantId])]),
        ],
        [
          "a situation",
          (scoped) => scoped.pairs.setSituations(b.id, theirs.mentee.participantId, ["detached"], ours.coordinator.personId, now),
        ],
        [
          "an announcement",
          (scoped) =>
            scoped.announcements.create(b.id, "mentors", "Чужое", ours.coordinator.personId, {
              text: [msg("announcement", { org: "x", text: "x" })],
            }),
        ],
        ["an invite", (scoped) => scoped.invites.issue({ purpose: "coordinator", orgId: b.id, now })],
        ["an organisation", (scoped) => scoped.organisations.create("Новая школа", "Europe/Moscow")],
        [
          "a consent",
          (scoped) =>
            scoped.consents.record({
              participantId: theirs.mentee.participantId,
              giver: "parent",
              giverPersonId: ours.coordinator.personId,
              textVersion: CONSENT_TEXT_VERSION,
              decision: "declined",
              platform: "telegram",
              decidedAt: now,
            }),
        ],
      ];
      for (const [what, attempt] of attempts) {
        await expect(inOrganisation(db(), a.id, attempt), what).rejects.toThrow(/row-level security|row level security/i);
      }
      // Nothing of it was written.
      expect(await repos().cycles.current(b.id)).toMatchObject({ id: theirs.cycle.id });
      expect(await db().selectFrom("cycles").select("id").where("org_id", "=", b.id).execute()).toHaveLength(1);
      expect(await repos().pairs.units(theirs.cycle.id, "draft")).toEqual([]);
      expect(await repos().consents.latest(theirs.mentee.participantId)).toEqual([
        expect.objectContaining({ giver: "parent", decision: "granted" }),
      ]);
      expect(await db().selectFrom("announcements").select("id").where("org_id", "=", b.id).execute()).toHaveLength(1);
    });

    /*
     * References across organisations: a scoped row may not point at another organisation's
     * participant, a coordinator's transaction may not create participants, and chat addresses
     * and outbox messages are only the organisation's people's.
     */
    describe("references across organisations", () => {
      class RolledBack extends Error {}
      /** Whether the work goes through in A's scope; the transaction is rolled back either way. */
      async function goesThrough(work: (scoped: Repositories) => Promise<unknown>): Promise<boolean> {
        try {
          await inOrganisation(db(), a.id, async (scoped) => {
            await work(scoped);
            throw new RolledBack();
          });
        } catch (error) {
          if (error instanceof RolledBack) return true;
        }
        return false;
      }
      let stranger: Registered;
      beforeAll(async () => {
        stranger = await mentee(b.id, "Незнакомый Ученик");
      });

      it("a situation cannot be recorded for another organisation's child under one's own org_id", async () => {
        expect(
          await goesThrough((scoped) =>
            scoped.pairs.setSituations(a.id, stranger.participantId, ["struggling"], ours.coordinator.personId, new Date()),
          ),
        ).toBe(false);
      });

      it("a draft pair cannot take another organisation's child", async () => {
        expect(
          await goesThrough((scoped) =>
            scoped.pairs.saveDraft(a.id, ours.cycle.id, [unit(ours.mentor.participantId, [stranger.participantId])]),
          ),
        ).toBe(false);
      });

      it("a coordinator's transaction cannot add a participant (which would bring another organisation's person into view)", async () => {
        await expect(
          asScopedRole(a.id, (trx) =>
            sql`INSERT INTO participants (org_id, person_id, role, status) VALUES (${a.id}, ${stranger.personId}, 'parent', 'active')`.execute(
              trx,
            ),
          ),
        ).rejects.toThrow(/permission denied/);
      });

      it("no chat address can be read, another organisation's or its own (chat ids are contacts)", async () => {
        await expect(inOrganisation(db(), a.id, (scoped) => scoped.accounts.addressOfAccount(stranger.accountId))).rejects.toThrow(
          /permission denied/,
        );
        await expect(inOrganisation(db(), a.id, (scoped) => scoped.accounts.addressOf(theirs.mentee.personId, new Date()))).rejects.toThrow(
          /permission denied/,
        );
      });

      it("reads no message text and no chat address, not even of a person in both organisations", async () => {
        await expect(asScopedRole(a.id, (trx) => sql`SELECT message FROM outbox LIMIT 1`.execute(trx))).rejects.toThrow(
          /permission denied/,
        );
        await expect(asScopedRole(a.id, (trx) => sql`SELECT chat_id FROM accounts LIMIT 1`.execute(trx))).rejects.toThrow(
          /permission denied/,
        );
        // Counting an announcement's messages, as its status screen does, still works.
        expect(await goesThrough((scoped) => scoped.announcements.progress(a.id, 0))).toBe(true);
      });

      it("sees, counts and withdraws only its own organisation's messages, even to a person in both", async () => {
        const both = await mentee(b.id, "Ученик двух школ");
        await db()
          .insertInto("participants")
          .values({ org_id: a.id, person_id: both.personId, role: "mentee", status: "active" })
          .execute();
        const topic = `probe:${unique()}`;
        await inOrganisation(db(), b.id, (scoped) =>
          scoped.outbox.enqueue([
            {
              dedupKey: `${topic}:b`,
              to: { personId: both.personId },
              message: { text: [msg("announcement", { org: "Б", text: "x" })] },
              topic,
            },
          ]),
        );
        await repos().outbox.enqueue([
          {
            dedupKey: `${topic}:a`,
            to: { personId: both.personId },
            message: { text: [msg("announcement", { org: "А", text: "x" })] },
            topic,
            orgId: a.id,
          },
        ]);
        const seenBy = (org: Organisation) =>
          asScopedRole(org.id, (trx) =>
            trx.selectFrom("outbox").select(["dedup_key", "org_id"]).where("person_id", "=", both.personId).execute(),
          );
        expect(await seenBy(a)).toEqual([{ dedup_key: `${topic}:a`, org_id: a.id }]);
        expect(await seenBy(b)).toEqual([{ dedup_key: `${topic}:b`, org_id: b.id }]);
        expect(await inOrganisation(db(), a.id, (scoped) => scoped.outbox.withdrawTopic(topic, new Date(), "probe"))).toBe(1);
        const left = await db()
          .selectFrom("outbox")
          .select(["dedup_key", "failed_at"])
          .where("topic", "=", topic)
          .orderBy("dedup_key")
          .execute();
        expect(left.map((row) => [row.dedup_key, row.failed_at === null])).toEqual([
          [`${topic}:a`, false],
          [`${topic}:b`, true],
        ]);
        // Nor can a scoped message claim to be about another organisation.
        expect(
          await goesThrough((scoped) =>
            scoped.outbox.enqueue([
              {
                dedupKey: `${topic}:forged`,
                to: { personId: both.personId },
                message: { text: [msg("announcement", { org: "Б", text: "x" })] },
                orgId: b.id,
              },
            ]),
          ),
        ).toBe(false);
      });

      it("messages to another organisation's people cannot be planned", async () => {
        expect(
          await goesThrough((scoped) =>
            scoped.outbox.enqueue([
              {
                dedupKey: `probe:${unique()}`,
                to: { personId: stranger.personId },
                message: { text: [msg("announcement", { org: "А", text: "x" })] },
              },
            ]),
          ),
        ).toBe(false);
      });
    });

    it("ends with the transaction: outside it, and in the other organisation's scope, everything is there", async () => {
      await inOrganisation(db(), a.id, async () => undefined);
      expect((await repos().people.base(b.id, "mentee", { offset: 0, limit: 10 })).entries.map((entry) => entry.fullName)).toContain(
        `Ученик ${b.name}`,
      );
      await inOrganisation(db(), b.id, async (scoped) => {
        expect(await scoped.cycles.get(theirs.cycle.id)).toMatchObject({ orgId: b.id });
        expect(await scoped.cycles.get(ours.cycle.id)).toBeUndefined();
        expect(await scoped.people.get(ours.mentee.personId)).toBeUndefined();
      });
      // Several scoped transactions at once each keep their own organisation.
      const seen = await Promise.all(
        Array.from({ length: 6 }, (_, index) => {
          const [org, cycle] = index % 2 === 0 ? [a, ours.cycle] : [b, theirs.cycle];
          return inOrganisation(db(), org.id, async (scoped) => (await scoped.cycles.get(cycle.id))?.orgId);
        }),
      );
      expect(seen).toEqual([a.id, b.id, a.id, b.id, a.id, b.id]);
    });
  });
});
