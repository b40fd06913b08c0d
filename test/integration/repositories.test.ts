import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#root/db/connection.ts";
import { createRepositories, type Repositories } from "#root/db/repositories/index.ts";
import type { Organisation } from "#root/db/repositories/organisations.ts";
import type { Registration } from "#root/db/repositories/people.ts";
import { CONSENT_TEXT_VERSION } from "#root/domain/consent.ts";
import type { ParticipantStatus } from "#root/domain/programme.ts";
import { isWellFormedToken } from "#root/domain/tokens.ts";
import type { Incoming, Platform } from "#root/messaging/messenger.ts";
import { hashToken, newLinkCode, newToken } from "#root/tokens.ts";
import { openTestDatabase, testDatabaseKind } from "../support/database.ts";

const kind = testDatabaseKind();
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** The day the repositories are asked about (a person's age, so «ты» or «вы», is read on it). */
const TODAY = new Date("2026-12-07T09:00:00Z");

let sequence = 0;
const unique = () => {
  sequence += 1;
  return `${Date.now().toString(36)}${sequence}`;
};

function incoming(overrides: Partial<Incoming> = {}): Incoming {
  const userId = overrides.userId ?? unique();
  return {
    updateKey: `${overrides.platform ?? "telegram"}:${unique()}`,
    platform: "telegram",
    chatId: userId,
    userId,
    sentAt: new Date().toISOString(),
    event: { kind: "text", text: "привет" },
    ...overrides,
  };
}

interface Fixture {
  handle: DatabaseHandle;
  repos: Repositories;
  org: Organisation;
  otherOrg: Organisation;
}

/** A fresh migrated database per describe block, with two organisations. */
function useDatabase(): Fixture {
  const fixture = {} as Fixture;
  beforeAll(async () => {
    fixture.handle = await openTestDatabase();
    fixture.repos = createRepositories(fixture.handle.db);
    fixture.org = await fixture.repos.organisations.create("Школа № 5", "Europe/Moscow");
    fixture.otherOrg = await fixture.repos.organisations.create("Лицей № 2", "Asia/Yekaterinburg");
  });
  afterAll(async () => {
    await fixture.handle?.close();
  });
  return fixture;
}

const menteeAnswers = (fullName: string, birthYear = 2013) => ({
  role: "mentee" as const,
  answers: { fullName, birthYear, grade: "7Б", directions: ["studies" as const, "career" as const], goals: "разобраться с математикой" },
});

const mentorAnswers = (fullName: string) => ({
  role: "mentor" as const,
  answers: {
    fullName,
    birthYear: 1985,
    kind: "teacher" as const,
    directions: ["projects" as const],
    offer: "робототехника",
    capacity: 3,
    availability: "вторник после 16:00",
  },
});

interface Registered {
  accountId: number;
  personId: number;
  participantId: number;
}

/** Registers someone through an invite of the role's purpose, as the registration flows do. */
async function register(
  f: Fixture,
  registration: Registration & { role: "mentee" | "mentor" | "coordinator" },
  options: { orgId?: number; status?: ParticipantStatus; platform?: Platform; selfConsent?: boolean; now?: Date } = {},
): Promise<Registered> {
  const now = options.now ?? new Date();
  const orgId = options.orgId ?? f.org.id;
  const account = await f.repos.accounts.touch(incoming({ platform: options.platform ?? "telegram" }), TODAY);
  const token = await f.repos.invites.issue({ purpose: registration.role, orgId, now });
  const result = await f.repos.people.register({
    accountId: account.id,
    locale: "ru",
    token,
    orgId,
    status: options.status ?? "active",
    registration,
    selfConsent: options.selfConsent ? { textVersion: CONSENT_TEXT_VERSION, platform: options.platform ?? "telegram" } : undefined,
    now,
  });
  if (!result.ok) throw new Error(`registration refused: ${result.reason}`);
  return { accountId: account.id, personId: result.personId, participantId: result.participantId };
}

async function count(
  f: Fixture,
  table: "people" | "participants" | "consents" | "mentee_profiles" | "mentor_profiles" | "outbox" | "inbox",
): Promise<number> {
  const row = await f.handle.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function usesLeft(f: Fixture, token: string): Promise<number | undefined> {
  const row = await f.handle.db.selectFrom("invites").select("uses_left").where("token_hash", "=", hashToken(token)).executeTakeFirst();
  return row?.uses_left;
}

describe(`repositories on ${kind}`, () => {
  // One database for the file (a fresh one costs about a second); tests that count rows or claim
  // due work keep to their own rows.
  const f = useDatabase();

  describe("accounts", () => {
    it("touch creates an account on first contact", async () => {
      const message = incoming({ platform: "vk", userId: "5001", chatId: "5001", languageCode: "en", callbackButtons: false });
      const account = await f.repos.accounts.touch(message, TODAY);
      expect(account).toEqual({
        id: expect.any(Number),
        platform: "vk",
        chatId: "5001",
        personId: null,
        personLocale: null,
        chosenLocale: null,
        languageCode: "en",
        callbackButtons: false,
        // Nobody the bot knows yet: «вы».
        address: "vy",
      });
      const row = await f.handle.db.selectFrom("accounts").selectAll().where("id", "=", account.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ platform: "vk", external_id: "5001", chat_id: "5001", person_id: null, blocked_at: null });
    });

    it("touch updates the same account: last seen, language, chat; keeps the callback flag when the client does not say", async () => {
      const first = await f.repos.accounts.touch(
        incoming({ platform: "vk", userId: "5002", languageCode: "ru", callbackButtons: false }),
        TODAY,
      );
      const seen = async () =>
        (await f.handle.db.selectFrom("accounts").select("last_seen_at").where("id", "=", first.id).executeTakeFirstOrThrow()).last_seen_at;
      await f.handle.db
        .updateTable("accounts")
        .set({ last_seen_at: new Date(Date.now() - DAY) })
        .where("id", "=", first.id)
        .execute();
      const before = await seen();

      const second = await f.repos.accounts.touch(
        incoming({ platform: "vk", userId: "5002", chatId: "777", languageCode: undefined, callbackButtons: undefined }),
        TODAY,
      );
      expect(second.id).toBe(first.id);
      expect(second).toMatchObject({ chatId: "777", languageCode: "ru", callbackButtons: false });
      expect((await seen()).getTime()).toBeGreaterThan(before.getTime() + DAY / 2);

      const third = await f.repos.accounts.touch(
        incoming({ platform: "vk", userId: "5002", chatId: "777", languageCode: "en", callbackButtons: true }),
        TODAY,
      );
      expect(third).toMatchObject({ id: first.id, languageCode: "en", callbackButtons: true });
      const fourth = await f.repos.accounts.touch(incoming({ platform: "vk", userId: "5002", chatId: "777" }), TODAY);
      expect(fourth.callbackButtons).toBe(true);
      const rows = await f.handle.db.selectFrom("accounts").select("id").where("external_id", "=", "5002").execute();
      expect(rows).toHaveLength(1);
    });

    it("keeps the same user id on two platforms apart", async () => {
      const telegram = await f.repos.accounts.touch(incoming({ platform: "telegram", userId: "42" }), TODAY);
      const vk = await f.repos.accounts.touch(incoming({ platform: "vk", userId: "42" }), TODAY);
      expect(vk.id).not.toBe(telegram.id);
    });

    it("touch unblocks an account that writes again", async () => {
      const account = await f.repos.accounts.touch(incoming({ userId: "5003" }), TODAY);
      const person = await register(f, menteeAnswers("Блокин Петя"));
      await f.repos.accounts.attachPerson(account.id, person.personId);
      await f.repos.accounts.markBlocked(account.id);
      await f.repos.accounts.markBlocked(person.accountId);
      expect(await f.repos.accounts.addressOf(person.personId, TODAY)).toBeUndefined();
      expect(await f.repos.accounts.addressOfAccount(account.id)).toBeUndefined();

      await f.repos.accounts.touch(incoming({ userId: "5003" }), TODAY);
      const row = await f.handle.db.selectFrom("accounts").select("blocked_at").where("id", "=", account.id).executeTakeFirstOrThrow();
      expect(row.blocked_at).toBeNull();
      expect(await f.repos.accounts.addressOf(person.personId, TODAY)).toMatchObject({ accountId: account.id, chatId: "5003" });
    });

    it("touch tells the person and their language once attached, and forgets an erased person", async () => {
      const registered = await register(f, menteeAnswers("Иванова Маша"));
      await f.repos.people.setLocale(registered.personId, "en");
      const userId = (
        await f.handle.db.selectFrom("accounts").select("external_id").where("id", "=", registered.accountId).executeTakeFirstOrThrow()
      ).external_id;
      expect(await f.repos.accounts.touch(incoming({ userId }), TODAY)).toMatchObject({
        personId: registered.personId,
        personLocale: "en",
      });
      expect(await f.repos.accounts.personOf(registered.accountId)).toBe(registered.personId);

      // An erased person's row stays, but the account no longer leads to it.
      await f.handle.db.updateTable("people").set({ erased_at: new Date() }).where("id", "=", registered.personId).execute();
      expect(await f.repos.accounts.touch(incoming({ userId }), TODAY)).toMatchObject({ personId: null, personLocale: null });
      expect(await f.repos.accounts.personOf(registered.accountId)).toBeNull();
    });

    it("addressOf picks the account used last that has not blocked the bot", async () => {
      const registered = await register(f, menteeAnswers("Двуязыков Коля"));
      const vk = await f.repos.accounts.touch(incoming({ platform: "vk", userId: `vk${unique()}`, callbackButtons: false }), TODAY);
      await f.repos.accounts.attachPerson(vk.id, registered.personId);
      const setSeen = (id: number, at: number) =>
        f.handle.db
          .updateTable("accounts")
          .set({ last_seen_at: new Date(at) })
          .where("id", "=", id)
          .execute();

      await setSeen(registered.accountId, Date.now() - 10 * MINUTE);
      await setSeen(vk.id, Date.now() - 5 * MINUTE);
      expect(await f.repos.accounts.addressOf(registered.personId, TODAY)).toEqual({
        accountId: vk.id,
        platform: "vk",
        chatId: vk.chatId,
        callbackButtons: false,
        locale: "ru",
        // A mentee: «ты».
        address: "ty",
      });

      await setSeen(registered.accountId, Date.now() - MINUTE);
      expect(await f.repos.accounts.addressOf(registered.personId, TODAY)).toMatchObject({
        accountId: registered.accountId,
        platform: "telegram",
      });

      await f.repos.accounts.markBlocked(registered.accountId);
      expect(await f.repos.accounts.addressOf(registered.personId, TODAY)).toMatchObject({ accountId: vk.id, platform: "vk" });
      expect((await f.repos.accounts.platformsOf(registered.personId)).sort()).toEqual(["telegram", "vk"]);
    });

    it("addressOfAccount speaks the account's own language; setLanguage changes it", async () => {
      const account = await f.repos.accounts.touch(incoming({ languageCode: "en-GB" }), TODAY);
      expect(await f.repos.accounts.addressOfAccount(account.id)).toMatchObject({ accountId: account.id, locale: "en-GB" });
      await f.repos.accounts.setLanguage(account.id, "ru");
      expect(await f.repos.accounts.addressOfAccount(account.id)).toMatchObject({ locale: "ru" });
      expect(await f.repos.accounts.addressOfAccount(999_999)).toBeUndefined();
    });

    it("detachPerson lets go of every account and says which chats they were", async () => {
      const registered = await register(f, menteeAnswers("Отвязов Ваня"));
      const vk = await f.repos.accounts.touch(incoming({ platform: "vk", chatId: "vkchat-1", userId: "vkuser-1" }), TODAY);
      await f.repos.accounts.attachPerson(vk.id, registered.personId);
      const chats = await f.repos.accounts.detachPerson(registered.personId);
      expect(chats.map((chat) => chat.platform).sort()).toEqual(["telegram", "vk"]);
      expect(chats).toContainEqual({ platform: "vk", chatId: "vkchat-1" });
      expect(await f.repos.accounts.platformsOf(registered.personId)).toEqual([]);
      expect(await f.repos.accounts.addressOf(registered.personId, TODAY)).toBeUndefined();
    });
  });

  describe("invites", () => {
    it("issue stores only the token's hash and find reads the invite back", async () => {
      const now = new Date("2026-03-01T10:00:00Z");
      const token = await f.repos.invites.issue({ purpose: "mentee", orgId: f.org.id, now });
      expect(isWellFormedToken(token)).toBe(true);
      const rows = await f.handle.db.selectFrom("invites").selectAll().execute();
      const row = rows.find((candidate) => Buffer.from(candidate.token_hash).equals(hashToken(token)));
      expect(row).toMatchObject({ purpose: "mentee", org_id: f.org.id, uses_left: 500 });
      const dump = await sql<{ text: string }>`SELECT string_agg(invites::text, ' ') AS text FROM invites`.execute(f.handle.db);
      expect(dump.rows[0]!.text).not.toContain(token);

      const found = await f.repos.invites.find(token, new Date(now.getTime() + DAY));
      expect(found).toEqual({
        ok: true,
        invite: {
          id: row!.id,
          purpose: "mentee",
          orgId: f.org.id,
          subjectParticipantId: null,
          subjectPersonId: null,
          territoryId: null,
          expiresAt: new Date(now.getTime() + 60 * DAY).toISOString(),
        },
      });
    });

    it("find does not use the invite; redeem uses one", async () => {
      const now = new Date();
      const token = await f.repos.invites.issue({ purpose: "mentor", orgId: f.org.id, now });
      await f.repos.invites.find(token, now);
      expect(await usesLeft(f, token)).toBe(200);
      expect(await f.repos.invites.redeem(token, now)).toMatchObject({ ok: true, invite: { purpose: "mentor", orgId: f.org.id } });
      expect(await usesLeft(f, token)).toBe(199);
    });

    it("refuse an expired invite, from the moment it expires", async () => {
      const issuedAt = new Date("2026-03-01T10:00:00Z");
      const token = await f.repos.invites.issue({ purpose: "coordinator", orgId: f.org.id, now: issuedAt });
      const expiry = new Date(issuedAt.getTime() + 7 * DAY);
      expect((await f.repos.invites.find(token, new Date(expiry.getTime() - 1000))).ok).toBe(true);
      expect(await f.repos.invites.find(token, expiry)).toEqual({ ok: false, reason: "expired" });
      expect(await f.repos.invites.redeem(token, new Date(expiry.getTime() + 1000))).toEqual({ ok: false, reason: "expired" });
      expect(await usesLeft(f, token)).toBe(1);
    });

    it("refuse a used-up invite", async () => {
      const now = new Date();
      const token = await f.repos.invites.issue({ purpose: "consent", orgId: f.org.id, now });
      expect((await f.repos.invites.redeem(token, now)).ok).toBe(true);
      expect(await f.repos.invites.redeem(token, now)).toEqual({ ok: false, reason: "used_up" });
      expect(await f.repos.invites.find(token, now)).toEqual({ ok: false, reason: "used_up" });
      expect(await usesLeft(f, token)).toBe(0);
    });

    it("refuse unknown tokens, and garbage without asking the database", async () => {
      const now = new Date();
      expect(await f.repos.invites.find(newToken(), now)).toEqual({ ok: false, reason: "unknown" });
      expect(await f.repos.invites.redeem(newToken(), now)).toEqual({ ok: false, reason: "unknown" });
      const queries = f.handle.queryCount();
      for (const garbage of ["", "'; DROP TABLE invites; --", "x".repeat(5000), "абвгдежзийклмнопрстуфх"]) {
        expect(await f.repos.invites.find(garbage, now)).toEqual({ ok: false, reason: "unknown" });
        expect(await f.repos.invites.redeem(garbage, now)).toEqual({ ok: false, reason: "unknown" });
      }
      expect(f.handle.queryCount()).toBe(queries);
    });

    it("take link codes as tokens", async () => {
      const now = new Date();
      const person = await register(f, menteeAnswers("Кодов Миша"));
      const code = await f.repos.invites.issue(
        { purpose: "link", subjectPersonId: person.personId, createdBy: person.personId, now },
        newLinkCode(),
      );
      expect(await f.repos.invites.find(code, now)).toMatchObject({
        ok: true,
        invite: { purpose: "link", subjectPersonId: person.personId, orgId: null },
      });
      expect(await f.repos.invites.find(code, new Date(now.getTime() + 16 * MINUTE))).toEqual({ ok: false, reason: "expired" });
      expect((await f.repos.invites.redeem(code, now)).ok).toBe(true);
      expect(await f.repos.invites.redeem(code, now)).toEqual({ ok: false, reason: "used_up" });
    });

    it("let exactly one of ten simultaneous redeems of a single-use token win", async () => {
      const now = new Date();
      const token = await f.repos.invites.issue({ purpose: "coordinator", orgId: f.org.id, now });
      const results = await Promise.all(Array.from({ length: 10 }, () => f.repos.invites.redeem(token, now)));
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(results.filter((result) => !result.ok && result.reason === "used_up")).toHaveLength(9);
      expect(await usesLeft(f, token)).toBe(0);
    });

    it("revokeFor ends every open consent link of a participant, and only theirs", async () => {
      const now = new Date();
      const child = await register(f, menteeAnswers("Отзывов Лёва"), { status: "awaiting_consent" });
      const other = await register(f, menteeAnswers("Соседов Гоша"), { status: "awaiting_consent" });
      const first = await f.repos.invites.issue({ purpose: "consent", orgId: f.org.id, subjectParticipantId: child.participantId, now });
      const second = await f.repos.invites.issue({ purpose: "consent", orgId: f.org.id, subjectParticipantId: child.participantId, now });
      const others = await f.repos.invites.issue({ purpose: "consent", orgId: f.org.id, subjectParticipantId: other.participantId, now });
      await f.repos.invites.revokeFor("consent", child.participantId);
      expect(await f.repos.invites.find(first, now)).toEqual({ ok: false, reason: "used_up" });
      expect(await f.repos.invites.find(second, now)).toEqual({ ok: false, reason: "used_up" });
      expect((await f.repos.invites.find(others, now)).ok).toBe(true);
    });
  });

  describe("people", () => {
    it("register creates the person, links the account, writes participant, profile and own consent", async () => {
      const now = new Date("2026-05-15T09:00:00.000Z");
      const account = await f.repos.accounts.touch(incoming({ platform: "vk" }), TODAY);
      const token = await f.repos.invites.issue({ purpose: "mentee", orgId: f.org.id, now });
      const result = await f.repos.people.register({
        accountId: account.id,
        locale: "en",
        token,
        orgId: f.org.id,
        status: "awaiting_consent",
        registration: menteeAnswers("Петрова Аня", 2011),
        selfConsent: { textVersion: CONSENT_TEXT_VERSION, platform: "vk" },
        now,
      });
      expect(result).toEqual({ ok: true, personId: expect.any(Number), participantId: expect.any(Number) });
      if (!result.ok) return;

      expect(await f.repos.people.get(result.personId)).toEqual({
        id: result.personId,
        fullName: "Петрова Аня",
        birthYear: 2011,
        locale: "en",
        remindersOn: true,
        currentOrgId: null,
      });
      await f.repos.people.setCurrentOrganisation(result.personId, f.otherOrg.id);
      expect((await f.repos.people.get(result.personId))?.currentOrgId).toBe(f.otherOrg.id);
      expect(await f.repos.accounts.personOf(account.id)).toBe(result.personId);
      expect(await f.repos.people.participant(result.participantId)).toEqual({
        participantId: result.participantId,
        personId: result.personId,
        orgId: f.org.id,
        orgName: "Школа № 5",
        timezone: "Europe/Moscow",
        role: "mentee",
        status: "awaiting_consent",
        mentorReview: null,
      });
      expect(await f.repos.people.menteeProfile(result.participantId)).toEqual({
        participantId: result.participantId,
        status: "awaiting_consent",
        fullName: "Петрова Аня",
        birthYear: 2011,
        grade: "7Б",
        directions: ["studies", "career"],
        goals: "разобраться с математикой",
      });
      const consents = await f.repos.consents.latest(result.participantId);
      expect(consents).toEqual([
        {
          id: expect.any(Number),
          participantId: result.participantId,
          giver: "self",
          giverPersonId: result.personId,
          textVersion: CONSENT_TEXT_VERSION,
          decision: "granted",
          platform: "vk",
          decidedAt: now.toISOString(),
          withdrawnAt: null,
        },
      ]);
      expect(await usesLeft(f, token)).toBe(499);
    });

    it("register writes a mentor's profile, and a coordinator without one", async () => {
      const mentor = await register(f, mentorAnswers("Сидоров Олег Петрович"));
      expect(await f.repos.people.mentorProfile(mentor.participantId)).toEqual({
        participantId: mentor.participantId,
        status: "active",
        fullName: "Сидоров Олег Петрович",
        birthYear: 1985,
        kind: "teacher",
        directions: ["projects"],
        offer: "робототехника",
        capacity: 3,
        availability: "вторник после 16:00",
      });
      expect(await f.repos.people.menteeProfile(mentor.participantId)).toBeUndefined();
      const coordinator = await register(f, { role: "coordinator", answers: { fullName: "Кураторова Анна" } });
      expect(await f.repos.people.get(coordinator.personId)).toMatchObject({ fullName: "Кураторова Анна", birthYear: null });
      expect(await f.repos.organisations.coordinatorPersonIds(f.org.id)).toContain(coordinator.personId);
      expect(await f.repos.organisations.coordinatorPersonIds(f.otherOrg.id)).not.toContain(coordinator.personId);
    });

    it("register with a used-up invite leaves nothing behind", async () => {
      const now = new Date();
      const token = await f.repos.invites.issue({ purpose: "coordinator", orgId: f.org.id, now });
      const first = await f.repos.accounts.touch(incoming(), TODAY);
      const request = (accountId: number, fullName: string) => ({
        accountId,
        locale: "ru" as const,
        token,
        orgId: f.org.id,
        status: "active" as const,
        registration: { role: "coordinator" as const, answers: { fullName } },
        now,
      });
      expect((await f.repos.people.register(request(first.id, "Первый Куратор"))).ok).toBe(true);

      const before = {
        people: await count(f, "people"),
        participants: await count(f, "participants"),
        consents: await count(f, "consents"),
      };
      const second = await f.repos.accounts.touch(incoming(), TODAY);
      expect(await f.repos.people.register(request(second.id, "Второй Куратор"))).toEqual({ ok: false, reason: "used_up" });
      expect({
        people: await count(f, "people"),
        participants: await count(f, "participants"),
        consents: await count(f, "consents"),
      }).toEqual(before);
      expect(await f.repos.accounts.personOf(second.id)).toBeNull();
    });

    it("register rolls the invite's use back when the invite is for another role or organisation", async () => {
      const now = new Date();
      const mentorToken = await f.repos.invites.issue({ purpose: "mentor", orgId: f.org.id, now });
      const otherOrgToken = await f.repos.invites.issue({ purpose: "mentee", orgId: f.otherOrg.id, now });
      const account = await f.repos.accounts.touch(incoming(), TODAY);
      const people = await count(f, "people");
      const attempt = (token: string) =>
        f.repos.people.register({
          accountId: account.id,
          locale: "ru",
          token,
          orgId: f.org.id,
          status: "active",
          registration: menteeAnswers("Хитров Дима"),
          selfConsent: { textVersion: CONSENT_TEXT_VERSION, platform: "telegram" },
          now,
        });
      expect(await attempt(mentorToken)).toEqual({ ok: false, reason: "unknown" });
      expect(await attempt(otherOrgToken)).toEqual({ ok: false, reason: "unknown" });
      expect(await usesLeft(f, mentorToken)).toBe(200);
      expect(await usesLeft(f, otherOrgToken)).toBe(500);
      expect(await count(f, "people")).toBe(people);
      expect(await f.repos.accounts.personOf(account.id)).toBeNull();
    });

    it("register refuses a second registration in the same role and changes nothing", async () => {
      const now = new Date();
      const first = await register(f, menteeAnswers("Повторов Саша"), { selfConsent: true });
      const token = await f.repos.invites.issue({ purpose: "mentee", orgId: f.org.id, now });
      const consents = await count(f, "consents");
      const result = await f.repos.people.register({
        accountId: first.accountId,
        locale: "ru",
        token,
        orgId: f.org.id,
        status: "active",
        registration: menteeAnswers("Другое Имя", 2010),
        selfConsent: { textVersion: CONSENT_TEXT_VERSION, platform: "telegram" },
        now,
      });
      expect(result).toEqual({ ok: false, reason: "already_registered" });
      expect(await f.repos.people.get(first.personId)).toMatchObject({ fullName: "Повторов Саша", birthYear: 2013 });
      expect(await usesLeft(f, token)).toBe(500);
      expect(await count(f, "consents")).toBe(consents);
    });

    it("register adds another role to the same person, and memberships lists them newest first", async () => {
      const mentee = await register(f, menteeAnswers("Многоролев Артём", 2009));
      const token = await f.repos.invites.issue({ purpose: "mentor", orgId: f.otherOrg.id, now: new Date() });
      const asMentor = await f.repos.people.register({
        accountId: mentee.accountId,
        locale: "ru",
        token,
        orgId: f.otherOrg.id,
        status: "awaiting_consent",
        registration: {
          ...mentorAnswers("Многоролев Артём Иванович"),
          answers: { ...mentorAnswers("Многоролев Артём Иванович").answers, birthYear: 2009, kind: "student" },
        },
        now: new Date(),
      });
      expect(asMentor).toMatchObject({ ok: true, personId: mentee.personId });
      if (!asMentor.ok) return;
      expect(await f.repos.people.memberships(mentee.personId)).toEqual([
        {
          participantId: asMentor.participantId,
          orgId: f.otherOrg.id,
          orgName: "Лицей № 2",
          timezone: "Asia/Yekaterinburg",
          role: "mentor",
          status: "awaiting_consent",
          mentorReview: "pending",
        },
        {
          participantId: mentee.participantId,
          orgId: f.org.id,
          orgName: "Школа № 5",
          timezone: "Europe/Moscow",
          role: "mentee",
          status: "active",
          mentorReview: null,
        },
      ]);
      expect(await f.repos.people.get(mentee.personId)).toMatchObject({ fullName: "Многоролев Артём Иванович" });

      await f.repos.people.setStatus(mentee.participantId, "left");
      expect((await f.repos.people.memberships(mentee.personId)).map((membership) => membership.role)).toEqual(["mentor"]);
    });

    it("profile updates change only what was asked", async () => {
      const mentee = await register(f, menteeAnswers("Правкин Юра"));
      await f.repos.people.updateMenteeProfile(mentee.participantId, { grade: "8А" });
      await f.repos.people.updateMenteeProfile(mentee.participantId, {});
      expect(await f.repos.people.menteeProfile(mentee.participantId)).toMatchObject({
        grade: "8А",
        directions: ["studies", "career"],
        goals: "разобраться с математикой",
      });
      const mentor = await register(f, mentorAnswers("Правкина Вера"));
      await f.repos.people.updateMentorProfile(mentor.participantId, { capacity: 5, directions: ["civic", "career"] });
      expect(await f.repos.people.mentorProfile(mentor.participantId)).toMatchObject({
        capacity: 5,
        directions: ["civic", "career"],
        offer: "робототехника",
      });
      await f.repos.people.rename(mentor.personId, "Правкина-Лесная Вера");
      await f.repos.people.setBirthYear(mentor.personId, 1990);
      expect(await f.repos.people.get(mentor.personId)).toMatchObject({ fullName: "Правкина-Лесная Вера", birthYear: 1990 });
    });
  });

  describe("people.base", () => {
    const names = ["Яковлева Оля", "Антонов Боря", "Васильев Гена", "Борисова Даша", "Гусева Ева"];
    const registered = new Map<string, Registered>();
    let org: Organisation;
    let otherOrg: Organisation;

    beforeAll(async () => {
      org = await f.repos.organisations.create("Гимназия № 1", "Europe/Samara");
      otherOrg = await f.repos.organisations.create("Колледж связи", "Europe/Samara");
      const into = (orgId: number) => ({ orgId, status: "awaiting_consent" as const });
      for (const name of names) registered.set(name, await register(f, menteeAnswers(name), into(org.id)));
      const vk = await f.repos.accounts.touch(incoming({ platform: "vk" }), TODAY);
      await f.repos.accounts.attachPerson(vk.id, registered.get("Антонов Боря")!.personId);
      await f.repos.people.setStatus(registered.get("Гусева Ева")!.participantId, "active");
      // Someone who left, a mentor, and a mentee of another organisation stay out of the list.
      const leaver = await register(f, menteeAnswers("Аааев Ушедший"), { orgId: org.id });
      await f.repos.people.erase(leaver.personId, "left", new Date());
      await register(f, mentorAnswers("Наставников Пётр"), { orgId: org.id });
      await register(f, menteeAnswers("Чужой Лицеист"), { orgId: otherOrg.id });
    });

    it("pages through the mentees by name with the total", async () => {
      const first = await f.repos.people.base(org.id, "mentee", { offset: 0, limit: 2 });
      expect(first.total).toBe(5);
      expect(first.entries).toEqual([
        {
          participantId: registered.get("Антонов Боря")!.participantId,
          fullName: "Антонов Боря",
          birthYear: 2013,
          status: "awaiting_consent",
          detail: "7Б",
          directions: ["studies", "career"],
          platforms: ["telegram", "vk"],
        },
        expect.objectContaining({ fullName: "Борисова Даша", platforms: ["telegram"] }),
      ]);
      const second = await f.repos.people.base(org.id, "mentee", { offset: 2, limit: 2 });
      expect(second).toEqual({
        total: 5,
        entries: [
          expect.objectContaining({ fullName: "Васильев Гена" }),
          expect.objectContaining({ fullName: "Гусева Ева", status: "active" }),
        ],
      });
      const last = await f.repos.people.base(org.id, "mentee", { offset: 4, limit: 2 });
      expect(last.total).toBe(5);
      expect(last.entries.map((entry) => entry.fullName)).toEqual(["Яковлева Оля"]);
    });

    it("still tells the total on a page past the end", async () => {
      expect(await f.repos.people.base(org.id, "mentee", { offset: 10, limit: 5 })).toEqual({ total: 5, entries: [] });
      expect(await f.repos.people.base(otherOrg.id, "mentor", { offset: 0, limit: 5 })).toEqual({ total: 0, entries: [] });
    });

    it("lists mentors with their kind", async () => {
      const mentors = await f.repos.people.base(org.id, "mentor", { offset: 0, limit: 10 });
      expect(mentors.total).toBe(1);
      expect(mentors.entries).toEqual([
        expect.objectContaining({ fullName: "Наставников Пётр", detail: "teacher", directions: ["projects"], status: "active" }),
      ]);
    });
  });

  describe("people.erase", () => {
    it("removes everything personal, keeps consent records, revokes tokens and detaches accounts", async () => {
      const now = new Date("2026-05-15T10:00:00.000Z");
      const child = await register(f, menteeAnswers("Стиркина Лиза", 2011), { status: "awaiting_consent", selfConsent: true });
      const vk = await f.repos.accounts.touch(incoming({ platform: "vk", chatId: "vk-lisa", userId: "vk-lisa" }), TODAY);
      await f.repos.accounts.attachPerson(vk.id, child.personId);
      const consentLink = await f.repos.invites.issue({
        purpose: "consent",
        orgId: f.org.id,
        subjectParticipantId: child.participantId,
        subjectPersonId: child.personId,
        now,
      });
      const linkCode = await f.repos.invites.issue({ purpose: "link", subjectPersonId: child.personId, now }, newLinkCode());
      // A link the person handed out ends with them; one someone else handed out does not.
      const theirInvite = await f.repos.invites.issue({ purpose: "mentee", orgId: f.org.id, createdBy: child.personId, now });
      const orgInvite = await f.repos.invites.issue({ purpose: "mentee", orgId: f.org.id, now });
      const bystander = await register(f, menteeAnswers("Соседкина Нина"));

      const chats = await f.repos.people.erase(child.personId, "left", now);
      expect(chats.map((chat) => chat.accountId).sort((a, b) => a - b)).toEqual([child.accountId, vk.id].sort((a, b) => a - b));
      expect(chats).toContainEqual({ accountId: vk.id, platform: "vk", chatId: "vk-lisa" });

      const person = await f.handle.db.selectFrom("people").selectAll().where("id", "=", child.personId).executeTakeFirstOrThrow();
      expect(person).toMatchObject({ full_name: null, birth_year: null, erased_at: now });
      expect(await f.repos.people.get(child.personId)).toBeUndefined();
      const profile = await f.handle.db
        .selectFrom("mentee_profiles")
        .selectAll()
        .where("participant_id", "=", child.participantId)
        .executeTakeFirstOrThrow();
      expect(profile).toEqual({ participant_id: child.participantId, grade: null, directions: [], goals: null });
      expect((await f.repos.people.participant(child.participantId))?.status).toBe("left");
      expect(await f.repos.people.memberships(child.personId)).toEqual([]);

      expect(await f.repos.invites.find(consentLink, now)).toEqual({ ok: false, reason: "used_up" });
      expect(await f.repos.invites.find(linkCode, now)).toEqual({ ok: false, reason: "used_up" });
      expect(await f.repos.invites.find(theirInvite, now)).toEqual({ ok: false, reason: "used_up" });
      expect((await f.repos.invites.find(orgInvite, now)).ok).toBe(true);

      expect(await f.repos.accounts.platformsOf(child.personId)).toEqual([]);
      expect(await f.repos.accounts.touch(incoming({ platform: "vk", chatId: "vk-lisa", userId: "vk-lisa" }), TODAY)).toMatchObject({
        id: vk.id,
        personId: null,
      });

      const consents = await f.handle.db.selectFrom("consents").selectAll().where("participant_id", "=", child.participantId).execute();
      expect(consents).toHaveLength(1);
      expect(consents[0]).toMatchObject({
        giver: "self",
        giver_person_id: child.personId,
        decision: "granted",
        text_version: CONSENT_TEXT_VERSION,
      });

      expect(await f.repos.people.get(bystander.personId)).toMatchObject({ fullName: "Соседкина Нина" });
      expect((await f.repos.people.menteeProfile(bystander.participantId))?.goals).toBe("разобраться с математикой");
    });

    it("blanks a mentor's answers too, and keeps a refused participation as refused", async () => {
      const now = new Date();
      const mentor = await register(f, mentorAnswers("Стёртов Илья"));
      const token = await f.repos.invites.issue({ purpose: "mentee", orgId: f.otherOrg.id, now });
      const asMentee = await f.repos.people.register({
        accountId: mentor.accountId,
        locale: "ru",
        token,
        orgId: f.otherOrg.id,
        status: "declined",
        registration: menteeAnswers("Стёртов Илья"),
        now,
      });
      expect(asMentee).toMatchObject({ ok: true, personId: mentor.personId });
      if (!asMentee.ok) return;

      await f.repos.people.erase(mentor.personId, "withdrawn", now);
      expect(await f.repos.people.mentorProfile(mentor.participantId)).toMatchObject({
        fullName: "",
        offer: "",
        availability: "",
        directions: [],
        status: "withdrawn",
      });
      expect(await f.repos.people.menteeProfile(asMentee.participantId)).toMatchObject({
        grade: "",
        goals: "",
        directions: [],
        status: "declined",
      });
    });
    it("deletes the person's questionnaires and answers (their own words among them); the other side's stay", async () => {
      const now = new Date("2026-10-01T09:00:00.000Z");
      const org = await f.repos.organisations.create("Школа анкет", "Europe/Moscow");
      const coordinator = await register(f, { role: "coordinator", answers: { fullName: "Кураторова Анна" } }, { orgId: org.id });
      const mentor = await register(f, mentorAnswers("Анкетова Ирина"), { orgId: org.id });
      const mentee = await register(f, menteeAnswers("Анкетов Петя", 2012), { orgId: org.id });
      const cycle = await f.repos.cycles.open({
        orgId: org.id,
        name: "2026/27",
        startsOn: "2026-09-01",
        endsOn: "2027-06-30",
        forms: ["teacher_student"],
        directions: ["projects"],
        createdBy: coordinator.personId,
      });
      await f.repos.pairs.saveDraft(org.id, cycle!.id, [
        {
          mentorId: mentor.participantId,
          form: "teacher_student",
          direction: "projects",
          members: [{ menteeId: mentee.participantId, score: 10, why: null, pinned: true }],
        },
      ]);
      await f.repos.pairs.publish(cycle!.id, now);
      await f.repos.cycles.setStage(cycle!.id, "working");
      const recipients = await f.repos.surveys.unsent("start", now);
      expect(recipients.map((recipient) => [recipient.personId, recipient.audience])).toEqual(
        expect.arrayContaining([
          [mentor.personId, "mentor"],
          [mentee.personId, "mentee"],
        ]),
      );
      const ours = recipients.filter((recipient) => recipient.orgId === org.id);
      const sent = await f.repos.surveys.send(
        ours.map((recipient) => ({ ...recipient, moment: "start" as const, version: 1 })),
        now,
        (survey) => ({
          dedupKey: `survey:${survey.id}`,
          to: { personId: survey.personId },
          message: { text: [{ key: "survey-button-answer" }] },
        }),
      );
      expect(sent).toHaveLength(2);
      for (const survey of sent) {
        const answered = await f.repos.surveys.answer({
          surveyId: survey.id,
          personId: survey.personId,
          at: now,
          answers: [
            { questionId: "confidence", kind: "scale", value: 6 },
            { questionId: "expectations", kind: "open", value: `Слова ${survey.audience}` },
          ],
        });
        expect(answered).toBe(true);
      }
      expect(await f.repos.surveys.cycleFacts(cycle!.id)).toHaveLength(2);

      await f.repos.people.erase(mentee.personId, "withdrawn", now);
      const left = await f.repos.surveys.cycleFacts(cycle!.id);
      expect(left).toEqual([
        expect.objectContaining({ personId: mentor.personId, open: { expectations: "Слова mentor" }, scales: { confidence: 6 } }),
      ]);
      const menteeSurvey = sent.find((survey) => survey.personId === mentee.personId)!;
      expect(
        await f.handle.db.selectFrom("survey_answers").select("question_id").where("survey_id", "=", menteeSurvey.id).execute(),
      ).toEqual([]);
    });
  });

  describe("consents", () => {
    async function child(name: string, birthYear = 2014) {
      return register(f, menteeAnswers(name, birthYear), { status: "awaiting_consent" });
    }

    async function consentLink(participantId: number, now = new Date()) {
      return f.repos.invites.issue({ purpose: "consent", orgId: f.org.id, subjectParticipantId: participantId, now });
    }

    function decide(
      token: string,
      accountId: number,
      decision: "granted" | "declined",
      parentName = "Родителева Мария Ивановна",
      now = new Date(),
    ) {
      return f.repos.consents.decideAsParent({
        token,
        accountId,
        parentName,
        locale: "ru",
        decision,
        textVersion: CONSENT_TEXT_VERSION,
        platform: "telegram",
        now,
      });
    }

    it("latest gives each giver's newest decision", async () => {
      const kid = await child("Последнев Федя", 2011);
      const parent = await register(f, { role: "coordinator", answers: { fullName: "Некто" } });
      const at = (minutes: number) => new Date(Date.UTC(2026, 4, 1, 10, minutes));
      const base = { participantId: kid.participantId, textVersion: CONSENT_TEXT_VERSION, platform: "telegram" as const };
      await f.repos.consents.record({ ...base, giver: "parent", giverPersonId: parent.personId, decision: "granted", decidedAt: at(0) });
      const declined = await f.repos.consents.record({
        ...base,
        giver: "parent",
        giverPersonId: parent.personId,
        decision: "declined",
        decidedAt: at(10),
      });
      await f.repos.consents.record({ ...base, giver: "parent", giverPersonId: parent.personId, decision: "granted", decidedAt: at(5) });
      const own = await f.repos.consents.record({
        ...base,
        giver: "self",
        giverPersonId: kid.personId,
        decision: "granted",
        decidedAt: at(1),
      });
      expect(await f.repos.consents.latest(kid.participantId)).toEqual([declined, own]);
      // Two decisions at the same instant: the one recorded later counts.
      const tie = await f.repos.consents.record({
        ...base,
        giver: "self",
        giverPersonId: kid.personId,
        decision: "declined",
        decidedAt: at(1),
      });
      expect(await f.repos.consents.latest(kid.participantId)).toEqual([declined, tie]);
      expect(await f.repos.consents.latest(999_999)).toEqual([]);
    });

    it("decideAsParent plans its notices in the decision's transaction: one failing takes the decision back", async () => {
      const now = new Date("2026-05-15T12:00:00.000Z");
      const kid = await child("Атомарная Ася");
      const token = await consentLink(kid.participantId, now);
      const parentAccount = await f.repos.accounts.touch(incoming({ platform: "telegram" }), TODAY);
      const base = {
        token,
        accountId: parentAccount.id,
        parentName: "Атомарная Анна Ивановна",
        locale: "ru" as const,
        decision: "granted" as const,
        textVersion: CONSENT_TEXT_VERSION,
        platform: "telegram" as const,
        now,
      };
      // A crash while the notices are planned: nothing of the decision stays, and the link still works.
      await expect(
        f.repos.consents.decideAsParent({
          ...base,
          notices: () => {
            throw new Error("the process died here");
          },
        }),
      ).rejects.toThrow("the process died here");
      expect(await f.repos.consents.latest(kid.participantId)).toEqual([]);
      expect((await f.repos.people.participant(kid.participantId))?.status).toBe("awaiting_consent");

      const decided = await f.repos.consents.decideAsParent({
        ...base,
        notices: (consent) => [
          { to: { personId: consent.childPersonId }, message: { text: [] }, dedupKey: `atomic:${consent.consentId}`, dueAt: now },
        ],
      });
      expect(decided.ok).toBe(true);
      if (!decided.ok) return;
      const planned = await f.handle.db
        .selectFrom("outbox")
        .select("person_id")
        .where("dedup_key", "=", `atomic:${decided.consentId}`)
        .execute();
      expect(planned).toEqual([{ person_id: kid.personId }]);
    });

    it("decideAsParent records the parent and the consent, and lets the child take part", async () => {
      const now = new Date("2026-05-15T12:00:00.000Z");
      const kid = await child("Согласнова Вика");
      const token = await consentLink(kid.participantId, now);
      const parentAccount = await f.repos.accounts.touch(incoming({ platform: "vk" }), TODAY);
      const result = await f.repos.consents.decideAsParent({
        token,
        accountId: parentAccount.id,
        parentName: "Согласнова Ирина Петровна",
        locale: "en",
        decision: "granted",
        textVersion: CONSENT_TEXT_VERSION,
        platform: "vk",
        now,
      });
      expect(result).toEqual({
        ok: true,
        consentId: expect.any(Number),
        parentPersonId: expect.any(Number),
        childParticipantId: kid.participantId,
        childPersonId: kid.personId,
        orgId: f.org.id,
        awaitsReview: false,
        previousGiverName: null,
      });
      if (!result.ok) return;
      expect((await f.repos.people.participant(kid.participantId))?.status).toBe("active");
      expect(await f.repos.people.get(result.parentPersonId)).toEqual({
        id: result.parentPersonId,
        fullName: "Согласнова Ирина Петровна",
        birthYear: null,
        locale: "en",
        remindersOn: true,
        currentOrgId: null,
      });
      expect(await f.repos.accounts.personOf(parentAccount.id)).toBe(result.parentPersonId);
      expect(await f.repos.people.memberships(result.parentPersonId)).toEqual([
        expect.objectContaining({ orgId: f.org.id, role: "parent", status: "active" }),
      ]);
      expect(await f.repos.consents.latest(kid.participantId)).toEqual([
        {
          id: result.consentId,
          participantId: kid.participantId,
          giver: "parent",
          giverPersonId: result.parentPersonId,
          textVersion: CONSENT_TEXT_VERSION,
          decision: "granted",
          platform: "vk",
          decidedAt: now.toISOString(),
          withdrawnAt: null,
        },
      ]);
      expect(await f.repos.consents.grantedBy(result.parentPersonId)).toEqual([
        expect.objectContaining({
          id: result.consentId,
          childName: "Согласнова Вика",
          childPersonId: kid.personId,
          orgName: "Школа № 5",
          orgId: f.org.id,
        }),
      ]);
    });

    it("decideAsParent records a refusal and keeps the child out", async () => {
      const kid = await child("Отказова Соня");
      const token = await consentLink(kid.participantId);
      const parentAccount = await f.repos.accounts.touch(incoming(), TODAY);
      const result = await decide(token, parentAccount.id, "declined");
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect((await f.repos.people.participant(kid.participantId))?.status).toBe("declined");
      expect(await f.repos.consents.latest(kid.participantId)).toEqual([
        expect.objectContaining({ giver: "parent", decision: "declined" }),
      ]);
      expect(await f.repos.consents.grantedBy(result.parentPersonId)).toEqual([]);
    });

    it("decideAsParent refuses a second decision with the same link", async () => {
      const kid = await child("Дважды Тимур");
      const token = await consentLink(kid.participantId);
      const parentAccount = await f.repos.accounts.touch(incoming(), TODAY);
      expect((await decide(token, parentAccount.id, "granted")).ok).toBe(true);
      const consents = await count(f, "consents");
      expect(await decide(token, parentAccount.id, "declined")).toEqual({ ok: false, reason: "used_up" });
      expect((await f.repos.people.participant(kid.participantId))?.status).toBe("active");
      expect(await count(f, "consents")).toBe(consents);
    });

    it("decideAsParent lets one of two parents answering at once decide", async () => {
      const kid = await child("Спорный Гоша");
      const token = await consentLink(kid.participantId);
      const mother = await f.repos.accounts.touch(incoming(), TODAY);
      const father = await f.repos.accounts.touch(incoming({ platform: "vk" }), TODAY);
      const people = await count(f, "people");
      const results = await Promise.all([
        decide(token, mother.id, "granted", "Спорная Мама"),
        decide(token, father.id, "declined", "Спорный Папа"),
      ]);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, reason: "used_up" }]);
      const winner = results[0]!.ok ? "granted" : "declined";
      const parentConsents = await f.handle.db
        .selectFrom("consents")
        .select(["decision"])
        .where("participant_id", "=", kid.participantId)
        .execute();
      expect(parentConsents).toEqual([{ decision: winner }]);
      expect((await f.repos.people.participant(kid.participantId))?.status).toBe(winner === "granted" ? "active" : "declined");
      // Only the winner became a person; the loser's account stays anonymous.
      expect(await count(f, "people")).toBe(people + 1);
      const loser = results[0]!.ok ? father : mother;
      expect(await f.repos.accounts.personOf(loser.id)).toBeNull();
    });

    it("decideAsParent refuses unknown, expired and other links without consuming them", async () => {
      const kid = await child("Ссылкин Рома");
      const parentAccount = await f.repos.accounts.touch(incoming(), TODAY);
      expect(await decide(newToken(), parentAccount.id, "granted")).toEqual({ ok: false, reason: "unknown" });
      const old = await consentLink(kid.participantId, new Date(Date.now() - 31 * DAY));
      expect(await decide(old, parentAccount.id, "granted")).toEqual({ ok: false, reason: "expired" });
      const menteeInvite = await f.repos.invites.issue({ purpose: "mentee", orgId: f.org.id, now: new Date() });
      expect(await decide(menteeInvite, parentAccount.id, "granted")).toEqual({ ok: false, reason: "unknown" });
      expect(await usesLeft(f, menteeInvite)).toBe(500);
      expect((await f.repos.people.participant(kid.participantId))?.status).toBe("awaiting_consent");
      expect(await f.repos.accounts.personOf(parentAccount.id)).toBeNull();
    });

    it("decideAsParent refuses a link of a child who has left", async () => {
      const kid = await child("Ушедшев Стас");
      const token = await consentLink(kid.participantId);
      await f.repos.people.setStatus(kid.participantId, "left");
      const parentAccount = await f.repos.accounts.touch(incoming(), TODAY);
      expect(await decide(token, parentAccount.id, "granted")).toEqual({ ok: false, reason: "unknown" });
      expect(await usesLeft(f, token)).toBe(1);
    });

    it("one parent answering for two children stays one parent in the organisation", async () => {
      const first = await child("Брат Первый");
      const second = await child("Сестра Вторая");
      const parentAccount = await f.repos.accounts.touch(incoming(), TODAY);
      const a = await decide(await consentLink(first.participantId), parentAccount.id, "granted", "Общий Родитель");
      const b = await decide(await consentLink(second.participantId), parentAccount.id, "granted", "Общий Родитель");
      expect(a.ok && b.ok).toBe(true);
      if (!a.ok || !b.ok) return;
      expect(b.parentPersonId).toBe(a.parentPersonId);
      expect(await f.repos.people.memberships(a.parentPersonId)).toHaveLength(1);
      expect((await f.repos.consents.grantedBy(a.parentPersonId)).map((consent) => consent.childName)).toEqual([
        "Брат Первый",
        "Сестра Вторая",
      ]);
    });

    it("grantedBy stops listing a consent once the child has deleted their data", async () => {
      const kid = await child("Удалёнкин Петя");
      const parentAccount = await f.repos.accounts.touch(incoming(), TODAY);
      const decided = await decide(await consentLink(kid.participantId), parentAccount.id, "granted", "Удалёнкина Мама");
      if (!decided.ok) throw new Error("decision refused");
      expect((await f.repos.consents.grantedBy(decided.parentPersonId)).map((consent) => consent.childName)).toEqual(["Удалёнкин Петя"]);

      await f.repos.people.erase(kid.personId, "left", new Date());
      // Nothing is left to withdraw: a nameless "—" entry would only notify the coordinators again.
      expect(await f.repos.consents.grantedBy(decided.parentPersonId)).toEqual([]);
      // The record itself stays, as proof of what was agreed.
      expect(await f.repos.consents.latest(kid.participantId)).toEqual([
        expect.objectContaining({ id: decided.consentId, decision: "granted", withdrawnAt: null }),
      ]);
    });

    it("withdraw: only the giver can, only once, and only a granted consent", async () => {
      const kid = await child("Отзывная Катя");
      const parentAccount = await f.repos.accounts.touch(incoming(), TODAY);
      const decided = await decide(await consentLink(kid.participantId), parentAccount.id, "granted");
      if (!decided.ok) throw new Error("decision refused");
      const stranger = await register(f, mentorAnswers("Чужой Взрослый"));
      const at = new Date("2026-06-01T08:00:00.000Z");

      expect(await f.repos.consents.withdraw(decided.consentId, stranger.personId, at)).toBeUndefined();
      expect(await f.repos.consents.withdraw(decided.consentId, kid.personId, at)).toBeUndefined();
      expect(await f.repos.consents.grantedBy(decided.parentPersonId)).toHaveLength(1);

      const withdrawn = await f.repos.consents.withdraw(decided.consentId, decided.parentPersonId, at);
      expect(withdrawn).toMatchObject({ id: decided.consentId, giverPersonId: decided.parentPersonId, withdrawnAt: at.toISOString() });
      expect(await f.repos.consents.withdraw(decided.consentId, decided.parentPersonId, new Date())).toBeUndefined();
      expect(await f.repos.consents.grantedBy(decided.parentPersonId)).toEqual([]);
      expect(await f.repos.consents.latest(kid.participantId)).toEqual([expect.objectContaining({ withdrawnAt: at.toISOString() })]);

      const other = await child("Отказная Зоя");
      const refused = await decide(await consentLink(other.participantId), parentAccount.id, "declined");
      if (!refused.ok) throw new Error("decision refused");
      expect(await f.repos.consents.withdraw(refused.consentId, refused.parentPersonId, at)).toBeUndefined();
    });
  });

  describe("inbox and the chats' records", () => {
    let holders = 0;
    /** A lease asked for by a new holder each time, as each drain does. */
    const lease = (ms = 30_000) => {
      holders += 1;
      return { holder: `test:${holders}`, ms };
    };
    const held = (platform: Incoming["platform"], chatId: string) =>
      f.handle.db.selectFrom("chat_states").selectAll().where("platform", "=", platform).where("chat_id", "=", chatId).executeTakeFirst();

    it("stores an update once: a replay with the same key is refused and touches nothing", async () => {
      const update = incoming({ updateKey: "telegram:1001", chatId: "c1", userId: "c1" });
      const added = await f.repos.inbox.add(update, TODAY, lease());
      expect(added).toMatchObject({ id: expect.any(Number), olderPending: false, taken: { token: 1, flow: undefined, screen: undefined } });
      const before = await held("telegram", "c1");
      expect(await f.repos.inbox.add({ ...update, event: { kind: "text", text: "другое" } }, TODAY, lease())).toBeUndefined();
      expect(await held("telegram", "c1")).toEqual(before);
      const pending = await f.repos.inbox.pending("telegram", "c1");
      expect(pending).toEqual([{ id: added!.id, incoming: update, attempts: 0 }]);
    });

    it("takes a free chat with the insert, and counts what comes while it is held for its holder", async () => {
      const chat = (n: number) =>
        incoming({ updateKey: `vk:${unique()}`, platform: "vk", chatId: "c9", userId: "c9", event: { kind: "text", text: `№${n}` } });
      const first = await f.repos.inbox.add(chat(1), TODAY, lease());
      const second = await f.repos.inbox.add(chat(2), TODAY, lease());
      const third = await f.repos.inbox.add(chat(3), TODAY, lease());
      // Another chat's waiting update is not this chat's, and that chat is free.
      const elsewhere = await f.repos.inbox.add(
        incoming({ updateKey: "vk:2003", platform: "vk", chatId: "c10", userId: "c10" }),
        TODAY,
        lease(),
      );
      expect(first).toMatchObject({ olderPending: false, taken: { token: 1, waiting: 0 } });
      expect(second).toMatchObject({ olderPending: true, waiting: 1 });
      expect(third).toMatchObject({ olderPending: true, waiting: 2 });
      expect(second?.taken).toBeUndefined();
      expect(elsewhere).toMatchObject({ olderPending: false, taken: { token: 1 } });

      // The holder handled the first, has taken up nothing of what waits: the chat stays its.
      const token = first!.taken!.token;
      const base = { platform: "vk" as const, chatId: "c9", token, lease: lease() };
      const flow = { flow: "register", state: [1, 2, 3] };
      const before = f.handle.queryCount();
      expect(
        await f.repos.inbox.settle({
          ...base,
          update: { id: first!.id, outcome: "processed" },
          flow: { value: flow },
          keep: false,
          accounted: 0,
        }),
      ).toEqual({ kept: true, waiting: 2 });
      expect(f.handle.queryCount() - before).toBe(1);
      expect(await f.repos.inbox.pending("vk", "c9")).toEqual([
        expect.objectContaining({ id: second!.id }),
        expect.objectContaining({ id: third!.id }),
      ]);
      // Taken up both: handled, the chat is let go with its flow kept.
      await f.repos.inbox.settle({ ...base, update: { id: second!.id, outcome: "processed" }, keep: true, accounted: 2 });
      expect(
        await f.repos.inbox.settle({
          ...base,
          update: { id: third!.id, outcome: "processed" },
          screen: { value: { ids: ["7"] } },
          keep: false,
          accounted: 2,
        }),
      ).toEqual({ kept: false, waiting: 2 });
      expect(await f.repos.inbox.pending("vk", "c9")).toEqual([]);
      expect(await held("vk", "c9")).toMatchObject({ flow, screen: { ids: ["7"] }, holder: null, held_until: null });

      // Free again: the next update takes it, with the record as kept.
      const fourth = await f.repos.inbox.add(chat(4), TODAY, lease());
      expect(fourth).toMatchObject({ olderPending: false, taken: { token: 2, waiting: 2, flow, screen: { ids: ["7"] } } });
    });

    it("fences a holder whose lease ran out: its settlement writes nothing once another took the chat", async () => {
      const chat = () => incoming({ updateKey: `max:${unique()}`, platform: "max", chatId: "c30", userId: "c30" });
      const first = await f.repos.inbox.add(chat(), TODAY, lease(1));
      await new Promise((resolve) => setTimeout(resolve, 20));
      // The lease ran out: the next update takes the chat, with a new token.
      const second = await f.repos.inbox.add(chat(), TODAY, lease());
      expect(second).toMatchObject({ olderPending: true, taken: { token: first!.taken!.token + 1 } });
      const stale = { platform: "max" as const, chatId: "c30", token: first!.taken!.token, lease: lease(), keep: false, accounted: 0 };
      expect(
        await f.repos.inbox.settle({ ...stale, update: { id: first!.id, outcome: "processed" }, flow: { value: { stale: true } } }),
      ).toBeUndefined();
      expect(await f.repos.inbox.renew("max", "c30", first!.taken!.token, lease())).toBe(false);
      expect(await f.repos.inbox.pending("max", "c30")).toHaveLength(2);
      expect((await held("max", "c30"))?.flow).toBeNull();
      expect(await f.repos.inbox.renew("max", "c30", second!.taken!.token, lease())).toBe(true);
      // A held chat is not taken by a drain either, until its holder lets it go.
      expect(await f.repos.inbox.take("max", "c30", lease())).toBeUndefined();
      const current = { ...stale, token: second!.taken!.token };
      await f.repos.inbox.settle({ ...current, update: { id: first!.id, outcome: "retry" }, accounted: Number.MAX_SAFE_INTEGER });
      const taken = await f.repos.inbox.take("max", "c30", lease());
      expect(taken).toMatchObject({ token: second!.taken!.token + 1 });
      expect(taken?.pending.map((entry) => [entry.id, entry.attempts])).toEqual([
        [first!.id, 1],
        [second!.id, 0],
      ]);
      await f.repos.inbox.settle({
        ...current,
        token: taken!.token,
        update: { id: first!.id, outcome: "dead-letter", reason: "сломалось" },
        keep: true,
      });
      expect(await f.repos.inbox.pending("max", "c30")).toEqual([expect.objectContaining({ id: second!.id })]);
      expect(await f.repos.inbox.deadLetters(new Date(0))).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: first!.id, reason: "сломалось" })]),
      );
    });

    it("touches the chat's account in the same statement, as touch does, and not for a replay", async () => {
      const update = incoming({ updateKey: "max:3001", platform: "max", chatId: "c21", userId: "u21", languageCode: "en" });
      const added = await f.repos.inbox.add(update, TODAY, lease());
      expect(added?.account).toEqual(await f.repos.accounts.touch(update, TODAY));
      expect(added?.account).toMatchObject({ platform: "max", chatId: "c21", personId: null, languageCode: "en", address: "vy" });
      const seen = async () =>
        (await f.handle.db.selectFrom("accounts").select("last_seen_at").where("id", "=", added!.account.id).executeTakeFirstOrThrow())
          .last_seen_at;
      const before = await seen();
      await f.handle.db
        .updateTable("accounts")
        .set({ last_seen_at: new Date(0) })
        .where("id", "=", added!.account.id)
        .execute();
      expect(await f.repos.inbox.add(update, TODAY, lease())).toBeUndefined();
      expect((await seen()).getTime()).toBe(0);
      expect(before.getTime()).toBeGreaterThan(0);
    });

    it("gives a chat's pending updates in the order they came; forgetChat clears its record", async () => {
      const updates = [1, 2, 3].map((n) =>
        incoming({ updateKey: `vk:${unique()}`, platform: "vk", chatId: "c2", userId: "c2", event: { kind: "text", text: `№${n}` } }),
      );
      const first = await f.repos.inbox.add(updates[0]!, TODAY, lease());
      for (const update of updates.slice(1)) await f.repos.inbox.add(update, TODAY, lease());
      await f.repos.inbox.add(incoming({ platform: "vk", chatId: "c3" }), TODAY, lease());
      await f.repos.inbox.add(incoming({ platform: "telegram", chatId: "c2" }), TODAY, lease());

      const pending = await f.repos.inbox.pending("vk", "c2");
      expect(pending.map((entry) => entry.incoming)).toEqual(updates);
      expect(await f.repos.inbox.pending("vk", "c2", 2)).toEqual(pending.slice(0, 2));

      await f.handle.db
        .updateTable("chat_states")
        .set({ flow: JSON.stringify({ flow: "x" }) })
        .where("chat_id", "=", "c2")
        .execute();
      await f.repos.inbox.forgetChat("vk", "c2");
      expect(await held("vk", "c2")).toMatchObject({ flow: null, screen: null, holder: null, held_until: null });
      // Its holder is fenced off: the flow it holds is not written back over the erasure.
      const holder = { platform: "vk" as const, chatId: "c2", token: first!.taken!.token, lease: lease(), keep: false, accounted: 0 };
      expect(
        await f.repos.inbox.settle({ ...holder, update: { id: first!.id, outcome: "processed" }, flow: { value: { flow: "x" } } }),
      ).toBeUndefined();
      expect(await held("vk", "c2")).toMatchObject({ flow: null });
      expect((await held("telegram", "c2"))?.flow).toEqual({ flow: "x" });
    });

    it("stalledChats finds chats with old unprocessed updates, once each; prune drops old processed ones", async () => {
      const old = new Date(Date.now() - 10 * MINUTE);
      const add = async (chatId: string, receivedAt: Date, processed: boolean) => {
        const update = incoming({ platform: "vk", chatId, userId: chatId });
        await f.repos.inbox.add(update, TODAY, lease());
        // received_at is set by the database on insert; the test moves it back in time.
        await sql`UPDATE inbox SET received_at = ${receivedAt}, processed_at = ${processed ? receivedAt : null}
                  WHERE update_key = ${update.updateKey}`.execute(f.handle.db);
      };
      await add("stalled-1", old, false);
      await add("stalled-1", old, false);
      await add("stalled-2", old, false);
      await add("done-old", old, true);
      await add("fresh", new Date(), false);

      const stalled = await f.repos.inbox.stalledChats(5 * MINUTE);
      const ours = stalled.filter((chat) => chat.chatId.startsWith("stalled") || chat.chatId === "done-old" || chat.chatId === "fresh");
      expect(ours.sort((a, b) => a.chatId.localeCompare(b.chatId))).toEqual([
        { platform: "vk", chatId: "stalled-1" },
        { platform: "vk", chatId: "stalled-2" },
      ]);

      const inbox = await count(f, "inbox");
      expect(await f.repos.inbox.prune(5 * MINUTE)).toBe(1);
      expect(await count(f, "inbox")).toBe(inbox - 1);
      expect(await f.repos.inbox.prune(5 * MINUTE)).toBe(0);
    });
  });

  describe("outbox", () => {
    const message = (text: string) => ({ text: [{ key: "plain", args: { text } }] });
    let personId: number;
    let accountId: number;

    beforeAll(async () => {
      const someone = await register(f, mentorAnswers("Получатель Сообщений"));
      personId = someone.personId;
      accountId = someone.accountId;
    });

    async function drain(now: Date) {
      // Rows left by earlier tests are marked sent so each test sees only its own.
      await f.handle.db.updateTable("outbox").set({ sent_at: now }).where("sent_at", "is", null).where("failed_at", "is", null).execute();
    }

    it("enqueue plans each message once, whatever the retries", async () => {
      const key = unique();
      const first = [
        { dedupKey: `${key}:a`, to: { personId }, message: message("a") },
        { dedupKey: `${key}:b`, to: { accountId }, message: message("b") },
      ];
      expect(await f.repos.outbox.enqueue(first)).toBe(2);
      expect(await f.repos.outbox.enqueue(first)).toBe(0);
      expect(await f.repos.outbox.enqueue([...first, { dedupKey: `${key}:c`, to: { personId }, message: message("c") }])).toBe(1);
      expect(await f.repos.outbox.enqueue([])).toBe(0);
      const rows = await f.handle.db
        .selectFrom("outbox")
        .select(["dedup_key", "person_id", "account_id"])
        .where("dedup_key", "like", `${key}:%`)
        .orderBy("dedup_key")
        .execute();
      expect(rows).toEqual([
        { dedup_key: `${key}:a`, person_id: personId, account_id: null },
        { dedup_key: `${key}:b`, person_id: null, account_id: accountId },
        { dedup_key: `${key}:c`, person_id: personId, account_id: null },
      ]);
    });

    it("claimDue hands out due messages once per lease, in order, with their recipients", async () => {
      const now = new Date();
      await drain(now);
      const key = unique();
      await f.repos.outbox.enqueue([
        { dedupKey: `${key}:later`, to: { personId }, message: message("later"), dueAt: new Date(now.getTime() + 10 * MINUTE) },
        { dedupKey: `${key}:1`, to: { personId }, message: message("first"), dueAt: new Date(now.getTime() - 2 * MINUTE) },
        { dedupKey: `${key}:2`, to: { accountId }, message: message("second"), dueAt: new Date(now.getTime() - MINUTE) },
        { dedupKey: `${key}:3`, to: { personId }, message: message("third"), dueAt: now },
      ]);
      const claimed = await f.repos.outbox.claimDue(2, now);
      expect(claimed).toEqual([
        {
          id: expect.any(Number),
          to: { personId },
          message: message("first"),
          attempts: 1,
          urgent: false,
          expiresAt: null,
          reminder: false,
        },
        {
          id: expect.any(Number),
          to: { accountId },
          message: message("second"),
          attempts: 1,
          urgent: false,
          expiresAt: null,
          reminder: false,
        },
      ]);
      const rest = await f.repos.outbox.claimDue(10, now);
      expect(rest.map((entry) => entry.message)).toEqual([message("third")]);
      expect(await f.repos.outbox.claimDue(10, now)).toEqual([]);

      // A worker that died mid-delivery: its lease runs out and the messages come back.
      const afterLease = new Date(now.getTime() + 61_000);
      const again = await f.repos.outbox.claimDue(10, afterLease);
      expect(again.map((entry) => [entry.message, entry.attempts])).toEqual([
        [message("first"), 2],
        [message("second"), 2],
        [message("third"), 2],
      ]);
      expect(await f.repos.outbox.nextDueAt()).toBeInstanceOf(Date);
    });

    it("markSent and markFailed end a message; retryLater brings it back at the given time with the error", async () => {
      const now = new Date();
      await drain(now);
      const key = unique();
      await f.repos.outbox.enqueue(
        ["sent", "failed", "retried"].map((name) => ({ dedupKey: `${key}:${name}`, to: { personId }, message: message(name), dueAt: now })),
      );
      const [sent, failed, retried] = await f.repos.outbox.claimDue(10, now);
      await f.repos.outbox.markSent(sent!.id, now);
      await f.repos.outbox.markFailed(failed!.id, now, "403 Forbidden: bot was blocked");
      const retryAt = new Date(now.getTime() + 5 * MINUTE);
      await f.repos.outbox.retryLater(retried!.id, retryAt, `429 ${"x".repeat(1000)}`);

      expect((await f.repos.outbox.nextDueAt())?.getTime()).toBe(retryAt.getTime());
      expect(await f.repos.outbox.claimDue(10, new Date(retryAt.getTime() - 1000))).toEqual([]);
      const later = await f.repos.outbox.claimDue(10, new Date(retryAt.getTime() + 2 * 61_000));
      expect(later).toEqual([
        { id: retried!.id, to: { personId }, message: message("retried"), attempts: 2, urgent: false, expiresAt: null, reminder: false },
      ]);

      const rows = await f.handle.db
        .selectFrom("outbox")
        .select(["id", "sent_at", "failed_at", "last_error"])
        .where("dedup_key", "like", `${key}:%`)
        .orderBy("id")
        .execute();
      expect(rows[0]).toMatchObject({ sent_at: now, failed_at: null, last_error: null });
      expect(rows[1]).toMatchObject({ sent_at: null, failed_at: now, last_error: "403 Forbidden: bot was blocked" });
      expect(rows[2]!.last_error).toHaveLength(500);
      await f.repos.outbox.markSent(retried!.id, now);
      expect(await f.repos.outbox.nextDueAt()).toBeUndefined();
    });

    it("claims an urgent message before any backlog of due ones, paced or not", async () => {
      // Later than the sends of the tests before: a send within the last second would make the recipient wait.
      const now = new Date(Date.now() + 5 * MINUTE);
      await drain(new Date(now.getTime() - 10 * MINUTE));
      const key = unique();
      const backlog = Array.from({ length: 12 }, (_, n) => ({
        dedupKey: `${key}:old-${n}`,
        to: { personId },
        message: message(`old ${n}`),
        dueAt: new Date(now.getTime() - (60 - n) * MINUTE),
      }));
      await f.repos.outbox.enqueue([
        ...backlog,
        { dedupKey: `${key}:urgent`, to: { personId }, message: message("urgent"), dueAt: now, urgent: true },
      ]);
      const [paced] = await f.repos.outbox.claimDue(1, now, { recipientIntervalMs: 1_000 });
      expect(paced).toMatchObject({ message: message("urgent"), urgent: true });
      await f.repos.outbox.markSent(paced!.id, now);

      await f.repos.outbox.enqueue([
        { dedupKey: `${key}:urgent-2`, to: { accountId }, message: message("urgent 2"), dueAt: now, urgent: true },
      ]);
      const unpaced = await f.repos.outbox.claimDue(3, now);
      expect(unpaced.map((entry) => entry.message)).toContainEqual(message("urgent 2"));
      await drain(new Date(now.getTime() + 10 * MINUTE));
    });

    it("a message put back for a rate limit keeps its place ahead of a backlog that was due after it", async () => {
      const now = new Date(Date.now() + 15 * MINUTE);
      await drain(new Date(now.getTime() - 10 * MINUTE));
      const key = unique();
      await f.repos.outbox.enqueue([
        { dedupKey: `${key}:first`, to: { personId }, message: message("first"), dueAt: new Date(now.getTime() - 30 * MINUTE) },
      ]);
      const [first] = await f.repos.outbox.claimDue(1, now);
      expect(first?.message).toEqual(message("first"));
      // Refused with retry_after 1 s; meanwhile a backlog due before now (but after the first) arrives.
      await f.repos.outbox.postpone(first!.id, new Date(now.getTime() + 1_000), "429: retry after 1");
      await f.repos.outbox.enqueue(
        Array.from({ length: 5 }, (_, n) => ({
          dedupKey: `${key}:backlog-${n}`,
          to: { accountId },
          message: message(`backlog ${n}`),
          dueAt: new Date(now.getTime() - (20 - n) * MINUTE),
        })),
      );
      const backlog = await f.repos.outbox.claimDue(10, new Date(now.getTime() + 500)); // the backlog; the first still waits
      expect(backlog.map((entry) => entry.message)).toEqual([0, 1, 2, 3, 4].map((n) => message(`backlog ${n}`)));
      for (const entry of backlog) await f.repos.outbox.markSent(entry.id, new Date(now.getTime() + 500));
      await f.repos.outbox.enqueue(
        Array.from({ length: 5 }, (_, n) => ({
          dedupKey: `${key}:more-${n}`,
          to: { accountId },
          message: message(`more ${n}`),
          dueAt: new Date(now.getTime() - (10 - n) * MINUTE),
        })),
      );
      const [next] = await f.repos.outbox.claimDue(1, new Date(now.getTime() + 1_500));
      expect(next?.message).toEqual(message("first"));
      const row = await f.handle.db
        .selectFrom("outbox")
        .select(["last_error", "attempts"])
        .where("id", "=", first!.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ last_error: "429: retry after 1", attempts: 1 });
      await drain(new Date(now.getTime() + 10 * MINUTE));
    });

    it("a scheduled message keeps its file and picture, expiry and reminder mark; a topic's pending messages are withdrawn together", async () => {
      const now = new Date();
      await drain(now);
      const key = unique();
      const expiresAt = new Date(now.getTime() + 3_600_000);
      const content = new Uint8Array([0, 1, 2, 250, 255]);
      const picture = new Uint8Array([137, 80, 78, 71, 0, 255]);
      await f.repos.outbox.enqueue([
        {
          dedupKey: `${key}:ics`,
          to: { personId },
          message: {
            ...message("ics"),
            image: { filename: "chart.png", content: picture },
            document: { filename: "a.ics", mimeType: "text/calendar", content },
          },
          dueAt: now,
          topic: `${key}:meeting`,
          expiresAt,
          reminder: true,
        },
        {
          dedupKey: `${key}:later`,
          to: { personId },
          message: message("later"),
          dueAt: new Date(now.getTime() + 60_000),
          topic: `${key}:meeting`,
        },
        {
          dedupKey: `${key}:other`,
          to: { accountId },
          message: message("other"),
          dueAt: new Date(now.getTime() + 60_000),
          topic: `${key}:other`,
        },
      ]);
      const [claimed] = await f.repos.outbox.claimDue(10, now);
      expect(claimed).toMatchObject({ expiresAt, reminder: true, message: { document: { filename: "a.ics", mimeType: "text/calendar" } } });
      expect([...claimed!.message.document!.content]).toEqual([...content]);
      expect(claimed!.message.image?.filename).toBe("chart.png");
      expect([...claimed!.message.image!.content]).toEqual([...picture]);
      await f.repos.outbox.markSent(claimed!.id, now);

      expect(await f.repos.outbox.withdrawTopic(`${key}:meeting`, now, "meeting moved")).toBe(1);
      const rows = await f.handle.db
        .selectFrom("outbox")
        .select(["dedup_key", "sent_at", "failed_at", "last_error"])
        .where("dedup_key", "like", `${key}:%`)
        .orderBy("id")
        .execute();
      expect(
        rows.map((row) => [row.dedup_key.slice(key.length + 1), row.sent_at !== null, row.failed_at !== null, row.last_error]),
      ).toEqual([
        ["ics", true, false, null],
        ["later", false, true, "meeting moved"],
        ["other", false, false, null],
      ]);
      await f.repos.outbox.withdrawTopic(`${key}:other`, now, "cleanup");
    });

    it(
      kind === "postgres" ? "two workers claiming at once never get the same message" : "claims in a row never hand out the same message",
      async () => {
        const now = new Date();
        await drain(now);
        const key = unique();
        const total = 120;
        await f.repos.outbox.enqueue(
          Array.from({ length: total }, (_, n) => ({ dedupKey: `${key}:${n}`, to: { personId }, message: message(String(n)), dueAt: now })),
        );
        const worker = async () => {
          const ids: number[] = [];
          for (;;) {
            const batch = await f.repos.outbox.claimDue(7, now);
            if (batch.length === 0) return ids;
            ids.push(...batch.map((entry) => entry.id));
          }
        };
        const [a, b] = await Promise.all([worker(), worker()]);
        const all = [...a!, ...b!];
        expect(new Set(all).size).toBe(all.length);
        expect(all).toHaveLength(total);
        const attempts = await f.handle.db.selectFrom("outbox").select("attempts").where("dedup_key", "like", `${key}:%`).execute();
        expect(attempts.every((row) => row.attempts === 1)).toBe(true);
      },
    );
  });
});
