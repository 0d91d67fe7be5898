package com.example.posts.web;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Database failures: what {@link DatabaseFailures} recognises (unavailable, too slow, busy, a lost race)
 * gets its answer; anything else is our bug, a 500 whose details stay in the log.
 */
@Provider
public final class PersistenceExceptionMapper implements ExceptionMapper<PersistenceException> {
    private static final Logger LOG = LoggerFactory.getLogger(PersistenceExceptionMapper.class);

    @Override
    public Response toResponse(PersistenceException exception) {
        return DatabaseFailures.responseTo(exception).orElseGet(() -> {
            LOG.error("Database error", exception);
            return Problem.of(500, "The server could not complete the request").toResponse().build();
        });
    }
}
