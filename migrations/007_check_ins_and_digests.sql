-- Check-ins: every few days (the cycle's check_in_every_days) the mentor and the mentees of a working
-- pair are asked about the plan's current milestones. One row per person and round: a job that runs
-- twice, or on three replicas, asks once. Alerts to the coordinator are kept once per episode, and a
-- weekly digest once per organisation and week.
CREATE TABLE check_ins (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  pair_id      bigint NOT NULL REFERENCES pairs (id) ON DELETE CASCADE,
  org_id       bigint NOT NULL REFERENCES organisations (id),
  person_id    bigint NOT NULL REFERENCES people (id),
  respondent   text NOT NULL CHECK (respondent IN ('mentor', 'mentee')),
  round        integer NOT NULL,
  asked_at     timestamptz NOT NULL,
  answered_at  timestamptz,
  UNIQUE (pair_id, person_id, round)
);
CREATE INDEX check_ins_by_org ON check_ins (org_id, asked_at);

-- One answer per milestone asked about: done, on track, or stuck (with a word why). The id names a
-- stuck answer in its alert's key (stuck-check-in:<id>), so the flow and the attention job alert once.
CREATE TABLE check_in_answers (
  id            bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  check_in_id   bigint NOT NULL REFERENCES check_ins (id) ON DELETE CASCADE,
  milestone_id  bigint NOT NULL REFERENCES plan_milestones (id) ON DELETE CASCADE,
  org_id        bigint NOT NULL REFERENCES organisations (id),
  answer        text NOT NULL CHECK (answer IN ('done', 'on_track', 'stuck')),
  reason        text CHECK (length(reason) <= 300),
  answered_at   timestamptz NOT NULL,
  PRIMARY KEY (check_in_id, milestone_id)
);

-- The digest reads an organisation's stuck answers and their milestones.
CREATE INDEX check_in_answers_stuck ON check_in_answers (org_id, milestone_id) WHERE answer = 'stuck';
CREATE INDEX check_in_answers_by_org ON check_in_answers (org_id, answered_at);

-- An alert sent to the coordinators about a pair: the key (from domain/attention.ts) names the fact
-- behind it, so each episode is alerted once.
CREATE TABLE pair_alerts (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  pair_id     bigint NOT NULL REFERENCES pairs (id) ON DELETE CASCADE,
  org_id      bigint NOT NULL REFERENCES organisations (id),
  reason      text NOT NULL,
  alert_key   text NOT NULL,
  created_at  timestamptz NOT NULL,
  UNIQUE (pair_id, alert_key)
);

-- The weekly digest of an organisation, once per week (its Monday in the organisation's zone).
CREATE TABLE digests (
  org_id      bigint NOT NULL REFERENCES organisations (id),
  week_of     date NOT NULL,
  figures     jsonb NOT NULL,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (org_id, week_of)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON check_ins, check_in_answers, pair_alerts, digests TO nastavnik_scoped;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO nastavnik_scoped;
ALTER TABLE check_ins ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON check_ins TO nastavnik_scoped USING (org_id = nastavnik_org()) WITH CHECK (org_id = nastavnik_org());
ALTER TABLE check_in_answers ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON check_in_answers TO nastavnik_scoped USING (org_id = nastavnik_org()) WITH CHECK (org_id = nastavnik_org());
ALTER TABLE pair_alerts ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON pair_alerts TO nastavnik_scoped USING (org_id = nastavnik_org()) WITH CHECK (org_id = nastavnik_org());
ALTER TABLE digests ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON digests TO nastavnik_scoped USING (org_id = nastavnik_org()) WITH CHECK (org_id = nastavnik_org());
