import { type Kysely, sql } from "kysely";
import type { AnnouncementAudience as Audience } from "#root/domain/entities/announcement.ts";
import type { MessageSpec } from "#root/messaging/message-spec.ts";
import type { Database } from "../schema.ts";
import { standingParentGrant } from "./consents.ts";

export type { AnnouncementAudience as Audience } from "#root/domain/entities/announcement.ts";

export interface AnnouncementProgress {
  recipients: number;
  delivered: number;
  failed: number;
  waiting: number;
}

/** Announcements to all mentees, mentors or parents of an organisation, delivered through the outbox. */
export class AnnouncementsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * The people an announcement reaches: participants of the organisation in that role, taking part.
   * Parents are those whose consent stands for a child taking part: not one who declined, withdrew,
   * or whose grant a coordinator has not accepted.
   */
  async audience(orgId: number, audience: Audience): Promise<number[]> {
    if (audience === "parents") {
      const parents = await this.db
        .selectFrom("consents")
        .innerJoin("participants as child", "child.id", "consents.participant_id")
        .select("consents.giver_person_id")
        .distinct()
        .where("child.org_id", "=", orgId)
        .where("child.status", "=", "active")
        .where(standingParentGrant())
        .execute();
      return parents.map((row) => row.giver_person_id);
    }
    const role = audience === "mentees" ? "mentee" : "mentor";
    const rows = await this.db
      .selectFrom("participants")
      .select("person_id")
      .distinct()
      .where("org_id", "=", orgId)
      .where("role", "=", role)
      .where("status", "=", "active")
      .execute();
    return rows.map((row) => row.person_id);
  }

  /** Records the announcement and plans one outbox message per recipient, in one statement each. */
  async create(
    orgId: number,
    audience: Audience,
    body: string,
    createdBy: number,
    message: MessageSpec,
  ): Promise<{ id: number; recipients: number }> {
    const recipients = await this.audience(orgId, audience);
    const row = await this.db
      .insertInto("announcements")
      .values({ org_id: orgId, audience, body, created_by: createdBy, recipients: recipients.length })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (recipients.length > 0) {
      await this.db
        .insertInto("outbox")
        .values(
          recipients.map((personId) => ({
            dedup_key: `announcement:${row.id}:${personId}`,
            person_id: personId,
            message: JSON.stringify(message),
            announcement_id: row.id,
            org_id: orgId,
          })),
        )
        .onConflict((conflict) => conflict.column("dedup_key").doNothing())
        .execute();
    }
    return { id: row.id, recipients: recipients.length };
  }

  async progress(orgId: number, announcementId: number): Promise<AnnouncementProgress | undefined> {
    const announcement = await this.db
      .selectFrom("announcements")
      .select("recipients")
      .where("id", "=", announcementId)
      .where("org_id", "=", orgId)
      .executeTakeFirst();
    if (!announcement) return undefined;
    const counts = await this.db
      .selectFrom("outbox")
      .select([
        sql<number>`count(*) FILTER (WHERE sent_at IS NOT NULL)`.as("delivered"),
        sql<number>`count(*) FILTER (WHERE failed_at IS NOT NULL)`.as("failed"),
        sql<number>`count(*) FILTER (WHERE sent_at IS NULL AND failed_at IS NULL)`.as("waiting"),
      ])
      .where("announcement_id", "=", announcementId)
      .executeTakeFirstOrThrow();
    return {
      recipients: announcement.recipients,
      delivered: Number(counts.delivered),
      failed: Number(counts.failed),
      waiting: Number(counts.waiting),
    };
  }
}
