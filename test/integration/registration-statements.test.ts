/**
 * The database statements a mentee's registration costs from the flows themselves (the update path
 * around them, the inbox, the account and the session, is the runtime's own budget and not counted
 * here): a 12-year-old opens the invite, answers name, age, class, a direction, Done, goals and
 * presses Save, 8 updates over HTTP through the whole bot. The start looks the invite up once (with
 * its organisation and the birth year known for the chat), the save writes everything in one
 * statement, the parent's link included.
 *
 * The handle's queryCount() counts every statement of the process, the outbox poll and the recovery
 * sweep among them, which run on timers; so statements are attributed instead: each flow's `run`
 * and each of its `d.run` effects is marked in an AsyncLocalStorage, and every statement sent to
 * the database (BEGIN and COMMIT included) is noted with the mark it was sent under.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { type CompiledQuery, type DatabaseConnection, PostgresDriver } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#root/db/connection.ts";
import { createRepositories, type Repositories } from "#root/db/repositories/index.ts";
import type { Organisation } from "#root/db/repositories/organisations.ts";
import type { RegisterRequest } from "#root/db/repositories/people.ts";
import type { Dialog } from "#root/dialog/dialog.ts";
import { CONSENT_TEXT_VERSION } from "#root/domain/consent.ts";
import { isWellFormedToken, TOKEN_POLICY } from "#root/domain/tokens.ts";
import { FLOWS } from "#root/flows/router.ts";
import type { Incoming } from "#root/messaging/messenger.ts";
import { hashToken, newLinkCode, newToken } from "#root/tokens.ts";
import { openTestDatabase, testDatabaseKind } from "../support/database.ts";
import { idSequence, issueInvite, menteeForm, registerCoordinator, registerMentee } from "../support/journeys.ts";
import { useTestStack } from "../support/stack.ts";

/** Where a statement came from: "<flow> <d.run key>", or "<flow> (outside d.run)". */
const marks = new AsyncLocalStorage<string>();
const statements: Array<{ at: string; sql: string }> = [];

// Every statement of every Kysely instance in this process passes a PostgresConnection acquired
// here (BEGIN and COMMIT too: the driver sends them through the connection), on PGlite and pg alike.
const COUNTED = Symbol("counted");
const acquire = PostgresDriver.prototype.acquireConnection;
PostgresDriver.prototype.acquireConnection = async function acquireCounted(this: PostgresDriver): Promise<DatabaseConnection> {
  const connection = (await acquire.call(this)) as DatabaseConnection & { [COUNTED]?: true };
  if (!connection[COUNTED]) {
    const execute = connection.executeQuery.bind(connection);
    connection.executeQuery = <R>(query: CompiledQuery) => {
      const at = marks.getStore();
      if (at) statements.push({ at, sql: query.sql });
      return execute<R>(query);
    };
    connection[COUNTED] = true;
  }
  return connection;
};

for (const flow of FLOWS) {
  const run = flow.run.bind(flow);
  flow.run = (d: Dialog, ctx, args) => {
    const action = d.run.bind(d);
    d.run = (key, effect) => action(key, () => marks.run(`${flow.name} ${key}`, effect));
    return marks.run(`${flow.name} (outside d.run)`, () => run(d, ctx, args));
  };
}

/** Statements noted so far, by where they came from. */
function byMark(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { at } of statements) counts[at] = (counts[at] ?? 0) + 1;
  return counts;
}

const stack = useTestStack();
const nextId = idSequence(995_000);

/** What is stored for the person behind a chat: their participations with the answers, and the parent's links about them. */
async function storedFor(platform: "telegram" | "vk", userId: number) {
  const db = stack.database.db;
  const participations = await db
    .selectFrom("accounts")
    .innerJoin("people", "people.id", "accounts.person_id")
    .innerJoin("participants", "participants.person_id", "people.id")
    .innerJoin("mentee_profiles", "mentee_profiles.participant_id", "participants.id")
    .select([
      "participants.id",
      "people.full_name",
      "participants.status",
      "participants.role",
      "mentee_profiles.grade",
      "mentee_profiles.directions",
    ])
    .where("accounts.platform", "=", platform)
    .where("accounts.external_id", "=", String(userId))
    .execute();
  const links = await db
    .selectFrom("invites")
    .select(["purpose", "uses_left"])
    .where(
      "subject_participant_id",
      "in",
      participations.map((row) => row.id),
    )
    .execute();
  return { participations: participations.map(({ id: _, ...row }) => row), links };
}

describe.each(["telegram", "vk"] as const)("a mentee's registration on %s", (platform) => {
  it("costs the database one statement at the start and one at the save, for 8 updates", async () => {
    const coordinator = await registerCoordinator(stack, platform, nextId());
    const invite = { payload: await issueInvite(stack, coordinator.orgId, "mentee"), orgName: coordinator.orgName };
    await stack.settle();
    statements.length = 0;

    const student = stack.user(platform, nextId());
    await registerMentee(student, invite, menteeForm("Соня Лебедева", 12));
    await stack.settle();

    const handled = await stack.database.db
      .selectFrom("inbox")
      .select((eb) => eb.fn.countAll<string>().as("count"))
      .where("platform", "=", platform)
      .where("chat_id", "=", student.chatId)
      .where("processed_at", "is not", null)
      .executeTakeFirstOrThrow();
    expect(Number(handled.count)).toBe(8);
    const counts = byMark();
    const detail = statements.map(({ at, sql }) => `${at}: ${sql.replace(/\s+/g, " ").slice(0, 160)}`).join("\n");
    expect(counts, detail).toEqual({ "start find-invite": 1, "register-mentee register": 1 });
    expect(statements.length, detail).toBeLessThanOrEqual(3);

    // What the one statement wrote: the person on the account, the participation waiting for a
    // parent, the answers, and a parent's link about the new participation.
    expect(await storedFor(platform, student.userId)).toEqual({
      participations: [{ full_name: "Соня Лебедева", status: "awaiting_consent", role: "mentee", grade: "6Б", directions: ["projects"] }],
      links: [{ purpose: "consent", uses_left: 1 }],
    });
  });
});

const DAY = 24 * 60 * 60 * 1000;
let sequence = 0;

/** A message from a new chat, as the runtime stores it before touching the account. */
function incoming(): Incoming {
  sequence += 1;
  const userId = `${Date.now().toString(36)}${sequence}`;
  return {
    updateKey: `telegram:${userId}`,
    platform: "telegram",
    chatId: userId,
    userId,
    sentAt: new Date().toISOString(),
    event: { kind: "text", text: "/start" },
  };
}

describe(`the save and the start's look-up, statement by statement, on ${testDatabaseKind()}`, () => {
  // A database of its own: nothing else sends statements to it, so queryCount() counts exactly.
  let handle: DatabaseHandle;
  let repos: Repositories;
  let org: Organisation;
  let otherOrg: Organisation;
  const now = new Date("2026-09-15T09:00:00.000Z");
  beforeAll(async () => {
    handle = await openTestDatabase();
    repos = createRepositories(handle.db);
    org = await repos.organisations.create("Школа № 7", "Europe/Moscow");
    otherOrg = await repos.organisations.create("Лицей № 3", "Asia/Yekaterinburg");
  });
  afterAll(async () => {
    await handle?.close();
  });

  /** Runs `work` and says how many statements it sent. */
  async function statementsOf<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> {
    const before = handle.queryCount();
    const result = await work();
    return { result, statements: handle.queryCount() - before };
  }

  /** Every row a registration can write or change. */
  async function everything() {
    const db = handle.db;
    return {
      people: await db.selectFrom("people").selectAll().orderBy("id").execute(),
      accounts: await db.selectFrom("accounts").select(["id", "person_id"]).orderBy("id").execute(),
      participants: await db.selectFrom("participants").selectAll().orderBy("id").execute(),
      menteeProfiles: await db.selectFrom("mentee_profiles").selectAll().orderBy("participant_id").execute(),
      mentorProfiles: await db.selectFrom("mentor_profiles").selectAll().orderBy("participant_id").execute(),
      consents: await db.selectFrom("consents").selectAll().orderBy("id").execute(),
      invites: await db.selectFrom("invites").selectAll().orderBy("id").execute(),
    };
  }

  const mentee = (fullName: string, birthYear = 2014) => ({
    role: "mentee" as const,
    answers: {
      fullName,
      birthYear,
      grade: "6Б",
      directions: ["projects" as const, "studies" as const],
      goals: "Сделать проект по биологии",
    },
  });

  /** A 12-year-old's save, as the flow asks for it. */
  const childSave = (accountId: number, token: string, fullName = "Соня Лебедева"): RegisterRequest => ({
    accountId,
    locale: "ru",
    token,
    orgId: org.id,
    status: "awaiting_consent",
    registration: mentee(fullName),
    parentLink: true,
    now,
  });

  it("a 12-year-old's save is one statement: the person on the account, the participation, the answers, the invite's use, the parent's link", async () => {
    const account = await repos.accounts.touch(incoming(), now);
    const token = await repos.invites.issue({ purpose: "mentee", orgId: org.id, now });
    const { result, statements } = await statementsOf(() => repos.people.register(childSave(account.id, token)));
    expect(statements).toBe(1);
    expect(result).toEqual({ ok: true, personId: expect.any(Number), participantId: expect.any(Number), parentLink: expect.any(String) });
    if (!result.ok) return;

    expect(await repos.people.get(result.personId)).toMatchObject({ fullName: "Соня Лебедева", birthYear: 2014, locale: "ru" });
    expect(await repos.accounts.personOf(account.id)).toBe(result.personId);
    expect(await repos.people.participant(result.participantId)).toMatchObject({
      personId: result.personId,
      orgId: org.id,
      role: "mentee",
      status: "awaiting_consent",
    });
    const participant = await handle.db
      .selectFrom("participants")
      .select(["created_at", "updated_at"])
      .where("id", "=", result.participantId)
      .executeTakeFirstOrThrow();
    expect(participant).toEqual({ created_at: now, updated_at: now });
    expect(await repos.people.menteeProfile(result.participantId)).toMatchObject({
      grade: "6Б",
      directions: ["projects", "studies"],
      goals: "Сделать проект по биологии",
    });
    expect(await repos.consents.latest(result.participantId)).toEqual([]);
    const invite = await handle.db
      .selectFrom("invites")
      .select("uses_left")
      .where("token_hash", "=", hashToken(token))
      .executeTakeFirstOrThrow();
    expect(invite.uses_left).toBe(TOKEN_POLICY.mentee.uses - 1);

    // The parent's link, as a consent link issued on its own would be.
    expect(isWellFormedToken(result.parentLink!)).toBe(true);
    expect(await repos.invites.find(result.parentLink!, now)).toEqual({
      ok: true,
      invite: {
        id: expect.any(Number),
        purpose: "consent",
        orgId: org.id,
        subjectParticipantId: result.participantId,
        subjectPersonId: result.personId,
        territoryId: null,
        expiresAt: new Date(now.getTime() + TOKEN_POLICY.consent.ttlMs).toISOString(),
      },
    });
    const link = await handle.db
      .selectFrom("invites")
      .select(["uses_left", "created_by"])
      .where("token_hash", "=", hashToken(result.parentLink!))
      .executeTakeFirstOrThrow();
    expect(link).toEqual({ uses_left: TOKEN_POLICY.consent.uses, created_by: result.personId });
  });

  it("a teenager's own consent and a mentor's answers go into the same one statement", async () => {
    const teen = await repos.accounts.touch(incoming(), now);
    const token = await repos.invites.issue({ purpose: "mentee", orgId: org.id, now });
    const saved = await statementsOf(() =>
      repos.people.register({
        ...childSave(teen.id, token, "Маша Иванова"),
        selfConsent: { textVersion: CONSENT_TEXT_VERSION, platform: "vk" },
      }),
    );
    expect(saved.statements).toBe(1);
    if (!saved.result.ok) throw new Error(saved.result.reason);
    expect(await repos.consents.latest(saved.result.participantId)).toMatchObject([
      {
        giver: "self",
        giverPersonId: saved.result.personId,
        decision: "granted",
        platform: "vk",
        textVersion: CONSENT_TEXT_VERSION,
        decidedAt: now.toISOString(),
      },
    ]);

    const adult = await repos.accounts.touch(incoming(), now);
    const mentorToken = await repos.invites.issue({ purpose: "mentor", orgId: org.id, now });
    const answers = {
      fullName: "Елена Орлова",
      birthYear: 1980,
      kind: "teacher" as const,
      directions: ["career" as const],
      offer: "Физика",
      capacity: 2,
      availability: "По средам",
    };
    const mentor = await statementsOf(() =>
      repos.people.register({
        accountId: adult.id,
        locale: "en",
        token: mentorToken,
        orgId: org.id,
        status: "active",
        registration: { role: "mentor", answers },
        now,
      }),
    );
    expect(mentor.statements).toBe(1);
    expect(mentor.result).toEqual({ ok: true, personId: expect.any(Number), participantId: expect.any(Number) });
    if (!mentor.result.ok) return;
    expect(await repos.people.mentorProfile(mentor.result.participantId)).toEqual({
      participantId: mentor.result.participantId,
      status: "active",
      ...answers,
    });
    expect(await repos.people.get(mentor.result.personId)).toMatchObject({ locale: "en" });
  });

  it("a save the invite no longer allows, or by someone already registered, writes nothing, the parent's link neither", async () => {
    const registered = await repos.accounts.touch(incoming(), now);
    const first = await repos.people.register(
      childSave(registered.id, await repos.invites.issue({ purpose: "mentee", orgId: org.id, now }), "Повторов Саша"),
    );
    if (!first.ok) throw new Error(first.reason);
    const fresh = await repos.accounts.touch(incoming(), now);
    const revoked = await repos.invites.issue({ purpose: "mentee", orgId: otherOrg.id, now });
    await repos.invites.revokeParticipantLinks(otherOrg.id, now);
    const refusals: Array<[string, RegisterRequest, string]> = [
      ["never issued", childSave(fresh.id, newToken()), "unknown"],
      [
        "expired",
        childSave(fresh.id, await repos.invites.issue({ purpose: "mentee", orgId: org.id, now: new Date(now.getTime() - 61 * DAY) })),
        "expired",
      ],
      ["revoked", { ...childSave(fresh.id, revoked), orgId: otherOrg.id }, "used_up"],
      ["for mentors", childSave(fresh.id, await repos.invites.issue({ purpose: "mentor", orgId: org.id, now })), "unknown"],
      [
        "of another organisation",
        childSave(fresh.id, await repos.invites.issue({ purpose: "mentee", orgId: otherOrg.id, now })),
        "unknown",
      ],
      [
        "already registered",
        childSave(registered.id, await repos.invites.issue({ purpose: "mentee", orgId: org.id, now }), "Другое Имя"),
        "already_registered",
      ],
    ];
    for (const [why, request, reason] of refusals) {
      const before = await everything();
      const { result, statements } = await statementsOf(() => repos.people.register(request));
      expect(result, why).toEqual({ ok: false, reason });
      expect(statements, why).toBe(1);
      expect(await everything(), why).toEqual(before);
    }
    const forged = await statementsOf(() => repos.people.register(childSave(fresh.id, "x' OR '1'='1")));
    expect(forged).toEqual({ result: { ok: false, reason: "unknown" }, statements: 0 });
    expect(await repos.people.get(first.personId)).toMatchObject({ fullName: "Повторов Саша" });
  });

  it("a person the bot knows keeps their birth year and takes the new name; an account left with an erased person gets a new one", async () => {
    const account = await repos.accounts.touch(incoming(), now);
    const asMentor = await repos.people.register({
      accountId: account.id,
      locale: "ru",
      token: await repos.invites.issue({ purpose: "mentor", orgId: otherOrg.id, now }),
      orgId: otherOrg.id,
      status: "active",
      registration: {
        role: "mentor",
        answers: {
          fullName: "Артём",
          birthYear: 2010,
          kind: "student",
          directions: ["studies"],
          offer: "Математика",
          capacity: 1,
          availability: "Вечером",
        },
      },
      now,
    });
    if (!asMentor.ok) throw new Error(asMentor.reason);
    const asMentee = await repos.people.register(
      childSave(account.id, await repos.invites.issue({ purpose: "mentee", orgId: org.id, now }), "Артём Иванов"),
    );
    expect(asMentee).toMatchObject({ ok: true, personId: asMentor.personId });
    expect(await repos.people.get(asMentor.personId)).toMatchObject({ fullName: "Артём Иванов", birthYear: 2010 });
    expect(await repos.accounts.personOf(account.id)).toBe(asMentor.personId);

    await repos.people.erase(asMentor.personId, "left", now);
    // Erasure unlinks the accounts; one still pointing at the erased row is treated as having nobody.
    await handle.db.updateTable("accounts").set({ person_id: asMentor.personId }).where("id", "=", account.id).execute();
    const again = await repos.people.register(
      childSave(account.id, await repos.invites.issue({ purpose: "mentee", orgId: org.id, now }), "Артём Новый"),
    );
    if (!again.ok) throw new Error(again.reason);
    expect(again.personId).not.toBe(asMentor.personId);
    expect(await repos.accounts.personOf(account.id)).toBe(again.personId);
    expect(await repos.people.get(again.personId)).toMatchObject({ fullName: "Артём Новый", birthYear: 2014 });
  });

  it("of ten saves on a one-time invite at once, one registers and the others are told it is used up", async () => {
    const token = await repos.invites.issue({ purpose: "coordinator", orgId: otherOrg.id, now });
    const accounts = await Promise.all(Array.from({ length: 10 }, () => repos.accounts.touch(incoming(), now)));
    const results = await Promise.all(
      accounts.map((account, index) =>
        repos.people.register({
          accountId: account.id,
          locale: "ru",
          token,
          orgId: otherOrg.id,
          status: "active",
          registration: { role: "coordinator", answers: { fullName: `Куратор ${index}` } },
          now,
        }),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual(Array.from({ length: 9 }, () => ({ ok: false, reason: "used_up" })));
    expect(await repos.organisations.coordinatorPersonIds(otherOrg.id)).toHaveLength(1);
  });

  it("a save for an account that does not exist fails and writes nothing", async () => {
    const before = await everything();
    await expect(
      repos.people.register(childSave(2_000_000_000, await repos.invites.issue({ purpose: "mentee", orgId: org.id, now }))),
    ).rejects.toThrow(/account/);
    const after = await everything();
    expect(after.invites.slice(0, -1)).toEqual(before.invites);
    expect(after.invites.at(-1)?.uses_left).toBe(TOKEN_POLICY.mentee.uses);
    expect({ ...after, invites: [] }).toEqual({ ...before, invites: [] });
  });

  it("the start's look-up is one statement: the invite, its organisation's name and the birth year known for the chat", async () => {
    const stranger = await repos.accounts.touch(incoming(), now);
    const token = await repos.invites.issue({ purpose: "mentee", orgId: org.id, now });
    const first = await statementsOf(() => repos.invites.findForStart(token, now, stranger.id));
    expect(first).toEqual({
      statements: 1,
      result: {
        ok: true,
        invite: {
          id: expect.any(Number),
          purpose: "mentee",
          orgId: org.id,
          subjectParticipantId: null,
          subjectPersonId: null,
          territoryId: null,
          expiresAt: expect.any(String),
        },
        orgName: "Школа № 7",
        knownBirthYear: null,
      },
    });
    const saved = await repos.people.register(childSave(stranger.id, token, "Знакомая Аня"));
    if (!saved.ok) throw new Error(saved.reason);
    const mentorInvite = await repos.invites.issue({ purpose: "mentor", orgId: otherOrg.id, now });
    expect(await repos.invites.findForStart(mentorInvite, now, stranger.id)).toMatchObject({
      ok: true,
      orgName: "Лицей № 3",
      knownBirthYear: 2014,
    });

    // A link code has no organisation.
    const code = await repos.invites.issue({ purpose: "link", subjectPersonId: saved.personId, now }, newLinkCode());
    expect(await repos.invites.findForStart(code, now, stranger.id)).toMatchObject({
      ok: true,
      orgName: "",
      invite: { purpose: "link", orgId: null },
    });

    // Refused as `find` refuses, with the purpose of a token that exists.
    expect(await repos.invites.findForStart(newToken(), now, stranger.id)).toEqual({ ok: false, reason: "unknown", purpose: null });
    expect(await repos.invites.findForStart(token, new Date(now.getTime() + 61 * DAY), stranger.id)).toEqual({
      ok: false,
      reason: "expired",
      purpose: "mentee",
    });
    await repos.invites.revokeParticipantLinks(otherOrg.id, now);
    expect(await repos.invites.findForStart(mentorInvite, now, stranger.id)).toEqual({ ok: false, reason: "used_up", purpose: "mentor" });
    expect(await statementsOf(() => repos.invites.findForStart("garbage", now, stranger.id))).toEqual({
      statements: 0,
      result: { ok: false, reason: "unknown", purpose: null },
    });
  });
});
