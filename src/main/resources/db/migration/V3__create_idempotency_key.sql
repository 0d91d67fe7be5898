-- The Idempotency-Key of each keyed POST /posts, stored in the same transaction as the post it created, so a
-- retry with the same key (on any server) answers the first result instead of writing again.
-- credential: the scope of the bearer token that sent the key (ApiToken.scope(): PBKDF2 of the token, never the
-- token itself); a key is scoped to its sender.
-- request_hash: SHA-256 of the parsed request, to tell a retry from a different request under the same key.
-- created_time: when the post was created, and so when the key was first used; keys expire 24 h later.
-- No foreign key to post: a retry after the post was deleted still answers what the first request answered.
CREATE TABLE idempotency_key (
    credential   BINARY(32)   NOT NULL,
    request_key  VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    request_hash BINARY(32)   NOT NULL,
    post_id      INT          NOT NULL,
    created_time DATETIME     NOT NULL,
    PRIMARY KEY (credential, request_key),
    KEY idempotency_key_created_time (created_time)
) ENGINE = InnoDB;
