/**
 * Migration 022 under row-level security: a coordinator's scope sets whether the parents of a
 * participant of its own organisation are told of the meetings, never of another organisation's, and
 * cannot touch a parent's own switch; the parent (unscoped, their own flow) can. Only parents whose
 * consent stands, for children taking part, are found to be told.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#root/db/connection.ts";
import { createRepositories, type Repositories } from "#root/db/repositories/index.ts";
import { inOrganisation } from "#root/db/scope.ts";
import { openTestDatabase } from "../support/database.ts";

let database: DatabaseHandle;
let repos: Repositories;

async function organisation(name: string): Promise<number> {
  const row = await database.db
    .insertInto("organisations")
    .values({ name, timezone: "Europe/Moscow" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function person(fullName: string, birthYear: number | null): Promise<number> {
  const row = await database.db
    .insertInto("people")
    .values({ full_name: fullName, birth_year: birthYear })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function participant(orgId: number, personId: number, role: "mentee" | "parent", status = "active"): Promise<number> {
  const row = await database.db
    .insertInto("participants")
    .values({ org_id: orgId, person_id: personId, role, status })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function parentGrant(childParticipantId: number, parentPersonId: number, withdrawn = false): Promise<void> {
  await database.db
    .insertInto("consents")
    .values({
      participant_id: childParticipantId,
      giver: "parent",
      giver_person_id: parentPersonId,
      text_version: "2026-12",
      decision: "granted",
      platform: "telegram",
      decided_at: new Date(),
      withdrawn_at: withdrawn ? new Date() : null,
    })
    .execute();
}

const family = { orgA: 0, orgB: 0, childA: 0, childB: 0, withdrawnChild: 0, parent: 0, coordinator: 0 };

beforeAll(async () => {
  database = await openTestDatabase();
  repos = createRepositories(database.db);
  family.orgA = await organisation("Школа А");
  family.orgB = await organisation("Школа Б");
  family.parent = await person("Ольга Петровна Соколова", 1985);
  family.coordinator = await person("Анна Петровна Смирнова", 1980);
  family.childA = await participant(family.orgA, await person("Петя Соколов", 2014), "mentee");
  family.childB = await participant(family.orgB, await person("Маша Соколова", 2011), "mentee");
  family.withdrawnChild = await participant(family.orgA, await person("Коля Соколов", 2016), "mentee", "withdrawn");
  await participant(family.orgA, family.parent, "parent");
  await parentGrant(family.childA, family.parent);
  await parentGrant(family.childB, family.parent);
  await parentGrant(family.withdrawnChild, family.parent, true);
});

afterAll(async () => {
  await database?.close();
});

describe("parents told of meetings, in the database", () => {
  it("finds the parents whose consent stands, for children taking part only", async () => {
    const watchers = await repos.parents.watchersOf([family.childA, family.childB, family.withdrawnChild]);
    expect(watchers.map((watcher) => [watcher.childName, watcher.parentPersonId, watcher.choice, watcher.parentWantsNotices])).toEqual([
      ["Петя Соколов", family.parent, null, true],
      ["Маша Соколова", family.parent, null, true],
    ]);
    expect((await repos.parents.childrenOf(family.parent)).map((child) => child.name)).toEqual(["Петя Соколов", "Маша Соколова"]);
  });

  it("lets a coordinator's scope set the choice in its own organisation, and not in another", async () => {
    const at = new Date();
    await inOrganisation(database.db, family.orgA, async (scoped) => {
      expect(await scoped.parents.setChoice(family.childA, false, family.coordinator, at, family.orgA)).toBe(true);
      // Another organisation's child, even with the filter left out: row-level security hides the row.
      expect(await scoped.parents.setChoice(family.childB, true, family.coordinator, at)).toBe(false);
    });
    const rows = await database.db
      .selectFrom("participants")
      .select(["id", "parents_told_of_meetings", "parents_told_set_by"])
      .where("id", "in", [family.childA, family.childB])
      .orderBy("id")
      .execute();
    expect(rows).toEqual([
      { id: family.childA, parents_told_of_meetings: false, parents_told_set_by: family.coordinator },
      { id: family.childB, parents_told_of_meetings: null, parents_told_set_by: null },
    ]);
  });

  it("keeps a parent's own switch theirs: the coordinator's scope cannot change it, the parent can", async () => {
    await expect(inOrganisation(database.db, family.orgA, (scoped) => scoped.parents.setNotices(family.parent, false))).rejects.toThrow(
      /theirs to switch/,
    );
    expect(await repos.parents.noticesOn(family.parent)).toBe(true);
    expect(await repos.parents.setNotices(family.parent, false)).toBe(true);
    expect(await repos.parents.setNotices(family.parent, false)).toBe(false);
    expect((await repos.parents.watchersOf([family.childA])).map((watcher) => watcher.parentWantsNotices)).toEqual([false]);
  });
});
