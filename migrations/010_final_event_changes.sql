-- The final event may be changed after it was announced (another day, another hall) or called off.
-- Calendars replace their copy when the file's SEQUENCE grows; a called-off event no longer counts
-- as the cycle's event, so another may be announced in its place.
ALTER TABLE final_events ADD COLUMN sequence integer NOT NULL DEFAULT 0;
ALTER TABLE final_events ADD COLUMN cancelled_at timestamptz;
DROP INDEX final_events_one_per_cycle;
CREATE UNIQUE INDEX final_events_one_per_cycle ON final_events (cycle_id) WHERE cancelled_at IS NULL;
