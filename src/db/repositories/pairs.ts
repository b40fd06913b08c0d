import { type Kysely, sql } from "kysely";
import type { PairStatus, WorkingPair } from "#root/domain/entities/pair.ts";
import type { InteractionVariant } from "#root/domain/interaction-variants.ts";
import type { MatchMentee, MatchMentor, ScoreParts } from "#root/domain/matching.ts";
import type { MenteeSituation } from "#root/domain/mentor-review.ts";
import type { Direction, MentoringForm, MentorKind } from "#root/domain/programme.ts";
import type { Database } from "../schema.ts";
import { standingParentGrant } from "./consents.ts";

export type { PairMember, PairStatus, WorkingPair } from "#root/domain/entities/pair.ts";

export interface DraftMember {
  menteeId: number;
  score: number;
  why: ScoreParts | null;
  pinned: boolean;
}

export interface DraftUnit {
  mentorId: number;
  form: MentoringForm;
  direction: Direction | null;
  /** The interaction variant of a student–student unit; none for other forms. */
  variant?: InteractionVariant | null;
  members: DraftMember[];
}

export interface PairUnit {
  pairId: number;
  mentorId: number;
  mentorPersonId: number;
  mentorName: string | null;
  mentorKind: MentorKind;
  form: MentoringForm;
  direction: Direction | null;
  variant: InteractionVariant | null;
  status: PairStatus;
  members: Array<
    DraftMember & { menteePersonId: number; menteeName: string | null; menteeGrade: string | null; menteeBirthYear: number | null }
  >;
}

export interface MatchingPool {
  mentees: Array<MatchMentee & { name: string | null }>;
  mentors: Array<MatchMentor & { name: string | null }>;
  /** Registered but not ready: mentees waiting for consent, mentors not approved yet. */
  menteesWaitingConsent: number;
  mentorsNotApproved: number;
}

/** Pairs and groups of a cycle: who is ready to match, the draft, publishing. */
export class PairsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Who can be matched in a cycle: mentees with consent and not in a published pair of it, and
   * approved mentors with the places they have left.
   */
  async pool(orgId: number, cycleId: number): Promise<MatchingPool> {
    const mentees = await this.db
      .selectFrom("participants")
      .innerJoin("people", "people.id", "participants.person_id")
      .innerJoin("mentee_profiles", "mentee_profiles.participant_id", "participants.id")
      .select(["participants.id", "people.full_name", "people.birth_year", "mentee_profiles.directions", "mentee_profiles.goals"])
      .where("participants.org_id", "=", orgId)
      .where("participants.role", "=", "mentee")
      .where("participants.status", "=", "active")
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("pair_mentees")
              .innerJoin("pairs", "pairs.id", "pair_mentees.pair_id")
              .select(sql`1`.as("one"))
              .whereRef("pair_mentees.mentee_participant_id", "=", "participants.id")
              .where("pair_mentees.cycle_id", "=", cycleId)
              .where("pairs.status", "=", "published")
              .where("pair_mentees.ended_at", "is", null),
          ),
        ),
      )
      .orderBy("participants.id")
      .execute();
    const mentors = await this.db
      .selectFrom("participants")
      .innerJoin("people", "people.id", "participants.person_id")
      .innerJoin("mentor_profiles", "mentor_profiles.participant_id", "participants.id")
      .select([
        "participants.id",
        "people.full_name",
        "people.birth_year",
        "mentor_profiles.kind",
        "mentor_profiles.directions",
        "mentor_profiles.offer",
        "mentor_profiles.availability",
        "mentor_profiles.capacity",
        sql<number>`(SELECT count(*) FROM pair_mentees pm JOIN pairs p ON p.id = pm.pair_id
                     WHERE p.mentor_participant_id = participants.id AND p.cycle_id = ${cycleId}
                       AND p.status = 'published' AND pm.ended_at IS NULL)`.as("taken"),
      ])
      .where("participants.org_id", "=", orgId)
      .where("participants.role", "=", "mentor")
      .where("participants.status", "=", "active")
      .where("mentor_profiles.review", "=", "approved")
      .orderBy("participants.id")
      .execute();
    const waiting = await this.db
      .selectFrom("participants")
      .leftJoin("mentor_profiles", "mentor_profiles.participant_id", "participants.id")
      .select([
        sql<number>`count(*) FILTER (WHERE participants.role = 'mentee' AND participants.status = 'awaiting_consent')`.as("mentees"),
        // Waiting for the coordinator's decision: a declined mentor is not waiting.
        sql<number>`count(*) FILTER (WHERE participants.role = 'mentor' AND participants.status IN ('active', 'awaiting_consent') AND mentor_profiles.review = 'pending')`.as(
          "mentors",
        ),
      ])
      .where("participants.org_id", "=", orgId)
      .executeTakeFirstOrThrow();
    return {
      mentees: mentees.map((row) => ({
        id: row.id,
        orgId,
        cycleId,
        name: row.full_name,
        birthYear: row.birth_year ?? 0,
        directions: row.directions,
        request: row.goals ?? "",
      })),
      mentors: mentors.map((row) => ({
        id: row.id,
        orgId,
        cycleId,
        name: row.full_name,
        birthYear: row.birth_year ?? 9999,
        kind: row.kind,
        directions: row.directions,
        offer: row.offer ?? "",
        availability: row.availability ?? "",
        capacity: Math.max(0, row.capacity - Number(row.taken)),
      })),
      menteesWaitingConsent: Number(waiting.mentees),
      mentorsNotApproved: Number(waiting.mentors),
    };
  }

  /** Mentor–mentee pairs of the organisation's other cycles: never suggested again. */
  async earlierPairs(orgId: number, cycleId: number): Promise<Array<[number, number]>> {
    const rows = await this.db
      .selectFrom("pair_mentees")
      .innerJoin("pairs", "pairs.id", "pair_mentees.pair_id")
      .select(["pairs.mentor_participant_id", "pair_mentees.mentee_participant_id"])
      .where("pairs.org_id", "=", orgId)
      .where("pairs.cycle_id", "<>", cycleId)
      .where("pairs.status", "in", ["published", "ended"])
      .execute();
    return rows.map((row) => [row.mentor_participant_id, row.mentee_participant_id]);
  }

  /** Replaces the cycle's draft with these units. */
  async saveDraft(orgId: number, cycleId: number, units: DraftUnit[]): Promise<void> {
    await this.db.deleteFrom("pairs").where("cycle_id", "=", cycleId).where("status", "=", "draft").execute();
    for (const unit of units) {
      if (unit.members.length === 0) continue;
      const pair = await this.db
        .insertInto("pairs")
        .values({
          org_id: orgId,
          cycle_id: cycleId,
          mentor_participant_id: unit.mentorId,
          form: unit.form,
          direction: unit.direction,
          variant: unit.variant ?? null,
          status: "draft",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await this.db
        .insertInto("pair_mentees")
        .values(
          unit.members.map((member) => ({
            pair_id: pair.id,
            mentee_participant_id: member.menteeId,
            org_id: orgId,
            cycle_id: cycleId,
            score: member.score,
            reason: JSON.stringify(member.why ?? {}),
            pinned: member.pinned,
          })),
        )
        .execute();
    }
  }

  /** Pairs with their mentor and the mentees still in them (one row per mentee), each with their person. */
  private withCurrentMembers() {
    return this.db
      .selectFrom("pairs")
      .innerJoin("participants as mentor", "mentor.id", "pairs.mentor_participant_id")
      .innerJoin("people as mentor_person", "mentor_person.id", "mentor.person_id")
      .innerJoin("pair_mentees", "pair_mentees.pair_id", "pairs.id")
      .innerJoin("participants as mentee", "mentee.id", "pair_mentees.mentee_participant_id")
      .innerJoin("people as mentee_person", "mentee_person.id", "mentee.person_id")
      .where("pair_mentees.ended_at", "is", null);
  }

  /** The cycle's units in a status, with names, mentors in name order. */
  async units(cycleId: number, status: "draft" | "published"): Promise<PairUnit[]> {
    const rows = await this.withCurrentMembers()
      .innerJoin("mentor_profiles", "mentor_profiles.participant_id", "mentor.id")
      .leftJoin("mentee_profiles", "mentee_profiles.participant_id", "mentee.id")
      .select([
        "pairs.id as pairId",
        "pairs.mentor_participant_id as mentorId",
        "mentor.person_id as mentorPersonId",
        "mentor_person.full_name as mentorName",
        "mentor_profiles.kind as mentorKind",
        "pairs.form",
        "pairs.direction",
        "pairs.variant",
        "pairs.status",
        "pair_mentees.mentee_participant_id as menteeId",
        "mentee.person_id as menteePersonId",
        "mentee_person.full_name as menteeName",
        "mentee_person.birth_year as menteeBirthYear",
        "mentee_profiles.grade as menteeGrade",
        "pair_mentees.score",
        "pair_mentees.reason",
        "pair_mentees.pinned",
      ])
      .where("pairs.cycle_id", "=", cycleId)
      .where("pairs.status", "=", status)
      .orderBy("mentor_person.full_name")
      .orderBy("pairs.id")
      .orderBy("mentee_person.full_name")
      .execute();
    const units = new Map<number, PairUnit>();
    for (const row of rows) {
      let unit = units.get(row.pairId);
      if (!unit) {
        unit = {
          pairId: row.pairId,
          mentorId: row.mentorId,
          mentorPersonId: row.mentorPersonId,
          mentorName: row.mentorName,
          mentorKind: row.mentorKind,
          form: row.form,
          direction: row.direction,
          variant: row.variant,
          status: row.status,
          members: [],
        };
        units.set(row.pairId, unit);
      }
      // jsonb: the ScoreParts saveDraft wrote, or {} for a member without them.
      const why = row.reason as ScoreParts | { sharedDirections?: undefined };
      unit.members.push({
        menteeId: row.menteeId,
        menteePersonId: row.menteePersonId,
        menteeName: row.menteeName,
        menteeBirthYear: row.menteeBirthYear,
        menteeGrade: row.menteeGrade,
        score: row.score,
        why: why.sharedDirections ? why : null,
        pinned: row.pinned,
      });
    }
    return [...units.values()];
  }

  /** Sets the interaction variant of a student–student unit of a draft; false when there is no such unit. */
  async setDraftVariant(pairId: number, variant: InteractionVariant): Promise<boolean> {
    const result = await this.db
      .updateTable("pairs")
      .set({ variant })
      .where("id", "=", pairId)
      .where("status", "=", "draft")
      .where("form", "=", "student_student")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Publishes the draft: the units become the cycle's pairs and groups. Returns how many. */
  async publish(cycleId: number, at: Date): Promise<number> {
    const result = await this.db
      .updateTable("pairs")
      .set({ status: "published", published_at: at })
      .where("cycle_id", "=", cycleId)
      .where("status", "=", "draft")
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async setSituations(orgId: number, participantId: number, situations: MenteeSituation[], by: number, at: Date): Promise<void> {
    if (situations.length === 0) {
      await this.db.deleteFrom("mentee_situations").where("participant_id", "=", participantId).execute();
      return;
    }
    await this.db
      .insertInto("mentee_situations")
      .values({ participant_id: participantId, org_id: orgId, situations, recorded_by: by, recorded_at: at })
      .onConflict((conflict) => conflict.column("participant_id").doUpdateSet({ situations, recorded_by: by, recorded_at: at }))
      .execute();
  }

  async situations(participantIds: number[]): Promise<Map<number, MenteeSituation[]>> {
    if (participantIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom("mentee_situations")
      .select(["participant_id", "situations"])
      .where("participant_id", "in", participantIds)
      .execute();
    return new Map(rows.map((row) => [row.participant_id, row.situations]));
  }

  /** Parents who consented for these mentees (to tell them the pair). */
  async parentsOf(menteeIds: number[]): Promise<Array<{ menteeId: number; parentPersonId: number }>> {
    if (menteeIds.length === 0) return [];
    const rows = await this.db
      .selectFrom("consents")
      .select(["participant_id", "giver_person_id"])
      .distinct()
      .where("participant_id", "in", menteeIds)
      .where(standingParentGrant())
      .execute();
    return rows.map((row) => ({ menteeId: row.participant_id, parentPersonId: row.giver_person_id }));
  }

  /**
   * Working pairs and groups (published, in a cycle at work) matching a filter: those of a person (as
   * mentor or mentee), one pair, or all of an organisation. One query, whatever the number of pairs.
   */
  async working(filter: { personId: number } | { pairId: number } | { orgId: number } | { all: true }): Promise<WorkingPair[]> {
    let query = this.withCurrentMembers()
      .innerJoin("cycles", "cycles.id", "pairs.cycle_id")
      .innerJoin("organisations", "organisations.id", "pairs.org_id")
      .select([
        "pairs.id as pairId",
        "pairs.org_id as orgId",
        "organisations.name as orgName",
        "organisations.timezone as timeZone",
        "pairs.cycle_id as cycleId",
        "cycles.ends_on as cycleEndsOn",
        "cycles.check_in_every_days as checkInEveryDays",
        "pairs.form",
        "pairs.direction",
        "pairs.published_at as publishedAt",
        "mentor.id as mentorId",
        "mentor.person_id as mentorPersonId",
        "mentor_person.full_name as mentorName",
        "mentor_person.birth_year as mentorBirthYear",
        "mentee.id as menteeId",
        "mentee.person_id as menteePersonId",
        "mentee_person.full_name as menteeName",
        "mentee_person.birth_year as menteeBirthYear",
      ])
      .where("pairs.status", "=", "published")
      .where("cycles.stage", "=", "working")
      .where("mentor.status", "=", "active")
      .where("mentee.status", "=", "active");
    if ("personId" in filter) {
      const personId = filter.personId;
      query = query.where((eb) =>
        eb.or([
          eb("mentor.person_id", "=", personId),
          eb.exists(
            eb
              .selectFrom("pair_mentees as mine")
              .innerJoin("participants as me", "me.id", "mine.mentee_participant_id")
              .select(sql`1`.as("one"))
              .whereRef("mine.pair_id", "=", "pairs.id")
              .where("mine.ended_at", "is", null)
              .where("me.person_id", "=", personId),
          ),
        ]),
      );
    } else if ("pairId" in filter) query = query.where("pairs.id", "=", filter.pairId);
    else if ("orgId" in filter) query = query.where("pairs.org_id", "=", filter.orgId);
    const rows = await query.orderBy("pairs.id").orderBy("mentee_person.full_name").orderBy("mentee.id").execute();
    const pairs = new Map<number, WorkingPair>();
    for (const row of rows) {
      let pair = pairs.get(row.pairId);
      if (!pair) {
        pair = {
          pairId: row.pairId,
          orgId: row.orgId,
          orgName: row.orgName,
          timeZone: row.timeZone,
          cycleId: row.cycleId,
          cycleEndsOn: row.cycleEndsOn,
          checkInEveryDays: row.checkInEveryDays,
          form: row.form,
          direction: row.direction,
          publishedAt: new Date(row.publishedAt ?? 0),
          mentor: { participantId: row.mentorId, personId: row.mentorPersonId, name: row.mentorName, birthYear: row.mentorBirthYear },
          mentees: [],
        };
        pairs.set(row.pairId, pair);
      }
      pair.mentees.push({
        participantId: row.menteeId,
        personId: row.menteePersonId,
        name: row.menteeName,
        birthYear: row.menteeBirthYear,
      });
    }
    return [...pairs.values()];
  }
}
