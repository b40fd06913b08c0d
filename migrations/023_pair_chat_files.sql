-- The pair's chat passes photos and files too (issue 18): a message may be a photo or a file, with its
-- caption as the body (masked like any text) or no body at all. The file is kept with its message, so
-- it goes where the message goes: when the pair is deleted, and when its author's data is erased.
ALTER TABLE pair_messages
  ADD COLUMN file_kind       text CHECK (file_kind IN ('photo', 'document')),
  ADD COLUMN file_name       text CHECK (length(file_name) BETWEEN 1 AND 255),
  ADD COLUMN file_mime_type  text,
  -- At most 10 MB: the chat refuses larger files before they are fetched.
  ADD COLUMN file_content    bytea CHECK (octet_length(file_content) BETWEEN 1 AND 10485760),
  ADD CONSTRAINT pair_messages_file_whole CHECK (
    (file_kind IS NULL AND file_name IS NULL AND file_mime_type IS NULL AND file_content IS NULL)
    OR (file_kind IS NOT NULL AND file_name IS NOT NULL AND file_mime_type IS NOT NULL AND file_content IS NOT NULL)
  );

-- A text up to 2,000 characters as before; a photo or a file may come without one.
ALTER TABLE pair_messages DROP CONSTRAINT pair_messages_body_check;
ALTER TABLE pair_messages ADD CONSTRAINT pair_messages_body_check
  CHECK (length(body) <= 2000 AND (length(body) >= 1 OR file_kind IS NOT NULL));
