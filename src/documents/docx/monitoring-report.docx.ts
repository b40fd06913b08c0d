import { INTERACTION_VARIANTS } from "#root/domain/interaction-variants.ts";
import type { AverageFigure } from "#root/domain/monitoring.ts";
import type { SurveyAudience } from "#root/domain/surveys.ts";
import { type Locale, type Msg, msg } from "#root/i18n/translator.ts";
import { growthQuestionLabel, type MonitoringWorkbookInput, pairNames } from "../monitoring-report.ts";
import { type Block, blank, line, packDocument, picture, signatures, table, title } from "./paperwork.ts";
import { directionName, FORM_NAMES } from "./terms.ts";

export interface MonitoringDocumentInput extends MonitoringWorkbookInput {
  locale: Locale;
  /** The growth chart (PNG) and its size in pixels, placed under the growth part. */
  chart?: { png: Uint8Array; width: number; height: number };
  coordinator: string | null;
}

/**
 * The monitoring report as a Word document beside its workbook: the same two parts the target model
 * asks for (the quality of the programme; the participants' growth, here as the averages per
 * question with the chart, the workbook keeps the row of every participant) and the list of pairs.
 */
export function monitoringDocument(input: MonitoringDocumentInput): Promise<Uint8Array> {
  const t = (message: Msg) => input.translate(message);
  const number = (value: number | null, signed = false) =>
    value === null
      ? "—"
      : new Intl.NumberFormat(input.locale, { maximumFractionDigits: 1, signDisplay: signed ? "exceptZero" : "auto" }).format(value);
  const percent = (rate: number) => `${Math.round(rate * 100)} %`;
  const average = (figure: AverageFigure | undefined) => number(figure?.average ?? null);
  const { quality, growth } = input.report;
  const blocks: Block[] = [
    title(input.orgName),
    title(t(msg("doc-monitoring-heading"))),
    line(t(msg("closing-book-title", { name: input.cycle.name, start: input.cycle.start, end: input.cycle.end })), { align: "center" }),
    line(t(msg("closing-book-date", { date: input.madeOn })), { align: "center", after: 12 }),
    line(`1. ${t(msg("closing-sheet-quality"))}`, { bold: true, after: 6 }),
    table(
      [
        { header: t(msg("closing-column-figure")), width: 75 },
        { header: t(msg("closing-column-value")), width: 25 },
      ],
      [
        [t(msg("closing-figure-pairs")), quality.pairs],
        [t(msg("closing-figure-stopped")), quality.pairsStopped],
        [t(msg("introduction-report-held", { held: quality.introductionHeld, pairs: quality.pairs })), quality.introductionHeld],
        [t(msg("closing-figure-meetings")), number(quality.meetingsHeldPerPair)],
        [t(msg("closing-figure-plans-completed")), quality.plansCompleted],
        [t(msg("closing-figure-plans-with-milestones")), quality.plansWithMilestones],
        [t(msg("closing-figure-milestones-done")), percent(quality.milestonesDoneShare)],
        [t(msg("closing-figure-satisfaction")), average(quality.satisfactionOverall)],
        [t(msg("closing-figure-satisfaction-answers")), quality.satisfactionOverall.answers],
        [t(msg("closing-figure-growth-mentees")), number(growth.overall.mentee.average, true)],
        [t(msg("closing-figure-growth-mentors")), number(growth.overall.mentor.average, true)],
      ],
    ),
    blank(),
    table(
      [
        { header: t(msg("closing-column-questionnaire")), width: 52 },
        { header: t(msg("closing-column-sent")), width: 16 },
        { header: t(msg("closing-column-answered")), width: 16 },
        { header: t(msg("closing-column-rate")), width: 16 },
      ],
      (
        [
          [msg("closing-questionnaire-mentee-start"), "mentee", "start"],
          [msg("closing-questionnaire-mentee-end"), "mentee", "end"],
          [msg("closing-questionnaire-mentor-start"), "mentor", "start"],
          [msg("closing-questionnaire-mentor-end"), "mentor", "end"],
        ] as const
      ).map(([name, audience, moment]) => {
        const figure = quality.responseRates[audience][moment];
        return [t(name), figure.sent, figure.answered, percent(figure.rate)];
      }),
    ),
    blank(),
    table(
      [
        { header: t(msg("closing-column-form")), width: 60 },
        { header: t(msg("closing-column-satisfaction")), width: 20 },
        { header: t(msg("closing-column-answers")), width: 20 },
      ],
      Object.entries(quality.satisfactionByForm).map(([form, figure]) => [t(msg(`form-${form}`)), average(figure), figure?.answers ?? 0]),
    ),
    blank(),
    table(
      [
        { header: t(msg("closing-column-direction")), width: 60 },
        { header: t(msg("closing-column-satisfaction")), width: 20 },
        { header: t(msg("closing-column-answers")), width: 20 },
      ],
      Object.entries(quality.satisfactionByDirection).map(([direction, figure]) => [
        direction === "none" ? t(msg("closing-direction-none")) : t(msg(`direction-${direction}`)),
        average(figure),
        figure?.answers ?? 0,
      ]),
    ),
    blank(),
  ];
  // Student–student pairs by interaction variant, when the cycle had any.
  if (input.pairs.some((pair) => pair.variant)) {
    blocks.push(
      line(t(msg("variant-report-title")), { bold: true, after: 6 }),
      table(
        [
          { header: t(msg("variant-column")), width: 40 },
          { header: t(msg("variant-report-column-pairs")), width: 20 },
          { header: t(msg("closing-column-satisfaction")), width: 20 },
          { header: t(msg("closing-column-answers")), width: 20 },
        ],
        INTERACTION_VARIANTS.map((variant) => {
          const figure = quality.satisfactionByVariant[variant];
          return [t(msg(`variant-${variant}`)), quality.pairsByVariant[variant], average(figure), figure?.answers ?? 0];
        }),
      ),
      blank(),
    );
  }
  blocks.push(line(`2. ${t(msg("closing-sheet-growth"))}`, { bold: true, after: 6 }));
  const audiences: SurveyAudience[] = ["mentee", "mentor"];
  const asked = audiences.filter((audience) => input.averages[audience].some((figure) => figure.start.answers > 0));
  if (asked.length === 0) blocks.push(line(t(msg("closing-growth-none")), { after: 6 }));
  for (const audience of asked) {
    blocks.push(
      line(t(msg(audience === "mentee" ? "closing-audience-mentees" : "closing-audience-mentors")), { bold: true, after: 6 }),
      table(
        [
          { header: t(msg("doc-column-question")), width: 46 },
          { header: t(msg("doc-column-start")), width: 18 },
          { header: t(msg("doc-column-end")), width: 18 },
          { header: t(msg("doc-column-change")), width: 18 },
        ],
        input.averages[audience].map((figure) => [
          t(growthQuestionLabel(audience, figure.question)),
          average(figure.start),
          average(figure.end),
          number(growth.byQuestion[audience][figure.question]?.average ?? null, true),
        ]),
      ),
      blank(),
    );
  }
  if (input.chart) blocks.push(picture(input.chart.png, input.chart), blank());
  blocks.push(
    line(`3. ${t(msg("closing-sheet-pairs"))}`, { bold: true, after: 6 }),
    table(
      [
        { header: "№", width: 5 },
        { header: t(msg("closing-column-mentor")), width: 20 },
        { header: t(msg("closing-column-mentees")), width: 22 },
        { header: t(msg("closing-column-form")), width: 17 },
        { header: t(msg("closing-column-direction")), width: 16 },
        { header: t(msg("closing-column-meetings")), width: 10 },
        { header: t(msg("doc-column-milestones-done")), width: 10 },
      ],
      input.pairs.map((pair, index) => {
        const names = pairNames(pair);
        return [
          index + 1,
          names.mentor,
          names.mentees + (pair.stopped ? `\n(${t(msg("doc-monitoring-stopped"))})` : ""),
          t(FORM_NAMES[pair.form]) + (pair.variant ? `\n(${t(msg(`variant-${pair.variant}`))})` : ""),
          t(directionName(pair.direction)),
          pair.meetingsHeld,
          `${pair.milestonesDone} / ${pair.milestones}`,
        ];
      }),
    ),
    ...signatures([{ role: t(msg("doc-signer-coordinator")), name: input.coordinator }], t(msg("doc-date-to-fill"))),
  );
  return packDocument({ title: t(msg("doc-monitoring-title")), blocks });
}
