import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { PGlite, types as pgliteTypes } from "@electric-sql/pglite";
import {
  Kysely,
  type PostgresCursor,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  type PostgresQueryResult,
  sql,
} from "kysely";
import pg from "pg";
import type { Logger } from "../logger.ts";
import type { Database } from "./schema.ts";

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: "postgres" | "pglite";
  /** True when the database answers a trivial query within a few seconds. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** Statements sent to the database so far (BEGIN and COMMIT included): the benchmark's round trips. */
  queryCount(): number;
  /** Calls `watch` with the text of every statement sent from now on, until the returned function is called. */
  watchStatements(watch: (statement: string) => void): () => void;
  /** PostgreSQL's pool: clients open, idle, and queries waiting for one (the metrics); undefined for PGlite. */
  poolStats(): { total: number; idle: number; waiting: number } | undefined;
}

export interface DatabaseOptions {
  /** A postgres:// URL; without it an embedded PGlite database lives in `dataDir`. */
  databaseUrl?: string;
  /** Where PGlite keeps its files (in a `pglite` subfolder); exactly "memory://" keeps them in memory. */
  dataDir: string;
  /** Repeated statements become named prepared statements on PostgreSQL (default); false for a pooler that cannot keep them. */
  preparedStatements?: boolean;
  logger?: Logger;
}

const PING_TIMEOUT_MS = 3_000;

/*
 * Both backends must hand the code the same JS types:
 * int8 -> number (ids and counts stay far below 2^53), int8[] -> number[], date -> "YYYY-MM-DD" string
 * (pg would build a Date at local midnight, PGlite at UTC midnight), timestamptz -> Date,
 * jsonb -> parsed value, text[] -> string[] (both drivers' defaults for the last three).
 * Going in, pass jsonb values through JSON.stringify: pg sends a JS array as a PostgreSQL array literal.
 */
const INT8_ARRAY = 1016;
const INT4_ARRAY = 1007;

function postgresTypes(): pg.CustomTypesConfig {
  const overrides = new pg.TypeOverrides();
  overrides.setTypeParser(pg.types.builtins.INT8, Number);
  // pg's typings only know scalar type ids; the int4[] parser turns each element into a number.
  const parserOf = pg.types.getTypeParser as (oid: number, format: "text") => (value: string) => unknown;
  overrides.setTypeParser(INT8_ARRAY, parserOf(INT4_ARRAY, "text"));
  overrides.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
  return overrides;
}

const pgliteParsers = {
  [pgliteTypes.INT8]: (value: string) => Number(value),
  [pgliteTypes.DATE]: (value: string) => value,
};

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const counter = new QueryCounter();
  if (options.databaseUrl) {
    const pgPool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      connectionTimeoutMillis: 10_000,
      types: postgresTypes(),
    });
    // An idle client losing its server emits "error" on the pool; unhandled, it would end the process.
    pgPool.on("error", (error) => options.logger?.error({ err: error }, "idle PostgreSQL connection failed"));
    options.logger?.info("database: PostgreSQL");
    const names = options.preparedStatements === false ? undefined : new StatementNames();
    return databaseHandle("postgres", new CountingPostgresPool(pgPool, counter, names), counter);
  }
  const location = options.dataDir === "memory://" ? "memory://" : join(options.dataDir, "pglite");
  if (location !== "memory://") await mkdir(location, { recursive: true });
  const pglite = await PGlite.create(location, { parsers: pgliteParsers });
  options.logger?.info({ location }, "database: embedded PGlite");
  return databaseHandle("pglite", new PgliteSessionPool(pglite, counter), counter);
}

/**
 * Runs `prepare` on a fresh in-memory PGlite and returns its data directory. Databases opened with
 * `openPgliteFromSnapshot` start from it in about a second instead of the seconds initdb takes.
 */
export async function snapshotPglite(prepare: (handle: DatabaseHandle) => Promise<void>): Promise<Blob> {
  const pglite = await PGlite.create("memory://", { parsers: pgliteParsers });
  const counter = new QueryCounter();
  const handle = databaseHandle("pglite", new PgliteSessionPool(pglite, counter), counter);
  try {
    await prepare(handle);
    return await pglite.dumpDataDir("none");
  } finally {
    await handle.close();
  }
}

/** An in-memory PGlite database starting from a `snapshotPglite` data directory. */
export async function openPgliteFromSnapshot(snapshot: Blob): Promise<DatabaseHandle> {
  const pglite = await PGlite.create("memory://", { parsers: pgliteParsers, loadDataDir: snapshot });
  const counter = new QueryCounter();
  return databaseHandle("pglite", new PgliteSessionPool(pglite, counter), counter);
}

class QueryCounter {
  count = 0;
  readonly watchers = new Set<(statement: string) => void>();
  readonly add = (statement: string) => {
    this.count += 1;
    for (const watch of this.watchers) watch(statement);
  };
}

function databaseHandle(kind: DatabaseHandle["kind"], pool: PostgresPool, counter: QueryCounter): DatabaseHandle {
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closing: Promise<void> | undefined;
  return {
    db,
    kind,
    async ping() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
      });
      const answer = sql`select 1`.execute(db).then(
        () => true,
        () => false,
      );
      try {
        return await Promise.race([answer, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      // Kysely skips the pool on destroy when no query ever ran; the pool must still let go of PGlite.
      closing ??= db.destroy().then(() => pool.end());
      return closing;
    },
    queryCount: () => counter.count,
    poolStats: () => (pool instanceof CountingPostgresPool ? pool.stats() : undefined),
    watchStatements(watch) {
      counter.watchers.add(watch);
      return () => counter.watchers.delete(watch);
    },
  };
}

class CountingPostgresPool implements PostgresPool {
  #ending: Promise<void> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly counter: QueryCounter,
    private readonly statementNames: StatementNames | undefined,
  ) {}

  stats() {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }

  async connect(): Promise<PostgresPoolClient> {
    return new CountingPostgresClient(await this.pool.connect(), this.counter.add, this.statementNames);
  }

  end(): Promise<void> {
    this.#ending ??= this.pool.end();
    return this.#ending;
  }
}

class CountingPostgresClient implements PostgresPoolClient {
  /** The server ended this connection: the pool must not hand it out again. */
  #broken = false;
  readonly #onError = () => {
    this.#broken = true;
  };

  constructor(
    private readonly client: pg.PoolClient,
    private readonly countQuery: (statement: string) => void,
    private readonly statementNames: StatementNames | undefined,
  ) {
    // pg-pool listens for a client's errors only while it idles in the pool: when the server ends a
    // checked-out client's connection (a restart, an administrator's pg_terminate_backend), pg emits
    // "error" with nobody listening, an uncaught exception that would stop the bot. The query in
    // flight fails with the error anyway; the client is destroyed on release.
    client.on("error", this.#onError);
  }

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    sqlOrCursor: string | PostgresCursor<R>,
    parameters?: ReadonlyArray<unknown>,
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof sqlOrCursor !== "string") throw new Error("cursors are not configured for this database");
    this.countQuery(sqlOrCursor);
    const values = parameters as unknown[];
    const name = values.length > 0 ? this.statementNames?.nameOf(sqlOrCursor) : undefined;
    const result = (name === undefined
      ? this.client.query(sqlOrCursor, values)
      : this.client.query({ name, text: sqlOrCursor, values })) as unknown as Promise<PostgresQueryResult<R>>;
    return result.catch((error: unknown) => {
      // The server says it is ending this session (57P0x) or lost it (class 08) before the socket
      // closes: released at once, the client would go back to the pool still looking usable.
      if (endsConnection(error)) this.#broken = true;
      throw error;
    });
  }

  release(destroy?: boolean): void {
    this.client.off("error", this.#onError);
    this.client.release(destroy || this.#broken);
  }
}

/**
 * Names for the statements sent again and again, so that each connection parses and plans them once
 * (a named prepared statement) instead of on every call: PostgreSQL's parser and planner were the
 * larger part of its work per update. A text is named on its second sighting, and only so many texts
 * are named, since each connection keeps every statement it prepared for as long as it lives.
 */
export class StatementNames {
  static readonly LIMIT = 500;
  readonly #named = new Map<string, string>();
  readonly #seenOnce = new Set<string>();

  nameOf(text: string): string | undefined {
    const name = this.#named.get(text);
    if (name !== undefined || this.#named.size >= StatementNames.LIMIT) return name;
    if (!this.#seenOnce.has(text)) {
      // Bounded by starting over rather than by refusing: a hot text first sent after many one-off
      // texts must still be remembered, or it would never be named.
      if (this.#seenOnce.size >= StatementNames.LIMIT * 4) this.#seenOnce.clear();
      this.#seenOnce.add(text);
      return undefined;
    }
    this.#seenOnce.delete(text);
    const fresh = `nastavnik_${this.#named.size + 1}`;
    this.#named.set(text, fresh);
    return fresh;
  }
}

function endsConnection(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? /^(57P0[123]|08)/.test(code) : !(error instanceof pg.DatabaseError);
}

/**
 * PGlite is one PostgreSQL session. Kysely expects a pool whose clients are separate sessions, so this
 * pool lends the one session to a single borrower at a time: a transaction's statements can never
 * interleave with another borrower's.
 */
class PgliteSessionPool implements PostgresPool {
  #queue: Promise<void> = Promise.resolve();
  #ending: Promise<void> | undefined;

  constructor(
    private readonly pglite: PGlite,
    private readonly counter: QueryCounter,
  ) {}

  async connect(): Promise<PostgresPoolClient> {
    if (this.#ending) throw new Error("the PGlite database is closed");
    const lease = await this.#nextTurn();
    return new PgliteLease(this.pglite, this.counter.add, lease);
  }

  end(): Promise<void> {
    this.#ending ??= this.#nextTurn().then(async (release) => {
      try {
        await this.pglite.close();
      } finally {
        release(Promise.resolve());
      }
    });
    return this.#ending;
  }

  /** Waits until every earlier borrower has given the session back; returns the way to give it back. */
  async #nextTurn(): Promise<(after: Promise<unknown>) => void> {
    let giveBack!: () => void;
    const returned = new Promise<void>((resolve) => {
      giveBack = resolve;
    });
    const previous = this.#queue;
    this.#queue = previous.then(() => returned);
    await previous;
    return (after) => {
      void after.finally(giveBack);
    };
  }
}

class PgliteLease implements PostgresPoolClient {
  #released = false;

  constructor(
    private readonly pglite: PGlite,
    private readonly countQuery: (statement: string) => void,
    private readonly giveBack: (after: Promise<unknown>) => void,
  ) {}

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    sqlOrCursor: string | PostgresCursor<R>,
    parameters?: ReadonlyArray<unknown>,
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof sqlOrCursor !== "string") throw new Error("cursors are not supported on PGlite");
    if (this.#released) return Promise.reject(new Error("PGlite session used after it was released"));
    this.countQuery(sqlOrCursor);
    return this.#run<R>(sqlOrCursor, parameters ?? []);
  }

  async #run<R>(text: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
    // PGlite's `query` is a prepared statement (one statement only); migrations and other parameterless
    // text may hold several statements, which the simple protocol behind `exec` accepts, as pg does.
    const result = parameters.length === 0 ? (await this.pglite.exec(text)).at(-1) : await this.pglite.query<R>(text, [...parameters]);
    const rows = (result?.rows ?? []) as R[];
    return {
      rows,
      rowCount: result?.affectedRows ?? rows.length,
      command: result?.command as PostgresQueryResult<R>["command"],
    };
  }

  release(destroy?: boolean): void {
    if (this.#released) return;
    this.#released = true;
    // A pg client is destroyed when its transaction state is unknown; the one PGlite session cannot be,
    // so it is reset before the next borrower gets it.
    this.giveBack(destroy ? this.pglite.exec("rollback").catch(() => undefined) : Promise.resolve());
  }
}
