import { type ExpressionBuilder, type Kysely, type Selectable, sql } from "kysely";
import type { Membership } from "#root/domain/entities/organisation.ts";
import { type Direction, JOINED_STATUSES, type MentorKind, type ParticipantStatus, type Role } from "#root/domain/programme.ts";
import { isPlausibleToken, TOKEN_POLICY, type TokenPurpose, tokenExpiry } from "#root/domain/tokens.ts";
import type { Locale } from "#root/i18n/translator.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { hashToken, newToken } from "#root/tokens.ts";
import type { Database, ParticipantTable } from "../schema.ts";
import { eraseHelpReportTraces } from "./help-reports.ts";
import { InvitesRepository } from "./invites.ts";
import { type NewOutboxMessage, OutboxRepository } from "./outbox.ts";

export type { Membership } from "#root/domain/entities/organisation.ts";

export interface PersonView {
  id: number;
  fullName: string | null;
  birthYear: number | null;
  locale: Locale;
  /** Meeting reminders and check-in questions are sent (the person may turn them off). */
  remindersOn: boolean;
  /** The organisation a coordinator of several chose to work in (null: the first). */
  currentOrgId: number | null;
}

export interface MenteeAnswers {
  fullName: string;
  birthYear: number;
  grade: string;
  directions: Direction[];
  goals: string;
}

export interface MentorAnswers {
  fullName: string;
  birthYear: number;
  kind: MentorKind;
  directions: Direction[];
  offer: string;
  capacity: number;
  availability: string;
}

export type Registration =
  | { role: "mentee"; answers: MenteeAnswers }
  | { role: "mentor"; answers: MentorAnswers }
  | { role: "coordinator"; answers: { fullName: string } }
  | { role: "parent"; answers: { fullName: string } };

export interface RegisterRequest {
  accountId: number;
  locale: Locale;
  /** The invite that let the person in; used up with the registration. Parents come without one. */
  token?: string;
  orgId: number;
  status: ParticipantStatus;
  registration: Registration;
  /** The person's own consent, given in the chat before saving; recorded with the registration. */
  selfConsent?: { textVersion: string; platform: Platform };
  /**
   * A minor's registration through an invite: a parent's consent link about the new participation
   * is issued with it, and its token comes back as `parentLink`.
   */
  parentLink?: boolean;
  now: Date;
}

export type RegisterResult =
  | {
      ok: true;
      personId: number;
      participantId: number;
      /** The token of the parent's consent link, when one was asked for. */
      parentLink?: string;
    }
  | { ok: false; reason: "unknown" | "expired" | "used_up" | "already_registered" };

export interface BaseEntry {
  participantId: number;
  fullName: string | null;
  birthYear: number | null;
  status: ParticipantStatus;
  detail: string | null;
  directions: string[];
  platforms: Platform[];
}

export interface MenteeProfile extends MenteeAnswers {
  participantId: number;
  status: ParticipantStatus;
}

export interface MentorProfile extends MentorAnswers {
  participantId: number;
  status: ParticipantStatus;
}

/** What delivery needs to decide about quiet hours for one person. */
export interface QuietHoursFacts {
  birthYear: number | null;
  /** The parts the person plays (participations not left). */
  roles: Role[];
  /** The organisation's time zone: of the first active participation, else the first one at all. */
  timezone: string | null;
  /** False when the person turned reminders off. */
  remindersOn: boolean;
}

/** A person who just became unreachable, and the coordinators to tell. */
export interface UnreachablePerson {
  personId: number;
  fullName: string | null;
  reportedAt: Date;
  /** One entry per coordinator of the person's organisations, with the person's part there. */
  coordinators: Array<{ personId: number; orgId: number; role: Role }>;
}

export class InviteRefused extends Error {
  constructor(readonly reason: "unknown" | "expired" | "used_up" | "already_registered") {
    super(reason);
  }
}

export class PeopleRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(personId: number): Promise<PersonView | undefined> {
    const row = await this.db
      .selectFrom("people")
      .select(["id", "full_name", "birth_year", "locale", "reminders_on", "current_org_id"])
      .where("id", "=", personId)
      .where("erased_at", "is", null)
      .executeTakeFirst();
    return row
      ? {
          id: row.id,
          fullName: row.full_name,
          birthYear: row.birth_year,
          locale: row.locale,
          remindersOn: row.reminders_on,
          currentOrgId: row.current_org_id,
        }
      : undefined;
  }

  /** The organisation a coordinator of several works in from now on. */
  async setCurrentOrganisation(personId: number, orgId: number): Promise<void> {
    await this.db.updateTable("people").set({ current_org_id: orgId }).where("id", "=", personId).execute();
  }

  async setReminders(personId: number, on: boolean): Promise<void> {
    await this.db.updateTable("people").set({ reminders_on: on }).where("id", "=", personId).execute();
  }

  async setLocale(personId: number, locale: Locale): Promise<void> {
    await this.db.updateTable("people").set({ locale }).where("id", "=", personId).execute();
  }

  async rename(personId: number, fullName: string): Promise<void> {
    await this.db.updateTable("people").set({ full_name: fullName }).where("id", "=", personId).execute();
  }

  async setBirthYear(personId: number, birthYear: number): Promise<void> {
    await this.db.updateTable("people").set({ birth_year: birthYear }).where("id", "=", personId).execute();
  }

  /** Birth year, parts, time zone and reminder choice of each person, for delivery rules (one query for a batch). */
  async quietHoursFacts(personIds: number[]): Promise<Map<number, QuietHoursFacts>> {
    const facts = new Map<number, QuietHoursFacts>();
    if (personIds.length === 0) return facts;
    const rows = await this.db
      .selectFrom("people")
      .select((eb) => [
        "people.id",
        "people.birth_year",
        "people.reminders_on",
        sql<Role[]>`ARRAY(SELECT DISTINCT p.role FROM participants p WHERE p.person_id = people.id AND p.status <> 'left')`.as("roles"),
        eb
          .selectFrom("participants as p")
          .innerJoin("organisations as o", "o.id", "p.org_id")
          .select("o.timezone")
          .whereRef("p.person_id", "=", "people.id")
          .orderBy(sql`p.status = 'active'`, "desc")
          .orderBy(sql`p.status = 'left'`)
          .orderBy("p.id")
          .limit(1)
          .as("timezone"),
      ])
      .where("people.id", "in", [...new Set(personIds)])
      .execute();
    for (const row of rows) {
      facts.set(row.id, {
        birthYear: row.birth_year,
        roles: row.roles,
        timezone: row.timezone ?? null,
        remindersOn: row.reminders_on,
      });
    }
    return facts;
  }

  /**
   * Marks a person unreachable when every messenger account they have blocked the bot, once: returns
   * undefined when they still have an open account or were already reported. `plan` turns the person
   * into the coordinators' notices, written in the same transaction as the mark, so a notice is
   * neither lost nor planned twice.
   */
  async reportUnreachable(
    personId: number,
    now: Date,
    plan: (person: UnreachablePerson) => NewOutboxMessage[],
  ): Promise<UnreachablePerson | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const marked = await trx
        .updateTable("people")
        .set({ unreachable_reported_at: now })
        .where("id", "=", personId)
        .where("erased_at", "is", null)
        .where("unreachable_reported_at", "is", null)
        .where((eb) =>
          eb.and([
            eb.exists(eb.selectFrom("accounts").select("id").where("person_id", "=", personId).where("blocked_at", "is not", null)),
            eb.not(eb.exists(eb.selectFrom("accounts").select("id").where("person_id", "=", personId).where("blocked_at", "is", null))),
          ]),
        )
        .returning(["id", "full_name"])
        .executeTakeFirst();
      if (!marked) return undefined;
      // One notice per coordinator, naming the person's part in the organisation they share.
      const coordinators = await sql<{ person_id: number; org_id: number; role: Role }>`
        SELECT DISTINCT ON (c.person_id) c.person_id, p.org_id, p.role
        FROM participants p
        JOIN participants c ON c.org_id = p.org_id AND c.role = 'coordinator' AND c.status = 'active'
        WHERE p.person_id = ${personId} AND p.status <> 'left' AND c.person_id <> ${personId}
        ORDER BY c.person_id, p.id`.execute(trx);
      const person: UnreachablePerson = {
        personId,
        fullName: marked.full_name,
        reportedAt: now,
        coordinators: coordinators.rows.map((row) => ({ personId: row.person_id, orgId: row.org_id, role: row.role })),
      };
      await new OutboxRepository(trx).enqueue(plan(person));
      return person;
    });
  }

  /** Every part the person plays, in every organisation, newest first. */
  async memberships(personId: number): Promise<Membership[]> {
    return this.db
      .selectFrom("participants")
      .innerJoin("organisations", "organisations.id", "participants.org_id")
      .leftJoin("mentor_profiles", "mentor_profiles.participant_id", "participants.id")
      .select([
        "participants.id as participantId",
        "participants.org_id as orgId",
        "organisations.name as orgName",
        "organisations.timezone as timezone",
        "participants.role",
        "participants.status",
        "mentor_profiles.review as mentorReview",
      ])
      .where("participants.person_id", "=", personId)
      .where("participants.status", "<>", "left")
      .orderBy("participants.id", "desc")
      .execute();
  }

  /**
   * Registers a person in an organisation, all or nothing: uses the invite, creates or updates the
   * person, links the chat's account, writes the participant, their profile and own consent, and a
   * parent's link when asked. Through an invite (a coordinator, a mentee, a mentor) that is one
   * statement; without one (a parent) a transaction around `registerWithin`.
   */
  async register(request: RegisterRequest): Promise<RegisterResult> {
    const { token, registration } = request;
    if (token !== undefined && registration.role !== "parent") return registerWithInvite(this.db, { ...request, token, registration });
    if (request.parentLink) throw new Error("a parent's link is issued with a registration through an invite only");
    try {
      return await this.db.transaction().execute((trx) => registerWithin(trx, request));
    } catch (error) {
      if (error instanceof InviteRefused) return { ok: false, reason: error.reason };
      throw error;
    }
  }

  async participant(participantId: number): Promise<(Membership & { personId: number }) | undefined> {
    return this.db
      .selectFrom("participants")
      .innerJoin("organisations", "organisations.id", "participants.org_id")
      .leftJoin("mentor_profiles", "mentor_profiles.participant_id", "participants.id")
      .select([
        "participants.id as participantId",
        "participants.person_id as personId",
        "participants.org_id as orgId",
        "organisations.name as orgName",
        "organisations.timezone as timezone",
        "participants.role",
        "participants.status",
        "mentor_profiles.review as mentorReview",
      ])
      .where("participants.id", "=", participantId)
      .executeTakeFirst();
  }

  async setStatus(participantId: number, status: ParticipantStatus): Promise<void> {
    await this.db.updateTable("participants").set({ status, updated_at: new Date() }).where("id", "=", participantId).execute();
  }

  async menteeProfile(participantId: number): Promise<MenteeProfile | undefined> {
    const row = await this.db
      .selectFrom("participants")
      .innerJoin("people", "people.id", "participants.person_id")
      .innerJoin("mentee_profiles", "mentee_profiles.participant_id", "participants.id")
      .select([
        "participants.id",
        "participants.status",
        "people.full_name",
        "people.birth_year",
        "mentee_profiles.grade",
        "mentee_profiles.directions",
        "mentee_profiles.goals",
      ])
      .where("participants.id", "=", participantId)
      .executeTakeFirst();
    return row
      ? {
          participantId: row.id,
          status: row.status,
          fullName: row.full_name ?? "",
          birthYear: row.birth_year ?? 0,
          grade: row.grade ?? "",
          directions: row.directions,
          goals: row.goals ?? "",
        }
      : undefined;
  }

  async mentorProfile(participantId: number): Promise<MentorProfile | undefined> {
    const row = await this.db
      .selectFrom("participants")
      .innerJoin("people", "people.id", "participants.person_id")
      .innerJoin("mentor_profiles", "mentor_profiles.participant_id", "participants.id")
      .select([
        "participants.id",
        "participants.status",
        "people.full_name",
        "people.birth_year",
        "mentor_profiles.kind",
        "mentor_profiles.directions",
        "mentor_profiles.offer",
        "mentor_profiles.capacity",
        "mentor_profiles.availability",
      ])
      .where("participants.id", "=", participantId)
      .executeTakeFirst();
    return row
      ? {
          participantId: row.id,
          status: row.status,
          fullName: row.full_name ?? "",
          birthYear: row.birth_year ?? 0,
          kind: row.kind,
          directions: row.directions,
          offer: row.offer ?? "",
          capacity: row.capacity,
          availability: row.availability ?? "",
        }
      : undefined;
  }

  async updateMenteeProfile(participantId: number, change: Partial<Pick<MenteeAnswers, "grade" | "directions" | "goals">>): Promise<void> {
    if (Object.keys(change).length === 0) return;
    await this.db.updateTable("mentee_profiles").set(change).where("participant_id", "=", participantId).execute();
  }

  async updateMentorProfile(
    participantId: number,
    change: Partial<Pick<MentorAnswers, "kind" | "directions" | "offer" | "capacity" | "availability">>,
  ): Promise<void> {
    if (Object.keys(change).length === 0) return;
    await this.db.updateTable("mentor_profiles").set(change).where("participant_id", "=", participantId).execute();
  }

  /**
   * One page of an organisation's base of mentees or mentors: those who joined (JOINED_STATUSES), by
   * name, with the total for paging. `withInvited` adds the students invited from class lists who have
   * not come yet, after everyone who joined, and how many they are (`invited`, counted in `total`).
   */
  async base(
    orgId: number,
    role: "mentee" | "mentor",
    page: { offset: number; limit: number },
    options: { withInvited?: boolean } = {},
  ): Promise<{ total: number; entries: BaseEntry[]; invited?: number }> {
    const profile = role === "mentee" ? sql`mentee_profiles` : sql`mentor_profiles`;
    const detail = role === "mentee" ? sql`profile.grade` : sql`profile.kind`;
    const statuses: readonly ParticipantStatus[] = options.withInvited ? [...JOINED_STATUSES, "invited"] : JOINED_STATUSES;
    const result = await sql<
      Pick<Selectable<ParticipantTable>, "id" | "status"> & {
        full_name: string | null;
        birth_year: number | null;
        detail: string | null;
        directions: string[];
        platforms: Platform[];
        total: number;
        invited: number;
      }
    >`
      SELECT participants.id, participants.status, people.full_name, people.birth_year,
             ${detail} AS detail, profile.directions,
             ARRAY(SELECT DISTINCT platform FROM accounts WHERE accounts.person_id = people.id ORDER BY platform) AS platforms,
             count(*) OVER () AS total, count(*) FILTER (WHERE participants.status = 'invited') OVER () AS invited
      FROM participants
      JOIN people ON people.id = participants.person_id
      JOIN ${profile} AS profile ON profile.participant_id = participants.id
      WHERE participants.org_id = ${orgId} AND participants.role = ${role} AND participants.status IN (${sql.join(statuses)})
      ORDER BY participants.status = 'invited', people.full_name, participants.id
      OFFSET ${page.offset} LIMIT ${page.limit}`.execute(this.db);
    const first = result.rows[0];
    const counts = first ? { total: Number(first.total), invited: Number(first.invited) } : await this.countBase(orgId, role, statuses);
    return {
      total: counts.total,
      entries: result.rows.map((row) => ({
        participantId: row.id,
        fullName: row.full_name,
        birthYear: row.birth_year,
        status: row.status,
        detail: row.detail,
        directions: row.directions,
        platforms: row.platforms,
      })),
      ...(options.withInvited ? { invited: counts.invited } : {}),
    };
  }

  private async countBase(
    orgId: number,
    role: "mentee" | "mentor",
    statuses: readonly ParticipantStatus[],
  ): Promise<{ total: number; invited: number }> {
    const row = await this.db
      .selectFrom("participants")
      .select((eb) => [eb.fn.countAll<number>().as("total"), sql<number>`count(*) FILTER (WHERE status = 'invited')`.as("invited")])
      .where("org_id", "=", orgId)
      .where("role", "=", role)
      .where("status", "in", statuses)
      .executeTakeFirstOrThrow();
    return { total: Number(row.total), invited: Number(row.invited) };
  }

  /**
   * Removes everything personal about a person: name, birth year, profile answers, the
   * coordinator's notes about them (situations, a decline reason), their questionnaires and answers,
   * the link to their messenger accounts and any open tokens. Consent records stay (they prove what was
   * agreed), pointing at the emptied row. Returns the chats that lose their person.
   */
  /**
   * People whose only reason to be kept has lapsed: a participation declined by a parent before
   * `declinedBefore`, or waiting for consent since before `waitingSince`, and nothing else going on
   * (no other participation active or still waiting). Returns why, for the notice they get.
   */
  async lapsedWithoutConsent(
    declinedBefore: Date,
    waitingSince: Date,
    limit = 500,
  ): Promise<Array<{ personId: number; reason: "declined" | "awaiting_consent" }>> {
    const lapsed = (eb: ExpressionBuilder<Database, "participants">) =>
      eb.or([
        eb.and([eb("participants.status", "=", "declined"), eb("participants.updated_at", "<", declinedBefore)]),
        eb.and([eb("participants.status", "=", "awaiting_consent"), eb("participants.created_at", "<", waitingSince)]),
      ]);
    const rows = await this.db
      .selectFrom("participants")
      .innerJoin("people", "people.id", "participants.person_id")
      .select(["participants.person_id", "participants.status"])
      .distinctOn("participants.person_id")
      .where("participants.role", "in", ["mentee", "mentor"])
      .where("people.erased_at", "is", null)
      .where(lapsed)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("participants as other")
              .select("other.id")
              .whereRef("other.person_id", "=", "participants.person_id")
              .where((eb) =>
                eb.or([
                  eb("other.status", "=", "active"),
                  eb.and([eb("other.status", "=", "awaiting_consent"), eb("other.created_at", ">=", waitingSince)]),
                ]),
              ),
          ),
        ),
      )
      .orderBy("participants.person_id")
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      personId: row.person_id,
      reason: row.status === "declined" ? ("declined" as const) : ("awaiting_consent" as const),
    }));
  }

  async erase(
    personId: number,
    participantStatus: "left" | "withdrawn",
    now: Date,
  ): Promise<Array<{ accountId: number; platform: Platform; chatId: string }>> {
    return this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom("people").select("full_name").where("id", "=", personId).executeTakeFirst();
      await trx.updateTable("people").set({ full_name: null, birth_year: null, erased_at: now }).where("id", "=", personId).execute();
      const participantIds = trx.selectFrom("participants").select("id").where("person_id", "=", personId);
      await eraseTraces(trx, personId, before?.full_name ?? null);
      await eraseHelpReportTraces(trx, personId, now);
      await trx
        .updateTable("mentee_profiles")
        .set({ grade: null, directions: [], goals: null })
        .where("participant_id", "in", participantIds)
        .execute();
      await trx
        .updateTable("mentor_profiles")
        .set({ offer: null, availability: null, directions: [], review_reason: null })
        .where("participant_id", "in", participantIds)
        .execute();
      await trx.deleteFrom("mentee_situations").where("participant_id", "in", participantIds).execute();
      // The person's place in pairs ends: as a mentee of a pair or group, and whole pairs they mentor;
      // a pair left without mentees ends too.
      const leftPairs = await trx
        .updateTable("pair_mentees")
        .set({ ended_at: now })
        .where("mentee_participant_id", "in", participantIds)
        .where("ended_at", "is", null)
        .returning("pair_id")
        .execute();
      await trx
        .updateTable("pairs")
        .set({ status: "ended", ended_at: now })
        .where("status", "=", "published")
        .where((eb) =>
          eb.or([
            eb("mentor_participant_id", "in", participantIds),
            eb.and([
              eb("id", "in", leftPairs.length > 0 ? leftPairs.map((row) => row.pair_id) : [-1]),
              eb.not(
                eb.exists(
                  eb
                    .selectFrom("pair_mentees as still")
                    .select("still.pair_id")
                    .whereRef("still.pair_id", "=", "pairs.id")
                    .where("still.ended_at", "is", null),
                ),
              ),
            ]),
          ]),
        )
        .execute();
      // Questionnaire answers (open ones are the person's own words) go with their surveys.
      await trx.deleteFrom("surveys").where("person_id", "=", personId).execute();
      await trx
        .updateTable("participants")
        .set({ status: participantStatus, updated_at: now })
        .where("person_id", "=", personId)
        .where("status", "not in", ["left", "withdrawn", "declined"])
        .execute();
      await trx
        .updateTable("invites")
        .set({ uses_left: 0 })
        // Links about the person, and the invitation links they handed out as a coordinator.
        .where((eb) =>
          eb.or([
            eb("subject_person_id", "=", personId),
            eb("subject_participant_id", "in", participantIds),
            eb("created_by", "=", personId),
          ]),
        )
        .execute();
      const accounts = await trx
        .updateTable("accounts")
        .set({ person_id: null })
        .where("person_id", "=", personId)
        .returning(["id", "platform", "chat_id"])
        .execute();
      return accounts.map((row) => ({ accountId: row.id, platform: row.platform, chatId: row.chat_id }));
    });
  }
}

/**
 * What an erased person leaves outside their own rows, removed in the erasure's transaction: their
 * words in check-ins, plan change requests and their pairs' chats, every message to them (sent or not), their name in
 * messages to others (a coordinator's notice keeps its sense, "—" stands for the name), and what
 * their chats sent the bot (the inbox keeps processed updates a week for de-duplication).
 */
async function eraseTraces(trx: Kysely<Database>, personId: number, fullName: string | null): Promise<void> {
  await trx
    .updateTable("check_in_answers")
    .set({ reason: null })
    .where("check_in_id", "in", (eb) => eb.selectFrom("check_ins").select("id").where("person_id", "=", personId))
    .execute();
  const pairIds = (eb: ExpressionBuilder<Database, "plans">) =>
    eb.or([
      eb(
        "pair_id",
        "in",
        eb
          .selectFrom("pairs")
          .innerJoin("participants", "participants.id", "pairs.mentor_participant_id")
          .select("pairs.id")
          .where("participants.person_id", "=", personId),
      ),
      eb(
        "pair_id",
        "in",
        eb
          .selectFrom("pair_mentees")
          .innerJoin("participants", "participants.id", "pair_mentees.mentee_participant_id")
          .select("pair_mentees.pair_id")
          .where("participants.person_id", "=", personId),
      ),
    ]);
  await trx.updateTable("plans").set({ change_request: null }).where(pairIds).where("change_request", "is not", null).execute();
  // What they wrote in their pairs' chats goes with them, photos and files included (kept with their
  // messages), and so do the copies on their way to the others or kept after delivery in the outbox
  // (`pair-chat:<message id>:<recipient>`); the chats end, as their pairs do.
  await sql`DELETE FROM outbox WHERE dedup_key LIKE 'pair-chat:%' AND split_part(dedup_key, ':', 2) IN (
    SELECT id::text FROM pair_messages WHERE author_person_id = ${personId})`.execute(trx);
  await trx.deleteFrom("pair_messages").where("author_person_id", "=", personId).execute();
  await trx.deleteFrom("pair_chat_members").where("person_id", "=", personId).execute();
  // A territory's coordinator who leaves stops coordinating it (a colleague invites a successor).
  await trx.deleteFrom("territory_coordinators").where("person_id", "=", personId).execute();
  const accountIds = trx.selectFrom("accounts").select("id").where("person_id", "=", personId);
  await trx
    .deleteFrom("outbox")
    .where((eb) => eb.or([eb("person_id", "=", personId), eb("account_id", "in", accountIds)]))
    // The notice that their data is erased goes to the account afterwards: it carries nothing of them.
    .execute();
  if (fullName) {
    // Names are letters, spaces, dots, hyphens and apostrophes (parsePersonName): replacing them inside
    // the stored JSON keeps it valid.
    await sql`UPDATE outbox SET message = replace(message::text, ${fullName}, '—')::jsonb WHERE strpos(message::text, ${fullName}) > 0`.execute(
      trx,
    );
  }
  await trx
    .deleteFrom("inbox")
    .where("processed_at", "is not", null)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("accounts")
          .select("accounts.id")
          .where("accounts.person_id", "=", personId)
          .whereRef("accounts.platform", "=", "inbox.platform")
          .whereRef("accounts.chat_id", "=", "inbox.chat_id"),
      ),
    )
    .execute();
}

/**
 * Registers a person in an organisation inside the caller's transaction: uses the invite, creates
 * or updates the person, links the chat's account, writes the participant and their profile.
 * Throws InviteRefused, which `PeopleRepository.register` turns into a result. A registration
 * through an invite takes `registerWithInvite`, one statement that keeps the same rules: change
 * the two together.
 */
export async function registerWithin(trx: Kysely<Database>, request: RegisterRequest): Promise<RegisterResult & { ok: true }> {
  const { registration } = request;
  if (request.token !== undefined) {
    const redeemed = await new InvitesRepository(trx).redeem(request.token, request.now);
    if (!redeemed.ok) throw new InviteRefused(redeemed.reason);
    const purpose: TokenPurpose = registration.role === "parent" ? "consent" : registration.role;
    if (redeemed.invite.purpose !== purpose || redeemed.invite.orgId !== request.orgId) throw new InviteRefused("unknown");
  }
  const account = await trx.selectFrom("accounts").select("person_id").where("id", "=", request.accountId).executeTakeFirstOrThrow();
  const existing = account.person_id
    ? await trx
        .selectFrom("people")
        .select(["id", "full_name", "birth_year"])
        .where("id", "=", account.person_id)
        .where("erased_at", "is", null)
        .executeTakeFirst()
    : undefined;
  const birthYear = "birthYear" in registration.answers ? registration.answers.birthYear : undefined;
  let personId: number;
  if (existing) {
    personId = existing.id;
    // A parent's answer names who consents, not who the person is: it never renames a coordinator,
    // a mentor or another child's parent already known by their own name.
    const keepsName = registration.role === "parent" && existing.full_name !== null;
    // A known age is never rewritten by a later registration (the flows keep it and tell the coordinators).
    const changes = {
      ...(keepsName ? {} : { full_name: registration.answers.fullName }),
      ...(birthYear && existing.birth_year === null ? { birth_year: birthYear } : {}),
    };
    if (Object.keys(changes).length > 0) await trx.updateTable("people").set(changes).where("id", "=", personId).execute();
  } else {
    const person = await trx
      .insertInto("people")
      .values({ full_name: registration.answers.fullName, birth_year: birthYear ?? null, locale: request.locale })
      .returning("id")
      .executeTakeFirstOrThrow();
    personId = person.id;
    await trx.updateTable("accounts").set({ person_id: personId }).where("id", "=", request.accountId).execute();
  }
  const duplicate = await trx
    .selectFrom("participants")
    .select("id")
    .where("org_id", "=", request.orgId)
    .where("person_id", "=", personId)
    .where("role", "=", registration.role)
    .where("status", "<>", "left")
    .executeTakeFirst();
  if (duplicate) {
    if (registration.role === "parent") return { ok: true as const, personId, participantId: duplicate.id };
    throw new InviteRefused("already_registered");
  }
  const participant = await trx
    .insertInto("participants")
    // Registered at the caller's clock (not the database's): the digest counts waiting for consent from it.
    .values({
      org_id: request.orgId,
      person_id: personId,
      role: registration.role,
      status: request.status,
      created_at: request.now,
      updated_at: request.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (registration.role === "mentee") {
    const { grade, directions, goals } = registration.answers;
    await trx.insertInto("mentee_profiles").values({ participant_id: participant.id, grade, directions, goals }).execute();
  } else if (registration.role === "mentor") {
    const { kind, directions, offer, capacity, availability } = registration.answers;
    await trx
      .insertInto("mentor_profiles")
      .values({ participant_id: participant.id, kind, directions, offer, capacity, availability })
      .execute();
  }
  if (request.selfConsent) await recordOwnConsent(trx, participant.id, personId, request.selfConsent, request.now);
  return { ok: true as const, personId, participantId: participant.id };
}

type InviteRegistration = RegisterRequest & { token: string; registration: Exclude<Registration, { role: "parent" }> };

/** What the registration statement answers: the new participation, or what it found instead. */
interface RegistrationRow {
  participant_id: number | null;
  person_id: number | null;
  account_found: boolean;
  duplicate: boolean;
  /** The invite as the statement found it (all null: no such invite). */
  purpose: string | null;
  org_id: number | null;
  uses_left: number | null;
  expires_at: Date | null;
}

/**
 * A registration through an invite in one statement (one round trip, no transaction), with the rules
 * of `registerWithin`. Every write hangs on `redeemed`, the invite's use, which happens only when the
 * invite is open for this role and organisation, the chat's account exists and its person does not
 * take this part there yet: a refused registration writes nothing, as the rolled-back transaction did.
 * Each part of the statement sees the database as the statement found it, so the person comes from
 * `new_person` or `renamed` and the participation from `participant`, never from a re-read table.
 */
async function registerWithInvite(db: Kysely<Database>, request: InviteRegistration): Promise<RegisterResult> {
  if (!isPlausibleToken(request.token)) return { ok: false, reason: "unknown" };
  const { registration, orgId, now } = request;
  const { role, answers } = registration;
  const birthYear = "birthYear" in answers ? answers.birthYear : null;
  const tokenHash = hashToken(request.token);
  const parentLink = request.parentLink ? newToken() : undefined;
  const parts = [
    sql`account AS (
      SELECT accounts.id, people.id AS person_id
      FROM accounts LEFT JOIN people ON people.id = accounts.person_id AND people.erased_at IS NULL
      WHERE accounts.id = ${request.accountId}
    )`,
    sql`invite AS (
      SELECT purpose, org_id, uses_left, expires_at FROM invites WHERE token_hash = ${tokenHash}
    )`,
    sql`duplicate AS (
      SELECT participants.id FROM participants JOIN account ON account.person_id = participants.person_id
      WHERE participants.org_id = ${orgId} AND participants.role = ${role} AND participants.status <> 'left'
    )`,
    sql`redeemed AS (
      UPDATE invites SET uses_left = uses_left - 1
      WHERE token_hash = ${tokenHash} AND uses_left > 0 AND expires_at > ${now}
        AND purpose = ${role} AND org_id = ${orgId}
        AND EXISTS (SELECT 1 FROM account) AND NOT EXISTS (SELECT 1 FROM duplicate)
      RETURNING id
    )`,
    sql`new_person AS (
      INSERT INTO people (full_name, birth_year, locale)
      SELECT ${answers.fullName}::text, ${birthYear}::integer, ${request.locale}::text
      FROM redeemed, account WHERE account.person_id IS NULL
      RETURNING id
    )`,
    sql`linked AS (
      UPDATE accounts SET person_id = new_person.id FROM new_person WHERE accounts.id = ${request.accountId}
    )`,
    // A known age is never rewritten by a later registration (the flows keep it and tell the coordinators).
    sql`renamed AS (
      UPDATE people SET full_name = ${answers.fullName}::text, birth_year = coalesce(people.birth_year, ${birthYear}::integer)
      FROM account, redeemed WHERE people.id = account.person_id
      RETURNING people.id
    )`,
    // Registered at the caller's clock (not the database's): the digest counts waiting for consent from it.
    sql`participant AS (
      INSERT INTO participants (org_id, person_id, role, status, created_at, updated_at)
      SELECT ${orgId}::bigint, person.id, ${role}::text, ${request.status}::text, ${now}::timestamptz, ${now}::timestamptz
      FROM (SELECT id FROM new_person UNION ALL SELECT id FROM renamed) AS person
      RETURNING id, person_id
    )`,
  ];
  if (registration.role === "mentee") {
    const { grade, directions, goals } = registration.answers;
    parts.push(sql`profile AS (
      INSERT INTO mentee_profiles (participant_id, grade, directions, goals)
      SELECT id, ${grade}::text, ${directions}::text[], ${goals}::text FROM participant
    )`);
  } else if (registration.role === "mentor") {
    const { kind, directions, offer, capacity, availability } = registration.answers;
    parts.push(sql`profile AS (
      INSERT INTO mentor_profiles (participant_id, kind, directions, offer, capacity, availability)
      SELECT id, ${kind}::text, ${directions}::text[], ${offer}::text, ${capacity}::integer, ${availability}::text FROM participant
    )`);
  }
  if (request.selfConsent) {
    parts.push(sql`own_consent AS (
      INSERT INTO consents (participant_id, giver, giver_person_id, text_version, decision, platform, decided_at)
      SELECT id, 'self', person_id, ${request.selfConsent.textVersion}::text, 'granted', ${request.selfConsent.platform}::text, ${now}::timestamptz
      FROM participant
    )`);
  }
  if (parentLink !== undefined) {
    // As InvitesRepository.issue writes a consent link; the participation is new, so no older link to end.
    parts.push(sql`parent_link AS (
      INSERT INTO invites (token_hash, purpose, org_id, subject_participant_id, subject_person_id, uses_left, expires_at, created_by)
      SELECT ${hashToken(parentLink)}::bytea, 'consent', ${orgId}::bigint, id, person_id,
             ${TOKEN_POLICY.consent.uses}::integer, ${tokenExpiry("consent", now)}::timestamptz, person_id
      FROM participant
    )`);
  }
  const { rows } = await sql<RegistrationRow>`
    WITH ${sql.join(parts, sql`, `)}
    SELECT (SELECT id FROM participant) AS participant_id,
           (SELECT person_id FROM participant) AS person_id,
           EXISTS (SELECT 1 FROM account) AS account_found,
           EXISTS (SELECT 1 FROM duplicate) AS duplicate,
           invite.purpose, invite.org_id, invite.uses_left, invite.expires_at
    FROM (SELECT 1) AS one LEFT JOIN invite ON true`.execute(db);
  const row = rows[0]!;
  if (row.participant_id !== null && row.person_id !== null) {
    return { ok: true, personId: row.person_id, participantId: row.participant_id, ...(parentLink === undefined ? {} : { parentLink }) };
  }
  return { ok: false, reason: refusal(row, request) };
}

/** Why a registration through an invite wrote nothing, checked in the order `registerWithin` checks. */
function refusal(row: RegistrationRow, request: InviteRegistration): "unknown" | "expired" | "used_up" | "already_registered" {
  if (row.purpose === null || row.uses_left === null || row.expires_at === null) return "unknown";
  if (row.expires_at.getTime() <= request.now.getTime()) return "expired";
  if (row.uses_left <= 0) return "used_up";
  if (row.purpose !== request.registration.role || row.org_id !== request.orgId) return "unknown";
  if (!row.account_found) throw new Error(`no account ${request.accountId} to register`);
  if (row.duplicate) return "already_registered";
  // Open when the statement began: another registration took its last use meanwhile, or it was revoked.
  return "used_up";
}

/** A person's own consent to their participation, given as they register (14 and older, or an adult). */
export async function recordOwnConsent(
  trx: Kysely<Database>,
  participantId: number,
  personId: number,
  consent: { textVersion: string; platform: Platform },
  at: Date,
): Promise<void> {
  await trx
    .insertInto("consents")
    .values({
      participant_id: participantId,
      giver: "self",
      giver_person_id: personId,
      text_version: consent.textVersion,
      decision: "granted",
      platform: consent.platform,
      decided_at: at,
    })
    .execute();
}
