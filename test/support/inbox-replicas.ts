/**
 * Replicas' drains sharing one real inbox (PostgreSQL when DATABASE_URL is set, else PGlite), as two
 * processes behind a load balancer share the database: each handler notes what it handled, keeps it
 * in the chat's record, and can be held mid-work so a test decides what is stored meanwhile.
 */
import pino from "pino";
import { afterAll, beforeAll } from "vitest";
import type { DatabaseHandle } from "#root/db/connection.ts";
import { createRepositories, type Repositories } from "#root/db/repositories/index.ts";
import type { ChatNotices } from "#root/dialog/chat-notices.ts";
import { InboxDrain } from "#root/dialog/inbox-drain.ts";
import type { InboxPort } from "#root/dialog/ports.ts";
import type { Incoming } from "#root/messaging/messenger.ts";
import { openTestDatabase } from "./database.ts";

const SILENT_NOTICES = {
  tellNotHandled: async () => undefined,
  tellTooFast: async () => undefined,
  tellToWait: async () => undefined,
} as unknown as ChatNotices;

let sequence = 0;

/** The test file's database, which its replicas share: opened before its tests, closed after them. */
export function useSharedDatabase(): { readonly handle: DatabaseHandle; readonly repos: Repositories } {
  let opened: { handle: DatabaseHandle; repos: Repositories } | undefined;
  beforeAll(async () => {
    const handle = await openTestDatabase();
    opened = { handle, repos: createRepositories(handle.db) };
  });
  afterAll(async () => {
    await opened?.handle.close();
  });
  const current = () => {
    if (!opened) throw new Error("The shared database opens in beforeAll: use it inside tests");
    return opened;
  };
  return {
    get handle() {
      return current().handle;
    },
    get repos() {
      return current().repos;
    },
  };
}

/** A Telegram text update of the chat, with a key of its own (never a replay). */
export function textUpdate(chatId: string, words: string): Incoming {
  sequence += 1;
  return {
    updateKey: `telegram:replicas-${Date.now().toString(36)}-${sequence}`,
    platform: "telegram",
    chatId,
    userId: chatId,
    sentAt: new Date().toISOString(),
    event: { kind: "text", text: words },
  };
}

/** Work held until released (a stalled process, a slow flow). */
export function heldWork(): { gate: Promise<void>; release: () => void } {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { gate, release };
}

export interface ReplicaOptions {
  /** Awaited by every update's work: the first one waits until released, those after go straight on. */
  gate?: Promise<void>;
  leaseMs: number;
}

/** A replica's drain whose handler notes `name:words` of what it handled and keeps it in the chat's record. */
export function replica(name: string, inbox: InboxPort, handled: string[], options: ReplicaOptions): InboxDrain {
  return new InboxDrain({
    inbox,
    notices: SILENT_NOTICES,
    logger: pino({ level: "silent" }),
    now: () => new Date(),
    leaseMs: options.leaseMs,
    handler: {
      async handle(incoming, _attempts, chat) {
        const words = incoming.event.kind === "text" ? incoming.event.text : "?";
        handled.push(`${name}:${words}`);
        if (options.gate) await options.gate;
        chat.record.setFlow({ by: name, last: words });
      },
      chatDrained: () => undefined,
    },
  });
}

/** The Telegram chat as stored: its record's flow, whether it is held, and which of its updates are processed, in order. */
export async function storedChat(handle: DatabaseHandle, chatId: string) {
  const chat = await handle.db
    .selectFrom("chat_states")
    .select(["flow", "holder"])
    .where("platform", "=", "telegram")
    .where("chat_id", "=", chatId)
    .executeTakeFirstOrThrow();
  const updates = await handle.db
    .selectFrom("inbox")
    .select(["processed_at"])
    .where("platform", "=", "telegram")
    .where("chat_id", "=", chatId)
    .orderBy("id")
    .execute();
  return { flow: chat.flow, held: chat.holder !== null, processed: updates.map((row) => row.processed_at !== null) };
}
