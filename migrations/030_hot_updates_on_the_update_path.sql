-- Every update touches its account's last_seen_at, and every settlement writes its chat's record and
-- updated_at (issue 16). With an indexed column among those, each such write is a new row version with
-- an entry in every index of the table; with none, and room left on the page, PostgreSQL writes it in
-- place (a HOT update) and the indexes are not touched.
--
-- A person has an account per messenger at most: their last used one is found by person_id alone.
DROP INDEX accounts_person;
CREATE INDEX accounts_person ON accounts (person_id);
-- The retention job's hourly sweep of idle chats reads the table instead: one row per chat.
DROP INDEX chat_states_idle;
-- Room on each page for the new versions of its rows.
ALTER TABLE accounts SET (fillfactor = 80);
ALTER TABLE chat_states SET (fillfactor = 80);
