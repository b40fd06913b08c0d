import type { Redis } from "ioredis";
import { type Kysely, sql } from "kysely";
import type { Database } from "#root/db/schema.ts";
import type { Logger } from "#root/logger.ts";

/** Where versions before issue 16 kept each chat's flow (`<platform>:<chat>`) and screen (`screen:<platform>:<chat>`). */
const OLD_PREFIX = "nastavnik:session:";
const PLATFORMS = new Set(["telegram", "vk", "max"]);

/**
 * Moves flows and screens that an older version kept in Redis into the chats' records in PostgreSQL,
 * once, at start: nobody in the middle of a registration loses their place with the upgrade. A chat
 * whose record already holds a flow or screen keeps it. Each key is deleted once copied, so a second
 * start (or a second replica at the same time) finds nothing to do.
 */
export async function importRedisSessions(redis: Redis, db: Kysely<Database>, logger: Logger): Promise<number> {
  let imported = 0;
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${OLD_PREFIX}*`, "COUNT", 500);
    cursor = next;
    for (const key of keys) {
      const name = key.slice(OLD_PREFIX.length);
      const isScreen = name.startsWith("screen:");
      const [platform, ...chat] = (isScreen ? name.slice("screen:".length) : name).split(":");
      const chatId = chat.join(":");
      const raw = await redis.get(key);
      if (raw !== null && platform && PLATFORMS.has(platform) && chatId !== "") {
        const column = sql.ref(isScreen ? "screen" : "flow");
        await sql`
          INSERT INTO chat_states AS c (platform, chat_id, ${column}) VALUES (${platform}, ${chatId}, ${raw}::jsonb)
          ON CONFLICT (platform, chat_id) DO UPDATE SET ${column} = COALESCE(c.${column}, EXCLUDED.${column})`.execute(db);
        imported += 1;
      }
      await redis.del(key);
    }
  } while (cursor !== "0");
  if (imported > 0) logger.info({ imported }, "flows and screens moved from Redis into the chats' records");
  return imported;
}
