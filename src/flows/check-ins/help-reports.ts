import type { HelpReport } from "#root/db/repositories/help-reports.ts";
import type { ActionArgs } from "#root/dialog/actions.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import { helpReportMoves } from "#root/domain/help-reports.ts";
import { type Locale, type Msg, msg } from "#root/i18n/translator.ts";
import type { SpecButton } from "#root/messaging/message-spec.ts";
import { coordinatorScope } from "../common/people.ts";
import { pairChatLogAction } from "../pair-chat/actions.ts";
import { menuAction } from "../self-service/actions.ts";
import {
  helpReportAction,
  helpReportAnswerAction,
  helpReportCloseAction,
  helpReportNoteAction,
  helpReportsAction,
  helpReportsExportAction,
  helpReportTakeAction,
} from "./actions.ts";
import { nameShown, readNotice, shownAt, statusMark, statusWords } from "./help-report-wording.ts";
import { reporterLine } from "./need-help.ts";

/**
 * Four reports a page: with the row of the filter and the export, and the navigation row, that is six
 * rows, VK's most for one keyboard.
 */
const PAGE_SIZE = 4;
const PREVIEW_LENGTH = 60;

function preview(body: string): string {
  const flat = body.replace(/\s+/g, " ");
  const characters = Array.from(flat);
  return characters.length > PREVIEW_LENGTH ? `${characters.slice(0, PREVIEW_LENGTH).join("")}…` : flat;
}

/** The coordinator's list of "I need help from an adult" reports, newest first, a page at a time; open ones only if asked. */
export const helpReportsFlow: FlowDefinition<ActionArgs<typeof helpReportsAction>> = {
  name: "help-reports",
  version: 2,
  async run(d, ctx, { orgId: requested, page = 0, only }) {
    const scope = await coordinatorScope(d, ctx, requested);
    if (!scope) return;
    const { orgId, orgName, timezone } = scope.membership;
    const openOnly = only === "open";
    const list = await d.run("load-reports", () =>
      ctx.inOrganisation(orgId, (repos) => repos.helpReports.list(orgId, { offset: page * PAGE_SIZE, limit: PAGE_SIZE, openOnly })),
    );
    if (list.total === 0) {
      await d.say(msg("help-reports-empty"), { buttons: [[menuAction.button(msg("button-menu"))]] });
      return;
    }
    const shown = openOnly ? list.open : list.total;
    if (shown === 0) {
      await d.say(msg("help-reports-none-open"), {
        buttons: [[helpReportsAction.button(msg("button-help-reports-all"), { orgId, page: 0 }), menuAction.button(msg("button-menu"))]],
      });
      return;
    }
    const pages = Math.max(1, Math.ceil(shown / PAGE_SIZE));
    // A page past the end (a forged button, or reports closed meanwhile): the last one.
    if (list.entries.length === 0) return { next: "help-reports", args: { orgId, page: pages - 1, ...(openOnly ? { only } : {}) } };
    const lines = list.entries.map((report, index) =>
      msg("help-reports-line", {
        mark: statusMark(report),
        number: page * PAGE_SIZE + index + 1,
        date: shownAt(report.createdAt, timezone, d.locale, true),
        who: reporterLine(report.reporterRole, report.reporterName, report.childName),
        preview: preview(report.body),
      }),
    );
    const buttons: SpecButton[][] = list.entries.map((report, index) => [
      helpReportAction.button(
        msg("button-help-report", {
          mark: statusMark(report),
          number: page * PAGE_SIZE + index + 1,
          date: shownAt(report.createdAt, timezone, d.locale, false),
        }),
        { orgId, id: report.id },
      ),
    ]);
    buttons.push([
      openOnly
        ? helpReportsAction.button(msg("button-help-reports-all"), { orgId, page: 0 })
        : helpReportsAction.button(msg("button-help-reports-open"), { orgId, page: 0, only: "open" }),
      helpReportsExportAction.button(msg("button-help-reports-export"), { orgId }),
    ]);
    const navigation: SpecButton[] = [];
    const filter = openOnly ? { only } : {};
    if (page > 0) navigation.push(helpReportsAction.button(msg("button-previous"), { orgId, page: page - 1, ...filter }));
    navigation.push(menuAction.button(msg("button-menu")));
    if (page + 1 < pages) navigation.push(helpReportsAction.button(msg("button-next"), { orgId, page: page + 1, ...filter }));
    buttons.push(navigation);
    await d.say(
      [
        msg("help-reports-title", { org: orgName, total: list.total, unseen: list.unseen, page: page + 1, pages }),
        msg(openOnly ? "help-reports-legend-open-only" : "help-reports-legend", { open: list.open }),
        ...lines,
      ],
      { buttons },
    );
  },
};

/** The report in full as a coordinator reads it: the text, its state, who took it, the note, the answer. */
export function reportView(report: HelpReport, timeZone: string, locale: Locale): Msg[] {
  const at = (instant: string) => shownAt(instant, timeZone, locale, true);
  const parts: Msg[] = [
    msg("help-report-view", {
      date: at(report.createdAt),
      who: reporterLine(report.reporterRole, report.reporterName, report.childName),
      platform: msg(`platform-${report.platform}`),
      text: report.body,
    }),
    msg("help-report-status", { status: statusWords(report) }),
  ];
  if (report.takenBy) parts.push(msg("help-report-taken-by", { name: nameShown(report.takenBy.name), date: at(report.takenBy.at) }));
  if (report.note) {
    parts.push(msg("help-report-note", { text: report.note.text, name: nameShown(report.note.by), date: at(report.note.at) }));
  }
  if (report.answer) {
    parts.push(
      report.answer.text === null
        ? msg("help-report-answer-erased", { date: at(report.answer.at) })
        : msg("help-report-answer", { text: report.answer.text, name: nameShown(report.answer.by), date: at(report.answer.at) }),
    );
  }
  if (report.closed) parts.push(msg("help-report-closed", { name: nameShown(report.closed.by), date: at(report.closed.at) }));
  if (report.tracesErased) parts.push(msg("help-report-traces-erased"));
  return parts;
}

/** Whether the reporter can still be answered: their data was not erased (nobody to send it to). */
export const reachable = (report: HelpReport): boolean => report.reporterName !== null;

/** The buttons under a report: what may be done to it now, then back to the list and the menu. */
export function reportButtons(report: HelpReport, orgId: number): SpecButton[][] {
  const moves = helpReportMoves({ status: report.status, answered: report.answer !== null });
  const ref = { orgId, id: report.id };
  const first: SpecButton[] = [];
  if (moves.take) first.push(helpReportTakeAction.button(msg("button-help-report-take"), ref));
  if (moves.answer && reachable(report)) first.push(helpReportAnswerAction.button(msg("button-help-report-answer"), ref));
  const second: SpecButton[] = [
    helpReportNoteAction.button(msg(report.note ? "button-help-report-note-edit" : "button-help-report-note"), ref),
  ];
  if (moves.close) second.push(helpReportCloseAction.button(msg("button-help-report-close"), ref));
  return [
    ...(first.length > 0 ? [first] : []),
    second,
    [helpReportsAction.button(msg("button-help-reports"), { orgId, page: 0 }), menuAction.button(msg("button-menu"))],
  ];
}

/**
 * One report in full; the first coordinator to open it marks it read, and the reporter is told (in
 * the same transaction, once: the message is keyed by the report).
 */
export const helpReportFlow: FlowDefinition<{ orgId: number; id: number }> = {
  name: "help-report",
  version: 2,
  async run(d, ctx, { orgId: requested, id }) {
    const scope = await coordinatorScope(d, ctx, requested);
    if (!scope) return;
    const { orgId, timezone } = scope.membership;
    const report = await d.run("open-report", async () => {
      const opened = await ctx.inOrganisation(orgId, async (repos) => {
        const found = await repos.helpReports.get(orgId, id);
        if (!found || found.seen) return { found, told: false };
        const first = await repos.helpReports.markSeen(orgId, id, scope.person.id, ctx.now());
        if (!first || !reachable(found)) return { found: { ...found, seen: true }, told: false };
        await repos.outbox.enqueue([
          {
            dedupKey: `help-report:${id}:read`,
            to: { personId: found.reporterPersonId },
            message: readNotice(found.reporterRole, found.createdAt, timezone),
            dueAt: ctx.now(),
            topic: `help-report:${id}`,
          },
        ]);
        return { found: { ...found, seen: true }, told: true };
      });
      if (opened.told) ctx.kickDelivery();
      return opened.found;
    });
    if (!report) {
      await d.say(msg("help-report-unknown"), {
        buttons: [[helpReportsAction.button(msg("button-help-reports"), { orgId, page: 0 }), menuAction.button(msg("button-menu"))]],
      });
      return;
    }
    // The chat of the reporter's (or the child's) pair is open to the coordinator while the report concerns it.
    const pairIds = await d.run("report-pairs", () => ctx.inOrganisation(orgId, (repos) => repos.pairChat.pairsConcernedBy(id)));
    const chats = pairIds.slice(0, 2).map((pairId) => pairChatLogAction.button(msg("button-pair-chat-log"), { orgId, pairId }));
    const buttons = reportButtons(report, orgId);
    await d.say(reportView(report, timezone, d.locale), { buttons: chats.length > 0 ? [chats, ...buttons] : buttons });
  },
};
