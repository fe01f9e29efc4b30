-- What an HR system knows about a person, kept so a roster import or a
-- directory sync can tell what changed (the same file twice changes
-- nothing), and so a person who leaves stays on record as former rather
-- than being deleted with their history.
--
-- pending_role: the role the title resolver guessed for a title it was not
-- sure of, left for an admin to confirm (with its confidence, in per cent);
-- ladder_role is untouched until then.
-- deactivated_at: when the person was deactivated (NULL while active); a
-- deactivated person cannot sign in and has no sessions or live tokens.
ALTER TABLE users ADD COLUMN employee_id TEXT;
ALTER TABLE users ADD COLUMN title TEXT;
ALTER TABLE users ADD COLUMN department TEXT;
ALTER TABLE users ADD COLUMN start_date TEXT;
ALTER TABLE users ADD COLUMN pending_role TEXT;
ALTER TABLE users ADD COLUMN pending_confidence INTEGER;
ALTER TABLE users ADD COLUMN deactivated_at INTEGER;
CREATE INDEX users_employee_id ON users (employee_id);
