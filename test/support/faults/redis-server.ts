/**
 * A redis-server of the test's own, on a free port of 127.0.0.1, that the test may stop and start
 * again (the shared one of REDIS_URL must never be restarted under other test files).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../telegram.ts";

/** Where Debian's redis-server package puts the binary; `.ci/run` installs it. */
export const REDIS_SERVER_BINARY = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"].find((path) => existsSync(path));

export interface OwnRedisServer {
  url: string;
  port: number;
  /** Stops the server as `docker compose restart` would (SIGTERM: an append-only file is flushed first). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data directory (nothing when it runs). */
  start(): Promise<void>;
  /** Deletes what the stopped server persisted: its next start is a restart without persistence. */
  forget(): Promise<void>;
  /** Stops it for good and removes its data directory. */
  dispose(): Promise<void>;
}

/**
 * Starts redis-server; `appendOnly` persists every write as compose.yaml's Redis does, otherwise
 * nothing survives a restart (the shared test server's settings; `forget()` has the same effect).
 */
export async function startOwnRedisServer(options: { appendOnly: boolean }): Promise<OwnRedisServer> {
  if (!REDIS_SERVER_BINARY) throw new Error("redis-server is not installed");
  const binary = REDIS_SERVER_BINARY;
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), "nastavnik-redis-"));
  let child: ChildProcess | undefined;

  const start = async () => {
    if (child) return;
    const args = [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--dir",
      dir,
      "--save",
      "",
      "--appendonly",
      options.appendOnly ? "yes" : "no",
    ];
    const started = spawn(binary, args, { stdio: "ignore", env: withRealClock(process.env) });
    child = started;
    const deadline = Date.now() + 10_000;
    while (!(await answersPing(port))) {
      if (started.exitCode !== null) throw new Error(`redis-server exited with code ${started.exitCode}`);
      if (Date.now() > deadline) throw new Error("redis-server did not answer within 10 s");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGTERM");
    await exited;
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    async forget() {
      if (child) throw new Error("stop redis-server before forgetting its data");
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
    },
    async dispose() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** True when something on the port answers PING with PONG. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(500, () => done(false));
    socket.once("error", () => done(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => done(data.toString().startsWith("+PONG")));
  });
}

/**
 * The environment without libfaketime (scripts/test-at.sh preloads it into the tests): a server is a
 * separate process on the machine's clock, as the shared PostgreSQL and Redis are.
 */
function withRealClock(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { LD_PRELOAD, FAKETIME, FAKETIME_DONT_FAKE_MONOTONIC, ...rest } = env;
  const preload = LD_PRELOAD?.split(":").filter((library) => !library.includes("libfaketime"));
  return preload && preload.length > 0 ? { ...rest, LD_PRELOAD: preload.join(":") } : rest;
}
