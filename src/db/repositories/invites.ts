import { type Kysely, type Selectable, sql } from "kysely";
import { isPlausibleToken, TOKEN_POLICY, type TokenPurpose, tokenExpiry } from "#root/domain/tokens.ts";
import { hashToken, newToken } from "#root/tokens.ts";
import type { Database, InviteTable } from "../schema.ts";

export interface Invite {
  id: number;
  purpose: TokenPurpose;
  orgId: number | null;
  subjectParticipantId: number | null;
  subjectPersonId: number | null;
  /** The territory of a 'territory' or 'territory-join' invite. */
  territoryId: number | null;
  expiresAt: string;
}

export type InviteLookup = { ok: true; invite: Invite } | { ok: false; reason: "unknown" | "expired" | "used_up" };

/**
 * What `/start <token>` needs to go on: the invite, the name of its organisation ("" when it has
 * none), and the birth year the bot already knows for the chat's person (null when none), which a
 * registration keeps whatever age is typed. A refused token still tells its purpose when it exists
 * (null when it does not), so the refusal can name who gives a new one.
 */
export type StartLookup =
  | { ok: true; invite: Invite; orgName: string; knownBirthYear: number | null }
  | { ok: false; reason: "unknown" | "expired" | "used_up"; purpose: TokenPurpose | null };

export interface IssueInvite {
  purpose: TokenPurpose;
  orgId?: number;
  subjectParticipantId?: number;
  subjectPersonId?: number;
  territoryId?: number;
  createdBy?: number;
  now: Date;
}

const columns = [
  "id",
  "purpose",
  "org_id",
  "subject_participant_id",
  "subject_person_id",
  "territory_id",
  "expires_at",
  "uses_left",
] as const;

function toInvite(row: Pick<Selectable<InviteTable>, (typeof columns)[number]>): Invite {
  return {
    id: row.id,
    // Only `issue` writes it, from a TokenPurpose (the column stays text in the schema: see InviteTable).
    purpose: row.purpose as TokenPurpose,
    orgId: row.org_id,
    subjectParticipantId: row.subject_participant_id,
    subjectPersonId: row.subject_person_id,
    territoryId: row.territory_id,
    expiresAt: row.expires_at.toISOString(),
  };
}

/** An invite row as a look-up's answer: refused when missing, expired or used up. */
function usable(row: Pick<Selectable<InviteTable>, (typeof columns)[number]> | undefined, now: Date): InviteLookup {
  if (!row) return { ok: false, reason: "unknown" };
  if (row.expires_at.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  if (row.uses_left <= 0) return { ok: false, reason: "used_up" };
  return { ok: true, invite: toInvite(row) };
}

export class InvitesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Issues a token and returns it: this is the only time the token exists outside its hash. */
  async issue(request: IssueInvite, token = newToken()): Promise<string> {
    await this.db
      .insertInto("invites")
      .values({
        token_hash: hashToken(token),
        purpose: request.purpose,
        org_id: request.orgId ?? null,
        subject_participant_id: request.subjectParticipantId ?? null,
        subject_person_id: request.subjectPersonId ?? null,
        territory_id: request.territoryId ?? null,
        uses_left: TOKEN_POLICY[request.purpose].uses,
        expires_at: tokenExpiry(request.purpose, request.now),
        created_by: request.createdBy ?? null,
      })
      .execute();
    return token;
  }

  /** Looks a token up without using it. */
  async find(token: string, now: Date): Promise<InviteLookup> {
    if (!isPlausibleToken(token)) return { ok: false, reason: "unknown" };
    const row = await this.db.selectFrom("invites").select(columns).where("token_hash", "=", hashToken(token)).executeTakeFirst();
    return usable(row, now);
  }

  /**
   * Looks a token up without using it, for the start of a conversation: with its organisation's
   * name and the birth year known for the chat's account, in one statement.
   */
  async findForStart(token: string, now: Date, accountId: number): Promise<StartLookup> {
    if (!isPlausibleToken(token)) return { ok: false, reason: "unknown", purpose: null };
    const row = await this.db
      .selectFrom("invites")
      .leftJoin("organisations", "organisations.id", "invites.org_id")
      .select(columns.map((column) => `invites.${column}` as const))
      .select((eb) => [
        "organisations.name as org_name",
        eb
          .selectFrom("accounts")
          .innerJoin("people", "people.id", "accounts.person_id")
          .select("people.birth_year")
          .where("accounts.id", "=", accountId)
          .where("people.erased_at", "is", null)
          .as("known_birth_year"),
      ])
      .where("invites.token_hash", "=", hashToken(token))
      .executeTakeFirst();
    const lookup = usable(row, now);
    // Only `issue` writes the purpose, from a TokenPurpose (see toInvite).
    if (!lookup.ok) return { ...lookup, purpose: row ? (row.purpose as TokenPurpose) : null };
    return { ...lookup, orgName: row?.org_name ?? "", knownBirthYear: row?.known_birth_year ?? null };
  }

  /** Uses a token once, atomically: of two people redeeming the last use at once, one wins. */
  async redeem(token: string, now: Date): Promise<InviteLookup> {
    if (!isPlausibleToken(token)) return { ok: false, reason: "unknown" };
    const row = await this.db
      .updateTable("invites")
      .set({ uses_left: sql`uses_left - 1` })
      .where("token_hash", "=", hashToken(token))
      .where("uses_left", ">", 0)
      .where("expires_at", ">", now)
      .returning(columns)
      .executeTakeFirst();
    if (row) return { ok: true, invite: toInvite(row) };
    const reason = await this.find(token, now);
    return reason.ok ? { ok: false, reason: "used_up" } : reason;
  }

  /**
   * Ends an organisation's open invitation links for students and mentors, the students' personal
   * links from class lists among them (a link forwarded where it should not have gone): consent links
   * and a coordinator's invitation are left alone. Returns how many.
   */
  async revokeParticipantLinks(orgId: number, now: Date): Promise<number> {
    const ended = await this.db
      .updateTable("invites")
      .set({ uses_left: 0 })
      .where("org_id", "=", orgId)
      .where("purpose", "in", ["mentee", "mentor", "roster"])
      .where("uses_left", ">", 0)
      .where("expires_at", ">", now)
      .executeTakeFirst();
    return Number(ended.numUpdatedRows);
  }

  /** Ends every open token of a purpose about a participant (a new consent link replaces the old). */
  async revokeFor(purpose: TokenPurpose, subjectParticipantId: number): Promise<void> {
    await this.db
      .updateTable("invites")
      .set({ uses_left: 0 })
      .where("purpose", "=", purpose)
      .where("subject_participant_id", "=", subjectParticipantId)
      .execute();
  }

  /**
   * Ends every open token of an organisation, whatever its purpose (a coordinator's invitation sent to
   * the wrong person, links forwarded where they should not have gone). Returns how many of each purpose.
   */
  async revokeAllOfOrganisation(orgId: number, now: Date): Promise<Partial<Record<TokenPurpose, number>>> {
    const ended = await this.db
      .updateTable("invites")
      .set({ uses_left: 0 })
      .where("org_id", "=", orgId)
      .where("uses_left", ">", 0)
      .where("expires_at", ">", now)
      .returning("purpose")
      .execute();
    const counts: Partial<Record<TokenPurpose, number>> = {};
    for (const { purpose } of ended) {
      const key = purpose as TokenPurpose;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }
}
