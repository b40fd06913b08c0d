-- The introduction (знакомство, stage 5 of the target model, issue 19): after the pairs are published
-- the coordinator invites the pairs and their consenting parents to an introductory meeting, one for
-- the cycle or one per set of pairs, and afterwards ticks which pairs came.
--
-- An introduction is an event like the final one (a day, a time, a place, a description, guests with
-- their roles, "I'll come" / "I can't" answers, a calendar file, changes by SEQUENCE): it lives in the
-- same tables, told apart by `kind`, so the guests, the answers and their counts are one code.

ALTER TABLE final_events ADD COLUMN kind text NOT NULL DEFAULT 'final' CHECK (kind IN ('final', 'introduction'));
-- One final event per cycle; introductions may be several (one per set of pairs).
DROP INDEX final_events_one_per_cycle;
CREATE UNIQUE INDEX final_events_one_per_cycle ON final_events (cycle_id) WHERE cancelled_at IS NULL AND kind = 'final';
CREATE INDEX final_events_introductions ON final_events (cycle_id) WHERE kind = 'introduction';

-- The pairs an introduction is for, and whether each came: NULL until the coordinator ticks it.
CREATE TABLE introduction_pairs (
  event_id    bigint NOT NULL REFERENCES final_events (id) ON DELETE CASCADE,
  pair_id     bigint NOT NULL REFERENCES pairs (id) ON DELETE CASCADE,
  org_id      bigint NOT NULL REFERENCES organisations (id),
  attendance  text CHECK (attendance IN ('held', 'missed')),
  marked_by   bigint REFERENCES people (id),
  marked_at   timestamptz,
  PRIMARY KEY (event_id, pair_id),
  CHECK ((attendance IS NULL) = (marked_at IS NULL))
);
CREATE INDEX introduction_pairs_by_pair ON introduction_pairs (pair_id);

-- Row-level security as for the final event (008): a coordinator's scope reads and writes only its
-- organisation's rows.
GRANT SELECT, INSERT, UPDATE, DELETE ON introduction_pairs TO nastavnik_scoped;
ALTER TABLE introduction_pairs ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON introduction_pairs TO nastavnik_scoped USING (org_id = nastavnik_org()) WITH CHECK (org_id = nastavnik_org());
