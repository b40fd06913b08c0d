import { type Kysely, sql } from "kysely";
import { migrateToLatest } from "#root/db/migrator.ts";
import {
  type DigestClaim,
  type DigestOrganisation,
  type DigestScope,
  DigestsRepository,
  type FactsWindow,
} from "#root/db/repositories/digests.ts";
import { createRepositories, type Repositories } from "#root/db/repositories/index.ts";
import type { Database } from "#root/db/schema.ts";
import { inTerritory } from "#root/db/scope.ts";
import { progressChartSvg } from "#root/documents/chart.ts";
import { svgToPng } from "#root/documents/rasterise.ts";
import { completedWeek, dueDigestWeek, type OrganisationFacts, organisationDigest } from "#root/domain/digest.ts";
import { digestMessage, progressChartLabels } from "#root/flows/check-ins/digest-message.ts";
import { Translator } from "#root/i18n/translator.ts";
import { DIGEST_BATCH, weeklyDigestJob } from "#root/jobs/weekly-digest.ts";
import { type BenchCase, type Figure, progress, timed } from "../figure.ts";
import { seedDigestWorld } from "../support/digest-seed.ts";
import { countingLogger, openBenchDatabase } from "../support/services.ts";

/**
 * The Monday digest of a large deployment: 1,000 organisations with 200 working pairs each (about 6
 * million rows, see bench/support/digest-seed.ts), and `weeklyDigestJob.run` once at Monday 09:00 in
 * Moscow, when every one of them is due. Reported: the run's time, per organisation, and split into
 * reading the facts, computing and drawing, and writing (claim + outbox); SQL statements
 * (`queryCount`); digests and outbox rows written and their size; the process's peak RSS; and a
 * second run a quarter of an hour later (the next tick, with nothing due).
 * The split inside the computing part (figures and attention list, SVG, PNG, message) comes from
 * doing the same work again, outside the job, for the first REPLAYED organisations of the first batch.
 * Without DATABASE_URL it runs on PGlite with BENCH_DIGEST_ORGS (default 100) organisations, and says so.
 * BENCH_DIGEST_WEEKS (default 2) sets how many weeks of meetings and check-ins the cycle has had.
 */

const NAME = "digest";
const PAIRS = 200;
/** Monday 23 November 2026, 09:00 in Moscow. */
const MONDAY = new Date("2026-11-23T06:00:00Z");
const NEXT_TICK_MS = 15 * 60_000;
/** How often the RSS is sampled and the event loop's lateness checked. */
const RSS_SAMPLE_MS = 20;
const MB = 1024 * 1024;
/** Organisations whose digests are computed again step by step, to split the computing time. */
const REPLAYED = 25;

function countFromEnv(name: string, fallback: number, most: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > most)
    throw new Error(`${name} must be a whole number from 1 to ${most}, not "${raw}"`);
  return value;
}

interface Phase {
  calls: number;
  ms: number;
  statements: number;
  /** The slowest call. */
  maxMs: number;
}

/**
 * The job's repository, timed: each read and the claim add up their time and statements, so the job's
 * own run splits into reading, writing and what happens in between (computing, drawing). Keeps the
 * first batch's facts for the replay, and samples the memory around each call as well as on the timer
 * (a long synchronous stretch would hide from the timer). The RSS counts the chart renderer's worker
 * thread too; the JS heap is the main thread's.
 */
class TimedDigests extends DigestsRepository {
  readonly phases = { organisations: phase(), facts: phase(), coordinators: phase(), claim: phase() };
  /** Fact rows read: pairs, meetings, milestones, check-in answers, consents, chart weeks. */
  readonly factRows = { pairs: 0, meetings: 0, milestones: 0, checkIns: 0, consents: 0, progress: 0 };
  organisations: DigestOrganisation[] = [];
  firstBatch: Map<number, OrganisationFacts> | undefined;
  peakRss = 0;
  peakHeapUsed = 0;
  peakHeapTotal = 0;

  constructor(
    db: Kysely<Database>,
    private readonly queryCount: () => number,
  ) {
    super(db);
  }

  private async measure<T>(into: Phase, work: () => Promise<T>): Promise<T> {
    this.sampleRss();
    const statements = this.queryCount();
    const { ms, result } = await timed(work);
    into.calls += 1;
    into.ms += ms;
    into.maxMs = Math.max(into.maxMs, ms);
    into.statements += this.queryCount() - statements;
    this.sampleRss();
    return result;
  }

  sampleRss(): void {
    const memory = process.memoryUsage();
    this.peakRss = Math.max(this.peakRss, memory.rss);
    this.peakHeapUsed = Math.max(this.peakHeapUsed, memory.heapUsed);
    this.peakHeapTotal = Math.max(this.peakHeapTotal, memory.heapTotal);
  }

  override async workingOrganisations(orgId?: number): Promise<DigestOrganisation[]> {
    this.organisations = await this.measure(this.phases.organisations, () => super.workingOrganisations(orgId));
    return this.organisations;
  }

  override async coordinators(orgIds: readonly number[]) {
    return this.measure(this.phases.coordinators, () => super.coordinators(orgIds));
  }

  override async facts(scopes: readonly DigestScope[], window: FactsWindow): Promise<Map<number, OrganisationFacts>> {
    const facts = await this.measure(this.phases.facts, () => super.facts(scopes, window));
    this.firstBatch ??= facts;
    for (const one of facts.values()) {
      this.factRows.pairs += one.pairs.length;
      this.factRows.meetings += one.meetings.length;
      this.factRows.milestones += one.milestones.length;
      this.factRows.checkIns += one.checkIns.length;
      this.factRows.consents += one.consents.length;
      this.factRows.progress += one.progress.length;
    }
    return facts;
  }

  override async claim(claims: readonly DigestClaim[], at: Date): Promise<number> {
    return this.measure(this.phases.claim, () => super.claim(claims, at));
  }
}

function phase(): Phase {
  return { calls: 0, ms: 0, statements: 0, maxMs: 0 };
}

interface Replay {
  organisations: number;
  digestMs: number;
  svgMs: number;
  pngMs: number;
  messageMs: number;
  /** Base64 and JSON of the stored message, as the outbox writes it, per coordinator. */
  encodeMs: number;
  pngBytes: number;
  attentionTotal: number;
  chartWeeks: number;
}

/** The job's computing part again, step by step, for the first organisations of the first batch. */
function replay(timing: TimedDigests, translator: Translator): Replay {
  const labels = progressChartLabels((message) => translator.render("ru", message));
  const result: Replay = {
    organisations: 0,
    digestMs: 0,
    svgMs: 0,
    pngMs: 0,
    messageMs: 0,
    encodeMs: 0,
    pngBytes: 0,
    attentionTotal: 0,
    chartWeeks: 0,
  };
  const byId = new Map(timing.organisations.map((org) => [org.orgId, org]));
  const step = <T>(add: (ms: number) => void, work: () => T): T => {
    const started = performance.now();
    const value = work();
    add(performance.now() - started);
    return value;
  };
  for (const [orgId, facts] of [...(timing.firstBatch ?? [])].slice(0, REPLAYED)) {
    const org = byId.get(orgId)!;
    const weekOf = dueDigestWeek(MONDAY, org.timeZone, null)!;
    const period = completedWeek(weekOf, org.timeZone);
    const digest = step(
      (ms) => (result.digestMs += ms),
      () => organisationDigest(facts, period, org.timeZone, org.cycleStartsOn, MONDAY),
    );
    const svg = step(
      (ms) => (result.svgMs += ms),
      () => progressChartSvg(digest.chart, labels),
    );
    const png = step(
      (ms) => (result.pngMs += ms),
      () => svgToPng(svg),
    );
    const message = step(
      (ms) => (result.messageMs += ms),
      () => digestMessage({ orgName: org.orgName, period, digest, chart: png, locale: "ru" }),
    );
    step(
      (ms) => (result.encodeMs += ms),
      () =>
        JSON.stringify({ ...message, document: { ...message.document, content: undefined, base64: Buffer.from(png).toString("base64") } }),
    );
    result.organisations += 1;
    result.pngBytes += png.byteLength;
    result.attentionTotal += digest.attentionTotal;
    result.chartWeeks += digest.chart.weeks.length;
  }
  return result;
}

/** What the run left in the database: digests of the week, their messages, and the figures' sums. */
async function written(db: Kysely<Database>, weekOf: string) {
  const digests = await sql<{ count: number; figures: Record<string, number> }>`
    SELECT (SELECT count(*)::int FROM digests WHERE week_of = ${weekOf}::date) AS count,
      (SELECT jsonb_object_agg(name, total) FROM (
        SELECT key AS name, sum((value->>'value')::int) AS total
        FROM digests, jsonb_each(figures) WHERE week_of = ${weekOf}::date GROUP BY key
      ) sums) AS figures`.execute(db);
  const outbox = await sql<{ rows: number; bytes: number; table_bytes: number }>`
    SELECT count(*)::int AS rows, coalesce(sum(octet_length(message::text)), 0)::float8 AS bytes,
      pg_total_relation_size('outbox')::float8 AS table_bytes
    FROM outbox WHERE dedup_key LIKE 'digest:%'`.execute(db);
  return { digests: digests.rows[0]?.count ?? 0, figures: digests.rows[0]?.figures ?? {}, outbox: outbox.rows[0]! };
}

const digest: BenchCase = {
  name: NAME,
  async run(): Promise<Figure[]> {
    const database = await openBenchDatabase();
    try {
      const { handle } = database;
      const db = handle.db;
      const organisations = countFromEnv("BENCH_DIGEST_ORGS", database.kind === "postgres" ? 1_000 : 100, 10_000);
      const weeks = countFromEnv("BENCH_DIGEST_WEEKS", 2, 40);
      await migrateToLatest(db);
      const seeding = await timed(() =>
        seedDigestWorld(db, { organisations, pairs: PAIRS, weeks, monday: MONDAY }, database.kind === "postgres"),
      );
      const seeded = seeding.result;
      const totalRows = Object.values(seeded.rows).reduce((sum, count) => sum + count, 0);
      progress(
        `seeded ${organisations.toLocaleString("en-US")} organisations × ${PAIRS} pairs, ${weeks} weeks of history, ` +
          `${totalRows.toLocaleString("en-US")} rows in ${(seeding.ms / 1000).toFixed(1)} s on ${database.label}`,
      );
      progress(
        Object.entries(seeded.rows)
          .map(([table, count]) => `${table} ${count.toLocaleString("en-US")}`)
          .join(", "),
      );

      const timing = new TimedDigests(db, () => handle.queryCount());
      const translator = await Translator.load();
      const log = countingLogger();
      const context = {
        repos: { ...createRepositories(db), digests: timing },
        logger: log.logger,
        kickDelivery: () => undefined,
        forgetChat: async () => undefined,
        translator,
        inTerritory: <T>(territoryId: number, work: (repos: Repositories) => Promise<T>) => inTerritory(db, territoryId, work),
      };
      const rssBefore = process.memoryUsage.rss();
      const maxRssBefore = process.resourceUsage().maxRSS * 1024;
      timing.peakRss = rssBefore;
      // The same timer shows how long the event loop was held: a bot running the job answers nobody meanwhile.
      const stalls = { longest: 0, overTenthMs: 0, lastTick: performance.now() };
      const checkLoop = () => {
        const tick = performance.now();
        const late = tick - stalls.lastTick - RSS_SAMPLE_MS;
        stalls.longest = Math.max(stalls.longest, late);
        if (late > 100) stalls.overTenthMs += late;
        stalls.lastTick = tick;
        timing.sampleRss();
      };
      const sampler = setInterval(checkLoop, RSS_SAMPLE_MS);
      const statementsBefore = handle.queryCount();
      let run: { ms: number; result: number };
      try {
        run = await timed(() => weeklyDigestJob.run(context, MONDAY));
      } finally {
        // The last stretch counts too (on PGlite, whose queries never yield to timers, it is the whole run).
        checkLoop();
        clearInterval(sampler);
      }
      const statements = handle.queryCount() - statementsBefore;
      timing.sampleRss();
      const maxRssAfter = process.resourceUsage().maxRSS * 1024;
      // A copy: the next tick below reads the organisations again.
      const phases = structuredClone(timing.phases);
      const due = timing.organisations.length;
      const readMs = phases.organisations.ms + phases.facts.ms + phases.coordinators.ms;
      const computeMs = run.ms - readMs - phases.claim.ms;
      progress(
        `job: ${run.result} messages planned in ${(run.ms / 1000).toFixed(1)} s, ${statements} statements; ` +
          `read ${(readMs / 1000).toFixed(1)} s, compute and draw ${(computeMs / 1000).toFixed(1)} s, write ${(phases.claim.ms / 1000).toFixed(1)} s`,
      );
      if (log.errors() + log.warnings() > 0) log.report();

      const after = await written(db, seeded.weekOf);
      const tickStatements = handle.queryCount();
      const tick = await timed(() => weeklyDigestJob.run(context, new Date(MONDAY.getTime() + NEXT_TICK_MS)));
      const tickCount = handle.queryCount() - tickStatements;
      const steps = replay(timing, translator);
      const per = (value: number) => value / Math.max(1, steps.organisations);

      const figure = (metric: string, value: number, unit: string): Figure => ({ case: NAME, metric, value, unit });
      const where =
        organisations === 1_000
          ? database.label
          : `${database.label}, ${organisations.toLocaleString("en-US")} organisations instead of 1,000`;
      const sums = after.figures;
      return [
        figure("organisations × working pairs", organisations, `organisations × ${PAIRS} pairs, ${where}`),
        figure("weeks of meetings and check-ins", weeks, "weeks"),
        figure("rows seeded", totalRows, "rows"),
        figure("seeding time (bulk INSERT … SELECT, ANALYZE)", seeding.ms / 1000, "s"),
        figure("organisations due", due, "organisations"),
        figure("job: total time", run.ms / 1000, "s"),
        figure("job: time per organisation", run.ms / Math.max(1, due), "ms"),
        figure("job: SQL statements", statements, "statements"),
        figure("job: SQL statements per organisation", statements / Math.max(1, due), "statements"),
        figure(`job: batches of ${DIGEST_BATCH}`, phases.facts.calls, "batches"),
        figure("job: reading facts (6 statements a batch)", phases.facts.ms / 1000, "s"),
        figure("job: reading facts, slowest batch", phases.facts.maxMs, "ms"),
        figure("job: reading organisations and coordinators", (phases.organisations.ms + phases.coordinators.ms) / 1000, "s"),
        figure("job: computing, drawing, composing (between the reads and the claim)", computeMs / 1000, "s"),
        figure("job: writing (claim: digests + outbox, one transaction a batch)", phases.claim.ms / 1000, "s"),
        figure("job: writing, slowest batch", phases.claim.maxMs, "ms"),
        figure("fact rows read: pairs", timing.factRows.pairs, "rows"),
        figure("fact rows read: meetings", timing.factRows.meetings, "rows"),
        figure("fact rows read: milestones", timing.factRows.milestones, "rows"),
        figure("fact rows read: check-in answers", timing.factRows.checkIns, "rows"),
        figure("fact rows read: consents", timing.factRows.consents, "rows"),
        figure("messages planned (the job's count)", run.result, "messages"),
        figure("digests written for the week", after.digests, "digests"),
        figure("outbox rows written", after.outbox.rows, "rows"),
        figure("coordinators", seeded.coordinators, "people"),
        figure(
          "outbox: message size per row (JSON with the PNG in base64)",
          after.outbox.bytes / Math.max(1, after.outbox.rows) / 1024,
          "KiB",
        ),
        figure("outbox: messages in all", after.outbox.bytes / MB, "MiB"),
        figure("outbox: table with indexes and TOAST", after.outbox.table_bytes / MB, "MiB"),
        figure("event loop: longest stall during the job", stalls.longest / 1000, "s"),
        figure("event loop: stalls over 100 ms, in all", stalls.overTenthMs / 1000, "s"),
        figure("RSS before the job", rssBefore / MB, "MiB"),
        figure("RSS peak during the job (sampled)", timing.peakRss / MB, "MiB"),
        figure("JS heap of the main thread, peak during the job: used (sampled)", timing.peakHeapUsed / MB, "MiB"),
        figure("JS heap of the main thread, peak during the job: total (sampled)", timing.peakHeapTotal / MB, "MiB"),
        figure("process max RSS before the job", maxRssBefore / MB, "MiB"),
        figure("process max RSS after the job", maxRssAfter / MB, "MiB"),
        figure("log lines at warn / error", log.warnings() + log.errors(), "lines"),
        figure("next tick (+15 min): messages planned", tick.result, "messages"),
        figure("next tick (+15 min): time", tick.ms, "ms"),
        figure("next tick (+15 min): SQL statements", tickCount, "statements"),
        figure(`replay of ${steps.organisations} organisations: figures and attention list`, per(steps.digestMs), "ms per organisation"),
        figure("replay: chart SVG", per(steps.svgMs), "ms per organisation"),
        figure("replay: chart SVG → PNG (resvg)", per(steps.pngMs), "ms per organisation"),
        figure("replay: message", per(steps.messageMs), "ms per organisation"),
        figure("replay: base64 + JSON of one stored message", per(steps.encodeMs), "ms per coordinator"),
        figure("replay: PNG size", per(steps.pngBytes) / 1024, "KiB"),
        figure("replay: chart weeks", per(steps.chartWeeks), "weeks"),
        figure("replay: pairs needing attention", per(steps.attentionTotal), "pairs per organisation"),
        ...[
          "pairsActive",
          "pairsQuiet",
          "meetingsHeld",
          "meetingsMissed",
          "meetingsPlanned",
          "milestonesDone",
          "milestonesOverdue",
          "stuckCheckIns",
          "consentsPending",
        ].map((name) => figure(`digest figure ${name}, mean`, (sums[name] ?? 0) / Math.max(1, after.digests), "per organisation")),
      ];
    } finally {
      await database.close();
    }
  },
};

export default digest;
