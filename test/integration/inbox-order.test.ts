/**
 * A chat's updates are handled in the order they were stored, also when they reach two replicas while
 * one of them holds the chat. The holder's own process hands it the updates it stores by hand; one
 * stored by the other replica in between is only counted in the chat's row. The interleaving is
 * forced, not raced: the holder's first update is held mid-work while the others are stored one after
 * the other, each insert awaited (the case two-replicas met: "18" stored by B, then "1 курс" by A,
 * and A answered "1 курс" as the age).
 */
import { describe, expect, it } from "vitest";
import type { InboxPort } from "#root/dialog/ports.ts";
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

describe("an update handed to the holder while it reads the chat's inbox", () => {
  it("is handled by the holder after those the read gave, not left for the recovery sweep", async () => {
    const chatId = `inbox-order-late-${Date.now()}`;
    const { gate, release } = heldWork();
    const readHeld = heldWork();
    let readDone: () => void = () => undefined;
    const readReturned = new Promise<void>((resolve) => {
      readDone = resolve;
    });
    const inbox = shared.repos.inbox;
    // A's reads of the inbox return only once released: an update stored meanwhile is committed after
    // the read's snapshot and reaches the holder by hand while the read is on its way.
    const slowReads: InboxPort = Object.assign(Object.create(inbox) as InboxPort, {
      async pending(...args: Parameters<InboxPort["pending"]>) {
        const read = await inbox.pending(...args);
        readDone();
        await readHeld.gate;
        return read;
      },
    });
    const handled: string[] = [];
    const a = replica("A", slowReads, handled, { gate, leaseMs: LEASE_MS });
    const b = replica("B", inbox, handled, { leaseMs: LEASE_MS });

    await a.accept(textUpdate(chatId, "привет"));
    await waitUntil("A holds the chat and works on its first update", () => handled.length === 1);
    // B's update is only counted in the chat's row: A has to read the inbox for it.
    expect(await b.accept(textUpdate(chatId, "18"))).toBe("accepted");
    expect(await a.accept(textUpdate(chatId, "1 курс"))).toBe("accepted");
    release();
    await readReturned;
    expect(await a.accept(textUpdate(chatId, "поздно"))).toBe("accepted");
    readHeld.release();
    await a.idle();

    expect(handled).toEqual(["A:привет", "A:18", "A:1 курс", "A:поздно"]);
    expect(await storedChat(shared.handle, chatId)).toEqual({
      flow: { by: "A", last: "поздно" },
      held: false,
      processed: [true, true, true, true],
    });
  });
});
