/**
 * Fault: Redis (conversation state and chat locks) restarts in the middle of conversations.
 *
 * The product's promise follows how it is deployed: compose.yaml runs Redis with its append-only file,
 * so a restart keeps every conversation where it was. While Redis is away the bot tells the user to
 * wait (once), keeps their messages in the database inbox and answers them when it is back. Without
 * persistence the conversations in progress are forgotten, but nothing stored in the database is: an
 * old button says it is outdated and shows where the user is, nothing is saved half or twice.
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

  it("with its append-only file: registrations in progress continue where they were; the users are told once to wait; the bot serves on", async () => {
    const { orgId } = await stack.createOrganisation("Колледж № 1");
    const invite = await issueInvite(stack, orgId, "mentee");
    const users = [stack.user("telegram", 900_001, "Аня"), stack.user("vk", 900_002, "Боря")];
    const names = ["Аня Белова", "Боря Лосев"];
    await Promise.all(users.map((user, index) => upToGrade(user, invite, names[index]!)));
    await stack.settle();

    await redis.stop();
    for (const user of users) await user.send("1 курс");
    // The updates are stored (PostgreSQL is up); their answers wait for Redis, and the users are told so.
    // Polled, not awaited with the stack's waitFor: that waits for the runtime to be idle, which it
    // cannot be while Redis is away (the chats retry every 2 s), and Redis returns only after this.
    await waitUntil("both users are told to wait", () => users.every((user) => count(user, ru("error-busy-wait")) > 0), 10_000);
    expect(await health(stack)).toBe(503);

    await redis.start();
    const directions = ru("register-mentee-directions");
    for (const user of users) await user.waitFor(directions, 15_000);
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
      expect(count(user, ru("error-busy-wait"))).toBe(1);
      expect(count(user, ru("register-mentee-grade"))).toBe(1);
      expect(count(user, directions)).toBe(1); // asked once; the tick marks the choice in the same message
      expect(count(user, ru("register-mentee-done", { name: names[index]!, org: "Колледж № 1" }))).toBe(1);
      expect(await participantByName(stack, orgId, names[index]!)).toMatchObject({ status: "active" });
    }
    // Redis away and back, with backoffs, while the other test worker loads the machine: more than the default 30 s.
  }, 90_000);

  it("without persistence: forgets conversations in progress, keeps everything in the database, and says an old button is outdated", async () => {
    const coordinator = await registerCoordinator(stack, "vk", 900_101, "Лицей № 9");
    const invite = await issueInvite(stack, coordinator.orgId, "mentee");
    const child = stack.user("telegram", 900_102, "Вика");
    await upToGrade(child, invite, "Вика Орлова");
    await stack.settle();

    await redis.stop();
    await redis.forget();
    await redis.start();

    // The grade question's "Back" button belongs to a conversation Redis no longer has.
    await child.press(ru("button-back"));
    await child.waitForToast(ru("toast-button-stale"), 15_000);
    await stack.settle();
    expect(await participantByName(stack, coordinator.orgId, "Вика Орлова")).toBeUndefined();

    // The coordinator, saved in the database, is still a coordinator; the child registers again from the link.
    await coordinator.user.send("/menu");
    await coordinator.user.waitFor(ru("menu-title", { name: coordinator.name }));
    await child.open(invite);
    await child.waitFor(ru("register-mentee-name"));
    await child.send("Вика Орлова");
    await child.waitFor(ru("register-mentee-age"));
  });
});
