import type { MonthFigures } from "#root/domain/region.ts";
import { CHART_HEIGHT, CHART_WIDTH, niceMax } from "./chart.ts";
import { svgText, svgToPngAsync } from "./rasterise.ts";

/**
 * The territory's school year as a PNG for the monthly digest: one line each for the pairs at work,
 * the meetings held and the participants aged 10–19, month by month from September. A month whose
 * figure is hidden (fewer than five people) breaks its line and carries «<5» at the foot of the chart
 * in the line's colour (or «…» when hidden to protect another month): a gap, never a fall to zero. Months still to come stay empty. Same size,
 * fonts and manner as the weekly digest's chart (chart.ts).
 */

export const REGION_CHART_COLOURS = { pairs: "#2f6fdb", meetingsHeld: "#2e9e5b", participants10to19: "#e8710a" } as const;

export type RegionSeries = keyof typeof REGION_CHART_COLOURS;

/** The words on the picture, already in the reader's language. */
export interface RegionChartLabels {
  title: string;
  pairs: string;
  meetingsHeld: string;
  participants10to19: string;
  /** Axis titles: the months under the chart, the counts up the side. */
  months: string;
  counts: string;
  /** The legend's note on a gap. */
  hidden: string;
  /** Months' short names are written for this language. */
  locale: "ru" | "en";
}

const MARGIN = { left: 84, right: 32, top: 64, bottom: 110 };
const GRID_LINES = 4;
const SERIES: RegionSeries[] = ["pairs", "meetingsHeld", "participants10to19"];
const fixed = (value: number) => Number(value.toFixed(1));

/** The twelve months of the school year the first month starts (September to August). */
function schoolYearSlots(first: string): string[] {
  const year = Number(first.slice(0, 4)) - (Number(first.slice(5, 7)) >= 9 ? 0 : 1);
  return Array.from({ length: 12 }, (_, index) => new Date(Date.UTC(year, 8 + index, 1)).toISOString().slice(0, 10));
}

/** The chart as SVG text (exported for the tests' eyes; the PNG is what people get). */
export function regionChartSvg(
  months: readonly MonthFigures[],
  labels: RegionChartLabels,
  /** Months whose meetings are hidden to protect another month's: marked «…», not «<5». */
  complementary: ReadonlySet<string> = new Set(),
): string {
  const plot = {
    x: MARGIN.left,
    y: MARGIN.top,
    width: CHART_WIDTH - MARGIN.left - MARGIN.right,
    height: CHART_HEIGHT - MARGIN.top - MARGIN.bottom,
  };
  const slots = months.length > 0 ? schoolYearSlots(months[0]!.month) : [];
  const byMonth = new Map(months.map((entry) => [entry.month.slice(0, 7), entry]));
  const values = months.flatMap((entry) => SERIES.map((series) => entry[series] ?? 0));
  const top = niceMax(Math.max(0, ...values));
  const y = (value: number) => fixed(plot.y + plot.height - (value / top) * plot.height);
  const slot = plot.width / Math.max(slots.length, 1);
  const centre = (index: number) => fixed(plot.x + slot * (index + 0.5));
  const monthName = new Intl.DateTimeFormat(labels.locale === "ru" ? "ru-RU" : "en-GB", { month: "short", timeZone: "UTC" });

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" font-family="DejaVu Sans" font-size="14">`,
    `<rect width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="#ffffff"/>`,
    `<text x="${plot.x}" y="32" font-size="18" fill="#202124">${svgText(labels.title)}</text>`,
  ];
  for (let line = 0; line <= GRID_LINES; line += 1) {
    const at = fixed(plot.y + plot.height - (line / GRID_LINES) * plot.height);
    parts.push(
      `<line x1="${plot.x}" y1="${at}" x2="${plot.x + plot.width}" y2="${at}" stroke="${line === 0 ? "#5f6368" : "#e3e5e8"}" stroke-width="1"/>`,
      `<text x="${plot.x - 8}" y="${at + 5}" text-anchor="end" fill="#5f6368">${(top / GRID_LINES) * line}</text>`,
    );
  }
  const middle = fixed(plot.y + plot.height / 2);
  parts.push(
    `<text x="22" y="${middle}" transform="rotate(-90 22 ${middle})" text-anchor="middle" fill="#5f6368">${svgText(labels.counts)}</text>`,
    `<text x="${fixed(plot.x + plot.width / 2)}" y="${plot.y + plot.height + 46}" text-anchor="middle" fill="#5f6368">${svgText(labels.months)}</text>`,
  );
  slots.forEach((month, index) => {
    const name = monthName.format(new Date(`${month}T00:00:00Z`)).replace(".", "");
    parts.push(`<text x="${centre(index)}" y="${plot.y + plot.height + 22}" text-anchor="middle" fill="#3c4043">${svgText(name)}</text>`);
  });
  SERIES.forEach((series, row) => {
    const colour = REGION_CHART_COLOURS[series];
    // A line runs through months in a row whose figure is shown; a hidden month ends it.
    let run: string[] = [];
    const flush = () => {
      if (run.length > 1)
        parts.push(`<polyline points="${run.join(" ")}" fill="none" stroke="${colour}" stroke-width="3" stroke-linejoin="round"/>`);
      run = [];
    };
    slots.forEach((month, index) => {
      const entry = byMonth.get(month.slice(0, 7));
      if (!entry) {
        flush();
        return;
      }
      const value = entry[series];
      if (value === null) {
        flush();
        const mark = series === "meetingsHeld" && complementary.has(month) ? "…" : "&lt;5";
        parts.push(
          `<text x="${centre(index)}" y="${fixed(plot.y + plot.height - 8 - row * 16)}" text-anchor="middle" font-size="12" fill="${colour}" data-hidden="${series}">${mark}</text>`,
        );
        return;
      }
      run.push(`${centre(index)},${y(value)}`);
      parts.push(`<circle cx="${centre(index)}" cy="${y(value)}" r="4" fill="${colour}"/>`);
    });
    flush();
  });
  // The legend: a short line per series, then the note on gaps.
  const entries = SERIES.map((series) => ({ label: labels[series], colour: REGION_CHART_COLOURS[series] }));
  const legendY = CHART_HEIGHT - 34;
  let x = plot.x;
  for (const entry of entries) {
    parts.push(
      `<line x1="${x}" y1="${legendY - 4}" x2="${x + 24}" y2="${legendY - 4}" stroke="${entry.colour}" stroke-width="3"/>`,
      `<text x="${x + 30}" y="${legendY}" font-size="13" fill="#3c4043">${svgText(entry.label)}</text>`,
    );
    x = fixed(x + 30 + entry.label.length * 13 * 0.62 + 28);
  }
  parts.push(`<text x="${plot.x}" y="${CHART_HEIGHT - 12}" font-size="12" fill="#5f6368">${svgText(labels.hidden)}</text>`);
  parts.push("</svg>");
  return parts.join("");
}

/** The chart as PNG bytes, CHART_WIDTH × CHART_HEIGHT. */
export function renderRegionChart(
  months: readonly MonthFigures[],
  labels: RegionChartLabels,
  complementary: ReadonlySet<string> = new Set(),
): Promise<Uint8Array> {
  return svgToPngAsync(regionChartSvg(months, labels, complementary));
}
