-- Statements: the payload beside narrow index rows. seq is the feed position and the clustered key, so inserts
-- append at the end of the table whatever the statement ids look like.
CREATE TABLE stores (
  num  INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE statements (
  seq       INTEGER PRIMARY KEY,
  store     INTEGER NOT NULL,
  id        BLOB NOT NULL,              -- 16 bytes, big-endian UUID
  stored    INTEGER NOT NULL,           -- Unix milliseconds, never decreasing along seq
  voided    INTEGER NOT NULL DEFAULT 0,
  voiding   INTEGER NOT NULL DEFAULT 0, -- this statement voids another (and so cannot itself be voided)
  authority INTEGER,                    -- keys.id of the authority, for the statements/read/mine scope
  payload   BLOB NOT NULL               -- UTF-8 JSON exactly as format=exact returns it
);
CREATE UNIQUE INDEX statements_by_id ON statements (store, id);
CREATE INDEX statements_by_stored ON statements (store, stored);

-- Every filterable value once: "<store>|<kind>|<value>" where kind is a (agent), r (related agent), v (verb),
-- o (activity), q (related activity), g (registration), u (authority).
CREATE TABLE keys (
  id  INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE
);

CREATE TABLE statement_keys (
  key_id INTEGER NOT NULL,
  seq    INTEGER NOT NULL,
  PRIMARY KEY (key_id, seq)
) WITHOUT ROWID;

-- Voiding statements by target, so a target that arrives after its voider is stored voided.
CREATE TABLE voids (
  store       INTEGER NOT NULL,
  target      BLOB NOT NULL,
  voiding_seq INTEGER NOT NULL,
  PRIMARY KEY (store, target)
) WITHOUT ROWID;

CREATE TABLE activities (
  store      INTEGER NOT NULL,
  iri        TEXT NOT NULL,
  definition TEXT NOT NULL,
  PRIMARY KEY (store, iri)
) WITHOUT ROWID;

CREATE TABLE attachments (
  store        INTEGER NOT NULL,
  sha2         TEXT NOT NULL,
  content_type TEXT NOT NULL,
  content      BLOB NOT NULL
);
CREATE UNIQUE INDEX attachments_by_hash ON attachments (store, sha2);

CREATE TABLE documents (
  store        INTEGER NOT NULL,
  kind         INTEGER NOT NULL,
  activity     TEXT NOT NULL,
  agent        TEXT NOT NULL,
  registration TEXT NOT NULL,
  doc_id       TEXT NOT NULL,
  content      BLOB NOT NULL,
  content_type TEXT NOT NULL,
  etag         TEXT NOT NULL,
  updated      INTEGER NOT NULL            -- Unix milliseconds
);
CREATE UNIQUE INDEX documents_by_key ON documents (store, kind, activity, agent, registration, doc_id);
CREATE INDEX documents_by_agent ON documents (store, agent, kind);

CREATE TABLE credentials (
  key         TEXT PRIMARY KEY,
  secret_hash TEXT NOT NULL,
  scopes      TEXT NOT NULL,              -- space separated
  name        TEXT NOT NULL,
  store       TEXT NOT NULL,
  created     INTEGER NOT NULL,
  revoked     INTEGER
) WITHOUT ROWID;
