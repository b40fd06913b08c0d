import { type Kysely, sql } from "kysely";
import type { CalendarDate, CycleStage } from "#root/domain/cycle.ts";
import { INTERACTION_VARIANTS, type InteractionVariant } from "#root/domain/interaction-variants.ts";
import { reportQuestions } from "#root/domain/monitoring.ts";
import { DIRECTIONS, type Direction, MENTORING_FORMS, type MentoringForm } from "#root/domain/programme.ts";
import {
  type Cell,
  type Indicators,
  type MonthFigures,
  type OrganisationIndicators,
  type RegionIndicators,
  type RegionPeriod,
  schoolYearOf,
  type TerritoryIndicators,
  type TerritoryKind,
} from "#root/domain/region.ts";
import type { Database } from "../schema.ts";

interface FigureRow {
  level: "total" | "municipality" | "organisation";
  id: number;
  parent_id: number | null;
  name: string;
  organisations: number;
  with_open_cycle: number;
  students: number | null;
  participants: Cell;
  pairs: Cell;
  pairs_by_form: Record<string, Cell>;
  pairs_by_direction: Record<string, Cell>;
  pairs_by_variant: Record<string, Cell>;
  meetings_held: Cell;
  plans_completed: Cell;
  stuck_pairs: Cell;
  alerting_pairs: Cell;
  satisfaction_mean: number | null;
  satisfaction_respondents: Cell;
  growth_mean: number | null;
  growth_respondents: Cell;
  cycle_name: string | null;
  cycle_stage: CycleStage | null;
}

/** Every key of a breakdown: a key nobody has is 0 (the database lists only the keys it counted). */
function breakdown<K extends string>(keys: readonly K[], counted: Record<string, Cell>): Record<K, Cell> {
  return Object.fromEntries(keys.map((key) => [key, key in counted ? counted[key]! : 0])) as Record<K, Cell>;
}

function indicators(row: FigureRow): Indicators {
  return {
    organisations: row.organisations,
    withOpenCycle: row.with_open_cycle,
    participants10to19: row.participants,
    students10to19: row.students,
    pairs: row.pairs,
    pairsByForm: breakdown<MentoringForm>(MENTORING_FORMS, row.pairs_by_form),
    pairsByDirection: breakdown<Direction>(DIRECTIONS, row.pairs_by_direction),
    pairsByVariant: breakdown<InteractionVariant>(INTERACTION_VARIANTS, row.pairs_by_variant),
    meetingsHeld: row.meetings_held,
    plansCompleted: row.plans_completed,
    stuckPairs: row.stuck_pairs,
    alertingPairs: row.alerting_pairs,
    satisfaction: { mean: row.satisfaction_mean, respondents: row.satisfaction_respondents },
    growth: { mean: row.growth_mean, respondents: row.growth_respondents },
  };
}

/** How long the rollups stay fresh: the job rebuilds them when they are older. */
export const ROLLUP_MAX_AGE_MS = 50 * 60_000;

/**
 * A territory's figures, read through the functions of migrations/028 and nothing else: call the
 * reads inside `inTerritory` (src/db/scope.ts), whose role may read no table, so every figure they
 * return is an aggregate of the territory's own organisations with small cells already hidden by the
 * database. Each read is a fixed number of statements whatever the number of organisations. The
 * figures come from rollups that `refresh` rebuilds (as the owner, from the job region-rollups).
 */
export class RegionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * The territory's total, its municipalities' (for a region) and each organisation's figures for a
   * period; undefined when the scope names no territory. Municipalities and organisations in id order.
   */
  async indicators(period: RegionPeriod): Promise<RegionIndicators | undefined> {
    const territory = await sql<{ id: number; name: string; kind: TerritoryKind; timezone: string; counted_at: Date | null }>`
      SELECT id, name, kind, timezone, counted_at FROM region_territory()`.execute(this.db);
    const row = territory.rows[0];
    if (!row) return undefined;
    const found = { id: row.id, name: row.name, kind: row.kind, timezone: row.timezone };
    const rows = await sql<FigureRow>`
      SELECT * FROM region_figures(${period.from}::date, ${period.to}::date, ${schoolYearOf(period.to)}::integer)`.execute(this.db);
    const total = rows.rows.find((row) => row.level === "total");
    if (!total) return undefined;
    const municipalities: TerritoryIndicators[] = rows.rows
      .filter((row) => row.level === "municipality")
      .map((row) => ({ territoryId: row.id, name: row.name, kind: "municipality", figures: indicators(row) }));
    const organisations: OrganisationIndicators[] = rows.rows
      .filter((row) => row.level === "organisation")
      .map((row) => ({
        orgId: row.id,
        name: row.name,
        territoryId: row.parent_id ?? found.id,
        cycle:
          row.cycle_name !== null && row.cycle_stage !== null
            ? { name: row.cycle_name, stage: row.cycle_stage, archived: row.cycle_stage === "archived" }
            : null,
        figures: indicators(row),
      }));
    return {
      territory: found,
      period: { from: period.from, to: period.to },
      countedAt: row.counted_at,
      total: indicators(total),
      municipalities,
      organisations,
    };
  }

  /**
   * Rebuilds the rollups as of `now` unless they were rebuilt less than `maxAgeMs` before, or another
   * replica is rebuilding them right now (its lock is skipped, not waited for). Returns the rollup rows
   * written, 0 when nothing was due. Runs as the owner, outside any scope.
   */
  async refresh(now: Date, maxAgeMs: number = ROLLUP_MAX_AGE_MS): Promise<number> {
    const questions = reportQuestions();
    return this.db.transaction().execute(async (trx) => {
      const state = await sql<{ refreshed_at: Date | null }>`
        SELECT refreshed_at FROM region_rollup_state FOR UPDATE SKIP LOCKED`.execute(trx);
      const claimed = state.rows[0];
      if (!claimed) return 0;
      if (claimed.refreshed_at && now.getTime() - claimed.refreshed_at.getTime() < maxAgeMs) return 0;
      const written = await sql<{ written: number }>`
        SELECT region_refresh(${now}, ${questions.satisfaction.mentee}::text[], ${questions.satisfaction.mentor}::text[],
          ${questions.growth.mentee}::text[], ${questions.growth.mentor}::text[]) AS written`.execute(trx);
      return written.rows[0]?.written ?? 0;
    });
  }

  /** The territory's total month by month, from `first`'s month to `last`'s (both included). */
  async months(first: CalendarDate, last: CalendarDate): Promise<MonthFigures[]> {
    const rows = await sql<{ month: CalendarDate; pairs: Cell; meetings_held: Cell; participants: Cell }>`
      SELECT month, pairs, meetings_held, participants FROM region_months(${first}::date, ${last}::date)`.execute(this.db);
    return rows.rows.map((row) => ({
      month: row.month,
      pairs: row.pairs,
      meetingsHeld: row.meetings_held,
      participants10to19: row.participants,
    }));
  }
}
