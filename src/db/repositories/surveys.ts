import { type Kysely, type Selectable, sql } from "kysely";
import type { CycleStage } from "#root/domain/cycle.ts";
import type { Survey, SurveyAnswer, SurveyPair } from "#root/domain/entities/survey.ts";
import { remindersDue, SURVEY_REMINDER_DAYS, type SurveyAudience, type SurveyMoment, stageOfMoment } from "#root/domain/surveys.ts";
import type { Database, SurveyTable } from "../schema.ts";
import { type NewOutboxMessage, OutboxRepository } from "./outbox.ts";

export type { Survey, SurveyAnswer, SurveyPair } from "#root/domain/entities/survey.ts";

export type NewSurvey = Omit<Survey, "id" | "sentAt" | "remindersSent" | "answeredAt">;

/** Someone of a pair who should get a questionnaire and has none yet. */
export interface SurveyRecipient {
  orgId: number;
  cycleId: number;
  pairId: number;
  personId: number;
  audience: SurveyAudience;
  pair: SurveyPair;
}

/** A survey as its button opens it: with its cycle's stage and its pair's names. */
export interface OpenedSurvey extends Survey {
  cycleStage: CycleStage;
  pair: SurveyPair;
}

/** One survey of a cycle with its answers, as the closing report reads them. */
export interface CycleSurveyFacts {
  surveyId: number;
  personId: number;
  /** The person's name ("—" when it is gone). */
  name: string;
  audience: SurveyAudience;
  moment: SurveyMoment;
  pairId: number;
  /** Only surveys that were sent have rows. */
  sent: true;
  answeredAt: Date | null;
  /** Answers by question id; empty while unanswered. */
  scales: Record<string, number>;
  choices: Record<string, string>;
  open: Record<string, string>;
}

/**
 * The feedback questionnaires and their answers. Sending and reminding claim rows (an insert on the
 * unique (pair, person, moment), an update of the reminder count) and plan their messages in the same
 * transaction, so replicas, re-runs and a crash between the two never send twice nor lose a message.
 */
export class SurveysRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * The mentors and mentees of the published pairs whose cycle is at the moment's stage (working for
   * the start, closing for the end) who have no questionnaire of that moment for that pair yet. Two
   * queries, whatever the number of pairs.
   */
  async unsent(moment: SurveyMoment, now: Date): Promise<SurveyRecipient[]> {
    const stage = stageOfMoment(moment);
    const result = await sql<{ org_id: number; cycle_id: number; pair_id: number; person_id: number; audience: SurveyAudience }>`
      WITH members AS (
        SELECT pairs.org_id, pairs.cycle_id, pairs.id AS pair_id, mentor.person_id, 'mentor' AS audience
        FROM pairs
        JOIN cycles ON cycles.id = pairs.cycle_id
        JOIN participants AS mentor ON mentor.id = pairs.mentor_participant_id
        WHERE pairs.status = 'published' AND pairs.published_at <= ${now} AND cycles.stage = ${stage} AND mentor.status = 'active'
          -- A mentor whose group lost every mentee has nobody to talk about.
          AND EXISTS (
            SELECT 1 FROM pair_mentees JOIN participants AS mentee ON mentee.id = pair_mentees.mentee_participant_id
            WHERE pair_mentees.pair_id = pairs.id AND pair_mentees.ended_at IS NULL AND mentee.status = 'active')
        UNION ALL
        SELECT pairs.org_id, pairs.cycle_id, pairs.id, mentee.person_id, 'mentee'
        FROM pairs
        JOIN cycles ON cycles.id = pairs.cycle_id
        JOIN participants AS mentor ON mentor.id = pairs.mentor_participant_id
        JOIN pair_mentees ON pair_mentees.pair_id = pairs.id AND pair_mentees.ended_at IS NULL
        JOIN participants AS mentee ON mentee.id = pair_mentees.mentee_participant_id
        WHERE pairs.status = 'published' AND pairs.published_at <= ${now} AND cycles.stage = ${stage}
          AND mentor.status = 'active' AND mentee.status = 'active'
      )
      SELECT members.* FROM members
      WHERE NOT EXISTS (
        SELECT 1 FROM surveys
        WHERE surveys.pair_id = members.pair_id AND surveys.person_id = members.person_id AND surveys.moment = ${moment})
      ORDER BY members.pair_id, members.person_id`.execute(this.db);
    if (result.rows.length === 0) return [];
    const pairs = await pairsOf(this.db, [...new Set(result.rows.map((row) => Number(row.pair_id)))]);
    return result.rows.map((row) => ({
      orgId: Number(row.org_id),
      cycleId: Number(row.cycle_id),
      pairId: Number(row.pair_id),
      personId: Number(row.person_id),
      audience: row.audience,
      pair: pairs.get(Number(row.pair_id))!,
    }));
  }

  /**
   * Sends these questionnaires: inserts the surveys (a row already there is somebody else's claim and
   * is skipped) and plans the message of each one claimed here, in one transaction. Returns the
   * surveys claimed.
   */
  async send(surveys: NewSurvey[], at: Date, messageFor: (survey: Survey) => NewOutboxMessage): Promise<Survey[]> {
    if (surveys.length === 0) return [];
    // One order for every replica: concurrent inserts wait for each other instead of deadlocking.
    const ordered = [...surveys].sort((a, b) => a.pairId - b.pairId || a.personId - b.personId || a.moment.localeCompare(b.moment));
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .insertInto("surveys")
        .values(
          ordered.map((survey) => ({
            org_id: survey.orgId,
            cycle_id: survey.cycleId,
            pair_id: survey.pairId,
            person_id: survey.personId,
            audience: survey.audience,
            moment: survey.moment,
            version: survey.version,
            sent_at: at,
          })),
        )
        .onConflict((conflict) => conflict.columns(["pair_id", "person_id", "moment"]).doNothing())
        .returningAll()
        .execute();
      const claimed = rows.map(surveyOf);
      await new OutboxRepository(trx).enqueue(claimed.map((survey) => ({ orgId: survey.orgId, ...messageFor(survey) })));
      return claimed;
    });
  }

  /**
   * Reminds of unanswered surveys whose reminder is due (surveyReminderTimes), while their cycle is at
   * the moment's stage and the person still takes part: claims them (FOR UPDATE SKIP LOCKED, then the
   * count raised to the reminders due by now, so a run after downtime reminds once, not twice) and
   * plans one message each in the same transaction. `reminder` is the count after this one. Returns
   * how many were reminded. A fixed number of queries.
   */
  async remind(now: Date, messageFor: (survey: Survey, pair: SurveyPair, reminder: number) => NewOutboxMessage): Promise<number> {
    const firstAfter = SURVEY_REMINDER_DAYS[0];
    return this.db.transaction().execute(async (trx) => {
      const candidates = await sql<Selectable<SurveyTable>>`
        SELECT surveys.* FROM surveys
        JOIN cycles ON cycles.id = surveys.cycle_id
        WHERE surveys.answered_at IS NULL
          AND surveys.reminders_sent < ${SURVEY_REMINDER_DAYS.length}
          AND surveys.sent_at <= ${now}::timestamptz - make_interval(days => ${firstAfter})
          AND cycles.stage = CASE surveys.moment WHEN 'start' THEN 'working' ELSE 'closing' END
          AND EXISTS (
            SELECT 1 FROM participants
            WHERE participants.person_id = surveys.person_id AND participants.org_id = surveys.org_id
              AND participants.role = surveys.audience AND participants.status = 'active')
        ORDER BY surveys.id
        FOR UPDATE OF surveys SKIP LOCKED`.execute(trx);
      const due = candidates.rows
        .map((row) => ({ id: Number(row.id), due: remindersDue(new Date(row.sent_at), now), sent: row.reminders_sent }))
        .filter((entry) => entry.due > entry.sent);
      if (due.length === 0) return 0;
      const values = sql.join(due.map((entry) => sql`(${entry.id}::bigint, ${entry.due}::integer)`));
      const updated = await sql<Selectable<SurveyTable>>`
        UPDATE surveys SET reminders_sent = due.count
        FROM (VALUES ${values}) AS due (id, count)
        WHERE surveys.id = due.id AND surveys.reminders_sent < due.count AND surveys.answered_at IS NULL
        RETURNING surveys.*`.execute(trx);
      const reminded = updated.rows.map(surveyOf);
      if (reminded.length === 0) return 0;
      const pairs = await pairsOf(trx, [...new Set(reminded.map((survey) => survey.pairId))]);
      await new OutboxRepository(trx).enqueue(
        reminded.map((survey) => ({ orgId: survey.orgId, ...messageFor(survey, pairs.get(survey.pairId)!, survey.remindersSent) })),
      );
      return reminded.length;
    });
  }

  /** A survey with its cycle's stage and its pair's names, for its button. */
  async opened(id: number): Promise<OpenedSurvey | undefined> {
    const row = await this.db
      .selectFrom("surveys")
      .innerJoin("cycles", "cycles.id", "surveys.cycle_id")
      .selectAll("surveys")
      .select("cycles.stage as cycle_stage")
      .where("surveys.id", "=", id)
      .executeTakeFirst();
    if (!row) return undefined;
    const pair = (await pairsOf(this.db, [row.pair_id])).get(row.pair_id);
    if (!pair) return undefined;
    return { ...surveyOf(row), cycleStage: row.cycle_stage, pair };
  }

  /**
   * Saves a person's answers to their survey at once: marks it answered (false when it already was,
   * is not theirs, or its cycle was archived meanwhile), keeps the answers, and withdraws its
   * reminders still waiting, in one transaction.
   */
  async answer(input: { surveyId: number; personId: number; at: Date; answers: SurveyAnswer[] }): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const survey = await trx
        .updateTable("surveys")
        .set({ answered_at: input.at })
        .where("id", "=", input.surveyId)
        .where("person_id", "=", input.personId)
        .where("answered_at", "is", null)
        .where("cycle_id", "in", trx.selectFrom("cycles").select("id").where("stage", "<>", "archived"))
        .returning(["id", "org_id"])
        .executeTakeFirst();
      if (!survey) return false;
      if (input.answers.length > 0) {
        await trx
          .insertInto("survey_answers")
          .values(
            input.answers.map((answer) => ({
              survey_id: survey.id,
              org_id: survey.org_id,
              question_id: answer.questionId,
              scale: answer.kind === "scale" ? answer.value : null,
              choice: answer.kind === "choice" ? answer.value : null,
              open_text: answer.kind === "open" ? answer.value : null,
              answered_at: input.at,
            })),
          )
          .execute();
      }
      await new OutboxRepository(trx).withdrawTopic(surveyTopic(survey.id), input.at, "answered");
      return true;
    });
  }

  /** Every survey of a cycle with its answers, by pair and person. Two queries. */
  async cycleFacts(cycleId: number): Promise<CycleSurveyFacts[]> {
    const surveys = await this.db
      .selectFrom("surveys")
      .leftJoin("people", "people.id", "surveys.person_id")
      .select([
        "surveys.id",
        "surveys.person_id",
        "people.full_name",
        "surveys.audience",
        "surveys.moment",
        "surveys.pair_id",
        "surveys.answered_at",
      ])
      .where("surveys.cycle_id", "=", cycleId)
      .orderBy("surveys.pair_id")
      .orderBy("surveys.person_id")
      .orderBy("surveys.moment", "desc")
      .execute();
    if (surveys.length === 0) return [];
    const facts = new Map<number, CycleSurveyFacts>(
      surveys.map((row) => [
        row.id,
        {
          surveyId: row.id,
          personId: row.person_id,
          name: row.full_name ?? "—",
          audience: row.audience,
          moment: row.moment,
          pairId: row.pair_id,
          sent: true,
          answeredAt: row.answered_at ? new Date(row.answered_at) : null,
          scales: {},
          choices: {},
          open: {},
        },
      ]),
    );
    const answers = await this.db
      .selectFrom("survey_answers")
      .innerJoin("surveys", "surveys.id", "survey_answers.survey_id")
      .select([
        "survey_answers.survey_id",
        "survey_answers.question_id",
        "survey_answers.scale",
        "survey_answers.choice",
        "survey_answers.open_text",
      ])
      .where("surveys.cycle_id", "=", cycleId)
      .execute();
    for (const answer of answers) {
      const fact = facts.get(answer.survey_id);
      if (!fact) continue;
      if (answer.scale !== null) fact.scales[answer.question_id] = answer.scale;
      else if (answer.choice !== null) fact.choices[answer.question_id] = answer.choice;
      else if (answer.open_text !== null) fact.open[answer.question_id] = answer.open_text;
    }
    return [...facts.values()];
  }
}

/** What a survey's messages are about: its reminders are withdrawn together once it is answered. */
export const surveyTopic = (surveyId: number): string => `survey:${surveyId}`;

/** The names of these pairs: the organisation, the mentor and the mentees still in each. One query. */
async function pairsOf(db: Kysely<Database>, pairIds: number[]): Promise<Map<number, SurveyPair>> {
  const pairs = new Map<number, SurveyPair>();
  if (pairIds.length === 0) return pairs;
  const rows = await db
    .selectFrom("pairs")
    .innerJoin("organisations", "organisations.id", "pairs.org_id")
    .innerJoin("participants as mentor", "mentor.id", "pairs.mentor_participant_id")
    .innerJoin("people as mentor_person", "mentor_person.id", "mentor.person_id")
    .leftJoin("pair_mentees", (join) => join.onRef("pair_mentees.pair_id", "=", "pairs.id").on("pair_mentees.ended_at", "is", null))
    .leftJoin("participants as mentee", (join) =>
      join.onRef("mentee.id", "=", "pair_mentees.mentee_participant_id").on("mentee.status", "=", "active"),
    )
    .leftJoin("people as mentee_person", "mentee_person.id", "mentee.person_id")
    .select([
      "pairs.id as pairId",
      "organisations.name as orgName",
      "mentor_person.full_name as mentorName",
      "mentee.id as menteeId",
      "mentee_person.full_name as menteeName",
    ])
    .where("pairs.id", "in", pairIds)
    .orderBy("pairs.id")
    .orderBy("mentee_person.full_name")
    .orderBy("mentee.id")
    .execute();
  for (const row of rows) {
    let pair = pairs.get(row.pairId);
    if (!pair) {
      pair = { pairId: row.pairId, orgName: row.orgName, mentorName: row.mentorName, menteeNames: [] };
      pairs.set(row.pairId, pair);
    }
    if (row.menteeId !== null) pair.menteeNames.push(row.menteeName);
  }
  return pairs;
}

function surveyOf(row: Selectable<SurveyTable>): Survey {
  return {
    id: Number(row.id),
    orgId: Number(row.org_id),
    cycleId: Number(row.cycle_id),
    pairId: Number(row.pair_id),
    personId: Number(row.person_id),
    audience: row.audience,
    moment: row.moment,
    version: row.version,
    sentAt: new Date(row.sent_at),
    remindersSent: row.reminders_sent,
    answeredAt: row.answered_at ? new Date(row.answered_at) : null,
  };
}
