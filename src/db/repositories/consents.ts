import type { Kysely } from "kysely";
import type { ConsentDecision } from "#root/domain/consent.ts";
import type { Platform } from "#root/dialog/messages.ts";
import type { Database } from "../schema.ts";
import { InvitesRepository } from "./invites.ts";
import { InviteRefused, registerWithin } from "./people.ts";

export interface ConsentRecord {
  id: number;
  participantId: number;
  giver: "parent" | "self";
  giverPersonId: number;
  textVersion: string;
  decision: ConsentDecision;
  platform: Platform;
  decidedAt: string;
  withdrawnAt: string | null;
}

export interface GivenConsent extends ConsentRecord {
  childName: string | null;
  orgName: string;
  orgId: number;
  childPersonId: number;
}

type Row = {
  id: number;
  participant_id: number;
  giver: string;
  giver_person_id: number;
  text_version: string;
  decision: string;
  platform: string;
  decided_at: Date;
  withdrawn_at: Date | null;
};

function toRecord(row: Row): ConsentRecord {
  return {
    id: row.id,
    participantId: row.participant_id,
    giver: row.giver as "parent" | "self",
    giverPersonId: row.giver_person_id,
    textVersion: row.text_version,
    decision: row.decision as ConsentDecision,
    platform: row.platform as Platform,
    decidedAt: row.decided_at.toISOString(),
    withdrawnAt: row.withdrawn_at?.toISOString() ?? null,
  };
}

const columns = ["id", "participant_id", "giver", "giver_person_id", "text_version", "decision", "platform", "decided_at", "withdrawn_at"] as const;

export class ConsentsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async record(entry: Omit<ConsentRecord, "id" | "withdrawnAt" | "decidedAt"> & { decidedAt: Date }): Promise<ConsentRecord> {
    const row = await this.db
      .insertInto("consents")
      .values({
        participant_id: entry.participantId,
        giver: entry.giver,
        giver_person_id: entry.giverPersonId,
        text_version: entry.textVersion,
        decision: entry.decision,
        platform: entry.platform,
        decided_at: entry.decidedAt,
      })
      .returning(columns)
      .executeTakeFirstOrThrow();
    return toRecord(row);
  }

  /** The latest decision of each giver about a participant. */
  async latest(participantId: number): Promise<ConsentRecord[]> {
    const rows = await this.db
      .selectFrom("consents")
      .select(columns)
      .distinctOn("giver")
      .where("participant_id", "=", participantId)
      .orderBy("giver")
      .orderBy("decided_at", "desc")
      .orderBy("id", "desc")
      .execute();
    return rows.map(toRecord);
  }

  /**
   * Consents a parent has granted and not withdrawn, with whose they are. A child who deleted their
   * data is left out: nothing remains to withdraw.
   */
  async grantedBy(parentPersonId: number): Promise<GivenConsent[]> {
    const rows = await this.db
      .selectFrom("consents")
      .innerJoin("participants", "participants.id", "consents.participant_id")
      .innerJoin("people", "people.id", "participants.person_id")
      .innerJoin("organisations", "organisations.id", "participants.org_id")
      .select([
        "consents.id",
        "consents.participant_id",
        "consents.giver",
        "consents.giver_person_id",
        "consents.text_version",
        "consents.decision",
        "consents.platform",
        "consents.decided_at",
        "consents.withdrawn_at",
        "people.full_name",
        "people.id as child_person_id",
        "organisations.name as org_name",
        "organisations.id as org_id",
      ])
      .where("consents.giver_person_id", "=", parentPersonId)
      .where("consents.giver", "=", "parent")
      .where("consents.decision", "=", "granted")
      .where("consents.withdrawn_at", "is", null)
      .where("people.erased_at", "is", null)
      .orderBy("consents.id")
      .execute();
    return rows.map((row) => ({
      ...toRecord(row),
      childName: row.full_name,
      childPersonId: row.child_person_id,
      orgName: row.org_name,
      orgId: row.org_id,
    }));
  }

  decideAsParent(decision: ParentDecision): Promise<ParentDecisionResult> {
    return decideAsParent(this.db, decision);
  }

  /** Marks a granted consent withdrawn; false when it was not this giver's or already withdrawn. */
  async withdraw(consentId: number, giverPersonId: number, at: Date): Promise<ConsentRecord | undefined> {
    const row = await this.db
      .updateTable("consents")
      .set({ withdrawn_at: at })
      .where("id", "=", consentId)
      .where("giver_person_id", "=", giverPersonId)
      .where("decision", "=", "granted")
      .where("withdrawn_at", "is", null)
      .returning(columns)
      .executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }
}

export interface ParentDecision {
  token: string;
  accountId: number;
  parentName: string;
  locale: string;
  decision: ConsentDecision;
  textVersion: string;
  platform: Platform;
  now: Date;
}

export type ParentDecisionResult =
  | { ok: true; consentId: number; parentPersonId: number; childParticipantId: number; childPersonId: number; orgId: number }
  | { ok: false; reason: "unknown" | "expired" | "used_up" };

/**
 * A parent's answer, in one transaction: uses up the consent link (of two parents answering at
 * once, one wins), records the parent, the decision, and the child's resulting status.
 */
export async function decideAsParent(db: Kysely<Database>, decision: ParentDecision): Promise<ParentDecisionResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      const redeemed = await new InvitesRepository(trx).redeem(decision.token, decision.now);
      if (!redeemed.ok) throw new InviteRefused(redeemed.reason);
      const { invite } = redeemed;
      if (invite.purpose !== "consent" || !invite.subjectParticipantId || !invite.orgId) throw new InviteRefused("unknown");
      const child = await trx
        .selectFrom("participants")
        .select(["id", "person_id", "status"])
        .where("id", "=", invite.subjectParticipantId)
        .executeTakeFirst();
      if (!child || child.status === "left" || child.status === "withdrawn") throw new InviteRefused("unknown");
      const parent = await registerWithin(trx, {
        accountId: decision.accountId,
        locale: decision.locale,
        orgId: invite.orgId,
        status: "active",
        registration: { role: "parent", answers: { fullName: decision.parentName } },
        now: decision.now,
      });
      const consent = await trx
        .insertInto("consents")
        .values({
          participant_id: child.id,
          giver: "parent",
          giver_person_id: parent.personId,
          text_version: decision.textVersion,
          decision: decision.decision,
          platform: decision.platform,
          decided_at: decision.now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      // A teenager's own consent was given before the link existed, so the parent's answer decides.
      await trx
        .updateTable("participants")
        .set({ status: decision.decision === "granted" ? "active" : "declined", updated_at: decision.now })
        .where("id", "=", child.id)
        .execute();
      return {
        ok: true as const,
        consentId: consent.id,
        parentPersonId: parent.personId,
        childParticipantId: child.id,
        childPersonId: child.person_id,
        orgId: invite.orgId,
      };
    });
  } catch (error) {
    if (error instanceof InviteRefused && error.reason !== "already_registered") return { ok: false, reason: error.reason };
    throw error;
  }
}
