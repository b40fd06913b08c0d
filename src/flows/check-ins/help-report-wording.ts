import type { EscalatedReport, HelpReport, HelpReporterRole, OwnHelpReport } from "#root/db/repositories/help-reports.ts";
import type { Repositories } from "#root/db/repositories/index.ts";
import { wallClock } from "#root/domain/typed-dates.ts";
import { type Locale, type Msg, msg } from "#root/i18n/translator.ts";
import type { MessageSpec } from "#root/messaging/message-spec.ts";
import { MONTHS } from "../meetings/wording.ts";
import { helpReportAction, helpReportsAction } from "./actions.ts";
import { reporterLine } from "./need-help.ts";

/*
 * How help reports are named: in a coordinator's own chat (dates in their language), and in messages
 * to other people, which are rendered in the recipient's language when delivered, so their dates
 * travel as message parts (the month as a key), never as text formatted in the sender's language.
 */

/** When something happened, on the organisation's clock, in the reader's own chat. */
export function shownAt(instant: string, timeZone: string, locale: Locale, withYear: boolean): string {
  return new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", {
    timeZone,
    day: "2-digit",
    month: "2-digit",
    ...(withYear ? { year: "numeric" } : {}),
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(instant));
}

/** "12 March" on the organisation's clock, as a message part for another person's language. */
export function reportDay(instant: string, timeZone: string): Msg {
  const { date } = wallClock(new Date(instant), timeZone);
  const [, month, day] = date.split("-").map(Number) as [number, number, number];
  return msg("help-reports-day", { day: String(day), month: MONTHS[month - 1]! });
}

/** A person's name, or that their data was erased. */
export function nameShown(name: string | null): Msg {
  return name ? msg("plain", { text: name }) : msg("help-name-erased");
}

/** The mark of a report in the list: nobody opened it, read, in work, closed. */
export function statusMark(report: Pick<HelpReport, "seen" | "status">): Msg {
  if (!report.seen) return msg("help-reports-new");
  if (report.status === "in_work") return msg("help-reports-in-work");
  if (report.status === "closed") return msg("help-reports-closed");
  return msg("help-reports-seen");
}

/** The report's state in words, as the coordinator's view opens with it. */
export function statusWords(report: Pick<HelpReport, "seen" | "status">): Msg {
  if (report.status === "closed") return msg("help-report-status-closed");
  if (report.status === "in_work") return msg("help-report-status-in-work");
  return msg("help-report-status-new");
}

/** What the reporter is told when a coordinator first opens their report: one short message. */
export function readNotice(role: HelpReporterRole, createdAt: string, timeZone: string): MessageSpec {
  return {
    text: [msg(role === "parent" ? "help-report-read-parent" : "help-report-read-mentee", { date: reportDay(createdAt, timeZone) })],
  };
}

/** The coordinator's answer as the reporter receives it. */
export function answerNotice(role: HelpReporterRole, createdAt: string, timeZone: string, orgName: string, text: string): MessageSpec {
  return {
    text: [
      msg(role === "parent" ? "help-report-answer-to-parent" : "help-report-answer-to-mentee", {
        date: reportDay(createdAt, timeZone),
        org: orgName,
        text,
      }),
    ],
  };
}

/**
 * The second alert about a report nobody opened for a day, to every coordinator of its organisation.
 * It does not quote the report (opening it is what is asked, and is what marks it read): a message
 * planned after the reporter's data was erased carries none of their words.
 */
export function escalationAlert(report: EscalatedReport): MessageSpec {
  return {
    text: [
      msg("help-report-escalation", {
        org: report.orgName,
        who: reporterLine(report.reporterRole, report.reporterName, report.childName),
        date: reportDay(report.createdAt, report.timezone),
      }),
    ],
    buttons: [
      [
        helpReportAction.button(msg("button-help-report-open"), { orgId: report.orgId, id: report.id }),
        helpReportsAction.button(msg("button-help-reports"), { orgId: report.orgId, page: 0 }),
      ],
    ],
  };
}

/** One line of the reporter's menu about a report of theirs: sent, read, answered, closed. */
export function ownReportLine(report: OwnHelpReport, locale: Locale): Msg {
  const closed = report.status === "closed";
  const state = report.answered
    ? msg(closed ? "help-report-own-answered-closed" : "help-report-own-answered")
    : closed
      ? msg("help-report-own-closed")
      : msg(report.seen ? "help-report-own-read" : "help-report-own-sent");
  return msg("help-report-own", { date: shownAt(report.createdAt, report.timezone, locale, false), status: state });
}

/** The reporter's menu tells about reports not closed, and closed ones for a week after. */
const OWN_CLOSED_SHOWN_MS = 7 * 86_400_000;
const OWN_SHOWN = 3;

/** A reporter's reports their menu tells about (at most three, newest first). */
export function ownHelpReports(repos: Repositories, personId: number, now: Date): Promise<OwnHelpReport[]> {
  return repos.helpReports.ofReporter(personId, new Date(now.getTime() - OWN_CLOSED_SHOWN_MS), OWN_SHOWN);
}
