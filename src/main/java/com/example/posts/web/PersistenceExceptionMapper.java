package com.example.posts.web;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PessimisticLockException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.LockAcquisitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Database failures: an unreachable database or a lock that could not be had is a 503 the client may retry;
 * a write that lost a race is a 409; anything else is our bug, a 500 whose details stay in the log.
 */
@Provider
public final class PersistenceExceptionMapper implements ExceptionMapper<PersistenceException> {
    private static final Logger LOG = LoggerFactory.getLogger(PersistenceExceptionMapper.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    @Override
    public Response toResponse(PersistenceException exception) {
        if (isUnavailable(exception)) {
            LOG.warn("Database unavailable: {}", rootMessage(exception));
            return unavailable("The database is unavailable; try again shortly");
        }
        if (isLockConflict(exception)) {
            LOG.warn("Lock conflict: {}", rootMessage(exception));
            return unavailable("The post is busy; try again shortly");
        }
        if (has(exception, OptimisticLockException.class) || has(exception, StaleStateException.class)) {
            return Problem.of(409, "The post was changed by another request; fetch it and try again")
                    .toResponse().build();
        }
        LOG.error("Database error", exception);
        return Problem.of(500, "The server could not complete the request").toResponse().build();
    }

    static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                // 08: connection exception; a pool that cannot hand out a connection in time has no state.
                if ((state != null && state.startsWith("08"))
                        || sql.getClass().getSimpleName().equals("PoolExhaustedException")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isLockConflict(Throwable failure) {
        return has(failure, PessimisticLockException.class)
                || has(failure, LockTimeoutException.class)
                || has(failure, LockAcquisitionException.class);
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static Response unavailable(String detail) {
        return Problem.of(503, detail).toResponse()
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
