import { randomBytes } from "node:crypto";
import { createServer as createHttpServer, type Server } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { TelegramServer } from "telegram-test-api/lib/telegramServer.js";
import type { Logger } from "../logger.ts";
import { acceptProfileTexts } from "./emulated-bot-profile.ts";
import { acceptUploads, documentsSent, photosSent, type StoredBotMessage } from "./emulated-documents.ts";
import { editsOf, emulateEdits } from "./emulated-edits.ts";
import { type BotMessage, type EmulatedMessenger, freePort, type PlaygroundPerson, type ShownButton } from "./playground-messenger.ts";

/**
 * The playground's Telegram: telegram-test-api, an emulated Bot API server in this process. The
 * adapter runs in webhook mode: the emulator pushes each update through a small relay that adds the
 * secret header (the emulator sends none), so an update is stored in the inbox before the emulator's
 * client call returns, and the emulator's getUpdates, which ignores `timeout`, never spins.
 */

/** A made-up token of the right shape: the emulator accepts any. */
const TOKEN = "1000000001:playground-token-made-up-for-the-emulator";
const WEBHOOK_SECRET = randomBytes(24).toString("hex");

type Client = ReturnType<TelegramServer["getClient"]>;

async function startEmulator(): Promise<TelegramServer> {
  // The emulator reads `port: 0` as "unset" and takes 9000, so find a free port first.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    // Messages older than `storeTimeout` seconds are swept; the playground keeps its own copy anyway.
    const server = new TelegramServer({ host: "127.0.0.1", port, storeTimeout: 24 * 3600 });
    // The emulator numbers updates from 1 in every run, and the bot drops an update_id it has stored
    // before (de-duplication): with the database kept between runs, start from the clock instead.
    (server as unknown as { updateId: number }).updateId = Date.now();
    acceptUploads(server);
    emulateEdits(server);
    acceptProfileTexts(server);
    try {
      await server.start();
      return server;
    } catch (error) {
      if (attempt >= 5 || (error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    }
  }
}

/**
 * Forwards the emulator's webhook pushes to the app with the secret header Telegram would send, and
 * re-sends an update the app did not take (as Telegram does). The emulator's client returns before
 * its push, so the relay counts the updates it has handed over: `delivered(n)` waits for n of them.
 */
class WebhookRelay {
  private handedOver = 0;
  private readonly waiters = new Set<() => void>();
  private server: Server | undefined;
  url = "";

  constructor(
    private readonly target: () => string | undefined,
    private readonly logger: () => Logger | undefined,
  ) {}

  async start(): Promise<void> {
    const server = createHttpServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        void this.forward(Buffer.concat(chunks)).finally(() => {
          // Always 200: the emulator turns anything else into an unhandled rejection.
          response.writeHead(200).end("ok");
          this.handedOver += 1;
          for (const wake of this.waiters) wake();
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (typeof address !== "object" || !address) throw new Error("the webhook relay has no address");
    this.server = server;
    this.url = `http://127.0.0.1:${address.port}/telegram/webhook`;
  }

  private async forward(body: Buffer): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const url = this.target();
      const status = url
        ? await fetch(url, {
            method: "POST",
            headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": WEBHOOK_SECRET },
            body,
          }).then(
            (reply) => reply.status,
            () => 0,
          )
        : 0;
      if (status >= 200 && status < 300) return;
      if (attempt >= 5) {
        this.logger()?.error({ status }, "the bot did not take an update: dropped");
        return;
      }
      await sleep(200 * attempt);
    }
  }

  /** Resolves once `count` updates in all have been handed to the app, or after `timeoutMs`. */
  async delivered(count: number, timeoutMs = 15_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.handedOver < count) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
    return true;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export class TelegramEmulation implements EmulatedMessenger {
  readonly title = "Telegram";
  readonly linkHost = "t.me";
  private readonly clients = new Map<string, Client>();
  /** Updates sent to the emulator so far: the relay has handed them all over when the bot is settled. */
  private sent = 0;
  private appUrl: string | undefined;

  private constructor(
    private readonly emulator: TelegramServer,
    private readonly relay: WebhookRelay,
  ) {}

  static async start(logger: () => Logger | undefined): Promise<TelegramEmulation> {
    const emulator = await startEmulator();
    const emulation: TelegramEmulation = new TelegramEmulation(emulator, new WebhookRelay(() => emulation.appUrl, logger));
    await emulation.relay.start();
    return emulation;
  }

  environment(httpPort: number): Record<string, string> {
    this.appUrl = `http://127.0.0.1:${httpPort}/telegram/webhook`;
    return {
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: this.emulator.config.apiURL,
      TELEGRAM_WEBHOOK_URL: this.relay.url,
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    };
  }

  async started(): Promise<void> {}

  async send(person: PlaygroundPerson, text: string): Promise<void> {
    const client = this.client(person);
    this.sent += 1;
    if (text.startsWith("/")) await client.sendCommand(client.makeCommand(text, { from: from(person) }));
    else await client.sendMessage(client.makeMessage(text, { from: from(person) }));
  }

  open(person: PlaygroundPerson, payload: string): Promise<void> {
    return this.send(person, `/start ${payload}`);
  }

  async press(person: PlaygroundPerson, message: BotMessage, button: ShownButton): Promise<void> {
    const client = this.client(person);
    this.sent += 1;
    const query = client.makeCallbackQuery(button.data ?? "", { from: from(person), message: { message_id: message.id } });
    await client.sendCallback(query as Parameters<Client["sendCallback"]>[0]);
  }

  messages(): BotMessage[] {
    const stored = this.emulator.storage.botMessages as unknown as StoredBotMessage[];
    // A picture is saved like a file: the terminal cannot show it.
    const files = [...documentsSent(this.emulator), ...photosSent(this.emulator)];
    return stored
      .filter((entry) => entry.botToken === TOKEN)
      .map((entry) => {
        const file = files.find((document) => document.messageId === entry.messageId);
        return {
          id: entry.messageId,
          version: editsOf(this.emulator, entry.message.chat_id, entry.messageId),
          userId: Number(entry.message.chat_id),
          text: entry.message.text ?? entry.message.caption ?? "",
          buttons: (entry.message.reply_markup?.inline_keyboard ?? []).map((row) =>
            row.map((b) => ({
              label: b.text,
              ...(b.callback_data !== undefined ? { data: b.callback_data } : {}),
              ...(b.url !== undefined ? { url: b.url } : {}),
            })),
          ),
          ...(file ? { file: { filename: file.filename, bytes: file.bytes } } : {}),
        };
      });
  }

  delivered(): Promise<boolean> {
    return this.relay.delivered(this.sent);
  }

  onMessage(listener: () => void): () => void {
    this.emulator.on("AddedBotMessage", listener);
    return () => this.emulator.off("AddedBotMessage", listener);
  }

  async stop(): Promise<void> {
    await this.relay.stop();
    await this.emulator.stop();
  }

  private client(person: PlaygroundPerson): Client {
    let client = this.clients.get(person.name);
    if (!client) {
      client = this.emulator.getClient(TOKEN, {
        userId: person.userId,
        chatId: person.userId,
        firstName: person.firstName,
        userName: `user${person.userId}`,
        type: "private",
      });
      this.clients.set(person.name, client);
    }
    return client;
  }
}

function from(person: PlaygroundPerson) {
  return { id: person.userId, is_bot: false, first_name: person.firstName, username: `user${person.userId}` };
}
