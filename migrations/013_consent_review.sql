-- A parent's grant that follows another person's decline waits for a coordinator's review (anyone
-- holding a forwarded link can open it). NULL: no review needed; such a grant counts only once accepted.
ALTER TABLE consents ADD COLUMN review text CHECK (review IN ('pending', 'accepted', 'rejected'));
ALTER TABLE consents ADD COLUMN reviewed_by bigint REFERENCES people (id);
ALTER TABLE consents ADD COLUMN reviewed_at timestamptz;
CREATE INDEX consents_pending_review ON consents (participant_id) WHERE review = 'pending';
