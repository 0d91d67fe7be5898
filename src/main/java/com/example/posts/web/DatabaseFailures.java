package com.example.posts.web;

import com.example.posts.db.CommitOutcomeUnknownException;
import com.example.posts.db.UnavailableDatabase;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.hibernate.StaleStateException;
import org.hibernate.exception.LockAcquisitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that tells what a failure of the database means for the client, wherever it surfaces:
 * unreachable or too slow (every wait is bounded, see DatabaseTimeouts) or a row lock not had in time is a
 * 503 the client may retry; a write that lost a race is a 409. Anything else is not the database's answer.
 */
final class DatabaseFailures {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseFailures.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    private DatabaseFailures() {
    }

    /**
     * @param method the request's HTTP method and {@code path} its path: together they say what the client
     *               should check after a failed commit
     */
    static Optional<Response> responseTo(Throwable failure, String method, String path) {
        boolean onPosts = !AccountPaths.covers(path);
        if (Causes.has(failure, CommitOutcomeUnknownException.class)) {
            LOG.warn("Commit outcome unknown: {}", Causes.rootMessage(failure));
            String detail = onPosts ? outcomeUnknown(method) : accountOutcomeUnknown(path);
            return Optional.of(Problem.of(503, detail).toResponse().build());
        }
        if (UnavailableDatabase.isUnreachable(failure)) {
            LOG.warn("Database unavailable: {}", Causes.rootMessage(failure));
            return Optional.of(unavailable("The database is unavailable; try again shortly"));
        }
        if (UnavailableDatabase.isTooSlow(failure)) {
            LOG.warn("Database too slow: {}", Causes.rootMessage(failure));
            return Optional.of(unavailable("The database did not answer in time; try again shortly"));
        }
        if (isLockConflict(failure)) {
            LOG.warn("Lock conflict: {}", Causes.rootMessage(failure));
            return Optional.of(unavailable(onPosts ? "The post is busy; try again shortly"
                    : "The account is busy; try again shortly"));
        }
        if (Causes.has(failure, OptimisticLockException.class) || Causes.has(failure, StaleStateException.class)) {
            return Optional.of(Problem.of(409, "The post was changed by another request; fetch it and try again")
                    .toResponse().build());
        }
        return Optional.empty();
    }

    /** No Retry-After: retrying blindly could make the write twice. */
    private static String outcomeUnknown(String method) {
        String unknown = "The database did not confirm the commit: the write may or may not have been made. ";
        if ("POST".equals(method)) {
            return unknown + "Send it again with the same Idempotency-Key, which creates it at most once; without"
                    + " a key, check whether the post was created (GET /posts lists the newest first) before"
                    + " posting again";
        }
        return unknown + "Read the post (GET, and compare its ETag) before trying again";
    }

    /** A token issued in a lost answer is one nobody holds: the advice is to revoke it. */
    private static String accountOutcomeUnknown(String path) {
        String unknown = "The database did not confirm the commit: the change may or may not have been made. ";
        if (path.endsWith("/tokens")) {
            return unknown + "List the tokens (GET " + path + "), revoke any whose secret you did not receive, and"
                    + " create a new one";
        }
        return unknown + "Read the account (GET /authors or GET /me) before trying again";
    }

    private static boolean isLockConflict(Throwable failure) {
        return Causes.has(failure, PessimisticLockException.class)
                || Causes.has(failure, LockTimeoutException.class)
                || Causes.has(failure, LockAcquisitionException.class);
    }

    private static Response unavailable(String detail) {
        return Problem.of(503, detail).toResponse()
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }
}
