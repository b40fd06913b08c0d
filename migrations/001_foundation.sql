-- Foundation: organisations, people and their messenger accounts, participation, invites, consent,
-- the inbox of accepted updates and the outbox of messages to deliver.

CREATE TABLE organisations (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  timezone    text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- One row a human being; messenger accounts point at it.
CREATE TABLE people (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  full_name    text,
  birth_year   integer CHECK (birth_year BETWEEN 1900 AND 2100),
  locale       text NOT NULL DEFAULT 'ru' CHECK (locale IN ('ru', 'en')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  -- Set when the person's data was removed (deletion or withdrawn consent): the row stays so that
  -- consent records keep their reference, everything personal is gone.
  erased_at    timestamptz
);

CREATE TABLE accounts (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  platform         text NOT NULL CHECK (platform IN ('telegram', 'vk')),
  external_id      text NOT NULL,
  chat_id          text NOT NULL,
  person_id        bigint REFERENCES people (id),
  language_code    text,
  -- The language chosen with /language before the account has a person (then people.locale rules).
  chosen_locale    text CHECK (chosen_locale IN ('ru', 'en')),
  callback_buttons boolean NOT NULL DEFAULT true,
  blocked_at       timestamptz,
  last_seen_at     timestamptz NOT NULL DEFAULT now(),
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (platform, external_id)
);
CREATE INDEX accounts_person ON accounts (person_id, last_seen_at DESC);

-- A person's part in an organisation's programme. A person may coordinate one organisation and be
-- a parent in another; a mentee and a mentor are separate rows.
CREATE TABLE participants (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id      bigint NOT NULL REFERENCES organisations (id),
  person_id   bigint NOT NULL REFERENCES people (id),
  role        text NOT NULL CHECK (role IN ('coordinator', 'mentee', 'mentor', 'parent')),
  -- awaiting_consent: a minor waits for consent; active: takes part; declined: consent refused;
  -- withdrawn: consent withdrawn; left: the person deleted their data.
  status      text NOT NULL CHECK (status IN ('awaiting_consent', 'active', 'declined', 'withdrawn', 'left')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX participants_one_role ON participants (org_id, person_id, role) WHERE status <> 'left';
CREATE INDEX participants_by_org ON participants (org_id, role, status, id);
CREATE INDEX participants_by_person ON participants (person_id);

CREATE TABLE mentee_profiles (
  participant_id  bigint PRIMARY KEY REFERENCES participants (id),
  grade           text,
  directions      text[] NOT NULL DEFAULT '{}',
  goals           text
);

CREATE TABLE mentor_profiles (
  participant_id  bigint PRIMARY KEY REFERENCES participants (id),
  kind            text NOT NULL CHECK (kind IN ('teacher', 'student', 'university_student', 'adult')),
  directions      text[] NOT NULL DEFAULT '{}',
  offer           text,
  capacity        integer NOT NULL CHECK (capacity BETWEEN 1 AND 10),
  availability    text
);

-- One-time or limited-use tokens: invites to an organisation, parents' consent links, account links.
-- Only a SHA-256 of the token is stored.
CREATE TABLE invites (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash      bytea NOT NULL UNIQUE,
  purpose         text NOT NULL CHECK (purpose IN ('coordinator', 'mentee', 'mentor', 'consent', 'link')),
  org_id          bigint REFERENCES organisations (id),
  -- consent: the child asking; link: the person whose accounts are joined.
  subject_participant_id bigint REFERENCES participants (id),
  subject_person_id      bigint REFERENCES people (id),
  uses_left       integer NOT NULL CHECK (uses_left >= 0),
  expires_at      timestamptz NOT NULL,
  created_by      bigint REFERENCES people (id),
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- Consent is its own document: who consented, to which text version, when, through which messenger.
CREATE TABLE consents (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  participant_id   bigint NOT NULL REFERENCES participants (id),
  -- parent: a legal representative's consent; self: the child's own (14 and older).
  giver            text NOT NULL CHECK (giver IN ('parent', 'self')),
  giver_person_id  bigint NOT NULL REFERENCES people (id),
  text_version     text NOT NULL,
  decision         text NOT NULL CHECK (decision IN ('granted', 'declined')),
  platform         text NOT NULL CHECK (platform IN ('telegram', 'vk')),
  decided_at       timestamptz NOT NULL,
  withdrawn_at     timestamptz
);
CREATE INDEX consents_by_participant ON consents (participant_id, decided_at DESC);
CREATE INDEX consents_by_giver ON consents (giver_person_id);

-- Every accepted messenger update, stored before it is acknowledged: de-duplication by update_key
-- and recovery after a crash both read this table.
CREATE TABLE inbox (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  update_key    text NOT NULL UNIQUE,
  platform      text NOT NULL,
  chat_id       text NOT NULL,
  incoming      jsonb NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now(),
  attempts      integer NOT NULL DEFAULT 0,
  processed_at  timestamptz
);
CREATE INDEX inbox_pending ON inbox (platform, chat_id, id) WHERE processed_at IS NULL;

-- Messages to people outside the chat at hand (a parent, a coordinator): rendered in the
-- recipient's language at delivery, sent to the account they used last.
CREATE TABLE outbox (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dedup_key     text NOT NULL UNIQUE,
  -- A message goes to a person (their last-used account) or, when the person is being erased,
  -- straight to one of the accounts they had.
  person_id     bigint REFERENCES people (id),
  account_id    bigint REFERENCES accounts (id),
  message       jsonb NOT NULL,
  due_at        timestamptz NOT NULL DEFAULT now(),
  attempts      integer NOT NULL DEFAULT 0,
  last_error    text,
  sent_at       timestamptz,
  failed_at     timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((person_id IS NULL) <> (account_id IS NULL))
);
CREATE INDEX outbox_due ON outbox (due_at, id) WHERE sent_at IS NULL AND failed_at IS NULL;
