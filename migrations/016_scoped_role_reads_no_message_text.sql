-- A person may take part in several organisations, and the outbox's policy follows the person: in
-- organisation A's scope, a message to such a person about organisation B (a help alert) was
-- readable. What a message says belongs to one organisation, so a coordinator's scope reads no
-- message text at all (it only counts and withdraws messages), and no messenger account (chat ids
-- are contacts, never shown to a coordinator).
REVOKE SELECT ON outbox FROM nastavnik_scoped;
GRANT SELECT (id, dedup_key, person_id, account_id, due_at, queued_at, attempts, last_error, sent_at, failed_at,
  created_at, announcement_id, urgent, topic, expires_at, reminder) ON outbox TO nastavnik_scoped;
REVOKE SELECT ON accounts FROM nastavnik_scoped;
GRANT SELECT (id, person_id, platform) ON accounts TO nastavnik_scoped;
