import type ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { csv, type Sheet, workbook } from "#root/documents/workbooks.ts";
import { readWorkbook, sheetRows } from "../support/workbook.ts";

const order: Sheet = {
  title: "Приказ о закреплении наставнических пар и групп",
  preamble: ["ПРИКАЗ № 12 от 01.09.2026", "О закреплении наставнических пар/групп в МБОУ «Школа № 5»"],
  columns: [
    { header: "№", width: 5 },
    { header: "Наставник", width: 30 },
    { header: "Наставляемый", width: 30 },
    { header: "Форма", width: 24 },
  ],
  rows: [
    [1, "Сидоров Олег Петрович", "Ёжикова Алёна, 7Б", "учитель – ученик"],
    [2, "Петрова Анна", "Иванов Пётр; Смирнова Мария", "студент – ученик"],
  ],
  closing: ["Директор ____________ /Подписев П. П./"],
};

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const book = await readWorkbook(bytes);
  expect(book.worksheets).toHaveLength(1);
  return book.worksheets[0]!;
}

/** The values of a row of the sheet (numbered from 1, as the sheet numbers them). */
function values(sheet: ExcelJS.Worksheet, rowNumber: number): unknown[] {
  return sheetRows(sheet)[rowNumber - 1] ?? [];
}

describe("workbook", () => {
  it("writes an XLSX file that reads back with the title, preamble, header, rows and closing, Cyrillic intact", async () => {
    const bytes = await workbook(order);
    // An XLSX file is a ZIP archive.
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
    const sheet = await readBack(bytes);
    // A sheet's name is at most 31 characters.
    expect(sheet.name).toBe(order.title.slice(0, 31));
    expect(sheet.name).toBe("Приказ о закреплении наставниче");

    expect(values(sheet, 1)[0]).toBe("ПРИКАЗ № 12 от 01.09.2026");
    expect(values(sheet, 2)[0]).toBe("О закреплении наставнических пар/групп в МБОУ «Школа № 5»");
    expect(values(sheet, 3)).toEqual(["№", "Наставник", "Наставляемый", "Форма"]);
    expect(values(sheet, 4)).toEqual([1, "Сидоров Олег Петрович", "Ёжикова Алёна, 7Б", "учитель – ученик"]);
    expect(values(sheet, 5)).toEqual([2, "Петрова Анна", "Иванов Пётр; Смирнова Мария", "студент – ученик"]);
    expect(values(sheet, 6)).toEqual([]);
    expect(values(sheet, 7)[0]).toBe("Директор ____________ /Подписев П. П./");
    expect(sheet.rowCount).toBe(7);
  });

  it("stretches each preamble line across the table, makes the header bold and sets the column widths", async () => {
    const sheet = await readBack(await workbook(order));
    expect(sheet.getCell("A1").isMerged).toBe(true);
    expect(sheet.getCell("D1").isMerged).toBe(true);
    expect(sheet.getCell("D2").isMerged).toBe(true);
    expect(sheet.getCell("B3").isMerged).toBe(false);
    expect(sheet.getRow(3).font?.bold ?? sheet.getCell("A3").font?.bold).toBe(true);
    expect(sheet.columns.map((column) => column.width)).toEqual([5, 30, 30, 24]);
  });

  it("starts with the header when there is no preamble, and keeps numbers as numbers", async () => {
    const sheet = await readBack(
      await workbook({
        title: "База наставников",
        preamble: [],
        columns: [
          { header: "ФИО", width: 30 },
          { header: "Мест", width: 8 },
        ],
        rows: [["Кузнецова Ирина", 3]],
        closing: [],
      }),
    );
    expect(sheet.name).toBe("База наставников");
    expect(values(sheet, 1)).toEqual(["ФИО", "Мест"]);
    expect(values(sheet, 2)).toEqual(["Кузнецова Ирина", 3]);
    expect(sheet.rowCount).toBe(2);
  });

  it("writes an empty table as just its header", async () => {
    const sheet = await readBack(
      await workbook({ title: "Пусто", preamble: ["Приказ"], columns: [{ header: "Наставник", width: 20 }], rows: [], closing: [] }),
    );
    expect(values(sheet, 1)).toEqual(["Приказ"]);
    expect(values(sheet, 2)).toEqual(["Наставник"]);
    expect(sheet.rowCount).toBe(2);
  });
});

describe("csv", () => {
  const decode = (bytes: Uint8Array) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);

  it("starts with a UTF-8 BOM and separates cells with semicolons, lines with CRLF", () => {
    const bytes = csv({ columns: order.columns, rows: [[1, "Сидоров Олег", "Ёжикова Алёна", "учитель – ученик"]] });
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(decode(bytes)).toBe("\uFEFF№;Наставник;Наставляемый;Форма\r\n1;Сидоров Олег;Ёжикова Алёна;учитель – ученик\r\n");
  });

  it("quotes cells with a semicolon, a quote or a line break, doubling the quotes", () => {
    const bytes = csv({
      columns: [
        { header: "Кто", width: 10 },
        { header: "Заметка", width: 10 },
      ],
      rows: [
        ["Иванов Пётр; Смирнова Мария", 'кружок "Робот"'],
        ["строка\nвторая", "возврат\rкаретки"],
        ["запятая, не страшна", ""],
      ],
    });
    expect(decode(bytes)).toBe(
      '\uFEFFКто;Заметка\r\n"Иванов Пётр; Смирнова Мария";"кружок ""Робот"""\r\n"строка\nвторая";"возврат\rкаретки"\r\nзапятая, не страшна;\r\n',
    );
  });

  it("quotes a header that needs it, and writes only the header for an empty table", () => {
    expect(decode(csv({ columns: [{ header: 'Форма; "вариант"', width: 10 }], rows: [] }))).toBe('\uFEFF"Форма; ""вариант"""\r\n');
  });
});
