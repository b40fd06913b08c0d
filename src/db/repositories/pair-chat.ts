import { type Kysely, sql } from "kysely";
import type { Database } from "../schema.ts";

/** One message of a pair's chat, as it was delivered (contacts masked). */
export interface PairChatMessage {
  id: number;
  authorPersonId: number;
  /** Null once the author's data is erased (their messages go with it: this is for a name read late). */
  authorName: string | null;
  body: string;
  masked: string[];
  concerns: string[];
  createdAt: Date;
  /** A photo or a file the message carried (its bytes are not read here). */
  file?: { kind: PairChatFileKind; filename: string };
}

export type PairChatFileKind = "photo" | "document";

/** A photo or a file passed on in the chat, kept with its message. */
export interface PairChatFile {
  kind: PairChatFileKind;
  filename: string;
  mimeType: string;
  content: Uint8Array;
}

export interface NewPairChatMessage {
  orgId: number;
  pairId: number;
  authorPersonId: number;
  body: string;
  masked: readonly string[];
  concerns: readonly string[];
  /** Posting again with this key (the update handled again) returns the first post. */
  requestKey: string;
  at: Date;
  file?: PairChatFile;
}

/** A person's place in a pair's chat. */
export interface PairChatMembership {
  muted: boolean;
  introduced: boolean;
}

/**
 * The pair's chat through the bot: the messages the people of a pair or group write to each other,
 * and each person's settings in it. Every statement names the pair, so a coordinator's scope
 * (row-level security by organisation) confines it as well.
 */
export class PairChatRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Keeps a message; returns the kept one and whether this call kept it (false: posted before under the key). */
  async post(message: NewPairChatMessage): Promise<{ id: number; fresh: boolean }> {
    const inserted = await this.db
      .insertInto("pair_messages")
      .values({
        org_id: message.orgId,
        pair_id: message.pairId,
        author_person_id: message.authorPersonId,
        body: message.body,
        masked: [...message.masked],
        concerns: [...message.concerns],
        request_key: message.requestKey,
        created_at: message.at,
        ...(message.file
          ? {
              file_kind: message.file.kind,
              file_name: message.file.filename,
              file_mime_type: message.file.mimeType,
              file_content: message.file.content,
            }
          : {}),
      })
      .onConflict((conflict) => conflict.column("request_key").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (inserted) return { id: inserted.id, fresh: true };
    const kept = await this.db
      .selectFrom("pair_messages")
      .select("id")
      .where("request_key", "=", message.requestKey)
      .executeTakeFirstOrThrow();
    return { id: kept.id, fresh: false };
  }

  /** The pair's latest messages, oldest first. */
  async recent(pairId: number, limit: number): Promise<PairChatMessage[]> {
    const rows = await this.db
      .selectFrom("pair_messages")
      .innerJoin("people", "people.id", "pair_messages.author_person_id")
      .select([
        "pair_messages.id",
        "pair_messages.author_person_id",
        "people.full_name",
        "pair_messages.body",
        "pair_messages.masked",
        "pair_messages.concerns",
        "pair_messages.created_at",
        "pair_messages.file_kind",
        "pair_messages.file_name",
      ])
      .where("pair_messages.pair_id", "=", pairId)
      .orderBy("pair_messages.id", "desc")
      .limit(limit)
      .execute();
    return rows.reverse().map((row) => ({
      id: row.id,
      authorPersonId: row.author_person_id,
      authorName: row.full_name,
      body: row.body,
      masked: row.masked,
      concerns: row.concerns,
      createdAt: new Date(row.created_at),
      ...(row.file_kind && row.file_name ? { file: { kind: row.file_kind, filename: row.file_name } } : {}),
    }));
  }

  /** Each member's settings in the pair's chat; a person never seen in it has none (not muted, not introduced). */
  async memberships(pairId: number): Promise<Map<number, PairChatMembership>> {
    const rows = await this.db
      .selectFrom("pair_chat_members")
      .select(["person_id", "muted", "introduced_at"])
      .where("pair_id", "=", pairId)
      .execute();
    return new Map(rows.map((row) => [row.person_id, { muted: row.muted, introduced: row.introduced_at !== null }]));
  }

  /** Marks that the person was told how the chat works (shown once per pair). */
  async markIntroduced(orgId: number, pairId: number, personId: number, at: Date): Promise<void> {
    await this.db
      .insertInto("pair_chat_members")
      .values({ pair_id: pairId, person_id: personId, org_id: orgId, introduced_at: at })
      .onConflict((conflict) =>
        conflict
          .columns(["pair_id", "person_id"])
          .doUpdateSet({ introduced_at: sql`coalesce(pair_chat_members.introduced_at, excluded.introduced_at)` }),
      )
      .execute();
  }

  /** Turns the chat's notifications off (muted) or on for one person. */
  async setMuted(orgId: number, pairId: number, personId: number, muted: boolean): Promise<void> {
    await this.db
      .insertInto("pair_chat_members")
      .values({ pair_id: pairId, person_id: personId, org_id: orgId, muted })
      .onConflict((conflict) => conflict.columns(["pair_id", "person_id"]).doUpdateSet({ muted }))
      .execute();
  }

  /**
   * Whether a help report or an alert concerns the pair, the condition for a coordinator to read its
   * chat: an alert about the pair (a concern word in its chat, a stuck check-in…), or a help report by
   * one of its mentees or by a parent about one of them.
   */
  async concernsCoordinator(pairId: number): Promise<boolean> {
    const row = await this.db
      .selectNoFrom((eb) => [
        eb
          .or([
            eb.exists(eb.selectFrom("pair_alerts").select("pair_alerts.id").where("pair_alerts.pair_id", "=", pairId)),
            eb.exists(
              eb
                .selectFrom("help_reports")
                .innerJoin("pair_mentees", (join) => join.on("pair_mentees.pair_id", "=", pairId))
                .innerJoin("participants", "participants.id", "pair_mentees.mentee_participant_id")
                .select("help_reports.id")
                .where((inner) =>
                  inner.or([
                    inner("help_reports.child_participant_id", "=", inner.ref("participants.id")),
                    inner.and([
                      inner("help_reports.reporter_role", "=", "mentee"),
                      inner("help_reports.reporter_person_id", "=", inner.ref("participants.person_id")),
                    ]),
                  ]),
                ),
            ),
          ])
          .as("concerned"),
      ])
      .executeTakeFirstOrThrow();
    return Boolean(row.concerned);
  }

  /**
   * The published pairs a help report concerns: those of the mentee who wrote it, or of the child a
   * parent wrote about. The coordinator reading the report may read their chats.
   */
  async pairsConcernedBy(helpReportId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom("help_reports")
      .innerJoin("participants", (join) =>
        join.on((eb) =>
          eb.or([
            eb("participants.id", "=", eb.ref("help_reports.child_participant_id")),
            eb.and([
              eb("help_reports.reporter_role", "=", "mentee"),
              eb("participants.person_id", "=", eb.ref("help_reports.reporter_person_id")),
              eb("participants.org_id", "=", eb.ref("help_reports.org_id")),
              eb("participants.role", "=", "mentee"),
            ]),
          ]),
        ),
      )
      .innerJoin("pair_mentees", "pair_mentees.mentee_participant_id", "participants.id")
      .innerJoin("pairs", "pairs.id", "pair_mentees.pair_id")
      .select("pairs.id")
      .distinct()
      .where("help_reports.id", "=", helpReportId)
      .where("pairs.status", "=", "published")
      .where("pair_mentees.ended_at", "is", null)
      .orderBy("pairs.id")
      .execute();
    return rows.map((row) => row.id);
  }
}
