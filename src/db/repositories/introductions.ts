import type { Kysely } from "kysely";
import type { FinalEvent } from "#root/domain/entities/final-event.ts";
import type { IntroductionPairMark } from "#root/domain/introduction.ts";
import type { Database } from "../schema.ts";

/**
 * What is the introduction's own (migration 026): which pairs each introduction is for and whether
 * they came. The event itself, its guests and their answers are the final event's tables and
 * repository (`FinalEventsRepository`, with kind "introduction").
 */
export class IntroductionsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The pairs some standing introduction of the cycle is already for. */
  async coveredPairIds(cycleId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom("introduction_pairs as ip")
      .innerJoin("final_events as event", "event.id", "ip.event_id")
      .select("ip.pair_id")
      .distinct()
      .where("event.cycle_id", "=", cycleId)
      .where("event.cancelled_at", "is", null)
      .execute();
    return rows.map((row) => row.pair_id);
  }

  /** Records the pairs an introduction is for. */
  async attach(event: FinalEvent, pairIds: readonly number[]): Promise<void> {
    if (pairIds.length === 0) return;
    await this.db
      .insertInto("introduction_pairs")
      .values(pairIds.map((pairId) => ({ event_id: event.id, pair_id: pairId, org_id: event.orgId })))
      .onConflict((conflict) => conflict.columns(["event_id", "pair_id"]).doNothing())
      .execute();
  }

  /** The pairs of an introduction with their marks so far, in pair order. */
  async marks(eventId: number): Promise<IntroductionPairMark[]> {
    const rows = await this.db
      .selectFrom("introduction_pairs")
      .select(["pair_id", "attendance"])
      .where("event_id", "=", eventId)
      .orderBy("pair_id")
      .execute();
    return rows.map((row) => ({ pairId: row.pair_id, attendance: row.attendance }));
  }

  /** The marks of several introductions at once (the coordinator's screen), by event. */
  async marksOf(eventIds: readonly number[]): Promise<Map<number, IntroductionPairMark[]>> {
    const byEvent = new Map<number, IntroductionPairMark[]>(eventIds.map((id) => [id, []]));
    if (eventIds.length === 0) return byEvent;
    const rows = await this.db
      .selectFrom("introduction_pairs")
      .select(["event_id", "pair_id", "attendance"])
      .where("event_id", "in", eventIds)
      .orderBy("pair_id")
      .execute();
    for (const row of rows) byEvent.get(row.event_id)?.push({ pairId: row.pair_id, attendance: row.attendance });
    return byEvent;
  }

  /** Ticks which pairs came; pairs not of the introduction are ignored. */
  async mark(eventId: number, marks: readonly IntroductionPairMark[], by: number, at: Date): Promise<void> {
    for (const attendance of ["held", "missed"] as const) {
      const pairIds = marks.filter((mark) => mark.attendance === attendance).map((mark) => mark.pairId);
      if (pairIds.length === 0) continue;
      await this.db
        .updateTable("introduction_pairs")
        .set({ attendance, marked_by: by, marked_at: at })
        .where("event_id", "=", eventId)
        .where("pair_id", "in", pairIds)
        .execute();
    }
  }
}
