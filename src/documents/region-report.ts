import ExcelJS from "exceljs";
import { formatCalendarDate } from "#root/domain/cycle.ts";
import { INTERACTION_VARIANTS } from "#root/domain/interaction-variants.ts";
import { DIRECTIONS, MENTORING_FORMS } from "#root/domain/programme.ts";
import type { Indicators, OrganisationIndicators, RegionIndicators } from "#root/domain/region.ts";
import { SUPPORT_THRESHOLDS, type SupportEntry, supportList } from "#root/domain/region-support.ts";
import { type CellField, cellView, type ProtectedRegion, protectRegion } from "#root/domain/region-suppression.ts";
import { type Locale, type Msg, msg } from "#root/i18n/translator.ts";
import { DIRECTION_NAMES } from "./docx/terms.ts";
import { landscapeSheet, type SheetWriter } from "./monitoring-report.ts";
import { plainText } from "./plain-text.ts";
import { coverageShare, hiddenMark, numberText, percentText, supportReasonMsg } from "./region-wording.ts";

/**
 * The region's report as a workbook: the territory's summary, its municipalities, its organisations
 * with every indicator, the organisations needing support with their reasons, and a sheet of notes
 * on «<5», «…» and the period. The DOCX beside it (docx/region-report.ts) reads the same columns.
 * Secondary suppression is applied here: pass the repository's figures as they are.
 */

export interface RegionReportInput {
  indicators: RegionIndicators;
  /** The day the report is made, as a calendar date in the territory's zone. */
  madeOn: string;
  locale: Locale;
  translate(message: Msg): string;
}

/** A value of the report: a number and how to write it, or a text (a mark, «—»). */
export type ReportValue = { number: number; format: "count" | "percent" | "decimal" | "signed" } | { text: string };

/** One indicator as a column of the tables. */
export interface IndicatorColumn {
  header: Msg;
  /** Its share of a table's width. */
  width: number;
  value(region: ProtectedRegion, figures: Indicators): ReportValue;
}

const NONE: ReportValue = { text: "—" };

function countColumn(header: Msg, field: CellField, width = 10): IndicatorColumn {
  return {
    header,
    width,
    value(region, figures) {
      const view = cellView(region, figures, field);
      return "shown" in view ? { number: view.shown, format: "count" } : { text: hiddenMark(view) };
    },
  };
}

function meanColumn(header: Msg, field: "satisfaction" | "growth"): IndicatorColumn {
  return {
    header,
    width: 11,
    value(region, figures) {
      const mean = figures[field].mean;
      if (mean !== null) return { number: mean, format: field === "growth" ? "signed" : "decimal" };
      const view = cellView(region, figures, field);
      return "shown" in view ? NONE : { text: hiddenMark(view) };
    },
  };
}

/** Every indicator of a set of figures, in the order of the tables. */
export const INDICATOR_COLUMNS: readonly IndicatorColumn[] = [
  countColumn(msg("region-figure-participants"), "participants10to19", 12),
  {
    header: msg("region-figure-students"),
    width: 13,
    value: (_, figures) => (figures.students10to19 === null ? NONE : { number: figures.students10to19, format: "count" }),
  },
  {
    header: msg("region-figure-coverage"),
    width: 10,
    value(region, figures) {
      const share = coverageShare(region, figures);
      return share === null ? NONE : { number: share, format: "percent" };
    },
  },
  countColumn(msg("region-figure-pairs"), "pairs"),
  ...MENTORING_FORMS.map((form) => countColumn(msg("region-figure-pairs-of", { kind: msg(`form-${form}`) }), `pairsByForm.${form}`, 14)),
  ...DIRECTIONS.map((direction) =>
    countColumn(msg("region-figure-pairs-of", { kind: DIRECTION_NAMES[direction] }), `pairsByDirection.${direction}`, 14),
  ),
  ...INTERACTION_VARIANTS.map((variant) =>
    countColumn(msg("region-figure-pairs-of", { kind: msg(`variant-${variant}`) }), `pairsByVariant.${variant}`, 14),
  ),
  countColumn(msg("region-figure-meetings"), "meetingsHeld"),
  {
    header: msg("region-figure-meetings-per-pair"),
    width: 10,
    value(region, figures) {
      const meetings = cellView(region, figures, "meetingsHeld");
      const pairs = cellView(region, figures, "pairs");
      if (!("shown" in meetings) || !("shown" in pairs) || pairs.shown === 0) return NONE;
      return { number: meetings.shown / pairs.shown, format: "decimal" };
    },
  },
  countColumn(msg("region-figure-plans"), "plansCompleted"),
  countColumn(msg("region-figure-stuck"), "stuckPairs"),
  countColumn(msg("region-figure-alerting"), "alertingPairs"),
  meanColumn(msg("region-figure-satisfaction"), "satisfaction"),
  countColumn(msg("region-figure-satisfaction-respondents"), "satisfaction", 12),
  meanColumn(msg("region-figure-growth"), "growth"),
  countColumn(msg("region-figure-growth-respondents"), "growth", 12),
];

/** A report value as text for the reader (the DOCX, a test). */
export function reportValueText(value: ReportValue, locale: Locale): string {
  if ("text" in value) return value.text;
  switch (value.format) {
    case "count":
      return numberText(value.number, locale);
    case "percent":
      return percentText(value.number, locale);
    case "decimal":
      return numberText(value.number, locale, 1);
    case "signed":
      return new Intl.NumberFormat(locale === "ru" ? "ru-RU" : "en-GB", { maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(
        value.number,
      );
  }
}

/** The organisation's cycle and its stage, in words. */
export function cycleMsg(organisation: OrganisationIndicators): Msg {
  const cycle = organisation.cycle;
  if (!cycle) return msg("region-cycle-none");
  return cycle.archived
    ? msg("region-cycle-archived", { cycle: cycle.name })
    : msg("region-cycle-stage", { cycle: cycle.name, stage: msg(`stage-${cycle.stage}`) });
}

/** What both reports share: the protected figures, the support list, names of municipalities, the texts of the notes. */
export function regionReportContent(input: RegionReportInput) {
  const region = protectRegion(input.indicators);
  const support = supportList(region);
  const municipalityNames = new Map(region.municipalities.map((municipality) => [municipality.territoryId, municipality.name]));
  const municipalityOf = (territoryId: number) => municipalityNames.get(territoryId) ?? region.territory.name;
  const dates = {
    from: formatCalendarDate(region.period.from, input.locale),
    to: formatCalendarDate(region.period.to, input.locale),
  };
  const t = (message: Msg) => plainText(input.translate(message));
  const enrolmentEntered = region.organisations.filter((organisation) => organisation.figures.students10to19 !== null).length;
  const notes = [
    t(msg("region-note-period", dates)),
    t(msg("region-note-small")),
    t(msg("region-note-complementary")),
    t(msg("region-note-totals")),
    t(msg("region-note-coverage")),
    t(
      msg("region-note-support", {
        coverage: percentText(SUPPORT_THRESHOLDS.coverage, input.locale),
        share: percentText(SUPPORT_THRESHOLDS.troubledShare, input.locale),
        meetings: numberText(SUPPORT_THRESHOLDS.meetingsPerPairMonthly, input.locale, 1),
        satisfaction: numberText(SUPPORT_THRESHOLDS.satisfaction, input.locale, 1),
      }),
    ),
  ];
  const reasonsText = (entry: SupportEntry) => entry.reasons.map((reason) => t(supportReasonMsg(reason, input.locale))).join("; ");
  return {
    region,
    support,
    municipalityOf,
    t,
    enrolmentEntered,
    notes,
    reasonsText,
    title: t(msg("region-report-title", { territory: region.territory.name })),
    period: t(msg("region-report-period", dates)),
    made: t(msg("region-report-made", { date: formatCalendarDate(input.madeOn, input.locale) })),
  };
}

const FORMATS = { count: "0", percent: "0%", decimal: "0.0", signed: "+0.0;-0.0;0.0" } as const;

/** Writes report values as cells: numbers with their format, texts (marks) as they are. */
function cells(values: ReportValue[], offset: number): { row: Array<string | number>; formats: Record<number, string> } {
  const formats: Record<number, string> = {};
  const row = values.map((value, index) => {
    if ("text" in value) return value.text;
    formats[offset + index + 1] = FORMATS[value.format];
    return value.number;
  });
  return { row, formats };
}

/** The workbook's bytes (XLSX). */
export async function regionReportWorkbook(input: RegionReportInput): Promise<Uint8Array> {
  const content = regionReportContent(input);
  const { region, t } = content;
  const book = new ExcelJS.Workbook();
  book.creator = "Nastavnik";
  const addSheet = (title: Msg, widths: number[]) => landscapeSheet(book, t(title), widths);
  const preamble = (sheet: SheetWriter) => {
    sheet.line(content.title, true);
    sheet.line(content.period);
    sheet.line(content.made);
    sheet.blank();
  };
  const values = (figures: Indicators) => INDICATOR_COLUMNS.map((column) => column.value(region, figures));
  const headers = INDICATOR_COLUMNS.map((column) => t(column.header));
  const widths = INDICATOR_COLUMNS.map((column) => column.width + 2);

  const summary = addSheet(msg("region-sheet-summary"), [56, 16]);
  preamble(summary);
  summary.header([t(msg("region-column-figure")), t(msg("region-column-value"))]);
  summary.row([t(msg("region-figure-organisations")), region.total.organisations]);
  summary.row([t(msg("region-figure-open-cycle")), region.total.withOpenCycle]);
  summary.row([t(msg("region-figure-enrolment-entered")), content.enrolmentEntered]);
  values(region.total).forEach((value, index) => {
    const written = cells([value], 1);
    summary.row([headers[index]!, ...written.row], written.formats);
  });

  if (region.municipalities.length > 0) {
    const sheet = addSheet(msg("region-sheet-municipalities"), [30, 12, 12, ...widths]);
    preamble(sheet);
    sheet.header([
      t(msg("region-column-municipality")),
      t(msg("region-figure-organisations")),
      t(msg("region-figure-open-cycle")),
      ...headers,
    ]);
    for (const municipality of region.municipalities) {
      const written = cells(values(municipality.figures), 3);
      sheet.row(
        [municipality.name, municipality.figures.organisations, municipality.figures.withOpenCycle, ...written.row],
        written.formats,
      );
    }
    const total = cells(values(region.total), 3);
    sheet.row([region.territory.name, region.total.organisations, region.total.withOpenCycle, ...total.row], total.formats, true);
  }

  const organisations = addSheet(msg("region-sheet-organisations"), [6, 36, 24, 30, ...widths]);
  preamble(organisations);
  organisations.header([
    "№",
    t(msg("region-column-organisation")),
    t(msg("region-column-municipality")),
    t(msg("region-column-cycle")),
    ...headers,
  ]);
  region.organisations.forEach((organisation, index) => {
    const written = cells(values(organisation.figures), 4);
    organisations.row(
      [index + 1, organisation.name, content.municipalityOf(organisation.territoryId), t(cycleMsg(organisation)), ...written.row],
      written.formats,
    );
  });

  const support = addSheet(msg("region-sheet-support"), [6, 36, 24, 90]);
  preamble(support);
  if (content.support.length === 0) support.line(t(msg("region-support-empty")));
  else {
    support.header(["№", t(msg("region-column-organisation")), t(msg("region-column-municipality")), t(msg("region-column-reasons"))]);
    content.support.forEach((entry, index) => {
      support.row([index + 1, entry.name, content.municipalityOf(entry.territoryId), content.reasonsText(entry)]);
    });
  }

  const notes = addSheet(msg("region-sheet-notes"), [140]);
  preamble(notes);
  for (const note of content.notes) {
    const row = notes.page.addRow([note]);
    row.alignment = { wrapText: true, vertical: "top" };
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}
