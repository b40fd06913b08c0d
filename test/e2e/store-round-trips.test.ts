/**
 * The update path's budget for the chat's record: whatever an update does to the chat's flow and
 * screen (a question, a tick in a multi-select that updates the screen in place, a flow ending, a
 * menu), it costs two statements on the inbox and the chats' records — the insert that takes the chat
 * with its record, and the settlement that writes it back with the update's processed mark and lets
 * the chat go — and not a single Redis command for the chat (Redis books sending slots only). Played
 * through a whole registration and the menu after it, on Telegram, VK and MAX.
 */
import { describe, expect, it } from "vitest";
import { idSequence, issueInvite, menteeForm, registerCoordinator, registerMentee, ruChild } from "../support/journeys.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();
const nextId = idSequence(990_000);

/** The update path's own statements: the inbox insert that takes the chat, its settlement, and reads of either table. */
const UPDATE_PATH = /\b(inbox|chat_states)\b/;

describe.each(["telegram", "vk", "max"] as const)("the chat record's round trips on %s", (platform) => {
  it("two statements per update, through a registration and the menu after it", async () => {
    const coordinator = await registerCoordinator(stack, platform, nextId());
    await stack.settle();
    const student = stack.user(platform, nextId());
    const handledBefore = await handled();
    const statements: string[] = [];
    const unwatch = stack.database.watchStatements((statement) => {
      // The recovery sweep's look for stalled chats is the process's, not an update's.
      if (UPDATE_PATH.test(statement) && !/select distinct "platform"/.test(statement)) statements.push(statement);
    });
    try {
      await registerMentee(
        student,
        { payload: await issueInvite(stack, coordinator.orgId, "mentee"), orgName: coordinator.orgName },
        menteeForm("Соня Лебедева", 12),
      );
      await student.send("меню");
      await student.waitFor(ruChild("menu-title", { name: "Соня Лебедева" }));
      await stack.settle();
    } finally {
      unwatch();
    }

    const updates = (await handled()) - handledBefore;
    expect(updates).toBeGreaterThanOrEqual(8);
    const inserts = statements.filter((statement) => /INSERT INTO inbox/.test(statement));
    const settlements = statements.filter((statement) => /UPDATE chat_states SET/.test(statement));
    expect(inserts).toHaveLength(updates);
    expect(settlements).toHaveLength(updates);
    expect(statements).toHaveLength(2 * updates);
  });
});

/** Updates handled so far, every chat's. */
async function handled(): Promise<number> {
  const row = await stack.database.db
    .selectFrom("inbox")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("processed_at", "is not", null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
