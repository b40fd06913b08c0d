import ExcelJS from "exceljs";

/**
 * A school's class list as rows of text, from the XLSX or CSV the coordinator sent. CSV comes from
 * Excel in UTF-8 (with or without BOM) or Windows-1251, with `;` (Russian Excel) or `,` between
 * cells. Dates in XLSX cells become "YYYY-MM-DD"; numbers their digits.
 */

export type RosterFileKind = "xlsx" | "csv";

/** The kind of class list a file is, by its name (and type when the platform told it), or undefined. */
export function rosterFileKind(filename: string | undefined, mimeType: string | undefined): RosterFileKind | undefined {
  const name = (filename ?? "").toLowerCase();
  if (name.endsWith(".xlsx") || mimeType === "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") return "xlsx";
  if (name.endsWith(".csv") || mimeType === "text/csv") return "csv";
  return undefined;
}

/** Reads the rows of a class list; undefined when the file cannot be read as its kind. */
export async function readRosterFile(content: Uint8Array, kind: RosterFileKind): Promise<string[][] | undefined> {
  try {
    return kind === "xlsx" ? await readXlsx(content) : readCsv(content);
  } catch {
    return undefined;
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
    return "";
  }
  return String(value);
}

async function readXlsx(content: Uint8Array): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(content) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    rows[number - 1] = Array.from(cells, (text) => text ?? "");
  });
  return Array.from(rows, (row) => row ?? []);
}

/** UTF-8 when the bytes are valid UTF-8, else Windows-1251 (what Russian Excel saves as "CSV"). */
function decode(content: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(content);
  } catch {
    return new TextDecoder("windows-1251").decode(content);
  }
}

/**
 * The separator between cells: whichever of ";" and "," the first lines hold more of. Not the first
 * line alone: school exports put a title above the header ("Список учащихся, 2026/27 учебный год"),
 * often without the empty cells after it.
 */
function separatorOf(text: string): ";" | "," {
  const head = text.split("\n", 10).join("\n");
  return (head.match(/;/g)?.length ?? 0) >= (head.match(/,/g)?.length ?? 0) ? ";" : ",";
}

function readCsv(content: Uint8Array): string[][] {
  const text = decode(content);
  const separator = separatorOf(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let at = 0; at < text.length; at += 1) {
    const char = text[at]!;
    if (quoted) {
      if (char === '"' && text[at + 1] === '"') {
        cell += '"';
        at += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === "") quoted = true;
    else if (char === separator) {
      row.push(cell);
      cell = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[at + 1] === "\n") at += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += char;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The template offered for download: the columns the import reads, and one example row. */
export async function rosterTemplate(texts: { sheet: string; headers: string[]; example: string[] }): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = "Nastavnik";
  const sheet = book.addWorksheet(texts.sheet.slice(0, 31));
  sheet.columns = texts.headers.map((header, index) => ({ header, width: index === 0 || index === 3 ? 36 : 18 }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(texts.example);
  return new Uint8Array(await book.xlsx.writeBuffer());
}
