-- Scheduled messages (meeting reminders, check-ins, digests) go through the outbox like any other:
-- a topic names what a message is about, so that messages planned for a meeting can be withdrawn when
-- the meeting moves, and a message past its expiry (a reminder for a meeting that already began,
-- held back by quiet hours or downtime) is dropped instead of sent late.
ALTER TABLE outbox
  ADD COLUMN topic text,
  ADD COLUMN expires_at timestamptz,
  -- A reminder (meeting, check-in) is not sent to a person who turned reminders off.
  ADD COLUMN reminder boolean NOT NULL DEFAULT false;
-- Urgent messages (a child asking for help) go before any backlog of due messages: claims read this order.
CREATE INDEX outbox_due_urgent_first ON outbox (urgent DESC, due_at, id) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_by_topic ON outbox (topic) WHERE topic IS NOT NULL AND sent_at IS NULL AND failed_at IS NULL;

-- How often pairs are asked how their plan goes (weekly by default), set per cycle.
ALTER TABLE cycles ADD COLUMN check_in_every_days integer NOT NULL DEFAULT 7 CHECK (check_in_every_days BETWEEN 1 AND 60);
