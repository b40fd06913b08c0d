import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

/**
 * The holder's proof that the chat is still theirs. Work that takes long (a backlog drained, a reply
 * retried for a minute) checks it before each write that another holder must not repeat: a lease
 * that ran out means another replica may be handling the same updates.
 */
export interface ChatLease {
  /** Throws LeaseLost when the lock is no longer this holder's. */
  assertHeld(): Promise<void>;
  /**
   * The newest of the chat's inbox updates known to be handled when the lock was taken, kept with the
   * lock by the holders before; undefined when not known (a new chat, a restarted Redis).
   */
  readonly handledUpTo: number | undefined;
  /** Records that the chat's updates up to `id` are handled: kept for the next holder when the lock is let go. */
  handled(id: number): void;
}

export class LeaseLost extends Error {
  constructor(key: string) {
    super(`The lock of chat ${key} was lost to another holder`);
  }
}

/** The chat stayed locked by another holder longer than the lock waits: an infrastructure hold-up, retried later. */
export class ChatLockTimeout extends Error {
  override name = "ChatLockTimeout";
  constructor(key: string) {
    super(`Chat ${key} stayed locked too long`);
  }
}

/** Serialises the handling of one chat's updates, so two updates never interleave in one flow. */
export interface ChatLock {
  withLock<T>(key: string, work: (lease: ChatLease) => Promise<T>): Promise<T>;
}

/** How many chats' handled marks a process keeps in memory (the oldest go first). */
const MEMORY_MARKS = 10_000;

export class MemoryChatLock implements ChatLock {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly handledMarks = new Map<string, number>();

  async withLock<T>(key: string, work: (lease: ChatLease) => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = () => work(this.leaseFor(key));
    const current = previous.then(run, run);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await current;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** The chat is held in this process alone, for as long as the work runs. */
  private leaseFor(key: string): ChatLease {
    const marks = this.handledMarks;
    return {
      assertHeld: async () => undefined,
      handledUpTo: marks.get(key),
      handled(id: number) {
        if ((marks.get(key) ?? 0) >= id) return;
        marks.delete(key);
        marks.set(key, id);
        if (marks.size > MEMORY_MARKS) marks.delete(marks.keys().next().value!);
      },
    };
  }
}

/** Takes the lock if free and reads the handled mark, in one round trip: {1, mark or ""} or {0, ""}. */
const ACQUIRE_SCRIPT = `
if redis.call("set", KEYS[1], ARGV[1], "PX", ARGV[2], "NX") then
  return {1, redis.call("get", KEYS[2]) or ""}
end
return {0, ""}`;
/** Lets the lock go if still the owner's and raises the handled mark (ARGV[2], "" for none), in one round trip. */
const RELEASE_SCRIPT = `
if redis.call("get", KEYS[1]) ~= ARGV[1] then return 0 end
redis.call("del", KEYS[1])
if ARGV[2] ~= "" and tonumber(ARGV[2]) > tonumber(redis.call("get", KEYS[2]) or "0") then
  redis.call("set", KEYS[2], ARGV[2], "EX", ARGV[3])
end
return 1`;
/** A handled mark only saves a read of the inbox: a day is longer than any platform re-sends an update. */
const HANDLED_MARK_TTL_SECONDS = 24 * 60 * 60;
const RENEW_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

/**
 * A Redis lock (SET NX PX, released only by its owner) shared by replicas. Within one process the
 * memory lock queues callers first, so a busy chat costs one Redis round trip per update, not a spin.
 * The chat's handled mark lives beside the lock and rides on its two scripts, taking no round trip of its own.
 */
export class RedisChatLock implements ChatLock {
  private readonly local = new MemoryChatLock();
  /**
   * Owners whose SET or release failed on the way (a command timed out while Redis restarted): the
   * command may still have reached Redis, leaving the chat locked by nobody until the lease ran out.
   * They are released before the next acquisition of their chat.
   */
  private readonly unsure = new Map<string, Set<string>>();

  constructor(
    private readonly redis: Redis,
    private readonly options: { prefix?: string; leaseMs?: number; waitMs?: number } = {},
  ) {}

  withLock<T>(key: string, work: (lease: ChatLease) => Promise<T>): Promise<T> {
    return this.local.withLock(key, () => this.withRedisLock(key, work));
  }

  private async withRedisLock<T>(key: string, work: (lease: ChatLease) => Promise<T>): Promise<T> {
    const prefix = this.options.prefix ?? "nastavnik:lock:";
    const lockKey = `${prefix}${key}`;
    const markKey = `${prefix}handled:${key}`;
    const owner = randomUUID();
    const leaseMs = this.options.leaseMs ?? 30_000;
    const deadline = Date.now() + (this.options.waitMs ?? 60_000);
    let pause = 5;
    let waited = false;
    let acquired = await this.acquire(lockKey, markKey, owner, leaseMs);
    while (!acquired) {
      if (Date.now() > deadline) throw new ChatLockTimeout(key);
      waited = true;
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 100);
      acquired = await this.acquire(lockKey, markKey, owner, leaseMs);
    }
    // After a wait the mark is not trusted: the holder before may have handled updates and then failed
    // to let the lock go (and to raise the mark) — its lease ran out instead.
    let handledUpTo = waited ? undefined : acquired.mark;
    // Renewed while the work runs (a third of the lease apart), so a long drain keeps the chat; a
    // renewal that finds another owner, or none, marks the lease lost and the work stops at its next write.
    let lost = false;
    let confirmedAt = Date.now();
    const renew = async () => {
      const renewed = await this.redis.eval(RENEW_SCRIPT, 1, lockKey, owner, String(leaseMs)).catch(() => undefined);
      if (renewed === 0) lost = true;
      else if (renewed === 1) confirmedAt = Date.now();
    };
    const renewal = setInterval(() => void renew(), Math.max(1, Math.floor(leaseMs / 3)));
    renewal.unref();
    const lease: ChatLease = {
      // Asks Redis only when no renewal has confirmed the lease for half of it (a stalled event loop,
      // Redis away): the usual update costs no extra round trip.
      assertHeld: async () => {
        if (!lost && Date.now() - confirmedAt > leaseMs / 2) {
          if ((await this.redis.get(lockKey)) === owner) confirmedAt = Date.now();
          else lost = true;
        }
        if (lost) throw new LeaseLost(key);
      },
      handledUpTo,
      handled: (id) => {
        if (handledUpTo === undefined || id > handledUpTo) handledUpTo = id;
      },
    };
    try {
      return await work(lease);
    } finally {
      clearInterval(renewal);
      if (!lost) {
        const mark = handledUpTo === undefined ? "" : String(handledUpTo);
        await this.redis
          .eval(RELEASE_SCRIPT, 2, lockKey, markKey, owner, mark, String(HANDLED_MARK_TTL_SECONDS))
          .catch(() => this.rememberUnsure(lockKey, owner));
      }
    }
  }

  /** Takes the lock when free: the handled mark read with it, or undefined while another holds the chat. */
  private async acquire(
    lockKey: string,
    markKey: string,
    owner: string,
    leaseMs: number,
  ): Promise<{ mark: number | undefined } | undefined> {
    const unsure = this.unsure.get(lockKey);
    if (unsure) {
      // Throws while Redis is still away: the chat waits, as it would for the SET itself.
      for (const stale of [...unsure]) {
        await this.redis.eval(RELEASE_SCRIPT, 2, lockKey, markKey, stale, "", "0");
        unsure.delete(stale);
      }
      this.unsure.delete(lockKey);
    }
    try {
      const [taken, mark] = (await this.redis.eval(ACQUIRE_SCRIPT, 2, lockKey, markKey, owner, String(leaseMs))) as [number, string];
      if (taken !== 1) return undefined;
      return { mark: mark === "" ? undefined : Number(mark) };
    } catch (error) {
      this.rememberUnsure(lockKey, owner);
      throw error;
    }
  }

  private rememberUnsure(lockKey: string, owner: string): void {
    const owners = this.unsure.get(lockKey) ?? new Set<string>();
    owners.add(owner);
    this.unsure.set(lockKey, owners);
  }
}
