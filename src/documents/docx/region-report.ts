import { Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType } from "docx";
import type { Indicators } from "#root/domain/region.ts";
import { msg } from "#root/i18n/translator.ts";
import { plainText } from "../plain-text.ts";
import {
  cycleMsg,
  INDICATOR_COLUMNS,
  type IndicatorColumn,
  type RegionReportInput,
  regionReportContent,
  reportValueText,
} from "../region-report.ts";
import { type Block, blank, type Column, line, packDocument, paragraph, table, textWidth, title } from "./paperwork.ts";

/**
 * The columns a landscape A4 page holds for a municipality or an organisation; the workbook has every
 * one. An organisation's municipality and cycle go under its name, in the same cell: fewer cells for
 * the docx library to build, which for a region of 1,000 organisations adds up.
 */
const DOCUMENT_COLUMNS: readonly IndicatorColumn[] = [
  "region-figure-participants",
  "region-figure-coverage",
  "region-figure-pairs",
  "region-figure-meetings-per-pair",
  "region-figure-plans",
  "region-figure-stuck",
  "region-figure-alerting",
  "region-figure-satisfaction",
].map((key) => INDICATOR_COLUMNS.find((column) => column.header.key === key)!);

/** 12 pt, in half-points: the house size of a table's text. */
const TABLE_SIZE = 24;

/**
 * A table of many rows (the organisations, the support list) looking like paperwork.ts's `table`:
 * thin borders (Word's default for a table), a bold header row repeated on every page, 12 pt Times New
 * Roman (the document's default font). Its cells carry no properties of their own (the margins are
 * the table's): the docx library builds such a cell about three times faster, which for a region of
 * 1,000 organisations is seconds of the bot's event loop.
 */
function longTable(columns: Column[], rows: Array<Array<string | number>>): Table {
  const total = columns.reduce((sum, column) => sum + column.width, 0);
  const widths = columns.map((column) => Math.floor((textWidth(true) * column.width) / total));
  const cell = (value: string | number, bold = false) =>
    new TableCell({
      children: [
        new Paragraph({
          children: plainText(String(value))
            .split("\n")
            .map((part, index) => new TextRun({ text: part, bold, size: TABLE_SIZE, break: index > 0 ? 1 : undefined })),
        }),
      ],
    });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((sum, width) => sum + width, 0), type: WidthType.DXA },
    columnWidths: widths,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((column) => cell(column.header, true)) }),
      ...rows.map((values) => new TableRow({ cantSplit: true, children: values.map((value) => cell(value)) })),
    ],
  });
}

/**
 * The region's report as a Word document beside its workbook: on landscape A4 in the house style of
 * paperwork.ts, the title with the territory and the period, the summary of every indicator, the
 * municipalities, the organisations, the organisations needing support with their reasons, and the
 * notes on «<5» and «…». Secondary suppression is applied here: pass the repository's figures.
 */
export function regionReportDocx(input: RegionReportInput): Promise<Uint8Array> {
  const content = regionReportContent(input);
  const { region, t } = content;
  const landscape = { landscape: true };
  const written = (figures: Indicators) => DOCUMENT_COLUMNS.map((column) => reportValueText(column.value(region, figures), input.locale));
  const headers = DOCUMENT_COLUMNS.map((column) => ({ header: t(column.header), width: 9 }));
  let section = 0;
  const heading = (text: string) => {
    section += 1;
    return line(`${section}. ${text}`, { bold: true, after: 6 });
  };

  const blocks: Block[] = [
    title(content.title),
    line(content.period, { align: "center" }),
    line(content.made, { align: "center", after: 12 }),
    heading(t(msg("region-sheet-summary"))),
    table(
      [
        { header: t(msg("region-column-figure")), width: 75 },
        { header: t(msg("region-column-value")), width: 25 },
      ],
      [
        [t(msg("region-figure-organisations")), region.total.organisations],
        [t(msg("region-figure-open-cycle")), region.total.withOpenCycle],
        [t(msg("region-figure-enrolment-entered")), content.enrolmentEntered],
        ...INDICATOR_COLUMNS.map((column) => [t(column.header), reportValueText(column.value(region, region.total), input.locale)]),
      ],
      landscape,
    ),
    blank(),
  ];
  if (region.municipalities.length > 0) {
    blocks.push(
      heading(t(msg("region-sheet-municipalities"))),
      table(
        [
          { header: t(msg("region-column-municipality")), width: 22 },
          { header: t(msg("region-figure-organisations")), width: 9 },
          { header: t(msg("region-figure-open-cycle")), width: 9 },
          ...headers,
        ],
        [
          ...region.municipalities.map((municipality) => [
            municipality.name,
            municipality.figures.organisations,
            municipality.figures.withOpenCycle,
            ...written(municipality.figures),
          ]),
          [region.territory.name, region.total.organisations, region.total.withOpenCycle, ...written(region.total)],
        ],
        landscape,
      ),
      blank(),
    );
  }
  const within = (name: string, territoryId: number, more: string[] = []) =>
    [name, ...(region.municipalities.length > 0 ? [content.municipalityOf(territoryId)] : []), ...more].join("\n");
  blocks.push(
    heading(t(msg("region-sheet-organisations"))),
    longTable(
      [
        { header: "№", width: 5 },
        { header: `${t(msg("region-column-organisation"))}\n${t(msg("region-column-cycle"))}`, width: 34 },
        ...headers,
      ],
      region.organisations.map((organisation, index) => [
        index + 1,
        within(organisation.name, organisation.territoryId, [t(cycleMsg(organisation))]),
        ...written(organisation.figures),
      ]),
    ),
    blank(),
    heading(t(msg("region-sheet-support"))),
  );
  if (content.support.length === 0) blocks.push(line(t(msg("region-support-empty")), { after: 6 }));
  else
    blocks.push(
      longTable(
        [
          { header: "№", width: 5 },
          { header: t(msg("region-column-organisation")), width: 40 },
          { header: t(msg("region-column-reasons")), width: 55 },
        ],
        content.support.map((entry, index) => [index + 1, within(entry.name, entry.territoryId), content.reasonsText(entry)]),
      ),
    );
  blocks.push(blank(), line(t(msg("region-sheet-notes")), { bold: true, after: 6 }), ...content.notes.map((note) => paragraph(note)));
  return packDocument({ title: content.title, landscape: true, blocks });
}
