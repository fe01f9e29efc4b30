-- A counter bumped in the same transaction as every submitted assessment:
-- an instance keeps views computed from the latest assessments of a line
-- (calibration) until either this or the people version moves.
CREATE TABLE assessment_version (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  BIGINT NOT NULL
);
INSERT INTO assessment_version (id, version) VALUES (1, 0);
