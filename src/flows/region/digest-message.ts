import { type RegionChartLabels, renderRegionChart } from "#root/documents/region-chart.ts";
import type { CalendarDate } from "#root/domain/cycle.ts";
import type { MonthFigures } from "#root/domain/region.ts";
import { schoolYearOf } from "#root/domain/region.ts";
import { schoolYearSeries } from "#root/domain/region-digest.ts";
import { supportList } from "#root/domain/region-support.ts";
import { protectRegion } from "#root/domain/region-suppression.ts";
import { type Locale, type Msg, msg } from "#root/i18n/translator.ts";
import type { MessageSpec } from "#root/messaging/message-spec.ts";
import { fitted, type RegionTextInput } from "./screen-message.ts";
import { figuresMsg, hiddenNote, periodArgs, supportMsg } from "./wording.ts";

/** The words on the digest's chart in the reader's language; the school year by the year it starts in. */
export function regionChartLabels(
  translate: (message: Msg) => string,
  locale: Locale,
  territory: string,
  schoolYear: number,
): RegionChartLabels {
  return {
    title: translate(msg("region-chart-title", { territory, from: String(schoolYear), to: String(schoolYear + 1) })),
    pairs: translate(msg("region-chart-pairs")),
    meetingsHeld: translate(msg("region-chart-meetings")),
    participants10to19: translate(msg("region-chart-participants")),
    months: translate(msg("region-chart-axis-months")),
    counts: translate(msg("region-chart-axis-counts")),
    hidden: translate(msg("region-chart-hidden")),
    locale,
  };
}

export interface RegionChartInput {
  territory: string;
  /** The digest's month (any day of it): the chart runs from the school year's September to it. */
  month: CalendarDate;
  /** The repository's months; a month missing from them had nothing to count. */
  months: readonly MonthFigures[];
  locale: Locale;
  translate(message: Msg): string;
}

/** The chart of the school year's months so far as PNG, its words in the reader's language. */
export function regionChartPng(input: RegionChartInput): Promise<Uint8Array> {
  const series = schoolYearSeries(input.month, input.months);
  return renderRegionChart(
    series.months,
    regionChartLabels(input.translate, input.locale, input.territory, schoolYearOf(input.month)),
    series.complementary,
  );
}

export interface RegionDigestInput extends RegionTextInput {
  /** The chart as PNG (`regionChartPng`). */
  chart: Uint8Array;
}

/**
 * The monthly digest of a territory as one message: the month's figures, who needs support first,
 * and the chart of the school year as a photo; the report carries the municipalities and the rest.
 */
export function regionDigestMessage(input: RegionDigestInput): MessageSpec {
  const region = protectRegion(input.indicators);
  const list = supportList(region);
  const title = msg("region-digest-title", { territory: region.territory.name, ...periodArgs(region, input.locale) });
  const note = hiddenNote(region, [region.total]);
  const text = fitted({ ...region, municipalities: [] }, list, input, (_, support) => {
    const parts = [title, figuresMsg(region, input.locale), supportMsg(region, list, support, input.locale), msg("region-chart-legend")];
    if (note) parts.push(note);
    return parts;
  });
  return { text, image: { filename: `region-${region.period.from.slice(0, 7)}.png`, content: input.chart } };
}
