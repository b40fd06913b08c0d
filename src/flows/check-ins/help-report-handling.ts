import type { HelpReport, HelpReportRefusal } from "#root/db/repositories/help-reports.ts";
import type { Dialog } from "#root/dialog/dialog.ts";
import type { FlowContext, FlowDefinition, FlowOutcome } from "#root/dialog/flow.ts";
import { helpReportMoves, MAX_HELP_TEXT, parseHelpText } from "#root/domain/help-reports.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { coordinatorScope } from "../common/people.ts";
import { menuAction } from "../self-service/actions.ts";
import { helpReportsAction } from "./actions.ts";
import { answerNotice, nameShown, shownAt } from "./help-report-wording.ts";
import { reachable } from "./help-reports.ts";

/*
 * A coordinator's moves on one report. Each checks the report again when it acts (one conditional
 * statement): another coordinator may have taken, answered or closed it since this one's buttons
 * were drawn, and then the coordinator is told who did, and sees the report as it is now.
 */

type ReportRef = { orgId: number; id: number };

const backToReport = (ref: ReportRef): FlowOutcome => ({ next: "help-report", args: ref });

/** Why the move is no longer possible, in words: closed, taken or answered by someone (maybe oneself). */
function staleText(report: HelpReport, move: "take" | "answer" | "close", timeZone: string, d: Dialog): Msg {
  const at = (instant: string) => shownAt(instant, timeZone, d.locale, true);
  if (report.closed) return msg("help-report-already-closed", { name: nameShown(report.closed.by), date: at(report.closed.at) });
  if (move === "answer" && report.answer) {
    return msg("help-report-already-answered", { name: nameShown(report.answer.by), date: at(report.answer.at) });
  }
  if (move === "answer" && !reachable(report)) return msg("help-report-reporter-gone");
  return msg("help-report-already-taken", { name: nameShown(report.takenBy?.name ?? null) });
}

/** The coordinator's organisation and the report, or undefined after saying why not. */
async function openReport(
  d: Dialog,
  ctx: FlowContext,
  ref: ReportRef,
): Promise<{ orgId: number; orgName: string; timezone: string; personId: number; report: HelpReport } | undefined> {
  const scope = await coordinatorScope(d, ctx, ref.orgId);
  if (!scope) return undefined;
  const { orgId, orgName, timezone } = scope.membership;
  const report = await d.run("load-report", () => ctx.inOrganisation(orgId, (repos) => repos.helpReports.get(orgId, ref.id)));
  if (!report) {
    await d.say(msg("help-report-unknown"), {
      buttons: [[helpReportsAction.button(msg("button-help-reports"), { orgId, page: 0 }), menuAction.button(msg("button-menu"))]],
    });
    return undefined;
  }
  return { orgId, orgName, timezone, personId: scope.person.id, report };
}

/** The report as it is now, when a move was refused because its state moved on. */
function refusedReport(result: object): HelpReport | undefined {
  if (!("refused" in result)) return undefined;
  const refusal = result as HelpReportRefusal;
  return refusal.refused === "state" ? refusal.report : undefined;
}

/** "Take it": the report goes in work with this coordinator, whom the other coordinators then see on it. */
export const helpReportTakeFlow: FlowDefinition<ReportRef> = {
  name: "help-report-take",
  version: 1,
  async run(d, ctx, ref) {
    const opened = await openReport(d, ctx, ref);
    if (!opened) return;
    const { orgId, timezone, personId } = opened;
    const result = await d.run("take", () =>
      ctx.inOrganisation(orgId, (repos) => repos.helpReports.take(orgId, ref.id, personId, ctx.now())),
    );
    const stale = refusedReport(result);
    if (stale) {
      // Taken by oneself a moment ago (the button pressed twice) is no news: the report is shown as it is.
      if (stale.status !== "in_work" || stale.takenBy?.personId !== personId) await d.say(staleText(stale, "take", timezone, d));
    } else if ("refused" in result) {
      await d.say(msg("help-report-unknown"));
      return;
    } else {
      await d.say(msg("help-report-taken-done"));
    }
    return backToReport({ orgId, id: ref.id });
  },
};

/** The private note: only coordinators ever see it; a new one replaces the old. */
export const helpReportNoteFlow: FlowDefinition<ReportRef> = {
  name: "help-report-note",
  version: 1,
  async run(d, ctx, ref) {
    const opened = await openReport(d, ctx, ref);
    if (!opened) return;
    const { orgId, personId, report } = opened;
    if (report.note) await d.say(msg("help-report-note-current", { text: report.note.text }));
    const text = await d.ask(msg("help-report-note-question", { max: MAX_HELP_TEXT }), {
      parse: (typed) => parseHelpText(typed, "help-report-text-too-long"),
    });
    const saved = await d.run("save-note", () =>
      ctx.inOrganisation(orgId, (repos) => repos.helpReports.saveNote(orgId, ref.id, personId, text, ctx.now())),
    );
    if (!saved) {
      await d.say(msg("help-report-unknown"));
      return;
    }
    await d.say(msg("help-report-note-saved"));
    return backToReport({ orgId, id: ref.id });
  },
};

/**
 * The answer: written, checked, sent to the reporter through the outbox (on the messenger they use,
 * in their language, held overnight for a child like any other message). One answer a report.
 */
export const helpReportAnswerFlow: FlowDefinition<ReportRef> = {
  name: "help-report-answer",
  version: 1,
  async run(d, ctx, ref) {
    const opened = await openReport(d, ctx, ref);
    if (!opened) return;
    const { orgId, orgName, timezone, personId, report } = opened;
    if (!helpReportMoves({ status: report.status, answered: report.answer !== null }).answer || !reachable(report)) {
      await d.say(staleText(report, "answer", timezone, d));
      return backToReport({ orgId, id: ref.id });
    }
    const question = msg(report.reporterRole === "parent" ? "help-report-answer-question-parent" : "help-report-answer-question-mentee", {
      max: MAX_HELP_TEXT,
    });
    const parse = (typed: string) => parseHelpText(typed, "help-report-text-too-long");
    let text = await d.ask(question, { parse });
    for (;;) {
      const decision = await d.choose(msg("help-report-answer-preview", { text }), [
        { value: "send", label: msg("button-send") },
        { value: "change", label: msg("button-need-help-change") },
      ]);
      if (decision === "send") break;
      text = await d.ask(question, { parse });
    }
    const result = await d.run("send-answer", async () => {
      const answered = await ctx.inOrganisation(orgId, async (repos) => {
        const kept = await repos.helpReports.answer(orgId, ref.id, personId, text, ctx.now());
        if ("refused" in kept) return kept;
        await repos.outbox.enqueue([
          {
            dedupKey: `help-report:${ref.id}:answer`,
            to: { personId: kept.reporterPersonId },
            message: answerNotice(kept.reporterRole, kept.createdAt, timezone, orgName, text),
            dueAt: ctx.now(),
            topic: `help-report:${ref.id}`,
          },
        ]);
        return { sent: true as const };
      });
      if ("sent" in answered) ctx.kickDelivery();
      return answered;
    });
    const stale = refusedReport(result);
    if (stale) {
      // Nothing is lost: the coordinator's text is shown back to them with why it was not sent.
      await d.say([staleText(stale, "answer", timezone, d), msg("help-report-answer-not-sent", { text })]);
    } else if ("refused" in result) {
      await d.say(msg("help-report-unknown"));
      return;
    } else {
      await d.say(msg("help-report-answer-sent"));
    }
    return backToReport({ orgId, id: ref.id });
  },
};

/** Closing, answered or not (asked once more when no answer went out). */
export const helpReportCloseFlow: FlowDefinition<ReportRef> = {
  name: "help-report-close",
  version: 1,
  async run(d, ctx, ref) {
    const opened = await openReport(d, ctx, ref);
    if (!opened) return;
    const { orgId, timezone, personId, report } = opened;
    if (report.status === "closed") {
      await d.say(staleText(report, "close", timezone, d));
      return backToReport({ orgId, id: ref.id });
    }
    await d.choose(msg(report.answer ? "help-report-close-confirm" : "help-report-close-confirm-unanswered"), [
      { value: "close", label: msg("button-help-report-close-yes") },
    ]);
    const result = await d.run("close", () =>
      ctx.inOrganisation(orgId, (repos) => repos.helpReports.close(orgId, ref.id, personId, ctx.now())),
    );
    const stale = refusedReport(result);
    if (stale) await d.say(staleText(stale, "close", timezone, d));
    else if ("refused" in result) {
      await d.say(msg("help-report-unknown"));
      return;
    } else await d.say(msg("help-report-closed-done"));
    return backToReport({ orgId, id: ref.id });
  },
};
