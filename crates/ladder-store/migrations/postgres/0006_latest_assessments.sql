-- Each person's latest submitted assessment by each kind of rater, kept in
-- the same transaction as every submission. The team view and calibration
-- ask "the latest self and manager assessments of these 10,000 people";
-- ranking every submitted assessment of the line for that was most of what
-- a calibration cost. Submitted assessments are never changed or deleted,
-- so a row here only ever moves forward to a newer submission.
CREATE TABLE latest_assessments (
    subject_id     BIGINT NOT NULL REFERENCES users (id),
    rater          TEXT NOT NULL,
    assessment_id  BIGINT NOT NULL REFERENCES assessments (id),
    submitted_at   BIGINT NOT NULL,
    PRIMARY KEY (subject_id, rater)
);
INSERT INTO latest_assessments (subject_id, rater, assessment_id, submitted_at)
SELECT subject_id, rater, id, submitted_at FROM (
    SELECT id, subject_id, rater, submitted_at, ROW_NUMBER() OVER (
        PARTITION BY subject_id, rater ORDER BY submitted_at DESC, id DESC
    ) AS rn
    FROM assessments WHERE status = 'submitted'
) ranked
WHERE rn = 1;
