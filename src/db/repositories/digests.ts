import { type Kysely, type Selectable, sql } from "kysely";
import type { ConsentFact, MeetingFact } from "#root/domain/attention.ts";
import type { CalendarDate } from "#root/domain/cycle.ts";
import { type DigestMilestone, type DigestPair, emptyFacts, type OrganisationFacts } from "#root/domain/digest.ts";
import type { CheckInAnswerTable, CheckInTable, Database, MeetingTable } from "../schema.ts";
import { type NewOutboxMessage, OutboxRepository } from "./outbox.ts";

/** An organisation with a cycle at work: the ones that get a digest. */
export interface DigestOrganisation {
  orgId: number;
  orgName: string;
  timeZone: string;
  cycleId: number;
  cycleStartsOn: CalendarDate;
  /** The Monday of the last digest sent, if any. */
  lastWeekOf: CalendarDate | null;
}

/** What to read for one organisation. */
export interface DigestScope {
  orgId: number;
  cycleId: number;
}

/** The span the facts are read for: `from` the earliest week any organisation of the batch reports, up to `now`. */
export interface FactsWindow {
  from: Date;
  now: Date;
}

export interface DigestCoordinator {
  orgId: number;
  personId: number;
  locale: string;
}

/** A week's digest of an organisation, with the messages to its coordinators. */
export interface DigestClaim {
  orgId: number;
  weekOf: CalendarDate;
  figures: unknown;
  messages: NewOutboxMessage[];
}

/** Quiet pairs look back 14 days before the window; a meeting lasts at most 4 hours. */
const QUIET_LOOKBACK = "15 days";

/**
 * The weekly digest's reads and its claim. Each read serves a whole batch of organisations in one
 * statement, so a digest run costs the same number of queries whatever the number of organisations
 * in a batch or pairs in them.
 */
export class DigestsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Organisations with a cycle at work (their latest if several), with the week of their last digest. */
  async workingOrganisations(orgId?: number): Promise<DigestOrganisation[]> {
    const rows = await sql<{
      org_id: number;
      org_name: string;
      timezone: string;
      cycle_id: number;
      starts_on: string;
      last_week_of: string | null;
    }>`
      SELECT DISTINCT ON (o.id) o.id AS org_id, o.name AS org_name, o.timezone, c.id AS cycle_id, c.starts_on,
        (SELECT max(d.week_of) FROM digests d WHERE d.org_id = o.id) AS last_week_of
      FROM organisations o JOIN cycles c ON c.org_id = o.id
      WHERE c.stage = 'working' ${orgId === undefined ? sql`` : sql`AND o.id = ${orgId}`}
      ORDER BY o.id, c.starts_on DESC, c.id DESC`.execute(this.db);
    return rows.rows.map((row) => ({
      orgId: row.org_id,
      orgName: row.org_name,
      timeZone: row.timezone,
      cycleId: row.cycle_id,
      cycleStartsOn: row.starts_on,
      lastWeekOf: row.last_week_of,
    }));
  }

  /** Active coordinators of the organisations, with the language they read. */
  async coordinators(orgIds: readonly number[]): Promise<DigestCoordinator[]> {
    if (orgIds.length === 0) return [];
    const rows = await this.db
      .selectFrom("participants")
      .innerJoin("people", "people.id", "participants.person_id")
      .select(["participants.org_id", "people.id", "people.locale"])
      .where("participants.org_id", "in", [...orgIds])
      .where("participants.role", "=", "coordinator")
      .where("participants.status", "=", "active")
      .where("people.erased_at", "is", null)
      .orderBy("participants.org_id")
      .orderBy("people.id")
      .execute();
    return rows.map((row) => ({ orgId: row.org_id, personId: row.id, locale: row.locale }));
  }

  /**
   * The facts of each organisation's cycle a digest is computed from, in six statements for the whole
   * batch: pairs, meetings, milestones, check-in answers, consents, and the weekly progress. Every
   * table is filtered on its org_id (or cycle_id) as well as joined to the batch's pairs, so that an
   * index finds the batch's own rows: joined alone, each of the ten batches of a thousand
   * organisations read every organisation's rows (bench/RESULTS.md, "digest").
   */
  async facts(scopes: readonly DigestScope[], window: FactsWindow): Promise<Map<number, OrganisationFacts>> {
    const byOrg = new Map<number, OrganisationFacts>(scopes.map((scope) => [scope.orgId, emptyFacts()]));
    if (scopes.length === 0) return byOrg;
    const of = (orgId: number) => byOrg.get(orgId);
    const cycles = sql.join(scopes.map((scope) => scope.cycleId));
    const orgs = sql.join(scopes.map((scope) => scope.orgId));
    const { from, now } = window;

    // Pairs published in the cycle, ended ones included (they count in the week they still worked).
    const pairs = await sql<{
      id: number;
      org_id: number;
      published_at: Date;
      ended_at: Date | null;
      mentor_name: string | null;
      mentee_names: string[] | null;
    }>`
      SELECT p.id, p.org_id, p.published_at, p.ended_at, mentor_person.full_name AS mentor_name,
        array_agg(coalesce(mentee_person.full_name, '') ORDER BY mentee_person.full_name) FILTER (WHERE mentee.id IS NOT NULL) AS mentee_names
      FROM pairs p
      JOIN participants mentor ON mentor.id = p.mentor_participant_id AND mentor.org_id IN (${orgs})
      JOIN people mentor_person ON mentor_person.id = mentor.person_id
      LEFT JOIN pair_mentees pm ON pm.pair_id = p.id AND pm.ended_at IS NULL AND pm.cycle_id IN (${cycles})
      LEFT JOIN participants mentee ON mentee.id = pm.mentee_participant_id
      LEFT JOIN people mentee_person ON mentee_person.id = mentee.person_id
      WHERE p.cycle_id IN (${cycles}) AND p.status IN ('published', 'ended') AND p.published_at IS NOT NULL
      GROUP BY p.id, mentor_person.full_name
      ORDER BY p.id`.execute(this.db);
    for (const row of pairs.rows) {
      const pair: DigestPair = {
        pairId: String(row.id),
        formedAt: row.published_at,
        mentorName: row.mentor_name,
        menteeNames: (row.mentee_names ?? []).filter((name) => name !== ""),
      };
      if (row.ended_at) pair.endedAt = row.ended_at;
      of(row.org_id)?.pairs.push(pair);
    }

    // Meetings of the window, and for each pair its last two ticked meetings and its last held one
    // (however old): the "missed twice in a row" and "no meeting for 14 days" alerts need them.
    const meetings = await sql<Pick<Selectable<MeetingTable>, "id" | "pair_id" | "org_id" | "starts_at" | "minutes" | "state">>`
      SELECT id, pair_id, org_id, starts_at, minutes, state FROM (
        SELECT m.id, m.pair_id, m.org_id, m.starts_at, m.minutes, m.state,
          row_number() OVER (PARTITION BY m.pair_id, (m.state IN ('held', 'missed') AND m.starts_at <= ${now}) ORDER BY m.starts_at DESC, m.id DESC) AS ticked_rank,
          row_number() OVER (PARTITION BY m.pair_id, (m.state = 'held' AND m.starts_at <= ${now}) ORDER BY m.starts_at DESC, m.id DESC) AS held_rank
        FROM meetings m JOIN pairs p ON p.id = m.pair_id
        WHERE m.org_id IN (${orgs}) AND p.cycle_id IN (${cycles})
      ) ranked
      WHERE starts_at >= ${from}::timestamptz - interval '${sql.raw(QUIET_LOOKBACK)}'
         OR (state IN ('held', 'missed') AND starts_at <= ${now} AND ticked_rank <= 2)
         OR (state = 'held' AND starts_at <= ${now} AND held_rank = 1)
      ORDER BY starts_at, id`.execute(this.db);
    for (const row of meetings.rows) {
      const meeting: MeetingFact = {
        id: String(row.id),
        pairId: String(row.pair_id),
        start: row.starts_at,
        end: new Date(row.starts_at.getTime() + row.minutes * 60_000),
        state: row.state,
      };
      of(row.org_id)?.meetings.push(meeting);
    }

    // Milestones of the plans past their draft: open ones, ones done within the window, and any that
    // was ever reported stuck (whether it was done after that answer decides the alert).
    const milestones = await sql<{ id: number; pair_id: number; org_id: number; title: string; due_on: string; done_at: Date | null }>`
      SELECT pm.id, plans.pair_id, pm.org_id, pm.title, pm.due_on, pm.done_at
      FROM plan_milestones pm JOIN plans ON plans.id = pm.plan_id JOIN pairs p ON p.id = plans.pair_id
      WHERE pm.org_id IN (${orgs}) AND plans.org_id IN (${orgs}) AND p.cycle_id IN (${cycles}) AND plans.status <> 'draft'
        AND (pm.done_at IS NULL OR pm.done_at >= ${from}
             -- An IN over the batch's stuck answers, not a correlated EXISTS: the planner joined that
             -- per row and read hundreds of millions of combinations on a long cycle (bench/RESULTS.md).
             OR pm.id IN (SELECT a.milestone_id FROM check_in_answers a WHERE a.org_id IN (${orgs}) AND a.answer = 'stuck'))
      ORDER BY pm.id`.execute(this.db);
    for (const row of milestones.rows) {
      const milestone: DigestMilestone = { id: String(row.id), pairId: String(row.pair_id), due: row.due_on, title: row.title };
      if (row.done_at) milestone.doneAt = row.done_at;
      of(row.org_id)?.milestones.push(milestone);
    }

    // Only "stuck" counts and alerts: the stuck answers of the window (the week's count), and the
    // latest answer per milestone and side (an older stuck answer still raises its alert, a later
    // answer replaces it), read for the milestones ever reported stuck. Answers on other milestones
    // change no figure and no alert, and were 98 % of the rows (bench/RESULTS.md).
    const answers = await sql<
      Pick<Selectable<CheckInAnswerTable>, "id" | "check_in_id" | "milestone_id" | "answer" | "answered_at"> &
        Pick<Selectable<CheckInTable>, "pair_id" | "org_id" | "respondent">
    >`
      SELECT id, check_in_id, milestone_id, pair_id, org_id, respondent, answer, answered_at FROM (
        SELECT a.id, a.check_in_id, a.milestone_id, c.pair_id, c.org_id, c.respondent, a.answer, a.answered_at,
          row_number() OVER (PARTITION BY a.milestone_id, c.respondent ORDER BY a.answered_at DESC, a.check_in_id DESC) AS latest
        FROM check_in_answers a JOIN check_ins c ON c.id = a.check_in_id JOIN pairs p ON p.id = c.pair_id
        WHERE a.org_id IN (${orgs}) AND c.org_id IN (${orgs}) AND p.cycle_id IN (${cycles}) AND a.answered_at <= ${now}
          AND a.milestone_id IN (SELECT s.milestone_id FROM check_in_answers s WHERE s.org_id IN (${orgs}) AND s.answer = 'stuck')
      ) ranked
      WHERE (answer = 'stuck' AND answered_at >= ${from}) OR (latest = 1 AND (answer = 'stuck' OR answered_at >= ${from}))
      ORDER BY answered_at, check_in_id, milestone_id`.execute(this.db);
    for (const row of answers.rows) {
      of(row.org_id)?.checkIns.push({
        id: String(row.id),
        pairId: String(row.pair_id),
        milestoneId: String(row.milestone_id),
        respondent: row.respondent,
        answer: row.answer,
        at: row.answered_at,
      });
    }

    // Consents: a participant waits for a parent from registering until a parent answers (or the
    // participant leaves); those settled before the window cannot count in it.
    const consents = await sql<{ org_id: number; requested_at: Date; resolved_at: Date | null }>`
      SELECT org_id, requested_at, resolved_at FROM (
        SELECT p.org_id, p.created_at AS requested_at,
          CASE WHEN p.status = 'awaiting_consent' THEN NULL ELSE coalesce(parent.decided_at, p.updated_at) END AS resolved_at
        FROM participants p
        -- Per participant of the batch, through consents_by_participant: an EXISTS here became a
        -- scan of every parent's consent of every organisation, and JIT compiled it each batch.
        CROSS JOIN LATERAL (SELECT min(c.decided_at) AS decided_at FROM consents c WHERE c.participant_id = p.id AND c.giver = 'parent') parent
        WHERE p.org_id IN (${orgs})
          -- decided_at is NOT NULL: a first decision there is a parent's consent there.
          AND (p.status = 'awaiting_consent' OR parent.decided_at IS NOT NULL)
      ) waiting
      WHERE resolved_at IS NULL OR resolved_at >= ${from}`.execute(this.db);
    for (const row of consents.rows) {
      const consent: ConsentFact = { requestedAt: row.requested_at };
      if (row.resolved_at) consent.resolvedAt = row.resolved_at;
      of(row.org_id)?.consents.push(consent);
    }

    // The chart: held and missed meetings and milestones done, per Monday-based week in the
    // organisation's zone; the row without a week counts all the plans' milestones.
    const progress = await sql<{ org_id: number; week_of: string | null; held: number; missed: number; done: number; planned: number }>`
      SELECT org_id, week_of, sum(held) AS held, sum(missed) AS missed, sum(done) AS done, sum(planned) AS planned FROM (
        SELECT m.org_id, date_trunc('week', m.starts_at AT TIME ZONE o.timezone)::date::text AS week_of,
          (m.state = 'held')::int AS held, (m.state = 'missed')::int AS missed, 0 AS done, 0 AS planned
        FROM meetings m JOIN pairs p ON p.id = m.pair_id JOIN organisations o ON o.id = m.org_id
        WHERE m.org_id IN (${orgs}) AND p.cycle_id IN (${cycles}) AND m.state IN ('held', 'missed') AND m.starts_at <= ${now}
        UNION ALL
        SELECT pm.org_id, CASE WHEN pm.done_at IS NOT NULL AND pm.done_at <= ${now}
                               THEN date_trunc('week', pm.done_at AT TIME ZONE o.timezone)::date::text END,
          0, 0, (pm.done_at IS NOT NULL AND pm.done_at <= ${now})::int, 1
        FROM plan_milestones pm JOIN plans ON plans.id = pm.plan_id JOIN pairs p ON p.id = plans.pair_id
          JOIN organisations o ON o.id = pm.org_id
        WHERE pm.org_id IN (${orgs}) AND plans.org_id IN (${orgs}) AND p.cycle_id IN (${cycles}) AND plans.status <> 'draft'
      ) facts
      GROUP BY org_id, week_of`.execute(this.db);
    for (const row of progress.rows) {
      const facts = of(row.org_id);
      if (!facts) continue;
      facts.milestonesPlanned += Number(row.planned);
      if (row.week_of !== null)
        facts.progress.push({ weekOf: row.week_of, held: Number(row.held), missed: Number(row.missed), milestonesDone: Number(row.done) });
    }
    return byOrg;
  }

  /**
   * Claims each organisation's week and plans its messages, in one transaction: a week claimed by
   * another replica (or an earlier run) is skipped with its messages. Returns the messages planned.
   */
  async claim(claims: readonly DigestClaim[], at: Date): Promise<number> {
    if (claims.length === 0) return 0;
    return this.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .insertInto("digests")
        .values(
          claims.map((claim) => ({ org_id: claim.orgId, week_of: claim.weekOf, figures: JSON.stringify(claim.figures), created_at: at })),
        )
        .onConflict((conflict) => conflict.columns(["org_id", "week_of"]).doNothing())
        .returning(["org_id", "week_of"])
        .execute();
      const won = new Set(claimed.map((row) => `${row.org_id}:${row.week_of}`));
      const messages = claims
        .filter((claim) => won.has(`${claim.orgId}:${claim.weekOf}`))
        .flatMap((claim) => claim.messages.map((message) => ({ orgId: claim.orgId, ...message })));
      return new OutboxRepository(trx).enqueue(messages);
    });
  }
}
