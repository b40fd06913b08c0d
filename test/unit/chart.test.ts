import { beforeAll, describe, expect, it } from "vitest";
import {
  CHART_COLOURS,
  CHART_HEIGHT,
  CHART_WIDTH,
  type ProgressChartLabels,
  progressChartSvg,
  renderProgressChart,
} from "#root/documents/chart.ts";
import { svgText } from "#root/documents/rasterise.ts";
import type { ProgressChart } from "#root/domain/digest.ts";
import { progressChartLabels } from "#root/flows/check-ins/digest-message.ts";
import { type Locale, Translator } from "#root/i18n/translator.ts";
import { pngSize } from "../support/png.ts";

let translator: Translator;
const labelsIn = (locale: Locale): ProgressChartLabels => progressChartLabels((message) => translator.render(locale, message));
let ru: ProgressChartLabels;

beforeAll(async () => {
  translator = await Translator.load();
  ru = labelsIn("ru");
});

const weeks = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    weekOf: new Date(Date.UTC(2026, 8, 7 + 7 * index)).toISOString().slice(0, 10),
    held: 120 + (index % 5) * 10,
    missed: 10 + (index % 3),
    milestonesDoneTotal: 30 * index,
  }));

describe("the progress chart", () => {
  it("is a PNG of the chart's size", async () => {
    const chart: ProgressChart = { weeks: weeks(20), milestonesPlanned: 1_600 };
    expect(pngSize(await renderProgressChart(chart, ru))).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
  });

  it("renders a cycle with nothing in it yet, and a cycle of one week", async () => {
    expect(pngSize(await renderProgressChart({ weeks: [], milestonesPlanned: 0 }, ru))).toEqual({
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
    });
    expect(
      pngSize(
        await renderProgressChart(
          { weeks: [{ weekOf: "2026-01-05", held: 0, missed: 0, milestonesDoneTotal: 0 }], milestonesPlanned: 0 },
          ru,
        ),
      ),
    ).toEqual({
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
    });
  });

  const twoWeeks: ProgressChart = {
    weeks: [
      { weekOf: "2026-01-05", held: 3, missed: 1, milestonesDoneTotal: 1 },
      { weekOf: "2026-01-12", held: 2, missed: 0, milestonesDoneTotal: 4 },
    ],
    milestonesPlanned: 10,
  };

  it("draws a bar per week for held and for missed meetings, the running total of milestones and the plans' total", () => {
    const svg = progressChartSvg(twoWeeks, ru);
    // The bars, and the legend's square of each colour.
    expect(svg.match(new RegExp(`<rect[^>]*fill="${CHART_COLOURS.held}"`, "g"))).toHaveLength(2 + 1);
    expect(svg.match(new RegExp(`<rect[^>]*fill="${CHART_COLOURS.missed}"`, "g"))).toHaveLength(1 + 1);
    expect(svg).toMatch(/<polyline points="[\d.]+,[\d.]+ [\d.]+,[\d.]+"/);
    expect(svg).toContain("stroke-dasharray");
    expect(svg).toContain(">4 / 10<");
    expect(svg).toContain(">05.01<");
    expect(svg).toContain(">12.01<");
  });

  it("keeps the date labels readable on a long cycle", () => {
    const svg = progressChartSvg({ weeks: weeks(52), milestonesPlanned: 100 }, ru);
    const labels = svg.match(/>\d\d\.\d\d</g) ?? [];
    expect(labels.length).toBeGreaterThan(5);
    expect(labels.length).toBeLessThanOrEqual(14);
  });
});

describe("the progress chart's legend and axis titles", () => {
  const chart: ProgressChart = { weeks: weeks(3), milestonesPlanned: 90 };
  /** The words of a text element, with the colour it is drawn in (a legend entry's swatch is its neighbour). */
  const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]!);

  it("says what each colour means and what each axis counts, in Russian", () => {
    const svg = progressChartSvg(chart, ru);
    expect(ru).toEqual({
      held: "Встречи состоялись",
      missed: "Встречи не состоялись",
      done: "Этапов выполнено всего",
      planned: "Этапов во всех планах",
      weeks: "Недели цикла (дата понедельника)",
      meetings: "Встреч за неделю",
      milestones: "Этапов планов",
    });
    expect(texts(svg)).toEqual(expect.arrayContaining(Object.values(ru)));
    // Each legend entry follows its swatch: a square of the bar's colour, a line of the line's (dashed for the plans).
    const entry = (label: string) =>
      new RegExp(`<(rect|line)([^>]*)/><text[^>]*>${label.replace(/[()]/g, "\\$&")}</text>`).exec(svg)?.[2] ?? "";
    expect(entry(ru.held)).toContain(`fill="${CHART_COLOURS.held}"`);
    expect(entry(ru.missed)).toContain(`fill="${CHART_COLOURS.missed}"`);
    expect(entry(ru.done)).toContain(`stroke="${CHART_COLOURS.done}"`);
    expect(entry(ru.done)).not.toContain("dasharray");
    expect(entry(ru.planned)).toContain(`stroke="${CHART_COLOURS.planned}"`);
    expect(entry(ru.planned)).toContain("stroke-dasharray");
    // The scales' titles stand along their sides.
    expect(svg).toMatch(new RegExp(`<text[^>]*rotate\\(-90[^>]*>${ru.meetings}</text>`));
    expect(svg).toMatch(new RegExp(`<text[^>]*rotate\\(90[^>]*>${ru.milestones}</text>`));
  });

  it("is written in the reader's language, and escapes what XML reserves", () => {
    const en = labelsIn("en");
    const svg = progressChartSvg(chart, en);
    expect(texts(svg)).toEqual(expect.arrayContaining(Object.values(en).map(svgText)));
    expect(en.held).toBe("Meetings held");
    expect(svg).not.toContain(ru.held);
    const odd = progressChartSvg(chart, { ...en, held: "Held <&> met" });
    expect(odd).toContain(">Held &lt;&amp;&gt; met<");
  });

  it("keeps a long legend inside the picture in two rows", () => {
    const long = { ...ru, held: "Очень длинная подпись ".repeat(3), done: "Ещё одна длинная подпись ".repeat(3) };
    const svg = progressChartSvg(chart, long);
    const rows = new Set([...svg.matchAll(/<text x="[\d.]+" y="(\d+)" font-size="13"/g)].map((match) => match[1]));
    expect(rows.size).toBe(2);
    for (const match of svg.matchAll(/<(?:rect|line) x1?="([\d.]+)"/g)) expect(Number(match[1])).toBeGreaterThanOrEqual(0);
  });

  it("draws the PNG with the legend, the same size in either language", async () => {
    expect(pngSize(await renderProgressChart(chart, labelsIn("en")))).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
  });
});
