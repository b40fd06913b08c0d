import { describe, expect, it } from "vitest";
import {
  GROWTH_CHART_COLOURS,
  GROWTH_CHART_HEIGHT,
  GROWTH_CHART_WIDTH,
  type GrowthChart,
  growthChartSvg,
  renderGrowthChart,
} from "#root/documents/monitoring-chart.ts";
import { pngSize } from "../support/png.ts";

const chart = (groups: GrowthChart["groups"], locale: GrowthChart["locale"] = "ru"): GrowthChart => ({
  title: "Рост участников",
  legend: { start: "В начале", end: "В конце" },
  axes: { questions: "Вопросы анкеты", score: "Средний ответ (от 1 до 10)" },
  empty: "Ответов пока нет",
  groups,
  locale,
});

const bars = (colour: string, svg: string) => svg.match(new RegExp(`<rect[^>]*fill="${colour}"`, "g")) ?? [];

describe("the growth chart", () => {
  const full = chart([
    {
      caption: "Наставляемые",
      bars: [
        { label: "Уверенность в себе", start: 4.5, end: 7 },
        { label: "Интерес к учёбе", start: 5, end: 6.5 },
        { label: "Понимание своей цели", start: null, end: null },
        { label: "Умение попросить о помощи", start: 3, end: 8 },
      ],
    },
    { caption: "Наставники", bars: [{ label: "Уверенность в роли наставника", start: 6, end: 9 }] },
  ]);

  it("is a PNG of the chart's size", async () => {
    expect(pngSize(await renderGrowthChart(full))).toEqual({ width: GROWTH_CHART_WIDTH, height: GROWTH_CHART_HEIGHT });
    expect(pngSize(await renderGrowthChart(chart([])))).toEqual({ width: GROWTH_CHART_WIDTH, height: GROWTH_CHART_HEIGHT });
  });

  it("draws a start and an end bar per answered question with its value, in the reader's language, and a dash for an unanswered one", () => {
    const svg = growthChartSvg(full);
    // The legend's two squares and one bar per answered question and moment.
    expect(bars(GROWTH_CHART_COLOURS.start, svg)).toHaveLength(1 + 4);
    expect(bars(GROWTH_CHART_COLOURS.end, svg)).toHaveLength(1 + 4);
    expect(svg).toContain(">4,5<");
    expect(svg).toContain(">6,5<");
    expect(svg.match(/>—</g)).toHaveLength(2);
    expect(svg).toContain(">Наставляемые<");
    expect(svg).toContain(">Наставники<");
    expect(growthChartSvg(chart(full.groups, "en"))).toContain(">4.5<");
  });

  it("wraps long question names under their bars and escapes what XML reserves", () => {
    const svg = growthChartSvg(
      chart([
        {
          caption: "A & B <mentors>",
          bars: Array.from({ length: 7 }, (_, index) => ({ label: `Очень длинное название вопроса номер ${index + 1}`, start: 5, end: 6 })),
        },
      ]),
    );
    expect(svg).toContain(">A &amp; B &lt;mentors&gt;<");
    expect(svg).not.toContain("<mentors>");
    const labelLines = svg.match(/<text[^>]*fill="#3c4043">[^<]*<\/text>/g) ?? [];
    // Several lines per label, none wider than the slot allows (two legend entries use the same colour).
    expect(labelLines.length).toBeGreaterThan(7 + 2);
    expect(Math.max(...labelLines.map((line) => line.replace(/<[^>]*>/g, "").length))).toBeLessThanOrEqual(18);
  });

  it("has a legend of its two colours and the titles of both axes", () => {
    const svg = growthChartSvg(full);
    const entry = (label: string) => new RegExp(`<rect([^>]*)/><text[^>]*>${label}</text>`).exec(svg)?.[1] ?? "";
    expect(entry("В начале")).toContain(`fill="${GROWTH_CHART_COLOURS.start}"`);
    expect(entry("В конце")).toContain(`fill="${GROWTH_CHART_COLOURS.end}"`);
    expect(svg).toMatch(/<text[^>]*rotate\(-90[^>]*>Средний ответ \(от 1 до 10\)<\/text>/);
    expect(svg).toContain(">Вопросы анкеты<");
    // Nothing to show still says what the axes would hold.
    expect(growthChartSvg(chart([]))).toContain(">Вопросы анкеты<");
  });

  it("says there is nothing to show when nobody answered both times", () => {
    const svg = growthChartSvg(chart([]));
    expect(svg).toContain(">Ответов пока нет<");
    expect(bars(GROWTH_CHART_COLOURS.start, svg)).toHaveLength(1);
  });
});
