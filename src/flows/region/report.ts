import type { FlowDefinition } from "#root/dialog/flow.ts";
import { DOCX_MIME } from "#root/documents/docx/paperwork.ts";
import { buildRegionReportInWorker } from "#root/documents/region-report-builder.ts";
import { XLSX_MIME } from "#root/documents/workbooks.ts";
import { type CalendarDate, calendarDate } from "#root/domain/cycle.ts";
import { schoolYearOf, schoolYearStart } from "#root/domain/region.ts";
import { monthOf, monthPeriod } from "#root/domain/region-digest.ts";
import { addDays, addMonths } from "#root/domain/typed-dates.ts";
import { msg } from "#root/i18n/translator.ts";
import { territoryAction } from "../territories/actions.ts";
import { territoryScope } from "../territories/territory.ts";
import { REPORT_PERIODS, type ReportPeriod, regionIndicatorsAction } from "./actions.ts";

/** The days a report period covers, as of `today` in the territory's zone. */
export function reportPeriod(period: ReportPeriod, today: CalendarDate): { from: CalendarDate; to: CalendarDate } {
  const schoolYear = schoolYearOf(today);
  switch (period) {
    case "school-year":
      return { from: schoolYearStart(schoolYear), to: today };
    case "last-month":
      return monthPeriod(addMonths(monthOf(today), -1));
    case "last-school-year":
      return { from: schoolYearStart(schoolYear - 1), to: addDays(schoolYearStart(schoolYear), -1) };
  }
}

/**
 * "📑 Region's report": the chosen period's figures per municipality and organisation as XLSX (for
 * data) and DOCX (to file with the regional road map), aggregates only. Built in a worker thread: a
 * region of 1,000 organisations takes the docx library seconds.
 */
export const regionReportFlow: FlowDefinition<{ territoryId: number; period?: ReportPeriod }> = {
  name: "region-report",
  version: 1,
  async run(d, ctx, { territoryId, period: given }) {
    const scope = await territoryScope(d, ctx, territoryId);
    if (!scope) return;
    const period =
      given ??
      (await d.choose(
        msg("region-report-which-period"),
        REPORT_PERIODS.map((value) => ({ value, label: msg(`region-report-period-${value}`) })),
      ));
    const now = await d.now();
    await d.showUpload("document");
    const ready = await d.run("region-report", async () => {
      const today = calendarDate(now, scope.territory.timezone);
      const indicators = await ctx.inTerritory(territoryId, (repos) => repos.region.indicators(reportPeriod(period, today)));
      if (!indicators?.countedAt) return undefined;
      const files = await buildRegionReportInWorker({ indicators, madeOn: today, locale: d.locale });
      const name = `region-${territoryId}-${indicators.period.from}-${indicators.period.to}`;
      // Recorded as JSON for replays: the files travel as base64.
      return {
        document: { filename: `${name}.docx`, base64: Buffer.from(files.document).toString("base64") },
        workbook: { filename: `${name}.xlsx`, base64: Buffer.from(files.workbook).toString("base64") },
      };
    });
    const buttons = [
      [
        regionIndicatorsAction.button(msg("region-button-figures"), { territoryId }),
        territoryAction.button(msg("region-button-territory"), { territoryId }),
      ],
    ];
    if (!ready) {
      await d.say(msg("region-not-counted-yet"), { buttons });
      return;
    }
    // The Word report to file comes before the workbook, which keeps the buttons under the last message.
    await d.say(msg("region-report-document"), {
      document: { filename: ready.document.filename, mimeType: DOCX_MIME, content: Buffer.from(ready.document.base64, "base64") },
    });
    await d.say(msg("region-report-workbook"), {
      buttons,
      document: { filename: ready.workbook.filename, mimeType: XLSX_MIME, content: Buffer.from(ready.workbook.base64, "base64") },
    });
  },
};
