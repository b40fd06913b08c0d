import { randomBytes } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { createOrganisation } from "#root/admin/create-organisation.ts";
import { migrateToLatest } from "#root/db/migrator.ts";
import { createRepositories, type Repositories } from "#root/db/repositories/index.ts";
import type { NewOutboxMessage } from "#root/db/repositories/outbox.ts";
import type { Database } from "#root/db/schema.ts";
import { msg } from "#root/i18n/translator.ts";
import { DEFAULT_LIMITS, type PlatformLimits } from "#root/notify/pacer.ts";
import { type BenchCase, type Figure, percentile, progress } from "../figure.ts";
import { type DeliveryFleet, forkDeliveryProcesses, startDeliveryWorkersHere, type WorkerOutcome } from "../support/delivery-fleet.ts";
import type { SendSlots } from "../support/delivery-worker.ts";
import { type BotApiRateLimits, nowMs, startFakeBotApi, TELEGRAM_RATE_LIMITS } from "../support/fake-bot-api.ts";
import { type BenchDatabase, openBenchDatabase } from "../support/services.ts";

/**
 * Delivery of due reminders by three bot replicas, each the bot's own OutboxDelivery with the real
 * grammY-based Telegram adapter, against a fake Bot API that holds them to Telegram's limits (30
 * messages in any second per bot, one a second per chat: 429 with retry_after past them, 403 for a
 * blocked chat). 100,000 reminders to 20,000 people are due at the start. Three runs on the same outbox,
 * the pacers at the bot's defaults (DEFAULT_LIMITS) unless said otherwise:
 *   per-process  each worker books its sending slots in its own memory (the bot without REDIS_URL),
 *                for BENCH_DELIVERY_SECONDS (60);
 *   shared       the workers book from one slot book: in Redis (REDIS_URL, as createApp sets it up),
 *                or in this process's memory for workers sharing PGlite, for
 *                BENCH_DELIVERY_SHARED_SECONDS (30); skipped for processes without Redis;
 *   ceiling      the API's and the pacers' per-second limits raised to 10,000 (the per-chat second
 *                kept), slots booked as in the shared run, for BENCH_DELIVERY_CEILING_SECONDS (20):
 *                what the claim → send → mark pipeline itself does.
 * On a PostgreSQL server (DATABASE_URL) the replicas are three processes with their own pools; without
 * it the three workers share one in-memory PGlite in this process, and the figures say so.
 */

const NAME = "delivery";
const WORKERS = 3;
const PEOPLE = 20_000;
const REMINDERS = 100_000;
/** Every 97th person (from the sixth) blocked the bot: about 1 %, some of them early in the queue. */
const isBlocked = (person: number) => person % 97 === 5;
const RAISED_LIMITS: PlatformLimits & BotApiRateLimits = { perSecond: 10_000, perChatIntervalMs: 1_000 };
/** claimDue calls timed alone before the runs. */
const CLAIMS_MEASURED = 100;
const MARKER = /\[(bench-reminder:\d+)\]/;
const URGENT_MARKER = "[bench-urgent]";

interface Seeded {
  /** The chats (Telegram ids as strings) of the people who blocked the bot. */
  blockedChats: string[];
  /** The coordinator, who is told of people who blocked the bot and gets the urgent probe. */
  coordinatorId: number;
  /** Reminder k was due at firstDue + k × spacingMs (epoch ms). */
  firstDue: number;
  spacingMs: number;
}

interface Accepted {
  chatId: string;
  text: string;
  atMs: number;
}

interface RunPlan {
  label: string;
  seconds: number;
  apiLimits: BotApiRateLimits;
  /** The workers' pacer limits for Telegram; the bot's defaults when absent. */
  workerLimits?: PlatformLimits;
  /** Where the workers book sending slots ("redis" gets a key prefix of the run's own). */
  slots: "own" | "redis" | "shared-here";
}

/** What the shared and ceiling runs book from: Redis when there is one, one memory book for workers in one process. */
function sharedBook(kind: BenchDatabase["kind"]): RunPlan["slots"] | undefined {
  if (process.env.REDIS_URL) return "redis";
  return kind === "pglite" ? "shared-here" : undefined;
}

const BOOKS: Record<RunPlan["slots"], string> = {
  own: "each worker its own",
  redis: "one slot book in Redis for all",
  "shared-here": "one slot book in memory for all",
};

const delivery: BenchCase = {
  name: NAME,
  async run(): Promise<Figure[]> {
    const database = await openBenchDatabase();
    try {
      const db = database.handle.db;
      await migrateToLatest(db);
      const repos = createRepositories(db);
      const seedStarted = performance.now();
      const seeded = await seed(repos, db);
      progress(
        `seeded ${PEOPLE.toLocaleString("en-US")} people, ${REMINDERS.toLocaleString("en-US")} due reminders in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s on ${database.label}`,
      );
      const where =
        database.kind === "postgres" ? `${WORKERS} processes, ${database.label}` : `${WORKERS} workers in 1 process, ${database.label}`;
      const seen = new Map<string, number>();
      const claimTimes = await measureClaims(repos, db, seeded, CLAIMS_MEASURED);
      const figures: Figure[] = [
        { case: NAME, metric: "delivery workers", value: WORKERS, unit: where },
        {
          case: NAME,
          metric: `claimDue alone, ${REMINDERS.toLocaleString("en-US")} due: p50 (${CLAIMS_MEASURED} claims of 50)`,
          value: percentile(claimTimes, 50),
          unit: "ms",
        },
        {
          case: NAME,
          metric: `claimDue alone, ${REMINDERS.toLocaleString("en-US")} due: p99`,
          value: percentile(claimTimes, 99),
          unit: "ms",
        },
      ];
      const shared = sharedBook(database.kind);
      const plans: RunPlan[] = [
        { label: "per-process", seconds: secondsFromEnv("BENCH_DELIVERY_SECONDS", 60), apiLimits: TELEGRAM_RATE_LIMITS, slots: "own" },
      ];
      if (shared)
        plans.push({
          label: "shared",
          seconds: secondsFromEnv("BENCH_DELIVERY_SHARED_SECONDS", 30),
          apiLimits: TELEGRAM_RATE_LIMITS,
          slots: shared,
        });
      else progress("shared: skipped, worker processes share a slot book only through Redis (set REDIS_URL)");
      plans.push({
        label: "ceiling",
        seconds: secondsFromEnv("BENCH_DELIVERY_CEILING_SECONDS", 20),
        apiLimits: RAISED_LIMITS,
        workerLimits: RAISED_LIMITS,
        slots: shared ?? "own",
      });
      for (const plan of plans) figures.push(...(await runDelivery(plan, database, repos, seeded, seen)));
      return figures;
    } finally {
      await database.close();
    }
  },
};

export default delivery;

function secondsFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a number of seconds above 0, not "${raw}"`);
  return value;
}

/**
 * An organisation with a coordinator and PEOPLE adult mentors, each with one Telegram account, and
 * REMINDERS reminders due over the last ten minutes: five to each person, in turns (reminder k goes to
 * person k mod PEOPLE), so the earliest due rows have distinct recipients as a real morning would.
 */
async function seed(repos: Repositories, db: Kysely<Database>): Promise<Seeded> {
  const { orgId } = await createOrganisation(repos, "Школа № 5 (бенчмарк доставки)", "Europe/Moscow");
  const now = new Date();
  const coordinatorChat = "900000001";
  // Told once of each person who blocked the bot, through the same outbox; also gets the urgent probe.
  const coordinator = await db
    .insertInto("people")
    .values({ full_name: "Куратор Бенчмарка", birth_year: 1980, locale: "ru" })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("participants").values({ org_id: orgId, person_id: coordinator.id, role: "coordinator", status: "active" }).execute();
  await db
    .insertInto("accounts")
    .values({ platform: "telegram", external_id: coordinatorChat, chat_id: coordinatorChat, person_id: coordinator.id, last_seen_at: now })
    .execute();

  const personIds: number[] = [];
  const blockedChats: string[] = [];
  const chatOf = (person: number) => String(100_000_000 + person);
  for (let first = 0; first < PEOPLE; first += 5_000) {
    const indexes = Array.from({ length: Math.min(5_000, PEOPLE - first) }, (_, offset) => first + offset);
    const rows = await db
      .insertInto("people")
      .values(indexes.map((person) => ({ full_name: `Участник ${person}`, birth_year: 1970 + (person % 30), locale: "ru" as const })))
      .returning(["id", "full_name"])
      .execute();
    const idOf = new Map(rows.map((row) => [row.full_name, row.id]));
    const ids = indexes.map((person) => idOf.get(`Участник ${person}`)!);
    personIds.push(...ids);
    await db
      .insertInto("participants")
      .values(ids.map((personId) => ({ org_id: orgId, person_id: personId, role: "mentor" as const, status: "active" as const })))
      .execute();
    await db
      .insertInto("accounts")
      .values(
        indexes.map((person, offset) => ({
          platform: "telegram" as const,
          external_id: chatOf(person),
          chat_id: chatOf(person),
          person_id: ids[offset]!,
          last_seen_at: now,
        })),
      )
      .execute();
    for (const person of indexes) if (isBlocked(person)) blockedChats.push(chatOf(person));
  }

  const firstDue = now.getTime() - 10 * 60_000;
  const spacingMs = (10 * 60_000) / REMINDERS;
  const expiresAt = new Date(now.getTime() + 24 * 3_600_000);
  for (let first = 0; first < REMINDERS; first += 2_000) {
    const batch: NewOutboxMessage[] = [];
    for (let k = first; k < Math.min(first + 2_000, REMINDERS); k++) {
      const person = k % PEOPLE;
      const dedupKey = `bench-reminder:${k}`;
      batch.push({
        dedupKey,
        to: { personId: personIds[person]! },
        message: {
          text: [
            msg("plain", { text: `Напоминание ${Math.floor(k / PEOPLE) + 1} из 5: встреча с наставником завтра в 16:00 [${dedupKey}]` }),
          ],
        },
        dueAt: new Date(firstDue + k * spacingMs),
        topic: `bench:${person}`,
        expiresAt,
        reminder: true,
      });
    }
    await repos.outbox.enqueue(batch);
  }
  return { blockedChats, coordinatorId: coordinator.id, firstDue, spacingMs };
}

interface OutboxCounts {
  sent: number;
  failed: number;
  pending: number;
  /** Pending rows waiting after a 429 that the adapter handed back to the outbox. */
  retryingAfter429: number;
  /** Pending rows whose send answered 403: the next claim finds no reachable account and fails them. */
  blocked: number;
}

async function reminderCounts(db: Kysely<Database>): Promise<OutboxCounts> {
  const row = await sql<OutboxCounts>`
    SELECT count(*) FILTER (WHERE sent_at IS NOT NULL)::int AS sent,
           count(*) FILTER (WHERE failed_at IS NOT NULL)::int AS failed,
           count(*) FILTER (WHERE sent_at IS NULL AND failed_at IS NULL)::int AS pending,
           count(*) FILTER (WHERE sent_at IS NULL AND failed_at IS NULL AND last_error LIKE '%429%')::int AS "retryingAfter429",
           count(*) FILTER (WHERE sent_at IS NULL AND failed_at IS NULL AND last_error = 'blocked')::int AS blocked
    FROM outbox WHERE dedup_key LIKE 'bench-reminder:%'`.execute(db);
  return row.rows[0]!;
}

/**
 * claimDue as a worker calls it (batches of 50, paced by the per-chat second), `count` times in a row
 * from one connection with nobody else claiming: the query's own time under the full backlog. Each
 * claim's rows are put back as they were (due time and attempts), so the runs start from the seeded
 * outbox.
 */
async function measureClaims(repos: Repositories, db: Kysely<Database>, seeded: Seeded, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let claim = 0; claim < count; claim++) {
    const started = performance.now();
    const rows = await repos.outbox.claimDue(50, new Date(), { recipientIntervalMs: DEFAULT_LIMITS.telegram.perChatIntervalMs });
    times.push(performance.now() - started);
    // Put back after each claim: every claim sees the whole backlog, and none of it in anyone's hands.
    await sql`
      UPDATE outbox SET attempts = attempts - 1,
        due_at = to_timestamp((${seeded.firstDue}::float8 + split_part(dedup_key, ':', 2)::int * ${seeded.spacingMs}::float8) / 1000)
      WHERE id = ANY(${rows.map((row) => row.id)}::bigint[])`.execute(db);
  }
  return times;
}

/**
 * One run: a fresh fake Bot API with `plan.apiLimits`, the workers started together, stopped after
 * `plan.seconds` (each finishes the batch in hand), and what the API accepted. `seen` counts each
 * reminder accepted over all runs, so a reminder sent again in a later run is a duplicate too.
 */
async function runDelivery(
  plan: RunPlan,
  database: BenchDatabase,
  repos: Repositories,
  seeded: Seeded,
  seen: Map<string, number>,
): Promise<Figure[]> {
  const accepted: Accepted[] = [];
  const api = await startFakeBotApi((message) => accepted.push({ chatId: message.chatId, text: message.text, atMs: message.atMs }), {
    rateLimits: plan.apiLimits,
    blockedChats: seeded.blockedChats,
  });
  const db = database.handle.db;
  const before = await reminderCounts(db);
  let fleet: DeliveryFleet | undefined;
  let outcomes: WorkerOutcome[];
  let startedAt: number;
  let urgentAhead: number;
  try {
    // Booked slots live a minute in Redis (see RedisSlotBook): a prefix per run keeps runs apart.
    const sendSlots: SendSlots =
      plan.slots === "redis"
        ? { kind: "redis", url: process.env.REDIS_URL!, prefix: `bench:${randomBytes(4).toString("hex")}:send-slots:` }
        : { kind: plan.slots };
    const settings = { apiRoot: api.apiRoot, sendSlots, ...(plan.workerLimits ? { telegramLimits: plan.workerLimits } : {}) };
    fleet =
      database.kind === "postgres"
        ? await forkDeliveryProcesses(WORKERS, await scratchDatabaseUrl(db), settings)
        : await startDeliveryWorkersHere(WORKERS, repos, settings);
    const pacer = plan.workerLimits ?? DEFAULT_LIMITS.telegram;
    progress(
      `${plan.label}: Bot API at ${plan.apiLimits.perSecond.toLocaleString("en-US")}/s per bot and 1 per ${plan.apiLimits.perChatIntervalMs} ms per chat, ` +
        `pacers at ${pacer.perSecond.toLocaleString("en-US")}/s, slot book: ${BOOKS[plan.slots]}; ${plan.seconds} s`,
    );
    // An urgent message (as a child's call for help would be) planned now, with the backlog due before it.
    const urgentDue = new Date();
    await repos.outbox.enqueue([
      {
        dedupKey: `bench-urgent:${plan.label}`,
        to: { personId: seeded.coordinatorId },
        message: { text: [msg("plain", { text: `Срочно: ученик просит помощи ${URGENT_MARKER}` })] },
        dueAt: urgentDue,
        urgent: true,
      },
    ]);
    urgentAhead = await dueBefore(db, urgentDue);
    startedAt = nowMs();
    fleet.start();
    await new Promise((resolve) => setTimeout(resolve, plan.seconds * 1_000));
    outcomes = await fleet.stop();
    fleet = undefined;
  } finally {
    // On a failure the workers still running are stopped before the API they send to goes away.
    await fleet?.stop().catch(() => undefined);
    await api.close();
  }
  const windowEnd = startedAt + plan.seconds * 1_000;
  const stats = api.stats();
  const after = await reminderCounts(db);

  let duplicates = 0;
  let reminders = 0;
  let others = 0;
  let inWindow = 0;
  const perSecond = new Map<number, number>();
  let urgentAfterMs: number | undefined;
  for (const message of accepted) {
    const key = MARKER.exec(message.text)?.[1];
    if (message.text.includes(URGENT_MARKER)) urgentAfterMs = message.atMs - startedAt;
    else if (key === undefined) others += 1;
    else {
      reminders += 1;
      const times = (seen.get(key) ?? 0) + 1;
      seen.set(key, times);
      if (times > 1) duplicates += 1;
    }
    if (message.atMs < windowEnd) {
      inWindow += 1;
      const second = Math.floor((message.atMs - startedAt) / 1_000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    }
  }
  const attempts = stats.calls.sendMessage ?? 0;
  const claimMs = outcomes.flatMap((outcome) => outcome.report.claimMs);
  const rate = inWindow / plan.seconds;
  const sentInRun = after.sent - before.sent;
  const label = (metric: string) => `${plan.label}: ${metric}`;
  const figure = (metric: string, value: number, unit: string): Figure => ({ case: NAME, metric: label(metric), value, unit });

  progress(
    `${plan.label}: ${inWindow} accepted in the window (${rate.toFixed(1)}/s), ${accepted.length - inWindow} while the workers finished their batches ` +
      `(longest ${Math.max(...outcomes.map((outcome) => outcome.report.drainMs)).toFixed(0)} ms); sendMessage calls ${attempts}, ` +
      `429 ${stats.tooManyRequests.bot} (bot) + ${stats.tooManyRequests.chat} (chat), 403 ${stats.blocked}; ` +
      `reminder rows sent ${sentInRun}, failed ${after.failed - before.failed}, accepted reminders ${reminders}, other messages ${others}; ` +
      `busiest second ${Math.max(0, ...perSecond.values())}; claims ${claimMs.length} (+${outcomes.reduce((sum, outcome) => sum + outcome.report.emptyClaims, 0)} empty)`,
  );
  if (reminders !== sentInRun) progress(`${plan.label}: the API accepted ${reminders} reminders but ${sentInRun} rows were marked sent`);

  return [
    figure(`window`, plan.seconds, "s"),
    figure(`Bot API limit per bot`, plan.apiLimits.perSecond, "messages/s"),
    figure(`pacer limit`, (plan.workerLimits ?? DEFAULT_LIMITS.telegram).perSecond, `messages/s, ${BOOKS[plan.slots]}`),
    figure(`messages accepted per second`, rate, "messages/s"),
    figure(`accepted / Bot API limit`, (100 * rate) / plan.apiLimits.perSecond, "%"),
    figure(`sendMessage calls (window and drain)`, attempts, "calls"),
    figure(`429 past the per-bot limit`, stats.tooManyRequests.bot, "answers"),
    // The API refuses a send to a chat within the gap of its last accepted one, so every violation shows here.
    figure(`per-chat limit violations (429)`, stats.tooManyRequests.chat, "sends"),
    figure(`403 blocked answers`, stats.blocked, "answers"),
    figure(`duplicates (a reminder accepted twice, all runs so far)`, duplicates, "messages"),
    figure(`messages delivered in the window`, inWindow, "messages"),
    figure(`reminder rows sent (window and drain)`, sentInRun, "rows"),
    figure(`acknowledged but not marked sent`, reminders - sentInRun, "rows"),
    figure(`backlog left`, after.pending, "rows"),
    figure(`rows waiting after a 429 handed back (at the end)`, after.retryingAfter429, "rows"),
    // A 403 puts the row back due now, behind the backlog; its next claim finds no account and fails it.
    figure(`rows back in the queue after a 403`, after.blocked, "rows"),
    figure(`urgent message planned at the start: rows due before it`, urgentAhead, "rows"),
    figure(`urgent message delivered within the run`, urgentAfterMs === undefined ? 0 : 1, "yes = 1"),
    ...(urgentAfterMs === undefined ? [] : [figure(`urgent message: accepted after`, urgentAfterMs / 1_000, "s")]),
    figure(`claimDue p50 (${claimMs.length} claims)`, percentile(claimMs, 50), "ms"),
    figure(`claimDue p99`, percentile(claimMs, 99), "ms"),
    figure(
      `log lines at warn / error`,
      outcomes.reduce((sum, outcome) => sum + outcome.warnings + outcome.errors, 0),
      "lines",
    ),
  ];
}

/** Messages waiting to go that were due before `at` (the claim takes the earliest due first). */
async function dueBefore(db: Kysely<Database>, at: Date): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    SELECT count(*)::int AS count FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND due_at < ${at}`.execute(db);
  return rows[0]!.count;
}

/** The URL of the case's scratch database on the DATABASE_URL server, for the worker processes. */
async function scratchDatabaseUrl(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(db);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${rows[0]!.name}`;
  return url.toString();
}
