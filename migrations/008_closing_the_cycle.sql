-- Stage 7, closing the cycle: feedback questionnaires at the start of a pair's work and at the
-- cycle's end (versioned question sets, answers per question), the closing and archiving of a cycle,
-- and the final public event with participants' and parents' replies.

CREATE TABLE surveys (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id          bigint NOT NULL REFERENCES organisations (id),
  cycle_id        bigint NOT NULL REFERENCES cycles (id),
  pair_id         bigint NOT NULL REFERENCES pairs (id) ON DELETE CASCADE,
  person_id       bigint NOT NULL REFERENCES people (id),
  audience        text NOT NULL CHECK (audience IN ('mentee', 'mentor')),
  moment          text NOT NULL CHECK (moment IN ('start', 'end')),
  -- The question set's version (src/domain/surveys.ts) the person was asked.
  version         integer NOT NULL,
  sent_at         timestamptz NOT NULL,
  reminders_sent  integer NOT NULL DEFAULT 0 CHECK (reminders_sent BETWEEN 0 AND 2),
  answered_at     timestamptz,
  UNIQUE (pair_id, person_id, moment)
);
CREATE INDEX surveys_by_cycle ON surveys (cycle_id, moment);
CREATE INDEX surveys_unanswered ON surveys (sent_at) WHERE answered_at IS NULL;

CREATE TABLE survey_answers (
  survey_id    bigint NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  org_id       bigint NOT NULL REFERENCES organisations (id),
  question_id  text NOT NULL,
  scale        integer CHECK (scale BETWEEN 1 AND 10),
  choice       text,
  open_text    text CHECK (length(open_text) <= 500),
  answered_at  timestamptz NOT NULL,
  PRIMARY KEY (survey_id, question_id),
  CHECK ((scale IS NOT NULL)::int + (choice IS NOT NULL)::int + (open_text IS NOT NULL)::int = 1)
);

-- closing: surveys out, summaries sent, the report available; archived: read-only for reports.
ALTER TABLE cycles
  ADD COLUMN closing_started_at timestamptz,
  ADD COLUMN archived_at timestamptz;

CREATE TABLE final_events (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id       bigint NOT NULL REFERENCES organisations (id),
  cycle_id     bigint NOT NULL REFERENCES cycles (id),
  starts_at    timestamptz NOT NULL,
  place        text NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
  description  text NOT NULL CHECK (length(description) BETWEEN 1 AND 1000),
  created_by   bigint NOT NULL REFERENCES people (id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
-- One event per cycle: two coordinators announcing at once get one event, the second sees it.
CREATE UNIQUE INDEX final_events_one_per_cycle ON final_events (cycle_id);

-- Who was invited, with the role they were invited in (fixed at that moment): the counts split by
-- role and "not answered yet" are read from here, and a reply is accepted from these people.
CREATE TABLE final_event_guests (
  event_id     bigint NOT NULL REFERENCES final_events (id) ON DELETE CASCADE,
  person_id    bigint NOT NULL REFERENCES people (id),
  org_id       bigint NOT NULL REFERENCES organisations (id),
  role         text NOT NULL CHECK (role IN ('mentee', 'mentor', 'parent', 'coordinator')),
  invited_at   timestamptz NOT NULL,
  PRIMARY KEY (event_id, person_id)
);

CREATE TABLE final_event_replies (
  event_id     bigint NOT NULL REFERENCES final_events (id) ON DELETE CASCADE,
  person_id    bigint NOT NULL REFERENCES people (id),
  org_id       bigint NOT NULL REFERENCES organisations (id),
  answer       text NOT NULL CHECK (answer IN ('coming', 'not_coming')),
  answered_at  timestamptz NOT NULL,
  PRIMARY KEY (event_id, person_id)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON surveys, survey_answers, final_events, final_event_replies TO nastavnik_scoped;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO nastavnik_scoped;
ALTER TABLE surveys ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON surveys TO nastavnik_scoped USING (org_id = nastavnik_org()) WITH CHECK (org_id = nastavnik_org());
ALTER TABLE survey_answers ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON survey_answers TO nastavnik_scoped USING (org_id = nastavnik_org()) WITH CHECK (org_id = nastavnik_org());
ALTER TABLE final_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON final_events TO nastavnik_scoped USING (org_id = nastavnik_org()) WITH CHECK (org_id = nastavnik_org());
ALTER TABLE final_event_replies ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON final_event_replies TO nastavnik_scoped USING (org_id = nastavnik_org()) WITH CHECK (org_id = nastavnik_org());
GRANT SELECT, INSERT, UPDATE, DELETE ON final_event_guests TO nastavnik_scoped;
ALTER TABLE final_event_guests ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON final_event_guests TO nastavnik_scoped USING (org_id = nastavnik_org()) WITH CHECK (org_id = nastavnik_org());
