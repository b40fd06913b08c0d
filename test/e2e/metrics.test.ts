/**
 * GET /metrics through the whole stack: after a coordinator (Telegram) and a student (VK) register,
 * the Prometheus series say what the database and the messengers saw: updates by platform as the
 * inbox holds them, the outbox's depth as its rows, sends and a 403 and a 429 as the Bot API
 * emulator refused them, every job's run. Without the token: 401.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { msg } from "#root/i18n/translator.ts";
import { JOBS } from "#root/jobs/index.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { testDatabaseKind } from "../support/database.ts";
import { issueInvite, menteeForm, registerCoordinator, registerMentee, ru } from "../support/journeys.ts";
import { TEST_METRICS_TOKEN, useTestStack } from "../support/stack.ts";

const stack = useTestStack();

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`Not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]!] = pair[2]!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

async function scrape(): Promise<Sample[]> {
  const response = await fetch(`${stack.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parse(await response.text());
}

/** The one sample of a series with these labels (undefined: none). */
function sampleOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter(
    (sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

async function inboxCounts(platform: Platform) {
  const row = await sql<{ total: number; handled: number; failed: number; waiting: number }>`
    SELECT count(*)::int AS total,
      count(*) FILTER (WHERE processed_at IS NOT NULL AND dead_letter_reason IS NULL)::int AS handled,
      count(*) FILTER (WHERE dead_letter_reason IS NOT NULL)::int AS failed,
      count(*) FILTER (WHERE processed_at IS NULL)::int AS waiting
    FROM inbox WHERE platform = ${platform}`.execute(stack.database.db);
  return row.rows[0]!;
}

/** The Telegram account of a chat: its id and the person behind it. */
function telegramAccount(chatId: string) {
  return stack.database.db
    .selectFrom("accounts")
    .select(["id", "person_id"])
    .where("platform", "=", "telegram")
    .where("chat_id", "=", chatId)
    .executeTakeFirstOrThrow();
}

async function pendingOutbox(): Promise<number> {
  const row = await sql<{ count: number }>`SELECT count(*)::int AS count FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL`.execute(
    stack.database.db,
  );
  return row.rows[0]!.count;
}

describe("GET /metrics", () => {
  it("refuses a scraper without the token, or with a wrong one", async () => {
    expect((await fetch(`${stack.baseUrl}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${stack.baseUrl}/metrics`, { headers: { authorization: "Bearer not-the-token-at-all" } });
    expect(wrong.status).toBe(401);
  });

  it("tells, after a journey, what the inbox, the outbox, the messengers and the jobs saw", async () => {
    const coordinator = await registerCoordinator(stack, "telegram", 81_001);
    const student = stack.user("vk", 81_002, "Катя");
    await registerMentee(
      student,
      { payload: await issueInvite(stack, coordinator.orgId, "mentee"), orgName: coordinator.orgName },
      menteeForm("Катя Иванова", 18),
    );
    // The student asks for help from the menu, the coordinator opens the programme: each menu turns
    // into the screen asked for, in place.
    await student.send("/menu");
    await student.press(ru("button-help"));
    await coordinator.user.press(ru("button-programme"));
    await stack.settle();
    await stack.runJobs();
    await stack.settle();

    // The outbox worker is stopped: the test delivers by hand (stack.settle), so nothing races it.
    await stack.app.outbox.stop();
    const coordinatorPerson = await telegramAccount("81001");
    // Another Telegram chat, only opened: a second recipient on the platform.
    const other = stack.user("telegram", 81_003, "Олег");
    await other.send("/start");
    await other.waitFor(/./);
    await stack.settle();
    const otherAccount = await telegramAccount("81003");
    const people = [coordinator.user, student, other];
    // A 429 (retry after 5 s) to the first of two messages: the platform is held, and the second waits in the outbox.
    stack.telegramServer.rules.failNext("sendMessage", { status: 429, retryAfter: 5 });
    const text = { text: [msg("menu-title", { name: "—" })] };
    const dueAt = stack.clock.now();
    await stack.app.repos.outbox.enqueue([
      { to: { personId: coordinatorPerson.person_id! }, message: text, dedupKey: "metrics-test:429", dueAt },
      { to: { accountId: otherAccount.id }, message: text, dedupKey: "metrics-test:held", dueAt },
    ]);
    await stack.app.outbox.deliverDue();
    // After the hold, a 403: the coordinator blocked the bot (the outbox gives their messages up: no account left).
    stack.clock.set(new Date(stack.clock.now().getTime() + 10_000));
    stack.telegramServer.rules.block(81_001);
    await stack.app.outbox.send({ personId: coordinatorPerson.person_id! }, text, "metrics-test:blocked");
    await stack.settle();

    const samples = await scrape();
    const refusals = stack.telegramServer.rules.refusals();

    for (const platform of ["telegram", "vk"] as const) {
      const inbox = await inboxCounts(platform);
      expect(inbox.handled).toBeGreaterThan(0);
      expect(sampleOf(samples, "nastavnik_updates_received_total", { platform })).toBe(inbox.total);
      expect(sampleOf(samples, "nastavnik_updates_handled_total", { platform })).toBe(inbox.handled);
      expect(sampleOf(samples, "nastavnik_updates_failed_total", { platform }) ?? 0).toBe(inbox.failed);
      expect(sampleOf(samples, "nastavnik_update_handling_seconds_count", { platform })).toBe(inbox.handled);
      expect(sampleOf(samples, "nastavnik_update_handling_seconds_bucket", { platform, le: "+Inf" })).toBe(inbox.handled);
      expect(sampleOf(samples, "nastavnik_inbox_backlog", { platform })).toBe(inbox.waiting);
      expect(sampleOf(samples, "nastavnik_inbox_oldest_age_seconds", { platform })).toBe(0);
      expect(sampleOf(samples, "nastavnik_sends_total", { platform, outcome: "sent" })).toBeGreaterThan(0);
      // Every screen the journey's presses updated in place, as the people saw it; an edit that would
      // not change a message counts as done too (Telegram keeps the message as it was).
      const seenEdits = people
        .filter((person) => person.platform === platform)
        .flatMap((person) => person.messages())
        .reduce((sum, message) => sum + message.version, 0);
      expect(seenEdits).toBeGreaterThan(0);
      expect(sampleOf(samples, "nastavnik_edits_total", { platform, outcome: "sent" })).toBeGreaterThanOrEqual(seenEdits);
    }
    expect(sampleOf(samples, "nastavnik_inbox_backlog", { platform: "max" })).toBe(0);

    // The outbox: one message to the student due five minutes ago, one due in an hour.
    const studentPerson = await stack.database.db
      .selectFrom("accounts")
      .select("person_id")
      .where("platform", "=", "vk")
      .where("chat_id", "=", "81002")
      .executeTakeFirstOrThrow();
    const now = stack.clock.now().getTime();
    await stack.app.repos.outbox.enqueue([
      {
        to: { personId: studentPerson.person_id! },
        message: { text: [msg("menu-title", { name: "—" })] },
        dedupKey: "metrics-test:due",
        dueAt: new Date(now - 300_000),
      },
      {
        to: { personId: studentPerson.person_id! },
        message: { text: [msg("menu-title", { name: "—" })] },
        dedupKey: "metrics-test:later",
        dueAt: new Date(now + 3_600_000),
      },
    ]);
    const later = await scrape();
    const outboxDepth = later.filter((sample) => sample.name === "nastavnik_outbox_depth");
    expect(outboxDepth.reduce((sum, sample) => sum + sample.value, 0)).toBe(await pendingOutbox());
    expect(sampleOf(later, "nastavnik_outbox_depth", { platform: "vk" })).toBe(2);
    const oldestDue = sampleOf(later, "nastavnik_outbox_oldest_due_age_seconds", { platform: "vk" })!;
    expect(oldestDue).toBeGreaterThanOrEqual(300);
    expect(oldestDue).toBeLessThan(400);

    // 403 and 429 as the emulator refused them.
    const blocked = refusals.filter((refusal) => refusal.status === 403 && refusal.method === "sendMessage").length;
    expect(blocked).toBeGreaterThan(0);
    expect(sampleOf(samples, "nastavnik_sends_total", { platform: "telegram", outcome: "blocked" })).toBe(blocked);
    expect(sampleOf(samples, "nastavnik_sends_total", { platform: "vk", outcome: "blocked" })).toBeUndefined();
    const tooMany = refusals.filter((refusal) => refusal.status === 429).length;
    expect(tooMany).toBeGreaterThan(0);
    expect(sampleOf(samples, "nastavnik_rate_limited_total", { platform: "telegram" })).toBe(tooMany);
    expect(sampleOf(samples, "nastavnik_slot_holds_total", { platform: "telegram" })).toBe(1);

    // Every job ran once (runJobs), and its run was stamped.
    for (const job of JOBS) {
      expect(sampleOf(samples, "nastavnik_job_runs_total", { job: job.name, outcome: "ok" })).toBe(1);
      expect(sampleOf(samples, "nastavnik_job_duration_seconds_count", { job: job.name })).toBe(1);
      const lastRun = sampleOf(samples, "nastavnik_job_last_run_timestamp_seconds", { job: job.name })!;
      expect(Math.abs(lastRun - Date.now() / 1_000)).toBeLessThan(120);
    }

    // prom-client's defaults: the event-loop lag among them.
    expect(sampleOf(samples, "nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0);
    expect(sampleOf(samples, "nodejs_eventloop_lag_p99_seconds")).toBeGreaterThanOrEqual(0);
    if (testDatabaseKind() === "postgres") {
      expect(sampleOf(samples, "nastavnik_db_pool_waiting")).toBeGreaterThanOrEqual(0);
      expect(sampleOf(samples, "nastavnik_db_pool_clients")).toBeGreaterThan(0);
    }
    expect(sampleOf(samples, "nastavnik_metrics_source_errors_total", { source: "inbox" })).toBeUndefined();
  });
});
