-- Help reports handled (issue 18): each report moves new -> in_work -> closed; the coordinator who took
-- it, a private note (coordinators only), an answer that goes to the reporter, when it was closed; and
-- when an unread report was alerted again (once) to every coordinator of the organisation.
-- The note and the answer are personal data: erasing the reporter (or the child a parent wrote about)
-- empties them and stamps `traces_erased_at` (the report's own words stay, as the README says).
ALTER TABLE help_reports
  ADD COLUMN status           text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_work', 'closed')),
  ADD COLUMN taken_by         bigint REFERENCES people (id),
  ADD COLUMN taken_at         timestamptz,
  ADD COLUMN note             text CHECK (length(note) BETWEEN 1 AND 2000),
  ADD COLUMN noted_by         bigint REFERENCES people (id),
  ADD COLUMN noted_at         timestamptz,
  ADD COLUMN answer           text CHECK (length(answer) BETWEEN 1 AND 2000),
  ADD COLUMN answered_by      bigint REFERENCES people (id),
  ADD COLUMN answered_at      timestamptz,
  ADD COLUMN closed_by        bigint REFERENCES people (id),
  ADD COLUMN closed_at        timestamptz,
  ADD COLUMN escalated_at     timestamptz,
  ADD COLUMN traces_erased_at timestamptz,
  -- Closed means a closing time; work means someone took it.
  ADD CONSTRAINT help_reports_closed_check CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  ADD CONSTRAINT help_reports_taken_check CHECK (status = 'new' OR taken_by IS NOT NULL);

-- The escalation job looks for unread reports only; the list filters open ones.
CREATE INDEX help_reports_unread ON help_reports (created_at) WHERE seen_at IS NULL AND escalated_at IS NULL;
CREATE INDEX help_reports_open ON help_reports (org_id, created_at DESC) WHERE status <> 'closed';

-- The scoped role (a coordinator's flow) keeps its grants and the organisation policy of 003: new
-- columns of a table granted as a whole are covered; re-stated here so the rule is read in one place.
GRANT SELECT, INSERT, UPDATE ON help_reports TO nastavnik_scoped;
ALTER TABLE help_reports ENABLE ROW LEVEL SECURITY;
