import type { HelpReportStatus } from "../help-reports.ts";
import type { Platform } from "../platform.ts";

export type { HelpReportStatus } from "../help-reports.ts";

/** Who wrote a report: the mentee themself, or a parent about one child. */
export type HelpReporterRole = "mentee" | "parent";

/** A confidential "I need help from an adult" report, as a coordinator reads it. */
export interface HelpReport {
  id: number;
  reporterPersonId: number;
  reporterRole: HelpReporterRole;
  /** Null once the reporter's personal data was erased (the report itself is kept). */
  reporterName: string | null;
  /** The child a parent wrote about (null for a mentee's own report or after erasure). */
  childName: string | null;
  body: string;
  platform: Platform;
  createdAt: string;
  seen: boolean;
  status: HelpReportStatus;
  /** The coordinator who took it ("—" once their data was erased: null name, set id). */
  takenBy: { personId: number; name: string | null; at: string } | null;
  /** Coordinators only: never sent to anybody. */
  note: { text: string; by: string | null; at: string } | null;
  /** What the reporter was sent (the text null once erased with a person's data). */
  answer: { text: string | null; by: string | null; at: string } | null;
  closed: { by: string | null; at: string } | null;
  /** The note and the answer were emptied with a person's data. */
  tracesErased: boolean;
}
