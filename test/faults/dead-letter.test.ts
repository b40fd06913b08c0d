/**
 * Fault: the database fails the flows for longer than every retry of an update, while the inbox still
 * takes updates in (a table locked by a migration, a replica's statements timing out). The update was
 * acknowledged to the platform, so it is never dropped quietly: it becomes a dead letter (the inbox
 * row keeps the reason), the operator's log says so at error level, the person is told to send it
 * again, and the chat goes on with what comes next.
 */
import { describe, expect, it } from "vitest";
import type { Repositories } from "#root/db/repositories/index.ts";
import { waitUntil } from "../support/faults/waiting.ts";
import { firstLine, ru } from "../support/journeys.ts";
import { logCapture } from "../support/log-capture.ts";
import { useTestStack } from "../support/stack.ts";

/** The flows' repositories, every call of which is refused while `away` is set, as a connection refused. */
class FlakyRepositories {
  away = false;

  wrap(repos: Repositories): Repositories {
    const refuse = () => {
      if (this.away) throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    };
    return new Proxy(repos, {
      get: (target, name) => {
        const repository = Reflect.get(target, name) as object;
        return new Proxy(repository, {
          get: (inner, method) => {
            const value = Reflect.get(inner, method) as unknown;
            if (typeof value !== "function") return value;
            return (...args: unknown[]) => {
              refuse();
              return (value as (...a: unknown[]) => unknown).apply(inner, args);
            };
          },
        });
      },
    });
  }
}

const { stream: logTo, lines } = logCapture();
const flaky = new FlakyRepositories();
const stack = useTestStack({ logTo, wrapFlowRepositories: (repos) => flaky.wrap(repos) });

describe.each(["telegram", "vk"] as const)("an update that fails every retry on %s", (platform) => {
  const userId = platform === "telegram" ? 900_800 : 900_810;

  it("becomes a dead letter with its reason, the operator's log and the person are told, and the chat goes on", async () => {
    const user = stack.user(platform, userId, "Вася");
    flaky.away = true;
    await user.send("/help");
    await waitUntil(
      "the update is given up",
      async () =>
        (
          await stack.database.db
            .selectFrom("inbox")
            .select("dead_letter_reason")
            .where("chat_id", "=", String(userId))
            .where("dead_letter_reason", "is not", null)
            .execute()
        ).length > 0,
      60_000,
      200,
    );
    const [row] = await stack.database.db
      .selectFrom("inbox")
      .select(["processed_at", "dead_letter_reason", "attempts"])
      .where("chat_id", "=", String(userId))
      .execute();
    expect(row).toMatchObject({ processed_at: expect.any(Date), dead_letter_reason: expect.stringContaining("ECONNREFUSED") });
    expect(lines.some((line) => line.includes('"msg":"update dead-lettered"') && line.includes('"level":"error"'))).toBe(true);
    expect(await stack.app.repos.inbox.deadLetters(new Date(0))).toEqual(
      expect.arrayContaining([expect.objectContaining({ chatId: String(userId), platform })]),
    );
    await user.waitFor(ru("error-not-handled"), 10_000);

    // Back again: the next message is handled as usual.
    flaky.away = false;
    await user.send("/help");
    await user.waitFor(firstLine(ru("help-text")), 15_000);
  }, 90_000);
});
