-- A coordinator of several organisations works in one at a time: the one they chose last.
ALTER TABLE people ADD COLUMN current_org_id bigint REFERENCES organisations (id) ON DELETE SET NULL;
