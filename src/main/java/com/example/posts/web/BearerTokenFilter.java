package com.example.posts.web;

import com.example.posts.config.ApiToken;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;
import java.util.Set;

/**
 * Writes need {@code Authorization: Bearer <POSTS_API_TOKEN>}; reads are public.
 * Pre-matching, so a write is authenticated before its path, method, media type or body is looked at.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class BearerTokenFilter implements ContainerRequestFilter {
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String SCHEME = "Bearer ";
    private static final String CHALLENGE = "Bearer realm=\"posts\"";

    private final ApiToken token;

    public BearerTokenFilter(ApiToken token) {
        this.token = token;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (READ_METHODS.contains(request.getMethod())) {
            return;
        }
        if (!token.isConfigured()) {
            request.abortWith(Problem.of(403, "Writes are disabled: this service runs read-only "
                    + "(POSTS_READ_ONLY=true, no POSTS_API_TOKEN)").toResponse().build());
            return;
        }
        Optional<String> presented = bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (presented.isEmpty()) {
            request.abortWith(Problem.of(401, "Writes need an Authorization: Bearer <token> header")
                    .toResponse().header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build());
        } else if (!token.matches(presented)) {
            request.abortWith(Problem.of(401, "The bearer token is not valid")
                    .toResponse()
                    .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE + ", error=\"invalid_token\"")
                    .build());
        } else {
            new Credential(token.scope().orElseThrow()).attachTo(request);
        }
    }

    private static Optional<String> bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String value = authorization.substring(SCHEME.length()).strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
