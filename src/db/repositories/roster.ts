import { type Kysely, sql } from "kysely";
import type { KnownStudent, RosterStudent } from "#root/domain/roster.ts";
import { isWellFormedToken, TOKEN_POLICY, tokenExpiry } from "#root/domain/tokens.ts";
import type { Locale } from "#root/i18n/translator.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { hashToken, newToken } from "#root/tokens.ts";
import type { Database } from "../schema.ts";
import { InvitesRepository } from "./invites.ts";
import { recordOwnConsent } from "./people.ts";

/** A student created from a class list, with their personal link's token (the only time it exists outside its hash). */
export interface CreatedStudent {
  participantId: number;
  fullName: string;
  grade: string;
  token: string;
}

/** What the personal link's page needs: who the link was made for. */
export interface InvitedStudent {
  participantId: number;
  personId: number;
  orgId: number;
  orgName: string;
  fullName: string;
  grade: string;
  birthYear: number;
  status: string;
}

export interface ClaimRequest {
  token: string;
  accountId: number;
  locale: Locale;
  status: "awaiting_consent" | "active";
  selfConsent?: { textVersion: string; platform: Platform };
  /** A minor: a parent's consent link is issued with the claim and its token comes back. */
  parentLink: boolean;
  now: Date;
}

export type ClaimResult =
  | { ok: true; personId: number; participantId: number; parentLink?: string }
  | { ok: false; reason: "unknown" | "expired" | "used_up" | "already_registered" };

class ClaimRefused extends Error {
  constructor(readonly reason: "used_up" | "already_registered") {
    super(reason);
  }
}

/**
 * Class lists: a checked list waiting for confirmation, the students it creates (in a fixed number
 * of statements, whatever the list's length) and a student's claim of their personal link.
 * Creating people runs unscoped, as registration does (a coordinator's scoped transaction cannot
 * insert people); every statement names the organisation itself.
 */
export class RosterRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The organisation's students not gone, to find a list's duplicates of. */
  async knownStudents(orgId: number): Promise<KnownStudent[]> {
    const rows = await this.db
      .selectFrom("participants")
      .innerJoin("people", "people.id", "participants.person_id")
      .select(["people.full_name", "people.birth_year"])
      .where("participants.org_id", "=", orgId)
      .where("participants.role", "=", "mentee")
      .where("participants.status", "<>", "left")
      .where("people.erased_at", "is", null)
      .execute();
    return rows.map((row) => ({ fullName: row.full_name ?? "", birthYear: row.birth_year }));
  }

  /** Keeps a checked list until the coordinator confirms it; returns its id. */
  async stage(orgId: number, createdBy: number, students: RosterStudent[], now: Date): Promise<number> {
    const row = await this.db
      .insertInto("roster_imports")
      .values({ org_id: orgId, created_by: createdBy, students: JSON.stringify(students), created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /**
   * Creates a confirmed list's students, once: invited participants (the person, the participation,
   * the profile with the class, what the list said) and a single-use personal link each, in two
   * statements inside one transaction. A second confirmation of the same list creates nothing and
   * returns undefined.
   */
  async confirm(importId: number, orgId: number, createdBy: number, now: Date): Promise<CreatedStudent[] | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const staged = await trx
        .updateTable("roster_imports")
        .set({ confirmed_at: now })
        .where("id", "=", importId)
        .where("org_id", "=", orgId)
        .where("confirmed_at", "is", null)
        .returning("students")
        .executeTakeFirst();
      if (!staged) return undefined;
      const students = staged.students;
      if (students.length === 0) return [];
      const tokens = students.map(() => newToken());
      const expires = tokenExpiry("roster", now);
      // Ids are drawn first, so that each row's person, participation, profile and link meet by ordinal.
      const { rows } = await sql<{ participant_id: number; n: number }>`
        WITH input AS MATERIALIZED (
          SELECT u.*, nextval(pg_get_serial_sequence('people', 'id')) AS person_id,
                 nextval(pg_get_serial_sequence('participants', 'id')) AS participant_id
          FROM unnest(${students.map((s) => s.fullName)}::text[], ${students.map((s) => s.birthYear)}::integer[],
                      ${students.map((s) => s.grade)}::text[], ${students.map((s) => s.parentName)}::text[],
                      ${tokens.map((token) => hashToken(token).toString("hex"))}::text[])
               WITH ORDINALITY AS u(full_name, birth_year, grade, parent_name, token_hash, n)
        ),
        new_people AS (
          INSERT INTO people (id, full_name, birth_year, locale) OVERRIDING SYSTEM VALUE
          SELECT person_id, full_name, birth_year, 'ru' FROM input
        ),
        new_participants AS (
          INSERT INTO participants (id, org_id, person_id, role, status, created_at, updated_at) OVERRIDING SYSTEM VALUE
          SELECT participant_id, ${orgId}::bigint, person_id, 'mentee', 'invited', ${now}::timestamptz, ${now}::timestamptz FROM input
        ),
        profiles AS (
          INSERT INTO mentee_profiles (participant_id, grade) SELECT participant_id, grade FROM input
        ),
        listed AS (
          INSERT INTO roster_students (participant_id, org_id, import_id, parent_name)
          SELECT participant_id, ${orgId}::bigint, ${importId}::bigint, parent_name FROM input
        ),
        links AS (
          INSERT INTO invites (token_hash, purpose, org_id, subject_participant_id, subject_person_id, uses_left, expires_at, created_by)
          SELECT decode(token_hash, 'hex'), 'roster', ${orgId}::bigint, participant_id, person_id,
                 ${TOKEN_POLICY.roster.uses}::integer, ${expires}::timestamptz, ${createdBy}::bigint
          FROM input
        )
        SELECT participant_id, n FROM input ORDER BY n`.execute(trx);
      return rows.map((row) => {
        const index = Number(row.n) - 1;
        const student = students[index]!;
        return { participantId: Number(row.participant_id), fullName: student.fullName, grade: student.grade, token: tokens[index]! };
      });
    });
  }

  /** How many of the organisation's invited students can still open their personal link. */
  async unclaimed(orgId: number, now: Date): Promise<number> {
    const row = await this.db
      .selectFrom("participants")
      .innerJoin("invites", "invites.subject_participant_id", "participants.id")
      .select((eb) => eb.fn.count<number>("participants.id").distinct().as("count"))
      .where("participants.org_id", "=", orgId)
      .where("participants.status", "=", "invited")
      .where("invites.purpose", "=", "roster")
      .where("invites.uses_left", ">", 0)
      .where("invites.expires_at", ">", now)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /**
   * Erases the invited students (of one organisation, or of all) whose personal link has ended,
   * expired or revoked, unopened: what the list said of them (name, birth year, class, parent) goes,
   * and they leave the base. Nobody can claim them any more, and a new import of the list makes new
   * links. One statement, whatever their number. Returns how many.
   */
  async eraseUnclaimed(now: Date, orgId?: number): Promise<number> {
    const { rows } = await sql<{ erased: number }>`
      WITH gone AS (
        UPDATE participants SET status = 'left', updated_at = ${now}
        WHERE status = 'invited' ${orgId === undefined ? sql`` : sql`AND org_id = ${orgId}`}
          AND NOT EXISTS (SELECT 1 FROM invites WHERE invites.subject_participant_id = participants.id
                            AND invites.purpose = 'roster' AND invites.uses_left > 0 AND invites.expires_at > ${now})
        RETURNING id, person_id
      ),
      erased AS (
        UPDATE people SET full_name = NULL, birth_year = NULL, erased_at = ${now} FROM gone WHERE people.id = gone.person_id
      ),
      profiles AS (
        UPDATE mentee_profiles SET grade = NULL, directions = '{}', goals = NULL FROM gone WHERE mentee_profiles.participant_id = gone.id
      ),
      situations AS (
        DELETE FROM mentee_situations USING gone WHERE mentee_situations.participant_id = gone.id
      ),
      listed AS (
        UPDATE roster_students SET parent_name = NULL FROM gone WHERE roster_students.participant_id = gone.id
      ),
      links AS (
        UPDATE invites SET uses_left = 0 FROM gone WHERE invites.subject_participant_id = gone.id AND invites.uses_left > 0
      )
      SELECT count(*) AS erased FROM gone`.execute(this.db);
    return Number(rows[0]?.erased ?? 0);
  }

  /** Who a personal link was made for (any state: the flow tells a used link from a fresh one). */
  async invitedStudent(participantId: number): Promise<InvitedStudent | undefined> {
    const row = await this.db
      .selectFrom("participants")
      .innerJoin("people", "people.id", "participants.person_id")
      .innerJoin("organisations", "organisations.id", "participants.org_id")
      .innerJoin("mentee_profiles", "mentee_profiles.participant_id", "participants.id")
      .select([
        "participants.id",
        "participants.person_id",
        "participants.org_id",
        "participants.status",
        "organisations.name",
        "people.full_name",
        "people.birth_year",
        "mentee_profiles.grade",
      ])
      .where("participants.id", "=", participantId)
      .executeTakeFirst();
    if (!row || row.full_name === null || row.birth_year === null) return undefined;
    return {
      participantId: row.id,
      personId: row.person_id,
      orgId: row.org_id,
      orgName: row.name,
      fullName: row.full_name,
      grade: row.grade ?? "",
      birthYear: row.birth_year,
      status: row.status,
    };
  }

  /**
   * A student takes their place from a class list, all or nothing: the link is used up, the chat's
   * account joins the invited person (or, when the account already has a person, the participation
   * moves to them and the stand-in row the list made is erased), the status becomes what consent allows, the
   * own consent is recorded and a minor's parent link issued.
   */
  async claim(request: ClaimRequest): Promise<ClaimResult> {
    if (!isWellFormedToken(request.token)) return { ok: false, reason: "unknown" };
    const { now } = request;
    try {
      return await this.db.transaction().execute(async (trx): Promise<ClaimResult> => {
        const invites = new InvitesRepository(trx);
        const redeemed = await invites.redeem(request.token, now);
        if (!redeemed.ok) return redeemed;
        const { invite } = redeemed;
        if (invite.purpose !== "roster" || invite.subjectParticipantId === null) return { ok: false, reason: "unknown" };
        const participant = await trx
          .selectFrom("participants")
          .select(["id", "person_id", "org_id", "status"])
          .where("id", "=", invite.subjectParticipantId)
          .forUpdate()
          .executeTakeFirst();
        if (participant?.status !== "invited") throw new ClaimRefused("used_up");
        const account = await trx
          .selectFrom("accounts")
          .leftJoin("people", (join) => join.onRef("people.id", "=", "accounts.person_id").on("people.erased_at", "is", null))
          .select(["accounts.id", "people.id as person_id"])
          .where("accounts.id", "=", request.accountId)
          .executeTakeFirstOrThrow();
        let personId = participant.person_id;
        if (account.person_id === null) {
          await trx.updateTable("accounts").set({ person_id: personId }).where("id", "=", request.accountId).execute();
          await trx.updateTable("people").set({ locale: request.locale }).where("id", "=", personId).execute();
        } else {
          const existing = await trx
            .selectFrom("participants")
            .select("id")
            .where("person_id", "=", account.person_id)
            .where("org_id", "=", participant.org_id)
            .where("role", "=", "mentee")
            .where("status", "<>", "left")
            .executeTakeFirst();
          if (existing) throw new ClaimRefused("already_registered");
          const standIn = await trx
            .updateTable("people")
            .set({ full_name: null, birth_year: null, erased_at: now })
            .where("id", "=", personId)
            .returning(["full_name", "birth_year"])
            .executeTakeFirstOrThrow();
          personId = account.person_id;
          await trx
            .updateTable("people")
            .set((eb) => ({ birth_year: eb.fn.coalesce("birth_year", eb.val(standIn.birth_year)) }))
            .where("id", "=", personId)
            .execute();
          await trx.updateTable("invites").set({ subject_person_id: personId }).where("id", "=", invite.id).execute();
        }
        await trx
          .updateTable("participants")
          // Registered now, not when the list was imported: consent waits, and its retention runs, from the claim.
          .set({ person_id: personId, status: request.status, created_at: now, updated_at: now })
          .where("id", "=", participant.id)
          .execute();
        await trx.updateTable("roster_students").set({ claimed_at: now }).where("participant_id", "=", participant.id).execute();
        if (request.selfConsent) await recordOwnConsent(trx, participant.id, personId, request.selfConsent, now);
        const parentLink = request.parentLink
          ? await invites.issue({
              purpose: "consent",
              orgId: participant.org_id,
              subjectParticipantId: participant.id,
              subjectPersonId: personId,
              createdBy: personId,
              now,
            })
          : undefined;
        return { ok: true, personId, participantId: participant.id, ...(parentLink === undefined ? {} : { parentLink }) };
      });
    } catch (error) {
      if (error instanceof ClaimRefused) return { ok: false, reason: error.reason };
      throw error;
    }
  }
}
