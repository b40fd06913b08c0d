-- The regional level's figures (issue 20): a territory's coordinators see the organisations under it
-- in aggregates only. Their queries run under the role nastavnik_territory, which may read no table
-- at all: only the functions below, which run as their owner (SECURITY DEFINER), keep to the
-- territory named in the setting nastavnik.territory_id (a region includes its municipalities'
-- organisations), and hide every small cell before a figure leaves the database.
--
-- The figures are read from rollups that the job region-rollups rebuilds every hour (region_refresh),
-- not from the tables: computed live, a region of 1,000 schools took 20 s for its screen
-- (bench/RESULTS.md, "Issue 20"). The rollups keep no name and no row per child: pairs and people are
-- grouped by organisation, form, days and birth year, events by organisation and day.

DO $$
BEGIN
  CREATE ROLE nastavnik_territory NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END
$$;
DO $$
BEGIN
  EXECUTE format('GRANT nastavnik_territory TO %I', current_user);
EXCEPTION WHEN OTHERS THEN NULL;
END
$$;
-- Roles are shared by every database of a server: whatever another database granted it, here it reads
-- no table and no sequence.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM nastavnik_territory;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM nastavnik_territory;
GRANT USAGE ON SCHEMA public TO nastavnik_territory;

-- The territory of the setting; NULL when it is unset.
CREATE FUNCTION nastavnik_territory() RETURNS bigint LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('nastavnik.territory_id', true), '')::bigint $$;

-- A count as a territory may see it: hidden (NULL) when 1 to 4 people or pairs are behind it. Zero is
-- shown: nobody can be recognised in it. `behind` is what the count is of (people, pairs), when the
-- count itself is not (meetings are counted, the pairs at work in the period are behind the count).
CREATE FUNCTION region_cell(figure numeric, behind numeric) RETURNS integer LANGUAGE sql IMMUTABLE AS
  $$ SELECT CASE WHEN behind BETWEEN 1 AND 4 THEN NULL ELSE figure::integer END $$;

-- The rollups. Days are the organisation's calendar days. Only the owner reads them.
--
-- Pairs published (drafts never count), grouped by what the screens break them down by and by the days
-- they were at work (ended_on NULL: still at work).
CREATE TABLE region_pair_spans (
  org_id        bigint NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  form          text NOT NULL,
  direction     text,
  variant       text,
  published_on  date NOT NULL,
  ended_on      date,
  pairs         integer NOT NULL
);
CREATE INDEX region_pair_spans_by_org ON region_pair_spans (org_id);

-- The mentors and mentees of those pairs, one span per person and organisation from their first pair's
-- publication to their last pair's end (or while they are in one), grouped by birth year. A person
-- with a gap between two pairs counts in a period that falls in the gap: rare, and what keeps the
-- rollup free of person rows.
CREATE TABLE region_people_spans (
  org_id      bigint NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  birth_year  integer NOT NULL,
  from_on     date NOT NULL,
  to_on       date,
  people      integer NOT NULL
);
CREATE INDEX region_people_spans_by_org ON region_people_spans (org_id);

-- What happened on a day: meetings held, plans completed (their last milestone done that day), and
-- the end questionnaires answered that day (per respondent values summed, so means stay weighted).
CREATE TABLE region_org_days (
  org_id              bigint NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  day                 date NOT NULL,
  meetings_held       integer NOT NULL,
  plans_completed     integer NOT NULL,
  satisfaction_total  float8 NOT NULL,
  satisfaction_n      integer NOT NULL,
  growth_total        float8 NOT NULL,
  growth_n            integer NOT NULL,
  PRIMARY KEY (org_id, day)
);

-- Stuck pairs are a state, not an event: each refresh writes its day's count, and a period reads the
-- count of its last day that has one. Past days keep the count their last refresh saw.
CREATE TABLE region_stuck_days (
  org_id       bigint NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  day          date NOT NULL,
  stuck_pairs  integer NOT NULL,
  PRIMARY KEY (org_id, day)
);

-- When the rollups were last rebuilt; one row, locked by the refresh so one replica rebuilds at a time.
CREATE TABLE region_rollup_state (
  only_row      boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  refreshed_at  timestamptz
);
INSERT INTO region_rollup_state (only_row, refreshed_at) VALUES (true, NULL);

-- The territory of the setting: its name, kind and zone, and when its figures were counted.
CREATE FUNCTION region_territory()
RETURNS TABLE (id bigint, name text, kind text, timezone text, counted_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT t.id, t.name, t.kind, t.timezone, (SELECT r.refreshed_at FROM region_rollup_state r)
  FROM territories t WHERE t.id = nastavnik_territory()
$$;

-- The indexes the refresh reads by: meetings held by time (with the pair), alerts by organisation and
-- time (read live: they are few), end questionnaires answered, and check-ins by pair and answer time.
CREATE INDEX meetings_held_by_time ON meetings (starts_at) INCLUDE (org_id, pair_id) WHERE state = 'held';
CREATE INDEX pair_alerts_by_org ON pair_alerts (org_id, created_at);
CREATE INDEX surveys_end_answered ON surveys (answered_at) WHERE moment = 'end' AND answered_at IS NOT NULL;
CREATE INDEX check_ins_answered_by_pair ON check_ins (pair_id, answered_at) WHERE answered_at IS NOT NULL;

-- Rebuilds the rollups from the tables as they are at `as_of` (the job's now); the stuck pairs are
-- those at work then whose latest answered check-in said stuck, or that held no meeting in the 14 days
-- before (a pair formed less than 14 days before has not been quiet yet): the attention rules
-- of src/domain/attention.ts, simpler. The question ids come from the question sets
-- (src/domain/monitoring.ts, reportQuestions). Runs as the owner; nobody else may call it.
CREATE FUNCTION region_refresh(
  as_of timestamptz, satisfaction_mentee text[], satisfaction_mentor text[], growth_mentee text[], growth_mentor text[]
) RETURNS integer
LANGUAGE plpgsql SET jit = off AS $$
DECLARE
  written integer := 0;
  more integer;
BEGIN
  DELETE FROM region_pair_spans;
  INSERT INTO region_pair_spans (org_id, form, direction, variant, published_on, ended_on, pairs)
  SELECT p.org_id, p.form, p.direction, p.variant, (p.published_at AT TIME ZONE o.timezone)::date,
    (p.ended_at AT TIME ZONE o.timezone)::date, count(*)
  FROM pairs p JOIN organisations o ON o.id = p.org_id
  WHERE p.status IN ('published', 'ended') AND p.published_at IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5, 6;
  GET DIAGNOSTICS more = ROW_COUNT;
  written := written + more;

  DELETE FROM region_people_spans;
  INSERT INTO region_people_spans (org_id, birth_year, from_on, to_on, people)
  SELECT per.org_id, per.birth_year, per.from_on, per.to_on, count(*) FROM (
    SELECT m.org_id, pe.birth_year, (min(m.from_at) AT TIME ZONE o.timezone)::date AS from_on,
      CASE WHEN bool_or(m.to_at IS NULL) THEN NULL ELSE (max(m.to_at) AT TIME ZONE o.timezone)::date END AS to_on
    FROM (
      SELECT p.org_id, mentor.person_id, p.published_at AS from_at, p.ended_at AS to_at
      FROM pairs p JOIN participants mentor ON mentor.id = p.mentor_participant_id
      WHERE p.status IN ('published', 'ended') AND p.published_at IS NOT NULL
      UNION ALL
      SELECT p.org_id, mentee.person_id, p.published_at,
        CASE WHEN p.ended_at IS NULL THEN pm.ended_at WHEN pm.ended_at IS NULL THEN p.ended_at ELSE least(p.ended_at, pm.ended_at) END
      FROM pairs p JOIN pair_mentees pm ON pm.pair_id = p.id JOIN participants mentee ON mentee.id = pm.mentee_participant_id
      WHERE p.status IN ('published', 'ended') AND p.published_at IS NOT NULL
    ) m
    JOIN people pe ON pe.id = m.person_id
    JOIN organisations o ON o.id = m.org_id
    WHERE pe.birth_year IS NOT NULL
    GROUP BY m.org_id, o.timezone, m.person_id, pe.birth_year
  ) per
  GROUP BY 1, 2, 3, 4;
  GET DIAGNOSTICS more = ROW_COUNT;
  written := written + more;

  DELETE FROM region_org_days;
  INSERT INTO region_org_days (org_id, day, meetings_held, plans_completed, satisfaction_total, satisfaction_n, growth_total, growth_n)
  SELECT e.org_id, (e.happened_at AT TIME ZONE o.timezone)::date, sum(e.held), sum(e.completed), sum(e.satisfaction), sum(e.satisfied),
    sum(e.growth), sum(e.grown)
  FROM (
    SELECT m.org_id, m.starts_at AS happened_at, 1 AS held, 0 AS completed, 0::float8 AS satisfaction, 0 AS satisfied, 0::float8 AS growth, 0 AS grown
    FROM meetings m WHERE m.state = 'held' AND m.starts_at <= as_of
    UNION ALL
    SELECT pm.org_id, max(pm.done_at), 0, 1, 0, 0, 0, 0
    FROM plan_milestones pm GROUP BY pm.org_id, pm.plan_id HAVING count(*) = count(pm.done_at)
    UNION ALL
    SELECT s.org_id, s.answered_at, 0, 0, avg(a.scale)::float8, 1, 0, 0
    FROM surveys s JOIN survey_answers a ON a.survey_id = s.id AND a.scale IS NOT NULL
      AND a.question_id = ANY (CASE s.audience WHEN 'mentee' THEN satisfaction_mentee ELSE satisfaction_mentor END)
    WHERE s.moment = 'end' AND s.answered_at IS NOT NULL
    GROUP BY s.id
    UNION ALL
    -- Per respondent the mean change rounded to one decimal, as the school's own report does.
    SELECT s.org_id, s.answered_at, 0, 0, 0, 0, round(avg(after.scale - before.scale), 1)::float8, 1
    FROM surveys s
    JOIN surveys start ON start.pair_id = s.pair_id AND start.person_id = s.person_id AND start.moment = 'start' AND start.answered_at IS NOT NULL
    JOIN survey_answers after ON after.survey_id = s.id AND after.scale IS NOT NULL
      AND after.question_id = ANY (CASE s.audience WHEN 'mentee' THEN growth_mentee ELSE growth_mentor END)
    JOIN survey_answers before ON before.survey_id = start.id AND before.question_id = after.question_id AND before.scale IS NOT NULL
    WHERE s.moment = 'end' AND s.answered_at IS NOT NULL
    GROUP BY s.id
  ) e
  JOIN organisations o ON o.id = e.org_id
  GROUP BY 1, 2;
  GET DIAGNOSTICS more = ROW_COUNT;
  written := written + more;

  INSERT INTO region_stuck_days (org_id, day, stuck_pairs)
  SELECT o.id, (as_of AT TIME ZONE o.timezone)::date, count(w.id)
  FROM organisations o
  LEFT JOIN pairs w ON w.org_id = o.id AND w.status IN ('published', 'ended') AND w.published_at <= as_of
    AND (w.ended_at IS NULL OR w.ended_at > as_of)
    AND (
      -- A stuck answer with no check-in of the pair answered after it.
      EXISTS (
        SELECT 1 FROM check_ins c JOIN check_in_answers a ON a.check_in_id = c.id AND a.answer = 'stuck'
        WHERE c.pair_id = w.id AND c.answered_at <= as_of
          AND NOT EXISTS (SELECT 1 FROM check_ins later WHERE later.pair_id = w.id AND later.answered_at > c.answered_at AND later.answered_at <= as_of)
      )
      OR (w.published_at <= as_of - interval '14 days' AND NOT EXISTS (
        SELECT 1 FROM meetings m WHERE m.pair_id = w.id AND m.state = 'held' AND m.starts_at > as_of - interval '14 days' AND m.starts_at <= as_of
      ))
    )
  GROUP BY o.id, o.timezone
  ON CONFLICT (org_id, day) DO UPDATE SET stuck_pairs = excluded.stuck_pairs;
  GET DIAGNOSTICS more = ROW_COUNT;
  written := written + more;

  UPDATE region_rollup_state SET refreshed_at = as_of;
  RETURN written;
END
$$;
REVOKE EXECUTE ON FUNCTION region_refresh(timestamptz, text[], text[], text[], text[]) FROM PUBLIC;

-- The figures of a period [period_from, period_to] (the organisations' calendar days: the zones of a
-- territory differ by hours, nothing at the month granularity the screens and reports use): one row
-- per organisation, per municipality (for a region) and the total. A municipality and the total sum
-- the raw figures of their organisations (means weighted by respondents) and hide small cells only
-- then. From the rollups as of their last refresh, but for the alerts, the cycles and the enrolment
-- figures (few rows, read live). The school year is the period's end's.
--
--   pairs         published pairs at work some day of the period
--   participants  their mentees and mentors aged 10–19 in the period's end year
--   meetings      held in the period; hidden when fewer than 5 pairs were at work
--   plans         completed in the period: every milestone done, the last one in the period
--   stuck         the refresh's count on the period's last day that has one (none: 0)
--   alerting      pairs with a coordinator alert raised in the period (alerts keep no resolution)
--   satisfaction  per respondent the mean of their end questionnaire's satisfaction scales answered in
--                 the period; the mean over respondents
--   growth        per respondent (end questionnaire answered in the period) the mean change of the
--                 growth scales answered at both moments; the mean over respondents
CREATE FUNCTION region_figures(period_from date, period_to date, school_year integer)
RETURNS TABLE (
  level text, id bigint, parent_id bigint, name text,
  organisations integer, with_open_cycle integer, students integer, participants integer,
  pairs integer, pairs_by_form jsonb, pairs_by_direction jsonb, pairs_by_variant jsonb,
  meetings_held integer, plans_completed integer, stuck_pairs integer, alerting_pairs integer,
  satisfaction_mean float8, satisfaction_respondents integer, growth_mean float8, growth_respondents integer,
  cycle_name text, cycle_stage text
)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp SET jit = off AS $$
DECLARE
  scope bigint := nastavnik_territory();
  zone text;
  starts timestamptz;
  ends timestamptz;
BEGIN
  SELECT t.timezone INTO zone FROM territories t WHERE t.id = scope;
  IF zone IS NULL OR period_to < period_from THEN RETURN; END IF;
  starts := period_from::timestamp AT TIME ZONE zone;
  ends := (period_to + 1)::timestamp AT TIME ZONE zone;
  RETURN QUERY
  WITH orgs AS MATERIALIZED (
    SELECT o.id, o.name, o.territory_id, CASE WHEN o.territory_id <> scope THEN o.territory_id END AS municipality_id
    FROM organisations o JOIN territories t ON t.id = o.territory_id
    WHERE t.id = scope OR t.parent_id = scope
  ),
  working AS MATERIALIZED (
    SELECT s.org_id, s.form, s.direction, s.variant, s.pairs FROM region_pair_spans s
    WHERE s.org_id IN (SELECT orgs.id FROM orgs) AND s.published_on <= period_to AND (s.ended_on IS NULL OR s.ended_on >= period_from)
  ),
  pair_counts AS (SELECT w.org_id, sum(w.pairs) AS n FROM working w GROUP BY w.org_id),
  young AS (
    SELECT s.org_id, sum(s.people) AS n FROM region_people_spans s
    WHERE s.org_id IN (SELECT orgs.id FROM orgs) AND s.from_on <= period_to AND (s.to_on IS NULL OR s.to_on >= period_from)
      AND extract(year FROM period_to)::integer - s.birth_year BETWEEN 10 AND 19
    GROUP BY s.org_id
  ),
  days AS (
    SELECT d.org_id, sum(d.meetings_held) AS meetings, sum(d.plans_completed) AS plans,
      sum(d.satisfaction_total) AS satisfaction_total, sum(d.satisfaction_n) AS satisfaction_n,
      sum(d.growth_total) AS growth_total, sum(d.growth_n) AS growth_n
    FROM region_org_days d
    WHERE d.org_id IN (SELECT orgs.id FROM orgs) AND d.day BETWEEN period_from AND period_to
    GROUP BY d.org_id
  ),
  stuck AS (
    SELECT DISTINCT ON (d.org_id) d.org_id, d.stuck_pairs AS n FROM region_stuck_days d
    WHERE d.org_id IN (SELECT orgs.id FROM orgs) AND d.day BETWEEN period_from AND period_to
    ORDER BY d.org_id, d.day DESC
  ),
  alerting AS (
    SELECT a.org_id, count(DISTINCT a.pair_id) AS n FROM pair_alerts a
    WHERE a.org_id IN (SELECT orgs.id FROM orgs) AND a.created_at >= starts AND a.created_at < ends
    GROUP BY a.org_id
  ),
  latest_cycle AS (
    SELECT DISTINCT ON (c.org_id) c.org_id, c.name, c.stage FROM cycles c
    WHERE c.org_id IN (SELECT orgs.id FROM orgs) AND c.starts_on <= period_to AND c.ends_on >= period_from
    ORDER BY c.org_id, c.starts_on DESC, c.id DESC
  ),
  open_cycle AS (
    SELECT DISTINCT c.org_id FROM cycles c
    WHERE c.org_id IN (SELECT orgs.id FROM orgs) AND c.created_at < ends AND (c.archived_at IS NULL OR c.archived_at >= ends)
  ),
  facts AS (
    SELECT o.id AS org_id, o.municipality_id,
      coalesce(pc.n, 0) AS pairs, coalesce(y.n, 0) AS participants, e.students_10_19 AS students,
      coalesce(d.meetings, 0) AS meetings, coalesce(d.plans, 0) AS plans, coalesce(st.n, 0) AS stuck, coalesce(al.n, 0) AS alerting,
      coalesce(d.satisfaction_total, 0) AS satisfaction_total, coalesce(d.satisfaction_n, 0) AS satisfaction_n,
      coalesce(d.growth_total, 0) AS growth_total, coalesce(d.growth_n, 0) AS growth_n,
      oc.org_id IS NOT NULL AS open
    FROM orgs o
    LEFT JOIN pair_counts pc ON pc.org_id = o.id
    LEFT JOIN young y ON y.org_id = o.id
    LEFT JOIN organisation_enrolments e ON e.org_id = o.id AND e.school_year = region_figures.school_year
    LEFT JOIN days d ON d.org_id = o.id
    LEFT JOIN stuck st ON st.org_id = o.id
    LEFT JOIN alerting al ON al.org_id = o.id
    LEFT JOIN open_cycle oc ON oc.org_id = o.id
  ),
  levels AS (
    SELECT
      CASE WHEN grouping(f.org_id) = 0 THEN 'organisation' WHEN grouping(f.municipality_id) = 0 THEN 'municipality' ELSE 'total' END AS level,
      CASE WHEN grouping(f.org_id) = 0 THEN f.org_id WHEN grouping(f.municipality_id) = 0 THEN f.municipality_id ELSE scope END AS id,
      count(*) AS organisations, count(*) FILTER (WHERE f.open) AS with_open_cycle, sum(f.students) AS students,
      sum(f.participants) AS participants, sum(f.pairs) AS pairs, sum(f.meetings) AS meetings,
      sum(f.plans) AS plans, sum(f.stuck) AS stuck, sum(f.alerting) AS alerting,
      sum(f.satisfaction_total) AS satisfaction_total, sum(f.satisfaction_n) AS satisfaction_n,
      sum(f.growth_total) AS growth_total, sum(f.growth_n) AS growth_n
    FROM facts f
    GROUP BY GROUPING SETS ((f.org_id), (f.municipality_id), ())
    -- Organisations attached to the region itself belong to no municipality.
    HAVING grouping(f.org_id) = 0 OR grouping(f.municipality_id) = 1 OR f.municipality_id IS NOT NULL
  ),
  keyed AS (
    SELECT
      CASE WHEN grouping(o.id) = 0 THEN 'organisation' WHEN grouping(o.municipality_id) = 0 THEN 'municipality' ELSE 'total' END AS level,
      CASE WHEN grouping(o.id) = 0 THEN o.id WHEN grouping(o.municipality_id) = 0 THEN o.municipality_id ELSE scope END AS id,
      d.dimension, d.key, sum(w.pairs) AS n
    FROM working w JOIN orgs o ON o.id = w.org_id
    CROSS JOIN LATERAL (VALUES ('form', w.form), ('direction', w.direction), ('variant', w.variant)) d (dimension, key)
    WHERE d.key IS NOT NULL
    GROUP BY GROUPING SETS ((d.dimension, d.key, o.id), (d.dimension, d.key, o.municipality_id), (d.dimension, d.key))
    HAVING grouping(o.id) = 0 OR grouping(o.municipality_id) = 1 OR o.municipality_id IS NOT NULL
  ),
  by_key AS (
    SELECT k.level, k.id,
      jsonb_object_agg(k.key, region_cell(k.n, k.n)) FILTER (WHERE k.dimension = 'form') AS by_form,
      jsonb_object_agg(k.key, region_cell(k.n, k.n)) FILTER (WHERE k.dimension = 'direction') AS by_direction,
      jsonb_object_agg(k.key, region_cell(k.n, k.n)) FILTER (WHERE k.dimension = 'variant') AS by_variant
    FROM keyed k GROUP BY k.level, k.id
  )
  SELECT l.level, l.id,
    CASE l.level WHEN 'organisation' THEN o.territory_id WHEN 'municipality' THEN scope END,
    CASE l.level WHEN 'organisation' THEN o.name ELSE t.name END,
    l.organisations::integer, l.with_open_cycle::integer, l.students::integer, region_cell(l.participants, l.participants),
    region_cell(l.pairs, l.pairs), coalesce(k.by_form, '{}'), coalesce(k.by_direction, '{}'), coalesce(k.by_variant, '{}'),
    region_cell(l.meetings, l.pairs), region_cell(l.plans, l.plans), region_cell(l.stuck, l.stuck), region_cell(l.alerting, l.alerting),
    CASE WHEN l.satisfaction_n >= 5 THEN l.satisfaction_total / l.satisfaction_n END, region_cell(l.satisfaction_n, l.satisfaction_n),
    CASE WHEN l.growth_n >= 5 THEN l.growth_total / l.growth_n END, region_cell(l.growth_n, l.growth_n),
    lc.name, lc.stage
  FROM levels l
  LEFT JOIN by_key k ON k.level = l.level AND k.id = l.id
  LEFT JOIN orgs o ON l.level = 'organisation' AND o.id = l.id
  LEFT JOIN territories t ON l.level <> 'organisation' AND t.id = l.id
  LEFT JOIN latest_cycle lc ON l.level = 'organisation' AND lc.org_id = l.id
  ORDER BY CASE l.level WHEN 'total' THEN 0 WHEN 'municipality' THEN 1 ELSE 2 END, l.id;
END
$$;

-- The territory's total month by month, from first_month's month to last_month's (the digest's
-- chart): pairs at work some day of the month, meetings held in it (hidden when fewer than 5 pairs
-- were at work), and the mentees and mentors aged 10–19 in the month's year. Small cells hidden.
CREATE FUNCTION region_months(first_month date, last_month date)
RETURNS TABLE (month date, pairs integer, meetings_held integer, participants integer)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp SET jit = off AS $$
DECLARE
  scope bigint := nastavnik_territory();
BEGIN
  IF NOT EXISTS (SELECT 1 FROM territories t WHERE t.id = scope) OR last_month < first_month THEN RETURN; END IF;
  RETURN QUERY
  WITH orgs AS MATERIALIZED (
    SELECT o.id FROM organisations o JOIN territories t ON t.id = o.territory_id WHERE t.id = scope OR t.parent_id = scope
  ),
  months AS MATERIALIZED (
    SELECT m::date AS month_starts, (m + interval '1 month' - interval '1 day')::date AS month_ends
    FROM generate_series(date_trunc('month', first_month)::timestamp, date_trunc('month', last_month)::timestamp, interval '1 month') m
  ),
  pair_months AS (
    SELECT mo.month_starts, sum(s.pairs) AS n
    FROM region_pair_spans s JOIN months mo ON s.published_on <= mo.month_ends AND (s.ended_on IS NULL OR s.ended_on >= mo.month_starts)
    WHERE s.org_id IN (SELECT orgs.id FROM orgs)
    GROUP BY mo.month_starts
  ),
  young_months AS (
    SELECT mo.month_starts, sum(s.people) AS n
    FROM region_people_spans s JOIN months mo ON s.from_on <= mo.month_ends AND (s.to_on IS NULL OR s.to_on >= mo.month_starts)
    WHERE s.org_id IN (SELECT orgs.id FROM orgs) AND extract(year FROM mo.month_starts)::integer - s.birth_year BETWEEN 10 AND 19
    GROUP BY mo.month_starts
  ),
  held_months AS (
    SELECT date_trunc('month', d.day)::date AS month_starts, sum(d.meetings_held) AS n
    FROM region_org_days d
    WHERE d.org_id IN (SELECT orgs.id FROM orgs) AND d.day BETWEEN (SELECT min(mo.month_starts) FROM months mo) AND (SELECT max(mo.month_ends) FROM months mo)
    GROUP BY 1
  )
  SELECT mo.month_starts, region_cell(coalesce(pm.n, 0), coalesce(pm.n, 0)), region_cell(coalesce(h.n, 0), coalesce(pm.n, 0)),
    region_cell(coalesce(y.n, 0), coalesce(y.n, 0))
  FROM months mo
  LEFT JOIN pair_months pm ON pm.month_starts = mo.month_starts
  LEFT JOIN held_months h ON h.month_starts = mo.month_starts
  LEFT JOIN young_months y ON y.month_starts = mo.month_starts
  ORDER BY mo.month_starts;
END
$$;

-- Only a territory's scope calls the figures; nobody else needs them, and a school's scope must not.
REVOKE EXECUTE ON FUNCTION region_territory(), region_figures(date, date, integer), region_months(date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION region_territory(), region_figures(date, date, integer), region_months(date, date) TO nastavnik_territory;
