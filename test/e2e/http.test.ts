/**
 * The bot's HTTP side: Telegram in webhook mode (secret header, durable acceptance, de-duplication
 * by update_id), VK's Callback API checks, and /healthz. Updates are POSTed here by hand: the
 * emulator's own webhook push carries no secret header. Replies still go to the emulator.
 */
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { idSequence, ru } from "../support/journeys.ts";
import { useTestStack } from "../support/stack.ts";
import type { TelegramTestUser } from "../support/telegram.ts";

const stack = useTestStack({ telegramWebhook: true });

const nextId = idSequence(70_000);
let nextUpdateId = 500_000;
let nextMessageId = 1;

/** A Telegram user who reaches the bot through its webhook, reading replies from the emulator. */
class WebhookUser {
  readonly inbox: TelegramTestUser;

  constructor(readonly userId: number) {
    this.inbox = stack.telegramUser(userId, "Вера");
  }

  private get from() {
    return { id: this.userId, is_bot: false, first_name: "Вера" };
  }

  text(text: string): Record<string, unknown> {
    const command = /^\/\w+/.exec(text)?.[0];
    return {
      update_id: nextUpdateId++,
      message: {
        message_id: nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: this.userId, type: "private", first_name: "Вера" },
        from: this.from,
        text,
        ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command.length }] } : {}),
      },
    };
  }

  press(data: string, messageId: number): Record<string, unknown> {
    return {
      update_id: nextUpdateId++,
      callback_query: {
        id: String(nextUpdateId),
        from: this.from,
        chat_instance: "1",
        data,
        message: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: this.userId, type: "private" }, text: "…" },
      },
    };
  }
}

/** POSTs an update to the webhook; `secret: null` sends no secret header. */
async function post(update: Record<string, unknown> | string, secret: string | null = stack.telegramWebhook!.secret) {
  const response = await fetch(stack.telegramWebhook!.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret === null ? {} : { "X-Telegram-Bot-Api-Secret-Token": secret }) },
    body: typeof update === "string" ? update : JSON.stringify(update),
  });
  return { status: response.status, body: await response.text() };
}

async function inboxRows(updateId: unknown) {
  return stack.database.db
    .selectFrom("inbox")
    .select(["update_key", "processed_at"])
    .where("update_key", "=", `telegram:${String(updateId)}`)
    .execute();
}

describe("Telegram in webhook mode", () => {
  it("refuses a missing or wrong secret with 401 and keeps nothing", async () => {
    const user = new WebhookUser(nextId());
    const update = user.text("/start");
    expect((await post(update, null)).status).toBe(401);
    expect((await post(update, "not-the-secret-at-all")).status).toBe(401);
    expect((await post(update, `${stack.telegramWebhook!.secret}x`)).status).toBe(401);
    await stack.settle();
    expect(await inboxRows(update.update_id)).toEqual([]);
    expect(user.inbox.messages()).toEqual([]);
    expect((await post("{not json")).status).toBe(400);
  });

  it("refuses a wrong secret on the headers alone, without waiting for the body it announces", async () => {
    const url = new URL(stack.telegramWebhook!.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const socket = connect({ host: url.hostname, port: Number(url.port) }, () =>
        socket.write(
          `POST ${url.pathname} HTTP/1.1\r\nHost: x\r\nX-Telegram-Bot-Api-Secret-Token: wrong-secret-0123456789\r\nContent-Length: 60000\r\n\r\n`,
        ),
      );
      const giveUp = setTimeout(() => socket.destroy(), 5_000);
      socket.on("data", (chunk: Buffer) => chunks.push(chunk));
      socket.on("error", reject);
      socket.on("close", () => {
        clearTimeout(giveUp);
        resolve(Buffer.concat(chunks).toString("utf8"));
      });
    });
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
  });

  it("refuses an update body over 64 KiB with 413", async () => {
    const user = new WebhookUser(nextId());
    expect((await post(user.text("а".repeat(40_000)))).status).toBe(413);
    await stack.settle();
    expect(user.inbox.messages()).toEqual([]);
  });

  it("has the update stored when it answers 200, and handles a repeated update_id once", async () => {
    const user = new WebhookUser(nextId());
    const update = user.text("/start");
    expect(await post(update)).toEqual({ status: 200, body: "ok" });
    expect(await inboxRows(update.update_id)).toHaveLength(1);
    expect(await post(update)).toEqual({ status: 200, body: "ok" });
    await user.inbox.waitFor(ru("welcome-new"));
    await stack.settle();
    expect(user.inbox.messages().filter((m) => m.text.includes(ru("welcome-new")))).toHaveLength(1);
    const rows = await inboxRows(update.update_id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.processed_at).not.toBeNull();
  });

  it("a coordinator registers and gets the invite links entirely through the webhook", async () => {
    const { orgId, payload } = await stack.createOrganisation("Гимназия на вебхуке");
    const user = new WebhookUser(nextId());
    expect((await post(user.text(`/start ${payload}`))).status).toBe(200);
    await user.inbox.waitFor(ru("register-coordinator-name"));
    expect((await post(user.text("Вера Павловна Зимина"))).status).toBe(200);
    await user.inbox.waitFor(ru("register-coordinator-done", { name: "Вера Павловна Зимина", org: "Гимназия на вебхуке" }));
    const menu = await user.inbox.waitFor(ru("menu-title", { name: "Вера Павловна Зимина" }));
    expect(menu.buttons.flat().map((b) => b.label)).toContain(ru("button-invite-links"));
    const button = menu.buttons.flat().find((b) => b.label === ru("button-invite-links"))!;
    const press = user.press(button.data!, menu.messageId);
    expect((await post(press)).status).toBe(200);
    expect((await post(press)).status).toBe(200); // Telegram repeats it: still one set of links
    await user.inbox.waitFor(ru("invite-links-mentee", { org: "Гимназия на вебхуке" }));
    await user.inbox.waitFor(ru("invite-links-note"));
    await stack.settle();
    const invites = await stack.database.db.selectFrom("invites").select("purpose").where("org_id", "=", orgId).execute();
    expect(invites.map((invite) => invite.purpose).sort()).toEqual(["coordinator", "mentee", "mentor"]);
    const coordinators = await stack.database.db
      .selectFrom("participants")
      .select(["role", "status"])
      .where("org_id", "=", orgId)
      .execute();
    expect(coordinators).toEqual([{ role: "coordinator", status: "active" }]);
  });
});

describe("VK Callback API", () => {
  const callback = (body: object) =>
    fetch(`${stack.baseUrl}/vk/callback`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }).then(async (response) => ({
      status: response.status,
      body: await response.text(),
    }));

  it("answers the confirmation with the code, refuses a wrong secret, and handles a re-sent event once", async () => {
    expect(await callback({ type: "confirmation", group_id: stack.vkApi.groupId, secret: "test-callback-secret" })).toEqual({
      status: 200,
      body: "confirm-me",
    });
    const user = stack.vkUser(nextId());
    const update = user.textUpdate("/help");
    expect((await callback({ ...update, secret: "wrong" })).status).toBe(403);
    expect((await callback({ ...update, group_id: 1 })).status).toBe(403);
    expect(await user.deliver(update)).toEqual({ status: 200, body: "ok" });
    expect(await user.deliver(update)).toEqual({ status: 200, body: "ok" });
    await user.waitFor(ru("help-text"));
    await stack.settle();
    expect(user.messages().filter((m) => m.message.includes(ru("help-text")))).toHaveLength(1);
  });
});

describe("GET /healthz", () => {
  it("answers 200 with the database checked", async () => {
    const response = await fetch(`${stack.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ok: boolean; checks: { database: boolean; redis: boolean | string } };
    expect(body).toMatchObject({ ok: true, checks: { database: true } });
    expect(body.checks.redis).toBe(process.env.REDIS_URL ? true : "not configured");
  });
});
