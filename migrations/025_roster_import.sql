-- Roster import (issue 19): a coordinator sends the school's class list, the bot checks it and, on
-- confirmation, creates the students as participants who are invited but have not come yet, each
-- with a personal single-use link. The student opens it and confirms who they are in two taps.

-- 'invited': created from a class list, waiting for the student to open their personal link.
ALTER TABLE participants DROP CONSTRAINT participants_status_check;
ALTER TABLE participants ADD CONSTRAINT participants_status_check
  CHECK (status IN ('invited', 'awaiting_consent', 'active', 'declined', 'withdrawn', 'left'));

-- 'roster': a personal link bound to one invited participant (subject_participant_id).
ALTER TABLE invites DROP CONSTRAINT invites_purpose_check;
ALTER TABLE invites ADD CONSTRAINT invites_purpose_check
  CHECK (purpose IN ('coordinator', 'mentee', 'mentor', 'consent', 'link', 'roster'));

-- A checked class list waiting for the coordinator's confirmation: the rows the bot understood, kept
-- here rather than in the chat's replay log. Confirmed once (confirmed_at), then its students exist.
CREATE TABLE roster_imports (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id        bigint NOT NULL REFERENCES organisations (id),
  created_by    bigint NOT NULL REFERENCES people (id),
  students      jsonb NOT NULL,
  created_at    timestamptz NOT NULL,
  confirmed_at  timestamptz
);
CREATE INDEX roster_imports_by_org ON roster_imports (org_id, created_at DESC);

-- What the class list said of an imported student beyond the person and the profile: the import it
-- came from and the parent named in it (for the coordinator; the parent still consents through a link).
CREATE TABLE roster_students (
  participant_id  bigint PRIMARY KEY REFERENCES participants (id),
  org_id          bigint NOT NULL REFERENCES organisations (id),
  import_id       bigint NOT NULL REFERENCES roster_imports (id),
  parent_name     text CHECK (length(parent_name) BETWEEN 1 AND 80),
  claimed_at      timestamptz
);
CREATE INDEX roster_students_by_import ON roster_students (import_id);

ALTER TABLE roster_imports ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON roster_imports TO nastavnik_scoped USING (org_id = nastavnik_org()) WITH CHECK (org_id = nastavnik_org());
ALTER TABLE roster_students ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON roster_students TO nastavnik_scoped
  USING (org_id = nastavnik_org())
  WITH CHECK (org_id = nastavnik_org() AND EXISTS (SELECT 1 FROM participants p WHERE p.id = participant_id));
GRANT SELECT, INSERT, UPDATE, DELETE ON roster_imports, roster_students TO nastavnik_scoped;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO nastavnik_scoped;
