-- Meetings of a pair or group: proposed by either side, accepted, declined or answered with another
-- time; reminded 24 hours and 1 hour before; ticked off by the mentor after their end.
CREATE TABLE meetings (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  pair_id             bigint NOT NULL REFERENCES pairs (id) ON DELETE CASCADE,
  org_id              bigint NOT NULL REFERENCES organisations (id),
  proposed_by         bigint REFERENCES people (id),
  starts_at           timestamptz NOT NULL,
  minutes             integer NOT NULL CHECK (minutes BETWEEN 15 AND 240),
  -- Where: a place, or a link/"online"; `online` tells the calendar which.
  place               text NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
  online              boolean NOT NULL DEFAULT false,
  state               text NOT NULL DEFAULT 'proposed'
                        CHECK (state IN ('proposed', 'accepted', 'declined', 'rescheduled', 'held', 'missed', 'moved')),
  -- A counter-proposal ("another time") points at the meeting it replaces.
  replaces_id         bigint REFERENCES meetings (id),
  -- The calendar file's SEQUENCE: raised when the meeting changes, so calendars update their copy.
  sequence            integer NOT NULL DEFAULT 0,
  note                text CHECK (length(note) <= 300),
  decided_by          bigint REFERENCES people (id),
  decided_at          timestamptz,
  follow_up_asked_at  timestamptz,
  ticked_at           timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meetings_by_pair ON meetings (pair_id, starts_at);
CREATE INDEX meetings_by_org ON meetings (org_id, starts_at);
-- The follow-up job looks for accepted meetings whose end has passed and nobody was asked about yet.
CREATE INDEX meetings_follow_up_due ON meetings (starts_at) WHERE state = 'accepted' AND follow_up_asked_at IS NULL;

GRANT SELECT, INSERT, UPDATE, DELETE ON meetings TO nastavnik_scoped;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO nastavnik_scoped;
ALTER TABLE meetings ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON meetings TO nastavnik_scoped USING (org_id = nastavnik_org()) WITH CHECK (org_id = nastavnik_org());
