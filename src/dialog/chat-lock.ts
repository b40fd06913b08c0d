import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

/** Serialises the handling of one chat's updates, so two updates never interleave in one flow. */
export interface ChatLock {
  withLock<T>(key: string, work: () => Promise<T>): Promise<T>;
}

export class MemoryChatLock implements ChatLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  async withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(work, work);
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

/**
 * A Redis lock (SET NX PX, released only by its owner) shared by replicas. Within one process the
 * memory lock queues callers first, so a busy chat costs one Redis round trip per update, not a spin.
 */
export class RedisChatLock implements ChatLock {
  private readonly local = new MemoryChatLock();

  constructor(
    private readonly redis: Redis,
    private readonly options: { prefix?: string; leaseMs?: number; waitMs?: number } = {},
  ) {}

  withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.local.withLock(key, () => this.withRedisLock(key, work));
  }

  private async withRedisLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const lockKey = `${this.options.prefix ?? "nastavnik:lock:"}${key}`;
    const owner = randomUUID();
    const leaseMs = this.options.leaseMs ?? 30_000;
    const deadline = Date.now() + (this.options.waitMs ?? 60_000);
    let pause = 5;
    while ((await this.redis.set(lockKey, owner, "PX", leaseMs, "NX")) !== "OK") {
      if (Date.now() > deadline) throw new Error(`Chat ${key} stayed locked too long`);
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 100);
    }
    try {
      return await work();
    } finally {
      await this.redis.eval(RELEASE_SCRIPT, 1, lockKey, owner).catch(() => undefined);
    }
  }
}
