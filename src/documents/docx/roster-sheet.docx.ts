import { ImageRun, PageBreak, Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType } from "docx";
import QRCode from "qrcode";
import { type Block, line, packDocument, title } from "./paperwork.ts";

/** One student's line on the class teacher's sheet: the name and the personal links, one per messenger. */
export interface SheetStudent {
  fullName: string;
  links: Array<{ messenger: string; url: string }>;
}

export interface RosterSheet {
  orgName: string;
  /** Texts already in the coordinator's language. */
  heading: (grade: string) => string;
  note: string;
  columns: { number: string; name: string; links: string; qr: string };
  classes: Array<{ grade: string; students: SheetStudent[] }>;
}

/** QR codes are printed 3 cm wide: a phone's camera reads them from a sheet at arm's length. */
const QR_PIXELS = 113;
/** Column widths in twips (the page's text width is 165 mm). */
const WIDTHS = [600, 2800, 4300, 1650];

function cell(children: Paragraph[], width: number): TableCell {
  return new TableCell({ width: { size: width, type: WidthType.DXA }, margins: { top: 40, bottom: 40, left: 80, right: 80 }, children });
}

/** A QR code of the link, as a picture paragraph. */
async function qr(url: string): Promise<Paragraph> {
  const png = await QRCode.toBuffer(url, { type: "png", margin: 1, width: QR_PIXELS * 2, errorCorrectionLevel: "M" });
  return new Paragraph({ children: [new ImageRun({ type: "png", data: png, transformation: { width: QR_PIXELS, height: QR_PIXELS } })] });
}

/**
 * The class teachers' sheets of personal links (DOCX): a page per class, each student with their
 * links for every messenger and a QR code of the first, to cut into slips and hand out.
 */
export async function rosterSheetDocument(sheet: RosterSheet): Promise<Uint8Array> {
  const blocks: Block[] = [];
  for (const [index, group] of sheet.classes.entries()) {
    if (index > 0) blocks.push(new Paragraph({ children: [new PageBreak()] }));
    blocks.push(title(sheet.heading(group.grade)), line(sheet.note, { after: 6, size: "table" }));
    const header = new TableRow({
      tableHeader: true,
      children: [sheet.columns.number, sheet.columns.name, sheet.columns.links, sheet.columns.qr].map((text, column) =>
        cell([line(text, { bold: true, size: "table" })], WIDTHS[column]!),
      ),
    });
    const rows: TableRow[] = [header];
    for (const [number, student] of group.students.entries()) {
      const first = student.links[0];
      rows.push(
        new TableRow({
          cantSplit: true,
          children: [
            cell([line(String(number + 1), { size: "table" })], WIDTHS[0]!),
            cell([line(student.fullName, { size: "table" })], WIDTHS[1]!),
            cell(
              student.links.map((link) => line(`${link.messenger}: ${link.url}`, { size: "table" })),
              WIDTHS[2]!,
            ),
            cell(first ? [await qr(first.url)] : [line("")], WIDTHS[3]!),
          ],
        }),
      );
    }
    blocks.push(
      new Table({ layout: TableLayoutType.FIXED, width: { size: WIDTHS.reduce((a, b) => a + b, 0), type: WidthType.DXA }, rows }),
    );
  }
  return packDocument({ title: sheet.heading(sheet.classes.map((group) => group.grade).join(", ")), blocks });
}
