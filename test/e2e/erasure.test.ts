/**
 * Erasure that erases: a mentee with a pair at work, an agreed meeting and a help report asks for
 * `/delete_me`. Nothing of theirs may be left in the messages the bot keeps or plans (the outbox),
 * in what their chat sent (the inbox), or in a reminder that still reaches the mentor; the meeting is
 * called off with a file that takes it out of the mentor's calendar.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { Platform } from "#root/messaging/messenger.ts";
import { dayAhead, toNextMidday } from "../support/calendar.ts";
import { received } from "../support/cycle-journey.ts";
import { ru, ruChild } from "../support/journeys.ts";
import { agreeMeeting, fileNamed, meetingsOf, outboxOfTopic, place, type Slot, startOf, when } from "../support/meetings.ts";
import { startWorkingPair } from "../support/pairs.ts";
import { openTestRedis } from "../support/redis.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();

/** "table.column" of every text or JSON column holding this text somewhere. */
async function tablesMentioning(text: string): Promise<string[]> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')
    ORDER BY table_name, column_name`.execute(stack.database.db);
  const found: string[] = [];
  for (const { table_name: table, column_name: column } of columns.rows) {
    const hits = await sql<{
      count: string;
    }>`SELECT count(*) AS count FROM ${sql.table(table)} WHERE strpos(${sql.ref(column)}::text, ${text}) > 0`.execute(stack.database.db);
    if (Number(hits.rows[0]!.count) > 0) found.push(`${table}.${column}`);
  }
  return found;
}

/** Redis keys whose value holds this text (none when the stack keeps conversations in memory). */
async function redisKeysMentioning(text: string): Promise<string[]> {
  const redis = await openTestRedis();
  if (!redis) return [];
  try {
    const found: string[] = [];
    for await (const keys of redis.scanStream({ count: 500 }) as AsyncIterable<string[]>) {
      for (const key of keys) {
        if ((await redis.type(key)) !== "string") continue;
        if ((await redis.get(key))?.includes(text)) found.push(key);
      }
    }
    return found;
  } finally {
    await redis.quit();
  }
}
const HOUR = 3_600_000;

describe.each(["telegram", "vk", "max"] as const)("erasure on %s", (platform: Platform) => {
  const firstId = { telegram: 860_000, vk: 860_100, max: 865_100 }[platform];

  it("leaves nothing of a mentee with a pair at work: no message, no update, no meeting, no reminder", async () => {
    toNextMidday(stack);
    const f = await startWorkingPair(stack, platform, firstId, { menteeName: "Стёпа Стираев", menteeAge: 15 });
    const slot: Slot = { date: dayAhead(stack, 2), time: "16:00", minutes: 45, place: "Кабинет 5" };
    const meeting = await agreeMeeting(stack, f, slot, ruChild);
    const start = startOf(slot);
    // A help report: the coordinator's alert names the child and quotes them.
    const report = "Мне нужна помощь взрослого, Стёпа Стираев пишет";
    await f.mentee.send("/menu");
    await f.mentee.waitFor(ruChild("menu-title", { name: f.menteeName }));
    await f.mentee.press(ruChild("button-need-help"));
    await f.mentee.waitFor(ruChild("need-help-question-mentee"));
    await f.mentee.send(report);
    await f.mentee.waitFor(ruChild("need-help-preview-mentee", { text: report }));
    await f.mentee.press(ruChild("button-send"));
    await f.mentee.waitFor(ruChild("need-help-sent-mentee"));
    await stack.settle();
    const mentions = async () =>
      Number(
        (
          await sql<{ count: string }>`SELECT count(*) AS count FROM outbox WHERE strpos(message::text, ${f.menteeName}) > 0`.execute(
            stack.database.db,
          )
        ).rows[0]!.count,
      );
    expect(await mentions()).toBeGreaterThan(0);

    // The coordinator is looking at the base of mentees, which shows the child, when they leave.
    await f.coordinator.user.send("/menu");
    await f.coordinator.user.waitFor(ru("menu-title", { name: f.coordinator.name }));
    await f.coordinator.user.press(ru("button-base-mentees"));
    await f.coordinator.user.waitFor(f.menteeName);

    await f.mentee.send("/delete_me");
    await f.mentee.waitFor(ruChild("delete-confirm"));
    await f.mentee.press(ruChild("button-delete-yes"));
    await f.mentee.waitFor(ruChild("delete-done"));
    await stack.settle();

    // The meeting is called off for the mentor, with the calendar file; its reminders are withdrawn.
    await f.mentor.waitFor(ru("meeting-called-off-left-mentor", { when: when(start) }));
    expect((await meetingsOf(stack, f.pairId))[0]).toMatchObject({ state: "declined" });
    expect(await fileNamed(stack, f.mentor, `meeting-${meeting.id}-cancelled.ics`)).toContain("METHOD:CANCEL");
    expect((await outboxOfTopic(stack, `meeting:${meeting.id}`)).every((row) => row.sent_at !== null || row.failed_at !== null)).toBe(true);
    await stack.runJobs(new Date(start.getTime() - 24 * HOUR + 5_000));
    await stack.runJobs(new Date(start.getTime() - HOUR + 5_000));
    expect(received(f.mentor, ru("meetings-reminder-day", { when: when(start), place: place(slot.place) }))).toHaveLength(0);

    // Nothing of the child in any message kept or planned, none to them, nothing their chat sent.
    expect(await mentions()).toBe(0);
    const toThem = await stack.database.db.selectFrom("outbox").select("id").where("person_id", "=", f.menteePersonId).execute();
    expect(toThem).toEqual([]);
    const chatUpdates = await stack.database.db
      .selectFrom("inbox")
      .select(["id", "incoming"])
      .where("platform", "=", platform)
      .where("chat_id", "=", f.mentee.chatId)
      .where("processed_at", "is not", null)
      .execute();
    // Only the press that asked for the erasure, handled while it ran, is left (pruned with the rest after a week).
    expect(chatUpdates).toHaveLength(1);
    expect(chatUpdates[0]!.incoming).toMatchObject({ event: { kind: "button" } });
    const inboxMentions = await sql<{
      count: string;
    }>`SELECT count(*) AS count FROM inbox WHERE strpos(incoming::text, ${report}) > 0 OR strpos(incoming::text, ${f.menteeName}) > 0`.execute(
      stack.database.db,
    );
    expect(Number(inboxMentions.rows[0]!.count)).toBe(0);

    // Every text column of every table, and every Redis key: the name is found only where the README
    // says it stays (the help report's own words, the safeguarding record).
    expect(await tablesMentioning(f.menteeName)).toEqual(["help_reports.body"]);
    expect(await redisKeysMentioning(f.menteeName)).toEqual([]);
  });
});
