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

-- The rows of facts that the hand-off figures read again and again (completions, and social statements, with a topic),
-- copied into a narrow table of their own: about a fifth of the rows. A scan of facts decompresses every row's strings
-- whatever its filter keeps; at 10M statements those scans were most of the topic summary's 1.3 s.
CREATE TABLE IF NOT EXISTS topic_events (
    store         VARCHAR   NOT NULL,
    seq           BIGINT    NOT NULL, -- the statement's row in facts
    ts            TIMESTAMP NOT NULL,
    class         VARCHAR   NOT NULL, -- social, or formal for a completion
    topic         VARCHAR   NOT NULL,
    actor         VARCHAR,
    verb          VARCHAR   NOT NULL,
    object_id     VARCHAR,
    is_completion BOOLEAN   NOT NULL,
    is_ask        BOOLEAN   NOT NULL,
    is_answer     BOOLEAN   NOT NULL
);

-- Statements per topic ('' for none), ISO week (its Monday) and class, kept exact as rows are added and voided: the
-- unfiltered weekly series, topic list and class mixes read these few thousand rows instead of every statement.
CREATE TABLE IF NOT EXISTS weekly_counts (
    store VARCHAR   NOT NULL,
    topic VARCHAR   NOT NULL,
    week  TIMESTAMP NOT NULL,
    class VARCHAR   NOT NULL,
    n     BIGINT    NOT NULL,
    PRIMARY KEY (store, topic, week, class)
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
