import { type Kysely, sql } from "kysely";
import { migrateToLatest } from "#root/db/migrator.ts";
import { createRepositories } from "#root/db/repositories/index.ts";
import type { Database } from "#root/db/schema.ts";
import { inTerritory } from "#root/db/scope.ts";
import type { RegionIndicators } from "#root/domain/region.ts";
import { type BenchCase, type Figure, median, progress, timed } from "../figure.ts";
import { seedDigestWorld } from "../support/digest-seed.ts";
import { openBenchDatabase } from "../support/services.ts";

/**
 * A region's figures (issue 20): the digest's world (bench/support/digest-seed.ts: 1,000
 * organisations × 200 working pairs, BENCH_REGION_WEEKS weeks of meetings and check-ins, by default
 * the 12 weeks from the school year's start to Monday 23 November 2026) put in one region of
 * MUNICIPALITIES municipalities, with questionnaires (start answered by everyone, end by the pairs of
 * one organisation in three), alerts, student–student pairs with their variants and the schools'
 * enrolment figures added. The rollups are rebuilt once (the job region-rollups, timed), then the
 * figures are timed under `inTerritory`, as a territory's coordinator reads them:
 *   - the screen: the region's figures for the school year so far (1 September – 23 November);
 *   - the report: the region's figures for 12 months, with municipalities and every organisation,
 *     and the 12 months' series for the chart;
 *   - a municipality's screen.
 * Each is run RUNS times (the first one with a cold plan cache) and its median reported, with the
 * statements it sent (BEGIN, the scope, the reads, COMMIT).
 * Without DATABASE_URL it runs on PGlite with BENCH_REGION_ORGS (default 100) organisations.
 */

const NAME = "region";
const PAIRS = 200;
const MUNICIPALITIES = 20;
const RUNS = 5;
/** Monday 23 November 2026, 09:00 in Moscow: the day the screen is looked at. */
const MONDAY = new Date("2026-11-23T06:00:00Z");
const SCHOOL_YEAR = { from: "2026-09-01", to: "2026-11-23" };
const TWELVE_MONTHS = { from: "2025-12-01", to: "2026-11-30" };

function countFromEnv(name: string, fallback: number, most: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > most)
    throw new Error(`${name} must be a whole number from 1 to ${most}, not "${raw}"`);
  return value;
}

/** Territories, questionnaires, alerts, variants and enrolments on top of the digest's world. */
export async function seedRegion(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  const count = async (table: string, statement: ReturnType<typeof sql>) => {
    const result = await statement.execute(db);
    rows[table] = (rows[table] ?? 0) + Number(result.numAffectedRows ?? 0n);
  };
  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    await sql`INSERT INTO territories (id, kind, name, parent_id) OVERRIDING SYSTEM VALUE VALUES (1, 'region', 'Область', NULL)`.execute(
      trx,
    );
    await sql`INSERT INTO territories (id, kind, name, parent_id)
      SELECT 1 + m, 'municipality', 'Район № ' || m, 1 FROM generate_series(1, ${MUNICIPALITIES}::int) m`.execute(trx);
    await sql`SELECT setval(pg_get_serial_sequence('territories', 'id'), (SELECT max(id) FROM territories))`.execute(trx);
    // Every fiftieth organisation is attached to the region itself (a city of regional rank).
    await sql`UPDATE organisations SET territory_id = CASE WHEN id % 50 = 0 THEN 1 ELSE 2 + id % ${MUNICIPALITIES}::int END`.execute(trx);
    await sql`INSERT INTO organisation_enrolments (org_id, school_year, students_10_19)
      SELECT id, 2026, 400 + id % 600 FROM organisations WHERE id % 10 <> 0`.execute(trx);
    // One pair in seven is student–student, with a variant.
    await sql`UPDATE pairs SET form = 'student_student',
        variant = (ARRAY['successful_struggling','leader_passive','peer_to_peer'])[1 + (id / 7) % 3]
      WHERE id % 7 = 0`.execute(trx);
  });
  // Start questionnaires of every mentor and first mentee, answered; end ones in every third organisation.
  const people = sql`SELECT p.id AS pair_id, p.org_id, p.cycle_id, p.published_at, who.person_id, who.audience
    FROM pairs p CROSS JOIN LATERAL (
      SELECT p.org_id * 5000 + 1000 + (p.id - p.org_id * 5000) AS person_id, 'mentor' AS audience
      UNION ALL SELECT p.org_id * 5000 + 2000 + (p.id - p.org_id * 5000), 'mentee') who`;
  await count(
    "surveys",
    sql`INSERT INTO surveys (org_id, cycle_id, pair_id, person_id, audience, moment, version, sent_at, answered_at)
      SELECT org_id, cycle_id, pair_id, person_id, audience, 'start', 1, published_at, published_at + interval '1 day' FROM (${people}) x`,
  );
  await count(
    "surveys",
    sql`INSERT INTO surveys (org_id, cycle_id, pair_id, person_id, audience, moment, version, sent_at, answered_at)
      SELECT org_id, cycle_id, pair_id, person_id, audience, 'end', 1, ${MONDAY}::timestamptz - interval '6 days',
        CASE WHEN pair_id % 5 <> 0 THEN ${MONDAY}::timestamptz - interval '5 days' END
      FROM (${people}) x WHERE org_id % 3 = 0`,
  );
  await count(
    "survey_answers",
    sql`INSERT INTO survey_answers (survey_id, org_id, question_id, scale, answered_at)
      SELECT s.id, s.org_id, q.id, CASE s.moment WHEN 'start' THEN 3 + (s.id + q.n) % 4 ELSE 5 + (s.id + q.n) % 6 END, s.answered_at
      FROM surveys s
      CROSS JOIN LATERAL (
        SELECT id, n FROM unnest(CASE s.audience
          WHEN 'mentee' THEN ARRAY['confidence','interest','goal','ask-for-help','satisfaction']
          ELSE ARRAY['confidence','skills','contact','satisfaction','support'] END) WITH ORDINALITY AS q (id, n)
      ) q
      WHERE s.answered_at IS NOT NULL AND (s.moment = 'end' OR q.id NOT IN ('satisfaction', 'support'))`,
  );
  await count(
    "pair_alerts",
    sql`INSERT INTO pair_alerts (pair_id, org_id, reason, alert_key, created_at)
      SELECT id, org_id, 'no-meeting', 'no-meeting:' || id, ${MONDAY}::timestamptz - (id % 60) * interval '1 day'
      FROM pairs WHERE id % 10 = 3`,
  );
  await sql`ANALYZE`.execute(db);
  return rows;
}

interface Measured {
  ms: number;
  statements: number;
  result: RegionIndicators | undefined;
}

const region: BenchCase = {
  name: NAME,
  async run(): Promise<Figure[]> {
    const database = await openBenchDatabase();
    try {
      const { handle } = database;
      const db = handle.db;
      const organisations = countFromEnv("BENCH_REGION_ORGS", database.kind === "postgres" ? 1_000 : 100, 10_000);
      const weeks = countFromEnv("BENCH_REGION_WEEKS", 12, 40);
      await migrateToLatest(db);
      const seeding = await timed(async () => {
        const world = await seedDigestWorld(db, { organisations, pairs: PAIRS, weeks, monday: MONDAY }, database.kind === "postgres");
        return { ...world.rows, ...(await seedRegion(db)) };
      });
      const totalRows = Object.values(seeding.result).reduce((sum, value) => sum + value, 0);
      progress(
        `seeded ${organisations} organisations × ${PAIRS} pairs, ${weeks} weeks, ${totalRows.toLocaleString("en-US")} rows in ` +
          `${(seeding.ms / 1000).toFixed(1)} s on ${database.label}`,
      );

      // The job's rebuild of the rollups, as of the screen's day.
      const refresh = await timed(() => createRepositories(db).region.refresh(MONDAY));
      progress(`rollups rebuilt in ${(refresh.ms / 1000).toFixed(1)} s, ${refresh.result} rows`);

      const measure = async (territoryId: number, read: Parameters<typeof inTerritory<RegionIndicators | undefined>>[2]) => {
        const runs: Measured[] = [];
        for (let run = 0; run < RUNS; run++) {
          const before = handle.queryCount();
          const { ms, result } = await timed(() => inTerritory(db, territoryId, read));
          runs.push({ ms, statements: handle.queryCount() - before, result });
        }
        return { median: median(runs.map((run) => run.ms)), first: runs[0]!.ms, statements: runs[0]!.statements, result: runs[0]!.result };
      };
      const screen = await measure(1, (repos) => repos.region.indicators(SCHOOL_YEAR));
      progress(`screen: ${screen.median.toFixed(0)} ms (first ${screen.first.toFixed(0)} ms), ${screen.statements} statements`);
      const report = await measure(1, async (repos) => {
        const figures = await repos.region.indicators(TWELVE_MONTHS);
        await repos.region.months(TWELVE_MONTHS.from, TWELVE_MONTHS.to);
        return figures;
      });
      progress(`report: ${report.median.toFixed(0)} ms (first ${report.first.toFixed(0)} ms), ${report.statements} statements`);
      const months = await measure(1, async (repos) => {
        await repos.region.months(TWELVE_MONTHS.from, TWELVE_MONTHS.to);
        return undefined;
      });
      const municipality = await measure(2, (repos) => repos.region.indicators(SCHOOL_YEAR));
      progress(`municipality screen: ${municipality.median.toFixed(0)} ms, ${municipality.statements} statements`);

      const total = screen.result?.total;
      const figure = (metric: string, value: number, unit: string): Figure => ({ case: NAME, metric, value, unit });
      const where =
        organisations === 1_000
          ? database.label
          : `${database.label}, ${organisations.toLocaleString("en-US")} organisations instead of 1,000`;
      return [
        figure("organisations × working pairs", organisations, `organisations × ${PAIRS} pairs, ${where}`),
        figure("weeks of meetings and check-ins", weeks, "weeks"),
        figure("rows seeded", totalRows, "rows"),
        figure("seeding time", seeding.ms / 1000, "s"),
        figure("rollups: rebuild (region-rollups job, region_refresh)", refresh.ms / 1000, "s"),
        figure("rollups: rows written", refresh.result, "rows"),
        figure("screen (region, school year so far): median", screen.median, "ms"),
        figure("screen: first run", screen.first, "ms"),
        figure("screen: SQL statements", screen.statements, "statements"),
        figure("report (region, 12 months, + the monthly series): median", report.median, "ms"),
        figure("report: first run", report.first, "ms"),
        figure("report: SQL statements", report.statements, "statements"),
        figure("report: of it the monthly series, median", months.median, "ms"),
        figure("municipality screen: median", municipality.median, "ms"),
        figure("municipality screen: SQL statements", municipality.statements, "statements"),
        figure("organisations on the screen", screen.result?.organisations.length ?? 0, "organisations"),
        figure("municipalities on the screen", screen.result?.municipalities.length ?? 0, "municipalities"),
        figure("region total: pairs", total?.pairs ?? -1, "pairs"),
        figure("region total: participants 10–19", total?.participants10to19 ?? -1, "people"),
        figure("region total: meetings held", total?.meetingsHeld ?? -1, "meetings"),
        figure("region total: plans completed", total?.plansCompleted ?? -1, "plans"),
        figure("region total: stuck pairs", total?.stuckPairs ?? -1, "pairs"),
        figure("region total: alerting pairs", total?.alertingPairs ?? -1, "pairs"),
        figure("region total: satisfaction respondents", total?.satisfaction.respondents ?? -1, "people"),
        figure("region total: growth respondents", total?.growth.respondents ?? -1, "people"),
      ];
    } finally {
      await database.close();
    }
  },
};

export default region;
