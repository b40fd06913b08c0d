/**
 * Development tooling, not part of the bot: a throwaway database on a real PostgreSQL server for
 * tests and benchmarks, dropped again by close().
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { type DatabaseHandle, openDatabase } from "#root/db/connection.ts";

/** A new empty database `<prefix>_<hex>` on the server of `serverUrl`; close() drops it. */
export async function openScratchDatabase(serverUrl: string, prefix: string): Promise<DatabaseHandle> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: "memory://" });
  let dropped: Promise<void> | undefined;
  return {
    ...handle,
    close() {
      dropped ??= handle.close().then(() => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      return dropped;
    },
  };
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
