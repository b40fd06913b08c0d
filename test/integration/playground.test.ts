/**
 * `npm run playground` as a person uses it, with stdin piped: the real app against the emulated
 * Bot API in a child process, on a fresh PGlite data directory, asserting on what it prints.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function playground(dataDir: string, lines: string[], args: string[] = []): Promise<Run> {
  // The playground keeps its own PGlite and memory slots here: the shared test PostgreSQL and
  // Redis (DATABASE_URL, REDIS_URL) hold other suites' Telegram users with the same ids.
  const { DATABASE_URL: _database, REDIS_URL: _redis, ...env } = process.env;
  const child = spawn("npx", ["tsx", "src/devtools/playground.ts", ...args], {
    cwd: ROOT,
    env: { ...env, DATA_DIR: dataDir, LOG_LEVEL: "warn", LOG_PRETTY: "" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  child.stdin.end(`${lines.join("\n")}\n`);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** What the bot printed after the `nth` line typed as `prompt`, up to the next typed line. */
function outputAfter(stdout: string, prompt: string, nth = 1): string {
  let start = -1;
  for (let found = 0; found < nth; found++) start = stdout.indexOf(`\n${prompt}\n`, start + 1);
  if (start < 0) throw new Error(`"${prompt}" (${nth}) is not in the transcript:\n${stdout}`);
  const rest = stdout.slice(start + prompt.length + 2);
  const next = rest.search(/^[\p{L}\p{N}_-]+> /mu);
  return next < 0 ? rest : rest.slice(0, next);
}

describe("npm run playground (stdin piped)", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "nastavnik-playground-"));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("a coordinator, a student and a parent go through registration and consent", async () => {
    const run = await playground(dataDir, [
      "/open 1",
      "Анна Петровна Смирнова",
      "2", // Invite links (1 is the Programme)
      "/as student",
      "/open 2", // the mentee link the coordinator got
      "Маша Иванова",
      "15", // a bare number presses a button: there is no button 15
      "#15",
      "9б",
      "3", // Projects
      "6", // Done
      "Хочу сделать проект по биологии",
      "1", // All correct, save
      "1", // the student's own consent (14+)
      "/as parent",
      "/open 4", // the consent link the student got
      "Иванова Ольга Сергеевна",
      "1", // Agree
      "/as coordinator",
      "/people",
      "/menu",
      "3", // Base of mentees
      "/quit",
    ]);
    expect(run.stderr).not.toMatch(/"level":"(error|fatal)"/);
    expect(run.code).toBe(0);
    const out = run.stdout;

    expect(out).toMatch(/Coordinator invite[^\n]*\n {2}https:\/\/t\.me\/\w+\?start=[\w-]+ {2}\(\/open 1\)\n {2}or type: \/start [\w-]+/);
    expect(outputAfter(out, "coordinator> /open 1")).toContain(
      "[bot → coordinator]\n  Здравствуйте! Вас пригласили куратором программы наставничества «Школа № 5 (песочница)»",
    );
    expect(outputAfter(out, "coordinator> Анна Петровна Смирнова")).toMatch(
      /вы куратор программы[\s\S]*\[1\] 📋 Программа[\s\S]*\[2\] 🔗 Ссылки-приглашения/,
    );

    const links = outputAfter(out, "coordinator> 2");
    expect(links).toMatch(/Ссылка для наставляемых[\s\S]*\[1\] Открыть в Telegram → https:\/\/t\.me\/\w+\?start=[\w-]+ {2}\(\/open 2\)/);
    expect(links).toMatch(/Ссылка для наставников[\s\S]*\(\/open 3\)/);

    expect(out).toContain("student> /open 2\n[bot → student]\n  Привет");
    expect(outputAfter(out, "student> 15")).toContain('! no button [15] in your latest message with buttons (#15 sends the text "15")');
    expect(outputAfter(out, "student> #15")).toContain("В каком ты классе?");
    expect(outputAfter(out, "student> Хочу сделать проект по биологии")).toMatch(/Класс: 9Б[\s\S]*Интересы: 🛠 Проекты/);
    expect(outputAfter(out, "student> 1", 1)).toContain("Тебе уже 14");
    const consentLink = outputAfter(out, "student> 1", 2);
    expect(consentLink).toMatch(/Нужно ваше согласие[\s\S]*Открыть в Telegram → https:\/\/t\.me\/\w+\?start=[\w-]+ {2}\(\/open 4\)/);
    expect(consentLink).toContain("Ждём ответа родителя");

    expect(outputAfter(out, "parent> /open 4")).toContain("Кто просит: Маша Иванова, 15 лет");
    const answered = outputAfter(out, "parent> 1");
    expect(answered).toContain("[bot → parent]\n  Спасибо! Согласие записано");
    expect(answered).toContain("[bot → student]\n  🎉 Родитель дал согласие!");
    expect(answered).toContain("[bot → coordinator]\n  ✅ Родитель (Иванова Ольга Сергеевна) дал согласие: Маша Иванова");

    expect(outputAfter(out, "coordinator> /people")).toMatch(/\* coordinator +Telegram id 1001/);
    expect(outputAfter(out, "coordinator> 3")).toMatch(/Наставляемые[\s\S]*1\. Маша Иванова, 15 лет, 9Б — ✅ участвует/);
    expect(out.trimEnd().endsWith("Bye.")).toBe(true);
  }, 120_000);

  it("keeps the organisation and its people for the next run on the same DATA_DIR", async () => {
    const run = await playground(dataDir, ["/menu", "/as somebody", "/start"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("The organisation has its coordinator already");
    expect(outputAfter(run.stdout, "coordinator> /menu")).toMatch(/Анна Петровна Смирнова[\s\S]*Школа № 5 \(песочница\): куратор/);
    expect(outputAfter(run.stdout, "coordinator> /as somebody")).toMatch(/a new Telegram user "somebody", id \d+/);
    expect(outputAfter(run.stdout, "somebody> /start")).toContain("[bot → somebody]\n  Привет! Я Наставник");
    // Ctrl-D (the end of stdin) stops the bot as /quit does.
    expect(run.stdout.trimEnd().endsWith("Bye.")).toBe(true);
  }, 120_000);

  it("plays the same journeys in MAX with --messenger max: max.ru links, buttons, a consent link for a parent", async () => {
    const maxData = await mkdtemp(join(tmpdir(), "nastavnik-playground-max-"));
    try {
      const run = await playground(
        maxData,
        [
          "/open 1",
          "Анна Петровна Смирнова",
          "2", // Invite links
          "/as student",
          "/open 2", // the mentee link
          "Маша Иванова",
          "#15",
          "9б",
          "3", // Projects
          "6", // Done
          "Хочу сделать проект по биологии",
          "1", // All correct, save
          "1", // the student's own consent (14+)
          "/as parent",
          "/open 4", // the consent link the student got
          "Иванова Ольга Сергеевна",
          "1", // Agree
          "/quit",
        ],
        ["--messenger", "max"],
      );
      expect(run.code).toBe(0);
      const out = run.stdout;
      expect(out).toContain("the real bot against an emulated MAX");
      expect(out).toMatch(/Coordinator invite[^\n]*\n {2}https:\/\/max\.ru\/\w+\?start=[\w-]+ {2}\(\/open 1\)/);
      expect(outputAfter(out, "coordinator> Анна Петровна Смирнова")).toMatch(/вы куратор программы[\s\S]*\[2\] 🔗 Ссылки-приглашения/);
      expect(outputAfter(out, "coordinator> 2")).toMatch(
        /Ссылка для наставляемых[\s\S]*Открыть в MAX → https:\/\/max\.ru\/\w+\?start=[\w-]+ {2}\(\/open 2\)/,
      );
      expect(outputAfter(out, "student> /open 2")).toContain("Привет");
      expect(outputAfter(out, "student> 1", 2)).toMatch(
        /Нужно ваше согласие[\s\S]*Открыть в MAX → https:\/\/max\.ru\/\w+\?start=[\w-]+ {2}\(\/open 4\)/,
      );
      expect(outputAfter(out, "parent> /open 4")).toContain("Кто просит: Маша Иванова, 15 лет");
      expect(outputAfter(out, "parent> 1")).toContain("[bot → student]\n  🎉 Родитель дал согласие!");
      expect(run.stderr).not.toMatch(/"level":"(error|fatal)"/);
      expect(out.trimEnd().endsWith("Bye.")).toBe(true);
    } finally {
      await rm(maxData, { recursive: true, force: true });
    }
  }, 120_000);
});
