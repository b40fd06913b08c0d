/**
 * `npm run playground [-- --messenger max]`: the whole bot in a terminal, no messenger token needed.
 * The real app (the messenger's adapter, the flow runtime, the database) runs against an emulated
 * messenger started in this process (Telegram's Bot API by default, MAX's with `--messenger max`,
 * see playground-telegram.ts and playground-max.ts), and the person at the keyboard plays several
 * users at once: a coordinator, a student, a parent, a mentor, and anyone they name.
 * With stdin piped, each line waits until the bot is idle and its outbox delivered, so the output is
 * the same from run to run.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface, type Interface } from "node:readline";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { createOrganisation } from "../admin/create-organisation.ts";
import { type App, createApp } from "../app.ts";
import { middayClock } from "../clock.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { type Logger, privateLogOptions } from "../logger.ts";
import { MaxEmulation } from "./playground-max.ts";
import { type BotMessage, type EmulatedMessenger, freePort, type PlaygroundPerson, type ShownButton } from "./playground-messenger.ts";
import { TelegramEmulation } from "./playground-telegram.ts";

const ORGANISATION = { name: "Школа № 5 (песочница)", timezone: "Europe/Moscow" };

type Person = PlaygroundPerson;

const PREDEFINED: Person[] = [
  { name: "coordinator", userId: 1001, firstName: "Анна" },
  { name: "student", userId: 1002, firstName: "Маша" },
  { name: "parent", userId: 1003, firstName: "Ольга" },
  { name: "mentor", userId: 1004, firstName: "Игорь" },
];

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

/** A stable id per name, so a person made up in one run is the same person in the next. */
function userIdFor(name: string): number {
  return 100_000_000 + (createHash("sha256").update(name).digest().readUInt32BE(0) % 900_000_000);
}

/** A start payload from a start link of the messenger played (t.me, max.ru). */
function startPayload(url: string, host: string): string | undefined {
  try {
    const link = new URL(url);
    if (link.hostname !== host) return undefined;
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
  /** Message versions (`id:version`) printed: a message updated in place is printed again. */
  private readonly printed = new Set<string>();
  /** Each person's latest message with buttons: what a bare number presses. */
  private readonly lastButtons = new Map<number, { message: BotMessage; buttons: ShownButton[] }>();
  /** Every start link shown so far, for `/open <n>`. */
  private readonly links: string[] = [];
  private rl: Interface | undefined;
  private waitingForInput = false;

  constructor(
    private readonly app: App,
    private readonly messenger: EmulatedMessenger,
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
      `Nastavnik playground: the real bot against an emulated ${this.messenger.title}, in this terminal.`,
      `Storage: ${storage}.`,
      `Organisation #${org.orgId} "${org.name}".`,
      "",
      `You play several ${this.messenger.title} users at once; the prompt shows who you are now.`,
      "  /as <name>     become someone else: coordinator, student, parent, mentor, or any new name",
      "  /people        who is who",
      "  any text       is sent to the bot; /start, /menu, /profile, /language, /help, /link, /delete_me, /cancel go as commands",
      "  3              presses button [3] of your latest message with buttons (to answer a number, such as an age, type #15)",
      `  /open <n>      follows the ${this.messenger.linkHost} link marked (/open n), as you: as if it had been forwarded to you`,
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
      const url = this.app.links.all(org.payload).find((link) => new URL(link.url).hostname === this.messenger.linkHost)?.url ?? "";
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
    // Interactively, messages from the outbox (a consent answer told to the coordinator) appear as they come.
    const stopWatching = this.interactive ? this.messenger.onMessage(() => setImmediate(() => this.flush())) : () => undefined;
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
      stopWatching();
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
      this.print(`(a new ${this.messenger.title} user "${name}", id ${person.userId})`);
    }
    this.current = person;
  }

  private listPeople(): void {
    const lines = [...this.people.values()].map(
      (p) => `  ${p === this.current ? "*" : " "} ${p.name.padEnd(12)} ${this.messenger.title} id ${p.userId}, first name ${p.firstName}`,
    );
    this.print(["People (* is you):", ...lines].join("\n"));
  }

  private async open(argument: string): Promise<void> {
    const url = /^\d+$/.test(argument) ? this.links[Number(argument) - 1] : argument;
    if (!url) {
      this.print(
        `! /open <n> follows a link marked (/open n); there are ${this.links.length} so far. /open <${this.messenger.linkHost} link> works too`,
      );
      return;
    }
    const payload = startPayload(url, this.messenger.linkHost);
    if (payload === undefined) {
      this.print(`! only ${this.messenger.linkHost} start links open here (this playground emulates ${this.messenger.title}): ${url}`);
      return;
    }
    await this.messenger.open(this.current, payload);
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
    await this.messenger.press(this.current, latest.message, button);
  }

  private send(text: string): Promise<void> {
    return this.messenger.send(this.current, text);
  }

  /** Waits until every update is handled and the outbox is empty, then prints what the bot sent. */
  async settle(): Promise<void> {
    if (!(await this.messenger.delivered())) this.print("! the emulator did not push every update within 15 s");
    for (;;) {
      await this.app.runtime.idle();
      if ((await this.app.outbox.deliverDue()) === 0) break;
    }
    this.flush();
  }

  /** Prints the bot's messages not printed yet, in the order they were sent. */
  flush(): void {
    for (const message of this.messenger.messages()) {
      const version = `${message.id}:${message.version}`;
      if (this.printed.has(version)) continue;
      this.printed.add(version);
      this.show(message);
    }
  }

  private show(message: BotMessage): void {
    const person = [...this.people.values()].find((p) => p.userId === message.userId);
    const lines = [`[bot → ${person?.name ?? `chat ${message.userId}`}]`, ...message.text.split("\n").map((line) => `  ${line}`)];
    const buttons: ShownButton[] = [];
    for (const row of message.buttons) {
      const rendered: string[] = [];
      for (const button of row) {
        buttons.push(button);
        const number = `[${buttons.length}] ${button.label}`;
        if (button.url === undefined) rendered.push(number);
        else {
          const link = startPayload(button.url, this.messenger.linkHost) !== undefined ? `  (/open ${this.addLink(button.url)})` : "";
          rendered.push(`${number} → ${button.url}${link}`);
        }
      }
      lines.push(`    ${rendered.join("   ")}`);
    }
    if (buttons.length > 0) this.lastButtons.set(message.userId, { message, buttons });
    if (message.file) {
      const { filename, bytes } = message.file;
      const path = join(this.filesDir, filename);
      lines.push(`  📎 ${filename} (${bytes.length} bytes) → saved to ${path}`);
      void mkdir(this.filesDir, { recursive: true }).then(() => writeFile(path, bytes));
    }
    this.print(lines.join("\n"));
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { messenger: { type: "string", default: "telegram" } } });
  if (values.messenger !== "telegram" && values.messenger !== "max") {
    throw new Error(`--messenger: telegram or max, not "${values.messenger}"`);
  }
  // Only the emulated messenger: a real bot of the environment is left alone.
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of Object.keys(env)) if (/^(VK|TELEGRAM|MAX)_/.test(name)) delete env[name];
  env.DATA_DIR = env.DATA_DIR || "./data/playground";
  env.LOG_LEVEL = env.LOG_LEVEL || "warn";
  // A fixed port: the emulated messenger is told the webhook's address before the app starts.
  const httpPort = await freePort();
  env.HTTP_PORT = String(httpPort);

  let logger: Logger | undefined;
  const messenger: EmulatedMessenger =
    values.messenger === "max" ? await MaxEmulation.start() : await TelegramEmulation.start(() => logger);
  Object.assign(env, messenger.environment(httpPort));

  const config = loadConfig(env);
  logger = playgroundLogger(config.logLevel, config.logPretty);
  const interactive = Boolean(process.stdin.isTTY);
  // Delivered as at midday in the organisation's zone: children's messages are not held overnight.
  const app = await createApp({ config, logger, clock: middayClock(ORGANISATION.timezone).now });
  await messenger.started();
  // Piped, the outbox is delivered only between lines, so every run prints the same transcript.
  if (!interactive) await app.outbox.stop();

  const playground = new Playground(app, messenger, interactive, join(config.dataDir, "files"));
  try {
    const org = await playgroundOrganisation(app, config.dataDir);
    const storage = [
      config.databaseUrl
        ? "PostgreSQL (DATABASE_URL), conversations included"
        : `embedded PGlite in ${config.dataDir}, conversations included (kept between runs; delete it to start over)`,
      config.redisUrl ? "sending slots in Redis (REDIS_URL)" : "sending slots in memory",
    ].join(", ");
    playground.guide(org, storage);
    await playground.run();
  } finally {
    await playground.settle().catch(() => undefined);
    await app.stop();
    await messenger.stop();
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
