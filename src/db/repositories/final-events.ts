import { type Kysely, type Selectable, sql } from "kysely";
import type { FinalEvent, Guest } from "#root/domain/entities/final-event.ts";
import type { EventKind, FinalEventAnswer, GuestCount, GuestRole } from "#root/domain/final-event.ts";
import type { Database, FinalEventTable } from "../schema.ts";
import { standingParentGrant } from "./consents.ts";

export type { FinalEvent, Guest } from "#root/domain/entities/final-event.ts";

/** What a change of the event may set. */
export interface FinalEventDetails {
  startsAt: Date;
  place: string;
  description: string;
}

export interface NewFinalEvent {
  /** "final" when absent; a cycle has one final event but may have several introductions. */
  kind?: EventKind;
  orgId: number;
  cycleId: number;
  startsAt: Date;
  place: string;
  description: string;
  createdBy: number;
}

const columns = [
  "id",
  "kind",
  "org_id",
  "cycle_id",
  "starts_at",
  "place",
  "description",
  "created_by",
  "sequence",
  "cancelled_at",
] as const;

function toEvent(row: Pick<Selectable<FinalEventTable>, (typeof columns)[number]>): FinalEvent {
  return {
    id: row.id,
    kind: row.kind,
    orgId: row.org_id,
    cycleId: row.cycle_id,
    startsAt: new Date(row.starts_at),
    place: row.place,
    description: row.description,
    createdBy: row.created_by,
    sequence: row.sequence,
    cancelledAt: row.cancelled_at === null ? null : new Date(row.cancelled_at),
  };
}

export class FinalEventsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Records the cycle's event; undefined when it is a final event and the cycle already has one
   * standing (another coordinator was quicker).
   */
  async create(event: NewFinalEvent): Promise<FinalEvent | undefined> {
    const row = await this.db
      .insertInto("final_events")
      .values({
        kind: event.kind ?? "final",
        org_id: event.orgId,
        cycle_id: event.cycleId,
        starts_at: event.startsAt,
        place: event.place,
        description: event.description,
        created_by: event.createdBy,
      })
      // The kind is written into the statement, not bound: once PostgreSQL plans the prepared statement
      // generically (after five runs on a connection), "kind = $1" no longer matches the unique index's
      // predicate and the insert fails with "no unique or exclusion constraint matching".
      .onConflict((conflict) =>
        conflict.column("cycle_id").where("cancelled_at", "is", null).where(sql<boolean>`kind = 'final'`).doNothing(),
      )
      .returning(columns)
      .executeTakeFirst();
    return row ? toEvent(row) : undefined;
  }

  async get(eventId: number): Promise<FinalEvent | undefined> {
    const row = await this.db.selectFrom("final_events").select(columns).where("id", "=", eventId).executeTakeFirst();
    return row ? toEvent(row) : undefined;
  }

  /** The cycle's final event that stands (not called off). */
  async forCycle(cycleId: number): Promise<FinalEvent | undefined> {
    const row = await this.db
      .selectFrom("final_events")
      .select(columns)
      .where("cycle_id", "=", cycleId)
      .where("kind", "=", "final")
      .where("cancelled_at", "is", null)
      .executeTakeFirst();
    return row ? toEvent(row) : undefined;
  }

  /**
   * Changes the event if it still stands as the coordinator saw it (`seenSequence`): undefined when it
   * was changed or called off meanwhile. A new start clears the answers: people are asked again.
   */
  async change(
    eventId: number,
    seenSequence: number,
    details: FinalEventDetails,
  ): Promise<{ event: FinalEvent; answersCleared: boolean } | undefined> {
    const before = await this.db.selectFrom("final_events").select("starts_at").where("id", "=", eventId).executeTakeFirst();
    const row = await this.db
      .updateTable("final_events")
      .set({ starts_at: details.startsAt, place: details.place, description: details.description, sequence: sql`sequence + 1` })
      .where("id", "=", eventId)
      .where("sequence", "=", seenSequence)
      .where("cancelled_at", "is", null)
      .returning(columns)
      .executeTakeFirst();
    if (!row || !before) return undefined;
    const answersCleared = new Date(before.starts_at).getTime() !== details.startsAt.getTime();
    if (answersCleared) await this.db.deleteFrom("final_event_replies").where("event_id", "=", eventId).execute();
    return { event: toEvent(row), answersCleared };
  }

  /** Calls the event off if it still stands as the coordinator saw it; undefined when it was changed or called off meanwhile. */
  async cancel(eventId: number, seenSequence: number, at: Date): Promise<FinalEvent | undefined> {
    const row = await this.db
      .updateTable("final_events")
      .set({ cancelled_at: at })
      .where("id", "=", eventId)
      .where("sequence", "=", seenSequence)
      .where("cancelled_at", "is", null)
      .returning(columns)
      .executeTakeFirst();
    return row ? toEvent(row) : undefined;
  }

  /** Everyone invited to the event, in the role they were invited in. */
  async guests(eventId: number): Promise<Guest[]> {
    const rows = await this.db
      .selectFrom("final_event_guests")
      .select(["person_id", "role"])
      .where("event_id", "=", eventId)
      .orderBy("person_id")
      .execute();
    return rows.map((row) => ({ personId: row.person_id, role: row.role }));
  }

  /**
   * Who the cycle's event is for, in one query: the mentors and mentees who worked in the cycle's pairs (and still take part),
   * the parents whose consent stands for those mentees, and the organisation's coordinators (but
   * `except`, the one announcing). Someone in several roles is listed once, in the first of mentee,
   * mentor, parent, coordinator. With `personId`, only that person (to re-check a reply). With
   * `pairIds` (an introduction), only those pairs' people and parents: no coordinators.
   */
  async audience(cycleId: number, filter: { except?: number; personId?: number; pairIds?: readonly number[] } = {}): Promise<Guest[]> {
    const except = filter.except ?? 0;
    const only = filter.personId === undefined ? sql`` : sql`AND everyone.person_id = ${filter.personId}`;
    const { pairIds } = filter;
    const ofPairs = pairIds === undefined ? sql`` : pairIds.length === 0 ? sql`AND FALSE` : sql`AND pairs.id IN (${sql.join(pairIds)})`;
    const coordinators = pairIds === undefined ? sql`` : sql`AND FALSE`;
    const rows = await sql<{ person_id: number; role: GuestRole }>`
      WITH members AS (
        SELECT pairs.mentor_participant_id, pm.mentee_participant_id
        FROM pairs JOIN pair_mentees pm ON pm.pair_id = pairs.id
        WHERE pairs.cycle_id = ${cycleId} AND pairs.status IN ('published', 'ended') ${ofPairs}
      ),
      everyone AS (
        SELECT mentee.person_id, 'mentee' AS role, 1 AS rank
        FROM members JOIN participants mentee ON mentee.id = members.mentee_participant_id
        WHERE mentee.status = 'active'
        UNION ALL
        SELECT mentor.person_id, 'mentor', 2
        FROM members JOIN participants mentor ON mentor.id = members.mentor_participant_id
        WHERE mentor.status = 'active'
        UNION ALL
        SELECT consents.giver_person_id, 'parent', 3
        FROM members
        JOIN participants mentee ON mentee.id = members.mentee_participant_id AND mentee.status = 'active'
        JOIN consents ON consents.participant_id = mentee.id
        WHERE ${standingParentGrant()}
        UNION ALL
        SELECT coordinator.person_id, 'coordinator', 4
        FROM participants coordinator JOIN cycles ON cycles.org_id = coordinator.org_id
        WHERE cycles.id = ${cycleId} AND coordinator.role = 'coordinator' AND coordinator.status = 'active'
          AND coordinator.person_id <> ${except} ${coordinators}
      )
      SELECT DISTINCT ON (everyone.person_id) everyone.person_id, everyone.role
      FROM everyone JOIN people ON people.id = everyone.person_id AND people.erased_at IS NULL
      WHERE TRUE ${only}
      ORDER BY everyone.person_id, everyone.rank`.execute(this.db);
    return rows.rows.map((row) => ({ personId: Number(row.person_id), role: row.role }));
  }

  /** Records who was invited (once per person: a second call adds only the new ones). Returns those added. */
  async invite(event: FinalEvent, guests: readonly Guest[], at: Date): Promise<Guest[]> {
    if (guests.length === 0) return [];
    const rows = await this.db
      .insertInto("final_event_guests")
      .values(
        guests.map((guest) => ({ event_id: event.id, person_id: guest.personId, org_id: event.orgId, role: guest.role, invited_at: at })),
      )
      .onConflict((conflict) => conflict.columns(["event_id", "person_id"]).doNothing())
      .returning(["person_id", "role"])
      .execute();
    return rows.map((row) => ({ personId: row.person_id, role: row.role }));
  }

  /** The role a person was invited in, with their answer so far; undefined when they were not invited. */
  async guest(eventId: number, personId: number): Promise<{ role: GuestRole; answer: FinalEventAnswer | null } | undefined> {
    const row = await this.db
      .selectFrom("final_event_guests as guest")
      .leftJoin("final_event_replies as reply", (join) =>
        join.onRef("reply.event_id", "=", "guest.event_id").onRef("reply.person_id", "=", "guest.person_id"),
      )
      .select(["guest.role", "reply.answer"])
      .where("guest.event_id", "=", eventId)
      .where("guest.person_id", "=", personId)
      .executeTakeFirst();
    return row ? { role: row.role, answer: row.answer ?? null } : undefined;
  }

  /**
   * Records a guest's answer, or changes it; returns the answer it replaced (null for the first). One
   * statement, so two presses at once leave one answer and each sees a consistent "before".
   */
  async reply(event: FinalEvent, personId: number, answer: FinalEventAnswer, at: Date): Promise<{ previous: FinalEventAnswer | null }> {
    // The data-modifying CTE runs whether or not it is read; "before" sees the row as it was.
    const row = await sql<{ previous: FinalEventAnswer | null }>`
      WITH before AS (
        SELECT answer FROM final_event_replies WHERE event_id = ${event.id} AND person_id = ${personId}
      ),
      saved AS (
        INSERT INTO final_event_replies (event_id, person_id, org_id, answer, answered_at)
        VALUES (${event.id}, ${personId}, ${event.orgId}, ${answer}, ${at})
        ON CONFLICT (event_id, person_id) DO UPDATE SET answer = EXCLUDED.answer, answered_at = EXCLUDED.answered_at
          WHERE final_event_replies.answer <> EXCLUDED.answer
      )
      SELECT (SELECT answer FROM before) AS previous`.execute(this.db);
    return { previous: row.rows[0]?.previous ?? null };
  }

  /** Guests per role and answer (null: not answered yet), in one query. */
  async counts(eventId: number): Promise<GuestCount[]> {
    return (await this.countsOf([eventId])).get(eventId) ?? [];
  }

  /** `counts` of several events (a cycle's introductions) in one query, by event. */
  async countsOf(eventIds: readonly number[]): Promise<Map<number, GuestCount[]>> {
    const byEvent = new Map<number, GuestCount[]>(eventIds.map((id) => [id, []]));
    if (eventIds.length === 0) return byEvent;
    const rows = await this.db
      .selectFrom("final_event_guests as guest")
      .leftJoin("final_event_replies as reply", (join) =>
        join.onRef("reply.event_id", "=", "guest.event_id").onRef("reply.person_id", "=", "guest.person_id"),
      )
      .select(["guest.event_id", "guest.role", "reply.answer", sql<number>`count(*)`.as("count")])
      .where("guest.event_id", "in", eventIds)
      .groupBy(["guest.event_id", "guest.role", "reply.answer"])
      .execute();
    for (const row of rows) {
      byEvent.get(row.event_id)?.push({ role: row.role, answer: row.answer ?? null, count: Number(row.count) });
    }
    return byEvent;
  }

  /** A cycle's standing events of a kind, the earliest first (introductions: there may be several). */
  async standing(cycleId: number, kind: EventKind): Promise<FinalEvent[]> {
    const rows = await this.db
      .selectFrom("final_events")
      .select(columns)
      .where("cycle_id", "=", cycleId)
      .where("kind", "=", kind)
      .where("cancelled_at", "is", null)
      .orderBy("starts_at")
      .orderBy("id")
      .execute();
    return rows.map(toEvent);
  }
}
