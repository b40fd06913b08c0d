/**
 * `npm run admin -- <command>` as an operator runs it: a child process with the bot's variables,
 * against a database of its own (a new database on the server of DATABASE_URL, or a PGlite data folder).
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "../../src/db/connection.ts";
import { MIGRATIONS_FOLDER } from "../../src/db/migrator.ts";
import { createRepositories } from "../../src/db/repositories/index.ts";
import { testDatabaseKind } from "../support/database.ts";
import { freePort, type RunningTelegramServer, startTelegramServer } from "../support/telegram.ts";

const kind = testDatabaseKind();
const ROOT = join(import.meta.dirname, "..", "..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");

/** The bot's variables a test sets itself: none of the developer's own may leak into the child. */
const BOT_VARIABLES = /^(DATABASE_URL|DATA_DIR|REDIS_URL|TELEGRAM_|VK_|MAX_|LOG_)/;

interface AdminRun {
  code: number;
  stdout: string;
  stderr: string;
}

function admin(args: string[], env: Record<string, string>): Promise<AdminRun> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !BOT_VARIABLES.test(name)));
  return new Promise((resolve) => {
    execFile(TSX, ["src/admin.ts", ...args], { cwd: ROOT, env: { ...inherited, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs a command with --json and parses its one document. */
async function adminJson<T>(args: string[], env: Record<string, string>): Promise<{ code: number; document: T; stderr: string }> {
  const run = await admin([...args, "--json"], env);
  return { code: run.code, document: JSON.parse(run.stdout) as T, stderr: run.stderr };
}

/** A database for the admin command: the variables that point at it, and a way to look inside. */
interface AdminDatabase {
  env: Record<string, string>;
  open(): Promise<DatabaseHandle>;
  dispose(): Promise<void>;
}

async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function adminDatabase(): Promise<AdminDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `nastavnik_admin_${randomBytes(6).toString("hex")}`;
    await onServer(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: url.toString() },
      open: () => openDatabase({ databaseUrl: url.toString(), dataDir: "memory://" }),
      dispose: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  const dataDir = await mkdtemp(join(tmpdir(), "nastavnik-admin-"));
  return {
    env: { DATA_DIR: dataDir },
    open: () => openDatabase({ dataDir }),
    dispose: () => rm(dataDir, { recursive: true, force: true }),
  };
}

/** A port nobody listens on: taken free, then let go. */
const unreachablePort = () => freePort();

interface OrganisationListing {
  organisations: Array<{
    id: number;
    name: string;
    timezone: string;
    createdAt: string;
    coordinators: number;
    participants: { mentees: number; mentors: number };
    openCycle: { id: number; name: string; stage: string } | null;
  }>;
}

/**
 * A school with a coordinator, a student and an open cycle, a student's link and a parent's consent
 * link, and two students invited from a class list (not counted as mentees until they come).
 */
async function seedSchool(database: AdminDatabase): Promise<{ orgId: number; menteeLink: string; rosterLink: string }> {
  const handle = await database.open();
  try {
    const repos = createRepositories(handle.db);
    const org = await repos.organisations.create("Школа № 5", "Europe/Moscow");
    const people = await handle.db
      .insertInto("people")
      .values([{ full_name: "Анна Куратор" }, { full_name: "Петя Ученик" }])
      .returning("id")
      .execute();
    const [coordinator, mentee] = people.map((person) => person.id) as [number, number];
    const participants = await handle.db
      .insertInto("participants")
      .values([
        { org_id: org.id, person_id: coordinator, role: "coordinator", status: "active" },
        { org_id: org.id, person_id: mentee, role: "mentee", status: "awaiting_consent" },
      ])
      .returning("id")
      .execute();
    await repos.cycles.open({
      orgId: org.id,
      name: "Весна 2026",
      startsOn: "2026-02-01",
      endsOn: "2026-05-31",
      forms: ["student_student"],
      directions: ["studies"],
      createdBy: coordinator,
    });
    const now = new Date();
    const menteeLink = await repos.invites.issue({ purpose: "mentee", orgId: org.id, createdBy: coordinator, now });
    await repos.invites.issue({
      purpose: "consent",
      orgId: org.id,
      subjectParticipantId: participants[1]?.id,
      subjectPersonId: mentee,
      now,
    });
    // Two students invited from a class list, who have not opened their personal links.
    const year = now.getUTCFullYear();
    const listed = await repos.roster.stage(
      org.id,
      coordinator,
      [
        { row: 2, fullName: "Иванова Мария", grade: "7Б", birthYear: year - 13, parentName: null },
        { row: 3, fullName: "Орлов Денис", grade: "7Б", birthYear: year - 13, parentName: null },
      ],
      now,
    );
    const invited = await repos.roster.confirm(listed, org.id, coordinator, now);
    return { orgId: org.id, menteeLink, rosterLink: invited![0]!.token };
  } finally {
    await handle.close();
  }
}

async function inviteState(database: AdminDatabase, token: string) {
  const handle = await database.open();
  try {
    return await createRepositories(handle.db).invites.find(token, new Date());
  } finally {
    await handle.close();
  }
}

describe(`npm run admin on ${kind}`, () => {
  let database: AdminDatabase;
  let school: { orgId: number; menteeLink: string; rosterLink: string };
  let telegram: RunningTelegramServer;

  beforeAll(async () => {
    database = await adminDatabase();
    telegram = await startTelegramServer();
  });
  afterAll(async () => {
    await telegram?.stop();
    await database?.dispose();
  });

  it("migrate applies every migration to an empty database, then finds nothing to do", async () => {
    const migrations = (await readdir(MIGRATIONS_FOLDER)).filter((file) => file.endsWith(".sql")).map((file) => file.slice(0, -4));
    const first = await adminJson<{ applied: string[]; total: number }>(["migrate"], database.env);
    expect(first.code).toBe(0);
    expect(first.document.applied).toEqual(migrations.sort());

    const again = await admin(["migrate"], database.env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`up to date: all ${migrations.length} migrations`);
  });

  it("list-orgs shows each organisation with its people and open cycle", async () => {
    school = await seedSchool(database);
    const listed = await adminJson<OrganisationListing>(["list-orgs"], database.env);
    expect(listed.code).toBe(0);
    expect(listed.document.organisations).toEqual([
      expect.objectContaining({
        id: school.orgId,
        name: "Школа № 5",
        timezone: "Europe/Moscow",
        coordinators: 1,
        participants: { mentees: 1, mentors: 0 },
        openCycle: expect.objectContaining({ name: "Весна 2026", stage: "matching" }),
      }),
    ]);
    expect(Number.isNaN(Date.parse(listed.document.organisations[0]?.createdAt ?? ""))).toBe(false);

    const readable = await admin(["list-orgs"], database.env);
    expect(readable.stdout).toContain(`#${school.orgId} "Школа № 5" (Europe/Moscow)`);
    expect(readable.stdout).toContain("1 coordinators, 1 mentees, 0 mentors; open cycle");
  });

  it("invite-coordinator issues a working coordinator invite with each messenger's link", async () => {
    const env = {
      ...database.env,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_BOT_USERNAME: "school_bot",
      VK_GROUP_TOKEN: "vk-token",
      VK_GROUP_ID: "77",
      VK_GROUP_SCREEN_NAME: "school",
    };
    const issued = await adminJson<{ orgId: number; payload: string; links: Record<string, string | null> }>(
      ["invite-coordinator", String(school.orgId)],
      env,
    );
    expect(issued.code).toBe(0);
    expect(issued.document.links).toEqual({
      telegram: `https://t.me/school_bot?start=${issued.document.payload}`,
      vk: `https://vk.me/school?ref=${issued.document.payload}`,
      max: null,
    });
    const invite = await inviteState(database, issued.document.payload);
    expect(invite).toMatchObject({ ok: true, invite: { purpose: "coordinator", orgId: school.orgId } });

    const readable = await admin(["invite-coordinator", String(school.orgId)], env);
    expect(readable.stdout).toMatch(/Telegram: https:\/\/t\.me\/school_bot\?start=[A-Za-z0-9_-]{22}/);

    const unknown = await admin(["invite-coordinator", "999999"], database.env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("There is no organisation #999999");
  });

  it("revoke-invites ends every open invite of the organisation and counts them by purpose", async () => {
    const revoked = await adminJson<{ revoked: Record<string, number>; total: number; invitedErased: number }>(
      ["revoke-invites", String(school.orgId)],
      database.env,
    );
    expect(revoked.code).toBe(0);
    // The two coordinator invites of the test before, the student's link, the parent's consent link,
    // the two personal links of the class list.
    expect(revoked.document.revoked).toEqual({ coordinator: 2, mentee: 1, mentor: 0, consent: 1, roster: 2 });
    expect(revoked.document.total).toBe(6);
    expect(await inviteState(database, school.menteeLink)).toEqual({ ok: false, reason: "used_up" });
    expect(await inviteState(database, school.rosterLink)).toEqual({ ok: false, reason: "used_up" });
    // The students who can no longer come are erased; a new import of the list makes new links.
    expect(revoked.document.invitedErased).toBe(2);
    const handle = await database.open();
    try {
      const listed = await handle.db
        .selectFrom("roster_students")
        .innerJoin("participants", "participants.id", "roster_students.participant_id")
        .innerJoin("people", "people.id", "participants.person_id")
        .select(["participants.status", "people.full_name", "people.erased_at"])
        .where("participants.org_id", "=", school.orgId)
        .execute();
      expect(listed).toHaveLength(2);
      for (const student of listed) expect(student).toMatchObject({ status: "left", full_name: null, erased_at: expect.any(Date) });
    } finally {
      await handle.close();
    }

    const again = await admin(["revoke-invites", String(school.orgId)], database.env);
    expect(again.stdout).toContain("had no open invites");
  });

  describe("territories", () => {
    interface TerritoryRow {
      id: number;
      kind: string;
      name: string;
      parentId: number | null;
      timezone: string;
    }
    interface TerritoryListing {
      territories: Array<
        TerritoryRow & { organisations: number; coordinators: number; municipalities: Array<TerritoryRow & { organisations: number }> }
      >;
    }
    let region: TerritoryRow;
    let municipality: TerritoryRow;

    async function organisationTerritory(orgId: number): Promise<number | null> {
      const handle = await database.open();
      try {
        const row = await handle.db.selectFrom("organisations").select("territory_id").where("id", "=", orgId).executeTakeFirstOrThrow();
        return row.territory_id;
      } finally {
        await handle.close();
      }
    }

    it("create-territory makes a region and a municipality inside it, which takes the region's time zone", async () => {
      const made = await adminJson<{ territory: TerritoryRow }>(
        ["create-territory", "--kind", "region", "--name", "Тверская область", "--timezone", "Europe/Samara"],
        database.env,
      );
      expect(made.code).toBe(0);
      region = made.document.territory;
      expect(region).toMatchObject({ kind: "region", name: "Тверская область", parentId: null, timezone: "Europe/Samara" });
      const readable = await admin(
        ["create-territory", "--kind", "municipality", "--name", "Городской округ Тверь", "--parent", String(region.id)],
        database.env,
      );
      expect(readable.code).toBe(0);
      expect(readable.stdout).toMatch(/Municipality #\d+ "Городской округ Тверь" \(Europe\/Samara\) is created\./);
      const listed = await adminJson<TerritoryListing>(["list-territories"], database.env);
      municipality = listed.document.territories[0]!.municipalities[0]!;
      expect(municipality).toMatchObject({
        kind: "municipality",
        name: "Городской округ Тверь",
        parentId: region.id,
        timezone: "Europe/Samara",
      });
    });

    it("create-territory refuses a municipality without a region, a taken name, a municipality's child and a wrong command line", async () => {
      const orphan = await admin(["create-territory", "--kind", "municipality", "--name", "Нигде"], database.env);
      expect(orphan.code).toBe(1);
      expect(orphan.stderr).toContain("A municipality needs --parent");
      const taken = await admin(
        ["create-territory", "--kind", "municipality", "--name", "городской округ тверь", "--parent", String(region.id)],
        database.env,
      );
      expect(taken.code).toBe(1);
      expect(taken.stderr).toContain("already exists");
      const nested = await admin(
        ["create-territory", "--kind", "municipality", "--name", "Район", "--parent", String(municipality.id)],
        database.env,
      );
      expect(nested.code).toBe(1);
      expect(nested.stderr).toContain("must be a region");
      const noKind = await admin(["create-territory", "--name", "Без вида"], database.env);
      expect(noKind.code).toBe(64);
      expect(noKind.stderr).toContain("--kind region|municipality");
    });

    it("attach-org puts an organisation under a territory, list-territories counts it, and none takes it out", async () => {
      const attached = await adminJson<{ orgId: number; territory: TerritoryRow | null }>(
        ["attach-org", String(school.orgId), String(municipality.id)],
        database.env,
      );
      expect(attached.code).toBe(0);
      expect(attached.document.territory).toMatchObject({ id: municipality.id });
      expect(await organisationTerritory(school.orgId)).toBe(municipality.id);

      const listed = await adminJson<TerritoryListing>(["list-territories"], database.env);
      expect(listed.document.territories).toEqual([
        expect.objectContaining({
          id: region.id,
          organisations: 0,
          coordinators: 0,
          municipalities: [expect.objectContaining({ id: municipality.id, organisations: 1 })],
        }),
      ]);
      const readable = await admin(["list-territories"], database.env);
      expect(readable.stdout).toContain(`#${region.id} region "Тверская область" (Europe/Samara): 0 organisations, 0 coordinators`);
      expect(readable.stdout).toContain(`    #${municipality.id} municipality "Городской округ Тверь" (Europe/Samara): 1 organisations`);

      const detached = await admin(["attach-org", String(school.orgId), "none"], database.env);
      expect(detached.code).toBe(0);
      expect(detached.stdout).toContain("belongs to no territory now");
      expect(await organisationTerritory(school.orgId)).toBeNull();

      const unknown = await admin(["attach-org", String(school.orgId), "999999"], database.env);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain("There is no territory #999999");
      expect(await organisationTerritory(school.orgId)).toBeNull();
    });

    it("invite-territory-coordinator and territory-join-link issue working links of their purpose on each messenger", async () => {
      const env = { ...database.env, TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_BOT_USERNAME: "school_bot" };
      for (const [command, purpose] of [
        ["invite-territory-coordinator", "territory"],
        ["territory-join-link", "territory-join"],
      ] as const) {
        const issued = await adminJson<{ payload: string; purpose: string; links: Record<string, string | null> }>(
          [command, String(municipality.id)],
          env,
        );
        expect(issued.code).toBe(0);
        expect(issued.document.purpose).toBe(purpose);
        expect(issued.document.links).toEqual({
          telegram: `https://t.me/school_bot?start=${issued.document.payload}`,
          vk: null,
          max: null,
        });
        expect(await inviteState(database, issued.document.payload)).toMatchObject({
          ok: true,
          invite: { purpose, territoryId: municipality.id, orgId: null },
        });
        const readable = await admin([command, String(municipality.id)], env);
        expect(readable.stdout).toContain(`Municipality #${municipality.id} "Городской округ Тверь".`);
        expect(readable.stdout).toMatch(/Telegram: https:\/\/t\.me\/school_bot\?start=[A-Za-z0-9_-]{22}/);
        const unknown = await admin([command, "999999"], database.env);
        expect(unknown.code).toBe(1);
        expect(unknown.stderr).toContain("There is no territory #999999");
      }
    });
  });

  it("an unknown command prints the usage of every command and exits 64", async () => {
    const run = await admin(["frobnicate"], database.env);
    expect(run.code).toBe(64);
    for (const command of [
      "create-org",
      "list-orgs",
      "invite-coordinator",
      "revoke-invites",
      "create-territory",
      "list-territories",
      "attach-org",
      "invite-territory-coordinator",
      "territory-join-link",
      "migrate",
      "check",
      "backup",
      "restore",
    ]) {
      expect(run.stderr).toContain(command);
    }
  });

  describe("check", () => {
    interface Checked {
      ok: boolean;
      checks: Array<{ service: string; ok: boolean; detail: string }>;
    }
    const byService = (document: Checked) => Object.fromEntries(document.checks.map((check) => [check.service, check]));

    it("reaches the database, Redis and the Bot API and exits 0 when all answer", async () => {
      const env = {
        ...database.env,
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      };
      const run = await adminJson<Checked>(["check", "--timeout", "3"], env);
      expect(run.document.checks.filter((check) => !check.ok)).toEqual([]);
      expect(run.code).toBe(0);
      const checks = byService(run.document);
      expect(checks.database?.detail).toMatch(/all \d+ migrations applied/);
      expect(checks.telegram?.ok).toBe(true);
      if (process.env.REDIS_URL) expect(checks.redis?.ok).toBe(true);
    });

    it("names what does not answer and exits 1", async () => {
      const port = await unreachablePort();
      const env = {
        ...database.env,
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`,
        REDIS_URL: `redis://127.0.0.1:${port}`,
      };
      const started = Date.now();
      const run = await adminJson<Checked>(["check", "--timeout", "2"], env);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(run.code).toBe(1);
      expect(run.document.ok).toBe(false);
      const checks = byService(run.document);
      expect(checks.database?.ok).toBe(true);
      expect(checks.telegram).toMatchObject({ ok: false, detail: expect.stringContaining("ECONNREFUSED") });
      expect(checks.redis).toMatchObject({ ok: false, detail: expect.stringContaining("ECONNREFUSED") });
      expect(JSON.stringify(run.document)).not.toContain(telegram.token);

      const readable = await admin(["check", "--timeout", "2"], env);
      expect(readable.stdout).toMatch(/FAIL\s+telegram/);
      expect(readable.stdout).toMatch(/ok\s+database/);
    });

    it("reports an invalid configuration without reaching anything", async () => {
      const run = await adminJson<Checked>(["check"], { ...database.env, TELEGRAM_BOT_TOKEN: "not-a-token" });
      expect(run.code).toBe(1);
      expect(run.document.checks).toEqual([
        expect.objectContaining({ service: "configuration", ok: false, detail: expect.stringContaining("TELEGRAM_BOT_TOKEN") }),
      ]);
    });
  });

  describe("backup and restore", () => {
    let empty: AdminDatabase;
    let folder: string;
    beforeAll(async () => {
      empty = await adminDatabase();
      folder = await mkdtemp(join(tmpdir(), "nastavnik-backup-"));
    });
    afterAll(async () => {
      await empty?.dispose();
      await rm(folder, { recursive: true, force: true });
    });

    it("a backup restores into an empty database with its organisations and participants", async () => {
      const file = join(folder, kind === "postgres" ? "nastavnik.dump" : "nastavnik.tar.gz");
      const backedUp = await adminJson<{ kind: string; bytes: number }>(["backup", file], database.env);
      expect(backedUp.stderr).toBe("");
      expect(backedUp.code).toBe(0);
      expect(backedUp.document).toMatchObject({ kind });
      expect(backedUp.document.bytes).toBeGreaterThan(0);

      const restored = await adminJson<{ organisations: number; participants: number }>(["restore", file], empty.env);
      expect(restored.stderr).toBe("");
      expect(restored.code).toBe(0);
      // The two students invited from a class list are participants too (erased by the revoke, kept as rows).
      expect(restored.document).toMatchObject({ organisations: 1, participants: 4 });

      const listed = await adminJson<OrganisationListing>(["list-orgs"], empty.env);
      expect(listed.document.organisations).toEqual([
        expect.objectContaining({ name: "Школа № 5", coordinators: 1, participants: { mentees: 1, mentors: 0 } }),
      ]);
      const handle = await empty.open();
      try {
        const people = await handle.db.selectFrom("people").select("full_name").orderBy("id").execute();
        // The class list's students were erased by revoke-invites: their rows stay, empty.
        expect(people.map((person) => person.full_name)).toEqual(["Анна Куратор", "Петя Ученик", null, null]);
        // Sequences come back too: the next organisation does not collide with a restored one.
        const next = await createRepositories(handle.db).organisations.create("Гимназия", "Asia/Yekaterinburg");
        expect(next.id).toBeGreaterThan(school.orgId);
      } finally {
        await handle.close();
      }

      const refused = await admin(["restore", file], empty.env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/--force/);

      const forced = await adminJson<{ organisations: number }>(["restore", file, "--force"], empty.env);
      expect(forced.code).toBe(0);
      expect(forced.document.organisations).toBe(1);
    });

    it("a file that is no backup is refused with a reason", async () => {
      const run = await admin(["restore", join(ROOT, "package.json")], empty.env);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("is not a backup of this bot");
    });
  });
});
