import type { Parsed } from "./parsers.ts";

/**
 * How a coordinator handles an "I need help from an adult" report: new (nobody took it yet), in work
 * (one coordinator took it), closed (with or without an answer to the reporter). A report nobody
 * opened within a day is alerted again, once.
 */

export const HELP_REPORT_STATUSES = ["new", "in_work", "closed"] as const;
export type HelpReportStatus = (typeof HELP_REPORT_STATUSES)[number];

/** Longest report, note or answer: as the database keeps them, room enough for a page of text. */
export const MAX_HELP_TEXT = 2_000;

/** How long a report may wait unread before every coordinator is alerted again. */
export const ESCALATE_AFTER_MS = 24 * 3_600_000;

/** Whether a report still needs someone: not closed. */
export function isOpen(status: HelpReportStatus): boolean {
  return status !== "closed";
}

/** What a coordinator may do to a report in this state. */
export interface HelpReportMoves {
  take: boolean;
  answer: boolean;
  close: boolean;
  note: boolean;
}

/**
 * The moves of a report: take it while it is new, answer once while open, close while open; a note
 * may be written or rewritten at any time (a closed case still gets follow-ups on file).
 */
export function helpReportMoves(report: { status: HelpReportStatus; answered: boolean }): HelpReportMoves {
  const open = isOpen(report.status);
  return { take: report.status === "new", answer: open && !report.answered, close: open, note: true };
}

/** A note or an answer as typed (line breaks too), trimmed; the error keys say what is wrong. */
export function parseHelpText(text: string, tooLong: string): Parsed<string> {
  // PostgreSQL text cannot hold NUL; nothing else is changed in a safeguarding record.
  const body = text.replace(/\u0000/g, "").trim();
  if (body.length === 0) return { ok: false, error: "error-empty" };
  // How long it came out, so the writer knows how much to cut (their text stays in the chat above).
  if (body.length > MAX_HELP_TEXT) return { ok: false, error: tooLong, args: { max: MAX_HELP_TEXT, length: body.length } };
  return { ok: true, value: body };
}
