-- The pair's chat through the bot (issue 18): what the people of a pair or group write to each other,
-- relayed by the bot and kept as the pair's record. The text is kept as it was delivered: contacts
-- masked, so no phone number or handle is stored either. A coordinator reads a pair's chat only when a
-- help report or an alert concerns the pair (the flows check it; the policy confines it to the
-- organisation).
CREATE TABLE pair_messages (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id            bigint NOT NULL REFERENCES organisations (id),
  pair_id           bigint NOT NULL REFERENCES pairs (id) ON DELETE CASCADE,
  author_person_id  bigint NOT NULL REFERENCES people (id),
  body              text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  -- The kinds of contacts masked before delivery (phone, email, handle, link).
  masked            text[] NOT NULL DEFAULT '{}',
  -- The kinds of concern words found (self-harm, violence…): each raised a coordinator alert.
  concerns          text[] NOT NULL DEFAULT '{}',
  -- Posting again with the same key (the update handled again after a crash) finds the first post.
  request_key       text NOT NULL UNIQUE,
  created_at        timestamptz NOT NULL
);
CREATE INDEX pair_messages_by_pair ON pair_messages (pair_id, id DESC);
CREATE INDEX pair_messages_by_author ON pair_messages (author_person_id);

-- Each person's place in a pair's chat: whether they muted it, and when they were told how it works.
CREATE TABLE pair_chat_members (
  pair_id        bigint NOT NULL REFERENCES pairs (id) ON DELETE CASCADE,
  person_id      bigint NOT NULL REFERENCES people (id),
  org_id         bigint NOT NULL REFERENCES organisations (id),
  muted          boolean NOT NULL DEFAULT false,
  introduced_at  timestamptz,
  PRIMARY KEY (pair_id, person_id)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON pair_messages, pair_chat_members TO nastavnik_scoped;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO nastavnik_scoped;
ALTER TABLE pair_messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON pair_messages TO nastavnik_scoped USING (org_id = nastavnik_org()) WITH CHECK (org_id = nastavnik_org());
ALTER TABLE pair_chat_members ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_scope ON pair_chat_members TO nastavnik_scoped USING (org_id = nastavnik_org()) WITH CHECK (org_id = nastavnik_org());
