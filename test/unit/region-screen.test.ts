import { beforeAll, describe, expect, it } from "vitest";
import { CHART_HEIGHT, CHART_WIDTH } from "#root/documents/chart.ts";
import { REGION_CHART_COLOURS, regionChartSvg } from "#root/documents/region-chart.ts";
import type { RegionIndicators } from "#root/domain/region.ts";
import { dueRegionDigestMonth, monthPeriod, schoolYearMonths, schoolYearSeries } from "#root/domain/region-digest.ts";
import { MESSAGE_LIMIT, regionChartLabels, regionChartPng, regionDigestMessage, regionScreenMessage } from "#root/flows/region/index.ts";
import { type Locale, type Msg, Translator } from "#root/i18n/translator.ts";
import type { MessageSpec } from "#root/messaging/message-spec.ts";
import { pngSize } from "../support/png.ts";
import { figures, syntheticRegion, twoMunicipalities } from "../support/region.ts";

let translator: Translator;
beforeAll(async () => {
  translator = await Translator.load();
});

const input = (indicators: RegionIndicators, locale: Locale = "ru") => ({
  indicators,
  locale,
  translate: (message: Msg) => translator.render(locale, message),
});
const textOf = (spec: MessageSpec, locale: Locale = "ru") => spec.text.map((part) => translator.render(locale, part)).join("\n\n");

describe("the territory's screen", () => {
  it("shows the region's figures, a line per municipality and who needs support first, with the reasons", () => {
    const text = textOf(regionScreenMessage(input(twoMunicipalities())));
    expect(text).toContain("🗺 Свердловская область: наставничество с 01.09.2026 по 30.11.2026");
    expect(text).toContain("🏫 Организаций: 3, из них с открытым циклом: 2 (пары и группы работают — 1, завершение цикла — 1)");
    expect(text).toContain(
      "👥 Охват обучающихся 10–19 лет: 29 % (участвуют: 103, обучаются: 350); численность обучающихся внесли 2 из 3 организаций",
    );
    expect(text).toContain("🤝 Пар и групп: 52");
    expect(text).toContain("📅 Встреч состоялось: 184, в среднем на пару: 3,5");
    expect(text).toContain("😊 Удовлетворённость: 7,3 из 10 (ответов: 32); 📈 рост по анкетам: +0,3");
    // Ekaterinburg: two organisations; its figures that would give Nizhny Tagil's away read «…».
    expect(text).toContain("• Екатеринбург: 2 организации, с открытым циклом: 2; охват —; пар и групп: …; встреч на пару: —; застряли: 8");
    expect(text).toContain("• Нижний Тагил: 1 организация, с открытым циклом: 0; охват —; пар и групп: <5; встреч на пару: —; застряли: 0");
    expect(text).toContain("🆘 Кому нужна поддержка в первую очередь (организаций с поводами: 3):");
    expect(text).toContain("1. Школа № 3 (Нижний Тагил): нет открытого цикла наставничества");
    expect(text).toMatch(/2\. Школа № 1 \(Екатеринбург\): встреч на пару в месяц: 0,5 при норме от 2; охват 20 % при цели 70 %/);
    expect(text).toContain("3. Гимназия № 2 (Екатеринбург):");
    expect(text).toContain("не внесена численность обучающихся 10–19 лет на учебный год");
    expect(text).toContain("«<5» — меньше пяти человек");
  });

  it("writes a hidden cell as «<5» or «…», never as a number", () => {
    const indicators = twoMunicipalities();
    indicators.total.pairs = null;
    indicators.total.stuckPairs = null;
    const text = textOf(regionScreenMessage(input(indicators)));
    expect(text).toContain("🤝 Пар и групп: <5");
    expect(text).toContain("🆘 Пары застряли: <5;");
    expect(text).not.toMatch(/Пар и групп: \d/);
    // The region's five university–student pairs are hidden: with Nizhny Tagil's pairs hidden and
    // Ekaterinburg's protecting them, they are what the rest would give away.
    expect(text).toContain("по формам: Педагог — обучающийся: 34; Обучающийся — обучающийся: 13; Студент — обучающийся: …;");
  });

  it("speaks English to an English reader", () => {
    const text = textOf(regionScreenMessage(input(twoMunicipalities(), "en")), "en");
    expect(text).toContain("🗺 Свердловская область: mentoring from 1 Sept 2026 to 30 Nov 2026");
    expect(text).toContain("• Нижний Тагил: 1 organisation, with a cycle open: 0; coverage —; pairs and groups: <5;");
    expect(text).toContain("• Екатеринбург: 2 organisations");
    expect(text).toContain("1. Школа № 3 (Нижний Тагил): no mentoring cycle open");
  });

  it("agrees the Russian words with the numbers", () => {
    const one = twoMunicipalities();
    one.total = { ...one.total, organisations: 21 };
    one.municipalities[0]!.figures.organisations = 5;
    const text = textOf(regionScreenMessage(input(one)));
    expect(text).toContain("внесли 2 из 21 организации");
    expect(text).toContain("• Екатеринбург: 5 организаций");
  });

  it("fits a region of a thousand organisations in one message: municipalities as far as they go, the top of the list, the rest to the report", () => {
    const region = syntheticRegion(1_000, 80);
    for (const locale of ["ru", "en"] as const) {
      const text = textOf(regionScreenMessage(input(region, locale)), locale);
      expect(text.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(text.length).toBeGreaterThan(MESSAGE_LIMIT - 400);
    }
    const text = textOf(regionScreenMessage(input(region)));
    expect(text).toMatch(/🏫 Организаций: 1\s000,/);
    expect(text).toMatch(/…и ещё \d+ муниципалитет(а|ов)?: все — в отчёте региона\./);
    expect(text).toMatch(/\n5\. МАОУ/);
    expect(text).toMatch(/…и ещё \d+ организаци(я|и|й): полный список — в отчёте региона\./);
  });

  it("says when nobody needs support, and shows no municipalities for a municipality", () => {
    const calm: RegionIndicators = {
      territory: { id: 5, name: "Камышловский городской округ", kind: "municipality", timezone: "Asia/Yekaterinburg" },
      period: { from: "2026-12-01", to: "2026-12-31" },
      total: figures({
        participants10to19: 30,
        students10to19: 40,
        pairs: 15,
        meetingsHeld: 45,
        satisfaction: { mean: 9, respondents: 20 },
      }),
      municipalities: [],
      organisations: [
        {
          orgId: 1,
          name: "Школа № 7",
          territoryId: 5,
          cycle: { name: "2026/27", stage: "working", archived: false },
          figures: figures({
            participants10to19: 30,
            students10to19: 40,
            pairs: 15,
            meetingsHeld: 45,
            satisfaction: { mean: 9, respondents: 20 },
          }),
        },
      ],
    };
    const text = textOf(regionScreenMessage(input(calm)));
    expect(text).toContain("👍 Поводов для поддержки нет");
    expect(text).not.toContain("🏙");
    expect(text).not.toContain("«<5»");
  });
});

describe("the monthly digest", () => {
  it("is due on the 1st at 09:00 in the territory's zone, once, for the month just ended", () => {
    const zone = "Asia/Yekaterinburg"; // UTC+5
    expect(dueRegionDigestMonth(new Date("2026-12-01T03:59:00Z"), zone, null)).toBeUndefined();
    expect(dueRegionDigestMonth(new Date("2026-12-01T04:00:00Z"), zone, null)).toBe("2026-11-01");
    expect(dueRegionDigestMonth(new Date("2026-12-01T04:00:00Z"), zone, "2026-11-01")).toBeUndefined();
    expect(dueRegionDigestMonth(new Date("2026-12-15T10:00:00Z"), zone, "2026-10-01")).toBe("2026-11-01");
    expect(dueRegionDigestMonth(new Date("2027-01-01T04:00:00Z"), zone, "2026-11-01")).toBe("2026-12-01");
    expect(monthPeriod("2026-11-01")).toEqual({ from: "2026-11-01", to: "2026-11-30" });
  });

  it("charts the school year's months from September, a month without figures as zeros", () => {
    expect(schoolYearMonths("2026-11-01")).toEqual(["2026-09-01", "2026-10-01", "2026-11-01"]);
    expect(schoolYearMonths("2027-02-01")).toHaveLength(6);
    const series = schoolYearSeries("2026-11-01", [{ month: "2026-10-01", pairs: null, meetingsHeld: 12, participants10to19: 30 }]);
    expect(series.months).toEqual([
      { month: "2026-09-01", pairs: 0, meetingsHeld: 0, participants10to19: 0 },
      { month: "2026-10-01", pairs: null, meetingsHeld: 12, participants10to19: 30 },
      { month: "2026-11-01", pairs: 0, meetingsHeld: 0, participants10to19: 0 },
    ]);
    expect(series.complementary.size).toBe(0);
  });

  it("hides a second month's meetings when one month's are hidden, so the year's total gives neither away", () => {
    const given = [
      { month: "2026-09-01", pairs: 40, meetingsHeld: 90, participants10to19: 80 },
      { month: "2026-10-01", pairs: 41, meetingsHeld: null, participants10to19: 85 },
      { month: "2026-11-01", pairs: 44, meetingsHeld: 60, participants10to19: 90 },
      { month: "2026-12-01", pairs: 44, meetingsHeld: 130, participants10to19: 90 },
    ];
    const series = schoolYearSeries("2026-12-01", given);
    expect(series.months.map((entry) => entry.meetingsHeld)).toEqual([90, null, null, 130]);
    expect([...series.complementary]).toEqual(["2026-11-01"]);
    // Pairs and participants do not add up over months: they are left as they are.
    expect(series.months.map((entry) => entry.pairs)).toEqual([40, 41, 44, 44]);
    expect(given[2]!.meetingsHeld).toBe(60);
    const labels = regionChartLabels((message) => translator.render("ru", message), "ru", "Свердловская область", 2026);
    const svg = regionChartSvg(series.months, labels, series.complementary);
    expect(svg.match(/data-hidden="meetingsHeld">[^<]*</g)).toEqual(['data-hidden="meetingsHeld">&lt;5<', 'data-hidden="meetingsHeld">…<']);
    // Two months hidden already: nothing more to hide.
    expect(schoolYearSeries("2026-12-01", [given[0]!, given[1]!, { ...given[2]!, meetingsHeld: null }]).complementary.size).toBe(0);
  });

  it("draws a hidden month as a gap marked «<5», not as a fall to zero", () => {
    const labels = regionChartLabels((message) => translator.render("ru", message), "ru", "Свердловская область", 2026);
    const svg = regionChartSvg(
      [
        { month: "2026-09-01", pairs: 40, meetingsHeld: 90, participants10to19: 80 },
        { month: "2026-10-01", pairs: null, meetingsHeld: 120, participants10to19: 85 },
        { month: "2026-11-01", pairs: 44, meetingsHeld: 130, participants10to19: 90 },
      ],
      labels,
    );
    expect(svg).toContain("Свердловская область: учебный год 2026/2027");
    // The pairs' line is broken in October: no polyline of the pairs' colour (each run has one point).
    expect(svg).not.toContain(`stroke="${REGION_CHART_COLOURS.pairs}" stroke-width="3" stroke-linejoin`);
    expect(svg).toContain(`data-hidden="pairs">&lt;5</text>`);
    // Meetings run unbroken through the three months.
    expect(svg.match(new RegExp(`<polyline points="[^"]+" fill="none" stroke="${REGION_CHART_COLOURS.meetingsHeld}"`, "g"))).toHaveLength(
      1,
    );
    expect(svg).not.toContain('data-hidden="meetingsHeld"');
    expect(svg).toContain(">сент<");
    expect(svg).toContain(">авг<");
  });

  it("is one message with the month's figures, the support list and the chart as a photo", async () => {
    const indicators = twoMunicipalities();
    indicators.period = { from: "2026-11-01", to: "2026-11-30" };
    const chart = await regionChartPng({
      territory: indicators.territory.name,
      month: "2026-11-01",
      months: [
        { month: "2026-09-01", pairs: 40, meetingsHeld: 90, participants10to19: 80 },
        { month: "2026-10-01", pairs: null, meetingsHeld: 120, participants10to19: 85 },
      ],
      locale: "ru",
      translate: (message) => translator.render("ru", message),
    });
    expect(pngSize(chart)).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
    const spec = regionDigestMessage({ ...input(indicators), chart });
    const text = textOf(spec);
    expect(text).toContain("📊 Свердловская область: итоги месяца с 01.11.2026 по 30.11.2026");
    expect(text).toContain("🤝 Пар и групп: 52");
    expect(text).toContain("1. Школа № 3 (Нижний Тагил): нет открытого цикла наставничества");
    expect(text).toContain("📈 На картинке — месяцы учебного года");
    expect(text).not.toContain("🏙");
    expect(spec.image).toEqual({ filename: "region-2026-11.png", content: chart });
    expect(textOf(regionDigestMessage({ ...input(syntheticRegion(1_000, 80)), chart })).length).toBeLessThanOrEqual(MESSAGE_LIMIT);
  });
});

describe("a territory with nothing in it yet", () => {
  it("shows zeros for an empty region, and draws an empty chart", async () => {
    const empty: RegionIndicators = {
      territory: { id: 9, name: "Новая область", kind: "region", timezone: "Europe/Moscow" },
      period: { from: "2026-09-01", to: "2026-09-30" },
      total: figures({ organisations: 0, withOpenCycle: 0 }),
      municipalities: [],
      organisations: [],
    };
    const text = textOf(regionScreenMessage(input(empty)));
    expect(text).toContain("🏫 Организаций: 0, из них с открытым циклом: 0 (—)");
    expect(text).toContain("👍 Поводов для поддержки нет");
    const labels = regionChartLabels((message) => translator.render("en", message), "en", "New region", 2026);
    expect(regionChartSvg([], labels)).toContain("New region: school year 2026/2027");
  });
});
