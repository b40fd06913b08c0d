import {
  cellArg,
  coverageShare,
  meanText,
  meetingsPerPairText,
  percentText,
  stackedLines,
  supportReasonsMsg,
} from "#root/documents/region-wording.ts";
import { CYCLE_STAGES, formatCalendarDate } from "#root/domain/cycle.ts";
import { INTERACTION_VARIANTS } from "#root/domain/interaction-variants.ts";
import { DIRECTIONS, MENTORING_FORMS } from "#root/domain/programme.ts";
import type { Indicators, OrganisationIndicators } from "#root/domain/region.ts";
import type { SupportEntry } from "#root/domain/region-support.ts";
import { CELL_FIELDS, type CellField, cellView, type ProtectedRegion } from "#root/domain/region-suppression.ts";
import { type Locale, type Msg, msg } from "#root/i18n/translator.ts";
import { joinedList } from "../common/choices.ts";

/**
 * The parts the region's screen and its monthly digest share: the figures of a territory, a line per
 * municipality, the list of organisations to support first, the note on hidden cells. Every count
 * goes through the protected figures (`protectRegion`): a hidden cell reads «<5» or «…», never 0.
 */

/** A messenger message's length the screen keeps within (MAX allows 4,000 characters, Telegram and VK 4,096). */
export const MESSAGE_LIMIT = 4_000;

const OPEN_STAGES = CYCLE_STAGES.filter((stage) => stage !== "archived");

/** The period as the title writes it. */
export function periodArgs(region: ProtectedRegion, locale: Locale): { from: string; to: string } {
  return { from: formatCalendarDate(region.period.from, locale), to: formatCalendarDate(region.period.to, locale) };
}

function breakdown(region: ProtectedRegion, figures: Indicators, entries: Array<{ name: Msg; field: CellField }>): Msg {
  const [first, ...rest] = entries.map((entry) =>
    msg("region-breakdown-item", { name: entry.name, count: cellArg(region, figures, entry.field) }),
  );
  return rest.reduce((head, next) => msg("region-join", { head, next }), first!);
}

/** Organisations with an open cycle by the stage it is in: «работа пар — 12, завершение — 3». */
function stagesMsg(organisations: readonly OrganisationIndicators[]): Msg {
  const counts = OPEN_STAGES.map((stage) => ({
    stage,
    count: organisations.filter((organisation) => organisation.cycle && !organisation.cycle.archived && organisation.cycle.stage === stage)
      .length,
  })).filter((entry) => entry.count > 0);
  return joinedList(counts.map((entry) => msg("region-stage-count", { stage: msg(`stage-${entry.stage}`), count: entry.count })));
}

/** The territory's figures for the period, one under another. */
export function figuresMsg(region: ProtectedRegion, locale: Locale): Msg {
  const total = region.total;
  const coverage = coverageShare(region, total);
  const entered = region.organisations.filter((organisation) => organisation.figures.students10to19 !== null).length;
  return msg("region-figures", {
    count: total.organisations,
    open: total.withOpenCycle,
    stages: stagesMsg(region.organisations),
    coverage: coverage === null ? "—" : percentText(coverage, locale),
    participants: cellArg(region, total, "participants10to19"),
    students: total.students10to19 === null ? "—" : total.students10to19,
    entered,
    pairs: cellArg(region, total, "pairs"),
    forms: breakdown(
      region,
      total,
      MENTORING_FORMS.map((form) => ({ name: msg(`form-${form}`), field: `pairsByForm.${form}` as const })),
    ),
    directions: breakdown(
      region,
      total,
      DIRECTIONS.map((direction) => ({ name: msg(`direction-${direction}`), field: `pairsByDirection.${direction}` as const })),
    ),
    variants: breakdown(
      region,
      total,
      INTERACTION_VARIANTS.map((variant) => ({ name: msg(`variant-${variant}`), field: `pairsByVariant.${variant}` as const })),
    ),
    meetings: cellArg(region, total, "meetingsHeld"),
    perPair: meetingsPerPairText(region, total, locale),
    plans: cellArg(region, total, "plansCompleted"),
    stuck: cellArg(region, total, "stuckPairs"),
    alerting: cellArg(region, total, "alertingPairs"),
    satisfaction: meanText(total.satisfaction, cellView(region, total, "satisfaction"), locale),
    respondents: cellArg(region, total, "satisfaction"),
    growth: meanText(total.growth, cellView(region, total, "growth"), locale, true),
  });
}

/** One municipality in a line. */
export function municipalityLine(region: ProtectedRegion, figures: Indicators, name: string, locale: Locale): Msg {
  const coverage = coverageShare(region, figures);
  return msg("region-municipality-line", {
    name,
    count: figures.organisations,
    open: figures.withOpenCycle,
    coverage: coverage === null ? "—" : percentText(coverage, locale),
    pairs: cellArg(region, figures, "pairs"),
    perPair: meetingsPerPairText(region, figures, locale),
    stuck: cellArg(region, figures, "stuckPairs"),
  });
}

/** The municipalities, the first `shown` of them, and how many more the report lists. */
export function municipalitiesMsg(region: ProtectedRegion, shown: number, locale: Locale): Msg | undefined {
  if (region.municipalities.length === 0) return undefined;
  const lines = [msg("region-municipalities-title", { count: region.municipalities.length })];
  for (const municipality of region.municipalities.slice(0, shown)) {
    lines.push(municipalityLine(region, municipality.figures, municipality.name, locale));
  }
  const more = region.municipalities.length - shown;
  if (more > 0) lines.push(msg("region-municipalities-more", { count: more }));
  return stackedLines(lines);
}

/** One organisation of the support list: its number, name, municipality and reasons. */
export function supportLine(region: ProtectedRegion, entry: SupportEntry, number: number, locale: Locale): Msg {
  const municipality = region.municipalities.find((candidate) => candidate.territoryId === entry.territoryId);
  const reasons = supportReasonsMsg(entry.reasons, locale);
  return municipality
    ? msg("region-support-line-in", { number, org: entry.name, municipality: municipality.name, reasons })
    : msg("region-support-line", { number, org: entry.name, reasons });
}

/** Who needs support first: the first `shown` of the list, and how many more the report lists. */
export function supportMsg(region: ProtectedRegion, list: readonly SupportEntry[], shown: number, locale: Locale): Msg {
  if (list.length === 0) return msg("region-support-none");
  const lines = [msg("region-support-title", { count: list.length })];
  list.slice(0, shown).forEach((entry, index) => {
    lines.push(supportLine(region, entry, index + 1, locale));
  });
  const more = list.length - shown;
  if (more > 0) lines.push(msg("region-support-more", { count: more }));
  return stackedLines(lines);
}

/** The note on «<5» and «…», when any of the figures shown hides a cell. */
export function hiddenNote(region: ProtectedRegion, shown: readonly Indicators[]): Msg | undefined {
  const hides = shown.some((figures) => CELL_FIELDS.some((field) => !("shown" in cellView(region, figures, field))));
  return hides ? msg("region-hidden-note") : undefined;
}
