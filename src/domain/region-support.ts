import type { CalendarDate } from "./cycle.ts";
import type { OrganisationIndicators, RegionIndicators } from "./region.ts";

/**
 * Which organisations a regional methodologist should call first, and why. Every reason rests on
 * figures the territory is shown: a hidden cell («<5») is never guessed at, so an organisation whose
 * stuck pairs are hidden is not listed for stuck pairs (nor cleared of them: it is simply not known).
 */

export type SupportReason =
  /** No cycle open at the period's end: the programme is not running. */
  | { kind: "no-open-cycle" }
  /** Participants aged 10–19 as a share of the organisation's students aged 10–19, under the target. */
  | { kind: "low-coverage"; coverage: number; target: number }
  /** The organisation has not entered its number of students aged 10–19 for the school year. */
  | { kind: "no-enrolment-figure" }
  | { kind: "stuck-pairs"; stuck: number; pairs: number }
  | { kind: "alerting-pairs"; alerting: number; pairs: number }
  /** Meetings held per pair over 30 days of the period. */
  | { kind: "few-meetings"; perPairMonthly: number; target: number }
  /** The mean satisfaction (1–10, as the questionnaires ask) under the threshold. */
  | { kind: "low-satisfaction"; mean: number; threshold: number };

export interface SupportThresholds {
  /**
   * Coverage under which an organisation is listed: 0.7, the target model's goal of involving at
   * least 70 % of students aged 10–19 in mentoring.
   */
  coverage: number;
  /** Share of the pairs stuck, or alerting, from which an organisation is listed. */
  troubledShare: number;
  /** Meetings per pair in 30 days under which an organisation is listed (fewer than one a fortnight). */
  meetingsPerPairMonthly: number;
  /** Mean satisfaction (1–10) under which an organisation is listed. */
  satisfaction: number;
}

export const SUPPORT_THRESHOLDS: SupportThresholds = { coverage: 0.7, troubledShare: 0.25, meetingsPerPairMonthly: 2, satisfaction: 7 };

/** How many organisations the screen and the digest name; the report lists them all. */
export const SUPPORT_TOP = 5;

export interface SupportEntry {
  orgId: number;
  name: string;
  territoryId: number;
  /** The reasons, weightiest first. */
  reasons: SupportReason[];
  /** The sum of the reasons' weights: the list's order. */
  weight: number;
}

/**
 * How much a reason weighs. A programme not running outweighs any two other reasons; how far a figure
 * falls short adds to its reason's base weight, so the worst coverage comes first among low ones; a
 * missing enrolment figure is paperwork and weighs least.
 */
export function reasonWeight(reason: SupportReason): number {
  switch (reason.kind) {
    case "no-open-cycle":
      return 10;
    case "low-coverage":
      return 2 + 2 * (1 - reason.coverage / reason.target);
    case "stuck-pairs":
      return 2 + 2 * (reason.stuck / reason.pairs);
    case "alerting-pairs":
      return 2 + 2 * (reason.alerting / reason.pairs);
    case "few-meetings":
      return 2 + 2 * (1 - reason.perPairMonthly / reason.target);
    case "low-satisfaction":
      return 2 + (reason.threshold - reason.mean);
    case "no-enrolment-figure":
      return 1;
  }
}

/** Days in a period, both ends included. */
export function periodDays(period: { from: CalendarDate; to: CalendarDate }): number {
  const day = (date: CalendarDate) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return Math.max(1, Math.round((day(period.to) - day(period.from)) / 86_400_000) + 1);
}

/** The reasons to support one organisation, from its shown figures, weightiest first. */
export function supportReasons(
  organisation: OrganisationIndicators,
  period: { from: CalendarDate; to: CalendarDate },
  thresholds: SupportThresholds = SUPPORT_THRESHOLDS,
): SupportReason[] {
  const figures = organisation.figures;
  const reasons: SupportReason[] = [];
  if (figures.withOpenCycle === 0) reasons.push({ kind: "no-open-cycle" });
  if (figures.students10to19 === null) reasons.push({ kind: "no-enrolment-figure" });
  else if (figures.participants10to19 !== null && figures.students10to19 > 0) {
    const coverage = figures.participants10to19 / figures.students10to19;
    if (coverage < thresholds.coverage) reasons.push({ kind: "low-coverage", coverage, target: thresholds.coverage });
  }
  const pairs = figures.pairs;
  if (pairs !== null && pairs > 0) {
    if (figures.stuckPairs !== null && figures.stuckPairs / pairs >= thresholds.troubledShare)
      reasons.push({ kind: "stuck-pairs", stuck: figures.stuckPairs, pairs });
    if (figures.alertingPairs !== null && figures.alertingPairs / pairs >= thresholds.troubledShare)
      reasons.push({ kind: "alerting-pairs", alerting: figures.alertingPairs, pairs });
    if (figures.meetingsHeld !== null) {
      const perPairMonthly = (figures.meetingsHeld / pairs) * (30 / periodDays(period));
      if (perPairMonthly < thresholds.meetingsPerPairMonthly)
        reasons.push({ kind: "few-meetings", perPairMonthly, target: thresholds.meetingsPerPairMonthly });
    }
  }
  const satisfaction = figures.satisfaction.mean;
  if (satisfaction !== null && satisfaction < thresholds.satisfaction)
    reasons.push({ kind: "low-satisfaction", mean: satisfaction, threshold: thresholds.satisfaction });
  return reasons.sort((a, b) => reasonWeight(b) - reasonWeight(a));
}

/**
 * Every organisation with a reason to be supported, weightiest first (a tie goes by name): the
 * screen and the digest show the first SUPPORT_TOP, the report all of them. Pass the figures after
 * `protectRegion`, so that a cell hidden to protect another one is not read either.
 */
export function supportList(
  region: Pick<RegionIndicators, "organisations" | "period">,
  thresholds: SupportThresholds = SUPPORT_THRESHOLDS,
): SupportEntry[] {
  const entries: SupportEntry[] = [];
  for (const organisation of region.organisations) {
    const reasons = supportReasons(organisation, region.period, thresholds);
    if (reasons.length === 0) continue;
    entries.push({
      orgId: organisation.orgId,
      name: organisation.name,
      territoryId: organisation.territoryId,
      reasons,
      weight: reasons.reduce((sum, reason) => sum + reasonWeight(reason), 0),
    });
  }
  return entries.sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name, "ru") || a.orgId - b.orgId);
}
