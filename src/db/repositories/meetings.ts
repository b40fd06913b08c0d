import { type Kysely, type Selectable, sql, type UpdateObject } from "kysely";
import type { Meeting } from "#root/domain/entities/meeting.ts";
import { checkNoClash, type MeetingState, meetingEnd, meetingSlot } from "#root/domain/meetings.ts";
import type { Database, MeetingTable } from "../schema.ts";

export type { Meeting } from "#root/domain/entities/meeting.ts";

/** What alerts and digests need of a meeting. */
export interface MeetingFact {
  id: number;
  pairId: number;
  start: Date;
  end: Date;
  state: MeetingState;
}

export interface NewMeeting {
  pairId: number;
  orgId: number;
  proposedBy: number;
  start: Date;
  minutes: number;
  place: string;
  online: boolean;
  /** A "moved" meeting this one replaces (for the record). */
  replacesId?: number;
}

/** Why a slot was refused, so the person picks another: its start passed, it clashes, a bad length, or a move to the very same time. */
export type SlotRefusal = "error-meeting-past" | "error-meeting-overlap" | "error-meeting-length" | "unchanged";

/**
 * Why a proposal cannot be made at all any more: (another time) the proposal it answers was answered
 * already; (a move) the agreed meeting was called off, moved or ticked, it has begun, or a move of it
 * is waiting for an answer.
 */
export type ProposalRefusal = SlotRefusal | "answered" | "move-closed" | "move-begun" | "move-pending";

export type ProposalResult = { ok: true; meeting: Meeting } | { ok: false; reason: ProposalRefusal };

/**
 * What accepting a proposal did: agreed a meeting; agreed a move (the agreed meeting it replaces is
 * "moved" now); or nothing, because the meeting to be moved has begun meanwhile (the proposal is
 * declined then).
 */
export type Acceptance =
  | { kind: "accepted"; meeting: Meeting }
  | { kind: "moved"; meeting: Meeting; moved: Meeting }
  | { kind: "begun"; moved: Meeting };

/** A claimed "did it take place?" question: the meeting and whom to ask. */
export interface FollowUpDue {
  meeting: Meeting;
  mentorPersonId: number;
  timeZone: string;
}

/** The lock namespace of proposals: one person's proposals are checked for clashes one at a time ("Meet"). */
const PROPOSAL_LOCK = 0x4d65_6574;

const COLUMNS = [
  "meetings.id",
  "meetings.pair_id",
  "meetings.org_id",
  "meetings.proposed_by",
  "meetings.starts_at",
  "meetings.minutes",
  "meetings.place",
  "meetings.online",
  "meetings.state",
  "meetings.replaces_id",
  "meetings.sequence",
  "meetings.note",
  "meetings.decided_by",
  "meetings.follow_up_asked_at",
  "meetings.ticked_at",
] as const;

const RETURNED = COLUMNS.map((column) => column.slice("meetings.".length)).join(", ");

type Unqualified<Column> = Column extends `meetings.${infer Name}` ? Name : never;

/** A meeting's row as COLUMNS (or RETURNED) read it. */
type MeetingRow = Pick<Selectable<MeetingTable>, Unqualified<(typeof COLUMNS)[number]>>;

function toMeeting(row: MeetingRow): Meeting {
  const start = new Date(row.starts_at);
  return {
    id: Number(row.id),
    pairId: Number(row.pair_id),
    orgId: Number(row.org_id),
    proposedBy: row.proposed_by === null ? null : Number(row.proposed_by),
    start,
    end: meetingEnd(start, row.minutes),
    minutes: row.minutes,
    place: row.place,
    online: row.online,
    state: row.state,
    replacesId: row.replaces_id === null ? null : Number(row.replaces_id),
    sequence: row.sequence,
    note: row.note,
    decidedBy: row.decided_by === null ? null : Number(row.decided_by),
    followUpAskedAt: row.follow_up_asked_at === null ? null : new Date(row.follow_up_asked_at),
    tickedAt: row.ticked_at === null ? null : new Date(row.ticked_at),
  };
}

/** Pairs in which the person is the mentor or a mentee still in the pair, as SQL over `pairs`. */
function personInPair(personIds: readonly number[]) {
  return sql<boolean>`(
    EXISTS (SELECT 1 FROM participants mentor WHERE mentor.id = pairs.mentor_participant_id AND mentor.person_id IN (${sql.join(personIds)}))
    OR EXISTS (SELECT 1 FROM pair_mentees pm JOIN participants mentee ON mentee.id = pm.mentee_participant_id
               WHERE pm.pair_id = pairs.id AND pm.ended_at IS NULL AND mentee.person_id IN (${sql.join(personIds)})))`;
}

/**
 * Meetings of pairs and groups: proposals checked for clashes under a per-person lock, answers that
 * move a meeting only from the state the button was made for, and the follow-up claims of the job.
 */
export class MeetingsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(id: number, executor: Kysely<Database> = this.db): Promise<Meeting | undefined> {
    const row = await executor.selectFrom("meetings").select(COLUMNS).where("id", "=", id).executeTakeFirst();
    return row ? toMeeting(row) : undefined;
  }

  /**
   * The agreed meeting a proposal moves to another time, if it is one: found up the `replaces_id`
   * chain through proposals answered with another time. Undefined for an ordinary proposal (and once
   * the meeting is no longer agreed: called off or ticked off, the proposal stands for itself).
   */
  async movedBy(proposalId: number, executor: Kysely<Database> = this.db): Promise<Meeting | undefined> {
    const root = await this.chainRoot(proposalId, executor);
    return root?.state === "accepted" ? root : undefined;
  }

  /** The first meeting up the chain from this one that is not a proposal answered with another time. */
  private async chainRoot(meetingId: number, executor: Kysely<Database>): Promise<Meeting | undefined> {
    let current = await this.get(meetingId, executor);
    // Counter-proposal rounds are few; the bound only guards against a cycle in bad data.
    for (let step = 0; current?.replacesId != null && step < 100; step += 1) {
      const above = await this.get(current.replacesId, executor);
      if (above?.state !== "rescheduled") return above;
      current = above;
    }
    return undefined;
  }

  /**
   * The id whose calendar event a meeting is: the first meeting of the moves that led to it (each
   * move keeps the event and raises its sequence), or its own id. A meeting ticked "moved" after it
   * began is a past event of its own, and a new meeting after it a new one.
   */
  async calendarIdOf(meeting: Meeting): Promise<number> {
    let calendarId = meeting.id;
    let current: Meeting | undefined = meeting;
    for (let step = 0; current?.replacesId != null && step < 100; step += 1) {
      const above: Meeting | undefined = await this.get(current.replacesId);
      if (above?.state === "moved" && above.tickedAt === null) calendarId = above.id;
      else if (above?.state !== "rescheduled") break;
      current = above;
    }
    return calendarId;
  }

  /**
   * The proposal waiting for an answer that moves this agreed meeting (its first or a later round of
   * "another time"), if any.
   */
  async pendingMove(movedId: number, executor: Kysely<Database> = this.db): Promise<Meeting | undefined> {
    const result = await sql<MeetingRow>`
      WITH RECURSIVE chain AS (
        SELECT id, state FROM meetings WHERE replaces_id = ${movedId}
        UNION ALL
        SELECT answer.id, answer.state FROM meetings answer JOIN chain ON answer.replaces_id = chain.id WHERE chain.state = 'rescheduled')
      SELECT ${sql.raw(RETURNED)} FROM meetings WHERE id IN (SELECT id FROM chain WHERE state = 'proposed')
      ORDER BY id LIMIT 1`.execute(executor);
    const row = result.rows[0];
    return row ? toMeeting(row) : undefined;
  }

  /** For each agreed meeting of the pair with a move waiting for an answer: the meeting's id and the proposal. */
  async pendingMovesOf(pairId: number): Promise<Array<{ movedId: number; proposal: Meeting }>> {
    const result = await sql<MeetingRow & { moved_id: number }>`
      WITH RECURSIVE chain AS (
        SELECT agreed.id AS moved_id, answer.id, answer.state
        FROM meetings agreed JOIN meetings answer ON answer.replaces_id = agreed.id
        WHERE agreed.pair_id = ${pairId} AND agreed.state = 'accepted'
        UNION ALL
        SELECT chain.moved_id, answer.id, answer.state FROM meetings answer JOIN chain ON answer.replaces_id = chain.id WHERE chain.state = 'rescheduled')
      SELECT chain.moved_id, ${sql.raw(COLUMNS.join(", "))} FROM chain JOIN meetings ON meetings.id = chain.id
      WHERE chain.state = 'proposed'
      ORDER BY meetings.id`.execute(this.db);
    return result.rows.map((row) => ({ movedId: Number(row.moved_id), proposal: toMeeting(row) }));
  }

  /**
   * The meetings of a pair to show on its screen: those still ahead (proposed or agreed, ending
   * after `now`) in time order, and the latest `recent` others, newest first (at most `upcoming` and
   * `recent` of each). Proposals answered with
   * another time are left out: their counter-proposal stands for them.
   */
  async ofPair(pairId: number, now: Date, { upcoming = 10, recent = 5 } = {}): Promise<{ upcoming: Meeting[]; recent: Meeting[] }> {
    const ending = sql<Date>`meetings.starts_at + meetings.minutes * interval '1 minute'`;
    const ahead = await this.db
      .selectFrom("meetings")
      .select(COLUMNS)
      .where("pair_id", "=", pairId)
      .where("state", "in", ["proposed", "accepted"])
      .where(ending, ">", now)
      .orderBy("starts_at")
      .orderBy("id")
      .limit(upcoming)
      .execute();
    const past = await this.db
      .selectFrom("meetings")
      .select(COLUMNS)
      .where("pair_id", "=", pairId)
      .where("state", "<>", "rescheduled")
      .where((eb) => eb.or([eb("state", "not in", ["proposed", "accepted"]), eb(ending, "<=", now)]))
      .orderBy("starts_at", "desc")
      .orderBy("id", "desc")
      .limit(recent)
      .execute();
    return { upcoming: ahead.map(toMeeting), recent: past.map(toMeeting) };
  }

  /**
   * Meetings that hold time for any of these people, in any of their pairs, ending after `from`:
   * proposed or agreed, not already answered with another time.
   */
  async busy(personIds: readonly number[], from: Date, executor: Kysely<Database> = this.db): Promise<MeetingFact[]> {
    if (personIds.length === 0) return [];
    const rows = await executor
      .selectFrom("meetings")
      .innerJoin("pairs", "pairs.id", "meetings.pair_id")
      .select(["meetings.id", "meetings.pair_id", "meetings.starts_at", "meetings.minutes", "meetings.state"])
      .where("meetings.state", "in", ["proposed", "accepted", "rescheduled"])
      .where(sql<boolean>`meetings.starts_at + meetings.minutes * interval '1 minute' > ${from}`)
      .where(
        sql<boolean>`NOT EXISTS (SELECT 1 FROM meetings answer WHERE answer.replaces_id = meetings.id AND meetings.state = 'rescheduled')`,
      )
      .where(personInPair(personIds))
      .execute();
    return rows.map((row) => {
      const start = new Date(row.starts_at);
      return { id: row.id, pairId: row.pair_id, start, end: meetingEnd(start, row.minutes), state: row.state };
    });
  }

  /**
   * Stores a proposal unless its start has passed or it clashes with a meeting of any of `people` (the
   * pair's mentor and mentees) in any of their pairs. Proposals touching the same people wait for each
   * other, so two at once cannot both take one slot.
   */
  async propose(meeting: NewMeeting, people: readonly number[], now: Date): Promise<ProposalResult> {
    return this.db.transaction().execute(async (trx) => {
      const refusal = await this.lockAndCheck(trx, meeting, people, now, []);
      if (refusal) return { ok: false, reason: refusal };
      return { ok: true, meeting: await this.insert(trx, meeting) };
    });
  }

  /**
   * Proposes to move an agreed meeting to another time: stored as a proposal that replaces it, while
   * the meeting is still agreed, not begun and no other move of it waits for an answer (re-checked
   * under the proposal lock of the pair's people, so two moves at once cannot both be stored). The
   * meeting itself stays agreed until the proposal is accepted; it does not clash with its own move.
   */
  async proposeMove(movedId: number, meeting: NewMeeting, people: readonly number[], now: Date): Promise<ProposalResult> {
    return this.db.transaction().execute(async (trx) => {
      const refusal = await this.lockAndCheck(trx, meeting, people, now, [movedId], async () => {
        const moved = await trx.selectFrom("meetings").select(COLUMNS).where("id", "=", movedId).forUpdate().executeTakeFirst();
        return moved && moved.pair_id === meeting.pairId ? this.moveRefusal(trx, toMeeting(moved), now) : "move-closed";
      });
      if (refusal) return { ok: false, reason: refusal };
      return { ok: true, meeting: await this.insert(trx, { ...meeting, replacesId: movedId }) };
    });
  }

  /** Why an agreed meeting cannot be moved now, if it cannot. */
  private async moveRefusal(executor: Kysely<Database>, moved: Meeting, now: Date): Promise<ProposalRefusal | undefined> {
    if (moved.state !== "accepted") return "move-closed";
    if (moved.start.getTime() <= now.getTime()) return "move-begun";
    return (await this.pendingMove(moved.id, executor)) ? "move-pending" : undefined;
  }

  /**
   * "Another time": stores the counter-proposal and marks the proposal it answers "rescheduled",
   * only while that one is still waiting for an answer. When the proposal moves an agreed meeting
   * (`movedId`), the counter-proposal moves it too: the meeting must still be agreed and not begun,
   * and does not clash with its own move.
   */
  async counter(answeredId: number, meeting: NewMeeting, people: readonly number[], now: Date, movedId?: number): Promise<ProposalResult> {
    return this.db.transaction().execute(async (trx) => {
      const answered = await trx.selectFrom("meetings").select("state").where("id", "=", answeredId).forUpdate().executeTakeFirst();
      if (answered?.state !== "proposed") return { ok: false, reason: "answered" };
      const except = movedId === undefined ? [answeredId] : [answeredId, movedId];
      const refusal = await this.lockAndCheck(trx, meeting, people, now, except, async () => {
        if (movedId === undefined) return undefined;
        // Read, not locked: the moved meeting is locked before its proposals everywhere else.
        const moved = await this.get(movedId, trx);
        if (moved?.state !== "accepted") return "move-closed";
        return moved.start.getTime() <= now.getTime() ? "move-begun" : undefined;
      });
      if (refusal) return { ok: false, reason: refusal };
      await trx
        .updateTable("meetings")
        .set({ state: "rescheduled", decided_by: meeting.proposedBy, decided_at: now })
        .where("id", "=", answeredId)
        .execute();
      return { ok: true, meeting: await this.insert(trx, { ...meeting, replacesId: answeredId }) };
    });
  }

  /**
   * Takes the proposal lock of each of `people`, then checks (in this order) `guard`, the slot and
   * clashes with their other meetings (those in `except` left out).
   */
  private async lockAndCheck(
    trx: Kysely<Database>,
    meeting: NewMeeting,
    people: readonly number[],
    now: Date,
    except: readonly number[],
    guard?: () => Promise<ProposalRefusal | undefined>,
  ): Promise<ProposalRefusal | undefined> {
    const slot = meetingSlot(meeting.start, meeting.minutes, now);
    // In id order, so that two proposals sharing people never wait for each other crosswise.
    for (const personId of [...new Set(people)].sort((a, b) => a - b)) {
      await sql`SELECT pg_advisory_xact_lock(${PROPOSAL_LOCK}::int, ${personId}::int)`.execute(trx);
    }
    const refused = guard ? await guard() : undefined;
    if (refused) return refused;
    // meetingSlot refuses with these message keys; the domain's Parsed carries them as a plain string.
    if (!slot.ok) return slot.error as SlotRefusal;
    const others = await this.busy(people, now, trx);
    const free = checkNoClash(slot.value, others, except);
    return free.ok ? undefined : "error-meeting-overlap";
  }

  private async insert(trx: Kysely<Database>, meeting: NewMeeting): Promise<Meeting> {
    const row = await trx
      .insertInto("meetings")
      .values({
        pair_id: meeting.pairId,
        org_id: meeting.orgId,
        proposed_by: meeting.proposedBy,
        starts_at: meeting.start,
        minutes: meeting.minutes,
        place: meeting.place,
        online: meeting.online,
        replaces_id: meeting.replacesId ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toMeeting(row);
  }

  /** Declines a proposal, only while it waits for an answer; undefined when it no longer does. */
  async decline(id: number, by: number, at: Date): Promise<Meeting | undefined> {
    return this.move(id, ["proposed"], { state: "declined", decided_by: by, decided_at: at });
  }

  /**
   * Accepts a proposal, only while it waits for an answer (undefined when it no longer does). A move
   * of an agreed meeting, accepted, marks that meeting "moved" and gives the new one the next
   * calendar sequence (its event is the same); when the meeting has begun meanwhile, the move is
   * declined instead.
   */
  async accept(id: number, by: number, at: Date): Promise<Acceptance | undefined> {
    return this.db.transaction().execute(async (trx): Promise<Acceptance | undefined> => {
      // The moved meeting is locked before its proposal, as calling it off does.
      const behind = await this.movedBy(id, trx);
      const moved = behind && (await trx.selectFrom("meetings").select(COLUMNS).where("id", "=", behind.id).forUpdate().executeTakeFirst());
      const proposal = await trx.selectFrom("meetings").select("state").where("id", "=", id).forUpdate().executeTakeFirst();
      if (proposal?.state !== "proposed") return undefined;
      const decided = { decided_by: by, decided_at: at };
      if (moved?.state !== "accepted") {
        const accepted = await this.move(id, ["proposed"], { state: "accepted", ...decided }, trx);
        return accepted && { kind: "accepted", meeting: accepted };
      }
      const agreed = toMeeting(moved);
      if (agreed.start.getTime() <= at.getTime()) {
        await this.move(id, ["proposed"], { state: "declined", ...decided }, trx);
        return { kind: "begun", moved: agreed };
      }
      const old = (await this.move(agreed.id, ["accepted"], { state: "moved", ...decided }, trx))!;
      const accepted = (await this.move(id, ["proposed"], { state: "accepted", sequence: agreed.sequence + 1, ...decided }, trx))!;
      return { kind: "moved", meeting: accepted, moved: old };
    });
  }

  /**
   * Calls off a meeting: an agreed one (its calendar sequence raised, as the cancellation file says,
   * and a move of it waiting for an answer declined with it) or a proposal still unanswered.
   * Undefined when it is in neither state any more.
   */
  async cancel(id: number, from: "accepted" | "proposed", by: number, at: Date): Promise<Meeting | undefined> {
    const decided = { decided_by: by, decided_at: at };
    if (from === "proposed") return this.move(id, ["proposed"], { state: "declined", ...decided });
    return this.db.transaction().execute(async (trx) => {
      const cancelled = await this.move(id, ["accepted"], { state: "declined", sequence: sql<number>`sequence + 1`, ...decided }, trx);
      const pending = cancelled && (await this.pendingMove(id, trx));
      if (pending) await this.move(pending.id, ["proposed"], { state: "declined", ...decided }, trx);
      return cancelled;
    });
  }

  /** The mentor's tick after an agreed meeting; undefined when it was ticked (or called off) already. */
  async tick(id: number, to: "held" | "missed" | "moved", at: Date): Promise<Meeting | undefined> {
    return this.move(id, ["accepted"], { state: to, ticked_at: at });
  }

  /** The mentor's one line about a meeting that took place; false when it has a note already. */
  async setNote(id: number, note: string): Promise<boolean> {
    const result = await this.db
      .updateTable("meetings")
      .set({ note })
      .where("id", "=", id)
      .where("state", "=", "held")
      .where("note", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  private async move(
    id: number,
    from: MeetingState[],
    set: UpdateObject<Database, "meetings">,
    executor: Kysely<Database> = this.db,
  ): Promise<Meeting | undefined> {
    const row = await executor
      .updateTable("meetings")
      .set(set)
      .where("id", "=", id)
      .where("state", "in", from)
      .returningAll()
      .executeTakeFirst();
    return row ? toMeeting(row) : undefined;
  }

  /**
   * Claims agreed meetings whose end has passed and whose mentor was not asked yet (however long ago
   * they ended: a catch-up after downtime asks once), with the mentor to ask. Replicas skip each
   * other's claims.
   */
  async claimFollowUps(now: Date, limit: number): Promise<FollowUpDue[]> {
    const result = await sql<MeetingRow & { mentor_person_id: number; timezone: string }>`
      WITH claimed AS (
        UPDATE meetings SET follow_up_asked_at = ${now}
        WHERE id IN (
          SELECT id FROM meetings
          WHERE state = 'accepted' AND follow_up_asked_at IS NULL
            AND starts_at + minutes * interval '1 minute' <= ${now}
            -- A pair that ended (its cycle archived) is not asked about its meetings any more.
            AND EXISTS (SELECT 1 FROM pairs WHERE pairs.id = meetings.pair_id AND pairs.status = 'published')
          ORDER BY starts_at, id
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING ${sql.raw(RETURNED)})
      SELECT claimed.*, mentor.person_id AS mentor_person_id, organisations.timezone
      FROM claimed
      JOIN pairs ON pairs.id = claimed.pair_id
      JOIN participants mentor ON mentor.id = pairs.mentor_participant_id
      JOIN organisations ON organisations.id = claimed.org_id
      ORDER BY claimed.starts_at, claimed.id`.execute(this.db);
    return result.rows.map((row) => ({ meeting: toMeeting(row), mentorPersonId: Number(row.mentor_person_id), timeZone: row.timezone }));
  }

  /** Gives claimed questions back (planning them failed): the next run asks them. */
  async releaseFollowUps(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable("meetings")
      .set({ follow_up_asked_at: null })
      .where("id", "in", ids)
      .where("state", "=", "accepted")
      .execute();
  }

  /** Facts of the pairs' meetings (ending after `from`, when given), for alerts and digests: one query. */
  async factsOf(pairIds: number[], from?: Date): Promise<MeetingFact[]> {
    if (pairIds.length === 0) return [];
    let query = this.db.selectFrom("meetings").select(["id", "pair_id", "starts_at", "minutes", "state"]).where("pair_id", "in", pairIds);
    if (from) query = query.where(sql<boolean>`starts_at + minutes * interval '1 minute' > ${from}`);
    const rows = await query.orderBy("starts_at").orderBy("id").execute();
    return rows.map((row) => {
      const start = new Date(row.starts_at);
      return { id: row.id, pairId: row.pair_id, start, end: meetingEnd(start, row.minutes), state: row.state };
    });
  }

  /** A person's meetings still ahead (proposed or agreed, starting after `now`) in all their pairs, soonest first. */
  async upcomingFor(personId: number, now: Date, limit = 20): Promise<Meeting[]> {
    const rows = await this.db
      .selectFrom("meetings")
      .innerJoin("pairs", "pairs.id", "meetings.pair_id")
      .select(COLUMNS)
      .where("meetings.state", "in", ["proposed", "accepted"])
      .where("meetings.starts_at", ">", now)
      .where(personInPair([personId]))
      .orderBy("meetings.starts_at")
      .orderBy("meetings.id")
      .limit(limit)
      .execute();
    return rows.map(toMeeting);
  }
}
