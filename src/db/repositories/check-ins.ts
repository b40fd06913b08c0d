import { type Kysely, type Selectable, sql } from "kysely";
import type { CheckInAnswer } from "#root/domain/attention.ts";
import type { CheckIn, CheckInAnswerRow, CheckInRespondent as Respondent } from "#root/domain/entities/check-in.ts";
import type { MeetingState } from "#root/domain/meetings.ts";
import type { CheckInAnswerTable, CheckInTable, Database } from "../schema.ts";
import { type NewOutboxMessage, OutboxRepository } from "./outbox.ts";

export type { CheckIn, CheckInAnswerRow, CheckInRespondent as Respondent } from "#root/domain/entities/check-in.ts";

export interface NewCheckIn {
  pairId: number;
  orgId: number;
  personId: number;
  respondent: Respondent;
  round: number;
}

export interface MilestoneAnswer {
  milestoneId: number;
  answer: CheckInAnswer;
  reason: string | null;
}

/** A meeting as the attention job reads it. */
export interface PairMeeting {
  id: number;
  pairId: number;
  startsAt: Date;
  minutes: number;
  state: MeetingState;
}

export interface NewPairAlert {
  pairId: number;
  orgId: number;
  reason: string;
  key: string;
}

export interface PairAlertRow extends NewPairAlert {
  id: number;
  createdAt: Date;
}

/**
 * Check-ins, their answers and the alerts about pairs. Asking and alerting claim rows on unique keys
 * (ON CONFLICT DO NOTHING RETURNING) and plan their messages in the same transaction, so replicas,
 * re-runs and crashes between the two never ask twice nor lose a question.
 */
export class CheckInsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Who of these pairs was already asked in the given round of each. One query. */
  async askedIn(rounds: Array<{ pairId: number; round: number }>): Promise<Array<{ pairId: number; personId: number }>> {
    if (rounds.length === 0) return [];
    const due = sql.join(rounds.map((entry) => sql`(${entry.pairId}::bigint, ${entry.round}::integer)`));
    const result = await sql<{ pair_id: number; person_id: number }>`
      SELECT check_ins.pair_id, check_ins.person_id FROM check_ins
      JOIN (VALUES ${due}) AS due (pair_id, round) ON due.pair_id = check_ins.pair_id AND due.round = check_ins.round`.execute(this.db);
    return result.rows.map((row) => ({ pairId: Number(row.pair_id), personId: Number(row.person_id) }));
  }

  /**
   * Asks these people: inserts their check-ins (a row already there is somebody else's claim and is
   * skipped) and plans the message of each one claimed here, in one transaction. Returns the
   * check-ins claimed.
   */
  async ask(checkIns: NewCheckIn[], at: Date, messageFor: (checkIn: CheckIn) => NewOutboxMessage): Promise<CheckIn[]> {
    if (checkIns.length === 0) return [];
    // One order for every replica: concurrent inserts wait for each other instead of deadlocking.
    const ordered = [...checkIns].sort((a, b) => a.pairId - b.pairId || a.personId - b.personId || a.round - b.round);
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .insertInto("check_ins")
        .values(
          ordered.map((entry) => ({
            pair_id: entry.pairId,
            org_id: entry.orgId,
            person_id: entry.personId,
            respondent: entry.respondent,
            round: entry.round,
            asked_at: at,
          })),
        )
        .onConflict((conflict) => conflict.columns(["pair_id", "person_id", "round"]).doNothing())
        .returningAll()
        .execute();
      const claimed = rows.map(checkInOf);
      await new OutboxRepository(trx).enqueue(claimed.map((checkIn) => ({ orgId: checkIn.orgId, ...messageFor(checkIn) })));
      return claimed;
    });
  }

  async get(id: number): Promise<CheckIn | undefined> {
    const row = await this.db.selectFrom("check_ins").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? checkInOf(row) : undefined;
  }

  /**
   * Saves a person's answers to their check-in at once: marks it answered (undefined when it already
   * was, or is not theirs), keeps the answers, marks milestones done when `marksDone` (the mentor's
   * word), records an alert for each stuck answer and plans the messages `alertMessages` makes of the
   * alerts, in one transaction.
   */
  async answer(
    input: { checkInId: number; personId: number; at: Date; answers: MilestoneAnswer[]; marksDone: boolean },
    alertMessages: (alerts: Array<PairAlertRow & { answer: CheckInAnswerRow }>) => NewOutboxMessage[],
  ): Promise<{ answers: CheckInAnswerRow[]; alerts: PairAlertRow[] } | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const checkIn = await trx
        .updateTable("check_ins")
        .set({ answered_at: input.at })
        .where("id", "=", input.checkInId)
        .where("person_id", "=", input.personId)
        .where("answered_at", "is", null)
        .returningAll()
        .executeTakeFirst();
      if (!checkIn) return undefined;
      const saved =
        input.answers.length === 0
          ? []
          : await trx
              .insertInto("check_in_answers")
              .values(
                input.answers.map((entry) => ({
                  check_in_id: checkIn.id,
                  milestone_id: entry.milestoneId,
                  org_id: checkIn.org_id,
                  answer: entry.answer,
                  reason: entry.reason,
                  answered_at: input.at,
                })),
              )
              .returningAll()
              .execute();
      const answers = saved.map((row) => answerOf(row, checkIn.pair_id, checkIn.person_id, checkIn.respondent));
      const done = input.answers.filter((entry) => entry.answer === "done").map((entry) => entry.milestoneId);
      if (input.marksDone && done.length > 0) {
        await trx
          .updateTable("plan_milestones")
          .set({ done_at: input.at, done_by: input.personId })
          .where("id", "in", done)
          .where("done_at", "is", null)
          .where("plan_id", "in", trx.selectFrom("plans").select("id").where("pair_id", "=", checkIn.pair_id))
          .execute();
      }
      const stuck = answers.filter((entry) => entry.answer === "stuck");
      const alerts = await insertAlerts(
        trx,
        stuck.map((entry) => ({
          pairId: checkIn.pair_id,
          orgId: checkIn.org_id,
          reason: "stuck-check-in",
          key: `stuck-check-in:${entry.id}`,
        })),
        input.at,
      );
      const withAnswers = alerts.map((alert) => ({ ...alert, answer: stuck.find((entry) => alert.key === `stuck-check-in:${entry.id}`)! }));
      await new OutboxRepository(trx).enqueue(alertMessages(withAnswers));
      return { answers, alerts };
    });
  }

  /** Every check-in answer of these pairs, oldest first. One query. */
  async answersOf(pairIds: number[]): Promise<CheckInAnswerRow[]> {
    if (pairIds.length === 0) return [];
    const rows = await this.db
      .selectFrom("check_in_answers")
      .innerJoin("check_ins", "check_ins.id", "check_in_answers.check_in_id")
      .select([
        "check_in_answers.id",
        "check_in_answers.check_in_id",
        "check_in_answers.milestone_id",
        "check_in_answers.org_id",
        "check_in_answers.answer",
        "check_in_answers.reason",
        "check_in_answers.answered_at",
        "check_ins.pair_id",
        "check_ins.person_id",
        "check_ins.respondent",
      ])
      .where("check_ins.pair_id", "in", pairIds)
      .orderBy("check_in_answers.answered_at")
      .orderBy("check_in_answers.id")
      .execute();
    return rows.map((row) => answerOf(row, row.pair_id, row.person_id, row.respondent));
  }

  /** Every meeting of these pairs, by start. One query. */
  async meetingsOf(pairIds: number[]): Promise<PairMeeting[]> {
    if (pairIds.length === 0) return [];
    const rows = await this.db
      .selectFrom("meetings")
      .select(["id", "pair_id", "starts_at", "minutes", "state"])
      .where("pair_id", "in", pairIds)
      .orderBy("starts_at")
      .orderBy("id")
      .execute();
    return rows.map((row) => ({
      id: row.id,
      pairId: row.pair_id,
      startsAt: new Date(row.starts_at),
      minutes: row.minutes,
      state: row.state,
    }));
  }

  /** The active coordinators of these organisations. One query. */
  async coordinatorsOf(orgIds: number[]): Promise<Map<number, number[]>> {
    const coordinators = new Map<number, number[]>();
    if (orgIds.length === 0) return coordinators;
    const rows = await this.db
      .selectFrom("participants")
      .select(["org_id", "person_id"])
      .where("org_id", "in", orgIds)
      .where("role", "=", "coordinator")
      .where("status", "=", "active")
      .orderBy("person_id")
      .execute();
    for (const row of rows) coordinators.set(row.org_id, [...(coordinators.get(row.org_id) ?? []), row.person_id]);
    return coordinators;
  }

  /**
   * Records alerts about pairs: those new here (an alert already kept is skipped) get the messages
   * `messagesFor` makes, planned in the same transaction. Returns the new alerts.
   */
  async recordAlerts(
    alerts: NewPairAlert[],
    at: Date,
    messagesFor: (alerts: PairAlertRow[]) => NewOutboxMessage[],
  ): Promise<PairAlertRow[]> {
    if (alerts.length === 0) return [];
    return this.db.transaction().execute(async (trx) => {
      const recorded = await insertAlerts(trx, alerts, at);
      await new OutboxRepository(trx).enqueue(messagesFor(recorded));
      return recorded;
    });
  }
}

async function insertAlerts(trx: Kysely<Database>, alerts: NewPairAlert[], at: Date): Promise<PairAlertRow[]> {
  if (alerts.length === 0) return [];
  const ordered = [...alerts].sort((a, b) => a.pairId - b.pairId || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rows = await trx
    .insertInto("pair_alerts")
    .values(
      ordered.map((alert) => ({ pair_id: alert.pairId, org_id: alert.orgId, reason: alert.reason, alert_key: alert.key, created_at: at })),
    )
    .onConflict((conflict) => conflict.columns(["pair_id", "alert_key"]).doNothing())
    .returningAll()
    .execute();
  return rows.map((row) => ({
    id: row.id,
    pairId: row.pair_id,
    orgId: row.org_id,
    reason: row.reason,
    key: row.alert_key,
    createdAt: new Date(row.created_at),
  }));
}

function checkInOf(row: Selectable<CheckInTable>): CheckIn {
  return {
    id: row.id,
    pairId: row.pair_id,
    orgId: row.org_id,
    personId: row.person_id,
    respondent: row.respondent,
    round: row.round,
    askedAt: new Date(row.asked_at),
    answeredAt: row.answered_at ? new Date(row.answered_at) : null,
  };
}

function answerOf(
  row: Pick<Selectable<CheckInAnswerTable>, "id" | "check_in_id" | "milestone_id" | "answer" | "reason" | "answered_at">,
  pairId: number,
  personId: number,
  respondent: Respondent,
): CheckInAnswerRow {
  return {
    id: row.id,
    checkInId: row.check_in_id,
    pairId,
    milestoneId: row.milestone_id,
    personId,
    respondent,
    answer: row.answer,
    reason: row.reason,
    at: new Date(row.answered_at),
  };
}
