/**
 * The update path's budget for the session store: whatever an update does to the chat's flow and
 * screen (a question, a tick in a multi-select that updates the screen in place, a flow ending, a
 * menu), it reads the chat's record once and writes it back at most once. Played through a whole
 * registration and the menu after it, on Telegram, VK and MAX.
 */
import { describe, expect, it } from "vitest";
import type { SessionStore, StoreChange } from "#root/dialog/session-store.ts";
import { idSequence, issueInvite, menteeForm, registerCoordinator, registerMentee, ruChild } from "../support/journeys.ts";
import { useTestStack } from "../support/stack.ts";

/** Counts every call the app makes to the store, by kind. */
class CountingStore implements SessionStore {
  readonly calls = { get: 0, set: 0, delete: 0, getMany: 0, write: 0 };
  constructor(private readonly inner: SessionStore) {}
  get<T>(key: string): Promise<T | undefined> {
    this.calls.get += 1;
    return this.inner.get<T>(key);
  }
  set(key: string, value: unknown): Promise<void> {
    this.calls.set += 1;
    return this.inner.set(key, value);
  }
  delete(key: string): Promise<void> {
    this.calls.delete += 1;
    return this.inner.delete(key);
  }
  getMany(keys: readonly string[]): Promise<unknown[]> {
    this.calls.getMany += 1;
    return this.inner.getMany(keys);
  }
  write(changes: readonly StoreChange[]): Promise<void> {
    this.calls.write += 1;
    return this.inner.write(changes);
  }
}

let store: CountingStore | undefined;
const stack = useTestStack({
  wrapSessions: (inner) => {
    store = new CountingStore(inner);
    return store;
  },
});
const nextId = idSequence(990_000);

describe.each(["telegram", "vk", "max"] as const)("the session store's round trips on %s", (platform) => {
  it("one read and at most one write per update, through a registration and the menu after it", async () => {
    const coordinator = await registerCoordinator(stack, platform, nextId());
    await stack.settle();
    const student = stack.user(platform, nextId());
    const before = { ...store!.calls };
    const handledBefore = await handled();

    await registerMentee(
      student,
      { payload: await issueInvite(stack, coordinator.orgId, "mentee"), orgName: coordinator.orgName },
      menteeForm("Соня Лебедева", 12),
    );
    await student.send("меню");
    await student.waitFor(ruChild("menu-title", { name: "Соня Лебедева" }));
    await stack.settle();

    const updates = (await handled()) - handledBefore;
    const calls = Object.fromEntries(
      Object.entries(store!.calls).map(([kind, count]) => [kind, count - before[kind as keyof typeof before]]),
    );
    expect(updates).toBeGreaterThanOrEqual(8);
    expect(calls).toMatchObject({ get: 0, set: 0, delete: 0, getMany: updates });
    expect(calls.write).toBeLessThanOrEqual(updates);
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
