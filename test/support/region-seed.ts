/**
 * Rows of a region's programmes written straight into the database, as the flows store them, for the
 * tests of the regional figures (test/integration/region-aggregates.test.ts, test/e2e/region.test.ts):
 * every figure is then known in advance.
 */
import { type Kysely, sql } from "kysely";
import type { Database } from "#root/db/schema.ts";

const at = (iso: string) => new Date(iso);

export async function one<T>(db: Kysely<Database>, query: ReturnType<typeof sql<T>>): Promise<T> {
  const { rows } = await query.execute(db);
  return rows[0]!;
}

export async function territory(db: Kysely<Database>, kindOf: "region" | "municipality", name: string, parentId: number | null) {
  return (
    await one(
      db,
      sql<{ id: number }>`INSERT INTO territories (kind, name, parent_id) VALUES (${kindOf}, ${name}, ${parentId}) RETURNING id`,
    )
  ).id;
}

export async function organisation(db: Kysely<Database>, name: string, territoryId: number) {
  return (
    await one(
      db,
      sql<{
        id: number;
      }>`INSERT INTO organisations (name, timezone, territory_id) VALUES (${name}, 'Europe/Moscow', ${territoryId}) RETURNING id`,
    )
  ).id;
}

export async function cycle(
  db: Kysely<Database>,
  orgId: number,
  name: string,
  stage: "working" | "archived",
  startsOn: string,
  endsOn: string,
  createdAt: string,
) {
  return (
    await one(
      db,
      sql<{ id: number }>`INSERT INTO cycles (org_id, name, starts_on, ends_on, forms, directions, stage, created_at, archived_at)
        VALUES (${orgId}, ${name}, ${startsOn}::date, ${endsOn}::date, '{teacher_student,student_student,adult_student}', '{studies}',
          ${stage}, ${at(createdAt)}, ${stage === "archived" ? at(endsOn) : null}) RETURNING id`,
    )
  ).id;
}

/** A person in a role of an organisation: the participant's and the person's ids. */
export async function participant(db: Kysely<Database>, orgId: number, role: "mentor" | "mentee", birthYear: number) {
  const person = await one(
    db,
    sql<{ id: number }>`INSERT INTO people (full_name, birth_year) VALUES (${`${role} ${birthYear}`}, ${birthYear}) RETURNING id`,
  );
  const row = await one(
    db,
    sql<{
      id: number;
    }>`INSERT INTO participants (org_id, person_id, role, status) VALUES (${orgId}, ${person.id}, ${role}, 'active') RETURNING id`,
  );
  return { participantId: row.id, personId: person.id };
}

export interface PairSpec {
  orgId: number;
  cycleId: number;
  mentor: { participantId: number; personId: number };
  mentees: Array<{ participantId: number; personId: number }>;
  form: string;
  direction: string;
  variant?: string;
  publishedAt: string;
  endedAt?: string;
}

export async function pair(db: Kysely<Database>, spec: PairSpec) {
  const row = await one(
    db,
    sql<{
      id: number;
    }>`INSERT INTO pairs (org_id, cycle_id, mentor_participant_id, form, direction, variant, status, published_at, ended_at)
      VALUES (${spec.orgId}, ${spec.cycleId}, ${spec.mentor.participantId}, ${spec.form}, ${spec.direction}, ${spec.variant ?? null},
        ${spec.endedAt ? "ended" : "published"}, ${at(spec.publishedAt)}, ${spec.endedAt ? at(spec.endedAt) : null}) RETURNING id`,
  );
  for (const mentee of spec.mentees) {
    await sql`INSERT INTO pair_mentees (pair_id, mentee_participant_id, org_id, cycle_id, ended_at)
      VALUES (${row.id}, ${mentee.participantId}, ${spec.orgId}, ${spec.cycleId}, ${spec.endedAt ? at(spec.endedAt) : null})`.execute(db);
  }
  return row.id;
}

export async function meeting(db: Kysely<Database>, pairId: number, orgId: number, startsAt: string, state: "held" | "missed") {
  await sql`INSERT INTO meetings (pair_id, org_id, starts_at, minutes, place, state) VALUES (${pairId}, ${orgId}, ${at(startsAt)}, 60, 'Кабинет 12', ${state})`.execute(
    db,
  );
}

/** A plan with milestones done at the given times (null: not done); returns the milestones' ids. */
export async function plan(db: Kysely<Database>, pairId: number, orgId: number, doneAt: Array<string | null>) {
  const row = await one(
    db,
    sql<{ id: number }>`INSERT INTO plans (pair_id, org_id, goal, status) VALUES (${pairId}, ${orgId}, 'Проект', 'agreed') RETURNING id`,
  );
  const milestones: number[] = [];
  for (const [index, done] of doneAt.entries()) {
    const milestone = await one(
      db,
      sql<{ id: number }>`INSERT INTO plan_milestones (plan_id, org_id, position, title, due_on, done_at)
        VALUES (${row.id}, ${orgId}, ${index + 1}, 'Шаг', '2026-12-01', ${done ? at(done) : null}) RETURNING id`,
    );
    milestones.push(milestone.id);
  }
  return milestones;
}

export async function checkIn(
  db: Kysely<Database>,
  pairId: number,
  orgId: number,
  personId: number,
  round: number,
  answeredAt: string,
  milestoneId: number,
  answer: "stuck" | "on_track",
) {
  const row = await one(
    db,
    sql<{ id: number }>`INSERT INTO check_ins (pair_id, org_id, person_id, respondent, round, asked_at, answered_at)
      VALUES (${pairId}, ${orgId}, ${personId}, 'mentee', ${round}, ${at(answeredAt)}, ${at(answeredAt)}) RETURNING id`,
  );
  await sql`INSERT INTO check_in_answers (check_in_id, milestone_id, org_id, answer, answered_at)
    VALUES (${row.id}, ${milestoneId}, ${orgId}, ${answer}, ${at(answeredAt)})`.execute(db);
}

export async function survey(
  db: Kysely<Database>,
  spec: { orgId: number; cycleId: number; pairId: number; personId: number; audience: "mentee" | "mentor"; moment: "start" | "end" },
  answeredAt: string,
  scales: Record<string, number>,
) {
  const row = await one(
    db,
    sql<{ id: number }>`INSERT INTO surveys (org_id, cycle_id, pair_id, person_id, audience, moment, version, sent_at, answered_at)
      VALUES (${spec.orgId}, ${spec.cycleId}, ${spec.pairId}, ${spec.personId}, ${spec.audience}, ${spec.moment}, 1, ${at(answeredAt)}, ${at(answeredAt)})
      RETURNING id`,
  );
  for (const [question, scale] of Object.entries(scales)) {
    await sql`INSERT INTO survey_answers (survey_id, org_id, question_id, scale, answered_at)
      VALUES (${row.id}, ${spec.orgId}, ${question}, ${scale}, ${at(answeredAt)})`.execute(db);
  }
}

export async function alert(db: Kysely<Database>, pairId: number, orgId: number, createdAt: string) {
  await sql`INSERT INTO pair_alerts (pair_id, org_id, reason, alert_key, created_at)
    VALUES (${pairId}, ${orgId}, 'no-meeting', ${`no-meeting:${createdAt}`}, ${at(createdAt)})`.execute(db);
}
