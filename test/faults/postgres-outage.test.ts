/**
 * Fault: PostgreSQL unreachable for 10 seconds while users write. A TCP proxy stands between the app
 * and the server; cutting it breaks every connection and refuses new ones, as a database host going
 * away does. Proves: the users are told to wait (once each), every update is stored and answered
 * after the database is back, in the order it was sent, none twice, and the bot serves on.
 *
 * Only on a real server (DATABASE_URL): PGlite runs inside the process, with no connection to cut.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatUser } from "../support/chat-user.ts";
import { startTcpProxy, type TcpProxy } from "../support/faults/tcp-proxy.ts";
import { waitUntil } from "../support/faults/waiting.ts";
import { issueInvite, ru, ruChild } from "../support/journeys.ts";
import { useTestStack } from "../support/stack.ts";

const serverUrl = process.env.DATABASE_URL;
const OUTAGE_MS = 10_000;
const SKIPPED = serverUrl ? "" : " (skipped: PGlite runs inside the process, there is no connection to cut; set DATABASE_URL)";

describe.skipIf(!serverUrl)(`PostgreSQL unreachable for 10 s${SKIPPED}`, () => {
  let proxy: TcpProxy;
  beforeAll(async () => {
    const url = new URL(serverUrl!);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.host = `127.0.0.1:${proxy.port}`;
    // The stack's scratch database, and every connection of the app to it, go through the proxy.
    process.env.DATABASE_URL = url.toString();
  });
  afterAll(async () => {
    process.env.DATABASE_URL = serverUrl;
    await proxy?.close();
  });
  const stack = useTestStack();
  // Before the stack stops (it drops its database through the proxy), even after a failed test.
  afterAll(() => proxy?.restore());

  const count = (user: ChatUser, text: string) => user.messages().filter((m) => m.text.includes(text)).length;
  const health = async () => (await fetch(`${stack.baseUrl}/healthz`)).status;

  it("users are told to wait; after it comes back every message is answered once, in order", async () => {
    const { orgId } = await stack.createOrganisation("Школа № 10");
    const invite = await issueInvite(stack, orgId, "mentee");
    const telegram = stack.user("telegram", 900_201, "Гоша");
    const vk = stack.user("vk", 900_202, "Даша");
    for (const user of [telegram, vk]) {
      await user.open(invite);
      await user.waitFor(ru("register-mentee-name"));
    }
    await stack.settle();

    proxy.cut();
    const cutAt = Date.now();
    // Telegram: three answers in a row, fetched by long polling while nothing can be stored.
    await telegram.send("Гоша Усов");
    await telegram.send("18");
    await telegram.send("1 курс");
    // VK: its Callback API request waits for the update to be stored (VK would resend it otherwise).
    const vkPosted = vk.send("Даша Ким");
    await telegram.waitFor(ru("error-busy-wait"), 5_000);
    await vk.waitFor(ru("error-busy-wait"), 5_000);
    expect(await health()).toBe(503);
    expect(count(telegram, ru("register-mentee-age"))).toBe(0);

    await waitUntil("the outage has lasted 10 s", () => Date.now() - cutAt >= OUTAGE_MS, OUTAGE_MS + 1_000, 100);
    proxy.restore();
    await vkPosted;

    await telegram.waitFor(ru("register-mentee-age"), 20_000);
    await telegram.waitFor(ru("register-mentee-grade"), 10_000);
    await telegram.waitFor(ru("register-mentee-directions"), 10_000);
    await vk.waitFor(ru("register-mentee-age"), 20_000);
    await vk.send("17");
    // Даша is 17: the class question comes to her with «ты» (Гоша, 18, got it with «вы»).
    await vk.waitFor(ruChild("register-mentee-grade"));
    await waitUntil("the bot is healthy again", async () => (await health()) === 200);
    await stack.settle();

    // In the order sent, each once: the name, the age and the class each moved the form on.
    const prompts = ["register-mentee-age", "register-mentee-grade", "register-mentee-directions"];
    const promptOf = (text: string) => prompts.find((key) => text.startsWith(ru(key)));
    expect(
      telegram
        .messages()
        .map((m) => promptOf(m.text))
        .filter(Boolean),
    ).toEqual(prompts);
    for (const user of [telegram, vk]) {
      expect(count(user, ru("error-busy-wait"))).toBe(1);
      expect(count(user, ru("error-generic"))).toBe(0);
    }
    expect(count(vk, ru("register-mentee-age"))).toBe(1);
    const inbox = await stack.database.db.selectFrom("inbox").select(["update_key", "processed_at"]).execute();
    expect(inbox.filter((row) => row.processed_at === null)).toEqual([]);
    expect(new Set(inbox.map((row) => row.update_key)).size).toBe(inbox.length);
    expect(proxy.connections).toBeGreaterThan(1);
  });
});
