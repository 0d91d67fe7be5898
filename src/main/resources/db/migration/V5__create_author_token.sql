-- An author's bearer tokens, "pst_<id>_<secret><checksum>" (AuthorTokenFormat). id: the public id, in clear
-- (it may be logged). secret_hash: SHA-256 of the secret, the only trace of it; the secret is 256 random bits,
-- so a slow hash would add cost to every write and no safety. A token is refused once revoked_time or
-- expires_time has passed, or its author is disabled. last_used_time is written at most once a minute.
CREATE TABLE author_token (
    id             CHAR(12)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    author_id      INT          NOT NULL,
    label          VARCHAR(100) NOT NULL,
    secret_hash    BINARY(32)   NOT NULL,
    created_time   DATETIME     NOT NULL,
    expires_time   DATETIME     NULL,
    revoked_time   DATETIME     NULL,
    last_used_time DATETIME     NULL,
    PRIMARY KEY (id),
    KEY author_token_by_author (author_id, created_time),
    CONSTRAINT author_token_author FOREIGN KEY (author_id) REFERENCES author (id)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
