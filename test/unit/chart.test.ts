import { describe, expect, it } from "vitest";
import { CHART_COLOURS, CHART_HEIGHT, CHART_WIDTH, progressChartSvg, renderProgressChart } from "#root/documents/chart.ts";
import type { ProgressChart } from "#root/domain/digest.ts";
import { pngSize } from "../support/png.ts";

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
    expect(pngSize(await renderProgressChart(chart))).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
  });

  it("renders a cycle with nothing in it yet, and a cycle of one week", async () => {
    expect(pngSize(await renderProgressChart({ weeks: [], milestonesPlanned: 0 }))).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
    expect(
      pngSize(
        await renderProgressChart({ weeks: [{ weekOf: "2026-01-05", held: 0, missed: 0, milestonesDoneTotal: 0 }], milestonesPlanned: 0 }),
      ),
    ).toEqual({
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
    });
  });

  it("draws a bar per week for held and for missed meetings, the running total of milestones and the plans' total", () => {
    const svg = progressChartSvg({
      weeks: [
        { weekOf: "2026-01-05", held: 3, missed: 1, milestonesDoneTotal: 1 },
        { weekOf: "2026-01-12", held: 2, missed: 0, milestonesDoneTotal: 4 },
      ],
      milestonesPlanned: 10,
    });
    expect(svg.match(new RegExp(`<rect[^>]*fill="${CHART_COLOURS.held}"`, "g"))).toHaveLength(2);
    expect(svg.match(new RegExp(`<rect[^>]*fill="${CHART_COLOURS.missed}"`, "g"))).toHaveLength(1);
    expect(svg).toMatch(/<polyline points="[\d.]+,[\d.]+ [\d.]+,[\d.]+"/);
    expect(svg).toContain("stroke-dasharray");
    expect(svg).toContain(">4 / 10<");
    expect(svg).toContain(">05.01<");
    expect(svg).toContain(">12.01<");
  });

  it("keeps the date labels readable on a long cycle", () => {
    const svg = progressChartSvg({ weeks: weeks(52), milestonesPlanned: 100 });
    const labels = svg.match(/>\d\d\.\d\d</g) ?? [];
    expect(labels.length).toBeGreaterThan(5);
    expect(labels.length).toBeLessThanOrEqual(14);
  });
});
