import type { Redis } from "ioredis";

/** One change of a batch: a value to keep under the key, or `undefined` to delete it. */
export interface StoreChange {
  key: string;
  value: unknown;
}

/**
 * Where each chat's flow state lives between updates: Redis when configured (shared by replicas,
 * survives restarts), otherwise process memory (one process, lost on restart).
 */
export interface SessionStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** Several keys in one round trip, in the order asked. */
  getMany(keys: readonly string[]): Promise<unknown[]>;
  /** Sets and deletes in one round trip, all or none (a chat's flow and screen change together). */
  write(changes: readonly StoreChange[]): Promise<void>;
}

/** A flow left unanswered this long is forgotten. */
const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;

/**
 * ARGV: the TTL, then one flag per key ("1" set, "0" delete) followed by the value for a set. One
 * script, so a batch is one round trip and applied whole.
 */
const WRITE_SCRIPT = `
local ttl = ARGV[1]
local at = 2
for i, key in ipairs(KEYS) do
  if ARGV[at] == "1" then
    redis.call("set", key, ARGV[at + 1], "EX", ttl)
    at = at + 2
  else
    redis.call("del", key)
    at = at + 1
  end
end
return #KEYS`;

export class RedisSessionStore implements SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = "nastavnik:session:",
  ) {}

  async get<T>(key: string): Promise<T | undefined> {
    const raw = await this.redis.get(this.prefix + key);
    return raw === null ? undefined : (JSON.parse(raw) as T);
  }

  async set(key: string, value: unknown): Promise<void> {
    await this.redis.set(this.prefix + key, JSON.stringify(value), "EX", SESSION_TTL_SECONDS);
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async getMany(keys: readonly string[]): Promise<unknown[]> {
    if (keys.length === 0) return [];
    const raws = await this.redis.mget(keys.map((key) => this.prefix + key));
    return raws.map((raw) => (raw === null ? undefined : JSON.parse(raw)));
  }

  async write(changes: readonly StoreChange[]): Promise<void> {
    if (changes.length === 0) return;
    const args: string[] = [String(SESSION_TTL_SECONDS)];
    for (const { value } of changes) {
      if (value === undefined) args.push("0");
      else args.push("1", JSON.stringify(value));
    }
    await this.redis.eval(WRITE_SCRIPT, changes.length, ...changes.map(({ key }) => this.prefix + key), ...args);
  }
}

export class MemorySessionStore implements SessionStore {
  private readonly values = new Map<string, string>();

  async get<T>(key: string): Promise<T | undefined> {
    const raw = this.values.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }

  async set(key: string, value: unknown): Promise<void> {
    // Stored as JSON, like Redis, so both stores hand back the same shapes.
    this.values.set(key, JSON.stringify(value));
  }

  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }

  async getMany(keys: readonly string[]): Promise<unknown[]> {
    return Promise.all(keys.map((key) => this.get(key)));
  }

  async write(changes: readonly StoreChange[]): Promise<void> {
    for (const { key, value } of changes) {
      if (value === undefined) this.values.delete(key);
      else this.values.set(key, JSON.stringify(value));
    }
  }
}
