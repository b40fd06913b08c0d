import { connect } from "node:net";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { HttpRoute } from "../../src/http/route.ts";
import { type RunningHttpServer, startHttpServer } from "../../src/http/server.ts";
import { packAction } from "../../src/messaging/buttons.ts";
import type { Incoming, UpdateSink } from "../../src/messaging/messenger.ts";
import { createMaxAdapter, MAX_WEBHOOK_PATH, type MaxAdapter, type MaxAdapterOptions } from "../../src/messengers/max/adapter.ts";
import { type MaxApiDouble, type MaxTestUser, startMaxApiDouble } from "../support/max-api-double.ts";
import { samplePng } from "../support/png.ts";

const logger = pino({ level: "silent" });
/** 2026-01-01T00:00:00Z: the double dates updates from here on, a millisecond apart. */
const EPOCH = Date.UTC(2026, 0, 1);
const SECRET = "max-webhook_secret-42";

/** Records what the adapter hands over and echoes texts; `/menu` answers with two buttons. */
class RecordingSink implements UpdateSink {
  readonly received: Incoming[] = [];
  readonly duplicates: string[] = [];
  /** Every update key offered, taken or refused. */
  readonly offered: string[] = [];
  failing = false;
  /** Refuses this many more updates, as a database that is away for a while would. */
  refusalsLeft = 0;
  /** While set, accept() waits for it: an update being stored. */
  gate: Promise<void> | undefined;
  adapter: MaxAdapter | undefined;

  async accept(incoming: Incoming): Promise<"accepted" | "duplicate"> {
    this.offered.push(incoming.updateKey);
    // Whether the database is down is decided when the update arrives, not when the gate opens.
    const down = this.failing;
    await this.gate;
    if (down) throw new Error("the database is down");
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

  from(user: MaxTestUser): Incoming[] {
    return this.received.filter((incoming) => incoming.userId === String(user.userId));
  }

  lastFrom(user: MaxTestUser): Incoming {
    const incoming = this.from(user).at(-1);
    if (!incoming) throw new Error(`nothing received from ${user.userId}`);
    return incoming;
  }

  private async echo({ chatId, event }: Incoming): Promise<void> {
    if (!this.adapter) return;
    if (event.kind === "command" && event.command === "menu") {
      await this.adapter.send(
        { chatId },
        {
          text: "Shall we meet?",
          buttons: [
            [
              { label: "Yes", payload: "answer:yes" },
              { label: "No", payload: "answer:no" },
            ],
          ],
        },
      );
    } else if (event.kind === "text") {
      await this.adapter.send({ chatId }, { text: `echo: ${event.text}` });
    }
  }
}

function adapterFor(double: MaxApiDouble, sink: RecordingSink, extra: Partial<MaxAdapterOptions> = {}): MaxAdapter {
  const adapter = createMaxAdapter({
    token: double.token,
    apiBaseUrl: double.baseUrl,
    sink,
    logger,
    pollTimeoutSeconds: 1,
    pollRetry: { firstMs: 5, maxMs: 40 },
    attachmentRetry: { firstMs: 5, attempts: 3 },
    ...extra,
  });
  sink.adapter = adapter;
  return adapter;
}

/** Waits until the adapter has handed `user`'s next update to the sink (long poll delivers in the background). */
async function received(sink: RecordingSink, user: MaxTestUser, count: number): Promise<Incoming> {
  await vi.waitFor(() => expect(sink.from(user).length).toBeGreaterThanOrEqual(count));
  return sink.lastFrom(user);
}

describe("MAX adapter, long polling", () => {
  let double: MaxApiDouble;
  let sink: RecordingSink;
  let adapter: MaxAdapter;
  let nextUserId = 1000;
  const newUser = (locale?: string) => double.user({ userId: nextUserId++, firstName: "Аня", ...(locale ? { locale } : {}) });

  beforeAll(async () => {
    double = await startMaxApiDouble({ clock: () => EPOCH });
    sink = new RecordingSink();
    adapter = adapterFor(double, sink);
    await adapter.start();
  });

  afterAll(async () => {
    await adapter?.stop();
    await double?.stop();
  });

  it("learns its name from GET /me, serves no webhook route and builds max.ru start links", () => {
    expect(double.calls("GET /me")).toBe(1);
    expect(adapter.username).toBe("nastavnik_bot");
    expect(adapter.routes).toEqual([]);
    expect(adapter.startLink("invite_7Hq2")).toBe("https://max.ru/nastavnik_bot?start=invite_7Hq2");
    expect(adapter.startLink("a b/c")).toBe("https://max.ru/nastavnik_bot?start=a%20b%2Fc");
    expect(adapter.startLink("x".repeat(128))).toHaveLength("https://max.ru/nastavnik_bot?start=".length + 128);
    // MAX drops a longer payload without a word: the link would open the bot without its invitation.
    expect(() => adapter.startLink("x".repeat(129))).toThrow(/128/);
  });

  it("hands a text over with the dialog, the sender, the language and MAX's time, and the echo arrives", async () => {
    const user = newUser("ru");
    await user.send("Привет! <b>не разметка</b>");
    const incoming = await received(sink, user, 1);
    const update = user.lastDelivered() as { message: { timestamp: number; body: { mid: string } } };
    expect(incoming).toEqual({
      updateKey: `max:msg:${update.message.body.mid}`,
      platform: "max",
      chatId: String(user.chatId),
      userId: String(user.userId),
      firstName: "Аня",
      languageCode: "ru",
      sentAt: new Date(update.message.timestamp).toISOString(),
      event: { kind: "text", text: "Привет! <b>не разметка</b>" },
    });
    expect(incoming.chatId).not.toBe(incoming.userId);
    const echo = await user.waitFor("echo: Привет!");
    // Plain text: nothing the user wrote is read as markup.
    expect(echo.format).toBeUndefined();
  });

  it("turns a /start text and a start link's bot_started alike into the start command with its payload", async () => {
    const user = newUser();
    await user.send("/start invite_7Hq2");
    expect((await received(sink, user, 1)).event).toEqual({ kind: "command", command: "start", args: "invite_7Hq2" });
    await user.open("invite_7Hq2");
    const started = await received(sink, user, 2);
    expect(started.event).toEqual({ kind: "command", command: "start", args: "invite_7Hq2" });
    expect(started.updateKey).toMatch(new RegExp(`^max:started:${user.chatId}:${user.userId}:\\d+$`));
    await user.open("");
    expect((await received(sink, user, 3)).event).toEqual({ kind: "command", command: "start", args: "" });
  });

  it("keeps a command's arguments, and leaves a command for another bot as text", async () => {
    const user = newUser();
    await user.send("/Help meetings now");
    expect((await received(sink, user, 1)).event).toEqual({ kind: "command", command: "help", args: "meetings now" });
    await user.send("/help@nastavnik_bot");
    expect((await received(sink, user, 2)).event).toEqual({ kind: "command", command: "help", args: "" });
    await user.send("/help@other_bot");
    expect((await received(sink, user, 3)).event).toEqual({ kind: "text", text: "/help@other_bot" });
  });

  it("reports a sticker as unsupported and ignores group chats and bot_stopped", async () => {
    const user = newUser();
    await user.sendSticker();
    expect((await received(sink, user, 1)).event).toEqual({ kind: "unsupported", what: "sticker" });

    const inGroup = user.textUpdate("hello, group") as { message: { recipient: { chat_type: string } } };
    inGroup.message.recipient.chat_type = "chat";
    await user.deliver(inGroup as unknown as Record<string, unknown>);
    await user.stopBot();
    await user.send("after the rest");
    expect((await received(sink, user, 2)).event).toEqual({ kind: "text", text: "after the rest" });
    expect(sink.from(user)).toHaveLength(2);
  });

  it("hands over an image and a file with their captions, and fetches them within a limit, counting when no length is told", async () => {
    const user = newUser();
    const picture = Buffer.from(samplePng(16, 12));
    await user.sendImage(picture, "Смотрите");
    const image = (await received(sink, user, 1)).event;
    expect(image).toEqual({ kind: "media", caption: "Смотрите", media: { type: "photo", ref: expect.stringContaining(double.baseUrl) } });
    if (image.kind !== "media") throw new Error("not media");
    const fetched = await adapter.download(image.media, 1024 * 1024);
    expect(fetched.ok && Buffer.from(fetched.content).equals(picture)).toBe(true);

    await user.sendFile("план.docx", Buffer.from("PK docx"));
    expect((await received(sink, user, 2)).event).toEqual({
      kind: "media",
      media: { type: "document", ref: expect.any(String), filename: "план.docx", size: 7 },
    });

    // A large picture sent in pieces without a Content-Length: the download stops once past the limit.
    await user.sendImage(Buffer.alloc(3 * 1024 * 1024, 1), "", { chunked: true });
    const large = (await received(sink, user, 3)).event;
    if (large.kind !== "media") throw new Error("not media");
    expect(await adapter.download(large.media, 1024 * 1024)).toEqual({ ok: false, reason: "too-large" });
    // A voice message stays unsupported.
    await user.sendVoice();
    expect((await received(sink, user, 4)).event).toEqual({ kind: "unsupported", what: "audio" });
  });

  it("sends callback buttons, hands a press over as its payload and answers the press once", async () => {
    const user = newUser();
    await user.send("/menu");
    const menu = await user.waitFor("Shall we meet?");
    expect(menu.keyboard).toEqual([
      [
        { type: "callback", text: "Yes", payload: "answer:yes" },
        { type: "callback", text: "No", payload: "answer:no" },
      ],
    ]);
    await user.press("Yes");
    const press = await received(sink, user, 2);
    const update = user.lastDelivered() as { callback: { callback_id: string; timestamp: number } };
    expect(press).toMatchObject({
      updateKey: `max:cb:${update.callback.callback_id}:${update.callback.timestamp}`,
      chatId: String(user.chatId),
      userId: String(user.userId),
      sentAt: new Date(update.callback.timestamp).toISOString(),
      event: { kind: "button", payload: "answer:yes" },
    });
    // The runtime answers a press (here: by hand), with a notification when its button is stale.
    expect(double.answers().filter((answer) => answer.chatId === user.chatId)).toEqual([]);
    await adapter.answerPress({ chatId: String(user.chatId) }, update.callback.callback_id, "Эта кнопка устарела.");
    expect(double.answers().filter((answer) => answer.chatId === user.chatId)).toEqual([
      { callbackId: update.callback.callback_id, chatId: user.chatId, userId: user.userId, notification: "Эта кнопка устарела." },
    ]);
  });

  it("passes a forged payload on untouched, and answers a press on a deleted message without handing it over", async () => {
    const user = newUser();
    await user.send("hello");
    await user.waitFor("echo: hello");
    await user.pressPayload('{"cmd":"admin"}');
    expect((await received(sink, user, 2)).event).toMatchObject({ kind: "button", payload: '{"cmd":"admin"}' });

    const orphan = newUser();
    await orphan.pressPayload("1:a:menu");
    await vi.waitFor(() => expect(double.answers().some((answer) => answer.chatId === orphan.chatId)).toBe(true));
    expect(sink.from(orphan)).toEqual([]);
  });

  it("gives a re-delivered update its first key, so the sink drops it", async () => {
    const user = newUser();
    await user.send("once");
    const first = await received(sink, user, 1);
    await user.replayLast();
    await vi.waitFor(() => expect(sink.duplicates).toContain(first.updateKey));
    expect(sink.from(user)).toHaveLength(1);
  });

  it("keeps offering an update the sink refused until it is taken", async () => {
    const user = newUser();
    sink.refusalsLeft = 6;
    await user.send("during the outage");
    expect((await received(sink, user, 1)).event).toEqual({ kind: "text", text: "during the outage" });
    expect(sink.refusalsLeft).toBe(0);
    expect(sink.offered.filter((key) => key === sink.lastFrom(user).updateKey)).toHaveLength(7);
  });

  it("splits a long text at paragraphs and puts the keyboard on the last part", async () => {
    const user = newUser();
    // Paragraphs of about 1,900 characters: two fit in 4,000, three do not.
    const paragraph = (n: number) => `${n}. ${"Topics to prepare for the meeting. ".repeat(54).trim()}`;
    const text = Array.from({ length: 6 }, (_, n) => paragraph(n + 1)).join("\n\n");
    expect(text.length).toBeGreaterThan(8000);
    const result = await adapter.send({ chatId: String(user.chatId) }, { text, buttons: [[{ label: "Got it", payload: "ack" }]] });
    expect(result).toMatchObject({ ok: true });
    const parts = user.messages();
    expect(parts).toHaveLength(3);
    for (const part of parts) expect(part.text.length).toBeLessThanOrEqual(4000);
    expect(parts.map((part) => part.text).join("\n\n")).toBe(text);
    expect(parts.map((part) => Boolean(part.keyboard))).toEqual([false, false, true]);
  });

  it("renders link buttons beside callback buttons, three to a row with a link, and cuts long labels", async () => {
    const user = newUser();
    const label = "Вторник, 14:00 — встреча с наставником в библиотеке школы, второй этаж, кабинет 204, ".repeat(2);
    const result = await adapter.send(
      { chatId: String(user.chatId) },
      {
        text: "Links",
        buttons: [
          [
            { label: "Telegram", url: "https://t.me/nastavnik_bot?start=abc" },
            { label: "VK", url: "https://vk.me/nastavnik?ref=abc" },
            { label: "MAX", url: "https://max.ru/nastavnik_bot?start=abc" },
            { label, payload: "1:a:menu" },
          ],
        ],
      },
    );
    expect(result).toMatchObject({ ok: true });
    const [message] = user.messages();
    expect(message!.keyboard!.map((row) => row.map((button) => button.type))).toEqual([["link", "link", "link"], ["callback"]]);
    expect(message!.keyboard![0]![2]).toEqual({ type: "link", text: "MAX", url: "https://max.ru/nastavnik_bot?start=abc" });
    const cut = message!.keyboard![1]![0]!.text;
    expect(cut.length).toBeLessThanOrEqual(128);
    expect(cut.endsWith("…")).toBe(true);
    expect(label.startsWith(cut.slice(0, -1))).toBe(true);
  });

  it("refuses an oversized payload before anything is sent: at packing (64 bytes) and at rendering (MAX's 1,024)", async () => {
    expect(() => packAction("remind", "x".repeat(80))).toThrow(/64 bytes/);
    const user = newUser();
    const send = adapter.send(
      { chatId: String(user.chatId) },
      { text: "Too long", buttons: [[{ label: "Go", payload: "x".repeat(1025) }]] },
    );
    await expect(send).rejects.toThrow(/1024/);
    expect(user.messages()).toEqual([]);
  });

  it("uploads a document under its own name and sends it with the text, waiting while MAX processes it", async () => {
    const user = newUser();
    const content = new TextEncoder().encode("name;meetings\nAnna;4\n");
    double.attachmentNotReady(2);
    const sendsBefore = double.calls("POST /messages");
    const result = await adapter.send(
      { chatId: String(user.chatId) },
      { text: "Your report", document: { filename: "report.csv", mimeType: "text/csv", content } },
    );
    expect(result).toMatchObject({ ok: true });
    expect(double.calls("POST /messages") - sendsBefore).toBe(3);
    const [message, ...rest] = user.messages();
    expect(rest).toEqual([]);
    expect(message!.text).toBe("Your report");
    expect(message!.file).toMatchObject({ filename: "report.csv", mimeType: "text/csv" });
    expect(message!.file!.bytes.toString("utf8")).toBe("name;meetings\nAnna;4\n");
  });

  it("sends the document alone after a text with buttons (a file is its message's only attachment)", async () => {
    const user = newUser();
    const document = { filename: "meeting.ics", mimeType: "text/calendar", content: new TextEncoder().encode("BEGIN:VCALENDAR\r\n") };
    const result = await adapter.send(
      { chatId: String(user.chatId) },
      { text: "Add it to your calendar", buttons: [[{ label: "Done", payload: "1:a:menu" }]], document },
    );
    expect(result).toMatchObject({ ok: true });
    expect(user.messages().map((message) => [message.text, Boolean(message.keyboard), message.file?.filename])).toEqual([
      ["Add it to your calendar", true, undefined],
      ["", false, "meeting.ics"],
    ]);
  });

  it("gives up on a file MAX never gets ready, and sends nothing when the upload fails", async () => {
    const user = newUser();
    const message = {
      text: "Certificate",
      document: { filename: "certificate.png", mimeType: "image/png", content: new Uint8Array([137, 80, 78, 71]) },
    };
    double.attachmentNotReady(10);
    expect(await adapter.send({ chatId: String(user.chatId) }, message)).toMatchObject({
      ok: false,
      reason: "failed",
      error: expect.stringContaining("attachment.not.ready"),
    });
    double.attachmentNotReady(0);
    double.failNext("POST /uploads", 503, "service.unavailable");
    expect(await adapter.send({ chatId: String(user.chatId) }, message)).toMatchObject({
      ok: false,
      reason: "failed",
      error: expect.stringContaining("document upload"),
    });
    expect(user.messages()).toEqual([]);
  });

  it("uploads a picture as an image and sends it with the text and the keyboard in one message", async () => {
    const user = newUser();
    const image = { filename: "chart.png", content: samplePng() };
    double.attachmentNotReady(1);
    const result = await adapter.send(
      { chatId: String(user.chatId) },
      { text: "The week", buttons: [[{ label: "Menu", payload: "1:a:menu" }]], image },
    );
    expect(result).toMatchObject({ ok: true });
    expect(double.calls("POST /uploads")).toBeGreaterThan(0);
    const [message, ...rest] = user.messages();
    expect(rest).toEqual([]);
    expect([message!.text, Boolean(message!.keyboard), message!.file]).toEqual(["The week", true, undefined]);
    expect(message!.image).toMatchObject({ kind: "image", filename: "chart.png" });
    expect(message!.image!.bytes).toEqual(Buffer.from(image.content));
  });

  it("sends a picture, then a document alone, and nothing when the picture's upload fails", async () => {
    const user = newUser();
    const image = { filename: "chart.png", content: samplePng() };
    const document = { filename: "report.csv", mimeType: "text/csv", content: new TextEncoder().encode("a;b\n") };
    expect(await adapter.send({ chatId: String(user.chatId) }, { text: "Report", image, document })).toMatchObject({ ok: true });
    expect(user.messages().map((message) => [message.text, message.image?.filename, message.file?.filename])).toEqual([
      ["Report", "chart.png", undefined],
      ["", undefined, "report.csv"],
    ]);
    const other = newUser();
    expect(
      await adapter.send(
        { chatId: String(other.chatId) },
        { text: "Broken", image: { filename: "x.png", content: new Uint8Array([1, 2]) } },
      ),
    ).toMatchObject({ ok: false, reason: "failed", error: expect.stringContaining("image upload") });
    expect(other.messages()).toEqual([]);
  });

  it("shows sending_file or sending_photo while a file or a picture is made, and a refusal is only logged", async () => {
    const user = newUser();
    await adapter.send({ chatId: String(user.chatId) }, { text: "Making your report" });
    await adapter.showActivity({ chatId: String(user.chatId) }, "uploading-document");
    await adapter.showActivity({ chatId: String(user.chatId) }, "uploading-photo");
    const last = user.messages().at(-1)!.id;
    expect(user.activities()).toEqual([
      { chatId: user.chatId, action: "sending_file", afterMessageId: last },
      { chatId: user.chatId, action: "sending_photo", afterMessageId: last },
    ]);
    double.block(user.chatId);
    await expect(adapter.showActivity({ chatId: String(user.chatId) }, "uploading-document")).resolves.toBeUndefined();
    double.unblock(user.chatId);
    expect(user.activities()).toHaveLength(2);
  });

  it("waits a rate limit out in place, and hands it back at once for a queued message, which its retry delivers once", async () => {
    const user = newUser();
    double.failNext("POST /messages", 429, "too.many.requests");
    expect(await adapter.send({ chatId: String(user.chatId) }, { text: "After the flood" })).toMatchObject({ ok: true });
    expect(user.messages().map((message) => message.text)).toEqual(["After the flood"]);

    double.failNext("POST /messages", 429, "too.many.requests");
    const queued = { queued: true, idempotencyKey: "outbox:77" };
    expect(await adapter.send({ chatId: String(user.chatId) }, { text: "Later, once" }, queued)).toEqual({
      ok: false,
      reason: "failed",
      error: expect.stringContaining("429"),
      retryAfterMs: 1000,
    });
    expect(user.messages()).toHaveLength(1);
    expect(await adapter.send({ chatId: String(user.chatId) }, { text: "Later, once" }, queued)).toMatchObject({ ok: true });
    expect(user.messages().map((message) => message.text)).toEqual(["After the flood", "Later, once"]);
  });

  it("once a queued message has begun, waits a rate limit out instead of handing it back", async () => {
    const user = newUser();
    const text = `${"a".repeat(3990)}\n\n${"b".repeat(100)}`;
    // The first part goes; the second meets the limit.
    double.failNext("POST /messages", 429, "too.many.requests", 1);
    expect(await adapter.send({ chatId: String(user.chatId) }, { text }, { queued: true })).toMatchObject({ ok: true });
    expect(user.messages().map((message) => message.text)).toEqual(["a".repeat(3990), "b".repeat(100)]);
  });

  it("reports a user who stopped the bot, or a dialog MAX does not know, as unreachable", async () => {
    const user = newUser();
    double.block(user.chatId);
    expect(await adapter.send({ chatId: String(user.chatId) }, { text: "Hello?" })).toEqual({ ok: false, reason: "blocked" });
    expect(await adapter.send({ chatId: "123" }, { text: "Hello?" })).toEqual({ ok: false, reason: "blocked" });
    double.unblock(user.chatId);
    expect(await adapter.send({ chatId: String(user.chatId) }, { text: "Welcome back" })).toMatchObject({ ok: true });
  });

  it("reports other refusals as failures without a wait", async () => {
    const user = newUser();
    double.failNext("POST /messages", 500, "internal.error");
    expect(await adapter.send({ chatId: String(user.chatId) }, { text: "Hello?" })).toEqual({
      ok: false,
      reason: "failed",
      error: expect.stringMatching(/500 internal.error/),
    });
  });
});

describe("MAX adapter, long polling across restarts", () => {
  it("removes a leftover webhook subscription, so that polling receives", async () => {
    const double = await startMaxApiDouble({ clock: () => EPOCH });
    const sink = new RecordingSink();
    const adapter = adapterFor(double, sink, { username: "nastavnik_bot" });
    try {
      const subscribed = await fetch(`${double.baseUrl}/subscriptions`, {
        method: "POST",
        headers: { authorization: double.token, "content-type": "application/json" },
        body: JSON.stringify({ url: "https://old.example.org/max/webhook", secret: "old-secret" }),
      });
      expect(subscribed.status).toBe(200);
      await adapter.start();
      expect(double.subscriptions()).toEqual([]);
      // The username was given: no GET /me.
      expect(double.calls("GET /me")).toBe(0);
      const user = double.user({ userId: 42 });
      await user.send("polled");
      expect((await received(sink, user, 1)).event).toEqual({ kind: "text", text: "polled" });
    } finally {
      await adapter.stop();
      await double.stop();
    }
  });

  it("stop() waits for the update being stored, and an update not stored by then comes again at the next start", async () => {
    const double = await startMaxApiDouble({ clock: () => EPOCH });
    const sink = new RecordingSink();
    let release!: () => void;
    sink.gate = new Promise<void>((resolve) => (release = resolve));
    const first = adapterFor(double, sink);
    const user = double.user({ userId: 43 });
    let second: MaxAdapter | undefined;
    try {
      await first.start();
      await user.send("in hand");
      await user.send("next in the batch");
      await vi.waitFor(() => expect(sink.offered).toHaveLength(1));
      let stopped = false;
      const stopping = first.stop().then(() => (stopped = true));
      await new Promise((resolve) => setImmediate(resolve));
      expect(stopped).toBe(false);
      // The update in hand is stored before stop() ends; the next one, refused while stopping, stays with MAX.
      sink.failing = true;
      release();
      await stopping;
      expect(sink.received.map((incoming) => incoming.event)).toEqual([{ kind: "text", text: "in hand" }]);
      expect(double.committed()).toBe(0);

      sink.failing = false;
      sink.gate = undefined;
      second = adapterFor(double, sink);
      await second.start();
      await vi.waitFor(() =>
        expect(sink.received.map((incoming) => incoming.event)).toEqual([
          { kind: "text", text: "in hand" },
          { kind: "text", text: "next in the batch" },
        ]),
      );
      expect(sink.duplicates).toEqual([sink.received[0]!.updateKey]);
      await vi.waitFor(() => expect(double.committed()).toBe(2));
    } finally {
      release();
      await first.stop();
      await second?.stop();
      await double.stop();
    }
  });
});

describe("MAX adapter, long polling refused", () => {
  it("ends the long poll and reports it lost when MAX refuses the token; other failures are retried in place", async () => {
    const double = await startMaxApiDouble({ clock: () => EPOCH });
    const sink = new RecordingSink();
    const adapter = adapterFor(double, sink);
    const losses: unknown[] = [];
    try {
      await adapter.start(undefined, (reason) => losses.push(reason));
      const user = double.user({ userId: 44 });
      // A failure MAX may mend by itself is retried by the poll, and nothing is reported.
      double.failNext("GET /updates", 503, "service.unavailable");
      await user.send("after a 503");
      expect((await received(sink, user, 1)).event).toEqual({ kind: "text", text: "after a 503" });
      expect(losses).toEqual([]);

      // A refused token is not mended by asking again with it: the poll ends and the app is told.
      double.failNext("GET /updates", 401, "verify.token");
      // The poll in flight (held up to a second) ends first; the next one is refused.
      await vi.waitFor(() => expect(losses).toHaveLength(1), { timeout: 3_000 });
      expect(losses[0]).toMatchObject({ status: 401 });
      const pollsWhenLost = double.calls("GET /updates");
      await user.send("while lost");
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(double.calls("GET /updates")).toBe(pollsWhenLost);
      expect(sink.from(user)).toHaveLength(1);

      // The app's next attempt starts it again; what was written meanwhile was kept by MAX.
      await adapter.start(undefined, (reason) => losses.push(reason));
      await vi.waitFor(() => expect(sink.from(user)).toHaveLength(2), { timeout: 3_000 });
      expect(sink.lastFrom(user).event).toEqual({ kind: "text", text: "while lost" });
      expect(losses).toHaveLength(1);
    } finally {
      await adapter.stop();
      await double.stop();
    }
  });
});

describe("MAX adapter, webhook", () => {
  let double: MaxApiDouble;
  let sink: RecordingSink;
  let adapter: MaxAdapter;
  let server: RunningHttpServer;
  let webhookUrl: string;
  let nextUserId = 2000;
  const newUser = () => double.user({ userId: nextUserId++, firstName: "Оля", locale: "en" });

  beforeAll(async () => {
    double = await startMaxApiDouble({ clock: () => EPOCH });
    sink = new RecordingSink();
    // The route is mounted before the adapter exists: the webhook URL needs the server's port.
    const route: HttpRoute = {
      method: "POST",
      path: MAX_WEBHOOK_PATH,
      authorize: (headers) => adapter.routes[0]!.authorize!(headers),
      handle: (request) => adapter.routes[0]!.handle(request),
    };
    server = await startHttpServer({ port: 0, host: "127.0.0.1", routes: [route], logger });
    webhookUrl = `http://127.0.0.1:${server.port}${MAX_WEBHOOK_PATH}`;
    await fetch(`${double.baseUrl}/subscriptions`, {
      method: "POST",
      headers: { authorization: double.token, "content-type": "application/json" },
      body: JSON.stringify({ url: "https://old.example.org/max/webhook" }),
    });
    adapter = adapterFor(double, sink, { webhook: { url: webhookUrl, secret: SECRET } });
    await adapter.start();
  });

  afterAll(async () => {
    await adapter?.stop();
    await server?.close();
    await double?.stop();
  });

  it("subscribes its URL with the secret and the update types, drops an old subscription, and never polls", () => {
    expect(adapter.routes.map((route) => `${route.method} ${route.path}`)).toEqual(["POST /max/webhook"]);
    expect(double.subscriptions()).toEqual([
      { url: webhookUrl, secret: SECRET, updateTypes: ["message_created", "message_callback", "bot_started", "bot_stopped"] },
    ]);
    expect(double.calls("GET /updates")).toBe(0);
  });

  it("refuses a secret MAX would refuse before subscribing anything", () => {
    expect(() => adapterFor(double, new RecordingSink(), { webhook: { url: webhookUrl, secret: "no" } })).toThrow(/5–256/);
    expect(() => adapterFor(double, new RecordingSink(), { webhook: { url: webhookUrl, secret: "with spaces!" } })).toThrow(/5–256/);
  });

  it("stores an update before answering 200, with the sender's language", async () => {
    const user = newUser();
    await user.send("Hello");
    expect(sink.lastFrom(user)).toMatchObject({
      platform: "max",
      chatId: String(user.chatId),
      languageCode: "en",
      event: { kind: "text", text: "Hello" },
    });
    await user.waitFor("echo: Hello");
  });

  it("refuses a missing or wrong secret with 401, before reading the body", async () => {
    const user = newUser();
    const update = user.textUpdate("let me in");
    expect(await double.postToWebhook(update, undefined)).toMatchObject({ status: 401 });
    expect(await double.postToWebhook(update, "max-webhook_secret-43")).toMatchObject({ status: 401 });
    expect(await double.postToWebhook(update, SECRET.toUpperCase())).toMatchObject({ status: 401 });

    // Headers promise 60 KiB and not a byte of it comes: the answer must not wait for the body.
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, "127.0.0.1", () => {
        socket.write(`POST ${MAX_WEBHOOK_PATH} HTTP/1.1\r\nHost: x\r\nX-Max-Bot-Api-Secret: wrong-secret\r\nContent-Length: 61440\r\n\r\n`);
      });
      let text = "";
      socket.on("data", (chunk) => (text += chunk.toString("utf8")));
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
    expect(sink.from(user)).toEqual([]);
  });

  it("refuses a body that is not JSON", async () => {
    const answer = await fetch(webhookUrl, { method: "POST", headers: { "x-max-bot-api-secret": SECRET }, body: "{not json" });
    expect(answer.status).toBe(400);
  });

  it("answers 500 when the sink cannot store the update, and MAX's redelivery is stored once", async () => {
    const user = newUser();
    sink.failing = true;
    try {
      expect(await double.pushUpdate(user.textUpdate("lost?"))).toEqual({ status: 500, body: "retry later" });
    } finally {
      sink.failing = false;
    }
    const update = user.textUpdate("stored once");
    expect(await double.pushUpdate(update)).toEqual({ status: 200, body: "ok" });
    expect(await double.pushUpdate(update)).toEqual({ status: 200, body: "ok" });
    expect(sink.from(user).map((incoming) => incoming.event)).toEqual([{ kind: "text", text: "stored once" }]);
    expect(sink.duplicates).toContain(sink.lastFrom(user).updateKey);
  });

  it("answers a press delivered by webhook", async () => {
    const user = newUser();
    await user.send("/menu");
    await user.waitFor("Shall we meet?");
    await user.press("No");
    const event = sink.lastFrom(user).event;
    expect(event).toMatchObject({ kind: "button", payload: "answer:no" });
    await adapter.answerPress({ chatId: String(user.chatId) }, event.kind === "button" ? event.answerId! : "", undefined);
    expect(double.answers().filter((answer) => answer.chatId === user.chatId)).toHaveLength(1);
  });

  it("answers 503 once stopped, so that MAX delivers the update again later", async () => {
    const user = newUser();
    await adapter.stop();
    expect(await double.pushUpdate(user.textUpdate("too late"))).toMatchObject({ status: 503 });
    expect(sink.from(user)).toEqual([]);
  });
});
