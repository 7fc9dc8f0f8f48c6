-- The analytics projection: one flat row per classified statement, per store (tenant). Voided statements and voiding
-- statements have no row. Rows are appended in feed order, so seq (and mostly ts) ranges prune well.
CREATE TABLE IF NOT EXISTS facts (
    store         VARCHAR   NOT NULL,
    seq           BIGINT    NOT NULL, -- order in which the projection took the statement, per store
    statement_id  UUID      NOT NULL,
    ts            TIMESTAMP NOT NULL, -- the statement's timestamp, UTC
    stored        TIMESTAMP NOT NULL, -- when the LRS stored it, UTC
    class         VARCHAR   NOT NULL, -- formal | social | experiential | system
    topic         VARCHAR,            -- after aliasing; null when the statement has no topic
    actor         VARCHAR,            -- Ifi key of the actor; null for an anonymous Group
    verb          VARCHAR   NOT NULL,
    object_id     VARCHAR,            -- the object's activity id, when the object is an activity
    is_completion BOOLEAN   NOT NULL, -- formal completed/passed/satisfied whose object is the topic
    is_ask        BOOLEAN   NOT NULL, -- social 'asked' on an activity (a question)
    is_answer     BOOLEAN   NOT NULL  -- social 'answered' on an activity
);

-- The teams each statement names (context.team, and each group of the 2.0 context.contextGroups): one row per statement
-- and team, so a team filter is a semi-join on seq. The actor is repeated so that team membership (a learner is in
-- every team one of their statements names) is a scan of this table alone.
CREATE TABLE IF NOT EXISTS fact_teams (
    store VARCHAR NOT NULL,
    seq   BIGINT  NOT NULL, -- the statement's row in facts
    team  VARCHAR NOT NULL, -- Ifi key of the group; 'members:' + digest of the member keys for an anonymous group
    actor VARCHAR           -- as in facts
);

-- The latest name seen for each team.
CREATE TABLE IF NOT EXISTS teams (
    store VARCHAR NOT NULL,
    team  VARCHAR NOT NULL,
    name  VARCHAR NOT NULL,
    PRIMARY KEY (store, team)
);

-- Statements voided so far: a target that arrives after its voiding statement is dropped too.
CREATE TABLE IF NOT EXISTS voided (
    store        VARCHAR NOT NULL,
    statement_id UUID    NOT NULL
);

-- The latest name seen for each agent, for echoing agents back.
CREATE TABLE IF NOT EXISTS agents (
    store VARCHAR NOT NULL,
    agent VARCHAR NOT NULL,
    name  VARCHAR NOT NULL,
    PRIMARY KEY (store, agent)
);

-- Display names of topics and questions, from the activity definitions (statement, else the LRS's).
CREATE TABLE IF NOT EXISTS activity_names (
    store    VARCHAR NOT NULL,
    activity VARCHAR NOT NULL,
    name     VARCHAR NOT NULL,
    PRIMARY KEY (store, activity)
);

-- Where the projection stands in each store's feed; written in the same transaction as the rows.
CREATE TABLE IF NOT EXISTS checkpoints (
    store   VARCHAR   PRIMARY KEY,
    cursor  VARCHAR   NOT NULL, -- the feed's own continuation (a feed position, or a stored instant for a remote LRS)
    seq     BIGINT    NOT NULL,
    source  VARCHAR   NOT NULL, -- which feed wrote it; another feed starts over
    updated TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
