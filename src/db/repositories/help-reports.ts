import { type Kysely, type Selectable, sql } from "kysely";
import type { HelpReport, HelpReporterRole } from "#root/domain/entities/help-report.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import type { Database, HelpReportTable } from "../schema.ts";

export type { HelpReport, HelpReporterRole } from "#root/domain/entities/help-report.ts";

export interface NewHelpReport {
  orgId: number;
  reporterPersonId: number;
  reporterRole: HelpReporterRole;
  /** The child a parent writes about; null when a mentee writes about themself. */
  childParticipantId: number | null;
  body: string;
  platform: Platform;
  at: Date;
  /** Saving with a key already used returns that report (a retried save after a crash). */
  requestKey?: string;
}

/** A report as `HelpReportsRepository.select` reads it: with the names of the reporter and the child. */
type ReportRow = Pick<Selectable<HelpReportTable>, "id" | "reporter_role" | "body" | "platform" | "created_at" | "seen_at"> & {
  reporter_name: string | null;
  child_name: string | null;
};

function toReport(row: ReportRow): HelpReport {
  return {
    id: row.id,
    reporterRole: row.reporter_role,
    reporterName: row.reporter_name,
    childName: row.child_name,
    body: row.body,
    platform: row.platform,
    createdAt: new Date(row.created_at).toISOString(),
    seen: row.seen_at !== null,
  };
}

/**
 * "I need help from an adult": confidential reports of mentees and parents to the organisation's
 * coordinators, kept as the programme's safeguarding record. Every read is filtered by the
 * organisation (and, in a coordinator's flow, by row-level security as well).
 */
export class HelpReportsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(report: NewHelpReport): Promise<{ id: number }> {
    const inserted = await this.db
      .insertInto("help_reports")
      .values({
        org_id: report.orgId,
        reporter_person_id: report.reporterPersonId,
        reporter_role: report.reporterRole,
        child_participant_id: report.childParticipantId,
        body: report.body,
        platform: report.platform,
        created_at: report.at,
        request_key: report.requestKey ?? null,
      })
      .onConflict((conflict) => conflict.column("request_key").where("request_key", "is not", null).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (inserted) return inserted;
    return this.db.selectFrom("help_reports").select("id").where("request_key", "=", report.requestKey!).executeTakeFirstOrThrow();
  }

  private select() {
    return this.db
      .selectFrom("help_reports")
      .innerJoin("people as reporter", "reporter.id", "help_reports.reporter_person_id")
      .leftJoin("participants as child", "child.id", "help_reports.child_participant_id")
      .leftJoin("people as child_person", "child_person.id", "child.person_id")
      .select([
        "help_reports.id",
        "help_reports.reporter_role",
        "reporter.full_name as reporter_name",
        "child_person.full_name as child_name",
        "help_reports.body",
        "help_reports.platform",
        "help_reports.created_at",
        "help_reports.seen_at",
      ]);
  }

  /** One page of an organisation's reports, newest first, with the totals for paging and "new". */
  async list(orgId: number, page: { offset: number; limit: number }): Promise<{ total: number; unseen: number; entries: HelpReport[] }> {
    // One after the other: in a coordinator's transaction both run on the same connection anyway.
    const counts = await this.db
      .selectFrom("help_reports")
      .select([sql<number>`count(*)`.as("total"), sql<number>`count(*) FILTER (WHERE seen_at IS NULL)`.as("unseen")])
      .where("org_id", "=", orgId)
      .executeTakeFirstOrThrow();
    const rows = await this.select()
      .where("help_reports.org_id", "=", orgId)
      .orderBy("help_reports.created_at", "desc")
      .orderBy("help_reports.id", "desc")
      .offset(page.offset)
      .limit(page.limit)
      .execute();
    return { total: Number(counts.total), unseen: Number(counts.unseen), entries: rows.map(toReport) };
  }

  async get(orgId: number, reportId: number): Promise<HelpReport | undefined> {
    const row = await this.select().where("help_reports.org_id", "=", orgId).where("help_reports.id", "=", reportId).executeTakeFirst();
    return row ? toReport(row) : undefined;
  }

  /** Records who read the report first; later readings change nothing. */
  async markSeen(orgId: number, reportId: number, byPersonId: number, at: Date): Promise<void> {
    await this.db
      .updateTable("help_reports")
      .set({ seen_by: byPersonId, seen_at: at })
      .where("org_id", "=", orgId)
      .where("id", "=", reportId)
      .where("seen_at", "is", null)
      .execute();
  }
}
