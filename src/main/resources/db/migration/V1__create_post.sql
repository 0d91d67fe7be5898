CREATE TABLE post (
    id           INT          NOT NULL AUTO_INCREMENT,
    content      TEXT         NOT NULL,
    author_email VARCHAR(100) NOT NULL,
    created_time DATETIME     NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
