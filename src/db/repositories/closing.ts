import { type Kysely, type Selectable, sql } from "kysely";
import type { CalendarDate, CycleStage } from "#root/domain/cycle.ts";
import { type IntroductionAttendance, pairIntroduction } from "#root/domain/introduction.ts";
import type { ReportPair, ReportRespondent, SurveyFacts } from "#root/domain/monitoring.ts";
import type { SurveyAudience } from "#root/domain/surveys.ts";
import type { Database, PairTable, ParticipantTable } from "../schema.ts";
import { SurveysRepository } from "./surveys.ts";

/** A cycle whose monitoring report can be made: closing, or archived. */
export interface ReportCycle {
  id: number;
  orgId: number;
  name: string;
  startsOn: CalendarDate;
  endsOn: CalendarDate;
  stage: Extract<CycleStage, "closing" | "archived">;
  closingStartedAt: Date | null;
  archivedAt: Date | null;
}

/** Someone of a pair as the closing sees them. */
export interface ClosingMember {
  participantId: number;
  personId: number;
  name: string | null;
  /** Still in the pair and in the programme: gets the summary. */
  current: boolean;
}

/** A published (or ended) pair or group of a cycle with what it did: the report's facts and the summaries' text. */
export interface ClosingPair extends ReportPair {
  /** Still published (not ended): its people get the summary. */
  active: boolean;
  mentor: ClosingMember;
  /** In name order; those who left the pair or the programme included (current: false). */
  mentees: ClosingMember[];
  /** The plan's goal; null without a plan. */
  goal: string | null;
}

/** What every report and summary of a cycle reads, in a fixed number of queries. */
export interface CycleFacts {
  pairs: ClosingPair[];
  respondents: ReportRespondent[];
}

const GONE = ["left", "withdrawn"];

/** Closing a cycle (surveys out, summaries, the report), archiving it, and the facts of its report. */
export class ClosingRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Moves a cycle at work to "closing"; false when it is not at work (any more). */
  async begin(cycleId: number, at: Date): Promise<boolean> {
    const row = await this.db
      .updateTable("cycles")
      .set({ stage: "closing", closing_started_at: at })
      .where("id", "=", cycleId)
      .where("stage", "=", "working")
      .returning("id")
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Archives a closing cycle: its pairs and groups end (their data stays for reports), an unpublished
   * draft is dropped. The participants stay active in the organisation, so the next cycle's matching
   * finds them without a new registration. Returns how many pairs ended and the meetings still to come
   * of the ended pairs (their reminders are to be withdrawn), or undefined when the cycle is not
   * closing (any more).
   */
  async archive(cycleId: number, at: Date): Promise<{ pairsEnded: number; upcomingMeetings: number[] } | undefined> {
    const cycle = await this.db
      .updateTable("cycles")
      .set({ stage: "archived", archived_at: at })
      .where("id", "=", cycleId)
      .where("stage", "=", "closing")
      .returning("id")
      .executeTakeFirst();
    if (!cycle) return undefined;
    const ended = await this.db
      .updateTable("pairs")
      .set({ status: "ended", ended_at: at })
      .where("cycle_id", "=", cycleId)
      .where("status", "=", "published")
      .executeTakeFirst();
    await this.db.updateTable("pair_mentees").set({ ended_at: at }).where("cycle_id", "=", cycleId).where("ended_at", "is", null).execute();
    await this.db.deleteFrom("pairs").where("cycle_id", "=", cycleId).where("status", "=", "draft").execute();
    const upcoming = await this.db
      .selectFrom("meetings")
      .innerJoin("pairs", "pairs.id", "meetings.pair_id")
      .select("meetings.id")
      .where("pairs.cycle_id", "=", cycleId)
      .where("meetings.state", "in", ["proposed", "accepted"])
      .where("meetings.starts_at", ">", at)
      .orderBy("meetings.id")
      .execute();
    return { pairsEnded: Number(ended.numUpdatedRows), upcomingMeetings: upcoming.map((row) => row.id) };
  }

  /** The cycle a report is about: the one closing now, else the one archived last. */
  async reportCycle(orgId: number): Promise<ReportCycle | undefined> {
    const row = await this.db
      .selectFrom("cycles")
      .select(["id", "org_id", "name", "starts_on", "ends_on", "stage", "closing_started_at", "archived_at"])
      .where("org_id", "=", orgId)
      .where("stage", "in", ["closing", "archived"])
      .orderBy(sql`stage = 'closing'`, "desc")
      .orderBy("archived_at", (order) => order.desc().nullsLast())
      .orderBy("id", "desc")
      .limit(1)
      // The WHERE above keeps only these two stages.
      .$narrowType<{ stage: ReportCycle["stage"] }>()
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      orgId: row.org_id,
      name: row.name,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      stage: row.stage,
      closingStartedAt: row.closing_started_at,
      archivedAt: row.archived_at,
    };
  }

  /**
   * The pairs of a cycle with their meetings held, milestones and whether they stopped before
   * `closedAt` (the pair ended, or its mentor or a mentee left the pair or the programme), and the
   * questionnaires their people were sent and answered (`SurveysRepository.cycleFacts`). Four queries,
   * whatever the cycle's size.
   */
  async cycleFacts(cycleId: number, closedAt: Date): Promise<CycleFacts> {
    const pairRows = await sql<
      Pick<Selectable<PairTable>, "id" | "form" | "direction" | "variant" | "status" | "ended_at"> & {
        mentor_id: number;
        mentor_person_id: number;
        mentor_name: string | null;
        mentor_status: Selectable<ParticipantTable>["status"];
        mentor_updated_at: Date;
        goal: string | null;
        meetings_held: number | string;
        milestones: number | string;
        milestones_done: number | string;
        introduction_marks: IntroductionAttendance[] | null;
      }
    >`
      SELECT p.id, p.form, p.direction, p.variant, p.status, p.ended_at,
        mentor.id AS mentor_id, mentor.person_id AS mentor_person_id, mentor_person.full_name AS mentor_name,
        mentor.status AS mentor_status, mentor.updated_at AS mentor_updated_at, plan.goal,
        (SELECT count(*) FROM meetings m WHERE m.pair_id = p.id AND m.state = 'held') AS meetings_held,
        (SELECT count(*) FROM plan_milestones pm WHERE pm.plan_id = plan.id) AS milestones,
        (SELECT count(*) FROM plan_milestones pm WHERE pm.plan_id = plan.id AND pm.done_at IS NOT NULL) AS milestones_done,
        (SELECT array_agg(ip.attendance) FROM introduction_pairs ip JOIN final_events e ON e.id = ip.event_id AND e.cancelled_at IS NULL
          WHERE ip.pair_id = p.id) AS introduction_marks
      FROM pairs p
      JOIN participants mentor ON mentor.id = p.mentor_participant_id
      JOIN people mentor_person ON mentor_person.id = mentor.person_id
      LEFT JOIN plans plan ON plan.pair_id = p.id
      WHERE p.cycle_id = ${cycleId} AND p.status IN ('published', 'ended') AND p.published_at IS NOT NULL
      ORDER BY mentor_person.full_name NULLS LAST, p.id`.execute(this.db);
    const memberRows = await sql<
      Pick<Selectable<ParticipantTable>, "person_id" | "status" | "updated_at"> & {
        pair_id: number;
        participant_id: number;
        name: string | null;
        ended_at: Date | null;
      }
    >`
      SELECT pm.pair_id, mentee.id AS participant_id, mentee.person_id, person.full_name AS name, mentee.status, mentee.updated_at, pm.ended_at
      FROM pair_mentees pm
      JOIN pairs p ON p.id = pm.pair_id
      JOIN participants mentee ON mentee.id = pm.mentee_participant_id
      JOIN people person ON person.id = mentee.person_id
      WHERE p.cycle_id = ${cycleId} AND p.status IN ('published', 'ended') AND p.published_at IS NOT NULL
      ORDER BY person.full_name NULLS LAST, mentee.id`.execute(this.db);
    const surveys = await new SurveysRepository(this.db).cycleFacts(cycleId);

    const before = (instant: Date | null) => instant !== null && new Date(instant).getTime() < closedAt.getTime();
    const leftBefore = (status: string, updatedAt: Date) => GONE.includes(status) && before(updatedAt);
    const pairs = new Map<number, ClosingPair>();
    for (const row of pairRows.rows) {
      pairs.set(row.id, {
        pairId: row.id,
        form: row.form,
        direction: row.direction,
        variant: row.variant,
        meetingsHeld: Number(row.meetings_held),
        milestones: Number(row.milestones),
        milestonesDone: Number(row.milestones_done),
        introduction: pairIntroduction(row.introduction_marks ?? []),
        active: row.status === "published",
        stopped: (row.status === "ended" && before(row.ended_at)) || leftBefore(row.mentor_status, row.mentor_updated_at),
        mentor: {
          participantId: row.mentor_id,
          personId: row.mentor_person_id,
          name: row.mentor_name,
          current: row.mentor_status === "active",
        },
        mentees: [],
        goal: row.goal,
      });
    }
    for (const row of memberRows.rows) {
      const pair = pairs.get(row.pair_id);
      if (!pair) continue;
      pair.mentees.push({
        participantId: row.participant_id,
        personId: row.person_id,
        name: row.name,
        current: row.status === "active" && row.ended_at === null,
      });
      if (leftBefore(row.status, row.updated_at) || before(row.ended_at)) pair.stopped = true;
    }

    // One respondent per person and pair: everyone of a pair, asked or not, then anyone else asked.
    const respondents = new Map<string, ReportRespondent>();
    const respondent = (pairId: number, personId: number, name: string | null, audience: SurveyAudience): ReportRespondent => {
      const key = `${pairId}:${personId}:${audience}`;
      let entry = respondents.get(key);
      if (!entry) {
        entry = { personId, name: name ?? "—", audience, pairId, start: { sent: false }, end: { sent: false } };
        respondents.set(key, entry);
      }
      return entry;
    };
    for (const pair of pairs.values()) {
      respondent(pair.pairId, pair.mentor.personId, pair.mentor.name, "mentor");
      for (const mentee of pair.mentees) respondent(pair.pairId, mentee.personId, mentee.name, "mentee");
    }
    for (const survey of surveys) {
      if (!pairs.has(survey.pairId)) continue;
      const entry = respondent(survey.pairId, survey.personId, survey.name, survey.audience);
      const facts: SurveyFacts = survey.answeredAt ? { sent: true, scales: survey.scales } : { sent: true };
      if (survey.moment === "start") entry.start = facts;
      else entry.end = facts;
    }
    return { pairs: [...pairs.values()], respondents: [...respondents.values()] };
  }
}
