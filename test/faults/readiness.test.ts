/**
 * The probes under faults, on the whole stack: /readyz turns 503 while PostgreSQL is cut (a TCP proxy
 * between the app and the server, as in postgres-outage.test.ts) and 200 again once it is back, while
 * /livez stays 200 throughout, so an orchestrator takes the replica out of rotation without restarting
 * it. Redis away (also cut by a proxy) leaves /readyz 200 with `"degraded": ["redis"]`: the bot serves on
 * without it, and a restart would not help.
 *
 * The PostgreSQL part needs a real server (DATABASE_URL), the Redis part a Redis (REDIS_URL).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTcpProxy, type TcpProxy } from "../support/faults/tcp-proxy.ts";
import { waitUntil } from "../support/faults/waiting.ts";
import { type TestStack, useTestStack } from "../support/stack.ts";

const status = async (stack: TestStack, path: string) => (await fetch(`${stack.baseUrl}${path}`)).status;
const readiness = async (stack: TestStack) => (await (await fetch(`${stack.baseUrl}/readyz`)).json()) as Record<string, unknown>;

/** Routes `variable`'s URL through a TCP proxy for the block's stack; the proxy is returned once it runs. */
function throughProxy(variable: "DATABASE_URL" | "REDIS_URL", defaultPort: number): () => TcpProxy {
  const original = process.env[variable];
  let proxy: TcpProxy | undefined;
  beforeAll(async () => {
    const url = new URL(original!);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || defaultPort) });
    url.host = `127.0.0.1:${proxy.port}`;
    process.env[variable] = url.toString();
  });
  afterAll(async () => {
    process.env[variable] = original;
    await proxy?.close();
  });
  return () => proxy!;
}

const databaseUrl = process.env.DATABASE_URL;
describe.skipIf(!databaseUrl)(`/readyz and /livez while PostgreSQL is cut${databaseUrl ? "" : " (skipped: set DATABASE_URL)"}`, () => {
  const proxy = throughProxy("DATABASE_URL", 5432);
  const stack = useTestStack();
  // Before the stack stops (it drops its database through the proxy), even after a failed test.
  afterAll(() => proxy().restore());

  it("turns 503 while the database is away and 200 once it is back; /livez answers 200 throughout", async () => {
    expect(await status(stack, "/readyz")).toBe(200);
    expect(await readiness(stack)).toMatchObject({
      ready: true,
      started: true,
      degraded: [],
      checks: { database: true, migrations: true, platforms: { telegram: "connected", vk: "connected", max: "connected" } },
    });

    proxy().cut();
    await waitUntil("/readyz says 503", async () => (await status(stack, "/readyz")) === 503, 10_000, 100);
    expect(await readiness(stack)).toMatchObject({ ready: false, checks: { database: false, migrations: false } });
    for (let probe = 0; probe < 5; probe++) {
      expect(await status(stack, "/livez")).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    proxy().restore();
    await waitUntil("/readyz says 200 again", async () => (await status(stack, "/readyz")) === 200, 20_000, 100);
    expect(await status(stack, "/livez")).toBe(200);
    expect(await readiness(stack)).toMatchObject({ ready: true, checks: { database: true, migrations: true } });
  }, 60_000);
});

const redisUrl = process.env.REDIS_URL;
describe.skipIf(!redisUrl)(`/readyz while Redis is away${redisUrl ? "" : " (skipped: set REDIS_URL)"}`, () => {
  const proxy = throughProxy("REDIS_URL", 6379);
  const stack = useTestStack();
  afterAll(() => proxy().restore());

  it("stays 200 with redis in `degraded`, and drops it once Redis is back", async () => {
    expect(await readiness(stack)).toMatchObject({ ready: true, degraded: [], checks: { redis: true } });

    proxy().cut();
    await waitUntil(
      "/readyz names redis as degraded",
      async () => {
        const answer = await readiness(stack);
        return Array.isArray(answer.degraded) && answer.degraded.includes("redis");
      },
      10_000,
      100,
    );
    const response = await fetch(`${stack.baseUrl}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ready: true, degraded: ["redis"], checks: { redis: false, database: true } });
    expect(await status(stack, "/livez")).toBe(200);

    proxy().restore();
    await waitUntil("/readyz drops redis from degraded", async () => String((await readiness(stack)).degraded) === "", 20_000, 100);
    expect(await status(stack, "/readyz")).toBe(200);
  }, 60_000);
});
