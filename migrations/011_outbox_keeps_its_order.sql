-- A message keeps its place in the queue when it is put back for later: a claim's lease and a
-- platform's rate limit move its due time, and claims ordered by the due time sent such a message
-- behind every older message of a backlog (an hour behind 100,000 reminders). Claims now take the
-- due ones in the order they first became due.
ALTER TABLE outbox ADD COLUMN queued_at timestamptz NOT NULL DEFAULT now();
UPDATE outbox SET queued_at = due_at WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_queue_urgent_first ON outbox (urgent DESC, queued_at, id) WHERE sent_at IS NULL AND failed_at IS NULL;
