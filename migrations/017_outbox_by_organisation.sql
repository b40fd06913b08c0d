-- A message belongs to the organisation it is about, not only to the person it goes to: a person
-- who takes part in two organisations gets messages about each, and organisation A's coordinator
-- must not see (nor withdraw, nor count) the ones about B. Messages planned inside a coordinator's
-- scope take the scope's organisation by default; the others name it, or none (a notice about the
-- person's own account).
ALTER TABLE outbox ADD COLUMN org_id bigint REFERENCES organisations (id) ON DELETE CASCADE DEFAULT nastavnik_org();

UPDATE outbox SET org_id = a.org_id FROM announcements a WHERE a.id = outbox.announcement_id;
UPDATE outbox SET org_id = m.org_id FROM meetings m
  WHERE outbox.org_id IS NULL AND outbox.topic = 'meeting:' || m.id;
UPDATE outbox SET org_id = e.org_id FROM final_events e
  WHERE outbox.org_id IS NULL AND outbox.topic = 'final-event:' || e.id;
UPDATE outbox SET org_id = only_org.org_id
  FROM (SELECT person_id, min(org_id) AS org_id FROM participants GROUP BY person_id HAVING count(DISTINCT org_id) = 1) only_org
  WHERE outbox.org_id IS NULL AND outbox.person_id = only_org.person_id;

CREATE INDEX outbox_org ON outbox (org_id) WHERE sent_at IS NULL AND failed_at IS NULL;

DROP POLICY org_scope ON outbox;
CREATE POLICY org_scope ON outbox TO nastavnik_scoped
  USING (org_id = nastavnik_org())
  WITH CHECK (org_id = nastavnik_org() AND EXISTS (SELECT 1 FROM participants p WHERE p.person_id = outbox.person_id));
GRANT SELECT (org_id) ON outbox TO nastavnik_scoped;
