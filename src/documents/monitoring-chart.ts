import type { Locale } from "#root/i18n/translator.ts";
import { svgText, svgToPngAsync } from "./rasterise.ts";

/**
 * The growth chart of the monitoring report as a PNG: for each growth question, the mean answer at the
 * start (grey) and at the end (green) of the cycle on the 1–10 scale, questions grouped by audience
 * (mentees, mentors), under a legend of the two colours and with the axes' titles. The report is made
 * for one coordinator, so its words arrive already in their language.
 */

export const GROWTH_CHART_WIDTH = 960;
export const GROWTH_CHART_HEIGHT = 580;
export const GROWTH_CHART_COLOURS = { start: "#9aa0a6", end: "#2e9e5b" } as const;

export interface GrowthChartBar {
  /** The question, short. */
  label: string;
  /** Mean answers; null when nobody answered the question both times. */
  start: number | null;
  end: number | null;
}

export interface GrowthChartGroup {
  caption: string;
  bars: GrowthChartBar[];
}

export interface GrowthChart {
  title: string;
  legend: { start: string; end: string };
  /** Axis titles: the questions along the bottom, the 1–10 scale of the mean answer up the side. */
  axes: { questions: string; score: string };
  /** Shown alone when no group has a bar. */
  empty: string;
  groups: GrowthChartGroup[];
  /** Numbers over the bars are written for this language (7,5 or 7.5). */
  locale: Locale;
}

const SCALE_MAX = 10;
const MARGIN = { left: 64, right: 24, top: 84, bottom: 150 };
const LABEL_LINES = 3;
const fixed = (value: number) => Number(value.toFixed(1));

/** Words of a label in lines of at most `width` characters, at most LABEL_LINES lines (the last cut with "…"). */
function wrap(label: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of label.split(/\s+/).filter(Boolean)) {
    if (line === "") line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== "") lines.push(line);
  const kept = lines.slice(0, LABEL_LINES).map((text) => (text.length > width ? `${text.slice(0, Math.max(1, width - 1))}…` : text));
  if (lines.length > LABEL_LINES) kept[LABEL_LINES - 1] = `${kept[LABEL_LINES - 1]!.slice(0, Math.max(1, width - 1))}…`;
  return kept;
}

/** The chart as SVG text (exported for the tests' eyes; the PNG is what people get). */
export function growthChartSvg(chart: GrowthChart): string {
  const width = GROWTH_CHART_WIDTH;
  const height = GROWTH_CHART_HEIGHT;
  const plot = { x: MARGIN.left, y: MARGIN.top, width: width - MARGIN.left - MARGIN.right, height: height - MARGIN.top - MARGIN.bottom };
  const number = new Intl.NumberFormat(chart.locale, { maximumFractionDigits: 1 });
  const y = (value: number) => fixed(plot.y + plot.height - (value / SCALE_MAX) * plot.height);
  const groups = chart.groups.filter((group) => group.bars.length > 0);
  // The legend's second entry after the first one's words (DejaVu Sans at 13 px: about 8 px a character).
  const endEntry = Math.max(plot.x + 180, fixed(plot.x + 20 + chart.legend.start.length * 8 + 28));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans" font-size="13">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${plot.x}" y="30" font-size="18" fill="#202124">${svgText(chart.title)}</text>`,
    `<rect x="${plot.x}" y="46" width="14" height="14" fill="${GROWTH_CHART_COLOURS.start}"/>`,
    `<text x="${plot.x + 20}" y="58" fill="#3c4043">${svgText(chart.legend.start)}</text>`,
    `<rect x="${endEntry}" y="46" width="14" height="14" fill="${GROWTH_CHART_COLOURS.end}"/>`,
    `<text x="${endEntry + 20}" y="58" fill="#3c4043">${svgText(chart.legend.end)}</text>`,
  ];
  const middle = fixed(plot.y + plot.height / 2);
  parts.push(
    `<text x="20" y="${middle}" transform="rotate(-90 20 ${middle})" text-anchor="middle" fill="#5f6368">${svgText(chart.axes.score)}</text>`,
    `<text x="${fixed(plot.x + plot.width / 2)}" y="${height - 16}" text-anchor="middle" font-size="14" fill="#5f6368">${svgText(chart.axes.questions)}</text>`,
  );
  for (let value = 0; value <= SCALE_MAX; value += 2) {
    parts.push(
      `<line x1="${plot.x}" y1="${y(value)}" x2="${plot.x + plot.width}" y2="${y(value)}" stroke="${value === 0 ? "#5f6368" : "#e3e5e8"}" stroke-width="1"/>`,
      `<text x="${plot.x - 8}" y="${y(value) + 5}" text-anchor="end" fill="#5f6368">${value}</text>`,
    );
  }
  if (groups.length === 0) {
    parts.push(
      `<text x="${fixed(plot.x + plot.width / 2)}" y="${fixed(plot.y + plot.height / 2)}" text-anchor="middle" font-size="16" fill="#5f6368">${svgText(chart.empty)}</text>`,
    );
    parts.push("</svg>");
    return parts.join("");
  }
  // One slot per question, and an empty slot between two audiences.
  const slots = groups.reduce((sum, group) => sum + group.bars.length, 0) + groups.length - 1;
  const slot = plot.width / slots;
  const barWidth = Math.min(36, (slot * 0.7) / 2);
  // DejaVu Sans at 12 px is about 7.2 px a character: the label's lines stay inside their slot.
  const labelWidth = Math.max(6, Math.floor((slot - 8) / 7.2));
  let index = 0;
  for (const group of groups) {
    const first = index;
    for (const bar of group.bars) {
      const centre = plot.x + slot * (index + 0.5);
      const draw = (value: number | null, x: number, colour: string) => {
        if (value === null) {
          parts.push(
            `<text x="${fixed(x + barWidth / 2)}" y="${fixed(plot.y + plot.height - 6)}" text-anchor="middle" fill="#5f6368">—</text>`,
          );
          return;
        }
        parts.push(
          `<rect x="${fixed(x)}" y="${y(value)}" width="${fixed(barWidth)}" height="${fixed(plot.y + plot.height - y(value))}" fill="${colour}"/>`,
          `<text x="${fixed(x + barWidth / 2)}" y="${fixed(y(value) - 6)}" text-anchor="middle" font-size="12" fill="#202124">${number.format(value)}</text>`,
        );
      };
      draw(bar.start, centre - barWidth - 1, GROWTH_CHART_COLOURS.start);
      draw(bar.end, centre + 1, GROWTH_CHART_COLOURS.end);
      wrap(bar.label, labelWidth).forEach((line, row) => {
        parts.push(
          `<text x="${fixed(centre)}" y="${plot.y + plot.height + 20 + row * 16}" text-anchor="middle" font-size="12" fill="#3c4043">${svgText(line)}</text>`,
        );
      });
      index += 1;
    }
    const left = plot.x + slot * first + 8;
    const right = plot.x + slot * index - 8;
    const captionY = plot.y + plot.height + 20 + LABEL_LINES * 16 + 8;
    parts.push(
      `<line x1="${fixed(left)}" y1="${captionY}" x2="${fixed(right)}" y2="${captionY}" stroke="#9aa0a6" stroke-width="1"/>`,
      `<text x="${fixed((left + right) / 2)}" y="${captionY + 20}" text-anchor="middle" font-size="15" fill="#202124">${svgText(group.caption)}</text>`,
    );
    index += 1;
  }
  parts.push("</svg>");
  return parts.join("");
}

/** The chart as PNG bytes, GROWTH_CHART_WIDTH × GROWTH_CHART_HEIGHT. */
export function renderGrowthChart(chart: GrowthChart): Promise<Uint8Array> {
  return svgToPngAsync(growthChartSvg(chart));
}
