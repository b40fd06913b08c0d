import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import { withLogContext } from "#root/logger.ts";
import type { Incoming, Platform } from "#root/messaging/messenger.ts";
import type { Metrics } from "#root/metrics.ts";
import type { ChatNotices } from "./chat-notices.ts";
import { ChatRecord } from "./chat-record.ts";
import type { FloodGuard } from "./flood-guard.ts";
import type { ChatAccount, HeldChat, InboxPort, LeaseRequest, Settled, Settlement, StoredUpdate } from "./ports.ts";
import { isTransient } from "./transient.ts";

const MAX_ATTEMPTS = 8;
const INBOX_KEEP_MS = 7 * 24 * 60 * 60 * 1000;
const INBOX_PRUNE_EVERY_MS = 60 * 60 * 1000;
const RETRY_DELAY_MS = 2_000;
const DEFAULT_LEASE_MS = 30_000;
/** A settlement lets go whatever waits: the chat's next drain (a retry, the recovery sweep) reads it. */
const LET_EVERYTHING_GO = Number.MAX_SAFE_INTEGER;

/** The chat a handler works in: its record as the holder keeps it, and its account when the update's insert touched it. */
export interface HeldUpdate {
  record: ChatRecord;
  /**
   * The chat's account as the update's insert touched it, when the update is handled right after it
   * was stored (otherwise the handler touches the account itself).
   */
  account?: ChatAccount;
}

/** What handles one stored update of a chat (the conversation dispatch). */
export interface UpdateHandler {
  /**
   * Handles an update; throws a transient error for the update to be retried later, anything else
   * to have it dead-lettered. `attempts`: how many times it was tried (or its sender told to wait) before.
   */
  handle(incoming: Incoming, attempts: number, chat: HeldUpdate): Promise<void>;
  /** The chat's drain ended (drained, postponed or failed): what was kept for the drain may go. */
  chatDrained(platform: Platform, chatId: string): void;
}

export interface InboxDrainDependencies {
  inbox: InboxPort;
  notices: ChatNotices;
  handler: UpdateHandler;
  logger: Logger;
  /** Refuses a chat's presses over its budget before they reach the inbox; none: every update is taken. */
  flood?: FloodGuard;
  /** The app's clock: the day a person's age is read on when their account is touched. */
  now: () => Date;
  /** How long a chat's lease lasts unless renewed (renewed a third of it apart while the work runs). */
  leaseMs?: number;
  /** The update counters (plain increments, nothing awaited). */
  metrics?: UpdateMetrics;
}

export type UpdateMetrics = Pick<Metrics, "updatesReceived" | "updatesHandled" | "updatesFailed" | "handlingSeconds">;

/** An update in hand, with what the insert that stored it learnt. */
type Arrived = StoredUpdate & { account?: ChatAccount; waiting?: number };

/**
 * A chat this process holds: the lease's token, the chat's record, and the updates handed to it by
 * inserts that found the chat held by it.
 */
class HeldChatWork {
  readonly record: ChatRecord;
  readonly handled = new Set<number>();
  handedOver: Arrived[] = [];
  /** Of the updates stored while the chat was held, how many this holder has taken up. */
  accounted: number;
  lost = false;
  closed = false;

  constructor(
    readonly platform: Platform,
    readonly chatId: string,
    readonly token: number,
    readonly lease: LeaseRequest,
    held: HeldChat,
  ) {
    this.record = new ChatRecord({ flow: held.flow, screen: held.screen });
    this.accounted = held.waiting;
  }

  /** An update stored while this holder had the chat, given to it by the insert's process. */
  handOver(update: Arrived): void {
    if (!this.closed) this.handedOver.push(update);
  }

  /** The handed-over updates not handled yet, in their order; each counts as taken up. */
  takeHandedOver(): Arrived[] {
    const taken = this.handedOver.filter((update) => !this.handled.has(update.id)).sort((a, b) => a.id - b.id);
    for (const update of this.handedOver) this.accounted = Math.max(this.accounted, update.waiting ?? 0);
    this.handedOver = [];
    return taken;
  }

  /**
   * After a read of the inbox: the handed-over updates it gave, and those handed over before it began
   * (committed before its snapshot, so in it unless handled), count as taken up. One handed over while
   * the read ran may have been committed after its snapshot: it stays for the next turn.
   */
  takeReadFromInbox(read: ReadonlySet<number>, handedOverBeforeRead: ReadonlySet<Arrived>, waiting: number): void {
    this.accounted = Math.max(this.accounted, waiting);
    const later: Arrived[] = [];
    for (const update of this.handedOver) {
      if (read.has(update.id) || handedOverBeforeRead.has(update)) this.accounted = Math.max(this.accounted, update.waiting ?? 0);
      else later.push(update);
    }
    this.handedOver = later;
  }

  /** Whether the handed-over updates are every one stored while held up to `waiting` (no read of the inbox needed). */
  handedOverCover(waiting: number): boolean {
    const counted = new Set(this.handedOver.map((update) => update.waiting));
    for (let count = this.accounted + 1; count <= waiting; count += 1) if (!counted.has(count)) return false;
    return true;
  }
}

/**
 * Takes updates in durably and works through each chat's inbox, one holder at a time: an update is
 * stored (de-duplicated) before the platform is answered, and the same statement takes the chat's
 * lease with its record when the chat is free; its holder handles it, writes the chat's record with
 * the update's processed mark in one statement, and hands the chat on or lets it go in that same
 * statement. Updates are retried while the infrastructure is away and dead-lettered (with a word to
 * their sender) when they cannot be handled.
 */
export class InboxDrain {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private readonly holding = new Map<string, HeldChatWork>();
  private readonly holderPrefix = randomBytes(6).toString("hex");
  private holdersTaken = 0;
  private recoveryTimer: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(private readonly deps: InboxDrainDependencies) {}

  async accept(incoming: Incoming): Promise<"accepted" | "duplicate" | "throttled"> {
    if (this.stopping) throw new Error("The runtime is shutting down");
    this.deps.metrics?.updatesReceived.inc({ platform: incoming.platform });
    // Before the insert: a press over the chat's flood limit must not cost a single statement.
    const flood = this.deps.flood?.admit(incoming);
    if (flood && !flood.admitted) {
      this.answerFlood(incoming, flood.firstOfFlood);
      return "throttled";
    }
    const lease = this.leaseRequest();
    // The platform waits for our answer meanwhile; the user hears at once why the bot is slow.
    const added = await this.withRetries(
      () => this.deps.inbox.add(incoming, this.deps.now(), lease),
      () => void this.deps.notices.tellToWait(incoming),
    ).catch((error: unknown) => {
      if (flood?.tokenSpent) this.deps.flood?.giveBack(incoming);
      throw error;
    });
    if (!added) {
      this.deps.logger.debug({ updateKey: incoming.updateKey }, "duplicate update dropped");
      return "duplicate";
    }
    const arrived: Arrived = { id: added.id, incoming, attempts: 0, account: added.account, waiting: added.waiting };
    if (added.taken) {
      // Nothing of the chat waited before it: the drain starts with it without reading the inbox.
      this.track(this.work(incoming.platform, incoming.chatId, added.taken, lease, added.olderPending ? undefined : [arrived]));
    } else {
      // Held by this process: the update goes to its holder by hand. Held by another replica: that
      // holder counts it among the chat's waiting updates and takes it up before it lets the chat go.
      this.holding.get(chatKey(incoming.platform, incoming.chatId))?.handOver(arrived);
    }
    return "accepted";
  }

  /**
   * A press over the chat's budget costs no statement and no drain: only a kind answer, straight
   * through the messenger (the platform's call is answered meanwhile; idle() waits for the answer).
   */
  private answerFlood(incoming: Incoming, firstOfFlood: boolean): void {
    this.deps.logger.debug(
      { updateKey: incoming.updateKey, chatId: incoming.chatId, throttled: this.deps.flood?.throttled },
      "press dropped: the chat presses faster than its flood limit",
    );
    const answer = this.deps.notices.tellTooFast(incoming, firstOfFlood).catch((error: unknown) => {
      this.deps.logger.debug({ err: error, chatId: incoming.chatId }, "a dropped press was not answered");
    });
    this.track(answer);
  }

  /**
   * Processes every stored update of a chat when it is free (a retry, the recovery sweep); resolves
   * when the chat is drained, or at once when another holder has it (that holder drains it).
   */
  drain(platform: Platform, chatId: string): Promise<void> {
    const lease = this.leaseRequest();
    const work = this.deps.inbox.take(platform, chatId, lease).then(
      (held) => (held ? this.work(platform, chatId, held, lease, held.pending) : undefined),
      (error: unknown) => this.postpone(platform, chatId, error),
    );
    return this.track(work);
  }

  /** Picks up updates left behind by a crash or an outage, every `intervalMs`. */
  startRecovery(intervalMs = 5_000): void {
    let lastPrune = Date.now();
    const sweep = async () => {
      try {
        const chats = await this.deps.inbox.stalledChats(intervalMs);
        if (this.stopping) return;
        await Promise.all(chats.map((chat) => this.drain(chat.platform, chat.chatId)));
        // Platforms re-send an update for a day at most: older processed ones only take space.
        if (Date.now() - lastPrune > INBOX_PRUNE_EVERY_MS) {
          lastPrune = Date.now();
          await this.deps.inbox.prune(INBOX_KEEP_MS);
        }
      } catch (error) {
        this.deps.logger.warn({ err: error }, "recovery sweep failed");
      }
    };
    void sweep();
    this.recoveryTimer = setInterval(() => void sweep(), intervalMs);
    this.recoveryTimer.unref();
  }

  /** Stops taking updates and waits for those in hand. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.recoveryTimer) clearInterval(this.recoveryTimer);
    for (const timer of this.retryTimers) clearTimeout(timer);
    await this.idle();
  }

  /** Waits until every update accepted so far is handled. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private leaseRequest(): LeaseRequest {
    this.holdersTaken += 1;
    return { holder: `${this.holderPrefix}:${this.holdersTaken}`, ms: this.deps.leaseMs ?? DEFAULT_LEASE_MS };
  }

  private track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
    return work;
  }

  /**
   * Works through a chat this process has just taken: `pending` when known (the update just stored, or
   * what the take read), otherwise read first.
   */
  private async work(
    platform: Platform,
    chatId: string,
    held: HeldChat,
    lease: LeaseRequest,
    pending: Arrived[] | undefined,
  ): Promise<void> {
    const chat = new HeldChatWork(platform, chatId, held.token, lease, held);
    const key = chatKey(platform, chatId);
    this.holding.set(key, chat);
    // Renewed while the work runs, so a long drain keeps the chat; a renewal that finds another holder
    // marks the lease lost, and the work stops at its next settlement (which is fenced anyway).
    const renewal = setInterval(
      () => {
        void this.deps.inbox
          .renew(platform, chatId, chat.token, lease)
          .then((renewed) => {
            if (!renewed) chat.lost = true;
          })
          .catch(() => undefined);
      },
      Math.max(1, Math.floor(lease.ms / 3)),
    );
    renewal.unref();
    try {
      await this.workThrough(chat, pending ?? (await this.deps.inbox.pending(platform, chatId)));
    } catch (error) {
      // Let go at once if the database lets us, rather than when the lease runs out.
      await this.settle(chat, { keep: false }, LET_EVERYTHING_GO).catch(() => undefined);
      await this.postpone(platform, chatId, error);
    } finally {
      clearInterval(renewal);
      chat.closed = true;
      if (this.holding.get(key) === chat) this.holding.delete(key);
      this.deps.handler.chatDrained(platform, chatId);
    }
  }

  private async workThrough(chat: HeldChatWork, first: Arrived[]): Promise<void> {
    let queue = first.filter((update) => !chat.handled.has(update.id));
    // Nothing in hand (a drain that found the inbox empty): the chat is let go, or taken up again.
    let settled = queue.length > 0 ? { kept: true, waiting: chat.accounted } : await this.settle(chat, { keep: false });
    while (settled) {
      if (queue.length === 0) {
        if (!settled.kept) return;
        queue = await this.takeUpWaiting(chat, settled.waiting);
        if (queue.length === 0) {
          // Taken up by an earlier read after all: let go (and kept again if more came meanwhile).
          settled = await this.settle(chat, { keep: false });
          continue;
        }
      }
      const entry = queue.shift()!;
      if (chat.handled.has(entry.id)) continue;
      const startedAt = performance.now();
      try {
        // The account its insert touched is as fresh as one touched now: nothing of the chat ran between.
        // Every line logged during the update's work, however deep, carries its ids.
        await withLogContext({ platform: chat.platform, updateKey: entry.incoming.updateKey, chatId: chat.chatId }, () =>
          this.deps.handler.handle(entry.incoming, entry.attempts, { record: chat.record, account: entry.account }),
        );
      } catch (error) {
        await this.failed(chat, entry, error);
        return;
      }
      queue = await this.withHandedOver(chat, queue);
      settled = await this.settle(chat, {
        update: { id: entry.id, outcome: "processed" },
        ...chat.record.takeChanges(),
        keep: queue.length > 0,
      });
      if (settled) {
        chat.handled.add(entry.id);
        this.counted(chat.platform, startedAt);
      }
    }
  }

  /**
   * The queue with the updates handed over meanwhile. When another replica stored one between them
   * (a count of the chat's waiting updates the handed-over ones do not cover), the inbox gives them
   * all in their order: taking this process's own first would answer the chat out of order.
   */
  private async withHandedOver(chat: HeldChatWork, queue: Arrived[]): Promise<Arrived[]> {
    const highest = Math.max(chat.accounted, ...chat.handedOver.map((update) => update.waiting ?? 0));
    if (chat.handedOverCover(highest)) return [...queue, ...chat.takeHandedOver()];
    const inOrder = new Map<number, Arrived>();
    for (const update of [...queue, ...(await this.takeUpWaiting(chat, highest))]) {
      if (!chat.handled.has(update.id)) inOrder.set(update.id, update);
    }
    return [...inOrder.values()].sort((a, b) => a.id - b.id);
  }

  private counted(platform: Platform, startedAt: number): void {
    const metrics = this.deps.metrics;
    if (!metrics) return;
    metrics.updatesHandled.inc({ platform });
    metrics.handlingSeconds.observe({ platform }, (performance.now() - startedAt) / 1_000);
  }

  /**
   * The updates stored while the chat was held that this holder has not taken up yet (the settlement
   * kept the chat for them): by hand when their inserts' answers are here, otherwise from the inbox.
   */
  private async takeUpWaiting(chat: HeldChatWork, waiting: number): Promise<Arrived[]> {
    if (chat.handedOverCover(waiting)) return chat.takeHandedOver();
    const handedOverBeforeRead = new Set(chat.handedOver);
    const read = await this.deps.inbox.pending(chat.platform, chat.chatId);
    chat.takeReadFromInbox(new Set(read.map((update) => update.id)), handedOverBeforeRead, waiting);
    return read.filter((update) => !chat.handled.has(update.id));
  }

  /** An update that failed: tried again later while the infrastructure is away, otherwise a dead letter. */
  private async failed(chat: HeldChatWork, entry: Arrived, error: unknown): Promise<void> {
    // The record may hold the failed work's half-done changes: it is not written, and the chat is let go,
    // so whatever comes next starts from the record as stored.
    if (isTransient(error) && entry.attempts + 1 < MAX_ATTEMPTS) {
      this.deps.logger.warn({ err: error, updateKey: entry.incoming.updateKey }, "update postponed: infrastructure unavailable");
      await this.settle(chat, { update: { id: entry.id, outcome: "retry" }, keep: false }, LET_EVERYTHING_GO).catch(() => undefined);
      // When stopping, the update stays in the inbox for the next start's recovery sweep.
      if (!this.stopping) this.retryLater(chat.platform, chat.chatId);
      return;
    }
    // Acknowledged to the platform, so never dropped quietly: a dead letter, an error for the operator,
    // and a word to the person that this message was not handled.
    this.deps.logger.error(
      { err: error, updateKey: entry.incoming.updateKey, chatId: chat.chatId, attempts: entry.attempts + 1 },
      "update dead-lettered",
    );
    const reason = error instanceof Error ? error.message : String(error);
    const settled = await this.settle(chat, { update: { id: entry.id, outcome: "dead-letter", reason }, keep: false }, LET_EVERYTHING_GO);
    if (!settled) return;
    chat.handled.add(entry.id);
    this.deps.metrics?.updatesFailed.inc({ platform: chat.platform });
    await this.deps.notices.tellNotHandled(entry.incoming).catch(() => undefined);
    if (!this.stopping) this.track(this.drain(chat.platform, chat.chatId));
  }

  /**
   * Settles the chat's work (the commit point of an update: retried through a database blip rather
   * than left for the lease to run out). Undefined when the lease was lost: another replica holds the
   * chat now and handles what is left.
   */
  private async settle(
    chat: HeldChatWork,
    settlement: Omit<Settlement, "platform" | "chatId" | "token" | "lease" | "accounted">,
    accounted = chat.accounted,
  ): Promise<Settled | undefined> {
    const settled = chat.lost
      ? undefined
      : await this.withRetries(
          () =>
            this.deps.inbox.settle({
              platform: chat.platform,
              chatId: chat.chatId,
              token: chat.token,
              lease: chat.lease,
              accounted,
              ...settlement,
            }),
          () => undefined,
        );
    if (!settled) {
      chat.lost = true;
      this.deps.logger.warn({ platform: chat.platform, chatId: chat.chatId }, "chat handed over: its lease ran out during the work");
    }
    return settled;
  }

  /** The chat could not be taken or worked through for the infrastructure: its updates wait in the inbox. */
  private async postpone(platform: Platform, chatId: string, error: unknown): Promise<void> {
    if (!isTransient(error)) {
      this.deps.logger.error({ err: error, platform, chatId }, "chat drain failed");
      return;
    }
    this.deps.logger.warn({ err: error, platform, chatId }, "chat postponed: infrastructure unavailable");
    if (!this.stopping) this.retryLater(platform, chatId);
  }

  private retryLater(platform: Platform, chatId: string): void {
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      void this.drain(platform, chatId);
    }, RETRY_DELAY_MS);
    timer.unref();
    this.retryTimers.add(timer);
  }

  /** Retries work that meets a transient error, pausing longer each time, until the deadline. */
  private async withRetries<T>(work: () => Promise<T>, onFirstFailure: () => void, deadlineMs = 20_000): Promise<T> {
    const deadline = Date.now() + deadlineMs;
    for (let pause = 100; ; pause = Math.min(pause * 2, 2_000)) {
      try {
        return await work();
      } catch (error) {
        if (!isTransient(error) || Date.now() + pause > deadline) throw error;
        if (pause === 100) onFirstFailure();
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }
}

function chatKey(platform: Platform, chatId: string): string {
  return `${platform}:${chatId}`;
}
