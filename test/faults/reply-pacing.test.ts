/**
 * Replies in a chat take their slot in the bot's per-second budget before they go, through the real
 * app (runtime, outbox, the grammY adapter against the emulated Bot API): when Telegram asked the bot
 * to wait (a 429 met by an outbox message), a person's reply waits it out instead of running into a
 * 429 of its own; when the wait is longer than a reply should hold its chat, the reply goes through
 * the outbox and arrives once the wait is over. A 429 a reply meets holds the outbox too, even when the
 * adapter waits it out itself. Time is the app's clock: the slot book's follows it.
 */
import { describe, expect, it } from "vitest";
import { personWithAccount, plain } from "../support/faults/people.ts";
import { waitUntil } from "../support/faults/waiting.ts";
import { issueInvite, ru } from "../support/journeys.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();

const texts = (chatId: number) =>
  stack
    .telegramUser(chatId, "—")
    .messages()
    .map((m) => m.text);
const tooManyRequests = () => stack.telegramServer.rules.refusals().filter((refusal) => refusal.status === 429);

/** An outbox message meets a 429 with `retryAfter` seconds: Telegram is held for the bot from then on. */
async function telegramSaysWait(retryAfter: number, chatId: number, key: string): Promise<number> {
  const refusedBefore = tooManyRequests().length;
  stack.telegramServer.rules.failNext("sendMessage", { status: 429, retryAfter });
  await stack.app.outbox.send(
    { personId: await personWithAccount(stack.database.db, "Зоя Ждущая", "telegram", chatId) },
    plain("Из очереди"),
    key,
  );
  await waitUntil("the outbox message is refused", () => tooManyRequests().length > refusedBefore, 5_000, 5);
  return stack.clock.now().getTime();
}

describe("replies booked in the bot's sending budget", () => {
  it("a reply waits out a retry_after the bot was given, in its slot, instead of meeting a 429 itself", async () => {
    const { orgId } = await stack.createOrganisation("Школа № 21");
    const user = stack.user("telegram", 900_401, "Вера");
    const invite = await issueInvite(stack, orgId, "mentee");
    const heldAt = await telegramSaysWait(1, 900_400, "pacing:held:1");

    await user.open(invite);
    await user.waitFor(ru("register-mentee-name"), 5_000);
    // Without its slot the reply would have gone at once (a few hundred ms with the emulator's polling).
    expect(stack.clock.now().getTime() - heldAt).toBeGreaterThanOrEqual(1_000 - 30);
    await stack.settle();
    expect(tooManyRequests()).toHaveLength(1);
    expect(texts(900_401)).toHaveLength(1);
    await waitUntil("the held outbox message goes", () => texts(900_400).length > 0, 5_000);
    expect(texts(900_400)).toEqual(["Из очереди"]);
  });

  it("a 429 a reply met and the adapter waited out holds the outbox too", async () => {
    const { orgId } = await stack.createOrganisation("Школа № 23");
    const user = stack.user("telegram", 900_421, "Лёня");
    const invite = await issueInvite(stack, orgId, "mentee");
    const refusedBefore = tooManyRequests().length;
    stack.telegramServer.rules.failNext("sendMessage", { status: 429, retryAfter: 1 });
    await user.open(invite);
    await waitUntil("the reply is refused", () => tooManyRequests().length > refusedBefore, 5_000, 5);
    const refusedAt = stack.clock.now().getTime();

    await stack.app.outbox.send(
      { personId: await personWithAccount(stack.database.db, "Нина Соседняя", "telegram", 900_420) },
      plain("Тем временем"),
      "pacing:reply-429",
    );
    await waitUntil("the outbox message goes", () => texts(900_420).length > 0, 5_000, 5);
    // Sent at once, it would have gone within a few ms: the reply's retry_after held it.
    expect(stack.clock.now().getTime() - refusedAt).toBeGreaterThanOrEqual(1_000 - 100);
    await user.waitFor(ru("register-mentee-name"), 5_000);
    await stack.settle();
    expect(texts(900_421)).toHaveLength(1);
    expect(tooManyRequests()).toHaveLength(refusedBefore + 1);
  });

  it("a reply whose slot is further off than a reply may wait goes through the outbox and arrives once the wait is over", async () => {
    const { orgId } = await stack.createOrganisation("Школа № 22");
    const user = stack.user("telegram", 900_411, "Гоша");
    const invite = await issueInvite(stack, orgId, "mentee");
    const refusedBefore = tooManyRequests().length;
    await telegramSaysWait(5, 900_410, "pacing:held:5");

    await user.open(invite);
    await stack.settle();
    // Handed to the outbox rather than holding the chat five seconds, or meeting a 429.
    expect(texts(900_411)).toEqual([]);
    expect(tooManyRequests()).toHaveLength(refusedBefore + 1);

    stack.clock.advance(5_100);
    await stack.settle();
    await user.waitFor(ru("register-mentee-name"), 5_000);
    await stack.settle();
    expect(texts(900_411)).toHaveLength(1);
    expect(texts(900_410)).toEqual(["Из очереди"]);
    expect(tooManyRequests()).toHaveLength(refusedBefore + 1);
  });
});
