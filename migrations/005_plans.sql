-- The individual mentoring plan (ИПН) of a pair or group: a goal and milestones (what, by when, how
-- it is shown). The mentor drafts it; a mentee agrees or asks for a change; the coordinator sees all.
CREATE TABLE plans (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  pair_id         bigint NOT NULL UNIQUE REFERENCES pairs (id) ON DELETE CASCADE,
  org_id          bigint NOT NULL REFERENCES organisations (id),
  goal            text NOT NULL CHECK (length(goal) BETWEEN 1 AND 500),
  -- draft: the mentor is writing it; proposed: shown to the mentees; agreed; change_requested.
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'proposed', 'agreed', 'change_requested')),
  change_request  text CHECK (length(change_request) <= 1000),
  -- Bumped whenever the mentor changes the plan after proposing it: an agreement names the version seen.
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  proposed_at     timestamptz,
  agreed_at       timestamptz,
  agreed_by       bigint REFERENCES people (id)
);

CREATE TABLE plan_milestones (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plan_id     bigint NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  org_id      bigint NOT NULL REFERENCES organisations (id),
  position    integer NOT NULL,
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  due_on      date NOT NULL,
  -- How the result is shown (a project, a certificate, a talk…).
  evidence    text CHECK (length(evidence) <= 300),
  done_at     timestamptz,
  done_by     bigint REFERENCES people (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_milestones_by_plan ON plan_milestones (plan_id, position);
CREATE INDEX plan_milestones_open_by_org ON plan_milestones (org_id, due_on) WHERE done_at IS NULL;

GRANT SELECT, INSERT, UPDATE, DELETE ON plans, plan_milestones TO nastavnik_scoped;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO nastavnik_scoped;
ALTER TABLE plans ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON plans TO nastavnik_scoped USING (org_id = nastavnik_org()) WITH CHECK (org_id = nastavnik_org());
ALTER TABLE plan_milestones ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON plan_milestones TO nastavnik_scoped USING (org_id = nastavnik_org()) WITH CHECK (org_id = nastavnik_org());
