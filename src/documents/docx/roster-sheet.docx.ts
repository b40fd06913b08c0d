import { ImageRun, PageBreak, Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType } from "docx";
import { qrPng } from "../qr-png.ts";
import { type Block, line, packDocument, title } from "./paperwork.ts";

/** One student's line on the class teacher's sheet: the name and the personal link for each messenger the bot serves. */
export interface SheetStudent {
  fullName: string;
  /** In the order of `RosterSheet.messengers`. */
  links: Array<{ messenger: string; url: string }>;
}

export interface RosterSheet {
  orgName: string;
  /** The messengers the bot serves, by name, in the order of the sheet's columns. */
  messengers: string[];
  /** Texts already in the coordinator's language. */
  heading: (grade: string) => string;
  note: string;
  columns: { number: string; name: string; messenger: (name: string) => string };
  classes: Array<{ grade: string; students: SheetStudent[] }>;
}

/** QR codes are printed 3 cm wide: a phone's camera reads them from a sheet at arm's length. */
const QR_PIXELS = 113;
/** Widths in twips of the number and the name; the messengers share the rest of the page's 165 mm. */
const NUMBER_WIDTH = 500;
const NAME_WIDTH = 2600;
const TEXT_WIDTH = 9350;

/** Pixels a module of the code: about twice the printed size, so that the squares stay sharp. */
const QR_SCALE = 7;

function cell(children: Paragraph[], width: number): TableCell {
  return new TableCell({ width: { size: width, type: WidthType.DXA }, margins: { top: 40, bottom: 40, left: 80, right: 80 }, children });
}

/** A QR code of the link, as a picture paragraph. */
function qr(url: string): Paragraph {
  const png = qrPng(url, QR_SCALE);
  return new Paragraph({ children: [new ImageRun({ type: "png", data: png, transformation: { width: QR_PIXELS, height: QR_PIXELS } })] });
}

/**
 * The class teachers' sheets of personal links (DOCX): a page per class, a line per student with a
 * column for every messenger the bot serves, headed by its name, holding that messenger's QR code
 * and link: the student scans the one of the messenger they use. Cut into slips and hand out.
 */
export async function rosterSheetDocument(sheet: RosterSheet): Promise<Uint8Array> {
  const messengerWidth = Math.floor((TEXT_WIDTH - NUMBER_WIDTH - NAME_WIDTH) / Math.max(1, sheet.messengers.length));
  const widths = [NUMBER_WIDTH, NAME_WIDTH, ...sheet.messengers.map(() => messengerWidth)];
  const blocks: Block[] = [];
  for (const [index, group] of sheet.classes.entries()) {
    if (index > 0) blocks.push(new Paragraph({ children: [new PageBreak()] }));
    blocks.push(title(sheet.heading(group.grade)), line(sheet.note, { after: 6, size: "table" }));
    const header = new TableRow({
      tableHeader: true,
      children: [sheet.columns.number, sheet.columns.name, ...sheet.messengers.map((name) => sheet.columns.messenger(name))].map(
        (text, column) => cell([line(text, { bold: true, size: "table" })], widths[column]!),
      ),
    });
    const rows: TableRow[] = [header];
    for (const [number, student] of group.students.entries()) {
      const links = sheet.messengers.map((messenger, column) => {
        const link = student.links.find((candidate) => candidate.messenger === messenger);
        return cell(link ? [qr(link.url), line(link.url, { size: "table" })] : [line("")], widths[column + 2]!);
      });
      rows.push(
        new TableRow({
          cantSplit: true,
          children: [
            cell([line(String(number + 1), { size: "table" })], widths[0]!),
            cell([line(student.fullName, { size: "table" })], widths[1]!),
            ...links,
          ],
        }),
      );
    }
    blocks.push(
      new Table({ layout: TableLayoutType.FIXED, width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA }, rows }),
    );
  }
  return packDocument({ title: sheet.heading(sheet.classes.map((group) => group.grade).join(", ")), blocks });
}
