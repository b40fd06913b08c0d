import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "#root/db/connection.ts";
import { createRepositories, type Repositories } from "#root/db/repositories/index.ts";
import type { NewOutboxMessage } from "#root/db/repositories/outbox.ts";
import type { Role } from "#root/domain/programme.ts";
import { msg, Translator } from "#root/i18n/translator.ts";
import type { MessengerPort, Outgoing, Platform, Recipient, SendOptions, SendResult } from "#root/messaging/messenger.ts";
import { OutboxDelivery } from "#root/notify/outbox-delivery.ts";
import { openTestDatabase, serverUrlOf, testDatabaseKind } from "../support/database.ts";

const kind = testDatabaseKind();
const SECOND = 1_000;
/** 22:30 in Moscow (UTC+3): quiet hours for children. */
const NIGHT = new Date("2026-11-10T19:30:00Z");
/** 08:00 the next morning in Moscow. */
const MORNING = new Date("2026-11-11T05:00:00Z");

/** A clock that runs at real speed from a chosen instant and can jump ahead. */
class TestClock {
  private offset: number;
  constructor(start: Date) {
    this.offset = start.getTime() - Date.now();
  }
  now = (): Date => new Date(Date.now() + this.offset);
  jumpTo(instant: Date): void {
    this.offset = instant.getTime() - Date.now();
  }
}

interface Attempt {
  platform: Platform;
  chatId: string;
  key: string;
  text: string;
  at: number;
  worker: number;
  result: SendResult["ok"] | "blocked" | "failed";
}

/**
 * One messenger API shared by every worker, as the real one would be: it records each attempt (at
 * the test clock's time), answers "blocked" for blocked chats, and fails the first attempt of some
 * messages (every 7th) and the first two of others (every 21st) with a retry_after.
 */
class FakeMessengerApi {
  readonly attempts: Attempt[] = [];
  readonly blockedChats = new Set<string>();
  private readonly tries = new Map<string, number>();

  constructor(private readonly clock: TestClock) {}

  /** The API as one worker (replica) sees it. */
  port(platform: Platform, worker: number): MessengerPort {
    return {
      platform,
      startLink: (payload) => `https://example.test/${platform}?start=${payload}`,
      // The outbox only sends: a conversation's screens are not its business.
      edit: async () => ({ ok: false, reason: "failed", error: "not used by the outbox" }),
      removeButtons: async () => undefined,
      answerPress: async () => undefined,
      showActivity: async () => undefined,
      download: async () => ({ ok: false, reason: "failed", error: "not used by the outbox" }),
      send: async (to: Recipient, message: Outgoing, options?: SendOptions): Promise<SendResult> => {
        const key = options?.idempotencyKey ?? "";
        const at = this.clock.now().getTime();
        // A little latency, so that workers really overlap.
        await new Promise((resolve) => setTimeout(resolve, 2));
        const record = (result: Attempt["result"]) =>
          this.attempts.push({ platform, chatId: to.chatId, key, text: message.text, at, worker, result });
        if (this.blockedChats.has(`${platform}:${to.chatId}`)) {
          record("blocked");
          return { ok: false, reason: "blocked" };
        }
        const tries = (this.tries.get(key) ?? 0) + 1;
        this.tries.set(key, tries);
        const id = Number(key.split(":")[1]);
        if ((id % 7 === 0 && tries === 1) || (id % 21 === 0 && tries <= 2)) {
          record("failed");
          return { ok: false, reason: "failed", error: "429 Too Many Requests", retryAfterMs: 150 };
        }
        record(true);
        return { ok: true };
      },
    };
  }

  delivered(): Attempt[] {
    return this.attempts.filter((attempt) => attempt.result === true);
  }
}

interface Person {
  personId: number;
  accounts: Array<{ accountId: number; platform: Platform; chatId: string }>;
}

async function seedPerson(
  handle: DatabaseHandle,
  orgId: number,
  spec: { name: string; birthYear: number | null; role: Role; chats: Array<[Platform, string]> },
): Promise<Person> {
  const person = await handle.db
    .insertInto("people")
    .values({ full_name: spec.name, birth_year: spec.birthYear, locale: "ru" })
    .returning("id")
    .executeTakeFirstOrThrow();
  await handle.db.insertInto("participants").values({ org_id: orgId, person_id: person.id, role: spec.role, status: "active" }).execute();
  const accounts: Person["accounts"] = [];
  // The last chat listed is the one used last.
  for (const [index, [platform, chatId]] of spec.chats.entries()) {
    const account = await handle.db
      .insertInto("accounts")
      .values({
        platform,
        external_id: chatId,
        chat_id: chatId,
        person_id: person.id,
        last_seen_at: new Date(Date.now() - (spec.chats.length - index) * SECOND),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    accounts.push({ accountId: account.id, platform, chatId });
  }
  return { personId: person.id, accounts };
}

/** Three connections to one database on a real server (three replicas); PGlite has only the one handle. */
async function openReplicaHandles(main: DatabaseHandle): Promise<DatabaseHandle[]> {
  if (!process.env.DATABASE_URL) return [main, main, main];
  const url = await serverUrlOf(main);
  const others = await Promise.all([1, 2].map(() => openDatabase({ databaseUrl: url, dataDir: "memory://" })));
  return [main, ...others];
}

async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs = 60 * SECOND): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const text = (value: string) => ({ text: [msg("plain", { text: value })] });

describe(`outbox delivery across three workers on ${kind}`, () => {
  let main: DatabaseHandle;
  let handles: DatabaseHandle[];
  let repos: Repositories;
  let workers: OutboxDelivery[];
  const clock = new TestClock(NIGHT);
  const api = new FakeMessengerApi(clock);

  const adults: Person[] = [];
  let child: Person;
  let unknownAgeMentee: Person;
  let teenMentor: Person;
  let parent: Person;
  let coordinator: Person;
  let blocked: Person;
  const planned: Array<NewOutboxMessage & { personId: number }> = [];

  beforeAll(async () => {
    main = await openTestDatabase();
    handles = await openReplicaHandles(main);
    repos = createRepositories(main.db);
    const org = await repos.organisations.create("Школа № 7", "Europe/Moscow");
    const seed = (spec: Parameters<typeof seedPerson>[2]) => seedPerson(main, org.id, spec);

    coordinator = await seed({ name: "Ольга Куратор", birthYear: null, role: "coordinator", chats: [["telegram", "coordinator"]] });
    child = await seed({ name: "Маша Иванова", birthYear: 2014, role: "mentee", chats: [["telegram", "child"]] });
    unknownAgeMentee = await seed({ name: "Петя Без Возраста", birthYear: null, role: "mentee", chats: [["vk", "unknown-age"]] });
    teenMentor = await seed({ name: "Старшеклассник Дима", birthYear: 2009, role: "mentor", chats: [["telegram", "teen"]] });
    parent = await seed({ name: "Анна Родитель", birthYear: null, role: "parent", chats: [["vk", "parent"]] });
    blocked = await seed({
      name: "Игорь Заблокировал",
      birthYear: 1980,
      role: "mentor",
      chats: [
        ["vk", "blocked-vk"],
        ["telegram", "blocked-tg"],
      ],
    });
    api.blockedChats.add("vk:blocked-vk").add("telegram:blocked-tg");

    const plan = (person: Person, name: string, count: number, urgent = false) => {
      for (let n = 1; n <= count; n += 1) {
        planned.push({
          personId: person.personId,
          dedupKey: `${name}:${n}`,
          to: { personId: person.personId },
          message: text(`${name} ${n}`),
          urgent,
          dueAt: clock.now(),
        });
      }
    };
    plan(child, "child", 3);
    plan(child, "child-urgent", 1, true);
    plan(unknownAgeMentee, "unknown-age", 2);
    plan(teenMentor, "teen", 2);
    plan(parent, "parent", 2);
    plan(coordinator, "coordinator", 2);
    plan(blocked, "blocked", 6);
    for (let n = 0; planned.length < 300; n += 1) {
      const platform: Platform = n % 3 === 0 ? "vk" : "telegram";
      const adult = await seed({ name: `Взрослый ${n}`, birthYear: 1970 + (n % 30), role: "mentor", chats: [[platform, `adult-${n}`]] });
      adults.push(adult);
      plan(adult, `adult-${n}`, Math.min(3, 300 - planned.length));
    }
    expect(await repos.outbox.enqueue(planned)).toBe(300);

    const translator = await Translator.load("ru");
    workers = handles.map(
      (handle, worker) =>
        new OutboxDelivery({
          repos: createRepositories(handle.db),
          messengers: new Map<Platform, MessengerPort>([
            ["telegram", api.port("telegram", worker)],
            ["vk", api.port("vk", worker)],
          ]),
          translator,
          logger: pino({ level: "silent" }),
          defaultLocale: "ru",
          pollMs: 50,
          batchSize: 20,
          retryBaseMs: 100,
          limits: { telegram: { perSecond: 400, perChatIntervalMs: SECOND }, vk: { perSecond: 400, perChatIntervalMs: SECOND } },
          now: clock.now,
        }),
    );
    for (const worker of workers) worker.start();
  }, 120_000);

  afterAll(async () => {
    await Promise.all((workers ?? []).map((worker) => worker.stop()));
    for (const handle of new Set(handles ?? [])) if (handle !== main) await handle.close();
    await main?.close();
  });

  const pending = async () =>
    main.db
      .selectFrom("outbox")
      .select(["dedup_key", "due_at"])
      .where("sent_at", "is", null)
      .where("failed_at", "is", null)
      .orderBy("dedup_key")
      .execute();

  const deliveredKeys = () => api.delivered().map((attempt) => attempt.key);
  const chatOf = (person: Person) => person.accounts.at(-1)!.chatId;
  const deliveredTo = (chatId: string) => api.delivered().filter((attempt) => attempt.chatId === chatId);

  function expectPacing(): void {
    const byChat = new Map<string, number[]>();
    for (const attempt of api.delivered()) {
      const chat = `${attempt.platform}:${attempt.chatId}`;
      byChat.set(chat, [...(byChat.get(chat) ?? []), attempt.at]);
    }
    const tooClose: string[] = [];
    for (const [chat, times] of byChat) {
      times.sort((a, b) => a - b);
      for (let i = 1; i < times.length; i += 1)
        if (times[i]! - times[i - 1]! < SECOND) tooClose.push(`${chat}: ${times[i]! - times[i - 1]!} ms`);
    }
    expect(tooClose).toEqual([]);
  }

  it("at 22:30 delivers everything once, except what waits for a child's morning", async () => {
    const held = ["child:1", "child:2", "child:3", "teen:1", "teen:2", "unknown-age:1", "unknown-age:2"];
    await waitFor("the night's deliveries", async () => {
      const rows = await pending();
      return rows.length === held.length && rows.every((row) => held.includes(row.dedup_key));
    });

    // Held until 08:00 Moscow time: the child (12), the mentee of unknown age, the 17-year-old mentor.
    for (const row of await pending()) expect(new Date(row.due_at).toISOString()).toBe(MORNING.toISOString());
    expect(deliveredTo(chatOf(child)).map((attempt) => attempt.text)).toEqual(["child-urgent 1"]);
    expect(deliveredTo(chatOf(unknownAgeMentee))).toEqual([]);
    expect(deliveredTo(chatOf(teenMentor))).toEqual([]);
    // Adults, parents and coordinators are never held.
    expect(deliveredTo(chatOf(parent))).toHaveLength(2);

    // Every message went once, by idempotency key; those that failed came back later and went.
    const keys = deliveredKeys();
    expect(new Set(keys).size).toBe(keys.length);
    const sentRows = await main.db.selectFrom("outbox").select(["id", "attempts"]).where("sent_at", "is not", null).execute();
    expect(keys.sort()).toEqual(sentRows.map((row) => `outbox:${row.id}`).sort());
    const retried = sentRows.filter((row) => row.id % 7 === 0 || row.id % 21 === 0);
    expect(retried.length).toBeGreaterThan(0);
    for (const row of retried) {
      const refused = api.attempts.filter((attempt) => attempt.key === `outbox:${row.id}` && attempt.result === "failed");
      expect(refused).toHaveLength(row.id % 21 === 0 ? 2 : 1);
      expect(row.attempts).toBe(1); // a rate limit does not use up a delivery attempt
    }
    for (const adult of adults) expect(deliveredTo(chatOf(adult)).length).toBeGreaterThan(0);
    // The three workers shared the work.
    expect(new Set(api.delivered().map((attempt) => attempt.worker))).toEqual(new Set([0, 1, 2]));
    expectPacing();
  }, 90_000);

  it("gives up on a person who blocked the bot everywhere and tells the coordinator once", async () => {
    const failed = await main.db
      .selectFrom("outbox")
      .select(["dedup_key", "last_error"])
      .where("failed_at", "is not", null)
      .orderBy("dedup_key")
      .execute();
    expect(failed.map((row) => row.dedup_key)).toEqual(["blocked:1", "blocked:2", "blocked:3", "blocked:4", "blocked:5", "blocked:6"]);
    // Both of the person's accounts were tried before the person counted as unreachable.
    const tried = api.attempts.filter((attempt) => attempt.result === "blocked").map((attempt) => `${attempt.platform}:${attempt.chatId}`);
    expect(new Set(tried)).toEqual(new Set(["telegram:blocked-tg", "vk:blocked-vk"]));
    const notices = deliveredTo(chatOf(coordinator)).filter((attempt) => attempt.text.includes("Игорь Заблокировал"));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain("наставник");
    const person = await main.db
      .selectFrom("people")
      .select("unreachable_reported_at")
      .where("id", "=", blocked.personId)
      .executeTakeFirstOrThrow();
    expect(person.unreachable_reported_at).toBeInstanceOf(Date);

    // More messages to the same person: no second notice.
    await workers[1]!.send({ personId: blocked.personId }, text("ещё одно"), "blocked:7");
    await waitFor("the extra message to fail", async () => (await pending()).every((row) => row.dedup_key !== "blocked:7"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(deliveredTo(chatOf(coordinator)).filter((attempt) => attempt.text.includes("Игорь Заблокировал"))).toHaveLength(1);
  }, 30_000);

  it("sends an urgent message to a child at once, at night", async () => {
    await workers[2]!.send({ personId: child.personId }, text("срочно"), "child-urgent:2", { urgent: true });
    await waitFor("the urgent message", async () => deliveredTo(chatOf(child)).some((attempt) => attempt.text === "срочно"));
    expect(deliveredTo(chatOf(child)).map((attempt) => attempt.text)).toEqual(["child-urgent 1", "срочно"]);
  }, 30_000);

  it("releases the children's messages at 08:00, each once and a second apart", async () => {
    clock.jumpTo(new Date(MORNING.getTime() - 30 * SECOND));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(deliveredTo(chatOf(teenMentor))).toEqual([]);

    clock.jumpTo(MORNING);
    await waitFor("the morning's deliveries", async () => (await pending()).length === 0);
    // (A message whose first try failed may come after the next one.)
    expect(
      deliveredTo(chatOf(child))
        .map((attempt) => attempt.text)
        .slice(0, 2),
    ).toEqual(["child-urgent 1", "срочно"]);
    expect(
      deliveredTo(chatOf(child))
        .map((attempt) => attempt.text)
        .slice(2)
        .sort(),
    ).toEqual(["child 1", "child 2", "child 3"]);
    expect(
      deliveredTo(chatOf(teenMentor))
        .map((attempt) => attempt.text)
        .sort(),
    ).toEqual(["teen 1", "teen 2"]);
    expect(deliveredTo(chatOf(unknownAgeMentee))).toHaveLength(2);
    for (const attempt of [...deliveredTo(chatOf(child)).slice(2), ...deliveredTo(chatOf(teenMentor))]) {
      expect(attempt.at).toBeGreaterThanOrEqual(MORNING.getTime());
    }

    const keys = deliveredKeys();
    expect(new Set(keys).size).toBe(keys.length);
    // 300 planned + 1 urgent + 1 notice, less the 6 to the blocked person; the 7th to them failed too.
    expect(keys).toHaveLength(300 + 1 + 1 - 6);
    expectPacing();
  }, 60_000);

  it("reports the person again when they come back and block the bot once more", async () => {
    const [vkAccount] = blocked.accounts;
    await repos.accounts.touch(
      {
        updateKey: "vk:back-again",
        platform: "vk",
        chatId: vkAccount!.chatId,
        userId: vkAccount!.chatId,
        sentAt: clock.now().toISOString(),
        event: { kind: "text", text: "я вернулся" },
      },
      clock.now(),
    );
    const person = await main.db
      .selectFrom("people")
      .select("unreachable_reported_at")
      .where("id", "=", blocked.personId)
      .executeTakeFirstOrThrow();
    expect(person.unreachable_reported_at).toBeNull();

    await workers[0]!.send({ personId: blocked.personId }, text("снова"), "blocked:8");
    await waitFor(
      "the second notice",
      async () => deliveredTo(chatOf(coordinator)).filter((attempt) => attempt.text.includes("Игорь Заблокировал")).length === 2,
    );
    await waitFor("the outbox to drain", async () => (await pending()).length === 0);
    expectPacing();
  }, 30_000);

  it("drops reminders to a person who turned them off, and reminders that could only arrive too late", async () => {
    const [quietAdult, lateAdult] = adults;
    await main.db.updateTable("people").set({ reminders_on: false }).where("id", "=", quietAdult!.personId).execute();
    // 22:00 in Moscow the next evening: a child's reminder for a 23:00 meeting would wait for the morning.
    const evening = new Date(MORNING.getTime() + 14 * 3_600_000);
    clock.jumpTo(evening);
    const hour = 3_600_000;
    await repos.outbox.enqueue([
      {
        dedupKey: "reminder-off:1",
        to: { personId: quietAdult!.personId },
        message: text("напоминание выключено"),
        dueAt: evening,
        reminder: true,
      },
      { dedupKey: "reminder-off:2", to: { personId: quietAdult!.personId }, message: text("не напоминание"), dueAt: evening },
      {
        dedupKey: "night-reminder:1",
        to: { personId: child.personId },
        message: text("встреча в 23:00"),
        dueAt: evening,
        expiresAt: new Date(evening.getTime() + hour),
        reminder: true,
      },
      // Planned for before a meeting that already began while the bot was down.
      {
        dedupKey: "downtime-reminder:1",
        to: { personId: lateAdult!.personId },
        message: text("опоздавшее"),
        dueAt: new Date(evening.getTime() - 2 * hour),
        expiresAt: new Date(evening.getTime() - hour),
        reminder: true,
      },
    ]);
    await waitFor("the evening's messages", async () => (await pending()).length === 0);
    const rows = await main.db
      .selectFrom("outbox")
      .select(["dedup_key", "sent_at", "last_error"])
      .where("dedup_key", "in", ["reminder-off:1", "reminder-off:2", "night-reminder:1", "downtime-reminder:1"])
      .orderBy("dedup_key")
      .execute();
    expect(rows.map((row) => [row.dedup_key, row.sent_at !== null, row.last_error])).toEqual([
      ["downtime-reminder:1", false, "expired"],
      ["night-reminder:1", false, "expired during quiet hours"],
      ["reminder-off:1", false, "reminders off"],
      ["reminder-off:2", true, null],
    ]);
    expect(deliveredTo(chatOf(quietAdult!)).map((attempt) => attempt.text)).toContain("не напоминание");
    expect(api.delivered().map((attempt) => attempt.text)).not.toContain("напоминание выключено");
    expect(api.delivered().map((attempt) => attempt.text)).not.toContain("встреча в 23:00");
    expect(api.delivered().map((attempt) => attempt.text)).not.toContain("опоздавшее");
  }, 30_000);
});
