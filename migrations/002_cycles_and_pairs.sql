-- Stages 1, 4 and 5 of the cycle: programme cycles, mentor review, mentees' situations, pairs and
-- groups, announcements; and row-level security so a coordinator's queries only ever see their
-- own organisation.

-- Which mentoring forms the organisation runs (the four of the target model by default).
ALTER TABLE organisations
  ADD COLUMN forms text[] NOT NULL DEFAULT '{teacher_student,student_student,university_student_student,adult_student}';

CREATE TABLE cycles (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id      bigint NOT NULL REFERENCES organisations (id),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  starts_on   date NOT NULL,
  ends_on     date NOT NULL,
  forms       text[] NOT NULL,
  directions  text[] NOT NULL,
  -- matching: pairs are being formed; working: pairs published and at work; archived: closed.
  stage       text NOT NULL DEFAULT 'matching' CHECK (stage IN ('matching', 'working', 'closing', 'archived')),
  created_by  bigint REFERENCES people (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on > starts_on)
);
CREATE UNIQUE INDEX cycles_one_open ON cycles (org_id) WHERE stage <> 'archived';

-- Selection and training of mentors (stage 4). An adult mentor is approved only after the
-- coordinator confirms the certificate of no criminal record was checked (labour code 351.1).
ALTER TABLE mentor_profiles
  ADD COLUMN review text NOT NULL DEFAULT 'pending' CHECK (review IN ('pending', 'approved', 'declined')),
  ADD COLUMN review_reason text,
  ADD COLUMN reviewed_by bigint REFERENCES people (id),
  ADD COLUMN reviewed_at timestamptz,
  ADD COLUMN record_check_by bigint REFERENCES people (id),
  ADD COLUMN record_check_at timestamptz,
  ADD COLUMN trained_at timestamptz;

-- Sensitive: recorded by a coordinator only, never shown to the child, the parent or the mentor.
CREATE TABLE mentee_situations (
  participant_id  bigint PRIMARY KEY REFERENCES participants (id),
  org_id          bigint NOT NULL REFERENCES organisations (id),
  situations      text[] NOT NULL,
  recorded_by     bigint NOT NULL REFERENCES people (id),
  recorded_at     timestamptz NOT NULL
);

-- A pair or a group: one mentor, one or more mentees, a form and a direction.
CREATE TABLE pairs (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id                 bigint NOT NULL REFERENCES organisations (id),
  cycle_id               bigint NOT NULL REFERENCES cycles (id),
  mentor_participant_id  bigint NOT NULL REFERENCES participants (id),
  form                   text NOT NULL,
  direction              text,
  status                 text NOT NULL CHECK (status IN ('draft', 'published', 'ended')),
  created_at             timestamptz NOT NULL DEFAULT now(),
  published_at           timestamptz,
  ended_at               timestamptz
);
CREATE INDEX pairs_by_cycle ON pairs (cycle_id, status);

CREATE TABLE pair_mentees (
  pair_id                bigint NOT NULL REFERENCES pairs (id) ON DELETE CASCADE,
  mentee_participant_id  bigint NOT NULL REFERENCES participants (id),
  org_id                 bigint NOT NULL REFERENCES organisations (id),
  cycle_id               bigint NOT NULL REFERENCES cycles (id),
  score                  integer NOT NULL DEFAULT 0,
  -- Why the pair was suggested (shared directions, words, availability) or that it was pinned.
  reason                 jsonb NOT NULL DEFAULT '{}',
  pinned                 boolean NOT NULL DEFAULT false,
  ended_at               timestamptz,
  PRIMARY KEY (pair_id, mentee_participant_id)
);
CREATE UNIQUE INDEX pair_mentees_one_pair_per_cycle ON pair_mentees (cycle_id, mentee_participant_id) WHERE ended_at IS NULL;

CREATE TABLE announcements (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id      bigint NOT NULL REFERENCES organisations (id),
  audience    text NOT NULL CHECK (audience IN ('mentees', 'mentors', 'parents')),
  body        text NOT NULL,
  created_by  bigint NOT NULL REFERENCES people (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  recipients  integer NOT NULL
);
ALTER TABLE outbox ADD COLUMN announcement_id bigint REFERENCES announcements (id);
CREATE INDEX outbox_by_announcement ON outbox (announcement_id) WHERE announcement_id IS NOT NULL;

-- Row-level security. Coordinators' flows run their queries in a transaction that switches to the
-- role nastavnik_scoped and sets nastavnik.org_id; the policies below then hide every other
-- organisation's rows, whatever a query asks for. Other code runs as the owner, which RLS skips.
DO $$
BEGIN
  CREATE ROLE nastavnik_scoped NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END
$$;
DO $$
BEGIN
  EXECUTE format('GRANT nastavnik_scoped TO %I', current_user);
EXCEPTION WHEN OTHERS THEN NULL;
END
$$;
GRANT USAGE ON SCHEMA public TO nastavnik_scoped;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO nastavnik_scoped;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO nastavnik_scoped;
-- People join only through registration (which runs unscoped): a coordinator's transaction cannot
-- create participants or people, nor touch the inbox of updates.
REVOKE INSERT, DELETE ON participants, people FROM nastavnik_scoped;
REVOKE ALL ON inbox FROM nastavnik_scoped;

CREATE FUNCTION nastavnik_org() RETURNS bigint LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('nastavnik.org_id', true), '')::bigint $$;

ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON organisations TO nastavnik_scoped USING (id = nastavnik_org());

ALTER TABLE participants ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON participants TO nastavnik_scoped
  USING (org_id = nastavnik_org()) WITH CHECK (org_id = nastavnik_org());

ALTER TABLE mentee_profiles ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON mentee_profiles TO nastavnik_scoped
  USING (EXISTS (SELECT 1 FROM participants p WHERE p.id = participant_id));

ALTER TABLE mentor_profiles ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON mentor_profiles TO nastavnik_scoped
  USING (EXISTS (SELECT 1 FROM participants p WHERE p.id = participant_id));

ALTER TABLE mentee_situations ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON mentee_situations TO nastavnik_scoped
  USING (org_id = nastavnik_org())
  WITH CHECK (org_id = nastavnik_org() AND EXISTS (SELECT 1 FROM participants p WHERE p.id = participant_id));

ALTER TABLE cycles ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON cycles TO nastavnik_scoped USING (org_id = nastavnik_org()) WITH CHECK (org_id = nastavnik_org());

ALTER TABLE pairs ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON pairs TO nastavnik_scoped
  USING (org_id = nastavnik_org())
  WITH CHECK (org_id = nastavnik_org() AND EXISTS (SELECT 1 FROM participants p WHERE p.id = mentor_participant_id));

ALTER TABLE pair_mentees ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON pair_mentees TO nastavnik_scoped
  USING (org_id = nastavnik_org())
  WITH CHECK (org_id = nastavnik_org() AND EXISTS (SELECT 1 FROM participants p WHERE p.id = mentee_participant_id));

ALTER TABLE announcements ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON announcements TO nastavnik_scoped USING (org_id = nastavnik_org()) WITH CHECK (org_id = nastavnik_org());

-- People are shared across organisations (a parent, a linked account): a scoped coordinator sees
-- only people who take part in their organisation.
ALTER TABLE people ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON people TO nastavnik_scoped
  USING (EXISTS (SELECT 1 FROM participants p WHERE p.person_id = people.id));

ALTER TABLE consents ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON consents TO nastavnik_scoped
  USING (EXISTS (SELECT 1 FROM participants p WHERE p.id = participant_id));

ALTER TABLE invites ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON invites TO nastavnik_scoped USING (org_id = nastavnik_org()) WITH CHECK (org_id = nastavnik_org());

-- Messenger accounts and outbox messages belong to people: visible only for the organisation's people.
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON accounts TO nastavnik_scoped
  USING (EXISTS (SELECT 1 FROM participants p WHERE p.person_id = accounts.person_id));

ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON outbox TO nastavnik_scoped
  USING (EXISTS (SELECT 1 FROM participants p WHERE p.person_id = outbox.person_id))
  WITH CHECK (EXISTS (SELECT 1 FROM participants p WHERE p.person_id = outbox.person_id));
