import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Database } from "#root/db/schema.ts";
import type { CalendarDate } from "#root/domain/cycle.ts";
import { addDays } from "#root/domain/typed-dates.ts";

/**
 * The weekly digest's world, seeded in bulk: `organisations` schools, each with a cycle at work and
 * `pairs` published pairs, written with INSERT … SELECT over generate_series so that a million rows
 * take seconds, not the minutes row-by-row inserts would. Every row's id is computed from its
 * organisation and pair number (OVERRIDING SYSTEM VALUE), so the statements can refer to each
 * other's rows without reading them back, and which pair is quiet, stuck or behind is a fixed
 * function of those numbers: the same world on every machine.
 *
 * An organisation (its zone Moscow, or east of it so that Monday 09:00 Moscow finds every digest due):
 *   - one coordinator, two in every second organisation;
 *   - per pair a mentor (an adult) and one mentee (two in every fourth pair), paired since two days
 *     before the history starts; the younger half of the first mentees with a parent who consented
 *     before that, the others consented themselves;
 *   - 3–10 mentees waiting for a parent's consent (asked 0–27 days ago), and three whose parent
 *     answered last week;
 *   - `weeks` weeks of meetings (one a week per pair) and one planned in the coming week: a pair in
 *     20 never met (quiet), one missed its last two, two missed last week's, one the week before's;
 *     the planned one is accepted or still proposed;
 *   - a plan per pair (one in 20 still a draft, which the digest ignores) with four milestones: the
 *     first due early in the cycle (one in ten overdue), the second due last week (half done last
 *     week, three in ten overdue, the rest done earlier), two due later (one in ten done last week);
 *   - weekly check-ins of mentor and mentee (one in six unanswered) answering on milestones 2 and 3:
 *     one pair in 25 has the mentee stuck last week, one the mentor stuck last week, one the mentee
 *     stuck the week before with no answer since (still in force);
 *   - last week's digest already sent, so this week's is due as on any Monday.
 */

export interface DigestWorld {
  organisations: number;
  pairs: number;
  /** Weeks of meetings and check-ins before the digest's Monday; the cycle began a week before them. */
  weeks: number;
  /** The Monday 09:00 in Moscow the job runs at; every date of the world is counted back from it. */
  monday: Date;
}

export interface SeededWorld {
  /** Rows written per table. */
  rows: Record<string, number>;
  /** Milliseconds each table's statement took. */
  ms: Record<string, number>;
  coordinators: number;
  /** The Monday (Moscow's calendar date) whose digest is due. */
  weekOf: CalendarDate;
}

/** Person and participant ids of an organisation lie in a block of this size: slot = id − org × BLOCK. */
const BLOCK = 5_000;
const SLOT = {
  coordinator: 0,
  waiting: 10,
  answeredLastWeek: 20,
  answeredParent: 30,
  mentor: 1_000,
  mentee: 2_000,
  secondMentee: 3_000,
  parent: 4_000,
} as const;
/** Pairs have ids org × BLOCK + k; milestones pair × 10 + m; check-ins pair × 100 + 2 × week + side. */
const MAX_PAIRS = 999;

/** The tables in two chains of about equal time; each chain's statements run in order, in one transaction. */
const SEED_CHAINS = [
  ["organisations", "cycles", "people", "participants", "accounts", "consents", "plans", "plan_milestones", "digests"],
  ["pairs", "pair_mentees", "meetings", "check_ins", "check_in_answers"],
] as const;

/** Zones of the organisations, in turn: Monday 09:00 in Moscow is past 09:00 in all of them. */
const ZONES = [
  "Europe/Moscow",
  "Europe/Moscow",
  "Europe/Moscow",
  "Europe/Moscow",
  "Europe/Moscow",
  "Europe/Moscow",
  "Europe/Samara",
  "Asia/Yekaterinburg",
  "Asia/Novosibirsk",
  "Asia/Vladivostok",
];

const SURNAMES = [
  "Иванов",
  "Смирнов",
  "Кузнецов",
  "Попов",
  "Васильев",
  "Петров",
  "Соколов",
  "Михайлов",
  "Новиков",
  "Фёдоров",
  "Морозов",
  "Волков",
  "Алексеев",
  "Лебедев",
  "Семёнов",
  "Егоров",
  "Павлов",
  "Козлов",
  "Степанов",
  "Николаев",
  "Орлов",
  "Андреев",
  "Макаров",
  "Никитин",
  "Захаров",
];
const MALE = [
  "Александр",
  "Дмитрий",
  "Максим",
  "Сергей",
  "Андрей",
  "Алексей",
  "Артём",
  "Илья",
  "Кирилл",
  "Михаил",
  "Никита",
  "Матвей",
  "Роман",
  "Егор",
  "Иван",
];
const FEMALE = [
  "Анна",
  "Мария",
  "Елена",
  "Дарья",
  "Алина",
  "Ирина",
  "Екатерина",
  "Арина",
  "Полина",
  "Ольга",
  "Юлия",
  "Татьяна",
  "Наталья",
  "Марина",
  "Софья",
];

const textArray = (items: readonly string[]) => sql.raw(`ARRAY[${items.map((item) => `'${item}'`).join(",")}]`);

/** "Фамилия Имя" from a number: half women (surname + а), half men. */
function personName(seed: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`(${textArray(SURNAMES)})[1 + (${seed}) % ${SURNAMES.length}]
    || CASE WHEN (${seed}) % 2 = 0 THEN 'а ' || (${textArray(FEMALE)})[1 + ((${seed}) / 2) % ${FEMALE.length}]
            ELSE ' ' || (${textArray(MALE)})[1 + ((${seed}) / 2) % ${MALE.length}] END`;
}

/** The Moscow calendar date of an instant. */
function moscowDate(at: Date): CalendarDate {
  return new Date(at.getTime() + 3 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Seeds the world into a migrated, empty database. Foreign keys are not checked row by row while
 * seeding (session_replication_role = replica): the ids are consistent by construction, the checks
 * would double the time, and without them the tables need not be written in the order of their
 * references, so `parallel` (for a server) writes them on two connections at once.
 */
export async function seedDigestWorld(db: Kysely<Database>, world: DigestWorld, parallel: boolean): Promise<SeededWorld> {
  if (world.pairs > MAX_PAIRS) throw new Error(`at most ${MAX_PAIRS} pairs an organisation, not ${world.pairs}`);
  const weekOf = moscowDate(world.monday);
  const t = sql`${world.monday.toISOString()}::timestamptz`;
  const days = (count: RawBuilder<unknown> | number) => sql`(${t} + (${count}) * interval '1 day')`;
  const hours = (count: RawBuilder<unknown> | number) => sql`((${count}) * interval '1 hour')`;
  const O = sql`${world.organisations}::int`;
  const P = sql`${world.pairs}::int`;
  const W = sql`${world.weeks}::int`;
  const B = sql.raw(String(BLOCK));
  const slot = (name: keyof typeof SLOT) => sql.raw(String(SLOT[name]));
  const cycleStart = addDays(weekOf, -7 * (world.weeks + 1));
  const published = days(sql`-(7 * ${W} + 2)`);
  const joined = days(sql`-(7 * ${W} + 20)`);
  // Which pair is which, from its organisation o and number k (see the file's comment).
  const meetingCase = sql`((k * 7 + o * 13) % 20)`;
  const planCase = sql`((k * 11 + o) % 20)`;
  const milestoneCase = sql`((k * 3 + o) % 10)`;
  const stuckCase = sql`((k * 5 + o * 3) % 25)`;
  const hasSecondMentee = sql`(k % 4 = 1)`;
  const isChild = sql`(k % 2 = 0)`;
  const waitingCount = sql`(3 + o % 8)`;
  // When milestone m of pair k was done (NULL: not done), for the milestones and for the answers about them.
  const milestoneDoneAt = sql`CASE
      WHEN m = 1 AND ${milestoneCase} <> 0 THEN ${published} + interval '5 days'
      WHEN m = 2 AND ${milestoneCase} < 5 THEN ${days(-3)}
      WHEN m = 2 AND ${milestoneCase} >= 8 THEN ${days(-9)}
      WHEN m = 3 AND ${milestoneCase} = 9 THEN ${days(-2)}
    END`;

  const statements: Array<[string, RawBuilder<unknown>]> = [
    [
      "organisations",
      sql`INSERT INTO organisations (id, name, timezone, created_at) OVERRIDING SYSTEM VALUE
        SELECT o, 'Школа № ' || o, (${textArray(ZONES)})[1 + o % ${ZONES.length}], ${joined} - interval '60 days'
        FROM generate_series(1, ${O}) o`,
    ],
    [
      "cycles",
      sql`INSERT INTO cycles (id, org_id, name, starts_on, ends_on, forms, directions, stage, created_at) OVERRIDING SYSTEM VALUE
        SELECT o, o, '2026/27', ${cycleStart}::date, ${cycleStart}::date + 240, '{teacher_student,adult_student}', '{studies,projects,career}', 'working', ${joined}
        FROM generate_series(1, ${O}) o`,
    ],
    [
      "people",
      sql`INSERT INTO people (id, full_name, birth_year, locale, created_at) OVERRIDING SYSTEM VALUE
        SELECT o * ${B} + s, ${personName(sql`o * 7 + s`)}, birth_year, CASE WHEN (o + s) % 10 = 0 THEN 'en' ELSE 'ru' END, ${joined}
        FROM generate_series(1, ${O}) o
        CROSS JOIN LATERAL (
          SELECT ${slot("coordinator")} + c AS s, 1975 + c * 7 AS birth_year FROM generate_series(1, 1 + (o % 2)) c
          UNION ALL SELECT ${slot("waiting")} + w, 2012 + w % 3 FROM generate_series(0, ${waitingCount} - 1) w
          UNION ALL SELECT ${slot("answeredLastWeek")} + a, 2013 FROM generate_series(0, 2) a
          UNION ALL SELECT ${slot("answeredParent")} + a, 1984 FROM generate_series(0, 2) a
          UNION ALL SELECT ${slot("mentor")} + k, 1965 + k % 36 FROM generate_series(1, ${P}) k
          UNION ALL SELECT ${slot("mentee")} + k, CASE WHEN ${isChild} THEN 2013 + k % 3 ELSE 2009 + k % 3 END FROM generate_series(1, ${P}) k
          UNION ALL SELECT ${slot("secondMentee")} + k, 2010 + k % 4 FROM generate_series(1, ${P}) k WHERE ${hasSecondMentee}
          UNION ALL SELECT ${slot("parent")} + k, 1980 + k % 10 FROM generate_series(1, ${P}) k WHERE ${isChild}
        ) who`,
    ],
    [
      "participants",
      sql`INSERT INTO participants (id, org_id, person_id, role, status, created_at, updated_at) OVERRIDING SYSTEM VALUE
        SELECT o * ${B} + s, o, o * ${B} + s, role, status, created, created
        FROM generate_series(1, ${O}) o
        CROSS JOIN LATERAL (
          SELECT ${slot("coordinator")} + c AS s, 'coordinator' AS role, 'active' AS status, ${joined} - interval '30 days' AS created FROM generate_series(1, 1 + (o % 2)) c
          UNION ALL SELECT ${slot("waiting")} + w, 'mentee', 'awaiting_consent', ${days(sql`-3 * w`)} - interval '1 hour' FROM generate_series(0, ${waitingCount} - 1) w
          UNION ALL SELECT ${slot("answeredLastWeek")} + a, 'mentee', 'active', ${days(-10)} FROM generate_series(0, 2) a
          UNION ALL SELECT ${slot("answeredParent")} + a, 'parent', 'active', ${days(-4)} FROM generate_series(0, 2) a
          UNION ALL SELECT ${slot("mentor")} + k, 'mentor', 'active', ${joined} FROM generate_series(1, ${P}) k
          UNION ALL SELECT ${slot("mentee")} + k, 'mentee', 'active', ${joined} FROM generate_series(1, ${P}) k
          UNION ALL SELECT ${slot("secondMentee")} + k, 'mentee', 'active', ${joined} FROM generate_series(1, ${P}) k WHERE ${hasSecondMentee}
          UNION ALL SELECT ${slot("parent")} + k, 'parent', 'active', ${joined} FROM generate_series(1, ${P}) k WHERE ${isChild}
        ) who`,
    ],
    [
      "accounts",
      sql`INSERT INTO accounts (id, platform, external_id, chat_id, person_id, last_seen_at, created_at) OVERRIDING SYSTEM VALUE
        SELECT id, CASE WHEN id % 3 = 0 THEN 'vk' ELSE 'telegram' END, id::text, id::text, id, ${days(-1)}, created_at FROM people`,
    ],
    [
      "consents",
      sql`INSERT INTO consents (participant_id, giver, giver_person_id, text_version, decision, platform, decided_at)
        SELECT o * ${B} + s, giver, o * ${B} + giver_slot, 'v1', 'granted', 'telegram', decided
        FROM generate_series(1, ${O}) o
        CROSS JOIN LATERAL (
          SELECT ${slot("mentee")} + k AS s, CASE WHEN ${isChild} THEN 'parent' ELSE 'self' END AS giver,
            CASE WHEN ${isChild} THEN ${slot("parent")} + k ELSE ${slot("mentee")} + k END AS giver_slot, ${published} - interval '10 days' AS decided
          FROM generate_series(1, ${P}) k
          UNION ALL SELECT ${slot("secondMentee")} + k, 'self', ${slot("secondMentee")} + k, ${published} - interval '10 days' FROM generate_series(1, ${P}) k WHERE ${hasSecondMentee}
          UNION ALL SELECT ${slot("answeredLastWeek")} + a, 'parent', ${slot("answeredParent")} + a, ${days(-3)} FROM generate_series(0, 2) a
        ) given`,
    ],
    [
      "pairs",
      sql`INSERT INTO pairs (id, org_id, cycle_id, mentor_participant_id, form, direction, status, created_at, published_at) OVERRIDING SYSTEM VALUE
        SELECT o * ${B} + k, o, o, o * ${B} + ${slot("mentor")} + k, CASE WHEN k % 5 = 0 THEN 'adult_student' ELSE 'teacher_student' END,
          (ARRAY['studies','projects','career'])[1 + k % 3], 'published', ${published} - interval '1 day', ${published}
        FROM generate_series(1, ${O}) o, generate_series(1, ${P}) k`,
    ],
    [
      "pair_mentees",
      sql`INSERT INTO pair_mentees (pair_id, mentee_participant_id, org_id, cycle_id, score)
        SELECT o * ${B} + k, o * ${B} + s, o, o, 40 + k % 50
        FROM generate_series(1, ${O}) o, generate_series(1, ${P}) k
        CROSS JOIN LATERAL (SELECT ${slot("mentee")} + k AS s UNION ALL SELECT ${slot("secondMentee")} + k WHERE ${hasSecondMentee}) mentee`,
    ],
    [
      "plans",
      sql`INSERT INTO plans (id, pair_id, org_id, goal, status, created_at, updated_at, proposed_at, agreed_at) OVERRIDING SYSTEM VALUE
        SELECT o * ${B} + k, o * ${B} + k, o, 'Подготовить проект к школьной конференции',
          CASE ${planCase} WHEN 0 THEN 'draft' WHEN 1 THEN 'proposed' WHEN 2 THEN 'change_requested' ELSE 'agreed' END,
          ${published}, ${published}, CASE WHEN ${planCase} > 0 THEN ${published} + interval '1 day' END,
          CASE WHEN ${planCase} > 2 THEN ${published} + interval '2 days' END
        FROM generate_series(1, ${O}) o, generate_series(1, ${P}) k`,
    ],
    [
      "plan_milestones",
      sql`INSERT INTO plan_milestones (id, plan_id, org_id, position, title, due_on, done_at, created_at) OVERRIDING SYSTEM VALUE
        SELECT (o * ${B} + k) * 10 + m, o * ${B} + k, o, m, (ARRAY['Выбрать тему','Собрать материалы','Написать черновик','Выступить на конференции'])[m],
          ${weekOf}::date + CASE m WHEN 1 THEN -7 * ${W} + 3 WHEN 2 THEN -4 WHEN 3 THEN 10 ELSE 40 END,
          ${milestoneDoneAt},
          ${published}
        FROM generate_series(1, ${O}) o, generate_series(1, ${P}) k, generate_series(1, 4) m`,
    ],
    [
      "meetings",
      // Week w = 1 is last week; w = 0 the coming one (planned). Each starts Monday to Friday, 15:00–18:00 in Moscow.
      sql`INSERT INTO meetings (pair_id, org_id, proposed_by, starts_at, minutes, place, online, state, decided_at, ticked_at, created_at)
        SELECT o * ${B} + k, o, o * ${B} + ${slot("mentor")} + k, starts, CASE WHEN k % 3 = 0 THEN 45 ELSE 60 END,
          CASE WHEN k % 4 = 0 THEN 'Онлайн' ELSE 'Кабинет ' || (100 + k % 40) END, k % 4 = 0, state,
          CASE WHEN state <> 'proposed' THEN starts - interval '3 days' END, CASE WHEN state IN ('held', 'missed') THEN starts + interval '2 hours' END, starts - interval '4 days'
        FROM generate_series(1, ${O}) o, generate_series(1, ${P}) k, generate_series(0, ${W}) w
        CROSS JOIN LATERAL (SELECT ${days(sql`-7 * w + k % 5`)} + ${hours(sql`6 + k % 4`)} AS starts,
          CASE
            WHEN w = 0 THEN CASE WHEN ${meetingCase} % 3 = 0 THEN 'proposed' ELSE 'accepted' END
            WHEN ${meetingCase} = 1 AND w <= 2 THEN 'missed'
            WHEN ${meetingCase} IN (2, 3) AND w = 1 THEN 'missed'
            WHEN ${meetingCase} = 4 AND w = 2 THEN 'missed'
            ELSE 'held'
          END AS state) meeting
        WHERE w = 0 OR ${meetingCase} <> 0`,
    ],
    [
      "check_ins",
      // Side 0 is the mentor, 1 the first mentee; one in six is never answered, and the stuck-last-week-before mentee's last one.
      sql`INSERT INTO check_ins (id, pair_id, org_id, person_id, respondent, round, asked_at, answered_at) OVERRIDING SYSTEM VALUE
        SELECT (o * ${B} + k) * 100 + 2 * w + side, o * ${B} + k, o, o * ${B} + CASE side WHEN 0 THEN ${slot("mentor")} ELSE ${slot("mentee")} END + k,
          CASE side WHEN 0 THEN 'mentor' ELSE 'mentee' END, ${W} - w + 1, asked,
          CASE WHEN (k + w + side) % 6 = 0 OR (${stuckCase} = 2 AND w = 1 AND side = 1) THEN NULL ELSE asked + interval '3 hours' END
        FROM generate_series(1, ${O}) o, generate_series(1, ${P}) k, generate_series(1, ${W}) w, generate_series(0, 1) side
        CROSS JOIN LATERAL (SELECT ${days(sql`-7 * w + 5`)} AS asked) asking`,
    ],
    [
      "check_in_answers",
      sql`INSERT INTO check_in_answers (check_in_id, milestone_id, org_id, answer, reason, answered_at)
        SELECT c.id, c.pair_id * 10 + m, c.org_id,
          CASE
            WHEN m = 2 AND c.respondent = 'mentee' AND ((s = 0 AND w = 1) OR (s = 2 AND w = 2)) THEN 'stuck'
            WHEN m = 3 AND c.respondent = 'mentor' AND s = 1 AND w = 1 THEN 'stuck'
            WHEN ${milestoneDoneAt} <= c.answered_at THEN 'done'
            ELSE 'on_track'
          END,
          NULL, c.answered_at
        FROM check_ins c
        CROSS JOIN generate_series(2, 3) m
        CROSS JOIN LATERAL (SELECT c.org_id AS o, c.pair_id - c.org_id * ${B} AS k, (c.id % 100) / 2 AS w) ids
        CROSS JOIN LATERAL (SELECT ${stuckCase} AS s) stuck
        WHERE c.answered_at IS NOT NULL`,
    ],
    [
      "digests",
      sql`INSERT INTO digests (org_id, week_of, figures, created_at)
        SELECT o, ${weekOf}::date - 7, '{}', ${days(-7)} FROM generate_series(1, ${O}) o`,
    ],
  ];

  const rows: Record<string, number> = {};
  const ms: Record<string, number> = {};
  const byTable = new Map(statements);
  const runChain = (tables: readonly string[]) =>
    db.transaction().execute(async (trx) => {
      try {
        await sql`SET LOCAL session_replication_role = replica`.execute(trx);
      } catch {
        throw new Error("seeding needs a role that may set session_replication_role (a superuser, as scripts/services.sh and PGlite give)");
      }
      for (const table of tables) {
        const started = performance.now();
        const result = await byTable.get(table)!.execute(trx);
        ms[table] = performance.now() - started;
        rows[table] = Number(result.numAffectedRows ?? 0n);
      }
    });
  // Without foreign-key checks the two chains do not wait for each other: on a server they run on two
  // connections at once; PGlite has one session, so there they run one after the other.
  if (parallel) await Promise.all(SEED_CHAINS.map(runChain));
  else for (const chain of SEED_CHAINS) await runChain(chain);
  // The identities continue after the seeded ids, as if the rows had been added one by one.
  for (const table of ["organisations", "cycles", "people", "participants", "accounts", "pairs", "plans", "plan_milestones", "check_ins"]) {
    await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), (SELECT max(id) FROM ${sql.table(table)}))`.execute(db);
  }
  // Statistics as a database in use would have them: the planner picks its plans from these.
  const analysing = performance.now();
  await sql`ANALYZE`.execute(db);
  ms.ANALYZE = performance.now() - analysing;
  const coordinators = await sql<{ count: number }>`SELECT count(*)::int AS count FROM participants WHERE role = 'coordinator'`.execute(db);
  return { rows, ms, coordinators: coordinators.rows[0]!.count, weekOf };
}
