import type { Kysely } from "kysely";
import type { Role } from "#root/domain/programme.ts";
import type { Database } from "../schema.ts";
import { standingParentGrant } from "./consents.ts";

/*
 * Parents who know (issue 18): the parents whose consent stands for the children of a pair, the
 * children a parent sees on their screen, and the two switches (the parent's own, and the choice for
 * a child). Whether a parent is told is the domain's rule (src/domain/parent-notices.ts): these
 * queries only gather its facts.
 */

/** A parent whose consent for a child of a pair stands, with what the rule by age needs. */
export interface MeetingWatcher {
  childParticipantId: number;
  childPersonId: number;
  childName: string | null;
  childBirthYear: number | null;
  /** What the child or a coordinator chose; null: nobody chose. */
  choice: boolean | null;
  parentPersonId: number;
  /** The parent's own switch. */
  parentWantsNotices: boolean;
}

/** A child of a parent (their consent stands), as the parent's screen shows them. */
export interface ParentsChild {
  participantId: number;
  personId: number;
  name: string | null;
  birthYear: number | null;
  role: Role;
  choice: boolean | null;
  orgId: number;
  orgName: string;
  timeZone: string;
}

/** A participation whose parents-told choice a child or a coordinator may set. */
export interface ParentsToldChoice {
  participantId: number;
  orgId: number;
  orgName: string;
  name: string | null;
  birthYear: number | null;
  choice: boolean | null;
  /** A parent's consent stands: someone would be told. */
  hasParent: boolean;
}

export class ParentsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * The parents of these participants whose consent stands, for children taking part and not erased.
   * One query, whatever the size of the pair or group.
   */
  async watchersOf(participantIds: number[]): Promise<MeetingWatcher[]> {
    if (participantIds.length === 0) return [];
    const rows = await this.db
      .selectFrom("consents")
      .innerJoin("participants as child", "child.id", "consents.participant_id")
      .innerJoin("people as child_person", "child_person.id", "child.person_id")
      .innerJoin("people as parent", "parent.id", "consents.giver_person_id")
      .select([
        "child.id as child_participant_id",
        "child.person_id as child_person_id",
        "child_person.full_name as child_name",
        "child_person.birth_year as child_birth_year",
        "child.parents_told_of_meetings as choice",
        "parent.id as parent_person_id",
        "parent.meeting_notices_on",
      ])
      .distinct()
      .where("consents.participant_id", "in", participantIds)
      .where(standingParentGrant())
      .where("child.status", "=", "active")
      .where("child_person.erased_at", "is", null)
      .where("parent.erased_at", "is", null)
      .orderBy("child.id")
      .orderBy("parent.id")
      .execute();
    return rows.map((row) => ({
      childParticipantId: row.child_participant_id,
      childPersonId: row.child_person_id,
      childName: row.child_name,
      childBirthYear: row.child_birth_year,
      choice: row.choice,
      parentPersonId: row.parent_person_id,
      parentWantsNotices: row.meeting_notices_on,
    }));
  }

  /** The children a parent's consent stands for, taking part (not those withdrawn or erased), oldest consent first. */
  async childrenOf(parentPersonId: number): Promise<ParentsChild[]> {
    const rows = await this.db
      .selectFrom("consents")
      .innerJoin("participants as child", "child.id", "consents.participant_id")
      .innerJoin("people as child_person", "child_person.id", "child.person_id")
      .innerJoin("organisations", "organisations.id", "child.org_id")
      .select([
        "child.id",
        "child.person_id",
        "child_person.full_name",
        "child_person.birth_year",
        "child.role",
        "child.parents_told_of_meetings",
        "organisations.id as org_id",
        "organisations.name as org_name",
        "organisations.timezone",
      ])
      .distinct()
      .where("consents.giver_person_id", "=", parentPersonId)
      .where(standingParentGrant())
      .where("child.status", "=", "active")
      .where("child_person.erased_at", "is", null)
      .orderBy("child.id")
      .execute();
    return rows.map((row) => ({
      participantId: row.id,
      personId: row.person_id,
      name: row.full_name,
      birthYear: row.birth_year,
      role: row.role,
      choice: row.parents_told_of_meetings,
      orgId: row.org_id,
      orgName: row.org_name,
      timeZone: row.timezone,
    }));
  }

  /** Whether the parent wants the notices of their children's meetings. */
  async noticesOn(personId: number): Promise<boolean> {
    const row = await this.db.selectFrom("people").select("meeting_notices_on").where("id", "=", personId).executeTakeFirst();
    return row?.meeting_notices_on ?? true;
  }

  /** The parent's own switch; returns whether it changed (false: it already was so). */
  async setNotices(personId: number, on: boolean): Promise<boolean> {
    const result = await this.db
      .updateTable("people")
      .set({ meeting_notices_on: on })
      .where("id", "=", personId)
      .where("meeting_notices_on", "=", !on)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * The participations (mentee or mentor, taking part) of a person or of an organisation's minors
   * born after `bornAfter`, with their choice and whether a parent's consent stands for them.
   */
  async choices(filter: { personId: number } | { orgId: number; bornAfter: number }): Promise<ParentsToldChoice[]> {
    let query = this.db
      .selectFrom("participants")
      .innerJoin("people", "people.id", "participants.person_id")
      .innerJoin("organisations", "organisations.id", "participants.org_id")
      .select((eb) => [
        "participants.id",
        "participants.org_id",
        "organisations.name as org_name",
        "people.full_name",
        "people.birth_year",
        "participants.parents_told_of_meetings",
        eb
          .exists(
            eb
              .selectFrom("consents")
              .select("consents.id")
              .whereRef("consents.participant_id", "=", "participants.id")
              .where(standingParentGrant()),
          )
          .as("has_parent"),
      ])
      .where("participants.role", "in", ["mentee", "mentor"])
      .where("participants.status", "=", "active")
      .where("people.erased_at", "is", null);
    query =
      "personId" in filter
        ? query.where("participants.person_id", "=", filter.personId)
        : query.where("participants.org_id", "=", filter.orgId).where("people.birth_year", ">", filter.bornAfter);
    const rows = await query.orderBy("people.full_name").orderBy("participants.id").execute();
    return rows.map((row) => ({
      participantId: row.id,
      orgId: row.org_id,
      orgName: row.org_name,
      name: row.full_name,
      birthYear: row.birth_year,
      choice: row.parents_told_of_meetings,
      hasParent: Boolean(row.has_parent),
    }));
  }

  /**
   * Records whether the parents are told of a participant's meetings, and who chose; `orgId` confines a
   * coordinator to their organisation. Returns false when there is no such participation taking part.
   */
  async setChoice(participantId: number, choice: boolean, by: number, at: Date, orgId?: number): Promise<boolean> {
    let query = this.db
      .updateTable("participants")
      .set({ parents_told_of_meetings: choice, parents_told_set_by: by, parents_told_set_at: at })
      .where("id", "=", participantId)
      .where("status", "=", "active");
    if (orgId !== undefined) query = query.where("org_id", "=", orgId);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
