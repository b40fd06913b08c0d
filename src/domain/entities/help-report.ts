import type { Platform } from "../platform.ts";

/** Who wrote a report: the mentee themself, or a parent about one child. */
export type HelpReporterRole = "mentee" | "parent";

/** A confidential "I need help from an adult" report, as a coordinator reads it. */
export interface HelpReport {
  id: number;
  reporterRole: HelpReporterRole;
  /** Null once the reporter's personal data was erased (the report itself is kept). */
  reporterName: string | null;
  /** The child a parent wrote about (null for a mentee's own report or after erasure). */
  childName: string | null;
  body: string;
  platform: Platform;
  createdAt: string;
  seen: boolean;
}
