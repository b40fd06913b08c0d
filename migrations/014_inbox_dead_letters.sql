-- An update the bot acknowledged but could not handle after every retry is kept as a dead letter:
-- marked processed (it no longer holds up its chat) with the reason, for the operator to look at.
ALTER TABLE inbox ADD COLUMN dead_letter_reason text;
CREATE INDEX inbox_dead_letters ON inbox (received_at) WHERE dead_letter_reason IS NOT NULL;
