-- A "next release" migration, for tests only (see V9001).
ALTER TABLE post ADD INDEX post_by_author (author_email), ALGORITHM=INPLACE, LOCK=NONE;
