-- A counter bumped in the same transaction as every change to people (a
-- new account, a new name, manager, team or role): an instance keeps the
-- reporting lines it walked until the counter moves, so a page of a
-- 10,000-person line does not walk the whole line again.
CREATE TABLE people_version (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  BIGINT NOT NULL
);
INSERT INTO people_version (id, version) VALUES (1, 0);
