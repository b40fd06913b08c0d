import type { ProgressChart } from "#root/domain/digest.ts";
import { PNG_MIME, svgText, svgToPngAsync } from "./rasterise.ts";

/**
 * The cycle's progress as a PNG: meetings held (green) and missed (red) per week as bars on the left
 * scale, milestones done so far as a blue line and all the plans' milestones as a dashed grey line on
 * the right scale. A legend under the chart says what each colour means and the axes carry their
 * titles, in the reader's language (`ProgressChartLabels`), so the picture reads on its own.
 */

export const CHART_WIDTH = 960;
export const CHART_HEIGHT = 540;
export { PNG_MIME };

export const CHART_COLOURS = { held: "#2e9e5b", missed: "#d9534f", done: "#2f6fdb", planned: "#9aa0a6" } as const;

/** The words on the picture, already in the reader's language. */
export interface ProgressChartLabels {
  /** The legend: one entry per colour. */
  held: string;
  missed: string;
  done: string;
  planned: string;
  /** Axis titles: the weeks under the chart, meetings on the left scale, milestones on the right one. */
  weeks: string;
  meetings: string;
  milestones: string;
}

const MARGIN = { left: 76, right: 76, top: 48, bottom: 104 };
const GRID_LINES = 4;
const LEGEND = { fontSize: 13, swatch: 24, gap: 6, between: 28 };
/** DejaVu Sans is about 0.6 em a character, Cyrillic a little wider: a generous estimate of a label's width. */
const textWidth = (text: string, fontSize: number) => text.length * fontSize * 0.62;

/** A round upper bound for a scale (1, 2, 5 × 10ⁿ steps per grid line), at least one step per grid line. */
export function niceMax(value: number): number {
  if (value <= GRID_LINES) return GRID_LINES;
  const rawStep = value / GRID_LINES;
  const magnitude = 10 ** Math.floor(Math.log10(rawStep));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rawStep) ?? 10 * magnitude;
  return step * GRID_LINES;
}

const dayMonth = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}`;
const fixed = (value: number) => Number(value.toFixed(1));

/**
 * The legend in one row centred under the chart, or in two rows when the words are long: a square
 * for a bar's colour, a short line for a line's.
 */
function legend(labels: ProgressChartLabels): string[] {
  const entries = [
    { label: labels.held, swatch: "bar", colour: CHART_COLOURS.held },
    { label: labels.missed, swatch: "bar", colour: CHART_COLOURS.missed },
    { label: labels.done, swatch: "line", colour: CHART_COLOURS.done },
    { label: labels.planned, swatch: "dashed", colour: CHART_COLOURS.planned },
  ] as const;
  const width = (entry: (typeof entries)[number]) => LEGEND.swatch + LEGEND.gap + textWidth(entry.label, LEGEND.fontSize);
  const rowWidth = (row: ReadonlyArray<(typeof entries)[number]>) =>
    row.reduce((sum, entry) => sum + width(entry), 0) + LEGEND.between * (row.length - 1);
  const rows = rowWidth(entries) <= CHART_WIDTH - 48 ? [entries] : [entries.slice(0, 2), entries.slice(2)];
  const parts: string[] = [];
  rows.forEach((row, index) => {
    const y = CHART_HEIGHT - 16 - (rows.length - 1 - index) * 22;
    let x = fixed((CHART_WIDTH - rowWidth(row)) / 2);
    for (const entry of row) {
      if (entry.swatch === "bar") {
        parts.push(`<rect x="${x + 5}" y="${y - 11}" width="14" height="14" fill="${entry.colour}"/>`);
      } else {
        const dash = entry.swatch === "dashed" ? ' stroke-dasharray="6 4"' : "";
        parts.push(
          `<line x1="${x}" y1="${y - 4}" x2="${x + LEGEND.swatch}" y2="${y - 4}" stroke="${entry.colour}" stroke-width="3"${dash}/>`,
        );
      }
      parts.push(
        `<text x="${x + LEGEND.swatch + LEGEND.gap}" y="${y}" font-size="${LEGEND.fontSize}" fill="#3c4043">${svgText(entry.label)}</text>`,
      );
      x = fixed(x + width(entry) + LEGEND.between);
    }
  });
  return parts;
}

/** The chart as SVG text (exported for the tests' eyes; the PNG is what people get). */
export function progressChartSvg(chart: ProgressChart, labels: ProgressChartLabels): string {
  const plot = {
    x: MARGIN.left,
    y: MARGIN.top,
    width: CHART_WIDTH - MARGIN.left - MARGIN.right,
    height: CHART_HEIGHT - MARGIN.top - MARGIN.bottom,
  };
  const weeks = chart.weeks;
  const leftMax = niceMax(Math.max(0, ...weeks.map((week) => Math.max(week.held, week.missed))));
  const rightMax = niceMax(Math.max(chart.milestonesPlanned, ...weeks.map((week) => week.milestonesDoneTotal)));
  const yLeft = (value: number) => fixed(plot.y + plot.height - (value / leftMax) * plot.height);
  const yRight = (value: number) => fixed(plot.y + plot.height - (value / rightMax) * plot.height);
  const slot = plot.width / Math.max(weeks.length, 1);
  const centre = (index: number) => plot.x + slot * (index + 0.5);
  const barWidth = Math.max(1, Math.min(28, (slot * 0.8) / 2));

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" font-family="DejaVu Sans" font-size="14">`,
    `<rect width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="#ffffff"/>`,
  ];
  for (let line = 0; line <= GRID_LINES; line += 1) {
    const y = fixed(plot.y + plot.height - (line / GRID_LINES) * plot.height);
    parts.push(
      `<line x1="${plot.x}" y1="${y}" x2="${plot.x + plot.width}" y2="${y}" stroke="${line === 0 ? "#5f6368" : "#e3e5e8"}" stroke-width="1"/>`,
      `<text x="${plot.x - 8}" y="${y + 5}" text-anchor="end" fill="${CHART_COLOURS.held}">${(leftMax / GRID_LINES) * line}</text>`,
      `<text x="${plot.x + plot.width + 8}" y="${y + 5}" text-anchor="start" fill="${CHART_COLOURS.done}">${(rightMax / GRID_LINES) * line}</text>`,
    );
  }
  // The axes' titles: the left scale's along its side (green like its bars), the right one's likewise
  // (blue like its line), the weeks' under the dates.
  const middle = fixed(plot.y + plot.height / 2);
  parts.push(
    `<text x="22" y="${middle}" transform="rotate(-90 22 ${middle})" text-anchor="middle" fill="${CHART_COLOURS.held}">${svgText(labels.meetings)}</text>`,
    `<text x="${CHART_WIDTH - 22}" y="${middle}" transform="rotate(90 ${CHART_WIDTH - 22} ${middle})" text-anchor="middle" fill="${CHART_COLOURS.done}">${svgText(labels.milestones)}</text>`,
    `<text x="${fixed(plot.x + plot.width / 2)}" y="${plot.y + plot.height + 48}" text-anchor="middle" fill="#5f6368">${svgText(labels.weeks)}</text>`,
    ...legend(labels),
  );
  if (weeks.length > 0) {
    parts.push(
      `<text x="${plot.x}" y="${MARGIN.top - 16}" font-size="16" fill="#202124">${dayMonth(weeks[0]!.weekOf)}.${weeks[0]!.weekOf.slice(0, 4)} – ${dayMonth(weeks.at(-1)!.weekOf)}.${weeks.at(-1)!.weekOf.slice(0, 4)}</text>`,
    );
  }
  // At most about fourteen date labels fit under the axis; the rest of the weeks go unlabelled.
  const labelEvery = Math.max(1, Math.ceil(weeks.length / 14));
  weeks.forEach((week, index) => {
    const x = centre(index);
    if (week.held > 0)
      parts.push(
        `<rect x="${fixed(x - barWidth)}" y="${yLeft(week.held)}" width="${fixed(barWidth)}" height="${fixed(plot.y + plot.height - yLeft(week.held))}" fill="${CHART_COLOURS.held}"/>`,
      );
    if (week.missed > 0)
      parts.push(
        `<rect x="${fixed(x)}" y="${yLeft(week.missed)}" width="${fixed(barWidth)}" height="${fixed(plot.y + plot.height - yLeft(week.missed))}" fill="${CHART_COLOURS.missed}"/>`,
      );
    if (index % labelEvery === 0)
      parts.push(
        `<text x="${fixed(x)}" y="${plot.y + plot.height + 22}" text-anchor="middle" fill="#3c4043">${dayMonth(week.weekOf)}</text>`,
      );
  });
  if (chart.milestonesPlanned > 0) {
    const y = yRight(chart.milestonesPlanned);
    parts.push(
      `<line x1="${plot.x}" y1="${y}" x2="${plot.x + plot.width}" y2="${y}" stroke="${CHART_COLOURS.planned}" stroke-width="2" stroke-dasharray="8 6"/>`,
    );
  }
  if (weeks.length > 0) {
    const points = weeks.map((week, index) => `${fixed(centre(index))},${yRight(week.milestonesDoneTotal)}`);
    parts.push(
      `<polyline points="${points.join(" ")}" fill="none" stroke="${CHART_COLOURS.done}" stroke-width="3" stroke-linejoin="round"/>`,
    );
    weeks.forEach((week, index) => {
      parts.push(`<circle cx="${fixed(centre(index))}" cy="${yRight(week.milestonesDoneTotal)}" r="4" fill="${CHART_COLOURS.done}"/>`);
    });
    // The total so far, over the right scale: what the blue line has reached out of all the milestones.
    const last = weeks.at(-1)!;
    parts.push(
      `<text x="${plot.x + plot.width}" y="${MARGIN.top - 16}" text-anchor="end" font-size="18" fill="${CHART_COLOURS.done}">${last.milestonesDoneTotal}${chart.milestonesPlanned > 0 ? ` / ${chart.milestonesPlanned}` : ""}</text>`,
    );
  }
  parts.push("</svg>");
  return parts.join("");
}

/** The chart as PNG bytes, CHART_WIDTH × CHART_HEIGHT. */
export function renderProgressChart(chart: ProgressChart, labels: ProgressChartLabels): Promise<Uint8Array> {
  return svgToPngAsync(progressChartSvg(chart, labels));
}
