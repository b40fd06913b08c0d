import ExcelJS from "exceljs";
import { plainText } from "./plain-text.ts";

/**
 * Spreadsheets the programme needs on paper: the order fixing pairs and groups, and the bases of
 * mentors and mentees. Texts arrive already rendered in the coordinator's language.
 */

export interface Sheet {
  title: string;
  /** Lines above the table (the order's preamble). */
  preamble: string[];
  /**
   * `asTyped`: the column holds people's own words (a safeguarding record's report, note, answer),
   * kept exactly, emoji included; every other cell is made plain.
   */
  columns: Array<{ header: string; width: number; asTyped?: boolean }>;
  rows: Array<Array<string | number>>;
  /** Lines under the table (signatures). */
  closing: string[];
}

/** The sheet with its texts plain (see plain-text.ts): labels of buttons lose their emoji. */
function plainSheet(sheet: Sheet): Sheet {
  const cell = (value: string | number) => (typeof value === "string" ? plainText(value) : value);
  return {
    title: plainText(sheet.title),
    preamble: sheet.preamble.map(plainText),
    columns: sheet.columns.map((column) => ({ ...column, header: plainText(column.header) })),
    rows: sheet.rows.map((row) => row.map((value, index) => (sheet.columns[index]?.asTyped ? value : cell(value)))),
    closing: sheet.closing.map(plainText),
  };
}

export async function workbook(given: Sheet): Promise<Uint8Array> {
  const sheet = plainSheet(given);
  const book = new ExcelJS.Workbook();
  book.creator = "Nastavnik";
  const page = book.addWorksheet(sheet.title.slice(0, 31), {
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  page.columns = sheet.columns.map((column) => ({ width: column.width }));
  for (const line of sheet.preamble) {
    const row = page.addRow([line]);
    page.mergeCells(row.number, 1, row.number, sheet.columns.length);
    row.getCell(1).alignment = { wrapText: true, vertical: "top" };
    row.height = Math.max(15, Math.ceil(line.length / 110) * 15);
  }
  if (sheet.preamble.length > 0) page.getRow(1).font = { bold: true, size: 13 };
  const header = page.addRow(sheet.columns.map((column) => column.header));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.border = { top: { style: "thin" }, bottom: { style: "thin" }, left: { style: "thin" }, right: { style: "thin" } };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEFEFEF" } };
  });
  for (const values of sheet.rows) {
    const row = page.addRow(values);
    row.alignment = { wrapText: true, vertical: "top" };
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = { top: { style: "thin" }, bottom: { style: "thin" }, left: { style: "thin" }, right: { style: "thin" } };
    });
  }
  if (sheet.closing.length > 0) page.addRow([]);
  for (const line of sheet.closing) page.addRow([line]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** The same table as CSV for any spreadsheet: UTF-8 with a BOM and semicolons, as Russian Excel expects. */
export function csv(sheet: Pick<Sheet, "columns" | "rows">): Uint8Array {
  const quote = (value: string | number) => {
    const text = plainText(String(value));
    return /[";\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [sheet.columns.map((column) => quote(column.header)), ...sheet.rows.map((row) => row.map(quote))].map((cells) =>
    cells.join(";"),
  );
  return new TextEncoder().encode(`\uFEFF${lines.join("\r\n")}\r\n`);
}

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const CSV_MIME = "text/csv";
