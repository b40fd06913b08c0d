/**
 * The chat's lease across replicas, on the real inbox (PostgreSQL when DATABASE_URL is set, else
 * PGlite): two drains share one database as two replicas do. A holder that stalls past its lease
 * hands the chat over and writes nothing after; an update stored while another replica holds the
 * chat is taken up by that holder before it lets the chat go.
 */
import { describe, expect, it } from "vitest";
import type { InboxPort } from "#root/dialog/ports.ts";
import { waitUntil } from "../support/faults/waiting.ts";
import { heldWork, replica, storedChat, textUpdate, useSharedDatabase } from "../support/inbox-replicas.ts";

const LEASE_MS = 400;

const shared = useSharedDatabase();

describe("a chat's lease, shared by two replicas through the database", () => {
  it("a holder that stalls past its lease hands the chat over: the next holder handles the update, the stalled one writes nothing", async () => {
    const chatId = `lease-stall-${Date.now()}`;
    const { gate, release } = heldWork();
    // Replica A's renewals never reach the database (its process stalls): its lease runs out under the work.
    const stalledInbox = Object.create(shared.repos.inbox, { renew: { value: () => new Promise<boolean>(() => undefined) } }) as InboxPort;
    const handled: string[] = [];
    const a = replica("A", stalledInbox, handled, { gate, leaseMs: LEASE_MS });
    const b = replica("B", shared.repos.inbox, handled, { leaseMs: LEASE_MS });

    expect(await a.accept(textUpdate(chatId, "один"))).toBe("accepted");
    await waitUntil("A works on the update", () => handled.length === 1);
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 200));
    // The lease ran out: B (its recovery sweep, say) takes the chat and handles what is pending.
    await b.drain("telegram", chatId);
    expect(await storedChat(shared.handle, chatId)).toEqual({ flow: { by: "B", last: "один" }, held: false, processed: [true] });

    release();
    await a.idle();
    // A's settlement was fenced off: the record and the mark are B's.
    expect(handled).toEqual(["A:один", "B:один"]);
    expect(await storedChat(shared.handle, chatId)).toEqual({ flow: { by: "B", last: "один" }, held: false, processed: [true] });

    // The chat is free again: A's next update takes it with the record B left.
    await a.accept(textUpdate(chatId, "два"));
    await a.idle();
    expect(handled).toEqual(["A:один", "B:один", "A:два"]);
    expect(await storedChat(shared.handle, chatId)).toEqual({ flow: { by: "A", last: "два" }, held: false, processed: [true, true] });
  });

  it("an update stored while another replica holds the chat is handled by that holder, in order, before it lets go", async () => {
    const chatId = `lease-wait-${Date.now()}`;
    const { gate, release } = heldWork();
    const handled: string[] = [];
    const a = replica("A", shared.repos.inbox, handled, { gate, leaseMs: LEASE_MS });
    const b = replica("B", shared.repos.inbox, handled, { leaseMs: LEASE_MS });

    await a.accept(textUpdate(chatId, "раз"));
    await waitUntil("A works on the first update", () => handled.length === 1);
    // The second update reaches B while A holds the chat: stored and counted as waiting for A, not handled by B.
    expect(await b.accept(textUpdate(chatId, "два"))).toBe("accepted");
    await b.idle();
    expect(handled).toEqual(["A:раз"]);
    expect((await storedChat(shared.handle, chatId)).held).toBe(true);

    release();
    await a.idle();
    expect(handled).toEqual(["A:раз", "A:два"]);
    expect(await storedChat(shared.handle, chatId)).toEqual({ flow: { by: "A", last: "два" }, held: false, processed: [true, true] });
  });

  it("updates arriving while this process holds the chat are handed over by hand and handled in order", async () => {
    const chatId = `lease-local-${Date.now()}`;
    const { gate, release } = heldWork();
    const handled: string[] = [];
    // The gate holds the first update only: once released, awaiting it again goes straight on.
    const a = replica("A", shared.repos.inbox, handled, { gate, leaseMs: LEASE_MS });
    const statements = shared.handle.queryCount();
    await a.accept(textUpdate(chatId, "1"));
    await waitUntil("the first update is in hand", () => handled.length === 1);
    for (const words of ["2", "3", "4"]) await a.accept(textUpdate(chatId, words));
    release();
    await a.idle();
    // Four inserts and four settlements: no read of the inbox was needed (queryCount counts every
    // statement of this database, and nothing else runs on it meanwhile).
    expect(shared.handle.queryCount() - statements).toBe(8);
    expect(handled).toEqual(["A:1", "A:2", "A:3", "A:4"]);
    expect(await storedChat(shared.handle, chatId)).toEqual({
      flow: { by: "A", last: "4" },
      held: false,
      processed: [true, true, true, true],
    });
  });
});
