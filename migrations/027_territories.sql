-- The regional level (issue 20): a region contains municipalities, a municipality contains
-- organisations. A territory has its own coordinators (regional methodologists), who see only
-- aggregates of the organisations under it (the aggregate views and their row-level security come
-- with the rollups, migration 028).

CREATE TABLE territories (
  id          bigserial PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('region', 'municipality')),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- A municipality belongs to a region; a region to nothing.
  parent_id   bigint REFERENCES territories (id),
  timezone    text NOT NULL DEFAULT 'Europe/Moscow',
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'region') = (parent_id IS NULL))
);
CREATE UNIQUE INDEX territories_unique_name ON territories (coalesce(parent_id, 0), lower(name));
CREATE INDEX territories_by_parent ON territories (parent_id);

-- The territory an organisation is attached to: a municipality, or a region directly (a city that is
-- a region of its own).
ALTER TABLE organisations ADD COLUMN territory_id bigint REFERENCES territories (id);
CREATE INDEX organisations_by_territory ON organisations (territory_id);

-- Regional methodologists: they join by a territory invite, like a school's coordinator.
CREATE TABLE territory_coordinators (
  territory_id  bigint NOT NULL REFERENCES territories (id) ON DELETE CASCADE,
  person_id     bigint NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  joined_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (territory_id, person_id)
);
CREATE INDEX territory_coordinators_by_person ON territory_coordinators (person_id);

-- An organisation asks to join a territory by the territory's join invite; a coordinator of the
-- territory (or of its region) approves or refuses. One open request per organisation.
CREATE TABLE territory_join_requests (
  id            bigserial PRIMARY KEY,
  territory_id  bigint NOT NULL REFERENCES territories (id) ON DELETE CASCADE,
  org_id        bigint NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  requested_by  bigint REFERENCES people (id) ON DELETE SET NULL,
  requested_at  timestamptz NOT NULL DEFAULT now(),
  decision      text CHECK (decision IN ('approved', 'refused')),
  decided_by    bigint REFERENCES people (id) ON DELETE SET NULL,
  decided_at    timestamptz,
  CHECK ((decision IS NULL) = (decided_at IS NULL))
);
CREATE UNIQUE INDEX territory_join_requests_one_open ON territory_join_requests (org_id) WHERE decision IS NULL;
CREATE INDEX territory_join_requests_by_territory ON territory_join_requests (territory_id) WHERE decision IS NULL;

-- The organisation's number of students aged 10–19, entered by its coordinator once a school year:
-- the denominator of coverage. school_year is the year the school year starts in (2026 = 2026/27).
CREATE TABLE organisation_enrolments (
  org_id          bigint NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  school_year     integer NOT NULL CHECK (school_year BETWEEN 2000 AND 2100),
  students_10_19  integer NOT NULL CHECK (students_10_19 BETWEEN 0 AND 100000),
  recorded_by     bigint REFERENCES people (id) ON DELETE SET NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, school_year)
);

-- Territory invites: 'territory' makes a regional methodologist, 'territory-join' lets an
-- organisation's coordinator ask to join the territory.
ALTER TABLE invites ADD COLUMN territory_id bigint REFERENCES territories (id) ON DELETE CASCADE;
ALTER TABLE invites DROP CONSTRAINT invites_purpose_check;
ALTER TABLE invites ADD CONSTRAINT invites_purpose_check
  CHECK (purpose IN ('coordinator', 'mentee', 'mentor', 'consent', 'link', 'roster', 'territory', 'territory-join'));

-- A school coordinator's scope enters its own enrolment figure and its own join request.
ALTER TABLE organisation_enrolments ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON organisation_enrolments TO nastavnik_scoped
  USING (org_id = nastavnik_org()) WITH CHECK (org_id = nastavnik_org());
ALTER TABLE territory_join_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON territory_join_requests TO nastavnik_scoped
  USING (org_id = nastavnik_org()) WITH CHECK (org_id = nastavnik_org());
GRANT SELECT, INSERT, UPDATE, DELETE ON organisation_enrolments, territory_join_requests TO nastavnik_scoped;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO nastavnik_scoped;
-- A territory's name is no secret; who coordinates it is not a school's business.
REVOKE INSERT, UPDATE, DELETE ON territories FROM nastavnik_scoped;
REVOKE ALL ON territory_coordinators FROM nastavnik_scoped;
