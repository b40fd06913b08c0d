-- The territory's monthly digest (issue 20): a month is claimed with its messages in one transaction,
-- so replicas, re-runs and catch-ups send it once. The figures are kept as they were sent (aggregates
-- only, small cells already hidden).
CREATE TABLE territory_digests (
  territory_id  bigint NOT NULL REFERENCES territories (id) ON DELETE CASCADE,
  month         date NOT NULL,
  figures       jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (territory_id, month)
);
REVOKE ALL ON territory_digests FROM nastavnik_scoped;
