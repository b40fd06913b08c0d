import ExcelJS from "exceljs";
import { INTERACTION_VARIANTS } from "#root/domain/interaction-variants.ts";
import type { AverageFigure, MonitoringReport, ReportPair, ReportRespondent, StartEndFigure } from "#root/domain/monitoring.ts";
import type { SurveyAudience } from "#root/domain/surveys.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { plainText } from "./plain-text.ts";

/**
 * The monitoring report of a cycle as a workbook, in the two parts the target model asks for: sheet 1
 * the quality of the programme (figures, questionnaires answered, satisfaction by form and by
 * direction), sheet 2 the participants' growth (start, end and change per scale question, one row per
 * participant and pair, with the averages), sheet 3 the pairs and groups. Titles in the
 * coordinator's language (`translate`).
 */

/** A pair as the workbook lists it. */
export interface WorkbookPair extends ReportPair {
  mentor: { name: string | null };
  mentees: Array<{ name: string | null }>;
}

export interface MonitoringWorkbookInput {
  orgName: string;
  /** The cycle's name and its dates, already written for the reader. */
  cycle: { name: string; start: string; end: string };
  /** The day of the report, already written for the reader. */
  madeOn: string;
  report: MonitoringReport;
  averages: Record<SurveyAudience, StartEndFigure[]>;
  pairs: readonly WorkbookPair[];
  respondents: readonly ReportRespondent[];
  translate(message: Msg): string;
}

const QUESTION_LABELS: Record<SurveyAudience, Record<string, Msg>> = {
  mentee: {
    confidence: msg("closing-question-mentee-confidence"),
    interest: msg("closing-question-mentee-interest"),
    goal: msg("closing-question-mentee-goal"),
    "ask-for-help": msg("closing-question-mentee-ask-for-help"),
  },
  mentor: {
    confidence: msg("closing-question-mentor-confidence"),
    skills: msg("closing-question-mentor-skills"),
    contact: msg("closing-question-mentor-contact"),
  },
};

/** A growth question's short name, for column titles and the chart. */
export function growthQuestionLabel(audience: SurveyAudience, question: string): Msg {
  return QUESTION_LABELS[audience][question] ?? msg("plain", { text: question });
}

const AUDIENCE_TITLES: Record<SurveyAudience, Msg> = { mentee: msg("closing-audience-mentees"), mentor: msg("closing-audience-mentors") };

/** A group's name in the report: the mentor and the mentees. */
export function pairNames(pair: Pick<WorkbookPair, "mentor" | "mentees">): { mentor: string; mentees: string } {
  return { mentor: pair.mentor.name ?? "—", mentees: pair.mentees.map((mentee) => mentee.name ?? "—").join(", ") || "—" };
}

type Cell = string | number | null;

const THIN = { style: "thin" } as const;
const BORDER = { top: THIN, bottom: THIN, left: THIN, right: THIN };
const PERCENT = "0%";
const DECIMAL = "0.0";

/** A landscape sheet fitted to the page's width, its columns this wide; Excel takes 31 characters of its name. */
export function landscapeSheet(book: ExcelJS.Workbook, name: string, widths: number[]): SheetWriter {
  const page = book.addWorksheet(name.slice(0, 31), {
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  page.columns = widths.map((width) => ({ width }));
  return new SheetWriter(page);
}

/** Writes sheets in the house style of workbooks.ts: a preamble, bold grey headers, thin borders. */
export class SheetWriter {
  constructor(readonly page: ExcelJS.Worksheet) {}

  line(text: string, bold = false): void {
    const row = this.page.addRow([text]);
    if (bold) row.font = { bold: true, size: 13 };
  }

  blank(): void {
    this.page.addRow([]);
  }

  header(titles: string[]): void {
    const row = this.page.addRow(titles);
    row.font = { bold: true };
    row.alignment = { wrapText: true, vertical: "top" };
    row.eachCell((cell) => {
      cell.border = BORDER;
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEFEFEF" } };
    });
  }

  /** A table row; `formats` gives a number format by column (1-based). */
  row(values: Cell[], formats: Record<number, string> = {}, bold = false): void {
    const row = this.page.addRow(values);
    row.alignment = { wrapText: true, vertical: "top" };
    if (bold) row.font = { bold: true };
    for (let column = 1; column <= values.length; column += 1) {
      const cell = row.getCell(column);
      cell.border = BORDER;
      if (formats[column]) cell.numFmt = formats[column]!;
    }
  }
}

const averageCell = (figure: AverageFigure | undefined): Cell => figure?.average ?? null;

/** The workbook's bytes (XLSX). */
export async function monitoringWorkbook(input: MonitoringWorkbookInput): Promise<Uint8Array> {
  // Labels shared with buttons («📚 Учёба») go into the report plain.
  const t = (message: Msg) => plainText(input.translate(message));
  const { quality, growth } = input.report;
  const book = new ExcelJS.Workbook();
  book.creator = "Nastavnik";
  const addSheet = (title: Msg, widths: number[]) => landscapeSheet(book, t(title), widths);
  const preamble = (sheet: SheetWriter) => {
    sheet.line(input.orgName, true);
    sheet.line(t(msg("closing-book-title", { name: input.cycle.name, start: input.cycle.start, end: input.cycle.end })));
    sheet.line(t(msg("closing-book-date", { date: input.madeOn })));
    sheet.blank();
  };

  // Sheet 1: the quality of the programme.
  const first = addSheet(msg("closing-sheet-quality"), [52, 16, 14, 14]);
  preamble(first);
  first.header([t(msg("closing-column-figure")), t(msg("closing-column-value"))]);
  first.row([t(msg("closing-figure-pairs")), quality.pairs]);
  first.row([t(msg("closing-figure-stopped")), quality.pairsStopped]);
  first.row([t(msg("introduction-report-held", { held: quality.introductionHeld, pairs: quality.pairs })), quality.introductionHeld]);
  first.row([t(msg("closing-figure-meetings")), quality.meetingsHeldPerPair], { 2: DECIMAL });
  first.row([t(msg("closing-figure-plans-completed")), quality.plansCompleted]);
  first.row([t(msg("closing-figure-plans-with-milestones")), quality.plansWithMilestones]);
  first.row([t(msg("closing-figure-milestones-done")), quality.milestonesDoneShare], { 2: PERCENT });
  first.row([t(msg("closing-figure-satisfaction")), averageCell(quality.satisfactionOverall)], { 2: DECIMAL });
  first.row([t(msg("closing-figure-satisfaction-answers")), quality.satisfactionOverall.answers]);
  first.row([t(msg("closing-figure-growth-mentees")), averageCell(growth.overall.mentee)], { 2: DECIMAL });
  first.row([t(msg("closing-figure-growth-mentors")), averageCell(growth.overall.mentor)], { 2: DECIMAL });
  first.blank();
  first.header([
    t(msg("closing-column-questionnaire")),
    t(msg("closing-column-sent")),
    t(msg("closing-column-answered")),
    t(msg("closing-column-rate")),
  ]);
  const questionnaires: Array<[Msg, SurveyAudience, "start" | "end"]> = [
    [msg("closing-questionnaire-mentee-start"), "mentee", "start"],
    [msg("closing-questionnaire-mentee-end"), "mentee", "end"],
    [msg("closing-questionnaire-mentor-start"), "mentor", "start"],
    [msg("closing-questionnaire-mentor-end"), "mentor", "end"],
  ];
  for (const [title, audience, moment] of questionnaires) {
    const figure = quality.responseRates[audience][moment];
    first.row([t(title), figure.sent, figure.answered, figure.rate], { 4: PERCENT });
  }
  first.blank();
  first.header([t(msg("closing-column-form")), t(msg("closing-column-satisfaction")), t(msg("closing-column-answers"))]);
  for (const [form, figure] of Object.entries(quality.satisfactionByForm)) {
    first.row([t(msg(`form-${form}`)), averageCell(figure), figure?.answers ?? 0], { 2: DECIMAL });
  }
  first.blank();
  first.header([t(msg("closing-column-direction")), t(msg("closing-column-satisfaction")), t(msg("closing-column-answers"))]);
  for (const [direction, figure] of Object.entries(quality.satisfactionByDirection)) {
    const name = direction === "none" ? msg("closing-direction-none") : msg(`direction-${direction}`);
    first.row([t(name), averageCell(figure), figure?.answers ?? 0], { 2: DECIMAL });
  }
  // Student–student pairs by interaction variant, and the variant column of sheet 3, when the cycle had any.
  const withVariants = input.pairs.some((pair) => pair.variant);
  if (withVariants) {
    first.blank();
    first.header([
      t(msg("variant-column")),
      t(msg("variant-report-column-pairs")),
      t(msg("closing-column-satisfaction")),
      t(msg("closing-column-answers")),
    ]);
    for (const variant of INTERACTION_VARIANTS) {
      const figure = quality.satisfactionByVariant[variant];
      first.row([t(msg(`variant-${variant}`)), quality.pairsByVariant[variant], averageCell(figure), figure?.answers ?? 0], {
        3: DECIMAL,
      });
    }
  }

  // Sheet 2: the participants' growth, one block per audience.
  const pairs = new Map(input.pairs.map((pair) => [pair.pairId, pair]));
  const rows = new Map(growth.rows.map((row, index) => [index, row]));
  const most = Math.max(...(["mentee", "mentor"] as const).map((audience) => input.averages[audience].length));
  const second = addSheet(msg("closing-sheet-growth"), [5, 30, 30, ...Array.from({ length: most * 3 }, () => 13), 14]);
  preamble(second);
  if (input.respondents.length === 0) second.line(t(msg("closing-growth-none")));
  for (const audience of ["mentee", "mentor"] as const) {
    const people = input.respondents
      .map((respondent, index) => ({ respondent, row: rows.get(index)! }))
      .filter((entry) => entry.respondent.audience === audience)
      .sort((a, b) => a.respondent.name.localeCompare(b.respondent.name, "ru") || a.respondent.pairId - b.respondent.pairId);
    if (people.length === 0) continue;
    const questions = input.averages[audience];
    const changeColumns: Record<number, string> = {};
    questions.forEach((_, index) => {
      changeColumns[4 + index * 3] = DECIMAL;
      changeColumns[5 + index * 3] = DECIMAL;
      changeColumns[6 + index * 3] = DECIMAL;
    });
    changeColumns[4 + questions.length * 3] = DECIMAL;
    second.line(t(AUDIENCE_TITLES[audience]), true);
    second.header([
      "№",
      t(msg("closing-column-participant")),
      t(msg(audience === "mentee" ? "closing-column-mentor" : "closing-column-mentees")),
      ...questions.flatMap((figure) => {
        const question = t(growthQuestionLabel(audience, figure.question));
        return [
          t(msg("closing-column-start", { question })),
          t(msg("closing-column-end", { question })),
          t(msg("closing-column-change", { question })),
        ];
      }),
      t(msg("closing-column-average-change")),
    ]);
    people.forEach(({ respondent, row }, index) => {
      const pair = pairs.get(respondent.pairId);
      const names = pair ? pairNames(pair) : { mentor: "—", mentees: "—" };
      second.row(
        [
          index + 1,
          respondent.name,
          audience === "mentee" ? names.mentor : names.mentees,
          ...questions.flatMap((figure): Cell[] => [
            respondent.start.scales?.[figure.question] ?? null,
            respondent.end.scales?.[figure.question] ?? null,
            row.changes[figure.question] ?? null,
          ]),
          row.average,
        ],
        changeColumns,
      );
    });
    second.row(
      [
        null,
        t(msg("closing-row-average")),
        null,
        ...questions.flatMap((figure): Cell[] => [
          figure.start.average,
          figure.end.average,
          averageCell(growth.byQuestion[audience][figure.question]),
        ]),
        averageCell(growth.overall[audience]),
      ],
      changeColumns,
      true,
    );
    second.blank();
  }

  // Sheet 3: the pairs and groups.
  const third = addSheet(msg("closing-sheet-pairs"), [5, 30, 40, 28, 26, 12, 12, 12, 16, ...(withVariants ? [26] : [])]);
  preamble(third);
  third.header([
    "№",
    t(msg("closing-column-mentor")),
    t(msg("closing-column-mentees")),
    t(msg("closing-column-form")),
    t(msg("closing-column-direction")),
    t(msg("closing-column-meetings")),
    t(msg("closing-column-milestones-done")),
    t(msg("closing-column-milestones")),
    t(msg("closing-column-stopped")),
    ...(withVariants ? [t(msg("variant-column"))] : []),
  ]);
  input.pairs.forEach((pair, index) => {
    const names = pairNames(pair);
    third.row([
      index + 1,
      names.mentor,
      names.mentees,
      t(msg(`form-${pair.form}`)),
      pair.direction ? t(msg(`direction-${pair.direction}`)) : t(msg("closing-direction-none")),
      pair.meetingsHeld,
      pair.milestonesDone,
      pair.milestones,
      t(msg(pair.stopped ? "closing-yes" : "closing-no")),
      ...(withVariants ? [pair.variant ? t(msg(`variant-${pair.variant}`)) : ""] : []),
    ]);
  });
  return new Uint8Array(await book.xlsx.writeBuffer());
}
