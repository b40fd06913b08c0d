/**
 * Which errors make the runtime keep an update and retry it (the infrastructure is away) and which
 * get the user an apology at once. The errors are the drivers' own, provoked against closed ports and
 * small fake servers on loopback (a PostgreSQL that refuses a connection as a full or starting server
 * does, a server that never answers), so a driver upgrade that changes them shows here.
 */
import { createServer, type Server, type Socket } from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isTransient } from "#root/dialog/transient.ts";

const servers: Server[] = [];
const sockets: Socket[] = [];

/** Starts a loopback server that treats each connection with `onConnection`; resolves to its port. */
async function serve(onConnection: (socket: Socket) => void): Promise<number> {
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on("error", () => undefined);
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as { port: number }).port;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** PostgreSQL's ErrorResponse message ('E'), as a server sends it when it refuses a connection. */
function errorResponse(sqlState: string, message: string): Buffer {
  const fields = Buffer.concat([
    ...[
      ["S", "FATAL"],
      ["V", "FATAL"],
      ["C", sqlState],
      ["M", message],
    ].map(([type, value]) => Buffer.from(`${type}${value}\0`)),
    Buffer.from([0]),
  ]);
  const head = Buffer.alloc(5);
  head.write("E", 0);
  head.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([head, fields]);
}

/** What a pg client's connection to 127.0.0.1:port fails with. */
async function pgConnectError(port: number, host = "127.0.0.1"): Promise<unknown> {
  const client = new pg.Client({ host, port, user: "nastavnik", database: "nastavnik", connectionTimeoutMillis: 5_000 });
  client.on("error", () => undefined);
  return client.connect().then(
    () => expect.fail("connected"),
    (error: unknown) => error,
  );
}

async function rejection(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => expect.fail("succeeded"),
    (error: unknown) => error,
  );
}

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

describe("PostgreSQL out of reach is transient", () => {
  it("a refused connection (Node's ECONNREFUSED)", async () => {
    const error = await pgConnectError(await closedPort());
    expect(error).toMatchObject({ code: "ECONNREFUSED" });
    expect(isTransient(error)).toBe(true);
  });

  it("a host that does not resolve (ENOTFOUND, or EAI_AGAIN without a resolver)", async () => {
    const error = await pgConnectError(5432, "nastavnik-test.invalid");
    expect(["ENOTFOUND", "EAI_AGAIN"]).toContain((error as { code?: string }).code);
    expect(isTransient(error)).toBe(true);
  });

  it("a server that refuses as a full one does (53300 too_many_connections) or one starting up (57P03)", async () => {
    for (const [sqlState, message] of [
      ["53300", "sorry, too many clients already"],
      ["57P03", "the database system is starting up"],
    ] as const) {
      const port = await serve((socket) => socket.once("data", () => socket.end(errorResponse(sqlState, message))));
      const error = await pgConnectError(port);
      expect(error).toBeInstanceOf(pg.DatabaseError);
      expect(error).toMatchObject({ code: sqlState });
      expect(isTransient(error)).toBe(true);
    }
  });

  it("a connection exception (class 08) and a server shutting down (57P01, 57P02)", () => {
    // As pg-protocol's parser builds a server's error: the class, then its fields.
    for (const sqlState of ["08006", "08001", "08P01", "57P01", "57P02"]) {
      const error = Object.assign(new pg.DatabaseError("connection failure", 0, "error"), { code: sqlState });
      expect(isTransient(error), sqlState).toBe(true);
    }
  });

  it("a connection the server drops, and a query on the client it left", async () => {
    const port = await serve((socket) => socket.destroy());
    const client = new pg.Client({ host: "127.0.0.1", port, user: "nastavnik", database: "nastavnik" });
    client.on("error", () => undefined);
    const dropped = await rejection(client.connect());
    expect(dropped).toMatchObject({ message: "Connection terminated unexpectedly" });
    expect(isTransient(dropped)).toBe(true);

    const refusedClient = new pg.Client({ host: "127.0.0.1", port: await closedPort(), user: "nastavnik", database: "nastavnik" });
    refusedClient.on("error", () => undefined);
    await rejection(refusedClient.connect());
    const unqueryable = await rejection(refusedClient.query("SELECT 1"));
    expect(isTransient(unqueryable)).toBe(true);
  });

  it("pg-pool's time-outs: a new client that cannot connect, a caller that waits for a free client", async () => {
    const silent = await serve(() => undefined);
    const pool = new pg.Pool({
      host: "127.0.0.1",
      port: silent,
      max: 1,
      connectionTimeoutMillis: 200,
      user: "nastavnik",
      database: "nastavnik",
    });
    pool.on("error", () => undefined);
    const [connecting, waiting] = await Promise.all([rejection(pool.connect()), rejection(pool.connect())]);
    expect(connecting).toMatchObject({ message: "Connection terminated due to connection timeout" });
    expect(waiting).toMatchObject({ message: "timeout exceeded when trying to connect" });
    expect(isTransient(connecting)).toBe(true);
    expect(isTransient(waiting)).toBe(true);
    await pool.end().catch(() => undefined);
  });
});

describe("Redis out of reach is transient", () => {
  it("a command given up after maxRetriesPerRequest failed reconnections (MaxRetriesPerRequestError)", async () => {
    const redis = new Redis({ host: "127.0.0.1", port: await closedPort(), maxRetriesPerRequest: 0, retryStrategy: () => 50 });
    redis.on("error", () => undefined);
    const error = await rejection(redis.get("key"));
    redis.disconnect();
    expect(error).toMatchObject({ name: "MaxRetriesPerRequestError" });
    expect(isTransient(error)).toBe(true);
  });

  it("a command on a connection that closed for good", async () => {
    const redis = new Redis({ host: "127.0.0.1", port: await closedPort(), lazyConnect: true, retryStrategy: () => null });
    redis.on("error", () => undefined);
    const error = await rejection(redis.get("key"));
    expect(error).toMatchObject({ message: "Connection is closed." });
    expect(isTransient(error)).toBe(true);
  });

  it("a command that gets no answer within commandTimeout", async () => {
    const silent = await serve(() => undefined);
    const redis = new Redis({ host: "127.0.0.1", port: silent, commandTimeout: 100, enableReadyCheck: false });
    redis.on("error", () => undefined);
    const error = await rejection(redis.get("key"));
    redis.disconnect();
    expect(error).toMatchObject({ message: "Command timed out" });
    expect(isTransient(error)).toBe(true);
  });
});

describe("wrapped errors are judged by what they wrap", () => {
  it("an error rethrown with a transient cause, however deep", async () => {
    const refused = await pgConnectError(await closedPort());
    const wrapped = new Error("saving the profile failed", { cause: new Error("the transaction failed", { cause: refused }) });
    expect(isTransient(wrapped)).toBe(true);
  });

  it("an AggregateError is transient when every error in it is", async () => {
    const refused = await pgConnectError(await closedPort());
    const dropped = await pgConnectError(await serve((socket) => socket.destroy()));
    expect(isTransient(new AggregateError([refused, dropped], "every address failed"))).toBe(true);
    expect(isTransient(new AggregateError([refused, new TypeError("x is undefined")], "mixed"))).toBe(false);
    expect(isTransient(new AggregateError([], "nothing"))).toBe(false);
  });

  it("a cycle of causes ends", () => {
    const first = new Error("first");
    const second = new Error("second", { cause: first });
    (first as { cause?: unknown }).cause = second;
    expect(isTransient(first)).toBe(false);
  });
});

describe("ordinary errors are not transient", () => {
  let database: PGlite;
  beforeAll(async () => {
    database = await PGlite.create();
  });
  afterAll(async () => {
    await database.close();
  });

  it("a unique violation (23505) and an undefined table (42P01) from the database", async () => {
    await database.exec("CREATE TABLE invites (code text PRIMARY KEY); INSERT INTO invites VALUES ('abc');");
    const duplicate = await rejection(database.query("INSERT INTO invites VALUES ('abc')"));
    expect(duplicate).toMatchObject({ code: "23505" });
    expect(isTransient(duplicate)).toBe(false);
    const missing = await rejection(database.query("SELECT * FROM nowhere"));
    expect(missing).toMatchObject({ code: "42P01" });
    expect(isTransient(missing)).toBe(false);
  });

  it("a Redis error reply (a wrong command is not made right by retrying)", async () => {
    const port = await serve((socket) => socket.on("data", () => socket.write("-ERR unknown command 'GET'\r\n")));
    // RESP2 as the app speaks it (src/redis.ts), and no CLIENT SETINFO: the only command is GET.
    const redis = new Redis({
      host: "127.0.0.1",
      port,
      protocol: 2,
      disableClientInfo: true,
      enableReadyCheck: false,
      maxRetriesPerRequest: 0,
    });
    redis.on("error", () => undefined);
    const error = await rejection(redis.get("key"));
    redis.disconnect();
    expect(error).toMatchObject({ name: "ReplyError" });
    expect(isTransient(error)).toBe(false);
  });

  it("a bug, a thrown string, nothing, and a message that merely mentions a code", () => {
    expect(isTransient(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isTransient("ECONNREFUSED")).toBe(false);
    expect(isTransient(undefined)).toBe(false);
    expect(isTransient(null)).toBe(false);
    expect(isTransient(new Error("the user typed ECONNREFUSED and 57P01 as their name"))).toBe(false);
  });
});
