import type { Logger } from "pino";
import type { Incoming, Platform } from "#root/messaging/messenger.ts";
import { type ChatLease, type ChatLock, LeaseLost } from "./chat-lock.ts";
import type { ChatNotices } from "./chat-notices.ts";
import type { FloodGuard } from "./flood-guard.ts";
import type { ChatAccount, InboxPort, StoredUpdate } from "./ports.ts";
import { isTransient } from "./transient.ts";

const MAX_ATTEMPTS = 8;
const INBOX_KEEP_MS = 7 * 24 * 60 * 60 * 1000;
const INBOX_PRUNE_EVERY_MS = 60 * 60 * 1000;
const RETRY_DELAY_MS = 2_000;

/** What handles one stored update of a chat (the conversation dispatch). */
export interface UpdateHandler {
  /**
   * Handles an update; throws a transient error for the update to be retried later, anything else
   * to have it dead-lettered. `attempts`: how many times it was tried (or its sender told to wait) before.
   * `account`: the chat's account as the update's insert touched it, when the update is handled right
   * after it was stored (otherwise the handler touches the account itself).
   */
  handle(incoming: Incoming, attempts: number, account?: ChatAccount): Promise<void>;
  /** The chat's drain ended (drained, postponed or failed): what was kept for the drain may go. */
  chatDrained(platform: Platform, chatId: string): void;
}

export interface InboxDrainDependencies {
  inbox: InboxPort;
  lock: ChatLock;
  notices: ChatNotices;
  handler: UpdateHandler;
  logger: Logger;
  /** Refuses a chat's presses over its budget before they reach the inbox; none: every update is taken. */
  flood?: FloodGuard;
  /** The app's clock: the day a person's age is read on when their account is touched. */
  now?: () => Date;
}

/** The update just stored, with the account its insert touched. */
type Arrived = StoredUpdate & { account: ChatAccount };

/**
 * Takes updates in durably and works through each chat's inbox, one chat holder at a time: an update
 * is stored (de-duplicated) before the platform is answered, handled under the chat's lock, retried
 * while the infrastructure is away, and dead-lettered (with a word to its sender) when it cannot be handled.
 */
export class InboxDrain {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private recoveryTimer: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(private readonly deps: InboxDrainDependencies) {}

  async accept(incoming: Incoming): Promise<"accepted" | "duplicate" | "throttled"> {
    if (this.stopping) throw new Error("The runtime is shutting down");
    // Before the insert: a press over the chat's flood limit must not cost a single statement.
    const flood = this.deps.flood?.admit(incoming);
    if (flood && !flood.admitted) {
      this.answerFlood(incoming, flood.firstOfFlood);
      return "throttled";
    }
    // The platform waits for our answer meanwhile; the user hears at once why the bot is slow.
    const added = await this.withRetries(
      () => this.deps.inbox.add(incoming, this.deps.now ? this.deps.now() : new Date()),
      () => void this.deps.notices.tellToWait(incoming),
    ).catch((error: unknown) => {
      if (flood?.tokenSpent) this.deps.flood?.giveBack(incoming);
      throw error;
    });
    if (!added) {
      this.deps.logger.debug({ updateKey: incoming.updateKey }, "duplicate update dropped");
      return "duplicate";
    }
    const arrived = { id: added.id, incoming, attempts: 0, account: added.account };
    void this.drain(incoming.platform, incoming.chatId, added.olderPending ? undefined : arrived);
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
    this.inFlight.add(answer);
    void answer.finally(() => this.inFlight.delete(answer));
  }

  /**
   * Processes every stored update of a chat; resolves when the chat is drained. `arrived`: the update
   * that was just stored, when nothing of the chat waited before it: unless a holder before has
   * handled it meanwhile, the drain starts with it without reading the inbox.
   */
  drain(platform: Platform, chatId: string, arrived?: Arrived): Promise<void> {
    const work = this.deps.lock
      .withLock(`${platform}:${chatId}`, (lease) => this.drainLocked(platform, chatId, lease, arrived))
      .catch(async (error: unknown) => {
        if (error instanceof LeaseLost) {
          // Another replica holds the chat now and handles what is left; the recovery sweep covers the rest.
          this.deps.logger.warn({ platform, chatId }, "chat handed over: its lock's lease ran out during the work");
          return;
        }
        if (!isTransient(error)) {
          this.deps.logger.error({ err: error, platform, chatId }, "chat drain failed");
          return;
        }
        // The chat lock's Redis is away: the updates wait in the inbox, and their sender hears why.
        this.deps.logger.warn({ err: error, platform, chatId }, "chat postponed: infrastructure unavailable");
        await this.tellWaitingChat(platform, chatId).catch(() => undefined);
        if (!this.stopping) this.retryLater(platform, chatId);
      });
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
    return work;
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

  private async drainLocked(platform: Platform, chatId: string, lease: ChatLease, arrived: Arrived | undefined): Promise<void> {
    try {
      await this.drainPending(platform, chatId, lease, arrived);
    } finally {
      this.deps.handler.chatDrained(platform, chatId);
    }
  }

  private async drainPending(platform: Platform, chatId: string, lease: ChatLease, arrived: Arrived | undefined): Promise<void> {
    const { inbox } = this.deps;
    // The update just stored is next in line when the holders before left a mark below it (they have
    // not handled it); without a mark (a new chat, Redis restarted) the inbox says what is pending.
    const arrivedIsNext = arrived !== undefined && lease.handledUpTo !== undefined && lease.handledUpTo < arrived.id;
    let pending = arrivedIsNext ? [arrived] : await inbox.pending(platform, chatId);
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      for (const [index, entry] of batch.entries()) {
        try {
          // The account its insert touched is as fresh as one touched now: nothing of the chat ran between.
          await this.deps.handler.handle(entry.incoming, entry.attempts, entry === arrived ? arrived.account : undefined);
        } catch (error) {
          if (isTransient(error) && entry.attempts + 1 < MAX_ATTEMPTS) {
            this.deps.logger.warn({ err: error, updateKey: entry.incoming.updateKey }, "update postponed: infrastructure unavailable");
            await inbox.countAttempt(entry.id).catch(() => undefined);
            // When stopping, the update stays in the inbox for the next start's recovery sweep.
            if (!this.stopping) this.retryLater(platform, chatId);
            return;
          }
          // Acknowledged to the platform, so never dropped quietly: a dead letter, an error for the
          // operator, and a word to the person that this message was not handled.
          this.deps.logger.error(
            { err: error, updateKey: entry.incoming.updateKey, chatId, attempts: entry.attempts + 1 },
            "update dead-lettered",
          );
          await lease.assertHeld();
          await inbox.deadLetter(entry.id, error instanceof Error ? error.message : String(error));
          lease.handled(entry.id);
          await this.deps.notices.tellNotHandled(entry.incoming).catch(() => undefined);
          pending = await inbox.pending(platform, chatId);
          break;
        }
        // Fenced: a holder whose lease ran out leaves the update to the one that holds the chat now.
        await lease.assertHeld();
        // The batch's last update is marked in the same round trip that looks for the next ones.
        if (index < batch.length - 1) await inbox.markProcessed(entry.id);
        else pending = await inbox.markProcessedThenPending(entry.id, platform, chatId);
        lease.handled(entry.id);
      }
    }
  }

  /** Tells a chat whose updates wait for the infrastructure to wait, once until they are handled. */
  private async tellWaitingChat(platform: Platform, chatId: string): Promise<void> {
    const [first] = await this.deps.inbox.pending(platform, chatId, 1);
    if (!first || first.attempts > 0) return;
    await this.deps.inbox.countAttempt(first.id);
    await this.deps.notices.tellToWait(first.incoming);
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
