import http from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { HttpRoute } from "../../src/http/route.ts";
import type { Incoming, UpdateSink } from "../../src/messaging/messenger.ts";
import { createVkAdapter, type VkAdapter } from "../../src/messengers/vk/adapter.ts";
import { samplePng } from "../support/png.ts";
import { startVkApiDouble, type VkApiDouble, VkTestUser } from "../support/vk-api-double.ts";

const GROUP_ID = 228_000;
const SECRET = "callback-secret";
const CONFIRMATION_CODE = "a1b2c3d4";
const logger = pino({ level: "silent" });

/** Records what the adapter hands over and echoes texts; `/menu` answers with two buttons. */
class RecordingSink implements UpdateSink {
  readonly received: Incoming[] = [];
  readonly duplicates: string[] = [];
  failing = false;
  /** Refuses this many more updates, as a database that is away for a while would. */
  refusalsLeft = 0;
  adapter: VkAdapter | undefined;
  /** Every update offered, taken or refused. */
  readonly offered = new Set<string>();

  async accept(incoming: Incoming): Promise<"accepted" | "duplicate"> {
    this.offered.add(incoming.updateKey);
    if (this.failing) throw new Error("the database is down");
    if (this.refusalsLeft > 0) {
      this.refusalsLeft -= 1;
      throw new Error("the database is down");
    }
    if (this.received.some((earlier) => earlier.updateKey === incoming.updateKey)) {
      this.duplicates.push(incoming.updateKey);
      return "duplicate";
    }
    this.received.push(incoming);
    void this.echo(incoming);
    return "accepted";
  }

  lastFrom(userId: number): Incoming {
    const incoming = this.received.filter((received) => received.userId === String(userId)).at(-1);
    if (!incoming) throw new Error(`nothing received from ${userId}`);
    return incoming;
  }

  private async echo({ chatId, callbackButtons, event }: Incoming): Promise<void> {
    const to = { chatId, callbackButtons };
    if (event.kind === "command" && event.command === "menu") {
      await this.adapter!.send(to, {
        text: "Shall we meet?",
        buttons: [
          [
            { label: "Yes", payload: "answer:yes" },
            { label: "No", payload: "answer:no" },
          ],
        ],
      });
    } else if (event.kind === "text") {
      await this.adapter!.send(to, { text: `echo: ${event.text}` });
    }
  }
}

async function serveRoutes(routes: HttpRoute[]): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const route = routes.find((candidate) => candidate.method === request.method && candidate.path === path);
    if (!route) return void response.writeHead(404).end();
    const answer = await route.handle({
      method: request.method ?? "GET",
      path,
      headers: request.headers,
      body: Buffer.concat(chunks),
    });
    response.writeHead(answer.status, answer.headers).end(answer.body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("VK adapter over the Callback API", () => {
  let double: VkApiDouble;
  let sink: RecordingSink;
  let adapter: VkAdapter;
  let server: Awaited<ReturnType<typeof serveRoutes>>;
  let callbackUrl: string;
  let nextUserId = 1000;

  const newUser = (profile: { callbackButtons?: boolean; langId?: number } = {}) =>
    new VkTestUser(callbackUrl, { groupId: GROUP_ID, secret: SECRET }, double, { userId: nextUserId++, ...profile });

  beforeAll(async () => {
    double = await startVkApiDouble({ groupId: GROUP_ID, screenName: "nastavnik_bot" });
    sink = new RecordingSink();
    adapter = createVkAdapter({
      token: "community-token",
      groupId: GROUP_ID,
      screenName: "nastavnik_bot",
      apiBaseUrl: double.baseUrl,
      callback: { secret: SECRET, confirmationCode: CONFIRMATION_CODE },
      sink,
      logger,
    });
    sink.adapter = adapter;
    await adapter.start();
    server = await serveRoutes(adapter.routes);
    callbackUrl = `${server.url}/vk/callback`;
  });

  afterAll(async () => {
    await adapter?.stop();
    await server?.close();
    await double?.stop();
  });

  const post = async (body: string) => {
    const response = await fetch(callbackUrl, { method: "POST", body, headers: { "content-type": "application/json" } });
    return { status: response.status, body: await response.text(), type: response.headers.get("content-type") };
  };

  it("answers VK's confirmation request with the confirmation code", async () => {
    const answer = await post(JSON.stringify({ type: "confirmation", group_id: GROUP_ID, secret: SECRET }));
    expect(answer).toMatchObject({ status: 200, body: CONFIRMATION_CODE });
    expect(answer.type).toMatch(/^text\/plain/);
  });

  it("refuses events with a wrong or missing secret, another community or a broken body", async () => {
    const user = newUser();
    const { secret: _, ...withoutSecret } = user.textUpdate("hello");
    expect(await user.deliver({ ...user.textUpdate("hello"), secret: "guess" })).toEqual({ status: 403, body: "forbidden" });
    expect(await user.deliver(withoutSecret)).toEqual({ status: 403, body: "forbidden" });
    expect(await user.deliver({ ...user.textUpdate("hello"), group_id: GROUP_ID + 1 })).toEqual({
      status: 403,
      body: "forbidden",
    });
    expect((await post("{not json")).status).toBe(400);
    expect(sink.received.filter((incoming) => incoming.userId === String(user.userId))).toEqual([]);
  });

  it("turns a text into a text event with the sender, language and client abilities, and the echo arrives", async () => {
    const user = newUser();
    await user.send('see you <3 & "thanks"');
    const incoming = sink.lastFrom(user.userId);
    expect(incoming).toMatchObject({
      platform: "vk",
      chatId: String(user.userId),
      userId: String(user.userId),
      languageCode: "ru",
      callbackButtons: true,
      event: { kind: "text", text: 'see you <3 & "thanks"' },
    });
    expect(incoming.updateKey).toMatch(/^vk:[0-9a-f]{40}$/);
    expect(Date.now() - Date.parse(incoming.sentAt)).toBeLessThan(5000);
    await user.waitFor('echo: see you <3 & "thanks"');
  });

  it("turns /commands, the Start word and a vk.me ref into commands", async () => {
    const user = newUser();
    await user.send("/Help meetings now");
    expect(sink.lastFrom(user.userId).event).toEqual({ kind: "command", command: "help", args: "meetings now" });
    await user.send("Начать");
    expect(sink.lastFrom(user.userId).event).toEqual({ kind: "command", command: "start", args: "" });
    await user.open("invite_7Hq2");
    expect(sink.lastFrom(user.userId).event).toEqual({ kind: "command", command: "start", args: "invite_7Hq2" });
  });

  it("reports a sticker as something the bot cannot read", async () => {
    const user = newUser();
    await user.sendSticker();
    expect(sink.lastFrom(user.userId).event).toEqual({ kind: "unsupported", what: "sticker" });
  });

  it("hands over a photo (its largest size) and a document with the text as caption, and fetches them within a limit", async () => {
    const user = newUser();
    const picture = Buffer.from(samplePng(24, 18));
    await user.sendPhoto(picture, "Моя <схема>");
    const photo = sink.lastFrom(user.userId).event;
    expect(photo).toEqual({ kind: "media", caption: "Моя <схема>", media: { type: "photo", ref: expect.stringMatching(/x\.jpg$/) } });
    if (photo.kind !== "media") throw new Error("not media");
    const fetched = await adapter.download(photo.media, 1024 * 1024);
    expect(fetched.ok && Buffer.from(fetched.content).equals(picture)).toBe(true);
    // Refused by the Content-Length, before the body is read.
    expect(await adapter.download(photo.media, picture.length - 1)).toEqual({ ok: false, reason: "too-large" });

    await user.sendDocument("отчёт.pdf", Buffer.from("%PDF-1.7"));
    const doc = sink.lastFrom(user.userId).event;
    expect(doc).toEqual({ kind: "media", media: { type: "document", ref: expect.any(String), filename: "отчёт.pdf", size: 8 } });
    if (doc.kind !== "media") throw new Error("not media");
    expect(await adapter.download(doc.media, 7)).toEqual({ ok: false, reason: "too-large" });
    expect(double.fetched(doc.media.ref)).toBe(0);

    await user.sendVoice();
    expect(sink.lastFrom(user.userId).event).toEqual({ kind: "unsupported", what: "audio_message" });
  });

  it("gives a re-delivered event the same update key", async () => {
    const user = newUser();
    await user.send("once");
    await user.replayLast();
    const keys = sink.received.filter((incoming) => incoming.userId === String(user.userId)).map((i) => i.updateKey);
    expect(keys).toHaveLength(1);
    expect(sink.duplicates).toContain(keys[0]);
  });

  it("sends callback buttons, maps a press to a button event and answers the press", async () => {
    const user = newUser();
    await user.send("/menu");
    const menu = await user.waitFor("Shall we meet?");
    expect(menu.keyboard).toMatchObject({ inline: true });
    expect(menu.keyboard!.buttons.flat().map((button) => button.action.type)).toEqual(["callback", "callback"]);
    await user.press("Yes");
    const press = sink.lastFrom(user.userId);
    // The press names the message it was on; the runtime answers it (here: by hand, with a snackbar).
    expect(press.event).toMatchObject({ kind: "button", payload: "answer:yes", on: String(menu.conversationMessageId) });
    expect(press.updateKey).toMatch(/^vk:[0-9a-f]{40}$/);
    expect(double.eventAnswers().filter((answer) => answer.userId === user.userId)).toEqual([]);
    const answerId = press.event.kind === "button" ? press.event.answerId : undefined;
    await adapter.answerPress({ chatId: String(user.userId) }, answerId!, "Эта кнопка устарела.");
    expect(double.eventAnswers()).toContainEqual(expect.objectContaining({ userId: user.userId, peerId: user.userId }));
    expect(user.toasts()).toEqual(["Эта кнопка устарела."]);
  });

  it("sends text buttons to a client without callback support and maps their payload", async () => {
    const user = newUser({ callbackButtons: false, langId: 3 });
    await user.send("/menu");
    expect(sink.lastFrom(user.userId)).toMatchObject({ callbackButtons: false, languageCode: "en" });
    const menu = await user.waitFor("Shall we meet?");
    expect(menu.keyboard!.buttons.flat().map((button) => button.action.type)).toEqual(["text", "text"]);
    await user.press("No");
    expect(sink.lastFrom(user.userId).event).toEqual({ kind: "button", payload: "answer:no" });
  });

  it("passes a forged payload on untouched for the runtime to judge", async () => {
    const user = newUser();
    await user.pressPayload('{"cmd":"admin"}');
    expect(sink.lastFrom(user.userId).event).toMatchObject({ kind: "button", payload: '{"cmd":"admin"}' });
  });

  it("splits a 5,000-character text in two and keeps the buttons on the last part", async () => {
    const user = newUser();
    const text = `${"Plan of the meeting. ".repeat(150)}\n${"Topics to prepare. ".repeat(100)}`;
    expect(text.length).toBeGreaterThan(5000);
    const result = await adapter.send({ chatId: String(user.userId) }, { text, buttons: [[{ label: "Got it", payload: "ack" }]] });
    expect(result).toMatchObject({ ok: true });
    const [first, second, ...rest] = user.messages();
    expect(rest).toEqual([]);
    expect(first!.message.length).toBeLessThanOrEqual(4096);
    expect(`${first!.message}\n${second!.message}`).toBe(text);
    expect(first!.keyboard).toBeUndefined();
    expect(user.lastButtons()).toEqual([["Got it"]]);
  });

  it("moves buttons beyond VK's ten into a follow-up message and shortens long labels", async () => {
    const user = newUser();
    const buttons = [0, 1, 2, 3].map((row) =>
      [0, 1, 2].map((column) => ({ label: `Slot ${row * 3 + column + 1}`, payload: `slot:${row * 3 + column + 1}` })),
    );
    buttons[0]![0]!.label = "Вторник, 14:00 — встреча с наставником в библиотеке";
    const result = await adapter.send({ chatId: String(user.userId) }, { text: "Pick a time", buttons });
    expect(result).toMatchObject({ ok: true });
    const [first, more] = user.messages();
    const labels = (message: typeof first) => message!.keyboard!.buttons.flat().map((b) => b.action.label!);
    expect(labels(first)).toHaveLength(9);
    expect(more!.message).toBe("⬇");
    expect(labels(more)).toEqual(["Slot 10", "Slot 11", "Slot 12"]);
    expect(labels(first)[0]).toBe("Вторник, 14:00 — встреча с наставником…");
  });

  it("refuses a button payload that cannot fit VK's 255 characters before sending anything", async () => {
    const user = newUser();
    const send = adapter.send(
      { chatId: String(user.userId) },
      {
        text: "Too long",
        buttons: [[{ label: "Go", payload: "x".repeat(250) }]],
      },
    );
    await expect(send).rejects.toThrow(/255/);
    expect(user.messages()).toEqual([]);
  });

  it("sends a message once when it is sent again with the same idempotency key", async () => {
    const user = newUser();
    const to = { chatId: String(user.userId) };
    const message = { text: "Reminder: meeting tomorrow at 15:00" };
    expect(await adapter.send(to, message, { idempotencyKey: "outbox:42" })).toMatchObject({ ok: true });
    expect(await adapter.send(to, message, { idempotencyKey: "outbox:42" })).toMatchObject({ ok: true });
    expect(await adapter.send(to, message, { idempotencyKey: "outbox:43" })).toMatchObject({ ok: true });
    expect(user.messages().map((sent) => sent.message)).toHaveLength(2);
  });

  it("reports a user who forbade messages as blocked", async () => {
    const user = newUser();
    double.block(user.userId);
    expect(await adapter.send({ chatId: String(user.userId) }, { text: "Hello?" })).toEqual({
      ok: false,
      reason: "blocked",
    });
  });

  it("retries through a rate limit and delivers once", async () => {
    const user = newUser();
    double.failNext("messages.send", 9);
    expect(await adapter.send({ chatId: String(user.userId) }, { text: "After the flood" })).toMatchObject({ ok: true });
    expect(user.messages().map((sent) => sent.message)).toEqual(["After the flood"]);
  });

  it("hands a rate limit on a queued message back at once, and the outbox's retry delivers it once", async () => {
    const user = newUser();
    double.failNext("messages.send", 9);
    const queued = { idempotencyKey: "outbox:77", queued: true };
    expect(await adapter.send({ chatId: String(user.userId) }, { text: "Later, once" }, queued)).toMatchObject({
      ok: false,
      reason: "failed",
      retryAfterMs: expect.any(Number),
    });
    expect(user.messages()).toEqual([]);
    expect(await adapter.send({ chatId: String(user.userId) }, { text: "Later, once" }, queued)).toMatchObject({ ok: true });
    expect(user.messages().map((sent) => sent.message)).toEqual(["Later, once"]);
  });

  it("answers 500 when the sink cannot take the update, so VK retries it", async () => {
    const user = newUser();
    sink.failing = true;
    try {
      expect(await user.deliver(user.textUpdate("lost?"))).toMatchObject({ status: 500 });
    } finally {
      sink.failing = false;
    }
    await user.replayLast();
    expect(sink.lastFrom(user.userId).event).toEqual({ kind: "text", text: "lost?" });
  });

  it("uploads a document and sends it attached to its text, in one message", async () => {
    const user = newUser();
    const content = new TextEncoder().encode("name;meetings\nAnna;4\n");
    const result = await adapter.send(
      { chatId: String(user.userId) },
      { text: "Your report", document: { filename: "report.csv", mimeType: "text/csv", content } },
      { idempotencyKey: "report:1" },
    );
    expect(result).toMatchObject({ ok: true });
    const document = double.documents().find((stored) => stored.peerId === user.userId)!;
    expect(document).toMatchObject({ filename: "report.csv", mimeType: "text/csv" });
    expect(document.bytes.toString("utf8")).toBe("name;meetings\nAnna;4\n");
    expect(user.messages().map((sent) => [sent.message, sent.attachment])).toEqual([
      ["Your report", `doc${document.ownerId}_${document.id}`],
    ]);
  });

  it("sends nothing when the upload fails, and a retry delivers the text with the document", async () => {
    const user = newUser();
    const message = {
      text: "Your certificate",
      document: { filename: "certificate.pdf", mimeType: "application/pdf", content: new Uint8Array([37, 80, 68, 70]) },
    };
    double.failNext("docs.getMessagesUploadServer", 10);
    const failed = await adapter.send({ chatId: String(user.userId) }, message, { idempotencyKey: "cert:7" });
    expect(failed).toMatchObject({ ok: false, reason: "failed" });
    expect(user.messages()).toEqual([]);
    expect(await adapter.send({ chatId: String(user.userId) }, message, { idempotencyKey: "cert:7" })).toMatchObject({
      ok: true,
    });
    expect(user.messages().map((sent) => [sent.message, Boolean(sent.attachment)])).toEqual([["Your certificate", true]]);
  });

  it("uploads a picture as a message photo and sends it with the text and the keyboard", async () => {
    const user = newUser();
    const image = { filename: "chart.png", content: samplePng() };
    const buttons = [[{ label: "Menu", payload: "1:a:menu" }]];
    expect(
      await adapter.send({ chatId: String(user.userId) }, { text: "The week", buttons, image }, { idempotencyKey: "digest:1" }),
    ).toMatchObject({
      ok: true,
    });
    const photo = double.photos().find((stored) => stored.peerId === user.userId)!;
    expect(photo.bytes).toEqual(Buffer.from(image.content));
    expect(user.messages().map((sent) => [sent.message, Boolean(sent.keyboard), sent.attachment])).toEqual([
      ["The week", true, `photo${photo.ownerId}_${photo.id}_double`],
    ]);
    expect(user.photoOf(user.messages()[0]!)).toBe(photo);
  });

  it("sends nothing when the photo upload fails, and the retry sends the text with its photo", async () => {
    const user = newUser();
    const message = { text: "The week", image: { filename: "chart.png", content: samplePng() } };
    double.failNext("photos.getMessagesUploadServer", 10);
    expect(await adapter.send({ chatId: String(user.userId) }, message, { idempotencyKey: "digest:2" })).toMatchObject({
      ok: false,
      reason: "failed",
      error: expect.stringContaining("photo upload"),
    });
    expect(user.messages()).toEqual([]);
    // Not a picture: VK's upload server holds nothing to save.
    expect(
      await adapter.send(
        { chatId: String(user.userId) },
        { text: "Broken", image: { filename: "x.png", content: new Uint8Array([1, 2, 3]) } },
      ),
    ).toMatchObject({ ok: false, reason: "failed" });
    expect(await adapter.send({ chatId: String(user.userId) }, message, { idempotencyKey: "digest:2" })).toMatchObject({ ok: true });
    expect(user.messages().map((sent) => [sent.message, Boolean(user.photoOf(sent))])).toEqual([["The week", true]]);
  });

  it("shows typing while a file or a picture is made (all VK lets a community show), and a refusal is only logged", async () => {
    const user = newUser();
    await adapter.send({ chatId: String(user.userId) }, { text: "Making your report" });
    await adapter.showActivity({ chatId: String(user.userId) }, "uploading-document");
    await adapter.showActivity({ chatId: String(user.userId) }, "uploading-photo");
    const last = user.messages().at(-1)!.id;
    expect(user.activities()).toEqual([
      { action: "typing", afterMessageId: last },
      { action: "typing", afterMessageId: last },
    ]);
    double.block(user.userId);
    await expect(adapter.showActivity({ chatId: String(user.userId) }, "uploading-document")).resolves.toBeUndefined();
    double.unblock(user.userId);
    expect(user.activities()).toHaveLength(2);
  });

  it("builds vk.me start links", () => {
    expect(adapter.startLink("invite_7Hq2")).toBe("https://vk.me/nastavnik_bot?ref=invite_7Hq2");
  });
});

describe("VK adapter over Bots Long Poll", () => {
  it("receives community events through long poll and stops polling", async () => {
    const double = await startVkApiDouble({ groupId: GROUP_ID });
    const sink = new RecordingSink();
    const adapter = createVkAdapter({
      token: "community-token",
      groupId: GROUP_ID,
      screenName: "nastavnik_bot",
      apiBaseUrl: double.baseUrl,
      sink,
      logger,
    });
    sink.adapter = adapter;
    try {
      expect(adapter.routes).toEqual([]);
      await adapter.start();
      double.pushLongPollUpdate({
        type: "message_new",
        event_id: "lp-event-1",
        group_id: GROUP_ID,
        object: {
          message: { date: Math.floor(Date.now() / 1000), from_id: 77, peer_id: 77, text: "via long poll", attachments: [] },
          client_info: { button_actions: ["text"], lang_id: 0 },
        },
      });
      await vi.waitFor(() =>
        expect(sink.received).toEqual([
          expect.objectContaining({ updateKey: "vk:lp-event-1", event: { kind: "text", text: "via long poll" } }),
        ]),
      );
      expect(sink.received[0]!.callbackButtons).toBe(false);
    } finally {
      await adapter.stop();
      await double.stop();
    }
  });

  it("offers an update the sink refused again until it is taken, however long the outage (no redelivery in long poll)", async () => {
    const double = await startVkApiDouble({ groupId: GROUP_ID });
    const sink = new RecordingSink();
    // Twelve refusals: three times the old four attempts that then dropped the update.
    sink.refusalsLeft = 12;
    const adapter = createVkAdapter({
      token: "community-token",
      groupId: GROUP_ID,
      screenName: "nastavnik_bot",
      apiBaseUrl: double.baseUrl,
      sink,
      logger,
      pollRetry: { firstMs: 5, maxMs: 40 },
    });
    sink.adapter = adapter;
    try {
      await adapter.start();
      double.pushLongPollUpdate({
        type: "message_new",
        event_id: "lp-outage-1",
        group_id: GROUP_ID,
        object: {
          message: { date: Math.floor(Date.now() / 1000), from_id: 78, peer_id: 78, text: "during the outage", attachments: [] },
          client_info: { button_actions: ["text"], lang_id: 0 },
        },
      });
      await vi.waitFor(() => expect(sink.received.map((incoming) => incoming.updateKey)).toEqual(["vk:lp-outage-1"]), { timeout: 15_000 });
      expect(sink.refusalsLeft).toBe(0);
    } finally {
      await adapter.stop();
      await double.stop();
    }
  });
  it("holds off polling while too many refused updates wait in memory, and takes the rest once they are stored", async () => {
    const double = await startVkApiDouble({ groupId: GROUP_ID });
    const sink = new RecordingSink();
    sink.failing = true;
    const adapter = createVkAdapter({
      token: "community-token",
      groupId: GROUP_ID,
      screenName: "nastavnik_bot",
      apiBaseUrl: double.baseUrl,
      sink,
      logger,
      pollRetry: { firstMs: 5, maxMs: 20, maxWaiting: 2 },
    });
    sink.adapter = adapter;
    const push = (n: number) =>
      double.pushLongPollUpdate({
        type: "message_new",
        event_id: `lp-held-${n}`,
        group_id: GROUP_ID,
        object: {
          message: { date: Math.floor(Date.now() / 1000), from_id: 79, peer_id: 79, text: `held ${n}`, attachments: [] },
          client_info: { button_actions: ["text"], lang_id: 0 },
        },
      });
    try {
      await adapter.start();
      push(1);
      await vi.waitFor(() => expect(sink.offered).toContain("vk:lp-held-1"));
      push(2);
      await vi.waitFor(() => expect(sink.offered).toContain("vk:lp-held-2"));
      push(3);
      // Two wait already: the third stays with VK, however many retries the two go through.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect([...sink.offered]).toEqual(["vk:lp-held-1", "vk:lp-held-2"]);
      sink.failing = false;
      await vi.waitFor(() =>
        expect(sink.received.map((incoming) => incoming.updateKey).sort()).toEqual(["vk:lp-held-1", "vk:lp-held-2", "vk:lp-held-3"]),
      );
    } finally {
      await adapter.stop();
      await double.stop();
    }
  });
});
