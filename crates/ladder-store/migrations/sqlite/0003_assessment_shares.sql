-- A manager's assessment stays with the manager until they share it with the
-- person assessed. Sharing is recorded beside the assessment, not in it:
-- submitted assessments are frozen, and sharing changes nothing they say.
CREATE TABLE assessment_shares (
    assessment_id  INTEGER PRIMARY KEY REFERENCES assessments (id),
    shared_by      INTEGER NOT NULL REFERENCES users (id),
    shared_at      INTEGER NOT NULL
);
