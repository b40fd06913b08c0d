/**
 * Reading back the XLSX files the app makes (orders, bases, monitoring and region reports), the one
 * way every test reads them: the cells as plain values, a sheet's rows where the sheet has them.
 */
import ExcelJS from "exceljs";

export async function readWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return book;
}

/**
 * The rows of a sheet as plain values, the first column first: row n of the sheet at index n - 1 (an
 * empty row as []), an empty cell as null, trailing empty cells dropped.
 */
export function sheetRows(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values = Array.from((row.values as unknown[]).slice(1), (value) => value ?? null);
    while (values.length > 0 && values.at(-1) === null) values.pop();
    rows[row.number - 1] = values;
  });
  return Array.from(rows, (row) => row ?? []);
}

/** The sheet of that name; a test that asks for another names the sheets there are. */
export function sheetNamed(book: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = book.getWorksheet(name);
  if (!sheet) throw new Error(`No sheet ${name}: ${book.worksheets.map((each) => each.name).join(", ")}`);
  return sheet;
}

/** Every row of every sheet, sheet after sheet. */
export function workbookRows(book: ExcelJS.Workbook): unknown[][] {
  return book.worksheets.flatMap(sheetRows);
}

/** Every value a workbook holds as text, a row a line, for checks that a word is (or is not) in it. */
export function workbookText(book: ExcelJS.Workbook): string {
  return workbookRows(book)
    .map((row) => row.map((value) => String(value ?? "")).join("\t"))
    .join("\n");
}
