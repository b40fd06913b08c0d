/**
 * `npm run playground`: the whole bot in a terminal, no messenger token needed. The real app (the
 * Telegram adapter, the flow runtime, the database) runs against telegram-test-api, an emulated
 * Bot API server started in this process, and the person at the keyboard plays several Telegram
 * users at once: a coordinator, a student, a parent, a mentor, and anyone they name.
 *
 * The adapter runs in webhook mode: the emulator pushes each update through a small relay that adds
 * the secret header (the emulator sends none), so an update is stored in the inbox before the
 * emulator's client call returns, and the emulator's getUpdates, which ignores `timeout`, never spins.
 * With stdin piped, each line waits until the bot is idle and its outbox delivered, so the output is
 * the same from run to run.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createNetServer } from "node:net";
import { join } from "node:path";
import { createInterface, type Interface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { pino } from "pino";
import { TelegramServer } from "telegram-test-api/lib/telegramServer.js";
import { createOrganisation } from "../admin/create-organisation.ts";
import { type App, createApp } from "../app.ts";
import { middayClock } from "../clock.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { type Logger, privateLogOptions } from "../logger.ts";
import { acceptDocuments, documentsSent, type StoredBotMessage } from "./emulated-documents.ts";

/** A made-up token of the right shape: the emulator accepts any. */
const TOKEN = "1000000001:playground-token-made-up-for-the-emulator";
const WEBHOOK_SECRET = randomBytes(24).toString("hex");
const ORGANISATION = { name: "Школа № 5 (песочница)", timezone: "Europe/Moscow" };

interface Person {
  name: string;
  userId: number;
  firstName: string;
}

const PREDEFINED: Person[] = [
  { name: "coordinator", userId: 1001, firstName: "Анна" },
  { name: "student", userId: 1002, firstName: "Маша" },
  { name: "parent", userId: 1003, firstName: "Ольга" },
  { name: "mentor", userId: 1004, firstName: "Игорь" },
];

interface ShownButton {
  label: string;
  data?: string;
  url?: string;
}

type Client = ReturnType<TelegramServer["getClient"]>;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

async function startEmulator(): Promise<TelegramServer> {
  // The emulator reads `port: 0` as "unset" and takes 9000, so find a free port first.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    // Messages older than `storeTimeout` seconds are swept; the playground keeps its own copy anyway.
    const server = new TelegramServer({ host: "127.0.0.1", port, storeTimeout: 24 * 3600 });
    // The emulator numbers updates from 1 in every run, and the bot drops an update_id it has stored
    // before (de-duplication): with the database kept between runs, start from the clock instead.
    (server as unknown as { updateId: number }).updateId = Date.now();
    acceptDocuments(server);
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

  /** Set once the configuration is read. */
  logger: Logger | undefined;

  constructor(private readonly target: () => string | undefined) {}

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
        this.logger?.error({ status }, "the bot did not take an update: dropped");
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

/** Logs go to stderr, so stdout is only the conversation. */
function playgroundLogger(level: string, pretty: boolean): Logger {
  return pino(
    {
      ...privateLogOptions(level),
      hooks: {
        logMethod(args, method) {
          // The emulator has no setMyCommands: its failure says nothing about the bot.
          if (args.some((arg) => arg === "setMyCommands failed")) return;
          method.apply(this, args);
        },
      },
      ...(pretty ? { transport: { target: "pino-pretty", options: { destination: 2, ignore: "pid,hostname" } } } : {}),
    },
    pretty ? undefined : pino.destination(2),
  );
}

/** A stable Telegram id per name, so a person made up in one run is the same person in the next. */
function userIdFor(name: string): number {
  return 100_000_000 + (createHash("sha256").update(name).digest().readUInt32BE(0) % 900_000_000);
}

/** A start payload from a t.me link. */
function startPayload(url: string): string | undefined {
  try {
    const link = new URL(url);
    if (link.hostname !== "t.me") return undefined;
    return link.searchParams.get("start") ?? undefined;
  } catch {
    return undefined;
  }
}

/** The organisation this data directory plays with: created on the first run, remembered after. */
async function playgroundOrganisation(app: App, dataDir: string): Promise<{ orgId: number; name: string; payload?: string }> {
  const stateFile = join(dataDir, "playground.json");
  const remembered = await readFile(stateFile, "utf8")
    .then((text) => (JSON.parse(text) as { orgId?: number }).orgId)
    .catch(() => undefined);
  const existing = remembered ? await app.repos.organisations.get(remembered) : undefined;
  if (!existing) {
    const created = await createOrganisation(app.repos, ORGANISATION.name, ORGANISATION.timezone);
    await mkdir(dataDir, { recursive: true });
    await writeFile(stateFile, `${JSON.stringify({ orgId: created.orgId })}\n`);
    return { orgId: created.orgId, name: created.name, payload: created.payload };
  }
  if ((await app.repos.organisations.coordinatorPersonIds(existing.id)).length > 0) return { orgId: existing.id, name: existing.name };
  // Nobody took the coordinator invite of an earlier run, and only its hash is stored: make a new one.
  const payload = await app.repos.invites.issue({ purpose: "coordinator", orgId: existing.id, now: new Date() });
  return { orgId: existing.id, name: existing.name, payload };
}

class Playground {
  private readonly people = new Map<string, Person>();
  private current: Person;
  private readonly clients = new Map<string, Client>();
  private readonly printed = new Set<number>();
  /** Each person's latest message with buttons: what a bare number presses. */
  private readonly lastButtons = new Map<number, { messageId: number; buttons: ShownButton[] }>();
  /** Every t.me link shown so far, for `/open <n>`. */
  private readonly links: string[] = [];
  private rl: Interface | undefined;
  /** Updates sent to the emulator so far: the relay has handed them all over when the bot is settled. */
  private sent = 0;
  private waitingForInput = false;

  constructor(
    private readonly app: App,
    private readonly emulator: TelegramServer,
    private readonly relay: WebhookRelay,
    private readonly interactive: boolean,
    /** Where files the bot sends (the order, the bases) are saved for the person to open. */
    private readonly filesDir: string,
  ) {
    for (const person of PREDEFINED) this.people.set(person.name, person);
    this.current = PREDEFINED[0]!;
  }

  /** Registers a link for `/open` and returns its number. */
  addLink(url: string): number {
    const known = this.links.indexOf(url);
    if (known >= 0) return known + 1;
    this.links.push(url);
    return this.links.length;
  }

  print(text: string): void {
    if (this.rl && this.interactive && this.waitingForInput) {
      // A message arrived while the prompt is shown: print above it and redraw it.
      process.stdout.write("\r\x1b[K");
      process.stdout.write(`${text}\n`);
      this.rl.prompt(true);
      return;
    }
    process.stdout.write(`${text}\n`);
  }

  guide(org: { orgId: number; name: string; payload?: string }, storage: string): void {
    const lines = [
      "Nastavnik playground: the real bot against an emulated Telegram, in this terminal.",
      `Storage: ${storage}.`,
      `Organisation #${org.orgId} "${org.name}".`,
      "",
      "You play several Telegram users at once; the prompt shows who you are now.",
      "  /as <name>     become someone else: coordinator, student, parent, mentor, or any new name",
      "  /people        who is who",
      "  any text       is sent to the bot; /start, /menu, /profile, /language, /help, /link, /delete_me, /cancel go as commands",
      "  3              presses button [3] of your latest message with buttons (to answer a number, such as an age, type #15)",
      "  /open <n>      follows the t.me link marked (/open n), as you: as if it had been forwarded to you",
      "  /quit          stops the bot (Ctrl-D too)",
      "",
      "A first walk:",
      "  1. As coordinator, take the one-time coordinator invite below: /open 1 (the same as the /start command shown).",
      '  2. Answer the bot; in the menu press "Invite links" (Ссылки-приглашения): you get a link for mentees and one for mentors.',
      "  3. /as student, then /open the mentee link and register; under 18 you get a consent link for a parent.",
      "  4. /as parent, then /open the consent link the student got; agree or decline. The student and the coordinator are told.",
      "  5. /as mentor and /open the mentor link; back as coordinator, the menu shows the bases of mentees and mentors.",
      "",
    ];
    if (org.payload) {
      const url = `https://t.me/${this.app.telegram?.username ?? "bot"}?start=${org.payload}`;
      lines.push(
        "Coordinator invite (one-time, valid 7 days):",
        `  ${url}  (/open ${this.addLink(url)})`,
        `  or type: /start ${org.payload}`,
      );
    } else {
      lines.push("The organisation has its coordinator already: type /menu as coordinator.");
    }
    this.print(lines.join("\n"));
  }

  async run(): Promise<void> {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: this.interactive });
    this.rl = rl;
    rl.on("SIGINT", () => rl.close());
    const onBotMessage = () => setImmediate(() => this.flush());
    // Interactively, messages from the outbox (a consent answer told to the coordinator) appear as they come.
    if (this.interactive) this.emulator.on("AddedBotMessage", onBotMessage);
    try {
      this.prompt();
      for await (const raw of rl) {
        this.waitingForInput = false;
        const line = raw.trim();
        if (!this.interactive) this.print(`${this.current.name}> ${raw}`);
        if (line === "/quit" || line === "/exit") break;
        try {
          await this.handle(line);
        } catch (error) {
          this.print(`! ${error instanceof Error ? error.message : String(error)}`);
        }
        await this.settle();
        this.prompt();
      }
    } finally {
      this.emulator.off("AddedBotMessage", onBotMessage);
      this.waitingForInput = false;
      rl.close();
    }
  }

  private prompt(): void {
    if (!this.interactive || !this.rl) return;
    this.rl.setPrompt(`${this.current.name}> `);
    this.waitingForInput = true;
    this.rl.prompt();
  }

  private async handle(line: string): Promise<void> {
    if (line === "") return;
    const [command = "", ...rest] = line.split(/\s+/);
    const argument = rest.join(" ");
    if (command === "/as") return this.switchTo(argument);
    if (command === "/people") return this.listPeople();
    if (command === "/open") return this.open(argument);
    if (/^\d+$/.test(line)) return this.press(Number(line));
    if (/^#\d+$/.test(line)) return this.send(line.slice(1));
    return this.send(line);
  }

  private switchTo(name: string): void {
    if (!/^[\p{L}\p{N}_-]{1,32}$/u.test(name)) {
      this.print("! /as <name>: one word of letters, digits, _ or -");
      return;
    }
    let person = this.people.get(name);
    if (!person) {
      person = { name, userId: userIdFor(name), firstName: name };
      this.people.set(name, person);
      this.print(`(a new Telegram user "${name}", id ${person.userId})`);
    }
    this.current = person;
  }

  private listPeople(): void {
    const lines = [...this.people.values()].map(
      (p) => `  ${p === this.current ? "*" : " "} ${p.name.padEnd(12)} Telegram id ${p.userId}, first name ${p.firstName}`,
    );
    this.print(["People (* is you):", ...lines].join("\n"));
  }

  private async open(argument: string): Promise<void> {
    const url = /^\d+$/.test(argument) ? this.links[Number(argument) - 1] : argument;
    if (!url) {
      this.print(`! /open <n> follows a link marked (/open n); there are ${this.links.length} so far. /open <t.me link> works too`);
      return;
    }
    const payload = startPayload(url);
    if (payload === undefined) {
      this.print(`! only t.me start links open here (this playground emulates Telegram): ${url}`);
      return;
    }
    await this.send(`/start ${payload}`);
  }

  private async press(number: number): Promise<void> {
    const latest = this.lastButtons.get(this.current.userId);
    const button = latest?.buttons[number - 1];
    if (!latest || !button) {
      const hint = `#${number} sends the text "${number}"`;
      this.print(
        latest
          ? `! no button [${number}] in your latest message with buttons (${hint})`
          : `! you have no message with buttons yet (${hint})`,
      );
      return;
    }
    if (button.url !== undefined) return this.open(button.url);
    const client = this.client();
    this.sent += 1;
    const query = client.makeCallbackQuery(button.data ?? "", { from: this.from(), message: { message_id: latest.messageId } });
    await client.sendCallback(query as Parameters<Client["sendCallback"]>[0]);
  }

  private async send(text: string): Promise<void> {
    const client = this.client();
    this.sent += 1;
    if (text.startsWith("/")) await client.sendCommand(client.makeCommand(text, { from: this.from() }));
    else await client.sendMessage(client.makeMessage(text, { from: this.from() }));
  }

  private client(): Client {
    const person = this.current;
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

  private from() {
    return { id: this.current.userId, is_bot: false, first_name: this.current.firstName, username: `user${this.current.userId}` };
  }

  /** Waits until every update is handled and the outbox is empty, then prints what the bot sent. */
  async settle(): Promise<void> {
    if (!(await this.relay.delivered(this.sent))) this.print("! the emulator did not push every update within 15 s");
    for (;;) {
      await this.app.runtime.idle();
      if ((await this.app.outbox.deliverDue()) === 0) break;
    }
    this.flush();
  }

  /** Prints the bot's messages not printed yet, in the order they were sent. */
  flush(): void {
    const stored = this.emulator.storage.botMessages as unknown as StoredBotMessage[];
    for (const entry of stored) {
      if (entry.botToken !== TOKEN || this.printed.has(entry.messageId)) continue;
      this.printed.add(entry.messageId);
      this.show(entry);
    }
  }

  private show(entry: StoredBotMessage): void {
    const chatId = Number(entry.message.chat_id);
    const person = [...this.people.values()].find((p) => p.userId === chatId);
    const text = entry.message.text ?? entry.message.caption ?? "";
    const lines = [`[bot → ${person?.name ?? `chat ${chatId}`}]`, ...text.split("\n").map((line) => `  ${line}`)];
    const rows = entry.message.reply_markup?.inline_keyboard ?? [];
    const buttons: ShownButton[] = [];
    for (const row of rows) {
      const rendered: string[] = [];
      for (const b of row) {
        buttons.push({
          label: b.text,
          ...(b.callback_data !== undefined ? { data: b.callback_data } : {}),
          ...(b.url !== undefined ? { url: b.url } : {}),
        });
        const number = `[${buttons.length}] ${b.text}`;
        if (b.url === undefined) rendered.push(number);
        else {
          const link = startPayload(b.url) !== undefined ? `  (/open ${this.addLink(b.url)})` : "";
          rendered.push(`${number} → ${b.url}${link}`);
        }
      }
      lines.push(`    ${rendered.join("   ")}`);
    }
    if (buttons.length > 0) this.lastButtons.set(chatId, { messageId: entry.messageId, buttons });
    const file = documentsSent(this.emulator).find((document) => document.messageId === entry.messageId);
    if (file) {
      const path = join(this.filesDir, file.filename);
      lines.push(`  📎 ${file.filename} (${file.bytes.length} bytes) → saved to ${path}`);
      void mkdir(this.filesDir, { recursive: true }).then(() => writeFile(path, file.bytes));
    }
    this.print(lines.join("\n"));
  }
}

async function main(): Promise<void> {
  // Only the emulated Telegram: a VK community or a real bot of the environment is left alone.
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("VK_") || name.startsWith("TELEGRAM_")) delete env[name];
  env.DATA_DIR = env.DATA_DIR || "./data/playground";
  env.LOG_LEVEL = env.LOG_LEVEL || "warn";
  env.HTTP_PORT = "0";

  const emulator = await startEmulator();
  let app: App | undefined;
  const relay = new WebhookRelay(() => (app ? `http://127.0.0.1:${app.http.port}/telegram/webhook` : undefined));
  await relay.start();
  env.TELEGRAM_BOT_TOKEN = TOKEN;
  env.TELEGRAM_API_ROOT = emulator.config.apiURL;
  env.TELEGRAM_WEBHOOK_URL = relay.url;
  env.TELEGRAM_WEBHOOK_SECRET = WEBHOOK_SECRET;

  const config = loadConfig(env);
  const logger = playgroundLogger(config.logLevel, config.logPretty);
  relay.logger = logger;
  const interactive = Boolean(process.stdin.isTTY);
  // Delivered as at midday in the organisation's zone: children's messages are not held overnight.
  app = await createApp({ config, logger, clock: middayClock(ORGANISATION.timezone).now });
  // Piped, the outbox is delivered only between lines, so every run prints the same transcript.
  if (!interactive) await app.outbox.stop();

  const playground = new Playground(app, emulator, relay, interactive, join(config.dataDir, "files"));
  try {
    const org = await playgroundOrganisation(app, config.dataDir);
    const storage = [
      config.databaseUrl
        ? "PostgreSQL (DATABASE_URL)"
        : `embedded PGlite in ${config.dataDir} (kept between runs; delete it to start over)`,
      config.redisUrl ? "sessions in Redis (REDIS_URL)" : "sessions in memory",
    ].join(", ");
    playground.guide(org, storage);
    await playground.run();
  } finally {
    await playground.settle().catch(() => undefined);
    await app.stop();
    await relay.stop();
    await emulator.stop();
  }
  process.stdout.write("Bye.\n");
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
