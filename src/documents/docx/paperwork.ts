import {
  AlignmentType,
  BorderStyle,
  Document,
  ImageRun,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { plainText } from "../plain-text.ts";

/**
 * What every Word document of the programme shares, in the manner of Russian school paperwork
 * (ГОСТ Р 7.0.97-2016 as schools apply it): an A4 page with a wide left margin for the binder, Times
 * New Roman 14 pt for the text and 12 pt in tables, centred titles, justified paragraphs with a
 * 1.25 cm first-line indent, tables with thin borders, and signature lines. Every text passes through
 * `plainText`: labels shared with buttons keep no emoji on paper.
 */

export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The blank fields of an order's number and date, filled in by hand or by the school's registry. */
export const NUMBER_AND_DATE_TO_FILL = "№ ____ от «__» ____________ 20__ г.";

/** Twips (1/20 pt) per millimetre: docx measures pages in twips. */
const MM = 56.7;
const A4 = { width: Math.round(210 * MM), height: Math.round(297 * MM) };
const MARGINS = { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) };
/** Font sizes in half-points. */
const TEXT_SIZE = 28;
const TABLE_SIZE = 24;
const FONT = "Times New Roman";

export type Block = Paragraph | Table;

interface LineOptions {
  bold?: boolean;
  align?: "left" | "center" | "right" | "justify";
  /** Space after the paragraph, in points. */
  after?: number;
  /** Indent of the first line (the paragraph of a letter or an order). */
  indent?: boolean;
  size?: "text" | "table";
}

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

/** One paragraph of plain text; line breaks in `text` stay line breaks. */
export function line(text: string, options: LineOptions = {}): Paragraph {
  const size = options.size === "table" ? TABLE_SIZE : TEXT_SIZE;
  const lines = plainText(text).split("\n");
  return new Paragraph({
    alignment: ALIGN[options.align ?? "left"],
    spacing: { after: (options.after ?? 0) * 20 },
    indent: options.indent ? { firstLine: Math.round(12.5 * MM) } : undefined,
    children: lines.map(
      (part, index) => new TextRun({ text: part, bold: options.bold, size, font: FONT, break: index > 0 ? 1 : undefined }),
    ),
  });
}

/** A centred bold title line. */
export function title(text: string): Paragraph {
  return line(text, { bold: true, align: "center", after: 6 });
}

/** A paragraph of running text: justified, first line indented. */
export function paragraph(text: string): Paragraph {
  return line(text, { align: "justify", indent: true, after: 6 });
}

/** An empty line. */
export function blank(): Paragraph {
  return line("");
}

const THIN = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;
const NONE = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" } as const;
const BORDERS = { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

export interface Column {
  header: string;
  /** The column's share of the table's width, in any units (they are scaled to the page). */
  width: number;
}

/** The width a table may take on the page, in twips. */
export function textWidth(landscape: boolean): number {
  return (landscape ? A4.height : A4.width) - MARGINS.left - MARGINS.right;
}

function cell(text: string, width: number, bold = false): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [line(text, { bold, size: "table" })],
  });
}

/**
 * A table with a bold header row repeated on every page, thin borders and 12 pt text; the widths of
 * the columns are given as shares of the page's width.
 */
export function table(columns: Column[], rows: Array<Array<string | number>>, options: { landscape?: boolean } = {}): Table {
  const total = columns.reduce((sum, column) => sum + column.width, 0);
  const widths = columns.map((column) => Math.floor((textWidth(options.landscape ?? false) * column.width) / total));
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((sum, width) => sum + width, 0), type: WidthType.DXA },
    columnWidths: widths,
    borders: BORDERS,
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((column, index) => cell(column.header, widths[index]!, true)) }),
      ...rows.map(
        (values) => new TableRow({ cantSplit: true, children: values.map((value, index) => cell(String(value), widths[index]!)) }),
      ),
    ],
  });
}

/** Pairs of a label and a value (a plan's pair, form, direction) as a borderless two-column table. */
export function facts(entries: Array<[string, string]>, options: { landscape?: boolean } = {}): Table {
  const width = textWidth(options.landscape ?? false);
  const widths = [Math.floor(width * 0.35), Math.floor(width * 0.65)];
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths[0]! + widths[1]!, type: WidthType.DXA },
    columnWidths: widths,
    borders: NO_BORDERS,
    rows: entries.map(([label, value]) => new TableRow({ children: [cell(label, widths[0]!, true), cell(value, widths[1]!)] })),
  });
}

/** Someone who signs: their part («Наставник») and their name when known. */
export interface Signer {
  role: string;
  name?: string | null;
}

/**
 * The signatures block: for each signer their part, a line to sign on, and the name in «/ … /» (a
 * line to write it on when the bot does not know it), then the date line under all of them.
 */
export function signatures(signers: Signer[], dateLine?: string): Block[] {
  const width = textWidth(false);
  const widths = [Math.floor(width * 0.42), Math.floor(width * 0.23), Math.floor(width * 0.35)];
  const rows = signers.map(
    (signer) =>
      new TableRow({
        children: [
          cell(signer.role, widths[0]!),
          cell("________________", widths[1]!),
          cell(`/ ${signer.name?.trim() ? signer.name : "____________________"} /`, widths[2]!),
        ],
      }),
  );
  const blocks: Block[] = [
    blank(),
    new Table({
      layout: TableLayoutType.FIXED,
      width: { size: width, type: WidthType.DXA },
      columnWidths: widths,
      borders: NO_BORDERS,
      rows,
    }),
  ];
  if (dateLine) blocks.push(blank(), line(dateLine));
  return blocks;
}

/** A PNG picture scaled to the page's width (a chart). */
export function picture(png: Uint8Array, size: { width: number; height: number }, options: { landscape?: boolean } = {}): Paragraph {
  // Word's pictures are sized in pixels at 96 dpi; a twip is 1/1440 inch.
  const maxWidth = Math.floor((textWidth(options.landscape ?? false) / 1440) * 96);
  const scale = Math.min(1, maxWidth / size.width);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [
      new ImageRun({
        type: "png",
        data: png,
        transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) },
      }),
    ],
  });
}

/** The document's bytes (DOCX): one A4 section, portrait or landscape, in the house fonts. */
export async function packDocument(document: { title: string; landscape?: boolean; blocks: Block[] }): Promise<Uint8Array> {
  const landscape = document.landscape ?? false;
  const file = new Document({
    creator: "Nastavnik",
    title: plainText(document.title),
    styles: { default: { document: { run: { font: FONT, size: TEXT_SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            // docx swaps width and height itself for a landscape page.
            size: { width: A4.width, height: A4.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            margin: MARGINS,
          },
        },
        children: document.blocks,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(file));
}
