/**
 * Faults of the messengers' APIs, through the real adapters and the real app: Telegram answering 429
 * with retry_after (past its per-chat flood limit, or with a wait longer than a sender should block)
 * and 5xx or a dropped connection; VK answering "too many requests" and losing the answer of a send
 * it carried out; MAX answering 429. Proves: replies and outbox messages arrive once, later, in order;
 * nothing twice.
 */
import { describe, expect, it } from "vitest";
import { personWithAccount, plain } from "../support/faults/people.ts";
import { waitUntil } from "../support/faults/waiting.ts";
import { issueInvite, ru } from "../support/journeys.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();

const telegramTexts = (chatId: number) =>
  stack
    .telegramUser(chatId, "—")
    .messages()
    .map((m) => m.text);
const vkTexts = (peerId: number) => stack.vkApi.sent(peerId).map((m) => m.message);
const maxTexts = (userId: number) =>
  stack
    .maxUser(userId)
    .messages()
    .map((m) => m.text);
const refusals = (status: number | "reset", chatId?: number) =>
  stack.telegramServer.rules.refusals().filter((r) => r.status === status && (chatId === undefined || r.chatId === String(chatId)));

describe("Telegram refusing to send", () => {
  it("replies refused with 429 past the per-chat flood limit arrive once, in order, after retry_after", async () => {
    const { rules } = stack.telegramServer;
    const { orgId } = await stack.createOrganisation("Школа № 11");
    const user = stack.user("telegram", 900_301, "Егор");
    rules.rateLimit({ perChatPerSecond: 1 });
    try {
      // A welcome with the first question, then the next question at once: past one a second.
      await user.open(await issueInvite(stack, orgId, "mentee"));
      await user.waitFor(ru("register-mentee-name"), 5_000);
      await user.send("Егор Ильин");
      await user.waitFor(ru("register-mentee-age"), 5_000);
      await stack.settle();
    } finally {
      rules.rateLimit(undefined);
    }
    expect(refusals(429, 900_301).length).toBeGreaterThanOrEqual(1);
    const texts = telegramTexts(900_301);
    expect(texts).toHaveLength(2);
    expect(texts[0]!.endsWith(`\n\n${ru("register-mentee-name")}`)).toBe(true);
    expect(texts[1]).toBe(ru("register-mentee-age"));
  });

  it("replies refused more often than the adapter retries come later through the outbox, once and in order", async () => {
    const { rules } = stack.telegramServer;
    const { orgId } = await stack.createOrganisation("Школа № 16");
    const user = stack.user("telegram", 900_305, "Фаина");
    // The first call and auto-retry's three retries all meet a flood wait.
    rules.failNext("sendMessage", ...Array.from({ length: 4 }, () => ({ status: 429 as const, retryAfter: 1 })));
    await user.open(await issueInvite(stack, orgId, "mentee"));
    await user.waitFor(ru("register-mentee-name"), 10_000);
    await user.send("Фаина Рыбакова");
    await user.waitFor(ru("register-mentee-age"), 5_000);
    await stack.settle();
    expect(refusals(429, 900_305)).toHaveLength(4);
    const texts = telegramTexts(900_305);
    expect(texts).toHaveLength(2);
    expect(texts[0]!.endsWith(`\n\n${ru("register-mentee-name")}`)).toBe(true);
    expect(texts[1]).toBe(ru("register-mentee-age"));
  });

  it("a reply and an outbox message that meet 5xx answers and a dropped connection arrive once", async () => {
    const { rules } = stack.telegramServer;
    const { orgId } = await stack.createOrganisation("Школа № 12");
    const user = stack.user("telegram", 900_311, "Жанна");
    const colleague = await personWithAccount(stack.database.db, "Зоя Котова", "telegram", 900_312);
    const invite = await issueInvite(stack, orgId, "mentee");
    const faultsBefore = rules.refusals().length;
    rules.failNext("sendMessage", { status: 500 }, { status: 502 }, "reset");
    await Promise.all([user.open(invite), stack.app.outbox.send({ personId: colleague }, plain("Собрание в пятницу"), "limits:5xx")]);
    await user.waitFor(ru("register-mentee-name"), 15_000);
    await waitUntil("the outbox message arrived", () => telegramTexts(900_312).length > 0, 15_000);
    await stack.settle();
    expect(
      rules
        .refusals()
        .slice(faultsBefore)
        .map((r) => r.status)
        .sort(),
    ).toEqual([500, 502, "reset"].sort());
    expect(telegramTexts(900_312)).toEqual(["Собрание в пятницу"]);
    // The welcome and the question, as one message, once.
    expect(telegramTexts(900_311)).toHaveLength(1);
    expect(telegramTexts(900_311)[0]!.endsWith(`\n\n${ru("register-mentee-name")}`)).toBe(true);
  });

  it("an outbox message refused with a long retry_after waits that long without blocking delivery, holds Telegram, then arrives once", async () => {
    const { rules } = stack.telegramServer;
    const first = await personWithAccount(stack.database.db, "Игорь Первый", "telegram", 900_321);
    const second = await personWithAccount(stack.database.db, "Ира Вторая", "telegram", 900_322);
    const onVk = await personWithAccount(stack.database.db, "Кира Третья", "vk", 900_323);
    // Longer than the adapter waits in place (30 s): the outbox is told and keeps the row for later.
    rules.failNext("sendMessage", { status: 429, retryAfter: 40 });
    await stack.app.outbox.send({ personId: first }, plain("Первое"), "limits:429:1");
    await stack.app.outbox.send({ personId: second }, plain("Второе"), "limits:429:2");
    await stack.app.outbox.send({ personId: onVk }, plain("Третье"), "limits:429:3");
    const started = Date.now();
    await stack.settle();
    expect(Date.now() - started).toBeLessThan(5_000); // nobody sat out the 40 s
    expect(telegramTexts(900_321)).toEqual([]);
    expect(telegramTexts(900_322)).toEqual([]); // Telegram is held for everyone, not only for the refused message
    expect(vkTexts(900_323)).toEqual(["Третье"]); // VK goes on

    stack.clock.advance(41_000);
    await stack.settle();
    expect(telegramTexts(900_321)).toEqual(["Первое"]);
    expect(telegramTexts(900_322)).toEqual(["Второе"]);
    expect(refusals(429, 900_321)).toHaveLength(1);
  });

  it("an outbox message refused with a short retry_after is handed back at once, and a run of refusals does not use up its attempts", async () => {
    const { rules } = stack.telegramServer;
    const personId = await personWithAccount(stack.database.db, "Олег Терпеливый", "telegram", 900_325);
    // More refusals in a row than the outbox's six attempts allow for a failing message.
    rules.failNext("sendMessage", ...Array.from({ length: 8 }, () => ({ status: 429 as const, retryAfter: 3 })));
    await stack.app.outbox.send({ personId }, plain("Дождался"), "limits:429:short");
    const started = Date.now();
    await stack.settle();
    expect(Date.now() - started).toBeLessThan(2_500); // auto-retry would have slept 3 s in place
    expect(refusals(429, 900_325)).toHaveLength(1);
    expect(telegramTexts(900_325)).toEqual([]);

    for (let round = 2; round <= 9; round += 1) {
      stack.clock.advance(3_100);
      await stack.settle();
      expect(refusals(429, 900_325)).toHaveLength(Math.min(round, 8));
    }
    expect(telegramTexts(900_325)).toEqual(["Дождался"]);
    const row = await stack.database.db
      .selectFrom("outbox")
      .select(["sent_at", "failed_at"])
      .where("dedup_key", "=", "limits:429:short")
      .executeTakeFirstOrThrow();
    expect(row.sent_at).not.toBeNull();
    expect(row.failed_at).toBeNull();
  });
});

describe("VK refusing to send", () => {
  it("outbox messages past VK's rate limit arrive once each", async () => {
    const peers = Array.from({ length: 8 }, (_, index) => 900_331 + index);
    const people = await Promise.all(peers.map((peer, index) => personWithAccount(stack.database.db, `Лена ${index}`, "vk", peer)));
    stack.vkApi.rateLimit(3);
    try {
      for (const [index, personId] of people.entries())
        await stack.app.outbox.send({ personId }, plain(`Новость ${index}`), `limits:vk:${index}`);
      await waitUntil("every VK message arrived", () => peers.every((peer) => vkTexts(peer).length > 0), 20_000, 50);
      await stack.settle();
    } finally {
      stack.vkApi.rateLimit(undefined);
    }
    for (const [index, peer] of peers.entries()) expect(vkTexts(peer)).toEqual([`Новость ${index}`]);
  });

  it("a send whose answer was lost is sent again with the same random_id, and VK keeps one message", async () => {
    const peer = 900_341;
    const personId = await personWithAccount(stack.database.db, "Марк Орлов", "vk", peer);
    const callsBefore = stack.vkApi.calls("messages.send");
    stack.vkApi.loseNextAnswer("messages.send");
    await stack.app.outbox.send({ personId }, plain("Встреча перенесена"), "limits:vk:lost");
    await waitUntil(
      "the send was confirmed",
      async () => {
        const row = await stack.database.db
          .selectFrom("outbox")
          .select("sent_at")
          .where("dedup_key", "=", "limits:vk:lost")
          .executeTakeFirstOrThrow();
        return row.sent_at !== null;
      },
      15_000,
      100,
    );
    expect(stack.vkApi.calls("messages.send") - callsBefore).toBe(2);
    expect(vkTexts(peer)).toEqual(["Встреча перенесена"]);
  });
});

describe("MAX refusing to send", () => {
  it("outbox messages past MAX's rate limit arrive once each, and replies in a chat too", async () => {
    const users = Array.from({ length: 8 }, (_, index) => 900_351 + index);
    const people = await Promise.all(
      users.map((userId, index) => personWithAccount(stack.database.db, `Мила ${index}`, "max", Number(stack.maxUser(userId).chatId))),
    );
    stack.maxApi.rateLimit(3);
    try {
      for (const [index, personId] of people.entries())
        await stack.app.outbox.send({ personId }, plain(`Новость ${index}`), `limits:max:${index}`);
      await waitUntil("every MAX message arrived", () => users.every((userId) => maxTexts(userId).length > 0), 20_000, 50);
      await stack.settle();
    } finally {
      stack.maxApi.rateLimit(undefined);
    }
    for (const [index, userId] of users.entries()) expect(maxTexts(userId)).toEqual([`Новость ${index}`]);
    expect(stack.maxApi.calls("POST /messages")).toBeGreaterThan(users.length);
  });
});
