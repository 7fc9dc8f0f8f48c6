-- Dashboard accounts. email_key is the address folded to lower case (the key compares ignoring case); email keeps
-- it as saved. agent is the learner's Agent as JSON text, agent_key its IFI key.
CREATE TABLE accounts (
  email_key     TEXT PRIMARY KEY,
  email         TEXT NOT NULL,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  agent         TEXT,
  agent_key     TEXT,
  store         TEXT NOT NULL,
  created       INTEGER NOT NULL,           -- Unix milliseconds
  disabled      INTEGER
) WITHOUT ROWID;
