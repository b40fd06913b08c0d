import { request } from "node:http";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { HttpRoute } from "../../src/http/route.ts";
import { MAX_BODY_BYTES, startHttpServer } from "../../src/http/server.ts";

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

/** Sends a request with node:http so an oversized body can be refused mid-upload without a client error. */
function send(port: number, method: string, path: string, body?: Buffer) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ port, method, path, host: "127.0.0.1" }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), headers: res.headers }),
      );
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

  async function start(routes: HttpRoute[]) {
    const server = await startHttpServer({ port: 0, host: "127.0.0.1", routes, logger });
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

  it("refuses a body over 1 MiB with 413 and accepts one just under", async () => {
    const { port } = await start([echo]);
    expect((await send(port, "POST", "/echo", Buffer.alloc(MAX_BODY_BYTES + 1, 97))).status).toBe(413);
    expect((await send(port, "POST", "/echo", Buffer.alloc(MAX_BODY_BYTES - 10, 97))).status).toBe(200);
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
