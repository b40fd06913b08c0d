import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import type { UserFromGetMe } from "grammy/types";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userFilesDownloaded } from "../../src/devtools/emulated-user-files.ts";
import type { HttpRoute } from "../../src/http/route.ts";
import type { Incoming, UpdateSink } from "../../src/messaging/messenger.ts";
import { createTelegramAdapter, type TelegramAdapter } from "../../src/messengers/telegram/adapter.ts";
import { samplePng } from "../support/png.ts";
import { type RunningTelegramServer, startTelegramServer, TelegramTestUser } from "../support/telegram.ts";

/** Records what the adapter hands over and answers like a tiny echo bot through `adapter.send`. */
class EchoSink implements UpdateSink {
  readonly received: Incoming[] = [];
  adapter?: TelegramAdapter;
  failures = 0;
  acceptDelayMs = 0;
  started = 0;

  async accept(incoming: Incoming): Promise<"accepted"> {
    this.started++;
    if (this.acceptDelayMs > 0) await sleep(this.acceptDelayMs);
    if (this.failures > 0) {
      this.failures--;
      throw new Error("storage is down");
    }
    this.received.push(incoming);
    void this.echo(incoming);
    return "accepted";
  }

  last(): Incoming {
    const incoming = this.received.at(-1);
    if (!incoming) throw new Error("nothing received");
    return incoming;
  }

  private async echo({ chatId, event }: Incoming): Promise<void> {
    const to = { chatId };
    switch (event.kind) {
      case "text":
        await this.adapter?.send(to, { text: `text: ${event.text}` });
        return;
      case "command":
        if (event.command === "menu") {
          await this.adapter?.send(to, {
            text: "Что выберем?",
            buttons: [
              [
                { label: "Да", payload: "answer:yes" },
                { label: "Нет", payload: "answer:no" },
              ],
              [{ label: "Сайт", url: "https://example.org/" }],
            ],
          });
          return;
        }
        await this.adapter?.send(to, { text: `command: ${event.command} [${event.args}]` });
        return;
      case "button":
        await this.adapter?.send(to, { text: `button: ${event.payload}` });
        return;
      case "media":
        await this.adapter?.send(to, { text: `media: ${event.media.type}` });
        return;
      case "unsupported":
        await this.adapter?.send(to, { text: `unsupported: ${event.what}` });
        return;
    }
  }
}

interface ApiCall {
  method: string;
  body: string;
}

/** Stands between the adapter and the emulator: records calls and can answer a method itself. */
interface ApiProxy {
  apiRoot: string;
  calls: ApiCall[];
  /** Answers `method` itself; with `after`/`times`, only from its `after + 1`-th call on and `times` times. */
  answer(method: string, status: number, body: unknown, limits?: { after?: number; times?: number }): void;
  forward(method: string): void;
  close(): Promise<void>;
}

async function startApiProxy(target: string): Promise<ApiProxy> {
  const calls: ApiCall[] = [];
  const answers = new Map<string, { status: number; body: unknown; after: number; times: number }>();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const method = (req.url ?? "").split("?")[0]?.split("/").pop() ?? "";
    if (method !== "getUpdates") calls.push({ method, body: body.toString("latin1") });
    const canned = answers.get(method);
    if (canned && canned.after > 0) canned.after -= 1;
    else if (canned && canned.times > 0) {
      canned.times -= 1;
      res.writeHead(canned.status, { "content-type": "application/json" }).end(JSON.stringify(canned.body));
      return;
    }
    try {
      const upstream = await fetch(target + req.url, {
        method: req.method ?? "POST",
        headers: { "content-type": req.headers["content-type"] ?? "application/json" },
        ...(req.method === "GET" ? {} : { body }),
      });
      res.writeHead(upstream.status, { "content-type": "application/json" });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    } catch {
      res.writeHead(502).end();
    }
  });
  const url = await listen(server);
  return {
    apiRoot: url,
    calls,
    answer: (method, status, body, limits) =>
      answers.set(method, { status, body, after: limits?.after ?? 0, times: limits?.times ?? Infinity }),
    forward: (method) => answers.delete(method),
    close: () => close(server),
  };
}

/** The bit of the app's HTTP server the adapter needs: dispatch to its routes. */
async function serveRoutes(routes: HttpRoute[]): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const route = routes.find((r) => r.method === req.method && r.path === req.url);
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    // As the bot's server does: the route's header check comes before its handler.
    if (route.authorize && !route.authorize(req.headers)) {
      res.writeHead(401).end();
      return;
    }
    const answer = await route.handle({
      method: req.method ?? "",
      path: req.url ?? "",
      headers: req.headers,
      body: Buffer.concat(chunks),
    });
    res.writeHead(answer.status, answer.headers).end(answer.body);
  });
  const url = await listen(server);
  return { url, close: () => close(server) };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

function capturingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString("utf8")) as { level: number; msg: string });
      done();
    },
  });
  return { logger: pino({ level: "debug" }, stream), lines };
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(20);
  }
}

describe("Telegram adapter, long polling", () => {
  let telegram: RunningTelegramServer;
  let proxy: ApiProxy;
  let adapter: TelegramAdapter;
  let sink: EchoSink;
  let log: ReturnType<typeof capturingLogger>;
  let masha: TelegramTestUser;

  beforeAll(async () => {
    telegram = await startTelegramServer();
    proxy = await startApiProxy(telegram.apiRoot);
    sink = new EchoSink();
    log = capturingLogger();
    adapter = createTelegramAdapter({
      token: telegram.token,
      apiRoot: proxy.apiRoot,
      sink,
      logger: log.logger,
      commandMenus: [
        { commands: [{ command: "menu", description: "Главное меню" }] },
        { languageCode: "en", commands: [{ command: "menu", description: "Main menu" }] },
      ],
    });
    sink.adapter = adapter;
    await adapter.start();
    masha = new TelegramTestUser(telegram.server, telegram.token, { userId: 1001, firstName: "Маша", languageCode: "ru" });
  });

  afterAll(async () => {
    await adapter?.stop();
    await proxy?.close();
    await telegram?.stop();
  });

  it("starts although the emulator refuses setMyCommands, and learns its username from getMe", () => {
    const menus = proxy.calls.filter((c) => c.method === "setMyCommands");
    expect(menus).toHaveLength(2);
    expect(menus[1]?.body).toContain('"language_code":"en"');
    expect(log.lines.filter((l) => l.msg === "setMyCommands failed" && l.level === 40)).toHaveLength(2);
    expect(adapter.username).toBe("TestNameBot");
    expect(adapter.routes).toEqual([]);
    expect(adapter.startLink("inv_42")).toBe("https://t.me/TestNameBot?start=inv_42");
  });

  it("hands a text over as a text event with the sender's details", async () => {
    await masha.send("Привет!");
    await masha.waitFor("text: Привет!");
    const incoming = sink.last();
    expect(incoming).toMatchObject({
      platform: "telegram",
      chatId: "1001",
      userId: "1001",
      firstName: "Маша",
      languageCode: "ru",
      event: { kind: "text", text: "Привет!" },
    });
    expect(incoming.updateKey).toMatch(/^telegram:\d+$/);
    expect(Math.abs(Date.parse(incoming.sentAt) - Date.now())).toBeLessThan(10_000);
  });

  it("hands a command over with its start payload, with or without the bot's name", async () => {
    await masha.send("/start inv_42");
    await masha.waitFor("command: start [inv_42]");
    expect(sink.last().event).toEqual({ kind: "command", command: "start", args: "inv_42" });

    await masha.send("/help@TestNameBot");
    await masha.waitFor("command: help []");
    expect(sink.last().event).toEqual({ kind: "command", command: "help", args: "" });
  });

  it("renders buttons as an inline keyboard, and a press comes back as its payload with the spinner stopped", async () => {
    await masha.send("/menu");
    await masha.waitFor("Что выберем?");
    expect(masha.lastButtons()).toEqual([
      [
        { label: "Да", data: "answer:yes" },
        { label: "Нет", data: "answer:no" },
      ],
      [{ label: "Сайт", url: "https://example.org/" }],
    ]);

    await masha.press("Да");
    await masha.waitFor("button: answer:yes");
    expect(sink.last()).toMatchObject({ chatId: "1001", userId: "1001", event: { kind: "button", payload: "answer:yes" } });
    // The runtime answers the press (here: by hand), with a toast when its button is stale.
    const event = sink.last().event;
    await adapter.answerPress({ chatId: "1001" }, event.kind === "button" ? event.answerId! : "", "Эта кнопка устарела.");
    await until(() => proxy.calls.some((c) => c.method === "answerCallbackQuery"));
    expect(masha.toasts()).toEqual(["Эта кнопка устарела."]);
  });

  it("says a sticker is unsupported", async () => {
    await masha.sendSticker();
    await masha.waitFor("unsupported: sticker");
    expect(sink.last().event).toEqual({ kind: "unsupported", what: "sticker" });
  });

  it("hands over a photo (its largest size) and a file with their captions, and fetches them within a limit", async () => {
    const picture = Buffer.from(samplePng(32, 24));
    await masha.sendPhoto(picture, "Моя схема");
    await masha.waitFor("media: photo");
    const photo = sink.last().event;
    expect(photo).toMatchObject({ kind: "media", caption: "Моя схема", media: { type: "photo", size: picture.length } });
    if (photo.kind !== "media") throw new Error("not media");
    const fetched = await adapter.download(photo.media, 1024 * 1024);
    expect(fetched.ok && Buffer.from(fetched.content).equals(picture)).toBe(true);
    // Over the limit by the size the update told, or (untold) by getFile's: nothing is fetched.
    expect(await adapter.download(photo.media, picture.length - 1)).toEqual({ ok: false, reason: "too-large" });
    const { size: _size, ...untold } = photo.media;
    expect(await adapter.download(untold, picture.length - 1)).toEqual({ ok: false, reason: "too-large" });
    expect(userFilesDownloaded(telegram.server)).toHaveLength(1);

    await masha.sendDocument("отчёт.pdf", Buffer.from("%PDF-1.7 report"));
    await masha.waitFor("media: document");
    expect(sink.last().event).toEqual({
      kind: "media",
      media: { type: "document", ref: expect.any(String), filename: "отчёт.pdf", mimeType: "application/pdf", size: 15 },
    });
    // A voice message is still something the bot does not read.
    await masha.sendVoice();
    await masha.waitFor("unsupported: voice");
  });

  it("ignores group chats", async () => {
    const group = telegram.server.getClient(telegram.token, { userId: 1001, chatId: -100500, type: "group", chatTitle: "Класс" });
    await group.sendMessage(group.makeMessage("всем привет"));
    await masha.send("после группы");
    await masha.waitFor("text: после группы");
    expect(sink.received.map((i) => i.chatId)).not.toContain("-100500");
  });

  it("keeps offering an update to the sink until it is stored", async () => {
    sink.failures = 1;
    await masha.send("не потеряйся");
    await masha.waitFor("text: не потеряйся");
    expect(log.lines.some((l) => l.msg === "storing an update failed")).toBe(true);
  });

  it("splits a 5,000-character text at a paragraph and puts the buttons on the last part", async () => {
    const paragraph = "Ты молодец, продолжай в том же духе. ".repeat(25).trim(); // ~900 characters
    const text = Array.from({ length: 6 }, () => paragraph)
      .join("\n\n")
      .slice(0, 5000);
    const before = masha.messages().length;

    const result = await adapter.send({ chatId: "1001" }, { text, buttons: [[{ label: "Дальше", payload: "next" }]] });

    expect(result).toMatchObject({ ok: true });
    const parts = masha.messages().slice(before);
    expect(parts).toHaveLength(2);
    expect(parts.every((p) => p.text.length <= 4096)).toBe(true);
    expect(parts[0]?.text.endsWith(paragraph)).toBe(true);
    expect(parts[0]?.buttons).toEqual([]);
    expect(parts[1]?.buttons).toEqual([[{ label: "Дальше", data: "next" }]]);
    expect(parts.map((p) => p.text).join("\n\n")).toBe(text);
  });

  it("rejects callback data over 64 bytes before sending anything", async () => {
    const payload = `answer:${"ж".repeat(30)}`; // 37 characters, 67 bytes
    const before = masha.messages().length;
    await expect(adapter.send({ chatId: "1001" }, { text: "Выбери", buttons: [[{ label: "Ж", payload }]] })).rejects.toThrow(/64/);
    expect(masha.messages()).toHaveLength(before);
  });

  it("reports a user who blocked the bot as blocked, and a long rate limit as a failure with its wait", async () => {
    proxy.answer("sendMessage", 403, { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" });
    expect(await adapter.send({ chatId: "1001" }, { text: "Ты тут?" })).toEqual({ ok: false, reason: "blocked" });

    proxy.answer("sendMessage", 429, {
      ok: false,
      error_code: 429,
      description: "Too Many Requests: retry after 120",
      parameters: { retry_after: 120 },
    });
    expect(await adapter.send({ chatId: "1001" }, { text: "Ты тут?" })).toMatchObject({
      ok: false,
      reason: "failed",
      retryAfterMs: 120_000,
    });
    proxy.forward("sendMessage");
  });

  it("hands a rate limit on a queued message's first part back at once, but waits it out once a message has begun", async () => {
    const tooMany = (seconds: number) => ({
      ok: false,
      error_code: 429,
      description: `Too Many Requests: retry after ${seconds}`,
      parameters: { retry_after: seconds },
    });
    proxy.answer("sendMessage", 429, tooMany(2), { times: 1 });
    const started = Date.now();
    expect(await adapter.send({ chatId: "1001" }, { text: "Напоминание" }, { queued: true })).toMatchObject({
      ok: false,
      reason: "failed",
      retryAfterMs: 2_000,
    });
    expect(Date.now() - started).toBeLessThan(1_000);

    // Two parts: the second meets the limit after the first went out, so it is sent after the wait.
    const paragraph = "Очень длинное объявление для всех. ".repeat(70).trim();
    const text = `${paragraph}\n\n${paragraph}`;
    const before = masha.messages().length;
    proxy.answer("sendMessage", 429, tooMany(1), { after: 1, times: 1 });
    expect(await adapter.send({ chatId: "1001" }, { text }, { queued: true })).toMatchObject({ ok: true });
    proxy.forward("sendMessage");
    await until(() => masha.messages().length === before + 2);
    expect(
      masha
        .messages()
        .slice(before)
        .map((m) => m.text)
        .join("\n\n"),
    ).toBe(text);
  });

  it("sends a document with the text as its caption, or the long text first", async () => {
    const document = { filename: "plan.csv", mimeType: "text/csv", content: new TextEncoder().encode("week;goal\n1;read\n") };
    // A refused upload is a failure, not an exception.
    proxy.answer("sendDocument", 400, { ok: false, error_code: 400, description: "Bad Request: file must be non-empty" });
    expect(await adapter.send({ chatId: "1001" }, { text: "Твой план", document })).toMatchObject({ ok: false, reason: "failed" });

    proxy.answer("sendDocument", 200, { ok: true, result: { message_id: 1, date: 0, chat: { id: 1001, type: "private" } } });
    expect(await adapter.send({ chatId: "1001" }, { text: "Твой план", document })).toMatchObject({ ok: true });
    const captioned = proxy.calls.findLast((c) => c.method === "sendDocument");
    expect(captioned?.body).toContain("plan.csv");
    expect(captioned?.body).toContain("week;goal");
    expect(captioned?.body).toContain("caption");

    const longText = "Подробности. ".repeat(100);
    const before = masha.messages().length;
    expect(await adapter.send({ chatId: "1001" }, { text: longText, document })).toMatchObject({ ok: true });
    expect(
      masha
        .messages()
        .slice(before)
        .map((m) => m.text),
    ).toEqual([longText]);
    expect(proxy.calls.findLast((c) => c.method === "sendDocument")?.body).not.toContain("caption");
    proxy.forward("sendDocument");
  });

  it("sends a picture as a photo with the text as its caption and the keyboard, or the long text first", async () => {
    const image = { filename: "chart.png", content: samplePng() };
    const buttons = [[{ label: "Меню", payload: "1:a:menu" }]];
    let before = masha.messages().length;
    expect(await adapter.send({ chatId: "1001" }, { text: "Неделя в цифрах", buttons, image })).toMatchObject({ ok: true });
    const [photo, ...rest] = masha.messages().slice(before);
    expect(rest).toEqual([]);
    expect(photo).toMatchObject({ caption: "Неделя в цифрах", buttons: [[{ label: "Меню", data: "1:a:menu" }]] });
    expect(photo!.photo).toEqual(Buffer.from(image.content));
    expect(proxy.calls.findLast((c) => c.method === "sendPhoto")?.body).toContain("caption");

    const longText = "Подробности. ".repeat(100);
    before = masha.messages().length;
    expect(await adapter.send({ chatId: "1001" }, { text: longText, buttons, image })).toMatchObject({ ok: true });
    const parts = masha.messages().slice(before);
    expect(parts.map((m) => [m.text, m.caption, Boolean(m.photo), m.buttons.length])).toEqual([
      [longText, undefined, false, 0],
      ["", undefined, true, 1],
    ]);
    expect(proxy.calls.findLast((c) => c.method === "sendPhoto")?.body).not.toContain("caption");
  });

  it("shows the upload indicator of a file or a photo, and a refused one costs nothing but a log line", async () => {
    await adapter.showActivity({ chatId: "1001" }, "uploading-document");
    await adapter.showActivity({ chatId: "1001" }, "uploading-photo");
    const lastMessage = masha.messages().at(-1)!.messageId;
    expect(masha.activities().slice(-2)).toEqual([
      { action: "upload_document", afterMessageId: lastMessage },
      { action: "upload_photo", afterMessageId: lastMessage },
    ]);
    proxy.answer(
      "sendChatAction",
      403,
      { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" },
      { times: 1 },
    );
    await expect(adapter.showActivity({ chatId: "1001" }, "uploading-document")).resolves.toBeUndefined();
    expect(log.lines.some((line) => line.msg === "telegram chat action not shown")).toBe(true);
    proxy.forward("sendChatAction");
  });

  it("stops after the update being handed to the sink is stored", async () => {
    sink.acceptDelayMs = 300;
    const started = sink.started;
    await masha.send("последнее");
    await until(() => sink.started > started);
    await adapter.stop();
    expect(sink.last().event).toEqual({ kind: "text", text: "последнее" });
  });
});

describe("Telegram adapter, webhook", () => {
  const secret = "s3cret-token_for-webhook";
  const botInfo: UserFromGetMe = {
    id: 666,
    is_bot: true,
    first_name: "Наставник",
    username: "nastavnik_test_bot",
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
  let telegram: RunningTelegramServer;
  let proxy: ApiProxy;
  let adapter: TelegramAdapter;
  let sink: EchoSink;
  let http: { url: string; close(): Promise<void> };

  const update = (updateId: number, text: string) => ({
    update_id: updateId,
    message: {
      message_id: updateId,
      date: 1_767_225_600, // 2026-01-01T00:00:00Z
      chat: { id: 2002, type: "private", first_name: "Оля" },
      from: { id: 2002, is_bot: false, first_name: "Оля", language_code: "en" },
      text,
    },
  });

  const post = (body: string, headers: Record<string, string> = { "x-telegram-bot-api-secret-token": secret }) =>
    fetch(`${http.url}/telegram/webhook`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

  beforeAll(async () => {
    telegram = await startTelegramServer();
    proxy = await startApiProxy(telegram.apiRoot);
    sink = new EchoSink();
    const routes: HttpRoute[] = [];
    http = await serveRoutes(routes);
    adapter = createTelegramAdapter({
      token: telegram.token,
      apiRoot: proxy.apiRoot,
      webhook: { url: `${http.url}/telegram/webhook`, secret },
      sink,
      logger: pino({ level: "silent" }),
      botInfo,
    });
    routes.push(...adapter.routes);
    sink.adapter = adapter;
    await adapter.start();
  });

  afterAll(async () => {
    await adapter?.stop();
    await http?.close();
    await proxy?.close();
    await telegram?.stop();
  });

  it("registers the webhook with its secret and skips getMe when the bot is known", () => {
    expect(adapter.routes.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /telegram/webhook"]);
    const setWebhook = proxy.calls.find((c) => c.method === "setWebhook");
    expect(setWebhook?.body).toContain(`"secret_token":"${secret}"`);
    expect(setWebhook?.body).toContain('"allowed_updates":["message","callback_query"]');
    expect(proxy.calls.some((c) => c.method === "getMe")).toBe(false);
    expect(adapter.startLink("abc")).toBe("https://t.me/nastavnik_test_bot?start=abc");
  });

  it("refuses a missing or wrong secret without accepting anything", async () => {
    const body = JSON.stringify(update(1, "взлом"));
    expect((await post(body, {})).status).toBe(401);
    expect((await post(body, { "x-telegram-bot-api-secret-token": "wrong" })).status).toBe(401);
    expect((await post(body, { "x-telegram-bot-api-secret-token": secret.replace("s", "S") })).status).toBe(401);
    expect(sink.received).toEqual([]);
  });

  it("refuses a body that is not JSON", async () => {
    expect((await post("{not json")).status).toBe(400);
    expect(sink.received).toEqual([]);
  });

  it("answers 200 once the update is accepted, and passes a re-sent update on with the same key", async () => {
    const body = JSON.stringify(update(77, "Hello"));
    expect((await post(body)).status).toBe(200);
    expect(sink.received).toHaveLength(1);
    expect(sink.last()).toMatchObject({
      updateKey: "telegram:77",
      chatId: "2002",
      userId: "2002",
      firstName: "Оля",
      languageCode: "en",
      sentAt: "2026-01-01T00:00:00.000Z",
      event: { kind: "text", text: "Hello" },
    });

    expect((await post(body)).status).toBe(200);
    expect(sink.received.map((i) => i.updateKey)).toEqual(["telegram:77", "telegram:77"]);
  });

  it("answers 500 when the sink cannot store the update, so Telegram sends it again", async () => {
    sink.failures = 1;
    const before = sink.received.length;
    expect((await post(JSON.stringify(update(78, "later")))).status).toBe(500);
    expect(sink.received).toHaveLength(before);
  });
});
