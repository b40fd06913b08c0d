import { type Kysely, type Selectable, sql } from "kysely";
import type { HelpReport, HelpReporterRole, HelpReportStatus } from "#root/domain/entities/help-report.ts";
import { ESCALATE_AFTER_MS } from "#root/domain/help-reports.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import type { Database, HelpReportTable } from "../schema.ts";

export type { HelpReport, HelpReporterRole, HelpReportStatus } from "#root/domain/entities/help-report.ts";

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

/** A report as `HelpReportsRepository.select` reads it: with the names of the reporter, the child and the coordinators. */
type ReportRow = Pick<
  Selectable<HelpReportTable>,
  | "id"
  | "reporter_person_id"
  | "reporter_role"
  | "body"
  | "platform"
  | "created_at"
  | "seen_at"
  | "status"
  | "taken_by"
  | "taken_at"
  | "note"
  | "noted_at"
  | "answer"
  | "answered_at"
  | "closed_at"
  | "traces_erased_at"
> & {
  reporter_name: string | null;
  child_name: string | null;
  taken_by_name: string | null;
  noted_by_name: string | null;
  answered_by_name: string | null;
  closed_by_name: string | null;
};

const iso = (value: Date | string): string => new Date(value).toISOString();

function toReport(row: ReportRow): HelpReport {
  return {
    id: row.id,
    reporterPersonId: row.reporter_person_id,
    reporterRole: row.reporter_role,
    reporterName: row.reporter_name,
    childName: row.child_name,
    body: row.body,
    platform: row.platform,
    createdAt: iso(row.created_at),
    seen: row.seen_at !== null,
    status: row.status,
    takenBy: row.taken_by !== null && row.taken_at ? { personId: row.taken_by, name: row.taken_by_name, at: iso(row.taken_at) } : null,
    note: row.note !== null && row.noted_at ? { text: row.note, by: row.noted_by_name, at: iso(row.noted_at) } : null,
    // Answered stays answered when the text went with a person's data (it was sent; it is not sent again).
    answer: row.answered_at ? { text: row.answer, by: row.answered_by_name, at: iso(row.answered_at) } : null,
    closed: row.closed_at ? { by: row.closed_by_name, at: iso(row.closed_at) } : null,
    tracesErased: row.traces_erased_at !== null,
  };
}

/** Why a move on a report did not happen: it is not there (another organisation, a forged id), or its state moved on. */
export type HelpReportRefusal = { refused: "unknown" } | { refused: "state"; report: HelpReport };

/** An unread report claimed for its second alert, with what the alert says. */
export interface EscalatedReport {
  id: number;
  orgId: number;
  orgName: string;
  reporterRole: HelpReporterRole;
  reporterName: string | null;
  childName: string | null;
  createdAt: string;
  /** The organisation's time zone, for the day the alert names. */
  timezone: string;
}

/** A reporter's own report, as their menu shows it. */
export interface OwnHelpReport {
  id: number;
  orgName: string;
  timezone: string;
  createdAt: string;
  status: HelpReportStatus;
  seen: boolean;
  answered: boolean;
}

/**
 * "I need help from an adult": confidential reports of mentees and parents to the organisation's
 * coordinators, kept as the programme's safeguarding record, and how they are handled. Every read by
 * a coordinator is filtered by the organisation (and, in a coordinator's flow, by row-level security
 * as well); a move on a report is one conditional statement, so two coordinators pressing at once
 * cannot both take, answer or close it.
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
      .leftJoin("people as taker", "taker.id", "help_reports.taken_by")
      .leftJoin("people as noter", "noter.id", "help_reports.noted_by")
      .leftJoin("people as answerer", "answerer.id", "help_reports.answered_by")
      .leftJoin("people as closer", "closer.id", "help_reports.closed_by")
      .select([
        "help_reports.id",
        "help_reports.reporter_person_id",
        "help_reports.reporter_role",
        "reporter.full_name as reporter_name",
        "child_person.full_name as child_name",
        "help_reports.body",
        "help_reports.platform",
        "help_reports.created_at",
        "help_reports.seen_at",
        "help_reports.status",
        "help_reports.taken_by",
        "help_reports.taken_at",
        "taker.full_name as taken_by_name",
        "help_reports.note",
        "help_reports.noted_at",
        "noter.full_name as noted_by_name",
        "help_reports.answer",
        "help_reports.answered_at",
        "answerer.full_name as answered_by_name",
        "help_reports.closed_at",
        "closer.full_name as closed_by_name",
        "help_reports.traces_erased_at",
      ]);
  }

  /**
   * One page of an organisation's reports, newest first (only those not closed when `openOnly`), with
   * the totals for paging: all reports, those nobody opened, those not closed.
   */
  async list(
    orgId: number,
    page: { offset: number; limit: number; openOnly?: boolean },
  ): Promise<{ total: number; unseen: number; open: number; entries: HelpReport[] }> {
    // One after the other: in a coordinator's transaction both run on the same connection anyway.
    const counts = await this.db
      .selectFrom("help_reports")
      .select([
        sql<number>`count(*)`.as("total"),
        sql<number>`count(*) FILTER (WHERE seen_at IS NULL)`.as("unseen"),
        sql<number>`count(*) FILTER (WHERE status <> 'closed')`.as("open"),
      ])
      .where("org_id", "=", orgId)
      .executeTakeFirstOrThrow();
    let query = this.select().where("help_reports.org_id", "=", orgId);
    if (page.openOnly) query = query.where("help_reports.status", "<>", "closed");
    const rows = await query
      .orderBy("help_reports.created_at", "desc")
      .orderBy("help_reports.id", "desc")
      .offset(page.offset)
      .limit(page.limit)
      .execute();
    return { total: Number(counts.total), unseen: Number(counts.unseen), open: Number(counts.open), entries: rows.map(toReport) };
  }

  /** Every report of the organisation, oldest first: the safeguarding file's export. */
  async all(orgId: number): Promise<HelpReport[]> {
    const rows = await this.select()
      .where("help_reports.org_id", "=", orgId)
      .orderBy("help_reports.created_at")
      .orderBy("help_reports.id")
      .execute();
    return rows.map(toReport);
  }

  async get(orgId: number, reportId: number): Promise<HelpReport | undefined> {
    const row = await this.select().where("help_reports.org_id", "=", orgId).where("help_reports.id", "=", reportId).executeTakeFirst();
    return row ? toReport(row) : undefined;
  }

  /** Records who read the report first; later readings change nothing. True when this reading was the first. */
  async markSeen(orgId: number, reportId: number, byPersonId: number, at: Date): Promise<boolean> {
    const updated = await this.db
      .updateTable("help_reports")
      .set({ seen_by: byPersonId, seen_at: at })
      .where("org_id", "=", orgId)
      .where("id", "=", reportId)
      .where("seen_at", "is", null)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) > 0;
  }

  /** Why a conditional move changed nothing. */
  private async refusal(orgId: number, reportId: number): Promise<HelpReportRefusal> {
    const report = await this.get(orgId, reportId);
    return report ? { refused: "state", report } : { refused: "unknown" };
  }

  /** "Take it": a new report goes in work with this coordinator. */
  async take(orgId: number, reportId: number, byPersonId: number, at: Date): Promise<{ taken: true } | HelpReportRefusal> {
    const updated = await this.db
      .updateTable("help_reports")
      .set({ status: "in_work", taken_by: byPersonId, taken_at: at })
      .where("org_id", "=", orgId)
      .where("id", "=", reportId)
      .where("status", "=", "new")
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) > 0 ? { taken: true } : this.refusal(orgId, reportId);
  }

  /** Writes (or rewrites) the coordinators' private note; a report in any state takes one. */
  async saveNote(orgId: number, reportId: number, byPersonId: number, text: string, at: Date): Promise<boolean> {
    const updated = await this.db
      .updateTable("help_reports")
      .set({ note: text, noted_by: byPersonId, noted_at: at })
      .where("org_id", "=", orgId)
      .where("id", "=", reportId)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) > 0;
  }

  /**
   * Keeps the answer of an open report not answered yet (a new one goes in work with whoever answers).
   * Returns whom it goes to and the report's creation time; the caller plans the message in the same
   * transaction.
   */
  async answer(
    orgId: number,
    reportId: number,
    byPersonId: number,
    text: string,
    at: Date,
  ): Promise<{ reporterPersonId: number; reporterRole: HelpReporterRole; createdAt: string } | HelpReportRefusal> {
    const updated = await this.db
      .updateTable("help_reports")
      .set((eb) => ({
        answer: text,
        answered_by: byPersonId,
        answered_at: at,
        status: "in_work",
        taken_by: eb.fn.coalesce("taken_by", eb.val(byPersonId)),
        taken_at: eb.fn.coalesce("taken_at", eb.val(at)),
      }))
      .where("org_id", "=", orgId)
      .where("id", "=", reportId)
      .where("status", "<>", "closed")
      .where("answer", "is", null)
      .returning(["reporter_person_id", "reporter_role", "created_at"])
      .executeTakeFirst();
    if (!updated) return this.refusal(orgId, reportId);
    return { reporterPersonId: updated.reporter_person_id, reporterRole: updated.reporter_role, createdAt: iso(updated.created_at) };
  }

  /** Closes an open report, answered or not (one nobody took is taken by whoever closes it). */
  async close(orgId: number, reportId: number, byPersonId: number, at: Date): Promise<{ closed: true } | HelpReportRefusal> {
    const updated = await this.db
      .updateTable("help_reports")
      .set((eb) => ({
        status: "closed",
        closed_by: byPersonId,
        closed_at: at,
        taken_by: eb.fn.coalesce("taken_by", eb.val(byPersonId)),
        taken_at: eb.fn.coalesce("taken_at", eb.val(at)),
      }))
      .where("org_id", "=", orgId)
      .where("id", "=", reportId)
      .where("status", "<>", "closed")
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) > 0 ? { closed: true } : this.refusal(orgId, reportId);
  }

  /**
   * Claims reports nobody opened for a day and not alerted again yet (any organisation: the job's
   * work), oldest first, marking them alerted; replicas skip each other's claims.
   */
  async claimEscalations(now: Date, limit: number): Promise<EscalatedReport[]> {
    const dueBefore = new Date(now.getTime() - ESCALATE_AFTER_MS);
    const claimed = await sql<{ id: number }>`
      UPDATE help_reports SET escalated_at = ${now}
      WHERE id IN (
        SELECT id FROM help_reports
        WHERE seen_at IS NULL AND escalated_at IS NULL AND status <> 'closed' AND created_at <= ${dueBefore}
        ORDER BY created_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING id`.execute(this.db);
    if (claimed.rows.length === 0) return [];
    const rows = await this.db
      .selectFrom("help_reports")
      .innerJoin("organisations", "organisations.id", "help_reports.org_id")
      .innerJoin("people as reporter", "reporter.id", "help_reports.reporter_person_id")
      .leftJoin("participants as child", "child.id", "help_reports.child_participant_id")
      .leftJoin("people as child_person", "child_person.id", "child.person_id")
      .select([
        "help_reports.id",
        "help_reports.org_id",
        "organisations.name as org_name",
        "help_reports.reporter_role",
        "reporter.full_name as reporter_name",
        "child_person.full_name as child_name",
        "help_reports.created_at",
        "organisations.timezone",
      ])
      .where(
        "help_reports.id",
        "in",
        claimed.rows.map((row) => row.id),
      )
      .orderBy("help_reports.created_at")
      .orderBy("help_reports.id")
      .execute();
    return rows.map((row) => ({
      id: row.id,
      orgId: row.org_id,
      orgName: row.org_name,
      reporterRole: row.reporter_role,
      reporterName: row.reporter_name,
      childName: row.child_name,
      createdAt: iso(row.created_at),
      timezone: row.timezone,
    }));
  }

  /** Gives claims back (their alerts could not be planned): the next run tries again. */
  async releaseEscalations(reportIds: number[]): Promise<void> {
    if (reportIds.length === 0) return;
    await this.db.updateTable("help_reports").set({ escalated_at: null }).where("id", "in", reportIds).execute();
  }

  /**
   * A reporter's reports their menu tells about: those not closed, and those closed within `closedSince`,
   * newest first, at most `limit`.
   */
  async ofReporter(personId: number, closedSince: Date, limit: number): Promise<OwnHelpReport[]> {
    const rows = await this.db
      .selectFrom("help_reports")
      .innerJoin("organisations", "organisations.id", "help_reports.org_id")
      .select([
        "help_reports.id",
        "organisations.name as org_name",
        "organisations.timezone",
        "help_reports.created_at",
        "help_reports.status",
        "help_reports.seen_at",
        "help_reports.answered_at",
      ])
      .where("help_reports.reporter_person_id", "=", personId)
      .where((eb) => eb.or([eb("help_reports.status", "<>", "closed"), eb("help_reports.closed_at", ">=", closedSince)]))
      .orderBy("help_reports.created_at", "desc")
      .orderBy("help_reports.id", "desc")
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      orgName: row.org_name,
      timezone: row.timezone,
      createdAt: iso(row.created_at),
      status: row.status,
      seen: row.seen_at !== null,
      answered: row.answered_at !== null,
    }));
  }
}

/**
 * Part of a person's erasure (people.erase), in its transaction: the coordinators' notes and the
 * answers of reports the person wrote, or that a parent wrote about them, are emptied; the report's
 * own words stay (the safeguarding record, see the README).
 */
export async function eraseHelpReportTraces(trx: Kysely<Database>, personId: number, now: Date): Promise<void> {
  await trx
    .updateTable("help_reports")
    .set({ note: null, noted_by: null, noted_at: null, answer: null, traces_erased_at: now })
    .where((eb) =>
      eb.or([
        eb("reporter_person_id", "=", personId),
        eb("child_participant_id", "in", eb.selectFrom("participants").select("id").where("person_id", "=", personId)),
      ]),
    )
    .where((eb) => eb.or([eb("note", "is not", null), eb("answer", "is not", null)]))
    .execute();
}
