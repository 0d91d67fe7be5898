-- Optimistic locking: every write increments the version, which is also the post's ETag.
-- Expand-only: existing rows start at 0 and older releases keep working (they ignore the column).
ALTER TABLE post ADD COLUMN version INT NOT NULL DEFAULT 0;
