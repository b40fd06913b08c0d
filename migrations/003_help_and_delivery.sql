-- "I need help from an adult": confidential reports from a mentee or a parent to the coordinators,
-- kept for the programme's records; and delivery rules: urgent messages skip children's quiet
-- hours, and a person who blocked the bot on every messenger is reported to coordinators once.

CREATE TABLE help_reports (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id              bigint NOT NULL REFERENCES organisations (id),
  reporter_person_id  bigint NOT NULL REFERENCES people (id),
  -- The reporter's part in the organisation: a mentee, or a parent (then `child_participant_id`).
  reporter_role       text NOT NULL CHECK (reporter_role IN ('mentee', 'parent')),
  child_participant_id bigint REFERENCES participants (id),
  body                text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  platform            text NOT NULL CHECK (platform IN ('telegram', 'vk')),
  created_at          timestamptz NOT NULL DEFAULT now(),
  seen_by             bigint REFERENCES people (id),
  seen_at             timestamptz
);
CREATE INDEX help_reports_by_org ON help_reports (org_id, created_at DESC);

ALTER TABLE outbox ADD COLUMN urgent boolean NOT NULL DEFAULT false;

ALTER TABLE people
  ADD COLUMN reminders_on boolean NOT NULL DEFAULT true,
  ADD COLUMN unreachable_reported_at timestamptz;

GRANT SELECT, INSERT, UPDATE ON help_reports TO nastavnik_scoped;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO nastavnik_scoped;
ALTER TABLE help_reports ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON help_reports TO nastavnik_scoped USING (org_id = nastavnik_org()) WITH CHECK (org_id = nastavnik_org());

-- Delivery pacing looks up who was sent something in the last second (one message per recipient a second).
CREATE INDEX outbox_recently_sent ON outbox (sent_at) WHERE sent_at IS NOT NULL;
