/**
 * What an admin command found or did, told twice: one JSON document for `--json` (scripts, monitoring)
 * and the same in lines for a person at a terminal.
 */
export interface AdminReport {
  document: unknown;
  lines: string[];
  /** False when something the operator asked for did not work: the command exits non-zero. */
  ok: boolean;
}

/** A problem the operator can fix (a wrong argument, a missing tool): told without a stack trace. */
export class AdminError extends Error {
  override name = "AdminError";
}
