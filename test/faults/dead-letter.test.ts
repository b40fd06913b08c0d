/**
 * Fault: the conversation store fails for longer than every retry of an update. The update was
 * acknowledged to the platform, so it is never dropped quietly: it becomes a dead letter (the inbox
 * row keeps the reason), the operator's log says so at error level, the person is told to send it
 * again, and the chat goes on with what comes next.
 */
import { describe, expect, it } from "vitest";
import type { SessionStore, StoreChange } from "#root/dialog/session-store.ts";
import { waitUntil } from "../support/faults/waiting.ts";
import { firstLine, ru } from "../support/journeys.ts";
import { logCapture } from "../support/log-capture.ts";
import { useTestStack } from "../support/stack.ts";

/** A store that refuses every call while `away` is set, as Redis does when it is gone. */
class FlakyStore implements SessionStore {
  away = false;
  constructor(private readonly inner: SessionStore) {}
  private check(): void {
    if (this.away) throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6379"), { code: "ECONNREFUSED" });
  }
  async get<T>(key: string): Promise<T | undefined> {
    this.check();
    return this.inner.get<T>(key);
  }
  async set(key: string, value: unknown): Promise<void> {
    this.check();
    return this.inner.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.check();
    return this.inner.delete(key);
  }
  async getMany(keys: readonly string[]): Promise<unknown[]> {
    this.check();
    return this.inner.getMany(keys);
  }
  async write(changes: readonly StoreChange[]): Promise<void> {
    this.check();
    return this.inner.write(changes);
  }
}

const { stream: logTo, lines } = logCapture();
let store: FlakyStore | undefined;
const stack = useTestStack({
  logTo,
  wrapSessions: (inner) => {
    store = new FlakyStore(inner);
    return store;
  },
});

describe.each(["telegram", "vk"] as const)("an update that fails every retry on %s", (platform) => {
  const userId = platform === "telegram" ? 900_800 : 900_810;

  it("becomes a dead letter with its reason, the operator's log and the person are told, and the chat goes on", async () => {
    const user = stack.user(platform, userId, "Вася");
    store!.away = true;
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
    expect(lines.some((line) => line.includes('"msg":"update dead-lettered"') && line.includes('"level":50'))).toBe(true);
    expect(await stack.app.repos.inbox.deadLetters(new Date(0))).toEqual(
      expect.arrayContaining([expect.objectContaining({ chatId: String(userId), platform })]),
    );
    await user.waitFor(ru("error-not-handled"), 10_000);

    // Back again: the next message is handled as usual.
    store!.away = false;
    await user.send("/help");
    await user.waitFor(firstLine(ru("help-text")), 15_000);
  }, 90_000);
});
