-- The writers. A post belongs to the author whose email equals its author_email, compared in Java after
-- Unicode NFC and lower-casing (EmailKey): email_key holds that form, compared byte for byte (utf8mb4_bin),
-- because the table's utf8mb4_unicode_ci also ignores accents and would make "jose" and "josé" one author.
-- role: 'author' or 'admin'. disabled_time: set when an admin disables the author; never deleted, so a
-- post's owner and a token's history stay known.
CREATE TABLE author (
    id            INT          NOT NULL AUTO_INCREMENT,
    email         VARCHAR(100) NOT NULL,
    email_key     VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    display_name  VARCHAR(100) NOT NULL,
    role          VARCHAR(16)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    created_time  DATETIME     NOT NULL,
    disabled_time DATETIME     NULL,
    PRIMARY KEY (id),
    UNIQUE KEY author_email_key (email_key)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
