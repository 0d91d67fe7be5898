package com.example.posts.db;

/**
 * The COMMIT of a write failed: it timed out, or the connection was lost while or after it was sent. The
 * database may have committed the write or not, so the client must not be told to simply try again.
 */
public final class CommitOutcomeUnknownException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommitOutcomeUnknownException(Throwable cause) {
        super("The commit failed, so whether the write was made is unknown", cause);
    }
}
