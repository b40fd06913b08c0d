import { type Kysely, type RawBuilder, type Selectable, sql } from "kysely";
import { type ConsentDecision, type ConsentGiverRefusal, consentGiverRefusal, grantNeedsReview } from "#root/domain/consent.ts";
import type { ConsentRecord, ConsentReview } from "#root/domain/entities/consent.ts";
import type { Role } from "#root/domain/programme.ts";
import type { Locale } from "#root/i18n/translator.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import type { ConsentTable, Database } from "../schema.ts";
import { InvitesRepository } from "./invites.ts";
import { OrganisationsRepository } from "./organisations.ts";
import { type NewOutboxMessage, OutboxRepository } from "./outbox.ts";
import { InviteRefused, registerWithin } from "./people.ts";

export type { ConsentGiverKind, ConsentRecord, ConsentReview } from "#root/domain/entities/consent.ts";

/**
 * A consent decision that stands: not a grant still waiting for a coordinator's review, nor one the
 * coordinator rejected. `consents` names the table or its alias in the query.
 */
export function decisionStands(consents = "consents"): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(`${consents}.review`)} IS NULL OR ${sql.ref(`${consents}.review`)} = 'accepted')`;
}

/** A parent's grant that holds: granted, not withdrawn, and standing (see `decisionStands`). */
export function standingParentGrant(consents = "consents"): RawBuilder<boolean> {
  const column = (name: string) => sql.ref(`${consents}.${name}`);
  return sql<boolean>`(${column("giver")} = 'parent' AND ${column("decision")} = 'granted' AND ${column("withdrawn_at")} IS NULL AND ${decisionStands(consents)})`;
}

export interface GivenConsent extends ConsentRecord {
  childName: string | null;
  orgName: string;
  orgId: number;
  childPersonId: number;
}

/** A mentee or mentor of an organisation with every consent decision about them, oldest first. */
export interface ConsentRegisterEntry {
  participantId: number;
  name: string | null;
  role: "mentee" | "mentor";
  birthYear: number | null;
  decisions: Array<ConsentRecord & { giverName: string | null; review: ConsentReview | null }>;
}

const columns = [
  "id",
  "participant_id",
  "giver",
  "giver_person_id",
  "text_version",
  "decision",
  "platform",
  "decided_at",
  "withdrawn_at",
] as const;

function toRecord(row: Pick<Selectable<ConsentTable>, (typeof columns)[number]>): ConsentRecord {
  return {
    id: row.id,
    participantId: row.participant_id,
    giver: row.giver,
    giverPersonId: row.giver_person_id,
    textVersion: row.text_version,
    decision: row.decision,
    platform: row.platform,
    decidedAt: row.decided_at.toISOString(),
    withdrawnAt: row.withdrawn_at?.toISOString() ?? null,
  };
}

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
      .where(standingParentGrant())
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

  /**
   * The organisation's consent register: every mentee and mentor (whose taking part needs consent)
   * with each decision about them, the giver's name, the review of a grant after a decline, and the
   * withdrawal; in name order, in one query. A person who erased their data stays as a row without a name.
   */
  async register(orgId: number): Promise<ConsentRegisterEntry[]> {
    const rows = await this.db
      .selectFrom("participants")
      .innerJoin("people", "people.id", "participants.person_id")
      .leftJoin("consents", "consents.participant_id", "participants.id")
      .leftJoin("people as giver", "giver.id", "consents.giver_person_id")
      .select([
        "participants.id as participantId",
        "participants.role",
        "people.full_name as name",
        "people.birth_year as birthYear",
        "consents.id",
        "consents.giver",
        "consents.giver_person_id",
        "consents.text_version",
        "consents.decision",
        "consents.platform",
        "consents.decided_at",
        "consents.withdrawn_at",
        "consents.review",
        "giver.full_name as giverName",
      ])
      .where("participants.org_id", "=", orgId)
      .where("participants.role", "in", ["mentee", "mentor"])
      .orderBy(sql`people.full_name IS NULL`)
      .orderBy("people.full_name")
      .orderBy("participants.id")
      .orderBy("consents.decided_at")
      .orderBy("consents.id")
      .execute();
    const entries = new Map<number, ConsentRegisterEntry>();
    for (const row of rows) {
      let entry = entries.get(row.participantId);
      if (!entry) {
        entry = {
          participantId: row.participantId,
          name: row.name,
          role: row.role === "mentor" ? "mentor" : "mentee",
          birthYear: row.birthYear,
          decisions: [],
        };
        entries.set(row.participantId, entry);
      }
      // A participant without any decision comes once, with the consent columns empty.
      const { id, giver, giver_person_id, text_version, decision, platform, decided_at } = row;
      if (id === null || giver === null || giver_person_id === null || text_version === null) continue;
      if (decision === null || platform === null || decided_at === null) continue;
      entry.decisions.push({
        ...toRecord({
          ...row,
          id,
          participant_id: row.participantId,
          giver,
          giver_person_id,
          text_version,
          decision,
          platform,
          decided_at,
        }),
        giverName: row.giverName,
        review: row.review,
      });
    }
    return [...entries.values()];
  }

  decideAsParent(decision: ParentDecision): Promise<ParentDecisionResult> {
    return decideAsParent(this.db, decision);
  }

  /** Why the person on this account may not answer a consent link of this organisation, if they may not. */
  giverRefusal(accountId: number, orgId: number, today: Date): Promise<ConsentGiverRefusal | undefined> {
    return refusedGiver(this.db, accountId, orgId, today);
  }

  /**
   * A coordinator's verdict on a grant that waited for review: accepted, the child takes part (unless
   * they left meanwhile); rejected, the grant never counts. Undefined when it is not pending (already
   * decided, or not of this organisation).
   */
  async review(
    consentId: number,
    orgId: number,
    verdict: "accepted" | "rejected",
    by: number,
    at: Date,
  ): Promise<ReviewedConsent | undefined> {
    // Runs in the caller's transaction (a coordinator's `inOrganisation`): kysely does not nest them.
    const reviewed = await this.db
      .updateTable("consents")
      .set({ review: verdict, reviewed_by: by, reviewed_at: at })
      .where("id", "=", consentId)
      .where("review", "=", "pending")
      .where("participant_id", "in", (eb) => eb.selectFrom("participants").select("id").where("org_id", "=", orgId))
      .returning(["participant_id", "giver_person_id"])
      .executeTakeFirst();
    if (!reviewed) return undefined;
    if (verdict === "accepted") {
      await this.db
        .updateTable("participants")
        .set({ status: "active", updated_at: at })
        .where("id", "=", reviewed.participant_id)
        .where("status", "in", ["declined", "awaiting_consent"])
        .execute();
    }
    const child = await this.db
      .selectFrom("participants")
      .innerJoin("people", "people.id", "participants.person_id")
      .select(["people.id", "people.full_name", "participants.role"])
      .where("participants.id", "=", reviewed.participant_id)
      .executeTakeFirstOrThrow();
    return {
      childParticipantId: reviewed.participant_id,
      childPersonId: child.id,
      childName: child.full_name,
      childRole: child.role,
      giverPersonId: reviewed.giver_person_id,
    };
  }

  /**
   * Marks a granted consent withdrawn; undefined when it was not this giver's or already withdrawn.
   * A parent left with no consent in force in that organisation is on record as having withdrawn
   * (their menu says so, announcements to parents pass them by) until they consent again.
   */
  async withdraw(consentId: number, giverPersonId: number, at: Date): Promise<ConsentRecord | undefined> {
    // May run in the caller's transaction (a coordinator's `inOrganisation`): kysely does not nest them.
    const row = await this.db
      .updateTable("consents")
      .set({ withdrawn_at: at })
      .where("id", "=", consentId)
      .where("giver_person_id", "=", giverPersonId)
      .where("decision", "=", "granted")
      .where("withdrawn_at", "is", null)
      .returning(columns)
      .executeTakeFirst();
    if (!row) return undefined;
    const child = await this.db.selectFrom("participants").select("org_id").where("id", "=", row.participant_id).executeTakeFirstOrThrow();
    await this.db
      .updateTable("participants")
      .set({ status: "withdrawn", updated_at: at })
      .where("person_id", "=", giverPersonId)
      .where("org_id", "=", child.org_id)
      .where("role", "=", "parent")
      .where("status", "=", "active")
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("consents")
              .innerJoin("participants as other_child", "other_child.id", "consents.participant_id")
              .select("consents.id")
              .where("consents.giver_person_id", "=", giverPersonId)
              .where("other_child.org_id", "=", child.org_id)
              .where(standingParentGrant()),
          ),
        ),
      )
      .execute();
    return toRecord(row);
  }
}

export interface ParentDecision {
  token: string;
  accountId: number;
  parentName: string;
  locale: Locale;
  decision: ConsentDecision;
  textVersion: string;
  platform: Platform;
  now: Date;
  /**
   * The notices the decision causes (the child, the coordinators), planned in the decision's own
   * transaction: a crash can lose neither without the other, and a retry finds the link used with
   * everyone already told.
   */
  notices?: (decided: DecidedConsent) => NewOutboxMessage[];
}

/** A recorded decision, as the notices about it need it. */
export type DecidedConsent = Extract<ParentDecisionResult, { ok: true }> & { coordinatorIds: number[] };

export type ParentDecisionResult =
  | {
      ok: true;
      consentId: number;
      parentPersonId: number;
      childParticipantId: number;
      childPersonId: number;
      orgId: number;
      /** A grant after another person's decline: it counts once a coordinator accepts it. */
      awaitsReview: boolean;
      /** Who declined before, when the grant awaits review. */
      previousGiverName: string | null;
    }
  | { ok: false; reason: "unknown" | "expired" | "used_up" | ConsentGiverRefusal };

export interface ReviewedConsent {
  childParticipantId: number;
  childPersonId: number;
  childName: string | null;
  /** The part the child takes (a mentee, or an under-18 mentor). */
  childRole: Role;
  giverPersonId: number;
}

/** Refused givers roll the whole decision back: the link stays unused for the real parent. */
class GiverRefused extends Error {
  constructor(readonly reason: ConsentGiverRefusal) {
    super(reason);
  }
}

async function nameOf(db: Kysely<Database>, personId: number): Promise<string | null> {
  const person = await db.selectFrom("people").select("full_name").where("id", "=", personId).executeTakeFirst();
  return person?.full_name ?? null;
}

async function refusedGiver(db: Kysely<Database>, accountId: number, orgId: number, today: Date): Promise<ConsentGiverRefusal | undefined> {
  const giver = await db
    .selectFrom("accounts")
    .leftJoin("people", (join) => join.onRef("people.id", "=", "accounts.person_id").on("people.erased_at", "is", null))
    .select((eb) => [
      "people.birth_year",
      eb
        .exists(
          eb
            .selectFrom("participants")
            .select("participants.id")
            .whereRef("participants.person_id", "=", "people.id")
            .where("participants.org_id", "=", orgId)
            .where("participants.role", "=", "mentee"),
        )
        .as("is_mentee_there"),
    ])
    .where("accounts.id", "=", accountId)
    .executeTakeFirst();
  if (!giver) return undefined;
  return consentGiverRefusal({ birthYear: giver.birth_year ?? null, isMenteeThere: Boolean(giver.is_mentee_there) }, today);
}

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
      const refusal = await refusedGiver(trx, decision.accountId, invite.orgId, decision.now);
      if (refusal) throw new GiverRefused(refusal);
      const lastParentDecision = await trx
        .selectFrom("consents")
        .select(["decision", "giver_person_id"])
        .where("participant_id", "=", child.id)
        .where("giver", "=", "parent")
        .where(decisionStands())
        .orderBy("decided_at", "desc")
        .orderBy("id", "desc")
        .executeTakeFirst();
      const parent = await registerWithin(trx, {
        accountId: decision.accountId,
        locale: decision.locale,
        orgId: invite.orgId,
        // A parent who declines is on record as such, not as a parent taking part.
        status: decision.decision === "granted" ? "active" : "declined",
        registration: { role: "parent", answers: { fullName: decision.parentName } },
        now: decision.now,
      });
      if (decision.decision === "granted") {
        // One who declined or withdrew before and agrees now (for this child or another) takes part again.
        await trx
          .updateTable("participants")
          .set({ status: "active", updated_at: decision.now })
          .where("id", "=", parent.participantId)
          .where("status", "in", ["declined", "withdrawn"])
          .execute();
      }
      const awaitsReview = grantNeedsReview(
        decision.decision,
        parent.personId,
        lastParentDecision && {
          decision: lastParentDecision.decision,
          giverPersonId: lastParentDecision.giver_person_id,
        },
      );
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
          review: awaitsReview ? "pending" : null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      // A teenager's own consent was given before the link existed, so the parent's answer decides.
      if (!awaitsReview) {
        await trx
          .updateTable("participants")
          .set({ status: decision.decision === "granted" ? "active" : "declined", updated_at: decision.now })
          .where("id", "=", child.id)
          .execute();
      }
      const decided = {
        ok: true as const,
        consentId: consent.id,
        parentPersonId: parent.personId,
        childParticipantId: child.id,
        childPersonId: child.person_id,
        orgId: invite.orgId,
        awaitsReview,
        previousGiverName: awaitsReview && lastParentDecision ? await nameOf(trx, lastParentDecision.giver_person_id) : null,
      };
      if (decision.notices) {
        const coordinatorIds = await new OrganisationsRepository(trx).coordinatorPersonIds(invite.orgId);
        await new OutboxRepository(trx).enqueue(decision.notices({ ...decided, coordinatorIds }));
      }
      return decided;
    });
  } catch (error) {
    if (error instanceof GiverRefused) return { ok: false, reason: error.reason };
    if (error instanceof InviteRefused && error.reason !== "already_registered") return { ok: false, reason: error.reason };
    throw error;
  }
}
