-- Agent-and-verb pairs become keys of their own (kind w): "what did this learner do with this verb" then walks only
-- the pair's rows, however many other statements the learner has (at 10M statements about 1,000 each, and the walk
-- over them made that query 2-4 times slower than at 1M). Statements stored before this migration have no such keys,
-- so they are used only by queries whose range starts after agent_verb_keys_after; older ranges walk the agent's rows.
CREATE TABLE store_settings (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO store_settings (name, value) VALUES ('agent_verb_keys_after', (SELECT coalesce(max(seq), 0) FROM statements));
