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

const HELD_IN_PROCESS: ChatLease = { assertHeld: async () => undefined };

export class MemoryChatLock implements ChatLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async withLock<T>(key: string, work: (lease: ChatLease) => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = () => work(HELD_IN_PROCESS);
    const current = previous.then(run, run);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await current;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

const RELEASE_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const RENEW_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

/**
 * A Redis lock (SET NX PX, released only by its owner) shared by replicas. Within one process the
 * memory lock queues callers first, so a busy chat costs one Redis round trip per update, not a spin.
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
    const lockKey = `${this.options.prefix ?? "nastavnik:lock:"}${key}`;
    const owner = randomUUID();
    const leaseMs = this.options.leaseMs ?? 30_000;
    const deadline = Date.now() + (this.options.waitMs ?? 60_000);
    let pause = 5;
    while (!(await this.acquire(lockKey, owner, leaseMs))) {
      if (Date.now() > deadline) throw new ChatLockTimeout(key);
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 100);
    }
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
    };
    try {
      return await work(lease);
    } finally {
      clearInterval(renewal);
      if (!lost) await this.redis.eval(RELEASE_SCRIPT, 1, lockKey, owner).catch(() => this.rememberUnsure(lockKey, owner));
    }
  }

  private async acquire(lockKey: string, owner: string, leaseMs: number): Promise<boolean> {
    const unsure = this.unsure.get(lockKey);
    if (unsure) {
      // Throws while Redis is still away: the chat waits, as it would for the SET itself.
      for (const stale of [...unsure]) {
        await this.redis.eval(RELEASE_SCRIPT, 1, lockKey, stale);
        unsure.delete(stale);
      }
      this.unsure.delete(lockKey);
    }
    try {
      return (await this.redis.set(lockKey, owner, "PX", leaseMs, "NX")) === "OK";
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
