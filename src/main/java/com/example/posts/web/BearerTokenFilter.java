package com.example.posts.web;

import com.example.posts.author.AuthFailure;
import com.example.posts.author.TokenAuthentication;
import com.example.posts.config.ApiToken;
import com.example.posts.metrics.AuthFailureCounts;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;
import java.util.Set;
import org.slf4j.MDC;

/**
 * Writes need {@code Authorization: Bearer <token>}, and so do reads of accounts ({@code /me},
 * {@code /authors}); reads of posts are public and cost nothing here. Pre-matching, so a request is
 * authenticated before its path, method, media type or body is looked at. The sender's author id and token id
 * go into the logging MDC and into response headers that nginx logs and hides; never the secret.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class BearerTokenFilter implements ContainerRequestFilter, ContainerResponseFilter {
    public static final String AUTHOR_HEADER = "X-Author-Id";
    public static final String TOKEN_HEADER = "X-Token-Id";
    public static final String AUTHOR_MDC_KEY = "author_id";
    public static final String TOKEN_MDC_KEY = "token_id";
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String SCHEME = "Bearer ";
    private static final String CHALLENGE = "Bearer realm=\"posts\"";

    private final ApiToken serviceToken;
    private final TokenAuthentication authentication;
    private final AuthFailureCounts failures;

    public BearerTokenFilter(ApiToken serviceToken, TokenAuthentication authentication, AuthFailureCounts failures) {
        this.serviceToken = serviceToken;
        this.authentication = authentication;
        this.failures = failures;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        // Whatever a request before this one on the thread left behind, this one names no sender until admitted.
        MDC.remove(AUTHOR_MDC_KEY);
        MDC.remove(TOKEN_MDC_KEY);
        if (READ_METHODS.contains(request.getMethod()) && !AccountPaths.covers(request.getUriInfo().getPath())) {
            return;
        }
        if (serviceToken.isReadOnly()) {
            request.abortWith(Problem.of(403, "Writes are disabled: this service runs read-only "
                    + "(POSTS_READ_ONLY=true, no POSTS_API_TOKEN)").toResponse().build());
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            refuse(request, AuthFailure.MISSING, CHALLENGE);
            return;
        }
        Optional<String> presented = bearerToken(authorization);
        TokenAuthentication.Outcome outcome = presented.isEmpty()
                ? new TokenAuthentication.Refused(AuthFailure.MALFORMED)
                : authentication.authenticate(presented.get());
        if (outcome instanceof TokenAuthentication.Accepted accepted) {
            admit(request, accepted.credential());
        } else if (outcome instanceof TokenAuthentication.Refused refused) {
            refuse(request, refused.failure(), CHALLENGE + ", error=\"invalid_token\"");
        }
    }

    /** Names the sender on the way out, counts a refusal of what the token may do, and clears the MDC. */
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Credential.of(request).ifPresent(credential -> {
            response.getHeaders().putSingle(AUTHOR_HEADER, credential.loggedAuthor());
            response.getHeaders().putSingle(TOKEN_HEADER, credential.loggedToken());
            if (response.getStatus() == 403) {
                failures.count(AuthFailure.FORBIDDEN);
            }
        });
        MDC.remove(AUTHOR_MDC_KEY);
        MDC.remove(TOKEN_MDC_KEY);
    }

    private static void admit(ContainerRequestContext request, Credential credential) {
        credential.attachTo(request);
        MDC.put(AUTHOR_MDC_KEY, credential.loggedAuthor());
        MDC.put(TOKEN_MDC_KEY, credential.loggedToken());
    }

    private void refuse(ContainerRequestContext request, AuthFailure failure, String challenge) {
        failures.count(failure);
        request.abortWith(Problem.of(401, failure.detail()).toResponse()
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge).build());
    }

    private static Optional<String> bearerToken(String authorization) {
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String value = authorization.substring(SCHEME.length()).strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
