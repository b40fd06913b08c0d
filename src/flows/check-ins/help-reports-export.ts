import type { ActionArgs } from "#root/dialog/actions.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import { type Sheet, workbook, XLSX_MIME } from "#root/documents/workbooks.ts";
import { calendarDate, formatCalendarDate } from "#root/domain/cycle.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { coordinatorScope } from "../common/people.ts";
import { menuAction } from "../self-service/actions.ts";
import type { helpReportsExportAction } from "./actions.ts";
import { nameShown, shownAt, statusWords } from "./help-report-wording.ts";
import { reporterLine } from "./need-help.ts";

/**
 * The organisation's help reports as an XLSX file for the safeguarding file: one row a report, oldest
 * first, with its state, who took it, the note, the answer and when it was closed. People's own
 * words are kept exactly (emoji too); the file goes only to the coordinator who asked, in their chat.
 */
export const helpReportsExportFlow: FlowDefinition<ActionArgs<typeof helpReportsExportAction>> = {
  name: "help-reports-export",
  version: 1,
  async run(d, ctx, { orgId: requested }) {
    const scope = await coordinatorScope(d, ctx, requested);
    if (!scope) return;
    const { orgId, orgName, timezone } = scope.membership;
    const data = await d.run("load-all", () =>
      ctx.inOrganisation(orgId, async (repos) => ({
        today: calendarDate(ctx.now(), timezone),
        reports: await repos.helpReports.all(orgId),
      })),
    );
    if (data.reports.length === 0) {
      await d.say(msg("help-reports-empty"), { buttons: [[menuAction.button(msg("button-menu"))]] });
      return;
    }
    await d.showUpload("document");
    const t = (message: Msg) => d.translate(message);
    const at = (instant: string | undefined) => (instant ? shownAt(instant, timezone, d.locale, true) : "");
    const sheet: Sheet = {
      title: t(msg("help-reports-export-sheet")),
      preamble: [orgName, t(msg("help-reports-export-title", { date: formatCalendarDate(data.today, d.locale) }))],
      columns: [
        { header: "№", width: 5 },
        { header: t(msg("help-reports-column-date")), width: 17 },
        { header: t(msg("help-reports-column-who")), width: 34 },
        { header: t(msg("help-reports-column-text")), width: 50, asTyped: true },
        { header: t(msg("help-reports-column-status")), width: 14 },
        { header: t(msg("help-reports-column-read")), width: 17 },
        { header: t(msg("help-reports-column-taken")), width: 28 },
        { header: t(msg("help-reports-column-note")), width: 40, asTyped: true },
        { header: t(msg("help-reports-column-answer")), width: 40, asTyped: true },
        { header: t(msg("help-reports-column-answered")), width: 17 },
        { header: t(msg("help-reports-column-closed")), width: 17 },
      ],
      rows: data.reports.map((report, index) => [
        index + 1,
        at(report.createdAt),
        t(reporterLine(report.reporterRole, report.reporterName, report.childName)),
        report.body,
        t(statusWords(report)),
        report.seen ? t(msg("help-reports-cell-yes")) : t(msg("help-reports-cell-no")),
        report.takenBy ? t(nameShown(report.takenBy.name)) : "",
        report.note?.text ?? (report.tracesErased ? t(msg("help-reports-cell-erased")) : ""),
        report.answer ? (report.answer.text ?? t(msg("help-reports-cell-erased"))) : "",
        at(report.answer?.at),
        at(report.closed?.at),
      ]),
      closing: [],
    };
    await d.say(msg("help-reports-export-ready", { count: data.reports.length }), {
      document: { filename: `obrashcheniya-${data.today}.xlsx`, mimeType: XLSX_MIME, content: await workbook(sheet) },
    });
  },
};
