/**
 * A chat's updates are handled in the order they were stored, also when they reach two replicas while
 * one of them holds the chat. The holder's own process hands it the updates it stores by hand; one
 * stored by the other replica in between is only counted in the chat's row. The interleaving is
 * forced, not raced: the holder's first update is held mid-work while the others are stored one after
 * the other, each insert awaited (the case two-replicas met: "18" stored by B, then "1 курс" by A,
 * and A answered "1 курс" as the age).
 */
import { describe, expect, it } from "vitest";
import { waitUntil } from "../support/faults/waiting.ts";
import { heldWork, replica, storedChat, textUpdate, useSharedDatabase } from "../support/inbox-replicas.ts";

// Long enough that no lease runs out under a loaded machine: the order must come from the drain alone.
const LEASE_MS = 30_000;

const shared = useSharedDatabase();

type Writer = "A" | "B";

describe("a chat's updates stored by two replicas while one holds the chat", () => {
  it.each<{ name: string; meanwhile: Array<[Writer, string]> }>([
    {
      name: "the other replica's update, then the holder's own",
      meanwhile: [
        ["B", "18"],
        ["A", "1 курс"],
      ],
    },
    {
      name: "the holder's own, the other replica's, the holder's own",
      meanwhile: [
        ["A", "Иван"],
        ["B", "18"],
        ["A", "1 курс"],
      ],
    },
  ])("are handled in the order they were stored: $name", async ({ meanwhile }) => {
    const chatId = `inbox-order-${Date.now()}-${meanwhile.length}`;
    const { gate, release } = heldWork();
    const handled: string[] = [];
    const a = replica("A", shared.repos.inbox, handled, { gate, leaseMs: LEASE_MS });
    const b = replica("B", shared.repos.inbox, handled, { leaseMs: LEASE_MS });
    const writers = { A: a, B: b };

    await a.accept(textUpdate(chatId, "привет"));
    await waitUntil("A holds the chat and works on its first update", () => handled.length === 1);
    for (const [writer, words] of meanwhile) expect(await writers[writer].accept(textUpdate(chatId, words))).toBe("accepted");
    await b.idle();
    expect(handled).toEqual(["A:привет"]);

    release();
    await a.idle();
    // Whatever A let go unhandled, a later drain (the recovery sweep) would take: taken here at once,
    // so an update handled late shows as out of order rather than as missing.
    await a.drain("telegram", chatId);
    const inStoredOrder = meanwhile.map(([, words]) => `A:${words}`);
    expect(handled).toEqual(["A:привет", ...inStoredOrder]);
    expect(await storedChat(shared.handle, chatId)).toEqual({
      flow: { by: "A", last: "1 курс" },
      held: false,
      processed: [true, ...meanwhile.map(() => true)],
    });
  });
});
