import type ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { regionReportDocx } from "#root/documents/docx/region-report.ts";
import { regionReportWorkbook } from "#root/documents/region-report.ts";
import { INTERACTION_VARIANTS } from "#root/domain/interaction-variants.ts";
import { DIRECTIONS, MENTORING_FORMS } from "#root/domain/programme.ts";
import type { RegionIndicators } from "#root/domain/region.ts";
import { type CellField, cellOf, protectRegion } from "#root/domain/region-suppression.ts";
import { type Locale, type Msg, msg, Translator } from "#root/i18n/translator.ts";
import { docxTableRows, docxText } from "../support/docx.ts";
import { syntheticRegion, twoMunicipalities } from "../support/region.ts";
import { readWorkbook, sheetRows } from "../support/workbook.ts";

let translator: Translator;
beforeAll(async () => {
  translator = await Translator.load();
});

const input = (indicators: RegionIndicators, locale: Locale = "ru") => ({
  indicators,
  madeOn: "2026-12-07",
  locale,
  translate: (message: Msg) => translator.render(locale, message),
});

/** The column of every count, by its title as the report writes it (the test's own reading of the titles). */
function countHeaders(): Array<[CellField, string]> {
  const t = (message: Msg) => translator.render("ru", message);
  return [
    ["participants10to19", t(msg("region-figure-participants"))],
    ["pairs", t(msg("region-figure-pairs"))],
    ...MENTORING_FORMS.map((form): [CellField, string] => [
      `pairsByForm.${form}`,
      t(msg("region-figure-pairs-of", { kind: msg(`form-${form}`) })),
    ]),
    ...DIRECTIONS.map((direction): [CellField, string] => [
      `pairsByDirection.${direction}`,
      t(msg("region-figure-pairs-of", { kind: msg(`doc-direction-${direction}`) })),
    ]),
    ...INTERACTION_VARIANTS.map((variant): [CellField, string] => [
      `pairsByVariant.${variant}`,
      t(msg("region-figure-pairs-of", { kind: msg(`variant-${variant}`) })),
    ]),
    ["meetingsHeld", "Встреч состоялось"],
    ["plansCompleted", "Планов выполнено"],
    ["stuckPairs", "Пары застряли"],
    ["alertingPairs", "Пары с тревожным сигналом"],
    ["satisfaction", "Ответов об удовлетворённости"],
    ["growth", "Ответов о росте"],
  ];
}

/**
 * Every count of every organisation in the sheet against the repository's figures: «<5» where the
 * repository hid it, «…» where secondary suppression did, the number otherwise. Returns how many
 * cells of each kind it saw.
 */
function checkOrganisationCells(rows: unknown[][], indicators: RegionIndicators) {
  const header = rows.find((row) => row[0] === "№")!;
  const protectedRegion = protectRegion(indicators);
  const seen = { small: 0, complementary: 0, shown: 0 };
  indicators.organisations.forEach((organisation, index) => {
    const row = rows.find((candidate) => candidate[0] === index + 1 && candidate[1] === organisation.name)!;
    expect(row, organisation.name).toBeDefined();
    for (const [field, title] of countHeaders()) {
      const column = header.indexOf(title);
      expect(column, title).toBeGreaterThan(0);
      const raw = cellOf(organisation.figures, field);
      const after = cellOf(protectedRegion.organisations[index]!.figures, field);
      const where = `${organisation.name}: ${title}`;
      if (raw === null) {
        expect(row[column], where).toBe("<5");
        seen.small += 1;
      } else if (after === null) {
        expect(row[column], where).toBe("…");
        seen.complementary += 1;
      } else {
        expect(row[column], where).toBe(raw);
        seen.shown += 1;
      }
    }
  });
  return seen;
}

describe("the region's workbook", () => {
  let book: ExcelJS.Workbook;
  beforeAll(async () => {
    book = await readWorkbook(await regionReportWorkbook(input(twoMunicipalities())));
  });

  it("has the summary, the municipalities, the organisations, the support list and the notes", async () => {
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(["Сводка", "Муниципалитеты", "Организации", "Нужна поддержка", "Пояснения"]);
    const english = await readWorkbook(await regionReportWorkbook(input(twoMunicipalities(), "en")));
    expect(english.worksheets.map((sheet) => sheet.name)).toEqual(["Summary", "Municipalities", "Organisations", "Needs support", "Notes"]);
  });

  it("sums the territory up with its title, its period and every indicator", () => {
    const rows = sheetRows(book.getWorksheet("Сводка")!);
    expect(rows[0]).toEqual(["Реализация целевой модели наставничества: Свердловская область"]);
    expect(rows[1]).toEqual(["Период: с 01.09.2026 по 30.11.2026"]);
    expect(rows[2]).toEqual(["Отчёт сформирован 07.12.2026"]);
    const beside = (label: string) => rows.find((row) => row[0] === label)?.slice(1);
    expect(beside("Организаций")).toEqual([3]);
    expect(beside("С открытым циклом")).toEqual([2]);
    expect(beside("Внесли численность обучающихся")).toEqual([2]);
    expect(beside("Участники 10–19 лет")).toEqual([103]);
    expect(beside("Охват 10–19 лет")).toEqual([103 / 350]);
    expect(beside("Пары и группы")).toEqual([52]);
    expect(beside("Пары и группы: профориентация и профессиональное самоопределение")).toEqual(["<5"]);
    expect(beside("Пары и группы: Студент — обучающийся")).toEqual(["…"]);
    expect(beside("Встреч на пару")).toEqual([184 / 52]);
    expect(beside("Удовлетворённость (1–10)")).toEqual([7.3]);
  });

  it("gives a line to each municipality and the territory's total, hidden cells as «<5» and «…»", () => {
    const rows = sheetRows(book.getWorksheet("Муниципалитеты")!);
    const header = rows.find((row) => row[0] === "Муниципалитет")!;
    const at = (name: string, title: string) => rows.find((row) => row[0] === name)![header.indexOf(title)];
    expect(at("Екатеринбург", "Организаций")).toBe(2);
    expect(at("Екатеринбург", "Участники 10–19 лет")).toBe("…");
    expect(at("Екатеринбург", "Пары застряли")).toBe(8);
    expect(at("Нижний Тагил", "Участники 10–19 лет")).toBe("<5");
    expect(at("Нижний Тагил", "Пары и группы")).toBe("<5");
    expect(at("Нижний Тагил", "Удовлетворённость (1–10)")).toBe("<5");
    expect(at("Свердловская область", "Пары и группы")).toBe(52);
  });

  it("lists every organisation with every indicator, no hidden cell as a number", () => {
    const rows = sheetRows(book.getWorksheet("Организации")!);
    const seen = checkOrganisationCells(rows, twoMunicipalities());
    expect(seen.small).toBeGreaterThan(5);
    expect(seen.complementary).toBeGreaterThan(3);
    const school3 = rows.find((row) => row[1] === "Школа № 3")!;
    expect(school3.slice(1, 4)).toEqual(["Школа № 3", "Нижний Тагил", "2025/26 (в архиве)"]);
    expect(rows.find((row) => row[1] === "Школа № 1")![3]).toBe("2026/27 (пары и группы работают)");
  });

  it("lists the organisations needing support with their reasons, and explains the marks and the period", () => {
    const support = sheetRows(book.getWorksheet("Нужна поддержка")!);
    expect(support.find((row) => row[0] === 1)).toEqual([1, "Школа № 3", "Нижний Тагил", "нет открытого цикла наставничества"]);
    expect(support.find((row) => row[0] === 3)?.[3]).toContain("не внесена численность обучающихся 10–19 лет на учебный год");
    const notes = sheetRows(book.getWorksheet("Пояснения")!).flat().join("\n");
    expect(notes).toContain("«<5» — меньше пяти человек");
    expect(notes).toContain("«…» — цифра скрыта");
    expect(notes).toContain("Период отчёта: с 01.09.2026 по 30.11.2026");
    expect(notes).toContain("охват ниже 70 %");
  });
});

describe("the region's Word report", () => {
  it("has the title with the territory and the period, the tables, the support list, and no emoji", async () => {
    const bytes = await regionReportDocx(input(twoMunicipalities()));
    const text = docxText(bytes);
    expect(text).toContain("Реализация целевой модели наставничества: Свердловская область");
    expect(text).toContain("Период: с 01.09.2026 по 30.11.2026");
    expect(text).toContain("1. Сводка");
    expect(text).toContain("2. Муниципалитеты");
    expect(text).toContain("3. Организации");
    expect(text).toContain("4. Нужна поддержка");
    expect(text).toContain("«<5» — меньше пяти человек");
    expect(text).not.toMatch(/\p{Extended_Pictographic}/u);
    const rows = docxTableRows(bytes);
    expect(rows.find((row) => row[0] === "Организаций")).toEqual(["Организаций", "3"]);
    expect(rows.find((row) => row[0] === "Пары и группы: профориентация и профессиональное самоопределение")).toEqual([
      "Пары и группы: профориентация и профессиональное самоопределение",
      "<5",
    ]);
    const header = rows.find((row) => row[0] === "№" && row[1] === "Организация\nЦикл и его этап")!;
    const school3 = rows.find((row) => row[1] === "Школа № 3\nНижний Тагил\n2025/26 (в архиве)")!;
    expect(school3[header.indexOf("Участники 10–19 лет")]).toBe("<5");
    expect(school3[header.indexOf("Пары и группы")]).toBe("<5");
    expect(school3[header.indexOf("Удовлетворённость (1–10)")]).toBe("<5");
    const school1 = rows.find((row) => row[1] === "Школа № 1\nЕкатеринбург\n2026/27 (пары и группы работают)")!;
    expect(school1[header.indexOf("Участники 10–19 лет")]).toBe("40");
    expect(school1[header.indexOf("Охват 10–19 лет")]).toBe("20 %");
    expect(school1[header.indexOf("Пары застряли")]).toBe("…");
    const tagil = rows.find((row) => row[0] === "Нижний Тагил")!;
    expect(tagil.slice(1, 5)).toEqual(["1", "0", "<5", "—"]);
    expect(rows.find((row) => row[0] === "1" && row[1] === "Школа № 3\nНижний Тагил")?.[2]).toBe("нет открытого цикла наставничества");
  });
});

describe("a region of a thousand organisations", () => {
  it("makes both reports, every organisation in them, no hidden cell as a number", async () => {
    const region = syntheticRegion(1_000, 60);
    let started = performance.now();
    const xlsx = await regionReportWorkbook(input(region));
    const xlsxMs = performance.now() - started;
    started = performance.now();
    const docx = await regionReportDocx(input(region));
    const docxMs = performance.now() - started;
    // Logged, not asserted: a loaded machine would make a timed assertion flaky.
    console.log(
      `region report, 1,000 organisations: XLSX ${Math.round(xlsxMs)} ms (${Math.round(xlsx.length / 1024)} KB), DOCX ${Math.round(docxMs)} ms (${Math.round(docx.length / 1024)} KB)`,
    );
    const book = await readWorkbook(xlsx);
    const seen = checkOrganisationCells(sheetRows(book.getWorksheet("Организации")!), region);
    expect(seen.small).toBeGreaterThan(100);
    expect(seen.complementary).toBeGreaterThan(10);
    const organisationRows = docxTableRows(docx).filter((row) => /^\d+$/.test(row[0]!) && row[1]?.startsWith("МАОУ"));
    // The organisations' table and the support list.
    expect(organisationRows.length).toBeGreaterThan(1_000);
  }, 120_000);
});
