import { type Kysely, sql } from "kysely";
import type { ReviewState } from "#root/domain/mentor-review.ts";
import type { Direction, MentorKind, ParticipantStatus } from "#root/domain/programme.ts";
import type { Database } from "../schema.ts";

export interface MentorCard {
  participantId: number;
  personId: number;
  fullName: string | null;
  birthYear: number | null;
  status: ParticipantStatus;
  kind: MentorKind;
  directions: Direction[];
  offer: string | null;
  capacity: number;
  availability: string | null;
  review: ReviewState;
  reviewReason: string | null;
  recordCheckedAt: string | null;
  trainedAt: string | null;
}

/** Selection and training of mentors (stage 4): the coordinator's review of each mentor. */
export class MentorsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private cards() {
    return this.db
      .selectFrom("participants")
      .innerJoin("people", "people.id", "participants.person_id")
      .innerJoin("mentor_profiles", "mentor_profiles.participant_id", "participants.id")
      .select([
        "participants.id as participantId",
        "participants.person_id as personId",
        "people.full_name as fullName",
        "people.birth_year as birthYear",
        "participants.status",
        "mentor_profiles.kind",
        "mentor_profiles.directions",
        "mentor_profiles.offer",
        "mentor_profiles.capacity",
        "mentor_profiles.availability",
        "mentor_profiles.review",
        "mentor_profiles.review_reason as reviewReason",
        "mentor_profiles.record_check_at",
        "mentor_profiles.trained_at",
      ])
      .where("participants.role", "=", "mentor");
  }

  private static toCard(row: Awaited<ReturnType<ReturnType<MentorsRepository["cards"]>["executeTakeFirstOrThrow"]>>): MentorCard {
    return {
      participantId: row.participantId,
      personId: row.personId,
      fullName: row.fullName,
      birthYear: row.birthYear,
      status: row.status,
      kind: row.kind,
      directions: row.directions,
      offer: row.offer,
      capacity: row.capacity,
      availability: row.availability,
      review: row.review,
      reviewReason: row.reviewReason,
      recordCheckedAt: row.record_check_at?.toISOString() ?? null,
      trainedAt: row.trained_at?.toISOString() ?? null,
    };
  }

  async card(orgId: number, participantId: number): Promise<MentorCard | undefined> {
    const row = await this.cards().where("participants.org_id", "=", orgId).where("participants.id", "=", participantId).executeTakeFirst();
    return row ? MentorsRepository.toCard(row) : undefined;
  }

  /** Mentors of an organisation still taking part, those waiting for review first. */
  async list(orgId: number, page: { offset: number; limit: number }): Promise<{ total: number; mentors: MentorCard[] }> {
    const rows = await this.cards()
      .select(sql<number>`count(*) OVER ()`.as("total"))
      .where("participants.org_id", "=", orgId)
      .where("participants.status", "not in", ["left", "withdrawn"])
      .orderBy(sql`CASE mentor_profiles.review WHEN 'pending' THEN 0 WHEN 'approved' THEN 1 ELSE 2 END`)
      .orderBy("people.full_name")
      .orderBy("participants.id")
      .offset(page.offset)
      .limit(page.limit)
      .execute();
    return { total: rows[0] ? Number(rows[0].total) : 0, mentors: rows.map((row) => MentorsRepository.toCard(row)) };
  }

  async confirmRecordCheck(participantId: number, by: number, at: Date): Promise<void> {
    await this.db
      .updateTable("mentor_profiles")
      .set({ record_check_by: by, record_check_at: at })
      .where("participant_id", "=", participantId)
      .execute();
  }

  async review(
    participantId: number,
    decision: { review: "approved" | "declined"; reason: string | null; by: number; at: Date },
  ): Promise<void> {
    await this.db
      .updateTable("mentor_profiles")
      .set({ review: decision.review, review_reason: decision.reason, reviewed_by: decision.by, reviewed_at: decision.at })
      .where("participant_id", "=", participantId)
      .execute();
  }

  async markTrained(participantId: number, at: Date | null): Promise<void> {
    await this.db.updateTable("mentor_profiles").set({ trained_at: at }).where("participant_id", "=", participantId).execute();
  }
}
