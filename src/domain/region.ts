import type { CalendarDate, CycleStage } from "./cycle.ts";
import type { InteractionVariant } from "./interaction-variants.ts";
import type { Direction, MentoringForm } from "./programme.ts";

/**
 * The regional level (issue 20): a region's mentoring centre, or a municipality's education
 * department, sees every attached organisation's programme in aggregates only. No figure it sees is
 * about fewer than SMALL_CELL people, so no child can be recognised from it.
 */

export type TerritoryKind = "region" | "municipality";
export type TerritoryJoinDecision = "approved" | "refused";

/** Fewer people than this behind a figure and the figure is hidden. */
export const SMALL_CELL = 5;

/**
 * A count shown to a territory: null when it is hidden as a small cell, that is when 1 to 4 people or
 * pairs are behind it (zero is shown: nobody can be recognised in it). The database hides them
 * (migrations/028, region_cell) before any figure reaches the code.
 */
export type Cell = number | null;

/** A mean of 1–10 scale answers shown to a territory: null when fewer than SMALL_CELL people answered. */
export interface MeanCell {
  mean: number | null;
  respondents: Cell;
}

/**
 * The indicators of one organisation, or the sum over a territory, for a period. Counts of pairs
 * are of pairs working in the period; meetings and plans completed are those within the period.
 */
export interface Indicators {
  /** Organisations behind the figures (1 for an organisation's own row). */
  organisations: number;
  /** Organisations with a cycle open (not archived) at the period's end. */
  withOpenCycle: number;
  /** Mentees and peer mentors aged 10–19 taking part in the period. */
  participants10to19: Cell;
  /** The organisations' own numbers of students aged 10–19 for the school year; null when not entered. */
  students10to19: number | null;
  pairs: Cell;
  pairsByForm: Record<MentoringForm, Cell>;
  pairsByDirection: Record<Direction, Cell>;
  pairsByVariant: Record<InteractionVariant, Cell>;
  /** Held in the period; hidden when fewer than SMALL_CELL pairs were at work. */
  meetingsHeld: Cell;
  plansCompleted: Cell;
  /**
   * Pairs at work whose latest check-in said stuck, or that met nobody for QUIET_AFTER_DAYS, as the
   * hourly rollup saw them on the period's last day it ran (0 for a period it never ran in).
   */
  stuckPairs: Cell;
  /**
   * Pairs with an alert raised in the period (missed meetings in a row, no meeting, stuck check-in,
   * concern words): alerts keep no resolution, so "open" is read as raised within the period.
   */
  alertingPairs: Cell;
  /** Satisfaction from the end questionnaires answered in the period (1–10). */
  satisfaction: MeanCell;
  /** Growth: the mean change of scale answers between the start and the end questionnaire. */
  growth: MeanCell;
}

export interface OrganisationIndicators {
  orgId: number;
  name: string;
  /** The territory the organisation is attached to (a municipality, or the region itself). */
  territoryId: number;
  /** The organisation's latest cycle in the period: its name and stage, null without one. */
  cycle: { name: string; stage: CycleStage; archived: boolean } | null;
  figures: Indicators;
}

export interface TerritoryIndicators {
  territoryId: number;
  name: string;
  kind: TerritoryKind;
  figures: Indicators;
}

/** A period of calendar days, both ends included. */
export interface RegionPeriod {
  from: CalendarDate;
  to: CalendarDate;
}

/** What a territory's coordinator sees for a period: its total, its municipalities, its organisations. */
export interface RegionIndicators {
  territory: { id: number; name: string; kind: TerritoryKind; timezone: string };
  period: RegionPeriod;
  /**
   * When the figures were counted: the hourly rebuild of the rollups they come from (null before the
   * first one). Absent in figures made by hand.
   */
  countedAt?: Date | null;
  total: Indicators;
  /** The municipalities under a region (empty for a municipality). */
  municipalities: TerritoryIndicators[];
  organisations: OrganisationIndicators[];
}

/** One month of a territory's series, for the monthly digest's chart. */
export interface MonthFigures {
  /** The month's first day. */
  month: CalendarDate;
  pairs: Cell;
  /** Held in the period; hidden when fewer than SMALL_CELL pairs were at work. */
  meetingsHeld: Cell;
  participants10to19: Cell;
}

/** The school year a day falls in, by the year it starts in (1 September): 2026-12-07 is in 2026. */
export function schoolYearOf(day: CalendarDate): number {
  const [year, month] = day.split("-").map(Number) as [number, number];
  return month >= 9 ? year : year - 1;
}

/** The first day of a school year. */
export function schoolYearStart(schoolYear: number): CalendarDate {
  return `${schoolYear}-09-01` as CalendarDate;
}
