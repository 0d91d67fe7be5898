package com.example.posts.web;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure that is not an HTTP or JSON error: what {@link DatabaseFailures} recognises (unavailable,
 * too slow, busy, a lost race), however it is wrapped, gets its answer; anything else is our bug, a 500
 * problem for the client, the stack trace for the log only.
 */
@Provider
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    /** The request being answered (proxies to it): what to advise after a failed commit depends on what it did. */
    private final Request request;
    private final UriInfo uri;

    public UnexpectedExceptionMapper(@Context Request request, @Context UriInfo uri) {
        this.request = request;
        this.uri = uri;
    }

    @Override
    public Response toResponse(Throwable exception) {
        return DatabaseFailures.responseTo(exception, request.getMethod(), uri.getPath()).orElseGet(() -> {
            LOG.error("Unexpected error", exception);
            return Problem.of(500, "The server could not complete the request").toResponse().build();
        });
    }
}
