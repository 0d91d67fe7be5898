package com.example.posts.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every request an id: the caller's X-Request-Id when it is safe to log and echo, else a new one.
 * The id is in the logging MDC while the request is served (so every log line carries it), echoed in the
 * response header, and written into problem bodies.
 */
@Provider
@PreMatching
@Priority(RequestIdFilter.PRIORITY)
public final class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    /** Before authentication and everything else, so even a rejected request has an id. */
    static final int PRIORITY = 100;
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String PROPERTY = RequestIdFilter.class.getName();

    @Override
    public void filter(ContainerRequestContext request) {
        String offered = request.getHeaderString(HEADER);
        String id = offered != null && SAFE_ID.matcher(offered).matches() ? offered : newId();
        request.setProperty(PROPERTY, id);
        MDC.put(MDC_KEY, id);
    }

    /** Unique, not secret: ThreadLocalRandom spares every request a trip through the shared SecureRandom. */
    private static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
            if (response.getEntity() instanceof Problem problem) {
                response.setEntity(problem.withRequestId(id.toString()));
            }
        }
        MDC.remove(MDC_KEY);
    }
}
