-- A "next release" migration, for tests only: what the running release meets during a rolling deploy.
-- Numbered far above the application's own so that it always comes after them.
ALTER TABLE post ADD COLUMN summary VARCHAR(200) NOT NULL DEFAULT '', ALGORITHM=INSTANT;
