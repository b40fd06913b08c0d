-- The update path's chat record (issue 16): each chat's flow and screen, and the lease of the one holder
-- that handles its updates, in one row that the inbox insert itself takes. An update then costs two
-- statements (stored and taken; settled and let go) and no Redis; the state and the update's processed
-- mark are written by one statement, so a crash leaves either both or neither.
CREATE TABLE chat_states (
  platform      text NOT NULL CHECK (platform IN ('telegram', 'vk', 'max')),
  chat_id       text NOT NULL,
  -- The flow in progress and the screen whose buttons answer (NULL: none).
  flow          jsonb,
  screen        jsonb,
  -- The lease: who holds the chat until when (NULL: free), fenced by a token raised at every take.
  holder        text,
  held_until    timestamptz,
  token         bigint NOT NULL DEFAULT 0,
  -- Updates stored while the chat was held, counted for the holder to take up before it lets go.
  waiting       bigint NOT NULL DEFAULT 0,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (platform, chat_id)
);
-- Rows with neither a flow nor a screen are only leases: the retention job removes old ones.
CREATE INDEX chat_states_idle ON chat_states (updated_at) WHERE flow IS NULL AND screen IS NULL;
