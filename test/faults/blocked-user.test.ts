/**
 * Fault: a user blocks the bot (Telegram 403 "bot was blocked by the user", VK 901, MAX 403 chat.denied), end to end
 * through the real adapters. test/integration/outbox-delivery.test.ts proves the delivery rules with
 * a fake messenger (several accounts, a second episode); this adds the platforms' real answers.
 * Proves: a reply that meets the block marks the account and nothing breaks; the coordinator is
 * told once however many messages fail; when the user writes again they are reached again.
 */
import { describe, expect, it } from "vitest";
import { msg } from "#root/i18n/translator.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { waitUntil } from "../support/faults/waiting.ts";
import { issueInvite, menteeForm, otherPlatform, participantByName, registerCoordinator, registerMentee, ru } from "../support/journeys.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();

const plain = (text: string) => ({ text: [msg("plain", { text })] });

describe.each(["telegram", "vk", "max"] as const)("a user who blocked the bot on %s", (platform: Platform) => {
  const base = { telegram: 900_400, vk: 900_410, max: 900_420 }[platform];
  const block = (userId: number, blocked: boolean) => {
    if (platform === "telegram") blocked ? stack.telegramServer.rules.block(userId) : stack.telegramServer.rules.unblock(userId);
    else if (platform === "vk") blocked ? stack.vkApi.block(userId) : stack.vkApi.unblock(userId);
    else {
      const { chatId } = stack.maxUser(userId);
      blocked ? stack.maxApi.block(chatId) : stack.maxApi.unblock(chatId);
    }
  };

  it("is marked, the coordinator is told once, and after writing again the user is reached again", async () => {
    const coordinator = await registerCoordinator(stack, otherPlatform(platform), base);
    const student = stack.user(platform, base + 1, "Нина");
    const name = { telegram: "Нина Лебедева", vk: "Ника Лебедева", max: "Нора Лебедева" }[platform];
    await registerMentee(
      student,
      { payload: await issueInvite(stack, coordinator.orgId, "mentee"), orgName: coordinator.orgName },
      menteeForm(name, 18),
    );
    const personId = (await participantByName(stack, coordinator.orgId, name))!.personId;
    const account = () =>
      stack.database.db
        .selectFrom("accounts")
        .select("blocked_at")
        .where("platform", "=", platform)
        .where("external_id", "=", String(base + 1))
        .executeTakeFirstOrThrow();
    await stack.settle();
    const seen = student.messages().length;
    const menusBefore = student.messages().filter((m) => m.text.startsWith(ru("menu-title", { name }))).length;

    // The user sends a message and blocks the bot before the answer: the answer meets the block.
    block(base + 1, true);
    await student.send("/menu");
    await waitUntil("the account is marked blocked", async () => (await account()).blocked_at !== null, 10_000);

    await stack.app.outbox.send({ personId }, plain("Завтра встреча"), `blocked:${platform}:1`);
    await stack.settle();
    await stack.app.outbox.send({ personId }, plain("Напоминание"), `blocked:${platform}:2`);
    await stack.settle();
    const notice = ru("unreachable-coordinator", { name, role: msg("role-mentee") });
    await coordinator.user.waitFor(notice);
    expect(coordinator.user.messages().filter((m) => m.text === notice)).toHaveLength(1);
    expect(student.messages()).toHaveLength(seen);

    // The user unblocks and writes: the bot answers and reaches them again.
    block(base + 1, false);
    await student.send("/menu");
    const menu = ru("menu-title", { name });
    await waitUntil("the menu arrives", () => student.messages().filter((m) => m.text.startsWith(menu)).length > menusBefore, 10_000);
    expect((await account()).blocked_at).toBeNull();
    await stack.app.outbox.send({ personId }, plain("С возвращением"), `blocked:${platform}:3`);
    await stack.settle();
    await student.waitFor("С возвращением");
    expect(coordinator.user.messages().filter((m) => m.text === notice)).toHaveLength(1);
    const outcomes = await stack.database.db
      .selectFrom("outbox")
      .select(["dedup_key", "sent_at", "failed_at"])
      .where("dedup_key", "like", `blocked:${platform}:%`)
      .orderBy("dedup_key")
      .execute();
    expect(outcomes.map((row) => [row.dedup_key, row.sent_at !== null, row.failed_at !== null])).toEqual([
      [`blocked:${platform}:1`, false, true],
      [`blocked:${platform}:2`, false, true],
      [`blocked:${platform}:3`, true, false],
    ]);
  });
});
