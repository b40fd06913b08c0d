/**
 * Fault: Redis (the shared sending slots) restarts in the middle of conversations.
 *
 * Conversations and the chats' leases live in the database, so a restart, with its append-only file
 * (as compose.yaml runs it) or without, loses no conversation. While Redis is away the bot answers on,
 * its sends unbooked (each process within its own pace), and /healthz says 503 until Redis is back.
 *
 * The file runs a redis-server of its own (stopping the shared one would break other test files); a
 * restart without persistence is played by deleting its files while it is stopped. Without the
 * binary (`.ci/run` installs it) the tests are skipped.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directionList } from "#root/flows/common/choices.ts";
import type { ChatUser } from "../support/chat-user.ts";
import { type OwnRedisServer, REDIS_SERVER_BINARY, startOwnRedisServer } from "../support/faults/redis-server.ts";
import { waitUntil } from "../support/faults/waiting.ts";
import { issueInvite, label, participantByName, registerCoordinator, ru } from "../support/journeys.ts";
import { type TestStack, useTestStack } from "../support/stack.ts";

const SKIPPED = REDIS_SERVER_BINARY ? "" : " (skipped: no redis-server binary; .ci/run installs it)";

const health = async (stack: TestStack) => (await fetch(`${stack.baseUrl}/healthz`)).status;
const count = (user: ChatUser, text: string) => user.messages().filter((m) => m.text.includes(text)).length;

/** Opens the invite and answers up to the class question (an 18-year-old college student). */
async function upToGrade(user: ChatUser, payload: string, name: string): Promise<void> {
  await user.open(payload);
  await user.waitFor(ru("register-mentee-name"));
  await user.send(name);
  await user.waitFor(ru("register-mentee-age"));
  await user.send("18");
  await user.waitFor(ru("register-mentee-grade"));
}

describe.skipIf(!REDIS_SERVER_BINARY)(`Redis restarted in the middle of conversations${SKIPPED}`, () => {
  let redis: OwnRedisServer;
  const shared = process.env.REDIS_URL;
  beforeAll(async () => {
    // Run as compose.yaml runs it: with its append-only file.
    redis = await startOwnRedisServer({ appendOnly: true });
    process.env.REDIS_URL = redis.url;
  });
  afterAll(async () => {
    process.env.REDIS_URL = shared;
    await redis?.dispose();
  });
  // Registered after the hooks above: starts once Redis is up, stops before it is removed.
  const stack = useTestStack();
  // Runs before the stack stops: a test that failed with Redis away must not leave the stop hanging.
  afterAll(async () => {
    await redis?.start();
  });

  it("with its append-only file: registrations in progress go on while Redis is away and after, nobody told to wait", async () => {
    const { orgId } = await stack.createOrganisation("Колледж № 1");
    const invite = await issueInvite(stack, orgId, "mentee");
    const users = [stack.user("telegram", 900_001, "Аня"), stack.user("vk", 900_002, "Боря")];
    const names = ["Аня Белова", "Боря Лосев"];
    await Promise.all(users.map((user, index) => upToGrade(user, invite, names[index]!)));
    await stack.settle();

    await redis.stop();
    for (const user of users) await user.send("1 курс");
    // Conversations live in the database: the answers come while Redis is away, their sends unbooked
    // (each waits out the booking's 3-second timeout first), and nobody is told to wait.
    const directions = ru("register-mentee-directions");
    await waitUntil("both users are answered with Redis away", () => users.every((user) => count(user, directions) > 0), 20_000);
    expect(await health(stack)).toBe(503);

    await redis.start();
    await waitUntil("the bot is healthy again", async () => (await health(stack)) === 200);

    for (const [index, user] of users.entries()) {
      await user.press(label(ru("direction-career")));
      await user.waitFor(directions);
      await user.press(ru("button-done"));
      await user.waitFor(ru("register-mentee-goals"));
      await user.send("Найти практику");
      await user.waitFor(
        ru("register-mentee-summary", {
          name: names[index]!,
          age: 18,
          grade: "1 курс",
          directions: directionList(["career"]),
          goals: "Найти практику",
        }),
      );
      await user.press(ru("button-save"));
      await user.waitFor(ru("consent-self-question-adult"));
      await user.press(ru("button-consent-agree"));
      await user.waitFor(ru("register-mentee-done", { name: names[index]!, org: "Колледж № 1" }));
    }
    await stack.settle();

    for (const [index, user] of users.entries()) {
      expect(count(user, ru("error-busy-wait"))).toBe(0);
      expect(count(user, ru("register-mentee-grade"))).toBe(1);
      expect(count(user, directions)).toBe(1); // asked once; the tick marks the choice in the same message
      expect(count(user, ru("register-mentee-done", { name: names[index]!, org: "Колледж № 1" }))).toBe(1);
      expect(await participantByName(stack, orgId, names[index]!)).toMatchObject({ status: "active" });
    }
    // Redis away and back, with backoffs, while the other test worker loads the machine: more than the default 30 s.
  }, 90_000);

  it("without persistence: loses no conversation, since conversations live in the database", async () => {
    const coordinator = await registerCoordinator(stack, "vk", 900_101, "Лицей № 9");
    const invite = await issueInvite(stack, coordinator.orgId, "mentee");
    const child = stack.user("telegram", 900_102, "Вика");
    await upToGrade(child, invite, "Вика Орлова");
    await stack.settle();

    await redis.stop();
    await redis.forget();
    await redis.start();

    // The registration goes on from the question it was at; the coordinator is still a coordinator.
    await child.send("1 курс");
    const directions = ru("register-mentee-directions");
    await child.waitFor(directions, 15_000);
    await child.press(label(ru("direction-career")));
    await child.waitFor(directions);
    await child.press(ru("button-done"));
    await child.waitFor(ru("register-mentee-goals"));
    await coordinator.user.send("/menu");
    await coordinator.user.waitFor(ru("menu-title", { name: coordinator.name }));
    await stack.settle();
    expect(count(child, ru("register-mentee-name"))).toBe(1);
    expect(count(child, ru("toast-button-stale"))).toBe(0);
  });
});
