import { request } from "node:http";
import { connect } from "node:net";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { HttpRoute } from "../../src/http/route.ts";
import { DEFAULT_MAX_BODY_BYTES, type HttpLimits, startHttpServer } from "../../src/http/server.ts";

const logger = pino({ level: "silent" });

const echo: HttpRoute = {
  method: "POST",
  path: "/echo",
  handle: async (req) => ({ status: 200, body: `${req.path} ${req.body.toString("utf8")}` }),
};
const health: HttpRoute = {
  method: "GET",
  path: "/healthz",
  handle: async () => ({ status: 200, body: '{"ok":true}', headers: { "Content-Type": "application/json" } }),
};
const broken: HttpRoute = {
  method: "GET",
  path: "/broken",
  handle: async () => {
    throw new Error("boom");
  },
};

/** An idle TCP connection to the server, open until destroyed. */
function openSocket(port: number) {
  return new Promise<import("node:net").Socket>((resolve, reject) => {
    const socket = connect({ port, host: "127.0.0.1" }, () => resolve(socket));
    socket.on("error", reject);
  });
}

/**
 * Writes raw bytes on a socket (optionally a further byte every `trickleEveryMs`, as a slow sender
 * would) and collects what the server answers until it closes the connection.
 */
function rawExchange(port: number, head: string, options: { trickleEveryMs?: number; giveUpAfterMs?: number } = {}) {
  return new Promise<{ text: string; closedByServer: boolean }>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ port, host: "127.0.0.1" }, () => socket.write(head));
    const trickle = options.trickleEveryMs ? setInterval(() => socket.writable && socket.write("a"), options.trickleEveryMs) : undefined;
    const giveUp = setTimeout(() => {
      socket.destroy();
      finish(false);
    }, options.giveUpAfterMs ?? 5_000);
    const finish = (closedByServer: boolean) => {
      clearInterval(trickle);
      clearTimeout(giveUp);
      resolve({ text: Buffer.concat(chunks).toString("utf8"), closedByServer });
    };
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", (error: NodeJS.ErrnoException) =>
      error.code === "ECONNRESET" || error.code === "EPIPE" ? undefined : reject(error),
    );
    socket.on("close", () => finish(true));
  });
}

/** Sends a request with node:http so an oversized body can be refused mid-upload without a client error. */
function send(port: number, method: string, path: string, body?: Buffer) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ port, method, path, host: "127.0.0.1" }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), headers: res.headers }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("HTTP server", () => {
  const running: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.close()));
  });

  async function start(routes: HttpRoute[], limits?: Partial<HttpLimits>) {
    const server = await startHttpServer({ port: 0, host: "127.0.0.1", routes, logger, limits });
    running.push(server);
    return server;
  }

  it("routes by exact method and path, ignoring the query string", async () => {
    const { port } = await start([echo, health]);
    expect(await send(port, "POST", "/echo?x=1", Buffer.from("привет"))).toMatchObject({
      status: 200,
      body: "/echo привет",
    });
    const healthz = await send(port, "GET", "/healthz");
    expect(healthz).toMatchObject({ status: 200, body: '{"ok":true}' });
    expect(healthz.headers["content-type"]).toBe("application/json");
  });

  it("answers 404 for an unknown path and 405 for a known path with another method", async () => {
    const { port } = await start([echo]);
    expect((await send(port, "GET", "/nowhere")).status).toBe(404);
    expect((await send(port, "GET", "/echo/")).status).toBe(404);
    const wrongMethod = await send(port, "GET", "/echo");
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe("POST");
  });

  it("refuses a body over the route's cap (64 KiB unless it says) with 413 and accepts one just under", async () => {
    const { port } = await start([echo, { ...echo, path: "/small", maxBodyBytes: 100 }]);
    expect(DEFAULT_MAX_BODY_BYTES).toBe(64 * 1024);
    expect((await send(port, "POST", "/echo", Buffer.alloc(DEFAULT_MAX_BODY_BYTES + 1, 97))).status).toBe(413);
    expect((await send(port, "POST", "/echo", Buffer.alloc(DEFAULT_MAX_BODY_BYTES - 10, 97))).status).toBe(200);
    expect((await send(port, "POST", "/small", Buffer.alloc(101, 97))).status).toBe(413);
    expect((await send(port, "POST", "/small", Buffer.alloc(100, 97))).status).toBe(200);
  });

  it("refuses a request whose headers fail the route's check before reading its body, and closes the connection", async () => {
    let handled = 0;
    const guarded: HttpRoute = {
      method: "POST",
      path: "/hook",
      authorize: (headers) => headers["x-secret"] === "right",
      handle: async (req) => {
        handled += 1;
        return { status: 200, body: String(req.body.length) };
      },
    };
    const { port } = await start([guarded]);
    // Headers promise 60 KiB, and not a byte of it is sent: the answer must not wait for the body.
    const raw = await rawExchange(port, "POST /hook HTTP/1.1\r\nHost: x\r\nX-Secret: wrong\r\nContent-Length: 61440\r\n\r\n");
    expect(raw.text).toMatch(/^HTTP\/1\.1 401/);
    expect(raw.text.toLowerCase()).toContain("connection: close");
    expect(raw.closedByServer).toBe(true);
    expect(handled).toBe(0);
    const right = await new Promise<number>((resolve, reject) => {
      const req = request({ port, method: "POST", path: "/hook", host: "127.0.0.1", headers: { "x-secret": "right" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end("hello");
    });
    expect(right).toBe(200);
    expect(handled).toBe(1);
  });

  it("cuts a request whose body trickles in for longer than the request timeout", async () => {
    const { port } = await start([echo], { requestTimeoutMs: 1_500, headersTimeoutMs: 1_000 });
    const started = performance.now();
    const raw = await rawExchange(port, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n", {
      trickleEveryMs: 200,
      giveUpAfterMs: 10_000,
    });
    expect(raw.text).toMatch(/^HTTP\/1\.1 408/);
    expect(raw.closedByServer).toBe(true);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("caps the connections open at once", async () => {
    const { port } = await start([health], { maxConnections: 2 });
    const held = await Promise.all([openSocket(port), openSocket(port)]);
    // A third connection is accepted by the kernel and closed at once by the server.
    const third = await rawExchange(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    expect(third.text).toBe("");
    expect(third.closedByServer).toBe(true);
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await send(port, "GET", "/healthz")).status).toBe(200);
  });

  it("refuses an oversized chunked body that declares no length", async () => {
    const { port } = await start([echo]);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ port, method: "POST", path: "/echo", host: "127.0.0.1" }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      const chunk = Buffer.alloc(64 * 1024, 98);
      for (let i = 0; i < 17; i++) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
  });

  it("answers 500 when a handler throws, and keeps serving", async () => {
    const { port } = await start([broken, health]);
    expect((await send(port, "GET", "/broken")).status).toBe(500);
    expect((await send(port, "GET", "/healthz")).status).toBe(200);
  });

  it("on close, finishes the request in flight and then stops accepting", async () => {
    let letItFinish!: () => void;
    let started!: () => void;
    const inHandler = new Promise<void>((resolve) => {
      started = resolve;
    });
    const slow: HttpRoute = {
      method: "GET",
      path: "/slow",
      handle: async () => {
        started();
        await new Promise<void>((resolve) => {
          letItFinish = resolve;
        });
        return { status: 200, body: "done" };
      },
    };
    const server = await startHttpServer({ port: 0, host: "127.0.0.1", routes: [slow], logger });
    const inFlight = send(server.port, "GET", "/slow");
    await inHandler;

    let closed = false;
    const closing = server.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(false);
    await expect(send(server.port, "GET", "/slow")).rejects.toThrow(/ECONNREFUSED/);

    letItFinish();
    expect(await inFlight).toMatchObject({ status: 200, body: "done" });
    await closing;
    expect(closed).toBe(true);
  });
});
