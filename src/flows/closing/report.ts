import type { CycleFacts, ReportCycle } from "#root/db/repositories/closing.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import { monitoringDocument } from "#root/documents/docx/monitoring-report.docx.ts";
import { DOCX_MIME } from "#root/documents/docx/paperwork.ts";
import { GROWTH_CHART_HEIGHT, GROWTH_CHART_WIDTH, renderGrowthChart } from "#root/documents/monitoring-chart.ts";
import { growthQuestionLabel, monitoringWorkbook } from "#root/documents/monitoring-report.ts";
import { XLSX_MIME } from "#root/documents/workbooks.ts";
import { calendarDate, formatCalendarDate } from "#root/domain/cycle.ts";
import { type AverageFigure, type MonitoringReport, monitoringReport, reportQuestions, startEndAverages } from "#root/domain/monitoring.ts";
import { type Locale, type Msg, msg } from "#root/i18n/translator.ts";
import { coordinatorScope } from "../common/people.ts";
import { programmeAction } from "../programme/actions.ts";

/** A mean with one decimal in the reader's language ("7,3" / "7.3"); a dash without answers. */
export function decimal(value: number | null, locale: Locale, signed = false): string {
  if (value === null) return "—";
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: signed ? "exceptZero" : "auto" }).format(value);
}

const percent = (rate: number) => Math.round(rate * 100);

/** The short message of the report: the main figures of both parts, in the reader's language. */
export function reportMessage(report: MonitoringReport, cycle: ReportCycle, locale: Locale, translate: (message: Msg) => string): Msg[] {
  const { quality, growth } = report;
  const rates = quality.responseRates;
  const groupLines = (groups: Array<[Msg, AverageFigure | undefined]>) =>
    groups.length === 0
      ? "—"
      : groups
          .map(([group, figure]) =>
            translate(
              msg("closing-report-group-line", { group, average: decimal(figure?.average ?? null, locale), answers: figure?.answers ?? 0 }),
            ),
          )
          .join("\n");
  return [
    msg("closing-report-title", {
      name: cycle.name,
      start: formatCalendarDate(cycle.startsOn, locale),
      end: formatCalendarDate(cycle.endsOn, locale),
      stage: msg(`stage-${cycle.stage}`),
    }),
    msg("closing-report-quality", {
      pairs: quality.pairs,
      stopped: quality.pairsStopped,
      meetings: decimal(quality.meetingsHeldPerPair, locale),
      plansCompleted: quality.plansCompleted,
      plansWithMilestones: quality.plansWithMilestones,
      milestonesPercent: percent(quality.milestonesDoneShare),
    }),
    msg("closing-report-responses", {
      menteeStart: percent(rates.mentee.start.rate),
      menteeStartAnswered: rates.mentee.start.answered,
      menteeStartSent: rates.mentee.start.sent,
      menteeEnd: percent(rates.mentee.end.rate),
      menteeEndAnswered: rates.mentee.end.answered,
      menteeEndSent: rates.mentee.end.sent,
      mentorStart: percent(rates.mentor.start.rate),
      mentorStartAnswered: rates.mentor.start.answered,
      mentorStartSent: rates.mentor.start.sent,
      mentorEnd: percent(rates.mentor.end.rate),
      mentorEndAnswered: rates.mentor.end.answered,
      mentorEndSent: rates.mentor.end.sent,
    }),
    msg("closing-report-satisfaction", {
      overall: decimal(quality.satisfactionOverall.average, locale),
      answers: quality.satisfactionOverall.answers,
      byForm: groupLines(Object.entries(quality.satisfactionByForm).map(([form, figure]) => [msg(`form-${form}`), figure])),
      byDirection: groupLines(
        Object.entries(quality.satisfactionByDirection).map(([direction, figure]) => [
          direction === "none" ? msg("closing-direction-none") : msg(`direction-${direction}`),
          figure,
        ]),
      ),
    }),
    msg("closing-report-growth", {
      mentees: decimal(growth.overall.mentee.average, locale, true),
      mentors: decimal(growth.overall.mentor.average, locale, true),
    }),
    msg("closing-report-chart-legend"),
  ];
}

interface ReadyReport {
  text: Msg[];
  chart: { filename: string; base64: string };
  workbook: { filename: string; base64: string };
  document: { filename: string; base64: string };
}

/**
 * "📈 Monitoring report": the report of the cycle closing now, or of the one archived last, as a short
 * message with the main figures and the growth chart as a photo, and the whole report as an XLSX workbook.
 * Made afresh on every press, so answers that came in since are counted.
 */
export const monitoringReportFlow: FlowDefinition = {
  name: "monitoring-report",
  version: 1,
  async run(d, ctx) {
    const scope = await coordinatorScope(d, ctx);
    if (!scope) return;
    const orgId = scope.membership.orgId;
    const now = await d.now();
    // The chart and the workbook take a moment: the chat shows a file on its way meanwhile.
    await d.showUpload("document");
    const ready = await d.run("report", async (): Promise<ReadyReport | undefined> => {
      const data = await ctx.inOrganisation(orgId, async (repos): Promise<{ cycle: ReportCycle; facts: CycleFacts } | undefined> => {
        const cycle = await repos.closing.reportCycle(orgId);
        // A pair counts as stopped when it stopped before the closing began.
        return cycle ? { cycle, facts: await repos.closing.cycleFacts(cycle.id, cycle.closingStartedAt ?? now) } : undefined;
      });
      if (!data) return undefined;
      const { cycle, facts } = data;
      const questions = reportQuestions();
      const report = monitoringReport(facts.pairs, facts.respondents, questions);
      const averages = startEndAverages(facts.respondents, questions.growth);
      const t = (message: Msg) => d.translate(message);
      const chart = await renderGrowthChart({
        title: t(msg("closing-chart-title")),
        legend: { start: t(msg("closing-chart-start")), end: t(msg("closing-chart-end")) },
        axes: { questions: t(msg("closing-chart-axis-questions")), score: t(msg("closing-chart-axis-score")) },
        empty: t(msg("closing-chart-empty")),
        locale: d.locale,
        groups: (["mentee", "mentor"] as const)
          .map((audience) => ({
            caption: t(msg(audience === "mentee" ? "closing-audience-mentees" : "closing-audience-mentors")),
            bars: averages[audience]
              .filter((figure) => figure.start.answers > 0)
              .map((figure) => ({
                label: t(growthQuestionLabel(audience, figure.question)),
                start: figure.start.average,
                end: figure.end.average,
              })),
          }))
          .filter((group) => group.bars.length > 0),
      });
      const today = calendarDate(now, scope.membership.timezone);
      const input = {
        orgName: scope.membership.orgName,
        cycle: { name: cycle.name, start: formatCalendarDate(cycle.startsOn, d.locale), end: formatCalendarDate(cycle.endsOn, d.locale) },
        madeOn: formatCalendarDate(today, d.locale),
        report,
        averages,
        pairs: facts.pairs,
        respondents: facts.respondents,
        translate: t,
      };
      const workbook = await monitoringWorkbook(input);
      const document = await monitoringDocument({
        ...input,
        locale: d.locale,
        chart: { png: chart, width: GROWTH_CHART_WIDTH, height: GROWTH_CHART_HEIGHT },
        coordinator: scope.person.fullName,
      });
      // Recorded as JSON for replays: the files travel as base64.
      return {
        text: reportMessage(report, cycle, d.locale, t),
        chart: { filename: `monitoring-${today}.png`, base64: Buffer.from(chart).toString("base64") },
        workbook: { filename: `monitoring-${today}.xlsx`, base64: Buffer.from(workbook).toString("base64") },
        document: { filename: `monitoring-${today}.docx`, base64: Buffer.from(document).toString("base64") },
      };
    });
    const programme = [[programmeAction.button(msg("button-programme"))]];
    if (!ready) {
      await d.say(msg("closing-report-none"), { buttons: programme });
      return;
    }
    await d.say(ready.text, {
      image: { filename: ready.chart.filename, content: Buffer.from(ready.chart.base64, "base64") },
    });
    // The Word report to file comes before the workbook, which keeps the buttons under the last message.
    await d.say(msg("doc-monitoring-ready"), {
      document: { filename: ready.document.filename, mimeType: DOCX_MIME, content: Buffer.from(ready.document.base64, "base64") },
    });
    await d.say(msg("closing-report-workbook"), {
      buttons: programme,
      document: { filename: ready.workbook.filename, mimeType: XLSX_MIME, content: Buffer.from(ready.workbook.base64, "base64") },
    });
  },
};
