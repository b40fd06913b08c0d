/**
 * Fault: the database is lost in the middle of a student's registration and comes back from a backup.
 * `npm run admin -- backup` (a child process, as an operator runs it) dumps the stack's database while
 * the bot is running, with the student at the class question; the bot stops, `npm run admin -- restore`
 * puts the backup into a new empty database, and a second app starts on it with the same emulated
 * Telegram. Proves: the conversation travels in the backup (chat_states), so the student's next answer
 * continues the registration from the question it was at, nothing the bot had already sent is sent
 * again, and the registration is saved once in the restored database.
 *
 * Only on a real server (DATABASE_URL): the stack's PGlite lives in memory inside the test process, and
 * the backup command copies a PGlite data folder that no running bot holds.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "#root/app.ts";
import { loadConfig } from "#root/config.ts";
import type { DatabaseHandle } from "#root/db/connection.ts";
import { directionList } from "#root/flows/common/choices.ts";
import { type ChatUser, telegramChatUser } from "../support/chat-user.ts";
import { openTestDatabase, serverUrlOf } from "../support/database.ts";
import { issueInvite, label, ru, ruChild } from "../support/journeys.ts";
import { useTestStack } from "../support/stack.ts";

const serverUrl = process.env.DATABASE_URL;
const SKIPPED = serverUrl
  ? ""
  : " (skipped: the stack's PGlite is in memory inside the test process, which the backup command cannot read; set DATABASE_URL)";
const ROOT = join(import.meta.dirname, "..", "..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
/** The bot's variables the test sets itself: none of the developer's own may leak into the child. */
const BOT_VARIABLES = /^(DATABASE_URL|DATA_DIR|REDIS_URL|TELEGRAM_|VK_|MAX_|LOG_)/;

/** `npm run admin -- <args> --json` against the database at `databaseUrl`: its exit code and document. */
function admin(args: string[], databaseUrl: string): Promise<{ code: number; document: unknown; stderr: string }> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !BOT_VARIABLES.test(name)));
  return new Promise((resolve) => {
    execFile(
      TSX,
      ["src/admin.ts", ...args, "--json"],
      { cwd: ROOT, env: { ...inherited, DATABASE_URL: databaseUrl }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        let document: unknown = null;
        try {
          document = JSON.parse(stdout);
        } catch {
          document = stdout;
        }
        resolve({ code, document, stderr });
      },
    );
  });
}

describe.skipIf(!serverUrl)(`a backup taken during a registration restores into an empty database${SKIPPED}`, () => {
  const stack = useTestStack();
  let folder: string;
  let restored: DatabaseHandle | undefined;
  let second: App | undefined;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "nastavnik-restore-"));
  });
  afterAll(async () => {
    await second?.stop();
    await restored?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it("the bot on the restored database continues the student's registration from the question it was at", async () => {
    const orgName = "Школа № 17";
    const { orgId } = await stack.createOrganisation(orgName);
    const invite = await issueInvite(stack, orgId, "mentee");
    // One reader of the chat for the whole test: the emulated Telegram outlives both apps.
    const student: ChatUser = telegramChatUser(stack.telegramUser(900_701, "Лиза"));
    const name = "Лиза Орлова";

    await student.open(invite);
    await student.waitFor(ruChild("register-mentee-welcome", { org: orgName }));
    await student.waitFor(ruChild("register-mentee-name"));
    await student.send(name);
    await student.waitFor(ruChild("register-mentee-age"));
    await student.send("15");
    await student.waitFor(ruChild("register-mentee-grade"));
    await stack.settle();

    // The operator's backup, taken while the bot runs (pg_dump reads one consistent snapshot).
    const file = join(folder, "nastavnik.dump");
    const backedUp = await admin(["backup", file], await serverUrlOf(stack.database));
    expect(backedUp.stderr).toBe("");
    expect(backedUp.code).toBe(0);
    expect(backedUp.document).toMatchObject({ kind: "postgres" });

    // The old server is gone: its bot stops, and the backup goes into a new, empty database.
    await stack.app.stop();
    restored = await openTestDatabase({ migrate: false });
    const restoredUrl = await serverUrlOf(restored);
    const restoring = await admin(["restore", file], restoredUrl);
    expect(restoring.stderr).toBe("");
    expect(restoring.code).toBe(0);
    expect(restoring.document).toMatchObject({ kind: "postgres", organisations: 1, participants: 0 });
    const state = await restored.db
      .selectFrom("chat_states")
      .select("flow")
      .where("platform", "=", "telegram")
      .where("chat_id", "=", student.chatId)
      .executeTakeFirst();
    expect(state?.flow).toBeTruthy();

    // The bot on the new server: the same Telegram bot, the restored database.
    second = await createApp({
      config: loadConfig({
        HTTP_PORT: "0",
        TELEGRAM_BOT_TOKEN: stack.telegramServer.token,
        TELEGRAM_API_ROOT: stack.telegramServer.apiRoot,
      }),
      logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
      database: restored,
      clock: stack.clock.now,
      scheduleJobs: false,
      recoveryIntervalMs: 1_000,
    });
    const app = second;
    // A person presses what is on the screen: every reply to what they sent has arrived.
    const press = async (button: string | RegExp) => {
      await app.runtime.idle();
      await student.press(button);
    };

    // The next answer is taken as the class: the flow goes on, addressing the 15-year-old as before.
    await student.send("9Б");
    const directions = ruChild("register-mentee-directions");
    await student.waitFor(directions, 15_000);
    await press(label(ru("direction-projects")));
    await student.waitFor(directions);
    await press(ru("button-done"));
    await student.waitFor(ruChild("register-mentee-goals"));
    await student.send("Хочу сделать проект по биологии");
    await student.waitFor(
      ruChild("register-mentee-summary", {
        name,
        age: 15,
        grade: "9Б",
        directions: directionList(["projects"]),
        goals: "Хочу сделать проект по биологии",
      }),
    );
    await press(ru("button-save"));
    await student.waitFor(ruChild("consent-self-question-teen"));
    await press(ruChild("button-consent-agree"));
    await student.waitFor(ruChild("register-mentee-saved-needs-parent", { name }));
    await app.runtime.idle();
    await app.outbox.idle();

    // Nothing the first bot had sent came again from the restored outbox or a replayed update.
    const texts = student.messages().map((message) => message.text);
    for (const key of ["register-mentee-name", "register-mentee-age", "register-mentee-grade"]) {
      expect(
        texts.filter((text) => text.includes(ruChild(key))),
        key,
      ).toHaveLength(1);
    }
    const saved = await restored.db
      .selectFrom("participants")
      .innerJoin("people", "people.id", "participants.person_id")
      .select(["participants.role", "participants.status", "people.full_name"])
      .where("participants.org_id", "=", orgId)
      .execute();
    expect(saved).toEqual([{ role: "mentee", status: "awaiting_consent", full_name: name }]);
  }, 60_000);
});
